//! The `svc` commands that talk to AWS: deploy, ls, show (deployed), delete, status, logs.
//! (`svc.rs` holds the offline ones and the name resolution they share.)

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;

use crate::aws;
use crate::aws::logs::Query;
use crate::aws::stack::{self, StackInfo};
use crate::cli::{parse_age, parse_engine, parse_timeout, Context, DeployFlags, Noun, Target};
use crate::deploy::{self, deployed_env, logs, Build, ServicePlan};
use crate::error::{Error, Result};
use crate::image::{self, Engine, EngineKind};
use crate::names;
use crate::ui::json as doc;

#[derive(Debug, Args)]
pub struct DeployArgs {
    #[command(flatten)]
    pub target: Target,
    /// The tag to push an `image.build` image with (default: the git short SHA, `-dirty`
    /// with uncommitted changes, else a timestamp); for `image.location`, deploy it with
    /// this tag instead of the one it names
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// The container engine that builds `image.build` (default: TUG_CONTAINER_ENGINE, else
    /// the first of docker and podman on PATH)
    #[arg(long, value_name = "ENGINE", value_parser = parse_engine)]
    pub engine: Option<EngineKind>,
    #[command(flatten)]
    pub flags: DeployFlags,
}

impl DeployArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        // Everything local first: an invalid manifest, an image tug cannot deploy or a
        // missing container engine fails before any AWS call.
        let (ws, env, effective) = self.target.load(ctx)?;
        let w = &effective.workload;
        let root = ws.root();
        let (engine, build_tag) = if w.builds_images() {
            let engine = Engine::discover(self.engine)?;
            (Some(engine), image::image_tag(self.tag.as_deref(), &root)?)
        } else {
            (None, String::new())
        };
        let tags = (self.tag.as_deref(), build_tag.as_str());
        let (addons, warnings) = deploy::workload_addons(&ws, &env, w, &ctx.cwd)?;
        for d in &warnings {
            ctx.printer.diagnostic(d);
        }
        let (traffic, warnings) = ws.env_traffic(&env, &effective, &ctx.cwd)?;
        for d in &warnings {
            ctx.printer.diagnostic(d);
        }
        let plan = ServicePlan::new(
            &ws.app,
            &env,
            w,
            &root,
            tags,
            deploy::PENDING_HOST,
            addons.as_ref(),
            &traffic,
        )?;
        let images = ctx.printer.image_view();
        // Build and push before the deploy, outside the interruptible part: a failed build
        // deploys nothing.
        let (aws, env_stack, pushed) = ctx.block_on(async {
            let aws = ctx.connect().await?;
            let env_stack = deployed_env(&aws, &ws.app, &env).await?;
            plan.check_environment(&env, &env_stack)?;
            deploy::check_env_names(&ws.app, &env, &plan.rendered, &effective, &env_stack)?;
            if !self.flags.force {
                let checked = deploy::preflight::run(&aws, &ws, &env, w, &env_stack, &ctx.cwd);
                if let Some(p) = checked.await? {
                    ctx.printer.info(&format!(
                        "pre-flight: {} tasks placed on the {} registered instances in {} ms",
                        p.tasks,
                        p.instances,
                        p.elapsed.as_millis()
                    ));
                }
            }
            let build = engine.as_ref().map(|engine| Build {
                engine,
                progress: &images,
                parallel: plan.images.builds.len(),
            });
            let pushed = deploy::push_images(&aws, &ws.app, &[&plan], build).await?;
            Ok::<_, Error>((aws, env_stack, pushed))
        })??;
        let pushed = pushed.into_iter().next().unwrap_or_default();
        let resume = match self.target.noun {
            Noun::Job => format!("tug job show -n {}", w.name),
            Noun::Service => format!("tug svc status -n {} -e {env}", w.name),
        };
        let opts = self.flags.options();
        ctx.until_interrupted(&resume, async {
            let stack_name = names::stack_name(&ws.app, &env, Some(&w.name));
            let existing = stack::describe(&aws, &stack_name).await?;
            let mut job = plan.job(
                &ws.app,
                &env,
                &pushed,
                &env_stack,
                existing.as_ref(),
                opts.force,
            );
            let chosen = deploy::rules::choose(&aws, &ws.app, &env, &env_stack, &[&plan]).await?;
            if let Some(p) = chosen.first() {
                p.apply(&mut job);
            }
            for p in crate::render::COUNT_PARAMETERS {
                let (manifest, sent) = (
                    plan.rendered.parameters.get(p),
                    job.request.parameters.iter().find(|(k, _)| k == p),
                );
                if let (Some(m), Some((_, v))) = (manifest, sent) {
                    if m != v {
                        ctx.printer.info(&format!(
                            "keeping {p} {v} set by `tug svc scale` (the manifest's {m} has not changed since the last deploy)"
                        ));
                    }
                }
            }
            let view = ctx.printer.deploy_view();
            let observe = |stack: &str, title: &str| -> Box<dyn deploy::Observer + '_> {
                Box::new(view.observer(&ctx.printer, stack, title))
            };
            // The bucket also keeps each deploy's record for `svc rollback`: a service with
            // no files to upload deploys without it when it cannot be had.
            let needed = !plan.staged.artifacts.is_empty();
            let bucket = deploy::artifacts_bucket(&aws, &ws.app, true, opts.timeout, &observe);
            let bucket = match bucket.await {
                Ok(b) => b,
                Err(e) if needed => return Err(e),
                Err(_) => None,
            };
            let observer = view.observer(&ctx.printer, &job.request.stack, &job.title);
            plan.staged
                .upload(&aws, bucket.as_deref(), &mut job, &observer)
                .await?;
            let result = deploy::run_job(&aws, &job, &opts, &observer).await?;
            let saved = deploy::rollback::after_deploy(&aws, bucket.as_deref(), &job, &result);
            if let Some(warning) = saved.await {
                ctx.printer.info(&format!("warning: {warning}"));
            }
            Ok(if result.ok() { 0 } else { 1 })
        })
    }
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only those in this environment
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    #[arg(skip)]
    pub noun: Noun,
}

