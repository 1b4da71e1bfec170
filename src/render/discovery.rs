//! The names a service is reached by, as Copilot gives them: its Cloud Map service
//! `<svc>.<env>.<app>.local` (A and SRV records, TTL 10 s, multivalue answers, ECS reporting
//! health), Service Connect on the same namespace (`network.connect`: the client always, the
//! server `<alias or svc>:<port>` when the service has a port), and, for a Backend Service
//! behind the internal load balancer, the alias record `<svc>.<env>.<app>.internal`.
//! `templates/cfn/service.yml.j2` lays them out.

use serde::Serialize;

use super::task::{import, lit, Container};
use crate::manifest::types::{Workload, WorkloadType};
use crate::names::{export_name, internal_hosted_zone, service_discovery_namespace};

/// The port mapping Service Connect serves, by name (Copilot's).
const TARGET_PORT_NAME: &str = "target";

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Names {
    /// The Cloud Map service the ECS service registers its tasks in.
    pub(super) registry: Option<Registry>,
    /// Service Connect; `None` renders it disabled, so turning it off takes effect.
    pub(super) connect: Option<ServiceConnect>,
    /// `<svc>.<env>.<app>.internal` pointing at the internal load balancer.
    pub(super) internal_alias: Option<InternalAlias>,
}

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Registry {
    /// JSON-quoted.
    pub(super) name: String,
    /// YAML fragment: the environment's namespace id.
    pub(super) namespace_id: String,
    /// The port the SRV records carry.
    pub(super) port: u16,
}

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct ServiceConnect {
    /// JSON-quoted namespace name, `<env>.<app>.local`.
    pub(super) namespace: String,
    pub(super) server: Option<ConnectServer>,
}

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct ConnectServer {
    pub(super) port_name: &'static str,
    /// JSON-quoted `<svc>-sc`: not the service discovery name, which the namespace already has.
    pub(super) discovery_name: String,
    /// JSON-quoted: `network.connect.alias`, else the service name.
    pub(super) dns_name: String,
    pub(super) port: u16,
}

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct InternalAlias {
    /// JSON-quoted `<svc>.<env>.<app>.internal`.
    pub(super) name: String,
    /// YAML fragments: the zone, and the load balancer's zone and DNS name.
    pub(super) zone_id: String,
    pub(super) load_balancer_zone_id: String,
    pub(super) load_balancer_dns: String,
}

/// The names of service `w` in `env`. `target` is the container and port other services
/// reach (the main `http` rule's target, else `image.port`); with Service Connect serving
/// it, that port mapping of `containers` is named `target`.
pub(super) fn names(
    app: &str,
    env: &str,
    w: &Workload,
    target: Option<(String, u16)>,
    containers: &mut [Container],
) -> Names {
    let exp = |output: &str| import(&export_name(app, env, output));
    // A Worker Service serves nothing: Copilot registers it nowhere.
    let target = target.filter(|_| w.kind != WorkloadType::WorkerService);
    let registry = target.as_ref().map(|(_, port)| Registry {
        name: lit(&w.name),
        namespace_id: exp("ServiceDiscoveryNamespaceID"),
        port: *port,
    });
    let connect = w.service_connect().map(|c| ServiceConnect {
        namespace: lit(&service_discovery_namespace(app, env)),
        server: target.as_ref().map(|(container, port)| {
            name_port(containers, container, *port);
            ConnectServer {
                port_name: TARGET_PORT_NAME,
                discovery_name: lit(&format!("{}-sc", w.name)),
                dns_name: lit(c.alias().unwrap_or(&w.name)),
                port: *port,
            }
        }),
    });
    let behind_internal_lb = w.kind == WorkloadType::BackendService
        && target.is_some()
        && matches!(
            w.http,
            Some(
                crate::manifest::types::HttpOrBool::Config(_)
                    | crate::manifest::types::HttpOrBool::Enabled(true)
            )
        );
    let internal_alias = behind_internal_lb.then(|| InternalAlias {
        name: lit(&format!("{}.{}", w.name, internal_hosted_zone(app, env))),
        zone_id: exp("InternalWorkloadsHostedZone"),
        load_balancer_zone_id: exp("InternalLoadBalancerHostedZone"),
        load_balancer_dns: exp("InternalLoadBalancerDNSName"),
    });
    Names {
        registry,
        connect,
        internal_alias,
    }
}

/// Names the port mapping `port` of `container` for Service Connect.
fn name_port(containers: &mut [Container], container: &str, port: u16) {
    let mapping = containers
        .iter_mut()
        .filter(|c| c.name == container)
        .flat_map(|c| c.ports.iter_mut())
        .find(|p| p.port == port);
    if let Some(p) = mapping {
        p.name = Some(TARGET_PORT_NAME.to_string());
    }
}
