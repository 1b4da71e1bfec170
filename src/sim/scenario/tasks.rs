//! `task_definitions:` with their containers, and the placement constraints and strategies
//! that task definitions, services and tasks share.

use std::sync::Arc;

use crate::fargate;
use crate::sim::query::{self, Expr};
use crate::yaml::{PathSeg, Span};

use super::input::{items, ConstraintIn, ContainerIn, List, PortIn, StrategyIn, TaskDefIn};
use super::*;

impl Check<'_> {
    /// The task definitions in file order.
    pub(super) fn task_definitions(
        &mut self,
        defs: &std::collections::BTreeMap<String, TaskDefIn>,
    ) -> Vec<TaskDef> {
        let base = [key("task_definitions")];
        let names: Vec<String> = self
            .node(&base)
            .and_then(Node::as_map)
            .map(|m| m.iter().map(|e| e.key.clone()).collect())
            .unwrap_or_default();
        names
            .iter()
            .filter_map(|name| {
                let input = defs.get(name)?;
                Some(self.task_definition(&at(&base, name), name, input))
            })
            .collect()
    }

    fn task_definition(&mut self, p: &[PathSeg], name: &str, input: &TaskDefIn) -> TaskDef {
        let mut td = TaskDef::new(name, 0, 0);
        td.cpu = None;
        td.memory = None;
        if let Some(f) = &input.family {
            td.family = self
                .text(&at(p, "family"), Some(f))
                .unwrap_or_else(|| name.to_string());
        }
        td.network_mode = match self.choice(&at(p, "network_mode"), input.network_mode.as_ref()) {
            Some(1) => NetworkMode::Bridge,
            Some(2) => NetworkMode::Host,
            _ => NetworkMode::Awsvpc,
        };
        if input.requires.is_some()
            && self.choice(&at(p, "requires"), input.requires.as_ref()) == Some(1)
        {
            td.requires = LaunchType::Fargate;
        }
        let platform = input.platform.as_ref();
        if let Some(text) = platform.and_then(|v| self.text(&at(p, "platform"), Some(v))) {
            match fargate::parse_platform(&text) {
                Some((os, arch)) => {
                    td.os = os;
                    td.arch = arch;
                }
                None => self.error(
                    "invalid-value",
                    self.span(&at(p, "platform")),
                    format!("platform `{text}` is not known"),
                    "use linux/x86_64, linux/arm64 or windows/x86_64",
                ),
            }
        }
        td.cpu = self.u32(&at(p, "cpu"), input.cpu);
        td.memory = self.u32(&at(p, "memory"), input.memory);
        if input.ephemeral_storage.is_some() {
            td.ephemeral_gib = self
                .u32(&at(p, "ephemeral_storage"), input.ephemeral_storage)
                .unwrap_or(20);
        }
        let containers = at(p, "containers");
        // Where each container is in the file (one that cannot be read is left out).
        let mut places = Vec::new();
        for (i, c) in items(&input.containers) {
            if let Some(c) = self.container(&nth(&containers, i), c, td.network_mode) {
                td.containers.push(c);
                places.push(nth(&containers, i));
            }
        }
        for (c, span) in self.constraints(&at(p, "constraints"), &input.constraints) {
            if matches!(c, Constraint::DistinctInstance) {
                self.error(
                    "invalid-value",
                    span,
                    "distinctInstance is not allowed in a task definition",
                    "put it in the service's or the task's `constraints`",
                );
            } else {
                td.constraints.push(c);
            }
        }
        if td.requires == LaunchType::Fargate {
            self.fargate_rules(p, &td);
        } else {
            self.ec2_rules(p, &td, &places);
        }
        self.port_rules(p, &td);
        td
    }

    fn fargate_rules(&mut self, p: &[PathSeg], td: &TaskDef) {
        let span = self.span(p);
        if td.network_mode != NetworkMode::Awsvpc {
            self.error(
                "invalid-value",
                self.span(&at(p, "network_mode")),
                "Fargate tasks use network_mode awsvpc",
                "remove network_mode or set it to awsvpc",
            );
        }
        match (td.cpu, td.memory) {
            (Some(cpu), Some(mem)) => {
                if let Err(e) = fargate::check(cpu, mem, td.os, td.arch) {
                    let help = match e.suggestions.as_slice() {
                        [] => e.detail.clone(),
                        s => format!(
                            "{}; nearest sizes: {}",
                            e.detail,
                            s.iter()
                                .map(|(c, m)| format!("cpu {c} / memory {m}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.error("fargate-size", self.span(&at(p, "memory")), e.message, help);
                }
                let sum_cpu: u64 = td.containers.iter().map(|c| u64::from(c.cpu)).sum();
                let sum_mem: u64 = td
                    .containers
                    .iter()
                    .map(|c| u64::from(c.memory_reservation.or(c.memory).unwrap_or(0)))
                    .sum();
                let (cpu, mem) = (u64::from(cpu), u64::from(mem));
                if sum_cpu > cpu || sum_mem > mem {
                    self.error(
                        "fargate-size",
                        self.span(&at(p, "containers")),
                        format!("the containers ask for cpu {sum_cpu} and memory {sum_mem}, more than the task's cpu {cpu} and memory {mem}"),
                        "raise the task's cpu/memory or lower the containers'",
                    );
                }
            }
            _ => self.error(
                "missing-key",
                span,
                format!(
                    "Fargate task definition `{}` needs task-level `cpu` and `memory`",
                    td.name
                ),
                "add e.g. `cpu: 256` and `memory: 512`",
            ),
        }
        if td.containers.iter().any(|c| c.gpu > 0) {
            self.error(
                "invalid-value",
                span,
                "Fargate tasks cannot use GPUs",
                "run GPU tasks on EC2 capacity (requires: EC2)",
            );
        }
    }

    fn ec2_rules(&mut self, p: &[PathSeg], td: &TaskDef, places: &[Vec<PathSeg>]) {
        if td.containers.is_empty() && (td.cpu.is_none() || td.memory.is_none()) {
            self.error(
                "missing-key",
                self.span(p),
                format!(
                    "task definition `{}` has no containers and no task-level cpu and memory",
                    td.name
                ),
                "add `cpu:` and `memory:` or a `containers:` list",
            );
        }
        if td.memory.is_some() {
            return;
        }
        for (c, place) in td.containers.iter().zip(places) {
            if c.memory.is_none() && c.memory_reservation.is_none() {
                self.error(
                    "missing-key",
                    self.span(place),
                    format!("container `{}` needs `memory` or `memory_reservation` (the task has no task-level memory)", c.name),
                    "add `memory_reservation: 512` (soft) or `memory: 512` (hard limit)",
                );
            }
        }
    }

    fn port_rules(&mut self, p: &[PathSeg], td: &TaskDef) {
        let containers = at(p, "containers");
        let mut ports = td.demand().ports;
        let before = ports.len();
        ports.dedup();
        if ports.len() != before {
            self.error(
                "invalid-value",
                self.span(&containers),
                format!(
                    "task definition `{}` maps the same host port twice",
                    td.name
                ),
                "give each container its own host port, or use host: 0 (dynamic) in bridge mode",
            );
        }
        if ports.len() + crate::sim::cluster::RESERVED_PORTS.len()
            > crate::sim::cluster::MAX_RESERVED_PORTS
        {
            self.error(
                "invalid-value",
                self.span(&containers),
                format!("task definition `{}` reserves {} host ports; an instance holds at most 100 (6 reserved by the agent)", td.name, ports.len()),
                "use dynamic ports (host: 0) in bridge mode",
            );
        }
    }

    fn container(
        &mut self,
        p: &[PathSeg],
        input: &ContainerIn,
        mode: NetworkMode,
    ) -> Option<Container> {
        let mut c = Container {
            name: self
                .text(&at(p, "name"), input.name.as_ref())
                .unwrap_or_else(|| "app".into()),
            ..Container::default()
        };
        if input.cpu.is_some() {
            c.cpu = self.u32(&at(p, "cpu"), input.cpu)?;
        }
        if input.memory.is_some() {
            c.memory = Some(self.u32(&at(p, "memory"), input.memory)?);
        }
        if input.memory_reservation.is_some() {
            let r = self.u32(&at(p, "memory_reservation"), input.memory_reservation)?;
            c.memory_reservation = Some(r);
        }
        if let (Some(m), Some(r)) = (c.memory, c.memory_reservation) {
            if m <= r {
                self.error(
                    "invalid-value",
                    self.span(&at(p, "memory")),
                    format!("container `{}`: memory {m} must be more than memory_reservation {r}", c.name),
                    "memory is the hard limit, memory_reservation the soft one: raise memory or lower the reservation",
                );
            }
        }
        if input.gpu.is_some() {
            c.gpu = self.u32(&at(p, "gpu"), input.gpu)?;
        }
        let ports = at(p, "ports");
        for (i, port) in items(&input.ports) {
            if let Some(port) = self.port(&nth(&ports, i), port, mode)? {
                c.ports.push(port);
            }
        }
        Some(c)
    }

    /// One port mapping: Some(None) when it is left out, None when the container goes too.
    fn port(&mut self, p: &[PathSeg], port: &PortIn, mode: NetworkMode) -> Option<Option<Port>> {
        let m = match port {
            PortIn::Number(n) => {
                let container = self.port_number(p, *n)?;
                return Some(Some(Port {
                    container,
                    host: None,
                }));
            }
            PortIn::Map(m) => m,
        };
        let Some(cv) = m.container else {
            self.error(
                "missing-key",
                self.span(p),
                "a port needs `container`",
                "write `{container: 80, host: 0}`",
            );
            return Some(None);
        };
        let container = self.u32(&at(p, "container"), Some(cv))? as u16;
        let host = match m.host {
            Some(h) => Some(self.u32(&at(p, "host"), Some(h))? as u16),
            None => None,
        };
        if mode == NetworkMode::Awsvpc && host.is_some_and(|h| h != 0 && h != container) {
            self.error(
                "invalid-value",
                self.span(&at(p, "host")),
                "in awsvpc mode the host port must equal the container port",
                "remove `host:`",
            );
        }
        Some(Some(Port { container, host }))
    }

    /// A bare port number: 1 to 65535.
    fn port_number(&mut self, p: &[PathSeg], v: i64) -> Option<u16> {
        if (1..=65535).contains(&v) {
            return Some(v as u16);
        }
        self.error(
            "invalid-value",
            self.span(p),
            format!("port {v} is out of range"),
            "use a whole number from 1 to 65535",
        );
        None
    }

    pub(super) fn constraints(
        &mut self,
        p: &[PathSeg],
        list: &List<ConstraintIn>,
    ) -> Vec<(Constraint, Span)> {
        let mut out = Vec::new();
        for (i, item) in items(list) {
            let ip = nth(p, i);
            let span = self.span(&ip);
            let Some(kind) = &item.kind else {
                if self.node(&at(&ip, "type")).is_some() {
                    continue;
                }
                self.error(
                    "missing-key",
                    span,
                    "a constraint needs `type`",
                    "use `type: distinctInstance` or `type: memberOf`",
                );
                continue;
            };
            match self.choice(&at(&ip, "type"), Some(kind)) {
                Some(0) => out.push((Constraint::DistinctInstance, span)),
                Some(_) => {
                    if let Some(c) = self.member_of(&ip, item) {
                        out.push((c, span));
                    }
                }
                None => {}
            }
        }
        out
    }

    fn member_of(&mut self, p: &[PathSeg], item: &ConstraintIn) -> Option<Constraint> {
        let Some(ev) = &item.expression else {
            if self.node(&at(p, "expression")).is_none() {
                self.error(
                    "missing-key",
                    self.span(p),
                    "memberOf needs an `expression`",
                    "add e.g. `expression: \"attribute:ecs.instance-type =~ m5.*\"`",
                );
            }
            return None;
        };
        let ep = at(p, "expression");
        let text = self.text(&ep, Some(ev))?;
        if text.chars().count() > MAX_EXPRESSION {
            self.error(
                "invalid-value",
                self.span(&ep),
                format!(
                    "the expression is {} characters; at most {MAX_EXPRESSION}",
                    text.chars().count()
                ),
                "split it, or use attributes that group instances",
            );
            return None;
        }
        if let Some(expr) = self.expressions.get(&text) {
            return Some(Constraint::MemberOf {
                expr: expr.clone(),
                expression: text,
            });
        }
        match Expr::parse_with(&text, self.precedence) {
            Ok(expr) => {
                let expr = Arc::new(expr);
                self.expressions.insert(text.clone(), expr.clone());
                Some(Constraint::MemberOf {
                    expression: text,
                    expr,
                })
            }
            Err(e) => {
                let node = self.node(&ep).unwrap_or(self.tree);
                let span = expression_span(node, &self.src.text, e.column);
                self.error(
                    "query",
                    span,
                    format!("in memberOf expression: {e}"),
                    "see the cluster query language: `subject operator argument`, e.g. `attribute:stack == prod`",
                );
                None
            }
        }
    }

    pub(super) fn strategy(&mut self, p: &[PathSeg], list: &List<StrategyIn>) -> Vec<Strategy> {
        let mut out = Vec::new();
        let n = list.as_ref().map_or(0, Vec::len);
        if n > MAX_STRATEGIES {
            self.error(
                "invalid-value",
                self.span(p),
                format!("{n} strategies; ECS takes at most {MAX_STRATEGIES}"),
                "drop the least important ones",
            );
        }
        for (i, item) in items(list) {
            let ip = nth(p, i);
            if let Some(s) = self.one_strategy(&ip, item) {
                out.push(s);
            }
        }
        out
    }

    fn one_strategy(&mut self, p: &[PathSeg], item: &StrategyIn) -> Option<Strategy> {
        let span = self.span(p);
        let Some(kind) = &item.kind else {
            if self.node(&at(p, "type")).is_some() {
                return None;
            }
            self.error(
                "missing-key",
                span,
                "a strategy needs `type`",
                "use binpack, spread or random",
            );
            return None;
        };
        let fp = at(p, "field");
        let field = self.text(&fp, item.field.as_ref());
        let field_span = self.span(&fp);
        match self.choice(&at(p, "type"), Some(kind))? {
            0 => match field {
                Some(f) if f.eq_ignore_ascii_case("cpu") => Some(Strategy::Binpack(Resource::Cpu)),
                Some(f) if f.eq_ignore_ascii_case("memory") => {
                    Some(Strategy::Binpack(Resource::Memory))
                }
                Some(f) => {
                    self.error(
                        "invalid-value",
                        field_span,
                        format!("binpack field `{f}` is not cpu or memory"),
                        "use `field: memory` or `field: cpu`",
                    );
                    None
                }
                None => {
                    self.error(
                        "missing-key",
                        span,
                        "binpack needs `field: cpu` or `field: memory`",
                        "",
                    );
                    None
                }
            },
            1 => match field {
                Some(f) if f == "instanceId" || f == "host" => {
                    Some(Strategy::Spread(SpreadField::InstanceId))
                }
                Some(f) => match f.strip_prefix("attribute:") {
                    Some(name) if query::valid_attribute_name(name) => {
                        Some(Strategy::Spread(SpreadField::Attribute(name.to_string())))
                    }
                    _ => {
                        self.error(
                            "invalid-value",
                            field_span,
                            format!(
                                "spread field `{f}` is not instanceId, host or attribute:<name>"
                            ),
                            "use e.g. `field: attribute:ecs.availability-zone`",
                        );
                        None
                    }
                },
                None => {
                    self.error(
                        "missing-key",
                        span,
                        "spread needs a `field`",
                        "use e.g. `field: attribute:ecs.availability-zone` or `field: instanceId`",
                    );
                    None
                }
            },
            _ => Some(Strategy::Random),
        }
    }
}

/// The span of one character inside a scalar (1-based `column` within its text), so a
/// query error points at the culprit. Falls back to the whole scalar.
fn expression_span(node: &Node, text: &str, column: usize) -> Span {
    let span = node.span;
    let raw = text.get(span.offset..span.offset + span.len).unwrap_or("");
    let quote = raw.starts_with('"') || raw.starts_with('\'');
    if raw.contains('\n') {
        return span;
    }
    let lead = usize::from(quote);
    let body: String = raw.chars().skip(lead).collect();
    // Byte offset of the column's character inside the body.
    let byte = body
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(body.len(), |(b, _)| b);
    let offset = span.offset + lead + byte;
    Span {
        offset,
        len: 1,
        line: span.line,
        column: span.column + lead + column - 1,
    }
}
