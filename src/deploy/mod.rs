//! Orchestration: what to build, push and deploy, in what order. A deploy takes
//! [`DeployOptions`] and reports what happens as [`DeployEvent`]s to an [`Observer`] (the ui
//! draws them); nothing here draws, asks on a terminal or parses flags.

mod all;
pub mod artifacts;
mod delete;
mod images;
pub mod logs;
pub mod preflight;
pub mod rollback;
pub mod rules;
pub mod scale;
pub mod scheduled;
pub mod task;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::addons::{self, Addons};
use crate::aws::stack::{self, Change, Follow, Prepared, Request, Sink, StackInfo};
use crate::aws::{self, Aws};
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::image::PushedImage;
use crate::manifest::types::Workload;
use crate::names;
use crate::render::{self, Rendered};
use crate::workspace::{Unset, Workspace};

pub use all::{deploy_all, AllOptions, Environment, Observe, Summary};
pub use artifacts::Artifact;
pub use delete::{
    app_resources, app_stacks, by_app, delete_app, delete_stack, stack_title, AppResources,
};
pub use images::{
    build_and_push_all, image_for, prepare_registry, ImageOutput, ImageProgress, ServiceImages,
};

/// How a deploy goes: what `--diff`, `--yes`, `--detach`, `--no-rollback`, `--force` and
/// `--timeout` ask for.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// Show the change set and ask before executing it.
    pub diff: bool,
    /// The answer to that question, without asking.
    pub yes: bool,
    /// Return once the change set executes.
    pub detach: bool,
    pub no_rollback: bool,
    /// A new ECS deployment even when nothing changed.
    pub force: bool,
    /// How long to watch.
    pub timeout: Duration,
    /// Refuse, rather than wait, when another deployment is changing the stack.
    pub no_wait: bool,
}

impl DeployOptions {
    /// A deploy that asks nothing and follows it to the end: tug's own stacks, and the
    /// commands that have already asked (`svc rollback`, `svc scale`) or need none
    /// (`task run`).
    pub fn unattended(timeout: Duration) -> DeployOptions {
        DeployOptions {
            diff: false,
            yes: true,
            detach: false,
            no_rollback: false,
            force: false,
            timeout,
            no_wait: false,
        }
    }
}

