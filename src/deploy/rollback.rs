//! Going back to an earlier deploy of a service, through CloudFormation.
//!
//! CloudFormation keeps no template history, so every successful deploy of a workload stack
//! leaves a [`Record`] in the application's artifacts bucket: the template it ran, stored by
//! content (`templates/<sha256>.yml`, as large templates are), and a small JSON document
//! keyed by the stack and the task definition revision that deploy made
//! (`deploys/<stack>/<revision>.json`) holding the template's key, the parameters (images
//! pinned by digest, env file and addons keys, the deployment token) and the tags. A
//! rollback is a change set with that template and those parameters: the stack stays the
//! record of what runs, and the rollback itself is recorded like any deploy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::artifacts::{self, Artifact};
use super::{Job, JobResult};
use crate::aws::ecs::{self, TaskDefinitionInfo};
use crate::aws::stack::{self, Follow, Request, StackInfo};
use crate::aws::{self, Aws};
use crate::error::{Error, Result};
use crate::names;

/// The logical id of a workload stack's task definition.
pub const TASK_DEFINITION: &str = "TaskDefinition";

/// What one successful deploy of a workload stack ran: enough to deploy it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub stack: String,
    /// The ARN of the task definition revision the deploy made (or kept).
    pub task_definition: String,
    pub revision: i32,
    /// When the deploy finished, in seconds since the epoch.
    pub deployed_at: i64,
    /// The key of the template in the artifacts bucket.
    pub template_key: String,
    pub parameters: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
}

/// The revision number at the end of a task definition ARN (`...:task-definition/f:12`).
pub fn revision_of(arn: &str) -> Option<i32> {
    arn.rsplit_once(':')?.1.parse().ok()
}

/// Saves the record of `job`, which just deployed successfully, in `bucket`: its template
/// (when not there yet) and the record of the task definition revision its stack now runs.
/// Returns that revision; `None` when the stack has no task definition.
pub async fn save(aws: &Aws, bucket: &str, job: &Job) -> Result<Option<i32>> {
    let stack = &job.request.stack;
    let Some(arn) = stack::physical_id(aws, stack, TASK_DEFINITION).await else {
        return Ok(None);
    };
    let Some(revision) = revision_of(&arn) else {
        return Ok(None);
    };
    let bytes = job.request.template.as_bytes().to_vec();
    let template = Artifact {
        what: format!("template of {stack}"),
        key: names::template_key(&artifacts::sha256_hex(&bytes)),
        bytes,
    };
    if !aws::s3::exists(aws, bucket, &template.key).await? {
        aws::s3::put(aws, bucket, &template.key, template.bytes).await?;
    }
    let record = Record {
        stack: stack.clone(),
        task_definition: arn,
        revision,
        deployed_at: now_secs(),
        template_key: template.key,
        parameters: job.request.parameters.iter().cloned().collect(),
        tags: job.request.tags.iter().cloned().collect(),
    };
    let body = serde_json::to_vec_pretty(&record)
        .map_err(|e| Error::user(format!("cannot write the deploy record: {e}")))?;
    let key = names::deploy_record_key(stack, revision);
    aws::s3::put(aws, bucket, &key, body).await?;
    Ok(Some(revision))
}

