//! The application's bootstrap stack `tug-<app>-bootstrap`: the artifacts bucket deploys
//! upload to (env files now; any file a stack needs from S3), one per application and
//! Region, laid out by `templates/cfn/bootstrap.yml.j2`.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{render_template, RenderError, Rendered, BOOTSTRAP_TEMPLATE};
use crate::names::{self, ARTIFACTS_BUCKET_ARN, ARTIFACTS_BUCKET_NAME};

/// Days a replaced or deleted artifact stays restorable before S3 expires it. Keys are
/// content hashes, so a deploy never overwrites an object: only a manual delete or
/// overwrite makes a noncurrent version.
pub const NONCURRENT_DAYS: u32 = 30;
/// Days after which S3 aborts an upload that never completed.
pub const ABORT_MULTIPART_DAYS: u32 = 7;

/// The stack output that says which template made the bootstrap stack.
pub const VERSION_OUTPUT: &str = "TemplateVersion";

const SOURCE: &str = include_str!("../../templates/cfn/bootstrap.yml.j2");

#[derive(Serialize)]
struct Bootstrap<'a> {
    app: &'a str,
    noncurrent_days: u32,
    abort_multipart_days: u32,
    bucket_name_output: &'a str,
    bucket_name_export: String,
    bucket_arn_output: &'a str,
    bucket_arn_export: String,
    version: String,
}

/// The version of the bootstrap template: the first 16 hex digits of the SHA-256 of its
/// source and of the values rendered into it. A deploy whose version equals the stack's
/// `TemplateVersion` output leaves the stack alone (no change set to wait for).
pub fn bootstrap_version() -> String {
    let mut h = Sha256::new();
    h.update(SOURCE.as_bytes());
    h.update(format!("{NONCURRENT_DAYS}/{ABORT_MULTIPART_DAYS}").as_bytes());
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Renders the bootstrap stack of application `app`, tagged `tug:application` only.
pub fn bootstrap(app: &str) -> Result<Rendered, RenderError> {
    let ctx = Bootstrap {
        app,
        noncurrent_days: NONCURRENT_DAYS,
        abort_multipart_days: ABORT_MULTIPART_DAYS,
        bucket_name_output: ARTIFACTS_BUCKET_NAME,
        bucket_name_export: names::app_export_name(app, ARTIFACTS_BUCKET_NAME),
        bucket_arn_output: ARTIFACTS_BUCKET_ARN,
        bucket_arn_export: names::app_export_name(app, ARTIFACTS_BUCKET_ARN),
        version: bootstrap_version(),
    };
    Ok(Rendered {
        template: render_template(BOOTSTRAP_TEMPLATE, &ctx)?,
        parameters: BTreeMap::new(),
        tags: names::app_tags(app),
        listener_rules: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_is_private_encrypted_versioned_and_exported() {
        let r = bootstrap("shop").expect("renders");
        let t: serde_yaml_ng::Value = serde_yaml_ng::from_str(&r.template).expect("yaml");
        let bucket = &t["Resources"]["ArtifactsBucket"]["Properties"];
        assert_eq!(
            bucket["VersioningConfiguration"]["Status"].as_str(),
            Some("Enabled")
        );
        let block = &bucket["PublicAccessBlockConfiguration"];
        for k in [
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        ] {
            assert_eq!(block[k].as_bool(), Some(true), "{k}");
        }
        let rule = &bucket["LifecycleConfiguration"]["Rules"][0];
        assert_eq!(
            rule["NoncurrentVersionExpiration"]["NoncurrentDays"].as_u64(),
            Some(30)
        );
        assert!(r.template.contains("aws:SecureTransport: \"false\""));
        assert!(r
            .template
            .contains("Name: \"tug-shop-ArtifactsBucketName\""));
        assert!(r.template.contains("Name: \"tug-shop-ArtifactsBucketArn\""));
        assert!(r.template.contains(&bootstrap_version()));
        assert_eq!(r.tags, names::app_tags("shop"));
        assert_eq!(bootstrap_version().len(), 16);
    }
}
