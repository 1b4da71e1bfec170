//! Deploying: the steps `env deploy`, `svc deploy` and `tug deploy -e ENV` share (change
//! set, optional diff and question, execute, watch, explain a failure), and `tug deploy`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::Args;

use crate::aws::stack::{self, Follow, Prepared, Request};
use crate::aws::{self, Aws};
use crate::cli::svc::pick;
use crate::cli::Context;
use crate::error::{Error, Result};
use crate::image::{self, BuildRequest, Engine, EngineKind, ImageError, PushedImage, Registry};
use crate::manifest::types::Workload;
use crate::render::{self, Images};
use crate::ui::progress::Block;
use crate::ui::Printer;
use crate::workspace::Workspace;

/// Flags every deploy takes.
#[derive(Debug, Clone, Args)]
pub struct DeployFlags {
    /// Print the change set (added, modified, removed resources; replacements) and ask
    /// before executing it
    #[arg(long)]
    pub diff: bool,
    /// Answer yes to the --diff question (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Return as soon as the change set starts executing
    #[arg(long)]
    pub detach: bool,
    /// Keep what a failed deploy created instead of rolling back, for debugging
    #[arg(long)]
    pub no_rollback: bool,
    /// Start a new ECS deployment of a service even when nothing changed
    #[arg(long)]
    pub force: bool,
    /// Stop watching after this long (the deploy goes on in AWS)
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
}

pub fn parse_timeout(text: &str) -> std::result::Result<Duration, String> {
    parse_age(text)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("`{text}` is not a duration; try 30s, 10m, 1h"))
}

/// `30s`, `10m`, `3h`, `2d`, `1h30m`: seconds.
pub fn parse_age(text: &str) -> Option<f64> {
    if let Some(days) = text.strip_suffix('d') {
        return days
            .parse::<f64>()
            .ok()
            .filter(|d| *d >= 0.0)
            .map(|d| d * 86_400.0);
    }
    render::parse_seconds(text).filter(|s| *s > 0.0)
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

/// Runs one deploy, drawing it on `block`. Errors of the deploy itself (a failed
/// resource) are a `JobResult::Failed`; errors reaching AWS are `Err`.
pub async fn run_job(
    aws: &Aws,
    printer: &Printer,
    job: &Job,
    flags: &DeployFlags,
    block: &Block,
) -> Result<JobResult> {
    let started = Instant::now();
    block.note("creating a change set");
    let note = |text: &str| block.note(text);
    let plan = match stack::prepare(aws, &job.request, flags.timeout, &note).await? {
        Prepared::NoChanges => {
            block.finish(true, "no changes");
            return Ok(JobResult::NoChanges);
        }
        Prepared::Ready(plan) => plan,
    };
    if flags.diff {
        block.changes(&plan.changes);
        if !flags.yes {
            let question = format!("Deploy these changes to {}?", job.request.stack);
            let answer = block.suspend(|| printer.confirm(&question, "--yes"));
            if !matches!(answer, Ok(true)) {
                let _ = stack::discard(aws, &plan).await;
                answer?;
                block.finish(true, "not deployed");
                return Ok(JobResult::Declined);
            }
        }
    }
    let start = stack::execute(aws, &plan, flags.no_rollback).await?;
    if flags.detach {
        block.finish(
            true,
            &format!(
                "the change set is executing; follow it with `{}`",
                job.resume
            ),
        );
        return Ok(JobResult::Started);
    }
    block.note("deploying");
    let outcome = stack::watch(
        aws,
        &job.request.stack,
        start,
        job.follow.as_ref(),
        block,
        flags.timeout,
    )
    .await?;
    if outcome.success {
        let secs = started.elapsed().as_secs();
        block.finish(true, &format!("deployed ({}) in {secs}s", outcome.status));
        return Ok(JobResult::Deployed(secs));
    }
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
            let reasons = aws::ecs::stopped_reasons(aws, &follow.cluster, &service).await;
            for r in reasons {
                why.push_str(&format!("\n  {r}"));
            }
        }
    }
    let state = if outcome.status.contains("ROLLBACK") {
        format!(" (stack {})", outcome.status)
    } else {
        String::new()
    };
    block.finish(false, &format!("failed{state}: {why}"));
    Ok(JobResult::Failed(why))
}

