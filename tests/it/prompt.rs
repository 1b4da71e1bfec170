//! The questions of `tug init`, `tug job init` and `tug env init` answered through a real
//! pseudo-terminal: arrow keys in select lists, typed names checked as typed, defaults
//! accepted with Enter, and Ctrl-C leaving the repository as it was.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::{ControlCode, Eof, Session, WaitStatus};

use crate::support;
use crate::support::workspace::tree_named;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    tree_named("shop", files)
}

/// `tug ARGS` in `dir` on a pseudo-terminal.
fn spawn(dir: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("tug"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("AWS_PROFILE");
    let mut s = Session::spawn(cmd).expect("spawning tug on a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// Types `text` and Enter.
fn answer(s: &mut Session, text: &str) {
    send(s, text);
    send(s, ENTER);
}

fn expect(s: &mut Session, text: &str) {
    if let Err(e) = s.expect(text) {
        panic!("waiting for {text:?}: {e}");
    }
}

fn send(s: &mut Session, keys: &str) {
    s.send(keys).unwrap();
}

/// Presses Ctrl-C once tug waits for a key: tug stops at once with exit code 130, gives
/// the cursor back (dialoguer hides it in select lists) and says nothing was written.
fn ctrl_c(mut s: Session) {
    std::thread::sleep(Duration::from_millis(500));
    s.send(ControlCode::EndOfText).unwrap();
    let rest = s
        .expect(Eof)
        .map(|c| c.as_bytes().to_vec())
        .unwrap_or_default();
    let rest = String::from_utf8_lossy(&rest).into_owned();
    match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130, "{rest}"),
        other => panic!("tug did not exit on Ctrl-C: {other:?}\n{rest}"),
    }
    assert!(rest.contains("interrupted: nothing was written"), "{rest}");
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}"
    );
}

/// Waits for the end of output and the exit code.
fn exit_code(mut s: Session) -> i32 {
    let _ = s.expect(Eof);
    match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("tug did not exit normally: {other:?}"),
    }
}

const PLAIN: &str = "FROM scratch\nCMD [\"/app\"]\n";
const WEB: &str = "FROM scratch\nEXPOSE 3000\n";

#[test]
fn init_asks_with_arrow_keys_typed_names_and_defaults() {
    let r = repo(&[("api/Dockerfile", PLAIN), ("web/Dockerfile", WEB)]);
    let mut s = spawn(r.path(), &["init"]);

    expect(
        &mut s,
        "What is the application called? (or pass --app NAME)",
    );
    answer(&mut s, "shop");

    expect(&mut s, "Which Dockerfile should tug build?");
    expect(&mut s, "Use an existing image instead");
    send(&mut s, DOWN); // api/Dockerfile -> web/Dockerfile
    send(&mut s, ENTER);

    expect(&mut s, "Which type of workload is it?");
    expect(
        &mut s,
        "reachable only from other services in the environment",
    );
    send(&mut s, DOWN); // Load Balanced Web Service -> Backend Service
    send(&mut s, ENTER);

    // The name proposed from the Dockerfile's folder; a bad one is refused with the reason.
    expect(
        &mut s,
        "What should the service be called? (or pass --name NAME) [web]",
    );
    answer(&mut s, "Front--end");
    expect(&mut s, "must start with a lowercase letter");
    answer(&mut s, "front--end");
    expect(&mut s, "must not contain `--`");
    answer(&mut s, "frontend");

    // The port the Dockerfile EXPOSEs, accepted with Enter.
    expect(
        &mut s,
        "Which port does it listen on? (empty: none) (or pass --port N) [3000]",
    );
    send(&mut s, ENTER);

    expect(&mut s, "wrote tug/frontend/manifest.yml");
    assert_eq!(exit_code(s), 0);

    assert_eq!(
        support::read(&r.path().join("tug/.workspace")),
        "application: shop\n"
    );
    let manifest = support::read(&r.path().join("tug/frontend/manifest.yml"));
    assert!(manifest.contains("name: frontend"), "{manifest}");
    assert!(manifest.contains("type: Backend Service"), "{manifest}");
    assert!(manifest.contains("build: \"web/Dockerfile\""), "{manifest}");
    assert!(manifest.contains("port: 3000"), "{manifest}");
    assert!(r
        .path()
        .join("tug/environments/test/manifest.yml")
        .is_file());
}

