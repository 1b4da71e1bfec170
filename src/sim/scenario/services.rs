//! The whole scenario: options, prices, services (with deployment and autoscaling) and
//! standalone tasks, with their references to task definitions.

use std::collections::HashSet;

use crate::fargate::{self, Prices};
use crate::sim::cost::InstancePrices;
use crate::yaml::PathSeg;

use super::input::{items, AutoscalingIn, DeploymentIn, OptionsIn, PricesIn, RunTaskIn, ServiceIn};
use super::*;

impl Check<'_> {
    pub(super) fn scenario(&mut self, input: &ScenarioIn) -> Scenario {
        let mut sc = Scenario::default();
        if let Some(o) = &input.options {
            sc.options = self.options(o);
            self.precedence = sc.options.precedence;
            self.expressions.clear();
        }
        sc.seed = self.int(&[key("seed")], input.seed).unwrap_or(0);
        if let Some(p) = &input.prices {
            sc.prices = self.prices(p);
            sc.instance_prices = self.instance_prices(p);
        }
        sc.instances = self.instances(&input.instances);
        if let Some(defs) = &input.task_definitions {
            sc.task_definitions = self.task_definitions(defs);
        }
        let base = [key("services")];
        let mut seen = HashSet::new();
        for (i, item) in items(&input.services) {
            let p = nth(&base, i);
            if let Some(s) = self.service(&p, item, &sc) {
                if !seen.insert(s.name.clone()) {
                    self.error(
                        "invalid-value",
                        self.span(&p),
                        format!("service `{}` is defined twice", s.name),
                        "give each service its own name",
                    );
                }
                sc.services.push(s);
            }
        }
        let base = [key("tasks")];
        for (i, item) in items(&input.tasks) {
            if let Some(t) = self.run_task(&nth(&base, i), item, &sc) {
                sc.tasks.push(t);
            }
        }
        sc.events = self.events(&input.events, &sc);
        if sc.instances.len() > MAX_INSTANCES {
            self.warn(
                self.span(&[key("instances")]),
                format!(
                    "{} container instances: ECS allows {MAX_INSTANCES} per cluster (simulated anyway)",
                    sc.instances.len()
                ),
            );
        }
        sc
    }

    fn options(&mut self, o: &OptionsIn) -> Options {
        let p = [key("options")];
        let mut out = Options::default();
        if let Some(i) = self.choice(&at(&p, "chaining"), o.chaining.as_ref()) {
            out.chaining = [Chaining::Lexicographic, Chaining::First][i];
        }
        if let Some(i) = self.choice(&at(&p, "precedence"), o.precedence.as_ref()) {
            out.precedence = [Precedence::NotAndOr, Precedence::LeftToRight][i];
        }
        if o.breaker_minimum.is_some() {
            out.breaker_minimum = self
                .u32(&at(&p, "breaker_minimum"), o.breaker_minimum)
                .unwrap_or(3);
        }
        if o.scale_in_ratio.is_some() {
            out.scale_in_ratio = self
                .float(&at(&p, "scale_in_ratio"), o.scale_in_ratio)
                .unwrap_or(0.9);
        }
        if o.task_start_seconds.is_some() {
            out.task_start_seconds = self
                .int(&at(&p, "task_start_seconds"), o.task_start_seconds)
                .unwrap_or(30);
        }
        if o.restart_delay_seconds.is_some() {
            out.restart_delay_seconds = self
                .int(&at(&p, "restart_delay_seconds"), o.restart_delay_seconds)
                .unwrap_or(30);
        }
        out
    }

    fn prices(&mut self, input: &PricesIn) -> Prices {
        let p = [key("prices")];
        let mut out = Prices::default();
        let fields: [(&str, Option<f64>, &mut f64); 6] = [
            ("x86_vcpu", input.x86_vcpu, &mut out.x86_vcpu),
            ("x86_gb", input.x86_gb, &mut out.x86_gb),
            ("arm_vcpu", input.arm_vcpu, &mut out.arm_vcpu),
            ("arm_gb", input.arm_gb, &mut out.arm_gb),
            ("ephemeral_gb", input.ephemeral_gb, &mut out.ephemeral_gb),
            ("spot_discount", input.spot_discount, &mut out.spot_discount),
        ];
        for (name, value, field) in fields {
            if let Some(v) = self.float(&at(&p, name), value) {
                *field = v;
            }
        }
        out
    }

    /// `prices.instances` (EC2 On-Demand prices by instance type) and
    /// `prices.ec2_spot_discount`, over the built-in table.
    fn instance_prices(&mut self, input: &PricesIn) -> InstancePrices {
        let p = [key("prices")];
        let mut out = InstancePrices::default();
        if let Some(v) = self.float(&at(&p, "ec2_spot_discount"), input.ec2_spot_discount) {
            out.spot_discount = v;
        }
        let types = at(&p, "instances");
        for (name, price) in input.instances.iter().flatten() {
            if let Some(v) = self.float(&at(&types, name), Some(*price)) {
                out.overrides.insert(name.clone(), v);
            }
        }
        out
    }

    /// The task definition a service, task or deployment names.
    pub(super) fn td_ref(&mut self, p: &[PathSeg], v: &Text, sc: &Scenario) -> Option<usize> {
        let name = self.text(p, Some(v))?;
        let found = sc.task_definition(&name);
        if found.is_none() {
            let best = sc
                .task_definitions
                .iter()
                .map(|t| (t.name.as_str(), strsim::jaro_winkler(&t.name, &name)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let help = match best {
                Some((b, s)) if s > 0.7 => format!("did you mean `{b}`?"),
                _ => "define it under `task_definitions:`".to_string(),
            };
            self.error(
                "invalid-value",
                self.span(p),
                format!("no task definition named `{name}`"),
                help,
            );
        }
        found
    }

    fn service(&mut self, p: &[PathSeg], input: &ServiceIn, sc: &Scenario) -> Option<Service> {
        let span = self.span(p);
        let Some(name) = self.text(&at(p, "name"), input.name.as_ref()) else {
            if self.node(&at(p, "name")).is_none() {
                self.error(
                    "missing-key",
                    span,
                    "a service needs a `name`",
                    "add `name: api`",
                );
            }
            return None;
        };
        let Some(tdv) = &input.task_definition else {
            if self.node(&at(p, "task_definition")).is_none() {
                self.error(
                    "missing-key",
                    span,
                    format!("service `{name}` needs a `task_definition`"),
                    "name one of the task_definitions",
                );
            }
            return None;
        };
        let td = self.td_ref(&at(p, "task_definition"), tdv, sc)?;
        let def = &sc.task_definitions[td];
        let mut s = Service::new(&name, td, 1);
        if self.choice(&at(p, "scheduling"), input.scheduling.as_ref()) == Some(1) {
            s.scheduling = Scheduling::Daemon;
            s.deployment = Deployment::daemon_default();
            s.strategy = Vec::new();
        }
        let daemon = s.scheduling == Scheduling::Daemon;
        if daemon && input.desired.is_some() {
            self.error(
                "invalid-value",
                self.span(&at(p, "desired")),
                "a daemon service has no desired count (one task per instance)",
                "remove `desired`",
            );
        } else if input.desired.is_some() {
            s.desired = self.u32(&at(p, "desired"), input.desired).unwrap_or(1);
        }
        s.launch_type = def.requires;
        if let Some(lt) = &input.launch_type {
            let lp = at(p, "launch_type");
            s.launch_type = match self.choice(&lp, Some(lt)) {
                Some(1) => LaunchType::Fargate,
                _ => LaunchType::Ec2,
            };
            if s.launch_type == LaunchType::Fargate && def.requires != LaunchType::Fargate {
                self.error(
                    "invalid-value",
                    self.span(&lp),
                    format!("task definition `{}` does not require FARGATE", def.name),
                    "add `requires: FARGATE` (and a Fargate cpu/memory) to the task definition",
                );
            }
        }
        if s.launch_type == LaunchType::Fargate && daemon {
            self.error(
                "invalid-value",
                span,
                "daemon services do not run on Fargate",
                "use scheduling: replica, or launch_type: EC2",
            );
        }
        self.service_placement(p, input, def, &mut s);
        if let Some(d) = &input.deployment {
            self.deployment(&at(p, "deployment"), d, &mut s.deployment);
        }
        self.service_azs(p, input, &mut s);
        if input.spot.is_some() {
            s.spot = input.spot.unwrap_or(false);
            if s.spot && !fargate::spot_allowed(def.os, def.arch) {
                self.error(
                    "invalid-value",
                    self.span(&at(p, "spot")),
                    format!(
                        "Fargate Spot does not run {}",
                        fargate::platform_name(def.os, def.arch)
                    ),
                    "Spot is Linux on x86_64 only: drop `spot` or change the platform",
                );
            }
        }
        if let Some(a) = &input.autoscaling {
            s.autoscaling = Some(self.autoscaling(&at(p, "autoscaling"), a));
        }
        Some(s)
    }

    /// A service's `strategy` and `constraints`.
    fn service_placement(
        &mut self,
        p: &[PathSeg],
        input: &ServiceIn,
        def: &TaskDef,
        s: &mut Service,
    ) {
        let daemon = s.scheduling == Scheduling::Daemon;
        let fargate = s.launch_type == LaunchType::Fargate;
        let sp = at(p, "strategy");
        if self.node(&sp).is_some() {
            if daemon {
                self.error(
                    "invalid-value",
                    self.span(&sp),
                    "a daemon service takes no placement strategy",
                    "remove `strategy`",
                );
            } else if fargate {
                self.warn(
                    self.span(&sp),
                    "Fargate ignores placement strategies (tasks spread over the service's AZs)",
                );
            } else {
                s.strategy = self.strategy(&sp, &input.strategy);
            }
        }
        let cp = at(p, "constraints");
        if self.node(&cp).is_some() {
            let cs: Vec<Constraint> = self
                .constraints(&cp, &input.constraints)
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            if fargate {
                self.warn(self.span(&cp), "Fargate ignores placement constraints");
            } else {
                s.constraints = cs;
            }
            let n = s.constraints.len() + def.constraints.len();
            if n > MAX_CONSTRAINTS {
                self.error(
                    "invalid-value",
                    self.span(&cp),
                    format!("{n} constraints with the task definition's; at most {MAX_CONSTRAINTS} per task"),
                    "combine memberOf expressions with `and`",
                );
            }
        }
    }

    fn deployment(&mut self, p: &[PathSeg], d: &DeploymentIn, out: &mut Deployment) {
        match self.choice(&at(p, "rolling"), d.rolling.as_ref()) {
            Some(0) => {
                out.minimum_healthy_percent = 100;
                out.maximum_percent = 200;
            }
            Some(_) => {
                out.minimum_healthy_percent = 0;
                out.maximum_percent = 100;
            }
            None => {}
        }
        if d.minimum_healthy_percent.is_some() {
            out.minimum_healthy_percent = self
                .u32(&at(p, "minimum_healthy_percent"), d.minimum_healthy_percent)
                .unwrap_or(100);
        }
        if d.maximum_percent.is_some() {
            out.maximum_percent = self
                .u32(&at(p, "maximum_percent"), d.maximum_percent)
                .unwrap_or(200);
        }
        if let Some(b) = d.circuit_breaker {
            out.circuit_breaker = b;
        }
    }

    fn service_azs(&mut self, p: &[PathSeg], input: &ServiceIn, s: &mut Service) {
        let fargate = s.launch_type == LaunchType::Fargate;
        let ap = at(p, "azs");
        if self.node(&ap).is_some() {
            s.azs = items(&input.azs)
                .filter_map(|(i, a)| self.text(&nth(&ap, i), Some(a)))
                .collect();
            if !fargate {
                self.warn(
                    self.span(&ap),
                    "azs is for Fargate services; EC2 tasks go where the instances are",
                );
            }
        } else if fargate {
            self.error(
                "missing-key",
                self.span(p),
                format!(
                    "Fargate service `{}` needs `azs` (the AZs of its subnets)",
                    s.name
                ),
                "add `azs: [us-east-1a, us-east-1b]`",
            );
        }
    }

    fn autoscaling(&mut self, p: &[PathSeg], a: &AutoscalingIn) -> Autoscaling {
        let min = self.u32(&at(p, "min"), a.min).unwrap_or(1);
        let max = self.u32(&at(p, "max"), a.max).unwrap_or(min);
        if max < min {
            self.error(
                "invalid-value",
                self.span(&at(p, "max")),
                format!("autoscaling max {max} is below min {min}"),
                "raise max or lower min",
            );
        }
        // Copilot's names are aliases; the first one written counts.
        let mut target = |names: [&str; 2], values: [Option<f64>; 2]| {
            let order = self.first_written(p, names);
            self.float(&at(p, names[order]), values[order])
        };
        let target_cpu = target(
            ["target_cpu", "cpu_percentage"],
            [a.target_cpu, a.cpu_percentage],
        );
        let target_memory = target(
            ["target_memory", "memory_percentage"],
            [a.target_memory, a.memory_percentage],
        );
        let target_requests = target(
            ["target_requests", "requests"],
            [a.target_requests, a.requests],
        );
        if target_cpu.is_none() && target_memory.is_none() && target_requests.is_none() {
            self.error(
                "missing-key",
                self.span(p),
                "autoscaling needs a target",
                "add `target_cpu: 70`, `target_memory: 80` or `target_requests: 1000`",
            );
        }
        Autoscaling {
            min,
            max,
            target_cpu,
            target_memory,
            target_requests,
            cooldown_out: self
                .int(&at(p, "cooldown_out"), a.cooldown_out)
                .unwrap_or(300),
            cooldown_in: self
                .int(&at(p, "cooldown_in"), a.cooldown_in)
                .unwrap_or(300),
        }
    }

    /// Which of two keys comes first in the map at `p` (0 when neither is there).
    fn first_written(&self, p: &[PathSeg], names: [&str; 2]) -> usize {
        self.node(p)
            .and_then(Node::as_map)
            .and_then(|m| {
                m.iter()
                    .find_map(|e| names.iter().position(|n| *n == e.key))
            })
            .unwrap_or(0)
    }

    fn run_task(&mut self, p: &[PathSeg], input: &RunTaskIn, sc: &Scenario) -> Option<RunTask> {
        let Some(tdv) = &input.task_definition else {
            if self.node(&at(p, "task_definition")).is_none() {
                self.error(
                    "missing-key",
                    self.span(p),
                    "a task needs a `task_definition`",
                    "name one of the task_definitions",
                );
            }
            return None;
        };
        let tp = at(p, "task_definition");
        let td = self.td_ref(&tp, tdv, sc)?;
        let def = &sc.task_definitions[td];
        if def.requires == LaunchType::Fargate {
            self.error(
                "invalid-value",
                self.span(&tp),
                "standalone Fargate tasks are not simulated",
                "use a Fargate service, or an EC2 task definition",
            );
        }
        let mut rt = RunTask {
            task_definition: td,
            count: self.u32(&at(p, "count"), input.count).unwrap_or(1),
            group: self.text(&at(p, "group"), input.group.as_ref()),
            strategy: Strategy::run_task_default(),
            constraints: Vec::new(),
        };
        let sp = at(p, "strategy");
        if self.node(&sp).is_some() {
            rt.strategy = self.strategy(&sp, &input.strategy);
        }
        let cp = at(p, "constraints");
        if self.node(&cp).is_some() {
            rt.constraints = self
                .constraints(&cp, &input.constraints)
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            if rt.constraints.len() + def.constraints.len() > MAX_CONSTRAINTS {
                self.error(
                    "invalid-value",
                    self.span(&cp),
                    format!("more than {MAX_CONSTRAINTS} constraints with the task definition's"),
                    "combine memberOf expressions with `and`",
                );
            }
        }
        Some(rt)
    }
}
