//! `tug init`: from a repository root to a workspace with a service and an environment,
//! asking only what tug cannot work out. The questions shared with `svc init`, `job init`
//! and `env init` live here too.

use std::path::{Path, PathBuf};

use clap::Args;
use clap::Parser as _;

use crate::cli::Context;
use crate::error::{Error, Result};
use crate::init::discover::{self, CopilotApp};
use crate::init::{self, EnvSpec, Plan, Source, WorkloadSpec};
use crate::manifest::types::WorkloadType;
use crate::manifest::validate::{check_name, check_schedule, parse_duration};
use crate::ui::prompt::{Choice, Prompter};
use crate::workspace::{display_path, Workspace};

/// The flags that answer the questions of every init command.
#[derive(Debug, Clone, Args)]
pub struct AnswerArgs {
    /// Accept every proposed answer without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Never ask: a missing answer is an error naming its flag (the default without a terminal)
    #[arg(long)]
    pub no_input: bool,
    /// Overwrite manifests and workspace files that already exist
    #[arg(long)]
    pub force: bool,
}

impl AnswerArgs {
    pub fn prompter(&self, ctx: &Context) -> Prompter {
        Prompter::new(self.no_input, self.yes, ctx.printer.color)
    }
}

/// The flags describing one workload.
#[derive(Debug, Clone, Default, Args)]
pub struct WorkloadFlags {
    /// Build the image from this Dockerfile
    #[arg(long, value_name = "PATH", conflicts_with = "image")]
    pub dockerfile: Option<PathBuf>,
    /// Run this existing image instead of building one
    #[arg(long, value_name = "URI")]
    pub image: Option<String>,
}

/// Everything asked about a workload, flags first.
#[derive(Debug, Clone, Default)]
pub struct WorkloadQuestions {
    pub name: Option<String>,
    pub kind: Option<WorkloadType>,
    pub source: WorkloadFlags,
    pub port: Option<u16>,
    pub schedule: Option<String>,
    pub retries: Option<u32>,
    pub timeout: Option<String>,
}

/// Parses `--type`: the manifest's name for it, or a short form.
pub fn parse_type(text: &str) -> std::result::Result<WorkloadType, String> {
    let t = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    Ok(match t.as_str() {
        "load-balanced-web-service" | "lb-web-service" | "lbws" | "web" => {
            WorkloadType::LoadBalancedWebService
        }
        "backend-service" | "backend" => WorkloadType::BackendService,
        "worker-service" | "worker" => WorkloadType::WorkerService,
        "scheduled-job" | "job" => WorkloadType::ScheduledJob,
        _ => {
            return Err(format!(
                "not a workload type; use one of \"{}\" (or lb-web-service, backend, worker, job)",
                WorkloadType::ALL.join("\", \"")
            ))
        }
    })
}

fn check_port(text: &str) -> std::result::Result<(), String> {
    match text.parse::<u16>() {
        Ok(p) if p > 0 => Ok(()),
        _ => Err("a port is a whole number from 1 to 65535".into()),
    }
}

/// Name rule, with the reason, for questions and flags.
pub fn name_rule(text: &str) -> std::result::Result<(), String> {
    check_name(text).map_err(|why| format!("\"{text}\" is not a valid name: {why}"))
}

/// Checks a name given by a flag.
pub fn check_name_flag(text: &str, flag: &str) -> Result<()> {
    name_rule(text).map_err(|why| {
        let mut e = Error::usage(format!("{flag}: {why}"));
        if let Some(s) = discover::sanitize_name(text) {
            e = e.with_help(format!("try `{flag} {s}`"));
        }
        e
    })
}

pub const SCHEDULE_EXAMPLES: &str = "@daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)";

