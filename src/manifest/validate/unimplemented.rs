//! Fields that are read and checked but not acted on yet: one warning each.

use super::*;

/// Fields that are read and checked but that tug does not act on yet: one warning each.
const UNIMPLEMENTED: &[(&str, &str)] = &[
    (
        "logging.env_file",
        "the log router's env file is not uploaded yet; use `logging.variables`",
    ),
    (
        "taskdef_overrides",
        "task definition overrides are not applied yet",
    ),
    ("observability", "tracing sidecars are not added yet"),
    (
        "http.additional_rules[].redirect_to_https",
        "a service redirects all its rules or none: set `http.redirect_to_https`",
    ),
    (
        "http.additional_rules[].healthcheck.grace_period",
        "a service has one grace period, `http.healthcheck.grace_period`",
    ),
    (
        "http.alb",
        "importing an existing load balancer is not supported yet; the environment's is used",
    ),
];

const UNIMPLEMENTED_ENV: &[(&str, &str)] = &[
    (
        "http.public.security_groups",
        "load balancer security group rules are not applied yet",
    ),
    (
        "http.private.security_groups",
        "load balancer security group rules are not applied yet",
    ),
    (
        "http.private.subnets",
        "the internal load balancer is placed in the environment's private subnets",
    ),
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
        .flat_map(|(pattern, what)| each(tree, pattern).into_iter().map(move |p| (p, *what)))
        .filter_map(|(path, what)| {
            let segs = to_path(&path);
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

/// The paths `pattern` names in `tree`: `[]` stands for each item of a list there
/// (`http.alias[].hosted_zone` -> `http.alias[0].hosted_zone`, ...).
fn each(tree: &Node, pattern: &str) -> Vec<String> {
    let Some((list, rest)) = pattern.split_once("[]") else {
        return vec![pattern.to_string()];
    };
    let items = tree.at_path(&to_path(list)).and_then(Node::as_seq);
    (0..items.map_or(0, <[Node]>::len))
        .flat_map(|i| each(tree, &format!("{list}[{i}]{rest}")))
        .collect()
}

pub fn unimplemented_fields(tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    unimplemented(tree, src, UNIMPLEMENTED)
}

pub fn unimplemented_env_fields(tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    unimplemented(tree, src, UNIMPLEMENTED_ENV)
}
