//! Copilot's addons: the CloudFormation templates in `<dir>/<workload>/addons/` and
//! `<dir>/environments/addons/`, merged into one template that deploys as the nested stack
//! `AddonsStack` of the workload's or the environment's stack, with the parameters Copilot
//! passes (`App`, `Env`, and `Name` for a workload) and those of `addons.parameters.yml`.
//!
//! What the template's outputs become is Copilot's rule: an output whose value is `!Ref` of
//! an `AWS::IAM::ManagedPolicy` is attached to the task role, one of an
//! `AWS::SecretsManager::Secret` is a secret of the main container, every other is a
//! variable of every container, named in upper snake case (`myTableName` is
//! `MY_TABLE_NAME`). An environment's outputs are exported for workloads to import.
//!
//! Reading and merging are offline and report every problem with its file, line and column
//! ([`read`]); what depends on the parent stack (the names `addons.parameters.yml` refers
//! to, cycles through the addons' outputs, variables named twice) is checked against the
//! rendered parent template ([`Addons::check_parent`]).

mod check;
mod merge;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use regex::Regex;
use serde_json::Value;

use crate::diag::{display_path, Diagnostic, SourceFile};
use crate::yaml::{self, Node, Span};

/// The logical id of the nested stack in the parent template (Copilot's).
pub const STACK: &str = "AddonsStack";
/// The parent's parameter holding the key of the addons template in the artifacts bucket.
pub const TEMPLATE_KEY_PARAMETER: &str = "AddonsTemplateKey";
/// The largest template CloudFormation reads from S3 (bytes).
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// The parameters file's names; at most one may exist.
const PARAMETER_FILES: [&str; 2] = ["addons.parameters.yml", "addons.parameters.yaml"];

/// Whose addons these are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Workload,
    Environment,
}

impl Owner {
    /// The parameters tug passes to the addons stack, as Copilot does.
    pub fn passed(self) -> &'static [&'static str] {
        match self {
            Owner::Workload => &["App", "Env", "Name"],
            Owner::Environment => &["App", "Env"],
        }
    }

    fn stack(self) -> &'static str {
        match self {
            Owner::Workload => "the workload's stack",
            Owner::Environment => "the environment's stack",
        }
    }
}

/// The names the addons stack is deployed with: application, environment and, for a
/// workload, the workload.
#[derive(Debug, Clone)]
pub struct Names<'a> {
    pub app: &'a str,
    pub env: &'a str,
    pub workload: Option<&'a str>,
}

/// The addons of one workload or environment, merged and checked.
#[derive(Debug, Clone)]
pub struct Addons {
    pub owner: Owner,
    /// The folder, as shown to the user.
    pub folder: String,
    /// The merged template (YAML), as uploaded.
    pub text: String,
    /// The parameter values passed to the nested stack, the ones Copilot passes first, in
    /// long form (`{"Ref": "X"}`).
    pub parameters: Vec<(String, Value)>,
    pub outputs: Vec<Output>,
    /// Where each `addons.parameters.yml` value is, for the parent checks.
    extra: Vec<Located>,
    /// The template's resource types by logical id.
    resources: Vec<(String, String)>,
}

/// One output of the addons template and what it becomes.
#[derive(Debug, Clone)]
pub struct Output {
    pub name: String,
    pub kind: OutputKind,
    /// The template exports it itself (`Export:`).
    pub exported: bool,
    source: Arc<SourceFile>,
    span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// `!Ref` of an `AWS::IAM::ManagedPolicy`: attached to the task role.
    ManagedPolicy,
    /// `!Ref` of an `AWS::SecretsManager::Secret`: a secret of the main container.
    Secret,
    /// Anything else: a variable of every container.
    Variable,
}

impl Output {
    /// The variable (or secret) name a workload gets: Copilot's upper snake case.
    pub fn variable_name(&self) -> String {
        snake_case(&self.name)
    }

    /// The value in the parent template: `!GetAtt AddonsStack.Outputs.<name>`.
    pub fn reference(&self) -> String {
        format!("!GetAtt {STACK}.Outputs.{}", self.name)
    }
}

/// A value of `addons.parameters.yml`, with where it is.
#[derive(Debug, Clone)]
struct Located {
    name: String,
    node: Node,
    source: Arc<SourceFile>,
}

/// Copilot's upper snake case (`usersDdbTableName` is `USERS_DDB_TABLE_NAME`,
/// `MyDDBTableWithLSI` is `MY_DDB_TABLE_WITH_LSI`).
pub fn snake_case(name: &str) -> String {
    static LOWER_UPPER: OnceLock<Regex> = OnceLock::new();
    static UPPER_LOWER: OnceLock<Regex> = OnceLock::new();
    let lower_upper = LOWER_UPPER.get_or_init(|| Regex::new("([a-z0-9]+)([A-Z])").expect("regex"));
    let upper_lower =
        UPPER_LOWER.get_or_init(|| Regex::new("([A-Z0-9])([A-Z][a-z])").expect("regex"));
    let s = lower_upper.replace_all(name, "${1}_${2}");
    upper_lower.replace_all(&s, "${1}_${2}").to_uppercase()
}

