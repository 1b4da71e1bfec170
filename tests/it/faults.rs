//! Bad credentials, Regions and endpoints: one clear line and exit 1. Throttling and 5xx
//! answers: retried, and the deploy goes through. A dropped connection, a call that never
//! answers, minutes of throttling and a killed tug: each deploy ends where a user expects.
//! Faults are injected by a loopback proxy in front of moto (`support::proxy`).

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::localstack;
use crate::support::localstack::LocalStack;
use crate::support::moto::{tug_at, tug_process, unreachable, Moto};
use crate::support::proxy::{Fault, Proxy, Seen};
use crate::support::workspace::hello;
use crate::support::{drain, interrupt, need, stderr};

/// Asserts a failure told in one `error:` line (plus its help), with no panic or dump.
fn one_clear_line(out: &std::process::Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "{err}"
    );
    assert!(err.lines().count() <= 2, "one line and its help:\n{err}");
    assert!(!err.contains("panicked") && !err.contains("Debug"), "{err}");
    err
}

#[test]
fn no_credentials_is_one_clear_line() {
    let moto = need!(Moto::start());
    let ws = hello("nocreds");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(err.contains("no AWS credentials found"), "{err}");
    assert!(err.contains("--profile"), "{err}");
}

#[test]
fn a_wrong_region_is_one_clear_line() {
    let ws = hello("region");
    let out = tug_at(&unreachable())
        .current_dir(ws.path())
        .args(["--region", "us-esat-1", "env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(err.contains("`us-esat-1` is not an AWS Region"), "{err}");
    assert!(err.contains("did you mean `--region us-east-1`?"), "{err}");

    let out = tug_at(&unreachable())
        .current_dir(ws.path())
        .env_remove("AWS_REGION")
        .args(["env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(
        err.contains("no AWS Region is set") && err.contains("--region"),
        "{err}"
    );
}

#[test]
fn an_endpoint_refusing_connections_is_one_clear_line() {
    let ws = hello("refused");
    let endpoint = unreachable();
    let out = tug_at(&endpoint)
        .current_dir(ws.path())
        .args(["svc", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(
        err.contains(&format!("cannot reach {endpoint}: connection refused")),
        "{err}"
    );
}

#[test]
fn throttling_and_5xx_are_retried_and_the_deploy_survives() {
    let moto = need!(Moto::start());
    let ws = hello("retry");
    let faults = vec![
        (503, "ServiceUnavailable"),
        (500, "InternalFailure"),
        (400, "Throttling"),
        (400, "Throttling"),
    ];
    let proxy = Proxy::errors_first(moto.port, faults);
    let out = tug_at(&proxy.endpoint)
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("deployed (CREATE_COMPLETE)"),
        "{}",
        stderr(&out)
    );
    assert!(proxy.actions().len() > 4, "the faults were served");
}

#[test]
fn an_expired_token_is_one_clear_line() {
    // moto does not check credentials' age: the proxy answers as AWS does for an expired
    // session token (400 ExpiredToken), which is not retried.
    let moto = need!(Moto::start());
    let ws = hello("expired");
    let proxy = Proxy::errors_first(moto.port, vec![(400, "ExpiredToken"); 10]);
    let out = tug_at(&proxy.endpoint)
        .current_dir(ws.path())
        .env("AWS_SESSION_TOKEN", "old")
        .args(["env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(err.contains("the AWS credentials have expired"), "{err}");
    assert!(err.contains("aws sso login"), "{err}");
}

#[test]
fn ctrl_c_stops_watching_and_says_how_to_follow() {
    let moto = need!(Moto::start());
    let ws = hello("interrupt");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Slow answers keep the deploy going long enough to interrupt it.
    let proxy = Proxy::start(moto.port, Duration::from_millis(400), |_| None);
    let mut child = tug_process(&proxy.endpoint)
        .current_dir(ws.path())
        .args(["svc", "deploy", "-n", "web", "-e", "test"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let status = interrupt(&mut child);
    let err = drain(child.stderr.take());
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(
        err.contains("stopped watching; the deployment goes on in AWS"),
        "{err}"
    );
    assert!(err.contains("tug svc status -n web -e test"), "{err}");
}

/// `tug env deploy -n test` in `ws` through `endpoint`.
fn env_deploy(endpoint: &str, ws: &std::path::Path) -> std::process::Output {
    tug_at(endpoint)
        .current_dir(ws)
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap()
}

/// The status of stack `name` (DescribeStacks), through boto3 at `server`'s python.
fn status(python_out: impl Fn(&str) -> String, stack: &str) -> String {
    python_out(&format!(
        r#"
import boto3
print(boto3.client("cloudformation").describe_stacks(StackName="{stack}")["Stacks"][0]["StackStatus"])
"#
    ))
    .trim()
    .to_string()
}

/// The answers to the first CreateChangeSet and ExecuteChangeSet are lost (the calls
/// happened in AWS): the SDK sends each again and the deploy carries on, executing once.
fn dropped_answers(seen: &Seen) -> Option<Fault> {
    let change_set = matches!(seen.action.as_str(), "CreateChangeSet" | "ExecuteChangeSet");
    (change_set && seen.nth == 0).then_some(Fault::DropAnswer)
}

#[test]
fn a_connection_dropped_mid_change_set_deploys_once() {
    let moto = need!(Moto::start());
    let ws = hello("dropped");
    // Only ExecuteChangeSet's answer: moto ignores CreateChangeSet's ClientToken, with
    // which AWS answers a retry with the change set it made.
    let proxy = Proxy::start(moto.port, Duration::ZERO, |seen| {
        (seen.action == "ExecuteChangeSet" && seen.nth == 0).then_some(Fault::DropAnswer)
    });
    let out = env_deploy(&proxy.endpoint, ws.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    assert_eq!(proxy.count("ExecuteChangeSet"), 2, "{:?}", proxy.actions());
    assert_eq!(
        status(|c| moto.python_out(c), "tug-dropped-test"),
        "CREATE_COMPLETE"
    );
}

/// How long the proxy throttles: the 30 s of the issue.
const THROTTLED: Duration = Duration::from_secs(30);

#[test]
fn thirty_seconds_of_throttling_are_waited_out() {
    let moto = need!(Moto::start());
    let ws = hello("throttled");
    // From the first CreateChangeSet on, every CloudFormation call is throttled for 30 s,
    // as AWS answers when an account's request rate is exceeded.
    let since = Mutex::new(None::<Instant>);
    let proxy = Proxy::start(moto.port, Duration::ZERO, move |seen| {
        let mut since = since.lock().unwrap();
        if seen.action == "CreateChangeSet" && since.is_none() {
            *since = Some(Instant::now());
        }
        let throttled = since.is_some_and(|t| t.elapsed() < THROTTLED);
        throttled.then_some(Fault::Error(400, "Throttling"))
    });
    let started = Instant::now();
    let out = env_deploy(&proxy.endpoint, ws.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    assert!(
        started.elapsed() >= THROTTLED,
        "the throttling was waited out"
    );
    // The person watching is told once, not at every retry.
    let told = "CloudFormation is throttling requests (Rate exceeded); retrying for up to 2 min";
    assert_eq!(err.matches(told).count(), 1, "{err}");
    let told = err.lines().find(|l| l.contains(told)).unwrap();
    assert!(told.contains("environment test: "), "which deploy: {err}");
    assert_eq!(
        status(|c| moto.python_out(c), "tug-throttled-test"),
        "CREATE_COMPLETE"
    );
}

#[test]
fn a_describe_call_that_never_answers_times_out_and_is_retried() {
    let moto = need!(Moto::start());
    let ws = hello("hung");
    // The first DescribeStacks after the change set executes (the watch) never answers.
    // 0: not executed yet; 1: executed, the next DescribeStacks hangs; 2: it hung.
    let state = AtomicUsize::new(0);
    let proxy = Proxy::start(moto.port, Duration::ZERO, move |seen| {
        match seen.action.as_str() {
            "ExecuteChangeSet" => {
                let _ = state.compare_exchange(0, 1, SeqCst, SeqCst);
                None
            }
            "DescribeStacks" if state.compare_exchange(1, 2, SeqCst, SeqCst).is_ok() => {
                Some(Fault::Hang)
            }
            _ => None,
        }
    });
    let started = Instant::now();
    let out = env_deploy(&proxy.endpoint, ws.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    assert!(
        started.elapsed() >= Duration::from_secs(60),
        "the SDK gave up on the call after its attempt timeout, and tried again"
    );
    assert_eq!(
        status(|c| moto.python_out(c), "tug-hung-test"),
        "CREATE_COMPLETE"
    );
}

/// Starts `tug env deploy -n test` in `ws` through a proxy to `upstream` and kills it
/// (SIGKILL) as the change set executes; what the proxy saw.
fn killed_as_it_executes(upstream: u16, ws: &std::path::Path) -> Proxy {
    let (executing, told) = std::sync::mpsc::channel();
    let executing = Mutex::new(executing);
    let proxy = Proxy::start(upstream, Duration::ZERO, move |seen| {
        if seen.action == "ExecuteChangeSet" {
            let _ = executing.lock().unwrap().send(());
        }
        None
    });
    let mut child = tug_process(&proxy.endpoint)
        .current_dir(ws)
        .args(["env", "deploy", "-n", "test"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    told.recv_timeout(Duration::from_secs(60))
        .expect("the deploy reached ExecuteChangeSet");
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9)
    );
    proxy
}

#[test]
fn a_deploy_killed_as_it_executes_is_finished_by_the_next_run() {
    let moto = need!(Moto::start());
    let ws = hello("killed");
    killed_as_it_executes(moto.port, ws.path());
    // moto executes a change set at once: the next run finds the stack finished ("no
    // changes"), or, when the kill beat the execution, deploys it.
    let out = env_deploy(&moto.endpoint, ws.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("no changes") || err.contains("deployed (CREATE_COMPLETE)"),
        "{err}"
    );
    assert_eq!(
        status(|c| moto.python_out(c), "tug-killed-test"),
        "CREATE_COMPLETE"
    );
}

#[test]
fn a_deploy_killed_as_it_executes_is_waited_for_by_the_next_run() {
    let ls = need!(LocalStack::shared());
    let ws = localstack::workspace("lskilled");
    killed_as_it_executes(ls.port, ws.path());
    // CloudFormation goes on creating the stack: the next run finds it busy and waits.
    let out = env_deploy(&ls.endpoint, ws.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("stack tug-lskilled-test is busy (CREATE_IN_PROGRESS)"),
        "{err}"
    );
    assert!(err.contains("no changes"), "{err}");
    assert_eq!(
        status(|c| ls.python_out(c), "tug-lskilled-test"),
        "CREATE_COMPLETE"
    );
}

#[test]
fn a_connection_dropped_mid_change_set_deploys_once_on_cloudformation() {
    // CloudFormation refuses to execute a change set twice (InvalidChangeSetStatus), as
    // LocalStack does; moto executes it again.
    let ls = need!(LocalStack::shared());
    let ws = localstack::workspace("lsdropped");
    let proxy = Proxy::start(ls.port, Duration::ZERO, dropped_answers);
    let out = env_deploy(&proxy.endpoint, ws.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    assert_eq!(proxy.count("CreateChangeSet"), 2, "{:?}", proxy.actions());
    assert_eq!(proxy.count("ExecuteChangeSet"), 2, "{:?}", proxy.actions());
    assert_eq!(
        status(|c| ls.python_out(c), "tug-lsdropped-test"),
        "CREATE_COMPLETE"
    );
}
