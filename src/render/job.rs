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
    /// Times the state machine retries a failed run (`retries`), when any.
    retries: Option<u32>,
    retry_interval: u64,
    /// Seconds after which a run is stopped (`timeout`), when set.
    timeout: Option<u64>,
    /// The log group of the state machine's failed runs.
    state_machine_log_group: String,
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
    let ctx = Ctx {
        task,
        schedule,
        retries: w.retries.filter(|n| *n > 0),
        retry_interval: RETRY_INTERVAL,
        timeout,
        state_machine_log_group: format!("/aws/vendedlogs/states/tug-{app}-{env_name}-{}", w.name),
    };
    workload_stack(super::JOB_TEMPLATE, &ctx, app, env_name, &w.name, images)
}
