//! A service's task count: the desired count, Fargate Spot, and with `count.range` the
//! scalable target and one target tracking policy per `count` metric, as in Copilot.
//!
//! Each policy has its own cooldowns: the metric's `cooldown`, else `count.cooldown`, else
//! Copilot's 120 s in and 60 s out, field by field. Application Auto Scaling runs the
//! policies side by side and keeps the largest count any of them asks for.
//!
//! `count.queue_delay` (Worker Services) tracks the backlog per task: the messages visible
//! in all of the service's queues (`AWS/SQS` `ApproximateNumberOfMessagesVisible`) divided
//! by its running tasks (`ECS/ContainerInsights` `RunningTaskCount`, which needs Container
//! Insights on the cluster; the `AWS/ECS` namespace has no task count), computed by metric
//! math inside the policy, as the Application Auto Scaling guide's SQS example does. The
//! target is Copilot's acceptable backlog per task, `ceil(acceptable_latency /
//! msg_processing_time)`. Copilot publishes the same ratio per queue from a Lambda function
//! every minute and tracks each queue with a policy of its own; tug needs no function.

use serde::Serialize;

use super::{parse_seconds, RenderError};
use crate::manifest::types::{AdvancedCount, Cooldown, Count, QueueDelay, Range, ScalingMetric};

/// The stack parameters that hold a service's task count: `DesiredCount` without a range,
/// `MinCount` and `MaxCount` (the scalable target's) with one. `tug svc scale` changes them
/// and nothing else; the template records the manifest's values at deploy time as outputs
/// ([`manifest_output`]), so the next deploy can tell a scaled value from a manifest change.
pub const DESIRED_COUNT: &str = "DesiredCount";
pub const MIN_COUNT: &str = "MinCount";
pub const MAX_COUNT: &str = "MaxCount";
pub const COUNT_PARAMETERS: [&str; 3] = [DESIRED_COUNT, MIN_COUNT, MAX_COUNT];

/// The output holding the manifest's value of count parameter `parameter` at the last deploy.
pub fn manifest_output(parameter: &str) -> String {
    format!("Manifest{parameter}")
}

/// One count parameter of a service stack, with the manifest's value.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct CountParameter {
    pub(super) name: &'static str,
    pub(super) value: u32,
    description: &'static str,
}

/// The count parameters of a service that runs `desired` tasks, or scales in `range`.
pub(super) fn count_parameters(desired: u32, range: Option<(u32, u32)>) -> Vec<CountParameter> {
    match range {
        None => vec![CountParameter {
            name: DESIRED_COUNT,
            value: desired,
            description: "How many tasks the service runs (tug svc scale --count changes it).",
        }],
        Some((min, max)) => vec![
            CountParameter {
                name: MIN_COUNT,
                value: min,
                description:
                    "The fewest tasks autoscaling keeps (tug svc scale --range changes it).",
            },
            CountParameter {
                name: MAX_COUNT,
                value: max,
                description: "The most tasks autoscaling runs (tug svc scale --range changes it).",
            },
        ],
    }
}

/// Copilot's scaling cooldowns when the manifest sets none: in 120 s, out 60 s.
const DEFAULT_SCALE_IN_COOLDOWN: u64 = 120;
const DEFAULT_SCALE_OUT_COOLDOWN: u64 = 60;

/// The scalable target (its bounds are the `MinCount` and `MaxCount` parameters) and its
/// policies.
#[derive(Serialize)]
pub(super) struct Scaling {
    policies: Vec<Policy>,
}

#[derive(Serialize)]
struct Policy {
    logical: String,
    /// `ECSServiceAverageCPUUtilization`, ... ; `None` for a customized metric.
    predefined: Option<&'static str>,
    /// YAML fragment for `ResourceLabel` (ALBRequestCountPerTarget) or the LB dimension.
    load_balancer: Option<String>,
    target_group: Option<String>,
    /// Metric math (`CustomizedMetricSpecification.Metrics`); empty for the other metrics.
    queries: Vec<MetricQuery>,
    target: f64,
    scale_in: u64,
    scale_out: u64,
}

