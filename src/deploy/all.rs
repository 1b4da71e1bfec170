//! `tug deploy -e ENV`: the images of every workload, the environment, then every workload
//! concurrently (bounded).

use std::sync::Arc;

use super::{
    artifacts_bucket, deployed_env, environment_job, push_images, run_job, Build, DeployOptions,
    JobResult, Observer, ServicePlan,
};
use crate::aws::{stack, Aws};
use crate::error::{Error, Result};
use crate::names;
use crate::render::Rendered;

/// What `deploy -e` deploys: environment `env` of `app` (rendered), then `services`.
pub struct Environment<'a> {
    pub app: &'a str,
    pub env: &'a str,
    pub rendered: &'a Rendered,
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

/// Builds and pushes every image of the services, deploys the environment, makes sure the
/// artifacts bucket exists when a service has files to upload, then deploys each service
/// (its files uploaded first), at most `opts.max_parallel` at once. A failed build deploys
/// nothing (`Err`); a failed stack is a result in the summary.
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
        services: plans,
    } = target;
    let plan_refs: Vec<&ServicePlan> = plans.iter().collect();
    let pushed = push_images(aws, app, &plan_refs, build).await?;
    let env_job = environment_job(app, env, rendered);
    let observer = observe(&env_job.request.stack, &env_job.title);
    let env_result = run_job(aws, &env_job, &opts.deploy, observer.as_ref()).await?;
    let mut results = vec![(env_job.title.clone(), env_result.clone())];
    if !env_result.ok() || env_result == JobResult::Started {
        return Ok(Summary {
            environment: env.to_string(),
            results,
        });
    }
    let env_info = deployed_env(aws, app, env).await?;
    // The artifacts bucket, when a workload has files to upload; a workload that needs it
    // fails when it cannot be had, the others deploy.
    let bucket = artifacts_bucket(aws, app, &plan_refs, opts.deploy.timeout, observe)
        .await
        .map_err(|e| e.to_string());
    let limit = Arc::new(tokio::sync::Semaphore::new(opts.max_parallel.max(1)));
    let jobs = plans.iter().zip(&pushed).map(|(plan, pushed)| {
        let limit = limit.clone();
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
                    Err(why) if !plan.artifacts.is_empty() => return Err(Error::user(why)),
                    Err(_) => None,
                };
                plan.upload(aws, bucket, observer.as_ref()).await?;
                let existing = stack::describe(aws, &stack_name).await?;
                let job = plan.job(
                    app,
                    env,
                    pushed,
                    env_info,
                    existing.as_ref(),
                    opts.deploy.force,
                );
                run_job(aws, &job, &opts.deploy, observer.as_ref()).await
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
