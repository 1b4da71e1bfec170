//! Manifests: schema types, `${VAR}` interpolation, the environment override merge,
//! validation, and diagnostics with file:line:col.

pub mod domain;
pub mod interpolate;
pub mod merge;
pub mod schedule;
pub use crate::schema;
pub mod types;
pub mod validate;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::diag::{Diagnostic, SourceFile};
use crate::yaml::{self, Node, PathSeg, Span};
use schema::Checker;
use types::{Environment, Workload, WorkloadType};

/// The code of the diagnostic for a workload type tug reads but does not deploy.
pub const UNSUPPORTED_TYPE: &str = "unsupported-type";

/// What a manifest file declares itself to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Workload(WorkloadType),
    Environment,
}

/// A manifest file read and parsed, before any environment is applied.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: Arc<SourceFile>,
    pub root: Node,
    pub kind: Kind,
}

impl Loaded {
    /// The `name` field, when it is a string.
    pub fn name(&self) -> Option<&str> {
        self.root.get("name").and_then(Node::as_str)
    }

    /// The environments this manifest overrides, in file order.
    pub fn override_names(&self) -> Vec<String> {
        self.root
            .get("environments")
            .and_then(Node::as_map)
            .map(|m| m.iter().map(|e| e.key.clone()).collect())
            .unwrap_or_default()
    }
}

/// Reads a manifest and finds its type. Errors are located diagnostics.
pub fn read(path: &Path, display: &str) -> Result<Loaded, Box<Diagnostic>> {
    let bytes = SourceFile::read_bounded(path).map_err(|e| {
        Diagnostic::error(
            "read-error",
            format!("{display}: cannot read the file: {e}"),
        )
        .help("check the path and its permissions")
    })?;
    parse(path, display, bytes)
}

/// Parses manifest bytes (see [`read`]).
pub fn parse(path: &Path, display: &str, bytes: Vec<u8>) -> Result<Loaded, Box<Diagnostic>> {
    parse_inner(path, display, bytes).map_err(Box::new)
}

#[allow(clippy::result_large_err)]
fn parse_inner(path: &Path, display: &str, bytes: Vec<u8>) -> Result<Loaded, Diagnostic> {
    let source = SourceFile::from_bytes(path, display.to_string(), bytes, "manifests")?;
    let root = match yaml::parse(&source.text) {
        Ok(root) => root,
        Err(e) => {
            let mut d = Diagnostic::error("yaml-syntax", e.message).at(&source, e.span);
            if let Some(help) = e.help {
                d = d.help(help);
            }
            return Err(d);
        }
    };
    let kind = detect_kind(&source, &root)?;
    Ok(Loaded { source, root, kind })
}

#[allow(clippy::result_large_err)]
fn detect_kind(source: &Arc<SourceFile>, root: &Node) -> Result<Kind, Diagnostic> {
    let all = || {
        let mut names: Vec<&str> = WorkloadType::ALL.to_vec();
        names.push("Environment");
        names
    };
    let list = || {
        all()
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if root.is_null() {
        return Err(Diagnostic::error("empty-manifest", "the manifest is empty")
            .at(source, Span::default())
            .help("a manifest needs at least `name:` and `type:`; `tug init` writes one"));
    }
    if root.as_map().is_none() {
        return Err(Diagnostic::error(
            "not-a-map",
            format!(
                "a manifest is a map of fields, but this file holds {}",
                root.kind()
            ),
        )
        .at(source, root.span)
        .help("start the file with `name:` and `type:` lines"));
    }
    let Some(entry) = root.entry("type") else {
        return Err(
            Diagnostic::error("missing-field", "the manifest has no `type`")
                .at(
                    source,
                    Span {
                        len: 0,
                        ..root.span
                    },
                )
                .help(format!("add `type:` with one of {}", list())),
        );
    };
    let Some(text) = entry.value.as_str() else {
        return Err(Diagnostic::error(
            "wrong-type",
            format!("`type` must be a string, found {}", entry.value.kind()),
        )
        .at(source, entry.value.span)
        .help(format!("use one of {}", list())));
    };
    if let Some(t) = WorkloadType::from_name(text) {
        return Ok(Kind::Workload(t));
    }
    if text == "Environment" {
        return Ok(Kind::Environment);
    }
    if matches!(text, "Request-Driven Web Service" | "Static Site") {
        return Err(Diagnostic::error(
            UNSUPPORTED_TYPE,
            format!("`{text}` is not supported by tug"),
        )
        .at(source, entry.value.span)
        .label("not supported")
        .help(if text == "Static Site" {
            "host static files with S3 and CloudFront directly, or serve them from a Load Balanced Web Service"
        } else {
            "App Runner is closed to new customers: use `type: Load Balanced Web Service`, which runs the same image on ECS Fargate behind a load balancer"
        }));
    }
    let known = all();
    let help = match schema::did_you_mean(text, &known) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of {}", list()),
    };
    Err(
        Diagnostic::error("unknown-type", format!("unknown manifest type `{text}`"))
            .at(source, entry.value.span)
            .help(help),
    )
}

