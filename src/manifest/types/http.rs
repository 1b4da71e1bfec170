//! A workload's load balancing: `http` (the Application Load Balancer's rules) and `nlb`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum HttpOrBool {
    Enabled(bool),
    Config(Box<Http>),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Http {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<HttpHealthcheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stickiness: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<Alias>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosted_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_to_https: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deregistration_delay: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_container: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_source_ips: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alb: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_rules: Option<Vec<Http>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum HttpHealthcheck {
    Path(String),
    Args(HttpHealthcheckArgs),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpHealthcheckArgs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_codes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy_threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Alias {
    Name(String),
    Names(Vec<String>),
    Args(Vec<AliasArgs>),
}

impl Alias {
    pub fn names(&self) -> Vec<String> {
        match self {
            Alias::Name(n) => vec![n.clone()],
            Alias::Names(n) => n.clone(),
            Alias::Args(a) => a.iter().map(|a| a.name.clone()).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AliasArgs {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosted_zone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nlb {
    /// `443/tls`, `53/udp`, `8080` (TCP): Copilot takes a number or `PORT/PROTOCOL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<super::PortSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<NlbHealthcheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_container: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stickiness: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<Alias>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deregistration_delay: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_listeners: Option<Vec<Nlb>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NlbHealthcheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy_threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_period: Option<String>,
}

/// ELB's quotas on the conditions of one Application Load Balancer listener rule
/// ("Quotas for your Application Load Balancers", Rules; "Condition types for listener
/// rules"): at most 3 values in one condition, 5 condition values in all (path patterns,
/// host names and source IPs together) and 5 wildcards (`*`, `?`) in all. AWS refuses more
/// ("A rule can only have '5' condition values").
pub const MAX_VALUES_PER_CONDITION: usize = 3;
/// See [`MAX_VALUES_PER_CONDITION`].
impl Nlb {
    /// The listeners `nlb` declares, with their field paths: `nlb` itself, then each of
    /// `nlb.additional_listeners`.
    pub fn listeners(&self) -> Vec<(String, &Nlb)> {
        let mut all = vec![("nlb".to_string(), self)];
        for (i, l) in self.additional_listeners.iter().flatten().enumerate() {
            all.push((format!("nlb.additional_listeners[{i}]"), l));
        }
        all
    }
}

/// The protocol of a Network Load Balancer listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NlbProtocol {
    Tcp,
    Udp,
    Tls,
    /// TCP and UDP on one port (one listener: a port takes one listener).
    TcpUdp,
}

impl NlbProtocol {
    /// The listener's `Protocol` on ELB.
    pub fn name(self) -> &'static str {
        match self {
            NlbProtocol::Tcp => "TCP",
            NlbProtocol::Udp => "UDP",
            NlbProtocol::Tls => "TLS",
            NlbProtocol::TcpUdp => "TCP_UDP",
        }
    }

    /// The target group's protocol: TLS is terminated by the load balancer, which sends
    /// TCP to the tasks (as Copilot does).
    pub fn target_protocol(self) -> &'static str {
        match self {
            NlbProtocol::Tls => "TCP",
            other => other.name(),
        }
    }

    /// The IP protocols the listener's traffic uses (security group rules, port mappings).
    pub fn ip_protocols(self) -> &'static [&'static str] {
        match self {
            NlbProtocol::Tcp | NlbProtocol::Tls => &["tcp"],
            NlbProtocol::Udp => &["udp"],
            NlbProtocol::TcpUdp => &["tcp", "udp"],
        }
    }
}

/// The port and protocol of an `nlb.port` (`443/tls`, `53/udp`, `53/tcp_udp`, `8080`):
/// `None` when it is not a port from 1 to 65535 with TCP, UDP, TLS or TCP_UDP.
pub fn nlb_port(port: &super::PortSpec) -> Option<(u16, NlbProtocol)> {
    let (number, protocol) = port.parse()?;
    let protocol = match protocol.as_str() {
        "tcp" => NlbProtocol::Tcp,
        "udp" => NlbProtocol::Udp,
        "tls" => NlbProtocol::Tls,
        "tcp_udp" => NlbProtocol::TcpUdp,
        _ => return None,
    };
    (number > 0).then_some((number, protocol))
}

/// An Application Load Balancer rule holds at most 5 condition values in all (path
/// patterns, host names, source IPs).
pub const MAX_CONDITION_VALUES: usize = 5;
/// See [`MAX_VALUES_PER_CONDITION`].
pub const MAX_WILDCARDS: usize = 5;

/// The conditions of one listener rule: a request matches when its path matches one of
/// `paths`, and (when set) its host one of `hosts` and its address one of `source_ips`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleConditions {
    pub paths: Vec<String>,
    pub hosts: Vec<String>,
    pub source_ips: Vec<String>,
}

/// A manifest rule that no set of listener rules can express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyWildcards {
    /// The path or alias whose wildcards, with the path's, pass [`MAX_WILDCARDS`].
    pub value: String,
    pub wildcards: usize,
}

