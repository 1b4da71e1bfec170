//! The JSON Schemas of tug's `--json` documents under docs/schemas/: generated from the
//! types that write them (`tug::ui::json`), checked in, and matched by real outputs.

use std::path::{Path, PathBuf};

use crate::support::moto::Moto;
use crate::support::workspace::{hello, tree};
use crate::support::{self, code, jsonschema, need, ok, root, stderr, stdout};

const REGENERATE: &str = "TUG_BLESS=1 cargo test --test it schemas::";

#[test]
fn checked_in_schemas_are_current() {
    let dir = root().join("docs/schemas");
    let bless = std::env::var_os("TUG_BLESS").is_some();
    let mut names = Vec::new();
    for (name, schema) in tug::ui::json::schemas() {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == text,
            "docs/schemas/{name} is stale: run `{REGENERATE}` and commit it"
        );
        // Every document (each branch of a stream's lines) carries "schema": 1.
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let branches: Vec<&serde_json::Value> = match doc["anyOf"].as_array() {
            Some(any) => any.iter().collect(),
            None => vec![&doc],
        };
        for branch in branches {
            let branch = match branch["$ref"].as_str() {
                Some(r) => &doc["$defs"][r.trim_start_matches("#/$defs/")],
                None => branch,
            };
            assert_eq!(
                branch["properties"]["schema"]["const"], 1,
                "docs/schemas/{name}: every document carries \"schema\": 1"
            );
        }
        names.push(name.to_string());
    }
    // No schema left behind for a document tug no longer prints.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            names.contains(&name),
            "docs/schemas/{name} is no document of tug's: remove it"
        );
    }
    // docs/json.md names every schema.
    let guide = support::read(&root().join("docs/json.md"));
    for name in &names {
        assert!(
            guide.contains(&format!("schemas/{name}")),
            "docs/json.md does not name {name}"
        );
    }
}

/// Writes each of `docs` into its own file under `dir`, for check-jsonschema.
fn files(dir: &Path, stem: &str, docs: &[&str]) -> Vec<PathBuf> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let path = dir.join(format!("{stem}-{i}.json"));
            std::fs::write(&path, d).unwrap();
            path
        })
        .collect()
}

fn schema(name: &str) -> PathBuf {
    root().join("docs/schemas").join(name)
}

#[test]
fn validate_json_matches_its_schema() {
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        (
            "tug/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
        (
            "tug/api/manifest.yml",
            "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 256\nmemory: 4096\n",
        ),
    ]);
    let out = support::tug()
        .current_dir(ws.path())
        .args(["--json", "validate"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    let found = files(ws.path(), "validate", &[&text]);
    jsonschema::check(&schema("validate.json"), &found);
}

#[test]
fn deploy_events_and_log_lines_match_their_schemas() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["--json", "env", "deploy", "-n", "test"]));
    let mut events = stdout(&out);
    let out = ok(moto.tug().current_dir(dir).args([
        "--json", "svc", "deploy", "-n", "web", "-e", "test", "--diff", "--yes",
    ]));
    events.push_str(&stdout(&out));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["--json", "deploy", "-e", "test"]));
    events.push_str(&stdout(&out));
    let lines: Vec<&str> = events.lines().collect();
    let kinds: std::collections::BTreeSet<String> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            v["type"].as_str().unwrap().to_string()
        })
        .collect();
    for kind in [
        "note",
        "changeset",
        "images",
        "resource",
        "rollout",
        "result",
        "summary",
    ] {
        assert!(kinds.contains(kind), "no `{kind}` event among {kinds:?}");
    }
    let found = files(dir, "event", &lines);
    jsonschema::check(&schema("events.json"), &found);

    moto.python(
        r#"
import boto3, time
logs = boto3.client("logs")
stream = "web/web/3f2a9c1e0b7d4e21"
logs.create_log_stream(logGroupName="/tug/shop/test/web", logStreamName=stream)
now = int(time.time() * 1000)
logs.put_log_events(logGroupName="/tug/shop/test/web", logStreamName=stream,
    logEvents=[{"timestamp": now - 1000, "message": "GET / 200"}])
"#,
    );
    let out = ok(moto.tug().current_dir(dir).args([
        "--json", "svc", "logs", "-n", "web", "-e", "test", "--since", "10m",
    ]));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let found = files(dir, "log", &lines);
    jsonschema::check(&schema("logs.json"), &found);

    // The one-document outputs of what is now deployed, each against its schema.
    let out_dir = dir.join("out");
    let out_dir = out_dir.to_str().unwrap();
    for (name, args) in [
        ("app-ls.json", &["app", "ls"][..]),
        ("app-show.json", &["app", "show"]),
        ("env-ls.json", &["env", "ls"]),
        ("env-show.json", &["env", "show", "-n", "test"]),
        ("svc-ls.json", &["svc", "ls"]),
        ("svc-show.json", &["svc", "show", "-n", "web"]),
        (
            "svc-status.json",
            &["svc", "status", "-n", "web", "-e", "test"],
        ),
        ("task-ls.json", &["task", "ls"]),
        (
            "rollback-list.json",
            &["svc", "rollback", "-n", "web", "-e", "test", "--list"],
        ),
        (
            "sim-fargate.json",
            &["sim", "fargate", "--cpu", "256", "--memory", "3072"],
        ),
        ("sim-report.json", &["sim", "plan", "-e", "test"]),
        (
            "package.json",
            &[
                "svc",
                "package",
                "-n",
                "web",
                "-e",
                "test",
                "--output-dir",
                out_dir,
            ],
        ),
    ] {
        let out = moto
            .tug()
            .current_dir(dir)
            .arg("--json")
            .args(args)
            .output()
            .unwrap();
        let text = stdout(&out);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not one JSON document ({e}):\n{text}\n{}",
                stderr(&out)
            )
        });
        assert_eq!(doc["schema"], 1, "{args:?}: {doc}");
        let found = files(dir, name.trim_end_matches(".json"), &[&text]);
        jsonschema::check(&schema(name), &found);
    }
}
