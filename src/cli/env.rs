use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::init::{check_name_flag, name_rule, write_plan, AnswerArgs};
use serde_json::json;

use crate::aws::stack::{self, Request};
use crate::aws::{self, Aws};
use crate::cli::deploy::{connect, deployed_env, run_job, until_interrupted, DeployFlags, Job};
use crate::cli::svc::{pick, write_package};
use crate::cli::Context;
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::init::{self, EnvSpec, ImportVpc, Plan, SubnetConfig, VpcConfig};
use crate::manifest::types::Workload;
use crate::manifest::validate::is_cidr;
use crate::manifest::{self, Kind, Options};
use crate::render;
use crate::ui::prompt::{Choice, Prompter};
use crate::workspace::{display_path, Workspace};

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

/// Comma-separated answers, checked one by one.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn check_list(
    text: &str,
    at_least: usize,
    what: &str,
    item: impl Fn(&str) -> bool,
) -> std::result::Result<(), String> {
    let items = list(text);
    if items.len() < at_least {
        return Err(format!("give at least {at_least} {what}, comma-separated"));
    }
    match items.iter().find(|i| !item(i)) {
        Some(bad) => Err(format!("\"{bad}\" is not one of the {what}")),
        None => Ok(()),
    }
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        let ws = Workspace::require(&ctx.cwd)?;
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
        self.network(&p, &mut spec)?;
        let mut plan = Plan::default();
        plan.add(path, init::environment_manifest(&spec)?);
        write_plan(ctx, &plan, &ws.app, self.answers.force)?;
        ctx.printer.info(&format!(
            "next: `tug env package -n {name} --output-dir out` writes the CloudFormation a deploy sends"
        ));
        Ok(0)
    }

    /// The network: from the flags, or asked.
    fn network(&self, p: &Prompter, spec: &mut EnvSpec) -> Result<()> {
        if let Some(id) = &self.import_vpc_id {
            if !id.starts_with("vpc-") {
                return Err(Error::usage(format!(
                    "--import-vpc-id \"{id}\": a VPC id looks like vpc-0123456789abcdef0"
                )));
            }
            let subnets = self
                .import_public_subnets
                .iter()
                .chain(&self.import_private_subnets);
            if let Some(bad) = subnets.into_iter().find(|s| !s.starts_with("subnet-")) {
                return Err(Error::usage(format!(
                    "\"{bad}\" is not a subnet id: they look like subnet-0123456789abcdef0"
                )));
            }
            for (flag, subnets) in [
                ("--import-public-subnets", &self.import_public_subnets),
                ("--import-private-subnets", &self.import_private_subnets),
            ] {
                if subnets.len() < 2 {
                    return Err(Error::usage(format!(
                        "{flag}: an imported VPC needs at least 2 subnets in 2 Availability Zones, found {}",
                        subnets.len()
                    )));
                }
            }
            spec.import_vpc = Some(ImportVpc {
                id: id.clone(),
                public: self.import_public_subnets.clone(),
                private: self.import_private_subnets.clone(),
            });
            return Ok(());
        }
        if self.override_vpc_cidr.is_some() || !self.override_az_names.is_empty() {
            let cidr = self
                .override_vpc_cidr
                .clone()
                .unwrap_or_else(|| "10.0.0.0/16".into());
            spec.vpc_config = Some(vpc_config(
                &cidr,
                &self.override_az_names,
                &self.override_public_cidrs,
                &self.override_private_cidrs,
            )?);
            return Ok(());
        }
        if self.default_config {
            return Ok(());
        }
        let choices = [
            Choice::new("Default", "a new VPC across two Availability Zones"),
            Choice::new("Import", "an existing VPC and its subnets"),
            Choice::new(
                "Configure",
                "a new VPC with your CIDR ranges and Availability Zones",
            ),
        ];
        let pick = p.select(
            "Which network should the environment use?",
            "the network",
            "--default-config, --import-vpc-id ... or --override-vpc-cidr ...",
            &choices,
            Some(0),
        )?;
        match pick {
            1 => {
                let id = p.text("VPC id", "the VPC", "--import-vpc-id", None, |s| {
                    if s.starts_with("vpc-") {
                        Ok(())
                    } else {
                        Err("a VPC id looks like vpc-0123456789abcdef0".into())
                    }
                })?;
                let subnet = |s: &str| s.starts_with("subnet-");
                let public = p.text(
                    "Public subnet ids (comma-separated)",
                    "the public subnets",
                    "--import-public-subnets",
                    None,
                    |s| check_list(s, 2, "subnet ids", subnet),
                )?;
                let private = p.text(
                    "Private subnet ids (comma-separated)",
                    "the private subnets",
                    "--import-private-subnets",
                    None,
                    |s| check_list(s, 2, "subnet ids", subnet),
                )?;
                spec.import_vpc = Some(ImportVpc {
                    id,
                    public: list(&public),
                    private: list(&private),
                });
            }
            2 => {
                let cidr = p.text(
                    "VPC CIDR block",
                    "the VPC CIDR",
                    "--override-vpc-cidr",
                    Some("10.0.0.0/16".into()),
                    |s| {
                        if is_cidr(s) {
                            Ok(())
                        } else {
                            Err("write an IPv4 block such as 10.0.0.0/16".into())
                        }
                    },
                )?;
                let azs = p.text(
                    "Availability Zones (comma-separated, e.g. us-east-1a,us-east-1b)",
                    "the Availability Zones",
                    "--override-az-names",
                    None,
                    |s| check_list(s, 2, "Availability Zones", |a| !a.is_empty()),
                )?;
                let n = list(&azs).len();
                let cidrs = |s: &str| {
                    check_list(s, n, "CIDR blocks", is_cidr)?;
                    if list(s).len() != n {
                        return Err(format!("give {n} CIDR blocks, one per Availability Zone"));
                    }
                    Ok(())
                };
                let public = p.text(
                    "Public subnet CIDR blocks (comma-separated, one per AZ)",
                    "the public subnet CIDRs",
                    "--override-public-cidrs",
                    None,
                    cidrs,
                )?;
                let private = p.text(
                    "Private subnet CIDR blocks (comma-separated, one per AZ)",
                    "the private subnet CIDRs",
                    "--override-private-cidrs",
                    None,
                    cidrs,
                )?;
                spec.vpc_config = Some(vpc_config(
                    &cidr,
                    &list(&azs),
                    &list(&public),
                    &list(&private),
                )?);
            }
            _ => {}
        }
        Ok(())
    }
}

