//! Merging the templates of an addons folder into one, as Copilot does: each section's
//! entries are put together; an entry defined in two files must be defined the same way
//! (Mappings are merged one level deeper, Transform is a set).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::{Located, Output, OutputKind, Owner};
use crate::diag::{Diagnostic, SourceFile};
use crate::yaml::{Entry, Node};

/// Sections whose entries are merged by name.
const MAPS: [&str; 6] = [
    "Metadata",
    "Parameters",
    "Conditions",
    "Resources",
    "Outputs",
    "Rules",
];
/// Sections read and left out of the merged template (tug writes its own).
const DROPPED: [&str; 2] = ["AWSTemplateFormatVersion", "Description"];

/// Environment outputs Copilot exports as `${App}-${Env}-<Output>` and tug as
/// `tug-${App}-${Env}-<Output>` (see [`crate::names::export_name`]).
const ENV_EXPORTS: [&str; 4] = [
    "VpcId",
    "PublicSubnets",
    "PrivateSubnets",
    "EnvironmentSecurityGroup",
];

/// An entry and the file it came from.
#[derive(Debug, Clone)]
struct From {
    entry: Entry,
    source: Arc<SourceFile>,
}

#[derive(Debug, Default)]
pub(super) struct Merged {
    /// (section, entries), in [`MAPS`] order once filled.
    sections: Vec<(&'static str, Vec<From>)>,
    /// Mappings: (map name, its top-level keys).
    mappings: Vec<(String, Vec<From>)>,
    transform: Vec<Value>,
    /// The first file, for problems of the whole folder.
    first: Option<Arc<SourceFile>>,
}

impl Merged {
    /// Adds the template `node` of `source`; problems go to `diags`.
    pub(super) fn add(
        &mut self,
        source: &Arc<SourceFile>,
        node: &Node,
        diags: &mut Vec<Diagnostic>,
    ) {
        self.first.get_or_insert_with(|| source.clone());
        let Some(entries) = node.as_map() else {
            diags.push(
                Diagnostic::error(
                    "addons-template",
                    format!(
                        "{} is not a CloudFormation template (a map of sections)",
                        source.name
                    ),
                )
                .at(source, node.span),
            );
            return;
        };
        for e in entries {
            let section = e.key.as_str();
            if DROPPED.contains(&section) {
                continue;
            }
            if section == "Transform" {
                let values = match e.value.to_json() {
                    Value::Array(items) => items,
                    v => vec![v],
                };
                for v in values {
                    if !self.transform.contains(&v) {
                        self.transform.push(v);
                    }
                }
                continue;
            }
            let known: Vec<&str> = MAPS
                .iter()
                .chain(&DROPPED)
                .chain(&["Mappings", "Transform"])
                .copied()
                .collect();
            if !known.contains(&section) {
                let help = match crate::suggest::suggest(section, &known) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("a template's sections are {}", known.join(", ")),
                };
                diags.push(
                    Diagnostic::error(
                        "addons-template",
                        format!("`{section}` is not a section of a CloudFormation template"),
                    )
                    .at(source, e.key_span)
                    .help(help),
                );
                continue;
            }
            let Some(items) = e.value.as_map() else {
                if !e.value.is_null() {
                    diags.push(
                        Diagnostic::error("addons-template", format!("`{section}` must be a map"))
                            .at(source, e.value.span),
                    );
                }
                continue;
            };
            if section == "Mappings" {
                for m in items {
                    self.add_mapping(source, m, diags);
                }
                continue;
            }
            let Some(name) = MAPS.iter().find(|s| **s == section) else {
                continue;
            };
            let at = match self.sections.iter().position(|(s, _)| s == name) {
                Some(i) => i,
                None => {
                    self.sections.push((name, Vec::new()));
                    self.sections.len() - 1
                }
            };
            for item in items {
                add_entry(section, &mut self.sections[at].1, source, item, diags);
            }
        }
    }

