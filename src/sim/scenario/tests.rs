use super::*;

fn load_str(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let src = SourceFile::new(std::path::Path::new("s.yml"), "s.yml".into(), text.into());
    load(&src)
}

#[test]
fn unknown_key_names_line_column_and_suggests() {
    let err = load_str("instances:\n  - type: m5.large\n    cont: 2\n").unwrap_err();
    assert_eq!(err[0].message, "unknown key `cont` in an instance");
    assert_eq!(err[0].span.map(|s| (s.line, s.column)), Some((3, 5)));
    assert_eq!(err[0].help.as_deref(), Some("did you mean `count`?"));
}

#[test]
fn query_error_points_inside_the_expression() {
    let text = "task_definitions:\n  a:\n    cpu: 256\n    memory: 512\n    constraints: [{type: memberOf, expression: \"attribute:stack prod\"}]\n";
    let err = load_str(text).unwrap_err();
    assert_eq!(
        err[0].message,
        "in memberOf expression: expected operator after attribute:stack at column 17"
    );
    let s = err[0].span.unwrap();
    assert_eq!(&text[s.offset..s.offset + 4], "prod");
    assert_eq!((s.line, s.column), (5, 65));
}

#[test]
fn fargate_size_is_checked_with_suggestions() {
    let err = load_str("task_definitions:\n  web: {requires: FARGATE, cpu: 1024, memory: 1024}\n")
        .unwrap_err();
    assert_eq!(err[0].code, "fargate-size");
    assert!(err[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("cpu 1024 / memory 2048"));
}

#[test]
fn ec2_container_rules() {
    let err = load_str(
        "task_definitions:\n  a:\n    containers:\n      - {name: x, memory: 256, memory_reservation: 512}\n      - {name: y, cpu: 10}\n",
    )
    .unwrap_err();
    let msgs: Vec<&str> = err.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("memory 256 must be more than memory_reservation 512")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("container `y` needs `memory` or `memory_reservation`")),
        "{msgs:?}"
    );
    let err = load_str("task_definitions:\n  a: {cpu: 64, memory: 512}\n").unwrap_err();
    assert!(err[0].message.contains("task cpu 64 is out of range"));
    assert_eq!(
        err[0].help.as_deref(),
        Some("use a whole number from 128 to 196608")
    );
    let err = load_str("task_definitions:\n  a: {cpu: 256, memory: 512, constraints: [{type: distinctInstance}]}\n").unwrap_err();
    assert!(err[0]
        .message
        .contains("distinctInstance is not allowed in a task definition"));
}

#[test]
fn instances_expand_with_ids_and_azs() {
    let l = load_str("instances:\n  - {type: m5.large, count: 3, az: [a, b], id_prefix: web-, attributes: {stack: prod}}\n  - {cpu: 4096, memory: 16000, az: c}\n").unwrap();
    let ids: Vec<&str> = l.scenario.instances.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["web-1", "web-2", "web-3", "i-4"]);
    let azs: Vec<&str> = l.scenario.instances.iter().map(|i| i.az.as_str()).collect();
    assert_eq!(azs, ["a", "b", "a", "c"]);
    assert_eq!(l.scenario.instances[0].attribute("stack"), Some("prod"));
    assert_eq!(
        l.scenario.instances[0].attribute("ecs.instance-type"),
        Some("m5.large")
    );
    assert_eq!(l.scenario.instances[3].cpu, 4096);
    assert_eq!(
        l.scenario.instances[1].attribute("ecs.availability-zone"),
        Some("b")
    );
    assert_eq!(
        l.scenario.instances[1].attribute("ecs.subnet-id"),
        Some("subnet-b")
    );
    assert_eq!(
        l.scenario.instances[0].attribute("ecs.os-type"),
        Some("linux")
    );
    assert_eq!(
        l.scenario.instances[0].attribute("ecs.cpu-architecture"),
        Some("x86_64")
    );
}

