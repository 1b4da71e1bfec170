//! Manifests end to end through the binary: the Copilot corpus, UI golden files for every
//! validation rule and every kind of bad input, the override merge and interpolation as
//! `tug svc show --manifest` prints them, and workspace discovery.
//!
//! UI goldens: each `tests/ui/**/<case>.yml` has an insta snapshot in `tests/ui` holding the
//! exit code and the stderr of `tug validate --no-color tests/ui/<case>.yml`, run from the
//! repo root. `INSTA_UPDATE=always cargo test --test it ui_goldens` rewrites them (or
//! `cargo insta review`); review the diff before committing.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::support::corpus::corpora;
use crate::support::workspace::{tree, write};
use crate::support::{self, code, run_in, stderr, stdout};

// ---------------------------------------------------------------------------------------
// Helpers

/// Runs `tug --json validate ARGS` in `dir`; returns the exit code and the parsed report.
fn validate_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = support::tug()
        .current_dir(dir)
        .arg("validate")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "validate --json {args:?} did not print one JSON document ({e}):\n{}\n{}",
            stdout(&out),
            stderr(&out)
        )
    });
    (code(&out), report)
}

fn diagnostics(report: &Value) -> &Vec<Value> {
    report["diagnostics"].as_array().expect("diagnostics list")
}

/// The codes of the diagnostics with `severity`, in order.
fn codes(report: &Value, severity: &str) -> Vec<String> {
    diagnostics(report)
        .iter()
        .filter(|d| d["severity"] == severity)
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

const ENV_TEST: &str = "name: test\ntype: Environment\n";
const ENV_PROD: &str = "name: prod\ntype: Environment\n";

/// A `tug/` workspace for app `shop` with environments test and prod and service `api`.
fn workspace(api: &str) -> TempDir {
    tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/environments/test/manifest.yml", ENV_TEST),
        ("tug/environments/prod/manifest.yml", ENV_PROD),
        ("tug/api/manifest.yml", api),
    ])
}

/// `tug -C WS --json svc show --manifest -n api -e ENV`, which must succeed.
fn show(ws: &Path, env: &str, vars: &[(&str, &str)]) -> Value {
    let mut cmd = support::tug();
    cmd.arg("-C").arg(ws).args([
        "--json",
        "svc",
        "show",
        "--manifest",
        "-n",
        "api",
        "-e",
        env,
    ]);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(code(&out), 0, "svc show failed:\n{}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}):\n{}", stdout(&out)))
}

// ---------------------------------------------------------------------------------------
// The Copilot corpus

#[test]
fn every_copilot_fixture_loads_without_a_crash_and_every_diagnostic_is_located() {
    for corpus in corpora() {
        let mut seen = Vec::new();
        for name in corpus.files() {
            let (status, report) = validate_json(&corpus.path(), &[&name]);
            assert!(
                status == 0 || status == 1,
                "{name}: exit {status}, expected 0 or 1"
            );
            assert_eq!(report["valid"], json!(status == 0), "{name}: {report:#}");
            for d in diagnostics(&report) {
                assert_eq!(d["file"], json!(name), "{name}: {d}");
                assert!(d["line"].as_u64().is_some_and(|l| l >= 1), "{name}: {d}");
                assert!(d["column"].as_u64().is_some_and(|c| c >= 1), "{name}: {d}");
                assert!(!d["message"].as_str().unwrap().is_empty(), "{name}: {d}");
                assert!(d["help"].is_string(), "{name}: no help: {d}");
            }
            seen.push(name);
        }
        seen.sort();
        let mut listed: Vec<String> = corpus
            .valid
            .iter()
            .chain(corpus.rejected.iter().map(|r| &r.file))
            .cloned()
            .collect();
        listed.sort();
        assert_eq!(
            seen, listed,
            "{}: the fixture folder changed: list each file as valid or rejected in tests/fixtures/corpora.json",
            corpus.dir
        );
    }
}

#[test]
fn fixtures_valid_today_stay_valid() {
    for corpus in corpora() {
        for name in &corpus.valid {
            let (status, report) = validate_json(&corpus.path(), &[name]);
            assert_eq!(status, 0, "{name} became invalid: {report:#}");
            assert_eq!(codes(&report, "error"), Vec::<String>::new(), "{name}");
        }
    }
}

#[test]
fn fixtures_with_placeholders_or_unsupported_types_give_exact_codes() {
    for corpus in corpora() {
        for rejected in &corpus.rejected {
            let name = &rejected.file;
            let (status, report) = validate_json(&corpus.path(), &[name]);
            assert_eq!(status, 1, "{name}: {report:#}");
            assert_eq!(
                codes(&report, "error"),
                rejected.codes,
                "{name}: {report:#}"
            );
        }
    }
}

