//! `tug task`: run a one-off task (a migration, a script) in an environment, and list and
//! delete the task groups it made.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::aws::ecs::RunTaskState;
use crate::aws::logs::LogEvent;
use crate::cli::{env_name, parse_engine, parse_timeout, Context};
use crate::deploy::task::{self as tasks, Ending, Placement, TaskWatcher, Watched};
use crate::deploy::{self, deployed_env};
use crate::error::{Error, Result};
use crate::fargate::{self, Arch, Os};
use crate::image::{self, BuildRequest, Engine, EngineKind};
use crate::manifest::types::Platform;
use crate::names;
use crate::render::TaskSpec;
use crate::ui::json as doc;
use crate::ui::Printer;

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Run a one-off task in an environment: an image, or one built from a Dockerfile
    Run(Box<RunArgs>),
    /// List the task groups `task run` made
    Ls(LsArgs),
    /// Delete a task group: its stack, task definitions and log group
    Delete(DeleteArgs),
}

impl TaskCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            TaskCommand::Run(args) => args.run(ctx),
            TaskCommand::Ls(args) => args.run(ctx),
            TaskCommand::Delete(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The task group: names its task definition family, log group and image repository
    /// (default: the current folder's name)
    #[arg(short = 'n', long = "name", value_name = "GROUP")]
    pub group: Option<String>,
    /// The environment whose cluster, subnets and security group the task runs in
    #[arg(
        short = 'e',
        long = "env",
        value_name = "ENV",
        conflicts_with = "default_vpc"
    )]
    pub env: Option<String>,
    /// Run in the Region's default VPC (its default subnets and security group, with a
    /// public IP) and the `default` ECS cluster, created when missing: no environment needed
    #[arg(long)]
    pub default_vpc: bool,
    /// Run this image
    #[arg(long, value_name = "URI", conflicts_with_all = ["dockerfile", "build_context"])]
    pub image: Option<String>,
    /// Build the image from this Dockerfile and push it (pinned by digest)
    #[arg(long, value_name = "PATH")]
    pub dockerfile: Option<PathBuf>,
    /// The build context (default: the Dockerfile's folder)
    #[arg(long, value_name = "DIR", requires = "dockerfile")]
    pub build_context: Option<PathBuf>,
    /// The tag to push the built image with (default: the git short SHA)
    #[arg(long, value_name = "TAG", requires = "dockerfile")]
    pub tag: Option<String>,
    /// The container engine that builds it (default: TUG_CONTAINER_ENGINE, else docker or
    /// podman from PATH)
    #[arg(long, value_name = "ENGINE", value_parser = parse_engine, requires = "dockerfile")]
    pub engine: Option<EngineKind>,
    /// The command to run instead of the image's CMD, split as a shell splits words
    #[arg(long, value_name = "COMMAND")]
    pub command: Option<String>,
    /// The entrypoint to use instead of the image's ENTRYPOINT, split as a shell does
    #[arg(long, value_name = "COMMAND")]
    pub entrypoint: Option<String>,
    /// Environment variables
    #[arg(long, value_name = "NAME=VALUE,...", value_delimiter = ',')]
    pub env_vars: Vec<String>,
    /// Secrets: SSM parameter names or ARNs, Secrets Manager ARNs
    #[arg(long, value_name = "NAME=ARN,...", value_delimiter = ',')]
    pub secrets: Vec<String>,
    /// CPU units (1024 is one vCPU)
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub cpu: u32,
    /// Memory in MiB
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub memory: u32,
    /// linux/x86_64 or linux/arm64
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// How many tasks to start (1-10)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(i32).range(1..=10))]
    pub count: i32,
    /// Run on Fargate Spot (cheaper; AWS may stop the task)
    #[arg(long)]
    pub spot: bool,
    /// The IAM role the task's code acts as (default: a role with no permissions)
    #[arg(long, value_name = "ARN")]
    pub task_role: Option<String>,
    /// Print the task's log lines until it stops (Ctrl-C stops following, not the task)
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Wait for the task to stop and exit with its essential container's exit code
    #[arg(long)]
    pub wait: bool,
    /// Stop waiting or following after this long (the task goes on)
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
}

/// The image a run uses: given, or built from a Dockerfile.
enum Source {
    Image(String),
    Build(Box<(Engine, BuildRequest)>),
}

