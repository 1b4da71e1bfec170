//! ECR: the repositories tug creates, `<app>/<workload>`.

use super::{Aws, AwsError, AwsResult};

/// The repositories of `app`: named `<app>/...` and tagged `tug:application` with its
/// name, as [`ensure_repository`] makes them (a repository of that name that tug did not
/// make for `app` is not one of them).
pub async fn repositories(aws: &Aws, app: &str) -> AwsResult<Vec<String>> {
    let prefix = format!("{app}/");
    let mut named = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .ecr
            .describe_repositories()
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("listing ECR repositories", e))?;
        named.extend(
            page.repositories()
                .iter()
                .filter_map(|r| Some((r.repository_name()?, r.repository_arn()?)))
                .filter(|(n, _)| n.starts_with(&prefix))
                .map(|(n, a)| (n.to_string(), a.to_string())),
        );
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    let mut out = Vec::new();
    for (name, arn) in named {
        let tags = aws
            .ecr
            .list_tags_for_resource()
            .resource_arn(&arn)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(&format!("reading the tags of {name}"), e))?;
        let owned = tags
            .tags()
            .iter()
            .any(|t| t.key() == crate::names::TAG_APPLICATION && t.value() == app);
        if owned {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

/// Deletes a repository and its images.
pub async fn delete_repository(aws: &Aws, name: &str) -> AwsResult<()> {
    match aws
        .ecr
        .delete_repository()
        .repository_name(name)
        .force(true)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(e) => {
            let e = AwsError::from_sdk(&format!("deleting ECR repository {name}"), e);
            if e.is("RepositoryNotFoundException") {
                Ok(())
            } else {
                Err(e)
            }
        }
    }
}

/// The tag prefix of the images environments run: after each deploy, the image a
/// workload's stack runs in environment `<env>` is tagged `tug-deployed-<env>` (a sidecar's
/// `tug-deployed-<env>.<sidecar>`), see [`deployed_tag`].
pub const DEPLOYED_PREFIX: &str = "tug-deployed-";

/// The tag that marks the image a container of a workload runs in `env`: the main
/// container's `tug-deployed-<env>`, sidecar `s`'s `tug-deployed-<env>.<s>` (names hold no
/// dots, so two never meet).
pub fn deployed_tag(env: &str, sidecar: Option<&str>) -> String {
    match sidecar {
        Some(s) => format!("{DEPLOYED_PREFIX}{env}.{s}"),
        None => format!("{DEPLOYED_PREFIX}{env}"),
    }
}

/// The lifecycle policy of every repository tug makes. ECR never lets a rule expire an
/// image that a rule of higher priority selects, so the first rule, which selects the
/// images environments run (tagged [`DEPLOYED_PREFIX`]...) and would expire only past
/// 9,999 of them, keeps them; the second (`tagStatus: any`, which must have the lowest
/// priority) keeps the last 30 of the others. A test deploy never expires the image
/// production runs, whatever the number of pushes.
pub const LIFECYCLE_POLICY: &str = r#"{"rules":[{"rulePriority":1,"description":"never expire the images environments run (tagged tug-deployed-<env>)","selection":{"tagStatus":"tagged","tagPrefixList":["tug-deployed-"],"countType":"imageCountMoreThan","countNumber":9999},"action":{"type":"expire"}},{"rulePriority":2,"description":"keep the last 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}"#;

/// Tags image `digest` of repository `repository` with `tag` (moved from the image that
/// had it): how an environment's running image is marked for [`LIFECYCLE_POLICY`].
pub async fn tag_image(aws: &Aws, repository: &str, digest: &str, tag: &str) -> AwsResult<()> {
    let what = format!("tagging image {repository}@{digest} {tag}");
    let found = aws
        .ecr
        .batch_get_image()
        .repository_name(repository)
        .image_ids(
            aws_sdk_ecr::types::ImageIdentifier::builder()
                .image_digest(digest)
                .build(),
        )
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&what, e))?;
    let Some(image) = found.images().first() else {
        return Err(AwsError {
            code: None,
            message: format!("{what}: the image is not in the repository"),
            help: None,
        });
    };
    let put = aws
        .ecr
        .put_image()
        .repository_name(repository)
        .image_manifest(image.image_manifest().unwrap_or_default())
        .set_image_manifest_media_type(image.image_manifest_media_type().map(str::to_string))
        .image_tag(tag)
        .image_digest(digest)
        .send()
        .await;
    match put {
        Ok(_) => Ok(()),
        Err(e) => {
            let e = AwsError::from_sdk(&what, e);
            // It has the tag already.
            if e.is("ImageAlreadyExistsException") {
                Ok(())
            } else {
                Err(e)
            }
        }
    }
}

