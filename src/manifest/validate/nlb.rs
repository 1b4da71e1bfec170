//! The rules for `nlb`: the Network Load Balancer a Load Balanced Web Service creates, its
//! listeners and their target groups, checked against what ELB accepts.

use std::collections::BTreeMap;

use super::*;

/// ELB's health check ranges for a Network Load Balancer's target group.
const THRESHOLDS: (u32, u32) = (2, 10);
const INTERVAL_SECONDS: (f64, f64) = (5.0, 300.0);
const TIMEOUT_SECONDS: (f64, f64) = (2.0, 120.0);
/// A target group's deregistration delay, in seconds.
const DEREGISTRATION_DELAY_SECONDS: f64 = 3600.0;
/// Target groups (load balancers) an ECS service takes.
const MAX_TARGET_GROUPS: usize = 5;
/// Every ELB security policy (predefined; ELB takes no custom policy) starts so.
pub const SSL_POLICY_PREFIX: &str = "ELBSecurityPolicy-";

/// `nlb` and each of its listeners, in an application whose domain is `domain`: a TLS
/// listener's certificate and the records of `nlb.alias` are under it (as in Copilot).
pub(super) fn nlb_rules(r: &mut Rules<'_>, w: &Workload, domain: Option<&str>) {
    let Some(nlb) = &w.nlb else { return };
    // Listener ports already taken, with the listener and its protocol.
    let mut ports: BTreeMap<u16, (String, NlbProtocol)> = BTreeMap::new();
    for (at, l) in nlb.listeners() {
        let main = at == "nlb";
        let Some(port) = &l.port else {
            r.error(
                &at,
                "missing-field",
                format!("`{at}` needs a `port`, such as `443/tls` or `8080/tcp`"),
                format!("add `port:` under `{at}`"),
            );
            continue;
        };
        let Some((number, protocol)) = nlb_port(port) else {
            let text = match port {
                PortSpec::Number(n) => n.to_string(),
                PortSpec::Text(t) => t.clone(),
            };
            r.error(
                &format!("{at}.port"),
                "bad-port",
                format!(
                    "`{at}.port` must be a port from 1 to 65535 and TCP, UDP, TLS or TCP_UDP, \
                     such as `443/tls`; not \"{text}\""
                ),
                "write `PORT/PROTOCOL`; a port alone is TCP",
            );
            continue;
        };
        match ports.get(&number) {
            Some((first, first_protocol)) => {
                let tcp_and_udp = matches!(
                    (first_protocol, protocol),
                    (NlbProtocol::Tcp, NlbProtocol::Udp) | (NlbProtocol::Udp, NlbProtocol::Tcp)
                );
                let help = if tcp_and_udp {
                    format!(
                        "a port takes one listener: write `{number}/tcp_udp` on `{first}` for TCP and UDP, and remove this one"
                    )
                } else {
                    "a port takes one listener on a load balancer: choose another port".into()
                };
                r.error(
                    &format!("{at}.port"),
                    "duplicate-port",
                    format!("port {number} is already the port of `{first}`"),
                    help,
                );
            }
            None => {
                ports.insert(number, (at.clone(), protocol));
            }
        }
        listener_rules(r, w, l, &at, protocol);
        if !main {
            for (field, set) in [
                ("additional_listeners", l.additional_listeners.is_some()),
                ("alias", l.alias.is_some()),
            ] {
                if set {
                    r.error(
                        &format!("{at}.{field}"),
                        "misplaced-field",
                        format!("an additional listener does not take `{field}`"),
                        format!("set `nlb.{field}` instead"),
                    );
                }
            }
            if l.healthcheck
                .as_ref()
                .is_some_and(|h| h.grace_period.is_some())
            {
                r.error(
                    &format!("{at}.healthcheck.grace_period"),
                    "misplaced-field",
                    "a service has one health check grace period, not one per listener".into(),
                    "set `nlb.healthcheck.grace_period` instead",
                );
            }
        }
        if protocol == NlbProtocol::Tls && domain.is_none() {
            r.error(
                &format!("{at}.port"),
                "needs-domain",
                "a TLS listener needs a certificate, which tug requests for the application's \
                 domain, and the application has none"
                    .into(),
                "give the application a domain (`tug app init --domain example.com`), or use TCP and terminate TLS in the container",
            );
        }
    }
    let alb_rules = match &w.http {
        Some(HttpOrBool::Config(h)) => 1 + h.additional_rules.as_ref().map_or(0, Vec::len),
        _ => 0,
    };
    let target_groups = alb_rules + nlb.listeners().len();
    if target_groups > MAX_TARGET_GROUPS {
        r.error_at_key(
            "nlb",
            "too-many-target-groups",
            format!(
                "this service needs {target_groups} target groups (one per `http` rule and per `nlb` listener), and an ECS service takes at most {MAX_TARGET_GROUPS}"
            ),
            "use fewer `additional_rules` or `additional_listeners`",
        );
    }
    let nlb_grace = nlb
        .healthcheck
        .as_ref()
        .is_some_and(|h| h.grace_period.is_some());
    let http_grace = match &w.http {
        Some(HttpOrBool::Config(h)) => matches!(
            &h.healthcheck,
            Some(HttpHealthcheck::Args(a)) if a.grace_period.is_some()
        ),
        _ => false,
    };
    if nlb_grace && http_grace {
        r.error(
            "nlb.healthcheck.grace_period",
            "duplicate-field",
            "a service has one health check grace period, and `http.healthcheck.grace_period` sets it already".into(),
            "keep one of the two",
        );
    }
    if let Some(alias) = &nlb.alias {
        if let Alias::Args(args) = alias {
            for (i, a) in args.iter().enumerate() {
                if a.hosted_zone.is_some() {
                    r.error(
                        &format!("nlb.alias[{i}].hosted_zone"),
                        "not-supported",
                        "`hosted_zone` is not supported for a Network Load Balancer's alias (as in Copilot)".into(),
                        "remove `hosted_zone`: the record goes in the application's or the environment's hosted zone",
                    );
                }
            }
        }
        if domain.is_none() {
            r.error(
                "nlb.alias",
                "needs-domain",
                "`nlb.alias` needs the application's domain, and the application has none"
                    .into(),
                "give the application a domain (`tug app init --domain example.com`), or remove `nlb.alias` and point your name at the load balancer's DNS name (the stack output `PublicNetworkLoadBalancerDNSName`)",
            );
        }
    }
}

