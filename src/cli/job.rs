//! `tug job`: Scheduled Jobs. `init` writes a manifest; `run` and `logs` are about its
//! runs; `deploy`, `ls`, `show`, `package` and `delete` are the `svc` commands, for jobs.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::ui::json as doc;
use clap::{Args, Subcommand};

use crate::aws::logs::LogEvent;
use crate::aws::states;
use crate::cli::svc::{self, Colours};
use crate::cli::{AnswerArgs, Context, Noun, Target, WorkloadFlags};
use crate::deploy::{self, scheduled};
use crate::error::{Error, Result};
use crate::manifest::types::WorkloadType;
use crate::ui::wizard::{self, WorkloadQuestions};

#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Write the manifest of a new Scheduled Job: tug/<name>/manifest.yml
    Init(InitArgs),
    /// Start a run of a job now (its state machine), and with --wait exit with its result
    Run(RunArgs),
    /// Print the logs of a job's last runs, merged in time order
    Logs(LogsArgs),
    /// Deploy a job to an environment through a change set
    Deploy(svc::DeployArgs),
    /// List the jobs deployed for this application
    Ls(svc::LsArgs),
    /// Show where a job is deployed (or, with --manifest, its effective manifest)
    Show(svc::ShowArgs),
    /// Write the CloudFormation template and parameters a deploy of the job would send
    Package(svc::PackageArgs),
    /// Delete a job from one environment, or from every one it is deployed in
    Delete(svc::DeleteArgs),
}

impl JobCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            JobCommand::Init(args) => args.run(ctx),
            JobCommand::Run(args) => args.run(ctx),
            JobCommand::Logs(args) => args.run(ctx),
            JobCommand::Deploy(mut args) => {
                args.target.noun = Noun::Job;
                args.run(ctx)
            }
            JobCommand::Ls(mut args) => {
                args.noun = Noun::Job;
                args.run(ctx)
            }
            JobCommand::Show(mut args) => {
                args.target.noun = Noun::Job;
                args.run(ctx)
            }
            JobCommand::Package(mut args) => {
                args.target.noun = Noun::Job;
                args.run(ctx)
            }
            JobCommand::Delete(mut args) => {
                args.noun = Noun::Job;
                args.run(ctx)
            }
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub target: Target,
    /// Wait for the run to end and exit with its result: 0 when it succeeded, 1 when it
    /// failed, timed out or was aborted
    #[arg(long)]
    pub wait: bool,
    /// Print the run's log lines as they come until it ends, then exit as --wait does
    #[arg(short = 'f', long)]
    pub follow: bool,
}

impl RunArgs {
    fn run(mut self, ctx: &Context) -> Result<u8> {
        self.target.noun = Noun::Job;
        let (ws, name, env) = self.target.names(ctx)?;
        let (aws, job, run) = ctx.block_on(async {
            let aws = ctx.connect().await?;
            let job = scheduled::deployed_job(&aws, &ws.app, &env, &name).await?;
            let run = states::start(&aws, &job.state_machine).await?;
            Ok::<_, Error>((aws, job, run))
        })??;
        let printer = &ctx.printer;
        printer.info(&format!("started run {} of job {name} in {env}", run.name));
        let logs_cmd = format!("tug job logs -n {name} -e {env}");
        if !self.wait && !self.follow {
            if printer.json {
                printer.json(&doc::JobRun {
                    schema: doc::SCHEMA_VERSION,
                    application: ws.app.clone(),
                    environment: env.clone(),
                    name: name.clone(),
                    run: (&run).into(),
                    outcome: None,
                })?;
            } else {
                printer.out(&run.arn)?;
                printer.info(&format!("follow its logs with: {logs_cmd} --follow"));
            }
            return Ok(0);
        }
        // Lines from a little before the run started: clocks differ.
        let logs = self
            .follow
            .then(|| scheduled::RunLogs::new(&job, &name, (run.started * 1000.0) as i64 - 1000));
        let mut colours = Colours::default();
        let emit = |e: &LogEvent| printer.log_event(e, colours.of(&e.task));
        let ended = ctx.block_on(async {
            tokio::select! {
                r = scheduled::wait(&aws, &run, logs, emit) => r.map(Some),
                _ = tokio::signal::ctrl_c() => Ok(None),
            }
        })??;
        let Some(end) = ended else {
            printer.info(&format!(
                "\nstopped watching; run {} goes on in AWS",
                run.name
            ));
            printer.info(&format!("  follow it with: {logs_cmd} --follow"));
            return Ok(130);
        };
        let outcome = scheduled::outcome(&end);
        if printer.json {
            let doc = doc::JobRun {
                schema: doc::SCHEMA_VERSION,
                application: ws.app.clone(),
                environment: env.clone(),
                name: name.clone(),
                run: (&end).into(),
                outcome: Some(outcome.clone()),
            };
            // After NDJSON log lines, the result is one more line.
            if self.follow {
                let text = serde_json::to_string(&doc)
                    .map_err(|e| Error::user(format!("cannot write the JSON output: {e}")))?;
                printer.out(&text)?;
            } else {
                printer.json(&doc)?;
            }
        }
        if end.succeeded() {
            printer.info(&format!("run {} of job {name} succeeded", end.name));
            return Ok(0);
        }
        Err(
            Error::user(format!("run {} of job {name} {outcome}", end.name))
                .with_help(format!("its logs: {logs_cmd}")),
        )
    }
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    #[command(flatten)]
    pub target: Target,
    /// How many of the last runs to print the logs of
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..=100))]
    pub last: u16,
    /// Then keep printing new lines, of any run, until Ctrl-C
    #[arg(short = 'f', long)]
    pub follow: bool,
}

impl LogsArgs {
    fn run(mut self, ctx: &Context) -> Result<u8> {
        self.target.noun = Noun::Job;
        let (ws, name, env) = self.target.names(ctx)?;
        let printer = &ctx.printer;
        ctx.block_on(async {
            let aws = ctx.connect().await?;
            let job = scheduled::deployed_job(&aws, &ws.app, &env, &name).await?;
            let (runs, query) = scheduled::runs_logs(&aws, &job, &name, self.last as usize).await?;
            if runs.is_empty() {
                printer.info(&format!("job {name} has not run in {env} yet"));
                if !self.follow {
                    printer.info(&format!(
                        "start a run now with: tug job run -n {name} -e {env}"
                    ));
                    return Ok(0);
                }
            }
            for r in runs.iter().rev() {
                printer.info(&format!(
                    "run {} started {}: {}",
                    r.name,
                    crate::aws::rfc3339(r.started),
                    r.status
                ));
            }
            let mut colours = Colours::default();
            let mut seen: HashMap<String, i64> = HashMap::new();
            if let Some(q) = &query {
                for e in crate::aws::logs::fetch(&aws, q).await? {
                    seen.insert(e.id.clone(), e.timestamp);
                    printer.log_event(&e, colours.of(&e.task))?;
                }
            } else if !runs.is_empty() {
                printer.info("no log lines from these runs");
            }
            if !self.follow {
                return Ok(0);
            }
            // New lines of any run, the ones that start from now on too.
            let q = crate::aws::logs::Query {
                group: job.group.clone(),
                streams: None,
                start_ms: None,
                end_ms: None,
            };
            let follow = deploy::logs::follow(&aws, q, seen, now_ms(), |e| {
                printer.log_event(e, colours.of(&e.task))
            });
            tokio::select! {
                r = follow => r,
                _ = tokio::signal::ctrl_c() => Ok(0),
            }
        })?
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