/// Asks every question about a workload whose files go under `root` (the repository) and
/// whose manifest goes under `ws_dir`. `kinds` are the types the command may create.
pub fn ask_workload(
    ctx: &Context,
    p: &Prompter,
    root: &Path,
    ws_dir: &Path,
    q: WorkloadQuestions,
    kinds: &[WorkloadType],
    force: bool,
) -> Result<WorkloadSpec> {
    if let Some(name) = &q.name {
        check_name_flag(name, "--name")?;
    }
    if let Some(s) = &q.schedule {
        check_schedule(s).map_err(|why| Error::usage(format!("--schedule \"{s}\": {why}")))?;
    }
    if let Some(t) = &q.timeout {
        if parse_duration(t).is_none() {
            return Err(Error::usage(format!(
                "--timeout \"{t}\" is not a duration: write a number with a unit, such as `30m` or `1h30m`"
            )));
        }
    }

    // 1. The image: a Dockerfile found here, one given, or an image.
    let (source, exposed) = ask_source(ctx, p, root, &q.source)?;

    // 2. The type.
    let kind = match q.kind {
        Some(k) if kinds.contains(&k) => k,
        Some(k) => {
            return Err(
                Error::usage(format!("this command does not create a {}", k.name())).with_help(
                    if k == WorkloadType::ScheduledJob {
                        "use `tug job init` for a Scheduled Job"
                    } else {
                        "use `tug svc init` for a service"
                    },
                ),
            )
        }
        None if kinds.len() == 1 => kinds[0],
        None => {
            let choices: Vec<Choice> = kinds
                .iter()
                .map(|k| Choice::new(k.name(), init::describe(*k)))
                .collect();
            kinds[p.select(
                "Which type of workload is it?",
                "the workload type",
                "--type TYPE",
                &choices,
                Some(0),
            )?]
        }
    };

    // 3. The name, proposed from the Dockerfile's folder.
    let proposed = match &source {
        Source::Dockerfile(d) => discover::propose_name(root, Path::new(d)),
        Source::Image(_) => None,
    };
    let name = match q.name {
        Some(n) => n,
        None => p.text(
            &format!(
                "What should the {} be called?",
                if kind.is_service() { "service" } else { "job" }
            ),
            "the name",
            "--name NAME",
            proposed,
            |s| {
                name_rule(s)?;
                if s == "environments" {
                    return Err("`environments` is where environment manifests go".into());
                }
                Ok(())
            },
        )?,
    };
    if name == "environments" {
        return Err(Error::usage(
            "--name environments: that folder holds the environment manifests",
        ));
    }
    let manifest = ws_dir.join(&name).join("manifest.yml");
    if manifest.exists() && !force {
        return Err(Error::user(format!(
            "{} already exists; nothing was written",
            display_path(&manifest, &ctx.cwd)
        ))
        .with_help("pick another name, or pass --force to overwrite it"));
    }

    // 4. The port, for services that take traffic.
    let port = match kind {
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService => match q.port {
            Some(port) => Some(port),
            None if p.asks() => {
                let default =
                    exposed.or((kind == WorkloadType::LoadBalancedWebService).then_some(80));
                let optional = kind == WorkloadType::BackendService;
                let answer = p.text(
                    if optional {
                        "Which port does it listen on? (empty: none)"
                    } else {
                        "Which port does it listen on?"
                    },
                    "the port",
                    "--port N",
                    default.map(|d| d.to_string()),
                    |s| {
                        if optional && s.is_empty() {
                            Ok(())
                        } else {
                            check_port(s)
                        }
                    },
                )?;
                answer.parse().ok()
            }
            None => match (exposed, kind) {
                (Some(port), _) => Some(port),
                (None, WorkloadType::BackendService) => None,
                (None, _) => Some(
                    p.text(
                        "",
                        "the port (the Dockerfile has no EXPOSE)",
                        "--port N",
                        Some("80".into()),
                        check_port,
                    )?
                    .parse()
                    .unwrap_or(80),
                ),
            },
        },
        _ => {
            if q.port.is_some() {
                return Err(Error::usage(format!(
                    "--port: a {} takes no traffic, so it has no port",
                    kind.name()
                )));
            }
            None
        }
    };

    // 5. The schedule, for jobs.
    let schedule = if kind == WorkloadType::ScheduledJob {
        Some(match q.schedule {
            Some(s) => s,
            None => p.text(
                &format!("When should it run? (e.g. {SCHEDULE_EXAMPLES})"),
                "the schedule",
                "--schedule EXPR",
                None,
                check_schedule,
            )?,
        })
    } else {
        if q.schedule.is_some() || q.retries.is_some() || q.timeout.is_some() {
            return Err(Error::usage(
                "--schedule, --retries and --timeout are for a Scheduled Job",
            )
            .with_help("pass --type job, or leave them out"));
        }
        None
    };

    Ok(WorkloadSpec {
        name,
        kind,
        source,
        port,
        schedule,
        retries: q.retries,
        timeout: q.timeout,
    })
}

