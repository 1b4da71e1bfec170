//! The rules for `http` (listener rules); `nlb` has its own (nlb.rs).

use std::collections::BTreeSet;

use super::*;

/// `http` and its rules, `nlb` and its listeners, and which of them a workload needs, in an
/// application whose domain is `domain`.
pub(super) fn load_balancing_rules(r: &mut Rules<'_>, w: &Workload, domain: Option<&str>) {
    if let Some(HttpOrBool::Config(http)) = &w.http {
        http_rules(r, w, http, "http");
        for (i, rule) in http.additional_rules.iter().flatten().enumerate() {
            let at = format!("http.additional_rules[{i}]");
            http_rules(r, w, rule, &at);
            // The service's own settings, not a rule's (Copilot's rules don't take them).
            let service_level = [
                ("additional_rules", rule.additional_rules.is_some()),
                ("alb", rule.alb.is_some()),
            ];
            for (field, set) in service_level {
                if set {
                    r.error(
                        &format!("{at}.{field}"),
                        "misplaced-field",
                        format!("an additional rule does not take `{field}`"),
                        format!("set `http.{field}` instead"),
                    );
                }
            }
        }
    }
    super::nlb::nlb_rules(r, w, domain);
    if w.kind == WorkloadType::LoadBalancedWebService {
        let http_on = !matches!(w.http, Some(HttpOrBool::Enabled(false)));
        if !http_on && w.nlb.is_none() {
            r.error(
                "http",
                "no-listener",
                "a Load Balanced Web Service needs `http` or `nlb`".into(),
                "remove `http: false`, or add an `nlb` section",
            );
        }
    }
    if let Some(HttpOrBool::Enabled(true)) = &w.http {
        r.error(
            "http",
            "wrong-type",
            "`http: true` is not a setting: `http` takes a map or `false`".into(),
            "write `http:` with `path: /` under it",
        );
    }
    if let Some(HttpOrBool::Config(http)) = &w.http {
        target_port_rules(r, w, http);
    }
}

/// Each listener rule sends traffic to a port of its target container: `target_port`, or
/// the port the container exposes (a sidecar's `port`, or a `target_port` an earlier rule
/// gave it).
fn target_port_rules(r: &mut Rules<'_>, w: &Workload, http: &Http) {
    // A main container without `image.port` is reported by `image_rules`.
    let mut with_port: BTreeSet<&str> = BTreeSet::from([w.name.as_str()]);
    for (name, s) in w.sidecars.iter().flatten() {
        if s.port.as_ref().and_then(PortSpec::parse).is_some() {
            with_port.insert(name);
        }
    }
    let rules = std::iter::once(("http".to_string(), http)).chain(
        http.additional_rules
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, rule)| (format!("http.additional_rules[{i}]"), rule)),
    );
    // An unknown container is reported by `http_rules`.
    let known =
        |name: &str| name == w.name || w.sidecars.as_ref().is_some_and(|s| s.contains_key(name));
    for (at, rule) in rules {
        let target = rule.target_container.as_deref().unwrap_or(&w.name);
        if rule.target_port.is_some() {
            with_port.insert(target);
        } else if known(target) && !with_port.contains(target) {
            r.error(
                &at,
                "missing-port",
                format!("`{at}` sends traffic to container `{target}`, which exposes no port"),
                format!("add `target_port:` under `{at}`, or a `port` to `{target}`"),
            );
        }
    }
}

