//! What a service's tasks wrote: choosing streams, following new lines, explaining a
//! missing log group.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use crate::aws::logs::{LogEvent, Query};
use crate::aws::{self, stack, Aws};
use crate::error::{Error, Result};
use crate::names;

use super::deployed_service;

/// The streams of service `name` that `tasks` (id prefixes) and `container` select, or
/// `None` for every stream.
pub async fn streams(
    aws: &Aws,
    group: &str,
    name: &str,
    tasks: &[String],
    container: Option<&str>,
) -> Result<Option<Vec<String>>> {
    if tasks.is_empty() && container.is_none() {
        return Ok(None);
    }
    let prefix = match container {
        Some(c) => format!("{name}/{c}/"),
        None => format!("{name}/"),
    };
    let all = aws::logs::streams(aws, group, &prefix).await?;
    let chosen: Vec<String> = all
        .iter()
        .filter(|s| {
            let (task, _) = aws::logs::stream_parts(s);
            tasks.is_empty() || tasks.iter().any(|t| task.starts_with(t.as_str()))
        })
        .cloned()
        .collect();
    if chosen.is_empty() {
        let every = aws::logs::streams(aws, group, &format!("{name}/")).await?;
        let tasks: HashSet<String> = every.iter().map(|s| aws::logs::stream_parts(s).0).collect();
        let containers: HashSet<String> =
            every.iter().map(|s| aws::logs::stream_parts(s).1).collect();
        let mut known: Vec<&str> = tasks.iter().map(String::as_str).collect();
        known.sort();
        let mut help = format!("tasks with logs: {}", known.join(", "));
        if let Some(c) = container {
            let cs: Vec<&str> = containers.iter().map(String::as_str).collect();
            if let Some(near) = crate::suggest::suggest(c, &cs) {
                help = format!("did you mean `--container {near}`?");
            }
        }
        return Err(Error::user("no logs match --tasks/--container").with_help(help));
    }
    // FilterLogEvents takes at most 100 stream names.
    Ok(Some(chosen.into_iter().take(100).collect()))
}

/// Why log group `group` of service `name` is missing, and what to do.
pub async fn missing_group(aws: &Aws, app: &str, env: &str, name: &str, group: &str) -> Error {
    let stack = stack::describe(aws, &names::stack_name(app, env, Some(name)))
        .await
        .ok()
        .flatten();
    match stack {
            Some(s) if s.status == crate::aws::status::StackStatus::RollbackComplete => Error::user(format!(
                "log group {group} is gone: the first deployment of {name} failed and its rollback removed it"
            ))
            .with_help(format!(
                "deploy again with `tug svc deploy -n {name} -e {env} --no-rollback` to keep the logs of failing tasks"
            )),
            Some(_) => Error::user(format!("log group {group} does not exist yet")),
            None => match deployed_service(aws, app, env, name).await {
                Err(e) => e,
                Ok(_) => Error::user(format!("log group {group} does not exist")),
            },
        }
}

/// Follows the log lines of `q` after those already `seen` (id -> time): polls every second
/// from a little before the newest line (late arrivals), skipping ids already handed to
/// `emit`: no duplicates, no gaps. Runs until `emit` or AWS fails.
pub async fn follow(
    aws: &Aws,
    mut q: Query,
    mut seen: HashMap<String, i64>,
    start_ms: i64,
    mut emit: impl FnMut(&LogEvent) -> Result<()>,
) -> Result<u8> {
    const LOOKBACK_MS: i64 = 10_000;
    let mut newest = seen.values().copied().max().unwrap_or(start_ms);
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        q.start_ms = Some(newest - LOOKBACK_MS);
        for e in aws::logs::fetch(aws, &q).await? {
            if seen.contains_key(&e.id) {
                continue;
            }
            newest = newest.max(e.timestamp);
            seen.insert(e.id.clone(), e.timestamp);
            emit(&e)?;
        }
        seen.retain(|_, t| *t >= newest - 2 * LOOKBACK_MS);
    }
}