/// Runs `work` until it ends or Ctrl-C; Ctrl-C stops watching, not the deployment.
pub async fn until_interrupted<F>(printer: &Printer, resume: &str, work: F) -> Result<u8>
where
    F: std::future::Future<Output = Result<u8>>,
{
    tokio::select! {
        r = work => r,
        _ = tokio::signal::ctrl_c() => {
            printer.info("\nstopped watching; the deployment goes on in AWS");
            printer.info(&format!("  follow it with: {resume}"));
            Ok(130)
        }
    }
}

/// A new deployment token: changing it starts a new ECS deployment of the same image.
pub fn new_token() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis().to_string())
        .unwrap_or_default()
}

/// Loads the AWS configuration from the global flags.
pub async fn connect(ctx: &Context) -> Result<Aws> {
    Aws::load(ctx.global.region.as_deref(), ctx.global.profile.as_deref()).await
}

/// The environment stack of `env`, which must be deployed; otherwise an error with a
/// "did you mean" from the environments that are.
pub async fn deployed_env(aws: &Aws, app: &str, env: &str) -> Result<stack::StackInfo> {
    let name = render::stack_name(app, env, None);
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
    let help = match suggest(env, &names) {
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

/// The environments of `app` that have a stack.
pub async fn deployed_envs(aws: &Aws, app: &str) -> Result<Vec<String>> {
    Ok(stack::list(aws, Some(app))
        .await?
        .into_iter()
        .filter(|s| s.tag(render::TAG_WORKLOAD).is_none())
        .filter_map(|s| s.tag(render::TAG_ENVIRONMENT).map(str::to_string))
        .collect())
}

/// The container image a service deploys: `image.location`, with `--tag` replacing its
/// tag. A service with `image.build` gets its image from [`build_and_push_all`] instead.
pub fn image_for(w: &Workload, tag: Option<&str>) -> Result<String> {
    let image = w.image.as_ref();
    match image.and_then(|i| i.location.clone()) {
        Some(location) => Ok(match tag {
            None => location,
            Some(tag) => {
                let repo = match location.rsplit_once(':') {
                    Some((repo, t)) if !t.contains('/') => repo.to_string(),
                    _ => location.clone(),
                };
                let repo = repo.split('@').next().unwrap_or(&repo).to_string();
                format!("{repo}:{tag}")
            }
        }),
        None if image.is_some_and(|i| i.build.is_some()) => Err(Error::user(format!(
            "service {} builds its image from `image.build`, which needs building and pushing first",
            w.name
        ))),
        None => Err(Error::user(format!("service {} has no image", w.name))
            .with_help("set `image.location` in its manifest")),
    }
}

/// The folder `image.build` paths are relative to: the one that holds the workspace.
pub fn repo_root(ws: &Workspace) -> PathBuf {
    ws.dir.parent().unwrap_or(&ws.dir).to_path_buf()
}

/// The images one service deploys: its `image.location` (with `--tag`), or what tug builds
/// from `image.build` for the main container, plus each sidecar that builds its image.
#[derive(Debug, Clone)]
pub struct ServiceImages {
    /// The main container's image when it is not built.
    pub location: Option<String>,
    /// What is built, all into the service's repository `<app>/<workload>`: the main
    /// container's image tagged `tag`, each sidecar's tagged `<sidecar>-<tag>`.
    pub builds: Vec<BuildRequest>,
}

impl ServiceImages {
    /// What `w` deploys. `tag` is `--tag` (it retags an `image.location`); `build_tag` the
    /// tag images are built with.
    pub fn new(
        app: &str,
        w: &Workload,
        root: &Path,
        tag: Option<&str>,
        build_tag: &str,
    ) -> Result<ServiceImages> {
        let repository = render::ecr_repository_name(app, &w.name);
        let platform = w.platform.as_ref();
        let main = w.built_image().and_then(|i| {
            BuildRequest::from_manifest(root, &w.name, i, platform, &repository, build_tag)
        });
        let location = match main {
            Some(_) => None,
            None => Some(image_for(w, tag)?),
        };
        let mut builds: Vec<BuildRequest> = main.into_iter().collect();
        for (sidecar, image) in w.built_sidecars() {
            let tag = format!("{sidecar}-{build_tag}");
            image::check_tag(&tag)?;
            let name = format!("{}/{sidecar}", w.name);
            if let Some(req) =
                BuildRequest::from_manifest(root, &name, image, platform, &repository, &tag)
            {
                builds.push(BuildRequest {
                    sidecar: Some(sidecar.to_string()),
                    ..req
                });
            }
        }
        Ok(ServiceImages { location, builds })
    }

    /// [`ServiceImages::new`], then a check, before anything is built or any AWS call, that
    /// `w` renders in `env` with these images.
    pub fn plan(
        app: &str,
        env: &str,
        w: &Workload,
        root: &Path,
        tag: Option<&str>,
        build_tag: &str,
    ) -> Result<ServiceImages> {
        let planned = ServiceImages::new(app, w, root, tag, build_tag)?;
        let stand_in = planned.tagged("tug-build-pending");
        render::service(app, env, w, &stand_in).map_err(|e| Error::user(e.to_string()))?;
        Ok(planned)
    }

    /// The images to deploy, given what was pushed for [`ServiceImages::builds`] (in the
    /// same order).
    pub fn images(&self, pushed: &[PushedImage]) -> Images {
        self.with(|i, _| pushed[i].uri_with_digest.clone())
    }

    /// The images named by tag in the registry `host`, as they would be pushed.
    pub fn tagged(&self, host: &str) -> Images {
        self.with(|_, req| req.reference(host))
    }

    fn with(&self, uri: impl Fn(usize, &BuildRequest) -> String) -> Images {
        let mut images = Images::main(self.location.clone().unwrap_or_default());
        for (i, req) in self.builds.iter().enumerate() {
            match &req.sidecar {
                Some(sidecar) => {
                    images.sidecars.insert(sidecar.clone(), uri(i, req));
                }
                None => images.main = uri(i, req),
            }
        }
        images
    }
}

/// Makes sure the ECR repository of every workload in `workloads` exists, then returns the
/// registry credentials (with `TUG_REGISTRY_OVERRIDE` applied). The password is never
/// printed.
pub async fn prepare_registry(aws: &Aws, app: &str, workloads: &[&str]) -> Result<Registry> {
    let repositories = workloads
        .iter()
        .map(|workload| aws::ecr::ensure_repository(aws, app, workload));
    futures_util::future::try_join_all(repositories).await?;
    let registry = aws::ecr::registry_credentials(aws).await?;
    Ok(registry.with_override()?)
}

/// Builds `requests` one after another (the engine parallelises each build), logs in once,
/// then pushes up to `parallel` images at a time, showing the engine's output. Returns the
/// images pinned by digest, in request order. A failed build stops before anything is
/// pushed and is an error carrying the engine's last lines.
pub fn build_and_push_all(
    printer: &Printer,
    engine: &Engine,
    requests: &[&BuildRequest],
    registry: &Registry,
    parallel: usize,
) -> Result<Vec<PushedImage>> {
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    let view = printer.image_view();
    let mut built = Vec::new();
    for req in requests {
        let out = view.output(&req.name);
        let image = image::build(engine, req, &registry.host, &|l| out.line(l))?;
        out.note("built; waiting to push");
        built.push(Mutex::new(Some((out, image))));
    }
    // The login's own lines (docker's warning about the credentials file it writes, in a
    // folder tug deletes afterwards) only with -v; a failed login shows them in its error.
    let login = view.output(&registry.host);
    let (session, _) = image::login(engine, registry, &|l| {
        if printer.verbose > 0 {
            login.line(l)
        }
    })?;
    login.finish("logged in");
    let results: Vec<Mutex<Option<Result<PushedImage, ImageError>>>> =
        requests.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..parallel.clamp(1, requests.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = built.get(i) else { break };
                let Some((out, image)) = slot.lock().ok().and_then(|mut s| s.take()) else {
                    continue;
                };
                let result = image::push(engine, &session, &image.reference, &|l| out.line(l));
                match &result {
                    Ok(pushed) => out.finish(&format!("pushed {}", pushed.uri_with_digest)),
                    Err(_) => drop(out),
                }
                if let Ok(mut r) = results[i].lock() {
                    *r = Some(result);
                }
            });
        }
    });
    drop(session);
    let mut pushed = Vec::new();
    for result in results {
        let result = result.into_inner().ok().flatten().ok_or_else(|| {
            Error::user("an image push ended without a result; this is a bug in tug")
        })?;
        pushed.push(result?);
    }
    Ok(pushed)
}