fn wildcards(v: &str) -> usize {
    v.matches(['*', '?']).count()
}

/// The listener rules of the manifest rule `http` (the main `http` or one of its
/// `additional_rules`), within ELB's quotas: its path (1 or 2 patterns, see
/// [`path_patterns`]) in every rule, and its aliases and `allowed_source_ips` split into as
/// few rules as fit, each forwarding to the same target group. Every pair of an alias group
/// and a source IP group is one rule, so the rules together match exactly what one rule
/// with every value would. Render and `tug validate` both count with this.
pub fn listener_rule_conditions(http: &Http) -> Result<Vec<RuleConditions>, TooManyWildcards> {
    let (_, paths) = path_patterns(http.path.as_deref());
    let hosts = http.alias.as_ref().map(Alias::names).unwrap_or_default();
    let ips = http.allowed_source_ips.clone().unwrap_or_default();
    split_conditions(paths, hosts, ips)
}

/// See [`listener_rule_conditions`]: the fewest rules that hold `hosts` and `ips`, each with
/// every one of `paths`.
pub fn split_conditions(
    paths: Vec<String>,
    hosts: Vec<String>,
    ips: Vec<String>,
) -> Result<Vec<RuleConditions>, TooManyWildcards> {
    let path_wildcards: usize = paths.iter().map(|p| wildcards(p)).sum();
    if path_wildcards > MAX_WILDCARDS {
        return Err(TooManyWildcards {
            value: paths.concat(),
            wildcards: path_wildcards,
        });
    }
    let room = MAX_CONDITION_VALUES.saturating_sub(paths.len());
    let sizes = |n: usize| -> Vec<usize> {
        if n == 0 {
            vec![0]
        } else {
            (1..=MAX_VALUES_PER_CONDITION.min(n)).rev().collect()
        }
    };
    let chunks = |v: &[String], size: usize| -> Vec<Vec<String>> {
        if size == 0 {
            vec![Vec::new()]
        } else {
            v.chunks(size).map(<[String]>::to_vec).collect()
        }
    };
    // The largest groups that fit, by fewest rules; hosts are grouped first.
    // (rules, alias groups, source IP groups)
    type Split = (usize, Vec<Vec<String>>, Vec<Vec<String>>);
    let mut best: Option<Split> = None;
    for h in sizes(hosts.len()) {
        for i in sizes(ips.len()) {
            if h + i > room {
                continue;
            }
            let host_groups = chunks(&hosts, h);
            let fits = host_groups.iter().all(|g| {
                path_wildcards + g.iter().map(|v| wildcards(v)).sum::<usize>() <= MAX_WILDCARDS
            });
            if !fits {
                continue;
            }
            let ip_groups = chunks(&ips, i);
            let n = host_groups.len() * ip_groups.len();
            if best.as_ref().is_none_or(|b| n < b.0) {
                best = Some((n, host_groups, ip_groups));
            }
        }
    }
    let Some((_, host_groups, ip_groups)) = best else {
        // Only wildcards can fail: one host and one source IP beside the paths always fit.
        let worst = hosts
            .iter()
            .max_by_key(|h| wildcards(h))
            .cloned()
            .unwrap_or_default();
        let n = path_wildcards + wildcards(&worst);
        return Err(TooManyWildcards {
            value: worst,
            wildcards: n,
        });
    };
    let mut rules = Vec::new();
    for hosts in &host_groups {
        for ips in &ip_groups {
            rules.push(RuleConditions {
                paths: paths.clone(),
                hosts: hosts.clone(),
                source_ips: ips.clone(),
            });
        }
    }
    Ok(rules)
}

