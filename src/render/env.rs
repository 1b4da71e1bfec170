//! The environment stack: network, cluster, load balancers, security groups, exports.
//!
//! Decisions (kept in sync with the comments at the top of `templates/cfn/env.yml.j2`):
//! - The public ALB exists when a Load Balanced Web Service with `http` is among the
//!   workloads, or the manifest configures `http.public`. The internal ALB exists when a
//!   Backend Service declares `http`, or the manifest configures `http.private`. So an
//!   environment with no web services costs no load balancer; adding the first web service
//!   means an `env deploy` first (`tug deploy` does that in order).
//! - NAT: `nat: per-az | single | none`; when unset, `per-az` if a workload is placed in
//!   private subnets (`network.vpc.placement: private`), else `none`. Imported VPCs never get
//!   NAT gateways or endpoints from tug (their route tables are the owner's).
//! - The managed EFS file system (with a mount target in each private subnet, else each
//!   public one, behind a security group open to the tasks on NFS, port 2049) exists when
//!   a workload mounts it (`storage.volumes.<v>.efs: true` or `{uid, gid}`); each service
//!   adds its own access point. The file system is kept (`DeletionPolicy: Retain`) when
//!   the environment stops needing it or is deleted: its data outlives the stack.
//! - With certificates (imported, or the managed one of the application's domain: see
//!   `render::domain`), the HTTP listener redirects to HTTPS, the HTTPS listener uses
//!   `ssl_policy` or ELBSecurityPolicy-TLS13-1-2-2021-06, and services attach their rules
//!   to it. Each listener has its own export (`HTTPListenerArn`, `HTTPSListenerArn`,
//!   `InternalHTTPListenerArn`, `InternalHTTPSListenerArn`) whose value never changes for
//!   the life of the environment: CloudFormation refuses to change an export another stack
//!   imports, so adding certificates must not move an export from one listener to another.
//!   The service render picks the export (`render::service_in`).
//! - The load balancers go when no workload of the workspace needs them any more; before
//!   the change set, the deploy refuses (naming the stack) when a deployed service still
//!   imports an export the update would remove (`deploy::check_removed_exports`).
//! - EC2 capacity (`capacity:` groups) is laid out by `capacity.rs`; the cluster's
//!   capacity providers (FARGATE, FARGATE_SPOT and one per group) are set by one
//!   `ClusterCapacityProviderAssociations`. Its instances are in the private subnets, so an
//!   environment with capacity gets NAT gateways (`per-az`) unless `nat` says otherwise.
//! - Names, as Copilot: every environment has the Cloud Map private DNS namespace
//!   `<env>.<app>.local` in its VPC (service discovery and Service Connect; exported as
//!   `ServiceDiscoveryNamespaceID`), and with an internal load balancer the private hosted
//!   zone `<env>.<app>.internal` (`InternalWorkloadsHostedZone`), where each Backend Service
//!   behind it gets `<svc>.<env>.<app>.internal`.

use serde::Serialize;

use super::capacity;
use super::domain::{
    aliases, covered_by_wildcard, env_domain, in_domain, is_public, Validation,
    HOSTED_ZONE_PARAMETER, HOSTED_ZONE_PLACEHOLDER,
};
use super::task::{lit, AddonsStack};
use super::{render_template, RenderError, Rendered, ENV_TEMPLATE};
use crate::addons::Addons;
use crate::manifest::types::{
    BoolOrString, EnvSubnet, EnvVpc, Environment, HttpOrBool, Placement, Workload, WorkloadType,
};

