//! Copilot's defaults, on every workload fixture of every corpus (tug's own and, when present,
//! `../shared/fixtures/copilot/`), rendered as a deploy renders it, against Copilot's manifest
//! reference: where a manifest sets nothing, a target group keeps ELB's health check
//! (healthy 5, unhealthy 2, every 30 s, 5 s timeout: no property is written), deregisters in
//! 60 s and has no stickiness; every additional rule has its own, not the main rule's; a
//! scaling policy cools down 120 s in and 60 s out; a service that autoscales has no
//! `DesiredCount`, so a deploy never resets it to its minimum.

use serde_yaml_ng::Value;
use tug::manifest::types::{Count, Http, HttpHealthcheck, HttpOrBool, ScalingMetric, Workload};
use tug::render::parse_seconds;

use crate::render::render_workloads;
use crate::support::corpus::corpora;

fn attribute(tg: &Value, key: &str) -> Option<String> {
    tg["Properties"]["TargetGroupAttributes"]
        .as_sequence()?
        .iter()
        .find(|a| a["Key"].as_str() == Some(key))
        .and_then(|a| a["Value"].as_str().map(str::to_string))
}

fn seconds(text: &str) -> u64 {
    parse_seconds(text).expect("a duration").round() as u64
}

/// One listener rule's target group against the rule that made it.
fn check_target_group(at: &str, tg: &Value, rule: &Http) {
    let p = &tg["Properties"];
    let args = match &rule.healthcheck {
        Some(HttpHealthcheck::Args(a)) => Some(a),
        _ => None,
    };
    let set = |f: fn(&tug::manifest::types::HttpHealthcheckArgs) -> bool| args.is_some_and(f);
    for (property, is_set) in [
        (
            "HealthyThresholdCount",
            set(|a| a.healthy_threshold.is_some()),
        ),
        (
            "UnhealthyThresholdCount",
            set(|a| a.unhealthy_threshold.is_some()),
        ),
        ("HealthCheckIntervalSeconds", set(|a| a.interval.is_some())),
    ] {
        assert_eq!(p.get(property).is_some(), is_set, "{at}: {property}");
    }
    if let Some(a) = args {
        if let Some(n) = a.healthy_threshold {
            assert_eq!(
                p["HealthyThresholdCount"].as_u64(),
                Some(u64::from(n)),
                "{at}"
            );
        }
        if let Some(i) = &a.interval {
            assert_eq!(
                p["HealthCheckIntervalSeconds"].as_u64(),
                Some(seconds(i)),
                "{at}"
            );
        }
    }
    // The timeout: ELB's 5 s, unless set, or unless a shorter interval needs a shorter one.
    let interval = args.and_then(|a| a.interval.as_deref()).map(seconds);
    let timeout = p.get("HealthCheckTimeoutSeconds").and_then(Value::as_u64);
    match args.and_then(|a| a.timeout.as_deref()) {
        Some(t) => assert_eq!(timeout, Some(seconds(t)), "{at}: timeout"),
        None if interval.is_some_and(|i| i <= 5) => {
            assert!(timeout.is_some_and(|t| t < interval.unwrap()), "{at}")
        }
        None => assert_eq!(timeout, None, "{at}: ELB's default timeout"),
    }
    let delay = rule.deregistration_delay.as_deref().map_or(60, seconds);
    assert_eq!(
        attribute(tg, "deregistration_delay.timeout_seconds"),
        Some(delay.to_string()),
        "{at}: deregistration delay"
    );
    assert_eq!(
        attribute(tg, "stickiness.enabled"),
        Some(rule.stickiness.unwrap_or(false).to_string()),
        "{at}: stickiness"
    );
}

/// Whether any cooldown is set: `count.cooldown` or one of a metric's.
fn sets_a_cooldown(w: &Workload) -> bool {
    let Some(Count::Advanced(c)) = &w.count else {
        return false;
    };
    let metric = |m: &Option<ScalingMetric>| m.as_ref().is_some_and(|m| m.cooldown().is_some());
    c.cooldown.is_some()
        || metric(&c.cpu_percentage)
        || metric(&c.memory_percentage)
        || metric(&c.requests)
        || metric(&c.response_time)
        || c.queue_delay.as_ref().is_some_and(|q| q.cooldown.is_some())
}

#[test]
fn copilots_defaults_hold_where_a_manifest_sets_nothing() {
    for corpus in corpora() {
        let (mut groups, mut policies, mut autoscaled) = (0, 0, 0);
        for case in render_workloads(&corpus) {
            let w = case.workload.as_ref().expect("a workload");
            let t: Value = serde_yaml_ng::from_str(&case.template).expect("YAML");
            let r = &t["Resources"];
            if let Some(HttpOrBool::Config(http)) = &w.http {
                let rules = std::iter::once(&**http).chain(http.additional_rules.iter().flatten());
                for (i, rule) in rules.enumerate() {
                    let name = match i {
                        0 => "TargetGroup".to_string(),
                        i => format!("TargetGroup{}", i + 1),
                    };
                    let at = format!("{} {name}", case.name);
                    let tg = r.get(name.as_str()).unwrap_or_else(|| panic!("{at}: none"));
                    check_target_group(&at, tg, rule);
                    groups += 1;
                }
            }
            let resources = r.as_mapping().expect("resources");
            for (name, res) in resources {
                if res["Type"].as_str() != Some("AWS::ApplicationAutoScaling::ScalingPolicy") {
                    continue;
                }
                let tt = &res["Properties"]["TargetTrackingScalingPolicyConfiguration"];
                if !sets_a_cooldown(w) {
                    let got = (
                        tt["ScaleInCooldown"].as_u64(),
                        tt["ScaleOutCooldown"].as_u64(),
                    );
                    assert_eq!(got, (Some(120), Some(60)), "{} {name:?}", case.name);
                    policies += 1;
                }
            }
            if let Some(service) = r.get("Service") {
                let scales = matches!(&w.count, Some(Count::Advanced(c)) if c.range.is_some());
                let desired = service["Properties"].get("DesiredCount");
                assert_eq!(desired.is_none(), scales, "{}: DesiredCount", case.name);
                autoscaled += usize::from(scales);
            }
        }
        // Each corpus exercises every default.
        assert!(
            groups >= 5 && policies >= 1 && autoscaled >= 2,
            "{}: {groups} target groups, {policies} policies, {autoscaled} autoscaled",
            corpus.dir
        );
    }
}
