//! The service stack of a Load Balanced Web Service or a Backend Service.
//!
//! Listener rule priorities (see [`rule_priority`]) are computed from the rule alone, so
//! adding or removing a service never renumbers the rules of the others.

use crate::addons::Addons;
use serde::Serialize;

use super::alarms::{self, RollbackAlarmSet};
use super::scaling::{self, Scaling, Spot, Targets};
use super::task::{import, seconds_or, task, Container, Port, Task};
use super::{parse_seconds, workload_stack, Images, RenderError, Rendered, SERVICE_TEMPLATE};
use crate::manifest::types::{
    path_patterns, Http, HttpHealthcheck, HttpOrBool, Workload, WorkloadType, MAX_CONDITION_VALUES,
};
use crate::names::export_name;

const DEFAULT_GRACE_PERIOD: u64 = 60;
const DEFAULT_DEREGISTRATION_DELAY: u64 = 60;
/// ELB's default health check timeout of an HTTP target group, in seconds.
const ELB_DEFAULT_TIMEOUT: u64 = 5;

#[derive(Serialize)]
struct Ctx {
    #[serde(flatten)]
    task: Task,
    /// The stack parameters of the task count (`scaling::count_parameters`).
    count_parameters: Vec<scaling::CountParameter>,
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
    /// `nlb` (src/render/nlb.rs).
    nlb: Option<super::nlb::NetworkLoadBalancer>,
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
    name: &'static str,
    base: Option<u32>,
    weight: u32,
}

#[derive(Serialize)]
struct TargetGroup {
    logical: String,
    rule_logical: String,
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
    priority: u32,
    paths: Vec<String>,
    hosts: Vec<String>,
    source_ips: Vec<String>,
}

/// Renders the stack `tug-<app>-<env>-<workload>` of a workload: a Load Balanced Web
/// Service, a Backend Service, a Worker Service (no load balancer; its queues come from
/// `messaging.rs`) or a Scheduled Job (rendered by `job.rs`). `images` are the image URIs the containers run (the main
/// container's is passed as the `ContainerImage` parameter).
pub fn service(
    app: &str,
    env_name: &str,
    workload: &Workload,
    images: &Images,
    addons: Option<&Addons>,
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
    let (listener, lb_full_name) = if w.kind == WorkloadType::LoadBalancedWebService {
        (
            import(&exp("PublicListenerArn")),
            import(&exp("PublicLoadBalancerFullName")),
        )
    } else {
        (
            import(&exp("InternalListenerArn")),
            import(&exp("InternalLoadBalancerFullName")),
        )
    };
    let target_groups = match http {
        Some(h) => target_groups(w, h, &mut task.containers, &listener)?,
        None => Vec::new(),
    };
    let nlb = super::nlb::nlb(app, env_name, w, &mut task.containers)?;
    if nlb.is_some() {
        task.security_groups
            .push(super::nlb::target_security_group());
    }
    let grace_period = (!target_groups.is_empty() || nlb.is_some()).then(|| grace_period(http, w));

    // --- service ----------------------------------------------------------------------
    let (desired_count, scaling_range, spot) = scaling::count(w.count.as_ref())?;
    let capacity_providers = capacity_providers(spot);
    let (min_healthy_percent, max_percent) = rolling(w)?;
    let targets = Targets {
        target_group: target_groups.first().map(|t| t.logical.as_str()),
        load_balancer: &lb_full_name,
        queues: task.messaging.queue_logicals(),
        cluster: &task.cluster,
    };
    let scaling = scaling::scaling(scaling_range, w.count.as_ref(), &targets)?;
    let counts = scaling::count_parameters(desired_count, scaling_range);
    let rollback_alarms = alarms::rollback_alarms(app, env_name, w, &task.cluster)?;

    // The port other services reach: the main rule's target, else `image.port`.
    let target = match target_groups.first() {
        Some(tg) => Some((tg.container.clone(), tg.port)),
        None => task
            .containers
            .first()
            .and_then(|c| c.ports.first().map(|p| (c.name.clone(), p.port))),
    };
    let names = super::discovery::names(app, env_name, w, target, &mut task.containers);
    let ctx = Ctx {
        task,
        count_parameters: counts,
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
        nlb,
    };
    let mut rendered = workload_stack(SERVICE_TEMPLATE, &ctx, app, env_name, &w.name, images)?;
    for p in &ctx.count_parameters {
        rendered
            .parameters
            .insert(p.name.to_string(), p.value.to_string());
    }
    Ok(rendered)
}

