//! `svc rollback` against moto: every deploy leaves a record (template by content, and
//! parameters) in the artifacts bucket; a rollback deploys an earlier one again through a
//! change set, and the next `svc deploy` goes forward from there.

use std::path::Path;

use serde_json::Value;

use crate::support::moto::Moto;
use crate::support::workspace::{hello, set_image, write};
use crate::support::{code, jsonschema, need, ok, stderr, stdout};

const STACK: &str = "tug-back-test-web";

/// Deploys service web with variable GREETING `greeting` and nginx `tag`.
fn deploy(moto: &Moto, dir: &Path, greeting: &str, tag: &str) -> String {
    let path = dir.join("tug/web/manifest.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("GREETING:") {
                format!("  GREETING: {greeting}")
            } else {
                l.to_string()
            }
        })
        .collect();
    write(dir, "tug/web/manifest.yml", text.join("\n") + "\n");
    set_image(dir, "web", &format!("public.ecr.aws/nginx/nginx:{tag}"));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test"]));
    stderr(&out)
}

/// What runs, read back through the AWS API: the stack's template and parameters, and the
/// revision and GREETING of its task definition.
fn state(moto: &Moto) -> Value {
    let code = format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
st = cf.describe_stacks(StackName="{STACK}")["Stacks"][0]
arn = cf.describe_stack_resource(StackName="{STACK}", LogicalResourceId="TaskDefinition")["StackResourceDetail"]["PhysicalResourceId"]
td = boto3.client("ecs").describe_task_definition(taskDefinition=arn)["taskDefinition"]
env = {{e["name"]: e["value"] for e in td["containerDefinitions"][0].get("environment", [])}}
print(json.dumps({{
    "status": st["StackStatus"],
    "template": cf.get_template(StackName="{STACK}")["TemplateBody"],
    "parameters": {{p["ParameterKey"]: p["ParameterValue"] for p in st["Parameters"]}},
    "revision": td["revision"],
    "greeting": env.get("GREETING"),
    "image": td["containerDefinitions"][0]["image"],
}}))
"#
    );
    serde_json::from_str(&moto.python_out(&code)).expect("json")
}