/// One `TargetTrackingMetricDataQuery`: a metric, or an expression over the others' ids.
#[derive(Serialize, Debug, PartialEq)]
struct MetricQuery {
    /// Starts with a lowercase letter; letters, digits and `_`.
    id: String,
    label: String,
    metric: Option<Metric>,
    expression: Option<String>,
    /// True for exactly one query of a policy: the expression it tracks.
    return_data: bool,
}

#[derive(Serialize, Debug, PartialEq)]
struct Metric {
    namespace: &'static str,
    name: &'static str,
    dimensions: Vec<Dimension>,
    stat: &'static str,
}

#[derive(Serialize, Debug, PartialEq)]
struct Dimension {
    name: &'static str,
    /// YAML fragment.
    value: String,
}

/// How a service's tasks use Fargate Spot.
pub(super) enum Spot {
    None,
    All,
    /// The first `n - 1` tasks on Fargate, the rest on Spot (`range.spot_from: n`).
    From(u32),
}

/// Desired count, the autoscaling range, and how tasks use Fargate Spot.
#[allow(clippy::type_complexity)]
pub(super) fn count(c: Option<&Count>) -> Result<(u32, Option<(u32, u32)>, Spot), RenderError> {
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

/// What the policies of a service scale on, besides its own CPU and memory.
pub(super) struct Targets<'a> {
    /// The logical id of the service's first target group, when it has a load balancer.
    pub(super) target_group: Option<&'a str>,
    /// YAML fragment: the load balancer's full name.
    pub(super) load_balancer: &'a str,
    /// The logical ids of the service's SQS queues (a Worker Service's).
    pub(super) queues: Vec<&'a str>,
    /// YAML fragment: the cluster's name.
    pub(super) cluster: &'a str,
}

/// The scalable target and its policies, when `count` has a range.
pub(super) fn scaling(
    range: Option<(u32, u32)>,
    count: Option<&Count>,
    targets: &Targets<'_>,
) -> Result<Option<Scaling>, RenderError> {
    match (range, count) {
        (Some(_), Some(Count::Advanced(adv))) => Ok(Some(Scaling {
            policies: policies(adv, targets)?,
        })),
        _ => Ok(None),
    }
}

/// The scale-in and scale-out cooldowns of a metric: its own, else `count.cooldown`'s, else
/// Copilot's defaults, field by field.
fn cooldowns(
    own: Option<&Cooldown>,
    global: Option<&Cooldown>,
    field: &str,
) -> Result<(u64, u64), RenderError> {
    let parse = |v: Option<&String>, default: u64, name: &str| match v {
        None => Ok(default),
        Some(t) => parse_seconds(t).map(|s| s.round() as u64).ok_or_else(|| {
            RenderError::unchecked(
                format!("{field}.{name}"),
                format!("`{t}` is not a duration; write it like `30s` or `1m30s`"),
            )
        }),
    };
    let scale_in = parse(
        own.and_then(|c| c.scale_in.as_ref())
            .or(global.and_then(|g| g.scale_in.as_ref())),
        DEFAULT_SCALE_IN_COOLDOWN,
        "cooldown.in",
    )?;
    let scale_out = parse(
        own.and_then(|c| c.scale_out.as_ref())
            .or(global.and_then(|g| g.scale_out.as_ref())),
        DEFAULT_SCALE_OUT_COOLDOWN,
        "cooldown.out",
    )?;
    Ok((scale_in, scale_out))
}

