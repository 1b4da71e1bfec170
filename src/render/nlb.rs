//! The Network Load Balancer of a Load Balanced Web Service (`nlb`), in the service's own
//! stack as Copilot makes it: an internet-facing NLB in the environment's public subnets,
//! one listener and target group per `nlb` listener, and the security groups between
//! clients, the load balancer and the tasks.
//!
//! TLS listeners, with the application's domain, share a certificate of the service's own,
//! as Copilot requests it: for `<svc>-nlb.<env>.<app>.<domain>` and the names of
//! `nlb.alias`, validated by DNS in the application's hosted zone (CloudFormation writes
//! the validation records), where those names get their records (`domain::nlb_records`).
//!
//! Security groups: the NLB gets one (ELB only lets a security group be attached when the
//! load balancer is created), which lets anyone in on the listener ports, as Copilot's does.
//! The tasks get a security group of the service's own that lets the NLB's security group
//! in on the target and health check ports. Referencing the load balancer's security group
//! works whether or not the target group preserves client IPs (UDP and TCP_UDP always do),
//! so clients never need to be allowed on the tasks themselves, and it works with
//! `network.vpc.security_groups.deny_default`.

use serde::Serialize;

use super::domain::{nlb_aliases, EnvTraffic, Validation, HOSTED_ZONE_OUTPUT};
use super::task::{import, seconds_or, Container, Port};
use super::RenderError;
use crate::manifest::types::{nlb_port, Nlb, NlbProtocol, Workload};
use crate::names::export_name;

/// Copilot's deregistration delay (ELB's default is 300 s).
const DEFAULT_DEREGISTRATION_DELAY: u64 = 60;
/// ELB's default health check timeout of a TCP health check on an NLB target group.
const ELB_DEFAULT_TIMEOUT: u64 = 10;
/// The SSL policy of a TLS listener unless `ssl_policy` says otherwise (Copilot's).
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/// The logical id of the security group the service's tasks get for the NLB's traffic.
pub const TARGET_SECURITY_GROUP: &str = "NetworkLoadBalancerTargetSecurityGroup";
/// The logical id of the TLS listeners' certificate.
const CERTIFICATE: &str = "NLBCertificate";

#[derive(Serialize)]
pub(super) struct NetworkLoadBalancer {
    /// YAML fragment: the environment's public subnets.
    subnets: String,
    pub(super) listeners: Vec<Listener>,
    /// Who may reach the load balancer: anyone, on each listener's port and protocol.
    client_ingress: Vec<Ingress>,
    /// What the load balancer may reach on the tasks: target and health check ports.
    target_ingress: Vec<Ingress>,
    /// The TLS listeners' certificate, when there are any.
    certificate: Option<Certificate>,
}

#[derive(Serialize)]
struct Certificate {
    /// `<svc>-nlb.<env>.<app>.<domain>`.
    name: String,
    /// The names of `nlb.alias`.
    alternative_names: Vec<String>,
    validations: Vec<Validation>,
}

#[derive(Serialize)]
pub(super) struct Listener {
    listener_logical: String,
    pub(super) target_group_logical: String,
    port: u16,
    protocol: &'static str,
    target_protocol: &'static str,
    pub(super) container: String,
    pub(super) target_port: u16,
    ssl_policy: Option<String>,
    /// YAML fragment: the certificate's ARN (TLS listeners).
    certificate: Option<String>,
    health_port: Option<u16>,
    /// Each `None` leaves ELB's default, as Copilot does.
    healthy: Option<u32>,
    unhealthy: Option<u32>,
    interval: Option<u64>,
    timeout: Option<u64>,
    deregistration_delay: u64,
    stickiness: bool,
}

#[derive(Serialize, PartialEq)]
struct Ingress {
    protocol: &'static str,
    port: u16,
    description: String,
}

/// The NLB of workload `w` in environment `env_name` of `app`, when it has `nlb`; `traffic`
/// holds the application's domain, which TLS listeners take their certificate's names from.
/// A port a listener targets is added to its container's port mappings (with the
/// listener's IP protocols) when missing.
pub(super) fn nlb(
    app: &str,
    env_name: &str,
    w: &Workload,
    containers: &mut [Container],
    traffic: &EnvTraffic,
) -> Result<Option<NetworkLoadBalancer>, RenderError> {
    let Some(nlb) = &w.nlb else { return Ok(None) };
    let certificate = traffic
        .nlb_domain(app, env_name, &w.name)
        .map(|name| certificate(app, env_name, w, name));
    let mut listeners = Vec::new();
    let mut client_ingress = Vec::new();
    let mut target_ingress = Vec::new();
    for (i, (at, l)) in nlb.listeners().into_iter().enumerate() {
        let (listener, protocol) = listener(w, l, &at, i, containers, certificate.is_some())?;
        for ip in protocol.ip_protocols() {
            push_new(
                &mut client_ingress,
                Ingress {
                    protocol: ip,
                    port: listener.port,
                    description: format!(
                        "{} from anywhere to listener port {}",
                        ip.to_ascii_uppercase(),
                        listener.port
                    ),
                },
            );
            push_new(
                &mut target_ingress,
                Ingress {
                    protocol: ip,
                    port: listener.target_port,
                    description: format!(
                        "{} from the network load balancer to container port {}",
                        ip.to_ascii_uppercase(),
                        listener.target_port
                    ),
                },
            );
        }
        if let Some(port) = listener.health_port {
            push_new(
                &mut target_ingress,
                Ingress {
                    protocol: "tcp",
                    port,
                    description: format!(
                        "Health checks from the network load balancer on port {port}"
                    ),
                },
            );
        }
        listeners.push(listener);
    }
    Ok(Some(NetworkLoadBalancer {
        subnets: format!(
            "!Split [\",\", {}]",
            import(&export_name(app, env_name, "PublicSubnets"))
        ),
        certificate: certificate.filter(|_| listeners.iter().any(|l| l.certificate.is_some())),
        listeners,
        client_ingress,
        target_ingress,
    }))
}