/// One listener `l` at `at`, of `protocol`: its target, health check and settings.
fn listener_rules(r: &mut Rules<'_>, w: &Workload, l: &Nlb, at: &str, protocol: NlbProtocol) {
    let target = l.target_container.as_deref().unwrap_or(&w.name);
    let sidecar = w.sidecars.as_ref().and_then(|s| s.get(target));
    let known = target == w.name || sidecar.is_some();
    if !known {
        r.error(
            &format!("{at}.target_container"),
            "unknown-container",
            format!("`{at}.target_container` names `{target}`, which is not a container of this workload"),
            format!("use `{}` or the name of a sidecar", w.name),
        );
    } else if l.target_port.is_none() {
        let port = if target == w.name {
            w.image.as_ref().and_then(|i| i.port)
        } else {
            sidecar
                .and_then(|s| s.port.as_ref())
                .and_then(PortSpec::parse)
                .map(|(p, _)| p)
        };
        if port.is_none() {
            r.error(
                at,
                "missing-port",
                format!("`{at}` sends traffic to container `{target}`, which exposes no port"),
                format!("add `target_port:` under `{at}`, or a `port` to `{target}`"),
            );
        }
    }
    if l.target_port == Some(0) {
        r.error(
            &format!("{at}.target_port"),
            "bad-port",
            format!("`{at}.target_port` must be a port from 1 to 65535"),
            "write the container's port",
        );
    }
    if let Some(policy) = &l.ssl_policy {
        if protocol != NlbProtocol::Tls {
            r.warning(
                &format!("{at}.ssl_policy"),
                "ignored-field",
                format!(
                    "`{at}.ssl_policy` is ignored: only a TLS listener has an SSL policy, and this one is {}",
                    protocol.name()
                ),
                "remove it, or make the port TLS (`443/tls`)",
            );
        } else if !policy.starts_with(SSL_POLICY_PREFIX) || policy.len() == SSL_POLICY_PREFIX.len()
        {
            r.error(
                &format!("{at}.ssl_policy"),
                "bad-ssl-policy",
                format!("\"{policy}\" is not an ELB security policy"),
                "name one of ELB's policies, such as `ELBSecurityPolicy-TLS13-1-2-2021-06` (the default)",
            );
        }
    }
    if l.stickiness == Some(true) && protocol == NlbProtocol::Tls {
        r.warning(
            &format!("{at}.stickiness"),
            "ignored-field",
            format!("`{at}.stickiness` is ignored: a Network Load Balancer has no sticky sessions on TLS listeners (Copilot ignores it too)"),
            "remove it, or use TCP and terminate TLS in the container",
        );
    }
    let delay = r.duration(
        &format!("{at}.deregistration_delay"),
        l.deregistration_delay.as_deref(),
    );
    if delay.is_some_and(|d| d > DEREGISTRATION_DELAY_SECONDS) {
        r.error(
            &format!("{at}.deregistration_delay"),
            "out-of-range",
            format!("`{at}.deregistration_delay` must be at most 1h (3600 seconds)"),
            "ELB's default is 300s; Copilot's is 60s",
        );
    }
    let hc = l.healthcheck.clone().unwrap_or_default();
    let hat = format!("{at}.healthcheck");
    if hc.port == Some(0) {
        r.error(
            &format!("{hat}.port"),
            "bad-port",
            format!("`{hat}.port` must be a port from 1 to 65535"),
            "leave it out to check the target port",
        );
    }
    for (field, value) in [
        ("healthy_threshold", hc.healthy_threshold),
        ("unhealthy_threshold", hc.unhealthy_threshold),
    ] {
        if value.is_some_and(|v| v < THRESHOLDS.0 || v > THRESHOLDS.1) {
            r.error(
                &format!("{hat}.{field}"),
                "out-of-range",
                format!(
                    "`{hat}.{field}` must be from {} to {}",
                    THRESHOLDS.0, THRESHOLDS.1
                ),
                "ELB counts between 2 and 10 checks",
            );
        }
    }
    let interval = r.duration(&format!("{hat}.interval"), hc.interval.as_deref());
    let timeout = r.duration(&format!("{hat}.timeout"), hc.timeout.as_deref());
    r.duration(&format!("{hat}.grace_period"), hc.grace_period.as_deref());
    for (field, value, (low, high)) in [
        ("interval", interval, INTERVAL_SECONDS),
        ("timeout", timeout, TIMEOUT_SECONDS),
    ] {
        if value.is_some_and(|v| v < low || v > high) {
            r.error(
                &format!("{hat}.{field}"),
                "out-of-range",
                format!("`{hat}.{field}` must be from {low}s to {high}s"),
                "a Network Load Balancer's target group takes health checks in that range",
            );
        }
    }
    if let (Some(i), Some(t)) = (interval, timeout) {
        // Unlike an ALB's, an NLB's health check may time out at the interval, not after it.
        if t > i {
            r.error(
                &format!("{hat}.timeout"),
                "timeout-over-interval",
                format!("`{hat}.timeout` ({t}s) must not be longer than `{hat}.interval` ({i}s)"),
                "ELB refuses a health check that would still wait when the next one starts",
            );
        }
    }
    if protocol == NlbProtocol::Udp && hc.port.is_none() {
        r.warning(
            &format!("{at}.port"),
            "udp-health-check",
            format!("the health check of `{at}` opens a TCP connection to the target port, which a UDP-only container never accepts"),
            format!("set `{hat}.port` to a TCP port the container listens on"),
        );
    }
}
