//! The command line: clap definitions, one file per noun. Each handler reads its
//! arguments, calls library code and hands the result to [`crate::ui`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::ui::Printer;

pub mod app;
pub mod completions;
pub mod deploy;
pub mod env;
pub mod init;
pub mod job;
pub mod sim;
pub mod svc;
pub mod svc_aws;
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
    /// Scheduled Jobs: create
    #[command(subcommand)]
    Job(job::JobCommand),
    /// Environments: create, deploy, list, show, delete, render CloudFormation
    #[command(subcommand)]
    Env(env::EnvCommand),
    /// Services: create, deploy, list, show, status, logs, delete, render CloudFormation
    #[command(subcommand)]
    Svc(svc::SvcCommand),
    /// Deploy an environment, then every workload in it, in parallel
    Deploy(deploy::DeployAllArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Simulate the ECS scheduler offline: placement, Fargate sizes, rollouts, scaling
    Sim(sim::SimArgs),
}

/// What every handler gets: the global flags, the directory to work in, and the printer.
pub struct Context {
    pub global: GlobalArgs,
    pub cwd: PathBuf,
    pub printer: Printer,
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
        })
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
            Command::Env(cmd) => cmd.run(ctx),
            Command::Deploy(args) => args.run(ctx),
            Command::Completions(args) => args.run(ctx),
            Command::Sim(args) => args.run(ctx),
        }
    }
}