/// The rule of the environment's security group (the tasks') that lets one of its load
/// balancers in on every port. Each service behind a load balancer opens the ports its
/// target groups use in a security group of its own (src/render/service.rs), so the rule is
/// kept, by its stack parameter, only while a deployed service behind that load balancer
/// (one that imports one of its listeners) does not import its security group: a service
/// deployed by an earlier tug, which relies on the rule. `deploy::prepare_environment`
/// sets the parameter.
pub struct EveryPortRule {
    /// The stack parameter: `"true"` keeps the rule, `"false"` (the default) removes it.
    pub parameter: &'static str,
    /// The environment output (and export) with the load balancer's security group.
    pub security_group: &'static str,
    /// The environment outputs (and exports) with its listeners.
    pub listeners: [&'static str; 2],
}

/// The public load balancer's rule, then the internal one's.
pub const EVERY_PORT_RULES: [EveryPortRule; 2] = [
    EveryPortRule {
        parameter: "PublicLoadBalancerReachesEveryTaskPort",
        security_group: "PublicLoadBalancerSecurityGroup",
        listeners: ["HTTPListenerArn", "HTTPSListenerArn"],
    },
    EveryPortRule {
        parameter: "InternalLoadBalancerReachesEveryTaskPort",
        security_group: "InternalLoadBalancerSecurityGroup",
        listeners: ["InternalHTTPListenerArn", "InternalHTTPSListenerArn"],
    },
];

const DEFAULT_VPC_CIDR: &str = "10.0.0.0/16";
const DEFAULT_PUBLIC: [&str; 2] = ["10.0.0.0/24", "10.0.1.0/24"];
const DEFAULT_PRIVATE: [&str; 2] = ["10.0.2.0/24", "10.0.3.0/24"];

#[derive(Serialize)]
struct Ctx {
    addons: Option<AddonsStack>,
    app: String,
    env: String,
    export_prefix: String,
    imported_vpc: bool,
    vpc_id: Option<String>,
    vpc_cidr: String,
    public_subnets: Vec<Subnet>,
    private_subnets: Vec<Subnet>,
    nat_gateways: Vec<Nat>,
    endpoints: bool,
    container_insights: Option<&'static str>,
    public_alb: Option<Alb>,
    internal_alb: Option<Alb>,
    /// The managed EFS file system (see the module docs).
    managed_fs: bool,
    /// `<env>.<app>.local`.
    discovery_namespace: String,
    /// `<env>.<app>.internal`, with the internal load balancer.
    internal_zone: Option<String>,
    /// The application's domain: the environment's names and managed certificate.
    domain: Option<DomainCtx>,
    /// EC2 capacity groups (`capacity.rs`) and the AMI parameters they read.
    capacity: Vec<capacity::Group>,
    amis: Vec<capacity::AmiParameter>,
    /// The parameters of [`EVERY_PORT_RULES`]: public, internal.
    every_port: [&'static str; 2],
}

#[derive(Serialize)]
struct DomainCtx {
    /// The stack parameter with the id of the domain's public hosted zone.
    zone_parameter: &'static str,
    /// `<env>.<app>.<domain>`.
    name: String,
    /// The certificate's other names: `*.<env>.<app>.<domain>`, then the public workloads'
    /// aliases it does not cover already.
    alternative_names: Vec<String>,
    /// One per name of the certificate that needs its own DNS validation record.
    validations: Vec<Validation>,
}

#[derive(Serialize)]
struct Subnet {
    /// Logical id (`PublicSubnet1`); for imported subnets, unused.
    logical: String,
    /// Imported subnet id.
    id: Option<String>,
    cidr: Option<String>,
    /// An explicit AZ; else the template selects `index` from `!GetAZs`.
    az: Option<String>,
    index: usize,
    /// The NAT gateway a private subnet routes through.
    nat: Option<String>,
}

#[derive(Serialize)]
struct Nat {
    logical: String,
    public_subnet: String,
}

#[derive(Serialize)]
struct Alb {
    /// YAML fragment: the HTTPS listener's default certificate (the managed one, else the
    /// first of `certificates`); `None`: no HTTPS listener.
    certificate: Option<String>,
    /// YAML fragments: the other certificates, one `ListenerCertificate` each.
    extra_certificates: Vec<String>,
    ssl_policy: String,
}

/// The HTTPS listeners' security policy unless the manifest sets `ssl_policy`: TLS 1.3 and
/// 1.2, ELB's recommended policy (CloudFormation's own default is ELBSecurityPolicy-2016-08,
/// which still allows TLS 1.0).
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// Renders the environment stack of an application without a domain: [`environment_in`].
pub fn environment(
    app: &str,
    env: &Environment,
    workloads: &[Workload],
    addons: Option<&Addons>,
) -> Result<Rendered, RenderError> {
    environment_in(app, env, workloads, addons, None)
}

/// Renders the environment stack `tug-<app>-<env>`. `workloads` are the workspace's
/// effective workloads for this environment: they decide which load balancers exist and
/// whether NAT gateways are needed. `domain` is the application's (`.workspace`): the
/// environment's names and managed certificate (see `render::domain`).
pub fn environment_in(
    app: &str,
    env: &Environment,
    workloads: &[Workload],
    addons: Option<&Addons>,
    domain: Option<&str>,
) -> Result<Rendered, RenderError> {
    let vpc = env.network.as_ref().and_then(|n| n.vpc.as_ref());
    let imported_vpc = vpc.and_then(|v| v.id.clone());
    let (public, mut private) = subnets(vpc, imported_vpc.is_some())?;
    let nat_gateways = nat_gateways(
        env,
        workloads,
        imported_vpc.is_some(),
        &public,
        &mut private,
    )?;
    let domain_ctx = domain.map(|d| domain_ctx(app, &env.name, d, workloads));
    let (public_alb, internal_alb) =
        load_balancers(env, workloads, &public, &private, domain_ctx.is_some())?;
    let container_insights = container_insights(env)?;
    let instance_subnets: Vec<(String, Option<String>)> = if private.is_empty() {
        &public
    } else {
        &private
    }
    .iter()
    .map(|s| {
        let fragment = match &s.id {
            Some(id) => lit(id),
            None => format!("!Ref {}", s.logical),
        };
        (fragment, s.az.clone())
    })
    .collect();
    let (capacity, amis) = capacity::groups(app, env, &instance_subnets);

    let ctx = Ctx {
        app: app.to_string(),
        env: env.name.clone(),
        export_prefix: crate::names::export_name(app, &env.name, ""),
        vpc_id: imported_vpc.clone(),
        imported_vpc: imported_vpc.is_some(),
        vpc_cidr: vpc
            .and_then(|v| v.cidr.clone())
            .unwrap_or_else(|| DEFAULT_VPC_CIDR.to_string()),
        endpoints: imported_vpc.is_none() && vpc.and_then(|v| v.endpoints).unwrap_or(false),
        public_subnets: public,
        private_subnets: private,
        nat_gateways,
        container_insights,
        discovery_namespace: crate::names::service_discovery_namespace(app, &env.name),
        internal_zone: internal_alb
            .as_ref()
            .map(|_| crate::names::internal_hosted_zone(app, &env.name)),
        public_alb,
        internal_alb,
        managed_fs: workloads.iter().any(|w| w.managed_efs_volume().is_some()),
        domain: domain_ctx,
        capacity,
        amis,
        every_port: EVERY_PORT_RULES.map(|r| r.parameter),
        addons: addons.map(|a| {
            let exports = a
                .outputs
                .iter()
                .filter(|o| !o.exported)
                .map(|o| o.name.clone())
                .collect();
            AddonsStack::new(app, a, exports)
        }),
    };
    let mut parameters = std::collections::BTreeMap::new();
    for (rule, alb) in EVERY_PORT_RULES
        .iter()
        .zip([&ctx.public_alb, &ctx.internal_alb])
    {
        if alb.is_some() {
            parameters.insert(rule.parameter.to_string(), "false".to_string());
        }
    }
    if ctx.domain.is_some() {
        parameters.insert(
            HOSTED_ZONE_PARAMETER.to_string(),
            HOSTED_ZONE_PLACEHOLDER.to_string(),
        );
    }
    Ok(Rendered {
        template: render_template(ENV_TEMPLATE, &ctx)?,
        parameters,
        tags: crate::names::stack_tags(app, &env.name, None),
        listener_rules: Vec::new(),
    })
}

/// The environment's names under the application's `domain` and its managed certificate:
/// `<env>.<app>.<domain>`, `*.<env>.<app>.<domain>` (every service's default name) and the
/// aliases of the public workloads (their records are in the workloads' stacks). An alias
/// outside the domain is validated in the hosted zone it names (`tug validate` refuses one
/// that names none).
fn domain_ctx(app: &str, env: &str, domain: &str, workloads: &[Workload]) -> DomainCtx {
    let name = env_domain(app, env, domain);
    let app_zone = format!("!Ref {HOSTED_ZONE_PARAMETER}");
    let mut alternative_names = vec![format!("*.{name}")];
    let mut validations = vec![Validation {
        name: name.clone(),
        zone: app_zone.clone(),
    }];
    for w in workloads.iter().filter(|w| is_public(w) && has_http(w)) {
        for a in aliases(w) {
            if a.name == name
                || covered_by_wildcard(&a.name, &name)
                || alternative_names.contains(&a.name)
            {
                continue;
            }
            let zone = match (&a.hosted_zone, in_domain(&a.name, domain)) {
                (Some(z), _) => lit(z),
                (None, true) => app_zone.clone(),
                (None, false) => continue,
            };
            alternative_names.push(a.name.clone());
            // `*.x` is validated by the record of `x`.
            let base = a.name.strip_prefix("*.").unwrap_or(&a.name).to_string();
            if !validations.iter().any(|v| v.name == base) {
                validations.push(Validation { name: base, zone });
            }
        }
    }
    DomainCtx {
        zone_parameter: HOSTED_ZONE_PARAMETER,
        name,
        alternative_names,
        validations,
    }
}

/// Whether `w` has `http` (and so a listener rule on a load balancer).
fn has_http(w: &Workload) -> bool {
    match &w.http {
        Some(HttpOrBool::Enabled(b)) => *b,
        Some(HttpOrBool::Config(_)) => true,
        None => false,
    }
}

/// The public and private subnets of the environment: the given ids of an imported VPC,
/// the two default pairs when none are given, or the given ones for tug to create.
fn subnets(
    vpc: Option<&EnvVpc>,
    imported: bool,
) -> Result<(Vec<Subnet>, Vec<Subnet>), RenderError> {
    let subnets = vpc.and_then(|v| v.subnets.as_ref());
    let given_public = subnets.and_then(|s| s.public.clone()).unwrap_or_default();
    let given_private = subnets.and_then(|s| s.private.clone()).unwrap_or_default();

    if imported {
        Ok((
            imported_subnets(&given_public, "network.vpc.subnets.public")?,
            imported_subnets(&given_private, "network.vpc.subnets.private")?,
        ))
    } else if given_public.is_empty() && given_private.is_empty() {
        let default = |cidrs: [&str; 2], kind: &str| {
            cidrs
                .iter()
                .enumerate()
                .map(|(i, c)| Subnet {
                    logical: format!("{kind}Subnet{}", i + 1),
                    id: None,
                    cidr: Some(c.to_string()),
                    az: None,
                    index: i,
                    nat: None,
                })
                .collect::<Vec<_>>()
        };
        Ok((
            default(DEFAULT_PUBLIC, "Public"),
            default(DEFAULT_PRIVATE, "Private"),
        ))
    } else {
        Ok((
            created_subnets(&given_public, "Public", "network.vpc.subnets.public")?,
            created_subnets(&given_private, "Private", "network.vpc.subnets.private")?,
        ))
    }
}

/// The NAT gateways of a VPC tug creates, one per public subnet (`per-az`) or one in all
/// (`single`), and the gateway each private subnet routes through (set on `private`).
fn nat_gateways(
    env: &Environment,
    workloads: &[Workload],
    imported_vpc: bool,
    public: &[Subnet],
    private: &mut [Subnet],
) -> Result<Vec<Nat>, RenderError> {
    // EC2 instances in private subnets reach ECS through NAT, as private tasks do.
    let wants_private = env.capacity.as_ref().is_some_and(|c| !c.is_empty())
        || workloads.iter().any(|w| {
            matches!(
                w.network.as_ref().and_then(|n| n.vpc.as_ref()).and_then(|v| v.placement.as_ref()),
                Some(Placement::Kind(k)) if k == "private"
            )
        });
    let nat_mode = match env.nat.as_deref() {
        Some(m @ ("per-az" | "single" | "none")) => m,
        Some(other) => {
            return Err(RenderError::unchecked(
                "nat",
                format!("`{other}` is not a NAT mode; use `per-az`, `single` or `none`"),
            ))
        }
        None if wants_private => "per-az",
        None => "none",
    };
    let mut nat_gateways = Vec::new();
    if !imported_vpc && !private.is_empty() && nat_mode != "none" {
        if public.is_empty() {
            return Err(RenderError::unchecked(
                "nat",
                "NAT gateways need public subnets; add `network.vpc.subnets.public` or set `nat: none`",
            ));
        }
        let count = if nat_mode == "single" {
            1
        } else {
            public.len()
        };
        for (i, p) in public.iter().take(count).enumerate() {
            nat_gateways.push(Nat {
                logical: format!("NatGateway{}", i + 1),
                public_subnet: p.logical.clone(),
            });
        }
        for (i, s) in private.iter_mut().enumerate() {
            s.nat = Some(nat_gateways[i % nat_gateways.len()].logical.clone());
        }
    }
    Ok(nat_gateways)
}

/// The public and the internal load balancer, each when the manifest configures it or a
/// workload needs it (a Load Balanced Web Service or a Backend Service with `http`).
fn load_balancers(
    env: &Environment,
    workloads: &[Workload],
    public: &[Subnet],
    private: &[Subnet],
    managed_certificate: bool,
) -> Result<(Option<Alb>, Option<Alb>), RenderError> {
    let serves = |kind: WorkloadType| workloads.iter().any(|w| w.kind == kind && has_http(w));
    let public_http = env.http.as_ref().and_then(|h| h.public.as_ref());
    let private_http = env.http.as_ref().and_then(|h| h.private.as_ref());
    let public_alb = load_balancer(
        public_http.is_some() || serves(WorkloadType::LoadBalancedWebService),
        public,
        "network.vpc.subnets.public",
        "a public load balancer needs public subnets; add them to the environment manifest",
        public_http.and_then(|h| h.certificates.as_ref()),
        public_http.and_then(|h| h.ssl_policy.as_ref()),
        managed_certificate,
    )?;
    let internal_alb = load_balancer(
        private_http.is_some() || serves(WorkloadType::BackendService),
        private,
        "network.vpc.subnets.private",
        "an internal load balancer needs private subnets; add them to the environment manifest",
        private_http.and_then(|h| h.certificates.as_ref()),
        private_http.and_then(|h| h.ssl_policy.as_ref()),
        false,
    )?;
    Ok((public_alb, internal_alb))
}

/// One load balancer when `wanted`, in `subnets` (an error at `field` saying `missing`
/// when there are none): its HTTPS listener's default certificate (the managed one when
/// `managed_certificate`, else the first listed), the others (each its own
/// `ListenerCertificate`: CloudFormation takes one certificate per such resource) and the
/// security policy.
fn load_balancer(
    wanted: bool,
    subnets: &[Subnet],
    field: &str,
    missing: &str,
    certificates: Option<&Vec<String>>,
    ssl_policy: Option<&String>,
    managed_certificate: bool,
) -> Result<Option<Alb>, RenderError> {
    if !wanted {
        return Ok(None);
    }
    if subnets.is_empty() {
        return Err(RenderError::unchecked(field, missing));
    }
    let mut certs: Vec<String> = certificates
        .iter()
        .flat_map(|c| c.iter())
        .map(|c| lit(c))
        .collect();
    if managed_certificate {
        certs.insert(0, "!Ref Certificate".to_string());
    }
    let mut certs = certs.into_iter();
    Ok(Some(Alb {
        certificate: certs.next(),
        extra_certificates: certs.collect(),
        ssl_policy: ssl_policy
            .cloned()
            .unwrap_or_else(|| DEFAULT_SSL_POLICY.to_string()),
    }))
}

/// The cluster's Container Insights setting (`enabled`, `disabled`, `enhanced`), or
/// `None` when the manifest does not set it.
fn container_insights(env: &Environment) -> Result<Option<&'static str>, RenderError> {
    let setting = env
        .observability
        .as_ref()
        .and_then(|o| o.container_insights.as_ref());
    Ok(match setting {
        Some(BoolOrString::Bool(true)) => Some("enabled"),
        Some(BoolOrString::Bool(false)) => Some("disabled"),
        Some(BoolOrString::String(s)) if s == "enhanced" => Some("enhanced"),
        Some(BoolOrString::String(s)) if s == "enabled" || s == "true" => Some("enabled"),
        Some(BoolOrString::String(s)) if s == "disabled" || s == "false" => Some("disabled"),
        Some(BoolOrString::String(s)) => {
            return Err(RenderError::unchecked(
                "observability.container_insights",
                format!("`{s}` is not a Container Insights setting; use true, false or `enhanced`"),
            ))
        }
        None => None,
    })
}

fn imported_subnets(given: &[EnvSubnet], field: &str) -> Result<Vec<Subnet>, RenderError> {
    given
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let id = s.id.clone().ok_or_else(|| {
                RenderError::unchecked(
                    format!("{field}[{i}]"),
                    "an imported VPC needs subnet ids (`id: subnet-...`)",
                )
            })?;
            Ok(Subnet {
                logical: String::new(),
                id: Some(id),
                cidr: None,
                az: None,
                index: i,
                nat: None,
            })
        })
        .collect()
}

fn created_subnets(
    given: &[EnvSubnet],
    kind: &str,
    field: &str,
) -> Result<Vec<Subnet>, RenderError> {
    given
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let cidr = s.cidr.clone().ok_or_else(|| {
                RenderError::unchecked(
                    format!("{field}[{i}]"),
                    "a subnet of a VPC tug creates needs `cidr` (or import the VPC with `network.vpc.id`)",
                )
            })?;
            Ok(Subnet {
                logical: format!("{kind}Subnet{}", i + 1),
                id: None,
                cidr: Some(cidr),
                az: s.az.clone(),
                index: i,
                nat: None,
            })
        })
        .collect()
}
