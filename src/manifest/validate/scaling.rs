//! The rules for `count`: task counts, autoscaling ranges and metrics, Spot.

use super::*;

pub(super) fn count_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(Count::Advanced(c)) = &w.count else {
        return;
    };
    let metric_set = c.cpu_percentage.is_some()
        || c.memory_percentage.is_some()
        || c.requests.is_some()
        || c.response_time.is_some()
        || c.queue_delay.is_some();
    if c.spot.is_some() && (c.range.is_some() || metric_set) {
        r.error_at_key(
            "count.spot",
            "exclusive-fields",
            "`count.spot` cannot be combined with autoscaling (`range` and its metrics)".into(),
            "for Spot with autoscaling, use `range: {min, max, spot_from}` instead of `spot`",
        );
    }
    match &c.range {
        Some(range) => {
            let bounds = match range {
                Range::Text(t) => match parse_range(t) {
                    Some(b) => Some(b),
                    None => {
                        r.error(
                            "count.range",
                            "bad-range",
                            format!("`count.range` must look like `1-10`, not \"{t}\""),
                            "write the minimum and maximum task counts as `min-max`",
                        );
                        None
                    }
                },
                Range::Args(a) => Some((a.min, a.max)),
            };
            if let Some((min, max)) = bounds {
                if min > max {
                    r.error(
                        "count.range",
                        "bad-range",
                        format!("`count.range` minimum {min} is above its maximum {max}"),
                        format!("swap them: `{max}-{min}`"),
                    );
                }
                if let Range::Args(RangeArgs {
                    spot_from: Some(s), ..
                }) = range
                {
                    if *s > max {
                        r.error(
                            "count.range.spot_from",
                            "bad-range",
                            format!("`spot_from` {s} is above the maximum {max}: no task would run on Spot"),
                            "set `spot_from` between `min` and `max`",
                        );
                    }
                }
            }
            if !metric_set && c.spot.is_none() {
                r.error_at_key(
                    "count.range",
                    "missing-metric",
                    "`count.range` is set but no scaling metric is".into(),
                    "add `cpu_percentage`, `memory_percentage`, `requests`, `response_time` or `queue_delay`",
                );
            }
        }
        None if metric_set => r.error(
            "count",
            "missing-range",
            "a scaling metric is set but `count.range` is not".into(),
            "add `range: 1-10` (the minimum and maximum task counts)",
        ),
        None => {}
    }
    for (name, metric) in [
        ("cpu_percentage", &c.cpu_percentage),
        ("memory_percentage", &c.memory_percentage),
    ] {
        if let Some(v) = metric.as_ref().and_then(metric_number) {
            if !(0.0..=100.0).contains(&v) || v == 0.0 {
                r.error(
                    &format!("count.{name}"),
                    "bad-percentage",
                    format!("`count.{name}` must be above 0 and at most 100, not {v}"),
                    "a target around 50-70 leaves room for spikes",
                );
            }
        }
    }
    if let Some(q) = &c.queue_delay {
        if w.kind != WorkloadType::WorkerService {
            r.error_at_key(
                "count.queue_delay",
                "needs-queue",
                format!(
                    "scaling on `queue_delay` needs a Worker Service's queues, and a {} has none",
                    w.kind.name()
                ),
                "scale on `cpu_percentage` or `memory_percentage`",
            );
        }
        match (&q.acceptable_latency, &q.msg_processing_time) {
            (Some(lat), Some(proc_)) => {
                let lat = r.duration("count.queue_delay.acceptable_latency", Some(lat));
                let proc_ = r.duration("count.queue_delay.msg_processing_time", Some(proc_));
                if let (Some(lat), Some(p)) = (lat, proc_) {
                    // Whole nanoseconds, as render (and Copilot) divide them.
                    if (p * 1e9).round() < 1.0 {
                        r.error(
                            "count.queue_delay.msg_processing_time",
                            "bad-queue-delay",
                            "`msg_processing_time` must be above 0".into(),
                            "the tasks' target backlog is `acceptable_latency` divided by it",
                        );
                    } else if p > lat {
                        r.error(
                            "count.queue_delay.msg_processing_time",
                            "bad-queue-delay",
                            "`msg_processing_time` is longer than `acceptable_latency`".into(),
                            "a message must be processed within the latency you accept",
                        );
                    }
                }
            }
            _ => r.error(
                "count.queue_delay",
                "missing-field",
                "`count.queue_delay` needs both `acceptable_latency` and `msg_processing_time`"
                    .into(),
                "e.g. `acceptable_latency: 10m` and `msg_processing_time: 250ms`",
            ),
        }
    }
}

fn metric_number(m: &ScalingMetric) -> Option<f64> {
    match m {
        ScalingMetric::Number(n) => n.as_f64(),
        ScalingMetric::Args(ScalingMetricArgs {
            value: ScalarValue::Number(n),
            ..
        }) => n.as_f64(),
        _ => None,
    }
}

/// The scaling metrics, by field name, in the order render makes their policies.
pub(super) fn metrics(c: &AdvancedCount) -> [(&'static str, Option<&ScalingMetric>); 4] {
    [
        ("cpu_percentage", c.cpu_percentage.as_ref()),
        ("memory_percentage", c.memory_percentage.as_ref()),
        ("requests", c.requests.as_ref()),
        ("response_time", c.response_time.as_ref()),
    ]
}

/// Each metric's target, and the load balancer the request metrics need.
pub(super) fn metric_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(Count::Advanced(c)) = &w.count else {
        return;
    };
    let load_balanced = match &w.http {
        Some(HttpOrBool::Config(_)) => true,
        None => w.kind == WorkloadType::LoadBalancedWebService && w.nlb.is_none(),
        Some(HttpOrBool::Enabled(_)) => false,
    };
    for (name, metric) in metrics(c) {
        let Some(m) = metric else { continue };
        let at = format!("count.{name}");
        let duration = name == "response_time";
        if matches!(name, "requests" | "response_time") && !load_balanced {
            r.error_at_key(
                &at,
                "needs-http",
                format!("scaling on `{name}` needs `http`: it counts a load balancer's traffic"),
                "scale on `cpu_percentage` or `memory_percentage`, or add `http`",
            );
            continue;
        }
        // Already reported: a percentage out of range, or a response time that is no duration.
        let reported = match m {
            ScalingMetric::Text(t) if duration => parse_duration(t).is_none(),
            _ => !duration && name != "requests" && metric_number(m).is_some(),
        };
        if reported || m.target(duration).is_some() {
            continue;
        }
        let (message, help) = if duration {
            (
                format!("`{at}` must be a duration above 0"),
                "write the target response time like `2s` or `500ms`",
            )
        } else {
            (
                format!("`{at}` must be a number above 0"),
                "write the target like `70` (or `\"70%\"` for a percentage)",
            )
        };
        r.error(&at, "bad-metric", message, help);
    }
}
