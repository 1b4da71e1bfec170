//! Builds a scenario from an environment and the workloads deployed to it: EC2 capacity
//! from the environment's `capacity:` groups, one service per workload (Fargate, or EC2
//! when the workload has `placement` or `capacity_provider`). Pure: the loader reads the
//! manifests.

use std::collections::BTreeSet;

use crate::manifest::types::{self as manifest, Count, Environment, Range, Workload, WorkloadType};
use crate::manifest::validate::{parse_range, platform};

use crate::sim::catalog;
use crate::sim::model::*;

/// A workload and, for EC2 placement, its strategies and constraints.
pub struct Planned<'a> {
    pub workload: &'a Workload,
    pub placement: Option<(Vec<Strategy>, Vec<Constraint>)>,
}

/// Why a scenario could not be built (an unknown instance type, EC2 placement without
/// capacity): the message and the workload or capacity group it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanError {
    pub workload: Option<String>,
    pub message: String,
    pub help: String,
}

/// The AZs an environment's subnets are in; two stand-ins when the manifest names none.
pub fn environment_azs(env: &Environment) -> Vec<String> {
    let subnets = env
        .network
        .as_ref()
        .and_then(|n| n.vpc.as_ref())
        .and_then(|v| v.subnets.as_ref());
    let azs: BTreeSet<String> = subnets
        .into_iter()
        .flat_map(|s| s.public.iter().flatten().chain(s.private.iter().flatten()))
        .filter_map(|s| s.az.clone())
        .collect();
    if azs.is_empty() {
        vec!["az-1".into(), "az-2".into()]
    } else {
        azs.into_iter().collect()
    }
}

/// The number of tasks a workload starts with.
pub fn desired_count(w: &Workload) -> u32 {
    match &w.count {
        None => 1,
        Some(Count::Value(n)) => *n,
        Some(Count::Advanced(c)) => match (&c.range, c.spot) {
            (_, Some(spot)) => spot,
            (Some(Range::Text(t)), _) => parse_range(t).map_or(1, |(min, _)| min),
            (Some(Range::Args(a)), _) => a.min,
            (None, None) => 1,
        },
    }
}

pub fn scenario(env: &Environment, workloads: &[Planned<'_>]) -> Result<Scenario, Vec<PlanError>> {
    let mut errors = Vec::new();
    let azs = environment_azs(env);
    let mut sc = Scenario::default();
    for (g, (name, group)) in env.capacity_groups().enumerate() {
        let Some(t) = catalog::find(&group.instance_type) else {
            let help = catalog::suggest(&group.instance_type)
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "use an EC2 instance type such as m5.large".into());
            errors.push(PlanError {
                workload: None,
                message: format!(
                    "capacity[{g}]: unknown instance type `{}`",
                    group.instance_type
                ),
                help,
            });
            continue;
        };
        let group_azs = group.azs.clone().unwrap_or_else(|| azs.clone());
        for i in 0..group.count.unwrap_or(1) {
            let az = &group_azs[i as usize % group_azs.len().max(1)];
            let id = format!("{}-{}", t.name, sc.instances.len() + 1);
            let mut inst = Instance::of_type(&id, t, az);
            for (k, v) in group.attributes.iter().flatten() {
                inst.set_attribute(k, v);
            }
            // As the agent's configuration sets it (`render::capacity`).
            inst.set_attribute(crate::names::CAPACITY_GROUP_ATTRIBUTE, &name);
            sc.instances.push(inst);
        }
    }
    for p in workloads {
        let w = p.workload;
        if w.kind == WorkloadType::ScheduledJob {
            continue;
        }
        let (os, arch) = platform(w.platform.as_ref())
            .unwrap_or((crate::fargate::Os::Linux, crate::fargate::Arch::X86_64));
        let mut td = TaskDef::new(&w.name, w.cpu.unwrap_or(256), w.memory.unwrap_or(512));
        td.os = os;
        td.arch = arch;
        td.ephemeral_gib = w.storage.as_ref().and_then(|s| s.ephemeral).unwrap_or(20);
        let mut svc = Service::new(&w.name, sc.task_definitions.len(), desired_count(w));
        for (group, _, _) in w.capacity_provider.iter().flat_map(|c| c.entries()) {
            if !env.capacity_groups().any(|(name, _)| name == group) {
                errors.push(PlanError {
                    workload: Some(w.name.clone()),
                    message: format!(
                        "`{}` runs on capacity group `{group}`, but environment `{}` has no such group",
                        w.name, env.name
                    ),
                    help: format!(
                        "add `capacity: [{{name: {group}, type: m5.large, count: 2}}]` to the environment manifest, or name one of its groups"
                    ),
                });
            }
        }
        match &p.placement {
            Some((strategy, constraints)) => {
                if sc.instances.is_empty() {
                    errors.push(PlanError {
                        workload: Some(w.name.clone()),
                        message: format!(
                            "`{}` runs on EC2 capacity, but environment `{}` has no `capacity`",
                            w.name, env.name
                        ),
                        help: "add `capacity: [{type: m5.large, count: 2}]` to the environment manifest, or remove `placement` and `capacity_provider` to run on Fargate".into(),
                    });
                }
                svc.strategy = strategy.clone();
                svc.constraints = constraints.clone();
                td.network_mode = network_mode(w);
                td.containers.push(main_container(w));
                if w.is_daemon() {
                    svc.scheduling = Scheduling::Daemon;
                    svc.deployment = Deployment::daemon_default();
                }
            }
            None => {
                td.requires = LaunchType::Fargate;
                svc.launch_type = LaunchType::Fargate;
                svc.azs = azs.clone();
            }
        }
        if w.deployment.as_ref().and_then(|d| d.rolling.as_deref()) == Some("recreate")
            && svc.scheduling == Scheduling::Replica
        {
            svc.deployment.minimum_healthy_percent = 0;
            svc.deployment.maximum_percent = 100;
        }
        sc.task_definitions.push(td);
        sc.services.push(svc);
    }
    if errors.is_empty() {
        Ok(sc)
    } else {
        Err(errors)
    }
}

