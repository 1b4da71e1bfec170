//! The recovery paths against CloudFormation's own engine (LocalStack's community core, one
//! per run: `support::localstack`), which moto does not have: a first deploy that fails on
//! a resource AWS refuses, reported with AWS's reason and created again once fixed; a deploy
//! that finds its stack busy and waits; the watch timeout; an environment deleted end to
//! end. Environments here have `nat: none` (LocalStack makes no Elastic IP, so no NAT).

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

use crate::support::localstack::LocalStack;
use crate::support::workspace::{hello, write};
use crate::support::{code, need, stderr};

/// An environment in a VPC of block `cidr`, with two public and two private subnets.
fn env_manifest(cidr: &str) -> String {
    format!(
        "name: test
type: Environment
nat: none
network:
  vpc:
    cidr: {cidr}
    subnets:
      public:
        - cidr: 10.0.0.0/24
          az: us-east-1a
        - cidr: 10.0.1.0/24
          az: us-east-1b
      private:
        - cidr: 10.0.2.0/24
          az: us-east-1a
        - cidr: 10.0.3.0/24
          az: us-east-1b
"
    )
}

/// A copy of examples/hello named `app` whose environment `test` has no NAT gateway.
pub fn workspace(app: &str) -> TempDir {
    let ws = hello(app);
    write(
        ws.path(),
        "tug/environments/test/manifest.yml",
        env_manifest("10.0.0.0/16"),
    );
    ws
}

/// `tug ARGS` in `dir` against `ls`.
pub fn run(ls: &LocalStack, dir: &Path, args: &[&str]) -> Output {
    ls.tug().current_dir(dir).args(args).output().unwrap()
}

/// The stack `name` as DescribeStacks gives it (`null` when there is none), with the
/// Availability Zones of its subnets.
fn stack(ls: &LocalStack, name: &str) -> Value {
    let code = format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
try:
    st = cf.describe_stacks(StackName="{name}")["Stacks"][0]
except cf.exceptions.ClientError:
    print("null")
    raise SystemExit
ids = [r["PhysicalResourceId"] for r in cf.describe_stack_resources(StackName=st["StackId"])["StackResources"]
       if r["ResourceType"] == "AWS::EC2::Subnet" and r.get("PhysicalResourceId")]
subnets = boto3.client("ec2").describe_subnets(SubnetIds=ids)["Subnets"] if ids else []
print(json.dumps({{"id": st["StackId"], "status": st["StackStatus"],
                  "azs": sorted(s["AvailabilityZone"] for s in subnets)}}))
"#
    );
    serde_json::from_str(&ls.python_out(&code)).expect("json")
}

/// Waits (up to a minute) until stack `name` has settled; its status.
fn settled(ls: &LocalStack, name: &str) -> String {
    let code = format!(
        r#"
import boto3, time
cf = boto3.client("cloudformation")
for _ in range(240):
    status = cf.describe_stacks(StackName="{name}")["Stacks"][0]["StackStatus"]
    if not status.endswith("_IN_PROGRESS"):
        break
    time.sleep(0.25)
print(status)
"#
    );
    ls.python_out(&code).trim().to_string()
}

