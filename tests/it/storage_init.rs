//! `tug storage init`: every type of storage, deployed with the workload or with the
//! environment, written from flags where the addons folders expect it; what is written is
//! secure by default and passes cfn-lint; existing files are kept without --force; bad or
//! missing flags are named; and the questions asked on a pseudo-terminal.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use expectrl::{Eof, Session, WaitStatus};

use crate::support::cfn_lint;
use crate::support::workspace::tree;
use crate::support::{self, code, read, stderr, stdout};

const SERVICE: &str = "name: NAME\ntype: Backend Service\nimage:\n  location: nginx:1.27\n";
const ENV: &str = "name: test\ntype: Environment\n";

/// A workspace of application `shop` with the services `api` and `worker` and the
/// environment `test`.
fn workspace() -> tempfile::TempDir {
    tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/api/manifest.yml", &SERVICE.replace("NAME", "api")),
        (
            "tug/worker/manifest.yml",
            &SERVICE.replace("NAME", "worker"),
        ),
        ("tug/environments/test/manifest.yml", ENV),
    ])
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["storage", "init", "--no-input"];
    all.extend_from_slice(args);
    support::run_in(dir, &all)
}

/// Runs `tug storage init --no-input ARGS`, which must succeed; its stderr.
fn init(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(
        code(&out),
        0,
        "tug storage init {args:?}:\n{}",
        stderr(&out)
    );
    stderr(&out)
}

/// Runs it expecting exit code `expected`; its stderr.
fn fails(dir: &Path, args: &[&str], expected: i32) -> String {
    let out = run(dir, args);
    assert_eq!(
        code(&out),
        expected,
        "tug storage init {args:?}:\n{}",
        stderr(&out)
    );
    stderr(&out)
}