/// The job that deploys service `w` to `env`, once the env stack is known.
pub fn service_job(
    app: &str,
    env: &str,
    w: &Workload,
    images: &Images,
    env_stack: &stack::StackInfo,
    existing: Option<&stack::StackInfo>,
    force: bool,
) -> Result<Job> {
    let mut rendered =
        render::service(app, env, w, images).map_err(|e| Error::user(e.to_string()))?;
    // Keep the last token unless --force: the same token means "no changes".
    let token = if force {
        new_token()
    } else {
        existing
            .and_then(|s| s.parameters.get("DeploymentToken").cloned())
            .unwrap_or_default()
    };
    rendered.parameters["Parameters"]["DeploymentToken"] = serde_json::json!(token);
    let stack_name = render::stack_name(app, env, Some(&w.name));
    Ok(Job {
        title: format!("service {} in {env}", w.name),
        request: Request::new(stack_name, &rendered),
        follow: env_stack.outputs.get("ClusterName").map(|c| Follow {
            cluster: c.clone(),
            logical_id: "Service".into(),
        }),
        resume: format!("tug svc status -n {} -e {env}", w.name),
    })
}

#[derive(Debug, Args)]
pub struct DeployAllArgs {
    /// The environment to deploy, then every workload in it
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    /// How many workloads deploy at once
    #[arg(short = 'j', long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub max_parallel: u16,
    /// Return as soon as each change set starts executing
    #[arg(long)]
    pub detach: bool,
    /// Keep what a failed deploy created instead of rolling back
    #[arg(long)]
    pub no_rollback: bool,
    /// Start new ECS deployments even when nothing changed
    #[arg(long)]
    pub force: bool,
    /// Stop watching each stack after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// The container engine that builds `image.build` images (default: TUG_CONTAINER_ENGINE,
    /// else the first of docker and podman on PATH)
    #[arg(long, value_name = "ENGINE", value_parser = parse_engine)]
    pub engine: Option<EngineKind>,
}

