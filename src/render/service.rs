//! The service stack of a Load Balanced Web Service or a Backend Service.
//!
//! Listener rule priorities are stack parameters: their scheme is in `priority.rs`.

use crate::addons::Addons;
use serde::Serialize;

use std::collections::BTreeSet;

use super::alarms::{self, RollbackAlarmSet};
use super::domain::EnvTraffic;
use super::priority::{self, rule_priority, RuleSlot};
use super::scaling::{self, Scaling, Spot, Targets};
use super::task::{import, imported_export, seconds_or, task, Container, Port, Task};
use super::{parse_seconds, workload_stack, Images, RenderError, Rendered, SERVICE_TEMPLATE};
use crate::manifest::types::{
    listener_rule_conditions, path_patterns, Http, HttpHealthcheck, HttpOrBool, NetworkMode,
    Workload, WorkloadType, MAX_TASK_SECURITY_GROUPS,
};
use crate::names::export_name;

const DEFAULT_GRACE_PERIOD: u64 = 60;
const DEFAULT_DEREGISTRATION_DELAY: u64 = 60;
/// ELB's default health check timeout and interval of an HTTP target group of type `ip`,
/// in seconds (CreateTargetGroup).
const ELB_DEFAULT_TIMEOUT: u64 = 5;
const ELB_DEFAULT_INTERVAL: u64 = 30;
/// ELB's longest health check interval, in seconds.
const ELB_MAX_INTERVAL: u64 = 300;

#[derive(Serialize)]
struct Ctx {
    #[serde(flatten)]
    task: Task,
    /// The stack parameters of the task count (`scaling::count_parameters`).
    count_parameters: Vec<scaling::CountParameter>,
    /// The stack parameters of the listener rules' priorities (`priority.rs`).
    priority_parameters: Vec<PriorityParameter>,
    capacity_providers: Vec<CapacityProvider>,
    min_healthy_percent: u32,
    max_percent: u32,
    /// YAML fragment.
    vpc_id: String,
    target_groups: Vec<TargetGroup>,
    grace_period: Option<u64>,
    scaling: Option<Scaling>,
    rollback_alarms: RollbackAlarmSet,
    #[serde(flatten)]
    names: super::discovery::Names,
    /// Copilot's settings of the alarms tug creates.
    alarm: AlarmSettings,
    /// The service's names under the application's domain and its aliases' records.
    records: Vec<super::domain::Record>,
    /// `nlb` (src/render/nlb.rs).
    nlb: Option<super::nlb::NetworkLoadBalancer>,
    /// EC2 capacity: the providers, placement strategies and constraints (`capacity.rs`).
    ec2: Option<super::capacity::Ec2>,
    /// The load balancers' target type: `ip` (awsvpc), `instance` (bridge and host).
    target_type: &'static str,
    /// Bridge and host modes: the container Cloud Map's SRV records point at.
    registry_container: Option<String>,
    /// Bridge and host modes with a static host port behind a load balancer: the ingress
    /// the instances' security group needs from it (dynamic ports are in the ephemeral
    /// range the environment opens to its load balancers).
    host_port_ingress: Option<HostPortIngress>,
    /// awsvpc mode behind the environment's load balancer: the tasks' own security group
    /// that lets it in on the ports the target groups use ([`LOAD_BALANCER_TARGET_SECURITY_GROUP`]).
    lb_target: Option<LoadBalancerTarget>,
    /// YAML fragment: the security group of the environment's load balancer in front of
    /// a service in bridge mode with dynamic host ports (reached through the instances'
    /// group), an output of the stack. A stack behind the load balancer that imports its
    /// group is one `tug env deploy` knows needs no rule for every port of the tasks
    /// (`render::EVERY_PORT_RULES`); the others import it in `lb_target` or
    /// `host_port_ingress` already.
    lb_security_group: Option<String>,
    /// awsvpc tasks behind the environment's load balancer with no room for
    /// `lb_target`: the stack says so in [`EVERY_PORT_OUTPUT`].
    lb_every_port: bool,
}

