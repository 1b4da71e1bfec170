//! Route 53: the public hosted zone of the application's domain.

use super::{Aws, AwsError, AwsResult};

/// The id (`Z...`, without `/hostedzone/`) of the public hosted zone named `domain` in the
/// account, or `None` when there is none (a private zone of that name does not count:
/// certificates are validated and services reached through the public one).
pub async fn public_zone_id(aws: &Aws, domain: &str) -> AwsResult<Option<String>> {
    let wanted = format!("{}.", domain.trim_end_matches('.').to_ascii_lowercase());
    let mut start: Option<(String, Option<String>)> = None;
    loop {
        let mut req = aws.route53.list_hosted_zones_by_name().dns_name(&wanted);
        if let Some((name, id)) = &start {
            req = req.dns_name(name).set_hosted_zone_id(id.clone());
        }
        let page = req.send().await.map_err(|e| {
            AwsError::from_sdk(&format!("looking up the hosted zone of {domain}"), e)
        })?;
        for z in page.hosted_zones() {
            let name = z.name().to_ascii_lowercase();
            if name != wanted {
                // Zones come sorted by name: past it, there is none.
                return Ok(None);
            }
            let private = z.config().is_some_and(|c| c.private_zone());
            if !private {
                let id = z.id().trim_start_matches("/hostedzone/").to_string();
                return Ok(Some(id));
            }
        }
        if !page.is_truncated() {
            return Ok(None);
        }
        match page.next_dns_name() {
            Some(n) => {
                start = Some((
                    n.to_string(),
                    page.next_hosted_zone_id().map(str::to_string),
                ))
            }
            None => return Ok(None),
        }
    }
}
