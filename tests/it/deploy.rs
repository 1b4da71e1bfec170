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

/// A Worker Service subscribing to the topic `orders` of service `web`.
pub const JOBS: &str = "name: jobs
type: Worker Service
image:
  location: public.ecr.aws/docker/library/busybox:stable
subscribe:
  topics:
    - name: orders
      service: web
      queue: true
count:
  range: 1-5
  memory_percentage: 80
  queue_delay:
    acceptable_latency: 5m
    msg_processing_time: 2s
    cooldown:
      in: 90s
deployment:
  rollback_alarms:
    messages_delayed: 10
";

/// What AWS holds after the deploys of `rollback_alarms_and_queue_scaling_are_deployed`:
/// the alarms (DescribeAlarms), each service's deployment configuration (DescribeServices)
/// and name, and the worker stack's template (GetTemplate).
fn deployed_alarms_and_scaling(moto: &Moto, out: &std::path::Path) -> serde_json::Value {
    moto.python(&format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
ecs = boto3.client("ecs")
cw = boto3.client("cloudwatch")
out = {{"alarms": {{}}, "deployments": {{}}, "services": {{}}}}
for a in cw.describe_alarms()["MetricAlarms"]:
    keep = ["Namespace", "MetricName", "Statistic", "Period", "EvaluationPeriods",
            "DatapointsToAlarm", "ComparisonOperator", "Threshold", "Unit"]
    alarm = {{k: a.get(k) for k in keep}}
    alarm["Dimensions"] = {{d["Name"]: d["Value"] for d in a["Dimensions"]}}
    out["alarms"][a["AlarmName"]] = alarm
for svc in ["web", "api", "jobs"]:
    res = cf.describe_stack_resources(StackName="tug-shop-test-" + svc)["StackResources"]
    arn = [r["PhysicalResourceId"] for r in res if r.get("ResourceType") == "AWS::ECS::Service"][0]
    s = ecs.describe_services(cluster="tug-shop-test", services=[arn])["services"][0]
    out["deployments"][svc] = s.get("deploymentConfiguration")
    out["services"][svc] = s["serviceName"]
queues = cf.describe_stack_resources(StackName="tug-shop-test-jobs")["StackResources"]
out["events_queue"] = [r["PhysicalResourceId"] for r in queues
                       if r.get("LogicalResourceId") == "EventsQueue"][0]
out["jobs_template"] = cf.get_template(StackName="tug-shop-test-jobs")["TemplateBody"]
json.dump(out, open("{}", "w"))
"#,
        out.display()
    ));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// Rollback alarms and queue-delay scaling, deployed: the alarms tug creates exist with