/// The output of a service stack whose tasks rely on the environment letting its load
/// balancer in on every port (no room for a security group of their own).
pub const EVERY_PORT_OUTPUT: &str = "LoadBalancerReachesEveryPort";

/// The logical id of the security group the service's awsvpc tasks get for the
/// environment's load balancer's traffic. It is not merged with `nlb`'s
/// (`NetworkLoadBalancerTargetSecurityGroup`): one group for both would need a new logical
/// id and description for that one, so every deployed `nlb` service would have its tasks'
/// group replaced (a new group, the old one deleted while the old tasks' interfaces may
/// still hold it) to save a group only for services with both `http` and `nlb`.
pub const LOAD_BALANCER_TARGET_SECURITY_GROUP: &str = "LoadBalancerTargetSecurityGroup";

/// The tasks' security group for the environment's (application) load balancer.
#[derive(Serialize)]
struct LoadBalancerTarget {
    /// YAML fragment: the load balancer's security group (imported).
    source: String,
    ingress: Vec<TargetIngress>,
    /// The tasks do not wear the environment's group (`deny_default`), the only one the
    /// load balancer's egress reaches: this stack adds its egress to the tasks' own
    /// group on the same ports (a rule no other service has: the destination is its own).
    egress: bool,
}

/// One port of the tasks the load balancer reaches.
#[derive(Serialize, Debug, PartialEq)]
struct TargetIngress {
    port: u16,
    description: String,
}

/// An ingress rule on the EC2 instances' security group from a load balancer's.
#[derive(Serialize)]
struct HostPortIngress {
    /// YAML fragments.
    group: String,
    source: String,
    port: u16,
}

#[derive(Serialize)]
struct AlarmSettings {
    statistic: &'static str,
    period: u32,
    evaluation_periods: u32,
    datapoints_to_alarm: u32,
}

#[derive(Serialize)]
struct CapacityProvider {
    name: String,
    base: Option<u32>,
    weight: u32,
}

#[derive(Serialize)]
struct PriorityParameter {
    name: String,
    default: u32,
}

/// One listener rule of a target group: a manifest rule with more aliases or source IPs
/// than one rule holds has several (`listener_rule_conditions`).
#[derive(Serialize)]
struct ListenerRule {
    logical: String,
    /// The stack parameter of its priority.
    parameter: String,
    paths: Vec<String>,
    hosts: Vec<String>,
    source_ips: Vec<String>,
}

#[derive(Serialize)]
struct TargetGroup {
    logical: String,
    container: String,
    port: u16,
    protocol_version: Option<String>,
    health_path: String,
    health_port: Option<String>,
    matcher_kind: &'static str,
    matcher: String,
    /// Each `None` leaves ELB's default, as Copilot does: healthy 5, unhealthy 2,
    /// interval 30 s, timeout 5 s.
    healthy: Option<u32>,
    unhealthy: Option<u32>,
    interval: Option<u64>,
    timeout: Option<u64>,
    deregistration_delay: u64,
    stickiness: bool,
    /// YAML fragment.
    listener: String,
    /// YAML fragment: the HTTP listener, when the rule is also served over plain HTTP
    /// there (`redirect_to_https: false` in an environment with HTTPS).
    http_listener: Option<String>,
    rules: Vec<ListenerRule>,
}

/// Renders the stack `tug-<app>-<env>-<workload>` of a workload in an environment without a
/// domain or HTTPS listeners: [`service_in`] with the default [`EnvTraffic`].
pub fn service(
    app: &str,
    env_name: &str,
    workload: &Workload,
    images: &Images,
    addons: Option<&Addons>,
) -> Result<Rendered, RenderError> {
    service_in(
        app,
        env_name,
        workload,
        images,
        addons,
        &EnvTraffic::default(),
    )
}

