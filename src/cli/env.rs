use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::AnswerArgs;
use crate::init::{check_name_flag, name_rule};
use crate::ui::wizard::write_plan;

use crate::aws::stack;
use crate::cli::{env_name, parse_timeout, write_package, Context, DeployFlags};
use crate::deploy;
use crate::error::{Error, Result};
use crate::init::{self, EnvSpec, Plan};
use crate::names;
use crate::ui::json as doc;
use crate::ui::wizard::NetworkAnswers;
use crate::workspace::display_path;

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Write the manifest of a new environment: tug/environments/<env>/manifest.yml
    Init(InitArgs),
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
            EnvCommand::Init(args) => args.run(ctx),
            EnvCommand::Package(args) => args.run(ctx),
            EnvCommand::Deploy(args) => args.run(ctx),
            EnvCommand::Ls(args) => args.run(ctx),
            EnvCommand::Show(args) => args.run(ctx),
            EnvCommand::Delete(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The environment's name
    #[arg(short = 'n', long = "name", value_name = "ENV")]
    pub name: Option<String>,
    /// Use the default network: a new VPC across two Availability Zones
    #[arg(long, conflicts_with_all = ["import_vpc_id", "override_vpc_cidr"])]
    pub default_config: bool,
    /// Import this existing VPC instead of creating one
    #[arg(long, value_name = "ID", requires_all = ["import_public_subnets", "import_private_subnets"])]
    pub import_vpc_id: Option<String>,
    /// The imported VPC's public subnets (at least 2, comma-separated)
    #[arg(
        long,
        value_name = "IDS",
        value_delimiter = ',',
        requires = "import_vpc_id"
    )]
    pub import_public_subnets: Vec<String>,
    /// The imported VPC's private subnets (at least 2, comma-separated)
    #[arg(
        long,
        value_name = "IDS",
        value_delimiter = ',',
        requires = "import_vpc_id"
    )]
    pub import_private_subnets: Vec<String>,
    /// The CIDR block of the VPC tug creates (default 10.0.0.0/16)
    #[arg(long, value_name = "CIDR", conflicts_with = "import_vpc_id")]
    pub override_vpc_cidr: Option<String>,
    /// Availability Zones for the subnets tug creates (comma-separated, one per subnet pair)
    #[arg(long, value_name = "AZS", value_delimiter = ',', requires_all = ["override_public_cidrs", "override_private_cidrs"], conflicts_with = "import_vpc_id")]
    pub override_az_names: Vec<String>,
    /// CIDR blocks of the public subnets, one per AZ (comma-separated)
    #[arg(
        long,
        value_name = "CIDRS",
        value_delimiter = ',',
        requires = "override_az_names"
    )]
    pub override_public_cidrs: Vec<String>,
    /// CIDR blocks of the private subnets, one per AZ (comma-separated)
    #[arg(
        long,
        value_name = "CIDRS",
        value_delimiter = ',',
        requires = "override_az_names"
    )]
    pub override_private_cidrs: Vec<String>,
    /// Turn on CloudWatch Container Insights for the environment's cluster
    #[arg(long)]
    pub container_insights: bool,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    fn network(&self) -> NetworkAnswers {
        NetworkAnswers {
            default_config: self.default_config,
            import_vpc_id: self.import_vpc_id.clone(),
            import_public_subnets: self.import_public_subnets.clone(),
            import_private_subnets: self.import_private_subnets.clone(),
            override_vpc_cidr: self.override_vpc_cidr.clone(),
            override_az_names: self.override_az_names.clone(),
            override_public_cidrs: self.override_public_cidrs.clone(),
            override_private_cidrs: self.override_private_cidrs.clone(),
        }
    }

    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        let ws = ctx.workspace()?;
        let existing: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
        let name = match self.name.clone() {
            Some(n) => {
                check_name_flag(&n, "--name")?;
                n
            }
            None => p.text(
                "What is the environment called? (e.g. test, prod)",
                "the environment name",
                "--name ENV",
                (!existing.iter().any(|e| e == "test")).then(|| "test".to_string()),
                name_rule,
            )?,
        };
        let path = ws.dir.join("environments").join(&name).join("manifest.yml");
        if path.exists() && !self.answers.force {
            return Err(Error::user(format!(
                "{} already exists; nothing was written",
                display_path(&path, &ctx.cwd)
            ))
            .with_help("pick another name, or pass --force to overwrite it"));
        }
        let mut spec = EnvSpec {
            name: name.clone(),
            container_insights: self.container_insights,
            ..Default::default()
        };
        self.network().ask(&p, &mut spec)?;
        let mut plan = Plan::default();
        plan.add(path, init::environment_manifest(&spec)?);
        write_plan(&ctx.printer, &ctx.cwd, &plan, &ws.app, self.answers.force)?;
        ctx.printer.info(&format!(
            "next: `tug env package -n {name} --output-dir out` writes the CloudFormation a deploy sends"
        ));
        Ok(0)
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
        let ws = ctx.workspace()?;
        let name = env_name(&ws, self.name.as_deref(), "-n ENV")?;
        let planned = deploy::plan_environment(&ws, &name, &ctx.cwd)?;
        for d in &planned.warnings {
            ctx.printer.diagnostic(d);
        }
        let stack = names::stack_name(&ws.app, &name, None);
        crate::cli::write_staged(ctx, &self.output_dir, &stack, &planned.staged)?;
        write_package(ctx, &self.output_dir, &stack, &planned.rendered)?;
        Ok(0)
    }
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
        let ws = ctx.workspace()?;
        let name = env_name(&ws, self.name.as_deref(), "-n ENV")?;
        let planned = deploy::plan_environment(&ws, &name, &ctx.cwd)?;
        for d in &planned.warnings {
            ctx.printer.diagnostic(d);
        }
        if self.flags.force {
            ctx.printer.info(
                "note: --force starts new ECS deployments of services; an environment has none, so it deploys as usual",
            );
        }
        let mut job = deploy::environment_job(&ws.app, &name, &planned.rendered);
        let opts = self.flags.options();
        let resume = job.resume.clone();
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let view = ctx.printer.deploy_view();
            let observe = |stack: &str, title: &str| -> Box<dyn deploy::Observer + '_> {
                Box::new(view.observer(&ctx.printer, stack, title))
            };
            let warnings =
                deploy::prepare_environment(&aws, &ws.app, &name, &planned.traffic, &mut job)
                    .await?;
            let staged = &planned.staged;
            let needed = !staged.artifacts.is_empty();
            let bucket = deploy::artifacts_bucket(&aws, &ws.app, needed, opts.timeout, &observe);
            let bucket = bucket.await?;
            let observer = view.observer(&ctx.printer, &job.request.stack, &job.title);
            for w in &warnings {
                deploy::warn(&observer, w);
            }
            staged
                .upload(&aws, bucket.as_deref(), &mut job, &observer)
                .await?;
            let result = deploy::run_job(&aws, &job, &opts, &observer).await?;
            Ok(if result.ok() { 0 } else { 1 })
        })
    }
}