fn tug_rollback(moto: &Moto, dir: &Path, args: &[&str]) -> std::process::Output {
    moto.tug()
        .current_dir(dir)
        .args(["svc", "rollback", "-n", "web", "-e", "test"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn rollback_goes_back_to_the_second_deploy_and_deploy_goes_forward_again() {
    let moto = need!(Moto::start());
    let ws = hello("back");
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));

    // Before any deploy: nothing to roll back.
    let out = tug_rollback(&moto, dir, &["--yes"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("service web is not deployed in environment test"),
        "{}",
        stderr(&out)
    );

    deploy(&moto, dir, "one", "1.25");
    let first = state(&moto);
    deploy(&moto, dir, "two", "1.26");
    let second = state(&moto);
    deploy(&moto, dir, "three", "1.27");
    let third = state(&moto);
    let revisions: Vec<&Value> = [&first, &second, &third]
        .iter()
        .map(|s| &s["revision"])
        .collect();
    assert_eq!(revisions, [1, 2, 3], "each deploy makes a revision");
    assert_ne!(second["template"], third["template"]);

    // The first deploy's record goes, as if an earlier tug had made that deploy.
    moto.python(
        r#"
import boto3
cf = boto3.client("cloudformation")
out = cf.describe_stacks(StackName="tug-back-bootstrap")["Stacks"][0]["Outputs"]
bucket = [o["OutputValue"] for o in out if o["OutputKey"] == "ArtifactsBucketName"][0]
boto3.client("s3").delete_object(Bucket=bucket, Key="deploys/tug-back-test-web/1.json")
"#,
    );

    // --list: every revision, newest first, and which can be rolled back to.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "rollback", "-n", "web", "-e", "test", "--list"]));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows[0],
        ["REVISION", "CREATED", "COMPLETED", "ROLLBACK", "IMAGES"],
        "{text}"
    );
    let row = |i: usize| {
        let r = &rows[i];
        (r[0], r[2], r[3])
    };
    assert_eq!(row(1), ("3", "yes", "current"), "{text}");
    assert_eq!(row(2), ("2", "yes", "yes"), "{text}");
    assert_eq!(row(3), ("1", "no", "no"), "{text}");
    assert_eq!(rows[3][4], "record", "{text}");
    assert!(rows[1][1].starts_with("20"), "the time it was made: {text}");
    assert!(rows[2].contains(&"web=nginx:1.26"), "{text}");
    let out = ok(moto.tug().current_dir(dir).args([
        "--json", "svc", "rollback", "-n", "web", "-e", "test", "--list",
    ]));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["current"], 3);
    assert_eq!(doc["family"], STACK);
    let listed: Vec<(&Value, &Value, bool)> = doc["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (&r["revision"], &r["completed"], r["deployed"].is_string()))
        .collect();
    assert_eq!(
        listed,
        [
            (&Value::from(3), &Value::Bool(true), true),
            (&Value::from(2), &Value::Bool(true), true),
            (&Value::from(1), &Value::Bool(false), false),
        ]
    );
    assert_eq!(
        doc["revisions"][1]["images"][0],
        serde_json::json!(["web", "public.ecr.aws/nginx/nginx:1.26"])
    );

    // A change with no terminal and no --yes: refused, naming --yes, and nothing changes.
    let out = tug_rollback(&moto, dir, &[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    // A revision with no record, and one that does not exist.
    let out = tug_rollback(&moto, dir, &["--to", "1", "--yes"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "revision 1 of service web has no deploy record, so it cannot be rolled back to"
        ),
        "{err}"
    );
    assert!(err.contains("these can: 2"), "{err}");
    let out = tug_rollback(&moto, dir, &["--to", "22", "--yes"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("has no revision 22"), "{err}");
    assert!(err.contains("did you mean `--to 2`?"), "{err}");
    let out = tug_rollback(&moto, dir, &["--to", "latest", "--yes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(state(&moto), third, "nothing changed");

    // The rollback: by default, the deploy before the current one.
    let out = tug_rollback(&moto, dir, &["--yes"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("web: public.ecr.aws/nginx/nginx:1.27 -> public.ecr.aws/nginx/nginx:1.26"),
        "{err}"
    );
    assert!(err.contains("UPDATE_COMPLETE"), "{err}");
    assert!(
        err.contains(
            "service web in test rolled back to the deploy of revision 2: it runs revision 4"
        ),
        "{err}"
    );
    let back = state(&moto);
    assert_eq!(back["template"], second["template"]);
    assert_eq!(back["parameters"], second["parameters"]);
    assert_eq!(back["greeting"], "two");
    assert_eq!(back["image"], "public.ecr.aws/nginx/nginx:1.26");
    assert_eq!(back["revision"], 4, "CloudFormation registers it again");

    // Forward again: the manifest still says three.
    let err = deploy(&moto, dir, "three", "1.27");
    assert!(err.contains("UPDATE_COMPLETE"), "{err}");
    let forward = state(&moto);
    assert_eq!(forward["template"], third["template"]);
    assert_eq!(forward["parameters"], third["parameters"]);
    assert_eq!(forward["greeting"], "three");
    assert_eq!(forward["revision"], 5);

    // The rollback was recorded too: --to 4 is the second deploy again; --json ends with
    // one line saying what happened.
    let out = ok(moto.tug().current_dir(dir).args([
        "--json", "svc", "rollback", "-n", "web", "-e", "test", "--to", "4", "--yes",
    ]));
    let last = stdout(&out).lines().last().unwrap_or_default().to_string();
    jsonschema::check_docs("rollback.json", &[&last]);
    let doc: Value = serde_json::from_str(&last).expect("a JSON line");
    assert_eq!(doc["type"], "rollback");
    assert_eq!(
        (&doc["from"], &doc["to"], &doc["revision"], &doc["ok"]),
        (
            &Value::from(5),
            &Value::from(4),
            &Value::from(6),
            &Value::Bool(true)
        )
    );
    let again = state(&moto);
    assert_eq!(again["template"], second["template"]);
    assert_eq!(again["parameters"], second["parameters"]);
}
