//! Env files: uploaded to the application's artifacts bucket (made by the bootstrap stack
//! `tug-<app>-bootstrap`) under content-hash keys, and read by the containers through the
//! task definition's `environmentFiles`; `svc package` computes the keys offline.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::support::moto::Moto;
use crate::support::workspace::{tree, write};
use crate::support::{self, need, stderr, stdout, tug};

const API_ENV: &str = "GREETING=hello\n# a comment\nLEVEL=debug\n";
const PROXY_ENV: &str = "UPSTREAM=http://localhost:8080\n";

/// A workspace of application `app` with environment `test` and service `api`, whose main
/// container reads `config/api.env` and whose sidecar `proxy` reads `config/proxy.env`.
fn workspace(app: &str) -> tempfile::TempDir {
    tree(&[
        ("tug/.workspace", &format!("application: {app}\n")),
        (
            "tug/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
        (
            "tug/api/manifest.yml",
            "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n\
             env_file: config/api.env\nsidecars:\n  proxy:\n    image: public.ecr.aws/nginx/nginx:1.27\n    \
             env_file: ./config/proxy.env\n",
        ),
        ("config/api.env", API_ENV),
        ("config/proxy.env", PROXY_ENV),
    ])
}

fn key(bytes: &str) -> String {
    let hex: String = Sha256::digest(bytes.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("env-files/{hex}.env")
}

fn run(moto: &Moto, dir: &Path, args: &[&str]) -> String {
    stderr(&support::ok(moto.tug().current_dir(dir).args(args)))
}

/// What a user would look at after a deploy, read through the AWS API: the bootstrap
/// stack, its bucket's objects (every version), and the api task definition.
fn read_back(moto: &Moto, app: &str) -> serde_json::Value {
    let code = format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
st = cf.describe_stacks(StackName="tug-{app}-bootstrap")["Stacks"][0]
outputs = {{o["OutputKey"]: o["OutputValue"] for o in st.get("Outputs", [])}}
bucket = outputs["ArtifactsBucketName"]
s3 = boto3.client("s3")
# The env files; the bucket also keeps each deploy's record (for svc rollback).
files = lambda objects: [o for o in objects if o["Key"].startswith("env-files/")]
versions = files(s3.list_object_versions(Bucket=bucket).get("Versions", []))
objects = {{o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read().decode()
           for o in files(s3.list_objects_v2(Bucket=bucket).get("Contents", []))}}
enc = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]
camel = lambda d: {{k[0].lower() + k[1:]: v for k, v in d.items()}}
td = boto3.client("ecs").describe_task_definition(taskDefinition="tug-{app}-test-api")["taskDefinition"]
print(json.dumps({{
    "status": st["StackStatus"],
    "tags": {{t["Key"]: t["Value"] for t in st.get("Tags", [])}},
    "outputs": outputs,
    "exports": sorted(e["Name"] for e in cf.list_exports()["Exports"]),
    "bucket_arn": "arn:aws:s3:::" + bucket,
    "versions": len(versions),
    "objects": objects,
    "sse": enc["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
    "revision": td["revision"],
    "parameters": {{p["ParameterKey"]: p["ParameterValue"] for p in
                   cf.describe_stacks(StackName="tug-{app}-test-api")["Stacks"][0]["Parameters"]}},
    "files": {{camel(c).get("name"): [camel(f) for f in camel(c).get("environmentFiles", [])]
              for c in td["containerDefinitions"]}},
}}))
"#
    );
    serde_json::from_str(&moto.python_out(&code)).expect("json")
}

fn env_files(bucket_arn: &str, key: &str) -> serde_json::Value {
    serde_json::json!([{"value": format!("{bucket_arn}/{key}"), "type": "s3"}])
}

#[test]
fn env_files_go_to_the_artifacts_bucket_by_content_and_a_change_rolls_the_tasks() {
    let moto = need!(Moto::start());
    let ws = workspace("files");
    let dir = ws.path();
    run(&moto, dir, &["env", "deploy", "-n", "test"]);
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    // The bucket's stack is deployed like every stack, then the files go up.
    assert!(
        err.contains("tug-files-bootstrap") && err.contains("CREATE_COMPLETE"),
        "{err}"
    );
    assert!(err.contains("uploading env file config/api.env"), "{err}");
    assert!(
        err.contains("uploading env file ./config/proxy.env"),
        "{err}"
    );
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");

    let got = read_back(&moto, "files");
    assert_eq!(got["status"], "CREATE_COMPLETE");
    assert_eq!(got["tags"], serde_json::json!({"tug:application": "files"}));
    assert_eq!(got["outputs"]["ArtifactsBucketArn"], got["bucket_arn"]);
    let exports = got["exports"].as_array().unwrap();
    for export in [
        "tug-files-ArtifactsBucketName",
        "tug-files-ArtifactsBucketArn",
    ] {
        assert!(exports.contains(&export.into()), "{exports:?}");
    }
    assert_eq!(got["sse"], "AES256");
    assert_eq!(
        got["objects"],
        serde_json::json!({key(API_ENV): API_ENV, key(PROXY_ENV): PROXY_ENV})
    );
    let arn = got["bucket_arn"].as_str().unwrap();
    assert_eq!(got["files"]["api"], env_files(arn, &key(API_ENV)));
    assert_eq!(got["files"]["proxy"], env_files(arn, &key(PROXY_ENV)));
    let revision = got["revision"].as_i64().unwrap();

    // Unchanged: nothing uploaded, nothing to change.
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    assert!(err.contains("no changes"), "{err}");
    assert!(!err.contains("uploading"), "{err}");
    assert!(!err.contains("tug-files-bootstrap"), "{err}");
    let again = read_back(&moto, "files");
    assert_eq!(again["versions"], 2);
    assert_eq!(again["revision"], revision);

    // A changed file: a new key, so a new task definition and new tasks.
    let changed = "GREETING=bonjour\n";
    write(dir, "config/api.env", changed);
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    assert!(err.contains("uploading env file config/api.env"), "{err}");
    assert!(!err.contains("proxy.env"), "{err}");
    assert!(err.contains("UPDATE_COMPLETE"), "{err}");
    let after = read_back(&moto, "files");
    assert_eq!(after["versions"], 3, "the old file stays for running tasks");
    assert_eq!(after["objects"][key(changed)], changed);
    assert!(after["revision"].as_i64().unwrap() > revision, "{after}");
    // moto registers the replacing task definition without its containers' names and
    // values (tests/README.md): the stack's parameters say which files it reads.
    assert_eq!(after["parameters"]["EnvFileKey"], key(changed));
    assert_eq!(
        after["parameters"]["SidecarProxyEnvFileKey"],
        key(PROXY_ENV)
    );
}

#[test]
fn svc_package_computes_the_keys_offline_and_writes_the_files() {
    let ws = workspace("pkg");
    let out = ws.path().join("out");
    // No AWS at all: the endpoint is unreachable and there are no credentials.
    let o = tug()
        .current_dir(ws.path())
        .env("AWS_ENDPOINT_URL", crate::support::moto::unreachable())
        .args(["svc", "package", "-n", "api", "-e", "test", "--output-dir"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let params: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("tug-pkg-test-api.params.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(params["Parameters"]["EnvFileKey"], key(API_ENV));
    assert_eq!(
        params["Parameters"]["SidecarProxyEnvFileKey"],
        key(PROXY_ENV)
    );
    for (text, name) in [(API_ENV, "api"), (PROXY_ENV, "proxy")] {
        let written = std::fs::read_to_string(out.join(key(text))).unwrap();
        assert_eq!(written, text, "{name}");
    }
    let template_path = out.join("tug-pkg-test-api.yml");
    let template = std::fs::read_to_string(&template_path).unwrap();
    assert!(
        template.contains("!ImportValue \"tug-pkg-ArtifactsBucketArn\""),
        "{template}"
    );
    assert_eq!(
        template.matches("EnvironmentFiles:").count(),
        2,
        "{template}"
    );
    // The bootstrap stack's template, as a deploy renders it.
    let bootstrap = out.join("tug-pkg-bootstrap.yml");
    std::fs::write(&bootstrap, tug::render::bootstrap("pkg").unwrap().template).unwrap();
    crate::support::cfn_lint::lint(&[template_path, bootstrap]);
}

#[test]
fn a_missing_or_outside_env_file_is_located_before_any_aws_call() {
    let ws = workspace("bad");
    let dir = ws.path();
    let manifest = std::fs::read_to_string(dir.join("tug/api/manifest.yml")).unwrap();
    write(
        dir,
        "tug/api/manifest.yml",
        manifest
            .replace("config/api.env", "config/gone.env")
            .replace("./config/proxy.env", "../outside.env"),
    );
    let endpoint = crate::support::moto::unreachable();
    let o = crate::support::moto::tug_at(&endpoint)
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "api", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("`env_file`: there is no file \"config/gone.env\" in the repository"),
        "{err}"
    );
    assert!(err.contains("tug/api/manifest.yml:5:11"), "{err}");
    assert!(
        err.contains("`sidecars.proxy.env_file` names a file outside the repository"),
        "{err}"
    );
    assert!(err.contains("tug/api/manifest.yml:9:15"), "{err}");
    assert!(!err.contains("cannot reach"), "no AWS call was made: {err}");
    // validate says the same, with the codes.
    let o = tug()
        .current_dir(dir)
        .args(["--json", "validate"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"missing-env-file"), "{v}");
    assert!(codes.contains(&"env-file-outside-repo"), "{v}");
}

#[test]
fn app_delete_empties_the_bucket_then_deletes_the_bootstrap_stack() {
    let moto = need!(Moto::start());
    // moto cannot delete an environment stack (tests/README.md), which `app delete` removes
    // before the bootstrap stack: here the application has only its bootstrap stack, made
    // from tug's template with tug's tags.
    let template =
        serde_json::to_string(&tug::render::bootstrap("gone").unwrap().template).unwrap();
    let listed = moto.python_out(&format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
cf.create_stack(StackName="tug-gone-bootstrap", TemplateBody={template},
                Tags=[{{"Key": "tug:application", "Value": "gone"}}])
st = cf.describe_stacks(StackName="tug-gone-bootstrap")["Stacks"][0]
bucket = {{o["OutputKey"]: o["OutputValue"] for o in st["Outputs"]}}["ArtifactsBucketName"]
s3 = boto3.client("s3")
# moto's CloudFormation skips VersioningConfiguration; AWS would have turned it on.
s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={{"Status": "Enabled"}})
for body in ["A=1\n", "A=2\n"]:
    s3.put_object(Bucket=bucket, Key="env-files/old.env", Body=body)
s3.delete_object(Bucket=bucket, Key="env-files/old.env")
s3.put_object(Bucket=bucket, Key="env-files/kept.env", Body="B=1\n")
v = s3.list_object_versions(Bucket=bucket)
print(json.dumps({{"bucket": bucket, "versions": len(v.get("Versions", [])),
                  "markers": len(v.get("DeleteMarkers", []))}}))
"#
    ));
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(
        (listed["versions"].as_i64(), listed["markers"].as_i64()),
        (Some(3), Some(1))
    );
    let bucket = listed["bucket"].as_str().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = moto
        .tug()
        .current_dir(dir.path())
        .args(["app", "delete", "-n", "gone", "--yes"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "tug-gone-bootstrap (the artifacts bucket {bucket}"
        )),
        "{err}"
    );
    assert!(err.contains("application gone deleted"), "{err}");
    let gone = moto.python_out(&format!(
        r#"
import boto3, json
s3 = boto3.client("s3")
names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
stacks = [s["StackName"] for s in boto3.client("cloudformation").list_stacks()["StackSummaries"]
          if s["StackStatus"] != "DELETE_COMPLETE"]
print(json.dumps({{"bucket": "{bucket}" in names, "stacks": stacks}}))
"#
    ));
    let gone: serde_json::Value = serde_json::from_str(&gone).unwrap();
    assert_eq!(
        gone["bucket"], false,
        "the bucket was emptied, so it could go"
    );
    assert_eq!(gone["stacks"], serde_json::json!([]));
}
