//! Finding the workspace (a `tug/` or `copilot/` folder with `.workspace`), listing its
//! workloads and environments, and writing files atomically.

use std::path::{Path, PathBuf};

mod load;
pub mod plan;
pub mod scenario;

pub use crate::diag::display_path;
pub use load::{EnvView, ManifestFile, Manifests, Unset, ViewWorkload, SKIPPED_WORKLOAD};

use crate::error::{Error, Result};
use crate::manifest::validate::{check_name, suggest_name, NAME_RULE};
use crate::suggest::did_you_mean;

#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder that holds `.workspace` (`<repo>/tug` or `<repo>/copilot`).
    pub dir: PathBuf,
    /// The application name from `.workspace`.
    pub app: String,
    /// The application's domain (`domain: example.com` in `.workspace`, written by
    /// `tug app init --domain`): see `render::domain`.
    pub domain: Option<String>,
}

impl Workspace {
    /// Walks up from `start` to the first folder holding `tug/.workspace` or
    /// `copilot/.workspace` (`tug/` wins when both exist).
    pub fn find(start: &Path) -> Result<Option<Workspace>> {
        for dir in start.ancestors() {
            for name in ["tug", "copilot"] {
                let candidate = dir.join(name);
                let marker = candidate.join(".workspace");
                if marker.is_file() {
                    let (app, domain) = read_marker(&marker)?;
                    return Ok(Some(Workspace {
                        dir: candidate,
                        app,
                        domain,
                    }));
                }
            }
        }
        Ok(None)
    }

    /// Like [`Workspace::find`], but a missing workspace is an error that says what to do.
    pub fn require(start: &Path) -> Result<Workspace> {
        Self::find(start)?.ok_or_else(|| {
            Error::user(format!(
                "no tug workspace found in {} or any folder above it",
                start.display()
            ))
            .with_help(
                "run tug from your repository (it needs tug/.workspace or copilot/.workspace), or pass -C DIR",
            )
        })
    }

    /// The repository root, which `image.build` paths are relative to: the folder that holds
    /// the workspace.
    pub fn root(&self) -> PathBuf {
        self.dir.parent().unwrap_or(&self.dir).to_path_buf()
    }

    /// Workload manifests: `<dir>/<name>/manifest.yml`, sorted by name.
    pub fn workloads(&self) -> Vec<(String, PathBuf)> {
        let mut out = list_manifests(&self.dir);
        out.retain(|(name, _)| name != "environments");
        out
    }

    /// Environment manifests: `<dir>/environments/<env>/manifest.yml`, sorted by name.
    pub fn environments(&self) -> Vec<(String, PathBuf)> {
        list_manifests(&self.dir.join("environments"))
    }

    /// The manifest of workload `name`, or an error listing the ones that exist.
    pub fn workload(&self, name: &str) -> Result<PathBuf> {
        find_named(self.workloads(), name, "service", &self.dir, "-n")
    }

    pub fn environment(&self, name: &str) -> Result<PathBuf> {
        find_named(
            self.environments(),
            name,
            "environment",
            &self.dir.join("environments"),
            "-e",
        )
    }
}

fn find_named(
    list: Vec<(String, PathBuf)>,
    name: &str,
    what: &str,
    dir: &Path,
    flag: &str,
) -> Result<PathBuf> {
    if let Some((_, path)) = list.iter().find(|(n, _)| n == name) {
        return Ok(path.clone());
    }
    let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
    Err(not_found(&names, name, what, dir, flag))
}

/// "No `what` named `name`", with a "did you mean" among `names` (found in `dir`) for `flag`.
fn not_found(names: &[&str], name: &str, what: &str, dir: &Path, flag: &str) -> Error {
    let help = match did_you_mean(name, names) {
        Some(s) => format!("did you mean `{flag} {s}`?"),
        None if names.is_empty() => format!("there are none yet in {}", dir.display()),
        None => format!("known: {}", names.join(", ")),
    };
    Error::user(format!("no {what} named `{name}` in this workspace")).with_help(help)
}

fn list_manifests(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let manifest = e.path().join("manifest.yml");
            manifest
                .is_file()
                .then(|| (e.file_name().to_string_lossy().into_owned(), manifest))
        })
        .collect();
    out.sort();
    out
}

/// The application name and domain of `.workspace`.
fn read_marker(marker: &Path) -> Result<(String, Option<String>)> {
    let text = std::fs::read_to_string(marker)
        .map_err(|e| Error::io(format!("reading {}", marker.display()), e))?;
    let bad = || {
        Error::user(format!(
            "{} does not name the application",
            marker.display()
        ))
        .with_help("it should hold one line: `application: <name>`")
    };
    let node = crate::yaml::parse(&text).map_err(|_| bad())?;
    let app = node
        .get("application")
        .and_then(|n| n.scalar_text())
        .map(str::to_string)
        .ok_or_else(bad)?;
    if let Err(why) = check_name(&app) {
        let help = match suggest_name(&app) {
            Some(s) => format!("write `application: {s}`"),
            None => NAME_RULE.to_string(),
        };
        return Err(Error::user(format!(
            "{}: `{app}` is not a valid application name: {why}",
            marker.display()
        ))
        .with_help(help));
    }
    let domain = match node.get("domain") {
        None => None,
        Some(n) if n.is_null() => None,
        Some(n) => {
            let d = n.scalar_text().unwrap_or_default().trim_end_matches('.');
            if !crate::manifest::domain::valid_domain(d) {
                return Err(Error::user(format!(
                    "{}: `domain: {d}` is not a domain name",
                    marker.display()
                ))
                .with_help("write the application's domain, such as `domain: example.com`"));
            }
            Some(d.to_ascii_lowercase())
        }
    };
    Ok((app, domain))
}

/// Writes `contents` to `path` so that a crash leaves either the old file or the new one
/// (synced to disk, see [`crate::fsutil`]). Refuses to replace an existing file unless
/// `force`, even one that appears while this runs.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<()> {
    let written = if force {
        crate::fsutil::write_replacing(path, contents, true)
    } else {
        crate::fsutil::write_new(path, contents, true)
    };
    written.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            Error::user(format!("{} already exists", path.display()))
                .with_help("pass --force to overwrite it")
        }
        _ => Error::io(format!("writing {}", path.display()), e),
    })
}

/// Writes `<stack>.yml` (the template) and `<stack>.params.json` (parameters and tags)
/// into `dir`, replacing what a previous package wrote. Returns both paths.
pub fn write_package(
    dir: &Path,
    stack: &str,
    template: &str,
    params: &str,
) -> Result<(PathBuf, PathBuf)> {
    let template_path = dir.join(format!("{stack}.yml"));
    let params_path = dir.join(format!("{stack}.params.json"));
    write_output(&template_path, template.as_bytes())?;
    write_output(&params_path, format!("{params}\n").as_bytes())?;
    Ok((template_path, params_path))
}

/// Writes a file tug generates (a rendered template), replacing the old one: a temporary
/// file renamed over it, so a reader never sees half a file. Not synced to disk: the file
/// can be generated again.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<()> {
    crate::fsutil::write_replacing(path, contents, false)
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))
}
