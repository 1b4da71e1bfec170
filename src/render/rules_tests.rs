//! Listener rules as rendered: split within ELB's quotas, each with a priority parameter,
//! and health check intervals and timeouts ELB accepts.

use super::service::healthcheck_pair;
use super::*;
use crate::manifest::types::{listener_rule_conditions, HttpOrBool, Workload};

fn render(yaml: &str) -> (Rendered, serde_yaml_ng::Value) {
    let w: Workload = serde_yaml_ng::from_str(yaml).expect("a test manifest");
    let r = service("shop", "test", &w, &Images::main("nginx"), None).expect("renders");
    let t = serde_yaml_ng::from_str(&r.template).expect("valid YAML");
    (r, t)
}

/// The listener rules of template `t`: (logical ID, path, host, source IP values).
fn rules(t: &serde_yaml_ng::Value) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    for (logical, res) in t["Resources"].as_mapping().unwrap() {
        if res["Type"].as_str() != Some("AWS::ElasticLoadBalancingV2::ListenerRule") {
            continue;
        }
        let conditions = res["Properties"]["Conditions"].as_sequence().unwrap();
        let values = |config: &str| -> Vec<String> {
            conditions
                .iter()
                .find_map(|c| c.get(config))
                .map(|c| {
                    c["Values"]
                        .as_sequence()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        out.push((
            logical.as_str().unwrap().to_string(),
            vec![
                values("PathPatternConfig"),
                values("HostHeaderConfig"),
                values("SourceIpConfig"),
            ],
        ));
    }
    out
}

const WEB: &str =
    "name: web\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n";

#[test]
fn many_aliases_and_source_ips_are_split_over_rules_within_quotas() {
    let hosts: Vec<String> = (0..7).map(|i| format!("h{i}.example.com")).collect();
    let ips: Vec<String> = (0..4).map(|i| format!("10.0.{i}.0/24")).collect();
    let yaml = format!(
        "{WEB}http:\n  path: /api\n  alias: [{}]\n  allowed_source_ips: [{}]\n  additional_rules:\n    - path: /admin\n",
        hosts.join(", "),
        ips.join(", ")
    );
    let (r, t) = render(&yaml);
    let all = rules(&t);
    let main: Vec<_> = all
        .iter()
        .filter(|(l, _)| l == "ListenerRule" || l.starts_with("ListenerRulePart"))
        .collect();
    // `/api` is 2 values, so 7 aliases and 4 source IPs take several rules: render
    // renders exactly the rules the split (which validation counts with) gives.
    let w: Workload = serde_yaml_ng::from_str(&yaml).unwrap();
    let Some(HttpOrBool::Config(http)) = &w.http else {
        panic!()
    };
    let expected = listener_rule_conditions(http).unwrap();
    assert_eq!(main.len(), expected.len());
    assert!(main.len() > 1);
    for (logical, values) in &all {
        for v in values {
            assert!(v.len() <= 3, "{logical}: {values:?}");
        }
        let n: usize = values.iter().map(Vec::len).sum();
        assert!(n <= 5, "{logical}: {values:?}");
    }
    // Every alias from every source IP reaches the service through some rule.
    for h in &hosts {
        for ip in &ips {
            assert!(
                main.iter()
                    .any(|(_, v)| v[1].contains(h) && v[2].contains(ip)),
                "{h} from {ip}"
            );
        }
    }
    // Each rule forwards to the main target group; the service waits for every rule.
    let res = &t["Resources"];
    for (logical, _) in &main {
        let target = &res[logical.as_str()]["Properties"]["Actions"][0]["TargetGroupArn"];
        assert!(r.template.contains(&format!("{logical}:")));
        assert!(format!("{target:?}").contains("TargetGroup"), "{target:?}");
        let depends = res["Service"]["DependsOn"].as_sequence().unwrap();
        assert!(depends.iter().any(|d| d.as_str() == Some(logical.as_str())));
    }
    // One priority parameter per rule, distinct defaults, and a slot for the deploy.
    assert_eq!(r.listener_rules.len(), all.len());
    let mut defaults: Vec<u32> = r.listener_rules.iter().map(|s| s.preferred).collect();
    defaults.sort();
    defaults.dedup();
    assert_eq!(defaults.len(), all.len());
    for s in &r.listener_rules {
        assert_eq!(s.listener_export, "tug-shop-test-HTTPListenerArn");
        assert!((s.band..s.band + 250).contains(&s.preferred));
        assert_eq!(
            t["Parameters"][s.parameter.as_str()]["Default"].as_u64(),
            Some(s.preferred as u64)
        );
    }
}

#[test]
fn health_check_interval_and_timeout_are_a_valid_pair() {
    // Only the interval, at or under ELB's default timeout: the timeout goes below it.
    assert_eq!(healthcheck_pair(Some(5), None), (Some(5), Some(4)));
    // Only the timeout, at or over ELB's default interval: the interval goes above it.
    assert_eq!(healthcheck_pair(None, Some(30)), (Some(31), Some(30)));
    assert_eq!(healthcheck_pair(None, Some(120)), (Some(121), Some(120)));
    // Otherwise ELB's defaults (30 s, 5 s) already make a valid pair.
    assert_eq!(healthcheck_pair(Some(20), None), (Some(20), None));
    assert_eq!(healthcheck_pair(None, Some(10)), (None, Some(10)));
    assert_eq!(healthcheck_pair(Some(10), Some(4)), (Some(10), Some(4)));
    // In the template.
    let (_, t) = render(&format!(
        "{WEB}http:\n  path: /\n  healthcheck:\n    path: /up\n    timeout: 40s\n"
    ));
    let tg = &t["Resources"]["TargetGroup"]["Properties"];
    assert_eq!(tg["HealthCheckTimeoutSeconds"].as_u64(), Some(40));
    assert_eq!(tg["HealthCheckIntervalSeconds"].as_u64(), Some(41));
    let (_, t) = render(&format!(
        "{WEB}http:\n  path: /\n  healthcheck:\n    path: /up\n    interval: 5s\n"
    ));
    let tg = &t["Resources"]["TargetGroup"]["Properties"];
    assert_eq!(tg["HealthCheckIntervalSeconds"].as_u64(), Some(5));
    assert_eq!(tg["HealthCheckTimeoutSeconds"].as_u64(), Some(4));
}