/// Every file under `tug/` of the workspace other than the ones the fixture wrote.
fn written(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.join("tug")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.components().any(|c| c.as_os_str() == "addons") {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn file(dir: &Path, rel: &str) -> String {
    read(&dir.join(rel))
}

/// The lines of a template from `from` (a line that starts with it) to the next blank line.
fn block<'a>(text: &'a str, from: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

#[test]
fn an_s3_bucket_for_a_workload_is_private_encrypted_and_gives_it_a_policy() {
    let ws = workspace();
    let said = init(ws.path(), &["-t", "S3", "-n", "my-bucket", "-w", "api"]);
    assert_eq!(written(ws.path()), ["tug/api/addons/my-bucket.yml"]);
    assert!(
        said.contains("wrote tug/api/addons/my-bucket.yml"),
        "{said}"
    );
    assert!(said.contains("api gets MYBUCKET_NAME"), "{said}");
    assert!(said.contains("tug svc deploy -n api"), "{said}");

    let t = file(ws.path(), "tug/api/addons/my-bucket.yml");
    for p in [
        "  App:\n    Type: String",
        "  Env:\n    Type: String",
        "  Name:\n    Type: String",
    ] {
        assert!(t.contains(p), "parameter {p:?}:\n{t}");
    }
    let bucket = block(&t, "  mybucketBucket:");
    assert!(bucket.contains("SSEAlgorithm: AES256"), "{bucket}");
    for k in [
        "BlockPublicAcls: true",
        "BlockPublicPolicy: true",
        "IgnorePublicAcls: true",
        "RestrictPublicBuckets: true",
        "ObjectOwnership: BucketOwnerEnforced",
        "Status: Enabled",
    ] {
        assert!(bucket.contains(k), "{k}:\n{bucket}");
    }
    let deny = block(&t, "  mybucketBucketPolicy:");
    assert!(deny.contains("Effect: Deny"), "{deny}");
    assert!(deny.contains("aws:SecureTransport: false"), "{deny}");
    let policy = block(&t, "  mybucketAccessPolicy:");
    assert!(policy.contains("Type: AWS::IAM::ManagedPolicy"), "{policy}");
    assert!(policy.contains("s3:GetObject"), "{policy}");
    assert!(!policy.contains("s3:*"), "least privilege: {policy}");
    assert!(
        t.contains("  mybucketAccessPolicy:\n    Description: The IAM managed policy tug attaches to the workload's task role.\n    Value: !Ref mybucketAccessPolicy"),
        "{t}"
    );
    assert!(t.contains("  mybucketName:"), "{t}");
}

#[test]
fn every_type_and_lifecycle_lands_in_its_addons_folder_and_passes_cfn_lint() {
    let ws = workspace();
    let dir = ws.path();
    init(dir, &["-t", "S3", "-n", "uploads", "-w", "api"]);
    init(
        dir,
        &[
            "-t",
            "s3",
            "-n",
            "shared-files",
            "-w",
            "worker",
            "-l",
            "environment",
        ],
    );
    init(
        dir,
        &[
            "-t",
            "DynamoDB",
            "-n",
            "orders",
            "-w",
            "api",
            "--partition-key",
            "customer:S",
            "--sort-key",
            "placedAt:N",
            "--lsi",
            "total:N",
            "--lsi",
            "status:S",
        ],
    );
    init(
        dir,
        &[
            "--storage-type",
            "dynamodb",
            "-n",
            "sessions",
            "-w",
            "worker",
            "--lifecycle",
            "environment",
            "--partition-key",
            "id:S",
        ],
    );
    init(
        dir,
        &[
            "-t",
            "Aurora",
            "-n",
            "main",
            "-w",
            "api",
            "--engine",
            "PostgreSQL",
        ],
    );
    let said = init(
        dir,
        &[
            "-t",
            "Aurora",
            "-n",
            "reports",
            "-w",
            "worker",
            "-l",
            "environment",
            "--engine",
            "MySQL",
            "--initial-db",
            "reporting",
        ],
    );
    assert_eq!(
        written(dir),
        [
            "tug/api/addons/main.yml",
            "tug/api/addons/orders.yml",
            "tug/api/addons/uploads.yml",
            "tug/environments/addons/reports.yml",
            "tug/environments/addons/sessions.yml",
            "tug/environments/addons/shared-files.yml",
            "tug/worker/addons/sessions-access-policy.yml",
            "tug/worker/addons/shared-files-access-policy.yml",
        ]
    );
    // An environment's cluster is reached through a secret the manifest names.
    assert!(
        said.contains(
            "  secrets:\n    REPORTS_SECRET:\n      from_cfn: tug-${TUG_APPLICATION_NAME}-${TUG_ENVIRONMENT_NAME}-reportsAuroraSecret"
        ),
        "{said}"
    );

    // DynamoDB: on demand, encrypted, recoverable, with the keys and indexes given.
    let orders = file(dir, "tug/api/addons/orders.yml");
    for k in [
        "BillingMode: PAY_PER_REQUEST",
        "SSEEnabled: true",
        "PointInTimeRecoveryEnabled: true",
        "- AttributeName: \"customer\"\n          KeyType: HASH",
        "- AttributeName: \"placedAt\"\n          KeyType: RANGE",
        "- IndexName: \"total\"",
        "- IndexName: \"status\"",
    ] {
        assert!(orders.contains(k), "{k}:\n{orders}");
    }
    assert!(!orders.contains("dynamodb:DeleteTable"), "{orders}");

    // Environment storage: no workload parameter, exported outputs, and an access policy
    // for the workload that imports them.
    let env = file(dir, "tug/environments/addons/sessions.yml");
    assert!(!env.contains("  Name:\n    Type: String"), "{env}");
    assert!(!env.contains("AWS::IAM::ManagedPolicy"), "{env}");
    assert!(
        env.contains("Name: !Sub \"tug-${App}-${Env}-sessionsTableArn\""),
        "{env}"
    );
    let access = file(dir, "tug/worker/addons/sessions-access-policy.yml");
    assert!(access.contains("  Name:\n    Type: String"), "{access}");
    assert!(access.contains("Type: AWS::IAM::ManagedPolicy"), "{access}");
    assert!(
        access.contains("\"Fn::ImportValue\": !Sub \"tug-${App}-${Env}-sessionsTableArn\""),
        "{access}"
    );
    assert!(
        access.contains("Value: !Ref sessionsAccessPolicy"),
        "{access}"
    );

    // Aurora: encrypted, private, reachable on its port from the environment's tasks only,
    // its credentials in Secrets Manager.
    let main = file(dir, "tug/api/addons/main.yml");
    let sg = block(&main, "  mainDBClusterSecurityGroup:");
    assert!(
        sg.contains("FromPort: 5432\n          ToPort: 5432"),
        "{sg}"
    );
    assert!(
        sg.contains("SourceSecurityGroupId: {\"Fn::ImportValue\": !Sub \"tug-${App}-${Env}-EnvironmentSecurityGroup\"}"),
        "{sg}"
    );
    assert!(!sg.contains("CidrIp"), "{sg}");
    let cluster = block(&main, "  mainDBCluster:");
    for k in [
        "DeletionPolicy: Snapshot",
        "Engine: \"aurora-postgresql\"",
        "StorageEncrypted: true",
        "ServerlessV2ScalingConfiguration:",
        "{{resolve:secretsmanager:${mainAuroraSecret}:SecretString:password}}",
    ] {
        assert!(cluster.contains(k), "{k}:\n{cluster}");
    }
    assert!(main.contains("Type: AWS::SecretsManager::Secret"), "{main}");
    assert!(main.contains("GenerateSecretString:"), "{main}");
    assert!(
        main.contains("Type: AWS::SecretsManager::SecretTargetAttachment"),
        "{main}"
    );
    assert!(main.contains("DBInstanceClass: db.serverless"), "{main}");
    assert!(main.contains("PubliclyAccessible: false"), "{main}");
    assert!(main.contains("tug-${App}-${Env}-PrivateSubnets"), "{main}");
    assert!(main.contains("  mainSecret:\n"), "{main}");
    assert!(main.contains("Value: !Ref mainAuroraSecret"), "{main}");
    let reports = file(dir, "tug/environments/addons/reports.yml");
    assert!(reports.contains("FromPort: 3306"), "{reports}");
    assert!(reports.contains("Default: \"reporting\""), "{reports}");
    assert!(
        reports.contains("Name: !Sub \"tug-${App}-${Env}-reportsAuroraSecret\""),
        "{reports}"
    );

    let all: Vec<PathBuf> = written(dir).iter().map(|rel| dir.join(rel)).collect();
    cfn_lint::lint(&all);
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
    let ws = workspace();
    let dir = ws.path();
    let path = dir.join("tug/api/addons/cache.yml");
    support::workspace::write(dir, "tug/api/addons/cache.yml", "# mine\n");
    let args = [
        "-t",
        "DynamoDB",
        "-n",
        "cache",
        "-w",
        "api",
        "--partition-key",
        "key:S",
    ];

    let said = fails(dir, &args, 1);
    assert!(
        said.contains("tug/api/addons/cache.yml already exists; nothing was written"),
        "{said}"
    );
    assert!(said.contains("--force"), "{said}");
    assert_eq!(read(&path), "# mine\n");

    let mut forced = args.to_vec();
    forced.push("--force");
    init(dir, &forced);
    assert!(read(&path).contains("AWS::DynamoDB::Table"));

    // Environment storage writes two files: when one exists, neither is written.
    support::workspace::write(dir, "tug/api/addons/media-access-policy.yml", "# mine\n");
    let said = fails(
        dir,
        &["-t", "S3", "-n", "media", "-w", "api", "-l", "environment"],
        1,
    );
    assert!(
        said.contains("media-access-policy.yml already exists"),
        "{said}"
    );
    assert!(!dir.join("tug/environments/addons/media.yml").exists());

    // Two names with the same letters and digits would make the same CloudFormation names.
    init(dir, &["-t", "S3", "-n", "my-files", "-w", "api"]);
    let said = fails(dir, &["-t", "S3", "-n", "myfiles", "-w", "api"], 2);
    assert!(
        said.contains("--name myfiles: tug/api/addons/my-files.yml beside it makes the same CloudFormation names"),
        "{said}"
    );
    assert!(!dir.join("tug/api/addons/myfiles.yml").exists());
}

#[test]
fn bad_or_missing_flags_are_named_and_nothing_is_written() {
    let ws = workspace();
    let dir = ws.path();
    let cases: &[(&[&str], i32, &[&str])] = &[
        (
            &["-t", "S3", "-n", "files", "-w", "api", "--engine", "MySQL"],
            2,
            &["--engine is for an Aurora Serverless v2 cluster, not an S3 bucket"],
        ),
        (
            &["-t", "Aurora", "-n", "db", "-w", "api", "--lsi", "abc:S"],
            2,
            &["--lsi is for a DynamoDB table"],
        ),
        (
            &["-t", "S3", "-n", "My_Files", "-w", "api"],
            2,
            &[
                "--name \"My_Files\" is not a valid S3 bucket name",
                "try `--name my-files`",
            ],
        ),
        (
            &[
                "-t",
                "DynamoDB",
                "-n",
                "t1x",
                "-w",
                "api",
                "--partition-key",
                "id",
            ],
            2,
            &["--partition-key", "NAME:TYPE"],
        ),
        (
            &[
                "-t",
                "DynamoDB",
                "-n",
                "t1x",
                "-w",
                "api",
                "--partition-key",
                "id:S",
                "--lsi",
                "abc:N",
            ],
            2,
            &["--lsi: alternate sort keys need a sort key"],
        ),
        (
            &["-t", "S3", "-w", "api"],
            2,
            &["the storage name is needed: pass --name NAME"],
        ),
        (
            &["-n", "files", "-w", "api"],
            2,
            &["pass --storage-type TYPE"],
        ),
        (
            &["-t", "S3", "-n", "files"],
            2,
            &[
                "pass --workload WORKLOAD",
                "this workspace has: api, worker",
            ],
        ),
        (
            &["-t", "DynamoDB", "-n", "t1x", "-w", "api"],
            2,
            &["the partition key is needed: pass --partition-key NAME:TYPE"],
        ),
        (
            &["-t", "Aurora", "-n", "db", "-w", "api"],
            2,
            &["pass --engine ENGINE"],
        ),
        (
            &[
                "-t",
                "Aurora",
                "-n",
                "db",
                "-w",
                "api",
                "--engine",
                "MySQL",
                "--initial-db",
                "my-db",
            ],
            2,
            &["--initial-db \"my-db\""],
        ),
        (
            &["-t", "Redis", "-n", "x", "-w", "api"],
            2,
            &["--storage-type"],
        ),
        (
            &["-t", "S3", "-n", "files", "-w", "apu"],
            1,
            &[
                "no service or job named `apu`",
                "did you mean `--workload api`?",
            ],
        ),
    ];
    for (args, expected, says) in cases {
        let said = fails(dir, args, *expected);
        for s in *says {
            assert!(
                said.contains(s),
                "tug storage init {args:?} should say {s:?}:\n{said}"
            );
        }
        assert!(!said.contains("panicked"), "{said}");
        assert_eq!(
            written(dir),
            Vec::<String>::new(),
            "{args:?} wrote something"
        );
    }
}

#[test]
fn json_says_what_was_written() {
    let ws = workspace();
    let out = support::run_in(
        ws.path(),
        &[
            "storage",
            "init",
            "--no-input",
            "--json",
            "-t",
            "S3",
            "-n",
            "logs",
            "-w",
            "worker",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["written"][0], "tug/worker/addons/logs.yml");
    assert_eq!(doc["variable"], "LOGS_NAME");
    assert_eq!(doc["lifecycle"], "workload");
}

#[test]
fn the_questions_on_a_terminal_write_a_table() {
    let ws = workspace();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("tug"));
    cmd.current_dir(ws.path())
        .args(["storage", "init"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("AWS_PROFILE");
    let mut s = Session::spawn(cmd).expect("spawning tug on a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    let expect = |s: &mut Session, text: &str| {
        if let Err(e) = s.expect(text) {
            panic!("waiting for {text:?}: {e}");
        }
    };
    const DOWN: &str = "\x1b[B";
    const ENTER: &str = "\r";

    expect(
        &mut s,
        "Which type of storage? (or pass --storage-type TYPE)",
    );
    s.send(DOWN).unwrap(); // S3 -> DynamoDB
    s.send(ENTER).unwrap();

    // A name DynamoDB refuses is refused as typed, with the reason.
    expect(
        &mut s,
        "What should the DynamoDB table be called? (or pass --name NAME)",
    );
    s.send("my table\r").unwrap();
    expect(&mut s, "`\u{20}` cannot be in it");
    s.send("users\r").unwrap();

    expect(&mut s, "Which workload uses the DynamoDB table?");
    s.send(DOWN).unwrap(); // api -> worker
    s.send(ENTER).unwrap();

    expect(&mut s, "When should it be created and deleted?");
    s.send(ENTER).unwrap(); // workload, the default

    expect(&mut s, "What is the table's partition key?");
    s.send("email\r").unwrap();
    expect(&mut s, "`email` is not a key");
    s.send("email:S\r").unwrap();
    expect(&mut s, "What is the table's sort key? (NAME:TYPE, or none) (or pass --sort-key NAME:TYPE or --no-sort) [none]");
    s.send("createdAt:N\r").unwrap();
    expect(&mut s, "Any alternate sort keys?");
    s.send("score:N, level:S\r").unwrap();

    expect(&mut s, "wrote tug/worker/addons/users.yml");
    let _ = s.expect(Eof);
    match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("tug did not exit normally: {other:?}"),
    }
    let t = read(&ws.path().join("tug/worker/addons/users.yml"));
    for k in [
        "- AttributeName: \"email\"\n          KeyType: HASH",
        "- AttributeName: \"createdAt\"\n          KeyType: RANGE",
        "- IndexName: \"score\"",
        "- IndexName: \"level\"",
    ] {
        assert!(t.contains(k), "{k}:\n{t}");
    }
}
