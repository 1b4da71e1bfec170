//! Reads a scenario file into a [`Scenario`]. Every problem (unknown key, bad value,
//! invalid Fargate size, query-language error) is a [`Diagnostic`] with file:line:col and
//! the next thing to do; all of them are collected, not just the first.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::yaml::{self, Entry, Node, Resolved, Span, Value};

use super::catalog;
use super::model::*;
use super::query::{self, Expr, Precedence};
use crate::fargate::{self, Prices};

/// At most this many constraints per task (task definition and service together).
pub const MAX_CONSTRAINTS: usize = 10;
/// Longest `memberOf` expression.
pub const MAX_EXPRESSION: usize = 2000;
/// Container instances per cluster.
pub const MAX_INSTANCES: usize = 5000;
pub const MAX_STRATEGIES: usize = 5;

/// A loaded scenario and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

/// Parses and checks a scenario file; on failure, every error found.
pub fn load(src: &Arc<SourceFile>) -> Result<Loaded, Vec<Diagnostic>> {
    let root = match yaml::parse(&src.text) {
        Ok(n) => n,
        Err(e) => {
            let mut d = Diagnostic::error("yaml", e.message).at(src, e.span);
            if let Some(h) = e.help {
                d = d.help(h);
            }
            return Err(vec![d]);
        }
    };
    let mut r = Reader {
        src,
        diags: Vec::new(),
        precedence: Precedence::default(),
    };
    let scenario = r.scenario(&root);
    let (errors, warnings): (Vec<_>, Vec<_>) = r.diags.into_iter().partition(|d| d.is_error());
    if errors.is_empty() {
        Ok(Loaded { scenario, warnings })
    } else {
        Err(errors)
    }
}

struct Reader<'s> {
    src: &'s Arc<SourceFile>,
    diags: Vec<Diagnostic>,
    precedence: Precedence,
}

const TOP: &[&str] = &[
    "seed",
    "instances",
    "task_definitions",
    "services",
    "tasks",
    "events",
    "prices",
    "options",
];

impl<'s> Reader<'s> {
    fn error(
        &mut self,
        code: &'static str,
        span: Span,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        let help = help.into();
        let mut d = Diagnostic::error(code, msg).at(self.src, span);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.diags.push(d);
    }