#[test]
fn a_failed_first_deploy_names_the_resource_and_is_created_again_once_fixed() {
    let ls = need!(LocalStack::shared());
    let ws = workspace("lsfirst");
    // A VPC's block is /16 to /28: CloudFormation refuses the VPC.
    write(
        ws.path(),
        "tug/environments/test/manifest.yml",
        env_manifest("10.0.0.0/29"),
    );
    let out = run(ls, ws.path(), &["env", "deploy", "-n", "test"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    assert!(err.contains("failed (stack ROLLBACK_COMPLETE): "), "{err}");
    // The first resource that failed, and AWS's reason for it.
    let reason = err
        .lines()
        .find(|l| l.contains("failed (stack ROLLBACK_COMPLETE): "))
        .unwrap();
    assert!(
        reason.contains("VPC (AWS::EC2::VPC) CREATE_FAILED: "),
        "{err}"
    );
    assert!(reason.contains("10.0.0.0/29"), "AWS's reason: {err}");
    let failed = stack(ls, "tug-lsfirst-test");
    assert_eq!(failed["status"], "ROLLBACK_COMPLETE");

    write(
        ws.path(),
        "tug/environments/test/manifest.yml",
        env_manifest("10.0.0.0/16"),
    );
    let out = run(ls, ws.path(), &["env", "deploy", "-n", "test"]);
    let mut err = stderr(&out);
    assert!(
        err.contains("stack tug-lsfirst-test is ROLLBACK_COMPLETE (its creation failed and nothing runs); deleting it to create it again"),
        "{err}"
    );
    if code(&out) != 0 {
        // LocalStack's rollback keeps the resources whose creation failed, and deleting
        // each of them fails on the way, when the stack reads DELETE_FAILED until the
        // deletion finishes (AWS deletes a rolled-back stack cleanly). tug stops there with
        // a clear message; the stack is gone, and the next run creates it.
        assert!(
            err.contains("could not be deleted: it is DELETE_FAILED"),
            "{err}"
        );
        assert!(
            err.contains("its DELETE_FAILED event in `aws cloudformation describe-stack-events --stack-name arn:aws:cloudformation:"),
            "the way out: {err}"
        );
        assert_eq!(
            settled(ls, failed["id"].as_str().unwrap()),
            "DELETE_COMPLETE"
        );
        let out = run(ls, ws.path(), &["env", "deploy", "-n", "test"]);
        err = stderr(&out);
        assert_eq!(code(&out), 0, "{err}");
    }
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    let made = stack(ls, "tug-lsfirst-test");
    assert_eq!(made["status"], "CREATE_COMPLETE");
    assert_ne!(made["id"], failed["id"], "a new stack");
    assert_eq!(
        made["azs"],
        serde_json::json!(["us-east-1a", "us-east-1a", "us-east-1b", "us-east-1b"])
    );
}

#[test]
fn a_deploy_waits_for_its_stack_to_stop_being_busy() {
    let ls = need!(LocalStack::shared());
    let ws = workspace("lsbusy");
    // --detach returns as soon as the change set executes: the stack is being created.
    let out = run(ls, ws.path(), &["env", "deploy", "-n", "test", "--detach"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(ls, ws.path(), &["env", "deploy", "-n", "test"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 0, "{err}");
    assert!(
        err.contains("stack tug-lsbusy-test is busy (CREATE_IN_PROGRESS): another operation is running; waiting for it to finish"),
        "{err}"
    );
    assert!(err.contains("no changes"), "{err}");
    assert_eq!(stack(ls, "tug-lsbusy-test")["status"], "CREATE_COMPLETE");
}

#[test]
fn the_watch_timeout_stops_waiting_and_the_deploy_goes_on() {
    let ls = need!(LocalStack::shared());
    let ws = workspace("lstimeout");
    let out = run(
        ls,
        ws.path(),
        // Shorter than one round trip: the first look finds the stack still being created.
        &["env", "deploy", "-n", "test", "--timeout", "0.01s"],
    );
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    assert!(
        err.contains("error: stopped waiting for stack tug-lstimeout-test after 0s: it is still CREATE_IN_PROGRESS"),
        "{err}"
    );
    assert!(err.contains("the operation goes on in AWS"), "{err}");
    assert_eq!(settled(ls, "tug-lstimeout-test"), "CREATE_COMPLETE");
}

#[test]
fn an_environment_is_deleted_end_to_end() {
    let ls = need!(LocalStack::shared());
    let ws = workspace("lsdelete");
    let out = run(ls, ws.path(), &["env", "deploy", "-n", "test"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let vpc = ls.python_out(
        r#"
import boto3
print(boto3.client("cloudformation").describe_stack_resource(StackName="tug-lsdelete-test", LogicalResourceId="VPC")["StackResourceDetail"]["PhysicalResourceId"])
"#,
    );
    let vpcs = format!(
        r#"
import boto3
print(len(boto3.client("ec2").describe_vpcs(Filters=[{{"Name": "vpc-id", "Values": ["{}"]}}])["Vpcs"]))
"#,
        vpc.trim()
    );
    assert_eq!(ls.python_out(&vpcs).trim(), "1");

    let out = run(ls, ws.path(), &["env", "delete", "-n", "test", "--yes"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 0, "{err}");
    assert!(err.contains("deleted"), "{err}");
    assert_eq!(stack(ls, "tug-lsdelete-test"), Value::Null);
    assert_eq!(ls.python_out(&vpcs).trim(), "0", "the VPC is gone");
    let out = run(ls, ws.path(), &["env", "ls"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("test"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_stack_left_update_rollback_failed_is_continued_and_the_way_out_told() {
    // LocalStack marks a stack UPDATE_ROLLBACK_FAILED when an update's change set names a
    // resource type it does not emulate, once it is told not to make such resources as
    // placeholders (its own instance: the shared one makes them). Its other way to get
    // there, a rollback that fails, it does not have.
    let ls = need!(LocalStack::private(&[
        ("CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES", "0"),
        ("CFN_IGNORE_UNSUPPORTED_TYPE_CREATE", "AWS::SSM::Parameter"),
    ]));
    let ws = workspace("lsurf");
    let made = ls.python_out(
        r#"
import boto3, json, time
cf = boto3.client("cloudformation")
name = "tug-lsurf-test"
def settle():
    for _ in range(240):
        st = cf.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        if not st.endswith("_IN_PROGRESS"):
            return st
        time.sleep(0.25)
param = {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "a"}}
cf.create_stack(StackName=name, TemplateBody=json.dumps({"Resources": {"P": param}}),
                Tags=[{"Key": "tug:application", "Value": "lsurf"},
                      {"Key": "tug:environment", "Value": "test"}])
assert settle() == "CREATE_COMPLETE"
update = {"Resources": {"P": param, "Cluster": {"Type": "AWS::ECS::Cluster"}}}
cf.create_change_set(StackName=name, ChangeSetName="update", ChangeSetType="UPDATE",
                     TemplateBody=json.dumps(update))
print(settle())
"#,
    );
    assert_eq!(made.trim(), "UPDATE_ROLLBACK_FAILED");

    let out = run(&ls, ws.path(), &["env", "deploy", "-n", "test"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    // tug continues the rollback before anything else...
    assert!(
        err.contains(
            "stack tug-lsurf-test is UPDATE_ROLLBACK_FAILED; continuing the rollback first"
        ),
        "{err}"
    );
    // ...which LocalStack cannot do (ContinueUpdateRollback is not emulated): the error
    // names the call, and the help how to get the stack out.
    assert!(
        err.contains("error: continuing the rollback of tug-lsurf-test: InternalFailure"),
        "{err}"
    );
    assert!(
        err.contains("aws cloudformation continue-update-rollback --stack-name tug-lsurf-test --resources-to-skip LOGICAL_ID"),
        "{err}"
    );
    assert!(
        err.contains("aws cloudformation describe-stack-events --stack-name tug-lsurf-test"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
