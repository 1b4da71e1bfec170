//! The command line: clap definitions, one file per noun. Each handler reads its
//! arguments, calls library code and hands the result to [`crate::ui`].

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::aws::Aws;
use crate::deploy::{DeployOptions, Staged};
use crate::error::{Error, Result};
use crate::image::EngineKind;
use crate::render::Rendered;
use crate::ui::Printer;
use crate::workspace::{display_path, Workspace};

pub mod app;
pub mod completions;
pub mod deploy;
pub mod env;
pub mod init;
pub mod job;
pub mod man;
pub mod sim;
pub mod storage;
pub mod svc;
pub mod task;
pub mod validate;

#[derive(Debug, Parser)]
#[command(
    name = "tug",
    version,
    about = "From a repository with Dockerfiles to running services on Amazon ECS",
    long_about = "From a repository with Dockerfiles to running services on Amazon ECS.\n\n\
                  tug reads Copilot manifests (tug/ or copilot/ workspaces), validates them \
                  offline and renders the CloudFormation a deploy sends.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Run as if tug was started in DIR
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never colour the output (NO_COLOR is honoured too)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// AWS Region (default: the AWS SDK's chain: AWS_REGION, profile, instance metadata)
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// AWS named profile (default: AWS_PROFILE, else "default")
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Append a Markdown summary of the command's deploys (per stack: result, changes,
    /// images, rollout, duration) to FILE; under GitHub Actions it also goes to
    /// $GITHUB_STEP_SUMMARY
    #[arg(long, global = true, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up this repository: a workspace, a service from a Dockerfile, an environment
    Init(init::InitArgs),
    /// The application: create the workspace; list, show and delete what is deployed
    #[command(subcommand)]
    App(app::AppCommand),
    /// Check manifests: syntax, fields, Fargate sizes and every Copilot rule
    Validate(validate::ValidateArgs),
    /// Scheduled Jobs: create, deploy, run now, logs, list, show, delete, render CloudFormation
    #[command(subcommand)]
    Job(job::JobCommand),
    /// Environments: create, deploy, list, show, delete, render CloudFormation
    #[command(subcommand)]
    Env(env::EnvCommand),
    /// Services: create, deploy, list, show, status, logs, exec, scale, delete, render CloudFormation
    #[command(subcommand)]
    Svc(svc::SvcCommand),
    /// One-off tasks: run one in an environment; list and delete the task groups
    #[command(subcommand)]
    Task(task::TaskCommand),
    /// Storage for a workload: an S3 bucket, a DynamoDB table or an Aurora cluster
    #[command(subcommand)]
    Storage(storage::StorageCommand),
    /// Deploy an environment, then every workload in it, in parallel
    Deploy(deploy::DeployAllArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Print the manual page of tug or of one of its commands (`tug man svc deploy | man -l -`)
    Man(man::ManArgs),
    /// Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling
    Sim(sim::SimArgs),
}

/// What every handler gets: the global flags, the directory to work in, the printer, and
/// the async runtime (built once, by the first command that needs it).
pub struct Context {
    pub global: GlobalArgs,
    pub cwd: PathBuf,
    pub printer: Printer,
    runtime: OnceLock<tokio::runtime::Runtime>,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Result<Self> {
        let base =
            std::env::current_dir().map_err(|e| Error::io("reading the current directory", e))?;
        let cwd = match &global.dir {
            Some(dir) => {
                let dir = base.join(dir);
                if !dir.is_dir() {
                    return Err(Error::usage(format!(
                        "-C {}: no such directory",
                        dir.display()
                    )));
                }
                dir
            }
            None => base,
        };
        let printer = Printer::new(global.json, global.quiet, global.verbose, global.no_color);
        Ok(Context {
            global,
            cwd,
            printer,
            runtime: OnceLock::new(),
        })
    }

    /// Runs `work` on the command's runtime.
    pub fn block_on<F: std::future::Future>(&self, work: F) -> Result<F::Output> {
        if self.runtime.get().is_none() {
            let _ = self.runtime.set(crate::aws::runtime()?);
        }
        match self.runtime.get() {
            Some(rt) => Ok(rt.block_on(work)),
            None => Err(Error::user(
                "the async runtime did not start; this is a bug in tug",
            )),
        }
    }

    /// The AWS configuration from the global flags.
    pub async fn connect(&self) -> Result<Aws> {
        Aws::load(
            self.global.region.as_deref(),
            self.global.profile.as_deref(),
        )
        .await
    }

