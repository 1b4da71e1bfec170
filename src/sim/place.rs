//! The fast placer.
//!
//! # How it indexes
//! Requests come in *profiles*: one per (task group, task definition, constraints,
//! strategies), i.e. one per service or RunTask entry. The first time a profile is seen the
//! placer evaluates its static `memberOf` expressions once per instance (attributes,
//! instance ids, agent facts and registration dates never change while the simulation runs),
//! and builds an index:
//!
//! * a **bucket per value** of the leading `spread` attribute (one per AZ for
//!   `spread attribute:ecs.availability-zone`; a single bucket when the chain does not start
//!   with an attribute spread), with the group's task count per bucket kept in an ordered set
//!   `(count, bucket)`, so the least-loaded values come first;
//! * inside each bucket, an **ordered set of instances keyed by the rest of the chain**:
//!   `(key1, key2, rank, instance)` packed into a `u128`, where a key is the free CPU or
//!   memory (binpack) or the group's tasks on the instance (spread `instanceId`), and `rank`
//!   is the seeded random order of instances that breaks the final ties.
//!
//! Placing a task walks the buckets from the least-loaded count; in each it starts the
//! ordered set at the task's own need when the first key is a binpack (`free >= need`) and
//! takes the first instance (only instances that fit the profile's task, by CPU, memory,
//! GPU, ports and ENI, are in the index: an instance is re-keyed, or dropped, whenever it
//! changes, so the first entry always fits). The lowest key
//! among the buckets of the lowest count level wins, and each bucket's best entry is cached
//! until the bucket changes. An instance that changes (a task started or stopped, drained,
//! lost) is marked in every profile and re-keyed when that profile next places (two
//! O(log n) set operations, once per instance however often it changed in between). Instances of a `distinctInstance` group that already
//! run one of its tasks leave the index until the task stops.
//!
//! So a placement costs O(values + log n) instead of O(n). Profiles whose chain the index
//! cannot express (a `random` strategy, an attribute spread after the first strategy, more
//! than two keys) or whose constraints change with running tasks (`runningTasksCount`,
//! `task:group`) fall back to a scan of the statically eligible instances, which chooses by
//! the same rules.

use std::collections::{BTreeSet, HashMap};

use super::cluster::{Cluster, Rng};
use super::model::{Constraint, Demand, Resource, SpreadField, Status, Strategy};

/// One placement request.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Identifies the (group, task definition, constraints, strategies) combination; the
    /// same id always comes with the same other fields.
    pub profile: u32,
    pub group: u32,
    pub demand: &'a Demand,
    pub constraints: &'a [Constraint],
    pub chain: &'a [Strategy],
}

pub trait Placer {
    /// The instance for one task, or `None` when no instance can take it.
    fn place(&mut self, cl: &Cluster<'_>, req: &Request<'_>, rng: &mut Rng) -> Option<usize>;
    /// Told after a task of `group` started (+1) or stopped (-1) on `inst`, or after the
    /// instance's status changed (`group` None).
    fn changed(&mut self, cl: &Cluster<'_>, inst: usize, group: Option<(u32, i32)>);
}

const NONE: u128 = u128::MAX;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Inner {
    Free(Resource),
    Count,
}

#[derive(Debug)]
struct Profile {
    group: u32,
    demand: Demand,
    distinct: bool,
    /// Static constraints hold on this instance.
    eligible: Vec<bool>,
    index: Option<Index>,
    /// Constraints evaluated per placement (scan mode only).
    dynamic: Vec<Constraint>,
}

#[derive(Debug)]
struct Index {
    spread: bool,
    value_of: Vec<u32>,
    count: Vec<u32>,
    by_count: BTreeSet<(u32, u32)>,
    sets: Vec<BTreeSet<u128>>,
    key_of: Vec<u128>,
    inner: Vec<Inner>,
    /// Each bucket's best entry (`UNKNOWN` until looked up; reset when the bucket changes).
    best: Vec<u128>,
    /// Instances changed since this profile last placed: re-keyed on its next placement,
    /// once each however often they changed in between.
    dirty: Vec<u32>,
    is_dirty: Vec<bool>,
}

/// Not looked up yet (distinct from [`NONE`], "the bucket has no instance that fits").
const UNKNOWN: u128 = u128::MAX - 1;

#[derive(Debug, Default)]
pub struct Fast {
    profiles: Vec<Option<Profile>>,
    /// Spread values (as ids) of every attribute a profile spreads on, shared.
    attr_values: HashMap<String, (Vec<u32>, usize)>,
}

impl Fast {
    pub fn new() -> Self {
        Fast::default()
    }

