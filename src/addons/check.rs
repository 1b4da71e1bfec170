//! The checks of addons against the parent template they deploy with: what
//! `addons.parameters.yml` refers to must be a resource or parameter of the parent that does
//! not itself wait for the addons (that would be a cycle CloudFormation refuses), and an
//! output must not become a variable a container already has.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Addons, OutputKind, Owner, STACK};
use crate::diag::Diagnostic;

impl Addons {
    /// Checks these addons against `parent`, the parent stack's template as rendered (YAML),
    /// which holds the addons stack.
    pub fn check_parent(&self, parent: &str) -> Vec<Diagnostic> {
        let template = match crate::yaml::parse_cloudformation(parent) {
            Ok(node) => node.to_json(),
            Err(e) => {
                return vec![Diagnostic::error(
                    "internal",
                    format!(
                        "the rendered template cannot be read back ({}); this is a bug in tug, please report it",
                        e.message
                    ),
                )]
            }
        };
        let mut diags = self.check_references(&template);
        diags.extend(match self.owner {
            Owner::Workload => self.check_variables(&template),
            Owner::Environment => self.check_exports(&template),
        });
        diags
    }

    /// Each name an `addons.parameters.yml` value refers to: a parameter or resource of the
    /// parent that does not depend on the addons stack.
    fn check_references(&self, template: &Value) -> Vec<Diagnostic> {
        let resources = section_keys(template, "Resources");
        let parameters = section_keys(template, "Parameters");
        let graph = dependencies(template, &resources);
        let waits: BTreeSet<&str> = resources
            .iter()
            .map(String::as_str)
            .filter(|r| reaches(&graph, r, STACK))
            .collect();
        let mut diags = Vec::new();
        for l in &self.extra {
            let value = self
                .parameters
                .iter()
                .find(|(k, _)| *k == l.name)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Null);
            for name in references(&value) {
                if name.starts_with("AWS::") || parameters.contains(&name) {
                    continue;
                }
                if !resources.contains(&name) {
                    let known: Vec<&str> = resources
                        .iter()
                        .chain(&parameters)
                        .map(String::as_str)
                        .filter(|n| *n != STACK)
                        .collect();
                    let help = match crate::suggest::suggest(&name, &known) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "{} has: {}; and Copilot's `AppName`, `EnvName`, `WorkloadName`",
                            self.owner.stack(),
                            known.join(", ")
                        ),
                    };
                    diags.push(
                        Diagnostic::error(
                            "addons-parameters",
                            format!(
                                "`{}` refers to `{name}`, which is not a resource or parameter of {}",
                                l.name,
                                self.owner.stack()
                            ),
                        )
                        .at(&l.source, l.node.span)
                        .help(help),
                    );
                } else if name == STACK || waits.contains(name.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            "addons-cycle",
                            format!(
                                "`{}` refers to `{name}`, which waits for the addons stack (it uses the addons' outputs): a circular reference CloudFormation refuses",
                                l.name
                            ),
                        )
                        .at(&l.source, l.node.span)
                        .help(format!(
                            "pass something `{name}` does not depend on, or stop using the addons output it reads"
                        )),
                    );
                }
            }
        }
        diags
    }

    /// A workload's outputs become variables and secrets of its containers: a name a
    /// container already has is an error at the output.
    fn check_variables(&self, template: &Value) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let containers = template
            .pointer("/Resources/TaskDefinition/Properties/ContainerDefinitions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for o in &self.outputs {
            if o.kind == OutputKind::ManagedPolicy {
                continue;
            }
            let var = o.variable_name();
            let ours = serde_json::json!({"Fn::GetAtt": [STACK, format!("Outputs.{}", o.name)]});
            let clash = containers.iter().find_map(|c| {
                let container = c.get("Name").and_then(Value::as_str).unwrap_or("?");
                ["Environment", "Secrets"].iter().find_map(|list| {
                    c.get(list)?.as_array()?.iter().find_map(|e| {
                        let named = e.get("Name").and_then(Value::as_str) == Some(var.as_str());
                        let value = e.get("Value").or_else(|| e.get("ValueFrom"));
                        (named && value != Some(&ours)).then_some(container.to_string())
                    })
                })
            });
            let Some(container) = clash else { continue };
            let origin = if var.starts_with("COPILOT_") || var.starts_with("TUG_") {
                "a variable tug sets in every container, as Copilot does"
            } else {
                "from the manifest (`variables`, `secrets`) or from another output"
            };
            diags.push(
                Diagnostic::error(
                    "addons-output",
                    format!(
                        "output `{}` becomes the variable `{var}`, which container `{container}` already has ({origin})",
                        o.name
                    ),
                )
                .at(&o.source, o.span)
                .help("rename the output, or the variable in the manifest"),
            );
        }
        diags
    }

    /// An environment's outputs are exported by its stack under their own names: one the
    /// environment stack has already is an error at the output.
    fn check_exports(&self, template: &Value) -> Vec<Diagnostic> {
        let outputs = template.get("Outputs").and_then(Value::as_object);
        let mut diags = Vec::new();
        for o in self.outputs.iter().filter(|o| !o.exported) {
            let ours = serde_json::json!({"Fn::GetAtt": [STACK, format!("Outputs.{}", o.name)]});
            let taken = outputs
                .and_then(|m| m.get(&o.name))
                .is_some_and(|v| v.get("Value") != Some(&ours));
            if taken {
                diags.push(
                    Diagnostic::error(
                        "addons-output",
                        format!(
                            "output `{}` is named like an output of the environment's stack",
                            o.name
                        ),
                    )
                    .at(&o.source, o.span)
                    .help("rename it: the environment stack exports each addons output under its name"),
                );
            }
        }
        diags
    }
}

