//! Scaffolding a workspace: manifests from the templates under `templates/manifest/`
//! (embedded in the binary), checked before they are written, and written all at once at
//! the end so that an interrupted `tug init` leaves the repository as it was.
//!
//! No terminal here: the questions are asked by `ui::wizard`.

pub mod discover;
pub mod storage;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::manifest::types::WorkloadType;
use crate::manifest::validate::check_name;
use crate::manifest::{self, Options};
use crate::workspace::{display_path, write_atomic};

/// Where a workload's image comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A Dockerfile, relative to the repository root (`api/Dockerfile`).
    Dockerfile(String),
    /// An image to run as it is.
    Image(String),
}

/// Everything a workload manifest is made from.
#[derive(Debug, Clone)]
pub struct WorkloadSpec {
    pub name: String,
    pub kind: WorkloadType,
    pub source: Source,
    pub port: Option<u16>,
    pub schedule: Option<String>,
    pub retries: Option<u32>,
    pub timeout: Option<String>,
}

/// An existing VPC to import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportVpc {
    pub id: String,
    pub public: Vec<String>,
    pub private: Vec<String>,
}

/// A subnet tug creates.
#[derive(Debug, Clone, Serialize)]
pub struct SubnetConfig {
    pub cidr: String,
    pub az: String,
}

/// The CIDR ranges and AZs of a VPC tug creates.
#[derive(Debug, Clone, Serialize)]
pub struct VpcConfig {
    pub cidr: String,
    pub public: Vec<SubnetConfig>,
    pub private: Vec<SubnetConfig>,
}

/// Everything an environment manifest is made from.
#[derive(Debug, Clone, Default)]
pub struct EnvSpec {
    pub name: String,
    pub import_vpc: Option<ImportVpc>,
    pub vpc_config: Option<VpcConfig>,
    pub container_insights: bool,
}

/// One sentence per workload type, for select lists and help.
pub fn describe(kind: WorkloadType) -> &'static str {
    match kind {
        WorkloadType::LoadBalancedWebService => {
            "reachable from the internet through a load balancer"
        }
        WorkloadType::BackendService => "reachable only from other services in the environment",
        WorkloadType::WorkerService => "no port: processes messages from an SQS queue",
        WorkloadType::ScheduledJob => "a task that runs on a schedule, then stops",
    }
}

fn templates() -> &'static minijinja::Environment<'static> {
    static ENV: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let sources = [
            (
                "lb-web-service",
                include_str!("../../templates/manifest/lb-web-service.yml.j2"),
            ),
            (
                "backend-service",
                include_str!("../../templates/manifest/backend-service.yml.j2"),
            ),
            (
                "worker-service",
                include_str!("../../templates/manifest/worker-service.yml.j2"),
            ),
            (
                "scheduled-job",
                include_str!("../../templates/manifest/scheduled-job.yml.j2"),
            ),
            (
                "environment",
                include_str!("../../templates/manifest/environment.yml.j2"),
            ),
            ("image", include_str!("../../templates/manifest/image.j2")),
        ];
        crate::templates::environment(&sources)
    })
}

fn render(template: &str, ctx: minijinja::Value) -> Result<String> {
    crate::templates::render(templates(), "manifest", template, ctx)
}

/// The manifest text for a workload.
pub fn workload_manifest(spec: &WorkloadSpec) -> Result<String> {
    let template = match spec.kind {
        WorkloadType::LoadBalancedWebService => "lb-web-service",
        WorkloadType::BackendService => "backend-service",
        WorkloadType::WorkerService => "worker-service",
        WorkloadType::ScheduledJob => "scheduled-job",
    };
    let (dockerfile, image) = match &spec.source {
        Source::Dockerfile(d) => (Some(d.as_str()), None),
        Source::Image(i) => (None, Some(i.as_str())),
    };
    let image_block = render(
        "image",
        minijinja::context! { dockerfile => dockerfile, image => image },
    )?;
    render(
        template,
        minijinja::context! {
            name => spec.name,
            image_block => image_block.trim_end(),
            port => spec.port,
            schedule => spec.schedule,
            retries => spec.retries,
            timeout => spec.timeout,
        },
    )
}

/// The manifest text for an environment.
pub fn environment_manifest(spec: &EnvSpec) -> Result<String> {
    render(
        "environment",
        minijinja::context! {
            name => spec.name,
            import_vpc => spec.import_vpc,
            vpc_config => spec.vpc_config,
            container_insights => spec.container_insights,
        },
    )
}