impl RunArgs {
    /// Everything that needs no AWS: names, sizes, flags, the image source and its engine.
    fn plan(&self, ctx: &Context, app: &str) -> Result<(TaskSpec, Source, tasks::Size)> {
        let group = match &self.group {
            Some(g) => g.clone(),
            None => tasks::default_group(&ctx.cwd),
        };
        tasks::check_group(&group)?;
        let (os, arch) = match &self.platform {
            None => (Os::Linux, Arch::X86_64),
            Some(p) => match fargate::parse_platform(p) {
                Some((Os::Linux, arch)) => (Os::Linux, arch),
                _ => {
                    return Err(Error::usage(format!(
                        "--platform `{p}`: tasks run on linux/x86_64 or linux/arm64"
                    ))
                    .with_help("write it like --platform linux/arm64"))
                }
            },
        };
        let size = tasks::check_size(self.cpu, self.memory, os, arch, self.spot)?;
        if let Some(role) = &self.task_role {
            if !role.starts_with("arn:") || !role.contains(":role/") {
                return Err(
                    Error::usage(format!("--task-role `{role}` is not a role ARN"))
                        .with_help("write it like arn:aws:iam::123456789012:role/migrations"),
                );
            }
        }
        let words = |flag: &str, v: &Option<String>| match v {
            Some(t) => tasks::split_words(t, flag),
            None => Ok(Vec::new()),
        };
        let spec = TaskSpec {
            app: app.to_string(),
            group: group.clone(),
            cpu: self.cpu,
            memory: self.memory,
            platform: self.platform.as_ref().map(|_| {
                let arch = match arch {
                    Arch::X86_64 => "X86_64",
                    Arch::Arm64 => "ARM64",
                };
                ("LINUX".to_string(), arch.to_string())
            }),
            command: words("--command", &self.command)?,
            entrypoint: words("--entrypoint", &self.entrypoint)?,
            env_vars: tasks::pairs(&self.env_vars, "--env-vars")?,
            secrets: tasks::pairs(&self.secrets, "--secrets")?,
            task_role: self.task_role.clone(),
        };
        let source = match (&self.image, &self.dockerfile) {
            (Some(image), _) => Source::Image(image.clone()),
            (None, Some(df)) => {
                let dockerfile = ctx.cwd.join(df);
                if !dockerfile.is_file() {
                    return Err(Error::usage(format!(
                        "--dockerfile {}: no such file",
                        df.display()
                    )));
                }
                let context = match &self.build_context {
                    Some(dir) => ctx.cwd.join(dir),
                    None => dockerfile
                        .parent()
                        .map(PathBuf::from)
                        .unwrap_or_else(|| ctx.cwd.clone()),
                };
                if !context.is_dir() {
                    return Err(Error::usage(format!(
                        "--build-context {}: no such folder",
                        context.display()
                    )));
                }
                let engine = Engine::discover(self.engine)?;
                let tag = image::image_tag(self.tag.as_deref(), &ctx.cwd)?;
                let platform = self.platform.clone().map(Platform::String);
                let req = BuildRequest {
                    name: group.clone(),
                    sidecar: None,
                    context,
                    dockerfile,
                    args: Default::default(),
                    target: None,
                    cache_from: Vec::new(),
                    platform: image::platform_flag(platform.as_ref()),
                    labels: Default::default(),
                    repository: names::ecr_repository_name(
                        app,
                        &names::task_repository_workload(&group),
                    ),
                    tag,
                };
                Source::Build(Box::new((engine, req)))
            }
            (None, None) => {
                return Err(Error::usage("what should the task run?")
                    .with_help("pass --image URI, or --dockerfile PATH to build one"))
            }
        };
        Ok((spec, source, size))
    }

    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        let env = match self.default_vpc {
            true => None,
            false => Some(env_name(&ws, self.env.as_deref(), "-e ENV")?),
        };
        // Everything local first: a bad size, flag or Dockerfile fails before any AWS call.
        let (spec, source, size) = self.plan(ctx, &ws.app)?;
        let spot = if self.spot { ", Fargate Spot" } else { "" };
        ctx.printer.info(&format!(
            "task {}: {} CPU units, {} MiB, {}{spot}: ${:.4}/hour (us-east-1 price)",
            spec.group, size.cpu, size.memory, size.platform, size.per_hour
        ));
        let images = ctx.printer.image_view();
        // Build, push and start outside the interruptible part: Ctrl-C only ever stops
        // watching a task that runs.
        let (aws, place, arns) = ctx.block_on(async {
            let aws = ctx.connect().await?;
            let place = match &env {
                Some(env) => tasks::placement(env, &deployed_env(&aws, &ws.app, env).await?)?,
                None => {
                    let (place, created) = tasks::default_vpc_placement(&aws, self.spot).await?;
                    if created {
                        ctx.printer.info(&format!(
                            "created the ECS cluster `{}` (Fargate and Fargate Spot)",
                            place.cluster
                        ));
                    }
                    place
                }
            };
            let image = match &source {
                Source::Image(image) => image.clone(),
                Source::Build(b) => {
                    let (engine, req) = b.as_ref();
                    let workload = names::task_repository_workload(&spec.group);
                    let registry = deploy::prepare_registry(&aws, &ws.app, &[&workload]).await?;
                    let pushed = deploy::build_and_push_all(&images, engine, &[req], &registry, 1)?;
                    pushed
                        .into_iter()
                        .next()
                        .map(|p| p.uri_with_digest)
                        .ok_or_else(|| Error::user("the image push returned nothing"))?
                }
            };
            let view = ctx.printer.deploy_view();
            let stack = names::task_stack_name(&ws.app, &spec.group);
            let observer =
                view.observer(&ctx.printer, &stack, &format!("task group {}", spec.group));
            let task_definition =
                tasks::deploy_group(&aws, &spec, &image, self.timeout, &observer).await?;
            let arns = tasks::start(&aws, &place, &task_definition, self.count, self.spot).await?;
            Ok::<_, Error>((aws, place, arns))
        })??;
        started(&ctx.printer, &spec.group, env.as_deref(), &place, &arns)?;
        if !self.wait && !self.follow {
            return Ok(0);
        }
        let group = names::task_log_group_name(&ws.app, &spec.group);
        let log_group = self.follow.then_some(group.as_str());
        let mut watcher = Shown {
            printer: &ctx.printer,
            colours: Vec::new(),
        };
        let stop = format!(
            "aws ecs stop-task --cluster {} --task {}",
            place.cluster,
            arns.first()
                .map(|a| crate::aws::ecs::task_id(a))
                .unwrap_or_default()
        );
        ctx.block_on(async {
            let watch = tasks::watch(
                &aws,
                &place.cluster,
                &arns,
                log_group,
                self.timeout,
                &mut watcher,
            );
            tokio::select! {
                r = watch => finish(&ctx.printer, &spec.group, r?),
                _ = tokio::signal::ctrl_c() => {
                    ctx.printer.info("\nstopped watching; the task goes on in AWS");
                    ctx.printer.info(&format!("  stop it with: {stop}"));
                    Ok(130)
                }
            }
        })?
    }
}