/// The listener rule path patterns for a manifest path: `/` (or empty) is the catch-all
/// `/*`; `api` or `/api/` become `/api` and `/api/*`.
pub fn path_patterns(path: Option<&str>) -> (String, Vec<String>) {
    let p = path.unwrap_or("/").trim().trim_end_matches('/');
    if p.is_empty() || p == "*" || p == "/*" {
        return ("/".into(), vec!["/*".into()]);
    }
    let p = if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    };
    if p.contains('*') || p.contains('?') {
        (p.clone(), vec![p])
    } else {
        (p.clone(), vec![p.clone(), format!("{p}/*")])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    /// Every rule within ELB's quotas, and the rules together matching exactly the
    /// aliases and source IPs given (every pair of them in some rule).
    fn check(rules: &[RuleConditions], paths: &[String], hosts: &[String], ips: &[String]) {
        for r in rules {
            assert_eq!(r.paths, paths);
            for values in [&r.paths, &r.hosts, &r.source_ips] {
                assert!(values.len() <= MAX_VALUES_PER_CONDITION, "{r:?}");
            }
            let n = r.paths.len() + r.hosts.len() + r.source_ips.len();
            assert!(n <= MAX_CONDITION_VALUES, "{r:?}");
            assert_eq!(r.hosts.is_empty(), hosts.is_empty());
            assert_eq!(r.source_ips.is_empty(), ips.is_empty());
        }
        let any = [String::new()];
        let hs = if hosts.is_empty() { &any[..] } else { hosts };
        let is = if ips.is_empty() { &any[..] } else { ips };
        for h in hs {
            for i in is {
                let covered = rules.iter().any(|r| {
                    (hosts.is_empty() || r.hosts.contains(h))
                        && (ips.is_empty() || r.source_ips.contains(i))
                });
                assert!(covered, "{h} from {i} matches no rule: {rules:?}");
            }
        }
    }

    #[test]
    fn a_path_other_than_root_counts_as_two_values() {
        let (_, root) = path_patterns(Some("/"));
        let (_, api) = path_patterns(Some("/api"));
        assert_eq!(root, ["/*"]);
        assert_eq!(api, ["/api", "/api/*"]);
        // `/` + 3 aliases + 1 IP is 5 values: one rule; `/api` makes it 6: two.
        let hosts = strings("h", 3);
        let ips = strings("10.0.0.", 1);
        let one = split_conditions(root, hosts.clone(), ips.clone()).unwrap();
        assert_eq!(one.len(), 1);
        let two = split_conditions(api.clone(), hosts.clone(), ips.clone()).unwrap();
        assert_eq!(two.len(), 2);
        check(&two, &api, &hosts, &ips);
    }

    #[test]
    fn aliases_and_source_ips_split_into_the_fewest_rules_within_quotas() {
        for path in ["/", "/api", "/api/*"] {
            let (_, paths) = path_patterns(Some(path));
            for h in 0..9 {
                for i in 0..9 {
                    let (hosts, ips) = (strings("h", h), strings("10.0.0.", i));
                    let rules = split_conditions(paths.clone(), hosts.clone(), ips.clone())
                        .expect("splits");
                    check(&rules, &paths, &hosts, &ips);
                    // What fits in one rule stays one rule.
                    let fits = h <= MAX_VALUES_PER_CONDITION
                        && i <= MAX_VALUES_PER_CONDITION
                        && paths.len() + h + i <= MAX_CONDITION_VALUES;
                    assert_eq!(rules.len() == 1, fits, "{path} {h} {i}: {rules:?}");
                }
            }
        }
        // 6 aliases on `/`: two rules of 3 (the fewest).
        let r = split_conditions(vec!["/*".into()], strings("h", 6), vec![]).unwrap();
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn wildcards_count_towards_five_per_rule() {
        let paths = vec!["/a*/b*".to_string()];
        // 2 + 3 wildcards fit; 2 + 2 + 2 do not, so those two hosts go apart.
        let ok = split_conditions(paths.clone(), vec!["*.*.*.example.com".into()], vec![]);
        assert_eq!(ok.unwrap().len(), 1);
        let hosts = vec!["*.*.a.com".to_string(), "*.*.b.com".to_string()];
        let apart = split_conditions(paths.clone(), hosts.clone(), vec![]).unwrap();
        assert_eq!(apart.len(), 2);
        check(&apart, &paths, &hosts, &[]);
        let err = split_conditions(paths, vec!["*.*.*.*.example.com".into()], vec![]);
        assert_eq!(
            err.unwrap_err(),
            TooManyWildcards {
                value: "*.*.*.*.example.com".into(),
                wildcards: 6
            }
        );
    }
}