    /// Runs `work` until it ends or Ctrl-C; Ctrl-C stops watching, not the deployment,
    /// and says how to follow it (`resume`).
    pub fn until_interrupted<F>(&self, resume: &str, work: F) -> Result<u8>
    where
        F: std::future::Future<Output = Result<u8>>,
    {
        self.block_on(async {
            tokio::select! {
                r = work => r,
                _ = tokio::signal::ctrl_c() => {
                    self.printer.info("\nstopped watching; the deployment goes on in AWS");
                    self.printer.info(&format!("  follow it with: {resume}"));
                    Ok(130)
                }
            }
        })?
    }

    /// Appends the Markdown summary of what the command deployed to `--summary FILE` and
    /// `$GITHUB_STEP_SUMMARY`; nothing when it drew no stack.
    pub fn write_summary(&self, command: &str, took: Duration) -> Result<()> {
        use crate::ui::summary;
        let records = self.printer.record.records();
        let Some(markdown) = summary::markdown(command, &records, took) else {
            return Ok(());
        };
        let flag = self.global.summary.as_ref().map(|f| self.cwd.join(f));
        for path in summary::destinations(flag.as_deref()) {
            summary::append(&path, &markdown)?;
        }
        Ok(())
    }

    /// The workspace, which must exist.
    pub fn workspace(&self) -> Result<Workspace> {
        Workspace::require(&self.cwd)
    }
}

/// Picks the one candidate when the flag is left out; with several, asks on a terminal,
/// or says which flag to pass.
pub fn pick(given: Option<&str>, candidates: &[String], what: &str, flag: &str) -> Result<String> {
    if let Some(g) = given {
        return Ok(g.to_string());
    }
    match candidates {
        [only] => Ok(only.clone()),
        [] => Err(Error::user(format!("this workspace has no {what}"))),
        many => match crate::ui::select_on_terminal(&format!("Which {what}?"), many)? {
            Some(choice) => Ok(choice),
            None => Err(Error::usage(format!("which {what}? pass {flag}"))
                .with_help(format!("this workspace has: {}", many.join(", ")))),
        },
    }
}

/// `-e ENV` (or `-n ENV`), else the workspace's only environment.
pub fn env_name(ws: &Workspace, given: Option<&str>, flag: &str) -> Result<String> {
    let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
    pick(given, &envs, "environment", flag)
}

/// Names a workload and an environment; either may be left out when the workspace has
/// exactly one.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// The workload's name (its folder under tug/)
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
    /// The environment
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    #[arg(skip)]
    pub noun: Noun,
}

impl Target {
    /// The workspace and the service and environment names. The manifest need not be valid
    /// (or present): for commands about what runs.
    pub fn names(&self, ctx: &Context) -> Result<(Workspace, String, String)> {
        let ws = ctx.workspace()?;
        let name = self.noun.pick(&ws, self.name.as_deref())?;
        let env = env_name(&ws, self.env.as_deref(), "-e ENV")?;
        Ok((ws, name, env))
    }

    /// Finds the workspace, the workload and the environment, and loads the workload as it
    /// applies there; warnings are printed, errors are located diagnostics.
    pub fn load(&self, ctx: &Context) -> Result<(Workspace, String, crate::manifest::Effective)> {
        let (ws, name, env) = self.names(ctx)?;
        if !ws.environments().is_empty() {
            ws.environment(&env)?;
        }
        let (effective, warnings) = ws.load_workload(&name, &env, &ctx.cwd)?;
        for d in &warnings {
            ctx.printer.diagnostic(d);
        }
        Ok((ws, env, effective))
    }
}

/// What a shared workload command is about: `svc` commands take every workload, Scheduled
/// Jobs too (as they always have); `job` commands take Scheduled Jobs only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Noun {
    #[default]
    Service,
    Job,
}

impl Noun {
    /// `service` or `job`, for messages.
    pub fn word(self) -> &'static str {
        match self {
            Noun::Service => "service",
            Noun::Job => "job",
        }
    }

    /// The command noun: `svc` or `job`.
    pub fn command(self) -> &'static str {
        match self {
            Noun::Service => "svc",
            Noun::Job => "job",
        }
    }

    /// The workloads of the workspace this noun is about: every one for `svc`, the
    /// Scheduled Jobs for `job` (by their manifests' `type`).
    pub fn workloads(self, ws: &Workspace) -> Vec<String> {
        ws.workloads()
            .into_iter()
            .filter(|(_, path)| self == Noun::Service || is_job_manifest(path))
            .map(|(n, _)| n)
            .collect()
    }

    /// Picks the workload `given` (checked for `job`: a service named there is an error
    /// that says so), else the only one.
    pub fn pick(self, ws: &Workspace, given: Option<&str>) -> Result<String> {
        let names = self.workloads(ws);
        if let (Noun::Job, Some(name)) = (self, given) {
            let known = ws.workloads();
            if let Some((_, path)) = known.iter().find(|(n, _)| n == name) {
                if !is_job_manifest(path) {
                    return Err(Error::user(format!("{name} is a service, not a Scheduled Job"))
                        .with_help(format!(
                            "`tug svc` manages services (`tug svc status -n {name}`); `tug job ls` lists the jobs"
                        )));
                }
            }
        }
        pick(given, &names, self.word(), "-n NAME")
    }
}