/// Renders the stack `tug-<app>-<env>-<workload>` of a workload: a Load Balanced Web
/// Service, a Backend Service, a Worker Service (no load balancer; its queues come from
/// `messaging.rs`) or a Scheduled Job (rendered by `job.rs`). `images` are the image URIs the containers run (the main
/// container's is passed as the `ContainerImage` parameter). `traffic` says whether the
/// environment's listeners serve HTTPS (the rules go there) and what the application's
/// domain is (the service's names).
pub fn service_in(
    app: &str,
    env_name: &str,
    workload: &Workload,
    images: &Images,
    addons: Option<&Addons>,
    traffic: &EnvTraffic,
) -> Result<Rendered, RenderError> {
    let w = workload;
    if w.kind == WorkloadType::ScheduledJob {
        return super::job::job(app, env_name, w, images, addons);
    }
    let exp = |output: &str| export_name(app, env_name, output);
    let http: Option<&Http> = match &w.http {
        Some(HttpOrBool::Config(h)) => Some(h),
        // `http: true` (not Copilot syntax, but harmless): all defaults.
        Some(HttpOrBool::Enabled(true)) => None,
        _ => None,
    };
    let http_default = Http::default();
    let http = match (&w.http, http) {
        (_, Some(h)) => Some(h),
        (Some(HttpOrBool::Enabled(true)), None) => Some(&http_default),
        // Without `http`, a service with `nlb` is served by its NLB alone.
        (None, None) if w.kind == WorkloadType::LoadBalancedWebService && w.nlb.is_none() => {
            Some(&http_default)
        }
        _ => None,
    };
    if w.kind == WorkloadType::LoadBalancedWebService && http.is_none() && w.nlb.is_none() {
        return Err(RenderError::unchecked(
            "http",
            "a Load Balanced Web Service without `http` or `nlb`",
        ));
    }

    let mut task = task(app, env_name, w, images, addons)?;

    // --- load balancing ---------------------------------------------------------------
    // Each listener has its own export, whose value never changes: the rules go on the
    // HTTPS listener when the environment has one (see `render::domain`).
    let public = w.kind == WorkloadType::LoadBalancedWebService;
    let (listener, lb_full_name) = match (public, public_https(traffic, public)) {
        (true, true) => ("HTTPSListenerArn", "PublicLoadBalancerFullName"),
        (true, false) => ("HTTPListenerArn", "PublicLoadBalancerFullName"),
        (false, true) => ("InternalHTTPSListenerArn", "InternalLoadBalancerFullName"),
        (false, false) => ("InternalHTTPListenerArn", "InternalLoadBalancerFullName"),
    };
    let (listener, lb_full_name) = (import(&exp(listener)), import(&exp(lb_full_name)));
    let mut slots = Vec::new();
    let mut target_groups = match http {
        Some(h) => target_groups(w, h, &mut task.containers, &listener, &mut slots)?,
        None => Vec::new(),
    };
    // HTTP redirects to HTTPS (the listener's default action) unless the service says
    // `redirect_to_https: false`: then its rules are on the HTTP listener too, with the
    // same priorities (chosen on the HTTPS listener, where every public rule is).
    let no_redirect = http.is_some_and(|h| h.redirect_to_https == Some(false));
    if public && public_https(traffic, public) && no_redirect {
        for tg in &mut target_groups {
            tg.http_listener = Some(import(&exp("HTTPListenerArn")));
        }
    }
    let priority_parameters = slots
        .iter()
        .map(|s| PriorityParameter {
            name: s.parameter.clone(),
            default: s.preferred,
        })
        .collect();
    // The environment's load balancer reaches awsvpc tasks through a security group of
    // the service's own, on the ports its target groups use (its egress to the tasks is
    // the environment's: see templates/cfn/env.yml.j2). Tasks with no room for it (their
    // other groups fill the interface) rely on the environment's rule for every port, as
    // in Copilot; validation warns.
    let awsvpc = w.network_mode() == NetworkMode::Awsvpc;
    let others = task.security_groups.len() + usize::from(w.nlb.is_some());
    let lb_every_port = awsvpc && !target_groups.is_empty() && others >= MAX_TASK_SECURITY_GROUPS;
    let lb_security_group = (!target_groups.is_empty() && !lb_every_port).then(|| {
        import(&exp(
            super::env::EVERY_PORT_RULES[usize::from(!public)].security_group
        ))
    });
    let lb_target = match &lb_security_group {
        Some(source) if awsvpc => {
            task.security_groups.push(format!(
                "!GetAtt {LOAD_BALANCER_TARGET_SECURITY_GROUP}.GroupId"
            ));
            Some(LoadBalancerTarget {
                source: source.clone(),
                ingress: target_ingress(&target_groups),
                egress: w.listed_security_groups().1,
            })
        }
        _ => None,
    };
    let nlb = super::nlb::nlb(app, env_name, w, &mut task.containers, traffic)?;
    if nlb.is_some() {
        task.security_groups
            .push(super::nlb::target_security_group());
    }
    let grace_period = (!target_groups.is_empty() || nlb.is_some()).then(|| grace_period(http, w));

    // --- service ----------------------------------------------------------------------
    let (desired_count, scaling_range, spot) = scaling::count(w.count.as_ref())?;
    let ec2 = super::capacity::ec2(app, env_name, w);
    let capacity_providers = match &ec2 {
        Some(e) => e
            .providers
            .iter()
            .map(|p| CapacityProvider {
                name: p.name.clone(),
                base: p.base,
                weight: p.weight,
            })
            .collect(),
        None => capacity_providers(spot),
    };
    // A daemon replaces its task on an instance in place (the simulator's daemon default).
    let (min_healthy_percent, max_percent) = if w.is_daemon() { (0, 100) } else { rolling(w)? };
    let targets = Targets {
        target_group: target_groups.first().map(|t| t.logical.as_str()),
        load_balancer: &lb_full_name,
        queues: task.messaging.queue_logicals(),
        cluster: &task.cluster,
    };
    let scaling = scaling::scaling(scaling_range, w.count.as_ref(), &targets)?;
    // A daemon's count is its instances': it has no count parameters.
    let counts = if w.is_daemon() {
        Vec::new()
    } else {
        scaling::count_parameters(desired_count, scaling_range)
    };
    let rollback_alarms = alarms::rollback_alarms(app, env_name, w, &task.cluster)?;

    // The port other services reach: the main rule's target, else `image.port`.
    let target = match target_groups.first() {
        Some(tg) => Some((tg.container.clone(), tg.port)),
        None => task
            .containers
            .first()
            .and_then(|c| c.ports.first().map(|p| (c.name.clone(), p.port))),
    };
    let names = super::discovery::names(app, env_name, w, target.clone(), &mut task.containers);
    // Outside awsvpc mode the tasks have no address of their own: Cloud Map registers the
    // instance's address and the container's host port (SRV records only), and the load
    // balancers target instances.
    let registry_container = target.filter(|_| !awsvpc).map(|(c, _)| c);
    let host_port_ingress = host_port_ingress(app, env_name, w, public, &target_groups);
    let lb_security_group =
        lb_security_group.filter(|_| lb_target.is_none() && host_port_ingress.is_none());
    let ctx = Ctx {
        task,
        count_parameters: counts,
        priority_parameters,
        capacity_providers,
        min_healthy_percent,
        max_percent,
        vpc_id: import(&exp("VpcId")),
        target_groups,
        grace_period,
        scaling,
        rollback_alarms,
        alarm: AlarmSettings {
            statistic: alarms::STATISTIC,
            period: alarms::PERIOD,
            evaluation_periods: alarms::EVALUATION_PERIODS,
            datapoints_to_alarm: alarms::DATAPOINTS_TO_ALARM,
        },
        names,
        records: super::domain::records(app, env_name, w, traffic)
            .into_iter()
            .chain(super::domain::nlb_records(app, env_name, w, traffic))
            .collect(),
        nlb,
        ec2,
        target_type: if awsvpc { "ip" } else { "instance" },
        registry_container,
        host_port_ingress,
        lb_security_group,
        lb_target,
        lb_every_port,
    };
    let mut rendered = workload_stack(SERVICE_TEMPLATE, &ctx, app, env_name, &w.name, images)?;
    for p in &ctx.count_parameters {
        rendered
            .parameters
            .insert(p.name.to_string(), p.value.to_string());
    }
    for s in &slots {
        rendered
            .parameters
            .insert(s.parameter.clone(), s.preferred.to_string());
    }
    rendered.listener_rules = slots;
    Ok(rendered)
}

