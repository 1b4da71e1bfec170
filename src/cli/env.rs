use std::path::PathBuf;

use clap::{Args, Subcommand};

use serde_json::json;

use crate::aws::stack::{self, Request};
use crate::aws::{self, Aws};
use crate::cli::deploy::{connect, deployed_env, run_job, until_interrupted, DeployFlags, Job};
use crate::cli::svc::{pick, write_package};
use crate::cli::Context;
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::manifest::types::Workload;
use crate::manifest::{self, Kind, Options};
use crate::render;
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Deploy an environment: create or update its stack through a change set
    Deploy(DeployArgs),
    /// List the environments deployed for this application
    Ls(LsArgs),
    /// Show a deployed environment: its stack, outputs and workloads
    Show(ShowArgs),
    /// Delete a deployed environment (refused while workloads run in it)
    Delete(DeleteArgs),
    /// Write the CloudFormation template and parameters a deploy of the environment would send
    Package(PackageArgs),
}

impl EnvCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            EnvCommand::Package(args) => args.run(ctx),
            EnvCommand::Deploy(args) => args.run(ctx),
            EnvCommand::Ls(args) => args.run(ctx),
            EnvCommand::Show(args) => args.run(ctx),
            EnvCommand::Delete(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// The environment (its folder under tug/environments/)
    #[arg(short = 'n', long = "name", value_name = "ENV")]
    pub name: Option<String>,
    /// Folder to write `tug-<app>-<env>.yml` and `.params.json` into
    #[arg(long, value_name = "DIR")]
    pub output_dir: PathBuf,
}

impl PackageArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
        let name = pick(self.name.as_deref(), &envs, "environment", "-n ENV")?;
        let (rendered, _) = render_env(ctx, &ws, &name)?;
        let stack = render::stack_name(&ws.app, &name, None);
        write_package(ctx, &self.output_dir, &stack, &rendered)?;
        Ok(0)
    }
}

/// Loads environment `name` and every workload (they decide what the environment needs:
/// load balancers, NAT) and renders the environment stack. Problems are diagnostics.
pub fn render_env(
    ctx: &Context,
    ws: &Workspace,
    name: &str,
) -> Result<(render::Rendered, Vec<Workload>)> {
    let path = ws.environment(name)?;
    let loaded = manifest::read(&path, &display_path(&path, &ctx.cwd))
        .map_err(|d| Error::Diagnostics(vec![*d]))?;
    if loaded.kind != Kind::Environment {
        return Err(Error::user(format!(
            "{} is not an environment manifest",
            path.display()
        )));
    }
    let (env, mut diags) = manifest::environment(&loaded);
    let mut workloads = Vec::new();
    for (_, wpath) in ws.workloads() {
        let loaded = match manifest::read(&wpath, &display_path(&wpath, &ctx.cwd)) {
            Ok(l) => l,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        let opts = Options {
            app: &ws.app,
            env: Some(name),
            unset_is_error: true,
            lookup: &manifest::process_env,
        };
        let (effective, d) = manifest::workload(&loaded, &opts);
        diags.extend(d);
        workloads.extend(effective.map(|e| e.workload));
    }
    let (env, diags) = match env {
        Some(env) if !diags.iter().any(Diagnostic::is_error) => (env, diags),
        _ => return Err(Error::Diagnostics(diags)),
    };
    for d in &diags {
        ctx.printer.diagnostic(d);
    }
    let rendered =
        render::environment(&ws.app, &env, &workloads).map_err(|e| Error::user(e.to_string()))?;
    Ok((rendered, workloads))
}

/// `-n ENV`, or the workspace's only environment.
fn env_name(ws: &Workspace, given: Option<&str>) -> Result<String> {
    let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
    pick(given, &envs, "environment", "-n ENV")
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The environment (its folder under tug/environments/)
    #[arg(short = 'n', long = "name", value_name = "ENV")]
    pub name: Option<String>,
    #[command(flatten)]
    pub flags: DeployFlags,
}

impl DeployArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let name = env_name(&ws, self.name.as_deref())?;
        let (rendered, _) = render_env(ctx, &ws, &name)?;
        if self.flags.force {
            ctx.printer.info(
                "note: --force starts new ECS deployments of services; an environment has none, so it deploys as usual",
            );
        }
        let job = Job {
            title: format!("environment {name}"),
            request: Request::new(render::stack_name(&ws.app, &name, None), &rendered),
            follow: None,
            resume: format!("tug env show -n {name}"),
        };
        let rt = aws::runtime()?;
        rt.block_on(until_interrupted(&ctx.printer, &job.resume, async {
            let aws = connect(ctx).await?;
            let view = ctx.printer.deploy_view();
            let block = view.block(&job.request.stack, &job.title);
            let result = run_job(&aws, &ctx.printer, &job, &self.flags, &block).await?;
            Ok(if result.ok() { 0 } else { 1 })
        }))
    }
}

#[derive(Debug, Args)]
pub struct LsArgs {}

