//! The simulator run against a workspace: from an environment and the workloads as they
//! apply to it ([`EnvView`]), builds the scenario (`scenario.rs`), places every task,
//! and turns what cannot place into diagnostics that point at the manifests.

use std::sync::Arc;

use super::load::EnvView;
use super::scenario::{self, Planned};
use crate::diag::{Diagnostic, SourceFile};
use crate::manifest::types::{CapacityGroup, Environment};
use crate::sim::cost::{Ec2Report, Priced};
use crate::sim::model::{Instance, Scenario};
use crate::sim::{self, PlacerKind, Report};
use crate::yaml::Node;

/// The outcome of planning one environment.
pub struct EnvPlan {
    /// None when the manifests had errors and nothing could be simulated.
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
    /// What was simulated (None with the report).
    pub scenario: Option<Scenario>,
}

/// What `env`'s EC2 capacity costs as `report` placed `sc` (its plan): each capacity
/// group's instances at the group's `price`, else the table's (a Spot group's at the Spot
/// estimate).
pub fn ec2_cost(env: &Environment, sc: &Scenario, report: &Report) -> Option<Ec2Report> {
    let prices = &sc.instance_prices;
    let groups: Vec<(String, &CapacityGroup)> = env.capacity_groups().collect();
    sim::cost::ec2(sc, report, |i| {
        let group = i
            .attribute(crate::names::CAPACITY_GROUP_ATTRIBUTE)
            .and_then(|name| groups.iter().find(|(n, _)| n == name))
            .map(|(_, g)| *g);
        let spot = group.is_some_and(|g| g.spot == Some(true));
        let table = i.type_name.as_deref().and_then(|t| match spot {
            true => prices.spot(t),
            false => prices.on_demand(t),
        });
        Priced {
            per_hour: group.and_then(|g| g.price).or(table),
            spot,
        }
    })
}

/// Places the tasks of `view`'s environment on the instances its `capacity` describes.
/// Returns no report when its manifests have errors (they are in `view.diagnostics`); the
/// diagnostics returned are the simulator's.
pub fn environment(view: &EnvView<'_>) -> EnvPlan {
    environment_on(view, None)
}

/// [`environment`], on `instances` when given (a deploy's pre-flight: the instances
/// registered in the live cluster) instead of those the manifest's `capacity` describes.
pub fn environment_on(view: &EnvView<'_>, instances: Option<Vec<Instance>>) -> EnvPlan {
    let mut diagnostics = Vec::new();
    let (Some(environment), Some(env_loaded), false) =
        (&view.environment, view.env_loaded, view.has_errors())
    else {
        return EnvPlan {
            report: None,
            diagnostics,
            scenario: None,
        };
    };
    let env = view.name.as_str();
    let mut effective = Vec::new();
    for w in &view.workloads {
        // On EC2 capacity (`placement` or `capacity_provider`), placed by what the service
        // is deployed with (`render::ec2_placement`).
        let parsed = w.effective.tree.get("placement").map(|node| {
            let (strategy, constraints, d) = sim::scenario::placement(&w.loaded.source, node);
            diagnostics.extend(d);
            (strategy, constraints)
        });
        let placement = crate::render::ec2_placement(&w.effective.workload, parsed);
        effective.push((w.loaded, &w.effective, placement));
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return EnvPlan {
            report: None,
            diagnostics,
            scenario: None,
        };
    }
    let planned: Vec<Planned<'_>> = effective
        .iter()
        .map(|(_, e, p)| Planned {
            workload: &e.workload,
            placement: p.clone(),
        })
        .collect();
    let mut scenario = match scenario::scenario(environment, &planned) {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                let d = Diagnostic::error("cannot-plan", e.message).help(e.help);
                let located = match e
                    .workload
                    .and_then(|w| effective.iter().find(|(_, x, _)| x.workload.name == w))
                {
                    Some((l, x, _)) => at_key(d, &l.source, &x.tree, ec2_key(&x.tree)),
                    None => at_key(d, &env_loaded.source, &env_loaded.root, "capacity"),
                };
                diagnostics.push(located);
            }
            return EnvPlan {
                report: None,
                diagnostics,
                scenario: None,
            };
        }
    };
    if let Some(instances) = instances {
        scenario.instances = instances;
    }
    let report = sim::run(&scenario, scenario.seed, PlacerKind::Fast);
    for group in report.groups.iter().filter(|g| g.unplaced > 0) {
        let name = group.name.strip_prefix("service:").unwrap_or(&group.name);
        let reasons: Vec<String> = group
            .reasons
            .iter()
            .map(|(r, n)| format!("{r} ({n})"))
            .collect();
        let d = Diagnostic::error(
            "cannot-place",
            format!(
                "in environment `{env}`, {} of {} tasks of `{name}` cannot be placed: {}",
                group.unplaced,
                group.desired,
                reasons.join(", ")
            ),
        )
        .help(format!(
            "add instances to `capacity` in {}, loosen `placement`, or ask for less cpu/memory; `tug sim plan -e {env}` shows the whole placement",
            env_loaded.source.name
        ));
        let located = match effective.iter().find(|(_, x, _)| x.workload.name == name) {
            Some((l, x, _)) => at_key(d, &l.source, &x.tree, ec2_key(&x.tree)),
            None => d,
        };
        diagnostics.push(located);
    }
    EnvPlan {
        report: Some(report),
        diagnostics,
        scenario: Some(scenario),
    }
}

/// The key that puts a workload on EC2 capacity: `placement`, else `capacity_provider`.
fn ec2_key(tree: &Node) -> &'static str {
    if tree.entry("placement").is_some() {
        "placement"
    } else {
        "capacity_provider"
    }
}

