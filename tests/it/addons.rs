//! Addons (`<dir>/<workload>/addons/`, `<dir>/environments/addons/`): merged into one
//! template deployed as the nested stack `AddonsStack` of the workload's or environment's
//! stack, its outputs made into task role policies, secrets and variables as Copilot makes
//! them; checked offline with file, line and column; large templates through S3.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::support::moto::{unreachable, Moto};
use crate::support::workspace::{tree, write};
use crate::support::{self, cfn_lint, code, need, read, root, run_in, stderr, tug};

fn fixture(name: &str) -> String {
    read(&root().join("tests/fixtures/addons").join(name))
}

const ENV: &str = "name: test\ntype: Environment\n";
const API: &str = "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n  port: 8080\nvariables:\n  LOG_LEVEL: debug\n";

/// A workspace of application `app`: environment `test`, service `api`, and `files`
/// (paths relative to the repository root).
fn workspace(app: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let ws = tree(&[
        ("copilot/.workspace", &format!("application: {app}\n")),
        ("copilot/environments/test/manifest.yml", ENV),
        ("copilot/api/manifest.yml", API),
    ]);
    for (path, text) in files {
        write(ws.path(), path, text);
    }
    ws
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A template as CloudFormation reads it (short forms in long form).
fn yaml(path: &Path) -> serde_json::Value {
    tug::yaml::parse_cloudformation(&read(path))
        .expect("yaml")
        .to_json()
}

/// Every fixture of tests/fixtures/addons as Copilot lays addons out: the S3, DynamoDB,
/// Aurora (with its parameters file) and policy templates for `api`, the table for the
/// environments.
fn all_fixtures() -> Vec<(&'static str, String)> {
    vec![
        ("copilot/api/addons/s3.yml", fixture("s3.yml")),
        ("copilot/api/addons/dynamodb.yml", fixture("dynamodb.yml")),
        ("copilot/api/addons/aurora.yml", fixture("aurora.yml")),
        (
            "copilot/api/addons/addons.parameters.yml",
            fixture("aurora.parameters.yml"),
        ),
        ("copilot/api/addons/policy.yml", fixture("policy.yml")),
        (
            "copilot/environments/addons/env-table.yml",
            fixture("env-table.yml"),
        ),
    ]
}

fn with<'a>(files: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    files.iter().map(|(p, t)| (*p, t.as_str())).collect()
}

