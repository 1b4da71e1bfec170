//! The stack of a Scheduled Job, as Copilot builds it: the task definition (shared with
//! services, see `task.rs`), a Step Functions state machine that runs one task with
//! `ecs:runTask.sync` (retried `retries` times, stopped after `timeout`), and an EventBridge
//! rule that starts the state machine on the schedule (see `schedule.rs`).

use crate::addons::Addons;
use serde::Serialize;

use super::task::{task, Task};
use super::{parse_seconds, schedule_expression, workload_stack, Images, RenderError, Rendered};
use crate::manifest::types::Workload;

/// Seconds between the first attempt and the first retry; each next wait is 1.5 times longer.
const RETRY_INTERVAL: u64 = 10;

#[derive(Serialize)]
struct Ctx {
    #[serde(flatten)]
    task: Task,
    schedule: String,
    /// The state machine definition (JSON) with `${Cluster}`, `${TaskDefinition}`,
    /// `${Subnets}` and `${SecurityGroups}` for `!Sub` to fill in.
    definition: String,
}

pub(super) fn job(
    app: &str,
    env_name: &str,
    w: &Workload,
    images: &Images,
    addons: Option<&Addons>,
) -> Result<Rendered, RenderError> {
    let on = w
        .on
        .as_ref()
        .ok_or_else(|| RenderError::unchecked("on.schedule", "a Scheduled Job needs a schedule"))?;
    let schedule = schedule_expression(&on.schedule)
        .map_err(|why| RenderError::unchecked("on.schedule", why))?;
    let timeout = match &w.timeout {
        None => None,
        Some(t) => match parse_seconds(t).map(|s| s.ceil() as u64) {
            Some(s) if s >= 1 => Some(s),
            _ => {
                return Err(RenderError::unchecked(
                    "timeout",
                    format!("`{t}` is not a duration of 1s or more; write it like `1h30m`"),
                ))
            }
        },
    };
    let task = task(app, env_name, w, images, addons)?;
    let mut run = serde_json::json!({
        "Type": "Task",
        "Resource": "arn:${AWS::Partition}:states:::ecs:runTask.sync",
        "Parameters": {
            "LaunchType": "FARGATE",
            "PlatformVersion": "LATEST",
            "Cluster": "${Cluster}",
            "TaskDefinition": "${TaskDefinition}",
            "PropagateTags": "TASK_DEFINITION",
            "EnableExecuteCommand": false,
            "NetworkConfiguration": {
                "AwsvpcConfiguration": {
                    "Subnets": ["${Subnets}"],
                    "SecurityGroups": ["${SecurityGroups}"],
                    "AssignPublicIp": if task.assign_public_ip { "ENABLED" } else { "DISABLED" },
                }
            }
        },
        "End": true,
    });
    if let Some(n) = w.retries.filter(|n| *n > 0) {
        run["Retry"] = serde_json::json!([{
            "ErrorEquals": ["States.ALL"],
            "IntervalSeconds": RETRY_INTERVAL,
            "MaxAttempts": n,
            "BackoffRate": 1.5,
        }]);
    }
    if let Some(t) = timeout {
        run["TimeoutSeconds"] = t.into();
    }
    let definition = serde_json::json!({
        "Comment": "Runs the task of a tug Scheduled Job",
        "StartAt": "Run",
        "States": { "Run": run },
    });
    let ctx = Ctx {
        task,
        schedule,
        definition: definition.to_string(),
    };
    workload_stack(super::JOB_TEMPLATE, &ctx, app, env_name, &w.name, images)
}