/// Picks the image source. Returns it and the port the Dockerfile exposes.
fn ask_source(
    ctx: &Context,
    p: &Prompter,
    root: &Path,
    flags: &WorkloadFlags,
) -> Result<(Source, Option<u16>)> {
    if let Some(image) = &flags.image {
        if image.trim().is_empty() || image.chars().any(char::is_whitespace) {
            return Err(Error::usage(format!("--image \"{image}\" is not an image")));
        }
        return Ok((Source::Image(image.clone()), None));
    }
    if let Some(path) = &flags.dockerfile {
        let full = ctx.cwd.join(path);
        if !full.is_file() {
            return Err(Error::user(format!(
                "--dockerfile {}: no such file",
                path.display()
            )));
        }
        let rel = dockerfile_rel(root, &full)?;
        return Ok((Source::Dockerfile(rel), discover::dockerfile_port(&full)));
    }
    let found = discover::dockerfiles(root);
    let found_rel = |i: usize| found[i].to_string_lossy().replace('\\', "/");
    match found.len() {
        0 => {
            ctx.printer.info(&format!(
                "no Dockerfile found under {}",
                display_dir(root, &ctx.cwd)
            ));
            let image = p.text(
                "Which image should it run? (e.g. public.ecr.aws/nginx/nginx:latest)",
                "a Dockerfile or an image (none was found)",
                "--dockerfile PATH or --image URI",
                None,
                check_image,
            )?;
            Ok((Source::Image(image), None))
        }
        1 if !p.asks() => {
            ctx.printer.info(&format!(
                "using {}, the only Dockerfile found",
                found_rel(0)
            ));
            Ok((
                Source::Dockerfile(found_rel(0)),
                discover::dockerfile_port(&root.join(&found[0])),
            ))
        }
        n => {
            let mut choices: Vec<Choice> = found
                .iter()
                .map(|f| {
                    let port = discover::dockerfile_port(&root.join(f))
                        .map(|p| format!("EXPOSE {p}"))
                        .unwrap_or_default();
                    Choice::new(f.to_string_lossy(), port)
                })
                .collect();
            choices.push(Choice::new(
                "Use an existing image instead",
                "run an image from a registry, built elsewhere",
            ));
            if !p.asks() {
                let list: Vec<String> = (0..n).map(found_rel).collect();
                return Err(p
                    .missing(
                        &format!("a choice of Dockerfile ({n} found)"),
                        "--dockerfile PATH",
                    )
                    .with_help(format!("found: {}", list.join(", "))));
            }
            let i = p.select(
                "Which Dockerfile should tug build?",
                "the Dockerfile",
                "--dockerfile PATH",
                &choices,
                Some(0),
            )?;
            if i == n {
                let image = p.text(
                    "Which image should it run?",
                    "the image",
                    "--image URI",
                    None,
                    check_image,
                )?;
                return Ok((Source::Image(image), None));
            }
            Ok((
                Source::Dockerfile(found_rel(i)),
                discover::dockerfile_port(&root.join(&found[i])),
            ))
        }
    }
}

