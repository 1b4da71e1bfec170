//! `tug task run | ls | delete` against moto. moto runs no containers: its tasks move on
//! to STOPPED by themselves with exit code 0, or (with its state manager told to hold
//! them) stay RUNNING until the test reports how they ended with SubmitTaskStateChange,
//! as the ECS agent does on AWS (tests/README.md).

use std::process::{Child, Stdio};

use crate::support::moto::{tug_at, tug_process, unreachable, Moto};
use crate::support::workspace::hello;
use crate::support::{code, drain, interrupt, jsonschema, need, stderr, stdout};

/// A workspace of `app` with environment `test` deployed.
fn with_env(moto: &Moto, app: &str) -> tempfile::TempDir {
    let ws = hello(app);
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "env deploy: {}", stderr(&out));
    ws
}

/// Tells moto's state manager to keep tasks RUNNING until the test says how they ended.
fn hold_tasks(moto: &Moto) {
    moto.python(&format!(
        r#"
import json, urllib.request
body = json.dumps({{"model_name": "ecs::task",
                   "transition": {{"progression": "manual", "times": 1000000}}}}).encode()
urllib.request.urlopen(urllib.request.Request(
    "{}/moto-api/state-manager/set-transition", data=body, method="POST"))
"#,
        moto.endpoint
    ));
}

/// Waits (up to a minute) for a task of group `group` of `app` to run in environment
/// `test`, optionally writes `lines` to its log stream, then reports its end as the ECS
/// agent would: `container` (JSON: containerName, status, exitCode, reason) and the task's
/// `reason`.
fn agent_stops(moto: &Moto, app: &str, group: &str, lines: &[&str], container: &str, reason: &str) {
    moto.python(&format!(
        r#"
import boto3, json, time
ecs = boto3.client("ecs")
logs = boto3.client("logs")
deadline = time.time() + 60
arns = []
while not arns and time.time() < deadline:
    arns = ecs.list_tasks(cluster="tug-{app}-test", family="tug-{app}-task-{group}",
                          desiredStatus="RUNNING")["taskArns"]
    time.sleep(0.2)
assert arns, "no task started"
task = arns[0].split("/")[-1]
lines = {lines}
if lines:
    log_group = "/tug/{app}/task/{group}"
    stream = "{group}/{group}/" + task
    logs.create_log_stream(logGroupName=log_group, logStreamName=stream)
    now = int(time.time() * 1000)
    logs.put_log_events(logGroupName=log_group, logStreamName=stream,
        logEvents=[{{"timestamp": now + i, "message": m}} for i, m in enumerate(lines)])
    time.sleep(2)
ecs.submit_task_state_change(cluster="tug-{app}-test", task=arns[0], status="STOPPED",
    reason="{reason}", containers=[json.loads('{container}')])
"#,
        lines = serde_json::to_string(lines).unwrap(),
    ));
}

