//! A Scheduled Job's runs: finding its state machine, starting a run now, waiting for its
//! end (following the logs of the tasks it starts), and the logs of its last runs.

use std::collections::HashMap;
use std::time::Duration;

use crate::aws::logs::{LogEvent, Query};
use crate::aws::stack::StackInfo;
use crate::aws::states::{self, Execution};
use crate::aws::{self, Aws};
use crate::error::{Error, Result};
use crate::names;

use super::{deployed_env, service_stacks};

/// The output of a job stack naming its state machine (templates/cfn/job.yml.j2).
pub const STATE_MACHINE_OUTPUT: &str = "StateMachineArn";

/// A deployed Scheduled Job in one environment.
pub struct DeployedJob {
    pub stack: StackInfo,
    pub state_machine: String,
    /// Its log group (`/tug/<app>/<env>/<job>`).
    pub group: String,
}

/// The job `name` deployed in `env`, or an error that says what is there instead: a
/// service of that name, a job whose stack has no state machine (yet), or nothing, with a
/// "did you mean" among the jobs deployed there.
pub async fn deployed_job(aws: &Aws, app: &str, env: &str, name: &str) -> Result<DeployedJob> {
    deployed_env(aws, app, env).await?;
    let stack = aws::stack::describe(aws, &names::stack_name(app, env, Some(name))).await?;
    if let Some(stack) = stack {
        if let Some(sm) = stack.outputs.get(STATE_MACHINE_OUTPUT).cloned() {
            return Ok(DeployedJob {
                stack,
                state_machine: sm,
                group: names::log_group_name(app, env, name),
            });
        }
        if stack.outputs.contains_key("ServiceName") {
            return Err(
                Error::user(format!("{name} is a service, not a Scheduled Job")).with_help(
                    format!("a service runs all the time: `tug svc status -n {name} -e {env}` shows its tasks"),
                ),
            );
        }
        return Err(Error::user(format!(
            "job {name} in environment {env} has no state machine: its stack is {}",
            stack.status
        ))
        .with_help(format!(
            "deploy it with `tug job deploy -n {name} -e {env}`"
        )));
    }
    let jobs: Vec<String> = service_stacks(aws, app, Some(env))
        .await?
        .iter()
        .filter(|s| s.outputs.contains_key(STATE_MACHINE_OUTPUT))
        .filter_map(|s| s.tag(names::TAG_WORKLOAD).map(str::to_string))
        .collect();
    let known: Vec<&str> = jobs.iter().map(String::as_str).collect();
    let help = match crate::suggest::suggest(name, &known) {
        Some(s) => format!("did you mean `-n {s}`?"),
        None if known.is_empty() => format!(
            "no job is deployed in {env}; deploy it with `tug job deploy -n {name} -e {env}`"
        ),
        None => format!("jobs deployed in {env}: {}", known.join(", ")),
    };
    Err(Error::user(format!("job {name} is not deployed in environment {env}")).with_help(help))
}

/// How often a run is looked at while waiting for it.
pub const POLL: Duration = Duration::from_secs(1);

/// Lines are read from a little before the newest one seen: late arrivals are not lost.
const LOOKBACK_MS: i64 = 10_000;

/// The log lines of the tasks a run started, read as it goes: each line once.
pub struct RunLogs {
    group: String,
    /// The stream prefix: the job's name.
    prefix: String,
    tasks: Vec<String>,
    streams: Vec<String>,
    seen: HashMap<String, i64>,
    newest: i64,
}

impl RunLogs {
    pub fn new(job: &DeployedJob, name: &str, since_ms: i64) -> RunLogs {
        RunLogs {
            group: job.group.clone(),
            prefix: format!("{name}/"),
            tasks: Vec::new(),
            streams: Vec::new(),
            seen: HashMap::new(),
            newest: since_ms,
        }
    }

    /// Hands `emit` the lines written since the last call by the tasks of `run`.
    pub async fn poll(
        &mut self,
        aws: &Aws,
        run: &str,
        emit: &mut impl FnMut(&LogEvent) -> Result<()>,
    ) -> Result<()> {
        let tasks = states::task_arns(aws, run).await?;
        let ids: Vec<String> = tasks.iter().map(|t| aws::ecs::task_id(t)).collect();
        if ids != self.tasks || self.streams.len() < ids.len() {
            self.tasks = ids;
            self.streams = task_streams(aws, &self.group, &self.prefix, &self.tasks).await?;
        }
        if self.streams.is_empty() {
            return Ok(());
        }
        let q = Query {
            group: self.group.clone(),
            streams: Some(self.streams.clone()),
            start_ms: Some(self.newest - LOOKBACK_MS),
            end_ms: None,
        };
        for e in aws::logs::fetch(aws, &q).await? {
            if self.seen.contains_key(&e.id) {
                continue;
            }
            self.newest = self.newest.max(e.timestamp);
            self.seen.insert(e.id.clone(), e.timestamp);
            emit(&e)?;
        }
        let keep = self.newest - 2 * LOOKBACK_MS;
        self.seen.retain(|_, t| *t >= keep);
        Ok(())
    }
}

