//! Fields that are read and checked but not acted on yet: one warning each.

use super::*;

/// Fields that are read and checked but that tug does not act on yet: one warning each.
const UNIMPLEMENTED: &[(&str, &str)] = &[
    (
        "logging",
        "FireLens log routing is not set up yet; logs go to CloudWatch Logs",
    ),
    ("storage.volumes", "volumes and EFS are not mounted yet"),
    ("network.connect", "Service Connect is not configured yet"),
    (
        "taskdef_overrides",
        "task definition overrides are not applied yet",
    ),
    ("observability", "tracing sidecars are not added yet"),
    ("nlb", "Network Load Balancers are not created yet"),
    (
        "deployment.rollback_alarms",
        "rollback alarms are not created yet",
    ),
    (
        "http.hosted_zone",
        "DNS records are not created yet; point your domain at the load balancer yourself",
    ),
    (
        "http.alb",
        "importing an existing load balancer is not supported yet; the environment's is used",
    ),
    (
        "image.credentials",
        "private registry credentials are not used yet",
    ),
    (
        "count.queue_delay",
        "queue-based autoscaling is not set up yet",
    ),
];

const UNIMPLEMENTED_ENV: &[(&str, &str)] = &[
    ("cdn", "CloudFront distributions are not created yet"),
    (
        "http.public.access_logs",
        "load balancer access logs are not enabled yet",
    ),
    (
        "http.public.ingress",
        "ingress restrictions are not applied yet",
    ),
    (
        "http.private.ingress",
        "ingress restrictions are not applied yet",
    ),
    ("network.vpc.flow_logs", "VPC flow logs are not enabled yet"),
    (
        "network.vpc.security_group",
        "custom environment security group rules are not applied yet",
    ),
];

pub(super) fn unimplemented(
    tree: &Node,
    src: &Arc<SourceFile>,
    table: &[(&str, &str)],
) -> Vec<Diagnostic> {
    table
        .iter()
        .filter_map(|(path, what)| {
            let segs = to_path(path);
            let node = tree.at_path(&segs)?;
            if node.is_null() || node.as_bool() == Some(false) {
                return None;
            }
            let span = tree.key_span_at(&segs).unwrap_or(node.span);
            Some(
                Diagnostic::warning(
                    "not-implemented",
                    format!("`{path}` is read but not acted on yet: {what}"),
                )
                .at(src, span)
                .help("the rest of the manifest deploys as usual; this field is ignored for now"),
            )
        })
        .collect()
}

pub fn unimplemented_fields(tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    unimplemented(tree, src, UNIMPLEMENTED)
}

pub fn unimplemented_env_fields(tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    unimplemented(tree, src, UNIMPLEMENTED_ENV)
}