/// After `job` ended with `result`: saves its record when it deployed and there is a
/// `bucket`. Returns a warning to show when the record could not be saved (the deploy
/// itself succeeded, so that is not an error).
pub async fn after_deploy(
    aws: &Aws,
    bucket: Option<&str>,
    job: &Job,
    result: &JobResult,
) -> Option<String> {
    if !matches!(result, JobResult::Deployed(_)) {
        return None;
    }
    let why = match bucket {
        Some(bucket) => match save(aws, bucket, job).await {
            Ok(_) => return None,
            Err(e) => e.to_string(),
        },
        None => "the application has no artifacts bucket".to_string(),
    };
    Some(format!(
        "{} deployed, but its rollback record could not be saved ({why}): `tug svc rollback` cannot return to this deploy",
        job.title
    ))
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// The artifacts bucket of `app` when it has one, without creating it.
pub async fn existing_bucket(aws: &Aws, app: &str) -> Result<Option<String>> {
    Ok(stack::describe(aws, &names::bootstrap_stack_name(app))
        .await?
        .and_then(|s| s.outputs.get(names::ARTIFACTS_BUCKET_NAME).cloned()))
}

/// The records of stack `stack` in `bucket`, by revision. A record that cannot be read
/// is left out: it cannot be rolled back to.
pub async fn records(aws: &Aws, bucket: &str, stack: &str) -> Result<BTreeMap<i32, Record>> {
    let keys = aws::s3::keys(aws, bucket, &names::deploy_records_prefix(stack)).await?;
    let reads = keys.iter().map(|k| aws::s3::get(aws, bucket, k));
    let mut out = BTreeMap::new();
    for body in futures_util::future::join_all(reads).await {
        let Some(body) = body? else { continue };
        if let Ok(r) = serde_json::from_slice::<Record>(&body) {
            if r.stack == stack {
                out.insert(r.revision, r);
            }
        }
    }
    Ok(out)
}

/// One task definition revision of a service, as `svc rollback --list` shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Revision {
    #[serde(flatten)]
    pub task_definition: TaskDefinitionInfo,
    /// The service runs it now.
    pub current: bool,
    /// It ran as the service's completed deployment: tug recorded its deploy, or it is
    /// the current revision of a stack whose last deploy succeeded.
    pub completed: bool,
    /// When tug recorded its deploy (RFC 3339); without one it cannot be rolled back to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployed: Option<String>,
}

/// A service's revisions and deploy records.
#[derive(Debug, Clone)]
pub struct History {
    pub stack: String,
    pub family: String,
    pub current: i32,
    /// The newest revisions first, at most [`SHOWN`].
    pub revisions: Vec<Revision>,
    /// How many older revisions are not in `revisions`.
    pub older: usize,
    pub records: BTreeMap<i32, Record>,
    /// The artifacts bucket the records are in.
    pub bucket: Option<String>,
}

/// How many revisions `--list` describes.
pub const SHOWN: usize = 25;

/// The history of the service whose stack is `svc` in application `app`: its task
/// definition's revisions, the current one, and tug's records of its deploys.
pub async fn history(aws: &Aws, app: &str, svc: &StackInfo) -> Result<History> {
    let current_arn = stack::physical_id(aws, &svc.id, TASK_DEFINITION)
        .await
        .ok_or_else(|| {
            Error::user(format!("stack {} has no task definition", svc.name))
                .with_help("deploy the service first; `tug svc status` shows what the stack holds")
        })?;
    let current = revision_of(&current_arn).unwrap_or_default();
    let family = ecs::short_task_definition(&current_arn)
        .rsplit_once(':')
        .map(|(f, _)| f.to_string())
        .unwrap_or_default();
    let bucket = existing_bucket(aws, app).await?;
    let records = match &bucket {
        Some(b) => records(aws, b, &svc.name).await?,
        None => BTreeMap::new(),
    };
    let arns = ecs::task_definition_revisions(aws, &family).await?;
    let older = arns.len().saturating_sub(SHOWN);
    let described = futures_util::future::join_all(
        arns.iter()
            .take(SHOWN)
            .map(|arn| ecs::task_definition(aws, arn)),
    )
    .await;
    let settled_ok = svc.status.is_success()
        || svc.status == crate::aws::status::StackStatus::UpdateRollbackComplete;
    let mut revisions = Vec::new();
    for td in described {
        let Some(td) = td? else { continue };
        let record = records.get(&td.revision);
        let is_current = td.revision == current;
        revisions.push(Revision {
            current: is_current,
            completed: record.is_some() || (is_current && settled_ok),
            deployed: record.map(|r| aws::rfc3339(r.deployed_at as f64)),
            task_definition: td,
        });
    }
    Ok(History {
        stack: svc.name.clone(),
        family,
        current,
        revisions,
        older,
        records,
        bucket,
    })
}