/// The addons folder of workload `workload` (`<dir>/<workload>/addons`), or of the
/// environments (`<dir>/environments/addons`) for `None`; `dir` is the workspace folder.
pub fn folder(dir: &Path, workload: Option<&str>) -> PathBuf {
    match workload {
        Some(w) => dir.join(w).join("addons"),
        None => dir.join("environments").join("addons"),
    }
}

/// Reads the addons in `folder` (shown relative to `display_base`) of the repository at
/// `root`: `None` when there is no folder or it holds no template. Every problem is a
/// diagnostic; with an error among them there are no addons.
pub fn read(
    folder: &Path,
    display_base: &Path,
    root: &Path,
    owner: Owner,
    names: &Names<'_>,
) -> (Option<Addons>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return (None, diags);
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    if let Some(outside) = outside_repository(folder, &entries, root, display_base) {
        return (None, outside);
    }
    let files: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| p.is_file())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    let shown_folder = display_path(folder, display_base);
    let is_params = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| PARAMETER_FILES.contains(&n))
    };
    let (param_files, templates): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| is_params(p));
    let folder_source = SourceFile::new(folder, shown_folder.clone(), String::new());
    if templates.is_empty() {
        diags.push(
            Diagnostic::warning(
                "addons-empty",
                format!("`{shown_folder}` holds no addons template (*.yml); nothing is deployed from it"),
            )
            .in_file(&folder_source)
            .help("add a CloudFormation template, or `tug storage init` to write one"),
        );
        return (None, diags);
    }
    let mut merged = merge::Merged::default();
    for path in &templates {
        let Some((source, node)) = parse_file(path, display_base, &mut diags) else {
            continue;
        };
        merged.add(&source, &node, &mut diags);
    }
    let template_errors = diags.iter().any(Diagnostic::is_error);
    if param_files.len() > 1 {
        diags.push(
            Diagnostic::error(
                "addons-parameters",
                format!(
                    "`{shown_folder}` has both addons.parameters.yml and addons.parameters.yaml"
                ),
            )
            .in_file(&folder_source)
            .help("keep one of them"),
        );
    }
    let extra = match param_files.first() {
        Some(path) => parse_file(path, display_base, &mut diags)
            .map(|(source, node)| parameters_file(&source, &node, owner, &mut diags))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    // The whole folder's problems at once, unless a template could not be read.
    if !template_errors {
        merged.check(owner, &folder_source, &extra, &mut diags);
    }
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let template = merged.to_json();
    let text = match serde_yaml_ng::to_string(&template) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "addons-template",
                    format!("the merged addons template cannot be written: {e}"),
                )
                .in_file(&folder_source),
            );
            return (None, diags);
        }
    };
    if text.len() > MAX_TEMPLATE_BYTES {
        diags.push(
            Diagnostic::error(
                "addons-template",
                format!(
                    "the merged addons template is {} bytes; CloudFormation reads at most {MAX_TEMPLATE_BYTES}",
                    text.len()
                ),
            )
            .in_file(&folder_source)
            .help("split the resources into stacks of their own"),
        );
        return (None, diags);
    }
    let mut parameters: Vec<(String, Value)> = owner
        .passed()
        .iter()
        .map(|p| {
            let value = match *p {
                "App" => names.app,
                "Env" => names.env,
                _ => names.workload.unwrap_or_default(),
            };
            (p.to_string(), Value::from(value))
        })
        .collect();
    parameters.extend(
        extra
            .iter()
            .map(|l| (l.name.clone(), copilot_names(l.node.to_json(), names))),
    );
    let addons = Addons {
        owner,
        folder: shown_folder,
        text,
        parameters,
        outputs: merged.outputs(),
        extra,
        resources: merged.resource_types(),
    };
    (Some(addons), diags)
}

/// The `addons-outside-repo` errors of an addons folder whose `entries` are listed: the
/// folder, or a link in it (to a file or a folder), that leads out of the repository at
/// `root`. The stack deploys what the folder holds, so it holds the repository's files only,
/// as build paths do. `None` when everything stays inside.
fn outside_repository(
    folder: &Path,
    entries: &[PathBuf],
    root: &Path,
    display_base: &Path,
) -> Option<Vec<Diagnostic>> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let leaves = |p: &Path| {
        p.canonicalize()
            .is_ok_and(|real| !real.starts_with(&real_root))
    };
    let located = |path: &Path| {
        let shown = display_path(path, display_base);
        (SourceFile::new(path, shown.clone(), String::new()), shown)
    };
    if leaves(folder) {
        let (source, shown) = located(folder);
        return Some(vec![Diagnostic::error(
            "addons-outside-repo",
            format!("`{shown}` leads out of the repository (a link to a folder elsewhere)"),
        )
        .in_file(&source)
        .help(
            "addons are deployed from the repository: replace the link with a folder holding \
             the templates themselves",
        )]);
    }
    let diags: Vec<Diagnostic> = entries
        .iter()
        .filter(|p| p.is_symlink() && leaves(p))
        .map(|path| {
            let (source, shown) = located(path);
            let target = std::fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            Diagnostic::error(
                "addons-outside-repo",
                format!("`{shown}` is a link to \"{target}\", outside the repository"),
            )
            .in_file(&source)
            .help(
                "addons are deployed from the repository: copy the file into the addons folder \
                 (or link to one inside the repository) instead of linking out of it",
            )
        })
        .collect();
    (!diags.is_empty()).then_some(diags)
}

