//! Deleting a stack and watching it go.

use std::time::Duration;

use std::collections::BTreeMap;

use super::{DeployEvent, Observe, Observer};
use crate::aws::stack::{self, StackInfo};
use crate::aws::{self, Aws};
use crate::error::{Error, Result};
use crate::names::{
    bootstrap_stack_name, ARTIFACTS_BUCKET_NAME, TAG_APPLICATION, TAG_ENVIRONMENT, TAG_TASK_GROUP,
    TAG_WORKLOAD,
};

/// Deletes `stack_name` and watches it go; true when it is gone. A stack whose `tug:*` tags
/// are not `owner`'s is refused, naming the tags it has.
pub async fn delete_stack(
    aws: &Aws,
    stack_name: &str,
    owner: &BTreeMap<String, String>,
    timeout: Duration,
    observer: &dyn Observer,
) -> Result<bool> {
    if let Some(s) = stack::describe(aws, stack_name).await? {
        stack::check_owner(&s, owner.iter())?;
    }
    observer.report(DeployEvent::Step("deleting"));
    let start = stack::delete(aws, stack_name).await?;
    let outcome = stack::watch(aws, stack_name, start, None, observer, timeout).await?;
    if outcome.success {
        observer.report(DeployEvent::Finished {
            ok: true,
            text: "deleted",
        });
        return Ok(true);
    }
    let why = outcome
        .first_failure
        .map(|f| {
            format!(
                "{} ({}): {}",
                f.logical_id,
                f.resource_type,
                f.reason.unwrap_or_default()
            )
        })
        .unwrap_or_else(|| format!("the stack is {}", outcome.status));
    let text = format!("could not delete: {why}");
    observer.report(DeployEvent::Finished {
        ok: false,
        text: &text,
    });
    Ok(false)
}

/// Stacks grouped by application.
pub fn by_app(stacks: Vec<StackInfo>) -> BTreeMap<String, Vec<StackInfo>> {
    let mut apps: BTreeMap<String, Vec<StackInfo>> = BTreeMap::new();
    for s in stacks {
        if let Some(a) = s.tag(TAG_APPLICATION).map(str::to_string) {
            apps.entry(a).or_default().push(s);
        }
    }
    apps
}

/// The stacks of `app`, or an error with a "did you mean" from the deployed apps.
pub async fn app_stacks(aws: &Aws, app: &str) -> Result<Vec<StackInfo>> {
    let mut apps = by_app(stack::list(aws, None).await?);
    if let Some(stacks) = apps.remove(app) {
        return Ok(stacks);
    }
    let names: Vec<&str> = apps.keys().map(String::as_str).collect();
    let help = match crate::suggest::suggest(app, &names) {
        Some(s) => format!("did you mean `-n {s}`?"),
        None if names.is_empty() => "nothing is deployed yet; start with `tug env deploy`".into(),
        None => format!("deployed: {}", names.join(", ")),
    };
    Err(Error::user(format!(
        "application {app} has nothing deployed in {}",
        aws.region()
    ))
    .with_help(help))
}

/// What an application has on AWS: workload stacks, environment stacks, the bootstrap
/// stack with the artifacts bucket, ECR repositories.
pub struct AppResources {
    pub workloads: Vec<StackInfo>,
    pub environments: Vec<StackInfo>,
    pub bootstrap: Option<StackInfo>,
    pub repositories: Vec<String>,
}

impl AppResources {
    /// One line per stack and repository.
    pub fn describe(&self) -> Vec<String> {
        let mut stacks: Vec<&StackInfo> = self.workloads.iter().chain(&self.environments).collect();
        stacks.sort_by(|a, b| a.name.cmp(&b.name));
        let mut what: Vec<String> = stacks.iter().map(|s| s.name.clone()).collect();
        if let Some(b) = &self.bootstrap {
            let bucket = b.outputs.get(ARTIFACTS_BUCKET_NAME).map(String::as_str);
            what.push(format!(
                "{} (the artifacts bucket {} and everything in it)",
                b.name,
                bucket.unwrap_or("")
            ));
        }
        what.extend(
            self.repositories
                .iter()
                .map(|r| format!("ECR repository {r}")),
        );
        what
    }
}