/// Copilot's settings on the right metrics, each service's deployment watches its alarms,
/// and the worker's scaling policy tracks its backlog per task. moto's CloudFormation
/// creates no Application Auto Scaling resources, so the policy is read from the stack's
/// template as CloudFormation stored it.
#[test]
fn rollback_alarms_and_queue_scaling_are_deployed() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    let web = dir.join("tug/web/manifest.yml");
    let mut text = std::fs::read_to_string(&web).unwrap();
    text.push_str("publish:\n  topics:\n    - name: orders\n");
    text.push_str(
        "deployment:\n  rollback_alarms:\n    cpu_utilization: 70\n    memory_utilization: 85\n",
    );
    std::fs::write(&web, text).unwrap();
    let api = dir.join("tug/api/manifest.yml");
    let text = std::fs::read_to_string(&api).unwrap().replace(
        "  rolling: default\n",
        "  rolling: default\n  rollback_alarms: [\"shop-api-5xx\"]\n",
    );
    std::fs::write(&api, text).unwrap();
    crate::support::workspace::write(dir, "tug/jobs/manifest.yml", JOBS);
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    for svc in ["web", "api", "jobs"] {
        ok(moto
            .tug()
            .current_dir(dir)
            .args(["svc", "deploy", "-n", svc, "-e", "test"]));
    }
    let scratch = tempfile::tempdir().unwrap();
    let got = deployed_alarms_and_scaling(&moto, &scratch.path().join("got.json"));

    // The alarms tug created, and only those (the api's alarm is the user's own).
    let alarms = got["alarms"].as_object().unwrap();
    let mut names: Vec<&str> = alarms.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "tug-shop-test-jobs-RollbackMsgsDelayedAlarm",
            "tug-shop-test-web-RollbackCPUAlarm",
            "tug-shop-test-web-RollbackMemAlarm"
        ]
    );
    let cpu = &alarms["tug-shop-test-web-RollbackCPUAlarm"];
    assert_eq!(cpu["Namespace"], "AWS/ECS");
    assert_eq!(cpu["MetricName"], "CPUUtilization");
    assert_eq!(cpu["Statistic"], "Average");
    assert_eq!(cpu["ComparisonOperator"], "GreaterThanOrEqualToThreshold");
    assert_eq!(cpu["Period"], 60);
    assert_eq!(cpu["EvaluationPeriods"], 3);
    assert_eq!(cpu["DatapointsToAlarm"], 2);
    assert_eq!(cpu["Threshold"], 70.0);
    assert_eq!(cpu["Unit"], "Percent");
    assert_eq!(cpu["Dimensions"]["ClusterName"], "tug-shop-test");
    assert_eq!(cpu["Dimensions"]["ServiceName"], got["services"]["web"]);
    let mem = &alarms["tug-shop-test-web-RollbackMemAlarm"];
    assert_eq!(mem["MetricName"], "MemoryUtilization");
    assert_eq!(mem["Threshold"], 85.0);
    let delayed = &alarms["tug-shop-test-jobs-RollbackMsgsDelayedAlarm"];
    assert_eq!(delayed["Namespace"], "AWS/SQS");
    assert_eq!(delayed["MetricName"], "ApproximateNumberOfMessagesDelayed");
    assert_eq!(delayed["Threshold"], 10.0);
    let queue_url = got["events_queue"].as_str().unwrap();
    assert!(
        queue_url.ends_with(&format!(
            "/{}",
            delayed["Dimensions"]["QueueName"].as_str().unwrap()
        )),
        "the events queue: {queue_url} {delayed}"
    );

    // Each deployment watches its alarms, rolls back on them, and keeps the circuit breaker.
    let watched = |svc: &str| {
        let d = &got["deployments"][svc];
        assert_eq!(
            d["deploymentCircuitBreaker"]["rollback"], true,
            "{svc}: {d}"
        );
        assert_eq!(d["alarms"]["enable"], true, "{svc}: {d}");
        assert_eq!(d["alarms"]["rollback"], true, "{svc}: {d}");
        d["alarms"]["alarmNames"].clone()
    };
    assert_eq!(
        watched("web"),
        serde_json::json!([
            "tug-shop-test-web-RollbackCPUAlarm",
            "tug-shop-test-web-RollbackMemAlarm"
        ])
    );
    assert_eq!(watched("api"), serde_json::json!(["shop-api-5xx"]));
    assert_eq!(
        watched("jobs"),
        serde_json::json!(["tug-shop-test-jobs-RollbackMsgsDelayedAlarm"])
    );

    // The worker scales on memory and on its backlog per task: both queues over its tasks.
    let template: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(got["jobs_template"].as_str().unwrap()).unwrap();
    let r = &template["Resources"];
    assert!(r.get("MemoryScalingPolicy").is_some());
    let tt =
        &r["QueueDelayScalingPolicy"]["Properties"]["TargetTrackingScalingPolicyConfiguration"];
    assert_eq!(tt["TargetValue"].as_f64(), Some(150.0), "5m / 2s");
    assert_eq!(tt["ScaleInCooldown"].as_u64(), Some(90));
    assert_eq!(tt["ScaleOutCooldown"].as_u64(), Some(60));
    let metrics = tt["CustomizedMetricSpecification"]["Metrics"]
        .as_sequence()
        .unwrap();
    let expression = metrics
        .iter()
        .find(|m| m["ReturnData"].as_bool() == Some(true))
        .and_then(|m| m["Expression"].as_str());
    assert_eq!(expression, Some("(queue0 + queue1) / tasks"));
}