#[test]
fn unsupported_types_say_so_in_words() {
    for corpus in corpora() {
        for name in &corpus.unsupported {
            let out = run_in(&corpus.path(), &["validate", name]);
            assert_eq!(code(&out), 1);
            assert!(
                stderr(&out).contains("is not supported by tug"),
                "{name}:\n{}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn fields_tug_acts_on_get_no_not_implemented_warning() {
    for corpus in corpora() {
        // The file uses `publish` and `storage.volumes`, both rendered (a field tug does
        // not act on yet gets one warning naming it: tests/ui/valid-with-warning).
        let (_, report) = validate_json(&corpus.path(), &[&corpus.publish_and_volumes]);
        let warned: Vec<&Value> = diagnostics(&report)
            .iter()
            .filter(|d| d["code"] == "not-implemented")
            .collect();
        assert!(warned.is_empty(), "{warned:?}");
        assert!(
            diagnostics(&report).iter().any(|d| d["code"] == "bad-name"),
            "the file was validated: {report}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// UI goldens: tests/ui/**/*.yml -> .snap

fn ui_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ui_cases(&path, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("yml") {
            out.push(path);
        }
    }
}

/// What a golden holds: the exit code, then stderr as a person sees it.
fn rendered(rel: &str) -> String {
    let out = run_in(&support::root(), &["validate", "--no-color", rel]);
    format!("exit: {}\n{}", code(&out), stderr(&out))
}

#[test]
fn ui_goldens() {
    let root = support::root();
    let ui = root.join("tests/ui");
    let mut cases = Vec::new();
    ui_cases(&ui, &mut cases);
    cases.sort();
    assert!(cases.len() >= 40, "only {} UI cases found", cases.len());
    // Each case's snapshot is beside it: tests/ui/<case>.snap.
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../ui");
    settings.set_prepend_module_to_snapshot(false);
    let _settings = settings.bind_to_scope();
    let mut names = Vec::new();
    for case in &cases {
        let rel = case.strip_prefix(&root).unwrap().to_str().unwrap();
        let got = rendered(rel);
        // Every case is a bad manifest or a warning, never a crash or a usage error.
        assert!(
            got.starts_with("exit: 0\n") || got.starts_with("exit: 1\n"),
            "{rel}:\n{got}"
        );
        assert!(!got.contains("panicked"), "{rel}:\n{got}");
        let name = snapshot_name(case.strip_prefix(&ui).unwrap());
        insta::assert_snapshot!(name.as_str(), got);
        names.push(name);
    }
    // Snapshots whose manifest was removed.
    for entry in std::fs::read_dir(&ui).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) == Some("snap") {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            assert!(
                names.iter().any(|n| n == stem),
                "{}: a snapshot without a .yml case",
                path.display()
            );
        }
    }
}

/// The snapshot of `tests/ui/<rel>`: its path without `.yml`, folders joined with `__`.
fn snapshot_name(rel: &Path) -> String {
    rel.with_extension("")
        .to_str()
        .unwrap()
        .replace(std::path::MAIN_SEPARATOR, "__")
}

/// The key rules of the UI cases, by code, so a golden blessed by mistake cannot hide a
/// rule that stopped firing.
#[test]
fn ui_cases_fire_the_rule_they_are_named_for() {
    let ui = support::root().join("tests/ui");
    let table = support::read(&ui.join("codes.txt"));
    let expect = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (case, codes) = l.split_once(':').expect("`case: codes`");
            (case, codes.split_whitespace().collect::<Vec<_>>())
        });
    for (case, want) in expect {
        let (status, report) = validate_json(&ui, &[&format!("{case}.yml")]);
        assert_eq!(codes(&report, "error"), want, "{case}: {report:#}");
        assert_eq!(status, if want.is_empty() { 0 } else { 1 }, "{case}");
    }
}

#[test]
fn all_unknown_keys_in_a_file_are_reported_in_one_run_with_suggestions() {
    let ui = support::root().join("tests/ui");
    let (status, report) = validate_json(&ui, &["unknown-keys.yml"]);
    assert_eq!(status, 1);
    let unknown: Vec<(u64, &str)> = diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "unknown-field")
        .map(|d| (d["line"].as_u64().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        unknown,
        vec![
            (3, "did you mean `image`?"),
            (6, "did you mean `memory`?"),
            (9, "did you mean `healthcheck`?"),
            (12, "did you mean `cpu_percentage`?"),
            (16, "did you mean `essential`?"),
        ]
    );
}

#[test]
fn fargate_size_errors_suggest_valid_sizes() {
    let ui = support::root().join("tests/ui");
    let (_, report) = validate_json(&ui, &["fargate-size.yml"]);
    let d = &diagnostics(&report)[0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(6), Some(9))
    );
    let help = d["help"].as_str().unwrap();
    assert!(help.contains("`memory: 2048`"), "{help}");
    assert!(help.contains("`cpu: 512`"), "{help}");
}

