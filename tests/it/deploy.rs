//! Deploys against moto: environments and services through change sets.

use crate::support::moto::{aws_vars, tug_at, unreachable, Moto};
use crate::support::workspace::{hello, set_image};
use crate::support::{need, ok, stderr, stdout};

#[test]
fn env_then_service_deploy_and_redeploy_is_no_changes() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let err = stderr(&out);
    assert!(err.contains("tug-shop-test"), "{err}");
    assert!(err.contains("CREATE_COMPLETE"), "{err}");

    // Without a terminal: one timestamped line per event, then the result.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test"]));
    let err = stderr(&out);
    assert!(
        err.lines().any(|l| l.starts_with("20")
            && l.contains("tug-shop-test-web")
            && l.contains("CREATE_COMPLETE")),
        "{err}"
    );
    assert!(
        err.contains("ECS service"),
        "the rollout is followed: {err}"
    );
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");

    // The same again: an empty change set is success.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test"]));
    assert!(stderr(&out).contains("no changes"), "{}", stderr(&out));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    assert!(stderr(&out).contains("no changes"), "{}", stderr(&out));

    // --force: a new deployment token, so a new deployment of the same image.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test", "--force"]));
    assert!(stderr(&out).contains("UPDATE_COMPLETE"), "{}", stderr(&out));

    // State lives in AWS: ls and show read the stacks' tags and outputs.
    let out = ok(moto.tug().current_dir(dir).args(["svc", "ls"]));
    let text = stdout(&out);
    assert!(
        text.contains("web") && text.contains("test") && text.contains("nginx:1.27"),
        "{text}"
    );
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["--json", "env", "show", "-n", "test"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outputs"]["ClusterName"], "tug-shop-test");
    assert_eq!(v["workloads"][0]["name"], "web");
}

#[test]
fn diff_prints_the_change_set_and_needs_yes_without_a_terminal() {
    let moto = need!(Moto::start());
    let ws = hello("diffy");
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test", "--diff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("+ Add") && err.contains("AWS::ECS::Service"),
        "{err}"
    );
    assert!(err.contains("--yes"), "{err}");
    // Declining left nothing behind: the service is not deployed.
    let out = ok(moto.tug().current_dir(dir).args(["svc", "ls"]));
    assert!(!stdout(&out).contains("web"), "{}", stdout(&out));

    let out = ok(moto.tug().current_dir(dir).args([
        "svc", "deploy", "-n", "web", "-e", "test", "--diff", "--yes",
    ]));
    assert!(stderr(&out).contains("+ Add"), "{}", stderr(&out));
    // A new image: the change set is printed and deployed. (moto lists no Modify for a
    // parameter change; AWS shows the task definition replaced. tests/README.md)
    set_image(dir, "web", "public.ecr.aws/nginx/nginx:1.28");
    let out = ok(moto.tug().current_dir(dir).args([
        "svc", "deploy", "-n", "web", "-e", "test", "--diff", "--yes",
    ]));
    let err = stderr(&out);
    assert!(err.contains("Changes to tug-diffy-test-web"), "{err}");
    assert!(err.contains("UPDATE_COMPLETE"), "{err}");
    assert!(
        !err.contains("CREATE_COMPLETE"),
        "events of the last deploy are not shown again: {err}"
    );
}

#[test]
fn json_is_one_object_per_event_and_detach_returns_early() {
    let moto = need!(Moto::start());
    let ws = hello("jay");
    let dir = ws.path();
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["--json", "env", "deploy", "-n", "test"]));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert!(lines
        .iter()
        .any(|v| v["type"] == "resource" && v["status"] == "CREATE_COMPLETE"));
    assert_eq!(lines.last().unwrap()["type"], "result");
    assert_eq!(lines.last().unwrap()["ok"], true);

    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "api", "-e", "test", "--detach"]));
    let err = stderr(&out);
    assert!(
        err.contains("executing") && err.contains("tug svc status -n api -e test"),
        "{err}"
    );
}

#[test]
fn svc_deploy_needs_the_environment_deployed() {
    let moto = need!(Moto::start());
    let ws = hello("early");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["svc", "deploy", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("environment test of application early is not deployed"),
        "{err}"
    );
    assert!(err.contains("tug env deploy -n test"), "{err}");
}

