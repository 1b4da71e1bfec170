//! The end of a run: the rule check and the report.

use super::*;

impl Sim<'_> {
    pub(super) fn violations(&self) -> Vec<String> {
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
            p.extend(crate::sim::cluster::RESERVED_PORTS);
            p.sort_unstable();
            let len = p.len();
            p.dedup();
            if p.len() != len {
                out.push(format!("{} has a host port taken twice", s.id));
            }
            if len > crate::sim::cluster::MAX_RESERVED_PORTS {
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

    pub(super) fn finish(mut self) -> Report {
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

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