/// The target groups and listener rules of the main `http` rule `h` and its
/// `additional_rules`, in that order, on `listener`. The port a rule targets is added to
/// its container's port mappings when missing.
fn target_groups(
    w: &Workload,
    h: &Http,
    containers: &mut [Container],
    listener: &str,
) -> Result<Vec<TargetGroup>, RenderError> {
    let mut target_groups = Vec::new();
    let mut rules = vec![(h, "http".to_string())];
    for (i, r) in h.additional_rules.iter().flatten().enumerate() {
        rules.push((r, format!("http.additional_rules[{i}]")));
    }
    let mut used = Vec::new();
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
            &w.name, i, rule, h, field, container, port, listener, &mut used,
        )?);
    }
    Ok(target_groups)
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
            name: "FARGATE_SPOT",
            base: None,
            weight: 1,
        }),
        Spot::From(k) => {
            capacity_providers.push(CapacityProvider {
                name: "FARGATE",
                base: Some(k.saturating_sub(1)),
                weight: 0,
            });
            capacity_providers.push(CapacityProvider {
                name: "FARGATE_SPOT",
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

/// The priority of a listener rule (1 = evaluated first, 50000 = last), from the rule alone.
///
/// Scheme: 100 buckets of 500 priorities, one per path length (paths of 99 characters or
/// more share the first bucket, a length of 2 the 98th), so longer, more specific paths are
/// evaluated first; the catch-all `/` has the last bucket (49501-50000). Inside a bucket,
/// rules with host-header or source-ip conditions take the first 250 slots, plain rules the
/// last 250, so `example.com/` beats `/`. The slot is a stable FNV-1a hash of the service
/// name, path and rule index: the same service always gets the same priority, and adding a
/// service never renumbers the others. Two rules of one service that collide are moved
/// to the next free slot by the caller; two services colliding (about 1 in 250 for rules
/// of the same path length and kind) fail at deploy time with "Priority is in use".
pub fn rule_priority(service: &str, path: &str, has_conditions: bool, index: usize) -> u32 {
    let length = path.chars().count();
    let bucket: u32 = if path == "/" {
        99
    } else {
        99 - (length.clamp(2, 99) as u32)
    };
    let half = if has_conditions { 0 } else { 250 };
    bucket * 500 + half + slot(service, path, index) + 1
}

fn slot(service: &str, path: &str, index: usize) -> u32 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in service
        .bytes()
        .chain([0])
        .chain(path.bytes())
        .chain([0])
        .chain(index.to_le_bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    (h % 250) as u32
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
    used: &mut Vec<u32>,
) -> Result<TargetGroup, RenderError> {
    let (path, paths) = path_patterns(rule.path.as_deref());
    let hosts: Vec<String> = rule.alias.as_ref().map(|a| a.names()).unwrap_or_default();
    let source_ips = rule.allowed_source_ips.clone().unwrap_or_default();
    let values = paths.len() + hosts.len() + source_ips.len();
    if values > MAX_CONDITION_VALUES {
        return Err(RenderError::unchecked(
            field,
            format!(
                "this rule needs {values} condition values (paths, aliases, allowed_source_ips) but a load balancer rule holds at most {MAX_CONDITION_VALUES}; use fewer aliases or source IPs, or a path of `/`"
            ),
        ));
    }
    let has_conditions = !hosts.is_empty() || !source_ips.is_empty();
    let mut priority = rule_priority(service, &path, has_conditions, index);
    while used.contains(&priority) {
        let base = (priority - 1) / 250 * 250;
        priority = base + (priority - base) % 250 + 1;
    }
    used.push(priority);

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
    let timeout = match args.and_then(|a| a.timeout.as_ref()) {
        Some(v) => Some(secs(Some(v), "healthcheck.timeout", 0)?),
        // ELB's default timeout (5 s) must stay below a shorter interval the manifest sets.
        None => interval
            .filter(|i| *i <= ELB_DEFAULT_TIMEOUT)
            .map(|i| i.saturating_sub(1).max(2)),
    };
    Ok(TargetGroup {
        logical: if index == 0 {
            "TargetGroup".into()
        } else {
            format!("TargetGroup{}", index + 1)
        },
        rule_logical: if index == 0 {
            "ListenerRule".into()
        } else {
            format!("ListenerRule{}", index + 1)
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
        priority,
        paths,
        hosts,
        source_ips,
    })
}