fn check_image(s: &str) -> std::result::Result<(), String> {
    if s.is_empty() {
        Err("an image is needed, such as nginx:1.27".into())
    } else if s.chars().any(char::is_whitespace) {
        Err("an image reference has no spaces".into())
    } else {
        Ok(())
    }
}

/// A Dockerfile's path relative to the repository root, as a manifest writes it.
fn dockerfile_rel(root: &Path, full: &Path) -> Result<String> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_c, full_c) = (canon(root), canon(full));
    full_c
        .strip_prefix(&root_c)
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .map_err(|_| {
            Error::user(format!(
                "--dockerfile {}: it is outside the repository {}",
                full.display(),
                root.display()
            ))
            .with_help("the image is built from inside the repository; move the Dockerfile there")
        })
}

fn display_dir(dir: &Path, base: &Path) -> String {
    let shown = display_path(dir, base);
    if shown.is_empty() {
        ".".into()
    } else {
        shown
    }
}

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
    #[arg(long = "type", short = 't', value_name = "TYPE", value_parser = parse_type)]
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
            report_copilot(ctx, &copilot)?;
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

        let spec = ask_workload(
            ctx,
            &p,
            &root,
            &ws_dir,
            WorkloadQuestions {
                name: self.name.clone(),
                kind: self.kind,
                source: self.source.clone(),
                port: self.port,
                schedule: self.schedule.clone(),
                ..Default::default()
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
        write_plan(ctx, &plan, &app, self.answers.force)?;
        next_steps(ctx, &spec, &self.env);
        if self.deploy {
            let ws = Workspace { dir: ws_dir, app };
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

fn report_copilot(ctx: &Context, c: &CopilotApp) -> Result<()> {
    let jobs = match c.jobs {
        0 => String::new(),
        1 => " and 1 job".into(),
        n => format!(" and {n} jobs"),
    };
    let services = if c.services == 1 {
        "service"
    } else {
        "services"
    };
    ctx.printer.info(&format!(
        "found Copilot application {} with {} {services}{jobs}; tug will use it as it is",
        c.workspace.app, c.services
    ));
    ctx.printer.info(&format!(
        "nothing was written; check it with `tug validate`, add services with `tug svc init` (they go to {})",
        display_path(&c.workspace.dir, &ctx.cwd)
    ));
    if ctx.global.json {
        ctx.printer.json(&serde_json::json!({
            "application": c.workspace.app,
            "workspace": c.workspace.dir,
            "copilot": true,
            "written": [],
        }))?;
    }
    Ok(())
}

/// The folder's own name, made into a valid name.
pub fn folder_name(dir: &Path) -> Option<String> {
    dir.file_name()
        .and_then(|n| n.to_str())
        .and_then(discover::sanitize_name)
}

/// Checks the generated manifests, writes them, and says what was written.
pub fn write_plan(ctx: &Context, plan: &Plan, app: &str, force: bool) -> Result<()> {
    for d in plan.check(app, &ctx.cwd)? {
        ctx.printer.diagnostic(&d);
    }
    plan.write(&ctx.cwd, force)?;
    let written: Vec<String> = plan
        .files
        .iter()
        .map(|p| display_path(p, &ctx.cwd))
        .collect();
    if ctx.global.json {
        ctx.printer.json(&serde_json::json!({
            "application": app,
            "written": written,
        }))?;
    } else {
        for w in &written {
            ctx.printer.info(&format!("wrote {w}"));
        }
    }
    Ok(())
}

/// What to run next.
pub fn next_steps(ctx: &Context, spec: &WorkloadSpec, env: &str) {
    let package = if matches!(
        spec.kind,
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService
    ) {
        format!(
            "; `tug svc package -n {} -e {env} --output-dir out` writes the CloudFormation a deploy sends",
            spec.name
        )
    } else {
        String::new()
    };
    ctx.printer.info(&format!(
        "next: check the manifests with `tug validate`{package}"
    ));
}