impl Noun {
    /// Stack `s` (a workload's) is one this noun is about: every one for `svc`; for `job`,
    /// one with a state machine, or whose manifest in `ws` is a Scheduled Job's.
    pub fn owns(self, ws: &Workspace, s: &crate::aws::stack::StackInfo) -> bool {
        if self == Noun::Service || s.outputs.contains_key("StateMachineArn") {
            return true;
        }
        let name = s.tag(crate::names::TAG_WORKLOAD).unwrap_or_default();
        s.outputs.is_empty()
            && ws
                .workloads()
                .iter()
                .any(|(n, path)| n == name && is_job_manifest(path))
    }
}

/// The manifest at `path` declares a Scheduled Job (an unreadable one does not).
pub fn is_job_manifest(path: &Path) -> bool {
    use crate::manifest::{types::WorkloadType, Kind};
    let display = path.display().to_string();
    matches!(
        crate::manifest::read(path, &display).map(|l| l.kind),
        Ok(Kind::Workload(WorkloadType::ScheduledJob))
    )
}

/// The flags that answer the questions of every init command.
#[derive(Debug, Clone, Args)]
pub struct AnswerArgs {
    /// Accept every proposed answer without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Never ask: a missing answer is an error naming its flag (the default without a terminal)
    #[arg(long)]
    pub no_input: bool,
    /// Overwrite manifests and workspace files that already exist
    #[arg(long)]
    pub force: bool,
}

impl AnswerArgs {
    pub fn prompter(&self, ctx: &Context) -> crate::ui::prompt::Prompter {
        crate::ui::prompt::Prompter::new(self.no_input, self.yes, ctx.printer.color)
    }
}

/// The flags describing one workload.
#[derive(Debug, Clone, Default, Args)]
pub struct WorkloadFlags {
    /// Build the image from this Dockerfile
    #[arg(long, value_name = "PATH", conflicts_with = "image")]
    pub dockerfile: Option<PathBuf>,
    /// Run this existing image instead of building one
    #[arg(long, value_name = "URI")]
    pub image: Option<String>,
}

impl WorkloadFlags {
    /// The questions these flags answer.
    pub fn questions(&self) -> crate::ui::wizard::WorkloadQuestions {
        crate::ui::wizard::WorkloadQuestions {
            dockerfile: self.dockerfile.clone(),
            image: self.image.clone(),
            ..Default::default()
        }
    }
}

/// Flags every deploy takes.
#[derive(Debug, Clone, Args)]
pub struct DeployFlags {
    /// Print the change set (added, modified, removed resources; replacements) and ask
    /// before executing it
    #[arg(long)]
    pub diff: bool,
    /// Answer yes to the --diff question (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Return as soon as the change set starts executing
    #[arg(long)]
    pub detach: bool,
    /// Keep what a failed deploy created instead of rolling back, for debugging
    #[arg(long)]
    pub no_rollback: bool,
    /// Start a new ECS deployment of a service even when nothing changed; deploy a
    /// service on EC2 capacity even when the simulator finds tasks that cannot place
    #[arg(long)]
    pub force: bool,
    /// Stop watching after this long (the deploy goes on in AWS)
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// Refuse instead of waiting when another deployment is changing the stack
    #[arg(long)]
    pub no_wait: bool,
}

impl DeployFlags {
    pub fn options(&self) -> DeployOptions {
        DeployOptions {
            diff: self.diff,
            yes: self.yes,
            detach: self.detach,
            no_rollback: self.no_rollback,
            force: self.force,
            timeout: self.timeout,
            no_wait: self.no_wait,
        }
    }
}

/// The longest `--timeout`: longer waits are a typo (and past this, deadlines overflow).
const MAX_TIMEOUT_DAYS: u64 = 366;

