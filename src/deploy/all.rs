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
    /// The pre-flight of the services on EC2 capacity, run once the environment is
    /// deployed (`None`: `--force`, none).
    pub preflight: Option<super::preflight::Workloads<'a>>,
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
        preflight,
    } = target;
    // The hosted zone and the exports are checked before anything is built or pushed.
    let mut env_job = environment_job(app, env, rendered);
    let env_warnings = super::prepare_environment(aws, app, env, traffic, &mut env_job).await?;
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
    for w in &env_warnings {
        super::warn(observer.as_ref(), w);
    }
    if !staged.artifacts.is_empty() {
        let bucket = bucket.as_ref().map_err(|why| Error::user(why.clone()))?;
        staged
            .upload(aws, bucket.as_deref(), &mut env_job, observer.as_ref())
            .await?;
    }
    // The workloads need the environment's outputs: with workloads to deploy, the
    // environment is followed to its end even with --detach, which applies to them.
    let mut env_opts = opts.deploy.clone();
    if !plans.is_empty() && env_opts.detach {
        env_opts.detach = false;
        observer.report(super::DeployEvent::Step(
            "following the environment to its end: its workloads need it (--detach applies to them)",
        ));
    }
    let env_result = run_job(aws, &env_job, &env_opts, observer.as_ref()).await?;
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
    // Services on EC2 capacity whose tasks cannot place on the registered instances are
    // not deployed (the others are).
    let verdicts = match &preflight {
        Some(p) => p.check(aws, env, &env_info).await,
        None => Default::default(),
    };
    let limit = Arc::new(tokio::sync::Semaphore::new(opts.max_parallel.max(1)));
    let deploy_one = |i: usize| {
        let (plan, pushed) = (&plans[i], &pushed[i]);
        let limit = limit.clone();
        let priorities = &priorities;
        let env_info = &env_info;
        let bucket = &bucket;
        let verdicts = &verdicts;
        // A workload others subscribe to is followed to its end: their stacks import its
        // topics, which exist only then.
        let mut deploy = opts.deploy.clone();
        deploy.detach &= !plans.iter().any(|p| p.needs.contains(&plan.name));
        async move {
            let title = format!("service {} in {env}", plan.name);
            let stack_name = names::stack_name(app, env, Some(&plan.name));
            let observer = observe(&stack_name, &title);
            observer.report(super::DeployEvent::Step("waiting for a slot"));
            let _permit = limit.acquire().await;
            if let Some(Ok(p)) = verdicts.get(&plan.name) {
                observer.report(super::DeployEvent::Step(&format!(
                    "pre-flight: {} tasks placed on the {} registered instances in {} ms",
                    p.tasks,
                    p.instances,
                    p.elapsed.as_millis()
                )));
            }
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
                let result = run_job(aws, &job, &deploy, observer.as_ref()).await?;
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
    };
    // Publishers before their subscribers: wave after wave, each wave concurrently.
    let mut failed: Vec<String> = Vec::new();
    for wave in waves(plans, |p| p.name.as_str(), |p| p.needs.as_slice()) {
        let (mut jobs, mut names_of) = (Vec::new(), Vec::new());
        for i in wave {
            let plan = &plans[i];
            let title = format!("service {} in {env}", plan.name);
            let refused = match verdicts.get(&plan.name) {
                Some(Err(why)) => Some(format!("not deployed: pre-flight: {why}")),
                _ => plan.needs.iter().find(|n| failed.contains(*n)).map(|n| {
                    format!(
                        "not deployed: it subscribes to the topics of service {n}, which failed"
                    )
                }),
            };
            match refused {
                Some(why) => {
                    let stack_name = names::stack_name(app, env, Some(&plan.name));
                    observe(&stack_name, &title).report(super::DeployEvent::Finished {
                        ok: false,
                        text: &why,
                    });
                    failed.push(plan.name.clone());
                    results.push((title, JobResult::Failed(why)));
                }
                None => {
                    names_of.push(plan.name.clone());
                    jobs.push(deploy_one(i));
                }
            }
        }
        let done = futures_util::future::join_all(jobs).await;
        for (name, (title, result)) in names_of.into_iter().zip(done) {
            if !result.ok() {
                failed.push(name);
            }
            results.push((title, result));
        }
    }
    Ok(Summary {
        environment: env.to_string(),
        results,
    })
}

/// `items` in waves: each item after every item it `needs` (named by `name`), in the first
/// wave it can go; items in a cycle (or needing themselves) go in the last wave. Each
/// wave's indexes are in the order of `items`.
pub(super) fn waves<'a, T>(
    items: &'a [T],
    name: impl Fn(&'a T) -> &'a str,
    needs: impl Fn(&'a T) -> &'a [String],
) -> Vec<Vec<usize>> {
    let known: Vec<&str> = items.iter().map(&name).collect();
    let mut placed = vec![false; items.len()];
    let mut out: Vec<Vec<usize>> = Vec::new();
    while placed.iter().any(|p| !p) {
        let ready: Vec<usize> = (0..items.len())
            .filter(|&i| !placed[i])
            .filter(|&i| {
                needs(&items[i]).iter().all(|n| {
                    known
                        .iter()
                        .position(|k| *k == n.as_str())
                        .is_none_or(|j| placed[j] && j != i)
                })
            })
            .collect();
        let wave = if ready.is_empty() {
            (0..items.len()).filter(|&i| !placed[i]).collect()
        } else {
            ready
        };
        for &i in &wave {
            placed[i] = true;
        }
        out.push(wave);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::waves;

    #[test]
    fn publishers_come_before_their_subscribers() {
        let items: Vec<(&str, Vec<String>)> = vec![
            ("worker", vec!["api".into()]),
            ("api", vec![]),
            ("audit", vec!["worker".into(), "gone".into()]),
            ("a", vec!["b".into()]),
            ("b", vec!["a".into()]),
        ];
        let w = waves(&items, |i| i.0, |i| i.1.as_slice());
        assert_eq!(w, vec![vec![1], vec![0], vec![2], vec![3, 4]]);
    }
}
