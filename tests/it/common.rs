//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built `tug` binary, with a clean environment for colour and AWS.
pub fn tug() -> Command {
    let mut cmd = Command::cargo_bin("tug").expect("the tug binary is built");
    cmd.env("NO_COLOR", "1").env_remove("AWS_PROFILE");
    cmd
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder beside the checkout (specs and the Copilot fixtures).
pub fn shared() -> PathBuf {
    root().join("../shared")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}