pub fn parse_timeout(text: &str) -> std::result::Result<Duration, String> {
    let seconds =
        parse_age(text).ok_or_else(|| format!("`{text}` is not a duration; try 30s, 10m, 1h"))?;
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| d.as_secs() <= MAX_TIMEOUT_DAYS * 86_400)
        .ok_or_else(|| format!("`{text}` is longer than {MAX_TIMEOUT_DAYS} days; try 30m or 2h"))
}

/// `30s`, `10m`, `3h`, `2d`, `1h30m`: seconds.
pub fn parse_age(text: &str) -> Option<f64> {
    if let Some(days) = text.strip_suffix('d') {
        return days
            .parse::<f64>()
            .ok()
            .filter(|d| *d >= 0.0)
            .map(|d| d * 86_400.0);
    }
    crate::render::parse_seconds(text).filter(|s| *s > 0.0)
}

pub fn parse_engine(text: &str) -> std::result::Result<EngineKind, String> {
    text.parse::<EngineKind>().map_err(|e| e.to_string())
}

/// Writes `<stack>.yml` and `<stack>.params.json` into `dir` and says so.
pub fn write_package(ctx: &Context, dir: &Path, stack: &str, rendered: &Rendered) -> Result<()> {
    let params = serde_json::to_string_pretty(rendered)
        .map_err(|e| Error::user(format!("cannot write the parameters: {e}")))?;
    let (template, params) =
        crate::workspace::write_package(&ctx.cwd.join(dir), stack, &rendered.template, &params)?;
    if ctx.printer.json {
        ctx.printer.json(&crate::ui::json::Package {
            schema: crate::ui::json::SCHEMA_VERSION,
            stack: stack.to_string(),
            template,
            parameters: params,
        })
    } else {
        ctx.printer.info(&format!(
            "wrote {} and {}",
            display_path(&template, &ctx.cwd),
            display_path(&params, &ctx.cwd)
        ));
        Ok(())
    }
}

/// Writes the files a deploy of `stack` would upload to the artifacts bucket into `dir`,
/// under their keys (`aws s3 cp --recursive` puts them where the stack looks; the
/// parameters name them), and its addons template beside the stack's as
/// `<stack>.addons.yml`. The template itself is written by [`write_package`].
pub fn write_staged(ctx: &Context, dir: &Path, stack: &str, staged: &Staged) -> Result<()> {
    let dir = ctx.cwd.join(dir);
    for a in &staged.artifacts {
        if staged.template_key.as_ref() == Some(&a.key) {
            continue;
        }
        let mut paths = vec![dir.join(&a.key)];
        if a.key.starts_with("addons/") {
            paths.push(dir.join(format!("{stack}.addons.yml")));
        }
        for path in paths {
            crate::workspace::write_output(&path, &a.bytes)?;
            ctx.printer.info(&format!(
                "wrote {} ({})",
                display_path(&path, &ctx.cwd),
                a.what
            ));
        }
    }
    Ok(())
}

/// Deletes a stack whose `tug:*` tags are `owner`'s, drawing it as a block of its own; 0
/// when it is gone.
pub async fn delete_stack(
    ctx: &Context,
    aws: &Aws,
    stack: &str,
    owner: &std::collections::BTreeMap<String, String>,
    title: &str,
    timeout: Duration,
) -> Result<u8> {
    let view = ctx.printer.deploy_view();
    let observer = view.observer(&ctx.printer, stack, title);
    let gone = crate::deploy::delete_stack(aws, stack, owner, timeout, &observer).await?;
    Ok(if gone { 0 } else { 1 })
}

/// `1 manifest`, `2 manifests`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Command {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            Command::Init(args) => args.run(ctx),
            Command::App(cmd) => cmd.run(ctx),
            Command::Job(cmd) => cmd.run(ctx),
            Command::Validate(args) => args.run(ctx),
            Command::Svc(cmd) => cmd.run(ctx),
            Command::Storage(cmd) => cmd.run(ctx),
            Command::Task(cmd) => cmd.run(ctx),
            Command::Env(cmd) => cmd.run(ctx),
            Command::Deploy(args) => args.run(ctx),
            Command::Completions(args) => args.run(ctx),
            Command::Man(args) => args.run(ctx),
            Command::Sim(args) => args.run(ctx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert_eq!(parse_age("30s"), Some(30.0));
        assert_eq!(parse_age("10m"), Some(600.0));
        assert_eq!(parse_age("3h"), Some(10_800.0));
        assert_eq!(parse_age("2d"), Some(172_800.0));
        assert_eq!(parse_age("soon"), None);
    }
}
