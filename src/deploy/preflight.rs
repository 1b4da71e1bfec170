//! `svc deploy`'s pre-flight for services on EC2 capacity: before the change set, the
//! simulator places every workload of the environment (as the manifests say, the one being
//! deployed included) on the container instances registered in the live cluster, and the
//! deploy stops, with the simulator's reasons, when tasks of the service cannot place.
//!
//! Every workload is placed from scratch on the instances' registered resources (what
//! `tug sim plan` does on the manifest's `capacity`), not on what is free now: during a
//! rolling update old and new tasks overlap, and ECS's own placement is what a deploy
//! must fit into.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::aws::ecs::ContainerInstance;
use crate::aws::stack::StackInfo;
use crate::aws::Aws;
use crate::error::{Error, Result};
use crate::manifest::types::{Workload, WorkloadType};
use crate::sim::catalog;
use crate::sim::model::{Instance, Status};
use crate::sim::Report;
use crate::workspace::{plan, EnvView, Unset, Workspace};

/// What the pre-flight simulated.
#[derive(Debug)]
pub struct Preflight {
    pub instances: usize,
    pub tasks: u32,
    pub elapsed: Duration,
}

/// The simulator's instance for a registered container instance: its registered CPU,
/// memory and GPUs, its attributes (AZ, instance type, AMI, custom ones), its status, and
/// the awsvpc tasks its instance type's network interfaces (or ENI trunk) allow (2 when
/// the type is unknown).
pub fn sim_instance(c: &ContainerInstance) -> Instance {
    let attribute = |name: &str| {
        c.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let az = attribute("ecs.availability-zone").unwrap_or_default();
    let mut inst = Instance::sized(&c.ec2_instance_id, c.cpu, c.memory, az);
    inst.gpus = c.gpus;
    if let Some(t) = attribute("ecs.instance-type") {
        inst.type_name = Some(t.to_string());
        if let Some(known) = catalog::find(t) {
            inst.eni_tasks = known.enis.saturating_sub(1);
            // With ENI trunking on, the agent registers the trunk's id.
            if let (Some(n), Some(_)) = (known.trunk_tasks(), attribute("ecs.awsvpc-trunk-id")) {
                inst.awsvpc_trunking = true;
                inst.eni_tasks = n;
            }
        }
    }
    for (k, v) in &c.attributes {
        inst.set_attribute(k, v);
    }
    inst.status = match c.status.as_str() {
        "ACTIVE" => Status::Active,
        "DRAINING" => Status::Draining,
        _ => Status::Lost,
    };
    inst
}

/// Places the workloads of `view` on the `live` instances; an error naming the reasons
/// (ECS's: `RESOURCE:MEMORY`, `CONSTRAINT:memberOf ...`) when tasks of `workload` cannot
/// place (`--force` is the way past it).
pub fn check(view: &EnvView<'_>, workload: &str, live: &[ContainerInstance]) -> Result<Preflight> {
    simulate(view, live)?.verdict(workload)
}

/// Every workload of an environment placed on its registered instances, once: the
/// verdict for each of them is [`Simulated::verdict`].
pub struct Simulated {
    env: String,
    report: Report,
    instances: usize,
    elapsed: Duration,
}

/// Places the workloads of `view` on the `live` instances.
pub fn simulate(view: &EnvView<'_>, live: &[ContainerInstance]) -> Result<Simulated> {
    let start = Instant::now();
    let instances: Vec<Instance> = live.iter().map(sim_instance).collect();
    let count = instances.len();
    let outcome = plan::environment_on(view, Some(instances));
    let elapsed = start.elapsed();
    let Some(report) = outcome.report else {
        // The manifests were checked before; nothing could be simulated.
        return Err(Error::Diagnostics(outcome.diagnostics));
    };
    Ok(Simulated {
        env: view.name.clone(),
        report,
        instances: count,
        elapsed,
    })
}

impl Simulated {
    /// What the simulation says of `workload`: an error with the reasons when some of its
    /// tasks cannot place.
    pub fn verdict(&self, workload: &str) -> Result<Preflight> {
        let group = format!("service:{workload}");
        if let Some(g) = self
            .report
            .groups
            .iter()
            .find(|g| g.name == group && g.unplaced > 0)
        {
            let reasons: Vec<String> = g
                .reasons
                .iter()
                .map(|(r, n)| format!("{r} ({n})"))
                .collect();
            return Err(Error::user(format!(
                "{} of {} tasks of `{workload}` cannot be placed on the {} instances registered in environment `{}`: {}",
                g.unplaced,
                g.desired,
                self.instances,
                self.env,
                reasons.join(", ")
            ))
            .with_help(format!(
                "`{workload}` was not deployed; add instances (`capacity` in the environment manifest, then `tug env deploy -n {}`), loosen `placement`, or ask for less cpu/memory; `--force` deploys anyway",
                self.env
            )));
        }
        Ok(Preflight {
            instances: self.instances,
            tasks: self.report.groups.iter().map(|g| g.desired).sum(),
            elapsed: self.elapsed,
        })
    }
}

/// Whether `w` gets a pre-flight: a service on EC2 capacity (a Scheduled Job's tasks are
/// placed when they run, not at deploy).
fn on_ec2(w: &Workload) -> bool {
    w.runs_on_ec2() && w.kind != WorkloadType::ScheduledJob
}

/// The pre-flight of deploying `w` to `env`, for a service on EC2 capacity (`None` for
/// one on Fargate): the cluster's instances read (`env_stack`'s `ClusterName`), then
/// [`check`] on the workspace's manifests as they apply to `env`.
pub async fn run(
    aws: &Aws,
    ws: &Workspace,
    env: &str,
    w: &Workload,
    env_stack: &StackInfo,
    cwd: &Path,
) -> Result<Option<Preflight>> {
    if !on_ec2(w) {
        return Ok(None);
    }
    let Some(cluster) = env_stack.outputs.get("ClusterName") else {
        return Ok(None);
    };
    let live = crate::aws::ecs::container_instances(aws, cluster).await?;
    let manifests = ws.read_all(cwd);
    let view = manifests.view(env, Unset::Error)?;
    check(&view, &w.name, &live).map(Some)
}

/// `tug deploy -e`'s pre-flight: the workloads it deploys, checked after the environment
/// is deployed and before their change sets, with one simulation of them all.
pub struct Workloads<'a> {
    pub ws: &'a Workspace,
    pub cwd: &'a Path,
    pub workloads: &'a [Workload],
}

