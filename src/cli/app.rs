//! `tug app`: the applications deployed in the account and Region, read from stack tags.

use clap::{Args, Subcommand};

use crate::aws::stack::{self, StackInfo};
use crate::cli::parse_timeout;
use crate::cli::AnswerArgs;
use crate::cli::Context;
use crate::deploy;
use crate::error::{Error, Result};
use crate::init::{self, discover, Plan};
use crate::init::{check_name_flag, folder_name, name_rule};
use crate::names::{TAG_ENVIRONMENT, TAG_WORKLOAD};
use crate::ui::json as doc;
use crate::ui::wizard::write_plan;
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Create the workspace: tug/.workspace, naming the application
    Init(InitArgs),
    /// List the applications deployed in this account and Region
    Ls(LsArgs),
    /// Show an application's environments and workloads
    Show(ShowArgs),
    /// Delete an application: its workloads, then its environments, then its ECR repositories
    Delete(DeleteArgs),
}

impl AppCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            AppCommand::Init(args) => args.run(ctx),
            AppCommand::Ls(a) => a.run(ctx),
            AppCommand::Show(a) => a.run(ctx),
            AppCommand::Delete(a) => a.run(ctx),
        }
    }
}

/// `-n NAME`, else the workspace's application.
fn app_name(ctx: &Context, given: Option<&str>) -> Result<String> {
    if let Some(n) = given {
        return Ok(n.to_string());
    }
    match Workspace::find(&ctx.cwd)? {
        Some(ws) => Ok(ws.app),
        None => Err(Error::usage("which application? pass -n NAME")
            .with_help("or run tug inside a workspace; `tug app ls` lists the deployed ones")),
    }
}

#[derive(Debug, Args)]
pub struct LsArgs {}

impl LsArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let apps = deploy::by_app(stack::list(&aws, None).await?);
            let rows: Vec<(String, usize, usize)> = apps
                .iter()
                .map(|(a, stacks)| {
                    let w = stacks
                        .iter()
                        .filter(|s| s.tag(TAG_WORKLOAD).is_some())
                        .count();
                    // The bootstrap stack has no environment tag: not an environment.
                    let e = stacks
                        .iter()
                        .filter(|s| s.tag(TAG_ENVIRONMENT).is_some())
                        .count();
                    (a.clone(), e - w, w)
                })
                .collect();
            let doc = doc::AppList {
                schema: doc::SCHEMA_VERSION,
                applications: rows
                    .iter()
                    .map(|(a, e, w)| doc::AppRow {
                        name: a.clone(),
                        environments: *e,
                        workloads: *w,
                    })
                    .collect(),
            };
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|(a, e, w)| vec![a.clone(), e.to_string(), w.to_string()])
                .collect();
            let empty = format!("no tug application is deployed in {}", aws.region());
            let header = ["NAME", "ENVIRONMENTS", "WORKLOADS"];
            ctx.printer.listing(&doc, &empty, &header, &table)?;
            Ok(0)
        })?
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The application (default: the workspace's)
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
}

impl ShowArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let app = app_name(ctx, self.name.as_deref())?;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let stacks = deploy::app_stacks(&aws, &app).await?;
            let envs: Vec<&StackInfo> = stacks
                .iter()
                .filter(|s| s.tag(TAG_ENVIRONMENT).is_some() && s.tag(TAG_WORKLOAD).is_none())
                .collect();
            let wls: Vec<&StackInfo> = stacks
                .iter()
                .filter(|s| s.tag(TAG_WORKLOAD).is_some())
                .collect();
            if ctx.printer.json {
                ctx.printer.json(&doc::AppShow {
                    schema: doc::SCHEMA_VERSION,
                    name: app.clone(),
                    region: aws.region(),
                    environments: envs
                        .iter()
                        .map(|s| doc::EnvRow {
                            name: s.tag(TAG_ENVIRONMENT).map(str::to_string),
                            stack: s.name.clone(),
                            status: s.status.to_string(),
                        })
                        .collect(),
                    workloads: wls
                        .iter()
                        .map(|s| doc::WorkloadRow {
                            name: s.tag(TAG_WORKLOAD).map(str::to_string),
                            environment: s.tag(TAG_ENVIRONMENT).map(str::to_string),
                            stack: s.name.clone(),
                            status: s.status.to_string(),
                        })
                        .collect(),
                })?;
                return Ok(0);
            }
            let t = crate::ui::views::app_show(&app, &aws.region(), &envs, &wls);
            ctx.printer.out(&t)?;
            Ok(0)
        })?
    }
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The application (default: the workspace's)
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
    /// Don't ask (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Stop watching each stack after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,
}

