//! `tug deploy -e ENV`: the images of every workload, the environment, then every workload
//! concurrently (bounded).

use std::sync::Arc;

use super::{
    artifacts_bucket, deployed_env, environment_job, push_images, run_job, Build, DeployOptions,
    JobResult, Observer, ServicePlan, Staged,
};
use crate::aws::{stack, Aws};
use crate::error::{Error, Result};
use crate::names;
use crate::render::Rendered;

/// What `deploy -e` deploys: environment `env` of `app` (rendered, with what it stages in
/// the artifacts bucket), then `services`.
pub struct Environment<'a> {
    pub app: &'a str,
    pub env: &'a str,
    pub rendered: &'a Rendered,
    /// Its listeners and the application's domain.
    pub traffic: &'a crate::render::EnvTraffic,
    pub staged: &'a Staged,
    pub services: &'a [ServicePlan],
}

/// How `deploy -e` goes.
pub struct AllOptions {
    pub deploy: DeployOptions,
    /// How many workloads deploy at once (and images push at once).
    pub max_parallel: usize,
}

/// How each stack's deploy ended, the environment's first.
pub struct Summary {
    pub environment: String,
    pub results: Vec<(String, JobResult)>,
}

impl Summary {
    pub fn environment_ok(&self) -> bool {
        self.results.first().is_some_and(|(_, r)| r.ok())
    }
    pub fn failed(&self) -> usize {
        self.results.iter().filter(|(_, r)| !r.ok()).count()
    }
}

/// Makes the observer of one stack's deploy: `(stack, title)`.
pub type Observe<'a> = dyn Fn(&str, &str) -> Box<dyn Observer + 'a> + Sync + 'a;

/// Builds and pushes every image of the services, makes sure the artifacts bucket exists
/// when a stack has files to upload, deploys the environment (its files uploaded first),
/// then each service (its files too), at most `opts.max_parallel` at once. A failed build
/// deploys nothing (`Err`), and so does an environment that cannot have the bucket; a
/// failed stack is a result in the summary.
pub async fn deploy_all(
    aws: &Aws,
    target: Environment<'_>,
    build: Option<Build<'_>>,
    opts: &AllOptions,
    observe: &Observe<'_>,
) -> Result<Summary> {
    let Environment {
        app,
        env,
        rendered,
        traffic,
        staged,
        services: plans,
    } = target;
    // The hosted zone and the exports are checked before anything is built or pushed.
    let mut env_job = environment_job(app, env, rendered);
    super::prepare_environment(aws, app, env, traffic, &mut env_job).await?;
    let plan_refs: Vec<&ServicePlan> = plans.iter().collect();
    let pushed = push_images(aws, app, &plan_refs, build).await?;
    // The artifacts bucket, when a stack has files to upload or a workload deploys (its
    // deploy record goes there, for `svc rollback`); a workload that needs it for files
    // fails when it cannot be had, the others deploy.
    let needed = !staged.artifacts.is_empty() || !plans.is_empty();
    let bucket = artifacts_bucket(aws, app, needed, opts.deploy.timeout, observe)
        .await
        .map_err(|e| e.to_string());
    let observer = observe(&env_job.request.stack, &env_job.title);
    if !staged.artifacts.is_empty() {
        let bucket = bucket.as_ref().map_err(|why| Error::user(why.clone()))?;
        staged
            .upload(aws, bucket.as_deref(), &mut env_job, observer.as_ref())
            .await?;
    }
    let env_result = run_job(aws, &env_job, &opts.deploy, observer.as_ref()).await?;
    let mut results = vec![(env_job.title.clone(), env_result.clone())];
    if !env_result.ok() || env_result == JobResult::Started {
        return Ok(Summary {
            environment: env.to_string(),
            results,
        });
    }
    let env_info = deployed_env(aws, app, env).await?;
    // Every service's listener rule priorities, chosen in turn before any deploys.
    let priorities = super::rules::choose(aws, app, env, &env_info, &plan_refs)
        .await
        .map(|chosen| {
            let names = plans.iter().map(|p| p.name.clone());
            names
                .zip(chosen)
                .collect::<std::collections::BTreeMap<_, _>>()
        })
        .map_err(|e| e.to_string());
    let limit = Arc::new(tokio::sync::Semaphore::new(opts.max_parallel.max(1)));
    let jobs = plans.iter().zip(&pushed).map(|(plan, pushed)| {
        let limit = limit.clone();
        let priorities = &priorities;
        let env_info = &env_info;
        let bucket = &bucket;
        async move {
            let title = format!("service {} in {env}", plan.name);
            let stack_name = names::stack_name(app, env, Some(&plan.name));
            let observer = observe(&stack_name, &title);
            observer.report(super::DeployEvent::Step("waiting for a slot"));
            let _permit = limit.acquire().await;
            let result = async {
                plan.check_environment(env, env_info)?;
                let bucket = match bucket {
                    Ok(b) => b.as_deref(),
                    Err(why) if !plan.staged.artifacts.is_empty() => return Err(Error::user(why)),
                    Err(_) => None,
                };
                let existing = stack::describe(aws, &stack_name).await?;
                let mut job = plan.job(
                    app,
                    env,
                    pushed,
                    env_info,
                    existing.as_ref(),
                    opts.deploy.force,
                );
                match priorities {
                    Ok(chosen) => {
                        if let Some(p) = chosen.get(&plan.name) {
                            p.apply(&mut job);
                        }
                    }
                    Err(why) if !plan.rendered.listener_rules.is_empty() => {
                        return Err(Error::user(why.clone()));
                    }
                    Err(_) => {}
                }
                plan.staged
                    .upload(aws, bucket, &mut job, observer.as_ref())
                    .await?;
                let result = run_job(aws, &job, &opts.deploy, observer.as_ref()).await?;
                let saved = super::rollback::after_deploy(aws, bucket, &job, &result).await;
                if let Some(warning) = saved {
                    observer.report(super::DeployEvent::Step(&format!("warning: {warning}")));
                }
                Ok(result)
            }
            .await;
            let result = result.unwrap_or_else(|e| {
                let text = e.to_string();
                observer.report(super::DeployEvent::Finished {
                    ok: false,
                    text: &text,
                });
                JobResult::Failed(text)
            });
            (title, result)
        }
    });
    results.extend(futures_util::future::join_all(jobs).await);
    Ok(Summary {
        environment: env.to_string(),
        results,
    })
}
