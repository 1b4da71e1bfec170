//! ECR: the repositories tug creates, `<app>/<workload>`.

use super::{Aws, AwsError, AwsResult};

/// The repositories of `app` (named `<app>/...`).
pub async fn repositories(aws: &Aws, app: &str) -> AwsResult<Vec<String>> {
    let prefix = format!("{app}/");
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .ecr
            .describe_repositories()
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("listing ECR repositories", e))?;
        out.extend(
            page.repositories()
                .iter()
                .filter_map(|r| r.repository_name())
                .filter(|n| n.starts_with(&prefix))
                .map(str::to_string),
        );
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
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

/// Keeps the last 30 images of a repository.
pub const LIFECYCLE_POLICY: &str = r#"{"rules":[{"rulePriority":1,"description":"keep the last 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}"#;

/// Makes sure repository `<app>/<workload>` exists: created when missing with scan-on-push,
/// mutable tags, a lifecycle policy keeping the last 30 images and tug's tags. Returns its
/// name.
pub async fn ensure_repository(aws: &Aws, app: &str, workload: &str) -> AwsResult<String> {
    let name = format!("{app}/{workload}");
    match aws
        .ecr
        .describe_repositories()
        .repository_names(&name)
        .send()
        .await
    {
        Ok(_) => return Ok(name),
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
    aws.ecr
        .put_lifecycle_policy()
        .repository_name(&name)
        .lifecycle_policy_text(LIFECYCLE_POLICY)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&format!("setting the lifecycle policy of {name}"), e))?;
    Ok(name)
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
    fn endpoint_hosts() {
        assert_eq!(
            endpoint_host("https://1.dkr.ecr.us-east-1.amazonaws.com").as_deref(),
            Some("1.dkr.ecr.us-east-1.amazonaws.com")
        );
        assert_eq!(endpoint_host("h:5000/").as_deref(), Some("h:5000"));
    }
}