/// Points `d` at `key` in a manifest, or at the file when the key is not there.
fn at_key(d: Diagnostic, source: &Arc<SourceFile>, tree: &Node, key: &str) -> Diagnostic {
    match tree.entry(key) {
        Some(entry) => d.at(source, entry.key_span),
        None => d.in_file(source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{service, Images};
    use crate::sim::model::{EcsPlacement, LaunchType};
    use crate::workspace::{Unset, Workspace};

    /// The rendered service's `PlacementStrategies` / `PlacementConstraints`.
    fn rendered(template: &str, key: &str) -> Option<Vec<EcsPlacement>> {
        let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(template).expect("valid YAML");
        let list = v["Resources"]["Service"]["Properties"].get(key)?;
        Some(serde_yaml_ng::from_value(list.clone()).expect("placement items"))
    }

    /// For every workload of the example workspaces, in every environment: the service is
    /// deployed with exactly the strategies and constraints `tug sim plan` placed it by, on
    /// EC2 when the simulator put it on EC2, on Fargate otherwise.
    #[test]
    fn every_rendered_service_is_placed_as_the_simulator_placed_it() {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut on_ec2 = 0;
        let mut seen = std::collections::BTreeSet::new();
        let mut daemons = 0;
        for example in ["hello", "ec2"] {
            let ws = Workspace::find(&examples.join(example)).unwrap().unwrap();
            let manifests = ws.read_all(&examples);
            for (env, _) in ws.environments() {
                let view = manifests.view(&env, Unset::Warning).unwrap();
                let plan = environment(&view);
                let scenario = plan.scenario.expect("the example plans");
                for svc in &scenario.services {
                    let w = view
                        .workloads
                        .iter()
                        .find(|w| w.effective.workload.name == svc.name)
                        .unwrap();
                    let t = service(
                        &ws.app,
                        &env,
                        &w.effective.workload,
                        &Images::main("img"),
                        None,
                    )
                    .unwrap()
                    .template;
                    let strategies = rendered(&t, "PlacementStrategies");
                    let constraints = rendered(&t, "PlacementConstraints").unwrap_or_default();
                    if svc.launch_type == LaunchType::Fargate {
                        assert_eq!(strategies, None, "{example}/{}", svc.name);
                        assert!(t.contains("FARGATE"), "{example}/{}", svc.name);
                        continue;
                    }
                    on_ec2 += 1;
                    let want: Vec<_> = svc.strategy.iter().map(|s| s.to_ecs()).collect();
                    assert_eq!(
                        strategies.unwrap_or_default(),
                        want,
                        "{example}/{}",
                        svc.name
                    );
                    let want: Vec<_> = svc.constraints.iter().map(|c| c.to_ecs()).collect();
                    assert_eq!(constraints, want, "{example}/{}", svc.name);
                    assert!(t.contains("- EC2"), "{example}/{}: {t}", svc.name);
                    let td = &scenario.task_definitions[svc.task_definition];
                    let got = task_networking(&t);
                    assert_eq!(got, simulated(td, svc), "{example}/{}", svc.name);
                    seen.insert(got.network_mode.clone());
                    daemons += usize::from(got.daemon);
                }
            }
        }
        assert!(on_ec2 > 0, "no example workload runs on EC2");
        assert_eq!(
            seen.len(),
            3,
            "not every network mode is in an example: {seen:?}"
        );
        assert!(daemons > 0, "no example workload is a daemon");
    }

    /// How a service's tasks are networked and scheduled: the network mode, the main
    /// container's (container port, host port) pairs, its GPUs, whether it is a daemon.
    #[derive(Debug, PartialEq)]
    struct Networking {
        network_mode: String,
        ports: Vec<(u64, Option<u64>)>,
        gpu: u32,
        daemon: bool,
    }

    /// [`Networking`] as the rendered service stack says it.
    fn task_networking(template: &str) -> Networking {
        let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(template).expect("valid YAML");
        let td = &v["Resources"]["TaskDefinition"]["Properties"];
        let main = &td["ContainerDefinitions"][0];
        let ports = main["PortMappings"]
            .as_sequence()
            .into_iter()
            .flatten()
            .map(|p| (p["ContainerPort"].as_u64().unwrap(), p["HostPort"].as_u64()))
            .collect();
        let gpu = main["ResourceRequirements"]
            .as_sequence()
            .into_iter()
            .flatten()
            .filter(|r| r["Type"].as_str() == Some("GPU"))
            .map(|r| r["Value"].as_str().unwrap().parse::<u32>().unwrap())
            .sum();
        let service = &v["Resources"]["Service"]["Properties"];
        let daemon = service["SchedulingStrategy"].as_str() == Some("DAEMON");
        assert_eq!(
            daemon,
            service.get("DesiredCount").is_none() && service.get("SchedulingStrategy").is_some()
        );
        Networking {
            network_mode: td["NetworkMode"].as_str().unwrap().to_string(),
            ports,
            gpu,
            daemon,
        }
    }

    /// [`Networking`] as the simulator was given it.
    fn simulated(td: &crate::sim::model::TaskDef, svc: &crate::sim::model::Service) -> Networking {
        use crate::sim::model::{NetworkMode, Scheduling};
        let main = td.containers.first();
        Networking {
            network_mode: match td.network_mode {
                NetworkMode::Awsvpc => "awsvpc",
                NetworkMode::Bridge => "bridge",
                NetworkMode::Host => "host",
            }
            .to_string(),
            ports: main
                .into_iter()
                .flat_map(|c| &c.ports)
                .map(|p| (u64::from(p.container), p.host.map(u64::from)))
                .collect(),
            gpu: main.map_or(0, |c| c.gpu),
            daemon: svc.scheduling == Scheduling::Daemon,
        }
    }
}