/// Parses one file as a CloudFormation template; a syntax error is a diagnostic.
fn parse_file(
    path: &Path,
    display_base: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Arc<SourceFile>, Node)> {
    let shown = display_path(path, display_base);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            let source = SourceFile::new(path, shown.clone(), String::new());
            diags.push(
                Diagnostic::error("addons-syntax", format!("cannot read {shown}: {e}"))
                    .in_file(&source),
            );
            return None;
        }
    };
    let source = SourceFile::new(path, shown, text);
    match yaml::parse_cloudformation(&source.text) {
        Ok(node) => Some((source, node)),
        Err(e) => {
            let mut d = Diagnostic::error("addons-syntax", e.message).at(&source, e.span);
            if let Some(h) = e.help {
                d = d.help(h);
            }
            diags.push(d);
            None
        }
    }
}

/// The values of `addons.parameters.yml` (its `Parameters` map); the names tug passes
/// itself may not be set there.
fn parameters_file(
    source: &Arc<SourceFile>,
    node: &Node,
    owner: Owner,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Located> {
    let Some(params) = node.get("Parameters") else {
        diags.push(
            Diagnostic::error(
                "addons-parameters",
                format!("{} has no `Parameters` map", source.name),
            )
            .at(source, node.span)
            .help("write the values under `Parameters:`, one per addons template parameter"),
        );
        return Vec::new();
    };
    let Some(entries) = params.as_map() else {
        diags.push(
            Diagnostic::error("addons-parameters", "`Parameters` must be a map of values")
                .at(source, params.span),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries {
        if owner.passed().contains(&e.key.as_str()) {
            diags.push(
                Diagnostic::error(
                    "addons-parameters",
                    format!("`{}` is passed by tug and cannot be set here", e.key),
                )
                .at(source, e.key_span)
                .help(format!(
                    "tug passes {} itself, as Copilot does; remove this line",
                    owner.passed().join(", ")
                )),
            );
            continue;
        }
        if e.value.as_seq().is_some() || e.value.is_null() {
            diags.push(
                Diagnostic::error(
                    "addons-parameters",
                    format!(
                        "`{}` needs a value: text or a CloudFormation function",
                        e.key
                    ),
                )
                .at(source, e.value.span),
            );
            continue;
        }
        out.push(Located {
            name: e.key.clone(),
            node: e.value.clone(),
            source: source.clone(),
        });
    }
    out
}

/// Copilot's parent stacks have the parameters `AppName`, `EnvName` and `WorkloadName`,
/// which `addons.parameters.yml` files refer to; tug's stacks pass the names themselves.
fn copilot_names(value: Value, names: &Names<'_>) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 => {
            let named = match map.get("Ref").and_then(Value::as_str) {
                Some("AppName") => Some(names.app),
                Some("EnvName") => Some(names.env),
                Some("WorkloadName") => names.workload,
                _ => None,
            };
            match named {
                Some(n) => Value::from(n),
                None => Value::Object(
                    map.into_iter()
                        .map(|(k, v)| (k, copilot_names(v, names)))
                        .collect(),
                ),
            }
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, copilot_names(v, names)))
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| copilot_names(v, names)).collect())
        }
        other => other,
    }
}

impl Addons {
    /// The outputs of `kind`.
    pub fn outputs_of(&self, kind: OutputKind) -> impl Iterator<Item = &Output> {
        self.outputs.iter().filter(move |o| o.kind == kind)
    }

    /// The parameter values as YAML fragments (JSON, which is YAML) for the parent template;
    /// numbers and booleans as text, the type of a stack's parameter values.
    pub fn parameter_fragments(&self) -> Vec<(String, String)> {
        self.parameters
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::Number(_) | Value::Bool(_) => Value::from(v.to_string()),
                    other => other.clone(),
                };
                (k.clone(), v.to_string())
            })
            .collect()
    }

    /// The resource type of logical id `id` in the addons template.
    pub fn resource_type(&self, id: &str) -> Option<&str> {
        self.resources
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, t)| t.as_str())
    }
}

#[cfg(test)]
mod tests;
