//! The application's artifacts: the bootstrap stack `tug-<app>-bootstrap` with its bucket
//! (one per application and Region, created on first need), and the files a deploy puts
//! in it under content-hash keys, so an unchanged file is never uploaded again and leaves
//! the workload's stack unchanged. Not specific to env files: anything a stack needs from
//! S3 is an [`Artifact`].

use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{request, run_job, DeployEvent, DeployOptions, Job, JobResult, Observe, Observer};
use crate::aws::stack::{self, StackInfo};
use crate::aws::status::StackStatus;
use crate::aws::{self, Aws};
use crate::error::{Error, Result};
use crate::names;
use crate::render;

/// A file to put in the artifacts bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// What it is, for progress lines: `env file config/web.env`.
    pub what: String,
    /// Its key in the bucket, computed from its bytes.
    pub key: String,
    pub bytes: Vec<u8>,
}

impl Artifact {
    /// The env file at `path` (as the manifest writes it, relative to the repository
    /// `root`), stored under `env-files/<sha256>.env`.
    pub fn env_file(root: &Path, path: &str) -> Result<Artifact> {
        let bytes = std::fs::read(root.join(path))
            .map_err(|e| Error::io(format!("reading env file {path}"), e))?;
        Ok(Artifact {
            what: format!("env file {path}"),
            key: names::env_file_key(&sha256_hex(&bytes)),
            bytes,
        })
    }
}

impl Artifact {
    /// The merged addons template of `addons`, under `addons/<sha256>.yml`.
    pub fn addons(addons: &crate::addons::Addons) -> Artifact {
        let bytes = addons.text.clone().into_bytes();
        Artifact {
            what: format!("addons template of {}", addons.folder),
            key: names::addons_key(&sha256_hex(&bytes)),
            bytes,
        }
    }

    /// The template of stack `stack` when it is too large to send inline (over
    /// [`INLINE_TEMPLATE_BYTES`]), under `templates/<sha256>.yml`; `None` when it is not.
    pub fn large_template(stack: &str, template: &str) -> Option<Artifact> {
        if template.len() <= INLINE_TEMPLATE_BYTES {
            return None;
        }
        let bytes = template.as_bytes().to_vec();
        Some(Artifact {
            what: format!("template of {stack} ({} bytes)", bytes.len()),
            key: names::template_key(&sha256_hex(&bytes)),
            bytes,
        })
    }
}

/// The largest template CloudFormation takes in a request (`TemplateBody`); a larger one
/// goes through the artifacts bucket (`TemplateURL`).
pub const INLINE_TEMPLATE_BYTES: usize = 51_200;

/// The HTTPS URL of object `key` of `bucket` in `region`, as CloudFormation reads
/// templates.
pub fn object_url(bucket: &str, region: &str, key: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://{bucket}.s3.{region}.{suffix}/{key}")
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The job that deploys the bootstrap stack of `app`.
pub fn bootstrap_job(app: &str) -> Result<Job> {
    let rendered = render::bootstrap(app).map_err(|e| Error::user(e.to_string()))?;
    Ok(Job {
        title: format!("artifacts bucket of {app}"),
        request: request(names::bootstrap_stack_name(app), &rendered),
        follow: None,
        resume: format!("tug app show -n {app}"),
    })
}

/// The bucket of a bootstrap stack made by this version of tug, when it is usable as it is.
fn current_bucket(stack: &StackInfo) -> Option<String> {
    let usable = stack.status.is_success() || stack.status == StackStatus::UpdateRollbackComplete;
    let current = usable
        && stack.outputs.get(render::BOOTSTRAP_VERSION_OUTPUT)
            == Some(&render::bootstrap_version());
    current
        .then(|| stack.outputs.get(names::ARTIFACTS_BUCKET_NAME).cloned())
        .flatten()
}

/// The artifacts bucket of `app`, by name. The bootstrap stack is deployed first when it is
/// missing or was made by another version of its template, through a change set like every
/// stack, its progress shown to `observe`; an up-to-date stack costs one DescribeStacks.
pub async fn ensure_bucket(
    aws: &Aws,
    app: &str,
    timeout: Duration,
    observe: &Observe<'_>,
) -> Result<String> {
    let name = names::bootstrap_stack_name(app);
    if let Some(bucket) = stack::describe(aws, &name)
        .await?
        .as_ref()
        .and_then(current_bucket)
    {
        return Ok(bucket);
    }
    let job = bootstrap_job(app)?;
    let observer = observe(&job.request.stack, &job.title);
    // tug's own stack: no question to ask, and the bucket is needed as soon as it exists.
    let opts = DeployOptions::unattended(timeout);
    let result = run_job(aws, &job, &opts, observer.as_ref()).await?;
    if let JobResult::Failed(why) = result {
        return Err(Error::user(format!(
            "the artifacts bucket of application {app} could not be deployed: {why}"
        ))
        .with_help(format!(
            "look at stack {name} in the CloudFormation console, fix it, and deploy again"
        )));
    }
    stack::describe(aws, &name)
        .await?
        .and_then(|s| s.outputs.get(names::ARTIFACTS_BUCKET_NAME).cloned())
        .ok_or_else(|| {
            Error::user(format!(
                "stack {name} has no output {}",
                names::ARTIFACTS_BUCKET_NAME
            ))
            .with_help(format!("delete stack {name} and deploy again"))
        })
}

/// Puts `artifacts` in `bucket`, each only when its key is not there yet (keys are content
/// hashes: an object that exists holds the same bytes). Each upload is a step reported to
/// `observer`. Returns how many were uploaded.
pub async fn upload(
    aws: &Aws,
    bucket: &str,
    artifacts: &[Artifact],
    observer: &dyn Observer,
) -> Result<usize> {
    let mut uploaded = 0;
    let mut done: Vec<&str> = Vec::new();
    for a in artifacts {
        if done.contains(&a.key.as_str()) || aws::s3::exists(aws, bucket, &a.key).await? {
            continue;
        }
        observer.report(DeployEvent::Step(&format!("uploading {}", a.what)));
        aws::s3::put(aws, bucket, &a.key, a.bytes.clone()).await?;
        done.push(&a.key);
        uploaded += 1;
    }
    Ok(uploaded)
}

/// Empties the artifacts bucket of the bootstrap stack `stack` (every version and delete
/// marker), so that CloudFormation can delete it. Returns how many objects went.
pub async fn empty_bucket(aws: &Aws, stack: &StackInfo) -> Result<usize> {
    match stack.outputs.get(names::ARTIFACTS_BUCKET_NAME) {
        Some(bucket) => Ok(aws::s3::empty(aws, bucket).await?),
        None => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.env"), "A=1\n").expect("write");
        std::fs::write(dir.path().join("b.env"), "A=1\n").expect("write");
        let a = Artifact::env_file(dir.path(), "a.env").expect("a");
        let b = Artifact::env_file(dir.path(), "./b.env").expect("b");
        assert_eq!(a.key, b.key, "same bytes, same key");
        assert_eq!(
            a.key,
            "env-files/91d6a3d55e9fea7911c537afae6607c77fa8bc0f3a76c375e104ac5a8cfa84db.env"
        );
        std::fs::write(dir.path().join("a.env"), "A=2\n").expect("write");
        let changed = Artifact::env_file(dir.path(), "a.env").expect("a");
        assert_ne!(changed.key, a.key);
        assert!(Artifact::env_file(dir.path(), "missing.env").is_err());
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