/// The simulator's network mode of a workload on EC2 (`network_mode`).
fn network_mode(w: &Workload) -> NetworkMode {
    match w.network_mode() {
        manifest::NetworkMode::Awsvpc => NetworkMode::Awsvpc,
        manifest::NetworkMode::Bridge => NetworkMode::Bridge,
        manifest::NetworkMode::Host => NetworkMode::Host,
    }
}

/// The main container as the simulator sees it on EC2: its port (with the host port it is
/// published on: a static one takes the port on its instance, so two tasks cannot share
/// it) and its GPUs. The task's cpu and memory are the task definition's.
fn main_container(w: &Workload) -> Container {
    let ports = w
        .image
        .as_ref()
        .and_then(|i| i.port)
        .map(|port| Port {
            container: port,
            host: w.host_port(port),
        })
        .into_iter()
        .collect();
    Container {
        name: w.name.clone(),
        ports,
        gpu: w.gpus(),
        ..Container::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{self, PlacerKind};

    /// The tasks of `workload` placed, unplaced, and the reasons, on the environment's
    /// one m5.large (2 vCPUs, 8 GiB, no GPU).
    fn place(workload: &str) -> (u64, u64, Vec<String>) {
        let env: Environment = serde_yaml_ng::from_str(
            "name: test\ntype: Environment\ncapacity:\n  - {name: steady, type: m5.large, count: 1}\n",
        )
        .unwrap();
        let w: Workload = serde_yaml_ng::from_str(workload).unwrap();
        let placement = crate::render::ec2_placement(&w, None);
        let sc = scenario(
            &env,
            &[Planned {
                workload: &w,
                placement,
            }],
        )
        .unwrap();
        let report = sim::run(&sc, sc.seed, PlacerKind::Fast);
        let reasons = report.groups[0]
            .reasons
            .keys()
            .map(|r| r.to_string())
            .collect();
        (report.placed, report.unplaced, reasons)
    }

    const BRIDGE: &str = "name: web\ntype: Backend Service\nimage: {location: nginx, port: 8080}\ncpu: 256\nmemory: 512\ncount: 2\ncapacity_provider: steady\nnetwork_mode: bridge\n";

    #[test]
    fn a_static_host_port_keeps_two_tasks_off_one_instance() {
        assert_eq!(place(BRIDGE), (2, 0, vec![]));
        let (placed, unplaced, reasons) = place(&format!("{BRIDGE}host_port: 80\n"));
        assert_eq!((placed, unplaced), (1, 1));
        assert_eq!(reasons, ["RESOURCE:PORTS"]);
    }

    #[test]
    fn gpus_and_daemons_reach_the_simulator() {
        let (_, unplaced, reasons) = place(&format!("{BRIDGE}gpu: 1\n"));
        assert_eq!(unplaced, 2);
        assert_eq!(reasons, ["RESOURCE:GPU"]);
        // A daemon: one task on the one instance, whatever the count says.
        let daemon = BRIDGE.replace("count: 2\n", "scheduling: daemon\n");
        assert_eq!(place(&daemon), (1, 0, vec![]));
    }
}
