//! The cluster as it runs: free resources per instance, task counts per group, and the
//! checks both placers share (does a task fit; why did nothing take it).

use std::collections::HashMap;

use super::model::{Constraint, Demand, Instance, Status};
use super::query;

/// Host ports the agent reserves on every instance.
pub const RESERVED_PORTS: [u16; 6] = [22, 2375, 2376, 51678, 51679, 51680];
/// Reserved host ports an instance can hold (dynamic ports don't count).
pub const MAX_RESERVED_PORTS: usize = 100;

/// A small seeded RNG (splitmix64): fast, and the same stream on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5eed_5eed_5eed_5eed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias worth mentioning (Lemire's method).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

/// Why a task could not be placed: the ECS reason codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    Cpu,
    Memory,
    Gpu,
    Ports,
    Eni,
    DistinctInstance,
    MemberOf(String),
    NoActiveInstances,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Cpu => f.write_str("RESOURCE:CPU"),
            Reason::Memory => f.write_str("RESOURCE:MEMORY"),
            Reason::Gpu => f.write_str("RESOURCE:GPU"),
            Reason::Ports => f.write_str("RESOURCE:PORTS"),
            Reason::Eni => f.write_str("RESOURCE:ENI"),
            Reason::DistinctInstance => f.write_str("CONSTRAINT:distinctInstance"),
            Reason::MemberOf(e) => write!(f, "CONSTRAINT:memberOf {e}"),
            Reason::NoActiveInstances => f.write_str("NO_ACTIVE_INSTANCES"),
        }
    }
}

/// One instance's state.
#[derive(Debug, Clone)]
pub struct Node {
    pub free_cpu: u32,
    pub free_memory: u32,
    pub free_gpu: u32,
    pub free_eni: u32,
    /// Reserved static host ports, sorted (the agent's reserved list included).
    pub ports: Vec<u16>,
    pub running: u32,
    pub status: Status,
}

#[derive(Debug)]
pub struct Cluster<'a> {
    pub spec: &'a [Instance],
    pub nodes: Vec<Node>,
    /// A random order of the instances, drawn once from the seed: the final tie-break.
    pub ranks: Vec<u32>,
    pub groups: Vec<String>,
    group_ids: HashMap<String, u32>,
    /// Tasks of each group on each instance: `counts[group][instance]`.
    pub counts: Vec<Vec<u32>>,
}