/// Says which tasks started, where.
fn started(
    printer: &Printer,
    group: &str,
    env: Option<&str>,
    place: &Placement,
    arns: &[String],
) -> Result<()> {
    let ids: Vec<String> = arns.iter().map(|a| crate::aws::ecs::task_id(a)).collect();
    if printer.json {
        return printer.out(&line(doc::TaskEventBody::Started {
            group: group.to_string(),
            environment: env.map(str::to_string),
            default_vpc: env.is_none(),
            cluster: place.cluster.clone(),
            tasks: arns.to_vec(),
        }));
    }
    for id in &ids {
        printer.info(&format!("started task {id} in cluster {}", place.cluster));
    }
    Ok(())
}

/// The end of watching: the exit code, and why tasks failed.
fn finish(printer: &Printer, group: &str, watched: Watched) -> Result<u8> {
    let (states, timed_out) = match watched {
        Watched::Stopped(s) => (s, false),
        Watched::TimedOut(s) => (s, true),
    };
    let ending = if timed_out {
        Ending {
            code: 1,
            problems: vec!["stopped waiting (--timeout); the task goes on in AWS".into()],
        }
    } else {
        tasks::ending(&states, group)
    };
    if printer.json {
        printer.out(&line(doc::TaskEventBody::Result {
            ok: ending.code == 0,
            exit_code: ending.code,
            timed_out,
            problems: ending.problems.clone(),
            tasks: states.clone(),
        }))?;
    } else {
        for p in &ending.problems {
            printer.info(p);
        }
        if !timed_out && ending.code == 0 {
            printer.info(&format!("task {group} finished: exit code 0"));
        }
    }
    Ok(ending.code)
}