#[test]
fn a_wrong_type_suggests_the_closest_one() {
    let ui = support::root().join("tests/ui");
    let (_, report) = validate_json(&ui, &["type-typo.yml"]);
    let d = &diagnostics(&report)[0];
    assert_eq!(d["help"], "did you mean `Backend Service`?");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(7))
    );
}

/// `suggest_name` lowercases and strips dashes but never pads, so for a 1-character name
/// the "try" suggestion is the same invalid name. The help must suggest a valid name.
#[test]
fn bad_name_help_suggests_a_valid_name() {
    let ui = support::root().join("tests/ui");
    let (_, report) = validate_json(&ui, &["name-one-char.yml"]);
    let help = diagnostics(&report)[0]["help"].as_str().unwrap();
    assert_ne!(help, "try `name: a`", "suggests the invalid name again");
}

// ---------------------------------------------------------------------------------------
// Bad input generated on the fly

const SMALL: &str = "name: api\ntype: Backend Service\nimage:\n  location: nginx\n";

#[test]
fn binary_garbage_is_a_located_not_utf8_error() {
    let dir = tempfile::tempdir().unwrap();
    // A deterministic pseudo-random 4 KiB, and an ELF-like header.
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write(dir.path(), "noise.yml", &noise);
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend(std::iter::repeat_n(0xffu8, 64));
    write(dir.path(), "elf.yml", &elf);
    for name in ["noise.yml", "elf.yml"] {
        let (status, report) = validate_json(dir.path(), &[name]);
        assert_eq!(status, 1, "{name}");
        assert_eq!(codes(&report, "error"), vec!["not-utf8"], "{name}");
        let d = &diagnostics(&report)[0];
        assert!(d["line"].as_u64().is_some() && d["column"].as_u64().is_some());
        let out = run_in(dir.path(), &["validate", name]);
        assert_eq!(code(&out), 1);
        assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
    }
}

/// Control characters (valid UTF-8, but not YAML) are reported as "tab character" because
/// src/yaml.rs scan_error tests `info.contains("tab")`, which matches "unprintable".
#[test]
fn control_characters_are_not_called_tabs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nul.yml", b"\x00\x01\x02name: api\x00\n");
    let out = run_in(dir.path(), &["validate", "nul.yml"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(!err.contains("tab"), "NUL bytes reported as a tab:\n{err}");
}

#[test]
fn control_characters_are_a_located_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nul.yml", b"\x00\x01\x02name: api\x00\n");
    let (status, report) = validate_json(dir.path(), &["nul.yml"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&report, "error"), vec!["yaml-syntax"]);
    assert_eq!(diagnostics(&report)[0]["line"], 1);
}

#[test]
fn deep_nesting_is_refused_without_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let flow_seq = format!("{SMALL}x: {}{}\n", "[".repeat(n), "]".repeat(n));
    let flow_map = format!("{SMALL}x: {}1{}\n", "{a: ".repeat(n), "}".repeat(n));
    let block: String = (0..3000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    let block = format!("{SMALL}{block}");
    let block_seq: String = (0..3000)
        .map(|i| format!("{}-\n", "  ".repeat(i)))
        .collect();
    for (name, text) in [
        ("flow-seq.yml", flow_seq),
        ("flow-map.yml", flow_map),
        ("block-map.yml", block),
        ("block-seq.yml", format!("{SMALL}x:\n{block_seq}")),
    ] {
        write(dir.path(), name, text);
        let (status, report) = validate_json(dir.path(), &[name]);
        assert_eq!(status, 1, "{name}: {report:#}");
        assert_eq!(codes(&report, "error"), vec!["yaml-syntax"], "{name}");
        let msg = diagnostics(&report)[0]["message"].as_str().unwrap();
        assert!(msg.contains("nests too deeply"), "{name}: {msg}");
    }
}

#[test]
fn nesting_a_real_manifest_needs_is_accepted() {
    // 20 levels inside `variables`-like free-form maps is fine (the limit is for attacks).
    let dir = tempfile::tempdir().unwrap();
    let inner: String = (0..20)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i + 3)))
        .collect();
    let text = format!(
        "{SMALL}taskdef_overrides:\n  - path: ContainerDefinitions[0]\n    value:\n{inner}"
    );
    write(dir.path(), "ok.yml", text);
    let (status, report) = validate_json(dir.path(), &["ok.yml"]);
    assert_eq!(status, 0, "{report:#}");
}

