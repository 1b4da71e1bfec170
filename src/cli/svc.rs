use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::cli::deploy::{repo_root, ServiceImages};
use crate::cli::init;
pub use crate::cli::svc_aws::{DeleteArgs, DeployArgs, LogsArgs, LsArgs, StatusArgs};
use crate::cli::Context;
use crate::error::{Error, Result};
use crate::manifest::types::WorkloadType;
use crate::manifest::{self, Effective, Kind, Options};
use crate::render;
use crate::workspace::{display_path, write_output, Workspace};

#[derive(Debug, Subcommand)]
pub enum SvcCommand {
    /// Write the manifest of a new service: tug/<name>/manifest.yml
    Init(InitArgs),
    /// Deploy a service to an environment through a change set, and follow the rollout
    Deploy(DeployArgs),
    /// List the services deployed for this application
    Ls(LsArgs),
    /// Show where a service is deployed (or, with --manifest, its effective manifest)
    Show(ShowArgs),
    /// Delete a service from one environment, or from every one it is deployed in
    Delete(DeleteArgs),
    /// Show a deployed service: deployments, tasks, target health, stopped tasks, alarms
    Status(StatusArgs),
    /// Print a service's logs, merged across its tasks in time order
    Logs(LogsArgs),
    /// Write the CloudFormation template and parameters a deploy of the service would send
    Package(PackageArgs),
}

impl SvcCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            SvcCommand::Init(args) => args.run(ctx),
            SvcCommand::Show(args) => args.run(ctx),
            SvcCommand::Deploy(args) => args.run(ctx),
            SvcCommand::Ls(args) => args.run(ctx),
            SvcCommand::Delete(args) => args.run(ctx),
            SvcCommand::Status(args) => args.run(ctx),
            SvcCommand::Logs(args) => args.run(ctx),
            SvcCommand::Package(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The service's name (default: the Dockerfile's folder name)
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,
    /// Load Balanced Web Service, Backend Service or Worker Service
    /// (short forms: lb-web-service, backend, worker)
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = init::parse_type)]
    pub kind: Option<WorkloadType>,
    #[command(flatten)]
    pub source: init::WorkloadFlags,
    /// The port the container listens on (default: the Dockerfile's EXPOSE)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    #[command(flatten)]
    pub answers: init::AnswerArgs,
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        let ws = Workspace::require(&ctx.cwd)?;
        let root = ws.dir.parent().unwrap_or(&ws.dir).to_path_buf();
        let spec = init::ask_workload(
            ctx,
            &p,
            &root,
            &ws.dir,
            init::WorkloadQuestions {
                name: self.name,
                kind: self.kind,
                source: self.source,
                port: self.port,
                ..Default::default()
            },
            &[
                WorkloadType::LoadBalancedWebService,
                WorkloadType::BackendService,
                WorkloadType::WorkerService,
            ],
            self.answers.force,
        )?;
        let mut plan = crate::init::Plan::default();
        plan.add(
            ws.dir.join(&spec.name).join("manifest.yml"),
            crate::init::workload_manifest(&spec)?,
        );
        init::write_plan(ctx, &plan, &ws.app, self.answers.force)?;
        let env = ws
            .environments()
            .into_iter()
            .next()
            .map(|(n, _)| n)
            .unwrap_or_else(|| "test".into());
        init::next_steps(ctx, &spec, &env);
        Ok(0)
    }
}

/// Names a workload and an environment; either may be left out when the workspace has
/// exactly one.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// The service's name (its folder under tug/)
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
    /// The environment
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub target: Target,
    /// Print the effective manifest: overrides merged, variables filled in, defaults applied
    #[arg(long)]
    pub manifest: bool,
}