/// The target groups and listener rules of the main `http` rule `h` and its
/// `additional_rules`, in that order, on `listener`. The port a rule targets is added to
/// its container's port mappings when missing. Each listener rule is added to `slots`.
fn target_groups(
    w: &Workload,
    h: &Http,
    containers: &mut [Container],
    listener: &str,
    slots: &mut Vec<RuleSlot>,
) -> Result<Vec<TargetGroup>, RenderError> {
    let mut target_groups = Vec::new();
    let mut rules = vec![(h, "http".to_string())];
    for (i, r) in h.additional_rules.iter().flatten().enumerate() {
        rules.push((r, format!("http.additional_rules[{i}]")));
    }
    let mut used = BTreeSet::new();
    for (i, (rule, field)) in rules.iter().enumerate() {
        let target = rule
            .target_container
            .clone()
            .unwrap_or_else(|| w.name.clone());
        let (container_ports, container) = match containers.iter_mut().find(|c| c.name == target) {
            Some(c) => (&mut c.ports, &c.name),
            None => {
                return Err(RenderError::unchecked(
                    format!("{field}.target_container"),
                    format!(
                        "no container named `{target}`; name the service or one of its sidecars"
                    ),
                ))
            }
        };
        let port = match rule.target_port.or(container_ports.first().map(|p| p.port)) {
            Some(p) => p,
            None => {
                return Err(RenderError::unchecked(
                    format!("{field}.target_port"),
                    format!(
                    "container `{container}` exposes no port; set `image.port` or `target_port`"
                ),
                ))
            }
        };
        let container = container.clone();
        let port_mapping = Port {
            port,
            protocol: "tcp".into(),
            name: None,
        };
        if !container_ports.contains(&port_mapping) {
            container_ports.push(port_mapping);
        }
        target_groups.push(target_group(
            &w.name, i, rule, h, field, container, port, listener, &mut used, slots,
        )?);
    }
    Ok(target_groups)
}

