use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::{plural, Context};
use crate::diag::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::manifest::{self, Kind, Loaded, Options};
use crate::ui::ci;
use crate::workspace::{display_path, plan, ManifestFile, Unset, Workspace};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Check the manifests as they apply to this environment (default: every environment)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    /// Manifest files to check (default: every manifest in the workspace)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to print the diagnostics (default: text, or json with --json). Under GitHub
    /// Actions (GITHUB_ACTIONS=true) text and json also print each diagnostic as a
    /// workflow command, on stderr
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

/// How `tug validate` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each diagnostic with its source line and a caret, on stderr
    Text,
    /// One JSON document on stdout (docs/schemas/validate.json)
    Json,
    /// GitHub Actions workflow commands (`::error file=...`) on stdout
    Github,
    /// A SARIF 2.1.0 log on stdout, for code-scanning uploads
    Sarif,
}

/// The outcome of checking a set of manifests.
pub struct Report {
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn valid(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The `--json` document (docs/schemas/validate.json).
    pub fn document(&self) -> crate::ui::json::ValidateReport {
        crate::ui::json::ValidateReport {
            schema: crate::ui::json::SCHEMA_VERSION,
            valid: self.valid(),
            diagnostics: self.diagnostics.iter().map(Into::into).collect(),
        }
    }
}

impl ValidateArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let report = self.check(ctx)?;
        let p = &ctx.printer;
        let format = match self.format {
            Some(f) => f,
            None if p.json => Format::Json,
            None => Format::Text,
        };
        let root = ci::source_root(&ctx.cwd);
        // Annotations on the pull request's diff, besides the usual output.
        if ci::github_actions() && matches!(format, Format::Text | Format::Json) {
            for d in &report.diagnostics {
                p.annotation(&ci::workflow_command(d, &root));
            }
        }
        match format {
            Format::Json => p.json(&report.document())?,
            Format::Github => {
                let lines: Vec<String> = report
                    .diagnostics
                    .iter()
                    .map(|d| ci::workflow_command(d, &root))
                    .collect();
                if !lines.is_empty() {
                    p.out(&lines.join("\n"))?;
                }
            }
            Format::Sarif => p.json(&ci::sarif(&report.diagnostics, &root))?,
            Format::Text => {
                for d in &report.diagnostics {
                    p.diagnostic(d);
                }
                let (errors, warnings) = diag::summary(&report.diagnostics);
                let files = plural(report.files, "manifest");
                if errors == 0 {
                    let w = if warnings > 0 {
                        format!(" ({})", plural(warnings, "warning"))
                    } else {
                        String::new()
                    };
                    p.info(&format!("{files} valid{w}"));
                } else {
                    p.info(&format!(
                        "{files} checked: {}, {}",
                        plural(errors, "error"),
                        plural(warnings, "warning")
                    ));
                }
            }
        }
        Ok(if report.valid() { 0 } else { 1 })
    }

    /// Reads and checks every manifest asked for.
    pub fn check(&self, ctx: &Context) -> Result<Report> {
        let workspace = Workspace::find(&ctx.cwd)?;
        if !self.paths.is_empty() {
            let files: Vec<PathBuf> = self.paths.iter().map(|p| ctx.cwd.join(p)).collect();
            return check_files(ctx, workspace.as_ref(), &files, self.env.as_deref());
        }
        let ws = workspace.ok_or_else(|| {
            Error::usage("no manifests to check: no tug workspace here and no PATH given")
                .with_help("run inside a repository with tug/ or copilot/, pass -C DIR, or name manifest files")
        })?;
        let manifests = ws.read_all(&ctx.cwd);
        let ws_envs = manifests.environment_names();
        if ws_envs.is_empty() {
            let files: Vec<PathBuf> = manifests.workloads.iter().map(|f| f.path.clone()).collect();
            return check_files(ctx, Some(&ws), &files, self.env.as_deref());
        }
        let envs: Vec<String> = match &self.env {
            Some(e) => vec![e.clone()],
            None => ws_envs.clone(),
        };
        let files: Vec<&ManifestFile> = manifests
            .environments
            .iter()
            .chain(&manifests.workloads)
            .collect();
        let mut found = Vec::new();
        for file in &files {
            found.extend(manifest::unsupported_folders(&file.path, &ctx.cwd));
            match &file.loaded {
                // Environments outside the views (`--env` names another) are checked alone.
                Ok(l) if l.kind == Kind::Environment && !envs.contains(&file.name) => {
                    found.extend(manifest::environment(l).1)
                }
                Ok(l) if l.kind != Kind::Environment => {
                    found.extend(unknown_overrides(l, &ws_envs))
                }
                _ => {}
            }
        }
        // Every environment as a deploy sees it, and the simulator's placement of its tasks.
        let mut placement = Vec::new();
        for env in &envs {
            let view = manifests.view(env, Unset::Warning)?;
            let workloads: Vec<&crate::manifest::types::Workload> = view
                .workloads
                .iter()
                .map(|w| &w.effective.workload)
                .collect();
            found.extend(crate::deploy::addons_diagnostics(
                &ws,
                env,
                view.environment.as_ref(),
                &workloads,
                &ctx.cwd,
            ));
            placement.extend(plan::environment(&view).diagnostics);
            found.extend(view.diagnostics);
            found.extend(view.skipped);
        }
        // Grouped by file, in workspace order, as each file is read.
        let rank = |d: &Diagnostic| {
            files
                .iter()
                .position(|f| {
                    d.file_name()
                        .is_some_and(|n| f.loaded.as_ref().is_ok_and(|l| l.source.name == n))
                })
                .unwrap_or(files.len())
        };
        let mut found = manifest::dedup(found);
        found.sort_by_key(|d| rank(d));
        found.extend(placement);
        Ok(Report {
            files: files.len(),
            diagnostics: manifest::dedup(found),
        })
    }
}