impl<'a> Cluster<'a> {
    pub fn new(instances: &'a [Instance], rng: &mut Rng) -> Cluster<'a> {
        let nodes = instances
            .iter()
            .map(|i| Node {
                free_cpu: i.cpu,
                free_memory: i.memory,
                free_gpu: i.gpus,
                free_eni: i.eni_tasks,
                ports: RESERVED_PORTS.to_vec(),
                running: 0,
                status: i.status,
            })
            .collect();
        // Fisher-Yates shuffle of 0..n gives each instance its rank.
        let n = instances.len();
        let mut order: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut ranks = vec![0; n];
        for (rank, &inst) in order.iter().enumerate() {
            ranks[inst as usize] = rank as u32;
        }
        Cluster {
            spec: instances,
            nodes,
            ranks,
            groups: Vec::new(),
            group_ids: HashMap::new(),
            counts: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn group(&mut self, name: &str) -> u32 {
        if let Some(&g) = self.group_ids.get(name) {
            return g;
        }
        let g = self.groups.len() as u32;
        self.groups.push(name.to_string());
        self.group_ids.insert(name.to_string(), g);
        self.counts.push(vec![0; self.nodes.len()]);
        g
    }

    pub fn count(&self, group: u32, inst: usize) -> u32 {
        self.counts[group as usize][inst]
    }

    /// The first resource that `inst` lacks for `d`, in the pipeline's order.
    pub fn lacks(&self, inst: usize, d: &Demand) -> Option<Reason> {
        let n = &self.nodes[inst];
        if n.free_cpu < d.cpu {
            return Some(Reason::Cpu);
        }
        if n.free_memory < d.memory {
            return Some(Reason::Memory);
        }
        if n.free_gpu < d.gpu {
            return Some(Reason::Gpu);
        }
        if !d.ports.is_empty()
            && (n.ports.len() + d.ports.len() > MAX_RESERVED_PORTS
                || d.ports.iter().any(|p| n.ports.binary_search(p).is_ok()))
        {
            return Some(Reason::Ports);
        }
        if d.eni && n.free_eni == 0 {
            return Some(Reason::Eni);
        }
        None
    }

    pub fn fits(&self, inst: usize, d: &Demand) -> bool {
        let n = &self.nodes[inst];
        n.status == Status::Active
            && n.free_cpu >= d.cpu
            && n.free_memory >= d.memory
            && n.free_gpu >= d.gpu
            && (!d.eni || n.free_eni > 0)
            && (d.ports.is_empty() || self.lacks(inst, d).is_none())
    }

    /// Whether `inst` meets one constraint for a task of `group`.
    pub fn meets(&self, inst: usize, group: u32, c: &Constraint) -> bool {
        match c {
            Constraint::DistinctInstance => self.count(group, inst) == 0,
            Constraint::MemberOf { expr, .. } => expr.eval(&self.view(inst)),
        }
    }

    pub fn view(&self, inst: usize) -> View<'_, 'a> {
        View { cl: self, inst }
    }

    /// Takes a task's resources from `inst`.
    pub fn take(&mut self, inst: usize, group: u32, d: &Demand) {
        let n = &mut self.nodes[inst];
        n.free_cpu -= d.cpu;
        n.free_memory -= d.memory;
        n.free_gpu -= d.gpu;
        if d.eni {
            n.free_eni -= 1;
        }
        for p in &d.ports {
            if let Err(i) = n.ports.binary_search(p) {
                n.ports.insert(i, *p);
            }
        }
        n.running += 1;
        self.counts[group as usize][inst] += 1;
    }

    /// Gives a stopped task's resources back.
    pub fn give(&mut self, inst: usize, group: u32, d: &Demand) {
        let n = &mut self.nodes[inst];
        n.free_cpu += d.cpu;
        n.free_memory += d.memory;
        n.free_gpu += d.gpu;
        if d.eni {
            n.free_eni += 1;
        }
        n.ports.retain(|p| d.ports.binary_search(p).is_err());
        n.running -= 1;
        self.counts[group as usize][inst] -= 1;
    }

    /// Why no instance takes a task: the pipeline filters the ACTIVE instances by each
    /// resource and then each constraint in turn; the reason is the filter that left none.
    pub fn reason(&self, d: &Demand, group: u32, constraints: &[Constraint]) -> Reason {
        let mut left: Vec<usize> = (0..self.len())
            .filter(|&i| self.nodes[i].status == Status::Active)
            .collect();
        if left.is_empty() {
            return Reason::NoActiveInstances;
        }
        let resources = [
            Reason::Cpu,
            Reason::Memory,
            Reason::Gpu,
            Reason::Ports,
            Reason::Eni,
        ];
        for r in resources {
            // An instance passes filter `r` when it does not lack `r` (earlier filters
            // already removed the instances lacking anything before it).
            left.retain(|&i| self.lacks_only(i, d, &r));
            if left.is_empty() {
                return r;
            }
        }
        for c in constraints {
            left.retain(|&i| self.meets(i, group, c));
            if left.is_empty() {
                return match c {
                    Constraint::DistinctInstance => Reason::DistinctInstance,
                    Constraint::MemberOf { expression, .. } => Reason::MemberOf(expression.clone()),
                };
            }
        }
        // Unreachable when a placer found no instance; name the tightest resource.
        Reason::Cpu
    }

    fn lacks_only(&self, inst: usize, d: &Demand, r: &Reason) -> bool {
        let n = &self.nodes[inst];
        match r {
            Reason::Cpu => n.free_cpu >= d.cpu,
            Reason::Memory => n.free_memory >= d.memory,
            Reason::Gpu => n.free_gpu >= d.gpu,
            Reason::Ports => {
                d.ports.is_empty()
                    || (n.ports.len() + d.ports.len() <= MAX_RESERVED_PORTS
                        && !d.ports.iter().any(|p| n.ports.binary_search(p).is_ok()))
            }
            Reason::Eni => !d.eni || n.free_eni > 0,
            _ => true,
        }
    }
}

/// An instance as the query language sees it.
pub struct View<'c, 'a> {
    cl: &'c Cluster<'a>,
    inst: usize,
}

impl query::Instance for View<'_, '_> {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.cl.spec[self.inst].attribute(name)
    }

    fn instance_id(&self) -> &str {
        &self.cl.spec[self.inst].id
    }

    fn agent_connected(&self) -> bool {
        self.cl.nodes[self.inst].status != Status::Lost
    }

    fn agent_version(&self) -> &str {
        &self.cl.spec[self.inst].agent_version
    }

    fn registered_at(&self) -> Option<i64> {
        self.cl.spec[self.inst].registered_at
    }

    fn running_tasks_count(&self) -> u32 {
        self.cl.nodes[self.inst].running
    }

    fn any_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool {
        self.cl
            .groups
            .iter()
            .zip(&self.cl.counts)
            .any(|(name, counts)| counts[self.inst] > 0 && f(name))
    }
}
