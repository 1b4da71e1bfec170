//! Volumes against moto: the environment's managed EFS file system, a service's access
//! point on it, and the task definition's volumes, mount points and `COPILOT_MOUNT_POINTS`,
//! read back through the EFS and ECS APIs.

use serde_json::Value;

use crate::support::moto::Moto;
use crate::support::workspace::{tree, write};
use crate::support::{need, ok, stderr};

const SERVICE: &str = "name: files
type: Backend Service
image:
  location: nginx:1.27
storage:
  volumes:
    data:
      path: /var/data
      read_only: false
      efs: true
    scratch:
      path: /scratch
sidecars:
  shipper:
    image: busybox:1.36
    mount_points:
      - source_volume: scratch
        path: /in
";

/// The EFS file systems, mount targets and access points, and the service's task
/// definition, as the AWS APIs return them.
fn read_back(moto: &Moto, out: &std::path::Path) -> Value {
    moto.python(&format!(
        r#"
import boto3, json
efs = boto3.client("efs")
cf = boto3.client("cloudformation")
ecs = boto3.client("ecs")
fss = efs.describe_file_systems()["FileSystems"]
targets = [t for fs in fss for t in efs.describe_mount_targets(FileSystemId=fs["FileSystemId"])["MountTargets"]]
aps = efs.describe_access_points()["AccessPoints"]
res = cf.describe_stack_resources(StackName="tug-shop-test-files")["StackResources"]
arn = [r["PhysicalResourceId"] for r in res if r["ResourceType"] == "AWS::ECS::TaskDefinition"][0]
td = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
outputs = cf.describe_stacks(StackName="tug-shop-test")["Stacks"][0].get("Outputs", [])
json.dump({{"file_systems": fss, "mount_targets": targets, "access_points": aps,
           "task_definition": td, "env_outputs": outputs}}, open("{out}", "w"), default=str)
"#,
        out = out.display()
    ));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn container<'a>(td: &'a Value, name: &str) -> &'a Value {
    td["containerDefinitions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no container {name} in {td}"))
}

fn env_var<'a>(c: &'a Value, name: &str) -> Option<&'a str> {
    c["environment"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == name)
        .and_then(|e| e["value"].as_str())
}

#[test]
fn managed_efs_is_created_by_env_deploy_and_mounted_through_the_services_access_point() {
    let moto = need!(Moto::start());
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        (
            "tug/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
        (
            "tug/files/manifest.yml",
            "name: files\ntype: Backend Service\nimage:\n  location: nginx:1.27\n",
        ),
    ]);
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));

    // The service now mounts the managed file system, which the deployed environment does
    // not have: refused before anything is built or deployed, saying what to run.
    write(dir, "tug/files/manifest.yml", SERVICE);
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "files", "-e", "test"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("does not have yet"), "{err}");
    assert!(err.contains("tug env deploy -n test"), "{err}");
    assert!(
        !err.contains("tug-shop-test-files"),
        "nothing deployed: {err}"
    );

    // env deploy reads the workspace: the file system, its mount targets and the export.
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "files", "-e", "test"]));

    let scratch = tempfile::tempdir().unwrap();
    let v = read_back(&moto, &scratch.path().join("state.json"));
    let fss = v["file_systems"].as_array().unwrap();
    assert_eq!(fss.len(), 1, "{v}");
    let fs_id = fss[0]["FileSystemId"].as_str().unwrap();
    assert_eq!(fss[0]["Encrypted"], true);
    assert_eq!(
        v["mount_targets"].as_array().unwrap().len(),
        2,
        "one per private subnet"
    );
    let exported = v["env_outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["OutputKey"] == "ManagedFileSystemID")
        .map(|o| o["OutputValue"].clone());
    assert_eq!(exported, Some(Value::from(fs_id)));

    // The access point: Copilot's uid/gid for `files` (CRC-32 of the name), its directory.
    let aps = v["access_points"].as_array().unwrap();
    assert_eq!(aps.len(), 1, "{v}");
    let ap = &aps[0];
    let uid = tug::render::volumes::managed_uid_gid("files");
    assert_eq!(ap["FileSystemId"], fs_id);
    assert_eq!(
        ap["PosixUser"]["Uid"].to_string().trim_matches('"'),
        uid.to_string()
    );
    assert_eq!(
        ap["PosixUser"]["Gid"].to_string().trim_matches('"'),
        uid.to_string()
    );
    assert_eq!(ap["RootDirectory"]["Path"], "/files");
    assert_eq!(ap["RootDirectory"]["CreationInfo"]["Permissions"], "0755");

    // The task definition: the EFS volume through that access point, the bind volume.
    let td = &v["task_definition"];
    let volumes = td["volumes"].as_array().unwrap();
    let data = volumes.iter().find(|x| x["name"] == "data").unwrap();
    let efs = &data["efsVolumeConfiguration"];
    assert_eq!(efs["fileSystemId"], fs_id, "{data}");
    assert_eq!(efs["transitEncryption"], "ENABLED");
    assert_eq!(
        efs["authorizationConfig"]["accessPointId"],
        ap["AccessPointId"]
    );
    assert_eq!(efs["authorizationConfig"]["iam"], "ENABLED");
    let bind = volumes.iter().find(|x| x["name"] == "scratch").unwrap();
    assert!(bind.get("efsVolumeConfiguration").is_none(), "{bind}");

    let main = container(td, "files");
    let mounts = main["mountPoints"].as_array().unwrap();
    let data_mount = mounts.iter().find(|m| m["sourceVolume"] == "data").unwrap();
    assert_eq!(data_mount["containerPath"], "/var/data");
    assert_eq!(data_mount["readOnly"], false);
    let scratch_mount = mounts
        .iter()
        .find(|m| m["sourceVolume"] == "scratch")
        .unwrap();
    assert_eq!(scratch_mount["readOnly"], true);
    assert_eq!(
        env_var(main, "COPILOT_MOUNT_POINTS"),
        Some(r#"{"data":"/var/data","scratch":"/scratch"}"#)
    );
    assert_eq!(
        env_var(main, "TUG_MOUNT_POINTS"),
        env_var(main, "COPILOT_MOUNT_POINTS")
    );

    let shipper = container(td, "shipper");
    assert_eq!(shipper["mountPoints"][0]["sourceVolume"], "scratch");
    assert_eq!(shipper["mountPoints"][0]["containerPath"], "/in");
    assert_eq!(
        env_var(shipper, "COPILOT_MOUNT_POINTS"),
        Some(r#"{"scratch":"/in"}"#)
    );
}