fn policies(adv: &AdvancedCount, targets: &Targets<'_>) -> Result<Vec<Policy>, RenderError> {
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
    let tg = targets.target_group.map(str::to_string);
    for (field, metric, predefined, logical) in [
        (
            "count.cpu_percentage",
            &adv.cpu_percentage,
            "ECSServiceAverageCPUUtilization",
            "CpuScalingPolicy",
        ),
        (
            "count.memory_percentage",
            &adv.memory_percentage,
            "ECSServiceAverageMemoryUtilization",
            "MemoryScalingPolicy",
        ),
        (
            "count.requests",
            &adv.requests,
            "ALBRequestCountPerTarget",
            "RequestsScalingPolicy",
        ),
        (
            "count.response_time",
            &adv.response_time,
            "",
            "ResponseTimeScalingPolicy",
        ),
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
        let (scale_in, scale_out) = cooldowns(cd.as_ref(), adv.cooldown.as_ref(), field)?;
        out.push(Policy {
            logical: logical.into(),
            predefined: (!predefined.is_empty()).then_some(predefined),
            load_balancer: is_lb.then(|| targets.load_balancer.to_string()),
            target_group: if is_lb { tg.clone() } else { None },
            queries: Vec::new(),
            target,
            scale_in,
            scale_out,
        });
    }
    if let Some(q) = &adv.queue_delay {
        out.push(queue_policy(q, adv.cooldown.as_ref(), targets)?);
    }
    Ok(out)
}

/// Copilot's acceptable backlog per task: `ceil(acceptable_latency / msg_processing_time)`,
/// on whole nanoseconds as Copilot computes it (Go's `time.Duration`), so `10m` / `250ms` is
/// 2400 and `1m` / `7s` is 9. `None` when either is no duration or the time is 0.
fn backlog_per_task(latency: &str, processing: &str) -> Option<u64> {
    let nanos = |t: &str| parse_seconds(t).map(|s| (s * 1e9).round() as u128);
    let (latency, processing) = (nanos(latency)?, nanos(processing)?);
    (processing > 0).then(|| latency.div_ceil(processing) as u64)
}

/// The target tracking policy of `count.queue_delay`: backlog per task by metric math.
fn queue_policy(
    q: &QueueDelay,
    global: Option<&Cooldown>,
    targets: &Targets<'_>,
) -> Result<Policy, RenderError> {
    const FIELD: &str = "count.queue_delay";
    let target = match (&q.acceptable_latency, &q.msg_processing_time) {
        (Some(l), Some(p)) => backlog_per_task(l, p),
        _ => None,
    }
    .ok_or_else(|| {
        RenderError::unchecked(
            FIELD,
            "needs `acceptable_latency` and a `msg_processing_time` above 0, both durations",
        )
    })?;
    if targets.queues.is_empty() {
        return Err(RenderError::unchecked(
            FIELD,
            "scaling on a queue's backlog needs a Worker Service's queues",
        ));
    }
    let (scale_in, scale_out) = cooldowns(q.cooldown.as_ref(), global, FIELD)?;
    Ok(Policy {
        logical: "QueueDelayScalingPolicy".into(),
        predefined: None,
        load_balancer: None,
        target_group: None,
        queries: backlog_queries(&targets.queues, targets.cluster),
        target: target as f64,
        scale_in,
        scale_out,
    })
}

