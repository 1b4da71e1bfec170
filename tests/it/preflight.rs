//! `tug deploy -e`'s pre-flight: once the environment is deployed, the simulator places the
//! services on EC2 capacity on the instances registered in its cluster, and a service
//! whose tasks cannot place is not deployed (named in the summary, with ECS's reasons),
//! while the others are; `--force` deploys it anyway.

use tempfile::TempDir;

use crate::support::moto::Moto;
use crate::support::workspace::write;
use crate::support::{code, need, ok, root, stderr, stdout};

/// examples/ec2 named `shop` (the `cache` service on the `steady` group), with a Fargate
/// service `api` beside it.
fn workspace() -> TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for rel in [
        "tug/environments/test/manifest.yml",
        "tug/cache/manifest.yml",
    ] {
        let text = std::fs::read_to_string(root().join("examples/ec2").join(rel)).unwrap();
        write(dir.path(), rel, text);
    }
    write(dir.path(), "tug/.workspace", "application: shop\n");
    write(
        dir.path(),
        "tug/api/manifest.yml",
        "name: api\ntype: Backend Service\nimage: {location: public.ecr.aws/nginx/nginx:1.27, port: 80}\ncpu: 256\nmemory: 512\ncount: 1\n",
    );
    dir
}

/// Registers the instances of the environment's Auto Scaling groups in the cluster, as
/// their ECS agents would, with `memory` MiB each and the attributes their agent
/// configuration sets; prints how many.
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
            attributes=[{{"name": "tug.capacity-group", "value": "steady" if steady else "spot"}}]
                + ([{{"name": "stack", "value": "prod"}}] if steady else []),
        )
        n += 1
print(n)
"#
    ))
}

fn stacks(moto: &Moto) -> String {
    moto.python_out(
        "import boto3\nprint(sorted(s['StackName'] for s in boto3.client('cloudformation').list_stacks()['StackSummaries'] if s['StackStatus'] != 'DELETE_COMPLETE'))",
    )
}

#[test]
fn deploy_env_skips_a_service_that_cannot_place_and_deploys_the_rest() {
    let moto = need!(Moto::start());
    let ws = workspace();
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    // 1000 MiB each: no instance holds one of cache's 1024 MiB tasks.
    assert_eq!(register_instances(&moto, 1000).trim(), "3");
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["deploy", "-e", "test"])
        .output()
        .unwrap();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(code(&out), 1, "{all}");
    assert!(
        all.contains("service cache in test: failed: not deployed: pre-flight: 2 of 2 tasks of `cache` cannot be placed on the 3 instances registered in environment `test`: RESOURCE:MEMORY (2)"),
        "{all}"
    );
    assert!(all.contains("--force"), "{all}");
    let deployed = stacks(&moto);
    assert!(deployed.contains("tug-shop-test-api"), "{deployed}");
    assert!(!deployed.contains("tug-shop-test-cache"), "{deployed}");

    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["deploy", "-e", "test", "--force"]));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("pre-flight"), "{all}");
    let deployed = stacks(&moto);
    assert!(deployed.contains("tug-shop-test-cache"), "{deployed}");
}

#[test]
fn deploy_env_runs_a_service_that_places_after_its_preflight() {
    let moto = need!(Moto::start());
    let ws = workspace();
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    assert_eq!(register_instances(&moto, 7680).trim(), "3");
    let out = ok(moto.tug().current_dir(dir).args(["deploy", "-e", "test"]));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        all.contains("pre-flight: 3 tasks placed on the 3 registered instances"),
        "{all}"
    );
    let deployed = stacks(&moto);
    assert!(deployed.contains("tug-shop-test-cache"), "{deployed}");
}