/// What happens to one stack's deploy, in order.
#[derive(Debug)]
pub enum DeployEvent<'a> {
    /// A step ("creating a change set", "deploying", a recovery).
    Step(&'a str),
    /// The change set about to run (`--diff`).
    ChangeSet(&'a [Change]),
    /// The images the stack's containers run (`container`, `uri@digest`), before its
    /// change set (for summaries; not drawn).
    Images(&'a [(String, String)]),
    /// The changes the stack's change set makes, whether or not `--diff` shows them (for
    /// summaries; not drawn).
    Planned(&'a [Change]),
    /// The end, with the result line.
    Finished { ok: bool, text: &'a str },
}

/// Where a deploy's events go; stack and rollout events come through [`Sink`].
pub trait Observer: Sink {
    fn report(&self, event: DeployEvent<'_>);
    /// Asks `question` (whether to execute the change set); `flag` answers it without a
    /// terminal.
    fn confirm(&self, question: &str, flag: &str) -> Result<bool>;
}

/// Tells `observer` something the person deploying must not miss (a line of its own, even
/// above a live drawing).
pub fn warn(observer: &dyn Observer, text: &str) {
    observer.event(&stack::Event::Warning(format!("warning: {text}")));
}

/// One stack to deploy.
pub struct Job {
    /// `environment test`, `service web in test`.
    pub title: String,
    pub request: Request,
    pub follow: Option<Follow>,
    /// What to run to see how it goes (`tug svc status -n web -e test`).
    pub resume: String,
}

/// How one deploy ended.
#[derive(Debug, Clone, PartialEq)]
pub enum JobResult {
    NoChanges,
    Declined,
    Started,
    Deployed(u64),
    Failed(String),
}

impl JobResult {
    pub fn ok(&self) -> bool {
        !matches!(self, JobResult::Failed(_))
    }
    pub fn describe(&self) -> String {
        match self {
            JobResult::NoChanges => "no changes".into(),
            JobResult::Declined => "not deployed (declined)".into(),
            JobResult::Started => "started (detached)".into(),
            JobResult::Deployed(s) => format!("deployed in {s}s"),
            JobResult::Failed(m) => format!("failed: {m}"),
        }
    }
}

/// How images are built and pushed: the engine, where progress shows, and how many push
/// at once.
pub struct Build<'a> {
    pub engine: &'a crate::image::Engine,
    pub progress: &'a dyn ImageProgress,
    pub parallel: usize,
}

/// Builds and pushes the images of `plans` (nothing without `build`, or when none builds
/// images), after making sure their ECR repositories exist. Returns what was pushed for
/// each plan, in order.
pub async fn push_images(
    aws: &Aws,
    app: &str,
    plans: &[&ServicePlan],
    build: Option<Build<'_>>,
) -> Result<Vec<Vec<PushedImage>>> {
    let requests: Vec<&crate::image::BuildRequest> =
        plans.iter().flat_map(|p| &p.images.builds).collect();
    let (Some(build), false) = (build, requests.is_empty()) else {
        return Ok(plans.iter().map(|_| Vec::new()).collect());
    };
    let building: Vec<&str> = plans
        .iter()
        .filter(|p| !p.images.builds.is_empty())
        .map(|p| p.name.as_str())
        .collect();
    let registry = prepare_registry(aws, app, &building).await?;
    let mut pushed = build_and_push_all(
        build.progress,
        build.engine,
        &requests,
        &registry,
        build.parallel,
    )?
    .into_iter();
    Ok(plans
        .iter()
        .map(|p| pushed.by_ref().take(p.images.builds.len()).collect())
        .collect())
}

/// The stack request for a rendered template.
pub fn request(stack: String, rendered: &Rendered) -> Request {
    let pairs = |m: &BTreeMap<String, String>| m.clone().into_iter().collect();
    Request {
        stack,
        template: rendered.template.clone(),
        template_url: None,
        parameters: pairs(&rendered.parameters),
        tags: pairs(&rendered.tags),
    }
}

/// An environment ready to deploy: its stack, rendered from its manifest, its addons and its
/// workloads (they decide what it needs: load balancers, NAT), and the warnings found on the
/// way. (Each workload's addons are its own: [`workload_addons`].)
pub struct EnvironmentPlan {
    pub rendered: Rendered,
    /// Its listeners and the application's domain, which its workloads render with.
    pub traffic: render::EnvTraffic,
    pub workloads: Vec<Workload>,
    /// What the environment's stack needs in the artifacts bucket (see [`Staged`]).
    pub staged: Staged,
    pub warnings: Vec<Diagnostic>,
}

/// What a stack needs in the artifacts bucket before its change set: its files (env files,
/// the addons template, whose keys are already parameters of the stack) and, when the
/// template is too large to send inline, the template itself.
#[derive(Debug, Clone, Default)]
pub struct Staged {
    pub artifacts: Vec<Artifact>,
    /// The key of the template when it goes through the bucket.
    pub template_key: Option<String>,
}

impl Staged {
    /// Adds the addons template of `addons` (its key set as the stack's parameter) and,
    /// when the finished template of `stack` is too large, the template.
    fn add(&mut self, stack: &str, rendered: &mut Rendered, addons: Option<&Addons>) {
        if let Some(a) = addons {
            let artifact = Artifact::addons(a);
            rendered.parameters.insert(
                crate::addons::TEMPLATE_KEY_PARAMETER.to_string(),
                artifact.key.clone(),
            );
            self.artifacts.push(artifact);
        }
        if let Some(t) = Artifact::large_template(stack, &rendered.template) {
            self.template_key = Some(t.key.clone());
            self.artifacts.push(t);
        }
    }

    /// Points `job` at its template in `bucket` when it goes through the bucket.
    fn point(&self, aws: &Aws, bucket: Option<&str>, job: &mut Job) {
        if let (Some(key), Some(bucket)) = (&self.template_key, bucket) {
            let region = aws
                .config
                .region()
                .map(|r| r.to_string())
                .unwrap_or_default();
            job.request.template_url = Some(artifacts::object_url(bucket, &region, key));
        }
    }
}

/// Errors among `diags` are an `Error::Diagnostics` of them all; otherwise the warnings.
fn warnings_only(diags: Vec<Diagnostic>) -> Result<Vec<Diagnostic>> {
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Diagnostics(diags));
    }
    Ok(diags)
}

/// The addons of workload `w` of `ws` in environment `env` (`None` without an addons
/// folder), and their warnings; problems with them are `Error::Diagnostics`.
pub fn workload_addons(
    ws: &Workspace,
    env: &str,
    w: &Workload,
    cwd: &Path,
) -> Result<(Option<Addons>, Vec<Diagnostic>)> {
    let names = addons::Names {
        app: &ws.app,
        env,
        workload: Some(&w.name),
    };
    let folder = addons::folder(&ws.dir, Some(&w.name));
    let (addons, diags) = addons::read(&folder, cwd, &ws.root(), addons::Owner::Workload, &names);
    Ok((addons, warnings_only(diags)?))
}

/// Every problem of the addons of environment `env` (when its manifest is valid:
/// `environment`) and of `workloads` (valid in it), each checked against its rendered parent
/// stack as a deploy would: what `tug validate` reports.
pub fn addons_diagnostics(
    ws: &Workspace,
    env: &str,
    environment: Option<&crate::manifest::types::Environment>,
    workloads: &[&Workload],
    cwd: &Path,
) -> Vec<Diagnostic> {
    let names = addons::Names {
        app: &ws.app,
        env,
        workload: None,
    };
    let folder = addons::folder(&ws.dir, None);
    let (env_addons, mut diags) =
        addons::read(&folder, cwd, &ws.root(), addons::Owner::Environment, &names);
    if let (Some(a), Some(e)) = (&env_addons, environment) {
        let all: Vec<Workload> = workloads.iter().map(|w| (*w).clone()).collect();
        if let Ok(r) = render::environment(&ws.app, e, &all, Some(a)) {
            diags.extend(a.check_parent(&r.template));
        }
    }
    for w in workloads {
        let names = addons::Names {
            workload: Some(&w.name),
            ..names.clone()
        };
        let folder = addons::folder(&ws.dir, Some(&w.name));
        let (a, d) = addons::read(&folder, cwd, &ws.root(), addons::Owner::Workload, &names);
        diags.extend(d);
        let Some(a) = a else { continue };
        let images = render::Images::main("image");
        if let Ok(r) = render::service(&ws.app, env, w, &images, Some(&a)) {
            diags.extend(a.check_parent(&r.template));
        }
    }
    diags
}

/// Loads environment `env` of `ws` with every workload and the environment's addons, and
/// renders its stack. Manifest and addons problems are `Error::Diagnostics`.
pub fn plan_environment(ws: &Workspace, env: &str, cwd: &Path) -> Result<EnvironmentPlan> {
    let manifests = ws.read_all(cwd);
    let (environment, workloads, mut warnings) = manifests.view(env, Unset::Error)?.valid()?;
    let workloads: Vec<Workload> = workloads
        .into_iter()
        .map(|w| w.effective.workload)
        .collect();
    let names = addons::Names {
        app: &ws.app,
        env,
        workload: None,
    };
    let folder = addons::folder(&ws.dir, None);
    let (env_addons, diags) =
        addons::read(&folder, cwd, &ws.root(), addons::Owner::Environment, &names);
    warnings.extend(warnings_only(diags)?);
    let mut rendered = render::environment_in(
        &ws.app,
        &environment,
        &workloads,
        env_addons.as_ref(),
        ws.domain.as_deref(),
    )
    .map_err(|e| Error::user(e.to_string()))?;
    if let Some(a) = &env_addons {
        warnings_only(a.check_parent(&rendered.template))?;
    }
    let mut staged = Staged::default();
    staged.add(
        &names::stack_name(&ws.app, env, None),
        &mut rendered,
        env_addons.as_ref(),
    );
    Ok(EnvironmentPlan {
        rendered,
        traffic: render::EnvTraffic::new(&environment, ws.domain.as_deref()),
        workloads,
        staged,
        warnings,
    })
}

/// What an environment's deploy checks and fills in with AWS before its change set: the
/// id of the public hosted zone of the application's domain (a domain without one is an
/// error, before any change), whether a load balancer must still reach every port of the
/// tasks (see [`services_relying_on_every_port`]), and that the update removes no export
/// another stack still imports (CloudFormation would fail the update and roll it back;
/// this names the stack). Returns warnings for the person deploying.
pub async fn prepare_environment(
    aws: &Aws,
    app: &str,
    env: &str,
    traffic: &render::EnvTraffic,
    job: &mut Job,
) -> Result<Vec<String>> {
    if let Some(domain) = &traffic.domain {
        let Some(zone) = aws::route53::public_zone_id(aws, domain).await? else {
            return Err(Error::user(format!(
                "the application's domain {domain} has no public hosted zone in this AWS account"
            ))
            .with_help(format!(
                "create one in Route 53 (and point the domain's registrar at its name servers), or change `domain:` in the workspace's .workspace file; nothing was deployed to environment {env}"
            )));
        };
        let parameter = render::domain::HOSTED_ZONE_PARAMETER;
        job.request.parameters.retain(|(k, _)| k != parameter);
        job.request.parameters.push((parameter.to_string(), zone));
    }
    let mut relying = std::collections::BTreeSet::new();
    for rule in &render::EVERY_PORT_RULES {
        if !job
            .request
            .parameters
            .iter()
            .any(|(k, _)| k == rule.parameter)
        {
            continue; // no such load balancer
        }
        let services = services_relying_on_every_port(aws, app, env, rule).await?;
        if services.is_empty() {
            continue;
        }
        job.request.parameters.retain(|(k, _)| k != rule.parameter);
        job.request
            .parameters
            .push((rule.parameter.to_string(), "true".to_string()));
        relying.extend(services);
    }
    check_removed_exports(aws, app, env, &job.request.template).await?;
    // Those whose tasks have no room for a group of their own say so; the others were
    // deployed by an earlier tug.
    let (mut full, mut earlier) = (Vec::new(), Vec::new());
    for (name, stack_name) in relying {
        let no_room = stack::describe(aws, &stack_name)
            .await?
            .is_some_and(|s| s.outputs.contains_key(render::EVERY_PORT_OUTPUT));
        if no_room { &mut full } else { &mut earlier }.push(name);
    }
    let mut warnings = Vec::new();
    if !earlier.is_empty() {
        let redeploy: Vec<String> = earlier
            .iter()
            .map(|n| format!("`tug svc deploy -n {n} -e {env}`"))
            .collect();
        warnings.push(format!(
            "the load balancers still reach every port of the tasks, for {} (deployed by an earlier tug, which left the ports to the environment); redeploy {} ({}), then run `tug env deploy -n {env}` again to close the other ports",
            earlier.join(", "),
            if earlier.len() == 1 { "it" } else { "them" },
            redeploy.join(", ")
        ));
    }
    if !full.is_empty() {
        warnings.push(format!(
            "the load balancers reach every port of the tasks, for {}: {} no room for a security group that lets the load balancer in on their ports only (a task takes {}); list fewer `network.vpc.security_groups` and redeploy to close the other ports",
            full.join(", "),
            if full.len() == 1 { "its tasks have" } else { "their tasks have" },
            crate::manifest::types::MAX_TASK_SECURITY_GROUPS
        ));
    }
    Ok(warnings)
}

/// The deployed workloads behind the load balancer of `rule` (their stacks import one of
/// its listeners) that do not open their own ports to it (their stacks do not import its
/// security group), each with its stack: services deployed before each service had a
/// security group of its own for the load balancer, and services whose tasks have no room
/// for one. While there are any, the environment keeps its rule for every port, so
/// deploying the environment never cuts a running service off its load balancer. Names a
/// workload by its name, a stack tug did not name by the stack's.
async fn services_relying_on_every_port(
    aws: &Aws,
    app: &str,
    env: &str,
    rule: &render::EveryPortRule,
) -> Result<Vec<(String, String)>> {
    let export = |output: &str| names::export_name(app, env, output);
    let opened = stack::importers(aws, &export(rule.security_group)).await?;
    let prefix = format!("{}-", names::stack_name(app, env, None));
    let mut relying = Vec::new();
    for listener in rule.listeners {
        for s in stack::importers(aws, &export(listener)).await? {
            if opened.contains(&s) {
                continue;
            }
            let name = s.strip_prefix(&prefix).map_or(s.clone(), str::to_string);
            if !relying.iter().any(|(n, _)| n == &name) {
                relying.push((name, s));
            }
        }
    }
    Ok(relying)
}

/// Refuses an environment update whose template (`template`) no longer exports what a
/// deployed stack imports, naming the importing stacks and what to do.
async fn check_removed_exports(aws: &Aws, app: &str, env: &str, template: &str) -> Result<()> {
    let stack_name = names::stack_name(app, env, None);
    let Some(current) = stack::describe(aws, &stack_name).await? else {
        return Ok(());
    };
    let kept = exported_names(template);
    let mut in_use = Vec::new();
    for (name, _) in stack::exports_of(aws, &current.id).await? {
        if kept.contains(&name) {
            continue;
        }
        let importers = stack::importers(aws, &name).await?;
        if !importers.is_empty() {
            in_use.push(format!("{name} (imported by {})", importers.join(", ")));
        }
    }
    if in_use.is_empty() {
        return Ok(());
    }
    Err(Error::user(format!(
        "this update of environment {env} would remove exports that deployed stacks still import: {}",
        in_use.join("; ")
    ))
    .with_help(
        "CloudFormation refuses to remove an export in use; delete those workloads first (`tug svc delete`), or keep the workloads that need them in the workspace",
    ))
}

/// The export names a rendered template declares (`Export: Name: "..."`).
fn exported_names(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = template.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "Export:" {
            continue;
        }
        if let Some(next) = lines.next() {
            if let Some(name) = next.trim().strip_prefix("Name:") {
                out.push(name.trim().trim_matches('"').to_string());
            }
        }
    }
    out
}

/// The job that deploys environment `env` of `app`.
pub fn environment_job(app: &str, env: &str, rendered: &Rendered) -> Job {
    Job {
        title: format!("environment {env}"),
        request: request(names::stack_name(app, env, None), rendered),
        follow: None,
        resume: format!("tug env show -n {env}"),
    }
}

/// Runs one deploy, reporting to `observer`. Errors of the deploy itself (a failed
/// resource) are a `JobResult::Failed`; errors reaching AWS are `Err`.
pub async fn run_job(
    aws: &Aws,
    job: &Job,
    opts: &DeployOptions,
    observer: &dyn Observer,
) -> Result<JobResult> {
    let started = Instant::now();
    let images = request_images(&job.request);
    if !images.is_empty() {
        observer.report(DeployEvent::Images(&images));
    }
    observer.report(DeployEvent::Step("creating a change set"));
    let note = |text: &str| observer.report(DeployEvent::Step(text));
    let mut conflicts = 0;
    let start = loop {
        let prepared =
            stack::prepare(aws, &job.request, opts.timeout, opts.no_wait, observer).await;
        let plan = match prepared {
            Ok(Prepared::NoChanges) => {
                mark_deployed(aws, &job.request, observer).await;
                observer.report(DeployEvent::Finished {
                    ok: true,
                    text: "no changes",
                });
                return Ok(JobResult::NoChanges);
            }
            Ok(Prepared::Ready(plan)) => plan,
            Err(e) if replan(&e, opts, &mut conflicts, &note, &job.request.stack)? => continue,
            Err(e) => return Err(e.into()),
        };
        observer.report(DeployEvent::Planned(&plan.changes));
        if opts.diff {
            observer.report(DeployEvent::ChangeSet(&plan.changes));
            if !opts.yes {
                let question = format!("Deploy these changes to {}?", job.request.stack);
                let answer = observer.confirm(&question, "--yes");
                if !matches!(answer, Ok(true)) {
                    let _ = stack::discard(aws, &plan).await;
                    answer?;
                    observer.report(DeployEvent::Finished {
                        ok: true,
                        text: "not deployed",
                    });
                    return Ok(JobResult::Declined);
                }
            }
        }
        match stack::execute(aws, &plan, opts.no_rollback, observer).await {
            Ok(start) => break start,
            Err(e) if replan(&e, opts, &mut conflicts, &note, &job.request.stack)? => continue,
            Err(e) => return Err(e.into()),
        }
    };
    if opts.detach {
        let text = format!(
            "the change set is executing; follow it with `{}`",
            job.resume
        );
        observer.report(DeployEvent::Finished {
            ok: true,
            text: &text,
        });
        return Ok(JobResult::Started);
    }
    observer.report(DeployEvent::Step("deploying"));
    let outcome = stack::watch(
        aws,
        &job.request.stack,
        start,
        job.follow.as_ref(),
        observer,
        opts.timeout,
    )
    .await?;
    if outcome.success {
        mark_deployed(aws, &job.request, observer).await;
        let secs = started.elapsed().as_secs();
        let text = format!("deployed ({}) in {secs}s", outcome.status);
        observer.report(DeployEvent::Finished {
            ok: true,
            text: &text,
        });
        return Ok(JobResult::Deployed(secs));
    }
    let why = failure_reason(aws, job, &outcome).await;
    let state = if outcome.status.is_rollback() {
        format!(" (stack {})", outcome.status)
    } else {
        String::new()
    };
    let text = format!("failed{state}: {why}");
    observer.report(DeployEvent::Finished {
        ok: false,
        text: &text,
    });
    Ok(JobResult::Failed(why))
}

/// Tags the images of the workload's own ECR repository that its stack (deployed from
/// `request`) now runs in its environment ([`aws::ecr::deployed_tag`]), so the repository's
/// lifecycle policy never expires them. Images elsewhere (another registry, or
/// `TUG_REGISTRY_OVERRIDE`'s) are not ECR's to keep. A failure is a warning: the deploy
/// is done.
async fn mark_deployed(aws: &Aws, request: &Request, observer: &dyn Observer) {
    let tag = |k: &str| request.tags.iter().find(|(t, _)| t == k).map(|(_, v)| v);
    let (Some(app), Some(env), Some(workload)) = (
        tag(names::TAG_APPLICATION),
        tag(names::TAG_ENVIRONMENT),
        tag(names::TAG_WORKLOAD),
    ) else {
        return;
    };
    let own = names::ecr_repository_name(app, workload);
    for (container, uri) in request_images(request) {
        let Some((name, digest)) = uri.split_once('@') else {
            continue;
        };
        let Some((host, repository)) = name.split_once('/') else {
            continue;
        };
        if !host.contains(".dkr.ecr.") || repository != own {
            continue;
        }
        let sidecar = container.strip_prefix("sidecar ");
        let tag = aws::ecr::deployed_tag(env, sidecar);
        if let Err(e) = aws::ecr::tag_image(aws, repository, digest, &tag).await {
            observer.report(DeployEvent::Step(&format!(
                "warning: {e}; ECR's lifecycle policy may expire this image after 30 newer pushes"
            )));
        }
    }
}

/// How many times a deploy plans again after another deployment changed its stack first.
const MAX_REPLANS: u32 = 5;

/// Whether to plan again after `e`: another deployment changed the stack between this
/// one's change set and its execution (at most [`MAX_REPLANS`] times); `note` is told.
/// With `--no-wait` that is an error saying so.
fn replan(
    e: &aws::AwsError,
    opts: &DeployOptions,
    conflicts: &mut u32,
    note: &dyn Fn(&str),
    stack_name: &str,
) -> Result<bool> {
    if !stack::conflict(e) || *conflicts >= MAX_REPLANS {
        return Ok(false);
    }
    if opts.no_wait {
        return Err(Error::user(format!(
            "another deployment changed stack {stack_name} first ({e}); not waiting for it (--no-wait)"
        ))
        .with_help("deploy again once it is done, or without --no-wait to wait for it"));
    }
    *conflicts += 1;
    note(&format!(
        "another deployment changed stack {stack_name} first ({e}); waiting for it, then making a new change set"
    ));
    Ok(true)
}

/// The images a workload's stack runs, from its parameters: the main container's
/// (`ContainerImage`) and each sidecar's (`Sidecar<Name>Image`).
fn request_images(request: &Request) -> Vec<(String, String)> {
    let mut images: Vec<(String, String)> = request
        .parameters
        .iter()
        .filter_map(|(k, v)| {
            let container = if k == "ContainerImage" {
                "main".to_string()
            } else {
                let sidecar = k.strip_prefix("Sidecar")?.strip_suffix("Image")?;
                format!("sidecar {sidecar}")
            };
            Some((container, v.clone()))
        })
        .collect();
    images.sort();
    images
}

/// The first failed resource and its reason, and for a service the stopped tasks' reasons.
async fn failure_reason(aws: &Aws, job: &Job, outcome: &stack::Outcome) -> String {
    let mut why = match &outcome.first_failure {
        Some(f) => format!(
            "{} ({}) {}: {}",
            f.logical_id,
            f.resource_type,
            f.status,
            f.reason.as_deref().unwrap_or("no reason given")
        ),
        None => format!("the stack ended in {}", outcome.status),
    };
    if let Some(follow) = &job.follow {
        if let Some(service) = stack::describe(aws, &job.request.stack)
            .await
            .ok()
            .flatten()
            .and_then(|s| s.outputs.get("ServiceName").cloned())
        {
            for r in aws::ecs::stopped_reasons(aws, &follow.cluster, &service).await {
                why.push_str(&format!("\n  {r}"));
            }
        }
    }
    why
}

/// A new deployment token: changing it starts a new ECS deployment of the same image.
pub fn new_token() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis().to_string())
        .unwrap_or_default()
}

