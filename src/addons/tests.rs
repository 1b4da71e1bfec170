use std::path::Path;

use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/addons");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture")
}

const NAMES: Names<'static> = Names {
    app: "shop",
    env: "test",
    workload: Some("api"),
};

/// Reads an addons folder made of `files` (name, text).
fn read_files(files: &[(&str, &str)], owner: Owner) -> (Option<Addons>, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("addons");
    std::fs::create_dir_all(&folder).expect("mkdir");
    for (name, text) in files {
        std::fs::write(folder.join(name), text).expect("write");
    }
    read(&folder, dir.path(), dir.path(), owner, &NAMES)
}

fn errors(diags: &[Diagnostic]) -> Vec<(&'static str, String, usize)> {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.code,
                d.file_name().unwrap_or_default().to_string(),
                d.span.map_or(0, |s| s.line),
            )
        })
        .collect()
}

#[test]
fn output_names_follow_copilots_snake_case() {
    for (name, var) in [
        ("usersDdbTableName", "USERS_DDB_TABLE_NAME"),
        ("MyDDBTableWithLSI", "MY_DDB_TABLE_WITH_LSI"),
        ("uploadsName", "UPLOADS_NAME"),
        ("My2ndCamel", "MY2ND_CAMEL"),
        ("TABLE", "TABLE"),
        ("queueURL", "QUEUE_URL"),
        ("usersDDBTableName", "USERS_DDB_TABLE_NAME"),
        ("mydbSecret", "MYDB_SECRET"),
    ] {
        assert_eq!(snake_case(name), var, "{name}");
    }
}