    fn add_mapping(&mut self, source: &Arc<SourceFile>, m: &Entry, diags: &mut Vec<Diagnostic>) {
        let Some(keys) = m.value.as_map() else {
            diags.push(
                Diagnostic::error(
                    "addons-template",
                    format!("mapping `{}` must be a map", m.key),
                )
                .at(source, m.value.span),
            );
            return;
        };
        let at = match self.mappings.iter().position(|(n, _)| *n == m.key) {
            Some(i) => i,
            None => {
                self.mappings.push((m.key.clone(), Vec::new()));
                self.mappings.len() - 1
            }
        };
        let section = format!("Mappings.{}", m.key);
        for k in keys {
            add_entry(&section, &mut self.mappings[at].1, source, k, diags);
        }
    }

    fn section(&self, name: &str) -> &[From] {
        self.sections
            .iter()
            .find(|(s, _)| *s == name)
            .map(|(_, e)| e.as_slice())
            .unwrap_or_default()
    }

    /// Checks the merged template: resources with types, the parameters tug passes declared,
    /// every parameter of `extra` declared, every parameter without a default given a value.
    pub(super) fn check(
        &self,
        owner: Owner,
        folder: &Arc<SourceFile>,
        extra: &[Located],
        diags: &mut Vec<Diagnostic>,
    ) {
        let first = self.first.as_ref().unwrap_or(folder);
        let resources = self.section("Resources");
        if resources.is_empty() {
            diags.push(
                Diagnostic::error("addons-template", "the addons templates define no resource")
                    .in_file(first)
                    .help("CloudFormation needs at least one resource under `Resources:`"),
            );
        }
        for r in resources {
            if r.entry.value.get("Type").and_then(Node::as_str).is_none() {
                diags.push(
                    Diagnostic::error(
                        "addons-template",
                        format!("resource `{}` has no `Type`", r.entry.key),
                    )
                    .at(&r.source, r.entry.key_span)
                    .help("give it a resource type such as `AWS::S3::Bucket`"),
                );
            }
        }
        let params = self.section("Parameters");
        let declared = |name: &str| params.iter().any(|p| p.entry.key == name);
        let missing: Vec<String> = owner
            .passed()
            .iter()
            .filter(|p| !declared(p))
            .map(|p| format!("`{p}`"))
            .collect();
        if !missing.is_empty() {
            let d = Diagnostic::error(
                "addons-parameters",
                format!(
                    "the addons template does not declare {} {}, which tug passes to it",
                    if missing.len() == 1 { "the parameter" } else { "the parameters" },
                    missing.join(", ")
                ),
            )
            .help(format!(
                "declare each under `Parameters:` (`Name: {{Type: String}}`) in one of the templates, as Copilot requires ({} are passed)",
                owner.passed().join(", ")
            ));
            diags.push(match params.first() {
                Some(p) => d.at(&p.source, p.entry.key_span),
                None => d.in_file(first),
            });
        }
        for l in extra {
            if !declared(&l.name) {
                let names: Vec<&str> = params.iter().map(|p| p.entry.key.as_str()).collect();
                let help = match crate::suggest::suggest(&l.name, &names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => {
                        "declare it under `Parameters:` in an addons template, or remove it here"
                            .into()
                    }
                };
                diags.push(
                    Diagnostic::error(
                        "addons-parameters",
                        format!("`{}` is not a parameter of the addons template", l.name),
                    )
                    .at(&l.source, l.node.span)
                    .help(help),
                );
            }
        }
        for p in params {
            let name = p.entry.key.as_str();
            let given = owner.passed().contains(&name) || extra.iter().any(|l| l.name == name);
            if !given && p.entry.value.get("Default").is_none() {
                diags.push(
                    Diagnostic::error(
                        "addons-parameters",
                        format!("parameter `{name}` has no default and no value"),
                    )
                    .at(&p.source, p.entry.key_span)
                    .help(format!(
                        "give it a `Default:`, or a value in addons.parameters.yml (`Parameters: {{{name}: ...}}`)"
                    )),
                );
            }
        }
    }