/// Makes sure repository `<app>/<workload>` exists: created when missing with scan-on-push,
/// mutable tags and tug's tags, with [`LIFECYCLE_POLICY`] (set again on an existing one).
/// Returns its name.
pub async fn ensure_repository(aws: &Aws, app: &str, workload: &str) -> AwsResult<String> {
    let name = format!("{app}/{workload}");
    match aws
        .ecr
        .describe_repositories()
        .repository_names(&name)
        .send()
        .await
    {
        // A repository made by an earlier tug gets today's policy.
        Ok(_) => return put_lifecycle_policy(aws, &name).await.map(|()| name),
        Err(e) => {
            let e = AwsError::from_sdk(&format!("describing ECR repository {name}"), e);
            if !e.is("RepositoryNotFoundException") {
                return Err(e);
            }
        }
    }
    let tag = |k: &str, v: &str| {
        aws_sdk_ecr::types::Tag::builder()
            .key(k)
            .value(v)
            .build()
            .expect("key and value are set")
    };
    let created = aws
        .ecr
        .create_repository()
        .repository_name(&name)
        .image_tag_mutability(aws_sdk_ecr::types::ImageTagMutability::Mutable)
        .image_scanning_configuration(
            aws_sdk_ecr::types::ImageScanningConfiguration::builder()
                .scan_on_push(true)
                .build(),
        )
        .tags(tag(crate::names::TAG_APPLICATION, app))
        .tags(tag(crate::names::TAG_WORKLOAD, workload))
        .send()
        .await;
    if let Err(e) = created {
        let e = AwsError::from_sdk(&format!("creating ECR repository {name}"), e);
        // Another deploy created it meanwhile.
        if !e.is("RepositoryAlreadyExistsException") {
            return Err(e);
        }
    }
    put_lifecycle_policy(aws, &name).await?;
    Ok(name)
}

async fn put_lifecycle_policy(aws: &Aws, name: &str) -> AwsResult<()> {
    aws.ecr
        .put_lifecycle_policy()
        .repository_name(name)
        .lifecycle_policy_text(LIFECYCLE_POLICY)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&format!("setting the lifecycle policy of {name}"), e))?;
    Ok(())
}

/// What ECR GetAuthorizationToken grants: the host of the proxy endpoint, the user name
/// (`AWS`) and the password. No `Debug`: the password is never logged or printed.
pub struct Authorization {
    pub host: String,
    pub username: String,
    pub password: String,
}

/// The registry credentials from ECR GetAuthorizationToken.
pub async fn registry_credentials(aws: &Aws) -> AwsResult<Authorization> {
    let out = aws
        .ecr
        .get_authorization_token()
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("getting an ECR authorization token", e))?;
    let bad = |why: &str| AwsError {
        code: None,
        message: format!("ECR returned an unusable authorization token: {why}"),
        help: None,
    };
    let data = out
        .authorization_data()
        .first()
        .ok_or_else(|| bad("no authorization data"))?;
    let endpoint = data
        .proxy_endpoint()
        .ok_or_else(|| bad("no proxy endpoint"))?;
    let host = endpoint_host(endpoint).ok_or_else(|| bad("the proxy endpoint has no host"))?;
    let token = data.authorization_token().ok_or_else(|| bad("no token"))?;
    let decoded = aws_smithy_types::base64::decode(token).map_err(|_| bad("not base64"))?;
    let decoded = String::from_utf8(decoded).map_err(|_| bad("not UTF-8"))?;
    let (username, password) = decoded
        .split_once(':')
        .ok_or_else(|| bad("not `user:password`"))?;
    Ok(Authorization {
        host,
        username: username.to_string(),
        password: password.to_string(),
    })
}

/// `https://123.dkr.ecr.us-east-1.amazonaws.com/` -> `123.dkr.ecr.us-east-1.amazonaws.com`.
pub fn endpoint_host(endpoint: &str) -> Option<String> {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    let host = rest.split('/').next()?.trim();
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_policy_keeps_what_environments_run() {
        let policy: serde_json::Value = serde_json::from_str(LIFECYCLE_POLICY).unwrap();
        let rules = policy["rules"].as_array().unwrap();
        // ECR: `tagStatus: any` only in the rule of the lowest priority (the highest number).
        let last = rules
            .iter()
            .max_by_key(|r| r["rulePriority"].as_u64())
            .unwrap();
        assert_eq!(last["selection"]["tagStatus"], "any");
        let keep = &rules[0]["selection"];
        assert_eq!(rules[0]["rulePriority"], 1);
        assert_eq!(keep["tagPrefixList"][0], DEPLOYED_PREFIX);
        assert!(deployed_tag("prod", None).starts_with(DEPLOYED_PREFIX));
        assert!(deployed_tag("prod", Some("envoy")).starts_with(DEPLOYED_PREFIX));
        assert_ne!(deployed_tag("a-b", None), deployed_tag("a", Some("b")));
    }

    #[test]
    fn endpoint_hosts() {
        assert_eq!(
            endpoint_host("https://1.dkr.ecr.us-east-1.amazonaws.com").as_deref(),
            Some("1.dkr.ecr.us-east-1.amazonaws.com")
        );
        assert_eq!(endpoint_host("h:5000/").as_deref(), Some("h:5000"));
    }
}
