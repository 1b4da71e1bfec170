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