/// The environment stack of `env`, which must be deployed; otherwise an error with a
/// "did you mean" from the environments that are.
pub async fn deployed_env(aws: &Aws, app: &str, env: &str) -> Result<stack::StackInfo> {
    let name = names::stack_name(app, env, None);
    if let Some(s) = stack::describe(aws, &name).await? {
        if s.outputs.contains_key("ClusterName") {
            return Ok(s);
        }
        return Err(Error::user(format!(
            "environment {env} of application {app} is {} and has no cluster yet",
            s.status
        ))
        .with_help(format!("deploy it with `tug env deploy -n {env}`")));
    }
    let known = deployed_envs(aws, app).await?;
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    let help = match crate::suggest::suggest(env, &names) {
        Some(s) => format!("did you mean `-e {s}`?"),
        None if names.is_empty() => {
            format!("application {app} has no environment deployed; run `tug env deploy -n {env}`")
        }
        None => format!(
            "deployed: {}; to create it run `tug env deploy -n {env}`",
            names.join(", ")
        ),
    };
    Err(Error::user(format!(
        "environment {env} of application {app} is not deployed"
    ))
    .with_help(help))
}

/// The environment stack, in whatever state it is, or a "did you mean".
pub async fn env_stack_any(aws: &Aws, app: &str, env: &str) -> Result<stack::StackInfo> {
    match stack::describe(aws, &names::stack_name(app, env, None)).await? {
        Some(s) => Ok(s),
        None => deployed_env(aws, app, env).await,
    }
}

