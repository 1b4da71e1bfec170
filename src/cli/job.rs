use clap::{Args, Subcommand};

use crate::cli::{AnswerArgs, Context, WorkloadFlags};
use crate::error::Result;
use crate::manifest::types::WorkloadType;
use crate::ui::wizard::{self, WorkloadQuestions};

#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml
    Init(InitArgs),
}

impl JobCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            JobCommand::Init(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The job's name (default: the Dockerfile's folder name)
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,
    /// When it runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)
    #[arg(long, value_name = "EXPR")]
    pub schedule: Option<String>,
    #[command(flatten)]
    pub source: WorkloadFlags,
    /// How many times to retry a failed run (0-10)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: Option<u32>,
    /// Stop a run still going after this long (e.g. 1h30m)
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        let ws = ctx.workspace()?;
        wizard::write_workload(
            &ctx.printer,
            &ctx.cwd,
            &p,
            &ws,
            WorkloadQuestions {
                name: self.name,
                kind: Some(WorkloadType::ScheduledJob),
                schedule: self.schedule,
                retries: self.retries,
                timeout: self.timeout,
                ..self.source.questions()
            },
            &[WorkloadType::ScheduledJob],
            self.answers.force,
        )?;
        ctx.printer
            .info("next: check the manifest with `tug validate`");
        Ok(0)
    }
}