/// The metric math of the backlog per task: one query per queue (`queue0`, `queue1`, ...),
/// the running task count (`tasks`), and `backlog_per_task`, their sum divided by the
/// count, the one query that returns data.
fn backlog_queries(queues: &[&str], cluster: &str) -> Vec<MetricQuery> {
    let mut out: Vec<MetricQuery> = queues
        .iter()
        .enumerate()
        .map(|(i, logical)| MetricQuery {
            id: format!("queue{i}"),
            label: format!("Messages visible in {logical}"),
            metric: Some(Metric {
                namespace: "AWS/SQS",
                name: "ApproximateNumberOfMessagesVisible",
                dimensions: vec![Dimension {
                    name: "QueueName",
                    value: format!("!GetAtt {logical}.QueueName"),
                }],
                stat: "Sum",
            }),
            expression: None,
            return_data: false,
        })
        .collect();
    let sum = (0..queues.len())
        .map(|i| format!("queue{i}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let expression = match queues.len() {
        1 => format!("{sum} / tasks"),
        _ => format!("({sum}) / tasks"),
    };
    out.push(MetricQuery {
        id: "tasks".into(),
        label: "Running tasks of the service".into(),
        metric: Some(Metric {
            namespace: "ECS/ContainerInsights",
            name: "RunningTaskCount",
            dimensions: vec![
                Dimension {
                    name: "ClusterName",
                    value: cluster.to_string(),
                },
                Dimension {
                    name: "ServiceName",
                    value: "!GetAtt Service.Name".into(),
                },
            ],
            stat: "Average",
        }),
        expression: None,
        return_data: false,
    });
    out.push(MetricQuery {
        id: "backlog_per_task".into(),
        label: "Messages waiting per running task".into(),
        metric: None,
        expression: Some(expression),
        return_data: true,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_copilots_backlog_per_task_rounded_up() {
        // Copilot's documented example: 10 minutes at 250 ms a message.
        assert_eq!(backlog_per_task("10m", "250ms"), Some(2400));
        assert_eq!(backlog_per_task("1m", "7s"), Some(9), "8.57 rounds up");
        assert_eq!(backlog_per_task("30s", "30s"), Some(1));
        // Exact on whole nanoseconds: no floating-point 3.0000000000000004 -> 4.
        assert_eq!(backlog_per_task("0.3s", "100ms"), Some(3));
        assert_eq!(backlog_per_task("1h", "1.2s"), Some(3000));
        assert_eq!(backlog_per_task("10m", "0s"), None);
        assert_eq!(backlog_per_task("soon", "1s"), None);
    }

    #[test]
    fn the_backlog_is_every_queue_over_the_running_tasks() {
        let q = backlog_queries(
            &["EventsQueue", "ApiRefundsEventsQueue"],
            "!ImportValue \"c\"",
        );
        let ids: Vec<&str> = q.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["queue0", "queue1", "tasks", "backlog_per_task"]);
        // Ids: a lowercase letter first, then letters, digits and `_`.
        for id in &ids {
            assert!(id.starts_with(|c: char| c.is_ascii_lowercase()), "{id}");
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        }
        let last = q.last().unwrap();
        assert_eq!(
            last.expression.as_deref(),
            Some("(queue0 + queue1) / tasks")
        );
        assert_eq!(q.iter().filter(|q| q.return_data).count(), 1);
        assert!(last.return_data && last.metric.is_none());
        let queue1 = q[1].metric.as_ref().unwrap();
        assert_eq!(
            (queue1.namespace, queue1.name, queue1.stat),
            ("AWS/SQS", "ApproximateNumberOfMessagesVisible", "Sum")
        );
        assert_eq!(
            queue1.dimensions[0].value,
            "!GetAtt ApiRefundsEventsQueue.QueueName"
        );
        let tasks = q[2].metric.as_ref().unwrap();
        assert_eq!(
            (tasks.namespace, tasks.name),
            ("ECS/ContainerInsights", "RunningTaskCount")
        );
        let dims: Vec<(&str, &str)> = tasks
            .dimensions
            .iter()
            .map(|d| (d.name, d.value.as_str()))
            .collect();
        assert_eq!(
            dims,
            [
                ("ClusterName", "!ImportValue \"c\""),
                ("ServiceName", "!GetAtt Service.Name")
            ]
        );
        let one = backlog_queries(&["EventsQueue"], "c");
        assert_eq!(
            one.last().unwrap().expression.as_deref(),
            Some("queue0 / tasks")
        );
    }

    #[test]
    fn each_metric_keeps_its_own_cooldowns() {
        let cd = |i: Option<&str>, o: Option<&str>| Cooldown {
            scale_in: i.map(str::to_string),
            scale_out: o.map(str::to_string),
        };
        let global = cd(Some("90s"), None);
        // Its own `in`, the global `in` under its own `out`, Copilot's `out`.
        assert_eq!(
            cooldowns(Some(&cd(Some("10s"), Some("20s"))), Some(&global), "f").unwrap(),
            (10, 20)
        );
        assert_eq!(
            cooldowns(Some(&cd(None, Some("45s"))), Some(&global), "f").unwrap(),
            (90, 45)
        );
        assert_eq!(cooldowns(None, Some(&global), "f").unwrap(), (90, 60));
        assert_eq!(cooldowns(None, None, "f").unwrap(), (120, 60));
        assert!(cooldowns(Some(&cd(Some("soon"), None)), None, "f").is_err());
    }
}