/// Environment outputs that give services their names (service discovery, the internal
/// hosted zone) and the security groups of their EC2 host ports, with what each is, for the
/// message when an environment lacks them.
const NAME_OUTPUTS: [(&str, &str); 9] = [
    (
        "ServiceDiscoveryNamespaceID",
        "the service discovery namespace",
    ),
    (
        "InternalWorkloadsHostedZone",
        "the hosted zone of the internal load balancer",
    ),
    ("HTTPSListenerArn", "the HTTPS listener"),
    ("InternalHTTPSListenerArn", "the internal HTTPS listener"),
    (
        render::domain::HOSTED_ZONE_OUTPUT,
        "the names of the application's domain",
    ),
    ("InternalHTTPListenerArn", "the internal HTTP listener"),
    (
        "PublicLoadBalancerSecurityGroup",
        "the public load balancer's security group",
    ),
    (
        "InternalLoadBalancerSecurityGroup",
        "the internal load balancer's security group",
    ),
    ("CapacitySecurityGroup", "the EC2 instances' security group"),
];

/// Checks, before any image is built, that the deployed environment `env_stack` has what
/// the service's stack `rendered` needs for its names and listeners: an environment deployed
/// by an earlier tug (or before its manifest listed certificates, or before the application
/// had a domain) lacks them, and only `tug env deploy` adds them. With `network.connect` on, the error points at that line.
pub fn check_env_names(
    app: &str,
    env: &str,
    rendered: &Rendered,
    effective: &crate::manifest::Effective,
    env_stack: &StackInfo,
) -> Result<()> {
    let has = |output: &str| env_stack.outputs.contains_key(output);
    let connect = effective.workload.service_connect().is_some() && !has(NAME_OUTPUTS[0].0);
    let missing: Vec<&str> = NAME_OUTPUTS
        .iter()
        .filter(|(output, _)| !has(output))
        .filter(|(output, _)| {
            (connect && *output == NAME_OUTPUTS[0].0)
                || rendered
                    .template
                    .contains(&names::export_name(app, env, output))
        })
        .map(|(_, what)| *what)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let help = format!("run `tug env deploy -n {env}` first: it adds them");
    if connect {
        let namespace = names::service_discovery_namespace(app, env);
        let path = crate::manifest::validate::to_path("network.connect");
        let tree = &effective.tree;
        let span = tree
            .key_span_at(&path)
            .or_else(|| tree.at_path(&path).map(|n| n.span))
            .unwrap_or(tree.span);
        let d = Diagnostic::error(
            "env-needs-update",
            format!(
                "Service Connect needs the namespace `{namespace}`, and environment `{env}` was deployed by an earlier tug without it"
            ),
        )
        .at(&effective.source, span)
        .help(help);
        return Err(Error::Diagnostics(vec![d]));
    }
    Err(Error::user(format!(
        "environment {env} was deployed by an earlier tug without {}, which service {} needs",
        missing.join(" and "),
        effective.workload.name
    ))
    .with_help(help))
}

