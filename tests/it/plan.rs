//! `tug sim plan` and the placement check in `tug validate`: the simulator run against the
//! workspace's own manifests.

use std::path::Path;

use crate::support::workspace::tree;
use crate::support::{root, tug};

fn workspace(env: &str, svc: &str) -> tempfile::TempDir {
    tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/environments/test/manifest.yml", env),
        ("tug/api/manifest.yml", svc),
    ])
}

const CAPACITY: &str = "name: test\ntype: Environment\ncapacity:\n  - type: m5.large\n    count: 2\n    azs: [us-east-1a, us-east-1b]\n";

const SPREAD_API: &str = "name: api\ntype: Backend Service\nimage: {location: nginx}\ncpu: 1024\nmemory: 2048\ncount: 4\nplacement:\n  constraints:\n    - type: distinctInstance\n    - {type: memberOf, expression: \"attribute:ecs.instance-type =~ m5.*\"}\n";

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = tug().current_dir(dir).args(args).output().unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), doc)
}

#[test]
fn plan_places_fargate_services_of_the_example() {
    let (code, r) = json(
        &root().join("examples/hello"),
        &["sim", "plan", "-e", "test", "--json"],
    );
    assert_eq!(code, 0, "{r}");
    // web: range 1-2 in test (starts at 1); api: count 2.
    assert_eq!(r["placed"], 3);
    assert_eq!(r["unplaced"], 0);
}

#[test]
fn too_little_ec2_capacity_is_reported_with_the_reason() {
    let ws = workspace(CAPACITY, SPREAD_API);
    let (code, r) = json(ws.path(), &["sim", "plan", "-e", "test", "--json"]);
    assert_eq!(code, 1);
    let group = &r["groups"][0];
    assert_eq!(group["name"], "service:api");
    assert_eq!(group["placed"], 2);
    assert_eq!(group["unplaced"], 2);
    assert_eq!(group["reasons"]["CONSTRAINT:distinctInstance"], 2);
    assert_eq!(group["by_az"]["us-east-1a"], 1);
    assert_eq!(group["by_az"]["us-east-1b"], 1);

    // validate runs the same plan and points at the workload's `placement`.
    let out = tug()
        .current_dir(ws.path())
        .args(["validate", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "cannot-place")
        .unwrap_or_else(|| panic!("no cannot-place diagnostic: {v}"));
    assert_eq!(d["file"], "tug/api/manifest.yml");
    assert_eq!(d["line"], 7);
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("2 of 4 tasks of `api` cannot be placed"),
        "{msg}"
    );
    assert!(msg.contains("CONSTRAINT:distinctInstance (2)"), "{msg}");
}

#[test]
fn enough_capacity_validates() {
    let env = CAPACITY.replace("count: 2", "count: 4");
    let ws = workspace(&env, SPREAD_API);
    let out = tug()
        .current_dir(ws.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn placement_without_capacity_says_what_to_add() {
    let ws = workspace("name: test\ntype: Environment\n", SPREAD_API);
    let out = tug()
        .current_dir(ws.path())
        .args(["sim", "plan", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no `capacity`"), "{err}");
    assert!(err.contains("tug/api/manifest.yml:7:1"), "{err}");
}

#[test]
fn a_bad_placement_expression_points_into_the_manifest() {
    let svc = SPREAD_API.replace("=~ m5.*", "m5.*");
    let ws = workspace(CAPACITY, &svc);
    let out = tug()
        .current_dir(ws.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("expected operator"), "{err}");
    assert!(err.contains("tug/api/manifest.yml:10:"), "{err}");
}