impl LsArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            if let Some(env) = &self.env {
                deployed_env(&aws, &ws.app, env).await?;
            }
            let mut stacks = deploy::service_stacks(&aws, &ws.app, self.env.as_deref()).await?;
            stacks.retain(|s| self.noun.owns(&ws, s));
            let image = |s: &StackInfo| s.parameters.get("ContainerImage").cloned();
            let tag = |s: &StackInfo, key| s.tag(key).unwrap_or_default().to_string();
            let listed: Vec<doc::WorkloadListRow> = stacks
                .iter()
                .map(|s| doc::WorkloadListRow {
                    name: tag(s, names::TAG_WORKLOAD),
                    environment: tag(s, names::TAG_ENVIRONMENT),
                    stack: s.name.clone(),
                    status: s.status.to_string(),
                    image: image(s),
                })
                .collect();
            let jobs = self.noun == Noun::Job;
            let doc = doc::WorkloadList {
                schema: doc::SCHEMA_VERSION,
                application: ws.app.clone(),
                services: None,
                jobs: None,
            };
            let doc = if jobs {
                doc::WorkloadList {
                    jobs: Some(listed),
                    ..doc
                }
            } else {
                doc::WorkloadList {
                    services: Some(listed),
                    ..doc
                }
            };
            let rows: Vec<Vec<String>> = stacks
                .iter()
                .map(|s| {
                    vec![
                        tag(s, names::TAG_WORKLOAD),
                        tag(s, names::TAG_ENVIRONMENT),
                        s.status.to_string(),
                        image(s).unwrap_or_default(),
                    ]
                })
                .collect();
            let empty = format!(
                "application {} has no {} deployed",
                ws.app,
                self.noun.word()
            );
            let header = ["NAME", "ENVIRONMENT", "STATUS", "IMAGE"];
            ctx.printer.listing(&doc, &empty, &header, &rows)?;
            Ok(0)
        })?
    }
}

