//! `tug job`: runs of a Scheduled Job's state machine and their logs, and the `svc` verbs
//! for jobs, against moto. moto runs no containers: tests/moto/server.py runs a job's task
//! in moto's ECS when its state machine starts, and the test plays the container (log
//! lines, an exit code, the task stopping); see tests/README.md.

use std::process::{Child, Stdio};
use std::time::Duration;

use crate::support::moto::{tug_process, Moto};
use crate::support::workspace::{hello, write};
use crate::support::{code, drain, interrupt, jsonschema, need, ok, stderr, stdout};

const JOB: &str = "name: report\ntype: Scheduled Job\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\non:\n  schedule: \"@daily\"\n";

/// A workspace `app` with services web and api and the job report, the environment and
/// the job deployed.
fn deployed(moto: &Moto, app: &str) -> tempfile::TempDir {
    let ws = hello(app);
    write(ws.path(), "tug/report/manifest.yml", JOB);
    ok(moto
        .tug()
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"]));
    let out = ok(moto
        .tug()
        .current_dir(ws.path())
        .args(["job", "deploy", "-n", "report", "-e", "test"]));
    assert!(
        stderr(&out).contains("job report in test: deployed"),
        "{}",
        stderr(&out)
    );
    ws
}

/// Plays the container of the job's newest running run, as AWS would run it: waits for
/// the task its state machine started, writes `lines` to its log stream, exits with
/// `exit_code` and stops. Prints the task id.
const FINISH: &str = r#"
import boto3, json, sys, time
app, exit_code, lines = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
sfn, ecs, logs = boto3.client("stepfunctions"), boto3.client("ecs"), boto3.client("logs")
cluster = f"tug-{app}-test"
task = None
for _ in range(150):
    for sm in sfn.list_state_machines()["stateMachines"]:
        for ex in sfn.list_executions(stateMachineArn=sm["stateMachineArn"], statusFilter="RUNNING")["executions"]:
            for e in sfn.get_execution_history(executionArn=ex["executionArn"])["events"]:
                if e["type"] == "TaskSubmitted":
                    task = json.loads(e["taskSubmittedEventDetails"]["output"])["Tasks"][0]["TaskArn"]
    if task:
        break
    time.sleep(0.2)
tid = task.split("/")[-1]
group, stream = f"/tug/{app}/test/report", f"report/report/{tid}"
logs.create_log_stream(logGroupName=group, logStreamName=stream)
now = int(time.time() * 1000)
events = [{"timestamp": now + i, "message": m} for i, m in enumerate(lines)]
logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)
time.sleep(2.5)
ecs.submit_container_state_change(cluster=cluster, task=task, containerName="report", status="STOPPED", exitCode=exit_code)
ecs.stop_task(cluster=cluster, task=task, reason="Essential container in task exited")
print(tid)
"#;