/// The ingress a static host port behind a load balancer needs on the instances' security
/// group: `host_port` in bridge mode, the container port in host mode.
fn host_port_ingress(
    app: &str,
    env: &str,
    w: &Workload,
    public: bool,
    target_groups: &[TargetGroup],
) -> Option<HostPortIngress> {
    let tg = target_groups.first()?;
    let main_port = w.image.as_ref().and_then(|i| i.port);
    let port = match w.network_mode() {
        NetworkMode::Host => tg.port,
        NetworkMode::Bridge if tg.container == w.name && Some(tg.port) == main_port => {
            w.host_port?
        }
        _ => return None,
    };
    let exp = |output: &str| import(&export_name(app, env, output));
    Some(HostPortIngress {
        group: exp(super::capacity::SECURITY_GROUP_EXPORT),
        source: exp(if public {
            "PublicLoadBalancerSecurityGroup"
        } else {
            "InternalLoadBalancerSecurityGroup"
        }),
        port,
    })
}

/// The ports of the tasks the load balancer reaches through `target_groups`: each target
/// port and health check port, once.
fn target_ingress(target_groups: &[TargetGroup]) -> Vec<TargetIngress> {
    let mut ingress: Vec<TargetIngress> = Vec::new();
    for tg in target_groups {
        let health = tg
            .health_port
            .as_deref()
            .and_then(|p| p.parse::<u16>().ok());
        let ports = [
            (
                Some(tg.port),
                "TCP from the load balancer to container port",
            ),
            (health, "Health checks from the load balancer on port"),
        ];
        for (port, what) in ports {
            let Some(port) = port else { continue };
            if ingress.iter().all(|i| i.port != port) {
                ingress.push(TargetIngress {
                    port,
                    description: format!("{what} {port}"),
                });
            }
        }
    }
    ingress
}