impl DeleteArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let app = app_name(ctx, self.name.as_deref())?;
        let resume = "tug app ls".to_string();
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let found = deploy::app_resources(&aws, &app).await?;
            ctx.printer.info(&format!(
                "This deletes:\n  {}",
                found.describe().join("\n  ")
            ));
            if !self.yes
                && !ctx.printer.confirm(
                    &format!("Delete application {app} and all of the above?"),
                    "--yes",
                )?
            {
                ctx.printer.info("not deleted");
                return Ok(1);
            }
            let observe = |stack: &str, title: &str| -> Box<dyn deploy::Observer + '_> {
                let view = ctx.printer.deploy_view();
                Box::new(view.observer(&ctx.printer, stack, title))
            };
            let deleted = |repo: &str| ctx.printer.info(&format!("deleted ECR repository {repo}"));
            deploy::delete_app(&aws, &app, &found, self.timeout, &observe, &deleted).await?;
            ctx.printer.info(&format!("application {app} deleted"));
            Ok(0)
        })
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The application's name (default: this folder's name)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// The application's domain, with a public hosted zone in Route 53 of the account:
    /// environments are `<env>.<app>.<domain>`, web services `<svc>.<env>.<app>.<domain>`,
    /// served over HTTPS with a managed certificate
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        if let Some(name) = &self.name {
            check_name_flag(name, "NAME")?;
        }
        let domain = match &self.domain {
            Some(d) => {
                let d = d.trim_end_matches('.').to_ascii_lowercase();
                if !crate::manifest::domain::valid_domain(&d) {
                    return Err(Error::usage(format!(
                        "--domain {d}: not a domain name"
                    ))
                    .with_help("pass the domain whose public hosted zone is in Route 53, such as `--domain example.com`"));
                }
                Some(d)
            }
            None => None,
        };
        if let Some(ws) = Workspace::find(&ctx.cwd)? {
            if let Some(d) = &domain {
                return add_domain(ctx, &ws, d, self.answers.force);
            }
            if let Some(c) = discover::copilot_app(&ws) {
                ctx.printer.info(&format!(
                    "found Copilot application {} with {} services; tug will use it as it is",
                    c.workspace.app,
                    c.services + c.jobs
                ));
                return Ok(0);
            }
            let marker = ws.dir.join(".workspace");
            let here = ctx.cwd.join("tug").join(".workspace");
            if !(self.answers.force && marker == here) {
                return Err(Error::user(format!(
                    "{} already names application `{}`",
                    display_path(&marker, &ctx.cwd),
                    ws.app
                ))
                .with_help(if marker == here {
                    "pass --force to rename the application"
                } else {
                    "this folder is inside that workspace already"
                }));
            }
        }
        let name = match self.name {
            Some(n) => n,
            None => p.text(
                "What is the application called?",
                "the application name",
                "NAME (tug app init NAME)",
                folder_name(&ctx.cwd),
                name_rule,
            )?,
        };
        let mut plan = Plan::default();
        let mut file = init::workspace_file(&name);
        if let Some(d) = &domain {
            file.push_str(&format!("domain: {d}\n"));
        }
        plan.add(ctx.cwd.join("tug").join(".workspace"), file);
        write_plan(&ctx.printer, &ctx.cwd, &plan, &name, self.answers.force)?;
        ctx.printer
            .info("next: add a service with `tug svc init` and an environment with `tug env init`");
        Ok(0)
    }
}

/// Records `domain` in the `.workspace` of an existing workspace (tug's or Copilot's, whose
/// own `.workspace` holds only the application's name): the line is added, the rest of the
/// file kept; a different domain already there is replaced only with `--force`.
fn add_domain(ctx: &Context, ws: &Workspace, domain: &str, force: bool) -> Result<u8> {
    let marker = ws.dir.join(".workspace");
    let shown = display_path(&marker, &ctx.cwd);
    if ws.domain.as_deref() == Some(domain) {
        ctx.printer
            .info(&format!("{shown} already has `domain: {domain}`"));
        return Ok(0);
    }
    if let (Some(old), false) = (&ws.domain, force) {
        return Err(Error::user(format!(
            "{shown} already has `domain: {old}`"
        ))
        .with_help(format!(
            "pass --force to replace it with {domain}; the environments' names and certificates change at their next deploy"
        )));
    }
    let text =
        std::fs::read_to_string(&marker).map_err(|e| Error::io(format!("reading {shown}"), e))?;
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("domain:"))
        .collect();
    let line = format!("domain: {domain}");
    lines.push(&line);
    let mut out = lines.join("\n");
    out.push('\n');
    crate::workspace::write_atomic(&marker, out.as_bytes(), true)?;
    ctx.printer.info(&format!(
        "{shown}: application {} has the domain {domain}; `tug env deploy` looks up its hosted zone",
        ws.app
    ));
    Ok(0)
}
