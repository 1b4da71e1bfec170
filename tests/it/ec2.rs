//! EC2 capacity (examples/ec2): an environment with an On-Demand and a Spot instance group,
//! and a service placed on one with a spread + binpack strategy and a `memberOf`
//! constraint. Rendered (cfn-lint), deployed to moto and read back through the ECS and
//! Auto Scaling APIs; and `svc deploy`'s pre-flight simulation on the instances registered
//! in the cluster.

use tempfile::TempDir;

use crate::support::cfn_lint::lint;
use crate::support::moto::Moto;
use crate::support::workspace::write;
use crate::support::{code, need, ok, root, stderr};

/// A copy of examples/ec2 named `shop`.
fn example() -> TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for rel in [
        "tug/environments/test/manifest.yml",
        "tug/cache/manifest.yml",
        "tug/web/manifest.yml",
        "tug/agent/manifest.yml",
    ] {
        let text = std::fs::read_to_string(root().join("examples/ec2").join(rel)).unwrap();
        write(dir.path(), rel, text);
    }
    write(dir.path(), "tug/.workspace", "application: shop\n");
    dir
}

/// Registers the instances of the environment's Auto Scaling groups in the cluster, as
/// their ECS agents would: 2 vCPUs, `memory` MiB, and the attributes their agent
/// configuration sets (the group's name, and `stack: prod`); prints how many.
fn register_instances(moto: &Moto, memory: u32) -> String {
    moto.python_out(&format!(
        r#"
import boto3, json
asg = boto3.client("autoscaling")
ecs = boto3.client("ecs")
n = 0
for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]:
    steady = "Steady" in g["AutoScalingGroupName"]
    for i in g["Instances"]:
        ecs.register_container_instance(
            cluster="tug-shop-test",
            instanceIdentityDocument=json.dumps({{"instanceId": i["InstanceId"]}}),
            totalResources=[
                {{"name": "CPU", "type": "INTEGER", "integerValue": 2048}},
                {{"name": "MEMORY", "type": "INTEGER", "integerValue": {memory}}},
            ],
            attributes=[{{"name": "tug.capacity-group", "value": "steady" if steady else "spot"}},
                        {{"name": "stack", "value": "prod"}}],
        )
        n += 1
print(n)
"#
    ))
}

const READ_BACK: &str = r#"
import boto3, base64, json
ecs = boto3.client("ecs")
asg = boto3.client("autoscaling")
ec2 = boto3.client("ec2")
cf = boto3.client("cloudformation")
out = {}
cluster = ecs.describe_clusters(clusters=["tug-shop-test"])["clusters"][0]
out["cluster"] = {"providers": cluster["capacityProviders"],
                  "default": cluster["defaultCapacityProviderStrategy"]}
providers = ecs.describe_capacity_providers(
    capacityProviders=["tug-shop-test-steady", "tug-shop-test-spot"])["capacityProviders"]
out["providers"] = {p["name"]: p["autoScalingGroupProvider"] for p in providers}
groups = {}
for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]:
    lt = (g.get("LaunchTemplate") or g["MixedInstancesPolicy"]["LaunchTemplate"]["LaunchTemplateSpecification"])
    data = ec2.describe_launch_template_versions(LaunchTemplateId=lt["LaunchTemplateId"])["LaunchTemplateVersions"][0]["LaunchTemplateData"]
    groups[g["AutoScalingGroupARN"]] = {
        "min": g["MinSize"], "max": g["MaxSize"], "instances": len(g["Instances"]),
        "protected": g["NewInstancesProtectedFromScaleIn"],
        "spot": g.get("MixedInstancesPolicy", {}).get("InstancesDistribution"),
        "type": data.get("InstanceType"),
        "user_data": base64.b64decode(data["UserData"]).decode(),
        "profile": data["IamInstanceProfile"]["Arn"],
    }
out["groups"] = groups
res = {r["LogicalResourceId"]: r["PhysicalResourceId"]
       for r in cf.describe_stack_resources(StackName="tug-shop-test-cache")["StackResources"]}