fn vpc_config(
    cidr: &str,
    azs: &[String],
    public: &[String],
    private: &[String],
) -> Result<VpcConfig> {
    if !is_cidr(cidr) {
        return Err(Error::usage(format!(
            "--override-vpc-cidr \"{cidr}\" is not a CIDR block: write one such as 10.0.0.0/16"
        )));
    }
    if !azs.is_empty() && azs.len() < 2 {
        return Err(Error::usage(
            "--override-az-names: give at least 2 Availability Zones",
        ));
    }
    for (flag, list) in [
        ("--override-public-cidrs", public),
        ("--override-private-cidrs", private),
    ] {
        if list.len() != azs.len() {
            return Err(Error::usage(format!(
                "{flag}: give one CIDR block per Availability Zone ({} AZs, {} blocks)",
                azs.len(),
                list.len()
            )));
        }
        if let Some(bad) = list.iter().find(|c| !is_cidr(c)) {
            return Err(Error::usage(format!(
                "{flag}: \"{bad}\" is not a CIDR block"
            )));
        }
    }
    let subnets = |list: &[String]| {
        list.iter()
            .zip(azs)
            .map(|(cidr, az)| SubnetConfig {
                cidr: cidr.clone(),
                az: az.clone(),
            })
            .collect()
    };
    Ok(VpcConfig {
        cidr: cidr.to_string(),
        public: subnets(public),
        private: subnets(private),
    })
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