#[test]
fn aliases_are_expanded_but_a_bomb_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    // Legitimate reuse: an anchor used twice.
    write(
        dir.path(),
        "anchors.yml",
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n\
         variables: &vars\n  A: one\nsecrets: {}\nsidecars:\n  s:\n    image: busybox\n    essential: false\n    variables: *vars\n",
    );
    let (status, report) = validate_json(dir.path(), &["anchors.yml"]);
    assert_eq!(status, 0, "{report:#}");
    // The committed billion-laughs case must fail fast and cleanly.
    let ui = support::root().join("tests/ui");
    let (status, report) = validate_json(&ui, &["billion-laughs.yml"]);
    assert_eq!(status, 1);
    let msg = diagnostics(&report)[0]["message"].as_str().unwrap();
    assert!(msg.contains("aliases"), "{msg}");
}

#[test]
fn a_10_mb_comment_validates() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("# {}\n", "x".repeat(98));
    let text = format!("{SMALL}{}", line.repeat(105_000));
    assert!(text.len() > 10_000_000);
    write(dir.path(), "comment.yml", text);
    let (status, report) = validate_json(dir.path(), &["comment.yml"]);
    assert_eq!(status, 0, "{report:#}");
}

#[test]
fn a_10_mb_string_value_validates() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{SMALL}variables:\n  BIG: \"{}\"\n", "y".repeat(10 << 20));
    write(dir.path(), "string.yml", text);
    let (status, report) = validate_json(dir.path(), &["string.yml"]);
    assert_eq!(status, 0, "{report:#}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{SMALL}{}", "#".repeat(17 << 20));
    write(dir.path(), "huge.yml", text);
    let (status, report) = validate_json(dir.path(), &["huge.yml"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&report, "error"), vec!["file-too-large"]);
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["validate", "nope.yml"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("nope.yml"), "{}", stderr(&out));
}

#[test]
fn all_files_given_are_checked_in_one_run() {
    let ui = support::root().join("tests/ui");
    let (status, report) = validate_json(&ui, &["ephemeral-10.yml", "arm-spot.yml", "tabs.yml"]);
    assert_eq!(status, 1);
    let files: Vec<&str> = diagnostics(&report)
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["ephemeral-10.yml", "arm-spot.yml", "tabs.yml"]);
}

// ---------------------------------------------------------------------------------------
// The override merge and interpolation, through `svc show --manifest`

const API: &str = "\
name: api
type: Load Balanced Web Service
image:
  build: ./Dockerfile
  port: 8080
http:
  path: api
count: 2
variables:
  A: one
  B: two
network:
  vpc:
    security_groups: [sg-1, sg-2]
environments:
  prod:
    image:
      location: nginx:1.27
    count:
      range: 2-10
      cpu_percentage: 70
    variables:
      B: prod-two
      C: three
    network:
      vpc:
        security_groups: [sg-9]
";

#[test]
fn overrides_replace_lists_and_merge_maps() {
    let ws = workspace(API);
    let prod = show(ws.path(), "prod", &[]);
    assert_eq!(prod["network"]["vpc"]["security_groups"], json!(["sg-9"]));
    assert_eq!(
        prod["variables"],
        json!({"A": "one", "B": "prod-two", "C": "three"})
    );
    // The base is untouched for an environment without an override.
    let test = show(ws.path(), "test", &[]);
    assert_eq!(
        test["network"]["vpc"]["security_groups"],
        json!(["sg-1", "sg-2"])
    );
    assert_eq!(test["variables"], json!({"A": "one", "B": "two"}));
}

#[test]
fn overrides_change_the_shape_of_two_shape_fields() {
    let ws = workspace(API);
    let prod = show(ws.path(), "prod", &[]);
    assert_eq!(
        prod["count"],
        json!({"range": "2-10", "cpu_percentage": 70})
    );
    assert_eq!(
        prod["image"],
        json!({"location": "nginx:1.27", "port": 8080}),
        "image.build must be dropped when the override sets image.location"
    );
    let test = show(ws.path(), "test", &[]);
    assert_eq!(test["count"], json!(2));
    assert_eq!(
        test["image"],
        json!({"build": "./Dockerfile", "port": 8080})
    );
}

