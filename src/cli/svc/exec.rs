//! `tug svc exec`: a command (a shell by default) in a running task of a service, through
//! ECS Exec. ECS's ExecuteCommand opens the session; AWS's `session-manager-plugin` carries
//! it, handed the session exactly as `aws ecs execute-command` hands it.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use aws_sdk_ecs::types::DesiredStatus;
use clap::Args;
use serde_json::json;

use crate::aws::ecs::{self, ExecSession, TaskInfo};
use crate::cli::{Context, Target};
use crate::deploy;
use crate::diag::Diagnostic;
use crate::error::{Error, Result};

/// The program that carries Session Manager sessions.
pub const PLUGIN: &str = "session-manager-plugin";
const PLUGIN_INSTALL: &str =
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html";

#[derive(Debug, Args)]
pub struct ExecArgs {
    #[command(flatten)]
    pub target: Target,
    /// The task (its id or first characters; default: the first running task)
    #[arg(long, value_name = "ID")]
    pub task: Option<String>,
    /// The container (default: the service's main container)
    #[arg(long, value_name = "NAME")]
    pub container: Option<String>,
    /// What to run
    #[arg(long, value_name = "COMMAND", default_value = "/bin/sh")]
    pub command: String,
}

impl ExecArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        // Everything local first: no plugin, or exec off in the manifest, fails before
        // any AWS call.
        let plugin = find_program(PLUGIN).ok_or_else(|| {
            Error::user(format!(
                "`{PLUGIN}` is not installed: tug svc exec hands the session to it, as `aws ecs execute-command` does"
            ))
            .with_help(format!(
                "install AWS's Session Manager plugin ({PLUGIN_INSTALL}) and make sure `{PLUGIN}` is on PATH"
            ))
        })?;
        let (ws, name, env) = self.target.names(ctx)?;
        // A manifest tug cannot load is no reason not to try: the deployed service decides.
        if let Ok((effective, _)) = ws.load_workload(&name, &env, &ctx.cwd) {
            check_manifest(&effective, &name, &env)?;
        }
        let (task, container, session, region) = ctx.block_on(async {
            let aws = ctx.connect().await?;
            let (env_stack, svc) = deploy::deployed_service(&aws, &ws.app, &env, &name).await?;
            let cluster = env_stack
                .outputs
                .get("ClusterName")
                .cloned()
                .unwrap_or_default();
            let Some(service) = svc.outputs.get("ServiceName").cloned() else {
                return Err(Error::user(format!(
                    "service {name} in {env} has no ECS service (its stack is {})",
                    svc.status
                ))
                .with_help(format!("see why with `tug svc status -n {name} -e {env}`")));
            };
            if ecs::exec_enabled(&aws, &cluster, &service).await? == Some(false) {
                return Err(Error::user(format!(
                    "ECS Exec is off for service {name} in {env}: it was deployed without `exec: true`"
                ))
                .with_help(format!(
                    "set `exec: true` in its manifest and run `tug svc deploy -n {name} -e {env}`"
                )));
            }
            let tasks = ecs::tasks(&aws, &cluster, &service, DesiredStatus::Running, 100).await?;
            let task = pick_task(&tasks, self.task.as_deref(), &name, &env)?;
            let container = pick_container(task, self.container.as_deref(), &name)?;
            let session =
                ecs::execute_command(&aws, &cluster, &task.id, &container, &self.command)
                    .await
                    .map_err(|e| exec_error(e, &task.id, &self.command, &name, &env))?;
            Ok::<_, Error>((task.id.clone(), container, session, aws.region()))
        })??;
        ctx.printer.info(&format!(
            "running `{}` in container {container} of task {task} (service {name} in {env})",
            self.command
        ));
        let profile = ctx
            .global
            .profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok())
            .unwrap_or_default();
        let (status, no_command) =
            hand_over(ctx, &plugin, &session, &region, &profile, &self.command)?;
        if ctx.printer.json {
            ctx.printer.json(&crate::ui::json::ExecResult {
                schema: crate::ui::json::SCHEMA_VERSION,
                name: name.clone(),
                environment: env.clone(),
                task: task.clone(),
                container: container.clone(),
                command: self.command.clone(),
                session_id: session.session["sessionId"].as_str().map(str::to_string),
                target: session.target.clone(),
                plugin_exit_code: status,
            })?;
        }
        if no_command {
            return Err(no_such_command(&self.command, &container));
        }
        match status {
            Some(0) => Ok(0),
            Some(code) => Err(Error::user(format!("{PLUGIN} exited with {code}"))),
            None => Err(Error::user(format!("{PLUGIN} was killed by a signal"))),
        }
    }
}

/// The first executable `name` on PATH.
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &std::path::Path) -> bool {
    p.is_file()
}