/// The revision `--to` names: `12`, `family:12` or a task definition ARN.
fn parse_to(to: &str) -> Result<i32> {
    let text = to.rsplit(':').next().unwrap_or(to);
    text.trim().parse::<i32>().map_err(|_| {
        Error::usage(format!("--to `{to}` is not a task definition revision"))
            .with_help("give its number (`--to 12`); `tug svc rollback --list` shows the revisions")
    })
}

/// The record to roll back to: the one `to` names, else the newest recorded revision
/// older than the `current` one. `known` are the revisions ECS has; `svc` names the
/// service in messages.
pub fn target<'r>(
    history: &'r History,
    to: Option<&str>,
    svc: &str,
    env: &str,
) -> Result<&'r Record> {
    let records = &history.records;
    let current = history.current;
    let list = format!("`tug svc rollback -n {svc} -e {env} --list` shows them");
    let recorded: Vec<String> = records
        .keys()
        .filter(|r| **r != current)
        .map(i32::to_string)
        .collect();
    let Some(to) = to else {
        return records
            .range(..current)
            .next_back()
            .map(|(_, r)| r)
            .ok_or_else(|| {
                Error::user(format!(
                    "service {svc} in {env} has no completed deploy recorded before revision {current}, the one it runs"
                ))
                .with_help(if recorded.is_empty() {
                    "tug records each successful deploy from this version on; deploys made before cannot be rolled back to".to_string()
                } else {
                    format!("pick one with --to ({}); {list}", recorded.join(", "))
                })
            });
    };
    let wanted = parse_to(to)?;
    if wanted == current {
        return Err(Error::user(format!(
            "service {svc} in {env} already runs revision {current}"
        ))
        .with_help(format!("pick an earlier one; {list}")));
    }
    if let Some(r) = records.get(&wanted) {
        return Ok(r);
    }
    let exists = history
        .revisions
        .iter()
        .any(|r| r.task_definition.revision == wanted)
        || (wanted > 0 && wanted < current && history.older > 0);
    if exists {
        return Err(Error::user(format!(
            "revision {wanted} of service {svc} has no deploy record, so it cannot be rolled back to"
        ))
        .with_help(format!(
            "it was deployed by an earlier tug, or its deploy did not complete; {}",
            if recorded.is_empty() {
                "no revision can be rolled back to yet".to_string()
            } else {
                format!("these can: {}", recorded.join(", "))
            }
        )));
    }
    let names: Vec<&str> = recorded.iter().map(String::as_str).collect();
    let help = match crate::suggest::suggest(&wanted.to_string(), &names) {
        Some(s) => format!("did you mean `--to {s}`?"),
        None if names.is_empty() => format!("no revision can be rolled back to yet; {list}"),
        None => format!("these can be rolled back to: {}", names.join(", ")),
    };
    Err(Error::user(format!("service {svc} in {env} has no revision {wanted}")).with_help(help))
}

