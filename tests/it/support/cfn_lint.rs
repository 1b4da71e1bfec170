//! cfn-lint over rendered templates, through `scripts/cfn-lint` (the pinned version;
//! `TUG_CFN_LINT` names another binary of that version).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{missing, root};

/// Lints `files` in one cfn-lint run (its start-up takes seconds); any error fails the
/// test. A cfn-lint that cannot be installed follows [`super::missing`].
pub fn lint(files: &[PathBuf]) {
    let script = root().join("scripts/cfn-lint");
    let out = Command::new(&script)
        .args(files.iter().map(|p| p.as_path()).collect::<Vec<&Path>>())
        .output()
        .expect("running scripts/cfn-lint");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        let _: Option<()> = missing(
            &format!("cfn-lint is not available (scripts/cfn-lint says: {stderr})"),
            "scripts/test installs cfn-lint 1.58.0 into .tug-test/venv",
        );
        return;
    }
    assert!(
        out.status.success(),
        "cfn-lint found errors:\n{stdout}\n{stderr}"
    );
}