/// The environments of `app` that have a stack.
pub async fn deployed_envs(aws: &Aws, app: &str) -> Result<Vec<String>> {
    Ok(stack::list(aws, Some(app))
        .await?
        .into_iter()
        .filter(|s| s.tag(names::TAG_WORKLOAD).is_none())
        .filter_map(|s| s.tag(names::TAG_ENVIRONMENT).map(str::to_string))
        .collect())
}

/// The registry host images are named in before they are pushed (replaced by the pushed
/// digests before anything deploys).
pub const PENDING_HOST: &str = "tug-build-pending";

/// A service ready to deploy but for its images: what to build, and its stack rendered
/// once (the images are stack parameters, set after the push).
pub struct ServicePlan {
    pub name: String,
    /// A Scheduled Job's plan, not a service's.
    pub job: bool,
    pub images: ServiceImages,
    pub rendered: Rendered,
    /// A volume mounts the environment's managed file system (`efs: true`).
    pub managed_efs: bool,
    /// What its stack needs in the artifacts bucket (its containers' env files, its addons
    /// template, the template itself when large), uploaded before its change set.
    pub staged: Staged,
    /// The other workloads whose topics it subscribes to (`subscribe.topics`): their stacks
    /// export the topics its stack imports, so they deploy first.
    pub needs: Vec<String>,
}

