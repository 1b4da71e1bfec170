//! `svc status`, `svc logs`, and names that don't exist, against moto.

use std::process::Stdio;
use std::time::Duration;

use crate::support::moto::{tug_process, Moto};
use crate::support::workspace::hello;
use crate::support::{drain, interrupt, need, stderr, stdout};

fn deployed(moto: &Moto, app: &str) -> tempfile::TempDir {
    let ws = hello(app);
    for args in [
        &["env", "deploy", "-n", "test"][..],
        &["svc", "deploy", "-n", "web", "-e", "test"][..],
    ] {
        let out = moto
            .tug()
            .current_dir(ws.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    ws
}

#[test]
fn status_shows_deployments_tasks_and_stopped_reasons() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "stat");
    // moto starts no tasks for a service: start two in its cluster, stop one. (moto's
    // RunTask fails on awsvpc tasks and on containers without their own memory, so the
    // tasks come from a bridge-mode copy in the same family; tests/README.md.)
    moto.python(
        r#"
import boto3
ecs = boto3.client("ecs")
# web autoscales (range 1-4), so its stack sets no DesiredCount: AWS creates the service
# with 1 and Application Auto Scaling keeps it at least at the minimum; moto creates it
# with 0 and scales nothing. Do what AWS would have done.
service = ecs.list_services(cluster="tug-stat-test")["serviceArns"][0]
ecs.update_service(cluster="tug-stat-test", service=service, desiredCount=1)
ecs.register_task_definition(family="tug-stat-test-web", networkMode="bridge", cpu="256",
    memory="512", containerDefinitions=[{"name": "web", "image": "nginx", "memory": 512}])
tasks = ecs.run_task(cluster="tug-stat-test", taskDefinition="tug-stat-test-web", count=2,
    launchType="FARGATE", startedBy="tug-test")["tasks"]
ecs.stop_task(cluster="tug-stat-test", task=tasks[1]["taskArn"], reason="Essential container in task exited")
"#,
    );
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["svc", "status", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "Service web in test",
        "tug-stat-test-web",
        "Deployments",
        "PRIMARY",
        "tug-stat-test-web:1",
        "Tasks",
        "Stopped tasks",
        "Essential container in task exited",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }

    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["--json", "svc", "status", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for section in [
        "deployments",
        "tasks",
        "target_health",
        "stopped_tasks",
        "alarms",
    ] {
        assert!(v[section].is_array(), "{section} missing: {v}");
    }
    assert_eq!(v["desired"], 1);
    // (moto moves a task's lastStatus on with each describe; the one left running is
    // listed, the stopped one is not among them.)
    assert_eq!(v["tasks"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(
        v["deployments"][0]["task_definition"],
        "tug-stat-test-web:1"
    );
    assert_eq!(
        v["stopped_tasks"][0]["stopped_reason"],
        "Essential container in task exited"
    );
}

#[test]
fn names_that_do_not_exist_get_a_did_you_mean() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "names");
    let run = |args: &[&str]| {
        let out = moto
            .tug()
            .current_dir(ws.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        stderr(&out)
    };
    let err = run(&["svc", "status", "-n", "wbe", "-e", "test"]);
    assert!(err.contains("did you mean `-n web`?"), "{err}");
    let err = run(&["svc", "status", "-n", "web", "-e", "tset"]);
    assert!(err.contains("did you mean `-e test`?"), "{err}");
    let err = run(&["svc", "logs", "-n", "web", "-e", "tset"]);
    assert!(err.contains("did you mean `-e test`?"), "{err}");
    let err = run(&["app", "show", "-n", "nmaes"]);
    assert!(err.contains("did you mean `-n names`?"), "{err}");
}

const PUT_LOGS: &str = r#"
import boto3, time, sys
logs = boto3.client("logs")
group = "/tug/LOGAPP/test/web"
now = int(time.time() * 1000)
streams = {"aaaa1111bbbb": "web/web/aaaa1111bbbb", "cccc2222dddd": "web/web/cccc2222dddd"}
for s in streams.values():
    try:
        logs.create_log_stream(logGroupName=group, logStreamName=s)
    except logs.exceptions.ResourceAlreadyExistsException:
        pass
base = int(sys.argv[1]) if len(sys.argv) > 1 else 0
for i in range(6):
    task = "aaaa1111bbbb" if i % 2 == 0 else "cccc2222dddd"
    logs.put_log_events(logGroupName=group, logStreamName=streams[task],
        logEvents=[{"timestamp": now - 60000 + i * 1000, "message": f"line {base + i}"}])
"#;

#[test]
fn logs_merge_streams_in_time_order_with_task_prefixes() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "logapp");
    moto.python(&PUT_LOGS.replace("LOGAPP", "logapp"));
    let logs = |extra: &[&str]| {
        let mut args = vec!["svc", "logs", "-n", "web", "-e", "test"];
        args.extend_from_slice(extra);
        let out = moto
            .tug()
            .current_dir(ws.path())
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let all = logs(&["--limit", "100"]);
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(lines.len(), 6, "{all}");
    assert_eq!(lines[0], "aaaa1111 web line 0");
    assert_eq!(lines[1], "cccc2222 web line 1");
    assert_eq!(lines[5], "cccc2222 web line 5");
    // The default: the last 10 lines; --limit N: the last N.
    assert_eq!(logs(&[]).lines().count(), 6);
    assert_eq!(
        logs(&["--limit", "2"]),
        "aaaa1111 web line 4\ncccc2222 web line 5\n"
    );
    // One task, by the start of its id.
    let one = logs(&["--tasks", "cccc"]);
    assert!(one.lines().all(|l| l.starts_with("cccc2222")), "{one}");
    assert_eq!(one.lines().count(), 3);
    // Time windows.
    assert_eq!(logs(&["--since", "10s"]), "");
    assert_eq!(logs(&["--since", "2d"]).lines().count(), 6);
    assert_eq!(
        logs(&[
            "--start-time",
            "2000-01-01T00:00:00Z",
            "--end-time",
            "2000-01-02T00:00:00Z"
        ]),
        ""
    );
    // JSON: one object per line.
    let json = logs(&["--json"]);
    for l in json.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["task"].is_string() && v["message"].is_string() && v["timestamp"].is_string());
    }
    // A wrong container gets a did you mean.
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args([
            "svc",
            "logs",
            "-n",
            "web",
            "-e",
            "test",
            "--container",
            "wbe",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `--container web`?"),
        "{}",
        stderr(&out)
    );
    // A bad time is a usage error naming the flag.
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["svc", "logs", "-n", "web", "-e", "test", "--since", "soon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--since"), "{}", stderr(&out));
}