/// Fails, pointing at the `exec` field (or the file), when the manifest leaves ECS Exec
/// off.
fn check_manifest(effective: &crate::manifest::Effective, name: &str, env: &str) -> Result<()> {
    if effective
        .workload
        .exec
        .as_ref()
        .is_some_and(|e| e.enabled())
    {
        return Ok(());
    }
    let path = crate::manifest::validate::to_path("exec");
    let tree = &effective.tree;
    let d = Diagnostic::error(
        "exec-off",
        format!("ECS Exec is off for service {name} in {env}: its manifest does not set `exec: true`"),
    )
    .help(format!(
        "set `exec: true` and run `tug svc deploy -n {name} -e {env}`; the tasks it starts take commands"
    ));
    let d = match tree
        .key_span_at(&path)
        .or_else(|| tree.at_path(&path).map(|n| n.span))
    {
        Some(span) => d
            .at(&effective.source, span)
            .label("ECS Exec needs `true` here"),
        None => d.in_file(&effective.source),
    };
    Err(Error::Diagnostics(vec![d]))
}

/// The task `given` names (an id or its first characters), else the first running one.
fn pick_task<'t>(
    tasks: &'t [TaskInfo],
    given: Option<&str>,
    name: &str,
    env: &str,
) -> Result<&'t TaskInfo> {
    let running: Vec<&TaskInfo> = tasks.iter().filter(|t| t.status == "RUNNING").collect();
    let Some(given) = given else {
        return running.first().copied().ok_or_else(|| {
            Error::user(format!("service {name} in {env} has no running task"))
                .with_help(format!("`tug svc status -n {name} -e {env}` shows why"))
        });
    };
    let matches: Vec<&TaskInfo> = tasks.iter().filter(|t| t.id.starts_with(given)).collect();
    match matches.as_slice() {
        [one] if one.status == "RUNNING" => Ok(one),
        [one] => Err(Error::user(format!(
            "task {} of service {name} is {}, not running",
            one.id, one.status
        ))
        .with_help("wait until it runs, or leave out --task for the first running task")),
        [] => {
            let ids: Vec<&str> = running.iter().map(|t| t.id.as_str()).collect();
            let help = match crate::suggest::suggest(given, &ids) {
                Some(s) => format!("did you mean `--task {s}`?"),
                None if ids.is_empty() => "it has no running task".to_string(),
                None => format!("its running tasks: {}", ids.join(", ")),
            };
            Err(Error::user(format!("service {name} in {env} has no task {given}")).with_help(help))
        }
        many => Err(Error::usage(format!(
            "--task {given} matches {} tasks: {}",
            many.len(),
            many.iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_help("give more of the id")),
    }
}

/// The container `given` names, else the service's main one (named after the service).
fn pick_container(task: &TaskInfo, given: Option<&str>, name: &str) -> Result<String> {
    let want = given.unwrap_or(name);
    let names: Vec<&str> = task.containers.iter().map(|c| c.name.as_str()).collect();
    // A task ECS describes without containers: let ECS judge the name.
    if names.is_empty() || names.contains(&want) {
        return Ok(want.to_string());
    }
    let help = match crate::suggest::suggest(want, &names) {
        Some(s) => format!("did you mean `--container {s}`?"),
        None => format!("its containers: {}", names.join(", ")),
    };
    Err(Error::user(format!("task {} has no container {want}", task.id)).with_help(help))
}

/// ExecuteCommand's refusals, said with what to do about them.
fn exec_error(e: crate::aws::AwsError, task: &str, command: &str, name: &str, env: &str) -> Error {
    let text = e.message.to_ascii_lowercase();
    if text.contains("execute command was not enabled") {
        return Error::user(format!(
            "task {task} was started without ECS Exec (before `exec: true` was deployed)"
        ))
        .with_help(format!(
            "replace the tasks with `tug svc deploy -n {name} -e {env} --force`, then try again"
        ));
    }
    if e.code.as_deref() == Some("TargetNotConnectedException") {
        return Error::user(format!(
            "the ECS Exec agent of task {task} is not connected: {}",
            e.message
        ))
        .with_help(
            "a task that just started needs a minute; otherwise its task role needs the ssmmessages permissions tug's template grants, and its subnets a route to Systems Manager",
        );
    }
    if text.contains("no such file or directory") || text.contains("executable file not found") {
        return no_such_command(command, name);
    }
    e.into()
}

fn no_such_command(command: &str, container: &str) -> Error {
    let program = command.split_whitespace().next().unwrap_or(command);
    Error::user(format!(
        "container {container} has no `{program}`: an image FROM scratch or distroless has no shell"
    ))
    .with_help(
        "run a program the image has with --command, e.g. --command \"/app/server --version\"",
    )
}

/// The container runtime's answer when the program to run does not exist, relayed by the
/// plugin.
fn says_no_such_command(line: &str) -> bool {
    line.contains("exec failed")
        && (line.contains("no such file or directory")
            || line.contains("executable file not found"))
}

/// Runs the plugin with the session, as the AWS CLI does:
/// `session-manager-plugin <session JSON> <region> StartSession <profile> <{"Target": ...}>
/// <endpoint>`. On a terminal the plugin owns it; otherwise its output is passed on as it
/// comes (to stderr with --json), watching for a missing command. Ctrl-C, Ctrl-\ and
/// Ctrl-Z go to the session, not to tug. Returns the plugin's exit code and whether the
/// container said it has no such command.
fn hand_over(
    ctx: &Context,
    plugin: &std::path::Path,
    session: &ExecSession,
    region: &str,
    profile: &str,
    command: &str,
) -> Result<(Option<i32>, bool)> {
    let mut cmd = Command::new(plugin);
    cmd.arg(session.session.to_string())
        .arg(region)
        .arg("StartSession")
        .arg(profile)
        .arg(json!({ "Target": session.target }).to_string())
        .arg(&session.endpoint);
    let relay = ctx.printer.json || !std::io::stdout().is_terminal();
    if relay {
        cmd.stdout(Stdio::piped());
    }
    let _ignored = IgnoreTerminalSignals::new();
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::io(format!("starting {}", plugin.display()), e))?;
    let mut no_command = false;
    if let Some(mut out) = child.stdout.take() {
        // Passed on as it comes (a prompt has no newline); the last few KiB are kept to
        // look for the runtime's message.
        let program = command.split_whitespace().next().unwrap_or(command);
        let mut seen = String::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = match std::io::Read::read(&mut out, &mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::io(format!("reading {PLUGIN}'s output"), e)),
            };
            let written = if ctx.printer.json {
                let mut err = std::io::stderr().lock();
                err.write_all(&buf[..n]).and_then(|_| err.flush())
            } else {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&buf[..n]).and_then(|_| stdout.flush())
            };
            written.map_err(|e| Error::io("writing the session's output", e))?;
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            no_command |= seen
                .lines()
                .any(|l| says_no_such_command(l) && l.contains(program));
            if seen.len() > 8192 {
                let cut = seen.len() - 4096;
                let cut = (cut..seen.len())
                    .find(|i| seen.is_char_boundary(*i))
                    .unwrap_or(0);
                seen.drain(..cut);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| Error::io(format!("waiting for {PLUGIN}"), e))?;
    Ok((status.code(), no_command))
}