    fn values_of(&mut self, cl: &Cluster<'_>, name: &str) -> (Vec<u32>, usize) {
        if let Some(v) = self.attr_values.get(name) {
            return v.clone();
        }
        let mut ids: HashMap<Option<&str>, u32> = HashMap::new();
        let value_of: Vec<u32> = (0..cl.len())
            .map(|i| {
                let v = cl.spec[i].attribute(name);
                let n = ids.len() as u32;
                *ids.entry(v).or_insert(n)
            })
            .collect();
        let out = (value_of, ids.len());
        self.attr_values.insert(name.to_string(), out.clone());
        out
    }

    fn build(&mut self, cl: &Cluster<'_>, req: &Request<'_>) -> Profile {
        let mut dynamic = Vec::new();
        let mut statics = Vec::new();
        let mut distinct = false;
        for c in req.constraints {
            match c {
                Constraint::DistinctInstance => distinct = true,
                Constraint::MemberOf { expr, .. } if expr.is_dynamic() => dynamic.push(c.clone()),
                Constraint::MemberOf { expr, .. } => statics.push(expr.clone()),
            }
        }
        let eligible = (0..cl.len())
            .map(|i| statics.iter().all(|e| e.eval(&cl.view(i))))
            .collect();
        let mut profile = Profile {
            group: req.group,
            demand: req.demand.clone(),
            distinct,
            eligible,
            index: None,
            dynamic,
        };
        if profile.dynamic.is_empty() {
            if let Some((spread, inner)) = indexable(req.chain) {
                let (value_of, values) = match spread {
                    Some(name) => self.values_of(cl, name),
                    None => (vec![0; cl.len()], 1),
                };
                let mut count = vec![0u32; values];
                for (i, &v) in value_of.iter().enumerate() {
                    count[v as usize] += cl.count(req.group, i);
                }
                let mut index = Index {
                    spread: spread.is_some(),
                    by_count: count
                        .iter()
                        .enumerate()
                        .map(|(v, &c)| (c, v as u32))
                        .collect(),
                    count,
                    value_of,
                    sets: (0..values).map(|_| BTreeSet::new()).collect(),
                    key_of: vec![NONE; cl.len()],
                    inner,
                    best: vec![UNKNOWN; values],
                    dirty: Vec::new(),
                    is_dirty: vec![false; cl.len()],
                };
                // Bulk build: sorted keys per bucket make each set in one pass.
                let mut keys: Vec<Vec<u128>> = vec![Vec::new(); values];
                for i in 0..cl.len() {
                    let k = profile.key(&index, cl, i);
                    index.key_of[i] = k;
                    if k != NONE {
                        keys[index.value_of[i] as usize].push(k);
                    }
                }
                for (set, mut ks) in index.sets.iter_mut().zip(keys) {
                    ks.sort_unstable();
                    *set = ks.into_iter().collect();
                }
                profile.index = Some(index);
            }
        }
        profile
    }
}

/// The chain as (leading attribute spread, inner keys), when the index can express it.
fn indexable(chain: &[Strategy]) -> Option<(Option<&str>, Vec<Inner>)> {
    let (spread, rest) = match chain.first() {
        Some(Strategy::Spread(SpreadField::Attribute(name))) => (Some(name.as_str()), &chain[1..]),
        _ => (None, chain),
    };
    let mut inner = Vec::new();
    for s in rest {
        inner.push(match s {
            Strategy::Binpack(r) => Inner::Free(*r),
            Strategy::Spread(SpreadField::InstanceId) => Inner::Count,
            _ => return None,
        });
    }
    (inner.len() <= 2).then_some((spread, inner))
}

impl Profile {
    fn key(&self, index: &Index, cl: &Cluster<'_>, i: usize) -> u128 {
        let n = &cl.nodes[i];
        if n.status != Status::Active
            || !self.eligible[i]
            || (self.distinct && cl.count(self.group, i) > 0)
            || !cl.fits(i, &self.demand)
        {
            return NONE;
        }
        let mut key: u128 = 0;
        for (slot, inner) in index.inner.iter().enumerate() {
            let k = match inner {
                Inner::Free(Resource::Cpu) => n.free_cpu,
                Inner::Free(Resource::Memory) => n.free_memory,
                Inner::Count => cl.count(self.group, i),
            };
            key |= (k as u128) << (96 - 32 * slot);
        }
        key | ((cl.ranks[i] as u128) << 32) | i as u128
    }

    fn rekey(&self, index: &mut Index, cl: &Cluster<'_>, i: usize) {
        let new = self.key(index, cl, i);
        let old = index.key_of[i];
        if new == old {
            return;
        }
        let bucket = index.value_of[i] as usize;
        index.best[bucket] = UNKNOWN;
        let set = &mut index.sets[bucket];
        if old != NONE {
            set.remove(&old);
        }
        if new != NONE {
            set.insert(new);
        }
        index.key_of[i] = new;
    }