/// The certificate for `name` (`<svc>-nlb.<env>.<app>.<domain>`) and workload `w`'s
/// `nlb.alias`: one validation option per name of the request (CloudFormation takes only
/// those), each record in the application's hosted zone.
fn certificate(app: &str, env_name: &str, w: &Workload, name: String) -> Certificate {
    let zone = import(&export_name(app, env_name, HOSTED_ZONE_OUTPUT));
    let alternative_names: Vec<String> = nlb_aliases(w)
        .into_iter()
        .map(|a| a.name)
        .filter(|a| *a != name)
        .collect();
    let validations = std::iter::once(&name)
        .chain(&alternative_names)
        .map(|n| Validation {
            name: n.clone(),
            zone: zone.clone(),
        })
        .collect();
    Certificate {
        name,
        alternative_names,
        validations,
    }
}

fn push_new(rules: &mut Vec<Ingress>, rule: Ingress) {
    if !rules
        .iter()
        .any(|r| r.protocol == rule.protocol && r.port == rule.port)
    {
        rules.push(rule);
    }
}

/// Listener `index` (`l`, at field path `at`); a TLS one needs the service's certificate,
/// which there is when `certified`.
fn listener(
    w: &Workload,
    l: &Nlb,
    at: &str,
    index: usize,
    containers: &mut [Container],
    certified: bool,
) -> Result<(Listener, NlbProtocol), RenderError> {
    let (port, protocol) = l
        .port
        .as_ref()
        .and_then(nlb_port)
        .ok_or_else(|| RenderError::unchecked(format!("{at}.port"), "not an NLB port"))?;
    let target = l.target_container.clone().unwrap_or_else(|| w.name.clone());
    let Some(container) = containers.iter_mut().find(|c| c.name == target) else {
        return Err(RenderError::unchecked(
            format!("{at}.target_container"),
            format!("no container named `{target}`"),
        ));
    };
    let target_port = match l.target_port.or(container.ports.first().map(|p| p.port)) {
        Some(p) => p,
        None => {
            return Err(RenderError::unchecked(
                format!("{at}.target_port"),
                format!("container `{target}` exposes no port"),
            ))
        }
    };
    for ip in protocol.ip_protocols() {
        if !container
            .ports
            .iter()
            .any(|p| p.port == target_port && p.protocol == *ip)
        {
            container.ports.push(Port {
                port: target_port,
                protocol: ip.to_string(),
                name: None,
            });
        }
    }
    let hc = l.healthcheck.clone().unwrap_or_default();
    let secs = |v: Option<&String>, name: &str| -> Result<Option<u64>, RenderError> {
        v.map(|v| seconds_or(Some(v), &format!("{at}.healthcheck.{name}"), 0))
            .transpose()
    };
    let interval = secs(hc.interval.as_ref(), "interval")?;
    let timeout = match secs(hc.timeout.as_ref(), "timeout")? {
        Some(t) => Some(t),
        // ELB's default timeout must stay below a shorter interval the manifest sets.
        None => interval
            .filter(|i| *i <= ELB_DEFAULT_TIMEOUT)
            .map(|i| i.saturating_sub(1).max(2)),
    };
    let suffix = if index == 0 {
        String::new()
    } else {
        index.to_string()
    };
    let tls = protocol == NlbProtocol::Tls;
    if tls && !certified {
        return Err(RenderError::unchecked(
            format!("{at}.port"),
            "a TLS listener without a certificate (the application has no domain)",
        ));
    }
    let listener = Listener {
        listener_logical: format!("NLBListener{suffix}"),
        target_group_logical: format!("NLBTargetGroup{suffix}"),
        port,
        protocol: protocol.name(),
        target_protocol: protocol.target_protocol(),
        container: target,
        target_port,
        ssl_policy: tls.then(|| {
            l.ssl_policy
                .clone()
                .unwrap_or_else(|| DEFAULT_SSL_POLICY.to_string())
        }),
        certificate: tls.then(|| format!("!Ref {CERTIFICATE}")),
        health_port: hc.port,
        healthy: hc.healthy_threshold,
        unhealthy: hc.unhealthy_threshold,
        interval,
        timeout,
        deregistration_delay: seconds_or(
            l.deregistration_delay.as_ref(),
            &format!("{at}.deregistration_delay"),
            DEFAULT_DEREGISTRATION_DELAY,
        )?,
        // ELB has no sticky sessions on TLS listeners: validation warns, as Copilot drops it.
        stickiness: l.stickiness == Some(true) && !tls,
    };
    Ok((listener, protocol))
}

/// The tasks' security group for the NLB's traffic, as a YAML fragment of the service's
/// security group list.
pub(super) fn target_security_group() -> String {
    format!("!GetAtt {TARGET_SECURITY_GROUP}.GroupId")
}
