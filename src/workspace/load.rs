//! The one loader: every manifest of the workspace read once, then viewed as it applies to
//! one environment ([`EnvView`]). validate, package, `sim plan` and every deploy use it.

use std::path::{Path, PathBuf};

use super::{display_path, Workspace};
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::manifest::domain::EnvTraffic;
use crate::manifest::types::Environment;
use crate::manifest::{self, Effective, Kind, Loaded, Options};

/// A manifest file of the workspace, read and parsed (or the diagnostic saying why not).
pub struct ManifestFile {
    /// The folder name: the workload's or the environment's.
    pub name: String,
    pub path: PathBuf,
    pub loaded: std::result::Result<Loaded, Diagnostic>,
}

/// Every manifest of a workspace, each read once.
pub struct Manifests {
    pub app: String,
    /// The application's domain (`.workspace`).
    pub domain: Option<String>,
    /// The workspace folder (`tug/` or `copilot/`).
    pub dir: PathBuf,
    pub environments: Vec<ManifestFile>,
    pub workloads: Vec<ManifestFile>,
}

/// A workload as it applies to the environment of an [`EnvView`].
pub struct ViewWorkload<'m> {
    pub loaded: &'m Loaded,
    pub effective: Effective,
}

/// An environment and every workload as they apply to it, with every diagnostic found.
pub struct EnvView<'m> {
    pub name: String,
    /// The environment manifest, when it parsed.
    pub env_loaded: Option<&'m Loaded>,
    /// The environment, when it is valid.
    pub environment: Option<Environment>,
    /// The workloads that are valid in this environment (the others have error diagnostics).
    pub workloads: Vec<ViewWorkload<'m>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Workloads of a type tug does not deploy (Request-Driven Web Service, Static Site):
    /// an error for `validate`, a warning for a deploy, which goes on without them.
    pub skipped: Vec<Diagnostic>,
}

impl<'m> EnvView<'m> {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The environment and its workloads when there is no error; otherwise
    /// `Error::Diagnostics` with everything found.
    /// The skipped workloads are warnings among the diagnostics returned.
    pub fn valid(self) -> Result<(Environment, Vec<ViewWorkload<'m>>, Vec<Diagnostic>)> {
        let mut diagnostics = self.diagnostics;
        diagnostics.extend(self.skipped.into_iter().map(skipped_warning));
        match self.environment {
            Some(env) if !diagnostics.iter().any(Diagnostic::is_error) => {
                Ok((env, self.workloads, diagnostics))
            }
            _ => Err(Error::Diagnostics(diagnostics)),
        }
    }
}

/// The code of the warning a deploy gives for a workload it skips.
pub const SKIPPED_WORKLOAD: &str = "skipped-workload";

/// What a deploy says of a workload it skips: the reason, as a warning.
fn skipped_warning(d: Diagnostic) -> Diagnostic {
    Diagnostic {
        severity: crate::diag::Severity::Warning,
        code: SKIPPED_WORKLOAD,
        message: format!("{}; it is skipped, the other workloads deploy", d.message),
        ..d
    }
}

/// When a `${VAR}` that is not set is an error (deploy, package) or a warning (validate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unset {
    Error,
    Warning,
}

impl Workspace {
    /// Reads every manifest of the workspace once. `cwd` is what paths are shown relative to.
    pub fn read_all(&self, cwd: &Path) -> Manifests {
        let read = |list: Vec<(String, PathBuf)>| {
            list.into_iter()
                .map(|(name, path)| {
                    let loaded = manifest::read(&path, &display_path(&path, cwd)).map_err(|d| *d);
                    ManifestFile { name, path, loaded }
                })
                .collect()
        };
        Manifests {
            app: self.app.clone(),
            domain: self.domain.clone(),
            dir: self.dir.clone(),
            environments: read(self.environments()),
            workloads: read(self.workloads()),
        }
    }