#[derive(Debug, Args)]
pub struct LsArgs {}

impl LsArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let stacks = stack::list(&aws, Some(&ws.app)).await?;
            let envs: Vec<&stack::StackInfo> = stacks
                .iter()
                .filter(|s| {
                    s.tag(names::TAG_ENVIRONMENT).is_some() && s.tag(names::TAG_WORKLOAD).is_none()
                })
                .collect();
            let doc = doc::EnvList {
                schema: doc::SCHEMA_VERSION,
                application: ws.app.clone(),
                environments: envs
                    .iter()
                    .map(|s| doc::EnvRow {
                        name: s.tag(names::TAG_ENVIRONMENT).map(str::to_string),
                        stack: s.name.clone(),
                        status: s.status.to_string(),
                    })
                    .collect(),
            };
            let rows: Vec<Vec<String>> = envs
                .iter()
                .map(|s| {
                    let name = s.tag(names::TAG_ENVIRONMENT).unwrap_or_default();
                    vec![name.to_string(), s.status.to_string(), s.name.clone()]
                })
                .collect();
            let empty = format!(
                "application {} has no environment deployed in {}",
                ws.app,
                aws.region()
            );
            ctx.printer
                .listing(&doc, &empty, &["NAME", "STATUS", "STACK"], &rows)?;
            Ok(0)
        })?
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
        let ws = ctx.workspace()?;
        let name = env_name(&ws, self.name.as_deref(), "-n ENV")?;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let env = deploy::env_stack_any(&aws, &ws.app, &name).await?;
            let stacks = stack::list(&aws, Some(&ws.app)).await?;
            let services: Vec<&stack::StackInfo> = stacks
                .iter()
                .filter(|s| {
                    s.tag(names::TAG_ENVIRONMENT) == Some(name.as_str())
                        && s.tag(names::TAG_WORKLOAD).is_some()
                })
                .collect();
            if ctx.printer.json {
                ctx.printer.json(&doc::EnvShow {
                    schema: doc::SCHEMA_VERSION,
                    application: ws.app.clone(),
                    name: name.clone(),
                    region: aws.region(),
                    stack: env.name.clone(),
                    status: env.status.to_string(),
                    outputs: env.outputs.clone(),
                    workloads: services
                        .iter()
                        .map(|s| doc::EnvWorkload {
                            name: s.tag(names::TAG_WORKLOAD).map(str::to_string),
                            status: s.status.to_string(),
                        })
                        .collect(),
                })?;
                return Ok(0);
            }
            let text = crate::ui::views::env_show(&ws.app, &name, &aws.region(), &env, &services);
            ctx.printer.out(&text)?;
            Ok(0)
        })?
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
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,
}

impl DeleteArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = ctx.workspace()?;
        let name = env_name(&ws, self.name.as_deref(), "-n ENV")?;
        let resume = format!("tug env show -n {name}");
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let env = deploy::env_stack_any(&aws, &ws.app, &name).await?;
            let stacks = stack::list(&aws, Some(&ws.app)).await?;
            let workloads: Vec<String> = stacks
                .iter()
                .filter(|s| s.tag(names::TAG_ENVIRONMENT) == Some(name.as_str()))
                .filter_map(|s| s.tag(names::TAG_WORKLOAD).map(str::to_string))
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
            let view = ctx.printer.deploy_view();
            let observer = view.observer(&ctx.printer, &env.name, &format!("environment {name}"));
            let owner = names::stack_tags(&ws.app, &name, None);
            let gone = deploy::delete_stack(&aws, &env.name, &owner, self.timeout, &observer);
            let gone = gone.await?;
            Ok(if gone { 0 } else { 1 })
        })
    }
}