impl ShowArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        if !self.manifest {
            return crate::cli::svc_aws::show(ctx, &self.target);
        }
        let (_, _, effective) = self.target.load(ctx)?;
        if ctx.global.json {
            let value = serde_json::to_value(&effective.workload)
                .map_err(|e| Error::user(format!("cannot print the manifest: {e}")))?;
            ctx.printer.json(&value)?;
        } else {
            let text = serde_yaml_ng::to_string(&effective.workload)
                .map_err(|e| Error::user(format!("cannot print the manifest: {e}")))?;
            ctx.printer.out(&text)?;
        }
        Ok(0)
    }
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    #[command(flatten)]
    pub target: Target,
    /// Folder to write `tug-<app>-<env>-<svc>.yml` and `.params.json` into
    #[arg(long, value_name = "DIR")]
    pub output_dir: PathBuf,
    /// Image tag for a service built from `image.build`
    #[arg(long, value_name = "TAG", default_value = "latest")]
    pub tag: String,
}

impl PackageArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let (ws, env, effective) = self.target.load(ctx)?;
        let w = &effective.workload;
        // Offline, the account is not known: AWS_ACCOUNT_ID fills it in, else a placeholder
        // that a deploy replaces. Built images are named by tag, as `svc deploy` pushes them.
        let account = std::env::var("AWS_ACCOUNT_ID").unwrap_or_else(|_| "ACCOUNT_ID".into());
        let region = ctx
            .global
            .region
            .clone()
            .or_else(|| std::env::var("AWS_REGION").ok())
            .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
            .unwrap_or_else(|| "us-east-1".into());
        let host = format!("{account}.dkr.ecr.{region}.amazonaws.com");
        let root = repo_root(&ws);
        let images = ServiceImages::new(&ws.app, w, &root, None, &self.tag)?.tagged(&host);
        let rendered =
            render::service(&ws.app, &env, w, &images).map_err(|e| Error::user(e.to_string()))?;
        let stack = render::stack_name(&ws.app, &env, Some(&w.name));
        write_package(ctx, &self.output_dir, &stack, &rendered)?;
        Ok(0)
    }
}

/// Writes `<stack>.yml` and `<stack>.params.json` into `dir` (our own output: replaced).
pub fn write_package(
    ctx: &Context,
    dir: &Path,
    stack: &str,
    rendered: &render::Rendered,
) -> Result<()> {
    let dir = ctx.cwd.join(dir);
    let template = dir.join(format!("{stack}.yml"));
    let params = dir.join(format!("{stack}.params.json"));
    let params_text = serde_json::to_string_pretty(&rendered.parameters)
        .map_err(|e| Error::user(format!("cannot write the parameters: {e}")))?;
    write_output(&template, rendered.template.as_bytes())?;
    write_output(&params, format!("{params_text}\n").as_bytes())?;
    if ctx.global.json {
        ctx.printer.json(&serde_json::json!({
            "stack": stack,
            "template": template,
            "parameters": params,
        }))?;
    } else {
        ctx.printer.info(&format!(
            "wrote {} and {}",
            display_path(&template, &ctx.cwd),
            display_path(&params, &ctx.cwd)
        ));
    }
    Ok(())
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

impl Target {
    /// Finds the workspace, the workload and the environment, and loads the workload as it
    /// applies there. Problems in the manifest are returned as located diagnostics.
    pub fn load(&self, ctx: &Context) -> Result<(Workspace, String, Effective)> {
        let ws = Workspace::require(&ctx.cwd)?;
        let names: Vec<String> = ws.workloads().into_iter().map(|(n, _)| n).collect();
        let name = pick(self.name.as_deref(), &names, "service", "-n NAME")?;
        let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
        let env = pick(self.env.as_deref(), &envs, "environment", "-e ENV")?;
        if !envs.is_empty() {
            ws.environment(&env)?;
        }
        let path: PathBuf = ws.workload(&name)?;
        let loaded = manifest::read(&path, &display_path(&path, &ctx.cwd))
            .map_err(|d| Error::Diagnostics(vec![*d]))?;
        if loaded.kind == Kind::Environment {
            return Err(Error::user(format!(
                "{} is an environment manifest, not a service",
                path.display()
            )));
        }
        let opts = Options {
            app: &ws.app,
            env: Some(&env),
            unset_is_error: true,
            lookup: &manifest::process_env,
        };
        let (effective, diags) = manifest::workload(&loaded, &opts);
        match effective {
            Some(e) => {
                for d in &diags {
                    ctx.printer.diagnostic(d);
                }
                Ok((ws, env, e))
            }
            None => Err(Error::Diagnostics(diags)),
        }
    }
}
