//! The variables Copilot injects into every container, checked against Copilot's documented
//! names and formats (its manifest reference and `envvars-common.yml`/`envvars-container.yml`
//! partials): every workload fixture of every corpus (tug's own and, when present,
//! `../shared/fixtures/copilot/`) is rendered as a deploy renders it, and each container's
//! variables are compared with what Copilot would give it, worked out here from the manifest
//! alone. A golden file per variable pins the value of each on one reference workload.
//!
//! Values are read as a container would see them, with what CloudFormation fills in at deploy
//! time written `${Ref}`, `${Import:Name}` or `${Resource.Attribute}`.

use std::collections::BTreeMap;

use serde_yaml_ng::Value;
use tug::manifest::types::{BoolOrMap, HttpOrBool, QueueOrBool, Workload, WorkloadType};

use crate::render::{render_workloads, Case, APP};
use crate::support::corpus::corpora;

/// A CloudFormation value as the container sees it (see the module docs).
fn resolve(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(t) => {
            let tag = t.tag.to_string();
            match (tag.trim_start_matches('!'), &t.value) {
                ("Ref", Value::String(r)) => format!("${{{r}}}"),
                ("ImportValue", v) => format!("${{Import:{}}}", resolve(v)),
                ("GetAtt", Value::String(a)) => format!("${{{a}}}"),
                ("Join", Value::Sequence(args)) => {
                    let sep = args[0].as_str().expect("a separator");
                    let parts = args[1].as_sequence().expect("a list");
                    parts.iter().map(resolve).collect::<Vec<_>>().join(sep)
                }
                (other, v) => panic!("unexpected !{other} {v:?}"),
            }
        }
        other => panic!("unexpected value {other:?}"),
    }
}

/// Each container's name and its variables, resolved.
fn containers(template: &Value) -> Vec<(String, BTreeMap<String, String>)> {
    let defs = &template["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"];
    defs.as_sequence()
        .expect("container definitions")
        .iter()
        .map(|c| {
            let name = c["Name"].as_str().expect("a name").to_string();
            let mut vars = BTreeMap::new();
            for e in c["Environment"].as_sequence().into_iter().flatten() {
                let key = e["Name"].as_str().expect("a name").to_string();
                let previous = vars.insert(key.clone(), resolve(&e["Value"]));
                assert!(previous.is_none(), "{name}: {key} twice");
            }
            (name, vars)
        })
        .collect()
}

/// Copilot's key for a per-topic queue in `COPILOT_TOPIC_QUEUE_URIS`
/// (`generateQueueURIJSON`): the service's name and the topic's stripped of everything but
/// ASCII letters and digits, the topic's first letter upper-cased, then `EventsQueue`.
fn copilot_queue_key(service: &str, topic: &str) -> String {
    let strip = |s: &str| s.replace(|c: char| !c.is_ascii_alphanumeric(), "");
    let topic = strip(topic);
    let (first, rest) = topic.split_at(1);
    format!(
        "{}{}{rest}EventsQueue",
        strip(service),
        first.to_uppercase()
    )
}

fn is_fifo(f: Option<&BoolOrMap>) -> bool {
    !matches!(f, None | Some(BoolOrMap::Bool(false)))
}

/// A `!Ref` placeholder's logical id.
fn referenced(value: &str) -> &str {
    value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
        .unwrap_or_else(|| panic!("not a reference: {value}"))
}

/// What Copilot gives every container of `w` in `env`, before the container's own
/// `variables`: name -> expected value. JSON variables are checked separately, by key.
fn expected_plain(w: &Workload, env: &str) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::from([
        ("COPILOT_APPLICATION_NAME", APP.to_string()),
        ("COPILOT_ENVIRONMENT_NAME", env.to_string()),
        ("COPILOT_SERVICE_NAME", w.name.clone()),
    ]);
    out.insert(
        "COPILOT_SERVICE_DISCOVERY_ENDPOINT",
        format!("{env}.{APP}.local"),
    );
    // Behind a load balancer: the public one's name for a web service, the internal one's
    // for a backend service with `http`.
    let lb = match (w.kind, &w.http) {
        (WorkloadType::LoadBalancedWebService, Some(HttpOrBool::Enabled(false))) => None,
        (WorkloadType::LoadBalancedWebService, _) => Some("Public"),
        (WorkloadType::BackendService, Some(HttpOrBool::Config(_))) => Some("Internal"),
        _ => None,
    };
    if let Some(lb) = lb {
        out.insert(
            "COPILOT_LB_DNS",
            format!("${{Import:tug-{APP}-{env}-{lb}LoadBalancerDNSName}}"),
        );
    }
    if w.kind == WorkloadType::WorkerService {
        out.insert("COPILOT_QUEUE_URI", "${EventsQueue}".to_string());
    }
    out
}

