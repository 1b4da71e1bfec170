//! The rules for a workload in one environment: what it asks of the environment's VPC.

use super::*;

/// The rules for workload `w` (its effective tree `tree`, read from `src`) deployed to
/// environment `env`: its load balancer and its NAT gateways need subnets there.
pub fn workload_in_environment(
    w: &Workload,
    tree: &Node,
    src: &Arc<SourceFile>,
    env: &Environment,
) -> Vec<Diagnostic> {
    let mut r = Rules {
        tree,
        src,
        out: Vec::new(),
    };
    let (public, private) = env.has_subnets();
    let http = matches!(w.http, Some(HttpOrBool::Config(_)));
    let needs = match w.kind {
        WorkloadType::LoadBalancedWebService if http && !public => Some("public"),
        WorkloadType::BackendService if http && !private => Some("private"),
        _ => None,
    };
    if let Some(kind) = needs {
        let alb = if kind == "public" {
            "the public"
        } else {
            "the internal"
        };
        let at = if r.present("http") { "http" } else { "type" };
        r.error_at_key(
            at,
            "needs-subnets",
            format!(
                "{alb} load balancer of this {} needs {kind} subnets, and environment `{}` has none",
                w.kind.name(),
                env.name
            ),
            format!(
                "add `network.vpc.subnets.{kind}` to the manifest of environment `{}`",
                env.name
            ),
        );
    }
    if w.kind == WorkloadType::LoadBalancedWebService && w.nlb.is_some() && !public {
        r.error_at_key(
            "nlb",
            "needs-subnets",
            format!(
                "the Network Load Balancer of this {} needs public subnets, and environment `{}` has none",
                w.kind.name(),
                env.name
            ),
            format!(
                "add `network.vpc.subnets.public` to the manifest of environment `{}`",
                env.name
            ),
        );
    }
    let placement = w.network.as_ref().and_then(|n| n.vpc.as_ref());
    let in_private = matches!(
        placement.and_then(|v| v.placement.as_ref()),
        Some(Placement::Kind(k)) if k == "private"
    );
    // Left unset, `nat` is `per-az` when a workload runs in private subnets.
    if in_private && env.nat.is_none() && env.creates_vpc() && private && !public {
        r.error(
            "network.vpc.placement",
            "needs-subnets",
            format!(
                "tasks in private subnets reach the internet through NAT gateways, which need \
                 public subnets, and environment `{}` has none",
                env.name
            ),
            format!(
                "add `network.vpc.subnets.public` to environment `{}`, or set `nat: none` there",
                env.name
            ),
        );
    }
    container_insights_rule(&mut r, w, env);
    r.out
}

/// `count.queue_delay` divides the queues' backlog by the service's running tasks, a metric
/// only Container Insights publishes (`ECS/ContainerInsights` `RunningTaskCount`): turned
/// off in the environment, the service would never scale on its queue.
fn container_insights_rule(r: &mut Rules<'_>, w: &Workload, env: &Environment) {
    let Some(Count::Advanced(c)) = &w.count else {
        return;
    };
    if c.queue_delay.is_none() || w.kind != WorkloadType::WorkerService {
        return;
    }
    let setting = env
        .observability
        .as_ref()
        .and_then(|o| o.container_insights.as_ref());
    let off = match setting {
        None => None,
        Some(BoolOrString::Bool(b)) => Some(!b),
        Some(BoolOrString::String(s)) => Some(matches!(s.as_str(), "disabled" | "false")),
    };
    let message = format!(
        "scaling on `queue_delay` counts the service's running tasks with Container Insights, \
         {} in environment `{}`",
        if off == Some(true) {
            "which is turned off"
        } else {
            "which is not turned on"
        },
        env.name
    );
    let help = format!(
        "set `observability.container_insights: true` in the manifest of environment `{}`",
        env.name
    );
    match off {
        Some(false) => {}
        Some(true) => r.error_at_key(
            "count.queue_delay",
            "needs-container-insights",
            message,
            help,
        ),
        // The account's default may turn it on for new clusters: tug cannot tell.
        None => {
            let span = r.key_span("count.queue_delay");
            r.out.push(
                Diagnostic::warning("needs-container-insights", message)
                    .at(r.src, span)
                    .help(format!(
                        "{help}; unless your account turns it on for every cluster, the \
                         service will not scale on its queue"
                    )),
            );
        }
    }
}