#[test]
fn http_false_can_become_a_map_and_a_map_can_become_false() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n  port: 80\nhttp: false\n\
         environments:\n  prod:\n    http:\n      path: /api\n",
    );
    let prod = show(ws.path(), "prod", &[]);
    assert_eq!(prod["http"]["path"], "/api");
    assert_eq!(show(ws.path(), "test", &[])["http"], json!(false));

    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n  port: 80\n\
         http:\n  path: /api\nenvironments:\n  test:\n    http: false\n",
    );
    assert_eq!(show(ws.path(), "test", &[])["http"], json!(false));
    assert_eq!(show(ws.path(), "prod", &[])["http"]["path"], "/api");
}

#[test]
fn a_web_service_is_served_by_its_nlb_alone_where_an_override_says_so() {
    let ws = workspace(
        "name: api\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n\
         http:\n  path: /\nenvironments:\n  test:\n    http: false\n    nlb:\n      port: 7000/tcp\n\
         \x20 prod:\n    nlb:\n      port: 443/tls\n",
    );
    let package = |env: &str, dir: &str| {
        support::tug()
            .arg("-C")
            .arg(ws.path())
            .args([
                "svc",
                "package",
                "-n",
                "api",
                "-e",
                env,
                "--output-dir",
                dir,
            ])
            .output()
            .unwrap()
    };
    // test: the NLB alone, no listener rule on the environment's ALB.
    let out = package("test", "out-test");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let template = support::read(&ws.path().join("out-test/tug-shop-test-api.yml"));
    assert!(template.contains("Type: network"), "{template}");
    assert!(template.contains("Protocol: TCP"), "{template}");
    assert!(
        !template.contains("AWS::ElasticLoadBalancingV2::ListenerRule"),
        "{template}"
    );
    // prod: a TLS listener needs the application's domain, which it has not.
    let out = package("prod", "out-prod");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("needs a certificate"), "{err}");
    assert!(err.contains("tug/api/manifest.yml:15:13"), "{err}");
    assert!(!ws.path().join("out-prod").exists(), "nothing is written");
    assert_eq!(show(ws.path(), "test", &[])["nlb"]["port"], "7000/tcp");
}

#[test]
fn variables_are_interpolated_with_tug_and_copilot_names() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: repo/api:${MY_TAG}\n\
         variables:\n  APP: ${TUG_APPLICATION_NAME}\n  ENV: ${COPILOT_ENVIRONMENT_NAME}\n\
         \x20 APP2: ${COPILOT_APPLICATION_NAME}\n  ENV2: ${TUG_ENVIRONMENT_NAME}\n\
         \x20 LIT: \\${NOT_A_VAR}\n  MIX: pre-${MY_TAG}-post\n",
    );
    let prod = show(ws.path(), "prod", &[("MY_TAG", "v7")]);
    assert_eq!(prod["image"]["location"], "repo/api:v7");
    assert_eq!(
        prod["variables"],
        json!({
            "APP": "shop", "ENV": "prod", "APP2": "shop", "ENV2": "prod",
            "LIT": "${NOT_A_VAR}", "MIX": "pre-v7-post"
        })
    );
    assert_eq!(
        show(ws.path(), "test", &[("MY_TAG", "v7")])["variables"]["ENV"],
        "test"
    );
}

#[test]
fn interpolation_happens_inside_overrides_too() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n\
         environments:\n  prod:\n    variables:\n      WHERE: ${TUG_ENVIRONMENT_NAME}-${REGION_X}\n",
    );
    let prod = show(ws.path(), "prod", &[("REGION_X", "eu")]);
    assert_eq!(prod["variables"]["WHERE"], "prod-eu");
}

#[test]
fn an_unset_variable_is_an_error_for_show_and_a_warning_for_validate() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: repo/api:${TUG_TEST_UNSET_TAG}\n",
    );
    let out = support::tug()
        .arg("-C")
        .arg(ws.path())
        .args(["svc", "show", "--manifest", "-n", "api", "-e", "test"])
        .env_remove("TUG_TEST_UNSET_TAG")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "printed a manifest: {}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("`${TUG_TEST_UNSET_TAG}` is not set"), "{err}");
    assert!(err.contains("tug/api/manifest.yml:4:"), "{err}");

    let out = support::tug()
        .arg("-C")
        .arg(ws.path())
        .args(["--json", "validate"])
        .env_remove("TUG_TEST_UNSET_TAG")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&report, "warning"), vec!["unset-variable"]);
    assert_eq!(report["valid"], true);
}