/// The job that deploys `record` again to its stack, its template read from `bucket`;
/// the ECS service in cluster `env_stack` is followed as a deploy's is.
pub async fn job(
    aws: &Aws,
    bucket: &str,
    record: &Record,
    env_stack: &StackInfo,
    title: String,
    resume: String,
) -> Result<Job> {
    let template = aws::s3::get(aws, bucket, &record.template_key)
        .await?
        .ok_or_else(|| {
            Error::user(format!(
                "the template of revision {} is gone from the artifacts bucket (s3://{bucket}/{})",
                record.revision, record.template_key
            ))
            .with_help("it cannot be rolled back to; pick another revision with --to")
        })?;
    let template = String::from_utf8(template).map_err(|_| {
        Error::user(format!(
            "s3://{bucket}/{} is not a template",
            record.template_key
        ))
    })?;
    let template_url = (template.len() > artifacts::INLINE_TEMPLATE_BYTES)
        .then(|| artifacts::object_url(bucket, &aws.region(), &record.template_key));
    Ok(Job {
        title,
        request: Request {
            stack: record.stack.clone(),
            template,
            template_url,
            parameters: record.parameters.clone().into_iter().collect(),
            tags: record.tags.clone().into_iter().collect(),
        },
        follow: env_stack.outputs.get("ClusterName").map(|c| Follow {
            cluster: c.clone(),
            logical_id: "Service".into(),
        }),
        resume,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(revision: i32) -> Record {
        Record {
            stack: "tug-a-test-api".into(),
            task_definition: format!(
                "arn:aws:ecs:us-east-1:1:task-definition/tug-a-test-api:{revision}"
            ),
            revision,
            deployed_at: 0,
            template_key: "templates/x.yml".into(),
            parameters: BTreeMap::new(),
            tags: BTreeMap::new(),
        }
    }

    fn history(current: i32, recorded: &[i32], known: &[i32]) -> History {
        History {
            stack: "tug-a-test-api".into(),
            family: "tug-a-test-api".into(),
            current,
            revisions: known
                .iter()
                .map(|r| Revision {
                    task_definition: TaskDefinitionInfo {
                        arn: String::new(),
                        family: String::new(),
                        revision: *r,
                        status: "ACTIVE".into(),
                        registered: None,
                        images: Vec::new(),
                    },
                    current: *r == current,
                    completed: recorded.contains(r),
                    deployed: None,
                })
                .collect(),
            older: 0,
            records: recorded.iter().map(|r| (*r, record(*r))).collect(),
            bucket: None,
        }
    }

    fn error(h: &History, to: Option<&str>) -> String {
        match target(h, to, "api", "test").unwrap_err() {
            Error::User { message, help } | Error::Usage { message, help } => {
                format!("{message} / {}", help.unwrap_or_default())
            }
            other => other.to_string(),
        }
    }

    #[test]
    fn the_default_is_the_last_recorded_revision_before_the_current_one() {
        let h = history(5, &[2, 3, 5], &[1, 2, 3, 4, 5]);
        assert_eq!(target(&h, None, "api", "test").unwrap().revision, 3);
        // After a rollback (to 2, which made 6), the default goes forward to 5.
        let h = history(6, &[2, 3, 5, 6], &[1, 2, 3, 4, 5, 6]);
        assert_eq!(target(&h, None, "api", "test").unwrap().revision, 5);
        let h = history(2, &[2, 3], &[1, 2, 3]);
        let e = error(&h, None);
        assert!(
            e.contains("no completed deploy recorded before revision 2"),
            "{e}"
        );
        assert!(e.contains("--to (3)"), "{e}");
    }

    #[test]
    fn to_names_a_recorded_revision() {
        let h = history(5, &[2, 3, 5], &[1, 2, 3, 4, 5]);
        assert_eq!(target(&h, Some("2"), "api", "test").unwrap().revision, 2);
        assert_eq!(
            target(&h, Some("tug-a-test-api:2"), "api", "test")
                .unwrap()
                .revision,
            2
        );
        let e = error(&h, Some("5"));
        assert!(e.contains("already runs revision 5"), "{e}");
        let e = error(&h, Some("1"));
        assert!(
            e.contains("revision 1 of service api has no deploy record"),
            "{e}"
        );
        assert!(e.contains("these can: 2, 3"), "{e}");
        let e = error(&h, Some("32"));
        assert!(e.contains("has no revision 32"), "{e}");
        assert!(e.contains("did you mean `--to 3`?"), "{e}");
        let e = error(&h, Some("latest"));
        assert!(e.contains("not a task definition revision"), "{e}");
    }

    #[test]
    fn revisions_come_from_arns() {
        assert_eq!(
            revision_of("arn:aws:ecs:us-east-1:1:task-definition/tug-a-test-api:12"),
            Some(12)
        );
        assert_eq!(revision_of("tug-a-test-api"), None);
    }
}
