//! The application's domain and what an environment serves over HTTPS: the render input
//! that tells the environment stack and each workload stack about names and certificates.
//!
//! An application may have a domain (`tug app init --domain example.com`, recorded in
//! `.workspace`). Its public hosted zone is looked up with Route 53 at deploy time and
//! passed to the environment stack as the parameter [`HOSTED_ZONE_PARAMETER`]. The
//! environment's names, as Copilot gives them, are records in that zone (no delegated zone:
//! one zone, no propagation wait, no Lambda): `<env>.<app>.<domain>` is the environment's
//! domain name and each Load Balanced Web Service is `<svc>.<env>.<app>.<domain>`. A managed
//! ACM certificate, validated by DNS in that zone, covers `<env>.<app>.<domain>`,
//! `*.<env>.<app>.<domain>` and the workloads' aliases.
//!
//! With a domain, the environment stack outputs (and exports as `tug-<app>-<env>-<Output>`)
//! [`HOSTED_ZONE_OUTPUT`], [`DOMAIN_NAME_OUTPUT`] and [`CERTIFICATE_OUTPUT`].

pub use crate::manifest::domain::*;

use serde::Serialize;

use super::task::{import, lit};
use crate::manifest::types::{HttpOrBool, Workload, WorkloadType};
use crate::names::export_name;

/// A name of a certificate's request to validate by DNS, and the hosted zone CloudFormation
/// writes its validation record in.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Validation {
    pub(super) name: String,
    /// YAML fragment.
    pub(super) zone: String,
}

/// The environment stack's parameter holding the id of the application domain's public
/// hosted zone, looked up at deploy time.
pub const HOSTED_ZONE_PARAMETER: &str = "AppHostedZoneId";
/// The value `env package` writes for [`HOSTED_ZONE_PARAMETER`]: the deploy looks it up.
pub const HOSTED_ZONE_PLACEHOLDER: &str = "HOSTED_ZONE_ID";
/// Output: the id of the hosted zone where the environment's names live.
pub const HOSTED_ZONE_OUTPUT: &str = "EnvironmentHostedZone";
/// Output: the environment's domain name, `<env>.<app>.<domain>`.
pub const DOMAIN_NAME_OUTPUT: &str = "EnvironmentDomainName";
/// Output: the ARN of the managed certificate (the public HTTPS listener's default one).
/// ACM certificates cannot change their names: CloudFormation replaces the certificate when
/// an alias is added, so its ARN changes with the workloads' aliases. A stack that imports
/// this export blocks that change: read the value from the environment's outputs instead.
pub const CERTIFICATE_OUTPUT: &str = "CertificateArn";

/// An alias record (`AWS::Route53::RecordSet`, type A) pointing a name at the service's
/// load balancer. It lives in the service's stack, as in Copilot: the name is the
/// service's, so it comes and goes with the service, and two services claiming one name
/// fail at the second's deploy instead of silently taking it over.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Record {
    /// Logical id: `DomainRecord` for `<svc>.<env>.<app>.<domain>`, else `AliasRecord`
    /// and a hash of the name, so reordering the aliases replaces no record (the Network
    /// Load Balancer's: `NLBDomainRecord`, `NLBAliasRecord...`).
    pub(super) logical: String,
    /// JSON-quoted.
    pub(super) name: String,
    /// YAML fragments: the hosted zone, and the load balancer's zone and DNS name.
    pub(super) zone: String,
    pub(super) load_balancer_zone: String,
    pub(super) load_balancer_dns: String,
}

/// The records of workload `w` in environment `env` of `app`: with a domain, a Load
/// Balanced Web Service's `<svc>.<env>.<app>.<domain>` (Copilot's default name); and each
/// alias under the domain (in its zone) or with a `hosted_zone`. Aliases with neither are
/// host headers only: the user points their DNS (validation refuses them with a domain).
pub(super) fn records(app: &str, env: &str, w: &Workload, traffic: &EnvTraffic) -> Vec<Record> {
    if !matches!(w.http, Some(HttpOrBool::Config(_))) {
        return Vec::new();
    }
    let exp = |output: &str| import(&export_name(app, env, output));
    let (lb_zone, lb_dns) = match w.kind {
        WorkloadType::LoadBalancedWebService => (
            exp("PublicLoadBalancerHostedZone"),
            exp("PublicLoadBalancerDNSName"),
        ),
        WorkloadType::BackendService => (
            exp("InternalLoadBalancerHostedZone"),
            exp("InternalLoadBalancerDNSName"),
        ),
        _ => return Vec::new(),
    };
    let public = w.kind == WorkloadType::LoadBalancedWebService;
    let record = |logical: String, name: &str, zone: String| Record {
        logical,
        name: lit(name),
        zone,
        load_balancer_zone: lb_zone.clone(),
        load_balancer_dns: lb_dns.clone(),
    };
    let mut out = Vec::new();
    let default_name = traffic
        .env_domain(app, env)
        .map(|d| format!("{}.{d}", w.name));
    if let (true, Some(name)) = (public, &default_name) {
        out.push(record("DomainRecord".into(), name, exp(HOSTED_ZONE_OUTPUT)));
    }
    for a in aliases(w) {
        if Some(&a.name) == default_name.as_ref() {
            continue;
        }
        let zone = match &a.hosted_zone {
            Some(z) => lit(z),
            // The application's zone is public: only public services get names there.
            None if public && traffic.in_domain(&a.name) => exp(HOSTED_ZONE_OUTPUT),
            None => continue,
        };
        out.push(record(alias_logical("AliasRecord", &a.name), &a.name, zone));
    }
    out
}

/// The records of workload `w`'s Network Load Balancer in environment `env` of `app`, with
/// the application's domain: `<svc>-nlb.<env>.<app>.<domain>` (Copilot's name for it) and
/// each name of `nlb.alias`, in the application's hosted zone. (Copilot leaves the first
/// out when there are aliases; tug keeps it, so the name its certificate is for resolves.)
pub(super) fn nlb_records(app: &str, env: &str, w: &Workload, traffic: &EnvTraffic) -> Vec<Record> {
    let Some(default_name) = traffic
        .nlb_domain(app, env, &w.name)
        .filter(|_| w.nlb.is_some())
    else {
        return Vec::new();
    };
    let record = |logical: String, name: &str| Record {
        logical,
        name: lit(name),
        zone: import(&export_name(app, env, HOSTED_ZONE_OUTPUT)),
        load_balancer_zone: "!GetAtt NetworkLoadBalancer.CanonicalHostedZoneID".into(),
        load_balancer_dns: "!GetAtt NetworkLoadBalancer.DNSName".into(),
    };
    let mut out = vec![record("NLBDomainRecord".into(), &default_name)];
    for a in nlb_aliases(w) {
        if a.name != default_name {
            out.push(record(alias_logical("NLBAliasRecord", &a.name), &a.name));
        }
    }
    out
}

/// The logical id of the record of alias `name`: `prefix` and a hash of the name, so
/// reordering the aliases replaces no record.
fn alias_logical(prefix: &str, name: &str) -> String {
    format!("{prefix}{:08X}", crc32fast::hash(name.as_bytes()))
}
