//! ls / show / delete for apps, environments and services, and `tug deploy -e ENV`.

use crate::support::moto::Moto;
use crate::support::workspace::hello;
use crate::support::{self, need, stderr, stdout};

fn run(moto: &Moto, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    moto.tug().current_dir(dir).args(args).output().unwrap()
}

fn ok(moto: &Moto, dir: &std::path::Path, args: &[&str]) -> String {
    stdout(&support::ok(moto.tug().current_dir(dir).args(args)))
}

#[test]
fn ls_show_and_delete_read_the_stacks() {
    let moto = need!(Moto::start());
    let ws = hello("mgmt");
    let dir = ws.path();
    ok(&moto, dir, &["env", "deploy", "-n", "test"]);
    ok(&moto, dir, &["svc", "deploy", "-n", "web", "-e", "test"]);
    ok(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);

    let apps = ok(&moto, dir, &["app", "ls"]);
    assert!(apps.contains("mgmt") && apps.contains("NAME"), "{apps}");
    let v: serde_json::Value =
        serde_json::from_str(&ok(&moto, dir, &["--json", "app", "show"])).unwrap();
    assert_eq!(v["name"], "mgmt");
    assert_eq!(v["environments"][0]["name"], "test");
    assert_eq!(v["workloads"].as_array().unwrap().len(), 2);
    let envs = ok(&moto, dir, &["env", "ls"]);
    assert!(
        envs.contains("test") && envs.contains("tug-mgmt-test"),
        "{envs}"
    );
    let show = ok(&moto, dir, &["svc", "show", "-n", "web"]);
    assert!(
        show.contains("test: CREATE_COMPLETE") && show.contains("ServiceName"),
        "{show}"
    );
    // --manifest still shows the effective manifest, offline.
    let manifest = ok(
        &moto,
        dir,
        &["svc", "show", "-n", "web", "-e", "test", "--manifest"],
    );
    assert!(manifest.contains("name: web"), "{manifest}");

    // The environment refuses to go while workloads run in it, and names them.
    let out = run(&moto, dir, &["env", "delete", "-n", "test", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("still has workloads deployed: api, web"),
        "{}",
        stderr(&out)
    );
    // Deletes ask; without a terminal they need --yes.
    let out = run(&moto, dir, &["svc", "delete", "-n", "web", "-e", "test"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    let out = run(
        &moto,
        dir,
        &["svc", "delete", "-n", "web", "-e", "test", "--yes"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("deleted"), "{}", stderr(&out));
    let left = ok(&moto, dir, &["svc", "ls"]);
    assert!(!left.contains("web") && left.contains("api"), "{left}");

    // A task group of `task run` is the application's too.
    ok(
        &moto,
        dir,
        &[
            "task", "run", "-n", "migrate", "-e", "test", "--image", "busybox",
        ],
    );
    // app delete: one confirmation, then workloads and task groups, environments, ECR
    // repositories.
    moto.python(
        r#"
import boto3
boto3.client("ecr").create_repository(repositoryName="mgmt/web",
    tags=[{"Key": "tug:application", "Value": "mgmt"}, {"Key": "tug:workload", "Value": "web"}])
"#,
    );
    let out = run(&moto, dir, &["app", "delete"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(&moto, dir, &["app", "delete", "--yes"]);
    let err = stderr(&out);
    assert!(
        err.contains("tug-mgmt-test-api") && err.contains("ECR repository mgmt/web"),
        "{err}"
    );
    assert!(err.contains("task group migrate"), "{err}");
    let gone = moto.python_out(
        r#"
import boto3
names = [s["StackName"] for s in boto3.client("cloudformation").list_stacks()["StackSummaries"]
         if s["StackStatus"] != "DELETE_COMPLETE"]
print("tug-mgmt-task-migrate" not in names)
"#,
    );
    assert_eq!(gone.trim(), "True", "the task group's stack is left");
    // moto cannot delete the environment stack (tests/README.md): the workload goes
    // first, and the failure is reported as such.
    assert!(!ok(&moto, dir, &["svc", "ls"]).contains("api"));
    if !out.status.success() {
        assert!(
            err.contains("not fully deleted") || err.contains("DependencyViolation"),
            "{err}"
        );
    }
}

#[test]
fn deploy_all_deploys_the_env_then_every_workload_in_parallel() {
    let moto = need!(Moto::start());
    let ws = hello("fleet");
    let dir = ws.path();
    let api = std::fs::read_to_string(dir.join("tug/api/manifest.yml")).unwrap();
    for i in 1..=6 {
        let name = format!("s{i}");
        std::fs::create_dir_all(dir.join("tug").join(&name)).unwrap();
        std::fs::write(
            dir.join("tug").join(&name).join("manifest.yml"),
            api.replace("name: api", &format!("name: {name}"))
                .replace("/api", &format!("/{name}")),
        )
        .unwrap();
    }
    let out = run(&moto, dir, &["deploy", "-e", "test", "--max-parallel", "3"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Summary:"), "{err}");
    for name in [
        "environment test",
        "service web in test",
        "service s6 in test",
    ] {
        assert!(
            err.contains(&format!("  {name}: deployed in")),
            "{name}: {err}"
        );
    }
    assert_eq!(ok(&moto, dir, &["svc", "ls"]).lines().count(), 9);
    // Again: nothing changed anywhere.
    let out = run(&moto, dir, &["--json", "deploy", "-e", "test"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["results"].as_array().unwrap().len(), 9);
    assert!(summary["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["result"] == "no changes"));
}
