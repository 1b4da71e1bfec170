//! `tug init`: from a repository root to a workspace with a service and an environment,
//! asking only what tug cannot work out (the questions are `ui::wizard`'s, shared with
//! `svc init` and `job init`).

use clap::Args;
use clap::Parser as _;

use crate::cli::{AnswerArgs, Context, WorkloadFlags};
use crate::error::{Error, Result};
use crate::init::discover;
use crate::init::{self, check_name_flag, folder_name, name_rule, EnvSpec, Plan};
use crate::manifest::types::WorkloadType;
use crate::ui::wizard::{self, WorkloadQuestions};
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The application's name (default: the repository folder's name)
    #[arg(long, value_name = "NAME")]
    pub app: Option<String>,
    /// The service's name (default: the Dockerfile's folder name)
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,
    /// Load Balanced Web Service, Backend Service, Worker Service or Scheduled Job
    /// (short forms: lb-web-service, backend, worker, job)
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = crate::init::parse_type)]
    pub kind: Option<WorkloadType>,
    #[command(flatten)]
    pub source: WorkloadFlags,
    /// The port the container listens on (default: the Dockerfile's EXPOSE)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// When a Scheduled Job runs: @daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)
    #[arg(long, value_name = "EXPR")]
    pub schedule: Option<String>,
    /// The environment to create a manifest for, when it has none
    #[arg(long, short = 'e', value_name = "ENV", default_value = "test")]
    pub env: String,
    /// Deploy the environment and the service once the manifests are written
    #[arg(long)]
    pub deploy: bool,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        check_name_flag(&self.env, "--env")?;
        if let Some(app) = &self.app {
            check_name_flag(app, "--app")?;
        }
        let existing = Workspace::find(&ctx.cwd)?;

        // A Copilot workspace is used as it is.
        if let Some(copilot) = existing.as_ref().and_then(discover::copilot_app) {
            wizard::report_copilot(&ctx.printer, &ctx.cwd, &copilot)?;
            if self.deploy {
                return deploy_after_init(ctx, &copilot.workspace, &self.env, None);
            }
            return Ok(0);
        }

        let (root, ws_dir, app, new_workspace) = match &existing {
            Some(ws) => {
                if let Some(app) = self.app.as_ref().filter(|a| **a != ws.app) {
                    return Err(Error::user(format!(
                        "this repository's workspace {} is for application `{}`, not `{app}`",
                        display_path(&ws.dir, &ctx.cwd),
                        ws.app
                    ))
                    .with_help(format!("leave out --app, or pass --app {}", ws.app)));
                }
                ctx.printer.info(&format!(
                    "using application `{}` from {}",
                    ws.app,
                    display_path(&ws.dir.join(".workspace"), &ctx.cwd)
                ));
                let root = ws.dir.parent().unwrap_or(&ws.dir).to_path_buf();
                (root, ws.dir.clone(), ws.app.clone(), false)
            }
            None => {
                let app = match self.app.clone() {
                    Some(app) => app,
                    None => p.text(
                        "What is the application called?",
                        "the application name",
                        "--app NAME",
                        folder_name(&ctx.cwd),
                        name_rule,
                    )?,
                };
                (ctx.cwd.clone(), ctx.cwd.join("tug"), app, true)
            }
        };

        let spec = wizard::ask_workload(
            &ctx.printer,
            &ctx.cwd,
            &p,
            &root,
            &ws_dir,
            WorkloadQuestions {
                name: self.name.clone(),
                kind: self.kind,
                port: self.port,
                schedule: self.schedule.clone(),
                ..self.source.questions()
            },
            &[
                WorkloadType::LoadBalancedWebService,
                WorkloadType::BackendService,
                WorkloadType::WorkerService,
                WorkloadType::ScheduledJob,
            ],
            self.answers.force,
        )?;

        let mut plan = Plan::default();
        if new_workspace {
            plan.add(ws_dir.join(".workspace"), init::workspace_file(&app));
        }
        plan.add(
            ws_dir.join(&spec.name).join("manifest.yml"),
            init::workload_manifest(&spec)?,
        );
        let env_path = ws_dir
            .join("environments")
            .join(&self.env)
            .join("manifest.yml");
        if !env_path.exists() {
            plan.add(
                env_path,
                init::environment_manifest(&EnvSpec {
                    name: self.env.clone(),
                    ..Default::default()
                })?,
            );
        }
        wizard::write_plan(&ctx.printer, &ctx.cwd, &plan, &app, self.answers.force)?;
        wizard::next_steps(&ctx.printer, &spec, &self.env);
        if self.deploy {
            let ws = Workspace {
                dir: ws_dir,
                app,
                domain: None,
            };
            return deploy_after_init(ctx, &ws, &self.env, Some(&spec.name));
        }
        Ok(0)
    }
}

/// Deploys what `tug init` wrote: the environment (created when missing, updated
/// otherwise), then the workload; without a workload (a Copilot workspace used as it is),
/// every workload of the environment. The same commands a user would run next, with the
/// same progress output.
fn deploy_after_init(
    ctx: &Context,
    _ws: &Workspace,
    env: &str,
    workload: Option<&str>,
) -> Result<u8> {
    let steps: Vec<Vec<&str>> = match workload {
        Some(name) => vec![
            vec!["env", "deploy", "-n", env],
            vec!["svc", "deploy", "-n", name, "-e", env],
        ],
        None => vec![vec!["deploy", "-e", env]],
    };
    for step in steps {
        ctx.printer.info(&format!("==> tug {}", step.join(" ")));
        let cli =
            crate::cli::Cli::try_parse_from(std::iter::once("tug").chain(step.iter().copied()))
                .map_err(|e| Error::usage(e.to_string()))?;
        let code = cli.command.run(ctx)?;
        if code != 0 {
            return Ok(code);
        }
    }
    Ok(0)
}
