//! The reference placer: the plainest reading of the rules. For every task it scans every
//! instance, evaluates every constraint, and narrows the candidates strategy by strategy.
//! It is slow on purpose; the fast placer must choose exactly what it chooses.

use super::cluster::{Cluster, Rng};
use super::model::{Resource, SpreadField, Strategy};
use super::place::{Placer, Request};

#[derive(Debug, Default)]
pub struct Reference;

impl Placer for Reference {
    fn place(&mut self, cl: &Cluster<'_>, req: &Request<'_>, rng: &mut Rng) -> Option<usize> {
        // 1-2: instances with room and that meet every constraint.
        let mut cands: Vec<usize> = Vec::new();
        for i in 0..cl.len() {
            if cl.fits(i, req.demand) && req.constraints.iter().all(|c| cl.meets(i, req.group, c)) {
                cands.push(i);
            }
        }
        if cands.is_empty() {
            return None;
        }
        // 3: each strategy keeps the candidates it likes best.
        for s in req.chain {
            match s {
                Strategy::Binpack(r) => {
                    let free = |i: usize| match r {
                        Resource::Cpu => cl.nodes[i].free_cpu,
                        Resource::Memory => cl.nodes[i].free_memory,
                    };
                    let least = cands.iter().map(|&i| free(i)).min()?;
                    cands.retain(|&i| free(i) == least);
                }
                Strategy::Spread(SpreadField::InstanceId) => {
                    let fewest = cands.iter().map(|&i| cl.count(req.group, i)).min()?;
                    cands.retain(|&i| cl.count(req.group, i) == fewest);
                }
                Strategy::Spread(SpreadField::Attribute(name)) => {
                    // Tasks of the group per value, counted over every instance.
                    let tasks_on_value = |value: Option<&str>| -> u32 {
                        (0..cl.len())
                            .filter(|&j| cl.spec[j].attribute(name) == value)
                            .map(|j| cl.count(req.group, j))
                            .sum()
                    };
                    let mut seen: Vec<(Option<&str>, u32)> = Vec::new();
                    let mut per_cand = Vec::with_capacity(cands.len());
                    for &i in &cands {
                        let v = cl.spec[i].attribute(name);
                        let n = match seen.iter().find(|(sv, _)| *sv == v) {
                            Some((_, n)) => *n,
                            None => {
                                let n = tasks_on_value(v);
                                seen.push((v, n));
                                n
                            }
                        };
                        per_cand.push(n);
                    }
                    let fewest = per_cand.iter().copied().min()?;
                    let mut k = 0;
                    cands.retain(|_| {
                        let keep = per_cand[k] == fewest;
                        k += 1;
                        keep
                    });
                }
                Strategy::Random => return Some(cands[rng.below(cands.len())]),
            }
        }
        // A tie left after the last strategy: the seeded random order of instances.
        cands.into_iter().min_by_key(|&i| cl.ranks[i])
    }

    fn changed(&mut self, _cl: &Cluster<'_>, _inst: usize, _group: Option<(u32, i32)>) {}
}