#[test]
fn defaults_are_filled_in() {
    let ws = workspace(
        "name: api\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n",
    );
    let m = show(ws.path(), "test", &[]);
    assert_eq!(m["cpu"], 256);
    assert_eq!(m["memory"], 512);
    assert_eq!(m["count"], 1);
    assert_eq!(m["platform"], "linux/x86_64");
    assert_eq!(m["http"]["path"], "/");
    assert_eq!(m["http"]["healthcheck"], "/");
    assert_eq!(m["network"]["vpc"]["placement"], "public");
    assert_eq!(m["deployment"]["rolling"], "default");
    // Values that are set are kept.
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 1024\nmemory: 4096\n\
         platform: linux/arm64\nnetwork:\n  vpc:\n    placement: private\n",
    );
    let m = show(ws.path(), "test", &[]);
    assert_eq!(
        (&m["cpu"], &m["memory"], &m["platform"]),
        (&json!(1024), &json!(4096), &json!("linux/arm64"))
    );
    assert_eq!(m["network"]["vpc"]["placement"], "private");
}

#[test]
fn show_prints_yaml_with_the_manifest_field_names() {
    let ws = workspace(API);
    let out = support::tug()
        .arg("-C")
        .arg(ws.path())
        .args(["svc", "show", "--manifest", "-n", "api", "-e", "prod"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("name: api\n"), "{text}");
    assert!(text.contains("type: Load Balanced Web Service\n"), "{text}");
    assert!(text.contains("cpu_percentage: 70"), "{text}");
    assert!(!text.contains("environments"), "{text}");
}

#[test]
fn show_refuses_an_invalid_manifest_with_located_errors() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 256\nmemory: 4096\n",
    );
    let out = support::tug()
        .arg("-C")
        .arg(ws.path())
        .args(["svc", "show", "--manifest", "-n", "api", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("tug/api/manifest.yml:6:9"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_error_in_one_override_is_caught_whichever_environment_applies() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n\
         environments:\n  prod:\n    memroy: 1024\n",
    );
    let (status, report) = validate_json(ws.path(), &["--env", "test"]);
    assert_eq!(status, 1, "{report:#}");
    let d = diagnostics(&report)
        .iter()
        .find(|d| d["code"] == "unknown-field")
        .expect("the typo under prod is reported");
    assert_eq!(d["line"], 7);
    assert_eq!(d["help"], "did you mean `memory`?");
}

// ---------------------------------------------------------------------------------------
// Workspaces

const WEB: &str = "name: web\ntype: Backend Service\nimage:\n  location: nginx\nvariables:\n  APP: ${TUG_APPLICATION_NAME}\n";

/// Runs `svc show` for the only service and environment and returns (exit, stdout, stderr).
fn show_only(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = support::tug()
        .current_dir(dir)
        .args(extra)
        .args(["--json", "svc", "show", "--manifest"])
        .output()
        .unwrap();
    (code(&out), stdout(&out), stderr(&out))
}

#[test]
fn the_workspace_is_found_from_a_nested_folder() {
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/environments/test/manifest.yml", ENV_TEST),
        ("tug/web/manifest.yml", WEB),
        ("src/deep/er/.keep", ""),
    ]);
    let (status, out, err) = show_only(&ws.path().join("src/deep/er"), &[]);
    assert_eq!(status, 0, "{err}");
    let m: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(m["name"], "web");
    assert_eq!(m["variables"]["APP"], "shop");
}

#[test]
fn dash_c_runs_as_if_started_there() {
    let ws = tree(&[
        ("repo/tug/.workspace", "application: shop\n"),
        ("repo/tug/environments/test/manifest.yml", ENV_TEST),
        ("repo/tug/web/manifest.yml", WEB),
    ]);
    let elsewhere = tempfile::tempdir().unwrap();
    let (status, out, err) = show_only(
        elsewhere.path(),
        &["-C", ws.path().join("repo").to_str().unwrap()],
    );
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("\"web\""), "{out}");
    // Relative to the current directory.
    let (status, _, err) = show_only(ws.path(), &["-C", "repo"]);
    assert_eq!(status, 0, "{err}");
}

#[test]
fn tug_folder_wins_over_copilot_folder() {
    let ws = tree(&[
        ("tug/.workspace", "application: new\n"),
        ("tug/environments/test/manifest.yml", ENV_TEST),
        ("tug/web/manifest.yml", WEB),
        ("copilot/.workspace", "application: old\n"),
        ("copilot/environments/test/manifest.yml", ENV_TEST),
        (
            "copilot/legacy/manifest.yml",
            "name: legacy\ntype: Backend Service\nimage:\n  location: nginx\n",
        ),
    ]);
    let (status, out, err) = show_only(ws.path(), &[]);
    assert_eq!(status, 0, "{err}");
    let m: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (&m["name"], &m["variables"]["APP"]),
        (&json!("web"), &json!("new"))
    );
}