/// Waits for `run` to end and returns it as it ended; with `logs`, hands `emit` its tasks'
/// lines meanwhile (and the last ones after it ends).
pub async fn wait(
    aws: &Aws,
    run: &Execution,
    mut logs: Option<RunLogs>,
    mut emit: impl FnMut(&LogEvent) -> Result<()>,
) -> Result<Execution> {
    loop {
        let now = states::describe(aws, &run.arn).await?;
        if let Some(l) = logs.as_mut() {
            l.poll(aws, &run.arn, &mut emit).await?;
        }
        if !now.running() {
            return Ok(now);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The streams of `tasks` (ids) in `group` under `prefix` (`<prefix><container>/<task>`).
/// A group not made yet has none.
async fn task_streams(
    aws: &Aws,
    group: &str,
    prefix: &str,
    tasks: &[String],
) -> Result<Vec<String>> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let all = match aws::logs::streams(aws, group, prefix).await {
        Ok(all) => all,
        Err(e) if e.is("ResourceNotFoundException") => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    // FilterLogEvents takes at most 100 stream names; the newest tasks' are kept.
    let mut chosen: Vec<String> = all
        .into_iter()
        .filter(|s| tasks.contains(&aws::logs::stream_parts(s).0))
        .collect();
    let skip = chosen.len().saturating_sub(100);
    Ok(chosen.drain(skip..).collect())
}

/// The last `last` runs of `job` (newest first) and the query that reads their tasks'
/// lines (`None` when they started no task with logs).
pub async fn runs_logs(
    aws: &Aws,
    job: &DeployedJob,
    name: &str,
    last: usize,
) -> Result<(Vec<Execution>, Option<Query>)> {
    let runs = states::list(aws, &job.state_machine, last).await?;
    let mut tasks = Vec::new();
    for r in &runs {
        for t in states::task_arns(aws, &r.arn).await? {
            tasks.push(aws::ecs::task_id(&t));
        }
    }
    let streams = task_streams(aws, &job.group, &format!("{name}/"), &tasks).await?;
    let Some(oldest) = runs.iter().map(|r| r.started).reduce(f64::min) else {
        return Ok((runs, None));
    };
    if streams.is_empty() {
        return Ok((runs, None));
    }
    let q = Query {
        group: job.group.clone(),
        streams: Some(streams),
        start_ms: Some((oldest * 1000.0) as i64 - 1000),
        end_ms: None,
    };
    Ok((runs, Some(q)))
}

/// The end of a run, in words: `succeeded`, or what failed and why.
pub fn outcome(run: &Execution) -> String {
    match run.status.as_str() {
        "SUCCEEDED" => "succeeded".into(),
        "ABORTED" => "was aborted (stopped before it ended)".into(),
        "TIMED_OUT" => "timed out (the job's `timeout`)".into(),
        status => {
            let mut text = status.to_ascii_lowercase().replace('_', " ");
            if let Some(error) = &run.error {
                text.push_str(&format!(": {error}"));
            }
            if let Some(cause) = run.cause.as_deref().filter(|c| !c.is_empty()) {
                text.push_str(&format!(" ({})", states::explain_cause(cause)));
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(status: &str, error: Option<&str>, cause: Option<&str>) -> Execution {
        Execution {
            arn: "arn:aws:states:us-east-1:1:execution:sm:r1".into(),
            name: "r1".into(),
            status: status.into(),
            started: 0.0,
            stopped: None,
            error: error.map(str::to_string),
            cause: cause.map(str::to_string),
        }
    }

    #[test]
    fn outcomes_say_why() {
        assert_eq!(outcome(&run("SUCCEEDED", None, None)), "succeeded");
        let failed = run(
            "FAILED",
            Some("States.TaskFailed"),
            Some(
                r#"{"StoppedReason":"Essential container in task exited","Containers":[{"Name":"report","ExitCode":2}]}"#,
            ),
        );
        assert_eq!(
            outcome(&failed),
            "failed: States.TaskFailed (container report exited with code 2; stopped: Essential container in task exited)"
        );
        assert!(outcome(&run("ABORTED", None, None)).contains("aborted"));
        assert!(outcome(&run("TIMED_OUT", None, None)).contains("timed out"));
    }
}