/// While it lives, the signals a terminal sends (Ctrl-C, Ctrl-\, Ctrl-Z) are the
/// session's: tug ignores them, as the AWS CLI does around the plugin.
struct IgnoreTerminalSignals {
    #[cfg(unix)]
    previous: Vec<(libc::c_int, libc::sighandler_t)>,
}

impl IgnoreTerminalSignals {
    fn new() -> Self {
        #[cfg(unix)]
        {
            let previous = [libc::SIGINT, libc::SIGQUIT, libc::SIGTSTP]
                .into_iter()
                // SAFETY: setting a signal's disposition to SIG_IGN; the previous one is
                // put back on drop.
                .map(|s| (s, unsafe { libc::signal(s, libc::SIG_IGN) }))
                .collect();
            IgnoreTerminalSignals { previous }
        }
        #[cfg(not(unix))]
        IgnoreTerminalSignals {}
    }
}

impl Drop for IgnoreTerminalSignals {
    fn drop(&mut self) {
        #[cfg(unix)]
        for (s, handler) in &self.previous {
            // SAFETY: restoring the disposition saved in `new`.
            unsafe {
                libc::signal(*s, *handler);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, status: &str) -> TaskInfo {
        TaskInfo {
            id: id.into(),
            status: status.into(),
            health: None,
            started: None,
            stopped: None,
            availability_zone: None,
            private_ip: None,
            capacity_provider: None,
            task_definition: None,
            stopped_reason: None,
            containers: Vec::new(),
        }
    }

    #[test]
    fn tasks_by_prefix() {
        let tasks = [
            task("abc123", "RUNNING"),
            task("abd456", "RUNNING"),
            task("ff00", "PENDING"),
        ];
        assert_eq!(pick_task(&tasks, None, "web", "test").unwrap().id, "abc123");
        assert_eq!(
            pick_task(&tasks, Some("abc"), "web", "test").unwrap().id,
            "abc123"
        );
        let e = pick_task(&tasks, Some("ab"), "web", "test").unwrap_err();
        assert!(e.to_string().contains("matches 2 tasks"), "{e}");
        let e = pick_task(&tasks, Some("ff"), "web", "test").unwrap_err();
        assert!(e.to_string().contains("PENDING"), "{e}");
        match pick_task(&tasks, Some("abc124"), "web", "test").unwrap_err() {
            Error::User { help, .. } => {
                assert_eq!(help.as_deref(), Some("did you mean `--task abc123`?"))
            }
            e => panic!("{e}"),
        }
        let e = pick_task(&[], None, "web", "test").unwrap_err();
        assert!(e.to_string().contains("no running task"), "{e}");
    }

    #[test]
    fn the_runtime_saying_there_is_no_shell() {
        assert!(says_no_such_command(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/bin/sh\": stat /bin/sh: no such file or directory: unknown"
        ));
        assert!(!says_no_such_command(
            "ls: /nope: No such file or directory"
        ));
    }
}
