//! tug in CI: `tug validate` as GitHub Actions annotations and as SARIF, deploy summaries
//! for `$GITHUB_STEP_SUMMARY` and `--summary FILE`.

use std::path::Path;

use serde_json::Value;

use crate::support::jsonschema;
use crate::support::moto::Moto;
use crate::support::workspace::{hello, tree, write};
use crate::support::{self, code, need, root, stderr, stdout};

const WS: &str = "application: shop\n";
const ENV: &str = "name: test\ntype: Environment\n";
/// Valid, with one `not-implemented` warning (`observability`).
const WARNS: &str = "name: web\ntype: Backend Service\nimage:\n  location: nginx\nobservability:\n  tracing: awsxray\n";
/// Invalid: a Fargate size error at 6:9 (`4096`).
const BAD: &str =
    "name: api\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 256\nmemory: 4096\n";

fn workspace() -> tempfile::TempDir {
    tree(&[
        ("tug/.workspace", WS),
        ("tug/environments/test/manifest.yml", ENV),
        ("tug/api/manifest.yml", BAD),
        ("tug/web/manifest.yml", WARNS),
    ])
}

/// `tug ARGS` in `dir` as a GitHub Actions job runs it, the checkout at `checkout`.
fn in_github(dir: &Path, checkout: &Path, args: &[&str]) -> std::process::Output {
    support::tug()
        .current_dir(dir)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", checkout)
        .args(args)
        .output()
        .unwrap()
}

fn annotations(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("::")).collect()
}

#[test]
fn under_github_actions_validate_annotates_the_lines_too() {
    let ws = workspace();
    let out = in_github(ws.path(), ws.path(), &["validate"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    // The usual report, and beside it one workflow command per diagnostic.
    assert!(
        err.contains("is not a Fargate size") || err.contains("fargate"),
        "{err}"
    );
    let found = annotations(&err);
    assert_eq!(found.len(), 2, "{err}");
    assert!(
        found[0].starts_with(
            "::error file=tug/api/manifest.yml,line=6,col=9,endColumn=13,title=tug fargate-size::"
        ),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("::warning file=tug/web/manifest.yml,line=5,"),
        "{}",
        found[1]
    );
    // One line each: the help is on it, its newline escaped.
    assert!(found[0].contains("%0Ahelp: "), "{}", found[0]);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));

    // Paths are the checkout's, where tug runs from a sub-folder (`-C`) too.
    let checkout = ws.path().parent().unwrap();
    let out = in_github(ws.path(), checkout, &["validate"]);
    let name = ws.path().file_name().unwrap().to_string_lossy();
    assert!(
        annotations(&stderr(&out))[0]
            .starts_with(&format!("::error file={name}/tug/api/manifest.yml,line=6,")),
        "{}",
        stderr(&out)
    );

    // With --json stdout stays one document; the annotations go to stderr.
    let out = in_github(ws.path(), ws.path(), &["validate", "--json"]);
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["valid"], false);
    assert_eq!(annotations(&stderr(&out)).len(), 2, "{}", stderr(&out));

    // Outside GitHub Actions: no workflow commands.
    let out = support::tug()
        .current_dir(ws.path())
        .arg("validate")
        .output()
        .unwrap();
    assert!(annotations(&stderr(&out)).is_empty(), "{}", stderr(&out));
}