/// One workload's pre-flight in `deploy -e`: what it found, or why the workload is not
/// deployed (the simulator's reasons and what to do).
pub type Verdict = std::result::Result<Preflight, String>;

impl Workloads<'_> {
    /// The verdict for each workload on EC2 capacity, by name (those on Fargate have
    /// none): the cluster's registered instances read once, every workload placed on them
    /// once. When that cannot be done, each of them gets the reason.
    pub async fn check(
        &self,
        aws: &Aws,
        env: &str,
        env_stack: &StackInfo,
    ) -> BTreeMap<String, Verdict> {
        let names: Vec<&str> = self
            .workloads
            .iter()
            .filter(|w| on_ec2(w))
            .map(|w| w.name.as_str())
            .collect();
        if names.is_empty() {
            return BTreeMap::new();
        }
        let Some(cluster) = env_stack.outputs.get("ClusterName") else {
            return BTreeMap::new();
        };
        let simulated = async {
            let live = crate::aws::ecs::container_instances(aws, cluster).await?;
            let manifests = self.ws.read_all(self.cwd);
            let view = manifests.view(env, Unset::Error)?;
            simulate(&view, &live)
        }
        .await;
        names
            .into_iter()
            .map(|name| {
                let verdict = match &simulated {
                    Ok(s) => s.verdict(name).map_err(|e| explain(&e)),
                    Err(e) => Err(format!("the pre-flight could not run: {}", explain(e))),
                };
                (name.to_string(), verdict)
            })
            .collect()
    }
}