svc = ecs.describe_services(cluster="tug-shop-test", services=[res["Service"]])["services"][0]
out["service"] = {k: svc.get(k) for k in
                  ["placementStrategy", "placementConstraints", "capacityProviderStrategy", "launchType"]}
td = ecs.describe_task_definition(taskDefinition=res["TaskDefinition"])["taskDefinition"]
out["requires"] = td["requiresCompatibilities"]
print(json.dumps(out))
"#;

/// The environment and the service render (cfn-lint accepts both), deploy to moto, and
/// read back as placed: the capacity providers with managed scaling and termination
/// protection, the cluster's association beside FARGATE and FARGATE_SPOT, the groups
/// (Spot with a mixed-instances policy), the agent configuration, and the service's
/// capacity provider, strategies and constraints.
#[test]
fn capacity_and_placement_deploy_as_simulated() {
    let moto = need!(Moto::start());
    let ws = example();
    let dir = ws.path();
    let out = ok(moto.tug().current_dir(dir).args(["validate"]));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    let pkg = dir.join("out");
    ok(moto.tug().current_dir(dir).args([
        "env",
        "package",
        "-n",
        "test",
        "--output-dir",
        pkg.to_str().unwrap(),
    ]));
    ok(moto.tug().current_dir(dir).args([
        "svc",
        "package",
        "-n",
        "cache",
        "-e",
        "test",
        "--output-dir",
        pkg.to_str().unwrap(),
    ]));
    let templates = [
        pkg.join("tug-shop-test.yml"),
        pkg.join("tug-shop-test-cache.yml"),
    ];
    lint(&templates);

    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    assert_eq!(register_instances(&moto, 7680).trim(), "3");
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "cache", "-e", "test"]));
    assert!(
        stderr(&out).contains("pre-flight: 7 tasks placed on the 3 registered instances"),
        "{}",
        stderr(&out)
    );
    let got: serde_json::Value = serde_json::from_str(&moto.python_out(READ_BACK)).unwrap();

    assert_eq!(
        got["cluster"]["providers"],
        serde_json::json!([
            "FARGATE",
            "FARGATE_SPOT",
            "tug-shop-test-steady",
            "tug-shop-test-spot"
        ])
    );
    assert_eq!(
        got["cluster"]["default"],
        serde_json::json!([{"capacityProvider": "FARGATE", "weight": 1}])
    );
    for name in ["tug-shop-test-steady", "tug-shop-test-spot"] {
        let p = &got["providers"][name];
        assert_eq!(p["managedScaling"]["status"], "ENABLED", "{name}");
        assert_eq!(p["managedScaling"]["targetCapacity"], 100, "{name}");
        assert_eq!(p["managedTerminationProtection"], "ENABLED", "{name}");
        let group = &got["groups"][p["autoScalingGroupArn"].as_str().unwrap()];
        assert_eq!(group["protected"], true, "{name}: {group}");
        let user_data = group["user_data"].as_str().unwrap();
        assert!(
            user_data.contains("ECS_CLUSTER=tug-shop-test\n"),
            "{user_data}"
        );
    }
    let steady = &got["groups"][got["providers"]["tug-shop-test-steady"]["autoScalingGroupArn"]
        .as_str()
        .unwrap()];
    assert_eq!((&steady["min"], &steady["max"]), (&2.into(), &4.into()));
    assert_eq!(steady["instances"], 2);
    assert_eq!(steady["type"], "m5.large");
    assert!(steady["spot"].is_null(), "{steady}");
    assert!(
        steady["user_data"]
            .as_str()
            .unwrap()
            .contains(r#"ECS_INSTANCE_ATTRIBUTES={"stack":"prod","tug.capacity-group":"steady"}"#),
        "{steady}"
    );
    let spot = &got["groups"][got["providers"]["tug-shop-test-spot"]["autoScalingGroupArn"]
        .as_str()
        .unwrap()];
    assert_eq!(
        spot["spot"]["OnDemandPercentageAboveBaseCapacity"], 0,
        "{spot}"
    );
    assert_eq!(
        spot["spot"]["SpotAllocationStrategy"],
        "price-capacity-optimized"
    );
    assert!(spot["user_data"]
        .as_str()
        .unwrap()
        .contains("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true"));

    assert_eq!(
        got["service"]["capacityProviderStrategy"],
        serde_json::json!([{"capacityProvider": "tug-shop-test-steady", "weight": 1}])
    );
    assert_eq!(
        got["service"]["placementStrategy"],
        serde_json::json!([
            {"type": "spread", "field": "attribute:ecs.availability-zone"},
            {"type": "binpack", "field": "memory"}
        ])
    );
    assert_eq!(
        got["service"]["placementConstraints"],
        serde_json::json!([
            {"type": "memberOf", "expression": "attribute:stack == prod"},
            {"type": "memberOf", "expression": "attribute:tug.capacity-group == steady"}
        ])
    );
    assert!(got["service"]["launchType"].is_null(), "{}", got["service"]);
    assert_eq!(got["requires"], serde_json::json!(["EC2"]));
}