/// `tug ARGS` in `dir` as a child process, its output piped.
fn spawn(moto: &Moto, dir: &std::path::Path, args: &[&str]) -> Child {
    tug_process(&moto.endpoint)
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Plays the run's container (see [`FINISH`]); the task id.
fn finish(moto: &Moto, app: &str, exit_code: i32, lines: &[&str]) -> String {
    let args: Vec<String> = lines.iter().map(|l| format!("{l:?}")).collect();
    let code = format!(
        "import sys\nsys.argv = ['finish', {app:?}, '{exit_code}', {}]\n{FINISH}",
        args.join(", ")
    );
    moto.python_out(&code).trim().to_string()
}

fn wait_out(mut child: Child) -> (i32, String, String) {
    let status = child.wait().unwrap();
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    (status.code().unwrap_or(-1), out, err)
}

#[test]
fn job_run_exits_with_the_runs_result_and_logs_read_the_last_runs() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "runs");
    let dir = ws.path();

    // --follow: the run's lines as they come, then its result: the container exited 3.
    let child = spawn(
        &moto,
        dir,
        &["job", "run", "-n", "report", "-e", "test", "--follow"],
    );
    let first = finish(&moto, "runs", 3, &["migrating 1", "migration 1 failed"]);
    let (status, out, err) = wait_out(child);
    assert_eq!(status, 1, "a failed run exits 1:\n{out}\n{err}");
    let short = &first[..8];
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            format!("{short} report migrating 1"),
            format!("{short} report migration 1 failed")
        ],
        "{err}"
    );
    assert!(err.contains("started run"), "{err}");
    assert!(
        err.contains("failed: States.TaskFailed")
            && err.contains("container report exited with code 3")
            && err.contains("Essential container in task exited"),
        "{err}"
    );

    // --wait --json: one document with the run's end; exit 0 when it succeeded.
    let child = spawn(
        &moto,
        dir,
        &[
            "--json", "job", "run", "-n", "report", "-e", "test", "--wait",
        ],
    );
    let second = finish(&moto, "runs", 0, &["migrating 2", "done 2"]);
    let (status, out, err) = wait_out(child);
    assert_eq!(status, 0, "{out}\n{err}");
    jsonschema::check_docs("job-run.json", &[&out]);
    let v: serde_json::Value = serde_json::from_str(&out).expect(&out);
    assert_eq!(v["run"]["status"], "SUCCEEDED");
    assert_eq!(v["outcome"], "succeeded");
    assert_eq!(v["name"], "report");

    // logs: the last run by default, newest runs with --last, in time order.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["job", "logs", "-n", "report", "-e", "test"]));
    let text = stdout(&out);
    assert!(
        text.contains("done 2") && !text.contains("migrating 1"),
        "{text}"
    );
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["job", "logs", "-n", "report", "-e", "test", "--last", "2"]));
    let messages: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.splitn(3, ' ').nth(2).unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        messages,
        ["migrating 1", "migration 1 failed", "migrating 2", "done 2"],
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("FAILED") && err.contains("SUCCEEDED"), "{err}");
    let out = ok(moto.tug().current_dir(dir).args([
        "--json", "job", "logs", "-n", "report", "-e", "test", "--last", "2",
    ]));
    let tasks: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect(l)["task"].to_string())
        .collect();
    assert_eq!(tasks.len(), 4, "NDJSON, a line per log line");
    assert!(
        tasks[0].contains(&first) && tasks[3].contains(&second),
        "{tasks:?}"
    );

    // A run stopped in AWS (StopExecution) ends aborted: exit 1.
    let child = spawn(
        &moto,
        dir,
        &["job", "run", "-n", "report", "-e", "test", "--wait"],
    );
    std::thread::sleep(Duration::from_millis(1500));
    moto.python(
        "import boto3\nsfn = boto3.client('stepfunctions')\n\
         for sm in sfn.list_state_machines()['stateMachines']:\n    \
         for ex in sfn.list_executions(stateMachineArn=sm['stateMachineArn'], statusFilter='RUNNING')['executions']:\n        \
         sfn.stop_execution(executionArn=ex['executionArn'])\n",
    );
    let (status, _, err) = wait_out(child);
    assert_eq!(status, 1, "{err}");
    assert!(err.contains("was aborted"), "{err}");

    // The svc commands still take the job; `job ls` lists jobs only.
    let out = ok(moto.tug().current_dir(dir).args(["svc", "ls"]));
    assert!(stdout(&out).contains("report"), "{}", stdout(&out));
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test"]));
    let out = ok(moto.tug().current_dir(dir).args(["--json", "job", "ls"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["report"]);
}

#[test]
fn job_run_returns_at_once_and_ctrl_c_stops_watching_not_the_run() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "watch");
    let dir = ws.path();
    // Without --wait: the run's ARN on stdout, and it is running.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["job", "run", "-n", "report", "-e", "test"]));
    let arn = stdout(&out).trim().to_string();
    assert!(arn.starts_with("arn:aws:states:"), "{arn}");
    let status = moto.python_out(&format!(
        "import boto3\nprint(boto3.client('stepfunctions').describe_execution(executionArn='{arn}')['status'])"
    ));
    assert_eq!(status.trim(), "RUNNING");

    let mut child = spawn(
        &moto,
        dir,
        &["job", "run", "-n", "report", "-e", "test", "--wait"],
    );
    std::thread::sleep(Duration::from_millis(2500));
    let status = interrupt(&mut child);
    let err = drain(child.stderr.take());
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("goes on in AWS"), "{err}");
    assert!(
        err.contains("tug job logs -n report -e test --follow"),
        "{err}"
    );
    let running = moto.python_out(
        "import boto3\nsfn = boto3.client('stepfunctions')\n\
         sm = sfn.list_state_machines()['stateMachines'][0]['stateMachineArn']\n\
         print(len(sfn.list_executions(stateMachineArn=sm, statusFilter='RUNNING')['executions']))",
    );
    assert_eq!(running.trim(), "2", "both runs go on");
}

#[test]
fn job_names_say_what_they_are() {
    let moto = need!(Moto::start());
    let ws = deployed(&moto, "names");
    let dir = ws.path();
    // A service named to a job command: said before any AWS call.
    for args in [
        &["job", "run", "-n", "web", "-e", "test"][..],
        &["job", "logs", "-n", "web", "-e", "test"],
        &["job", "deploy", "-n", "web", "-e", "test"],
    ] {
        let out = moto.tug().current_dir(dir).args(args).output().unwrap();
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(
            stderr(&out).contains("web is a service, not a Scheduled Job"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // A misspelt job: did you mean, from the jobs deployed there.
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["job", "run", "-n", "reprot", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("job reprot is not deployed in environment test")
            && stderr(&out).contains("did you mean `-n report`?"),
        "{}",
        stderr(&out)
    );
    // No run yet: logs say so and how to start one.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["job", "logs", "-n", "report", "-e", "test"]));
    assert!(
        stderr(&out).contains("has not run in test yet")
            && stderr(&out).contains("tug job run -n report -e test"),
        "{}",
        stderr(&out)
    );
    // show and package, for jobs; delete needs --yes without a terminal.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["job", "show", "-n", "report"]));
    let text = stdout(&out);
    assert!(
        text.starts_with("Job report of application names") && text.contains("StateMachineArn"),
        "{text}"
    );
    ok(moto.tug().current_dir(dir).args([
        "job",
        "package",
        "-n",
        "report",
        "-e",
        "test",
        "--output-dir",
        "out",
    ]));
    assert!(dir.join("out/tug-names-test-report.yml").is_file());
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["job", "delete", "-n", "report", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["job", "delete", "-n", "report", "-e", "test", "--yes"]));
    assert!(
        stderr(&out).contains("job report in test"),
        "{}",
        stderr(&out)
    );
    let out = ok(moto.tug().current_dir(dir).args(["job", "ls"]));
    assert!(
        stderr(&out).contains("has no job deployed"),
        "{}",
        stderr(&out)
    );
}
