//! The fields of a workload on the environment's EC2 capacity: `capacity_provider`
//! strategies, `network_mode` and `host_port`, `gpu` and `scheduling: daemon`. Each is
//! refused where ECS would refuse what it renders to.

use super::*;

/// ECS's bounds on a capacity provider strategy item.
const MAX_WEIGHT: u32 = 1000;
const MAX_BASE: u32 = 100_000;

/// What runs the tasks of a Fargate workload, for the help of the fields it cannot have.
const ON_EC2_HELP: &str = "add `capacity_provider: <group>` to run on the environment's EC2 capacity, or remove the field";

pub(super) fn ec2_rules(r: &mut Rules<'_>, w: &Workload) {
    let on_ec2 = w.runs_on_ec2() && w.kind != WorkloadType::ScheduledJob;
    let mode = w.network_mode.unwrap_or_default();
    if !on_ec2 {
        if mode != NetworkMode::Awsvpc {
            r.error(
                "network_mode",
                "needs-ec2",
                format!(
                    "`network_mode: {}` needs EC2 capacity: Fargate tasks are awsvpc only",
                    mode.as_str()
                ),
                ON_EC2_HELP,
            );
        }
        for field in ["host_port", "gpu"] {
            if r.present(field) {
                r.error_at_key(
                    field,
                    "needs-ec2",
                    format!("`{field}` needs EC2 capacity: Fargate has no host ports or GPUs"),
                    ON_EC2_HELP,
                );
            }
        }
        if w.scheduling == Some(Scheduling::Daemon) {
            r.error(
                "scheduling",
                "needs-ec2",
                "`scheduling: daemon` runs one task per EC2 instance; Fargate has none".into(),
                ON_EC2_HELP,
            );
        }
        return;
    }
    strategy_rules(r, w);
    network_mode_rules(r, w, mode);
    if w.gpu == Some(0) {
        r.error(
            "gpu",
            "out-of-range",
            "`gpu: 0` reserves nothing".into(),
            "remove `gpu`, or give the number of GPUs the container needs",
        );
    }
    if w.scheduling == Some(Scheduling::Daemon) {
        daemon_rules(r, w);
    }
}

/// `capacity_provider` as a strategy: ECS's bounds on bases and weights.
fn strategy_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(CapacityProvider::Strategy(items)) = &w.capacity_provider else {
        return;
    };
    if items.is_empty() {
        r.error(
            "capacity_provider",
            "bad-strategy",
            "`capacity_provider` lists no capacity group".into(),
            "name a group: `capacity_provider: steady`, or list `[{name: steady, weight: 1}]`",
        );
        return;
    }
    let mut seen = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("capacity_provider[{i}]");
        if matches!(item.name.as_str(), "FARGATE" | "FARGATE_SPOT") {
            r.error(
                &format!("{path}.name"),
                "bad-strategy",
                format!(
                    "`{}` cannot share a strategy with EC2 capacity groups: ECS refuses a mix",
                    item.name
                ),
                "run on Fargate without `capacity_provider` (`count.spot` chooses Fargate Spot)",
            );
        } else if seen.contains(&item.name.as_str()) {
            r.error(
                &format!("{path}.name"),
                "bad-strategy",
                format!("capacity group `{}` is listed twice", item.name),
                "list each group once",
            );
        }
        seen.push(item.name.as_str());
        if let Some(weight) = item.weight.filter(|w| *w > MAX_WEIGHT) {
            r.error(
                &format!("{path}.weight"),
                "out-of-range",
                format!("weight {weight} is above ECS's maximum of {MAX_WEIGHT}"),
                "weights are relative: `weight: 1` and `weight: 3` put 3 tasks in 4 on the second",
            );
        }
        if let Some(base) = item.base.filter(|b| *b > MAX_BASE) {
            r.error(
                &format!("{path}.base"),
                "out-of-range",
                format!("base {base} is above ECS's maximum of {MAX_BASE}"),
                "the base is how many tasks the group runs before the weights apply",
            );
        }
    }
    let bases: Vec<usize> = (0..items.len())
        .filter(|i| items[*i].base.unwrap_or(0) > 0)
        .collect();
    if let [_, second, ..] = bases.as_slice() {
        r.error(
            &format!("capacity_provider[{second}].base"),
            "bad-strategy",
            "only one capacity group of a strategy may have a base".into(),
            "keep the base on the group that runs the first tasks",
        );
    }
    if items.iter().all(|i| i.weight == Some(0)) {
        r.error(
            "capacity_provider",
            "bad-strategy",
            "every capacity group has weight 0: ECS needs one above 0".into(),
            "give the group that takes the tasks beyond the base `weight: 1`",
        );
    }
}