impl ServicePlan {
    /// Plans service `w` in `env` with its `addons`: the images it runs (`tag` retags an
    /// `image.location`; built images get `build_tag`), named in registry `host` until they
    /// are pushed, and its env files, read from the repository `root` and keyed by their
    /// content. `traffic` is the environment's listeners and the application's domain.
    /// Addons that do not fit the rendered stack are `Error::Diagnostics`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        app: &str,
        env: &str,
        w: &Workload,
        root: &Path,
        tags: (Option<&str>, &str),
        host: &str,
        addons: Option<&Addons>,
        traffic: &render::EnvTraffic,
    ) -> Result<ServicePlan> {
        let images = ServiceImages::new(app, w, root, tags.0, tags.1)?;
        let mut rendered = render::service_in(app, env, w, &images.tagged(host), addons, traffic)
            .map_err(|e| Error::user(e.to_string()))?;
        if let Some(a) = addons {
            warnings_only(a.check_parent(&rendered.template))?;
        }
        let mut staged = Staged::default();
        for f in render::env_files(w) {
            let artifact = Artifact::env_file(root, &f.path)?;
            rendered
                .parameters
                .insert(f.parameter, artifact.key.clone());
            staged.artifacts.push(artifact);
        }
        staged.add(
            &names::stack_name(app, env, Some(&w.name)),
            &mut rendered,
            addons,
        );
        let mut needs: Vec<String> = w
            .subscribe
            .iter()
            .flat_map(|s| s.topics.iter().flatten())
            .map(|t| t.service.clone())
            .filter(|s| *s != w.name)
            .collect();
        needs.sort();
        needs.dedup();
        Ok(ServicePlan {
            needs,
            name: w.name.clone(),
            job: w.kind == crate::manifest::types::WorkloadType::ScheduledJob,
            images,
            rendered,
            managed_efs: w.managed_efs_volume().is_some(),
            staged,
        })
    }

    /// Checks that the deployed environment stack `env_stack` has what this service
    /// imports from it and that `tug env deploy` creates only when a workload needs it:
    /// the managed file system. Called before any image is built.
    pub fn check_environment(&self, env: &str, env_stack: &StackInfo) -> Result<()> {
        let output = render::volumes::MANAGED_FS_OUTPUT;
        if self.managed_efs && !env_stack.outputs.contains_key(output) {
            return Err(Error::user(format!(
                "service {} mounts the environment's file system (`efs: true`), which environment {env} does not have yet",
                self.name
            ))
            .with_help(format!(
                "run `tug env deploy -n {env}` first: it creates the file system for the workloads that use it (or `tug deploy -e {env}` for both)"
            )));
        }
        Ok(())
    }

    /// The job that deploys this service with the images `pushed` (in the order of
    /// [`ServiceImages::builds`]), once the environment stack is known. The deployment token
    /// stays the last one unless `force`: the same token means "no changes".
    pub fn job(
        &self,
        app: &str,
        env: &str,
        pushed: &[PushedImage],
        env_stack: &stack::StackInfo,
        existing: Option<&stack::StackInfo>,
        force: bool,
    ) -> Job {
        let mut rendered = self.rendered.clone();
        rendered.set_images(&self.images.images(pushed));
        let token = if force {
            new_token()
        } else {
            existing
                .and_then(|s| s.parameters.get("DeploymentToken").cloned())
                .unwrap_or_default()
        };
        rendered
            .parameters
            .insert("DeploymentToken".to_string(), token);
        scale::keep_scaled(&mut rendered, existing);
        let (word, resume) = if self.job {
            ("job", format!("tug job show -n {}", self.name))
        } else {
            (
                "service",
                format!("tug svc status -n {} -e {env}", self.name),
            )
        };
        Job {
            title: format!("{word} {} in {env}", self.name),
            request: request(names::stack_name(app, env, Some(&self.name)), &rendered),
            follow: env_stack.outputs.get("ClusterName").map(|c| Follow {
                cluster: c.clone(),
                logical_id: "Service".into(),
            }),
            resume,
        }
    }
}

