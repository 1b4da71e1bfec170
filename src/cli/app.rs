use clap::{Args, Subcommand};

use crate::cli::init::{check_name_flag, folder_name, name_rule, write_plan, AnswerArgs};
use crate::cli::Context;
use crate::error::{Error, Result};
use crate::init::{self, discover, Plan};
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Create the workspace: tug/.workspace, naming the application
    Init(InitArgs),
}

impl AppCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            AppCommand::Init(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The application's name (default: this folder's name)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        if let Some(name) = &self.name {
            check_name_flag(name, "NAME")?;
        }
        if let Some(ws) = Workspace::find(&ctx.cwd)? {
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
        plan.add(
            ctx.cwd.join("tug").join(".workspace"),
            init::workspace_file(&name),
        );
        write_plan(ctx, &plan, &name, self.answers.force)?;
        ctx.printer
            .info("next: add a service with `tug svc init` and an environment with `tug env init`");
        Ok(0)
    }
}
