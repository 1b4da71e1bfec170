//! The manual pages under `man/` (clap_mangen, from the same definitions as `--help`) must
//! equal what tug generates; `tug --version` names the commit.

use crate::support::{self, code, root, stdout};

const REGENERATE: &str = "TUG_BLESS=1 cargo test --test it man::";

#[test]
fn checked_in_man_pages_are_current() {
    let dir = root().join("man");
    let bless = std::env::var_os("TUG_BLESS").is_some();
    let pages = tug::cli::man::pages();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for needed in [
        "tug.1",
        "tug-svc-deploy.1",
        "tug-validate.1",
        "tug-env-deploy.1",
    ] {
        assert!(names.contains(&needed), "no {needed} among {names:?}");
    }
    for (name, page) in &pages {
        let path = dir.join(name);
        if bless {
            std::fs::write(&path, page).unwrap();
        }
        assert!(
            std::fs::read_to_string(&path).unwrap_or_default() == *page,
            "man/{name} is stale: run `{REGENERATE}` and commit it"
        );
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            names.contains(&name.as_str()),
            "man/{name} is the page of no command: run `{REGENERATE}`"
        );
    }
    // A page documents its flags, and `tug man` prints the checked-in page.
    let deploy = &pages
        .iter()
        .find(|(n, _)| n == "tug-svc-deploy.1")
        .unwrap()
        .1;
    assert!(
        deploy.contains("\\-\\-diff") && deploy.contains(".TH tug-svc-deploy 1 "),
        "{deploy}"
    );
    let out = support::tug()
        .args(["man", "svc", "deploy"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), *deploy);
    let out = support::tug()
        .args(["man", "svc", "nope"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
}

#[test]
fn version_names_the_commit_and_with_v_the_copilot_format() {
    let out = support::tug().arg("--version").output().unwrap();
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("tug {} ", env!("CARGO_PKG_VERSION")))
            || first == format!("tug {}", env!("CARGO_PKG_VERSION")),
        "{text}"
    );
    // Built in a git checkout: the commit is HEAD's.
    let head = std::process::Command::new("git")
        .arg("-C")
        .arg(root())
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if let Some(head) = head.filter(|_| std::env::var_os("TUG_COMMIT").is_none()) {
        assert!(
            first.contains(&format!("({head} ")),
            "{text} (HEAD is {head})"
        );
    }
    assert!(!text.contains("Copilot"), "{text}");
    for args in [
        &["--version", "-v"][..],
        &["-v", "--version"],
        &["svc", "--version", "--verbose"],
    ] {
        let out = support::tug().args(args).output().unwrap();
        assert_eq!(code(&out), 0, "{args:?}");
        let text = stdout(&out);
        assert!(
            text.contains("Copilot manifests: the format of AWS Copilot CLI v1.34.0"),
            "{args:?}: {text}"
        );
        assert!(text.lines().any(|l| l.starts_with("commit: ")), "{text}");
    }
}