    /// One workload as it applies to environment `env`: its manifest read, merged,
    /// interpolated and validated. Warnings come back with it; errors are
    /// `Error::Diagnostics`.
    pub fn load_workload(
        &self,
        name: &str,
        env: &str,
        cwd: &Path,
    ) -> Result<(Effective, Vec<Diagnostic>)> {
        let path = self.workload(name)?;
        let loaded = manifest::read(&path, &display_path(&path, cwd))
            .map_err(|d| Error::Diagnostics(vec![*d]))?;
        if loaded.kind == Kind::Environment {
            return Err(Error::user(format!(
                "{} is an environment manifest, not a service",
                path.display()
            )));
        }
        let root = self.root();
        match manifest::workload(
            &loaded,
            &options(&self.app, self.domain.as_deref(), env, Unset::Error, &root),
        ) {
            (Some(e), diags) => Ok((e, diags)),
            (None, diags) => Err(Error::Diagnostics(diags)),
        }
    }
}

impl Workspace {
    /// The listeners and domain of environment `env` (its manifest and `.workspace`), and
    /// the diagnostics of workload `effective` in it: what `svc deploy` and `svc package`
    /// render with. An environment without a manifest has no certificate.
    pub fn env_traffic(
        &self,
        env: &str,
        effective: &Effective,
        cwd: &Path,
    ) -> Result<(EnvTraffic, Vec<Diagnostic>)> {
        let environment = match self.environment(env) {
            Ok(path) => {
                let loaded = manifest::read(&path, &display_path(&path, cwd))
                    .map_err(|d| Error::Diagnostics(vec![*d]))?;
                match manifest::environment(&loaded) {
                    (Some(e), _) => Some(e),
                    (None, diags) => return Err(Error::Diagnostics(diags)),
                }
            }
            Err(_) => None,
        };
        let traffic = match &environment {
            Some(e) => EnvTraffic::new(e, self.domain.as_deref()),
            None => EnvTraffic {
                domain: self.domain.clone(),
                public_https: self.domain.is_some(),
                internal_https: false,
            },
        };
        let diags = manifest::validate::workload_traffic(
            &effective.workload,
            &effective.tree,
            &effective.source,
            env,
            &traffic,
        );
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Diagnostics(diags));
        }
        Ok((traffic, diags))
    }
}

fn options<'a>(
    app: &'a str,
    domain: Option<&'a str>,
    env: &'a str,
    unset: Unset,
    root: &'a Path,
) -> Options<'a> {
    Options {
        app,
        env: Some(env),
        unset_is_error: unset == Unset::Error,
        lookup: &manifest::process_env,
        root: Some(root),
        domain,
    }
}

impl Manifests {
    /// The stack names of environment `env` (its manifest `env_loaded`) and of every
    /// workload in it: each within CloudFormation's and DNS's limits, and none the stack of
    /// something else of the workspace. Errors at the `name` of the manifest concerned.
    fn stack_name_rules(&self, env: &str, env_loaded: Option<&Loaded>) -> Vec<Diagnostic> {
        let at_name = |l: &Loaded, d: Diagnostic| {
            let span = l.root.get("name").map_or(l.root.span, |n| n.span);
            d.at(&l.source, span)
        };
        let envs = self.environment_names();
        let files: Vec<(&String, &Loaded)> = self
            .workloads
            .iter()
            .filter_map(|f| Some((&f.name, f.loaded.as_ref().ok()?)))
            .filter(|(_, l)| matches!(l.kind, Kind::Workload(_)))
            .collect();
        let names: Vec<String> = files.iter().map(|(n, _)| (*n).clone()).collect();
        let owners = crate::names::stack_owners(&self.app, &envs, &names);
        let mine = std::iter::once((None, env_loaded))
            .chain(files.iter().map(|(n, l)| (Some(n.as_str()), Some(*l))));
        let mut out = Vec::new();
        for (workload, loaded) in mine {
            let Some(loaded) = loaded else { continue };
            let me = crate::names::owner_title(env, workload);
            // A name the environment's own stack is refused for is said once, there.
            let env_too_long = crate::names::over_limits(&self.app, env, None).is_some();
            if workload.is_some() && env_too_long {
                continue;
            }
            if let Some(why) = crate::names::over_limits(&self.app, env, workload) {
                let d = Diagnostic::error("name-too-long", format!("{me}: {why}"))
                    .help("use a shorter name (the folder's and `name`)");
                out.push(at_name(loaded, d));
                continue;
            }
            let stack = crate::names::stack_name(&self.app, env, workload);
            let others: Vec<String> = owners
                .get(&stack)
                .into_iter()
                .flatten()
                .filter(|(e, w)| (*e, *w) != (env, workload))
                .map(|(e, w)| crate::names::owner_title(e, *w))
                .collect();
            if !others.is_empty() {
                let d = Diagnostic::error(
                    "stack-name-taken",
                    format!(
                        "{me} would deploy to stack {stack}, which is also the stack of {}",
                        others.join(" and ")
                    ),
                )
                .help("rename one of them: two things never share a stack");
                out.push(at_name(loaded, d));
            }
        }
        out
    }