#[test]
fn format_github_prints_only_workflow_commands_on_stdout() {
    let ws = workspace();
    let out = support::tug()
        .current_dir(ws.path())
        .args(["validate", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().all(|l| l.starts_with("::")), "{text}");
    assert!(lines[0].starts_with("::error file=tug/api/manifest.yml,line=6,col=9,"));
    // Nothing else is printed: the commands are the report.
    assert!(!stderr(&out).contains("manifest.yml:6"), "{}", stderr(&out));
}

#[test]
fn format_sarif_is_a_valid_sarif_2_1_0_log() {
    let ws = workspace();
    write(
        ws.path(),
        "tug/odd name/manifest.yml",
        "name: odd name\ntype: Backend Service\nimage:\n  location: nginx\ncpu: 256\nmemory: 4096\n",
    );
    let out = support::tug()
        .current_dir(ws.path())
        .args(["validate", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let log: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let api = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "tug/api/manifest.yml"
        })
        .expect("a result for tug/api/manifest.yml");
    assert_eq!(api["ruleId"], "fargate-size");
    assert_eq!(api["level"], "error");
    let region = &api["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(6), Some(9))
    );
    assert!(
        results.iter().any(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "tug/odd%20name/manifest.yml"
        ),
        "{log:#}"
    );
    assert!(results.iter().any(|r| r["level"] == "warning"), "{log:#}");
    // Against the published schema (tests/schemas/README.md says where it is from).
    let file = ws.path().join("tug.sarif");
    std::fs::write(&file, stdout(&out)).unwrap();
    jsonschema::check_nonunicode_regex(
        &root().join("tests/schemas/sarif-schema-2.1.0.json"),
        &[file],
    );
}

/// `tug ARGS` against moto as a GitHub Actions step runs it: the step summary file is
/// `summary`.
fn step(moto: &Moto, dir: &Path, summary: &Path, args: &[&str]) -> std::process::Output {
    moto.tug()
        .current_dir(dir)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", dir)
        .env("GITHUB_STEP_SUMMARY", summary)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn deploys_write_a_markdown_summary_for_the_step_and_for_summary_file() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    let summaries = tempfile::tempdir().unwrap();
    let step_summary = summaries.path().join("step_summary.md");

    let out = step(&moto, dir, &step_summary, &["env", "deploy", "-n", "test"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = support::read(&step_summary);
    assert!(md.starts_with("### ✅ `tug env deploy -n test`\n"), "{md}");
    let row = md
        .lines()
        .find(|l| l.starts_with("| environment test (`tug-shop-test`) |"))
        .unwrap_or_else(|| panic!("no row for the environment's stack:\n{md}"));
    assert!(row.contains("✅ deployed (CREATE_COMPLETE)"), "{row}");
    assert!(row.contains(" added"), "what the change set added: {row}");
    assert!(
        md.contains("<summary>Changes</summary>") && md.contains("AWS::EC2::VPC"),
        "{md}"
    );
    assert!(md.contains("\nTotal: "), "{md}");

    // --summary FILE (GitLab, Buildkite) and the step summary, appended to.
    let own = summaries.path().join("deploy.md");
    let out = step(
        &moto,
        dir,
        &step_summary,
        &[
            "svc",
            "deploy",
            "-n",
            "web",
            "-e",
            "test",
            "--summary",
            own.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = support::read(&own);
    assert!(
        md.starts_with("### ✅ `tug svc deploy -n web -e test --summary "),
        "{md}"
    );
    assert!(
        md.contains("| service web in test (`tug-shop-test-web`) | ✅ deployed (CREATE_COMPLETE)"),
        "{md}"
    );
    assert!(
        md.contains("| main | `public.ecr.aws/nginx/nginx:1.27` |"),
        "{md}"
    );
    assert!(md.contains("ECS service "), "the rollout: {md}");
    let step_md = support::read(&step_summary);
    assert!(step_md.contains("`tug env deploy -n test`"), "{step_md}");
    assert!(step_md.ends_with(&md), "appended:\n{step_md}");

    // A deploy with nothing to change says so; a command that deploys nothing writes
    // nothing.
    let before = support::read(&own);
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["deploy", "-e", "test", "--summary", own.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let added = support::read(&own)[before.len()..].to_string();
    assert!(
        added.contains("| environment test (`tug-shop-test`) | ✅ no changes |"),
        "{added}"
    );
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["validate", "--summary", own.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(support::read(&own).len(), before.len() + added.len());
}

/// The JSON policy after `marker` in docs/ci.md: its actions.
fn documented_actions(doc: &str, marker: &str) -> std::collections::BTreeSet<String> {
    let at = doc
        .find(marker)
        .unwrap_or_else(|| panic!("docs/ci.md has no `{marker}` block"));
    let rest = &doc[at..];
    let start = rest
        .find("```json\n")
        .expect("a json block after the marker")
        + 8;
    let end = start + rest[start..].find("```").expect("the block's end");
    let policy: Value = serde_json::from_str(&rest[start..end]).expect("the policy is JSON");
    policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["Action"].as_array().unwrap().clone())
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

/// Every `aws.<client>.<operation>(` in src/, as an IAM action.
fn sdk_calls() -> std::collections::BTreeSet<String> {
    // The fields of `aws::Aws` and the IAM prefix of each client's service.
    let services = [
        ("cfn", "cloudformation"),
        ("ecs", "ecs"),
        ("elb", "elasticloadbalancing"),
        ("logs", "logs"),
        ("ecr", "ecr"),
        ("cloudwatch", "cloudwatch"),
        ("s3", "s3"),
        ("sfn", "states"),
        ("ec2", "ec2"),
        ("route53", "route53"),
    ];
    // A client added to `aws::Aws` must be named here, or its calls go unchecked.
    let aws = support::read(&root().join("src/aws/mod.rs"));
    for line in aws.lines() {
        let line = line.trim();
        if let Some(field) = line
            .strip_prefix("pub ")
            .filter(|l| l.contains(": aws_sdk_"))
            .and_then(|l| l.split(':').next())
        {
            assert!(
                services.iter().any(|(f, _)| *f == field),
                "the client `{field}` of aws::Aws: name its IAM prefix in sdk_calls"
            );
        }
    }
    let mut found = std::collections::BTreeSet::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = support::read(&path);
            let compact: String = text.split_whitespace().collect();
            for (field, prefix) in services {
                let needle = format!(".{field}.");
                let mut rest = compact.as_str();
                while let Some(i) = rest.find(&needle) {
                    rest = &rest[i + needle.len()..];
                    let op: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if op.is_empty() || !rest[op.len()..].starts_with("()") {
                        continue;
                    }
                    found.insert(iam_action(prefix, &op));
                }
            }
        }
    }
    found
}

/// The IAM action that authorizes SDK operation `op` (`describe_stacks`) of `prefix`.
fn iam_action(prefix: &str, op: &str) -> String {
    // S3's actions are not named after its operations.
    let s3 = match op {
        "head_object" | "get_object" => Some("GetObject"),
        "list_objects_v2" => Some("ListBucket"),
        "list_object_versions" => Some("ListBucketVersions"),
        "delete_objects" => Some("DeleteObject"),
        _ => None,
    };
    if let (Some(action), "s3") = (s3, prefix) {
        return format!("s3:{action}");
    }
    let camel: String = op
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    format!("{prefix}:{camel}")
}

#[test]
fn the_documented_permissions_are_the_calls_tug_makes() {
    let doc = support::read(&root().join("docs/ci.md"));
    let documented = documented_actions(&doc, "<!-- tug-calls");
    let called = sdk_calls();
    assert!(
        called.contains("cloudformation:CreateChangeSet") && called.len() > 20,
        "the source scan finds tug's calls: {called:?}"
    );
    // What AWS authorizes beyond the SDK operations: the registry API a push uses (the
    // container engine's calls), tags on creation (CreateRepository, RunTask's propagated
    // tags), passing a task's roles to RunTask, deleting the versions of a versioned
    // bucket's objects.
    let beyond: std::collections::BTreeSet<String> = [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:CompleteLayerUpload",
        "ecr:GetDownloadUrlForLayer",
        "ecr:InitiateLayerUpload",
        "ecr:PutImage",
        "ecr:UploadLayerPart",
        "ecr:TagResource",
        "ecs:TagResource",
        "iam:PassRole",
        "s3:DeleteObjectVersion",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let missing: Vec<&String> = called.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "docs/ci.md lacks actions tug calls: {missing:?}; add them to the tug-calls policy"
    );
    let extra: Vec<&String> = documented
        .difference(&called)
        .filter(|a| !beyond.contains(*a))
        .collect();
    assert!(
        extra.is_empty(),
        "docs/ci.md grants actions tug no longer calls: {extra:?}; remove them"
    );
}

#[test]
fn the_documented_permissions_cover_every_resource_type_tug_renders() {
    let doc = support::read(&root().join("docs/ci.md"));
    let documented = documented_actions(&doc, "<!-- tug-resources");
    let prefix_of = |service: &str| -> &'static str {
        match service {
            "ApplicationAutoScaling" => "application-autoscaling",
            "AutoScaling" => "autoscaling",
            "CertificateManager" => "acm",
            "CloudFormation" => "cloudformation",
            "CloudWatch" => "cloudwatch",
            "DynamoDB" => "dynamodb",
            "EC2" => "ec2",
            "ECS" => "ecs",
            "EFS" => "elasticfilesystem",
            "ElasticLoadBalancingV2" => "elasticloadbalancing",
            "Events" => "events",
            "IAM" => "iam",
            "Logs" => "logs",
            "RDS" => "rds",
            "Route53" => "route53",
            "S3" => "s3",
            "SecretsManager" => "secretsmanager",
            "ServiceDiscovery" => "servicediscovery",
            "SNS" => "sns",
            "SQS" => "sqs",
            "SSM" => "ssm",
            "StepFunctions" => "states",
            other => panic!("a resource type of service {other}: name its IAM prefix here and give docs/ci.md its actions"),
        }
    };
    let mut types = std::collections::BTreeSet::new();
    let mut stack = vec![root().join("templates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                for part in text.split("AWS::").skip(1) {
                    let service: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect();
                    if part[service.len()..].starts_with("::") {
                        types.insert(service);
                    }
                }
            }
        }
    }
    assert!(types.contains("ECS") && types.contains("EC2"), "{types:?}");
    for service in types {
        let prefix = prefix_of(&service);
        assert!(
            documented.iter().any(|a| a.starts_with(&format!("{prefix}:"))),
            "templates render AWS::{service}:: resources; docs/ci.md's tug-resources policy has no {prefix}: action"
        );
    }
}

#[test]
fn the_ci_examples_are_valid_workflows() {
    let examples = root().join("examples/ci");
    jsonschema::check_builtin(
        "vendor.github-workflows",
        &[examples.join("github-actions.yml")],
    );
    jsonschema::check_builtin("vendor.gitlab-ci", &[examples.join("gitlab-ci.yml")]);
    // What the issue asks of them, that no schema checks.
    let gh = support::read(&examples.join("github-actions.yml"));
    for needed in [
        "aws-actions/configure-aws-credentials",
        "id-token: write",
        "role-to-assume: ${{ vars.AWS_ROLE_ARN }}",
        "cancel-in-progress: false",
        "sha256sum --check",
        "cargo install --locked",
        "tug validate --format sarif",
    ] {
        assert!(gh.contains(needed), "github-actions.yml lacks `{needed}`");
    }
    let gl = support::read(&examples.join("gitlab-ci.yml"));
    for needed in [
        "id_tokens:",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "resource_group: tug-prod",
        "sha256sum --check",
        "cargo install --locked",
        "--summary tug-summary.md",
    ] {
        assert!(gl.contains(needed), "gitlab-ci.yml lacks `{needed}`");
    }
}