impl LsArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let rt = aws::runtime()?;
        rt.block_on(async {
            let aws = connect(ctx).await?;
            let stacks = stack::list(&aws, Some(&ws.app)).await?;
            let envs: Vec<&stack::StackInfo> = stacks
                .iter()
                .filter(|s| s.tag(render::TAG_WORKLOAD).is_none())
                .collect();
            if ctx.global.json {
                ctx.printer.json(&json!({
                    "application": ws.app,
                    "environments": envs.iter().map(|s| json!({
                        "name": s.tag(render::TAG_ENVIRONMENT),
                        "stack": s.name,
                        "status": s.status,
                    })).collect::<Vec<_>>(),
                }))?;
                return Ok(0);
            }
            if envs.is_empty() {
                ctx.printer.info(&format!(
                    "application {} has no environment deployed in {}",
                    ws.app,
                    aws.region()
                ));
                return Ok(0);
            }
            let rows: Vec<Vec<String>> = envs
                .iter()
                .map(|s| {
                    vec![
                        s.tag(render::TAG_ENVIRONMENT)
                            .unwrap_or_default()
                            .to_string(),
                        s.status.clone(),
                        s.name.clone(),
                    ]
                })
                .collect();
            ctx.printer.table(&["NAME", "STATUS", "STACK"], &rows)?;
            Ok(0)
        })
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The environment
    #[arg(short = 'n', long = "name", value_name = "ENV")]
    pub name: Option<String>,
}

impl ShowArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let name = env_name(&ws, self.name.as_deref())?;
        let rt = aws::runtime()?;
        rt.block_on(async {
            let aws = connect(ctx).await?;
            let env = deployed_env_any(&aws, &ws.app, &name).await?;
            let stacks = stack::list(&aws, Some(&ws.app)).await?;
            let services: Vec<&stack::StackInfo> = stacks
                .iter()
                .filter(|s| {
                    s.tag(render::TAG_ENVIRONMENT) == Some(name.as_str())
                        && s.tag(render::TAG_WORKLOAD).is_some()
                })
                .collect();
            if ctx.global.json {
                ctx.printer.json(&json!({
                    "application": ws.app,
                    "name": name,
                    "region": aws.region(),
                    "stack": env.name,
                    "status": env.status,
                    "outputs": env.outputs,
                    "workloads": services.iter().map(|s| json!({
                        "name": s.tag(render::TAG_WORKLOAD),
                        "status": s.status,
                    })).collect::<Vec<_>>(),
                }))?;
                return Ok(0);
            }
            let mut text = format!(
                "Environment {name} of application {}\n  region: {}\n  stack:  {} ({})\n",
                ws.app,
                aws.region(),
                env.name,
                env.status
            );
            if let Some(r) = &env.reason {
                text.push_str(&format!("  reason: {r}\n"));
            }
            text.push_str("Outputs:\n");
            for (k, v) in &env.outputs {
                text.push_str(&format!("  {k}: {v}\n"));
            }
            text.push_str("Workloads:\n");
            if services.is_empty() {
                text.push_str("  (none deployed)\n");
            }
            for s in &services {
                text.push_str(&format!(
                    "  {} ({})\n",
                    s.tag(render::TAG_WORKLOAD).unwrap_or_default(),
                    s.status
                ));
            }
            ctx.printer.out(&text)?;
            Ok(0)
        })
    }
}

/// The environment stack, in whatever state it is, or a "did you mean".
async fn deployed_env_any(aws: &Aws, app: &str, name: &str) -> Result<stack::StackInfo> {
    match stack::describe(aws, &render::stack_name(app, name, None)).await? {
        Some(s) => Ok(s),
        None => deployed_env(aws, app, name).await,
    }
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The environment
    #[arg(short = 'n', long = "name", value_name = "ENV")]
    pub name: Option<String>,
    /// Don't ask (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Stop watching after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = crate::cli::deploy::parse_timeout)]
    pub timeout: std::time::Duration,
}

impl DeleteArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let name = env_name(&ws, self.name.as_deref())?;
        let rt = aws::runtime()?;
        let resume = format!("tug env show -n {name}");
        rt.block_on(until_interrupted(&ctx.printer, &resume, async {
            let aws = connect(ctx).await?;
            let env = deployed_env_any(&aws, &ws.app, &name).await?;
            let stacks = stack::list(&aws, Some(&ws.app)).await?;
            let workloads: Vec<String> = stacks
                .iter()
                .filter(|s| s.tag(render::TAG_ENVIRONMENT) == Some(name.as_str()))
                .filter_map(|s| s.tag(render::TAG_WORKLOAD).map(str::to_string))
                .collect();
            if !workloads.is_empty() {
                return Err(Error::user(format!(
                    "environment {name} still has workloads deployed: {}",
                    workloads.join(", ")
                ))
                .with_help(format!(
                    "delete them first: {}",
                    workloads
                        .iter()
                        .map(|w| format!("`tug svc delete -n {w} -e {name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            if !self.yes
                && !ctx.printer.confirm(
                    &format!(
                        "Delete environment {name} (stack {}) and everything in it?",
                        env.name
                    ),
                    "--yes",
                )?
            {
                ctx.printer.info("not deleted");
                return Ok(1);
            }
            delete_stack(
                &aws,
                ctx,
                &env.name,
                &format!("environment {name}"),
                self.timeout,
            )
            .await
        }))
    }
}

/// Deletes a stack and watches it go; 0 when it is gone.
pub async fn delete_stack(
    aws: &Aws,
    ctx: &Context,
    stack_name: &str,
    title: &str,
    timeout: std::time::Duration,
) -> Result<u8> {
    let view = ctx.printer.deploy_view();
    let block = view.block(stack_name, title);
    block.note("deleting");
    let start = stack::delete(aws, stack_name).await?;
    let outcome = stack::watch(aws, stack_name, start, None, &block, timeout).await?;
    if outcome.success {
        block.finish(true, "deleted");
        Ok(0)
    } else {
        let why = outcome
            .first_failure
            .map(|f| {
                format!(
                    "{} ({}): {}",
                    f.logical_id,
                    f.resource_type,
                    f.reason.unwrap_or_default()
                )
            })
            .unwrap_or_else(|| format!("the stack is {}", outcome.status));
        block.finish(false, &format!("could not delete: {why}"));
        Ok(1)
    }
}
