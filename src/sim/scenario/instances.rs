//! `instances:`: groups of container instances, expanded one entry per instance.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::sim::catalog::{self, InstanceType};
use crate::sim::query;
use crate::yaml::{PathSeg, Span};

use super::input::{items, Azs, InstanceIn, List};
use super::*;

/// What one `instances:` entry asks for, before it is expanded.
struct Group {
    itype: Option<&'static InstanceType>,
    cpu: Option<u32>,
    memory: Option<u32>,
    azs: Vec<String>,
    attrs: Vec<(String, String)>,
    trunk_tasks: Option<u32>,
    status: Status,
    registered_at: Option<i64>,
    gpus: Option<u32>,
    enis: Option<u32>,
    agent_version: Option<String>,
    prefix: Option<String>,
}

impl Check<'_> {
    pub(super) fn instances(&mut self, list: &List<InstanceIn>) -> Vec<Instance> {
        let base = [key("instances")];
        let mut out: Vec<Instance> = Vec::new();
        let mut ids: HashMap<String, Span> = HashMap::new();
        for (i, item) in items(list) {
            let p = nth(&base, i);
            let count = self.u32(&at(&p, "count"), item.count).unwrap_or(1);
            let Some(group) = self.group(&p, item) else {
                continue;
            };
            let span = self.span(&p);
            let template = group.template();
            let az_values: Vec<Arc<str>> =
                group.azs.iter().map(|a| Arc::from(a.as_str())).collect();
            for k in 0..count {
                let id = match &group.prefix {
                    Some(p) => format!("{p}{}", k + 1),
                    None => format!("i-{}", out.len() + 1),
                };
                let inst = group.instance(&template, &id, k as usize, &az_values);
                if ids.insert(id.clone(), span).is_some() {
                    self.error(
                        "invalid-value",
                        span,
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

    /// Reads one entry; None (reported) when it cannot make instances.
    fn group(&mut self, p: &[PathSeg], item: &InstanceIn) -> Option<Group> {
        let span = self.span(p);
        let itype = match &item.type_name {
            Some(t) => Some(self.instance_type(&at(p, "type"), t)?),
            None => None,
        };
        let cpu = self.u32(&at(p, "cpu"), item.cpu);
        let memory = self.u32(&at(p, "memory"), item.memory);
        if itype.is_none() && (cpu.is_none() || memory.is_none()) {
            if self.node(&at(p, "cpu")).is_none() || self.node(&at(p, "memory")).is_none() {
                self.error(
                    "missing-key",
                    span,
                    "an instance needs `type`, or both `cpu` (units) and `memory` (MiB)",
                    "add `type: m5.large` or `cpu: 2048` and `memory: 7680`",
                );
            }
            return None;
        }
        let azs = self.azs(p, item.az.as_ref());
        if azs.is_empty() {
            self.error(
                "invalid-value",
                span,
                "az is an empty list",
                "name at least one AZ",
            );
            return None;
        }
        let trunk_tasks = self.trunking(p, item.awsvpc_trunking.unwrap_or(false), itype);
        let status = match self.choice(&at(p, "status"), item.status.as_ref()) {
            Some(1) => Status::Draining,
            _ => Status::Active,
        };
        let registered_at = self.registered_at(&at(p, "registered_at"), item);
        let attrs = self.attributes(&at(p, "attributes"), item.attributes.as_ref());
        Some(Group {
            itype,
            cpu,
            memory,
            azs,
            attrs,
            trunk_tasks,
            status,
            registered_at,
            gpus: self.u32(&at(p, "gpus"), item.gpus),
            enis: self.u32(&at(p, "enis"), item.enis),
            agent_version: self.text(&at(p, "agent_version"), item.agent_version.as_ref()),
            prefix: self.text(&at(p, "id_prefix"), item.id_prefix.as_ref()),
        })
    }

    fn instance_type(&mut self, p: &[PathSeg], t: &Text) -> Option<&'static InstanceType> {
        let name = self.text(p, Some(t))?;
        if let Some(t) = catalog::find(&name) {
            return Some(t);
        }
        let help = match catalog::suggest(&name) {
            Some(s) => format!("did you mean `{s}`? Or give `cpu` and `memory` instead of `type`"),
            None => format!(
                "known types: {}; or give `cpu` and `memory` instead of `type`",
                catalog::TYPES
                    .iter()
                    .map(|t| t.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.error(
            "invalid-value",
            self.span(p),
            format!("unknown instance type `{name}`"),
            help,
        );
        None
    }

    fn azs(&mut self, p: &[PathSeg], az: Option<&Azs>) -> Vec<String> {
        let p = at(p, "az");
        match az {
            Some(Azs::Many(list)) => list
                .iter()
                .enumerate()
                .filter_map(|(i, a)| self.text(&nth(&p, i), a.0.as_ref()))
                .collect(),
            Some(Azs::One(a)) => self.text(&p, Some(a)).into_iter().collect(),
            None if self.node(&p).is_some() => Vec::new(),
            None => vec!["us-east-1a".to_string()],
        }
    }

    fn trunking(
        &mut self,
        p: &[PathSeg],
        trunking: bool,
        itype: Option<&InstanceType>,
    ) -> Option<u32> {
        let span = self.span(&at(p, "awsvpc_trunking"));
        match (trunking, itype) {
            (false, _) => None,
            (true, Some(t)) => {
                let n = t.trunk_tasks();
                if n.is_none() {
                    self.error(
                        "invalid-value",
                        span,
                        format!("{} does not support ENI trunking", t.name),
                        "use a large-or-bigger m5, c5, r5, m6g or c6g type, or drop awsvpc_trunking",
                    );
                }
                n
            }
            (true, None) => {
                self.error(
                    "invalid-value",
                    span,
                    "awsvpc_trunking needs an instance `type` (the trunk limit depends on it)",
                    "add `type:` or give `enis:` instead",
                );
                None
            }
        }
    }

    fn registered_at(&mut self, p: &[PathSeg], item: &InstanceIn) -> Option<i64> {
        let text = self.text(p, item.registered_at.as_ref())?;
        let d = query::parse_date(&text);
        if d.is_none() {
            self.error(
                "invalid-value",
                self.span(p),
                format!("registered_at `{text}` is not a date"),
                "use 2026-01-05, 2026-01-05T10:00:00 or 2026-01-05T10:00:00Z",
            );
        }
        d
    }

    /// Custom attributes, in file order, each name and value checked.
    fn attributes(
        &mut self,
        p: &[PathSeg],
        values: Option<&BTreeMap<String, Text>>,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let Some(entries) = self.node(p).and_then(Node::as_map) else {
            return out;
        };
        for e in entries {
            if !query::valid_attribute_name(&e.key) {
                self.error(
                    "invalid-value",
                    e.key_span,
                    format!("attribute name `{}` is not valid", e.key),
                    "use 1-128 letters, digits and -_/\\.",
                );
                continue;
            }
            let value = values.and_then(|v| v.get(&e.key));
            let Some(val) = self.text(&at(p, &e.key), value) else {
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
            out.push((e.key.clone(), val));
        }
        out
    }
}

impl Group {
    /// One template per entry: the instances share its attribute strings.
    fn template(&self) -> Instance {
        let mut template = match self.itype {
            Some(t) => Instance::of_type("", t, &self.azs[0]),
            None => Instance::sized(
                "",
                self.cpu.unwrap_or(0),
                self.memory.unwrap_or(0),
                &self.azs[0],
            ),
        };
        for (name, val) in &self.attrs {
            template.set_attribute(name, val);
        }
        template
    }

    /// The `k`th instance of the group.
    fn instance(
        &self,
        template: &Instance,
        id: &str,
        k: usize,
        az_values: &[Arc<str>],
    ) -> Instance {
        let slot = k % self.azs.len();
        let mut inst = template.clone();
        inst.id = id.to_string();
        inst.az = self.azs[slot].clone();
        if let Ok(a) = inst
            .attributes
            .binary_search_by(|(n, _)| (**n).cmp("ecs.availability-zone"))
        {
            inst.attributes[a].1 = az_values[slot].clone();
        }
        if slot != 0 && !self.attrs.iter().any(|(n, _)| n == "ecs.subnet-id") {
            inst.set_attribute("ecs.subnet-id", &format!("subnet-{}", self.azs[slot]));
        }
        if self.itype.is_some() {
            if let Some(c) = self.cpu {
                inst.cpu = c;
            }
            if let Some(m) = self.memory {
                inst.memory = m;
            }
        }
        if let Some(g) = self.gpus {
            inst.gpus = g;
        }
        if let Some(e) = self.enis {
            inst.eni_tasks = e.saturating_sub(1);
        }
        if let Some(t) = self.trunk_tasks {
            inst.awsvpc_trunking = true;
            inst.eni_tasks = t;
            inst.set_attribute("ecs.awsvpc-trunk-id", &format!("trunk-{id}"));
        }
        inst.status = self.status;
        inst.registered_at = self.registered_at;
        if let Some(v) = &self.agent_version {
            inst.agent_version = v.clone();
        }
        inst
    }
}
