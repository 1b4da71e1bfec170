//! The service scheduler: places the scenario's tasks, then plays its timeline (rolling
//! deployments, AZ failure, draining, scaling, target tracking) and reports.

use std::collections::{BTreeMap, HashMap};

use super::cluster::{Cluster, Reason, Rng};
use super::model::{
    Chaining, Constraint, Demand, EventKind, LaunchType, Resource, Scenario, Scheduling,
    SpreadField, Status, Strategy,
};
use super::place::{Fast, Placer, Request};
use super::reference::Reference;
use crate::fargate;
mod events;
mod finish;

use super::report::{
    FargateReport, FargateService, GroupReport, InstanceReport, OrderedMap, Report, Rollout,
    Scaling, Step,
};

const NO_INSTANCE: u32 = u32::MAX;
/// Longest restart delay of a task that keeps dying before RUNNING.
const MAX_RESTART_DELAY: u64 = 15 * 60;
/// Fargate launch rate: a burst of 100, then 20 per second.
pub const FARGATE_BURST: u64 = 100;
pub const FARGATE_RATE: u64 = 20;

/// Which placer chooses instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacerKind {
    Fast,
    Reference,
}

#[derive(Debug, Clone, Copy)]
struct Task {
    group: u32,
    td: u32,
    inst: u32,
    /// Fargate: index into the service's AZ list.
    az: u32,
    alive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Source {
    Service(usize),
    Run(usize),
}

/// Everything a placement needs, per (source, task definition).
struct Profile {
    group: u32,
    demand: Demand,
    constraints: Vec<Constraint>,
    chain: Vec<Strategy>,
}

struct Svc {
    group: u32,
    desired: u32,
    td: usize,
    tasks: Vec<u32>,
    reasons: BTreeMap<String, u32>,
    last_out: Option<u64>,
    last_in: Option<u64>,
    deploying_until: u64,
    metrics: [Option<f64>; 3],
    /// Fargate AZs still up.
    azs_up: Vec<bool>,
}

struct Sim<'a> {
    sc: &'a Scenario,
    cl: Cluster<'a>,
    placer: Box<dyn Placer>,
    rng: Rng,
    tasks: Vec<Task>,
    svcs: Vec<Svc>,
    profiles: Vec<Profile>,
    profile_ids: HashMap<(Source, usize), u32>,
    run_groups: Vec<(u32, u32, BTreeMap<String, u32>)>,
    /// What one task of each task definition takes.
    demands: Vec<Demand>,
    report: Report,
    now: u64,
}

/// Runs a scenario with the given seed and placer.
pub fn run(sc: &Scenario, seed: u64, placer: PlacerKind) -> Report {
    simulate(sc, seed, placer, false).0
}

/// Runs a scenario and also checks the final state against the rules: no instance over
/// capacity, no host port twice on an instance, distinctInstance held. Returns the
/// violations found (none, unless a placer is wrong).
pub fn run_checked(sc: &Scenario, seed: u64, placer: PlacerKind) -> (Report, Vec<String>) {
    simulate(sc, seed, placer, true)
}

fn simulate(sc: &Scenario, seed: u64, placer: PlacerKind, check: bool) -> (Report, Vec<String>) {
    let mut rng = Rng::new(seed);
    let cl = Cluster::new(&sc.instances, &mut rng);
    let placer: Box<dyn Placer> = match placer {
        PlacerKind::Fast => Box::new(Fast::new()),
        PlacerKind::Reference => Box::new(Reference),
    };
    let expected: u64 = sc.services.iter().map(|s| s.desired as u64).sum::<u64>()
        + sc.tasks.iter().map(|t| t.count as u64).sum::<u64>();
    let mut sim = Sim {
        sc,
        cl,
        placer,
        rng,
        tasks: Vec::with_capacity(expected.min(1 << 24) as usize),
        svcs: Vec::new(),
        profiles: Vec::new(),
        profile_ids: HashMap::new(),
        run_groups: Vec::new(),
        demands: sc.task_definitions.iter().map(|t| t.demand()).collect(),
        report: Report::default(),
        now: 0,
    };
    sim.start();
    for ev in &sc.events {
        sim.now = ev.at;
        sim.event(&ev.kind);
        sim.reconcile_all();
    }
    let violations = if check { sim.violations() } else { Vec::new() };
    (sim.finish(), violations)
}