/// The keys of section `name` of `template`.
fn section_keys(template: &Value, name: &str) -> Vec<String> {
    template
        .get(name)
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// For each resource, the resources it refers to or depends on.
fn dependencies<'a>(template: &Value, resources: &'a [String]) -> BTreeMap<&'a str, Vec<String>> {
    resources
        .iter()
        .map(|r| {
            let body = template
                .pointer(&format!("/Resources/{r}"))
                .cloned()
                .unwrap_or(Value::Null);
            let mut deps: Vec<String> = references(&body)
                .into_iter()
                .filter(|n| resources.contains(n))
                .collect();
            match body.get("DependsOn") {
                Some(Value::String(s)) => deps.push(s.clone()),
                Some(Value::Array(items)) => {
                    deps.extend(items.iter().filter_map(Value::as_str).map(str::to_string))
                }
                _ => {}
            }
            (r.as_str(), deps)
        })
        .collect()
}

/// Whether `from` depends on `target`, directly or not.
fn reaches(graph: &BTreeMap<&str, Vec<String>>, from: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(r) = todo.pop() {
        for d in graph.get(r.as_str()).into_iter().flatten() {
            if d == target {
                return true;
            }
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    false
}

/// The names `value` refers to: `Ref`s, the resources of `Fn::GetAtt`, and the `${Name}`
/// and `${Name.Attribute}` of `Fn::Sub` strings (but not its own variables).
pub(super) fn references(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect(value, &mut out);
    out.sort();
    out.dedup();
    out
}

fn collect(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("Ref", Value::String(s)) => out.push(s.clone()),
                    ("Fn::GetAtt", Value::Array(items)) => {
                        if let Some(Value::String(s)) = items.first() {
                            out.push(s.clone());
                        }
                    }
                    ("Fn::GetAtt", Value::String(s)) => {
                        out.push(s.split('.').next().unwrap_or(s).to_string())
                    }
                    ("Fn::Sub", Value::String(s)) => out.extend(sub_names(s, &[])),
                    ("Fn::Sub", Value::Array(items)) => {
                        let own: Vec<String> = items
                            .get(1)
                            .and_then(Value::as_object)
                            .map(|m| m.keys().cloned().collect())
                            .unwrap_or_default();
                        if let Some(Value::String(s)) = items.first() {
                            out.extend(sub_names(s, &own));
                        }
                        if let Some(vars) = items.get(1) {
                            collect(vars, out);
                        }
                    }
                    _ => collect(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// The names a `Fn::Sub` string refers to, other than its own variables `own`; `${!x}` is
/// literal text.
fn sub_names(s: &str, own: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find('}') else { break };
        let inner = &rest[..end];
        rest = &rest[end + 1..];
        if inner.starts_with('!') {
            continue;
        }
        let name = inner.split('.').next().unwrap_or(inner).trim();
        if !name.is_empty() && !own.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}
