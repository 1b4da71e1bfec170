//! What the integration tests share: the `tug` binary and its output, the parts some tests
//! need (moto, cfn-lint, the container engines and a registry), temporary workspaces, and
//! the Copilot fixture corpus.
//!
//! One policy for a part that is missing: [`missing`]. Under `CI=true` the test fails
//! with a message naming the part; elsewhere it is skipped with the reason printed.
#![allow(dead_code)]

pub mod cfn_lint;
pub mod checkov;
pub mod corpus;
pub mod images;
pub mod jsonschema;
pub mod localstack;
pub mod moto;
pub mod proxy;
pub mod workspace;

use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Output};

use assert_cmd::Command;

/// The value of an `Option` holding a part a test needs; on `None` the test returns
/// early (skipped: [`missing`] has said why, or failed already under CI).
macro_rules! need {
    ($part:expr) => {
        match $part {
            Some(part) => part,
            None => return,
        }
    };
}
pub(crate) use need;

/// Whether this run is CI, where every part must be there: `CI=true` (or `1`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// A part a test needs is missing (`part`: what it is and why it is unusable; `install`:
/// how to get it). Under CI the test fails naming the part; elsewhere this prints why the
/// test is skipped and returns `None` for the test to return.
pub fn missing<T>(part: &str, install: &str) -> Option<T> {
    if in_ci() {
        panic!("CI=true and a part this test needs is missing: {part}; {install}");
    }
    eprintln!("skipped: {part}; {install}");
    None
}

/// The built `tug` binary, with a clean environment for colour, AWS and CI.
pub fn tug() -> Command {
    let mut cmd = Command::cargo_bin("tug").expect("the tug binary is built");
    cmd.env("NO_COLOR", "1").env_remove("AWS_PROFILE");
    for var in CI_VARS {
        cmd.env_remove(var);
    }
    cmd
}

/// What a CI system sets that changes tug's output (annotations, step summaries): unset
/// for every test, so a test suite run under GitHub Actions sees what it sees elsewhere.
pub const CI_VARS: [&str; 3] = ["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"];

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The exit code; a test fails outright when tug died of a signal.
pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .unwrap_or_else(|| panic!("tug was killed by a signal: {:?}", out.status))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `tug ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    tug().current_dir(dir).args(args).output().unwrap()
}

/// Runs `cmd`, which must succeed; its output.
pub fn ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {:?}\nstdout: {}\nstderr: {}",
        cmd,
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Sends Ctrl-C (SIGINT) to `child` and waits for it to end.
pub fn interrupt(child: &mut Child) -> ExitStatus {
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    child.wait().unwrap()
}

/// Everything left to read in a piped stream of a child (`child.stdout` / `child.stderr`).
pub fn drain(pipe: Option<impl std::io::Read>) -> String {
    let mut text = String::new();
    pipe.expect("the stream is piped")
        .read_to_string(&mut text)
        .unwrap();
    text
}