impl<'a> Sim<'a> {
    fn start(&mut self) {
        let sc = self.sc;
        for s in &sc.services {
            let group = self.cl.group(&format!("service:{}", s.name));
            let mut desired = s.desired;
            if let Some(a) = &s.autoscaling {
                let clamped = desired.clamp(a.min, a.max.max(a.min));
                if clamped != desired {
                    self.report.warnings.push(format!(
                        "service {}: desired {desired} is outside autoscaling min {}..max {}; starting at {clamped}",
                        s.name, a.min, a.max
                    ));
                    desired = clamped;
                }
            }
            self.svcs.push(Svc {
                group,
                desired,
                td: s.task_definition,
                tasks: Vec::new(),
                reasons: BTreeMap::new(),
                last_out: None,
                last_in: None,
                deploying_until: 0,
                metrics: [None; 3],
                azs_up: vec![true; s.azs.len()],
            });
        }
        // Daemons first, then replica services in file order, then RunTask calls.
        for i in 0..sc.services.len() {
            if sc.services[i].scheduling == Scheduling::Daemon {
                self.reconcile(i);
            }
        }
        for i in 0..sc.services.len() {
            if sc.services[i].scheduling == Scheduling::Replica {
                self.reconcile(i);
            }
        }
        for (j, rt) in sc.tasks.iter().enumerate() {
            let td = &sc.task_definitions[rt.task_definition];
            let name = rt
                .group
                .clone()
                .unwrap_or_else(|| format!("family:{}", td.family));
            let group = self.cl.group(&name);
            if rt.count > 10 {
                self.report.warnings.push(format!(
                    "{name}: {} tasks take {} RunTask calls (at most 10 tasks per call)",
                    rt.count,
                    rt.count.div_ceil(10)
                ));
            }
            let pid = self.profile(Source::Run(j), rt.task_definition);
            let (_, failed) = self.place_many(pid, rt.task_definition, rt.count);
            let entry = match self.run_groups.iter_mut().find(|(g, _, _)| *g == group) {
                Some(e) => e,
                None => {
                    self.run_groups.push((group, 0, BTreeMap::new()));
                    let last = self.run_groups.len() - 1;
                    &mut self.run_groups[last]
                }
            };
            entry.1 += rt.count;
            if let Some((reason, n)) = failed {
                *entry.2.entry(reason.to_string()).or_default() += n;
            }
        }
        let fargate_tasks: u64 = self
            .svcs
            .iter()
            .enumerate()
            .filter(|(i, _)| sc.services[*i].launch_type == LaunchType::Fargate)
            .map(|(_, s)| s.tasks.len() as u64)
            .sum();
        if sc
            .services
            .iter()
            .any(|s| s.launch_type == LaunchType::Fargate)
        {
            self.report.fargate = Some(FargateReport {
                tasks: fargate_tasks,
                launch_seconds: fargate_launch_seconds(fargate_tasks),
                ..FargateReport::default()
            });
        }
    }

    fn profile(&mut self, src: Source, td: usize) -> u32 {
        if let Some(&id) = self.profile_ids.get(&(src, td)) {
            return id;
        }
        let sc = self.sc;
        let def = &sc.task_definitions[td];
        let (group, mut constraints, chain) = match src {
            Source::Service(i) => (
                self.svcs[i].group,
                sc.services[i].constraints.clone(),
                sc.services[i].strategy.clone(),
            ),
            Source::Run(j) => {
                let rt = &sc.tasks[j];
                let name = rt
                    .group
                    .clone()
                    .unwrap_or_else(|| format!("family:{}", def.family));
                (
                    self.cl.group(&name),
                    rt.constraints.clone(),
                    rt.strategy.clone(),
                )
            }
        };
        let mut all = def.constraints.clone();
        all.append(&mut constraints);
        let chain = match sc.options.chaining {
            Chaining::Lexicographic => chain,
            Chaining::First => chain.into_iter().take(1).collect(),
        };
        let id = self.profiles.len() as u32;
        self.profiles.push(Profile {
            group,
            demand: def.demand(),
            constraints: all,
            chain,
        });
        self.profile_ids.insert((src, td), id);
        id
    }

    /// Places up to `n` tasks; stops at the first that cannot place (the rest would fail
    /// for the same reason, as nothing changed) and says why and how many.
    fn place_many(&mut self, pid: u32, td: usize, n: u32) -> (Vec<u32>, Option<(Reason, u32)>) {
        let mut placed = Vec::with_capacity(n as usize);
        let prof = &self.profiles[pid as usize];
        let req = Request {
            profile: pid,
            group: prof.group,
            demand: &prof.demand,
            constraints: &prof.constraints,
            chain: &prof.chain,
        };
        for k in 0..n {
            match self.placer.place(&self.cl, &req, &mut self.rng) {
                Some(i) => {
                    self.cl.take(i, req.group, req.demand);
                    self.placer.changed(&self.cl, i, Some((req.group, 1)));
                    placed.push(self.tasks.len() as u32);
                    self.tasks.push(Task {
                        group: req.group,
                        td: td as u32,
                        inst: i as u32,
                        az: 0,
                        alive: true,
                    });
                }
                None => {
                    let reason = self.cl.reason(req.demand, req.group, req.constraints);
                    return (placed, Some((reason, n - k)));
                }
            }
        }
        (placed, None)
    }