/// Everything application `app` has on AWS, or an error with a "did you mean".
pub async fn app_resources(aws: &Aws, app: &str) -> Result<AppResources> {
    let stacks = app_stacks(aws, app).await?;
    let bootstrap_name = bootstrap_stack_name(app);
    let bootstrap = stacks
        .iter()
        .find(|s| s.name == bootstrap_name && s.tag(TAG_ENVIRONMENT).is_none())
        .cloned();
    // Workloads and `task run`'s task groups go first, then the environments.
    let (workloads, environments) = stacks
        .into_iter()
        .filter(|s| s.tag(TAG_ENVIRONMENT).is_some() || s.tag(TAG_TASK_GROUP).is_some())
        .partition(|s| s.tag(TAG_WORKLOAD).is_some() || s.tag(TAG_TASK_GROUP).is_some());
    Ok(AppResources {
        workloads,
        environments,
        bootstrap,
        repositories: aws::ecr::repositories(aws, app).await?,
    })
}

/// `service web in test`, `environment test`, `task group migrate`, `artifacts bucket of
/// shop`.
pub fn stack_title(s: &StackInfo) -> String {
    if let Some(group) = s.tag(TAG_TASK_GROUP) {
        return format!("task group {group}");
    }
    let Some(env) = s.tag(TAG_ENVIRONMENT) else {
        let app = s.tag(TAG_APPLICATION).unwrap_or_default();
        return format!("artifacts bucket of {app}");
    };
    match s.tag(TAG_WORKLOAD) {
        Some(w) => format!("service {w} in {env}"),
        None => format!("environment {env}"),
    }
}

/// For each of `stacks`, the others among them that import one of its exports (a Worker
/// Service importing a topic of the service that publishes it): they are deleted first, as
/// CloudFormation refuses to delete an export in use.
async fn importers_of(aws: &Aws, stacks: &[StackInfo]) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    for s in stacks {
        let mut users = Vec::new();
        for (export, _) in stack::exports_of(aws, &s.id).await? {
            users.extend(
                stack::importers(aws, &export)
                    .await?
                    .into_iter()
                    .filter(|u| *u != s.name && stacks.iter().any(|o| o.name == *u)),
            );
        }
        users.sort();
        users.dedup();
        out.insert(s.name.clone(), users);
    }
    Ok(out)
}

/// Deletes an application: its workloads and task groups (concurrently, each subscriber
/// before the service whose topics it imports), then its
/// environments, then its
/// bootstrap stack (its artifacts bucket emptied first: every version and delete marker),
/// then its ECR repositories (`deleted` is told each). Stops at the first stack that is
/// not deleted.
pub async fn delete_app(
    aws: &Aws,
    app: &str,
    found: &AppResources,
    timeout: Duration,
    observe: &Observe<'_>,
    deleted: &dyn Fn(&str),
) -> Result<()> {
    // Subscribers before the publishers whose topics they import, then the environments.
    let importers = importers_of(aws, &found.workloads).await?;
    let mut waves: Vec<Vec<&StackInfo>> = super::all::waves(
        &found.workloads,
        |s| s.name.as_str(),
        |s| importers.get(&s.name).map_or(&[][..], Vec::as_slice),
    )
    .into_iter()
    .map(|w| w.into_iter().map(|i| &found.workloads[i]).collect())
    .collect();
    waves.push(found.environments.iter().collect());
    for wave in waves {
        let deletes = wave.into_iter().map(|s| async move {
            let observer = observe(&s.name, &stack_title(s));
            delete_stack(aws, &s.name, &s.tags, timeout, observer.as_ref()).await
        });
        for r in futures_util::future::join_all(deletes).await {
            if !r? {
                return Err(
                    Error::user(format!("application {app} was not fully deleted"))
                        .with_help("fix the stack named above and run `tug app delete` again"),
                );
            }
        }
    }
    if let Some(b) = &found.bootstrap {
        super::artifacts::empty_bucket(aws, b).await?;
        let observer = observe(&b.name, &stack_title(b));
        let owner = crate::names::app_tags(app);
        if !delete_stack(aws, &b.name, &owner, timeout, observer.as_ref()).await? {
            return Err(
                Error::user(format!("application {app} was not fully deleted"))
                    .with_help("fix the stack named above and run `tug app delete` again"),
            );
        }
    }
    for r in &found.repositories {
        aws::ecr::delete_repository(aws, r).await?;
        deleted(r);
    }
    Ok(())
}
