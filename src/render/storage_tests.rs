//! Unit tests of volumes, mount points and FireLens in the rendered templates: what a
//! task would notice (the file system it mounts, as whom, where, and where its logs go).

use serde_yaml_ng::Value;

use super::*;
use crate::manifest::types::{Environment, Workload};

fn workload(yaml: &str) -> Workload {
    serde_yaml_ng::from_str(yaml).expect("a test manifest")
}

const WEB: &str =
    "name: web\ntype: Load Balanced Web Service\nimage: {location: nginx, port: 80}\nhttp: {path: /}\n";

fn resources(yaml: &str) -> Value {
    let t = service(
        "shop",
        "test",
        &workload(yaml),
        &Images::main("repo/web:1"),
        None,
    )
    .expect("renders")
    .template;
    let v: Value = serde_yaml_ng::from_str(&t).expect("valid YAML");
    v["Resources"].clone()
}

/// A value as it reads in the template (`!Ref AccessPoint`, `"0755"`, `true`).
fn text(v: &Value) -> String {
    serde_yaml_ng::to_string(v).unwrap().trim().to_string()
}

fn container<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["Name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no container {name}"))
}

fn env_var(c: &Value, key: &str) -> Option<String> {
    c["Environment"]
        .as_sequence()?
        .iter()
        .find(|e| e["Name"].as_str() == Some(key))
        .map(|e| text(&e["Value"]))
}

fn volume<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["TaskDefinition"]["Properties"]["Volumes"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|v| v["Name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no volume {name}"))
}

fn efs_policy(r: &Value) -> Vec<Value> {
    r["TaskRole"]["Properties"]["Policies"]
        .as_sequence()
        .into_iter()
        .flatten()
        .find(|p| p["PolicyName"].as_str() == Some("efs"))
        .map(|p| {
            p["PolicyDocument"]["Statement"]
                .as_sequence()
                .unwrap()
                .clone()
        })
        .unwrap_or_default()
}