/// An error's message and its help, on one line.
fn explain(e: &Error) -> String {
    match e {
        Error::User {
            message,
            help: Some(help),
        } => format!("{message} ({help})"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(i: usize, memory: u32) -> ContainerInstance {
        ContainerInstance {
            ec2_instance_id: format!("i-{i:017x}"),
            status: "ACTIVE".into(),
            cpu: 2048,
            memory,
            gpus: 0,
            attributes: vec![
                (
                    "ecs.availability-zone".into(),
                    ["us-east-1a", "us-east-1b"][i % 2].into(),
                ),
                ("ecs.instance-type".into(), "m5.large".into()),
                ("stack".into(), "prod".into()),
                ("tug.capacity-group".into(), "steady".into()),
            ],
        }
    }

    /// A workspace with `services` services on EC2 capacity, `count` tasks each.
    fn workspace(services: usize, count: u32) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let tug = dir.path().join("tug");
        std::fs::create_dir_all(tug.join("environments/test")).unwrap();
        std::fs::write(tug.join(".workspace"), "application: shop\n").unwrap();
        std::fs::write(
            tug.join("environments/test/manifest.yml"),
            "name: test\ntype: Environment\ncapacity:\n  - {name: steady, type: m5.large, count: 2}\n",
        )
        .unwrap();
        for s in 0..services {
            std::fs::create_dir_all(tug.join(format!("svc{s}"))).unwrap();
            std::fs::write(
                tug.join(format!("svc{s}/manifest.yml")),
                format!(
                    "name: svc{s}\ntype: Backend Service\nimage: {{location: nginx}}\ncpu: 128\nmemory: 512\ncount: {count}\ncapacity_provider: steady\nplacement:\n  strategy: [{{type: spread, field: attribute:ecs.availability-zone}}, {{type: binpack, field: memory}}]\n  constraints: [{{type: memberOf, expression: 'attribute:stack == prod'}}]\n"
                ),
            )
            .unwrap();
        }
        dir
    }

    #[test]
    fn too_little_memory_stops_the_deploy_with_ecs_reasons() {
        let dir = workspace(1, 4);
        let ws = Workspace::find(dir.path()).unwrap().unwrap();
        let manifests = ws.read_all(dir.path());
        let view = manifests.view("test", Unset::Error).unwrap();
        // Two instances of 1 GiB hold two tasks of 512 MiB each: 4 fit, 6 do not.
        let fits = check(&view, "svc0", &[instance(0, 1024), instance(1, 1024)]).unwrap();
        assert_eq!((fits.instances, fits.tasks), (2, 4));
        let err = check(&view, "svc0", &[instance(0, 1024), instance(1, 600)]).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("1 of 4 tasks of `svc0` cannot be placed"),
            "{text}"
        );
        assert!(text.contains("RESOURCE:MEMORY (1)"), "{text}");
        // A draining instance takes nothing.
        let mut draining = instance(1, 1024);
        draining.status = "DRAINING".into();
        let err = check(&view, "svc0", &[instance(0, 1024), draining]).unwrap_err();
        assert!(err.to_string().contains("2 of 4 tasks"), "{err}");
    }

    /// The pre-flight's cost at scale: 500 registered instances, 5,000 tasks (10 services of
    /// 500) with a spread + binpack strategy and a memberOf constraint. A release build
    /// must stay under 100 ms (`scripts/bench-sim` runs it so and prints the figure).
    #[test]
    fn five_thousand_tasks_on_five_hundred_instances() {
        let dir = workspace(10, 500);
        let ws = Workspace::find(dir.path()).unwrap().unwrap();
        let manifests = ws.read_all(dir.path());
        let view = manifests.view("test", Unset::Error).unwrap();
        let live: Vec<_> = (0..500)
            .map(|i| {
                let mut c = instance(i, 7680);
                c.attributes
                    .push(("ecs.awsvpc-trunk-id".into(), format!("eni-{i:017x}")));
                c
            })
            .collect();
        let p = check(&view, "svc0", &live).unwrap();
        assert_eq!((p.instances, p.tasks), (500, 5000));
        eprintln!("preflight: 500 instances, 5000 tasks: {:?}", p.elapsed);
        if !cfg!(debug_assertions) {
            assert!(p.elapsed < Duration::from_millis(100), "{:?}", p.elapsed);
        }
    }
}