fn workload_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(schemars::schema_for!(Workload)))
}

fn environment_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(schemars::schema_for!(Environment)))
}

/// How to apply a manifest.
pub struct Options<'a> {
    pub app: &'a str,
    /// The environment whose overrides apply; None reads the manifest as written.
    pub env: Option<&'a str>,
    /// A `${VAR}` that is not set: an error (deploy, package) or a warning (validate).
    pub unset_is_error: bool,
    pub lookup: &'a dyn Fn(&str) -> Option<String>,
    /// The repository root (the folder holding the workspace), which files such as
    /// `env_file` are relative to; `None` for a manifest outside a workspace, whose files
    /// are then not looked for.
    pub root: Option<&'a std::path::Path>,
    /// The application's domain (`.workspace`), which a TLS listener of `nlb` and
    /// `nlb.alias` need; `None` for an application without one or a manifest outside a
    /// workspace.
    pub domain: Option<&'a str>,
}

impl Options<'_> {
    fn var(&self, name: &str) -> Option<String> {
        match name {
            "TUG_APPLICATION_NAME" | "COPILOT_APPLICATION_NAME" => Some(self.app.to_string()),
            "TUG_ENVIRONMENT_NAME" | "COPILOT_ENVIRONMENT_NAME" => self.env.map(str::to_string),
            _ => (self.lookup)(name),
        }
    }
}

/// The process environment, for [`Options::lookup`].
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A workload as it applies to one environment: merged, interpolated, checked, with
/// defaults. The tree is kept so that later checks can point into the file.
#[derive(Debug, Clone)]
pub struct Effective {
    pub workload: Workload,
    pub tree: Node,
    /// The manifest file, for diagnostics that point into `tree`.
    pub source: Arc<SourceFile>,
}

/// Applies `opts.env` to a workload manifest and validates the result. Returns the
/// effective workload when there are no errors, and every diagnostic found.
pub fn workload(loaded: &Loaded, opts: &Options<'_>) -> (Option<Effective>, Vec<Diagnostic>) {
    let src = &loaded.source;
    let checker = workload_checker();
    let mut diags = Vec::new();
    let issue = |i: schema::Issue| {
        let mut d = Diagnostic::error(i.code, i.message).at(src, i.span);
        if let Some(h) = i.help {
            d = d.help(h);
        }
        d
    };

    // Every override is checked, whichever environment applies, so a typo under `prod`
    // is caught while validating `test`.
    let mut base = loaded.root.clone();
    let mut overrides: Vec<(String, Node)> = Vec::new();
    if let yaml::Value::Map(entries) = &mut base.value {
        if let Some(i) = entries.iter().position(|e| e.key == "environments") {
            let envs = entries.remove(i);
            match &envs.value.value {
                yaml::Value::Map(list) => {
                    for e in list {
                        let (_, issues) = checker.check(&e.value, true);
                        for mut i in issues {
                            let mut p = vec![
                                PathSeg::Key("environments".into()),
                                PathSeg::Key(e.key.clone()),
                            ];
                            p.append(&mut i.path);
                            i.path = p;
                            diags.push(issue(i));
                        }
                        overrides.push((e.key.clone(), e.value.clone()));
                    }
                }
                yaml::Value::Null => {}
                _ => diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!(
                            "`environments` must be a map of environment names, found {}",
                            envs.value.kind()
                        ),
                    )
                    .at(src, envs.value.span),
                ),
            }
        }
    }

    let mut tree = base;
    if let Some(env) = opts.env {
        if let Some((_, over)) = overrides.iter().find(|(name, _)| name == env) {
            if over.as_map().is_some() {
                merge::merge(&mut tree, over, "");
            }
        }
    }
    for unset in interpolate::interpolate(&mut tree, &|name| opts.var(name)) {
        if unset.credential {
            diags.push(
                Diagnostic::error(
                    "credential-variable",
                    format!(
                        "`${{{}}}` holds AWS credentials, which tug never writes into a manifest",
                        unset.name
                    ),
                )
                .at(src, unset.span)
                .help(
                    "the tasks get AWS credentials from their task role: grant it what they \
                     need with an addons `AWS::IAM::ManagedPolicy`; other secrets belong in \
                     `secrets:` (SSM or Secrets Manager)",
                ),
            );
            continue;
        }
        let message = format!("`${{{}}}` is not set", unset.name);
        let help = format!(
            "export {} before running tug, or write the value in the manifest",
            unset.name
        );
        let d = if opts.unset_is_error {
            Diagnostic::error("unset-variable", message)
        } else {
            Diagnostic::warning("unset-variable", message)
        };
        diags.push(d.at(src, unset.span).help(help));
    }

    let (json, issues) = checker.check(&tree, false);
    diags.extend(issues.into_iter().map(issue));
    let schema_errors = diags.iter().any(Diagnostic::is_error);

    let Some(mut workload) = typed::<Workload>(json, src, schema_errors, &mut diags) else {
        return (None, dedup(diags));
    };
    let kind = workload.kind;
    diags.extend(validate::workload(&workload, &tree, src, opts.domain));
    if let Some(root) = opts.root {
        diags.extend(validate::workload_files(&workload, &tree, src, root));
    }
    validate::apply_defaults(&mut workload, kind);
    diags.extend(validate::unimplemented_fields(&tree, src));
    let diags = dedup(diags);
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let source = src.clone();
    (
        Some(Effective {
            workload,
            tree,
            source,
        }),
        diags,
    )
}