/// `svc show` without `--manifest`: where the service is deployed and with what.
pub fn show(ctx: &Context, target: &Target) -> Result<u8> {
    let ws = ctx.workspace()?;
    let noun = target.noun;
    let name = noun.pick(&ws, target.name.as_deref())?;
    ctx.block_on(async {
        let aws = ctx.connect().await?;
        let all = deploy::service_stacks(&aws, &ws.app, target.env.as_deref()).await?;
        let all: Vec<&StackInfo> = all.iter().filter(|s| noun.owns(&ws, s)).collect();
        let mine: Vec<&StackInfo> = all
            .iter()
            .copied()
            .filter(|s| s.tag(names::TAG_WORKLOAD) == Some(name.as_str()))
            .collect();
        if mine.is_empty() {
            let mut known: Vec<&str> = all
                .iter()
                .filter_map(|s| s.tag(names::TAG_WORKLOAD))
                .collect();
            known.dedup();
            let help = match crate::suggest::suggest(&name, &known) {
                Some(s) => format!("did you mean `-n {s}`?"),
                None => format!("deploy it with `tug {} deploy -n {name}`", noun.command()),
            };
            let word = noun.word();
            return Err(Error::user(format!("{word} {name} is not deployed")).with_help(help));
        }
        if ctx.printer.json {
            let deployments = mine
                .iter()
                .map(|s| doc::WorkloadDeployment {
                    environment: s.tag(names::TAG_ENVIRONMENT).map(str::to_string),
                    stack: s.name.clone(),
                    status: s.status.to_string(),
                    reason: s.reason.clone(),
                    image: s.parameters.get("ContainerImage").cloned(),
                    outputs: s.outputs.clone(),
                })
                .collect();
            ctx.printer.json(&doc::WorkloadShow {
                schema: doc::SCHEMA_VERSION,
                application: ws.app.clone(),
                name: name.clone(),
                region: aws.region(),
                deployments,
            })?;
            return Ok(0);
        }
        let text = crate::ui::views::svc_show(noun.word(), &ws.app, &name, &mine);
        ctx.printer.out(&text)?;
        Ok(0)
    })?
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The workload's name
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
    /// Only from this environment (default: every environment it is deployed in)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    /// Don't ask (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Stop watching after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
    #[arg(skip)]
    pub noun: Noun,
}

impl DeleteArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        let noun = self.noun;
        let name = noun.pick(&ws, self.name.as_deref())?;
        let resume = format!(
            "tug {} ls -e {}",
            noun.command(),
            self.env.as_deref().unwrap_or("ENV")
        );
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let env = self.env.as_deref();
            let stacks = deploy::service_deployments(&aws, &ws.app, &name, env).await?;
            let list: Vec<&str> = stacks.iter().map(|s| s.name.as_str()).collect();
            if !self.yes
                && !ctx.printer.confirm(
                    &format!(
                        "Delete {} {name} (stacks {})?",
                        noun.word(),
                        list.join(", ")
                    ),
                    "--yes",
                )?
            {
                ctx.printer.info("not deleted");
                return Ok(1);
            }
            let deletes = stacks.iter().map(|s| {
                let title = format!(
                    "{} {name} in {}",
                    noun.word(),
                    s.tag(names::TAG_ENVIRONMENT).unwrap_or_default()
                );
                let aws = &aws;
                let env = self
                    .env
                    .as_deref()
                    .or(s.tag(names::TAG_ENVIRONMENT))
                    .unwrap_or_default();
                let owner = names::stack_tags(&ws.app, env, Some(&name));
                async move {
                    let delete =
                        crate::cli::delete_stack(ctx, aws, &s.name, &owner, &title, self.timeout);
                    delete.await
                }
            });
            let mut code = 0;
            for r in futures_util::future::join_all(deletes).await {
                code = code.max(r?);
            }
            Ok(code)
        })
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub target: Target,
}

