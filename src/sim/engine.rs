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
use super::report::{
    FargateReport, FargateService, GroupReport, InstanceReport, OrderedMap, Report, Rollout,
    Scaling, Step,
};
use crate::fargate;

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

    fn event(&mut self, kind: &EventKind) {
        match kind {
            EventKind::Deploy {
                service,
                task_definition,
                fail_tasks,
            } => self.deploy(*service, *task_definition, *fail_tasks),
            EventKind::FailAz(az) => self.fail_az(az),
            EventKind::DrainInstance(id) => self.drain(id),
            EventKind::Scale { service, desired } => {
                self.svcs[*service].desired = *desired;
            }
            EventKind::Metric {
                service,
                cpu,
                memory,
                requests,
            } => {
                let m = &mut self.svcs[*service].metrics;
                for (slot, v) in m.iter_mut().zip([cpu, memory, requests]) {
                    if v.is_some() {
                        *slot = *v;
                    }
                }
                self.autoscale(*service);
            }
        }
    }

    /// A rolling deployment, step by step: stop what minimumHealthyPercent allows, start
    /// what maximumPercent allows; new tasks become RUNNING at the end of the step.
    fn deploy(&mut self, i: usize, new_td: usize, fail_tasks: u32) {
        let s = &self.sc.services[i];
        let opts = &self.sc.options;
        self.prune(i);
        if s.scheduling == Scheduling::Daemon {
            self.svcs[i].desired = self.daemon_desired(i);
        }
        let desired = self.svcs[i].desired;
        let old_td = self.svcs[i].td;
        let min_healthy =
            (desired as u64 * s.deployment.minimum_healthy_percent as u64).div_ceil(100);
        let max_total = desired as u64 * s.deployment.maximum_percent as u64 / 100;
        let threshold = desired
            .div_ceil(2)
            .clamp(opts.breaker_minimum, 200.max(opts.breaker_minimum));
        let mut rollout = Rollout {
            service: s.name.clone(),
            at: self.now,
            stuck: false,
            failed: false,
            threshold,
            failures: 0,
            duration_seconds: 0,
            reason: None,
            steps: Vec::new(),
        };
        self.svcs[i].td = new_td;
        let mut fails_left = fail_tasks;
        let mut delay = opts.restart_delay_seconds;
        for _ in 0..100_000 {
            let alive = self.alive(i);
            let (old, new): (Vec<u32>, Vec<u32>) = alive
                .iter()
                .partition(|&&t| self.tasks[t as usize].td as usize != new_td);
            let n_new = new.len() as u64;
            if old.is_empty() && n_new >= desired as u64 {
                break;
            }
            // Stop what minimumHealthyPercent allows (only RUNNING tasks count).
            let n_old = old.len() as u64;
            let stop = n_old.min((n_old + n_new).saturating_sub(min_healthy));
            let mut old_left = old.clone();
            for _ in 0..stop {
                if let Some(t) = self.victim(i, &old_left) {
                    self.stop(t);
                    old_left.retain(|&o| o != t);
                }
            }
            let n_old = old_left.len() as u64;
            // Start what maximumPercent allows.
            let want = (desired as u64)
                .saturating_sub(n_new)
                .min(max_total.saturating_sub(n_old + n_new));
            let (started, unplaced) = self.start_tasks(i, new_td, want as u32);
            let failing = (fails_left as usize).min(started.len());
            for &t in &started[..failing] {
                self.stop(t);
            }
            fails_left -= failing as u32;
            rollout.failures += failing as u32;
            rollout.duration_seconds += opts.task_start_seconds;
            if failing > 0 {
                rollout.duration_seconds += delay;
                delay = (delay * 2).min(MAX_RESTART_DELAY);
            }
            self.prune(i);
            rollout.steps.push(Step {
                started: started.len() as u32,
                stopped: stop as u32,
                failed: failing as u32,
                running_old: n_old as u32,
                running_new: (n_new as usize + started.len() - failing) as u32,
            });
            if s.deployment.circuit_breaker && rollout.failures >= threshold {
                rollout.failed = true;
                rollout.reason = Some(format!(
                    "circuit breaker: {} tasks failed to start (threshold {threshold}); rolled back",
                    rollout.failures
                ));
                for t in self.alive(i) {
                    if self.tasks[t as usize].td as usize == new_td {
                        self.stop(t);
                    }
                }
                self.svcs[i].td = old_td;
                self.reconcile(i);
                break;
            }
            if stop == 0 && started.is_empty() {
                rollout.steps.pop();
                rollout.duration_seconds -= opts.task_start_seconds;
                rollout.stuck = true;
                rollout.reason = Some(match unplaced {
                    Some((r, n)) if want > 0 => format!(
                        "cannot start: {n} new task(s) unplaced ({r}) and minimumHealthyPercent {} allows stopping none",
                        s.deployment.minimum_healthy_percent
                    ),
                    _ => format!(
                        "minimumHealthyPercent {} allows stopping none and maximumPercent {} allows starting none (desired {desired}: keep {min_healthy} running, at most {max_total} in all)",
                        s.deployment.minimum_healthy_percent, s.deployment.maximum_percent
                    ),
                });
                break;
            }
        }
        self.svcs[i].deploying_until = self.now + rollout.duration_seconds;
        self.report.rollouts.push(rollout);
    }

    fn fail_az(&mut self, az: &str) {
        let mut hit = false;
        for inst in 0..self.cl.len() {
            if self.cl.spec[inst].az == az && self.cl.nodes[inst].status != Status::Lost {
                self.cl.nodes[inst].status = Status::Lost;
                self.placer.changed(&self.cl, inst, None);
                hit = true;
            }
        }
        let mut lost_standalone: BTreeMap<String, u32> = BTreeMap::new();
        let is_service: Vec<bool> = {
            let mut v = vec![false; self.cl.groups.len()];
            for s in &self.svcs {
                v[s.group as usize] = true;
            }
            v
        };
        for t in 0..self.tasks.len() {
            let task = self.tasks[t];
            if task.alive
                && task.inst != NO_INSTANCE
                && self.cl.nodes[task.inst as usize].status == Status::Lost
            {
                self.stop(t as u32);
                if !is_service[task.group as usize] {
                    *lost_standalone
                        .entry(self.cl.groups[task.group as usize].clone())
                        .or_default() += 1;
                }
            }
        }
        for (i, s) in self.sc.services.iter().enumerate() {
            if s.launch_type != LaunchType::Fargate {
                continue;
            }
            for (a, name) in s.azs.iter().enumerate() {
                if name == az {
                    hit = true;
                    self.svcs[i].azs_up[a] = false;
                    for t in self.alive(i) {
                        if self.tasks[t as usize].az as usize == a {
                            self.stop(t);
                        }
                    }
                }
            }
        }
        for (g, n) in lost_standalone {
            self.report.warnings.push(format!(
                "at {}s: {n} standalone task(s) of {g} were lost with {az} (RunTask does not reschedule)",
                self.now
            ));
        }
        if !hit {
            self.report.warnings.push(format!(
                "at {}s: fail_az {az}: no instance or Fargate service is in that AZ",
                self.now
            ));
        }
    }

    /// Draining: service tasks move (a replacement starts elsewhere, then the task
    /// stops); standalone tasks keep running.
    fn drain(&mut self, id: &str) {
        let Some(inst) = self.cl.spec.iter().position(|s| s.id == id) else {
            self.report.warnings.push(format!(
                "at {}s: drain_instance {id}: no such instance",
                self.now
            ));
            return;
        };
        if self.cl.nodes[inst].status == Status::Active {
            self.cl.nodes[inst].status = Status::Draining;
            self.placer.changed(&self.cl, inst, None);
        }
        // Replica tasks move first; daemon tasks stop last.
        let mut order: Vec<usize> = (0..self.svcs.len()).collect();
        order.sort_by_key(|&i| self.sc.services[i].scheduling == Scheduling::Daemon);
        for i in order {
            let on_it: Vec<u32> = self
                .alive(i)
                .into_iter()
                .filter(|&t| self.tasks[t as usize].inst as usize == inst)
                .collect();
            let mut stuck = 0;
            for t in on_it {
                if self.sc.services[i].scheduling == Scheduling::Daemon {
                    self.stop(t);
                    continue;
                }
                let td = self.tasks[t as usize].td as usize;
                let (placed, _) = self.start_tasks(i, td, 1);
                if placed.is_empty() {
                    stuck += 1;
                } else {
                    self.stop(t);
                }
            }
            self.prune(i);
            if stuck > 0 {
                self.report.warnings.push(format!(
                    "at {}s: {stuck} task(s) of service {} stay on draining instance {id}: no other instance can take them",
                    self.now, self.sc.services[i].name
                ));
            }
        }
    }

    /// Target tracking: out if any policy asks, in only if all ask; cooldowns; never
    /// below min or above max; no scale-in during a deployment.
    fn autoscale(&mut self, i: usize) {
        let s = &self.sc.services[i];
        let Some(a) = &s.autoscaling else {
            return;
        };
        let ratio = self.sc.options.scale_in_ratio;
        let svc = &self.svcs[i];
        let current = svc.desired;
        let policies = [
            ("cpu", a.target_cpu, svc.metrics[0]),
            ("memory", a.target_memory, svc.metrics[1]),
            ("requests", a.target_requests, svc.metrics[2]),
        ];
        let mut out: Option<(u32, String)> = None;
        let mut ins: Vec<(u32, String)> = Vec::new();
        let mut all_in = true;
        let mut any = false;
        for (name, target, value) in policies {
            let (Some(target), Some(v)) = (target, value) else {
                continue;
            };
            any = true;
            if v > target {
                let want = ((current as f64) * v / target).ceil() as u32;
                if out.as_ref().is_none_or(|(w, _)| want > *w) {
                    out = Some((want, format!("{name} {} > {}", fmt_num(v), fmt_num(target))));
                }
                all_in = false;
            } else if v < ratio * target {
                let want = ((current as f64) * v / target).floor() as u32;
                ins.push((
                    want,
                    format!(
                        "{name} {} < {} ({} x {})",
                        fmt_num(v),
                        fmt_num(ratio * target),
                        fmt_num(ratio),
                        fmt_num(target)
                    ),
                ));
            } else {
                all_in = false;
            }
        }
        let now = self.now;
        let cooled = |last: Option<u64>, cd: u64| last.is_none_or(|l| now >= l + cd);
        let (to, reason) = if let Some((want, why)) = out {
            if !cooled(svc.last_out, a.cooldown_out) {
                return;
            }
            (want.clamp(a.min, a.max), why)
        } else if any && all_in && !ins.is_empty() {
            if now < svc.deploying_until
                || !cooled(svc.last_in, a.cooldown_in)
                || !cooled(svc.last_out, a.cooldown_in)
            {
                return;
            }
            // The most conservative of the policies that ask: the largest count.
            let Some((want, why)) = ins.into_iter().max_by_key(|(w, _)| *w) else {
                return;
            };
            (want.clamp(a.min, a.max), why)
        } else {
            return;
        };
        if to == current {
            return;
        }
        let svc = &mut self.svcs[i];
        if to > current {
            svc.last_out = Some(now);
        } else {
            svc.last_in = Some(now);
        }
        svc.desired = to;
        self.report.scaling.push(Scaling {
            service: s.name.clone(),
            at: now,
            from: current,
            to,
            reason,
        });
    }

    fn violations(&self) -> Vec<String> {
        let mut out = Vec::new();
        let n = self.cl.len();
        let mut cpu = vec![0u64; n];
        let mut mem = vec![0u64; n];
        let mut gpu = vec![0u64; n];
        let mut eni = vec![0u64; n];
        let mut ports: Vec<Vec<u16>> = vec![Vec::new(); n];
        for t in self
            .tasks
            .iter()
            .filter(|t| t.alive && t.inst != NO_INSTANCE)
        {
            let i = t.inst as usize;
            let d = &self.demands[t.td as usize];
            cpu[i] += d.cpu as u64;
            mem[i] += d.memory as u64;
            gpu[i] += d.gpu as u64;
            eni[i] += d.eni as u64;
            ports[i].extend(&d.ports);
        }
        for i in 0..n {
            let s = &self.cl.spec[i];
            if cpu[i] > s.cpu as u64 || mem[i] > s.memory as u64 || gpu[i] > s.gpus as u64 {
                out.push(format!("{} is over capacity", s.id));
            }
            if eni[i] > s.eni_tasks as u64 {
                out.push(format!("{} runs more awsvpc tasks than it has ENIs", s.id));
            }
            let mut p = ports[i].clone();
            p.extend(super::cluster::RESERVED_PORTS);
            p.sort_unstable();
            let len = p.len();
            p.dedup();
            if p.len() != len {
                out.push(format!("{} has a host port taken twice", s.id));
            }
            if len > super::cluster::MAX_RESERVED_PORTS {
                out.push(format!("{} reserves more than 100 ports", s.id));
            }
        }
        // A group all of whose placements asked for distinctInstance has at most one
        // task per instance.
        let distinct = |p: &Profile| {
            p.constraints
                .iter()
                .any(|c| matches!(c, Constraint::DistinctInstance))
        };
        for prof in &self.profiles {
            let all = self
                .profiles
                .iter()
                .filter(|p| p.group == prof.group)
                .all(distinct);
            if all && self.cl.counts[prof.group as usize].iter().any(|&c| c > 1) {
                out.push(format!(
                    "distinctInstance broken for {}",
                    self.cl.groups[prof.group as usize]
                ));
            }
        }
        out
    }

    fn finish(mut self) -> Report {
        let sc = self.sc;
        let mut placed_total = 0u64;
        let mut unplaced_total = 0u64;
        // by-AZ counts per group from the count matrix.
        for (i, s) in sc.services.iter().enumerate() {
            self.prune(i);
            let svc = &self.svcs[i];
            let placed = svc.tasks.len() as u32;
            let mut g = GroupReport {
                name: format!("service:{}", s.name),
                desired: svc.desired,
                placed,
                unplaced: svc.desired.saturating_sub(placed),
                reasons: if svc.desired > placed {
                    svc.reasons.clone()
                } else {
                    BTreeMap::new()
                },
                by_az: BTreeMap::new(),
                by_instance: OrderedMap::default(),
            };
            if s.launch_type == LaunchType::Fargate {
                for &t in &svc.tasks {
                    let az = self.tasks[t as usize].az as usize;
                    let name = s.azs.get(az).cloned().unwrap_or_else(|| "fargate".into());
                    *g.by_az.entry(name).or_default() += 1;
                }
            } else {
                self.fill_by(&mut g, svc.group);
            }
            placed_total += g.placed as u64;
            unplaced_total += g.unplaced as u64;
            self.report.groups.push(g);
        }
        for (group, desired, reasons) in &self.run_groups {
            let placed: u32 = self.cl.counts[*group as usize].iter().sum();
            let mut g = GroupReport {
                name: self.cl.groups[*group as usize].clone(),
                desired: *desired,
                placed,
                unplaced: desired.saturating_sub(placed),
                reasons: reasons.clone(),
                by_az: BTreeMap::new(),
                by_instance: OrderedMap::default(),
            };
            self.fill_by(&mut g, *group);
            placed_total += g.placed as u64;
            unplaced_total += g.unplaced as u64;
            self.report.groups.push(g);
        }
        self.report.placed = placed_total;
        self.report.unplaced = unplaced_total;
        self.report.instances = (0..self.cl.len())
            .map(|i| {
                let spec = &self.cl.spec[i];
                let n = &self.cl.nodes[i];
                InstanceReport {
                    id: spec.id.clone(),
                    az: spec.az.clone(),
                    r#type: spec.type_name.clone(),
                    status: n.status.as_str(),
                    cpu_free: n.free_cpu,
                    memory_free: n.free_memory,
                    tasks: n.running,
                }
            })
            .collect();
        if let Some(f) = &mut self.report.fargate {
            let mut hour = 0.0;
            for (i, s) in sc.services.iter().enumerate() {
                if s.launch_type != LaunchType::Fargate {
                    continue;
                }
                let td = &sc.task_definitions[self.svcs[i].td];
                let (cpu, memory) = (td.cpu.unwrap_or(0), td.memory.unwrap_or(0));
                let mut per_task = sc.prices.per_hour(cpu, memory, td.arch, td.ephemeral_gib);
                if s.spot {
                    per_task *= 1.0 - sc.prices.spot_discount;
                }
                let tasks = self.svcs[i].tasks.len() as u32;
                hour += per_task * tasks as f64;
                f.services.push(FargateService {
                    name: s.name.clone(),
                    cpu,
                    memory,
                    platform: fargate::platform_name(td.os, td.arch),
                    spot: s.spot,
                    tasks,
                    price_per_task_hour: round6(per_task),
                    price_per_hour: round6(per_task * tasks as f64),
                });
            }
            f.price_per_hour = round6(hour);
            f.price_per_month = round2(hour * fargate::HOURS_PER_MONTH);
        }
        self.report
    }

    fn fill_by(&self, g: &mut GroupReport, group: u32) {
        let counts = &self.cl.counts[group as usize];
        let mut by_az: HashMap<&str, u32> = HashMap::new();
        let mut by_instance = Vec::new();
        for (i, &c) in counts.iter().enumerate() {
            if c > 0 {
                *by_az.entry(&self.cl.spec[i].az).or_default() += c;
                by_instance.push((self.cl.spec[i].id.clone(), c));
            }
        }
        g.by_az = by_az.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        g.by_instance = OrderedMap(by_instance);
    }
}

/// Seconds until `n` Fargate tasks have all been launched: a burst of 100, then 20/s.
pub fn fargate_launch_seconds(n: u64) -> f64 {
    n.saturating_sub(FARGATE_BURST) as f64 / FARGATE_RATE as f64
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
