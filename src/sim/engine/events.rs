//! The timeline: events (deployments, AZ failure, draining, scaling) and target tracking.

use super::*;

impl Sim<'_> {
    pub(super) fn event(&mut self, kind: &EventKind) {
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
    pub(super) fn autoscale(&mut self, i: usize) {
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
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    }
}
