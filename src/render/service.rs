//! The service stack of a Load Balanced Web Service or a Backend Service.
//!
//! Listener rule priorities (see [`rule_priority`]) are computed from the rule alone, so
//! adding or removing a service never renumbers the rules of the others.

use serde::Serialize;

use super::task::{import, seconds_or, task, Container, Port, Task};
use super::{parse_seconds, workload_stack, Images, RenderError, Rendered, SERVICE_TEMPLATE};
use crate::manifest::types::{
    path_patterns, AdvancedCount, Cooldown, Count, Http, HttpHealthcheck, HttpOrBool, Range,
    ScalingMetric, Workload, WorkloadType, MAX_CONDITION_VALUES,
};
use crate::names::export_name;

/// Copilot's scaling cooldowns when the manifest sets none: in 120 s, out 60 s.
const DEFAULT_SCALE_IN_COOLDOWN: u64 = 120;
const DEFAULT_SCALE_OUT_COOLDOWN: u64 = 60;
const DEFAULT_GRACE_PERIOD: u64 = 60;
const DEFAULT_DEREGISTRATION_DELAY: u64 = 60;
/// ELB's default health check timeout of an HTTP target group, in seconds.
const ELB_DEFAULT_TIMEOUT: u64 = 5;

#[derive(Serialize)]
struct Ctx {
    #[serde(flatten)]
    task: Task,
    desired_count: u32,
    capacity_providers: Vec<CapacityProvider>,
    min_healthy_percent: u32,
    max_percent: u32,
    /// YAML fragment.
    vpc_id: String,
    target_groups: Vec<TargetGroup>,
    grace_period: Option<u64>,
    scaling: Option<Scaling>,
    #[serde(flatten)]
    names: super::discovery::Names,
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

#[derive(Serialize)]
struct Scaling {
    min: u32,
    max: u32,
    policies: Vec<Policy>,
}

#[derive(Serialize)]
struct Policy {
    logical: String,
    /// `ECSServiceAverageCPUUtilization`, ... ; `None` for the response-time policy.
    predefined: Option<&'static str>,
    /// YAML fragment for `ResourceLabel` (ALBRequestCountPerTarget) or the LB dimension.
    load_balancer: Option<String>,
    target_group: Option<String>,
    target: f64,
    scale_in: u64,
    scale_out: u64,
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
) -> Result<Rendered, RenderError> {
    let w = workload;
    if w.kind == WorkloadType::ScheduledJob {
        return super::job::job(app, env_name, w, images);
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
        (None, None) if w.kind == WorkloadType::LoadBalancedWebService => Some(&http_default),
        _ => None,
    };
    if w.kind == WorkloadType::LoadBalancedWebService && http.is_none() {
        return Err(RenderError::unchecked(
            "http",
            "a Load Balanced Web Service without `http`",
        ));
    }

    let mut task = task(app, env_name, w, images)?;

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
    let grace_period = (!target_groups.is_empty()).then(|| grace_period(http));

    // --- service ----------------------------------------------------------------------
    let (desired_count, scaling_range, spot) = count(w.count.as_ref())?;
    let capacity_providers = capacity_providers(spot);
    let (min_healthy_percent, max_percent) = rolling(w)?;
    let scaling = match (scaling_range, &w.count) {
        (Some((min, max)), Some(Count::Advanced(adv))) => Some(Scaling {
            min,
            max,
            policies: policies(adv, &target_groups, &lb_full_name)?,
        }),
        _ => None,
    };

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
        desired_count,
        capacity_providers,
        min_healthy_percent,
        max_percent,
        vpc_id: import(&exp("VpcId")),
        target_groups,
        grace_period,
        scaling,
        names,
    };
    workload_stack(SERVICE_TEMPLATE, &ctx, app, env_name, &w.name, images)
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
/// the default.
fn grace_period(http: Option<&Http>) -> u64 {
    http.and_then(|h| h.healthcheck.as_ref())
        .and_then(|hc| match hc {
            HttpHealthcheck::Args(a) => a.grace_period.as_deref().and_then(parse_seconds),
            HttpHealthcheck::Path(_) => None,
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

enum Spot {
    None,
    All,
    From(u32),
}

/// Desired count, the autoscaling range, and how tasks use Fargate Spot.
#[allow(clippy::type_complexity)]
fn count(c: Option<&Count>) -> Result<(u32, Option<(u32, u32)>, Spot), RenderError> {
    let adv: &AdvancedCount = match c {
        None => return Ok((1, None, Spot::None)),
        Some(Count::Value(n)) => return Ok((*n, None, Spot::None)),
        Some(Count::Advanced(a)) => a,
    };
    if let Some(n) = adv.spot {
        return Ok((n, None, Spot::All));
    }
    let Some(range) = &adv.range else {
        return Ok((1, None, Spot::None));
    };
    let (min, max, spot_from) = match range {
        Range::Args(r) => (r.min, r.max, r.spot_from),
        Range::Text(t) => {
            let parsed = t
                .split_once('-')
                .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
            match parsed {
                Some((a, b)) => (a, b, None),
                None => {
                    return Err(RenderError::unchecked(
                        "count.range",
                        format!("`{t}` is not a range; write it like `1-10`"),
                    ))
                }
            }
        }
    };
    if min > max {
        return Err(RenderError::unchecked(
            "count.range",
            format!("min {min} is above max {max}"),
        ));
    }
    let spot = spot_from.map_or(Spot::None, Spot::From);
    Ok((min, Some((min, max)), spot))
}

fn policies(
    adv: &AdvancedCount,
    target_groups: &[TargetGroup],
    lb_full_name: &str,
) -> Result<Vec<Policy>, RenderError> {
    let cooldown = |c: Option<&Cooldown>, field: &str| -> Result<(u64, u64), RenderError> {
        let parse = |v: Option<&String>, default: u64, name: &str| match v {
            None => Ok(default),
            Some(t) => parse_seconds(t).map(|s| s.round() as u64).ok_or_else(|| {
                RenderError::unchecked(
                    format!("{field}.{name}"),
                    format!("`{t}` is not a duration; write it like `30s` or `1m30s`"),
                )
            }),
        };
        let global = adv.cooldown.as_ref();
        let scale_in = parse(
            c.and_then(|c| c.scale_in.as_ref())
                .or(global.and_then(|g| g.scale_in.as_ref())),
            DEFAULT_SCALE_IN_COOLDOWN,
            "cooldown.in",
        )?;
        let scale_out = parse(
            c.and_then(|c| c.scale_out.as_ref())
                .or(global.and_then(|g| g.scale_out.as_ref())),
            DEFAULT_SCALE_OUT_COOLDOWN,
            "cooldown.out",
        )?;
        Ok((scale_in, scale_out))
    };
    let value = |m: &ScalingMetric,
                 field: &str,
                 duration: bool|
     -> Result<(f64, Option<Cooldown>), RenderError> {
        match m.target(duration) {
            Some(n) => Ok((n, m.cooldown().cloned())),
            None => Err(RenderError::unchecked(
                field,
                if duration {
                    "write the target response time as a duration, like `2s` or `500ms`"
                } else {
                    "the target must be a positive number"
                },
            )),
        }
    };
    let mut out = Vec::new();
    let tg = target_groups.first().map(|t| t.logical.clone());
    for (field, metric, predefined) in [
        (
            "count.cpu_percentage",
            &adv.cpu_percentage,
            "ECSServiceAverageCPUUtilization",
        ),
        (
            "count.memory_percentage",
            &adv.memory_percentage,
            "ECSServiceAverageMemoryUtilization",
        ),
        ("count.requests", &adv.requests, "ALBRequestCountPerTarget"),
        ("count.response_time", &adv.response_time, ""),
    ] {
        let Some(m) = metric else { continue };
        let is_lb = predefined.is_empty() || predefined == "ALBRequestCountPerTarget";
        if is_lb && tg.is_none() {
            return Err(RenderError::unchecked(
                field,
                "scaling on requests or response time needs `http` (a load balancer target)",
            ));
        }
        let (target, cd) = value(m, field, predefined.is_empty())?;
        let (scale_in, scale_out) = cooldown(cd.as_ref(), field)?;
        let logical = match field {
            "count.cpu_percentage" => "CpuScalingPolicy",
            "count.memory_percentage" => "MemoryScalingPolicy",
            "count.requests" => "RequestsScalingPolicy",
            _ => "ResponseTimeScalingPolicy",
        };
        out.push(Policy {
            logical: logical.into(),
            predefined: (!predefined.is_empty()).then_some(predefined),
            load_balancer: is_lb.then(|| lb_full_name.to_string()),
            target_group: if is_lb { tg.clone() } else { None },
            target,
            scale_in,
            scale_out,
        });
    }
    Ok(out)
}
