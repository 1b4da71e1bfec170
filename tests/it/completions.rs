//! The checked-in completion scripts match what `tug completions` prints.

use crate::common::{read, root, tug};

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
        let path = root().join("completions").join(file);
        if std::env::var_os("TUG_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        assert_eq!(
            read(&path),
            generated,
            "completions/{file} is stale: run `TUG_BLESS=1 cargo test completions` and commit it"
        );
        assert!(
            generated.contains("validate"),
            "{shell} completions lack `validate`"
        );
    }
}