/// `network_mode` and `host_port`, and what bridge and host modes cannot have.
fn network_mode_rules(r: &mut Rules<'_>, w: &Workload, mode: NetworkMode) {
    let port = w.image.as_ref().and_then(|i| i.port);
    if let Some(host) = w.host_port {
        match mode {
            NetworkMode::Bridge if port.is_none() => r.error_at_key(
                "host_port",
                "needs-port",
                "`host_port` publishes `image.port`, which is not set".into(),
                "add `image.port`, the port the container listens on",
            ),
            NetworkMode::Bridge if host == 0 => r.error(
                "host_port",
                "out-of-range",
                "`host_port: 0` is a dynamic port, which is what leaving it out gives".into(),
                "remove `host_port` for a dynamic port, or give the instance port to publish on",
            ),
            NetworkMode::Bridge if crate::sim::cluster::RESERVED_PORTS.contains(&host) => r.error(
                "host_port",
                "out-of-range",
                format!("host port {host} is reserved on ECS container instances (SSH, Docker and the ECS agent)"),
                "choose another port, or leave `host_port` out for a dynamic one",
            ),
            NetworkMode::Bridge => {}
            NetworkMode::Host => r.error_at_key(
                "host_port",
                "exclusive-fields",
                "in host mode the container publishes `image.port` on the instance itself".into(),
                "remove `host_port`, or use `network_mode: bridge` to map the port",
            ),
            NetworkMode::Awsvpc => r.error_at_key(
                "host_port",
                "needs-bridge",
                "`host_port` maps a port in bridge mode; awsvpc tasks have no host port".into(),
                "add `network_mode: bridge`, or remove `host_port`",
            ),
        }
    }
    if mode == NetworkMode::Awsvpc {
        return;
    }
    if mode == NetworkMode::Bridge && w.host_port.is_none() && r.present("http.healthcheck.port") {
        r.error(
            "http.healthcheck.port",
            "needs-static-port",
            "with a dynamic host port the load balancer checks each task on the port it was given, not a fixed one".into(),
            "remove `http.healthcheck.port`, or set `host_port` to publish on a fixed port",
        );
    }
    let name = mode.as_str();
    if w.service_connect().is_some() {
        r.error(
            "network.connect",
            "needs-awsvpc",
            format!("Service Connect is not supported by tug in {name} mode"),
            "use `network_mode: awsvpc`, or reach the service by its Cloud Map SRV record",
        );
    }
    if w.nlb.is_some() {
        r.error_at_key(
            "nlb",
            "needs-awsvpc",
            format!("`nlb` targets task addresses, which tasks in {name} mode do not have"),
            "use `network_mode: awsvpc`, or serve the service through `http`",
        );
    }
    for field in ["network.vpc.security_groups", "network.vpc.placement"] {
        if r.present(field) {
            r.warning(
                field,
                "not-acted-on",
                format!(
                    "`{field}` is an awsvpc task's; in {name} mode the tasks use their instance's network, so it is not acted on"
                ),
                "remove it, or use `network_mode: awsvpc`",
            );
        }
    }
}

/// `scheduling: daemon`: one task per instance, so no count, scaling or strategies.
fn daemon_rules(r: &mut Rules<'_>, w: &Workload) {
    if w.kind == WorkloadType::LoadBalancedWebService {
        r.error(
            "scheduling",
            "bad-daemon",
            "a Load Balanced Web Service is not a daemon".into(),
            "make the agent a Backend Service or a Worker Service",
        );
    }
    if r.present("count") {
        r.error_at_key(
            "count",
            "bad-daemon",
            "a daemon runs one task on each instance: it has no `count` and does not scale".into(),
            "remove `count`; the instances of its capacity group set how many tasks run",
        );
    }
    if r.present("placement.strategy") {
        r.error_at_key(
            "placement.strategy",
            "bad-daemon",
            "ECS refuses placement strategies for a daemon: it runs on every instance".into(),
            "remove `placement.strategy`; `placement.constraints` choose the instances",
        );
    }
    if r.present("deployment.rolling") {
        r.warning(
            "deployment.rolling",
            "not-acted-on",
            "a daemon is replaced in place on each instance (minimum 0%, maximum 100%), so `deployment.rolling` is not acted on".into(),
            "remove it",
        );
    }
}