    /// The names of the workspace's environments.
    pub fn environment_names(&self) -> Vec<String> {
        self.environments.iter().map(|f| f.name.clone()).collect()
    }

    /// Environment `env` and every workload as they apply to it. A missing environment is
    /// an `Err` (with the known ones); problems in manifests, including files that did not
    /// parse, are diagnostics.
    pub fn view(&self, env: &str, unset: Unset) -> Result<EnvView<'_>> {
        let Some(file) = self.environments.iter().find(|f| f.name == env) else {
            let names = self.environment_names();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let dir = self.dir.join("environments");
            return Err(super::not_found(&names, env, "environment", &dir, "-e"));
        };
        let mut diagnostics = Vec::new();
        let (env_loaded, environment) = match &file.loaded {
            Ok(l) if l.kind == Kind::Environment => {
                let (environment, d) = manifest::environment(l);
                diagnostics.extend(d);
                (Some(l), environment)
            }
            Ok(_) => {
                return Err(Error::user(format!(
                    "{} is not an environment manifest",
                    file.path.display()
                )))
            }
            Err(d) => {
                diagnostics.push(d.clone());
                (None, None)
            }
        };
        let root = self.dir.parent().unwrap_or(&self.dir);
        let opts = options(&self.app, self.domain.as_deref(), env, unset, root);
        let mut workloads = Vec::new();
        let mut skipped = Vec::new();
        for file in &self.workloads {
            let loaded = match &file.loaded {
                Ok(l) => l,
                Err(d) if d.code == manifest::UNSUPPORTED_TYPE => {
                    skipped.push(d.clone());
                    continue;
                }
                Err(d) => {
                    diagnostics.push(d.clone());
                    continue;
                }
            };
            if !matches!(loaded.kind, Kind::Workload(_)) {
                continue;
            }
            let (effective, d) = manifest::workload(loaded, &opts);
            diagnostics.extend(d);
            if let (Some(effective), Some(env)) = (&effective, &environment) {
                diagnostics.extend(manifest::validate::workload_in_environment(
                    &effective.workload,
                    &effective.tree,
                    &loaded.source,
                    env,
                ));
                diagnostics.extend(manifest::validate::workload_traffic(
                    &effective.workload,
                    &effective.tree,
                    &loaded.source,
                    &env.name,
                    &EnvTraffic::new(env, self.domain.as_deref()),
                ));
            }
            if let Some(effective) = effective {
                workloads.push(ViewWorkload { loaded, effective });
            }
        }
        diagnostics.extend(self.stack_name_rules(env, env_loaded));
        Ok(EnvView {
            name: env.to_string(),
            env_loaded,
            environment,
            workloads,
            diagnostics,
            skipped,
        })
    }
}