impl StatusArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let (ws, name, env) = self.target.names(ctx)?;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let (env_stack, svc) = deploy::deployed_service(&aws, &ws.app, &env, &name).await?;
            let cluster = env_stack
                .outputs
                .get("ClusterName")
                .cloned()
                .unwrap_or_default();
            let service = svc.outputs.get("ServiceName").cloned();
            let status = match &service {
                Some(service) => aws::ecs::status(&aws, &cluster, service).await?,
                None => None,
            };
            if ctx.printer.json {
                ctx.printer.json(&doc::SvcStatus {
                    schema: doc::SCHEMA_VERSION,
                    application: ws.app.clone(),
                    environment: env.clone(),
                    name: name.clone(),
                    stack: doc::StatusStack {
                        name: svc.name.clone(),
                        status: svc.status.to_string(),
                        reason: svc.reason.clone(),
                        image: svc.parameters.get("ContainerImage").cloned(),
                        count: deploy::scale::Counts::of(&svc),
                    },
                    service: status.clone(),
                })?;
                return Ok(0);
            }
            ctx.printer.out(&crate::ui::status::render(
                &name,
                &env,
                &svc,
                status.as_ref(),
            ))?;
            Ok(0)
        })?
    }
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    #[command(flatten)]
    pub target: Target,
    /// Keep printing new lines until Ctrl-C
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Only lines newer than this: 30s, 10m, 3h, 2d (default: the last day)
    #[arg(long, value_name = "AGE", conflicts_with = "start_time")]
    pub since: Option<String>,
    /// Only lines at or after this time (RFC 3339: 2026-01-02T15:04:05Z)
    #[arg(long, value_name = "TIME")]
    pub start_time: Option<String>,
    /// Only lines before this time (RFC 3339)
    #[arg(long, value_name = "TIME", conflicts_with = "follow")]
    pub end_time: Option<String>,
    /// How many of the last lines to print
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Only these tasks (ids or their first characters, comma-separated)
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub tasks: Vec<String>,
    /// Only this container (default: every container)
    #[arg(long, value_name = "NAME")]
    pub container: Option<String>,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

fn time_flag(flag: &str, text: &str) -> Result<i64> {
    aws::logs::parse_rfc3339(text).ok_or_else(|| {
        Error::usage(format!("{flag} `{text}` is not an RFC 3339 time"))
            .with_help("write it like 2026-01-02T15:04:05Z")
    })
}

impl LogsArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let (ws, name, env) = self.target.names(ctx)?;
        let start_ms = match (&self.since, &self.start_time) {
            (Some(age), _) => {
                let secs = parse_age(age).ok_or_else(|| {
                    Error::usage(format!("--since `{age}` is not a duration"))
                        .with_help("write it like 30s, 10m, 3h or 2d")
                })?;
                now_ms() - (secs * 1000.0) as i64
            }
            (None, Some(t)) => time_flag("--start-time", t)?,
            (None, None) => now_ms() - 86_400_000,
        };
        let end_ms = self
            .end_time
            .as_deref()
            .map(|t| time_flag("--end-time", t))
            .transpose()?;
        let group = names::log_group_name(&ws.app, &env, &name);
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            // The log group outlives a failed deployment's tasks: no ECS service needed.
            deployed_env(&aws, &ws.app, &env).await?;
            let streams =
                logs::streams(&aws, &group, &name, &self.tasks, self.container.as_deref()).await?;
            let q = Query {
                group: group.clone(),
                streams,
                start_ms: Some(start_ms),
                end_ms,
            };
            let mut events = match aws::logs::fetch(&aws, &q).await {
                Ok(ev) => ev,
                Err(e) if e.message.contains("does not exist") => {
                    return Err(logs::missing_group(&aws, &ws.app, &env, &name, &group).await)
                }
                Err(e) => return Err(e.into()),
            };
            let printer = &ctx.printer;
            let mut colours = Colours::default();
            if events.is_empty() && !self.follow && !ctx.printer.json {
                ctx.printer
                    .info(&format!("no log lines in {group} in that time"));
            }
            let skip = events.len().saturating_sub(self.limit);
            let mut seen: HashMap<String, i64> = HashMap::new();
            for e in events.drain(..).skip(skip) {
                seen.insert(e.id.clone(), e.timestamp);
                printer.log_event(&e, colours.of(&e.task))?;
            }
            if !self.follow {
                return Ok(0);
            }
            let follow = logs::follow(&aws, q, seen, start_ms, |e| {
                printer.log_event(e, colours.of(&e.task))
            });
            tokio::select! {
                r = follow => r,
                _ = tokio::signal::ctrl_c() => Ok(0),
            }
        })?
    }
}

/// One colour per task, in the order tasks appear.
#[derive(Default)]
pub struct Colours {
    tasks: HashMap<String, usize>,
}

impl Colours {
    pub fn of(&mut self, task: &str) -> usize {
        let n = self.tasks.len();
        *self.tasks.entry(task.to_string()).or_insert(n)
    }
}