/// The artifacts bucket of `app` when a stack has files to stage there (`needed`; the
/// bootstrap stack deployed first when needed, shown to `observe`); `None` otherwise.
pub async fn artifacts_bucket(
    aws: &Aws,
    app: &str,
    needed: bool,
    timeout: Duration,
    observe: &Observe<'_>,
) -> Result<Option<String>> {
    if !needed {
        return Ok(None);
    }
    artifacts::ensure_bucket(aws, app, timeout, observe)
        .await
        .map(Some)
}

impl Staged {
    /// Uploads what is not in `bucket` yet, reporting each to `observer`, and points `job`
    /// at its template when it goes through the bucket. `what` names the stack's owner for
    /// the error when there is no bucket.
    pub async fn upload(
        &self,
        aws: &Aws,
        bucket: Option<&str>,
        job: &mut Job,
        observer: &dyn Observer,
    ) -> Result<usize> {
        if self.artifacts.is_empty() {
            return Ok(0);
        }
        let Some(bucket) = bucket else {
            return Err(Error::user(format!(
                "{} has files to upload but no artifacts bucket was prepared",
                job.title
            )));
        };
        let n = artifacts::upload(aws, bucket, &self.artifacts, observer).await?;
        self.point(aws, Some(bucket), job);
        Ok(n)
    }
}