    fn place_indexed(&self, index: &mut Index) -> Option<usize> {
        let d = &self.demand;
        let start: u128 = match index.inner.first() {
            Some(Inner::Free(Resource::Cpu)) => (d.cpu as u128) << 96,
            Some(Inner::Free(Resource::Memory)) => (d.memory as u128) << 96,
            _ => 0,
        };
        let mut best: Option<u128> = None;
        let mut level: Option<u32> = None;
        for &(count, value) in &index.by_count {
            if level != Some(count) {
                if best.is_some() {
                    break;
                }
                level = Some(count);
            }
            let v = value as usize;
            if index.best[v] == UNKNOWN {
                // Every entry fits (see `key`), so the first one from `start` is the best.
                index.best[v] = index.sets[v].range(start..).next().copied().unwrap_or(NONE);
            }
            let k = index.best[v];
            if k != NONE {
                best = Some(best.map_or(k, |b| b.min(k)));
            }
        }
        best.map(|k| (k & 0xffff_ffff) as usize)
    }

    /// The fallback: scan the statically eligible instances, then narrow by the chain.
    fn place_scan(&self, cl: &Cluster<'_>, req: &Request<'_>, rng: &mut Rng) -> Option<usize> {
        let cands: Vec<usize> = (0..cl.len())
            .filter(|&i| {
                self.eligible[i]
                    && cl.fits(i, &self.demand)
                    && !(self.distinct && cl.count(self.group, i) > 0)
                    && self.dynamic.iter().all(|c| cl.meets(i, self.group, c))
            })
            .collect();
        if cands.is_empty() {
            return None;
        }
        // Lexicographic keys, one per strategy up to the first `random`.
        let mut keys: Vec<Vec<u64>> = vec![Vec::new(); cands.len()];
        for s in req.chain {
            match s {
                Strategy::Random => {
                    let best = keys.iter().min()?.clone();
                    let tied: Vec<usize> = cands
                        .iter()
                        .zip(&keys)
                        .filter(|(_, k)| **k == best)
                        .map(|(&i, _)| i)
                        .collect();
                    return Some(tied[rng.below(tied.len())]);
                }
                Strategy::Binpack(Resource::Cpu) => {
                    for (k, &i) in keys.iter_mut().zip(&cands) {
                        k.push(cl.nodes[i].free_cpu as u64);
                    }
                }
                Strategy::Binpack(Resource::Memory) => {
                    for (k, &i) in keys.iter_mut().zip(&cands) {
                        k.push(cl.nodes[i].free_memory as u64);
                    }
                }
                Strategy::Spread(SpreadField::InstanceId) => {
                    for (k, &i) in keys.iter_mut().zip(&cands) {
                        k.push(cl.count(self.group, i) as u64);
                    }
                }
                Strategy::Spread(SpreadField::Attribute(name)) => {
                    let mut per_value: HashMap<Option<&str>, u64> = HashMap::new();
                    for j in 0..cl.len() {
                        *per_value.entry(cl.spec[j].attribute(name)).or_default() +=
                            cl.count(self.group, j) as u64;
                    }
                    for (k, &i) in keys.iter_mut().zip(&cands) {
                        k.push(per_value[&cl.spec[i].attribute(name)]);
                    }
                }
            }
        }
        cands
            .iter()
            .zip(keys)
            .min_by(|(a, ka), (b, kb)| ka.cmp(kb).then(cl.ranks[**a].cmp(&cl.ranks[**b])))
            .map(|(&i, _)| i)
    }
}

impl Placer for Fast {
    fn place(&mut self, cl: &Cluster<'_>, req: &Request<'_>, rng: &mut Rng) -> Option<usize> {
        let id = req.profile as usize;
        if self.profiles.len() <= id {
            self.profiles.resize_with(id + 1, || None);
        }
        if self.profiles[id].is_none() {
            let p = self.build(cl, req);
            self.profiles[id] = Some(p);
        }
        let p = self.profiles[id].as_mut()?;
        match p.index.take() {
            Some(mut index) => {
                for i in std::mem::take(&mut index.dirty) {
                    index.is_dirty[i as usize] = false;
                    p.rekey(&mut index, cl, i as usize);
                }
                let found = p.place_indexed(&mut index);
                p.index = Some(index);
                found
            }
            None => p.place_scan(cl, req, rng),
        }
    }

    fn changed(&mut self, _cl: &Cluster<'_>, inst: usize, group: Option<(u32, i32)>) {
        for p in self.profiles.iter_mut().flatten() {
            let Some(mut index) = p.index.take() else {
                continue;
            };
            if let Some((g, delta)) = group {
                if g == p.group && index.spread {
                    let v = index.value_of[inst];
                    let c = index.count[v as usize];
                    let n = c.saturating_add_signed(delta);
                    index.by_count.remove(&(c, v));
                    index.by_count.insert((n, v));
                    index.count[v as usize] = n;
                }
            }
            if !index.is_dirty[inst] {
                index.is_dirty[inst] = true;
                index.dirty.push(inst as u32);
            }
            p.index = Some(index);
        }
    }
}