/// A line that tries to drive the terminal (retitle, clear the screen, a CSI in its C1
/// form, a bidirectional override), from a task whose id is not ASCII.
const PUT_HOSTILE_LOGS: &str = r#"
import boto3, time
logs = boto3.client("logs")
group, stream = "/tug/LOGAPP/test/web", "web/web/t\u00e2ch\u00e9-\u00e9\u00e9-1234"
logs.create_log_stream(logGroupName=group, logStreamName=stream)
logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[{
    "timestamp": int(time.time() * 1000) - 1000,
    "message": "\x1b]0;pwned\x07\x1b[2Jred\tcol\u009b31m\u202eevil\x7f"}])
"#;

#[test]
fn logs_show_escape_sequences_instead_of_obeying_them() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "hostile");
    moto.python(&PUT_HOSTILE_LOGS.replace("LOGAPP", "hostile"));
    let logs = |extra: &[&str]| {
        let out = moto
            .tug()
            .current_dir(ws.path())
            .args(["svc", "logs", "-n", "web", "-e", "test"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{extra:?}: {}", stderr(&out));
        stdout(&out)
    };
    let text = logs(&[]);
    assert_eq!(
        text,
        "t\u{e2}ch\u{e9}-\u{e9}\u{e9} web \\x1b]0;pwned\\x07\\x1b[2Jred\tcol\\x9b31m\\u{202e}evil\\x7f\n"
    );
    assert!(
        !text.contains('\x1b') && !text.contains('\u{9b}'),
        "{text:?}"
    );
    // JSON carries the line as it was (escaped as JSON strings are).
    let json: serde_json::Value = serde_json::from_str(logs(&["--json"]).trim()).unwrap();
    assert_eq!(
        json["message"],
        "\x1b]0;pwned\x07\x1b[2Jred\tcol\u{9b}31m\u{202e}evil\x7f"
    );
    // The text cut the task id after 8 characters (not bytes); JSON keeps it whole.
    assert_eq!(json["task"], "t\u{e2}ch\u{e9}-\u{e9}\u{e9}-1234");
    assert!(logs(&["--tasks", "t\u{e2}ch"]).starts_with("t\u{e2}ch\u{e9}-"));
}

#[test]
fn logs_follow_streams_new_lines_without_duplicates_until_ctrl_c() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "follow");
    moto.python(&PUT_LOGS.replace("LOGAPP", "follow"));
    let mut child = tug_process(&moto.endpoint)
        .current_dir(ws.path())
        .args([
            "svc", "logs", "-n", "web", "-e", "test", "--follow", "--limit", "100",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    // New lines (numbered 100..105), written while tug follows.
    moto.python(
        &PUT_LOGS
            .replace("LOGAPP", "follow")
            .replace("now - 60000 + i * 1000", "now + i")
            .replace(
                "base = int(sys.argv[1]) if len(sys.argv) > 1 else 0",
                "base = 100",
            ),
    );
    std::thread::sleep(Duration::from_millis(3000));
    let status = interrupt(&mut child);
    let out = drain(child.stdout.take());
    assert!(status.success(), "Ctrl-C ends --follow with 0: {status:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 12, "every line once:\n{out}");
    for i in [0, 5, 100, 105] {
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.ends_with(&format!(" line {i}")))
                .count(),
            1,
            "line {i}:\n{out}"
        );
    }
}