pub fn parse_engine(text: &str) -> std::result::Result<EngineKind, String> {
    text.parse::<EngineKind>().map_err(|e| e.to_string())
}

impl DeployAllArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
        let env = pick(self.env.as_deref(), &envs, "environment", "-e ENV")?;
        // Everything local first: a bad manifest fails before any AWS call.
        let (env_rendered, workloads) = crate::cli::env::render_env(ctx, &ws, &env)?;
        // Images from `image.build`: the engine is found and the tag chosen before any AWS
        // call; they are built one after another (the engine parallelises internally) and
        // pushed concurrently, before anything is deployed.
        let root = repo_root(&ws);
        let (engine, tag) = if workloads.iter().any(Workload::builds_images) {
            (
                Some(Engine::discover(self.engine)?),
                image::image_tag(None, &root)?,
            )
        } else {
            (None, String::new())
        };
        let planned = workloads
            .iter()
            .map(|w| ServiceImages::plan(&ws.app, &env, w, &root, None, &tag))
            .collect::<Result<Vec<_>>>()?;
        let flags = DeployFlags {
            diff: false,
            yes: true,
            detach: self.detach,
            no_rollback: self.no_rollback,
            force: self.force,
            timeout: self.timeout,
        };
        let rt = aws::runtime()?;
        let resume = format!("tug env show -n {env}");
        rt.block_on(until_interrupted(&ctx.printer, &resume, async {
            let aws = connect(ctx).await?;
            let mut pushed = Vec::new();
            if let Some(engine) = &engine {
                let building: Vec<&str> = workloads
                    .iter()
                    .filter(|w| w.builds_images())
                    .map(|w| w.name.as_str())
                    .collect();
                let registry = prepare_registry(&aws, &ws.app, &building).await?;
                let requests: Vec<&BuildRequest> = planned.iter().flat_map(|p| &p.builds).collect();
                let parallel = usize::from(self.max_parallel);
                pushed = build_and_push_all(&ctx.printer, engine, &requests, &registry, parallel)?;
            }
            let mut pushed = pushed.into_iter();
            let images: Vec<Images> = planned
                .iter()
                .map(|p| p.images(&pushed.by_ref().take(p.builds.len()).collect::<Vec<_>>()))
                .collect();
            let view = ctx.printer.deploy_view();
            let env_stack = render::stack_name(&ws.app, &env, None);
            let env_job = Job {
                title: format!("environment {env}"),
                request: Request::new(env_stack, &env_rendered),
                follow: None,
                resume: resume.clone(),
            };
            let block = view.block(&env_job.request.stack, &env_job.title);
            let env_result = run_job(&aws, &ctx.printer, &env_job, &flags, &block).await?;
            let mut summary = vec![(env_job.title.clone(), env_result.clone())];
            if env_result.ok() && env_result != JobResult::Started {
                let env_info = deployed_env(&aws, &ws.app, &env).await?;
                let limit = Arc::new(tokio::sync::Semaphore::new(usize::from(self.max_parallel)));
                let jobs = workloads.iter().zip(&images).map(|(w, images)| {
                    let limit = limit.clone();
                    let aws = &aws;
                    let env_info = &env_info;
                    let view = &view;
                    let flags = &flags;
                    let app = ws.app.clone();
                    let env = env.clone();
                    async move {
                        let title = format!("service {} in {env}", w.name);
                        let stack_name = render::stack_name(&app, &env, Some(&w.name));
                        let block = view.block(&stack_name, &title);
                        block.note("waiting for a slot");
                        let _permit = limit.acquire().await;
                        let result = async {
                            let existing = stack::describe(aws, &stack_name).await?;
                            let job = service_job(
                                &app,
                                &env,
                                w,
                                images,
                                env_info,
                                existing.as_ref(),
                                flags.force,
                            )?;
                            run_job(aws, &ctx.printer, &job, flags, &block).await
                        }
                        .await;
                        let result = result.unwrap_or_else(|e| {
                            let msg = e.to_string();
                            block.finish(false, &msg);
                            JobResult::Failed(msg)
                        });
                        (title, result)
                    }
                });
                summary.extend(futures_util::future::join_all(jobs).await);
            }
            let failed = summary.iter().filter(|(_, r)| !r.ok()).count();
            if ctx.global.json {
                ctx.printer.out(
                    &serde_json::json!({
                        "type": "summary",
                        "environment": env,
                        "results": summary.iter().map(|(t, r)| serde_json::json!({
                            "name": t, "ok": r.ok(), "result": r.describe(),
                        })).collect::<Vec<_>>(),
                    })
                    .to_string(),
                )?;
            } else {
                view.line("");
                view.line("Summary:");
                for (title, r) in &summary {
                    let first = r.describe();
                    let first = first.lines().next().unwrap_or_default();
                    view.line(&format!("  {title}: {first}"));
                }
                if !env_result.ok() {
                    view.line("  workloads: not deployed, the environment failed");
                }
            }
            Ok(if failed > 0 { 1 } else { 0 })
        }))
    }
}

