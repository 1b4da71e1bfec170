//! One-off tasks (`tug task run | ls | delete`): a task group's stack (task definition, log
//! group, roles) deployed through a change set like any stack, its tasks started with
//! RunTask in an environment's cluster, subnets and security group, then watched until they
//! stop, with their log lines.

use std::collections::HashSet;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::aws::ecs::{self, RunTaskState, RunTasks};
use crate::aws::logs::{LogEvent, Query};
use crate::aws::stack::{self, StackInfo};
use crate::aws::{self, Aws};
use crate::error::{Error, Result};
use crate::fargate::{self, Arch, Os};
use crate::names;
use crate::render::{self, TaskSpec};

use super::{request, run_job, DeployOptions, Job, JobResult, Observer};

/// A task group's name: it names a stack, a task definition family, a log group and an
/// ECR repository, so letters, digits and hyphens, starting with a letter.
pub fn check_group(group: &str) -> Result<()> {
    let ok = group.len() <= 64
        && group.starts_with(|c: char| c.is_ascii_alphabetic())
        && group.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !group.ends_with('-');
    if ok {
        return Ok(());
    }
    Err(
        Error::usage(format!("`{group}` is not a task group name")).with_help(
            "use letters, digits and hyphens (up to 64), starting with a letter: `-n migrate`",
        ),
    )
}

/// The group to use when `-n` is left out: the name of the folder tug runs in, made into a
/// valid group name.
pub fn default_group(dir: &std::path::Path) -> String {
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut out = String::new();
    for c in base.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    match out.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => out.chars().take(64).collect(),
        _ => "task".to_string(),
    }
}

/// A checked task size: what it costs per hour (us-east-1 prices), on demand or on Spot.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Size {
    pub cpu: u32,
    pub memory: u32,
    pub platform: String,
    pub per_hour: f64,
}

/// Checks `cpu`/`memory` on `platform` as a manifest's are checked (Fargate's table),
/// offline; a bad pair is an error naming the nearest valid sizes and their prices.
pub fn check_size(cpu: u32, memory: u32, os: Os, arch: Arch, spot: bool) -> Result<Size> {
    let prices = fargate::Prices::default();
    let price = |c: u32, m: u32| {
        let p = prices.per_hour(c, m, arch, 20);
        if spot {
            p * (1.0 - prices.spot_discount)
        } else {
            p
        }
    };
    if spot && !fargate::spot_allowed(os, arch) {
        return Err(Error::usage(format!(
            "Fargate Spot runs {} only, not {}",
            fargate::platform_name(Os::Linux, Arch::X86_64),
            fargate::platform_name(os, arch)
        ))
        .with_help("leave out --spot, or --platform linux/x86_64"));
    }
    if let Err(e) = fargate::check(cpu, memory, os, arch) {
        let tries: Vec<String> = e
            .suggestions
            .iter()
            .map(|(c, m)| format!("--cpu {c} --memory {m} (${:.4}/hour)", price(*c, *m)))
            .collect();
        let help = if tries.is_empty() {
            e.detail.clone()
        } else {
            format!("{}; try {}", e.detail, tries.join(", or "))
        };
        return Err(Error::usage(e.message).with_help(help));
    }
    Ok(Size {
        cpu,
        memory,
        platform: fargate::platform_name(os, arch),
        per_hour: price(cpu, memory),
    })
}

/// Where an environment's tasks run: its cluster, subnets (private when it has them) and
/// security group, from its stack's outputs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Placement {
    pub cluster: String,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    /// Public subnets only: the task needs a public IP to reach ECR and CloudWatch.
    pub public_ip: bool,
}