#[test]
fn templates_merge_and_outputs_become_what_copilot_makes_of_them() {
    let (addons, diags) = read_files(
        &[
            ("s3.yml", &fixture("s3.yml")),
            ("dynamodb.yml", &fixture("dynamodb.yml")),
            ("aurora.yml", &fixture("aurora.yml")),
            ("addons.parameters.yml", &fixture("aurora.parameters.yml")),
        ],
        Owner::Workload,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let a = addons.expect("addons");
    let kinds: Vec<(&str, OutputKind, String)> = a
        .outputs
        .iter()
        .map(|o| (o.name.as_str(), o.kind, o.variable_name()))
        .collect();
    assert!(kinds.contains(&("uploadsName", OutputKind::Variable, "UPLOADS_NAME".into())));
    assert!(kinds.contains(&(
        "uploadsAccessPolicy",
        OutputKind::ManagedPolicy,
        "UPLOADS_ACCESS_POLICY".into()
    )));
    assert!(kinds.contains(&("ordersName", OutputKind::Variable, "ORDERS_NAME".into())));
    assert!(kinds.contains(&("ledgerSecret", OutputKind::Secret, "LEDGER_SECRET".into())));
    let params = a.parameter_fragments();
    let expected: Vec<(String, String)> = [
        ("App", "\"shop\""),
        ("Env", "\"test\""),
        ("Name", "\"api\""),
        ("ledgerMinCapacity", "\"0.5\""),
        ("ledgerMaxCapacity", "\"8\""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(params, expected);
    // One template, long form, with the shared parameters once and tug's export names.
    let t: serde_json::Value = serde_yaml_ng::from_str(&a.text).expect("yaml");
    assert_eq!(t["Parameters"].as_object().map(|m| m.len()), Some(6));
    assert_eq!(
        t["Resources"]["ledgerDBSubnetGroup"]["Properties"]["SubnetIds"],
        serde_json::json!({"Fn::Split": [",", {"Fn::ImportValue": {"Fn::Sub": "tug-${App}-${Env}-PrivateSubnets"}}]})
    );
    assert_eq!(
        a.resource_type("ordersDynamoDBTable"),
        Some("AWS::DynamoDB::Table")
    );
    assert!(!a.text.contains("!Ref"), "long form only:\n{}", a.text);
}

#[test]
fn a_folder_without_templates_is_a_warning_and_no_folder_is_nothing() {
    let (a, diags) = read_files(&[("notes.txt", "x")], Owner::Workload);
    assert!(a.is_none());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "addons-empty");
    assert!(!diags[0].is_error());
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, diags) = read(
        &dir.path().join("none"),
        dir.path(),
        dir.path(),
        Owner::Workload,
        &NAMES,
    );
    assert!(a.is_none() && diags.is_empty());
}

#[test]
fn a_syntax_error_is_located() {
    let bad = "Parameters:\n  App: {Type: String}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n   Properties: {}\n";
    let (a, diags) = read_files(&[("bad.yml", bad)], Owner::Workload);
    assert!(a.is_none());
    let e = errors(&diags);
    assert_eq!(e.len(), 1, "{diags:?}");
    assert_eq!(e[0].0, "addons-syntax");
    assert!(e[0].1.ends_with("addons/bad.yml"), "{e:?}");
    assert_eq!(e[0].2, 6);
}

#[test]
fn the_same_id_defined_twice_differently_is_an_error_at_the_second() {
    let head =
        "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\n";
    let a = format!("{head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
    let same = a.clone();
    let other = format!("{head}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {{BucketName: x}}\n");
    let (ok, diags) = read_files(&[("a.yml", &a), ("b.yml", &same)], Owner::Workload);
    assert!(
        ok.is_some() && diags.is_empty(),
        "identical is fine: {diags:?}"
    );
    let (none, diags) = read_files(&[("a.yml", &a), ("b.yml", &other)], Owner::Workload);
    assert!(none.is_none());
    let e = errors(&diags);
    assert_eq!(e.len(), 1, "{diags:?}");
    assert_eq!(e[0].0, "addons-duplicate");
    assert!(e[0].1.ends_with("b.yml"));
    assert_eq!(e[0].2, 8);
    assert!(
        diags[0].message.contains("a.yml (line 6)"),
        "{}",
        diags[0].message
    );
}

#[test]
fn parameters_problems_are_located() {
    let template = "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\n  Size:\n    Type: Number\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";
    // Size has no default and no value.
    let (_, diags) = read_files(&[("t.yml", template)], Owner::Workload);
    let e = errors(&diags);
    assert_eq!(
        e,
        vec![("addons-parameters", e[0].1.clone(), 5)],
        "{diags:?}"
    );
    assert!(diags[0].message.contains("`Size` has no default"));
    // Given a value: fine. Setting a passed name, or an undeclared one: errors there.
    let params = "Parameters:\n  Size: 3\n  Name: x\n  Sise: 4\n";
    let (_, diags) = read_files(
        &[("t.yml", template), ("addons.parameters.yml", params)],
        Owner::Workload,
    );
    let e = errors(&diags);
    let lines: Vec<usize> = e.iter().map(|e| e.2).collect();
    assert_eq!(lines, vec![3, 4], "{diags:?}");
    assert!(diags
        .iter()
        .any(|d| d.message.contains("`Name` is passed by tug")));
    assert!(diags
        .iter()
        .any(|d| d.help.as_deref() == Some("did you mean `Size`?")));
    // A template without the parameters tug passes.
    let bare = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";
    let (_, diags) = read_files(&[("t.yml", bare)], Owner::Workload);
    assert_eq!(errors(&diags).len(), 1, "{diags:?}");
    assert!(
        diags[0].message.contains("`App`, `Env`, `Name`"),
        "{}",
        diags[0].message
    );
    // An environment's addons are passed App and Env only.
    let env = "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n";
    let (a, diags) = read_files(&[("t.yml", env)], Owner::Environment);
    assert!(a.is_some() && diags.is_empty(), "{diags:?}");
}

#[test]
fn unknown_sections_and_resources_without_type_are_errors() {
    let t = "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\nResource:\n  B:\n    Type: AWS::S3::Bucket\n";
    let (_, diags) = read_files(&[("t.yml", t)], Owner::Workload);
    let first = diags.iter().find(|d| d.is_error()).expect("error");
    assert_eq!(first.span.map(|s| s.line), Some(5));
    assert_eq!(first.help.as_deref(), Some("did you mean `Resources`?"));
    let t = "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\nResources:\n  B:\n    Properties: {}\n";
    let (_, diags) = read_files(&[("t.yml", t)], Owner::Workload);
    assert!(
        diags[0].message.contains("resource `B` has no `Type`"),
        "{diags:?}"
    );
}

/// A parent template shaped like a workload stack: the task role waits for the addons
/// (its policies), the log group does not.
const PARENT: &str = r#"
Parameters:
  ContainerImage: {Type: String}
Resources:
  LogGroup:
    Type: AWS::Logs::LogGroup
  AddonsStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example.com/x.yml
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - !GetAtt AddonsStack.Outputs.Policy
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: api
          Environment:
            - Name: COPILOT_APPLICATION_NAME
              Value: shop
            - Name: LOG_LEVEL
              Value: debug
            - Name: TABLE_NAME
              Value: !GetAtt AddonsStack.Outputs.tableName
"#;

#[test]
fn parameters_may_refer_to_parent_resources_that_do_not_wait_for_the_addons() {
    let template = "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\n  Group: {Type: String}\n  Image: {Type: String}\n  Role: {Type: String}\n  Typo: {Type: String}\n  Who: {Type: String}\nResources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  tableName:\n    Value: !Ref B\n";
    let params = "Parameters:\n  Group: !Ref LogGroup\n  Image: !Sub '${ContainerImage}-x'\n  Role: !GetAtt TaskRole.Arn\n  Typo: !Ref LogGrup\n  Who: !Ref WorkloadName\n";
    let (a, diags) = read_files(
        &[("t.yml", template), ("addons.parameters.yml", params)],
        Owner::Workload,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let a = a.expect("addons");
    assert!(a
        .parameters
        .contains(&("Who".to_string(), serde_json::json!("api"))));
    let diags = a.check_parent(PARENT);
    let found: Vec<(&str, usize)> = diags
        .iter()
        .map(|d| (d.code, d.span.map_or(0, |s| s.line)))
        .collect();
    assert_eq!(
        found,
        vec![("addons-cycle", 4), ("addons-parameters", 5)],
        "{diags:?}"
    );
    assert_eq!(diags[1].help.as_deref(), Some("did you mean `LogGroup`?"));
}

#[test]
fn an_output_named_like_an_existing_variable_is_an_error_at_the_output() {
    let template = "Parameters:\n  App: {Type: String}\n  Env: {Type: String}\n  Name: {Type: String}\nResources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  tableName:\n    Value: !Ref B\n  logLevel:\n    Value: !Ref B\n  CopilotApplicationName:\n    Value: !Ref B\n";
    let (a, diags) = read_files(&[("t.yml", template)], Owner::Workload);
    assert!(diags.is_empty(), "{diags:?}");
    let diags = a.expect("addons").check_parent(PARENT);
    let found: Vec<(&str, usize)> = diags
        .iter()
        .map(|d| (d.code, d.span.map_or(0, |s| s.line)))
        .collect();
    // tableName is the addon's own TABLE_NAME; LOG_LEVEL comes from the manifest.
    assert_eq!(
        found,
        vec![("addons-output", 11), ("addons-output", 13)],
        "{diags:?}"
    );
    assert!(diags[0].message.contains("`LOG_LEVEL`"));
    assert!(diags[1].message.contains("tug sets in every container"));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_repository_are_refused_and_links_inside_it_are_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    let outside = dir.path().join("elsewhere");
    let folder = root.join("tug/api/addons");
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::create_dir_all(outside.join("templates")).expect("mkdir");
    std::fs::write(outside.join("passwd.yml"), fixture("s3.yml")).expect("write");
    std::fs::write(root.join("shared.yml"), fixture("dynamodb.yml")).expect("write");
    let read_here = || read(&folder, &root, &root, Owner::Workload, &NAMES);

    // A link to a file inside the repository is an addons template like any other.
    symlink(root.join("shared.yml"), folder.join("dynamodb.yml")).expect("link");
    let (a, diags) = read_here();
    assert!(diags.is_empty(), "{diags:?}");
    assert!(a.is_some());

    // A link to a file, or to a folder, outside it: refused, naming the link.
    symlink(outside.join("passwd.yml"), folder.join("s3.yml")).expect("link");
    symlink(outside.join("templates"), folder.join("more")).expect("link");
    let (a, diags) = read_here();
    assert!(a.is_none());
    let e = errors(&diags);
    assert_eq!(
        e.iter()
            .map(|(c, f, _)| (*c, f.as_str()))
            .collect::<Vec<_>>(),
        [
            ("addons-outside-repo", "tug/api/addons/more"),
            ("addons-outside-repo", "tug/api/addons/s3.yml")
        ],
        "{diags:?}"
    );
    assert!(
        diags[0].message.contains("outside the repository"),
        "{diags:?}"
    );

    // The addons folder itself a link out of the repository.
    let linked = root.join("tug/web/addons");
    std::fs::create_dir_all(linked.parent().expect("parent")).expect("mkdir");
    symlink(outside.join("templates"), &linked).expect("link");
    let (a, diags) = read(&linked, &root, &root, Owner::Workload, &NAMES);
    assert!(a.is_none());
    assert_eq!(errors(&diags)[0].0, "addons-outside-repo", "{diags:?}");
    assert_eq!(errors(&diags)[0].1, "tug/web/addons");
}