#[test]
fn image_build_without_an_engine_is_refused_before_any_aws_call() {
    let ws = hello("builder");
    let manifest = ws.path().join("tug/web/manifest.yml");
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        "location: public.ecr.aws/nginx/nginx:1.27",
        "build: web/Dockerfile",
    );
    std::fs::write(&manifest, text).unwrap();
    let mut cmd = tug_at(&unreachable());
    let empty = tempfile::tempdir().unwrap();
    let out = cmd
        .current_dir(ws.path())
        .env("PATH", empty.path())
        .env_remove("TUG_CONTAINER_ENGINE")
        .args(["svc", "deploy", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("no container engine found") && err.contains("install Docker"),
        "{err}"
    );
    assert!(!err.contains("cannot reach"), "no AWS call: {err}");
}

#[test]
fn an_invalid_manifest_is_refused_before_any_aws_call() {
    let ws = hello("invalid");
    let manifest = ws.path().join("tug/web/manifest.yml");
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("memory: 512", "memory: 4096");
    std::fs::write(&manifest, text).unwrap();
    let mut cmd = tug_at(&unreachable());
    let out = cmd
        .current_dir(ws.path())
        .args(["svc", "deploy", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("memory"), "{err}");
    assert!(!err.contains("cannot reach"), "no AWS call: {err}");
}

#[test]
fn on_a_terminal_progress_is_drawn_live() {
    let moto = need!(Moto::start());
    let ws = hello("live");
    // `script` runs tug on a pseudo-terminal.
    let out = std::process::Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{} env deploy -n test",
            assert_cmd::cargo::cargo_bin("tug").display()
        ))
        .arg("/dev/null")
        .current_dir(ws.path())
        .env("NO_COLOR", "1")
        .envs(aws_vars(&moto.endpoint))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    // The block's header with its result, not the timestamped lines of CI logs.
    assert!(text.contains("environment test"), "{text}");
    assert!(text.contains("ok deployed (CREATE_COMPLETE)"), "{text}");
    assert!(
        !text.contains("Z environment test: creating a change set"),
        "{text}"
    );
}

/// Runs `tug ARGS` on a pseudo-terminal (`script`), typing `input` after a moment.
fn on_pty(moto: &Moto, dir: &std::path::Path, args: &str, input: &str) -> (bool, String) {
    let tug = assert_cmd::cargo::cargo_bin("tug");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "(sleep 2; printf '{input}') | script -qec '{} {args}' /dev/null",
            tug.display()
        ))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(aws_vars(&moto.endpoint))
        .output()
        .unwrap();
    (out.status.success(), stdout(&out))
}

#[test]
fn diff_asks_on_a_terminal() {
    let moto = need!(Moto::start());
    let ws = hello("asks");
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    // No: nothing deployed.
    let (_, text) = on_pty(&moto, dir, "svc deploy -n web -e test --diff", "n");
    assert!(
        text.contains("Deploy these changes to tug-asks-test-web?"),
        "{text}"
    );
    assert!(text.contains("not deployed"), "{text}");
    assert!(!stdout(&ok(moto.tug().current_dir(dir).args(["svc", "ls"]))).contains("web"));
    // Yes: deployed.
    let (success, text) = on_pty(&moto, dir, "svc deploy -n web -e test --diff", "y");
    assert!(success, "{text}");
    assert!(text.contains("deployed (CREATE_COMPLETE)"), "{text}");
    // Several services and no -n: a choice on a terminal (Enter takes the first, api).
    let (_, text) = on_pty(&moto, dir, "svc status -e test", "\\r");
    assert!(text.contains("Which service?"), "{text}");
    assert!(
        text.contains("service api is not deployed in environment test"),
        "{text}"
    );
    // Deletes ask too.
    let (success, text) = on_pty(&moto, dir, "svc delete -n web -e test", "y");
    assert!(success, "{text}");
    assert!(text.contains("Delete service web"), "{text}");
    assert!(!stdout(&ok(moto.tug().current_dir(dir).args(["svc", "ls"]))).contains("web"));
}
