//! Step Functions: the runs (executions) of a Scheduled Job's state machine and the ECS
//! tasks each one started.

use super::{Aws, AwsError, AwsResult};

/// One run of a state machine.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Execution {
    pub arn: String,
    pub name: String,
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.
    pub status: String,
    /// Seconds since the epoch.
    pub started: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

impl Execution {
    /// Still going: RUNNING (or waiting to be redriven, which is not an end either).
    pub fn running(&self) -> bool {
        matches!(self.status.as_str(), "RUNNING" | "PENDING_REDRIVE")
    }

    pub fn succeeded(&self) -> bool {
        self.status == "SUCCEEDED"
    }
}

fn secs(t: &aws_smithy_types::DateTime) -> f64 {
    t.as_secs_f64()
}

/// Starts a run of `state_machine` with an empty input; Step Functions names it.
pub async fn start(aws: &Aws, state_machine: &str) -> AwsResult<Execution> {
    let out = aws
        .sfn
        .start_execution()
        .state_machine_arn(state_machine)
        .input("{}")
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&format!("starting {state_machine}"), e))?;
    let arn = out.execution_arn().to_string();
    Ok(Execution {
        name: arn.rsplit(':').next().unwrap_or_default().to_string(),
        arn,
        status: "RUNNING".into(),
        started: secs(out.start_date()),
        stopped: None,
        error: None,
        cause: None,
    })
}

/// The run `arn` as it is now.
pub async fn describe(aws: &Aws, arn: &str) -> AwsResult<Execution> {
    let out = aws
        .sfn
        .describe_execution()
        .execution_arn(arn)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&format!("describing run {arn}"), e))?;
    Ok(Execution {
        arn: out.execution_arn().to_string(),
        name: out.name().unwrap_or_default().to_string(),
        status: out.status().as_str().to_string(),
        started: secs(out.start_date()),
        stopped: out.stop_date().map(secs),
        error: out.error().map(str::to_string),
        cause: out.cause().map(str::to_string),
    })
}

/// The last `max` runs of `state_machine`, newest first.
pub async fn list(aws: &Aws, state_machine: &str, max: usize) -> AwsResult<Vec<Execution>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    while out.len() < max {
        let page = aws
            .sfn
            .list_executions()
            .state_machine_arn(state_machine)
            .max_results(max.clamp(1, 1000) as i32)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(&format!("listing the runs of {state_machine}"), e))?;
        out.extend(page.executions().iter().map(|e| Execution {
            arn: e.execution_arn().to_string(),
            name: e.name().to_string(),
            status: e.status().as_str().to_string(),
            started: secs(e.start_date()),
            stopped: e.stop_date().map(secs),
            error: None,
            cause: None,
        }));
        let next = page.next_token().map(str::to_string);
        if next.is_none() || next == token {
            break;
        }
        token = next;
    }
    out.sort_by(|a, b| b.started.total_cmp(&a.started));
    out.truncate(max);
    Ok(out)
}

/// The ECS tasks run `arn` started so far (one per attempt), oldest first: from its
/// history's `TaskSubmitted` events, whose output is ECS RunTask's answer.
pub async fn task_arns(aws: &Aws, arn: &str) -> AwsResult<Vec<String>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .sfn
            .get_execution_history()
            .execution_arn(arn)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(&format!("reading the history of run {arn}"), e))?;
        for e in page.events() {
            let output = e.task_submitted_event_details().and_then(|d| d.output());
            for task in output.map(submitted_tasks).unwrap_or_default() {
                if !out.contains(&task) {
                    out.push(task);
                }
            }
        }
        let next = page.next_token().map(str::to_string);
        if next.is_none() || next == token {
            break;
        }
        token = next;
    }
    Ok(out)
}

/// The task ARNs in RunTask's answer as Step Functions records it (`{"Tasks": [{"TaskArn":
/// ...}]}`); ECS's own casing (`tasks`, `taskArn`) is read too.
pub fn submitted_tasks(output: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(output) else {
        return Vec::new();
    };
    let tasks = v.get("Tasks").or_else(|| v.get("tasks"));
    tasks
        .and_then(|t| t.as_array())
        .map(|tasks| {
            tasks
                .iter()
                .filter_map(|t| t.get("TaskArn").or_else(|| t.get("taskArn")))
                .filter_map(|a| a.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A one-line account of a failed run's `cause`. For a task that ran (`States.TaskFailed`
/// from `ecs:runTask.sync`) the cause is the stopped task as JSON: its stopped reason and
/// the containers that exited non-zero are what a person needs. Any other cause is
/// returned as it is.
pub fn explain_cause(cause: &str) -> String {
    let Ok(task) = serde_json::from_str::<serde_json::Value>(cause) else {
        return cause.trim().to_string();
    };
    let field = |v: &serde_json::Value, k: &str| -> Option<serde_json::Value> {
        let lower = format!("{}{}", k[..1].to_ascii_lowercase(), &k[1..]);
        v.get(k).or_else(|| v.get(&lower)).cloned()
    };
    let mut parts = Vec::new();
    for c in field(&task, "Containers")
        .and_then(|c| c.as_array().cloned())
        .unwrap_or_default()
    {
        let name = field(&c, "Name").and_then(|n| n.as_str().map(str::to_string));
        let code = field(&c, "ExitCode").and_then(|n| n.as_i64());
        if let (Some(name), Some(code)) = (name, code) {
            if code != 0 {
                parts.push(format!("container {name} exited with code {code}"));
            }
        }
    }
    if let Some(reason) = field(&task, "StoppedReason").and_then(|r| r.as_str().map(str::to_string))
    {
        parts.push(format!("stopped: {reason}"));
    }
    if parts.is_empty() {
        return cause.trim().to_string();
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_from_run_task_answers() {
        let sfn = r#"{"Tasks":[{"TaskArn":"arn:aws:ecs:us-east-1:1:task/c/abc"}],"Failures":[]}"#;
        assert_eq!(submitted_tasks(sfn), ["arn:aws:ecs:us-east-1:1:task/c/abc"]);
        let ecs = r#"{"tasks":[{"taskArn":"t1"},{"taskArn":"t2"}]}"#;
        assert_eq!(submitted_tasks(ecs), ["t1", "t2"]);
        assert!(submitted_tasks("not json").is_empty());
    }

    #[test]
    fn causes_name_the_failing_container() {
        let cause = r#"{"StoppedReason":"Essential container in task exited","Containers":[{"Name":"report","ExitCode":3},{"Name":"log","ExitCode":0}]}"#;
        assert_eq!(
            explain_cause(cause),
            "container report exited with code 3; stopped: Essential container in task exited"
        );
        assert_eq!(
            explain_cause("States.Timeout after 60s"),
            "States.Timeout after 60s"
        );
    }
}