    /// The merged template, in long form. Imports of Copilot's environment exports
    /// (`${App}-${Env}-VpcId`) are pointed at tug's (`tug-${App}-${Env}-VpcId`).
    pub(super) fn to_json(&self) -> Value {
        let mut t = Map::new();
        t.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
        for name in MAPS {
            let entries = self.section(name);
            if entries.is_empty() {
                continue;
            }
            let map: Map<String, Value> = entries
                .iter()
                .map(|f| (f.entry.key.clone(), tug_imports(f.entry.value.to_json())))
                .collect();
            t.insert(name.into(), Value::Object(map));
        }
        if !self.mappings.is_empty() {
            let map: Map<String, Value> = self
                .mappings
                .iter()
                .map(|(n, keys)| {
                    let inner: Map<String, Value> = keys
                        .iter()
                        .map(|f| (f.entry.key.clone(), f.entry.value.to_json()))
                        .collect();
                    (n.clone(), Value::Object(inner))
                })
                .collect();
            t.insert("Mappings".into(), Value::Object(map));
        }
        if !self.transform.is_empty() {
            t.insert("Transform".into(), Value::Array(self.transform.clone()));
        }
        Value::Object(t)
    }

    /// Each resource's logical id and type.
    pub(super) fn resource_types(&self) -> Vec<(String, String)> {
        self.section("Resources")
            .iter()
            .map(|r| {
                let ty = r
                    .entry
                    .value
                    .get("Type")
                    .and_then(Node::as_str)
                    .unwrap_or_default();
                (r.entry.key.clone(), ty.to_string())
            })
            .collect()
    }

    /// The outputs and what each becomes (Copilot's rule: by the type of the resource its
    /// value is a `Ref` of).
    pub(super) fn outputs(&self) -> Vec<Output> {
        let types = self.resource_types();
        self.section("Outputs")
            .iter()
            .map(|o| {
                let referenced = o
                    .entry
                    .value
                    .get("Value")
                    .and_then(|v| v.get("Ref"))
                    .and_then(Node::as_str)
                    .and_then(|r| types.iter().find(|(id, _)| id == r))
                    .map(|(_, t)| t.as_str());
                let kind = match referenced {
                    Some("AWS::IAM::ManagedPolicy") => OutputKind::ManagedPolicy,
                    Some("AWS::SecretsManager::Secret") => OutputKind::Secret,
                    _ => OutputKind::Variable,
                };
                Output {
                    name: o.entry.key.clone(),
                    kind,
                    exported: o.entry.value.get("Export").is_some(),
                    source: o.source.clone(),
                    span: o.entry.key_span,
                }
            })
            .collect()
    }
}

/// Adds `item` to `entries` of `section`; one already there must be the same.
fn add_entry(
    section: &str,
    entries: &mut Vec<From>,
    source: &Arc<SourceFile>,
    item: &Entry,
    diags: &mut Vec<Diagnostic>,
) {
    match entries.iter().find(|f| f.entry.key == item.key) {
        None => entries.push(From {
            entry: item.clone(),
            source: source.clone(),
        }),
        Some(first) if first.entry.value.to_json() == item.value.to_json() => {}
        Some(first) => diags.push(
            Diagnostic::error(
                "addons-duplicate",
                format!(
                    "`{section}.{}` is also defined in {} (line {}), differently",
                    item.key, first.source.name, first.entry.key_span.line
                ),
            )
            .at(source, item.key_span)
            .help("addons templates are merged into one: give it another name, or define it once"),
        ),
    }
}

/// `value` with imports of Copilot's environment exports pointed at tug's.
fn tug_imports(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if k == "Fn::ImportValue" {
                        tug_export(v)
                    } else {
                        v
                    };
                    (k, tug_imports(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(tug_imports).collect()),
        other => other,
    }
}

/// The argument of an `Fn::ImportValue`: `!Sub '${App}-${Env}-VpcId'` becomes
/// `!Sub 'tug-${App}-${Env}-VpcId'`; anything else is left as it is.
fn tug_export(arg: Value) -> Value {
    let Some(Value::String(s)) = arg.get("Fn::Sub") else {
        return arg;
    };
    match s.strip_prefix("${App}-${Env}-") {
        Some(output) if ENV_EXPORTS.contains(&output) => {
            serde_json::json!({"Fn::Sub": format!("tug-{s}")})
        }
        _ => arg,
    }
}