pub(super) fn http_rules(r: &mut Rules<'_>, w: &Workload, http: &Http, at: &str) {
    if let Some(v) = &http.version {
        if !matches!(v.to_ascii_uppercase().as_str(), "GRPC" | "HTTP1" | "HTTP2") {
            r.error(
                &format!("{at}.version"),
                "bad-value",
                format!("`{at}.version` must be GRPC, HTTP1 or HTTP2, not \"{v}\""),
                "HTTP1 is the default",
            );
        }
    }
    // More aliases or source IPs than one listener rule holds are split over several rules
    // (render counts with the same function); only wildcards can pass ELB's quota.
    if let Err(e) = listener_rule_conditions(http) {
        let field = if http
            .alias
            .as_ref()
            .is_some_and(|a| a.names().contains(&e.value))
        {
            format!("{at}.alias")
        } else {
            format!("{at}.path")
        };
        r.error(
            &field,
            "too-many-wildcards",
            format!(
                "`{}` needs {} wildcards (`*`, `?`) in one listener rule with the path's; a load balancer rule allows {MAX_WILDCARDS}",
                e.value, e.wildcards
            ),
            "use fewer `*` and `?` in the path or the alias",
        );
    }
    healthcheck_rules(r, http, at);
    for (i, ip) in http.allowed_source_ips.iter().flatten().enumerate() {
        if !is_cidr(ip) {
            r.error(
                &format!("{at}.allowed_source_ips[{i}]"),
                "bad-cidr",
                format!("\"{ip}\" is not a CIDR block"),
                "write an IPv4 block such as `203.0.113.0/24` or `198.51.100.7/32`",
            );
        }
    }
    if let Some(target) = &http.target_container {
        let known =
            w.name == *target || w.sidecars.as_ref().is_some_and(|s| s.contains_key(target));
        if !known {
            r.error(
                &format!("{at}.target_container"),
                "unknown-container",
                format!("`{at}.target_container` names `{target}`, which is not a container of this workload"),
                format!("use `{}` or the name of a sidecar", w.name),
            );
        }
    }
}

/// ELB's ranges for an Application Load Balancer target group's health check, in seconds
/// (CreateTargetGroup: `HealthCheckIntervalSeconds` 5-300, `HealthCheckTimeoutSeconds`
/// 2-120), and its rule that the interval be greater than the timeout ("Health check
/// interval must be greater than the timeout").
pub const HEALTHCHECK_INTERVAL: (u64, u64) = (5, 300);
/// See [`HEALTHCHECK_INTERVAL`].
pub const HEALTHCHECK_TIMEOUT: (u64, u64) = (2, 120);

/// `healthcheck.interval` and `healthcheck.timeout` of a rule: whole seconds in ELB's
/// ranges, the interval above the timeout when both are set (when one is left out, render
/// picks the other so that the pair is valid).
fn healthcheck_rules(r: &mut Rules<'_>, http: &Http, at: &str) {
    let Some(HttpHealthcheck::Args(hc)) = &http.healthcheck else {
        return;
    };
    let mut seconds = |name: &str, value: Option<&String>, (min, max): (u64, u64)| {
        let text = value?;
        let d = parse_duration(text)?;
        let field = format!("{at}.healthcheck.{name}");
        if d.fract() != 0.0 || d < min as f64 || d > max as f64 {
            r.error(
                &field,
                "bad-healthcheck",
                format!("`{field}` is {text}; a load balancer health check {name} is {min}s to {max}s, in whole seconds"),
                format!("use a value from {min}s to {max}s"),
            );
            return None;
        }
        Some(d as u64)
    };
    let interval = seconds("interval", hc.interval.as_ref(), HEALTHCHECK_INTERVAL);
    let timeout = seconds("timeout", hc.timeout.as_ref(), HEALTHCHECK_TIMEOUT);
    if let (Some(i), Some(t)) = (interval, timeout) {
        if i <= t {
            let field = format!("{at}.healthcheck.timeout");
            r.error(
                &field,
                "bad-healthcheck",
                format!("the health check timeout ({t}s) must be shorter than its interval ({i}s); a load balancer refuses it otherwise"),
                format!("set `timeout` below {i}s (such as `{}s`), or a longer `interval`", (i - 1).min(HEALTHCHECK_TIMEOUT.1).max(HEALTHCHECK_TIMEOUT.0)),
            );
        }
    }
}