/// Whether the listener of a public (`true`) or internal service serves HTTPS.
fn public_https(traffic: &EnvTraffic, public: bool) -> bool {
    if public {
        traffic.public_https
    } else {
        traffic.internal_https
    }
}

/// The health check grace period in seconds: `http.healthcheck.grace_period`, else
/// `nlb.healthcheck.grace_period`, else the default.
fn grace_period(http: Option<&Http>, w: &Workload) -> u64 {
    http.and_then(|h| h.healthcheck.as_ref())
        .and_then(|hc| match hc {
            HttpHealthcheck::Args(a) => a.grace_period.as_deref().and_then(parse_seconds),
            HttpHealthcheck::Path(_) => None,
        })
        .or_else(|| {
            w.nlb
                .as_ref()
                .and_then(|n| n.healthcheck.as_ref())
                .and_then(|hc| hc.grace_period.as_deref())
                .and_then(parse_seconds)
        })
        .map(|s| s.round() as u64)
        .unwrap_or(DEFAULT_GRACE_PERIOD)
}

/// The capacity provider strategy for `spot`: none (plain Fargate), all on Fargate Spot,
/// or the first tasks on Fargate and the rest on Spot.
fn capacity_providers(spot: Spot) -> Vec<CapacityProvider> {
    let mut capacity_providers = Vec::new();
    match spot {
        Spot::None => {}
        Spot::All => capacity_providers.push(CapacityProvider {
            name: "FARGATE_SPOT".into(),
            base: None,
            weight: 1,
        }),
        Spot::From(k) => {
            capacity_providers.push(CapacityProvider {
                name: "FARGATE".into(),
                base: Some(k.saturating_sub(1)),
                weight: 0,
            });
            capacity_providers.push(CapacityProvider {
                name: "FARGATE_SPOT".into(),
                base: None,
                weight: 1,
            });
        }
    }
    capacity_providers
}

/// The deployment's minimum healthy and maximum percent, from `deployment.rolling`.
fn rolling(w: &Workload) -> Result<(u32, u32), RenderError> {
    match w.deployment.as_ref().and_then(|d| d.rolling.as_deref()) {
        None | Some("default") => Ok((100, 200)),
        Some("recreate") => Ok((0, 100)),
        Some(other) => Err(RenderError::unchecked(
            "deployment.rolling",
            format!("`{other}` is not a rolling strategy; use `default` or `recreate`"),
        )),
    }
}