/// The simulator, on the instances registered in the cluster, finds that the service's
/// tasks do not fit (the instances report too little memory): `svc deploy` stops before
/// any change set, with ECS's reason codes, and `--force` deploys anyway.
#[test]
fn a_service_that_cannot_place_is_not_deployed() {
    let moto = need!(Moto::start());
    let ws = example();
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    // 1000 MiB each: one 1024 MiB task fits nowhere.
    assert_eq!(register_instances(&moto, 1000).trim(), "3");
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "cache", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("2 of 2 tasks of `cache` cannot be placed on the 3 instances registered"),
        "{err}"
    );
    assert!(err.contains("RESOURCE:MEMORY (2)"), "{err}");
    assert!(err.contains("--force"), "{err}");
    let stacks = moto.python_out(
        "import boto3\nprint(sorted(s['StackName'] for s in boto3.client('cloudformation').list_stacks()['StackSummaries']))",
    );
    assert!(!stacks.contains("tug-shop-test-cache"), "{stacks}");

    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "cache", "-e", "test", "--force"]));
    assert!(!stderr(&out).contains("pre-flight"), "{}", stderr(&out));
}

/// A GPU service beside the example's: one GPU on the `steady` group (which has none, so
/// it deploys with `--force`).
const TRAINER: &str = "name: trainer\ntype: Worker Service\nimage:\n  location: public.ecr.aws/docker/library/busybox:stable\ncpu: 1024\nmemory: 2048\ncapacity_provider: steady\ngpu: 1\n";

const READ_BACK_MODES: &str = r#"
import boto3, json
ecs = boto3.client("ecs")
elb = boto3.client("elbv2")
cf = boto3.client("cloudformation")
out = {}
for stack in ["web", "agent", "trainer"]:
    res = {r["LogicalResourceId"]: r["PhysicalResourceId"]
           for r in cf.describe_stack_resources(StackName="tug-shop-test-" + stack)["StackResources"]}
    svc = ecs.describe_services(cluster="tug-shop-test", services=[res["Service"]])["services"][0]
    td = ecs.describe_task_definition(taskDefinition=res["TaskDefinition"])["taskDefinition"]
    out[stack] = {
        "service": {k: svc.get(k) for k in ["placementStrategy", "placementConstraints",
                                            "capacityProviderStrategy", "schedulingStrategy",
                                            "launchType", "networkConfiguration"]},
        "network_mode": td.get("networkMode"),
        "ports": td["containerDefinitions"][0].get("portMappings"),
        "gpu": td["containerDefinitions"][0].get("resourceRequirements"),
        "target_types": [elb.describe_target_groups(TargetGroupArns=[res[k]])["TargetGroups"][0]["TargetType"]
                         for k in res if k.startswith("TargetGroup")],
    }
print(json.dumps(out))
"#;