/// Checks every container of one rendered workload; returns which JSON variables it saw.
fn check_case(case: &Case) -> (bool, bool) {
    let w = case.workload.as_ref().expect("a workload");
    let template: Value = serde_yaml_ng::from_str(&case.template).expect("YAML");
    let resources = &template["Resources"];
    let plain = expected_plain(w, &case.env);
    let mut seen = (false, false);
    for (container, vars) in containers(&template) {
        let own: Vec<&String> = if container == w.name {
            w.variables.iter().flatten().map(|(k, _)| k).collect()
        } else {
            let sc = w.sidecars.as_ref().and_then(|s| s.get(&container));
            match sc {
                Some(sc) => sc.variables.iter().flatten().map(|(k, _)| k).collect(),
                // A container tug adds (none today) gets the same variables.
                None => Vec::new(),
            }
        };
        let at = format!("{} {container}", case.name);
        for (name, value) in &plain {
            if own.iter().any(|o| o == name) {
                continue;
            }
            assert_eq!(vars.get(*name), Some(value), "{at}: {name}");
        }
        // Not behind a load balancer, not a worker: not set.
        for name in ["COPILOT_LB_DNS", "COPILOT_QUEUE_URI"] {
            if !plain.contains_key(name) && !own.iter().any(|o| *o == name) {
                assert_eq!(vars.get(name), None, "{at}: {name}");
            }
        }
        // COPILOT_MOUNT_POINTS: the container's own mount points, volume name -> path
        // (Copilot's `generateMountPointJSON`): the main container mounts every volume at its
        // `path`, a sidecar its `mount_points`; none, no variable.
        let mounts: BTreeMap<String, String> = if container == w.name {
            let volumes = w.storage.as_ref().and_then(|s| s.volumes.clone());
            volumes
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(name, v)| Some((name, v.path?)))
                .collect()
        } else {
            let sc = w.sidecars.as_ref().and_then(|s| s.get(&container));
            let points = sc.and_then(|s| s.mount_points.clone()).unwrap_or_default();
            points
                .into_iter()
                .filter_map(|m| Some((m.source_volume?, m.path?)))
                .collect()
        };
        if !own.iter().any(|o| *o == "COPILOT_MOUNT_POINTS") {
            let got = vars.get("COPILOT_MOUNT_POINTS");
            match mounts.is_empty() {
                true => assert_eq!(got, None, "{at}: MOUNT_POINTS"),
                false => {
                    let got = got.unwrap_or_else(|| panic!("{at}: no MOUNT_POINTS"));
                    assert_eq!(got, &serde_json::to_string(&mounts).expect("JSON"), "{at}");
                }
            }
        }
        // Every COPILOT_ variable has its TUG_ alias, with the same value.
        for (name, value) in vars.iter().filter(|(k, _)| k.starts_with("COPILOT_")) {
            let alias = name.replacen("COPILOT_", "TUG_", 1);
            if own.iter().any(|o| **o == alias || *o == name) {
                continue;
            }
            assert_eq!(vars.get(&alias), Some(value), "{at}: {alias}");
        }
        // Nothing but the documented variables is injected under Copilot's prefix.
        let documented = [
            "COPILOT_APPLICATION_NAME",
            "COPILOT_ENVIRONMENT_NAME",
            "COPILOT_SERVICE_NAME",
            "COPILOT_SERVICE_DISCOVERY_ENDPOINT",
            "COPILOT_LB_DNS",
            "COPILOT_SNS_TOPIC_ARNS",
            "COPILOT_QUEUE_URI",
            "COPILOT_TOPIC_QUEUE_URIS",
            "COPILOT_MOUNT_POINTS",
        ];
        for name in vars.keys().filter(|k| k.starts_with("COPILOT_")) {
            let set_by_user = own.contains(&name);
            assert!(
                set_by_user || documented.contains(&name.as_str()),
                "{at}: {name} is not a variable Copilot injects"
            );
        }

        // COPILOT_SNS_TOPIC_ARNS: topic name (`.fifo` added for a FIFO topic) -> its ARN,
        // the `!Ref` of the topic the stack creates under that SNS name.
        let topics = w.publish.as_ref().and_then(|p| p.topics.clone());
        let topics = topics.unwrap_or_default();
        let arns = vars.get("COPILOT_SNS_TOPIC_ARNS");
        assert_eq!(arns.is_some(), !topics.is_empty(), "{at}: SNS_TOPIC_ARNS");
        if let Some(arns) = arns {
            seen.0 = true;
            let json: BTreeMap<String, String> =
                serde_json::from_str(arns).unwrap_or_else(|e| panic!("{at}: {arns}: {e}"));
            let keys: Vec<String> = topics
                .iter()
                .map(|t| match is_fifo(t.fifo.as_ref()) {
                    true => format!("{}.fifo", t.name),
                    false => t.name.clone(),
                })
                .collect();
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(json.keys().cloned().collect::<Vec<_>>(), sorted, "{at}");
            for key in keys {
                let topic = &resources[referenced(&json[&key])]["Properties"];
                let name = topic["TopicName"].as_str().expect("a topic name");
                let family = format!("tug-{APP}-{}-{}", case.env, w.name);
                assert_eq!(name, format!("{family}-{key}"), "{at}: {key}");
                assert_eq!(
                    topic["FifoTopic"].as_bool().unwrap_or(false),
                    key.ends_with(".fifo")
                );
            }
        }

        // COPILOT_TOPIC_QUEUE_URIS: Copilot's key -> the URL (`!Ref`) of the queue that
        // subscription delivers into.
        let subscriptions = w.subscribe.as_ref().and_then(|s| s.topics.clone());
        let own_queues: Vec<_> = subscriptions
            .unwrap_or_default()
            .into_iter()
            .filter(|s| {
                matches!(
                    s.queue,
                    Some(QueueOrBool::Enabled(true) | QueueOrBool::Config(_))
                )
            })
            .collect();
        let uris = vars.get("COPILOT_TOPIC_QUEUE_URIS");
        assert_eq!(
            uris.is_some(),
            !own_queues.is_empty(),
            "{at}: TOPIC_QUEUE_URIS"
        );
        if let Some(uris) = uris {
            seen.1 = true;
            let json: BTreeMap<String, String> =
                serde_json::from_str(uris).unwrap_or_else(|e| panic!("{at}: {uris}: {e}"));
            assert_eq!(json.len(), own_queues.len(), "{at}: {uris}");
            for s in &own_queues {
                let key = copilot_queue_key(&s.service, &s.name);
                let queue = json
                    .get(&key)
                    .unwrap_or_else(|| panic!("{at}: no key {key} in {uris}"));
                let queue = referenced(queue);
                assert_eq!(
                    resources[queue]["Type"].as_str(),
                    Some("AWS::SQS::Queue"),
                    "{at}: {key}"
                );
                // The queue is the one the subscription to that service's topic delivers to.
                let delivers = resources
                    .as_mapping()
                    .expect("resources")
                    .values()
                    .filter(|r| r["Type"].as_str() == Some("AWS::SNS::Subscription"))
                    .any(|r| {
                        resolve(&r["Properties"]["Endpoint"]) == format!("${{{queue}.Arn}}")
                            && resolve(&r["Properties"]["TopicArn"])
                                .contains(&format!("-{}-{}", s.service, s.name))
                    });
                assert!(delivers, "{at}: {key} -> {queue}");
            }
        }
    }
    seen
}