    fn stop(&mut self, t: u32) {
        let task = &mut self.tasks[t as usize];
        if !task.alive {
            return;
        }
        task.alive = false;
        let (inst, group, td) = (task.inst, task.group, task.td as usize);
        if inst != NO_INSTANCE {
            let d = &self.demands[td];
            self.cl.give(inst as usize, group, d);
            self.placer
                .changed(&self.cl, inst as usize, Some((group, -1)));
        }
    }

    /// Starts `n` tasks of service `i` with task definition `td`.
    fn start_tasks(&mut self, i: usize, td: usize, n: u32) -> (Vec<u32>, Option<(Reason, u32)>) {
        let s = &self.sc.services[i];
        if s.launch_type == LaunchType::Fargate {
            return self.start_fargate(i, td, n);
        }
        if s.scheduling == Scheduling::Daemon {
            return self.start_daemons(i, td, n);
        }
        let pid = self.profile(Source::Service(i), td);
        let (placed, failed) = self.place_many(pid, td, n);
        self.svcs[i].tasks.extend(&placed);
        (placed, failed)
    }

    /// Fargate ignores strategies and constraints: each task goes to the service's AZ with
    /// the fewest of its tasks (the first listed on a tie).
    fn start_fargate(&mut self, i: usize, td: usize, n: u32) -> (Vec<u32>, Option<(Reason, u32)>) {
        let svc = &self.svcs[i];
        let mut per_az = vec![0u32; svc.azs_up.len().max(1)];
        for &t in &svc.tasks {
            let task = &self.tasks[t as usize];
            if task.alive {
                per_az[task.az as usize] += 1;
            }
        }
        let up: Vec<usize> = if svc.azs_up.is_empty() {
            vec![0]
        } else {
            (0..svc.azs_up.len()).filter(|&a| svc.azs_up[a]).collect()
        };
        if up.is_empty() {
            return (Vec::new(), Some((Reason::NoActiveInstances, n)));
        }
        let group = svc.group;
        let mut placed = Vec::new();
        for _ in 0..n {
            let az = up
                .iter()
                .copied()
                .min_by_key(|&a| (per_az[a], a))
                .unwrap_or(0);
            per_az[az] += 1;
            placed.push(self.tasks.len() as u32);
            self.tasks.push(Task {
                group,
                td: td as u32,
                inst: NO_INSTANCE,
                az: az as u32,
                alive: true,
            });
        }
        self.svcs[i].tasks.extend(&placed);
        (placed, None)
    }

    /// Daemon tasks: one on every ACTIVE instance that meets the constraints and has none.
    fn start_daemons(&mut self, i: usize, td: usize, n: u32) -> (Vec<u32>, Option<(Reason, u32)>) {
        let pid = self.profile(Source::Service(i), td);
        let group = self.svcs[i].group;
        let mut placed = Vec::new();
        let mut failed: Option<(Reason, u32)> = None;
        for inst in 0..self.cl.len() {
            if placed.len() as u32 >= n {
                break;
            }
            let prof = &self.profiles[pid as usize];
            if self.cl.nodes[inst].status != Status::Active
                || self.cl.count(group, inst) > 0
                || !prof.constraints.iter().all(|c| match c {
                    Constraint::DistinctInstance => true,
                    c => self.cl.meets(inst, group, c),
                })
            {
                continue;
            }
            if let Some(r) = self.cl.lacks(inst, &prof.demand) {
                let e = failed.get_or_insert((r, 0));
                e.1 += 1;
                continue;
            }
            let d = prof.demand.clone();
            self.cl.take(inst, group, &d);
            self.placer.changed(&self.cl, inst, Some((group, 1)));
            placed.push(self.tasks.len() as u32);
            self.tasks.push(Task {
                group,
                td: td as u32,
                inst: inst as u32,
                az: 0,
                alive: true,
            });
        }
        self.svcs[i].tasks.extend(&placed);
        (placed, failed)
    }

    /// Daemon desired count: ACTIVE instances meeting the constraints.
    fn daemon_desired(&mut self, i: usize) -> u32 {
        let td = self.svcs[i].td;
        let pid = self.profile(Source::Service(i), td);
        let group = self.svcs[i].group;
        let prof = &self.profiles[pid as usize];
        (0..self.cl.len())
            .filter(|&inst| {
                self.cl.nodes[inst].status == Status::Active
                    && prof.constraints.iter().all(|c| match c {
                        Constraint::DistinctInstance => true,
                        c => self.cl.meets(inst, group, c),
                    })
            })
            .count() as u32
    }