/// The placement of tasks in environment `env` (its deployed stack `env_stack`).
pub fn placement(env: &str, env_stack: &StackInfo) -> Result<Placement> {
    let out = |k: &str| env_stack.outputs.get(k).filter(|v| !v.is_empty());
    let split = |v: &String| -> Vec<String> {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (subnets, public_ip) = match (out("PrivateSubnets"), out("PublicSubnets")) {
        (Some(p), _) => (split(p), false),
        (None, Some(p)) => (split(p), true),
        (None, None) => {
            return Err(Error::user(format!("environment {env} has no subnets"))
                .with_help(format!("deploy it with `tug env deploy -n {env}`")))
        }
    };
    let missing = |what: &str| {
        Error::user(format!("environment {env} has no {what} output"))
            .with_help(format!("deploy it again with `tug env deploy -n {env}`"))
    };
    Ok(Placement {
        cluster: out("ClusterName")
            .cloned()
            .ok_or_else(|| missing("ClusterName"))?,
        subnets,
        security_groups: vec![out("EnvironmentSecurityGroup")
            .cloned()
            .ok_or_else(|| missing("EnvironmentSecurityGroup"))?],
        public_ip,
    })
}

/// The placement of tasks in the Region's default VPC: its default subnets (with a public
/// IP, since they are public) and default security group, in the `default` cluster (created
/// when missing: the second value says so).
pub async fn default_vpc_placement(aws: &Aws, spot: bool) -> Result<(Placement, bool)> {
    let network = crate::aws::ec2::default_network(aws).await?;
    let created = ecs::ensure_default_cluster(aws, spot).await?;
    Ok((
        Placement {
            cluster: ecs::DEFAULT_CLUSTER.to_string(),
            subnets: network.subnets,
            security_groups: vec![network.security_group],
            public_ip: true,
        },
        created,
    ))
}

/// Deploys the stack of `spec`'s group with `image` (no changes when it already matches)
/// and returns the ARN of its task definition.
pub async fn deploy_group(
    aws: &Aws,
    spec: &TaskSpec,
    image: &str,
    timeout: Duration,
    observer: &dyn Observer,
) -> Result<String> {
    let stack_name = names::task_stack_name(&spec.app, &spec.group);
    if let Some(existing) = stack::describe(aws, &stack_name).await? {
        if existing.tag(names::TAG_TASK_GROUP) != Some(spec.group.as_str()) {
            return Err(Error::user(format!(
                "stack {stack_name} exists but is not the stack of task group {}",
                spec.group
            ))
            .with_help("tug leaves it alone; pick another group name with -n"));
        }
    }
    let rendered = render::run_task(spec, image).map_err(|e| Error::user(e.to_string()))?;
    let job = Job {
        title: format!("task group {}", spec.group),
        request: request(stack_name.clone(), &rendered),
        follow: None,
        resume: "tug task ls".to_string(),
    };
    let opts = DeployOptions::unattended(timeout);
    if let JobResult::Failed(why) = run_job(aws, &job, &opts, observer).await? {
        return Err(Error::user(format!(
            "the stack of task group {} did not deploy: {why}",
            spec.group
        )));
    }
    let deployed = stack::describe(aws, &stack_name).await?;
    deployed
        .and_then(|s| s.outputs.get("TaskDefinitionArn").cloned())
        .ok_or_else(|| {
            Error::user(format!(
                "stack {stack_name} has no TaskDefinitionArn output"
            ))
            .with_help(format!(
                "delete it with `tug task delete -n {}` and run again",
                spec.group
            ))
        })
}

/// Starts `count` tasks of `task_definition` at `place`.
pub async fn start(
    aws: &Aws,
    place: &Placement,
    task_definition: &str,
    count: i32,
    spot: bool,
) -> Result<Vec<String>> {
    let req = RunTasks {
        cluster: place.cluster.clone(),
        task_definition: task_definition.to_string(),
        count,
        spot,
        subnets: place.subnets.clone(),
        security_groups: place.security_groups.clone(),
        public_ip: place.public_ip,
        started_by: "tug task run".to_string(),
    };
    Ok(ecs::run_tasks(aws, &req).await?)
}

/// What watching the tasks saw.
pub trait TaskWatcher {
    /// A task's status changed (`PROVISIONING`, `RUNNING`, `STOPPED`, ...).
    fn status(&mut self, task: &RunTaskState);
    /// A log line of one of the tasks.
    fn log(&mut self, event: &LogEvent) -> Result<()>;
}

/// How watching ended.
#[derive(Debug, Clone)]
pub enum Watched {
    /// Every task stopped: their last states.
    Stopped(Vec<RunTaskState>),
    /// `timeout` passed first (the tasks go on).
    TimedOut(Vec<RunTaskState>),
}

/// How often the tasks (and their log lines) are polled.
const POLL: Duration = Duration::from_secs(1);

/// Watches `arns` in `cluster` until every one has stopped or `timeout` passes, telling
/// `watcher` of each status change and, with `log_group`, of every log line the tasks
/// write (read until they stop, then once more for lines that arrive late).
pub async fn watch(
    aws: &Aws,
    cluster: &str,
    arns: &[String],
    log_group: Option<&str>,
    timeout: Duration,
    watcher: &mut dyn TaskWatcher,
) -> Result<Watched> {
    let started = Instant::now();
    let ids: HashSet<String> = arns.iter().map(|a| ecs::task_id(a)).collect();
    let mut logs = log_group.map(|g| LogCursor::new(g, now_ms()));
    let mut last: Vec<(String, String)> = Vec::new();
    loop {
        let states = ecs::run_task_states(aws, cluster, arns).await?;
        for s in &states {
            let seen = last
                .iter()
                .any(|(arn, status)| *arn == s.arn && *status == s.info.status);
            if !seen {
                watcher.status(s);
            }
        }
        last = states
            .iter()
            .map(|s| (s.arn.clone(), s.info.status.clone()))
            .collect();
        if let Some(cursor) = logs.as_mut() {
            cursor.read(aws, &ids, watcher).await?;
        }
        let done = states.len() == arns.len() && states.iter().all(|s| s.info.status == "STOPPED");
        if done {
            if let Some(cursor) = logs.as_mut() {
                // The awslogs driver flushes within seconds of the container's exit.
                tokio::time::sleep(POLL).await;
                cursor.read(aws, &ids, watcher).await?;
            }
            return Ok(Watched::Stopped(states));
        }
        if started.elapsed() >= timeout {
            return Ok(Watched::TimedOut(states));
        }
        tokio::time::sleep(POLL).await;
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Reads a group's new log lines: from a little before the newest one seen (late
/// arrivals), skipping those already handed on.
struct LogCursor {
    group: String,
    newest: i64,
    seen: HashSet<String>,
}

impl LogCursor {
    const LOOKBACK_MS: i64 = 10_000;

    fn new(group: &str, start_ms: i64) -> LogCursor {
        LogCursor {
            group: group.to_string(),
            // Lines a task writes before the first poll are not lost.
            newest: start_ms - 60_000,
            seen: HashSet::new(),
        }
    }

    async fn read(
        &mut self,
        aws: &Aws,
        ids: &HashSet<String>,
        watcher: &mut dyn TaskWatcher,
    ) -> Result<()> {
        let q = Query {
            group: self.group.clone(),
            streams: None,
            start_ms: Some(self.newest - Self::LOOKBACK_MS),
            end_ms: None,
        };
        for e in aws::logs::fetch(aws, &q).await? {
            if !ids.contains(&e.task) || !self.seen.insert(e.id.clone()) {
                continue;
            }
            self.newest = self.newest.max(e.timestamp);
            watcher.log(&e)?;
        }
        Ok(())
    }
}

/// What the tasks' ends mean for the exit code: the essential container's exit code (the
/// first task's that is not 0), or 1 when a task never ran its container, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub code: u8,
    /// One line per task that failed or never started.
    pub problems: Vec<String>,
}

/// The ending of stopped tasks whose essential container is `container`.
pub fn ending(states: &[RunTaskState], container: &str) -> Ending {
    let mut code: Option<u8> = None;
    let mut problems = Vec::new();
    for s in states {
        let id = &s.info.id;
        let essential = s
            .info
            .containers
            .iter()
            .find(|c| c.name == container)
            .or(s.info.containers.first());
        let exit = essential.and_then(|c| c.exit_code);
        let this = match exit {
            Some(0) => 0,
            Some(n) => {
                problems.push(format!("task {id}: {container} exited with {n}"));
                u8::try_from(n).ok().filter(|n| *n != 0).unwrap_or(1)
            }
            None => {
                let mut why = s
                    .info
                    .stopped_reason
                    .clone()
                    .unwrap_or_else(|| "no reason given".into());
                if let Some(r) = essential.and_then(|c| c.reason.as_ref()) {
                    why.push_str(&format!("; {container}: {r}"));
                }
                problems.push(format!("task {id} never ran {container}: {why}"));
                1
            }
        };
        if code.is_none_or(|c| c == 0) {
            code = Some(this);
        }
    }
    Ending {
        code: code.unwrap_or(0),
        problems,
    }
}

/// The task groups of `app`: their stacks, by group name.
pub async fn groups(aws: &Aws, app: &str) -> Result<Vec<StackInfo>> {
    Ok(stack::list(aws, Some(app))
        .await?
        .into_iter()
        .filter(|s| s.tag(names::TAG_TASK_GROUP).is_some())
        .collect())
}

/// The stack of task group `group` of `app`, or an error with a "did you mean".
pub async fn group_stack(aws: &Aws, app: &str, group: &str) -> Result<StackInfo> {
    let all = groups(aws, app).await?;
    if let Some(s) = all
        .iter()
        .find(|s| s.tag(names::TAG_TASK_GROUP) == Some(group))
    {
        return Ok(s.clone());
    }
    let known: Vec<&str> = all
        .iter()
        .filter_map(|s| s.tag(names::TAG_TASK_GROUP))
        .collect();
    let help = match crate::suggest::suggest(group, &known) {
        Some(s) => format!("did you mean `-n {s}`?"),
        None if known.is_empty() => format!("application {app} has no task groups"),
        None => format!("task groups: {}", known.join(", ")),
    };
    Err(Error::user(format!("application {app} has no task group {group}")).with_help(help))
}

/// After the group's stack is deleted (which deregisters its task definition): deletes the
/// family's deregistered revisions that carry the group's tag (a service's family of the
/// same name keeps its own). Returns how many.
pub async fn delete_revisions(aws: &Aws, app: &str, group: &str) -> Result<usize> {
    let family = names::task_stack_name(app, group);
    let tag = (names::TAG_TASK_GROUP, group);
    Ok(ecs::delete_inactive_task_definitions(aws, &family, tag).await?)
}

/// Splits a `--command`/`--entrypoint` string into words as a POSIX shell does: spaces
/// separate words, quotes group them ('...' literally, "..." with `\"` and `\\`), and a
/// backslash escapes the next character.
pub fn split_words(text: &str, flag: &str) -> Result<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(unclosed(flag, '\'')),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(unclosed(flag, '"')),
                        },
                        Some(c) => word.push(c),
                        None => return Err(unclosed(flag, '"')),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn unclosed(flag: &str, quote: char) -> Error {
    Error::usage(format!("{flag}: a {quote} quote is not closed")).with_help(format!(
        "close it, or escape it with a backslash: \\{quote}"
    ))
}

/// Reads `K=V` pairs (`--env-vars`, `--secrets`).
pub fn pairs(items: &[String], flag: &str) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for item in items {
        let Some((k, v)) = item.split_once('=') else {
            return Err(Error::usage(format!("{flag} `{item}` is not NAME=VALUE"))
                .with_help(format!("write it like {flag} NAME=VALUE,OTHER=VALUE")));
        };
        let k = k.trim();
        let valid = k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(
                Error::usage(format!("{flag}: `{k}` is not a variable name"))
                    .with_help("use letters, digits and underscores, not starting with a digit"),
            );
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ecs::{ContainerInfo, TaskInfo};

    #[test]
    fn words_split_as_a_shell_does() {
        let w = |t: &str| split_words(t, "--command").unwrap();
        assert_eq!(w("bin/migrate --all"), ["bin/migrate", "--all"]);
        assert_eq!(
            w(r#"sh -c 'echo "$X" > /tmp/a'"#),
            ["sh", "-c", r#"echo "$X" > /tmp/a"#]
        );
        assert_eq!(w(r#"echo "a \"b\"" c\ d"#), ["echo", r#"a "b""#, "c d"]);
        assert_eq!(w("  ''  "), [""]);
        assert!(w("").is_empty());
        let e = split_words("echo 'oops", "--command")
            .unwrap_err()
            .to_string();
        assert!(e.contains("quote is not closed"), "{e}");
    }

    #[test]
    fn pairs_need_names_and_equals() {
        let p = pairs(&["A=1".into(), "B_2=x=y".into()], "--env-vars").unwrap();
        assert_eq!(p["B_2"], "x=y");
        assert!(pairs(&["A".into()], "--env-vars").is_err());
        assert!(pairs(&["1A=1".into()], "--env-vars").is_err());
    }

    #[test]
    fn groups_and_default_group() {
        assert!(check_group("db-migrate").is_ok());
        assert!(check_group("Db_migrate").is_err());
        assert!(check_group("9lives").is_err());
        assert_eq!(default_group(std::path::Path::new("/src/My App")), "my-app");
        assert_eq!(default_group(std::path::Path::new("/")), "task");
        assert_eq!(default_group(std::path::Path::new("/x/_1")), "task");
    }

    #[test]
    fn bad_sizes_name_the_nearest_with_prices() {
        let e = check_size(1024, 1024, Os::Linux, Arch::X86_64, false).unwrap_err();
        let text = format!("{e} {e:?}");
        assert!(
            text.contains("cpu 1024 with memory 1024 is not a Fargate size"),
            "{text}"
        );
        assert!(text.contains("--cpu 512 --memory 1024 ($"), "{text}");
        assert!(text.contains("--cpu 1024 --memory 2048"), "{text}");
        let ok = check_size(256, 512, Os::Linux, Arch::X86_64, false).unwrap();
        let spot = check_size(256, 512, Os::Linux, Arch::X86_64, true).unwrap();
        assert!(spot.per_hour < ok.per_hour);
        assert!(check_size(256, 512, Os::Linux, Arch::Arm64, true).is_err());
    }

    fn stopped(exit: Option<i32>, reason: Option<&str>) -> RunTaskState {
        RunTaskState {
            info: TaskInfo {
                id: "t1".into(),
                status: "STOPPED".into(),
                health: None,
                started: None,
                stopped: None,
                availability_zone: None,
                private_ip: None,
                capacity_provider: None,
                task_definition: None,
                stopped_reason: reason.map(str::to_string),
                containers: vec![ContainerInfo {
                    name: "migrate".into(),
                    status: "STOPPED".into(),
                    exit_code: exit,
                    reason: None,
                    health: None,
                }],
            },
            arn: "arn:t1".into(),
            stop_code: None,
        }
    }

    #[test]
    fn the_exit_code_is_the_essential_containers() {
        assert_eq!(ending(&[stopped(Some(0), None)], "migrate").code, 0);
        let e = ending(&[stopped(Some(0), None), stopped(Some(3), None)], "migrate");
        assert_eq!(e.code, 3);
        assert_eq!(e.problems, ["task t1: migrate exited with 3"]);
        let e = ending(
            &[stopped(None, Some("CannotPullContainerError: no"))],
            "migrate",
        );
        assert_eq!(e.code, 1);
        assert!(e.problems[0].contains("never ran migrate: CannotPullContainerError"));
        assert_eq!(ending(&[stopped(Some(-1), None)], "migrate").code, 1);
    }
}