#[test]
fn managed_efs_mounts_the_services_access_point_owned_by_copilots_uid() {
    let r = resources(&format!(
        "{WEB}storage:\n  volumes:\n    data:\n      path: /var/data\n      efs: true\n"
    ));
    let uid = volumes::managed_uid_gid("web").to_string();
    let ap = &r["AccessPoint"]["Properties"];
    assert_eq!(
        r["AccessPoint"]["Type"].as_str(),
        Some("AWS::EFS::AccessPoint")
    );
    assert_eq!(
        text(&ap["FileSystemId"]),
        "!ImportValue tug-shop-test-ManagedFileSystemID"
    );
    assert_eq!(ap["PosixUser"]["Uid"].as_str(), Some(uid.as_str()));
    assert_eq!(ap["PosixUser"]["Gid"].as_str(), Some(uid.as_str()));
    assert_eq!(ap["RootDirectory"]["Path"].as_str(), Some("/web"));
    let info = &ap["RootDirectory"]["CreationInfo"];
    assert_eq!(info["OwnerUid"].as_str(), Some(uid.as_str()));
    assert_eq!(info["Permissions"].as_str(), Some("0755"));
    assert_eq!(ap["ClientToken"].as_str(), Some("shop-test-web"));

    let efs = &volume(&r, "data")["EFSVolumeConfiguration"];
    assert_eq!(
        text(&efs["FilesystemId"]),
        "!ImportValue tug-shop-test-ManagedFileSystemID"
    );
    assert_eq!(efs["TransitEncryption"].as_str(), Some("ENABLED"));
    assert_eq!(efs["RootDirectory"].as_str(), Some("/"));
    assert_eq!(
        text(&efs["AuthorizationConfig"]["AccessPointId"]),
        "!Ref AccessPoint"
    );
    assert_eq!(efs["AuthorizationConfig"]["IAM"].as_str(), Some("ENABLED"));

    // Read-only unless `read_only: false`, as in Copilot.
    let web = container(&r, "web");
    let mp = &web["MountPoints"][0];
    assert_eq!(mp["SourceVolume"].as_str(), Some("data"));
    assert_eq!(mp["ContainerPath"].as_str(), Some("/var/data"));
    assert_eq!(mp["ReadOnly"].as_bool(), Some(true));
    assert_eq!(
        env_var(web, "COPILOT_MOUNT_POINTS").as_deref(),
        Some(r#"'{"data":"/var/data"}'"#)
    );
    assert_eq!(
        env_var(web, "TUG_MOUNT_POINTS"),
        env_var(web, "COPILOT_MOUNT_POINTS")
    );

    // The task role may mount and write through that access point only.
    let policy = efs_policy(&r);
    assert_eq!(policy.len(), 1);
    assert_eq!(
        text(&policy[0]["Action"]),
        "- elasticfilesystem:ClientMount\n- elasticfilesystem:ClientWrite"
    );
    assert_eq!(
        text(&policy[0]["Condition"]["StringEquals"]["elasticfilesystem:AccessPointArn"]),
        "!GetAtt AccessPoint.Arn"
    );
    assert!(text(&policy[0]["Resource"]).contains("tug-shop-test-ManagedFileSystemID"));
}

#[test]
fn managed_efs_takes_the_given_uid_and_gid() {
    let r = resources(&format!(
        "{WEB}storage:\n  volumes:\n    data:\n      path: /d\n      read_only: false\n      efs: {{uid: 1000, gid: 2000}}\n"
    ));
    let ap = &r["AccessPoint"]["Properties"];
    assert_eq!(ap["PosixUser"]["Uid"].as_str(), Some("1000"));
    assert_eq!(ap["PosixUser"]["Gid"].as_str(), Some("2000"));
    assert_eq!(
        container(&r, "web")["MountPoints"][0]["ReadOnly"].as_bool(),
        Some(false)
    );
}

#[test]
fn an_existing_file_system_is_mounted_with_its_access_point_and_iam() {
    let r = resources(&format!(
        "{WEB}storage:\n  volumes:\n    shared:\n      path: /srv\n      efs:\n        id: fs-0123abcd\n        auth: {{iam: true, access_point_id: fsap-0456ef}}\n"
    ));
    assert!(r.get("AccessPoint").is_none(), "no access point is created");
    let efs = &volume(&r, "shared")["EFSVolumeConfiguration"];
    assert_eq!(efs["FilesystemId"].as_str(), Some("fs-0123abcd"));
    assert_eq!(efs["RootDirectory"].as_str(), Some("/"));
    assert_eq!(efs["TransitEncryption"].as_str(), Some("ENABLED"));
    assert_eq!(
        efs["AuthorizationConfig"]["AccessPointId"].as_str(),
        Some("fsap-0456ef")
    );
    assert_eq!(efs["AuthorizationConfig"]["IAM"].as_str(), Some("ENABLED"));
    // Read-only (the default): mount, no write, through that access point.
    let policy = efs_policy(&r);
    assert_eq!(
        text(&policy[0]["Action"]),
        "- elasticfilesystem:ClientMount"
    );
    let arn = text(&policy[0]["Condition"]["StringEquals"]["elasticfilesystem:AccessPointArn"]);
    assert!(
        arn.contains(":access-point/") && arn.contains("fsap-0456ef"),
        "{arn}"
    );
    assert!(text(&policy[0]["Resource"]).contains("fs-0123abcd"));
}

#[test]
fn an_imported_file_system_id_and_its_root_directory() {
    let r = resources(&format!(
        "{WEB}storage:\n  volumes:\n    shared:\n      path: /srv\n      read_only: false\n      efs:\n        id: {{from_cfn: shop-fs}}\n        root_dir: /exports\n"
    ));
    let efs = &volume(&r, "shared")["EFSVolumeConfiguration"];
    assert_eq!(text(&efs["FilesystemId"]), "!ImportValue shop-fs");
    assert_eq!(efs["RootDirectory"].as_str(), Some("/exports"));
    assert_eq!(efs["AuthorizationConfig"]["IAM"].as_str(), Some("DISABLED"));
    assert!(efs["AuthorizationConfig"].get("AccessPointId").is_none());
    let policy = efs_policy(&r);
    assert_eq!(
        text(&policy[0]["Action"]),
        "- elasticfilesystem:ClientMount\n- elasticfilesystem:ClientWrite"
    );
    assert!(policy[0].get("Condition").is_none());
}

#[test]
fn a_bind_volume_is_shared_with_the_sidecars_that_mount_it() {
    let r = resources(&format!(
        "{WEB}storage:\n  volumes:\n    scratch:\n      path: /scratch\n      read_only: false\n\
         sidecars:\n  shipper:\n    image: busybox\n    mount_points:\n      - source_volume: scratch\n        path: /in\n\
         \x20 other:\n    image: busybox\n"
    ));
    let v = volume(&r, "scratch");
    assert!(v.get("EFSVolumeConfiguration").is_none(), "{v:?}");
    assert!(efs_policy(&r).is_empty());
    let shipper = container(&r, "shipper");
    let mp = &shipper["MountPoints"][0];
    assert_eq!(mp["SourceVolume"].as_str(), Some("scratch"));
    assert_eq!(mp["ContainerPath"].as_str(), Some("/in"));
    assert_eq!(mp["ReadOnly"].as_bool(), Some(true));
    // Each container lists its own mount points; one that mounts nothing has none.
    assert_eq!(
        env_var(shipper, "COPILOT_MOUNT_POINTS").as_deref(),
        Some(r#"'{"scratch":"/in"}'"#)
    );
    assert_eq!(
        env_var(container(&r, "web"), "COPILOT_MOUNT_POINTS").as_deref(),
        Some(r#"'{"scratch":"/scratch"}'"#)
    );
    let other = container(&r, "other");
    assert!(other.get("MountPoints").is_none());
    assert!(env_var(other, "COPILOT_MOUNT_POINTS").is_none());
}

#[test]
fn a_containers_own_variable_wins_over_copilot_mount_points() {
    let r = resources(&format!(
        "{WEB}storage:\n  volumes:\n    d: {{path: /d}}\nvariables: {{COPILOT_MOUNT_POINTS: mine}}\n"
    ));
    let web = container(&r, "web");
    assert_eq!(
        env_var(web, "COPILOT_MOUNT_POINTS").as_deref(),
        Some("mine")
    );
    let count = web["Environment"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|e| e["Name"].as_str() == Some("COPILOT_MOUNT_POINTS"))
        .count();
    assert_eq!(count, 1);
}

#[test]
fn logging_routes_the_main_containers_logs_through_a_fluent_bit_router() {
    let r = resources(&format!(
        "{WEB}logging:\n  destination:\n    Name: cloudwatch\n    region: eu-west-1\n    auto_create_group: true\n\
         \x20 secretOptions:\n    apikey: /shop/logs/key\n  enableMetadata: false\n  configFilePath: /fluent-bit/etc/extra.conf\n\
         \x20 variables: {{LEVEL: debug}}\n  secrets: {{TOKEN: /shop/logs/token}}\n\
         sidecars:\n  proxy: {{image: envoy:1}}\n"
    ));
    let router = container(&r, "firelens_log_router");
    assert_eq!(router["Image"].as_str(), Some(firelens::DEFAULT_IMAGE));
    let fl = &router["FirelensConfiguration"];
    assert_eq!(fl["Type"].as_str(), Some("fluentbit"));
    assert_eq!(
        fl["Options"]["enable-ecs-log-metadata"].as_str(),
        Some("false")
    );
    assert_eq!(fl["Options"]["config-file-type"].as_str(), Some("file"));
    assert_eq!(
        fl["Options"]["config-file-value"].as_str(),
        Some("/fluent-bit/etc/extra.conf")
    );
    // The router's own logs go to the workload's log group.
    assert_eq!(
        router["LogConfiguration"]["LogDriver"].as_str(),
        Some("awslogs")
    );
    assert_eq!(
        text(&router["LogConfiguration"]["Options"]["awslogs-group"]),
        "!Ref LogGroup"
    );
    assert_eq!(env_var(router, "LEVEL").as_deref(), Some("debug"));
    assert_eq!(
        env_var(router, "COPILOT_SERVICE_NAME").as_deref(),
        Some("web")
    );
    assert_eq!(router["Secrets"][0]["Name"].as_str(), Some("TOKEN"));

    let web = container(&r, "web");
    let log = &web["LogConfiguration"];
    assert_eq!(log["LogDriver"].as_str(), Some("awsfirelens"));
    assert_eq!(log["Options"]["Name"].as_str(), Some("cloudwatch"));
    assert_eq!(log["Options"]["auto_create_group"].as_str(), Some("true"));
    assert_eq!(log["SecretOptions"][0]["Name"].as_str(), Some("apikey"));
    assert_eq!(
        log["SecretOptions"][0]["ValueFrom"].as_str(),
        Some("/shop/logs/key")
    );
    // Sidecars keep awslogs.
    let proxy = container(&r, "proxy");
    assert_eq!(
        proxy["LogConfiguration"]["LogDriver"].as_str(),
        Some("awslogs")
    );
    // The execution role may read the secrets of both.
    let exec = text(&r["ExecutionRole"]["Properties"]["Policies"]);
    assert!(exec.contains("- shop/logs/key"), "{exec}");
    assert!(exec.contains("- shop/logs/token"), "{exec}");
}

#[test]
fn logging_with_only_retention_keeps_awslogs() {
    let r = resources(&format!("{WEB}logging:\n  retention: 7\n"));
    let defs = r["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        .as_sequence()
        .unwrap();
    assert_eq!(defs.len(), 1, "no log router");
    assert_eq!(
        defs[0]["LogConfiguration"]["LogDriver"].as_str(),
        Some("awslogs")
    );
    assert_eq!(
        r["LogGroup"]["Properties"]["RetentionInDays"].as_u64(),
        Some(7)
    );
    // `enableMetadata` defaults to true, and the image to Copilot's.
    let r = resources(&format!("{WEB}logging:\n  image: my/fluent-bit:2\n"));
    let router = container(&r, "firelens_log_router");
    assert_eq!(router["Image"].as_str(), Some("my/fluent-bit:2"));
    assert_eq!(
        router["FirelensConfiguration"]["Options"]["enable-ecs-log-metadata"].as_str(),
        Some("true")
    );
}

#[test]
fn the_environment_has_a_file_system_when_a_workload_mounts_it() {
    let env: Environment = serde_yaml_ng::from_str("name: test\ntype: Environment\n").expect("env");
    let plain = workload(WEB);
    let t = environment("shop", &env, std::slice::from_ref(&plain), None)
        .unwrap()
        .template;
    assert!(!t.contains("AWS::EFS::FileSystem"), "{t}");
    assert!(!t.contains("ManagedFileSystemID"));

    let efs = workload(&format!(
        "{}storage:\n  volumes:\n    d: {{path: /d, efs: true}}\n",
        WEB.replace("name: web", "name: files")
    ));
    let t = environment("shop", &env, &[plain, efs], None)
        .unwrap()
        .template;
    let v: Value = serde_yaml_ng::from_str(&t).unwrap();
    let r = &v["Resources"];
    assert_eq!(
        r["FileSystem"]["Type"].as_str(),
        Some("AWS::EFS::FileSystem")
    );
    assert_eq!(r["FileSystem"]["DeletionPolicy"].as_str(), Some("Retain"));
    assert_eq!(
        r["FileSystem"]["Properties"]["Encrypted"].as_bool(),
        Some(true)
    );
    // One mount target per private subnet, reachable from the tasks on NFS only.
    assert_eq!(
        text(&r["MountTarget1"]["Properties"]["SubnetId"]),
        "!Ref PrivateSubnet1"
    );
    assert_eq!(
        text(&r["MountTarget2"]["Properties"]["SubnetId"]),
        "!Ref PrivateSubnet2"
    );
    let ingress = &r["FileSystemIngressFromEnvironment"]["Properties"];
    assert_eq!(ingress["FromPort"].as_u64(), Some(2049));
    assert_eq!(ingress["ToPort"].as_u64(), Some(2049));
    assert_eq!(
        text(&ingress["SourceSecurityGroupId"]),
        "!Ref EnvironmentSecurityGroup"
    );
    let out = &v["Outputs"]["ManagedFileSystemID"];
    assert_eq!(text(&out["Value"]), "!Ref FileSystem");
    assert_eq!(
        out["Export"]["Name"].as_str(),
        Some("tug-shop-test-ManagedFileSystemID")
    );
}
