//! `tug deploy -e ENV`: the environment, then every workload in it.

use std::time::Duration;

use clap::Args;

use crate::cli::{env_name, parse_engine, parse_timeout, Context};
use crate::deploy::{self, AllOptions, Build, DeployOptions, ServicePlan, Summary};
use crate::error::Result;
use crate::image::{self, Engine, EngineKind};
use crate::manifest::types::Workload;

#[derive(Debug, Args)]
pub struct DeployAllArgs {
    /// The environment to deploy, then every workload in it
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    /// How many workloads deploy at once
    #[arg(short = 'j', long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub max_parallel: u16,
    /// Return as soon as each change set starts executing
    #[arg(long)]
    pub detach: bool,
    /// Keep what a failed deploy created instead of rolling back
    #[arg(long)]
    pub no_rollback: bool,
    /// Start new ECS deployments even when nothing changed; deploy services on EC2 capacity
    /// even when the simulator finds tasks that cannot place
    #[arg(long)]
    pub force: bool,
    /// Stop watching each stack after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// Refuse instead of waiting when another deployment is changing a stack
    #[arg(long)]
    pub no_wait: bool,
    /// The container engine that builds `image.build` images (default: TUG_CONTAINER_ENGINE,
    /// else the first of docker and podman on PATH)
    #[arg(long, value_name = "ENGINE", value_parser = parse_engine)]
    pub engine: Option<EngineKind>,
}

impl DeployAllArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        let env = env_name(&ws, self.env.as_deref(), "-e ENV")?;
        // Everything local first: a bad manifest fails before any AWS call, and so does a
        // missing container engine.
        let planned = deploy::plan_environment(&ws, &env, &ctx.cwd)?;
        for d in &planned.warnings {
            ctx.printer.diagnostic(d);
        }
        let root = ws.root();
        let (engine, tag) = if planned.workloads.iter().any(Workload::builds_images) {
            (
                Some(Engine::discover(self.engine)?),
                image::image_tag(None, &root)?,
            )
        } else {
            (None, String::new())
        };
        let plans = planned
            .workloads
            .iter()
            .map(|w| {
                let (addons, warnings) = deploy::workload_addons(&ws, &env, w, &ctx.cwd)?;
                for d in &warnings {
                    ctx.printer.diagnostic(d);
                }
                let host = deploy::PENDING_HOST;
                ServicePlan::new(
                    &ws.app,
                    &env,
                    w,
                    &root,
                    (None, &tag),
                    host,
                    addons.as_ref(),
                    &planned.traffic,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        let opts = AllOptions {
            deploy: DeployOptions {
                diff: false,
                yes: true,
                detach: self.detach,
                no_rollback: self.no_rollback,
                force: self.force,
                timeout: self.timeout,
                no_wait: self.no_wait,
            },
            max_parallel: usize::from(self.max_parallel),
        };
        let images = ctx.printer.image_view();
        let view = ctx.printer.deploy_view();
        let observe = |stack: &str, title: &str| -> Box<dyn deploy::Observer + '_> {
            Box::new(view.observer(&ctx.printer, stack, title))
        };
        let resume = format!("tug env show -n {env}");
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let build = engine.as_ref().map(|engine| Build {
                engine,
                progress: &images,
                parallel: opts.max_parallel,
            });
            let target = deploy::Environment {
                app: &ws.app,
                env: &env,
                rendered: &planned.rendered,
                traffic: &planned.traffic,
                staged: &planned.staged,
                services: &plans,
                preflight: (!self.force).then_some(deploy::preflight::Workloads {
                    ws: &ws,
                    cwd: &ctx.cwd,
                    workloads: &planned.workloads,
                }),
            };
            let summary = deploy::deploy_all(&aws, target, build, &opts, &observe).await?;
            print_summary(ctx, &view, &summary)?;
            for d in planned
                .warnings
                .iter()
                .filter(|d| d.code == crate::workspace::SKIPPED_WORKLOAD)
            {
                let file = d.file_name().unwrap_or_default();
                view.line(&format!("  {file}: skipped (a type tug does not deploy)"));
            }
            Ok(if summary.failed() > 0 { 1 } else { 0 })
        })
    }
}

fn print_summary(ctx: &Context, view: &crate::ui::progress::DeployView, s: &Summary) -> Result<()> {
    if ctx.printer.json {
        use crate::ui::json::{EventBody, SummaryResult};
        crate::ui::progress::emit_json(EventBody::Summary {
            environment: s.environment.clone(),
            results: s
                .results
                .iter()
                .map(|(t, r)| SummaryResult {
                    name: t.clone(),
                    ok: r.ok(),
                    result: r.describe(),
                })
                .collect(),
        });
        return Ok(());
    }
    view.line("");
    view.line("Summary:");
    for (title, r) in &s.results {
        let first = r.describe();
        let first = first.lines().next().unwrap_or_default();
        view.line(&format!("  {title}: {first}"));
    }
    if !s.environment_ok() {
        view.line("  workloads: not deployed, the environment failed");
    }
    Ok(())
}