/// The issue's bridge-mode service, a daemon and a GPU service deploy to moto and read back
/// as rendered and simulated: `web` in bridge mode (dynamic host port, a target group of
/// type `instance`, no awsvpc configuration) on a weighted strategy over both groups with
/// its spread/binpack strategy and `memberOf` constraints; `agent` a DAEMON in host mode
/// with no capacity provider strategy; `trainer` with a GPU resource requirement.
#[test]
fn bridge_daemon_and_gpu_services_deploy_as_simulated() {
    let moto = need!(Moto::start());
    let ws = example();
    let dir = ws.path();
    let out = ok(moto.tug().current_dir(dir).args(["validate"]));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let plan = ok(moto
        .tug()
        .current_dir(dir)
        .args(["sim", "plan", "-e", "test"]));
    let plan = String::from_utf8_lossy(&plan.stdout).to_string() + &stderr(&plan);
    assert!(plan.contains("agent"), "{plan}");

    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    assert_eq!(register_instances(&moto, 7680).trim(), "3");
    let pkg = dir.join("out");
    for svc in ["web", "agent"] {
        ok(moto.tug().current_dir(dir).args([
            "svc",
            "package",
            "-n",
            svc,
            "-e",
            "test",
            "--output-dir",
            pkg.to_str().unwrap(),
        ]));
    }
    ok(moto.tug().current_dir(dir).args([
        "env",
        "package",
        "-n",
        "test",
        "--output-dir",
        pkg.to_str().unwrap(),
    ]));
    lint(&[
        pkg.join("tug-shop-test.yml"),
        pkg.join("tug-shop-test-web.yml"),
        pkg.join("tug-shop-test-agent.yml"),
    ]);

    // The environment's 7 tasks: cache 2, web 3, and agent one per `steady` instance.
    for svc in ["web", "agent"] {
        let out = ok(moto
            .tug()
            .current_dir(dir)
            .args(["svc", "deploy", "-n", svc, "-e", "test"]));
        assert!(
            stderr(&out).contains("pre-flight: 7 tasks placed on the 3 registered instances"),
            "{svc}: {}",
            stderr(&out)
        );
    }
    write(dir, "tug/trainer/manifest.yml", TRAINER);
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "trainer", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("RESOURCE:GPU"), "{}", stderr(&out));
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "trainer", "-e", "test", "--force"]));

    let got: serde_json::Value = serde_json::from_str(&moto.python_out(READ_BACK_MODES)).unwrap();
    let web = &got["web"];
    assert_eq!(web["network_mode"], "bridge", "{web}");
    assert_eq!(web["ports"][0]["containerPort"], 8080, "{web}");
    assert_eq!(web["ports"][0]["hostPort"], 0, "{web}");
    assert_eq!(web["target_types"], serde_json::json!(["instance"]));
    assert!(
        web["service"]["networkConfiguration"]["awsvpcConfiguration"].is_null(),
        "{web}"
    );
    assert_eq!(
        web["service"]["capacityProviderStrategy"],
        serde_json::json!([
            {"capacityProvider": "tug-shop-test-steady", "weight": 1, "base": 1},
            {"capacityProvider": "tug-shop-test-spot", "weight": 3}
        ])
    );
    assert_eq!(
        web["service"]["placementStrategy"],
        serde_json::json!([
            {"type": "spread", "field": "attribute:ecs.availability-zone"},
            {"type": "binpack", "field": "memory"}
        ])
    );
    assert_eq!(
        web["service"]["placementConstraints"],
        serde_json::json!([
            {"type": "memberOf", "expression": "attribute:stack == prod"},
            {"type": "memberOf", "expression": "attribute:tug.capacity-group in [steady, spot]"}
        ])
    );

    let agent = &got["agent"];
    assert_eq!(agent["service"]["schedulingStrategy"], "DAEMON", "{agent}");
    assert_eq!(agent["service"]["launchType"], "EC2", "{agent}");
    assert!(
        agent["service"]["capacityProviderStrategy"]
            .as_array()
            .is_none_or(|a| a.is_empty()),
        "{agent}"
    );
    assert_eq!(agent["network_mode"], "host", "{agent}");
    assert_eq!(
        agent["service"]["placementConstraints"],
        serde_json::json!([
            {"type": "memberOf", "expression": "attribute:tug.capacity-group == steady"}
        ])
    );

    assert_eq!(
        got["trainer"]["gpu"],
        serde_json::json!([{"type": "GPU", "value": "1"}])
    );

    // A daemon has no count: `svc scale` says so and what scales it instead.
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "scale", "-n", "agent", "-e", "test", "--count", "2"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        err.contains("service agent in test is a daemon") && err.contains("capacity:"),
        "{err}"
    );
}
