//! `tug svc`: the offline commands here, the ones about what is deployed in `deployed.rs`.

mod deployed;
mod exec;
mod rollback;
mod scale;

use std::path::PathBuf;

use clap::{Args, Subcommand};

pub use deployed::{Colours, DeleteArgs, DeployArgs, LogsArgs, LsArgs, StatusArgs};
pub use exec::ExecArgs;
pub use rollback::RollbackArgs;
pub use scale::ScaleArgs;

use crate::cli::{write_package, AnswerArgs, Context, Target, WorkloadFlags};
use crate::deploy::ServicePlan;
use crate::error::{Error, Result};
use crate::manifest::types::WorkloadType;
use crate::names;
use crate::ui::wizard::{self, WorkloadQuestions};

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
    /// Run a command (a shell by default) in a running task, through ECS Exec
    Exec(ExecArgs),
    /// Change the task count or the autoscaling range, through the stack
    Scale(ScaleArgs),
    /// Return a service to an earlier deploy through a change set, or list its revisions
    Rollback(RollbackArgs),
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
            SvcCommand::Exec(args) => args.run(ctx),
            SvcCommand::Scale(args) => args.run(ctx),
            SvcCommand::Rollback(args) => args.run(ctx),
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
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = crate::init::parse_type)]
    pub kind: Option<WorkloadType>,
    #[command(flatten)]
    pub source: WorkloadFlags,
    /// The port the container listens on (default: the Dockerfile's EXPOSE)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        let ws = ctx.workspace()?;
        let spec = wizard::write_workload(
            &ctx.printer,
            &ctx.cwd,
            &p,
            &ws,
            WorkloadQuestions {
                name: self.name,
                kind: self.kind,
                port: self.port,
                ..self.source.questions()
            },
            &[
                WorkloadType::LoadBalancedWebService,
                WorkloadType::BackendService,
                WorkloadType::WorkerService,
            ],
            self.answers.force,
        )?;
        let env = ws
            .environments()
            .into_iter()
            .next()
            .map(|(n, _)| n)
            .unwrap_or_else(|| "test".into());
        wizard::next_steps(&ctx.printer, &spec, &env);
        Ok(0)
    }
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
    pub fn run(self, ctx: &Context) -> Result<u8> {
        if !self.manifest {
            return deployed::show(ctx, &self.target);
        }
        let (_, _, effective) = self.target.load(ctx)?;
        if ctx.printer.json {
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
    pub fn run(self, ctx: &Context) -> Result<u8> {
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
        let (addons, warnings) = crate::deploy::workload_addons(&ws, &env, w, &ctx.cwd)?;
        for d in &warnings {
            ctx.printer.diagnostic(d);
        }
        let (traffic, warnings) = ws.env_traffic(&env, &effective, &ctx.cwd)?;
        for d in &warnings {
            ctx.printer.diagnostic(d);
        }
        let tags = (None, self.tag.as_str());
        let plan = ServicePlan::new(
            &ws.app,
            &env,
            w,
            &ws.root(),
            tags,
            &host,
            addons.as_ref(),
            &traffic,
        )?;
        let stack = names::stack_name(&ws.app, &env, Some(&w.name));
        crate::cli::write_staged(ctx, &self.output_dir, &stack, &plan.staged)?;
        write_package(ctx, &self.output_dir, &stack, &plan.rendered)?;
        Ok(0)
    }
}