/// Checks the manifest files `files`, each for every environment it applies to.
fn check_files(
    ctx: &Context,
    workspace: Option<&Workspace>,
    files: &[PathBuf],
    env: Option<&str>,
) -> Result<Report> {
    let ws_envs: Vec<String> = workspace
        .map(|ws| ws.environments().into_iter().map(|(n, _)| n).collect())
        .unwrap_or_default();
    if let (Some(env), Some(ws)) = (env, workspace) {
        if !ws_envs.is_empty() {
            ws.environment(env)?;
        }
    }
    let app = workspace.map_or("app", |w| w.app.as_str());
    let domain = workspace.and_then(|w| w.domain.as_deref());
    let mut diagnostics = Vec::new();
    for path in files {
        let shown = display_path(path, &ctx.cwd);
        if !path.is_file() {
            return Err(Error::user(format!("{shown}: no such file"))
                .with_help("check the path; directories are not manifests"));
        }
        diagnostics.extend(manifest::unsupported_folders(path, &ctx.cwd));
        match manifest::read(path, &shown) {
            Ok(loaded) => {
                // Files such as `env_file` are looked for only for a manifest of the workspace.
                let root = workspace
                    .filter(|ws| path.starts_with(&ws.dir))
                    .map(Workspace::root);
                let found = check_one(&loaded, (app, domain), env, &ws_envs, root.as_deref());
                diagnostics.extend(found);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    Ok(Report {
        files: files.len(),
        diagnostics: manifest::dedup(diagnostics),
    })
}

/// Checks one manifest of application `app` (with its domain) for each environment it
/// applies to.
fn check_one(
    loaded: &Loaded,
    (app, domain): (&str, Option<&str>),
    env: Option<&str>,
    ws_envs: &[String],
    root: Option<&Path>,
) -> Vec<Diagnostic> {
    match loaded.kind {
        Kind::Environment => manifest::environment(loaded).1,
        Kind::Workload(_) => {
            let overrides = loaded.override_names();
            let envs: Vec<Option<String>> = match env {
                Some(e) => vec![Some(e.to_string())],
                None if !ws_envs.is_empty() => ws_envs.iter().cloned().map(Some).collect(),
                None if !overrides.is_empty() => overrides.iter().cloned().map(Some).collect(),
                None => vec![None],
            };
            let mut out = Vec::new();
            if !ws_envs.is_empty() {
                out.extend(unknown_overrides(loaded, ws_envs));
            }
            for e in &envs {
                let opts = Options {
                    app,
                    env: e.as_deref(),
                    unset_is_error: false,
                    lookup: &manifest::process_env,
                    root,
                    domain,
                };
                out.extend(manifest::workload(loaded, &opts).1);
            }
            out
        }
    }
}

/// Overrides for environments the workspace does not have: never applied, likely a typo.
fn unknown_overrides(loaded: &Loaded, ws_envs: &[String]) -> Vec<Diagnostic> {
    let Some(entries) = loaded.root.get("environments").and_then(|n| n.as_map()) else {
        return Vec::new();
    };
    let known: Vec<&str> = ws_envs.iter().map(String::as_str).collect();
    entries
        .iter()
        .filter(|e| !ws_envs.contains(&e.key))
        .map(|e| {
            let help = match manifest::schema::did_you_mean(&e.key, &known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("environments in this workspace: {}", known.join(", ")),
            };
            Diagnostic::warning(
                "unknown-environment",
                format!(
                    "`environments.{}` overrides an environment this workspace does not have",
                    e.key
                ),
            )
            .at(&loaded.source, e.key_span)
            .help(help)
        })
        .collect()
}