#[test]
fn fargate_platform_rules() {
    let msgs = |text: &str| -> Vec<String> {
        load_str(text)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.message)
            .collect()
    };
    let arm_spot = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512, platform: linux/arm64}\nservices:\n  - {name: w, task_definition: w, azs: [a], spot: true}\n");
    assert_eq!(arm_spot, ["Fargate Spot does not run linux/arm64"]);
    let small_windows = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 512, memory: 1024, platform: windows/x86_64}\n");
    assert_eq!(small_windows, ["cpu 512 is not a Fargate size on Windows"]);
    let storage = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512, ephemeral_storage: 201}\n");
    assert_eq!(storage, ["ephemeral_storage (GiB) 201 is out of range"]);
    let no_azs = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512}\nservices:\n  - {name: w, task_definition: w}\n");
    assert_eq!(
        no_azs,
        ["Fargate service `w` needs `azs` (the AZs of its subnets)"]
    );
    let too_big = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512, containers: [{name: a, cpu: 512, memory: 256}]}\n");
    assert_eq!(too_big, ["the containers ask for cpu 512 and memory 256, more than the task's cpu 256 and memory 512"]);
}

#[test]
fn limits_on_constraints_and_expressions() {
    let ten = (0..11)
        .map(|k| format!("{{type: memberOf, expression: \"attribute:a{k} exists\"}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!("task_definitions:\n  t: {{cpu: 256, memory: 256}}\nservices:\n  - {{name: s, task_definition: t, constraints: [{ten}]}}\n");
    let err = load_str(&text).unwrap_err();
    assert_eq!(
        err[0].message,
        "11 constraints with the task definition's; at most 10 per task"
    );
    let long = format!("attribute:a == {}", "x".repeat(2000));
    let text = format!("tasks: []\ntask_definitions:\n  t: {{cpu: 256, memory: 256, constraints: [{{type: memberOf, expression: \"{long}\"}}]}}\n");
    let err = load_str(&text).unwrap_err();
    assert_eq!(
        err[0].message,
        "the expression is 2015 characters; at most 2000"
    );
}

#[test]
fn copilot_autoscaling_names_are_aliases() {
    let l = load_str("instances: [{type: m5.large}]\ntask_definitions:\n  t: {cpu: 256, memory: 256}\nservices:\n  - {name: s, task_definition: t, autoscaling: {min: 1, max: 4, cpu_percentage: 70, requests: 500}}\n").unwrap();
    let a = l.scenario.services[0].autoscaling.clone().unwrap();
    assert_eq!(
        (a.target_cpu, a.target_requests, a.target_memory),
        (Some(70.0), Some(500.0), None)
    );
}

/// Every place the schema of a scenario file (or a `placement:` block) names has a rule
/// that words its messages, so a field added to `input.rs` cannot go unnamed.
#[test]
fn every_field_of_the_schema_has_a_rule() {
    fn walk(
        root: &serde_json::Value,
        schema: &serde_json::Value,
        path: &mut Vec<PathSeg>,
        missing: &mut Vec<String>,
    ) {
        let mut schema = schema;
        while let Some(r) = schema.get("$ref").and_then(|r| r.as_str()) {
            schema = &root["$defs"][r.rsplit('/').next().unwrap()];
        }
        if !path.is_empty() && rules::rule(path).is_none() {
            missing.push(crate::yaml::path_string(path));
        }
        for alt in schema
            .get("anyOf")
            .and_then(|a| a.as_array())
            .into_iter()
            .flatten()
        {
            walk(root, alt, path, missing);
        }
        if let Some(items) = schema.get("items") {
            path.push(PathSeg::Index(0));
            walk(root, items, path, missing);
            path.pop();
        }
        if let Some(props) = schema.get("properties").and_then(|p| p.as_object()) {
            for (k, v) in props {
                path.push(key(k));
                walk(root, v, path, missing);
                path.pop();
            }
        }
        if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
            path.push(key("name"));
            walk(root, extra, path, missing);
            path.pop();
        }
    }
    for schema in [
        input::schema_without_null::<input::ScenarioIn>(),
        input::schema_without_null::<input::PlacementIn>(),
    ] {
        let root = schema.to_value();
        let mut missing = Vec::new();
        walk(&root, &root, &mut Vec::new(), &mut missing);
        assert!(missing.is_empty(), "no rule for {missing:?}");
    }
}

#[test]
fn a_value_written_as_nothing_is_an_error() {
    let err = load_str("instances:\n  - type: m5.large\n    count:\n").unwrap_err();
    assert_eq!(
        err[0].message,
        "count must be a whole number, found nothing (null)"
    );
    assert_eq!(err[0].span.map(|s| (s.line, s.column)), Some((3, 10)));
    // An empty map or list is only empty.
    load_str("instances: [{type: m5.large}]\ntask_definitions:\n  t: {cpu: 256, memory: 256}\nservices:\n  - {name: s, task_definition: t, deployment: }\n").unwrap();
}

#[test]
fn a_list_item_of_the_wrong_kind_is_reported_with_what_it_lacks() {
    let err = load_str("instances:\n  - 5\n  - {type: m5.large}\n").unwrap_err();
    let found: Vec<(&str, Option<(usize, usize)>)> = err
        .iter()
        .map(|d| (d.message.as_str(), d.span.map(|s| (s.line, s.column))))
        .collect();
    assert_eq!(
        found,
        [
            (
                "an instance must be a map, found the number 5",
                Some((2, 5))
            ),
            (
                "an instance needs `type`, or both `cpu` (units) and `memory` (MiB)",
                Some((2, 5))
            ),
        ]
    );
}

#[test]
fn known_keys_are_listed_when_none_is_close() {
    let err = load_str("options: {zzz: 1}\n").unwrap_err();
    assert_eq!(err[0].message, "unknown key `zzz` in options");
    assert_eq!(
        err[0].help.as_deref(),
        Some("known keys: breaker_minimum, chaining, precedence, restart_delay_seconds, scale_in_ratio, task_start_seconds")
    );
}

/// A scenario with nothing to fix is read from its tree directly; what is read must be what
/// the checker's JSON gives, for every scenario in the repository.
#[test]
fn a_clean_scenario_reads_the_same_from_its_tree_as_from_its_json() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sim");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.push(
        "seed: 7\noptions: {chaining: strict, scale_in_ratio: 0.5}\nprices: {x86_vcpu: 0.04, instances: {m5.large: 0.1}}\ninstances:\n  - {type: m5.large, count: 2, az: [us-east-1a, us-east-1b], attributes: {stack: prod, n: 3, on: true}}\ntask_definitions:\n  web: {cpu: 256, memory: 512.0, containers: [{name: app, memory: 512, ports: [80, {container: 81, host: 0}]}]}\nservices:\n  - {name: web, task_definition: web, desired: 2, strategy: [{type: spread, field: attribute:ecs.availability-zone}]}\n"
            .to_string(),
    );
    let mut compared = 0;
    for text in &texts {
        let Ok(tree) = yaml::parse(text) else {
            continue;
        };
        let (issues, direct) = scenario_checker().check_in_place(&tree, false);
        let (json, json_issues) = scenario_checker().check(&tree, false);
        assert_eq!(issues.len(), json_issues.len(), "{text}");
        if !issues.is_empty() || !direct {
            continue;
        }
        let from_tree: ScenarioIn = yaml::de::from_node(&tree).unwrap();
        let from_json: ScenarioIn = serde_json::from_value(json).unwrap();
        assert_eq!(format!("{from_tree:?}"), format!("{from_json:?}"), "{text}");
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} scenarios compared");
}

/// A null below the root reads as an empty map or list through the checker's JSON, so such
/// a file takes that way.
#[test]
fn a_null_inside_the_scenario_is_read_through_the_json() {
    let tree = yaml::parse("options:\ninstances:\n  - {type: m5.large}\n").unwrap();
    let (issues, direct) = scenario_checker().check_in_place(&tree, false);
    assert!(issues.is_empty(), "{issues:?}");
    assert!(!direct);
    let loaded = load_str("options:\ninstances:\n  - {type: m5.large}\n").unwrap();
    assert_eq!(loaded.scenario.instances.len(), 1);
}