/// The workload stacks of `app`, optionally in one environment.
pub async fn service_stacks(aws: &Aws, app: &str, env: Option<&str>) -> Result<Vec<StackInfo>> {
    Ok(stack::list(aws, Some(app))
        .await?
        .into_iter()
        .filter(|s| s.tag(names::TAG_WORKLOAD).is_some())
        .filter(|s| env.is_none_or(|e| s.tag(names::TAG_ENVIRONMENT) == Some(e)))
        .collect())
}

/// The deployed stack of service `name` in `env` (and the env stack), or an error with a
/// "did you mean" from what is deployed.
pub async fn deployed_service(
    aws: &Aws,
    app: &str,
    env: &str,
    name: &str,
) -> Result<(StackInfo, StackInfo)> {
    let svc_stack = names::stack_name(app, env, Some(name));
    let (env_stack, svc) = tokio::join!(
        deployed_env(aws, app, env),
        stack::describe(aws, &svc_stack)
    );
    let env_stack = env_stack?;
    if let Some(s) = svc? {
        return Ok((env_stack, s));
    }
    let deployed: Vec<String> = service_stacks(aws, app, Some(env))
        .await?
        .iter()
        .filter_map(|s| s.tag(names::TAG_WORKLOAD).map(str::to_string))
        .collect();
    let names: Vec<&str> = deployed.iter().map(String::as_str).collect();
    let help = match crate::suggest::suggest(name, &names) {
        Some(s) => format!("did you mean `-n {s}`?"),
        None if names.is_empty() => format!(
            "nothing is deployed in {env}; deploy it with `tug svc deploy -n {name} -e {env}`"
        ),
        None => format!("deployed in {env}: {}", names.join(", ")),
    };
    Err(Error::user(format!(
        "service {name} is not deployed in environment {env}"
    ))
    .with_help(help))
}

/// The stacks of service `name`: in `env`, or in every environment it is deployed in
/// (at least one, or an error).
pub async fn service_deployments(
    aws: &Aws,
    app: &str,
    name: &str,
    env: Option<&str>,
) -> Result<Vec<StackInfo>> {
    if let Some(env) = env {
        return Ok(vec![deployed_service(aws, app, env, name).await?.1]);
    }
    let stacks: Vec<StackInfo> = service_stacks(aws, app, None)
        .await?
        .into_iter()
        .filter(|s| s.tag(names::TAG_WORKLOAD) == Some(name))
        .collect();
    if stacks.is_empty() {
        return Err(
            Error::user(format!("service {name} is not deployed anywhere"))
                .with_help("`tug svc ls` lists what is deployed"),
        );
    }
    Ok(stacks)
}