    fn warn(&mut self, span: Span, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning("sim-limit", msg).at(self.src, span));
    }

    /// The entries of a map, reporting unknown keys (with "did you mean").
    fn map<'n>(&mut self, node: &'n Node, what: &str, keys: &[&str]) -> &'n [Entry] {
        let Some(entries) = node.as_map() else {
            if !node.is_null() {
                self.error(
                    "invalid-value",
                    node.span,
                    format!("{what} must be a map, found {}", node.kind()),
                    format!("write {what} as `key: value` lines"),
                );
            }
            return &[];
        };
        for e in entries {
            if !keys.contains(&e.key.as_str()) {
                let best = keys
                    .iter()
                    .map(|k| (k, strsim::jaro_winkler(k, &e.key)))
                    .filter(|(_, s)| *s > 0.75)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                let help = match best {
                    Some((k, _)) => format!("did you mean `{k}`?"),
                    None => format!("known keys: {}", keys.join(", ")),
                };
                self.error(
                    "unknown-key",
                    e.key_span,
                    format!("unknown key `{}` in {what}", e.key),
                    help,
                );
            }
        }
        entries
    }

    fn seq<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.error(
                    "invalid-value",
                    node.span,
                    format!("{what} must be a list, found {}", node.kind()),
                    format!("write {what} as a list: `- ...` lines or `[a, b]`"),
                );
                &[]
            }
        }
    }

    fn uint(&mut self, node: &Node, what: &str, min: u64, max: u64) -> Option<u64> {
        match node.as_i64() {
            Some(v) if v >= min as i64 && (v as u64) <= max => Some(v as u64),
            Some(v) => {
                self.error(
                    "invalid-value",
                    node.span,
                    format!("{what} {v} is out of range"),
                    format!("use a whole number from {min} to {max}"),
                );
                None
            }
            None => {
                self.error(
                    "invalid-value",
                    node.span,
                    format!("{what} must be a whole number, found {}", node.kind()),
                    format!("use a whole number from {min} to {max}"),
                );
                None
            }
        }
    }

    fn u32(&mut self, node: &Node, what: &str, min: u32, max: u32) -> Option<u32> {
        self.uint(node, what, min as u64, max as u64)
            .map(|v| v as u32)
    }

    fn float(&mut self, node: &Node, what: &str, min: f64, max: f64) -> Option<f64> {
        let v = match node.resolved() {
            Some(Resolved::Int(i)) => Some(i as f64),
            Some(Resolved::Float(f)) => Some(f),
            _ => None,
        };
        match v {
            Some(v) if v >= min && v <= max => Some(v),
            _ => {
                self.error(
                    "invalid-value",
                    node.span,
                    format!(
                        "{what} must be a number from {min} to {max}, found {}",
                        node.kind()
                    ),
                    "",
                );
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        let b = node.as_bool();
        if b.is_none() {
            self.error(
                "invalid-value",
                node.span,
                format!("{what} must be true or false, found {}", node.kind()),
                "",
            );
        }
        b
    }

    /// Any scalar's text (`us-east-1a`, `"80"`), not null, a list or a map.
    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match (&node.value, node.resolved()) {
            (Value::Scalar(s), Some(r)) if r != Resolved::Null && !s.text.is_empty() => {
                Some(s.text.clone())
            }
            _ => {
                self.error(
                    "invalid-value",
                    node.span,
                    format!("{what} must be text, found {}", node.kind()),
                    "",
                );
                None
            }
        }
    }

    /// One of `choices` (case-insensitive); returns its index.
    fn choice(&mut self, node: &Node, what: &str, choices: &[&str]) -> Option<usize> {
        let text = self.string(node, what)?;
        let found = choices.iter().position(|c| c.eq_ignore_ascii_case(&text));
        if found.is_none() {
            self.error(
                "invalid-value",
                node.span,
                format!("{what} `{text}` is not one of {}", choices.join(", ")),
                format!("use one of {}", choices.join(", ")),
            );
        }
        found
    }

    fn scenario(&mut self, root: &Node) -> Scenario {
        let mut sc = Scenario::default();
        if root.is_null() {
            self.error(
                "invalid-value",
                root.span,
                "the scenario is empty",
                "add `instances:` and `services:` or `tasks:` (see `tug sim run --help`)",
            );
            return sc;
        }
        let top = self.map(root, "the scenario", TOP);
        if top.is_empty() {
            return sc;
        }
        let get = |k: &str| top.iter().find(|e| e.key == k).map(|e| &e.value);
        if let Some(n) = get("options") {
            sc.options = self.options(n);
            self.precedence = sc.options.precedence;
        }
        if let Some(n) = get("seed") {
            sc.seed = self.uint(n, "seed", 0, u64::MAX >> 1).unwrap_or(0);
        }
        if let Some(n) = get("prices") {
            sc.prices = self.prices(n);
        }
        if let Some(n) = get("instances") {
            sc.instances = self.instances(n);
        }
        let mut td_spans = HashMap::new();
        if let Some(n) = get("task_definitions") {
            match n.as_map() {
                Some(entries) => {
                    for e in entries {
                        let td = self.task_definition(&e.key, &e.value);
                        td_spans.insert(e.key.clone(), e.key_span);
                        sc.task_definitions.push(td);
                    }
                }
                None if n.is_null() => {}
                None => self.error(
                    "invalid-value",
                    n.span,
                    "task_definitions must be a map of name to task definition",
                    "",
                ),
            }
        }
        if let Some(n) = get("services") {
            for item in self.seq(n, "services") {
                if let Some(s) = self.service(item, &sc) {
                    sc.services.push(s);
                }
            }
            let mut seen = HashSet::new();
            for (s, item) in sc.services.iter().zip(self.seq(n, "services")) {
                if !seen.insert(s.name.clone()) {
                    self.error(
                        "invalid-value",
                        item.span,
                        format!("service `{}` is defined twice", s.name),
                        "give each service its own name",
                    );
                }
            }
        }
        if let Some(n) = get("tasks") {
            for item in self.seq(n, "tasks") {
                if let Some(t) = self.run_task(item, &sc) {
                    sc.tasks.push(t);
                }
            }
        }
        if let Some(n) = get("events") {
            for item in self.seq(n, "events") {
                if let Some(e) = self.event(item, &sc) {
                    sc.events.push(e);
                }
            }
            sc.events.sort_by_key(|e| e.at);
        }
        if sc.instances.len() > MAX_INSTANCES {
            if let Some(n) = get("instances") {
                self.warn(
                    n.span,
                    format!(
                        "{} container instances: ECS allows {MAX_INSTANCES} per cluster (simulated anyway)",
                        sc.instances.len()
                    ),
                );
            }
        }
        sc
    }

    fn options(&mut self, n: &Node) -> Options {
        let mut o = Options::default();
        for e in self.map(
            n,
            "options",
            &[
                "chaining",
                "precedence",
                "breaker_minimum",
                "scale_in_ratio",
                "task_start_seconds",
                "restart_delay_seconds",
            ],
        ) {
            let v = &e.value;
            match e.key.as_str() {
                "chaining" => {
                    if let Some(i) = self.choice(v, "options.chaining", &["lexicographic", "first"])
                    {
                        o.chaining = [Chaining::Lexicographic, Chaining::First][i];
                    }
                }
                "precedence" => {
                    if let Some(i) =
                        self.choice(v, "options.precedence", &["not-and-or", "left-to-right"])
                    {
                        o.precedence = [Precedence::NotAndOr, Precedence::LeftToRight][i];
                    }
                }
                "breaker_minimum" => {
                    o.breaker_minimum = self.u32(v, "breaker_minimum", 1, 200).unwrap_or(3)
                }
                "scale_in_ratio" => {
                    o.scale_in_ratio = self.float(v, "scale_in_ratio", 0.0, 1.0).unwrap_or(0.9)
                }
                "task_start_seconds" => {
                    o.task_start_seconds =
                        self.uint(v, "task_start_seconds", 0, 86_400).unwrap_or(30)
                }
                "restart_delay_seconds" => {
                    o.restart_delay_seconds =
                        self.uint(v, "restart_delay_seconds", 0, 900).unwrap_or(30)
                }
                _ => {}
            }
        }
        o
    }

    fn prices(&mut self, n: &Node) -> Prices {
        let mut p = Prices::default();
        for e in self.map(
            n,
            "prices",
            &[
                "x86_vcpu",
                "x86_gb",
                "arm_vcpu",
                "arm_gb",
                "ephemeral_gb",
                "spot_discount",
            ],
        ) {
            let what = format!("prices.{}", e.key);
            let max = if e.key == "spot_discount" {
                0.7
            } else {
                1000.0
            };
            let Some(v) = self.float(&e.value, &what, 0.0, max) else {
                continue;
            };
            match e.key.as_str() {
                "x86_vcpu" => p.x86_vcpu = v,
                "x86_gb" => p.x86_gb = v,
                "arm_vcpu" => p.arm_vcpu = v,
                "arm_gb" => p.arm_gb = v,
                "ephemeral_gb" => p.ephemeral_gb = v,
                "spot_discount" => p.spot_discount = v,
                _ => {}
            }
        }
        p
    }

    fn instances(&mut self, n: &Node) -> Vec<Instance> {
        let mut out: Vec<Instance> = Vec::new();
        let mut ids: HashMap<String, Span> = HashMap::new();
        for item in self.seq(n, "instances") {
            let entries = self.map(
                item,
                "an instance",
                &[
                    "type",
                    "count",
                    "az",
                    "attributes",
                    "id_prefix",
                    "awsvpc_trunking",
                    "status",
                    "registered_at",
                    "cpu",
                    "memory",
                    "gpus",
                    "enis",
                    "agent_version",
                ],
            );
            let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
            let count = get("count")
                .and_then(|v| self.u32(v, "count", 1, 1_000_000))
                .unwrap_or(1);
            let itype = match get("type") {
                Some(v) => {
                    let name = self.string(v, "type");
                    match name.as_deref().map(|nm| (nm, catalog::find(nm))) {
                        Some((_, Some(t))) => Some(t),
                        Some((nm, None)) => {
                            let help = match catalog::suggest(nm) {
                                Some(s) => format!("did you mean `{s}`? Or give `cpu` and `memory` instead of `type`"),
                                None => format!(
                                    "known types: {}; or give `cpu` and `memory` instead of `type`",
                                    catalog::TYPES.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
                                ),
                            };
                            self.error(
                                "invalid-value",
                                v.span,
                                format!("unknown instance type `{nm}`"),
                                help,
                            );
                            continue;
                        }
                        None => continue,
                    }
                }
                None => None,
            };
            let cpu = get("cpu").and_then(|v| self.u32(v, "cpu", 1, 1_000_000));
            let memory = get("memory").and_then(|v| self.u32(v, "memory", 1, 100_000_000));
            if itype.is_none() && (cpu.is_none() || memory.is_none()) {
                if get("cpu").is_none() || get("memory").is_none() {
                    self.error(
                        "missing-key",
                        item.span,
                        "an instance needs `type`, or both `cpu` (units) and `memory` (MiB)",
                        "add `type: m5.large` or `cpu: 2048` and `memory: 7680`",
                    );
                }
                continue;
            }
            let azs: Vec<String> = match get("az") {
                Some(v) if v.as_seq().is_some() => self
                    .seq(v, "az")
                    .iter()
                    .filter_map(|a| self.string(a, "az"))
                    .collect(),
                Some(v) => self.string(v, "az").into_iter().collect(),
                None => vec!["us-east-1a".to_string()],
            };
            if azs.is_empty() {
                self.error(
                    "invalid-value",
                    item.span,
                    "az is an empty list",
                    "name at least one AZ",
                );
                continue;
            }
            let trunking = get("awsvpc_trunking")
                .and_then(|v| self.boolean(v, "awsvpc_trunking"))
                .unwrap_or(false);
            let trunk_tasks = match (trunking, itype) {
                (false, _) => None,
                (true, Some(t)) => match t.trunk_tasks() {
                    Some(n) => Some(n),
                    None => {
                        self.error(
                            "invalid-value",
                            get("awsvpc_trunking").map_or(item.span, |v| v.span),
                            format!("{} does not support ENI trunking", t.name),
                            "use a large-or-bigger m5, c5, r5, m6g or c6g type, or drop awsvpc_trunking",
                        );
                        None
                    }
                },
                (true, None) => {
                    self.error(
                        "invalid-value",
                        get("awsvpc_trunking").map_or(item.span, |v| v.span),
                        "awsvpc_trunking needs an instance `type` (the trunk limit depends on it)",
                        "add `type:` or give `enis:` instead",
                    );
                    None
                }
            };
            let status = match get("status") {
                Some(v) => match self.choice(v, "status", &["ACTIVE", "DRAINING"]) {
                    Some(1) => Status::Draining,
                    _ => Status::Active,
                },
                None => Status::Active,
            };
            let registered_at = get("registered_at").and_then(|v| {
                let text = self.string(v, "registered_at")?;
                let d = query::parse_date(&text);
                if d.is_none() {
                    self.error(
                        "invalid-value",
                        v.span,
                        format!("registered_at `{text}` is not a date"),
                        "use 2026-01-05, 2026-01-05T10:00:00 or 2026-01-05T10:00:00Z",
                    );
                }
                d
            });
            let mut attrs: Vec<(String, String)> = Vec::new();
            if let Some(v) = get("attributes") {
                for e in v.as_map().unwrap_or(&[]) {
                    if !query::valid_attribute_name(&e.key) {
                        self.error(
                            "invalid-value",
                            e.key_span,
                            format!("attribute name `{}` is not valid", e.key),
                            "use 1-128 letters, digits and -_/\\.",
                        );
                        continue;
                    }
                    let Some(val) = self.string(&e.value, "an attribute value") else {
                        continue;
                    };
                    if !query::valid_attribute_value(&val) {
                        self.error(
                            "invalid-value",
                            e.value.span,
                            format!("attribute value `{val}` is not valid"),
                            "use 1-128 letters, digits, spaces and -_/\\.@:",
                        );
                        continue;
                    }
                    attrs.push((e.key.clone(), val));
                }
                if v.as_map().is_none() && !v.is_null() {
                    self.error(
                        "invalid-value",
                        v.span,
                        "attributes must be a map",
                        "write `attributes: {stack: prod}`",
                    );
                }
            }
            let gpus = get("gpus").and_then(|v| self.u32(v, "gpus", 0, 64));
            let enis = get("enis").and_then(|v| self.u32(v, "enis", 1, 128));
            let agent_version = get("agent_version").and_then(|v| self.string(v, "agent_version"));
            let prefix = get("id_prefix").and_then(|v| self.string(v, "id_prefix"));
            // One template per entry: the instances share its attribute strings.
            let mut template = match itype {
                Some(t) => Instance::of_type("", t, &azs[0]),
                None => Instance::sized("", cpu.unwrap_or(0), memory.unwrap_or(0), &azs[0]),
            };
            for (name, val) in &attrs {
                template.set_attribute(name, val);
            }
            let az_values: Vec<std::sync::Arc<str>> = azs
                .iter()
                .map(|a| std::sync::Arc::from(a.as_str()))
                .collect();
            for k in 0..count {
                let id = match &prefix {
                    Some(p) => format!("{p}{}", k + 1),
                    None => format!("i-{}", out.len() + 1),
                };
                let slot = k as usize % azs.len();
                let mut inst = template.clone();
                inst.id = id.clone();
                inst.az = azs[slot].clone();
                if let Ok(a) = inst
                    .attributes
                    .binary_search_by(|(n, _)| (**n).cmp("ecs.availability-zone"))
                {
                    inst.attributes[a].1 = az_values[slot].clone();
                }
                if slot != 0 && !attrs.iter().any(|(n, _)| n == "ecs.subnet-id") {
                    inst.set_attribute("ecs.subnet-id", &format!("subnet-{}", azs[slot]));
                }
                if itype.is_some() {
                    if let Some(c) = cpu {
                        inst.cpu = c;
                    }
                    if let Some(m) = memory {
                        inst.memory = m;
                    }
                }
                if let Some(g) = gpus {
                    inst.gpus = g;
                }
                if let Some(e) = enis {
                    inst.eni_tasks = e.saturating_sub(1);
                }
                if let Some(t) = trunk_tasks {
                    inst.awsvpc_trunking = true;
                    inst.eni_tasks = t;
                    inst.set_attribute("ecs.awsvpc-trunk-id", &format!("trunk-{id}"));
                }
                inst.status = status;
                inst.registered_at = registered_at;
                if let Some(v) = &agent_version {
                    inst.agent_version = v.clone();
                }
                if ids.insert(id.clone(), item.span).is_some() {
                    self.error(
                        "invalid-value",
                        item.span,
                        format!("instance id `{id}` is used twice"),
                        "give this group its own `id_prefix`",
                    );
                    break;
                }
                out.push(inst);
            }
        }
        out
    }

    fn task_definition(&mut self, name: &str, n: &Node) -> TaskDef {
        let entries = self.map(
            n,
            &format!("task definition `{name}`"),
            &[
                "family",
                "network_mode",
                "requires",
                "cpu",
                "memory",
                "containers",
                "constraints",
                "platform",
                "ephemeral_storage",
            ],
        );
        let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
        let mut td = TaskDef::new(name, 0, 0);
        td.cpu = None;
        td.memory = None;
        if let Some(v) = get("family") {
            td.family = self.string(v, "family").unwrap_or_else(|| name.to_string());
        }
        if let Some(v) = get("network_mode") {
            td.network_mode = match self.choice(v, "network_mode", &["awsvpc", "bridge", "host"]) {
                Some(1) => NetworkMode::Bridge,
                Some(2) => NetworkMode::Host,
                _ => NetworkMode::Awsvpc,
            };
        }
        if let Some(v) = get("requires") {
            td.requires = match self.choice(v, "requires", &["EC2", "FARGATE"]) {
                Some(1) => LaunchType::Fargate,
                _ => LaunchType::Ec2,
            };
        }
        if let Some(v) = get("platform") {
            if let Some(text) = self.string(v, "platform") {
                match fargate::parse_platform(&text) {
                    Some((os, arch)) => {
                        td.os = os;
                        td.arch = arch;
                    }
                    None => self.error(
                        "invalid-value",
                        v.span,
                        format!("platform `{text}` is not known"),
                        "use linux/x86_64, linux/arm64 or windows/x86_64",
                    ),
                }
            }
        }
        let fargate = td.requires == LaunchType::Fargate;
        if let Some(v) = get("cpu") {
            let (min, max) = if fargate { (256, 16384) } else { (128, 10240) };
            td.cpu = self.u32(v, "task cpu", min, max);
        }
        if let Some(v) = get("memory") {
            td.memory = self.u32(v, "task memory", 6, 10_000_000);
        }
        if let Some(v) = get("ephemeral_storage") {
            td.ephemeral_gib = self
                .u32(
                    v,
                    "ephemeral_storage (GiB)",
                    *fargate::EPHEMERAL_GIB.start(),
                    *fargate::EPHEMERAL_GIB.end(),
                )
                .unwrap_or(20);
        }
        if let Some(v) = get("containers") {
            for item in self.seq(v, "containers") {
                if let Some(c) = self.container(item, &td) {
                    td.containers.push(c);
                }
            }
        }
        if let Some(v) = get("constraints") {
            for (c, span) in self.constraints(v) {
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
        }
        // Size rules.
        if fargate {
            if td.network_mode != NetworkMode::Awsvpc {
                let span = get("network_mode").map_or(n.span, |v| v.span);
                self.error(
                    "invalid-value",
                    span,
                    "Fargate tasks use network_mode awsvpc",
                    "remove network_mode or set it to awsvpc",
                );
            }
            match (td.cpu, td.memory) {
                (Some(cpu), Some(mem)) => {
                    if let Err(e) = fargate::check(cpu, mem, td.os, td.arch) {
                        let span = get("memory").map_or(n.span, |v| v.span);
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
                        self.error("fargate-size", span, e.message, help);
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
                            get("containers").map_or(n.span, |v| v.span),
                            format!("the containers ask for cpu {sum_cpu} and memory {sum_mem}, more than the task's cpu {cpu} and memory {mem}"),
                            "raise the task's cpu/memory or lower the containers'",
                        );
                    }
                }
                _ => self.error(
                    "missing-key",
                    n.span,
                    format!("Fargate task definition `{name}` needs task-level `cpu` and `memory`"),
                    "add e.g. `cpu: 256` and `memory: 512`",
                ),
            }
            if td.containers.iter().any(|c| c.gpu > 0) {
                self.error(
                    "invalid-value",
                    n.span,
                    "Fargate tasks cannot use GPUs",
                    "run GPU tasks on EC2 capacity (requires: EC2)",
                );
            }
        } else {
            if td.containers.is_empty() && (td.cpu.is_none() || td.memory.is_none()) {
                self.error(
                    "missing-key",
                    n.span,
                    format!("task definition `{name}` has no containers and no task-level cpu and memory"),
                    "add `cpu:` and `memory:` or a `containers:` list",
                );
            }
            if td.memory.is_none() {
                if let Some(v) = get("containers") {
                    for (c, item) in td.containers.iter().zip(v.as_seq().unwrap_or(&[])) {
                        if c.memory.is_none() && c.memory_reservation.is_none() {
                            self.error(
                                "missing-key",
                                item.span,
                                format!("container `{}` needs `memory` or `memory_reservation` (the task has no task-level memory)", c.name),
                                "add `memory_reservation: 512` (soft) or `memory: 512` (hard limit)",
                            );
                        }
                    }
                }
            }
        }
        let mut ports = td.demand().ports;
        let before = ports.len();
        ports.dedup();
        if ports.len() != before {
            self.error(
                "invalid-value",
                get("containers").map_or(n.span, |v| v.span),
                format!("task definition `{name}` maps the same host port twice"),
                "give each container its own host port, or use host: 0 (dynamic) in bridge mode",
            );
        }
        if ports.len() + crate::sim::cluster::RESERVED_PORTS.len()
            > crate::sim::cluster::MAX_RESERVED_PORTS
        {
            self.error(
                "invalid-value",
                get("containers").map_or(n.span, |v| v.span),
                format!("task definition `{name}` reserves {} host ports; an instance holds at most 100 (6 reserved by the agent)", ports.len()),
                "use dynamic ports (host: 0) in bridge mode",
            );
        }
        td
    }

    fn container(&mut self, item: &Node, td: &TaskDef) -> Option<Container> {
        let entries = self.map(
            item,
            "a container",
            &[
                "name",
                "cpu",
                "memory",
                "memory_reservation",
                "ports",
                "gpu",
            ],
        );
        let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
        let mut c = Container {
            name: get("name")
                .and_then(|v| self.string(v, "name"))
                .unwrap_or_else(|| "app".into()),
            ..Container::default()
        };
        if let Some(v) = get("cpu") {
            c.cpu = self.u32(v, "container cpu", 0, 10240)?;
        }
        if let Some(v) = get("memory") {
            c.memory = Some(self.u32(v, "container memory (MiB)", 6, 10_000_000)?);
        }
        if let Some(v) = get("memory_reservation") {
            c.memory_reservation = Some(self.u32(v, "memory_reservation (MiB)", 6, 10_000_000)?);
        }
        if let (Some(m), Some(r)) = (c.memory, c.memory_reservation) {
            if m <= r {
                let span = get("memory").map_or(item.span, |v| v.span);
                self.error(
                    "invalid-value",
                    span,
                    format!("container `{}`: memory {m} must be more than memory_reservation {r}", c.name),
                    "memory is the hard limit, memory_reservation the soft one: raise memory or lower the reservation",
                );
            }
        }
        if let Some(v) = get("gpu") {
            c.gpu = self.u32(v, "gpu", 0, 64)?;
        }
        if let Some(v) = get("ports") {
            for p in self.seq(v, "ports") {
                if p.as_i64().is_some() {
                    let port = self.u32(p, "port", 1, 65535)? as u16;
                    c.ports.push(Port {
                        container: port,
                        host: None,
                    });
                    continue;
                }
                let pe = self.map(p, "a port", &["container", "host"]);
                let pget = |k: &str| pe.iter().find(|e| e.key == k).map(|e| &e.value);
                let Some(cv) = pget("container") else {
                    self.error(
                        "missing-key",
                        p.span,
                        "a port needs `container`",
                        "write `{container: 80, host: 0}`",
                    );
                    continue;
                };
                let container = self.u32(cv, "container port", 1, 65535)? as u16;
                let host = match pget("host") {
                    Some(h) => Some(self.u32(h, "host port", 0, 65535)? as u16),
                    None => None,
                };
                if td.network_mode == NetworkMode::Awsvpc
                    && host.is_some_and(|h| h != 0 && h != container)
                {
                    self.error(
                        "invalid-value",
                        pget("host").map_or(p.span, |v| v.span),
                        "in awsvpc mode the host port must equal the container port",
                        "remove `host:`",
                    );
                }
                c.ports.push(Port { container, host });
            }
        }
        Some(c)
    }

    fn constraints(&mut self, v: &Node) -> Vec<(Constraint, Span)> {
        let mut out = Vec::new();
        for item in self.seq(v, "constraints") {
            let entries = self.map(item, "a constraint", &["type", "expression"]);
            let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
            let Some(t) = get("type") else {
                self.error(
                    "missing-key",
                    item.span,
                    "a constraint needs `type`",
                    "use `type: distinctInstance` or `type: memberOf`",
                );
                continue;
            };
            match self.choice(t, "constraint type", &["distinctInstance", "memberOf"]) {
                Some(0) => out.push((Constraint::DistinctInstance, item.span)),
                Some(_) => {
                    let Some(ev) = get("expression") else {
                        self.error(
                            "missing-key",
                            item.span,
                            "memberOf needs an `expression`",
                            "add e.g. `expression: \"attribute:ecs.instance-type =~ m5.*\"`",
                        );
                        continue;
                    };
                    let Some(text) = self.string(ev, "expression") else {
                        continue;
                    };
                    if text.chars().count() > MAX_EXPRESSION {
                        self.error(
                            "invalid-value",
                            ev.span,
                            format!(
                                "the expression is {} characters; at most {MAX_EXPRESSION}",
                                text.chars().count()
                            ),
                            "split it, or use attributes that group instances",
                        );
                        continue;
                    }
                    match Expr::parse_with(&text, self.precedence) {
                        Ok(expr) => out.push((
                            Constraint::MemberOf {
                                expression: text,
                                expr: Arc::new(expr),
                            },
                            item.span,
                        )),
                        Err(e) => {
                            let span = expression_span(ev, &self.src.text, e.column);
                            self.error(
                                "query",
                                span,
                                format!("in memberOf expression: {e}"),
                                "see the cluster query language: `subject operator argument`, e.g. `attribute:stack == prod`",
                            );
                        }
                    }
                }
                None => {}
            }
        }
        out
    }

    fn strategy(&mut self, v: &Node) -> Vec<Strategy> {
        let mut out = Vec::new();
        let items = self.seq(v, "strategy");
        if items.len() > MAX_STRATEGIES {
            self.error(
                "invalid-value",
                v.span,
                format!(
                    "{} strategies; ECS takes at most {MAX_STRATEGIES}",
                    items.len()
                ),
                "drop the least important ones",
            );
        }
        for item in items {
            let entries = self.map(item, "a strategy", &["type", "field"]);
            let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
            let Some(t) = get("type") else {
                self.error(
                    "missing-key",
                    item.span,
                    "a strategy needs `type`",
                    "use binpack, spread or random",
                );
                continue;
            };
            let field = get("field").and_then(|f| self.string(f, "field").map(|s| (s, f.span)));
            match self.choice(t, "strategy type", &["binpack", "spread", "random"]) {
                Some(0) => match field {
                    Some((f, _)) if f.eq_ignore_ascii_case("cpu") => {
                        out.push(Strategy::Binpack(Resource::Cpu))
                    }
                    Some((f, _)) if f.eq_ignore_ascii_case("memory") => {
                        out.push(Strategy::Binpack(Resource::Memory))
                    }
                    Some((f, span)) => self.error(
                        "invalid-value",
                        span,
                        format!("binpack field `{f}` is not cpu or memory"),
                        "use `field: memory` or `field: cpu`",
                    ),
                    None => self.error(
                        "missing-key",
                        item.span,
                        "binpack needs `field: cpu` or `field: memory`",
                        "",
                    ),
                },
                Some(1) => match field {
                    Some((f, _)) if f == "instanceId" || f == "host" => {
                        out.push(Strategy::Spread(SpreadField::InstanceId))
                    }
                    Some((f, span)) => match f.strip_prefix("attribute:") {
                        Some(name) if query::valid_attribute_name(name) => {
                            out.push(Strategy::Spread(SpreadField::Attribute(name.to_string())))
                        }
                        _ => self.error(
                            "invalid-value",
                            span,
                            format!(
                                "spread field `{f}` is not instanceId, host or attribute:<name>"
                            ),
                            "use e.g. `field: attribute:ecs.availability-zone`",
                        ),
                    },
                    None => self.error(
                        "missing-key",
                        item.span,
                        "spread needs a `field`",
                        "use e.g. `field: attribute:ecs.availability-zone` or `field: instanceId`",
                    ),
                },
                Some(_) => out.push(Strategy::Random),
                None => {}
            }
        }
        out
    }

    fn td_ref(&mut self, v: &Node, sc: &Scenario) -> Option<usize> {
        let name = self.string(v, "task_definition")?;
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
                v.span,
                format!("no task definition named `{name}`"),
                help,
            );
        }
        found
    }

    fn service(&mut self, item: &Node, sc: &Scenario) -> Option<Service> {
        let entries = self.map(
            item,
            "a service",
            &[
                "name",
                "task_definition",
                "desired",
                "scheduling",
                "strategy",
                "constraints",
                "deployment",
                "launch_type",
                "azs",
                "autoscaling",
                "spot",
            ],
        );
        let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
        let Some(name) = get("name").and_then(|v| self.string(v, "name")) else {
            if get("name").is_none() {
                self.error(
                    "missing-key",
                    item.span,
                    "a service needs a `name`",
                    "add `name: api`",
                );
            }
            return None;
        };
        let Some(tdv) = get("task_definition") else {
            self.error(
                "missing-key",
                item.span,
                format!("service `{name}` needs a `task_definition`"),
                "name one of the task_definitions",
            );
            return None;
        };
        let td = self.td_ref(tdv, sc)?;
        let mut s = Service::new(&name, td, 1);
        let def = &sc.task_definitions[td];
        if let Some(v) = get("scheduling") {
            if self.choice(v, "scheduling", &["replica", "daemon"]) == Some(1) {
                s.scheduling = Scheduling::Daemon;
                s.deployment = Deployment::daemon_default();
                s.strategy = Vec::new();
            }
        }
        let daemon = s.scheduling == Scheduling::Daemon;
        match get("desired") {
            Some(v) if daemon => self.error(
                "invalid-value",
                v.span,
                "a daemon service has no desired count (one task per instance)",
                "remove `desired`",
            ),
            Some(v) => s.desired = self.u32(v, "desired", 0, 10_000_000).unwrap_or(1),
            None => {}
        }
        s.launch_type = def.requires;
        if let Some(v) = get("launch_type") {
            s.launch_type = match self.choice(v, "launch_type", &["EC2", "FARGATE"]) {
                Some(1) => LaunchType::Fargate,
                _ => LaunchType::Ec2,
            };
            if s.launch_type == LaunchType::Fargate && def.requires != LaunchType::Fargate {
                self.error(
                    "invalid-value",
                    v.span,
                    format!("task definition `{}` does not require FARGATE", def.name),
                    "add `requires: FARGATE` (and a Fargate cpu/memory) to the task definition",
                );
            }
        }
        let fargate = s.launch_type == LaunchType::Fargate;
        if fargate && daemon {
            self.error(
                "invalid-value",
                item.span,
                "daemon services do not run on Fargate",
                "use scheduling: replica, or launch_type: EC2",
            );
        }
        if let Some(v) = get("strategy") {
            if daemon {
                self.error(
                    "invalid-value",
                    v.span,
                    "a daemon service takes no placement strategy",
                    "remove `strategy`",
                );
            } else if fargate {
                self.warn(
                    v.span,
                    "Fargate ignores placement strategies (tasks spread over the service's AZs)",
                );
            } else {
                s.strategy = self.strategy(v);
            }
        }
        if let Some(v) = get("constraints") {
            let cs: Vec<Constraint> = self.constraints(v).into_iter().map(|(c, _)| c).collect();
            if fargate {
                self.warn(v.span, "Fargate ignores placement constraints");
            } else {
                s.constraints = cs;
            }
            if s.constraints.len() + def.constraints.len() > MAX_CONSTRAINTS {
                self.error("invalid-value", v.span, format!("{} constraints with the task definition's; at most {MAX_CONSTRAINTS} per task", s.constraints.len() + def.constraints.len()), "combine memberOf expressions with `and`");
            }
        }
        if let Some(v) = get("deployment") {
            let de = self.map(
                v,
                "deployment",
                &[
                    "minimum_healthy_percent",
                    "maximum_percent",
                    "circuit_breaker",
                    "rolling",
                ],
            );
            let dget = |k: &str| de.iter().find(|e| e.key == k).map(|e| &e.value);
            if let Some(r) = dget("rolling") {
                match self.choice(r, "deployment.rolling", &["default", "recreate"]) {
                    Some(0) => {
                        s.deployment.minimum_healthy_percent = 100;
                        s.deployment.maximum_percent = 200;
                    }
                    Some(_) => {
                        s.deployment.minimum_healthy_percent = 0;
                        s.deployment.maximum_percent = 100;
                    }
                    None => {}
                }
            }
            if let Some(m) = dget("minimum_healthy_percent") {
                s.deployment.minimum_healthy_percent = self
                    .u32(m, "minimum_healthy_percent", 0, 100)
                    .unwrap_or(100);
            }
            if let Some(m) = dget("maximum_percent") {
                s.deployment.maximum_percent =
                    self.u32(m, "maximum_percent", 100, 200).unwrap_or(200);
            }
            if let Some(b) = dget("circuit_breaker") {
                s.deployment.circuit_breaker = self.boolean(b, "circuit_breaker").unwrap_or(true);
            }
        }
        match get("azs") {
            Some(v) => {
                s.azs = self
                    .seq(v, "azs")
                    .iter()
                    .filter_map(|a| self.string(a, "an AZ"))
                    .collect();
                if !fargate {
                    self.warn(
                        v.span,
                        "azs is for Fargate services; EC2 tasks go where the instances are",
                    );
                }
            }
            None if fargate => self.error(
                "missing-key",
                item.span,
                format!("Fargate service `{name}` needs `azs` (the AZs of its subnets)"),
                "add `azs: [us-east-1a, us-east-1b]`",
            ),
            None => {}
        }
        if let Some(v) = get("spot") {
            s.spot = self.boolean(v, "spot").unwrap_or(false);
            if s.spot && !fargate::spot_allowed(def.os, def.arch) {
                self.error(
                    "invalid-value",
                    v.span,
                    format!(
                        "Fargate Spot does not run {}",
                        fargate::platform_name(def.os, def.arch)
                    ),
                    "Spot is Linux on x86_64 only: drop `spot` or change the platform",
                );
            }
        }
        if let Some(v) = get("autoscaling") {
            s.autoscaling = self.autoscaling(v);
        }
        Some(s)
    }

    fn autoscaling(&mut self, v: &Node) -> Option<Autoscaling> {
        let e = self.map(
            v,
            "autoscaling",
            &[
                "min",
                "max",
                "target_cpu",
                "target_memory",
                "target_requests",
                "cpu_percentage",
                "memory_percentage",
                "requests",
                "cooldown_out",
                "cooldown_in",
            ],
        );
        // Copilot's names (`cpu_percentage`, `memory_percentage`, `requests`) are aliases.
        let alias = |k: &str| -> String {
            match k {
                "cpu_percentage" => "target_cpu",
                "memory_percentage" => "target_memory",
                "requests" => "target_requests",
                k => k,
            }
            .to_string()
        };
        let get = |k: &str| e.iter().find(|x| alias(&x.key) == k).map(|x| &x.value);
        let min = get("min")
            .and_then(|n| self.u32(n, "min", 0, 10_000_000))
            .unwrap_or(1);
        let max = get("max")
            .and_then(|n| self.u32(n, "max", 0, 10_000_000))
            .unwrap_or(min);
        if max < min {
            self.error(
                "invalid-value",
                get("max").map_or(v.span, |n| n.span),
                format!("autoscaling max {max} is below min {min}"),
                "raise max or lower min",
            );
        }
        let target_cpu = get("target_cpu").and_then(|n| self.float(n, "target_cpu", 1.0, 100.0));
        let target_memory =
            get("target_memory").and_then(|n| self.float(n, "target_memory", 1.0, 100.0));
        let target_requests =
            get("target_requests").and_then(|n| self.float(n, "target_requests", 1.0, 1e9));
        if target_cpu.is_none() && target_memory.is_none() && target_requests.is_none() {
            self.error(
                "missing-key",
                v.span,
                "autoscaling needs a target",
                "add `target_cpu: 70`, `target_memory: 80` or `target_requests: 1000`",
            );
        }
        Some(Autoscaling {
            min,
            max,
            target_cpu,
            target_memory,
            target_requests,
            cooldown_out: get("cooldown_out")
                .and_then(|n| self.uint(n, "cooldown_out", 0, 86_400))
                .unwrap_or(300),
            cooldown_in: get("cooldown_in")
                .and_then(|n| self.uint(n, "cooldown_in", 0, 86_400))
                .unwrap_or(300),
        })
    }

    fn run_task(&mut self, item: &Node, sc: &Scenario) -> Option<RunTask> {
        let e = self.map(
            item,
            "a task",
            &[
                "task_definition",
                "count",
                "group",
                "strategy",
                "constraints",
            ],
        );
        let get = |k: &str| e.iter().find(|x| x.key == k).map(|x| &x.value);
        let Some(tdv) = get("task_definition") else {
            self.error(
                "missing-key",
                item.span,
                "a task needs a `task_definition`",
                "name one of the task_definitions",
            );
            return None;
        };
        let td = self.td_ref(tdv, sc)?;
        let def = &sc.task_definitions[td];
        if def.requires == LaunchType::Fargate {
            self.error(
                "invalid-value",
                tdv.span,
                "standalone Fargate tasks are not simulated",
                "use a Fargate service, or an EC2 task definition",
            );
        }
        let mut rt = RunTask {
            task_definition: td,
            count: get("count")
                .and_then(|n| self.u32(n, "count", 1, 10_000_000))
                .unwrap_or(1),
            group: get("group").and_then(|n| self.string(n, "group")),
            strategy: Strategy::run_task_default(),
            constraints: Vec::new(),
        };
        if let Some(v) = get("strategy") {
            rt.strategy = self.strategy(v);
        }
        if let Some(v) = get("constraints") {
            rt.constraints = self.constraints(v).into_iter().map(|(c, _)| c).collect();
            if rt.constraints.len() + def.constraints.len() > MAX_CONSTRAINTS {
                self.error(
                    "invalid-value",
                    v.span,
                    format!("more than {MAX_CONSTRAINTS} constraints with the task definition's"),
                    "combine memberOf expressions with `and`",
                );
            }
        }
        Some(rt)
    }

    fn service_ref(&mut self, v: &Node, sc: &Scenario) -> Option<usize> {
        let name = self.string(v, "service")?;
        let found = sc.services.iter().position(|s| s.name == name);
        if found.is_none() {
            let names: Vec<&str> = sc.services.iter().map(|s| s.name.as_str()).collect();
            let help = names
                .iter()
                .find(|n| strsim::jaro_winkler(n, &name) > 0.7)
                .map(|n| format!("did you mean `{n}`?"))
                .unwrap_or_else(|| format!("services: {}", names.join(", ")));
            self.error(
                "invalid-value",
                v.span,
                format!("no service named `{name}`"),
                help,
            );
        }
        found
    }

    fn event(&mut self, item: &Node, sc: &Scenario) -> Option<Event> {
        const KINDS: &[&str] = &["deploy", "fail_az", "drain_instance", "scale", "metric"];
        let mut keys = vec!["at"];
        keys.extend_from_slice(KINDS);
        let e = self.map(item, "an event", &keys);
        let get = |k: &str| e.iter().find(|x| x.key == k).map(|x| &x.value);
        let at = match get("at") {
            Some(v) => self.uint(v, "at (seconds)", 0, 10_000_000)?,
            None => {
                self.error(
                    "missing-key",
                    item.span,
                    "an event needs `at` (seconds from the start)",
                    "add `at: 60`",
                );
                return None;
            }
        };
        let present: Vec<&Entry> = e
            .iter()
            .filter(|x| KINDS.contains(&x.key.as_str()))
            .collect();
        if present.len() != 1 {
            self.error(
                "invalid-value",
                item.span,
                "an event needs exactly one of deploy, fail_az, drain_instance, scale, metric",
                "split it into one event per line",
            );
            return None;
        }
        let entry = present[0];
        let v = &entry.value;
        let kind = match entry.key.as_str() {
            "deploy" => {
                let d = self.map(v, "deploy", &["service", "task_definition", "fail_tasks"]);
                let dget = |k: &str| d.iter().find(|x| x.key == k).map(|x| &x.value);
                let (Some(sv), Some(tv)) = (dget("service"), dget("task_definition")) else {
                    self.error(
                        "missing-key",
                        v.span,
                        "deploy needs `service` and `task_definition`",
                        "write `deploy: {service: api, task_definition: api-v2}`",
                    );
                    return None;
                };
                let service = self.service_ref(sv, sc)?;
                let task_definition = self.td_ref(tv, sc)?;
                let fail_tasks = dget("fail_tasks")
                    .and_then(|n| self.u32(n, "fail_tasks", 0, 10_000_000))
                    .unwrap_or(0);
                let s = &sc.services[service];
                let new = &sc.task_definitions[task_definition];
                if (s.launch_type == LaunchType::Fargate) != (new.requires == LaunchType::Fargate) {
                    self.error(
                        "invalid-value",
                        tv.span,
                        format!(
                            "task definition `{}` does not suit service `{}`'s launch type",
                            new.name, s.name
                        ),
                        "deploy a task definition with the same `requires`",
                    );
                }
                EventKind::Deploy {
                    service,
                    task_definition,
                    fail_tasks,
                }
            }
            "fail_az" => EventKind::FailAz(self.string(v, "fail_az")?),
            "drain_instance" => {
                let id = self.string(v, "drain_instance")?;
                if !sc.instances.iter().any(|i| i.id == id) {
                    let help = sc
                        .instances
                        .iter()
                        .map(|i| (i.id.as_str(), strsim::jaro_winkler(&i.id, &id)))
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .filter(|(_, s)| *s > 0.7)
                        .map(|(n, _)| format!("did you mean `{n}`?"))
                        .unwrap_or_else(|| {
                            "name an instance id (id_prefix + number, or i-1, i-2, ...)".into()
                        });
                    self.error(
                        "invalid-value",
                        v.span,
                        format!("no instance with id `{id}`"),
                        help,
                    );
                    return None;
                }
                EventKind::DrainInstance(id)
            }
            "scale" => {
                let d = self.map(v, "scale", &["service", "desired"]);
                let dget = |k: &str| d.iter().find(|x| x.key == k).map(|x| &x.value);
                let (Some(sv), Some(dv)) = (dget("service"), dget("desired")) else {
                    self.error(
                        "missing-key",
                        v.span,
                        "scale needs `service` and `desired`",
                        "write `scale: {service: api, desired: 12}`",
                    );
                    return None;
                };
                let service = self.service_ref(sv, sc)?;
                if sc.services[service].scheduling == Scheduling::Daemon {
                    self.error(
                        "invalid-value",
                        sv.span,
                        "a daemon service cannot be scaled",
                        "add or drain instances instead",
                    );
                }
                EventKind::Scale {
                    service,
                    desired: self.u32(dv, "desired", 0, 10_000_000)?,
                }
            }
            _ => {
                let d = self.map(v, "metric", &["service", "cpu", "memory", "requests"]);
                let dget = |k: &str| d.iter().find(|x| x.key == k).map(|x| &x.value);
                let Some(sv) = dget("service") else {
                    self.error(
                        "missing-key",
                        v.span,
                        "metric needs `service`",
                        "write `metric: {service: api, cpu: 85}`",
                    );
                    return None;
                };
                let service = self.service_ref(sv, sc)?;
                let cpu = dget("cpu").and_then(|n| self.float(n, "cpu (%)", 0.0, 100.0));
                let memory = dget("memory").and_then(|n| self.float(n, "memory (%)", 0.0, 100.0));
                let requests =
                    dget("requests").and_then(|n| self.float(n, "requests per target", 0.0, 1e12));
                if sc.services[service].autoscaling.is_none() {
                    self.warn(
                        sv.span,
                        format!(
                            "service `{}` has no autoscaling; this metric changes nothing",
                            sc.services[service].name
                        ),
                    );
                }
                EventKind::Metric {
                    service,
                    cpu,
                    memory,
                    requests,
                }
            }
        };
        Some(Event { at, kind })
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

/// A workload manifest's `placement: {strategy, constraints}` (EC2 capacity), read with
/// the same rules and located errors as a scenario file's service.
pub fn placement(
    src: &Arc<SourceFile>,
    node: &Node,
) -> (Vec<Strategy>, Vec<Constraint>, Vec<Diagnostic>) {
    let mut r = Reader {
        src,
        diags: Vec::new(),
        precedence: Precedence::default(),
    };
    let entries = r.map(node, "`placement`", &["strategy", "constraints"]);
    let mut strategy = Strategy::service_default();
    let mut constraints = Vec::new();
    for e in entries {
        match e.key.as_str() {
            "strategy" => strategy = r.strategy(&e.value),
            "constraints" => {
                constraints = r
                    .constraints(&e.value)
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect()
            }
            _ => {}
        }
    }
    (strategy, constraints, r.diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
        let src = SourceFile::new(std::path::Path::new("s.yml"), "s.yml".into(), text.into());
        load(&src)
    }

    #[test]
    fn unknown_key_names_line_column_and_suggests() {
        let err = load_str("instances:\n  - type: m5.large\n    cont: 2\n").unwrap_err();
        assert_eq!(err[0].message, "unknown key `cont` in an instance");
        assert_eq!(err[0].span.map(|s| (s.line, s.column)), Some((3, 5)));
        assert_eq!(err[0].help.as_deref(), Some("did you mean `count`?"));
    }

    #[test]
    fn query_error_points_inside_the_expression() {
        let text = "task_definitions:\n  a:\n    cpu: 256\n    memory: 512\n    constraints: [{type: memberOf, expression: \"attribute:stack prod\"}]\n";
        let err = load_str(text).unwrap_err();
        assert_eq!(
            err[0].message,
            "in memberOf expression: expected operator after attribute:stack at column 17"
        );
        let s = err[0].span.unwrap();
        assert_eq!(&text[s.offset..s.offset + 4], "prod");
        assert_eq!((s.line, s.column), (5, 65));
    }

    #[test]
    fn fargate_size_is_checked_with_suggestions() {
        let err =
            load_str("task_definitions:\n  web: {requires: FARGATE, cpu: 1024, memory: 1024}\n")
                .unwrap_err();
        assert_eq!(err[0].code, "fargate-size");
        assert!(err[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("cpu 1024 / memory 2048"));
    }

    #[test]
    fn ec2_container_rules() {
        let err = load_str(
            "task_definitions:\n  a:\n    containers:\n      - {name: x, memory: 256, memory_reservation: 512}\n      - {name: y, cpu: 10}\n",
        )
        .unwrap_err();
        let msgs: Vec<&str> = err.iter().map(|d| d.message.as_str()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("memory 256 must be more than memory_reservation 512")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("container `y` needs `memory` or `memory_reservation`")),
            "{msgs:?}"
        );
        let err = load_str("task_definitions:\n  a: {cpu: 64, memory: 512}\n").unwrap_err();
        assert!(err[0].message.contains("task cpu 64 is out of range"));
        assert_eq!(
            err[0].help.as_deref(),
            Some("use a whole number from 128 to 10240")
        );
        let err = load_str("task_definitions:\n  a: {cpu: 256, memory: 512, constraints: [{type: distinctInstance}]}\n").unwrap_err();
        assert!(err[0]
            .message
            .contains("distinctInstance is not allowed in a task definition"));
    }

    #[test]
    fn instances_expand_with_ids_and_azs() {
        let l = load_str("instances:\n  - {type: m5.large, count: 3, az: [a, b], id_prefix: web-, attributes: {stack: prod}}\n  - {cpu: 4096, memory: 16000, az: c}\n").unwrap();
        let ids: Vec<&str> = l.scenario.instances.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["web-1", "web-2", "web-3", "i-4"]);
        let azs: Vec<&str> = l.scenario.instances.iter().map(|i| i.az.as_str()).collect();
        assert_eq!(azs, ["a", "b", "a", "c"]);
        assert_eq!(l.scenario.instances[0].attribute("stack"), Some("prod"));
        assert_eq!(
            l.scenario.instances[0].attribute("ecs.instance-type"),
            Some("m5.large")
        );
        assert_eq!(l.scenario.instances[3].cpu, 4096);
        assert_eq!(
            l.scenario.instances[1].attribute("ecs.availability-zone"),
            Some("b")
        );
        assert_eq!(
            l.scenario.instances[1].attribute("ecs.subnet-id"),
            Some("subnet-b")
        );
        assert_eq!(
            l.scenario.instances[0].attribute("ecs.os-type"),
            Some("linux")
        );
        assert_eq!(
            l.scenario.instances[0].attribute("ecs.cpu-architecture"),
            Some("x86_64")
        );
    }

    #[test]
    fn fargate_platform_rules() {
        let msgs = |text: &str| -> Vec<String> {
            load_str(text)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|d| d.message)
                .collect()
        };
        let arm_spot = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512, platform: linux/arm64}\nservices:\n  - {name: w, task_definition: w, azs: [a], spot: true}\n");
        assert_eq!(arm_spot, ["Fargate Spot does not run linux/arm64"]);
        let small_windows = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 512, memory: 1024, platform: windows/x86_64}\n");
        assert_eq!(small_windows, ["cpu 512 is not a Fargate size on Windows"]);
        let storage = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512, ephemeral_storage: 201}\n");
        assert_eq!(storage, ["ephemeral_storage (GiB) 201 is out of range"]);
        let no_azs = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512}\nservices:\n  - {name: w, task_definition: w}\n");
        assert_eq!(
            no_azs,
            ["Fargate service `w` needs `azs` (the AZs of its subnets)"]
        );
        let too_big = msgs("task_definitions:\n  w: {requires: FARGATE, cpu: 256, memory: 512, containers: [{name: a, cpu: 512, memory: 256}]}\n");
        assert_eq!(too_big, ["the containers ask for cpu 512 and memory 256, more than the task's cpu 256 and memory 512"]);
    }

    #[test]
    fn limits_on_constraints_and_expressions() {
        let ten = (0..11)
            .map(|k| format!("{{type: memberOf, expression: \"attribute:a{k} exists\"}}"))
            .collect::<Vec<_>>()
            .join(", ");
        let text = format!("task_definitions:\n  t: {{cpu: 256, memory: 256}}\nservices:\n  - {{name: s, task_definition: t, constraints: [{ten}]}}\n");
        let err = load_str(&text).unwrap_err();
        assert_eq!(
            err[0].message,
            "11 constraints with the task definition's; at most 10 per task"
        );
        let long = format!("attribute:a == {}", "x".repeat(2000));
        let text = format!("tasks: []\ntask_definitions:\n  t: {{cpu: 256, memory: 256, constraints: [{{type: memberOf, expression: \"{long}\"}}]}}\n");
        let err = load_str(&text).unwrap_err();
        assert_eq!(
            err[0].message,
            "the expression is 2015 characters; at most 2000"
        );
    }

    #[test]
    fn copilot_autoscaling_names_are_aliases() {
        let l = load_str("instances: [{type: m5.large}]\ntask_definitions:\n  t: {cpu: 256, memory: 256}\nservices:\n  - {name: s, task_definition: t, autoscaling: {min: 1, max: 4, cpu_percentage: 70, requests: 500}}\n").unwrap();
        let a = l.scenario.services[0].autoscaling.clone().unwrap();
        assert_eq!(
            (a.target_cpu, a.target_requests, a.target_memory),
            (Some(70.0), Some(500.0), None)
        );
    }
}
