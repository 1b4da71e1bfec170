//! The completion scripts `tug completions` prints, as insta snapshots, and the checked-in
//! copies under `completions/`, which must match them.

use crate::support::{read, root, tug};

#[test]
fn checked_in_completions_are_current() {
    for (shell, file) in [
        ("bash", "tug.bash"),
        ("zsh", "_tug"),
        ("fish", "tug.fish"),
        ("powershell", "_tug.ps1"),
        ("elvish", "tug.elv"),
    ] {
        let out = tug().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "tug completions {shell} failed");
        let generated = String::from_utf8(out.stdout).unwrap();
        insta::assert_snapshot!(format!("completions-{shell}"), generated);
        assert!(
            read(&root().join("completions").join(file)) == generated,
            "completions/{file} is stale: run `cargo run -q -- completions {shell} > completions/{file}` and commit it"
        );
        assert!(
            generated.contains("validate"),
            "{shell} completions lack `validate`"
        );
    }
}
