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