/// Reads and validates an environment manifest.
pub fn environment(loaded: &Loaded) -> (Option<Environment>, Vec<Diagnostic>) {
    let src = &loaded.source;
    let (json, issues) = environment_checker().check(&loaded.root, false);
    let mut diags: Vec<Diagnostic> = issues
        .into_iter()
        .map(|i| {
            let mut d = Diagnostic::error(i.code, i.message).at(src, i.span);
            if let Some(h) = i.help {
                d = d.help(h);
            }
            d
        })
        .collect();
    let schema_errors = !diags.is_empty();
    let Some(env) = typed::<Environment>(json, src, schema_errors, &mut diags) else {
        return (None, dedup(diags));
    };
    diags.extend(validate::environment(&env, &loaded.root, src));
    diags.extend(validate::unimplemented_env_fields(&loaded.root, src));
    let diags = dedup(diags);
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    (Some(env), diags)
}

/// Copilot folders beside a manifest that tug does not read: `overrides/` (CDK or YAML
/// patches of the generated template). (`addons/` is read: see [`crate::addons`].)
const UNSUPPORTED_FOLDERS: &[(&str, &str)] = &[(
    "overrides",
    "Copilot overrides (CDK or YAML patches of the template)",
)];

/// A `not-implemented` warning for each `addons/` or `overrides/` folder that goes with the
/// manifest at `manifest_path`: beside it (`<dir>/<workload>/addons/`), or for an
/// environment manifest, the ones shared by all environments (`<dir>/environments/addons/`).
/// Folder paths are shown relative to `display_base` when inside it.
pub fn unsupported_folders(manifest_path: &Path, display_base: &Path) -> Vec<Diagnostic> {
    let Some(dir) = manifest_path.parent() else {
        return Vec::new();
    };
    let mut dirs = vec![dir];
    if let Some(envs) = dir.parent() {
        if envs.file_name().is_some_and(|n| n == "environments") {
            dirs.push(envs);
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        for (name, what) in UNSUPPORTED_FOLDERS {
            let folder = dir.join(name);
            if !folder.is_dir() {
                continue;
            }
            let shown = crate::diag::display_path(&folder, display_base);
            let source = SourceFile::new(&folder, shown, String::new());
            out.push(
                Diagnostic::warning(
                    "not-implemented",
                    format!("`{name}/` is not supported: {what}"),
                )
                .in_file(&source)
                .help(
                    "tug ignores this folder and deploys the manifest without it; \
                     deploy what it holds another way for now",
                ),
            );
        }
    }
    out
}

/// Deserialises the checked JSON. A failure the schema check already reported is not
/// reported twice.
fn typed<T: serde::de::DeserializeOwned>(
    json: serde_json::Value,
    src: &Arc<SourceFile>,
    schema_errors: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    match serde_json::from_value(json) {
        Ok(v) => Some(v),
        Err(e) => {
            if !schema_errors {
                diags.push(
                    Diagnostic::error(
                        "invalid-manifest",
                        format!("the manifest cannot be read: {e}"),
                    )
                    .in_file(src),
                );
            }
            None
        }
    }
}

/// Drops repeats (the same problem found through several environments), keeping order.
pub fn dedup(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diags
        .into_iter()
        .filter(|d| {
            seen.insert((
                d.file_name().map(str::to_string),
                d.span.map(|s| (s.offset, s.len)),
                d.code,
                d.message.clone(),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_folders_are_reported_and_addons_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        for d in [
            "copilot/api/addons",
            "copilot/api/overrides",
            "copilot/web",
            "copilot/environments/test",
            "copilot/environments/addons",
            "copilot/environments/overrides",
        ] {
            std::fs::create_dir_all(base.join(d)).unwrap();
        }
        let found = |m: &str| -> Vec<(Option<String>, String)> {
            unsupported_folders(&base.join(m), base)
                .iter()
                .map(|d| {
                    assert_eq!(d.code, "not-implemented");
                    assert!(!d.is_error() && d.span.is_none());
                    assert!(d.help.as_deref().unwrap().contains("ignores"));
                    (d.file_name().map(str::to_string), d.message.clone())
                })
                .collect()
        };
        let api = found("copilot/api/manifest.yml");
        assert_eq!(api.len(), 1, "{api:?}");
        assert_eq!(api[0].0.as_deref(), Some("copilot/api/overrides"));
        assert!(api[0].1.contains("`overrides/`"), "{api:?}");
        assert!(found("copilot/web/manifest.yml").is_empty());
        let env = found("copilot/environments/test/manifest.yml");
        assert_eq!(env.len(), 1, "{env:?}");
        assert_eq!(env[0].0.as_deref(), Some("copilot/environments/overrides"));
    }
}