#[allow(clippy::too_many_arguments)]
fn target_group(
    service: &str,
    index: usize,
    rule: &Http,
    main: &Http,
    field: &str,
    container: String,
    port: u16,
    listener: &str,
    used: &mut BTreeSet<u32>,
    slots: &mut Vec<RuleSlot>,
) -> Result<TargetGroup, RenderError> {
    let (path, _) = path_patterns(rule.path.as_deref());
    let conditions = listener_rule_conditions(rule).map_err(|e| {
        RenderError::unchecked(
            field,
            format!(
                "`{}` has more wildcards than a listener rule holds",
                e.value
            ),
        )
    })?;
    let base = if index == 0 {
        "ListenerRule".to_string()
    } else {
        format!("ListenerRule{}", index + 1)
    };
    let listener_export = imported_export(listener).unwrap_or_default();
    let mut rules = Vec::new();
    for (part, c) in conditions.into_iter().enumerate() {
        let logical = if part == 0 {
            base.clone()
        } else {
            format!("{base}Part{}", part + 1)
        };
        let has_conditions = !c.hosts.is_empty() || !c.source_ips.is_empty();
        let band = priority::band(&path, has_conditions);
        // The parts of a rule hash apart; two rules of the service never meet.
        let hashed = rule_priority(service, &path, has_conditions, index + 1000 * part);
        let preferred = priority::first_free(band, hashed, used).unwrap_or(hashed);
        used.insert(preferred);
        let parameter = format!("{logical}Priority");
        slots.push(RuleSlot {
            logical: logical.clone(),
            parameter: parameter.clone(),
            listener_export: listener_export.clone(),
            band,
            preferred,
        });
        rules.push(ListenerRule {
            logical,
            parameter,
            paths: c.paths,
            hosts: c.hosts,
            source_ips: c.source_ips,
        });
    }

    // An additional rule has its own health check, stickiness and deregistration delay
    // (each with the defaults when it sets none), as in Copilot; only the protocol version
    // follows the main rule's.
    let hc = rule.healthcheck.as_ref();
    let args = match hc {
        Some(HttpHealthcheck::Args(a)) => Some(a),
        _ => None,
    };
    let secs = |v: Option<&String>, name: &str, default: u64| {
        seconds_or(v, &format!("{field}.{name}"), default)
    };
    let health_path = match hc {
        Some(HttpHealthcheck::Path(p)) => p.clone(),
        Some(HttpHealthcheck::Args(a)) => a.path.clone().unwrap_or_else(|| "/".into()),
        None => "/".into(),
    };
    let version = rule
        .version
        .as_ref()
        .or(main.version.as_ref())
        .map(|v| v.to_ascii_uppercase());
    if let Some(v) = &version {
        if !matches!(v.as_str(), "GRPC" | "HTTP1" | "HTTP2") {
            return Err(RenderError::unchecked(
                format!("{field}.version"),
                format!("`{v}` is not a protocol version; use GRPC, HTTP1 or HTTP2"),
            ));
        }
    }
    let grpc = version.as_deref() == Some("GRPC");
    let interval = args
        .and_then(|a| a.interval.as_ref())
        .map(|v| secs(Some(v), "healthcheck.interval", 0))
        .transpose()?;
    let timeout = args
        .and_then(|a| a.timeout.as_ref())
        .map(|v| secs(Some(v), "healthcheck.timeout", 0))
        .transpose()?;
    let (interval, timeout) = healthcheck_pair(interval, timeout);
    Ok(TargetGroup {
        logical: if index == 0 {
            "TargetGroup".into()
        } else {
            format!("TargetGroup{}", index + 1)
        },
        container,
        port,
        protocol_version: version,
        health_path,
        health_port: args.and_then(|a| a.port).map(|p| p.to_string()),
        matcher_kind: if grpc { "GrpcCode" } else { "HttpCode" },
        matcher: args
            .and_then(|a| a.success_codes.clone())
            .unwrap_or_else(|| if grpc { "0" } else { "200" }.into()),
        healthy: args.and_then(|a| a.healthy_threshold),
        unhealthy: args.and_then(|a| a.unhealthy_threshold),
        interval,
        timeout,
        deregistration_delay: secs(
            rule.deregistration_delay.as_ref(),
            "deregistration_delay",
            DEFAULT_DEREGISTRATION_DELAY,
        )?,
        stickiness: rule.stickiness.unwrap_or(false),
        listener: listener.to_string(),
        http_listener: None,
        rules,
    })
}

/// The health check interval and timeout to render from those the manifest sets: ELB
/// refuses an interval that is not above the timeout, so when only one is set the other
/// leaves ELB's default (interval 30 s, timeout 5 s) only where that keeps the pair valid,
/// and otherwise is the nearest valid value (a timeout 1 s below the interval, at least
/// 2 s; an interval 1 s above the timeout). Both set are as given (validation checks them).
pub(super) fn healthcheck_pair(
    interval: Option<u64>,
    timeout: Option<u64>,
) -> (Option<u64>, Option<u64>) {
    match (interval, timeout) {
        (Some(i), None) if i <= ELB_DEFAULT_TIMEOUT => (Some(i), Some(i.saturating_sub(1).max(2))),
        (None, Some(t)) if t >= ELB_DEFAULT_INTERVAL => {
            (Some((t + 1).min(ELB_MAX_INTERVAL)), Some(t))
        }
        pair => pair,
    }
}
