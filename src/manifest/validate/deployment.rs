//! The rules for `deployment.rollback_alarms`: what CloudWatch and ECS would refuse, and
//! thresholds that would fail every deployment or none.

use super::*;

/// CloudWatch's longest alarm name.
const MAX_ALARM_NAME: usize = 255;

pub(super) fn rollback_alarm_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(alarms) = w
        .deployment
        .as_ref()
        .and_then(|d| d.rollback_alarms.as_ref())
    else {
        return;
    };
    let args = match alarms {
        RollbackAlarms::Names(names) => {
            for (i, name) in names.iter().enumerate() {
                alarm_name_rule(r, i, name);
            }
            return;
        }
        RollbackAlarms::Args(a) => a,
    };
    for (name, value) in [
        ("cpu_utilization", args.cpu_utilization),
        ("memory_utilization", args.memory_utilization),
    ] {
        let Some(v) = value else { continue };
        if !(v > 0.0 && v <= 100.0) {
            r.error(
                &format!("deployment.rollback_alarms.{name}"),
                "bad-percentage",
                format!(
                    "`deployment.rollback_alarms.{name}` must be above 0 and at most 100, not {v}"
                ),
                "the alarm fires at or above this percentage; at 0 it would roll back every \
                 deployment, above 100 none",
            );
        }
    }
    let Some(n) = args.messages_delayed else {
        return;
    };
    let at = "deployment.rollback_alarms.messages_delayed";
    if w.kind != WorkloadType::WorkerService {
        r.error_at_key(
            at,
            "needs-queue",
            format!(
                "`messages_delayed` watches a Worker Service's queue, and a {} has none",
                w.kind.name()
            ),
            "alarm on `cpu_utilization` or `memory_utilization`, or name an alarm of your own",
        );
    } else if n == 0 {
        r.error(
            at,
            "bad-value",
            "`deployment.rollback_alarms.messages_delayed` must be 1 or more".into(),
            "the alarm fires at or above this many delayed messages; at 0 it would roll back \
             every deployment",
        );
    }
}

/// An existing alarm's name, as CloudWatch takes it: 1 to 255 characters, no control
/// characters.
fn alarm_name_rule(r: &mut Rules<'_>, i: usize, name: &str) {
    let len = name.chars().count();
    let why = if len == 0 {
        Some("it is empty".to_string())
    } else if len > MAX_ALARM_NAME {
        Some(format!(
            "it has {len} characters, and CloudWatch takes at most {MAX_ALARM_NAME}"
        ))
    } else if name.chars().any(char::is_control) {
        Some("it holds a control character".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        r.error(
            &format!("deployment.rollback_alarms[{i}]"),
            "bad-alarm-name",
            format!("`deployment.rollback_alarms[{i}]` is not a CloudWatch alarm name: {why}"),
            "write the name of an existing CloudWatch alarm, as `aws cloudwatch describe-alarms` \
             lists it",
        );
    }
}