#[test]
fn every_container_gets_copilots_variables_in_copilots_formats() {
    for corpus in corpora() {
        let mut seen = (0, 0, 0);
        for case in render_workloads(&corpus) {
            let (arns, uris) = check_case(&case);
            seen.0 += 1;
            seen.1 += usize::from(arns);
            seen.2 += usize::from(uris);
        }
        // Each corpus exercises the JSON variables, not just the plain ones.
        assert!(
            seen.0 >= 10 && seen.1 >= 2 && seen.2 >= 1,
            "{}: {seen:?}",
            corpus.dir
        );
    }
}

/// Copilot's own examples of the keys (`template_functions.go`, `generateQueueURIJSON`).
#[test]
fn queue_keys_are_copilots() {
    assert_eq!(copilot_queue_key("svc", "topic"), "svcTopicEventsQueue");
    assert_eq!(
        copilot_queue_key("orders-api", "new-order"),
        "ordersapiNeworderEventsQueue"
    );
}

/// One workload that gets every variable: its values, one golden file each
/// (`tests/it/snapshots/it__variables__<NAME>.snap`).
#[test]
fn golden_value_of_each_variable() {
    let corpus = corpora().into_iter().next().expect("tug's own corpus");
    let cases = render_workloads(&corpus);
    let pick = |name: &str| {
        cases
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no case {name}"))
    };
    let mut golden = BTreeMap::new();
    for case in [
        pick("tug-svc-worker-full.test"),
        pick("tug-svc-lbws-full.test"),
    ] {
        let template: Value = serde_yaml_ng::from_str(&case.template).expect("YAML");
        for (_, vars) in containers(&template) {
            for (k, v) in vars.into_iter().filter(|(k, _)| k.starts_with("COPILOT_")) {
                golden.entry(k).or_insert(v);
            }
        }
    }
    for (name, value) in golden {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&value) {
            let pretty = serde_json::to_string_pretty(&json).expect("JSON");
            insta::assert_snapshot!(name, pretty);
        } else {
            insta::assert_snapshot!(name, value);
        }
    }
}