    fn alive(&self, i: usize) -> Vec<u32> {
        self.svcs[i]
            .tasks
            .iter()
            .copied()
            .filter(|&t| self.tasks[t as usize].alive)
            .collect()
    }

    fn prune(&mut self, i: usize) {
        let tasks = &self.tasks;
        self.svcs[i].tasks.retain(|&t| tasks[t as usize].alive);
    }

    fn reconcile_all(&mut self) {
        for i in 0..self.svcs.len() {
            if self.sc.services[i].scheduling == Scheduling::Daemon {
                self.reconcile(i);
            }
        }
        for i in 0..self.svcs.len() {
            if self.sc.services[i].scheduling == Scheduling::Replica {
                self.reconcile(i);
            }
        }
    }

    /// Brings a service to its desired count: starts what is missing, stops what is extra.
    fn reconcile(&mut self, i: usize) {
        self.prune(i);
        if self.sc.services[i].scheduling == Scheduling::Daemon {
            self.svcs[i].desired = self.daemon_desired(i);
        }
        let running = self.svcs[i].tasks.len() as u32;
        let desired = self.svcs[i].desired;
        if running < desired {
            let td = self.svcs[i].td;
            let (_, failed) = self.start_tasks(i, td, desired - running);
            let mut reasons = BTreeMap::new();
            if let Some((r, n)) = failed {
                reasons.insert(r.to_string(), n);
            }
            self.svcs[i].reasons = reasons;
        } else {
            self.svcs[i].reasons.clear();
            for _ in desired..running {
                let cands = self.alive(i);
                if let Some(t) = self.victim(i, &cands) {
                    self.stop(t);
                }
            }
            self.prune(i);
        }
    }

    /// Which task to stop on scale-in: binpack stops the task on the instance that will
    /// have the most of the resource left; spread stops from the value with the most tasks;
    /// ties go to the newest task.
    fn victim(&self, i: usize, cands: &[u32]) -> Option<u32> {
        let s = &self.sc.services[i];
        let group = self.svcs[i].group;
        let mut cands: Vec<u32> = cands.to_vec();
        if cands.is_empty() {
            return None;
        }
        if s.launch_type == LaunchType::Fargate {
            let mut per_az: HashMap<u32, u64> = HashMap::new();
            for &t in &self.svcs[i].tasks {
                let task = &self.tasks[t as usize];
                if task.alive {
                    *per_az.entry(task.az).or_default() += 1;
                }
            }
            return cands
                .iter()
                .copied()
                .max_by_key(|&t| (per_az[&self.tasks[t as usize].az], t));
        }
        let chain: Vec<Strategy> = match s.scheduling {
            Scheduling::Daemon => Vec::new(),
            Scheduling::Replica => s.strategy.clone(),
        };
        for st in &chain {
            // Tasks of the service per attribute value, counted once per strategy.
            let mut per_value: HashMap<Option<&str>, u64> = HashMap::new();
            if let Strategy::Spread(SpreadField::Attribute(name)) = st {
                for &o in &self.svcs[i].tasks {
                    let ot = &self.tasks[o as usize];
                    if ot.alive && ot.inst != NO_INSTANCE {
                        *per_value
                            .entry(self.cl.spec[ot.inst as usize].attribute(name))
                            .or_default() += 1;
                    }
                }
            }
            let key = |t: u32| -> u64 {
                let task = &self.tasks[t as usize];
                let inst = task.inst as usize;
                let d = &self.demands[task.td as usize];
                // Binpack: what the instance will have left once the task stops.
                match st {
                    Strategy::Binpack(Resource::Cpu) => {
                        self.cl.nodes[inst].free_cpu as u64 + d.cpu as u64
                    }
                    Strategy::Binpack(Resource::Memory) => {
                        self.cl.nodes[inst].free_memory as u64 + d.memory as u64
                    }
                    Strategy::Spread(SpreadField::InstanceId) => self.cl.count(group, inst) as u64,
                    Strategy::Spread(SpreadField::Attribute(name)) => per_value
                        .get(&self.cl.spec[inst].attribute(name))
                        .copied()
                        .unwrap_or(0),
                    Strategy::Random => 0,
                }
            };
            let keys: Vec<u64> = cands.iter().map(|&t| key(t)).collect();
            let most = keys.iter().copied().max()?;
            let mut k = 0;
            cands.retain(|_| {
                let keep = keys[k] == most;
                k += 1;
                keep
            });
        }
        cands.into_iter().max()
    }
}

/// Seconds until `n` Fargate tasks have all been launched: a burst of 100, then 20/s.
pub fn fargate_launch_seconds(n: u64) -> f64 {
    n.saturating_sub(FARGATE_BURST) as f64 / FARGATE_RATE as f64
}
