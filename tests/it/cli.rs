//! The command line itself: help, version, usage errors and their exit codes, output
//! channels (JSON on stdout, colour, quiet) and closed pipes.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::support::workspace::tree;
use crate::support::{self, code, stderr, stdout};

fn run(args: &[&str]) -> Output {
    support::tug().args(args).output().unwrap()
}

/// The names under "Commands:" in a help text.
fn commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect()
}

const WS: &str = "application: shop\n";
const ENV: &str = "name: test\ntype: Environment\n";
const API: &str = "name: api\ntype: Backend Service\nimage:\n  location: nginx\n";
const WEB: &str =
    "name: web\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n";
/// Valid, with one `not-implemented` warning (`observability`).
const WARNS: &str = "name: api\ntype: Backend Service\nimage:\n  location: nginx\nobservability:\n  tracing: awsxray\n";
/// Invalid: a Fargate size error.
const BAD: &str =
    "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 256\nmemory: 4096\n";

fn two_services() -> tempfile::TempDir {
    tree(&[
        ("tug/.workspace", WS),
        ("tug/environments/test/manifest.yml", ENV),
        ("tug/api/manifest.yml", API),
        ("tug/web/manifest.yml", WEB),
    ])
}

#[test]
fn version_prints_the_crate_version() {
    let out = run(&["--version"]);
    assert_eq!(code(&out), 0);
    // The version, then the commit when it was built from a git checkout (man.rs checks it).
    let text = stdout(&out);
    let version = format!("tug {}", env!("CARGO_PKG_VERSION"));
    assert!(
        text == format!("{version}\n") || text.starts_with(&format!("{version} (")),
        "{text}"
    );
    // propagate_version: subcommands answer too.
    assert_eq!(code(&run(&["svc", "--version"])), 0);
}