/// The `.workspace` file.
pub fn workspace_file(app: &str) -> String {
    format!("application: {app}\n")
}

/// Files to write, checked together before any is written.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<PathBuf>,
    contents: Vec<String>,
}

impl Plan {
    pub fn add(&mut self, path: PathBuf, contents: String) {
        self.files.push(path);
        self.contents.push(contents);
    }

    /// Checks that a manifest of the plan loads without errors, as `tug validate` would
    /// check it. `app` fills in `${TUG_APPLICATION_NAME}`.
    pub fn check(&self, app: &str, base: &Path) -> Result<Vec<Diagnostic>> {
        let mut diags = Vec::new();
        for (path, text) in self.files.iter().zip(&self.contents) {
            if path.file_name().is_none_or(|n| n != "manifest.yml") {
                continue;
            }
            let display = display_path(path, base);
            let loaded = manifest::parse(path, &display, text.clone().into_bytes())
                .map_err(|d| Error::Diagnostics(vec![*d]))?;
            let found = match loaded.kind {
                manifest::Kind::Environment => manifest::environment(&loaded).1,
                manifest::Kind::Workload(_) => {
                    let opts = Options {
                        app,
                        env: None,
                        unset_is_error: false,
                        lookup: &manifest::process_env,
                        root: None,
                        domain: None,
                    };
                    manifest::workload(&loaded, &opts).1
                }
            };
            diags.extend(found);
        }
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Diagnostics(diags));
        }
        Ok(diags)
    }

    /// Writes every file, each atomically. Nothing is written when any file exists and
    /// `force` is off.
    pub fn write(&self, base: &Path, force: bool) -> Result<()> {
        if !force {
            let existing: Vec<String> = self
                .files
                .iter()
                .filter(|p| p.exists())
                .map(|p| display_path(p, base))
                .collect();
            if !existing.is_empty() {
                return Err(Error::user(format!(
                    "{} already exists; nothing was written",
                    existing.join(" and ")
                ))
                .with_help("pass --force to overwrite it"));
            }
        }
        for (path, text) in self.files.iter().zip(&self.contents) {
            write_atomic(path, text.as_bytes(), force)?;
        }
        Ok(())
    }
}

/// Name rule, with the reason, for questions and flags.
pub fn name_rule(text: &str) -> std::result::Result<(), String> {
    check_name(text).map_err(|why| format!("\"{text}\" is not a valid name: {why}"))
}

/// Checks a name given by a flag.
pub fn check_name_flag(text: &str, flag: &str) -> Result<()> {
    name_rule(text).map_err(|why| {
        let mut e = Error::usage(format!("{flag}: {why}"));
        if let Some(s) = discover::sanitize_name(text) {
            e = e.with_help(format!("try `{flag} {s}`"));
        }
        e
    })
}

/// The folder's own name, made into a valid name.
pub fn folder_name(dir: &Path) -> Option<String> {
    dir.file_name()
        .and_then(|n| n.to_str())
        .and_then(discover::sanitize_name)
}

/// Parses `--type`: the manifest's name for it, or a short form.
pub fn parse_type(text: &str) -> std::result::Result<WorkloadType, String> {
    let t = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    Ok(match t.as_str() {
        "load-balanced-web-service" | "lb-web-service" | "lbws" | "web" => {
            WorkloadType::LoadBalancedWebService
        }
        "backend-service" | "backend" => WorkloadType::BackendService,
        "worker-service" | "worker" => WorkloadType::WorkerService,
        "scheduled-job" | "job" => WorkloadType::ScheduledJob,
        _ => {
            return Err(format!(
                "not a workload type; use one of \"{}\" (or lb-web-service, backend, worker, job)",
                WorkloadType::ALL.join("\", \"")
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_renders() {
        for kind in [
            WorkloadType::LoadBalancedWebService,
            WorkloadType::BackendService,
            WorkloadType::WorkerService,
            WorkloadType::ScheduledJob,
        ] {
            let text = workload_manifest(&WorkloadSpec {
                name: "api".into(),
                kind,
                source: Source::Image("nginx:1.27".into()),
                port: Some(80),
                schedule: Some("@daily".into()),
                retries: None,
                timeout: None,
            })
            .unwrap();
            assert!(text.contains(&format!("type: {}", kind.name())), "{text}");
            assert!(text.contains("location: \"nginx:1.27\""), "{text}");
        }
    }
}