#[test]
fn ctrl_c_in_a_select_list_leaves_nothing_behind() {
    let r = repo(&[("api/Dockerfile", PLAIN), ("web/Dockerfile", WEB)]);
    let mut s = spawn(r.path(), &["init", "--app", "shop"]);
    expect(&mut s, "Which Dockerfile should tug build?");
    send(&mut s, DOWN);
    ctrl_c(s);
    assert!(!r.path().join("tug").exists(), "no tug/ folder");
}

#[test]
fn ctrl_c_after_some_answers_leaves_nothing_behind() {
    let r = repo(&[("web/Dockerfile", WEB)]);
    let mut s = spawn(r.path(), &["init"]);
    expect(&mut s, "What is the application called?");
    answer(&mut s, "shop");
    expect(&mut s, "Which Dockerfile should tug build?");
    send(&mut s, ENTER);
    expect(&mut s, "Which type of workload is it?");
    send(&mut s, ENTER);
    expect(&mut s, "What should the service be called?");
    send(&mut s, "fro");
    ctrl_c(s);
    assert!(!r.path().join("tug").exists(), "no tug/ folder");
}

#[test]
fn job_init_checks_the_schedule_as_typed() {
    let r = repo(&[
        ("tug/.workspace", "application: shop\n"),
        ("report/Dockerfile", PLAIN),
    ]);
    let mut s = spawn(r.path(), &["job", "init"]);
    expect(&mut s, "Which Dockerfile should tug build?");
    send(&mut s, ENTER);
    expect(
        &mut s,
        "What should the job be called? (or pass --name NAME) [report]",
    );
    send(&mut s, ENTER);
    expect(
        &mut s,
        "When should it run? (e.g. @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *))",
    );
    answer(&mut s, "rate(5 minute)");
    expect(&mut s, "the plural otherwise");
    answer(&mut s, "@every 2h");
    expect(&mut s, "wrote tug/report/manifest.yml");
    assert_eq!(exit_code(s), 0);
    let manifest = support::read(&r.path().join("tug/report/manifest.yml"));
    assert!(manifest.contains("schedule: \"@every 2h\""), "{manifest}");
    assert!(manifest.contains("type: Scheduled Job"), "{manifest}");
}

#[test]
fn env_init_imports_a_vpc_from_answers() {
    let r = repo(&[("tug/.workspace", "application: shop\n")]);
    let mut s = spawn(r.path(), &["env", "init"]);
    expect(
        &mut s,
        "What is the environment called? (e.g. test, prod) (or pass --name ENV) [test]",
    );
    answer(&mut s, "prod");
    expect(&mut s, "Which network should the environment use?");
    answer(&mut s, DOWN);
    expect(&mut s, "VPC id");
    answer(&mut s, "vpc-0123456789abcdef0");
    expect(&mut s, "Public subnet ids");
    answer(&mut s, "subnet-11111111");
    expect(&mut s, "give at least 2 subnet ids");
    answer(&mut s, "subnet-11111111,subnet-22222222");
    expect(&mut s, "Private subnet ids");
    answer(&mut s, "subnet-33333333, subnet-44444444");
    expect(&mut s, "wrote tug/environments/prod/manifest.yml");
    assert_eq!(exit_code(s), 0);
    let manifest = support::read(&r.path().join("tug/environments/prod/manifest.yml"));
    assert!(manifest.contains("- id: \"subnet-44444444\""), "{manifest}");
}
