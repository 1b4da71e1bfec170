//! Day-2 commands against moto: `svc exec` (up to the hand-off to the Session Manager
//! plugin) and `svc scale` (through the stack, kept by the next deploy).

use std::path::{Path, PathBuf};

use crate::support::moto::{tug_at, unreachable, Moto};
use crate::support::workspace::hello;
use crate::support::{code, jsonschema, need, ok, stderr, stdout};

fn deploy(moto: &Moto, ws: &Path, args: &[&str]) {
    ok(moto.tug().current_dir(ws).args(args));
}

/// A `session-manager-plugin` for the tests, in `dir/bin`: it writes each argument it gets
/// to `dir/rec/argN` and their number to `dir/rec/argc`. With `FAKE_PLUGIN_NO_SHELL` set it
/// prints what the real plugin relays from a container without `/bin/sh` (and exits 0, as
/// the real one does whatever the session's command did).
fn fake_plugin(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(dir.join("rec")).unwrap();
    let script = bin.join("session-manager-plugin");
    std::fs::write(
        &script,
        format!(
            r#"#!/bin/sh
rec='{rec}'
n=0
for a in "$@"; do n=$((n+1)); printf '%s' "$a" > "$rec/arg$n"; done
echo "$#" > "$rec/argc"
if [ -n "$FAKE_PLUGIN_NO_SHELL" ]; then
  printf '\nStarting session with SessionId: ecs-execute-command-x\n'
  printf 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown\n\n'
  printf '\nExiting session with sessionId: ecs-execute-command-x.\n\n'
fi
exit 0
"#,
            rec = dir.join("rec").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn path_with(bin: &Path) -> String {
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Starts `count` tasks of web in cluster `tug-<app>-test` (a bridge-mode copy of its task
/// definition: moto's RunTask cannot start tug's awsvpc tasks, see tests/README.md), with
/// ECS Exec on or off; their ids and containers' runtime ids.
fn run_tasks(moto: &Moto, app: &str, count: u32, exec: bool) -> Vec<(String, String)> {
    let out = moto.python_out(&format!(
        r#"
import boto3, json, os, urllib.request
# moto moves a task's lastStatus on with every DescribeTasks (RUNNING, DEACTIVATING, ...,
# STOPPED); on AWS it runs until stopped. moto's state manager holds it at RUNNING.
urllib.request.urlopen(urllib.request.Request(
    os.environ["AWS_ENDPOINT_URL"] + "/moto-api/state-manager/set-transition",
    data=json.dumps({{"model_name": "ecs::task",
                     "transition": {{"progression": "manual", "times": 1000000}}}}).encode(),
    method="POST"))
ecs = boto3.client("ecs")
ecs.register_task_definition(family="tug-{app}-test-web", networkMode="bridge", cpu="256",
    memory="512", containerDefinitions=[{{"name": "web", "image": "nginx", "memory": 512}}])
tasks = ecs.run_task(cluster="tug-{app}-test", taskDefinition="tug-{app}-test-web",
    count={count}, launchType="FARGATE", startedBy="tug-test",
    enableExecuteCommand={exec})["tasks"]
for t in tasks:
    d = ecs.describe_tasks(cluster="tug-{app}-test", tasks=[t["taskArn"]])["tasks"][0]
    print(t["taskArn"].split("/")[-1], d["containers"][0]["runtimeId"])
"#,
        exec = if exec { "True" } else { "False" },
    ));
    out.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn arg(rec: &Path, n: usize) -> String {
    std::fs::read_to_string(rec.join(format!("arg{n}"))).unwrap_or_default()
}

#[test]
fn exec_hands_the_session_to_the_plugin_as_the_aws_cli_does() {
    let moto = need!(Moto::start());
    let ws = hello("exec");
    let dir = ws.path();
    deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    deploy(&moto, dir, &["svc", "deploy", "-n", "web", "-e", "test"]);
    let tasks = run_tasks(&moto, "exec", 1, true);
    let (task, runtime) = &tasks[0];
    let bin = fake_plugin(dir);
    let rec = dir.join("rec");
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args(["svc", "exec", "-n", "web", "-e", "test"]));
    assert!(
        stderr(&out).contains(&format!("in container web of task {task}")),
        "{}",
        stderr(&out)
    );
    // The contract of awsvpc/customizations/ecs/executecommand.py: the session as ECS
    // returned it, the Region, the operation, the profile (none here), the target, the
    // ECS endpoint.
    assert_eq!(
        std::fs::read_to_string(rec.join("argc")).unwrap().trim(),
        "6"
    );
    let session: serde_json::Value = serde_json::from_str(&arg(&rec, 1)).unwrap();
    let keys: Vec<&String> = session.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["sessionId", "streamUrl", "tokenValue"], "{session}");
    let id = session["sessionId"].as_str().unwrap();
    assert!(id.starts_with("ecs-execute-command-"), "{session}");
    assert!(
        session["streamUrl"].as_str().unwrap().starts_with(&format!(
            "wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/{id}"
        )),
        "{session}"
    );
    assert!(!session["tokenValue"].as_str().unwrap().is_empty());
    assert_eq!(arg(&rec, 2), "us-east-1");
    assert_eq!(arg(&rec, 3), "StartSession");
    assert_eq!(arg(&rec, 4), "");
    let target: serde_json::Value = serde_json::from_str(&arg(&rec, 5)).unwrap();
    assert_eq!(
        target,
        serde_json::json!({ "Target": format!("ecs:tug-exec-test_{task}_{runtime}") })
    );
    assert_eq!(arg(&rec, 6), moto.endpoint);

    // --json: one document about the session, after it.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args([
            "--json",
            "svc",
            "exec",
            "-n",
            "web",
            "-e",
            "test",
            "--task",
            &task[..6],
        ]));
    jsonschema::check_docs("exec.json", &[&stdout(&out)]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["task"], task.as_str());
    assert_eq!(v["container"], "web");
    assert_eq!(v["command"], "/bin/sh");
    assert_eq!(v["plugin_exit_code"], 0);

    // A task id that is not there: did you mean; a container that is not there: same.
    let typo = format!("{}x", &task[..task.len() - 1]);
    let out = moto
        .tug()
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args(["svc", "exec", "-n", "web", "-e", "test", "--task", &typo])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("did you mean `--task {task}`?")),
        "{}",
        stderr(&out)
    );
    let out = moto
        .tug()
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args([
            "svc",
            "exec",
            "-n",
            "web",
            "-e",
            "test",
            "--container",
            "wbe",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `--container web`?"),
        "{}",
        stderr(&out)
    );

    // A container without a shell: the runtime's answer comes through the session; tug
    // says what it means and what to pass instead.
    let out = moto
        .tug()
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .env("FAKE_PLUGIN_NO_SHELL", "1")
        .args(["svc", "exec", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("container web has no `/bin/sh`"), "{err}");
    assert!(err.contains("--command"), "{err}");
    assert!(stdout(&out).contains("OCI runtime exec failed"), "relayed");
}

#[test]
fn exec_into_a_task_started_without_exec_says_how_to_replace_it() {
    let moto = need!(Moto::start());
    let ws = hello("noexec");
    let dir = ws.path();
    deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    deploy(&moto, dir, &["svc", "deploy", "-n", "web", "-e", "test"]);
    let tasks = run_tasks(&moto, "noexec", 1, false);
    let bin = fake_plugin(dir);
    let out = moto
        .tug()
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args(["svc", "exec", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("task {} was started without ECS Exec", tasks[0].0)),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert!(!dir.join("rec/argc").exists(), "the plugin was not started");
}

#[test]
fn exec_fails_before_any_aws_call_without_the_plugin_or_with_exec_off() {
    let ws = hello("offline");
    let dir = ws.path();
    // No AWS here: an AWS call would fail with "connection refused".
    let endpoint = unreachable();
    let out = tug_at(&endpoint)
        .current_dir(dir)
        .env("PATH", "/nonexistent")
        .args(["svc", "exec", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("`session-manager-plugin` is not installed"),
        "{err}"
    );
    assert!(
        err.contains("session-manager-working-with-install-plugin"),
        "{err}"
    );

    // exec off in the manifest: the field, with its line.
    let manifest = dir.join("tug/web/manifest.yml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("exec: true", "exec: false")).unwrap();
    let line = text.lines().position(|l| l.starts_with("exec:")).unwrap() + 1;
    let bin = fake_plugin(dir);
    let out = tug_at(&endpoint)
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args(["svc", "exec", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("does not set `exec: true`"), "{err}");
    assert!(
        err.contains(&format!("tug/web/manifest.yml:{line}:")),
        "{err}"
    );
    assert!(!err.contains("connection"), "no AWS call: {err}");
    // No `exec` at all (Copilot's default is off): the file is named.
    std::fs::write(&manifest, text.replace("exec: true\n", "")).unwrap();
    let out = tug_at(&endpoint)
        .current_dir(dir)
        .env("PATH", path_with(&bin))
        .args(["svc", "exec", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("tug/web/manifest.yml"),
        "{}",
        stderr(&out)
    );
}

/// What the stack and ECS say about a service's count: (stack parameters, stack outputs,
/// ECS desired count), as JSON.
fn counts(moto: &Moto, app: &str, svc: &str) -> serde_json::Value {
    let out = moto.python_out(&format!(
        r#"
import boto3, json
cfn = boto3.client("cloudformation")
s = cfn.describe_stacks(StackName="tug-{app}-test-{svc}")["Stacks"][0]
ecs = boto3.client("ecs")
arns = ecs.list_services(cluster="tug-{app}-test")["serviceArns"]
svc = [x for x in ecs.describe_services(cluster="tug-{app}-test", services=arns)["services"]
       if "{svc}" in x["serviceName"]][0]
print(json.dumps({{
    "parameters": {{p["ParameterKey"]: p["ParameterValue"] for p in s["Parameters"]}},
    "outputs": {{o["OutputKey"]: o["OutputValue"] for o in s.get("Outputs", [])}},
    "desired": svc["desiredCount"],
}}))
"#
    ));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn scale_changes_the_count_through_the_stack_and_a_deploy_keeps_it() {
    let moto = need!(Moto::start());
    let ws = hello("scale");
    let dir = ws.path();
    deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    deploy(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    let c = counts(&moto, "scale", "api");
    assert_eq!(c["desired"], 2, "{c}");
    assert_eq!(c["parameters"]["DesiredCount"], "2", "{c}");
    assert_eq!(c["outputs"]["ManifestDesiredCount"], "2", "{c}");

    // A change without a terminal and without --yes: refused, naming --yes.
    let scale = |args: &[&str]| {
        moto.tug()
            .current_dir(dir)
            .args(["svc", "scale", "-n", "api", "-e", "test"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = scale(&["--count", "4"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(counts(&moto, "scale", "api")["desired"], 2);

    let out = scale(&["--count", "4", "--yes"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("now runs 4 tasks"),
        "{}",
        stderr(&out)
    );
    let c = counts(&moto, "scale", "api");
    assert_eq!(c["desired"], 4, "ECS runs the new count: {c}");
    assert_eq!(c["parameters"]["DesiredCount"], "4", "{c}");
    assert_eq!(c["outputs"]["ManifestDesiredCount"], "2", "{c}");
    // The same again: nothing to change.
    let out = scale(&["--count", "4"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already runs 4 tasks"),
        "{}",
        stderr(&out)
    );
    // --json, with nothing to change: the result document alone.
    let out = ok(moto.tug().current_dir(dir).args([
        "--json", "svc", "scale", "-n", "api", "-e", "test", "--count", "4",
    ]));
    let text = stdout(&out);
    jsonschema::check_docs("scale.json", &[&text]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["changed"], false, "{text}");
    assert_eq!(
        v["count"]["desired"],
        serde_json::json!({"live": "4", "manifest": "2"}),
        "{text}"
    );
    // A range where the service has a fixed count: a usage error saying what to do.
    let out = scale(&["--range", "1-3", "--yes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("does not autoscale"),
        "{}",
        stderr(&out)
    );

    // svc status: the live count beside the manifest's.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "status", "-n", "api", "-e", "test"]));
    assert!(
        stdout(&out).contains("count: 4 tasks (manifest: 2; set by `tug svc scale`)"),
        "{}",
        stdout(&out)
    );
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["--json", "svc", "status", "-n", "api", "-e", "test"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["stack"]["count"]["desired"],
        serde_json::json!({"live": "4", "manifest": "2"})
    );

    // The next deploy keeps the scaled count: the manifest did not change it.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "api", "-e", "test"]));
    assert!(stderr(&out).contains("no changes"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("keeping DesiredCount 4 set by `tug svc scale`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(counts(&moto, "scale", "api")["desired"], 4);
    // A new count in the manifest wins.
    let manifest = dir.join("tug/api/manifest.yml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("count: 2", "count: 3")).unwrap();
    deploy(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    let c = counts(&moto, "scale", "api");
    assert_eq!(c["desired"], 3, "{c}");
    assert_eq!(c["parameters"]["DesiredCount"], "3", "{c}");
    assert_eq!(c["outputs"]["ManifestDesiredCount"], "3", "{c}");
}

#[test]
fn scale_changes_an_autoscaling_range() {
    let moto = need!(Moto::start());
    let ws = hello("range");
    let dir = ws.path();
    deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    deploy(&moto, dir, &["svc", "deploy", "-n", "web", "-e", "test"]);
    let scale = |args: &[&str]| {
        moto.tug()
            .current_dir(dir)
            .args(["svc", "scale", "-n", "web", "-e", "test", "--yes"])
            .args(args)
            .output()
            .unwrap()
    };
    // web autoscales (1-2 in test): a count is the wrong flag.
    let out = scale(&["--count", "3"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--range MIN-MAX"), "{}", stderr(&out));
    let out = scale(&["--range", "5-2"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("above the maximum"),
        "{}",
        stderr(&out)
    );

    let out = scale(&["--range", "2-6"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // moto makes no scalable target (tests/README.md): the stack's parameters are what
    // the target's MinCapacity and MaxCapacity read.
    let c = counts(&moto, "range", "web");
    assert_eq!(c["parameters"]["MinCount"], "2", "{c}");
    assert_eq!(c["parameters"]["MaxCount"], "6", "{c}");
    assert_eq!(c["outputs"]["ManifestMinCount"], "1", "{c}");
    assert_eq!(c["outputs"]["ManifestMaxCount"], "2", "{c}");
    let template = moto.python_out(
        r#"
import boto3
print(boto3.client("cloudformation").get_template(StackName="tug-range-test-web")["TemplateBody"])
"#,
    );
    assert!(
        template.contains("MinCapacity: !Ref MinCount"),
        "{template}"
    );
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "status", "-n", "web", "-e", "test"]));
    assert!(
        stdout(&out)
            .contains("count: autoscaling 2-6 tasks (manifest: 1-2; set by `tug svc scale`)"),
        "{}",
        stdout(&out)
    );
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test"]));
    assert!(stderr(&out).contains("no changes"), "{}", stderr(&out));
}