#[test]
fn help_lists_the_working_commands() {
    let out = run(&["--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    let listed = commands(&help);
    for c in ["validate", "svc", "completions"] {
        assert!(listed.contains(&c.to_string()), "`{c}` missing:\n{help}");
    }
    for flag in [
        "-C <DIR>",
        "--json",
        "--quiet",
        "--verbose",
        "--no-color",
        "--region",
        "--profile",
    ] {
        assert!(help.contains(flag), "global flag {flag} missing:\n{help}");
    }
    // Short help too.
    assert_eq!(commands(&stdout(&run(&["-h"]))), listed);
}

/// Every noun in `tug --help` must have at least one subcommand that works.
#[test]
fn help_lists_no_command_that_does_nothing() {
    let help = stdout(&run(&["--help"]));
    for c in commands(&help) {
        if c == "help" {
            continue;
        }
        let sub = stdout(&run(&[&c, "--help"]));
        if !sub.contains("<COMMAND>") {
            continue; // a command that runs by itself (validate, init, completions)
        }
        let subs: Vec<String> = commands(&sub).into_iter().filter(|s| s != "help").collect();
        assert!(
            !subs.is_empty(),
            "`tug {c}` is listed but has no commands:\n{sub}"
        );
    }
}

#[test]
fn svc_help_shows_its_commands_and_flags() {
    let out = run(&["svc", "--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    assert!(help.starts_with("Services:"), "{help}");
    assert_eq!(
        commands(&help),
        vec![
            "init", "deploy", "ls", "show", "delete", "status", "logs", "package", "exec", "scale",
            "rollback", "help"
        ]
    );
    let out = run(&["svc", "show", "--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for flag in ["--name <NAME>", "--env <ENV>", "--manifest", "-n", "-e"] {
        assert!(help.contains(flag), "{flag} missing:\n{help}");
    }
}

#[test]
fn validate_help_names_its_arguments() {
    let help = stdout(&run(&["validate", "--help"]));
    assert!(help.contains("--env <ENV>"), "{help}");
    assert!(help.contains("[PATH]..."), "{help}");
}

#[test]
fn an_unknown_flag_is_a_usage_error_naming_it() {
    let out = run(&["validate", "--bogus"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("'--bogus'"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Usage: tug validate"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_required_flag_is_a_usage_error_naming_it() {
    let out = run(&["svc", "package", "-n", "api"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--output-dir"), "{}", stderr(&out));
    let out = run(&["completions"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("<SHELL>"), "{}", stderr(&out));
    let out = run(&["completions", "tcsh"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("tcsh"), "{}", stderr(&out));
}

#[test]
fn a_timeout_too_long_to_count_is_a_usage_error_naming_the_flag() {
    for huge in ["99999999999999999999999h", "1e400d", "infd", "367d"] {
        for args in [
            &["svc", "deploy", "-n", "api", "--timeout", huge][..],
            &["deploy", "-e", "test", "--timeout", huge][..],
        ] {
            let out = run(args);
            let err = stderr(&out);
            assert_eq!(code(&out), 2, "{args:?}: {err}");
            assert!(err.contains("--timeout"), "{args:?}: {err}");
            assert!(err.contains("longer than 366 days"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
}

#[test]
fn no_command_is_a_usage_error() {
    let out = run(&[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("Usage: tug"), "{}", stderr(&out));
}

#[test]
fn dash_c_to_a_missing_directory_is_a_usage_error() {
    let out = run(&["-C", "/nonexistent/tug-test", "validate"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("-C /nonexistent/tug-test: no such directory"),
        "{err}"
    );
}

#[test]
fn dash_c_to_a_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    std::fs::write(&file, "").unwrap();
    let out = run(&["-C", file.to_str().unwrap(), "validate"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no such directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn show_with_several_services_and_no_name_asks_for_dash_n() {
    let ws = two_services();
    let out = support::tug()
        .current_dir(ws.path())
        .args(["svc", "show", "--manifest", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("pass -n NAME"), "{err}");
    assert!(err.contains("api, web"), "{err}");
}

#[test]
fn show_with_several_environments_and_no_env_asks_for_dash_e() {
    let ws = tree(&[
        ("tug/.workspace", WS),
        ("tug/environments/test/manifest.yml", ENV),
        (
            "tug/environments/prod/manifest.yml",
            "name: prod\ntype: Environment\n",
        ),
        ("tug/api/manifest.yml", API),
    ]);
    let out = support::tug()
        .current_dir(ws.path())
        .args(["svc", "show", "--manifest"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("pass -e ENV"), "{}", stderr(&out));
}

#[test]
fn show_never_prints_aws_credentials_from_the_environment() {
    const SECRET: &str = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    let ws = tree(&[
        ("tug/.workspace", WS),
        ("tug/environments/test/manifest.yml", ENV),
        (
            "tug/api/manifest.yml",
            "name: api\ntype: Backend Service\nimage:\n  location: nginx:${TAG}\nvariables:\n  KEY: ${AWS_SECRET_ACCESS_KEY}\n",
        ),
    ]);
    let show = |json: bool| {
        let mut cmd = support::tug();
        cmd.current_dir(ws.path())
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("TAG", "1.27");
        if json {
            cmd.arg("--json");
        }
        cmd.args(["svc", "show", "--manifest", "-n", "api", "-e", "test"])
            .output()
            .unwrap()
    };
    for json in [false, true] {
        let out = show(json);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(code(&out), 1, "{all}");
        assert!(!all.contains(SECRET), "the secret was printed: {all}");
        assert!(
            all.contains("`${AWS_SECRET_ACCESS_KEY}` holds AWS credentials"),
            "{all}"
        );
        assert!(all.contains("tug/api/manifest.yml:6:8"), "{all}");
    }
}

/// Spawns tug with its stdout a pipe whose reading end is closed at once, as
/// `tug ... | head -0` does.
fn with_closed_stdout(args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("tug"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code(), err)
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let here = support::root();
    for shell in ["bash", "zsh", "fish"] {
        let (status, err) = with_closed_stdout(&["completions", shell], &here);
        assert_eq!(status, Some(0), "completions {shell}: {err}");
        assert!(err.is_empty(), "completions {shell} complained: {err}");
    }
    let ws = two_services();
    let (status, err) = with_closed_stdout(
        &["svc", "show", "--manifest", "-n", "web", "-e", "test"],
        ws.path(),
    );
    assert_eq!(status, Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn reading_only_the_first_line_is_fine() {
    // `tug completions bash | head -1`: read a line, then close.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("tug"))
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn completions_are_scripts_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef tug"),
        ("fish", "complete -c tug"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[tug]"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        let text = stdout(&out);
        assert!(text.contains(marker), "{shell}: no `{marker}`");
        assert!(text.contains("validate"), "{shell}: no `validate`");
    }
}

fn assert_one_json_document(out: &Output) -> Value {
    // serde_json::from_slice rejects anything after the document.
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not exactly one JSON document ({e}):\n{}",
            stdout(out)
        )
    })
}

#[test]
fn json_output_is_exactly_one_document() {
    let ws = tree(&[
        ("tug/.workspace", WS),
        ("tug/environments/test/manifest.yml", ENV),
        ("tug/api/manifest.yml", BAD),
        ("tug/web/manifest.yml", WEB),
        ("tug/job/manifest.yml", "name: job\ntype: Backend Service\nimage:\n  location: nginx\nobservability:\n  tracing: awsxray\n"),
    ]);
    // Invalid workspace: still one document, and people-talk stays off stdout.
    let out = support::tug()
        .current_dir(ws.path())
        .args(["--json", "validate"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let report = assert_one_json_document(&out);
    assert_eq!(report["valid"], false);
    let d = report["diagnostics"].as_array().unwrap();
    // The public web service without HTTPS gets its warning too.
    assert!(d.iter().any(|d| d["code"] == "no-https"), "{report:#}");
    let d: Vec<&serde_json::Value> = d.iter().filter(|d| d["code"] != "no-https").collect();
    assert_eq!(d.len(), 2, "{report:#}");
    for field in [
        "file", "line", "column", "severity", "code", "message", "help",
    ] {
        assert!(d[0].get(field).is_some(), "no `{field}` in {}", d[0]);
    }
    assert_eq!(d[0]["file"], "tug/api/manifest.yml");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(6), Some(9))
    );
    assert_eq!(d[0]["severity"], "error");
    assert_eq!(d[0]["code"], "fargate-size");
    assert_eq!(d[1]["severity"], "warning");
    // `--json` after the subcommand works the same (global flag).
    let out = support::tug()
        .current_dir(ws.path())
        .args(["validate", "--json"])
        .output()
        .unwrap();
    assert_one_json_document(&out);

    let out = support::tug()
        .current_dir(ws.path())
        .args([
            "--json",
            "svc",
            "show",
            "--manifest",
            "-n",
            "web",
            "-e",
            "test",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(assert_one_json_document(&out)["name"], "web");
}

#[test]
fn a_valid_file_gives_valid_true_and_exit_0() {
    let dir = tree(&[("ok.yml", WARNS)]);
    let out = support::tug()
        .current_dir(dir.path())
        .args(["--json", "validate", "ok.yml"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    let report = assert_one_json_document(&out);
    assert_eq!(report["valid"], true);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
}

/// Runs tug under a pseudo-terminal (util-linux `script`) so that colour would be on.
#[cfg(target_os = "linux")]
fn in_a_terminal(args: &str, dir: &Path, no_color_env: bool) -> String {
    let bin = assert_cmd::cargo::cargo_bin("tug");
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .current_dir(dir)
        .env_remove("NO_COLOR");
    if no_color_env {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd
        .output()
        .expect("util-linux `script` is needed to test colour");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn no_color_and_the_flag_turn_colour_off() {
    let dir = tree(&[("bad.yml", BAD)]);
    let coloured = in_a_terminal("validate bad.yml", dir.path(), false);
    assert!(
        coloured.contains("\x1b["),
        "a terminal should get colour (else this test proves nothing):\n{coloured}"
    );
    assert!(coloured.contains("not a Fargate size"), "{coloured}");
    for (args, env) in [
        ("validate bad.yml", true),
        ("--no-color validate bad.yml", false),
    ] {
        let plain = in_a_terminal(args, dir.path(), env);
        assert!(plain.contains("not a Fargate size"), "{plain}");
        assert!(
            !plain.contains('\x1b'),
            "ANSI escape with {args:?}:\n{plain}"
        );
    }
    // Not a terminal: never colour, even without NO_COLOR.
    let out = Command::new(assert_cmd::cargo::cargo_bin("tug"))
        .args(["validate", "bad.yml"])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\x1b'), "{}", stderr(&out));
}

#[test]
fn quiet_hides_warnings_but_not_errors() {
    let dir = tree(&[("warns.yml", WARNS), ("bad.yml", BAD)]);
    let loud = support::tug()
        .current_dir(dir.path())
        .args(["validate", "warns.yml"])
        .output()
        .unwrap();
    assert_eq!(code(&loud), 0);
    assert!(
        stderr(&loud).contains("`observability` is read but not acted on"),
        "{}",
        stderr(&loud)
    );
    for q in ["-q", "--quiet"] {
        let quiet = support::tug()
            .current_dir(dir.path())
            .args([q, "validate", "warns.yml"])
            .output()
            .unwrap();
        assert_eq!(code(&quiet), 0);
        assert_eq!(stderr(&quiet), "", "{q} printed something");
    }
    let quiet_bad = support::tug()
        .current_dir(dir.path())
        .args(["-q", "validate", "bad.yml"])
        .output()
        .unwrap();
    assert_eq!(code(&quiet_bad), 1);
    assert!(
        stderr(&quiet_bad).contains("not a Fargate size"),
        "{}",
        stderr(&quiet_bad)
    );
}

#[test]
fn quiet_and_verbose_conflict() {
    let out = run(&["-q", "-v", "validate"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--verbose"), "{}", stderr(&out));
}

#[test]
fn validate_summarises_what_it_checked() {
    let dir = tree(&[("warns.yml", WARNS), ("bad.yml", BAD), ("ok.yml", API)]);
    let out = support::tug()
        .current_dir(dir.path())
        .args(["validate", "ok.yml"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "1 manifest valid\n");
    let out = support::tug()
        .current_dir(dir.path())
        .args(["validate", "ok.yml", "warns.yml"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).ends_with("2 manifests valid (1 warning)\n"),
        "{}",
        stderr(&out)
    );
    let out = support::tug()
        .current_dir(dir.path())
        .args(["validate", "ok.yml", "warns.yml", "bad.yml"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).ends_with("3 manifests checked: 1 error, 1 warning\n"),
        "{}",
        stderr(&out)
    );
    // Located as path:line:col, relative to where tug runs.
    assert!(stderr(&out).contains("[bad.yml:6:9]"), "{}", stderr(&out));
}

#[test]
fn region_and_profile_are_accepted_everywhere() {
    let dir = tree(&[("ok.yml", API)]);
    let out = support::tug()
        .current_dir(dir.path())
        .args([
            "validate",
            "--region",
            "eu-west-1",
            "--profile",
            "nobody",
            "ok.yml",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}