#[test]
fn the_documented_addon_shapes_validate_package_and_pass_cfn_lint() {
    let files = all_fixtures();
    let ws = workspace("shop", &with(&files));
    let dir = ws.path();
    // A Scheduled Job's addons too.
    write(dir, "copilot/report/manifest.yml", "name: report\ntype: Scheduled Job\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\non:\n  schedule: \"@daily\"\n");
    write(
        dir,
        "copilot/report/addons/policy.yml",
        fixture("policy.yml"),
    );
    let out = run_in(dir, &["validate"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    support::ok(tug().current_dir(dir).args([
        "svc",
        "package",
        "-n",
        "report",
        "-e",
        "test",
        "--output-dir",
        "out",
    ]));
    let job = yaml(&dir.join("out/tug-shop-test-report.yml"));
    let role = serde_json::to_string(&job["Resources"]["TaskRole"]).unwrap();
    assert!(role.contains("Outputs.ReadParametersPolicyArn"), "{role}");

    let out = support::ok(tug().current_dir(dir).args([
        "svc",
        "package",
        "-n",
        "api",
        "-e",
        "test",
        "--output-dir",
        "out",
    ]));
    let err = stderr(&out);
    let parent = dir.join("out/tug-shop-test-api.yml");
    let addons = dir.join("out/tug-shop-test-api.addons.yml");
    let params: serde_json::Value =
        serde_json::from_str(&read(&dir.join("out/tug-shop-test-api.params.json"))).unwrap();
    // The addons template is beside the parent, and under its key for `aws s3 cp`.
    let key = format!("addons/{}.yml", sha256(&read(&addons)));
    assert!(
        err.contains("addons template of copilot/api/addons"),
        "{err}"
    );
    assert_eq!(read(&dir.join("out").join(&key)), read(&addons));
    assert_eq!(params["Parameters"]["AddonsTemplateKey"], key.as_str());

    let t = yaml(&parent);
    let stack = &t["Resources"]["AddonsStack"];
    assert_eq!(stack["Type"], "AWS::CloudFormation::Stack");
    assert_eq!(
        stack["Properties"]["Parameters"],
        serde_json::json!({"App": "shop", "Env": "test", "Name": "api",
                           "ledgerMinCapacity": "0.5", "ledgerMaxCapacity": "8"})
    );
    // Policies on the task role, the secret on the main container (and readable by the
    // execution role), every other output a variable.
    let role = serde_json::to_string(&t["Resources"]["TaskRole"]).unwrap();
    for p in [
        "uploadsAccessPolicy",
        "ordersAccessPolicy",
        "ReadParametersPolicyArn",
    ] {
        assert!(role.contains(&format!("Outputs.{p}")), "{p}: {role}");
    }
    let main = &t["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"][0];
    let names = |list: &str| -> Vec<String> {
        main[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["Name"].as_str().unwrap().to_string())
            .collect()
    };
    let vars = names("Environment");
    for v in [
        "UPLOADS_NAME",
        "ORDERS_NAME",
        "LOG_LEVEL",
        "COPILOT_APPLICATION_NAME",
    ] {
        assert!(vars.contains(&v.to_string()), "{v}: {vars:?}");
    }
    assert!(!vars.iter().any(|v| v.contains("POLICY")), "{vars:?}");
    assert_eq!(names("Secrets"), vec!["LEDGER_SECRET"]);
    let exec = serde_json::to_string(&t["Resources"]["ExecutionRole"]).unwrap();
    assert!(exec.contains("Outputs.ledgerSecret"), "{exec}");

    let out = support::ok(tug().current_dir(dir).args([
        "env",
        "package",
        "-n",
        "test",
        "--output-dir",
        "out",
    ]));
    let env = dir.join("out/tug-shop-test.yml");
    let env_addons = dir.join("out/tug-shop-test.addons.yml");
    assert!(stderr(&out).contains("copilot/environments/addons"));
    let e = yaml(&env);
    assert_eq!(
        e["Resources"]["AddonsStack"]["Properties"]["Parameters"],
        serde_json::json!({"App": "shop", "Env": "test"})
    );
    // The environment's addon outputs are exported for workloads to import.
    assert_eq!(
        e["Outputs"]["sessionsTableName"]["Export"]["Name"],
        "tug-shop-test-sessionsTableName"
    );
    cfn_lint::lint(&[
        parent,
        addons,
        env,
        env_addons,
        dir.join("out/tug-shop-test-report.yml"),
        dir.join("out/tug-shop-test-report.addons.yml"),
    ]);
}

/// A bad input: what it is, its files, and what `tug validate` must say (its code and
/// where: `file:line:col`).
type BadInput = (
    &'static str,
    Vec<(&'static str, String)>,
    &'static str,
    &'static str,
);

fn bad_inputs() -> Vec<BadInput> {
    let head =
        "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\n";
    vec![
        (
            "a syntax error",
            vec![(
                "copilot/api/addons/db.yml",
                format!("{head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n   Properties: {{}}\n"),
            )],
            "addons-syntax",
            "copilot/api/addons/db.yml:8:",
        ),
        (
            "a missing required parameter",
            vec![(
                "copilot/api/addons/db.yml",
                format!("{head}  Capacity:\n    Type: Number\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"),
            )],
            "addons-parameters",
            "copilot/api/addons/db.yml:5:3",
        ),
        (
            "an output named like an existing variable",
            vec![(
                "copilot/api/addons/db.yml",
                format!("{head}Resources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  LogLevel:\n    Value: !Ref T\n"),
            )],
            "addons-output",
            "copilot/api/addons/db.yml:9:3",
        ),
        (
            "a circular addons.parameters.yml reference",
            vec![
                (
                    "copilot/api/addons/db.yml",
                    format!("{head}  RoleArn: {{Type: String}}\nResources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  topicArn:\n    Value: !Ref T\n"),
                ),
                (
                    "copilot/api/addons/addons.parameters.yml",
                    "Parameters:\n  RoleArn: !GetAtt TaskDefinition.TaskDefinitionArn\n".into(),
                ),
            ],
            "addons-cycle",
            "copilot/api/addons/addons.parameters.yml:2:12",
        ),
    ]
}

#[test]
fn bad_addons_are_located_before_any_aws_call() {
    for (what, files, want_code, want_at) in bad_inputs() {
        let ws = workspace("shop", &with(&files));
        let dir = ws.path();
        let out = run_in(dir, &["validate", "--no-color"]);
        let err = stderr(&out);
        assert_eq!(code(&out), 1, "{what}: {err}");
        assert!(err.contains(want_at), "{what}: not at {want_at}:\n{err}");
        let out = run_in(dir, &["--json", "validate"]);
        let report = support::stdout(&out);
        assert!(
            report.contains(&format!("\"{want_code}\"")),
            "{what}: no {want_code}:\n{report}"
        );
        // A deploy stops at the same place, before reaching AWS (nothing listens there).
        let out = support::moto::tug_at(&unreachable())
            .current_dir(dir)
            .args(["--no-color", "svc", "deploy", "-n", "api", "-e", "test"])
            .output()
            .expect("tug");
        let err = stderr(&out);
        assert_eq!(code(&out), 1, "{what}: {err}");
        assert!(
            err.contains(want_at),
            "{what}: deploy not at {want_at}:\n{err}"
        );
        assert!(
            !err.to_lowercase().contains("connect"),
            "{what}: reached AWS:\n{err}"
        );
    }
}

/// What a user looks at after deploying `api` with addons, read through the AWS API.
fn read_back(moto: &Moto, app: &str) -> serde_json::Value {
    let code = format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
def stack(name):
    try:
        return cf.describe_stacks(StackName=name)["Stacks"][0]
    except Exception:
        return None
parent = stack("tug-{app}-test-api")
nested = [r for r in cf.list_stack_resources(StackName="tug-{app}-test-api")["StackResourceSummaries"]
          if r["ResourceType"] == "AWS::CloudFormation::Stack"]
child = stack(nested[0]["PhysicalResourceId"]) if nested else None
live = [s["StackName"] for s in cf.list_stacks()["StackSummaries"]
        if s["StackStatus"] != "DELETE_COMPLETE" and "AddonsStack" in s["StackName"]]
camel = lambda d: {{k[0].lower() + k[1:]: v for k, v in d.items()}}
td = boto3.client("ecs").describe_task_definition(taskDefinition="tug-{app}-test-api")["taskDefinition"]
main = camel(td["containerDefinitions"][0])
iam = boto3.client("iam")
# moto's task definitions made by CloudFormation have no taskRoleArn: the stack names the role.
role = [r["PhysicalResourceId"] for r in cf.list_stack_resources(StackName="tug-{app}-test-api")["StackResourceSummaries"]
        if r["LogicalResourceId"] == "TaskRole"][0].split("/")[-1]
attached = [p["PolicyName"] for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]]
outputs = {{o["OutputKey"]: o["OutputValue"] for o in (child or {{}}).get("Outputs", [])}}
print(json.dumps({{
    "nested": len(nested),
    "live": live,
    "child_parameters": {{p["ParameterKey"]: p["ParameterValue"] for p in (child or {{}}).get("Parameters", [])}},
    "child_outputs": outputs,
    "attached": attached,
    "env": {{camel(e)["name"]: camel(e)["value"] for e in main.get("environment", [])}},
    "secrets": {{camel(e)["name"]: camel(e)["valueFrom"] for e in main.get("secrets", [])}},
    "tables": boto3.client("dynamodb").list_tables()["TableNames"],
    "revision": td["revision"],
}}))
"#
    );
    serde_json::from_str(&moto.python_out(&code)).expect("json")
}

const SECRET_ADDON: &str = "Parameters:\n  App:\n    Type: String\n    Description: Your application's name.\n  Env:\n    Type: String\n    Description: The environment name your service, job, or workflow is being deployed to.\n  Name:\n    Type: String\n    Description: The name of the service, job, or workflow being deployed.\nResources:\n  apiKey:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      GenerateSecretString:\n        PasswordLength: 24\nOutputs:\n  apiKeySecret:\n    Value: !Ref apiKey\n";

fn run(moto: &Moto, dir: &Path, args: &[&str]) -> String {
    stderr(&support::ok(moto.tug().current_dir(dir).args(args)))
}

#[test]
fn a_service_with_addons_deploys_them_as_a_nested_stack_and_gets_their_outputs() {
    let moto = need!(Moto::start());
    let api = format!("{API}  SESSIONS_TABLE:\n    from_cfn: tug-addons-test-sessionsTableName\n");
    let ws = workspace(
        "addons",
        &[
            ("copilot/api/manifest.yml", &api),
            ("copilot/api/addons/s3.yml", &fixture("s3.yml")),
            ("copilot/api/addons/dynamodb.yml", &fixture("dynamodb.yml")),
            ("copilot/api/addons/secret.yml", SECRET_ADDON),
            (
                "copilot/environments/addons/env-table.yml",
                &fixture("env-table.yml"),
            ),
        ],
    );
    let dir = ws.path();
    let err = run(&moto, dir, &["env", "deploy", "-n", "test"]);
    assert!(
        err.contains("uploading addons template of copilot/environments/addons"),
        "{err}"
    );
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    assert!(
        err.contains("uploading addons template of copilot/api/addons"),
        "{err}"
    );
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");

    let got = read_back(&moto, "addons");
    assert_eq!(got["nested"], 1, "{got}");
    assert_eq!(
        got["child_parameters"],
        serde_json::json!({"App": "addons", "Env": "test", "Name": "api"})
    );
    let attached = got["attached"].to_string();
    assert!(attached.contains("uploadsAccessPolicy"), "{attached}");
    assert!(attached.contains("ordersAccessPolicy"), "{attached}");
    let outputs = &got["child_outputs"];
    assert_eq!(got["env"]["UPLOADS_NAME"], outputs["uploadsName"]);
    assert_eq!(got["env"]["ORDERS_NAME"], "addons-test-api-orders");
    assert_eq!(got["env"]["SESSIONS_TABLE"], "addons-test-sessions");
    assert_eq!(got["secrets"]["API_KEY_SECRET"], outputs["apiKeySecret"]);
    assert!(outputs["apiKeySecret"]
        .as_str()
        .unwrap()
        .contains(":secret:"));
    let tables = got["tables"].to_string();
    assert!(tables.contains("addons-test-sessions") && tables.contains("addons-test-api-orders"));
    let revision = got["revision"].clone();

    // Unchanged: nothing uploaded, nothing changed.
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    assert!(err.contains("no changes"), "{err}");
    assert!(!err.contains("uploading"), "{err}");
    assert_eq!(read_back(&moto, "addons")["revision"], revision);

    // Without its addons the service's nested stack goes, and so do its variables.
    std::fs::remove_dir_all(dir.join("copilot/api/addons")).unwrap();
    run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    let got = read_back(&moto, "addons");
    assert_eq!(got["nested"], 0, "{got}");
    let live: Vec<&str> = got["live"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .filter(|s| s.starts_with("tug-addons-test-api-"))
        .collect();
    assert!(live.is_empty(), "the nested stack is still there: {live:?}");
    assert!(got["env"].get("UPLOADS_NAME").is_none(), "{got}");
}

#[test]
fn a_template_over_the_inline_limit_deploys_through_the_artifacts_bucket() {
    let moto = need!(Moto::start());
    // 700 variables of 80 characters make a template well over 51,200 bytes.
    let mut api = String::from(API);
    for i in 0..700 {
        api.push_str(&format!("  VARIABLE_{i:04}: \"{}\"\n", "x".repeat(80)));
    }
    let ws = workspace("large", &[("copilot/api/manifest.yml", &api)]);
    let dir = ws.path();
    run(&moto, dir, &["env", "deploy", "-n", "test"]);
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    assert!(
        err.contains("uploading template of tug-large-test-api"),
        "{err}"
    );
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    let got: serde_json::Value = serde_json::from_str(&moto.python_out(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
st = cf.describe_stacks(StackName="tug-large-bootstrap")["Stacks"][0]
bucket = {o["OutputKey"]: o["OutputValue"] for o in st["Outputs"]}["ArtifactsBucketName"]
keys = [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=bucket).get("Contents", [])]
body = cf.get_template(StackName="tug-large-test-api")["TemplateBody"]
print(json.dumps({"keys": keys, "size": len(body if isinstance(body, str) else json.dumps(body))}))
"#,
    ))
    .unwrap();
    let keys = got["keys"].to_string();
    assert!(keys.contains("templates/"), "{keys}");
    assert!(got["size"].as_u64().unwrap() > 51_200, "{got}");
    // Unchanged: no upload, no change.
    let err = run(&moto, dir, &["svc", "deploy", "-n", "api", "-e", "test"]);
    assert!(
        err.contains("no changes") && !err.contains("uploading"),
        "{err}"
    );
}

/// `tug storage init` commands for service `api`: S3 and DynamoDB for the workload and for
/// the environment, and (with `aurora`) an Aurora Serverless v2 cluster.
fn storage_init(moto: Option<&Moto>, dir: &Path, aurora: bool) {
    let mut commands = vec![
        vec!["-n", "uploads", "-t", "S3"],
        vec![
            "-n",
            "orders",
            "-t",
            "DynamoDB",
            "--partition-key",
            "id:S",
            "--no-sort",
            "--no-lsi",
        ],
        vec!["-n", "files", "-t", "S3", "-l", "environment"],
        vec![
            "-n",
            "shared",
            "-t",
            "DynamoDB",
            "-l",
            "environment",
            "--partition-key",
            "pk:S",
            "--no-sort",
            "--no-lsi",
        ],
    ];
    if aurora {
        commands.push(vec![
            "-n",
            "ledger",
            "-t",
            "Aurora",
            "--engine",
            "PostgreSQL",
        ]);
    }
    for c in commands {
        let mut cmd = match moto {
            Some(m) => m.tug(),
            None => tug(),
        };
        support::ok(
            cmd.current_dir(dir)
                .args(["storage", "init", "-w", "api", "--no-input"])
                .args(c),
        );
    }
}

#[test]
fn storage_init_writes_addons_that_validate_and_pass_cfn_lint_with_their_stacks() {
    let ws = workspace("shop", &[]);
    let dir = ws.path();
    storage_init(None, dir, true);
    let out = run_in(dir, &["validate"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for args in [
        &[
            "svc",
            "package",
            "-n",
            "api",
            "-e",
            "test",
            "--output-dir",
            "out",
        ][..],
        &["env", "package", "-n", "test", "--output-dir", "out"][..],
    ] {
        support::ok(tug().current_dir(dir).args(args));
    }
    let t = yaml(&dir.join("out/tug-shop-test-api.yml"));
    let main = serde_json::to_string(&t["Resources"]["TaskDefinition"]).unwrap();
    for v in ["UPLOADS_NAME", "ORDERS_NAME", "LEDGER_SECRET"] {
        assert!(main.contains(v), "{v}: {main}");
    }
    let out = dir.join("out");
    cfn_lint::lint(&[
        out.join("tug-shop-test-api.yml"),
        out.join("tug-shop-test-api.addons.yml"),
        out.join("tug-shop-test.yml"),
        out.join("tug-shop-test.addons.yml"),
    ]);
}

#[test]
fn storage_init_buckets_and_tables_deploy_with_the_environment_and_the_service() {
    let moto = need!(Moto::start());
    let ws = workspace("store", &[]);
    let dir = ws.path();
    storage_init(Some(&moto), dir, false);
    // `deploy -e`: the environment's addons uploaded before its stack, the service's
    // before its own.
    let err = run(&moto, dir, &["deploy", "-e", "test"]);
    assert!(
        err.contains("uploading addons template of copilot/environments/addons"),
        "{err}"
    );
    assert!(
        err.contains("uploading addons template of copilot/api/addons"),
        "{err}"
    );
    let got = read_back(&moto, "store");
    for v in ["UPLOADS_NAME", "ORDERS_NAME", "FILES_NAME", "SHARED_NAME"] {
        assert!(got["env"][v].is_string(), "{v}: {got}");
    }
    let attached = got["attached"].as_array().unwrap().len();
    assert_eq!(attached, 4, "one access policy per storage: {got}");
}

#[cfg(unix)]
#[test]
fn an_addons_link_out_of_the_repository_is_refused_and_nothing_is_written() {
    let ws = workspace("shop", &[]);
    let dir = ws.path();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let secret = elsewhere.path().join("passwd");
    std::fs::write(&secret, fixture("s3.yml")).expect("write");
    std::fs::create_dir_all(dir.join("copilot/api/addons")).expect("mkdir");
    std::os::unix::fs::symlink(&secret, dir.join("copilot/api/addons/s3.yml")).expect("link");
    for args in [
        &[
            "svc",
            "package",
            "-n",
            "api",
            "-e",
            "test",
            "--output-dir",
            "out",
        ][..],
        &["validate"][..],
    ] {
        let out = run_in(dir, args);
        let err = stderr(&out);
        assert_eq!(code(&out), 1, "{args:?}: {err}");
        assert!(
            err.contains("copilot/api/addons/s3.yml")
                && err.contains(&format!(
                    "a link to \"{}\", outside the repository",
                    secret.display()
                )),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("copy the file into the addons folder"),
            "{err}"
        );
    }
    assert!(!dir.join("out").exists(), "nothing is written");
}