/// Draws what watching sees: status changes on stderr, log lines on stdout.
struct Shown<'p> {
    printer: &'p Printer,
    colours: Vec<String>,
}

impl TaskWatcher for Shown<'_> {
    fn status(&mut self, task: &RunTaskState) {
        if self.printer.json {
            let _ = self.printer.out(&line(doc::TaskEventBody::Task {
                task: task.info.id.clone(),
                status: task.info.status.clone(),
            }));
            return;
        }
        let mut line = format!("task {}: {}", task.info.id, task.info.status);
        if task.info.status == "STOPPED" {
            if let Some(r) = &task.info.stopped_reason {
                line.push_str(&format!(" ({r})"));
            }
        }
        self.printer.info(&line);
    }

    fn log(&mut self, event: &LogEvent) -> Result<()> {
        let colour = match self.colours.iter().position(|t| *t == event.task) {
            Some(i) => i,
            None => {
                self.colours.push(event.task.clone());
                self.colours.len() - 1
            }
        };
        self.printer.log_event(event, colour)
    }
}

#[derive(Debug, Args)]
pub struct LsArgs {}

impl LsArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let stacks = tasks::groups(&aws, &ws.app).await?;
            let group = |s: &crate::aws::stack::StackInfo| {
                s.tag(names::TAG_TASK_GROUP).unwrap_or_default().to_string()
            };
            let def = |s: &crate::aws::stack::StackInfo| {
                s.outputs
                    .get("TaskDefinitionArn")
                    .map(|a| crate::aws::ecs::short_task_definition(a))
                    .unwrap_or_default()
            };
            let image = |s: &crate::aws::stack::StackInfo| {
                s.parameters
                    .get("ContainerImage")
                    .cloned()
                    .unwrap_or_default()
            };
            let doc = doc::TaskGroups {
                schema: doc::SCHEMA_VERSION,
                application: ws.app.clone(),
                groups: stacks
                    .iter()
                    .map(|s| doc::TaskGroup {
                        name: group(s),
                        stack: s.name.clone(),
                        status: s.status.to_string(),
                        task_definition: s.outputs.get("TaskDefinitionArn").cloned(),
                        log_group: s.outputs.get("LogGroupName").cloned(),
                        image: s.parameters.get("ContainerImage").cloned(),
                    })
                    .collect(),
            };
            let rows: Vec<Vec<String>> = stacks
                .iter()
                .map(|s| vec![group(s), def(s), s.status.to_string(), image(s)])
                .collect();
            let empty = format!(
                "application {} has no task groups; `tug task run` makes one",
                ws.app
            );
            ctx.printer.listing(
                &doc,
                &empty,
                &["GROUP", "TASK DEFINITION", "STATUS", "IMAGE"],
                &rows,
            )?;
            Ok(0)
        })?
    }
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The task group
    #[arg(short = 'n', long = "name", value_name = "GROUP")]
    pub group: String,
    /// Don't ask (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Stop watching after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
}

impl DeleteArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        ctx.until_interrupted("tug task ls", async {
            let aws = ctx.connect().await?;
            let stack = tasks::group_stack(&aws, &ws.app, &self.group).await?;
            if !self.yes
                && !ctx.printer.confirm(
                    &format!(
                        "Delete task group {} (stack {}, its task definitions and logs)?",
                        self.group, stack.name
                    ),
                    "--yes",
                )?
            {
                ctx.printer.info("not deleted");
                return Ok(1);
            }
            let title = format!("task group {}", self.group);
            let owner = crate::render::task_tags(&ws.app, &self.group);
            let delete =
                crate::cli::delete_stack(ctx, &aws, &stack.name, &owner, &title, self.timeout);
            let code = delete.await?;
            if code != 0 {
                return Ok(code);
            }
            let n = tasks::delete_revisions(&aws, &ws.app, &self.group).await?;
            ctx.printer.detail(&format!(
                "deleted {n} deregistered task definition revision(s)"
            ));
            Ok(0)
        })
    }
}

/// One event line of `task run --json` (docs/schemas/task-run.json).
fn line(body: doc::TaskEventBody) -> String {
    serde_json::to_string(&doc::TaskEvent::new(body)).unwrap_or_default()
}