#[test]
fn a_copilot_folder_alone_is_a_workspace() {
    let ws = tree(&[
        ("copilot/.workspace", "application: old\n"),
        ("copilot/environments/test/manifest.yml", ENV_TEST),
        ("copilot/web/manifest.yml", WEB),
    ]);
    let (status, out, err) = show_only(ws.path(), &[]);
    assert_eq!(status, 0, "{err}");
    let m: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(m["variables"]["APP"], "old");
    let (status, report) = validate_json(ws.path(), &[]);
    assert_eq!(status, 0, "{report:#}");
}

#[test]
fn no_workspace_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (status, out, err) = show_only(dir.path(), &[]);
    assert_eq!(status, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("no tug workspace found"), "{err}");
    assert!(err.contains("-C DIR"), "{err}");
    // validate with nothing to check is a usage error.
    let out = run_in(dir.path(), &["validate"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("no tug workspace"), "{err}");
}

#[test]
fn a_workspace_without_an_application_name_is_an_error() {
    let ws = tree(&[
        ("tug/.workspace", "app: shop\n"),
        ("tug/web/manifest.yml", WEB),
    ]);
    let out = run_in(ws.path(), &["validate"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("application: <name>"), "{err}");
}

#[test]
fn validate_checks_the_whole_workspace() {
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/environments/test/manifest.yml", ENV_TEST),
        (
            "tug/environments/prod/manifest.yml",
            "name: prod\ntype: Environment\nnat: sometimes\n",
        ),
        ("tug/web/manifest.yml", WEB),
        (
            "tug/api/manifest.yml",
            "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 3\n",
        ),
    ]);
    let (status, report) = validate_json(ws.path(), &[]);
    assert_eq!(status, 1);
    let mut files: Vec<&str> = diagnostics(&report)
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        vec!["tug/environments/prod/manifest.yml", "tug/api/manifest.yml"]
    );
    let out = run_in(ws.path(), &["validate"]);
    assert!(
        stderr(&out).contains("4 manifests checked: 2 errors"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_override_for_an_unknown_environment_is_a_warning() {
    let ws = workspace(
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n\
         environments:\n  prdo:\n    cpu: 512\n  staging:\n    cpu: 512\n",
    );
    let (status, report) = validate_json(ws.path(), &[]);
    assert_eq!(status, 0, "{report:#}");
    let warnings: Vec<(u64, &str)> = diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "unknown-environment")
        .map(|d| {
            assert_eq!(d["severity"], "warning");
            (d["line"].as_u64().unwrap(), d["help"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        warnings,
        vec![
            (6, "did you mean `prod`?"),
            (8, "environments in this workspace: prod, test"),
        ]
    );
}

#[test]
fn validate_env_that_does_not_exist_suggests_one() {
    let ws = workspace(SMALL);
    let out = run_in(ws.path(), &["validate", "--env", "prd"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("no environment named `prd`"), "{err}");
    assert!(err.contains("did you mean `-e prod`?"), "{err}");
}

#[test]
fn show_with_an_unknown_service_suggests_one() {
    let ws = workspace(SMALL);
    let out = run_in(
        ws.path(),
        &["svc", "show", "--manifest", "-n", "apj", "-e", "test"],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("did you mean `-n api`?"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------
// Edge cases found while writing these tests

#[test]
fn out_of_range_numbers_are_refused() {
    let dir = tree(&[
        ("port.yml", "name: api\ntype: Backend Service\nimage:\n  location: nginx\n  port: 70000\n"),
        ("big.yml", "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 99999999999999999999999\n"),
        ("neg.yml", "name: api\ntype: Backend Service\nimage:\n  location: nginx\nstorage:\n  ephemeral: -5\n"),
    ]);
    for (name, line) in [("port.yml", 5), ("big.yml", 5), ("neg.yml", 6)] {
        let (status, report) = validate_json(dir.path(), &[name]);
        assert_eq!(status, 1, "{name}: {report:#}");
        assert_eq!(codes(&report, "error"), vec!["wrong-type"], "{name}");
        assert_eq!(diagnostics(&report)[0]["line"], line, "{name}");
    }
}

/// `image.port: 70000` says "must be a whole number, found the number 70000": the schema's
/// minimum/maximum check (src/manifest/schema.rs:282) returns None and `mismatch`
/// (src/manifest/schema.rs:411) then reports it as a type error. It should name the range.
#[test]
fn an_out_of_range_port_names_the_range() {
    let dir = tree(&[(
        "port.yml",
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\n  port: 70000\n",
    )]);
    let (_, report) = validate_json(dir.path(), &["port.yml"]);
    let msg = diagnostics(&report)[0]["message"].as_str().unwrap();
    assert!(!msg.contains("must be a whole number"), "{msg}");
    assert!(msg.contains("65535"), "{msg}");
}

/// Spec: "CIDR count = AZ count >= 2". Two public and two private subnets all in one AZ
/// pass today: src/manifest/validate.rs vpc_rules (1227-1350) counts subnets and compares
/// the AZ sets of public and private, but never counts distinct AZs.
#[test]
fn subnets_must_span_two_availability_zones() {
    let dir = tree(&[(
        "env.yml",
        "name: test\ntype: Environment\nnetwork:\n  vpc:\n    cidr: 10.0.0.0/16\n    subnets:\n\
         \x20     public:\n        - {cidr: 10.0.0.0/24, az: us-east-1a}\n        - {cidr: 10.0.1.0/24, az: us-east-1a}\n\
         \x20     private:\n        - {cidr: 10.0.2.0/24, az: us-east-1a}\n        - {cidr: 10.0.3.0/24, az: us-east-1a}\n",
    )]);
    let (status, report) = validate_json(dir.path(), &["env.yml"]);
    assert_eq!(status, 1, "{report:#}");
    assert_eq!(
        codes(&report, "error"),
        vec!["duplicate-az", "duplicate-az"],
        "{report:#}"
    );
    let d = &diagnostics(&report)[0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(9), Some(35))
    );
}

/// Spec: names of the app, environments and workloads follow `^[a-z][a-z0-9-]*$`.
/// `application: My_App` in `.workspace` is accepted by `tug validate` (exit 0):
/// src/workspace.rs:115 read_app_name never calls `check_name`.
#[test]
fn a_bad_application_name_is_reported() {
    let ws = tree(&[
        ("tug/.workspace", "application: My_App\n"),
        ("tug/environments/test/manifest.yml", ENV_TEST),
        ("tug/web/manifest.yml", WEB),
    ]);
    let out = run_in(ws.path(), &["validate"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("My_App"), "{}", stderr(&out));
    assert!(stderr(&out).contains(".workspace"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`application: my-app`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn spot_rules_cover_range_spot_from() {
    let h = "name: api\ntype: Backend Service\nimage:\n  location: nginx\n";
    let dir = tree(&[
        (
            "win.yml",
            &format!("{h}platform: windows/x86_64\ncpu: 1024\nmemory: 2048\ncount:\n  range: {{min: 1, max: 4, spot_from: 2}}\n  cpu_percentage: 50\n"),
        ),
        (
            "above.yml",
            &format!("{h}count:\n  range: {{min: 1, max: 4, spot_from: 9}}\n  cpu_percentage: 50\n"),
        ),
    ]);
    let (_, report) = validate_json(dir.path(), &["win.yml"]);
    assert_eq!(codes(&report, "error"), vec!["spot-platform"]);
    let (_, report) = validate_json(dir.path(), &["above.yml"]);
    assert_eq!(codes(&report, "error"), vec!["bad-range"]);
}

#[test]
fn windows_needs_a_windows_fargate_size() {
    let dir = tree(&[(
        "win.yml",
        "name: api\ntype: Backend Service\nimage:\n  location: nginx\nplatform: windows/x86_64\n",
    )]);
    let (status, report) = validate_json(dir.path(), &["win.yml"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&report, "error"), vec!["fargate-size"]);
    let msg = diagnostics(&report)[0]["message"].as_str().unwrap();
    assert!(msg.contains("Windows"), "{msg}");
}

/// Spec (Workspace layout): "`<dir>/<workload>/overrides/` exists in Copilot; report it as
/// not supported". `addons/` is read and checked (tests/it/addons.rs): an empty template is
/// an error of its own, not a "not supported".
#[test]
fn overrides_folders_are_reported_as_not_supported_and_addons_are_read() {
    let ws = tree(&[
        ("copilot/.workspace", "application: shop\n"),
        ("copilot/environments/test/manifest.yml", ENV_TEST),
        ("copilot/api/manifest.yml", SMALL),
        ("copilot/api/addons/db.yml", "Resources: {}\n"),
        ("copilot/api/overrides/cfn.patches.yml", "[]\n"),
    ]);
    let out = run_in(ws.path(), &["validate"]);
    let err = stderr(&out);
    assert!(err.contains("overrides"), "overrides/ not reported:\n{err}");
    assert_eq!(
        code(&out),
        1,
        "the empty addons template is an error:\n{err}"
    );
    let (_, report) = validate_json(ws.path(), &[]);
    let found: Vec<(&str, &str)> = diagnostics(&report)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("not-implemented", "copilot/api/overrides"),
            ("addons-template", "copilot/api/addons/db.yml"),
            ("addons-parameters", "copilot/api/addons/db.yml"),
        ]
    );
}