/// The known name closest to `word`: similar by Jaro-Winkler (as for manifest fields), or
/// within a small edit distance (`wbe` for `web`).
pub fn suggest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    crate::manifest::schema::did_you_mean(word, known).or_else(|| {
        let limit = (word.chars().count() / 3).max(1);
        known
            .iter()
            .map(|k| (*k, strsim::osa_distance(word, k)))
            .filter(|(_, d)| *d <= limit)
            .min_by_key(|(_, d)| *d)
            .map(|(k, _)| k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        assert_eq!(parse_age("30s"), Some(30.0));
        assert_eq!(parse_age("10m"), Some(600.0));
        assert_eq!(parse_age("3h"), Some(10_800.0));
        assert_eq!(parse_age("2d"), Some(172_800.0));
        assert_eq!(parse_age("soon"), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("wbe", &["web", "api"]), Some("web"));
        assert_eq!(suggest("tset", &["test", "prod"]), Some("test"));
        assert_eq!(suggest("staging", &["test", "prod"]), None);
    }

    #[test]
    fn tag_replaces_the_tag_of_image_location() {
        let w: Workload = serde_json::from_value(serde_json::json!({
            "name": "web", "type": "Backend Service",
            "image": {"location": "registry:5000/team/web:1.0"},
        }))
        .unwrap();
        assert_eq!(image_for(&w, None).unwrap(), "registry:5000/team/web:1.0");
        assert_eq!(
            image_for(&w, Some("2.0")).unwrap(),
            "registry:5000/team/web:2.0"
        );
        let w: Workload = serde_json::from_value(serde_json::json!({
            "name": "web", "type": "Backend Service",
            "image": {"location": "nginx@sha256:abc"},
        }))
        .unwrap();
        assert_eq!(image_for(&w, Some("1.27")).unwrap(), "nginx:1.27");
        let w: Workload = serde_json::from_value(serde_json::json!({
            "name": "web", "type": "Backend Service",
            "image": {"build": "web/Dockerfile"},
        }))
        .unwrap();
        assert!(image_for(&w, None)
            .unwrap_err()
            .to_string()
            .contains("image.build"));
    }
}