fn spawn(moto: &Moto, dir: &std::path::Path, args: &[&str]) -> Child {
    tug_process(&moto.endpoint)
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(mut child: Child) -> (i32, String, String) {
    let status = child.wait().unwrap();
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    (status.code().unwrap_or(-1), out, err)
}

#[test]
fn run_in_an_environment_then_ls_and_delete() {
    let moto = need!(Moto::start());
    let ws = with_env(&moto, "tk");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args([
            "task",
            "run",
            "-n",
            "migrate",
            "-e",
            "test",
            "--image",
            "busybox:1.36",
            "--command",
            "sh -c 'bin/migrate --all'",
            "--env-vars",
            "MODE=full,LEVEL=2",
            "--secrets",
            "DB_URL=/tk/db",
            "--cpu",
            "512",
            "--memory",
            "1024",
            "--wait",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    // moto moves the task on to STOPPED by itself, its container's exit code 0.
    assert_eq!(code(&out), 0, "{err}");
    assert!(
        err.contains("task migrate: 512 CPU units, 1024 MiB, linux/x86_64"),
        "{err}"
    );
    assert!(err.contains("started task"), "{err}");
    assert!(err.contains("STOPPED"), "{err}");
    assert!(err.contains("exit code 0"), "{err}");

    // Where it ran and what it ran, read back through the API.
    let seen = moto.python_out(
        r#"
import boto3, json
cfn = boto3.client("cloudformation"); ecs = boto3.client("ecs"); ec2 = boto3.client("ec2")
outs = {o["OutputKey"]: o["OutputValue"] for o in
        cfn.describe_stacks(StackName="tug-tk-test")["Stacks"][0]["Outputs"]}
arns = ecs.list_tasks(cluster=outs["ClusterName"])["taskArns"]
task = ecs.describe_tasks(cluster=outs["ClusterName"], tasks=arns)["tasks"][0]
details = {d["name"]: d["value"] for d in task["attachments"][0]["details"]}
eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[details["networkInterfaceId"]])
groups = [g["GroupId"] for g in eni["NetworkInterfaces"][0]["Groups"]]
td = ecs.describe_task_definition(taskDefinition=task["taskDefinitionArn"])["taskDefinition"]
c = td["containerDefinitions"][0]
print(json.dumps({
    "in_private_subnet": details["subnetId"] in outs["PrivateSubnets"].split(","),
    "in_env_group": outs["EnvironmentSecurityGroup"] in groups,
    "cluster": task["clusterArn"].endswith("/" + outs["ClusterName"]),
    "launch": task.get("launchType"), "started_by": task.get("startedBy"),
    "family": td["family"], "cpu": td.get("cpu"), "memory": td.get("memory"),
    "network": td.get("networkMode"), "requires": td.get("requiresCompatibilities"),
    "execution_role": bool(td.get("executionRoleArn")), "task_role": bool(td.get("taskRoleArn")),
    "name": c.get("name"), "command": c.get("command"),
    "env": sorted((e["name"], e["value"]) for e in c.get("environment", [])),
    "secrets": [(s["name"], s["valueFrom"]) for s in c.get("secrets", [])],
    "log": c.get("logConfiguration", {}).get("options", {}),
}))
"#,
    );
    let v: serde_json::Value = serde_json::from_str(seen.trim()).unwrap();
    assert_eq!(v["in_private_subnet"], true, "{v}");
    assert_eq!(v["in_env_group"], true, "{v}");
    assert_eq!(v["cluster"], true, "{v}");
    assert_eq!(v["launch"], "FARGATE", "{v}");
    assert_eq!(v["started_by"], "tug task run", "{v}");
    assert_eq!(v["family"], "tug-tk-task-migrate", "{v}");
    assert_eq!(v["cpu"], "512", "{v}");
    assert_eq!(v["memory"], "1024", "{v}");
    assert_eq!(v["network"], "awsvpc", "{v}");
    assert_eq!(v["requires"], serde_json::json!(["FARGATE"]), "{v}");
    assert_eq!(v["execution_role"], true, "{v}");
    assert_eq!(v["task_role"], true, "{v}");
    assert_eq!(v["name"], "migrate", "{v}");
    assert_eq!(
        v["command"],
        serde_json::json!(["sh", "-c", "bin/migrate --all"]),
        "{v}"
    );
    assert_eq!(
        v["env"],
        serde_json::json!([["LEVEL", "2"], ["MODE", "full"]]),
        "{v}"
    );
    assert_eq!(
        v["secrets"],
        serde_json::json!([["DB_URL", "/tk/db"]]),
        "{v}"
    );
    assert_eq!(v["log"]["awslogs-group"], "/tug/tk/task/migrate", "{v}");
    assert_eq!(v["log"]["awslogs-stream-prefix"], "migrate", "{v}");

    // The group's stack, as CloudFormation stored it, passes cfn-lint.
    let template = moto.python_out(
        r#"
import boto3
print(boto3.client("cloudformation").get_template(StackName="tug-tk-task-migrate")["TemplateBody"])
"#,
    );
    let file = ws.path().join("tug-tk-task-migrate.yml");
    std::fs::write(&file, template).unwrap();
    crate::support::cfn_lint::lint(&[file]);

    // The same run again changes nothing in the group's stack.
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args([
            "task",
            "run",
            "-n",
            "migrate",
            "-e",
            "test",
            "--image",
            "busybox:1.36",
            "--command",
            "sh -c 'bin/migrate --all'",
            "--env-vars",
            "MODE=full,LEVEL=2",
            "--secrets",
            "DB_URL=/tk/db",
            "--cpu",
            "512",
            "--memory",
            "1024",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("no changes"), "{}", stderr(&out));

    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["--json", "task", "ls"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["groups"][0]["name"], "migrate", "{v}");
    assert_eq!(v["groups"][0]["log_group"], "/tug/tk/task/migrate", "{v}");
    assert_eq!(v["groups"][0]["image"], "busybox:1.36", "{v}");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["task", "ls"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("tug-tk-task-migrate:"),
        "{}",
        stdout(&out)
    );

    let del = |args: &[&str]| {
        let out = moto
            .tug()
            .current_dir(ws.path())
            .args(args)
            .output()
            .unwrap();
        (code(&out), stderr(&out))
    };
    let (c, err) = del(&["task", "delete", "-n", "migrat"]);
    assert_eq!(c, 1, "{err}");
    assert!(err.contains("did you mean `-n migrate`?"), "{err}");
    let (c, err) = del(&["task", "delete", "-n", "migrate"]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("--yes"), "{err}");
    let (c, err) = del(&["task", "delete", "-n", "migrate", "--yes"]);
    assert_eq!(c, 0, "{err}");
    let left = moto.python_out(
        r#"
import boto3
ecs = boto3.client("ecs")
print(len(ecs.list_task_definitions(familyPrefix="tug-tk-task-migrate")["taskDefinitionArns"]),
      len(ecs.list_task_definitions(familyPrefix="tug-tk-task-migrate", status="INACTIVE")["taskDefinitionArns"]))
"#,
    );
    assert_eq!(left.trim(), "0 0", "task definitions left: {left}");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["task", "ls"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("has no task groups"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn wait_exits_with_the_essential_containers_exit_code_or_says_why_it_never_started() {
    let moto = need!(Moto::start());
    let ws = with_env(&moto, "ex");
    hold_tasks(&moto);
    let args = [
        "task", "run", "-n", "job", "-e", "test", "--image", "busybox", "--wait",
    ];
    let child = spawn(&moto, ws.path(), &args);
    agent_stops(
        &moto,
        "ex",
        "job",
        &[],
        r#"{"containerName": "job", "status": "STOPPED", "exitCode": 3}"#,
        "Essential container in task exited",
    );
    let (c, _, err) = finish(child);
    assert_eq!(c, 3, "{err}");
    assert!(err.contains("job exited with 3"), "{err}");

    let mut json = vec!["--json"];
    json.extend(args);
    let child = spawn(&moto, ws.path(), &json);
    agent_stops(
        &moto,
        "ex",
        "job",
        &[],
        r#"{"containerName": "job", "status": "STOPPED", "reason": "CannotPullContainerError: pull access denied for busybox"}"#,
        "CannotPullContainerError: pull image manifest has been retried 1 time(s)",
    );
    let (c, out, err) = finish(child);
    assert_eq!(c, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    jsonschema::check_docs("task-run.json", &lines);
    let last: serde_json::Value =
        serde_json::from_str(out.lines().last().unwrap_or_default()).unwrap();
    assert_eq!(last["type"], "result", "{out}");
    assert_eq!(last["exit_code"], 1, "{out}");
    let problem = last["problems"][0].as_str().unwrap_or_default();
    assert!(
        problem.contains("never ran job: CannotPullContainerError: pull image manifest")
            && problem.contains("pull access denied"),
        "{out}"
    );
}

#[test]
fn follow_prints_the_log_lines_and_ctrl_c_leaves_the_task_running() {
    let moto = need!(Moto::start());
    let ws = with_env(&moto, "fo");
    hold_tasks(&moto);
    let child = spawn(
        &moto,
        ws.path(),
        &[
            "task", "run", "-n", "seed", "-e", "test", "--image", "busybox", "--follow",
        ],
    );
    agent_stops(
        &moto,
        "fo",
        "seed",
        &["seeding 3 rows", "seeded"],
        r#"{"containerName": "seed", "status": "STOPPED", "exitCode": 0}"#,
        "Essential container in task exited",
    );
    let (c, out, err) = finish(child);
    assert_eq!(c, 0, "{err}");
    assert!(out.contains("seed seeding 3 rows"), "{out}");
    assert!(out.contains("seed seeded"), "{out}");

    let mut child = spawn(
        &moto,
        ws.path(),
        &[
            "task", "run", "-n", "seed", "-e", "test", "--image", "busybox", "--wait",
        ],
    );
    let running = moto.python_out(
        r#"
import boto3, time
ecs = boto3.client("ecs")
deadline = time.time() + 60
while time.time() < deadline:
    arns = ecs.list_tasks(cluster="tug-fo-test", family="tug-fo-task-seed", desiredStatus="RUNNING")["taskArns"]
    if arns:
        break
    time.sleep(0.2)
print(len(arns))
"#,
    );
    assert_eq!(running.trim(), "1");
    std::thread::sleep(std::time::Duration::from_secs(1));
    let status = interrupt(&mut child);
    let err = drain(child.stderr.take());
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("the task goes on in AWS"), "{err}");
    assert!(
        err.contains("aws ecs stop-task --cluster tug-fo-test --task"),
        "{err}"
    );
    let still = moto.python_out(
        r#"
import boto3
ecs = boto3.client("ecs")
print(len(ecs.list_tasks(cluster="tug-fo-test", family="tug-fo-task-seed", desiredStatus="RUNNING")["taskArns"]))
"#,
    );
    assert_eq!(still.trim(), "1", "the task was stopped");
}

#[test]
fn bad_input_is_refused_before_any_aws_call() {
    let ws = hello("off");
    let run = |args: &[&str]| {
        let out = tug_at(&unreachable())
            .current_dir(ws.path())
            .args(args)
            .output()
            .unwrap();
        (code(&out), stderr(&out))
    };
    let (c, err) = run(&[
        "task", "run", "-e", "test", "--image", "x", "--cpu", "1024", "--memory", "1024",
    ]);
    assert_eq!(c, 2, "{err}");
    assert!(
        err.contains("cpu 1024 with memory 1024 is not a Fargate size"),
        "{err}"
    );
    assert!(
        err.contains("valid memory for cpu 1024: 2048-8192 MiB"),
        "{err}"
    );
    assert!(err.contains("--cpu 1024 --memory 2048 ($"), "{err}");
    let (c, err) = run(&["task", "run", "-e", "test"]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("--image URI, or --dockerfile PATH"), "{err}");
    let (c, err) = run(&[
        "task",
        "run",
        "-e",
        "test",
        "--image",
        "x",
        "--spot",
        "--platform",
        "linux/arm64",
    ]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("Fargate Spot runs linux/x86_64 only"), "{err}");
    let (c, err) = run(&[
        "task",
        "run",
        "-e",
        "test",
        "--image",
        "x",
        "--command",
        "echo 'oops",
    ]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("--command: a ' quote is not closed"), "{err}");
    let (c, err) = run(&[
        "task", "run", "-e", "test", "-n", "Bad_Name", "--image", "x",
    ]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("not a task group name"), "{err}");
    let (c, err) = run(&[
        "task",
        "run",
        "-e",
        "test",
        "--dockerfile",
        "nope/Dockerfile",
    ]);
    assert_eq!(c, 2, "{err}");
    assert!(
        err.contains("--dockerfile nope/Dockerfile: no such file"),
        "{err}"
    );
}

#[test]
fn an_environment_that_is_not_deployed_gets_a_did_you_mean() {
    let moto = need!(Moto::start());
    let ws = with_env(&moto, "dym");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["task", "run", "-e", "tset", "--image", "busybox"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `-e test`?"),
        "{}",
        stderr(&out)
    );
}

/// `tug ARGS` in `dir` against `moto`: its exit code and stderr.
fn run_in(moto: &Moto, dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = moto.tug().current_dir(dir).args(args).output().unwrap();
    (code(&out), stderr(&out))
}

#[test]
fn default_vpc_runs_in_the_default_subnets_and_cluster_without_an_environment() {
    let moto = need!(Moto::start());
    // No environment is deployed: the task needs none.
    let ws = hello("dv");
    let run = |args: &[&str]| run_in(&moto, ws.path(), args);
    let (c, err) = run(&[
        "task",
        "run",
        "-n",
        "probe",
        "--default-vpc",
        "--image",
        "busybox:1.36",
        "--wait",
    ]);
    assert_eq!(c, 0, "{err}");
    assert!(
        err.contains("created the ECS cluster `default` (Fargate and Fargate Spot)"),
        "{err}"
    );
    assert!(err.contains("started task"), "{err}");
    assert!(err.contains("exit code 0"), "{err}");

    let seen = moto.python_out(
        r#"
import boto3, json
ecs = boto3.client("ecs"); ec2 = boto3.client("ec2")
vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[
    {"Name": "vpc-id", "Values": [vpc]}, {"Name": "default-for-az", "Values": ["true"]}])["Subnets"]]
sg = ec2.describe_security_groups(Filters=[
    {"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"][0]["GroupId"]
cluster = ecs.describe_clusters(clusters=["default"])["clusters"][0]
arns = ecs.list_tasks(cluster="default")["taskArns"]
task = ecs.describe_tasks(cluster="default", tasks=arns)["tasks"][0]
details = {d["name"]: d["value"] for d in task["attachments"][0]["details"]}
eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[details["networkInterfaceId"]])
groups = [g["GroupId"] for g in eni["NetworkInterfaces"][0]["Groups"]]
print(json.dumps({
    "tasks": len(arns),
    "in_default_subnet": details["subnetId"] in subnets,
    "in_default_group": groups == [sg],
    "providers": sorted(cluster.get("capacityProviders", [])),
    "family": task["taskDefinitionArn"].split("/")[-1].split(":")[0],
}))
"#,
    );
    let v: serde_json::Value = serde_json::from_str(seen.trim()).unwrap();
    assert_eq!(v["tasks"], 1, "{v}");
    assert_eq!(v["in_default_subnet"], true, "{v}");
    assert_eq!(v["in_default_group"], true, "{v}");
    assert_eq!(
        v["providers"],
        serde_json::json!(["FARGATE", "FARGATE_SPOT"]),
        "{v}"
    );
    assert_eq!(v["family"], "tug-dv-task-probe", "{v}");

    // The second run reuses the cluster, on Spot too.
    let (c, err) = run(&[
        "task",
        "run",
        "-n",
        "probe",
        "--default-vpc",
        "--image",
        "busybox:1.36",
        "--spot",
    ]);
    assert_eq!(c, 0, "{err}");
    assert!(!err.contains("created the ECS cluster"), "{err}");
    assert!(err.contains("started task"), "{err}");

    // -e and --default-vpc say different things.
    let (c, err) = run(&["task", "run", "-e", "test", "--default-vpc", "--image", "x"]);
    assert_eq!(c, 2, "{err}");
    assert!(err.contains("--default-vpc"), "{err}");
}

#[test]
fn default_vpc_says_what_to_do_without_spot_capacity_or_a_default_vpc() {
    let moto = need!(Moto::start());
    let ws = hello("nodv");
    let run = |args: &[&str]| run_in(&moto, ws.path(), args);
    // A `default` cluster made without capacity providers cannot take Spot tasks.
    moto.python(
        r#"
import boto3
boto3.client("ecs").create_cluster(clusterName="default")
"#,
    );
    let spot = [
        "task",
        "run",
        "--default-vpc",
        "--image",
        "busybox:1.36",
        "--spot",
    ];
    let (c, err) = run(&spot);
    assert_eq!(c, 1, "{err}");
    assert!(
        err.contains("the default ECS cluster cannot run Fargate Spot tasks"),
        "{err}"
    );
    assert!(err.contains("put-cluster-capacity-providers"), "{err}");

    // A Region whose default VPC was deleted.
    moto.python(
        r#"
import boto3
ec2 = boto3.client("ec2")
vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]:
    ec2.delete_subnet(SubnetId=s["SubnetId"])
ec2.delete_vpc(VpcId=vpc)
"#,
    );
    let (c, err) = run(&["task", "run", "--default-vpc", "--image", "busybox:1.36"]);
    assert_eq!(c, 1, "{err}");
    assert!(err.contains("has no default VPC"), "{err}");
    assert!(err.contains("aws ec2 create-default-vpc"), "{err}");
    // Nothing was started anywhere.
    let tasks = moto.python_out(
        r#"
import boto3
print(len(boto3.client("ecs").list_tasks(cluster="default")["taskArns"]))
"#,
    );
    assert_eq!(tasks.trim(), "0");
}
