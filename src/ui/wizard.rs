//! The questions of `tug init`, `svc init` and `job init` about a workload, asked on a
//! terminal (each has a flag that answers it), and what is said about the files written.

use std::path::{Path, PathBuf};

use super::prompt::{Choice, Prompter};
use super::Printer;
use crate::error::{Error, Result};
use crate::init::discover;
use crate::init::{self, check_name_flag, name_rule, Plan, Source, WorkloadSpec};
use crate::init::{EnvSpec, ImportVpc, SubnetConfig, VpcConfig};
use crate::manifest::types::WorkloadType;
use crate::manifest::validate::is_cidr;
use crate::manifest::validate::{check_schedule, parse_duration};
use crate::workspace::display_path;

/// Everything asked about a workload, flags first.
#[derive(Debug, Clone, Default)]
pub struct WorkloadQuestions {
    pub name: Option<String>,
    pub kind: Option<WorkloadType>,
    /// `--dockerfile`
    pub dockerfile: Option<PathBuf>,
    /// `--image`
    pub image: Option<String>,
    pub port: Option<u16>,
    pub schedule: Option<String>,
    pub retries: Option<u32>,
    pub timeout: Option<String>,
}

fn check_port(text: &str) -> std::result::Result<(), String> {
    match text.parse::<u16>() {
        Ok(p) if p > 0 => Ok(()),
        _ => Err("a port is a whole number from 1 to 65535".into()),
    }
}

pub const SCHEDULE_EXAMPLES: &str = "@daily, @every 1h30m, rate(5 minutes), cron(0 12 * * ? *)";

/// Asks every question about a workload whose files go under `root` (the repository) and
/// whose manifest goes under `ws_dir`. `kinds` are the types the command may create.
#[allow(clippy::too_many_arguments)]
pub fn ask_workload(
    printer: &Printer,
    cwd: &Path,
    p: &Prompter,
    root: &Path,
    ws_dir: &Path,
    q: WorkloadQuestions,
    kinds: &[WorkloadType],
    force: bool,
) -> Result<WorkloadSpec> {
    if let Some(name) = &q.name {
        check_name_flag(name, "--name")?;
    }
    if let Some(s) = &q.schedule {
        check_schedule(s).map_err(|why| Error::usage(format!("--schedule \"{s}\": {why}")))?;
    }
    if let Some(t) = &q.timeout {
        if parse_duration(t).is_none() {
            return Err(Error::usage(format!(
                "--timeout \"{t}\" is not a duration: write a number with a unit, such as `30m` or `1h30m`"
            )));
        }
    }

    // 1. The image: a Dockerfile found here, one given, or an image.
    let (source, exposed) = ask_source(printer, cwd, p, root, &q)?;

    // 2. The type.
    let kind = match q.kind {
        Some(k) if kinds.contains(&k) => k,
        Some(k) => {
            return Err(
                Error::usage(format!("this command does not create a {}", k.name())).with_help(
                    if k == WorkloadType::ScheduledJob {
                        "use `tug job init` for a Scheduled Job"
                    } else {
                        "use `tug svc init` for a service"
                    },
                ),
            )
        }
        None if kinds.len() == 1 => kinds[0],
        None => {
            let choices: Vec<Choice> = kinds
                .iter()
                .map(|k| Choice::new(k.name(), init::describe(*k)))
                .collect();
            kinds[p.select(
                "Which type of workload is it?",
                "the workload type",
                "--type TYPE",
                &choices,
                Some(0),
            )?]
        }
    };

    // 3. The name, proposed from the Dockerfile's folder.
    let proposed = match &source {
        Source::Dockerfile(d) => discover::propose_name(root, Path::new(d)),
        Source::Image(_) => None,
    };
    let name = match q.name.clone() {
        Some(n) => n,
        None => p.text(
            &format!(
                "What should the {} be called?",
                if kind.is_service() { "service" } else { "job" }
            ),
            "the name",
            "--name NAME",
            proposed,
            |s| {
                name_rule(s)?;
                if s == "environments" {
                    return Err("`environments` is where environment manifests go".into());
                }
                Ok(())
            },
        )?,
    };
    if name == "environments" {
        return Err(Error::usage(
            "--name environments: that folder holds the environment manifests",
        ));
    }
    let manifest = ws_dir.join(&name).join("manifest.yml");
    if manifest.exists() && !force {
        return Err(Error::user(format!(
            "{} already exists; nothing was written",
            display_path(&manifest, cwd)
        ))
        .with_help("pick another name, or pass --force to overwrite it"));
    }

    let port = ask_port(p, kind, q.port, exposed)?;
    let schedule = ask_schedule(p, kind, &q)?;

    Ok(WorkloadSpec {
        name,
        kind,
        source,
        port,
        schedule,
        retries: q.retries,
        timeout: q.timeout,
    })
}

/// The port, for services that take traffic: `asked` (`--port`), else asked, else the
/// Dockerfile's EXPOSE (`exposed`).
fn ask_port(
    p: &Prompter,
    kind: WorkloadType,
    asked: Option<u16>,
    exposed: Option<u16>,
) -> Result<Option<u16>> {
    Ok(match kind {
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService => match asked {
            Some(port) => Some(port),
            None if p.asks() => {
                let default =
                    exposed.or((kind == WorkloadType::LoadBalancedWebService).then_some(80));
                let optional = kind == WorkloadType::BackendService;
                let answer = p.text(
                    if optional {
                        "Which port does it listen on? (empty: none)"
                    } else {
                        "Which port does it listen on?"
                    },
                    "the port",
                    "--port N",
                    default.map(|d| d.to_string()),
                    |s| {
                        if optional && s.is_empty() {
                            Ok(())
                        } else {
                            check_port(s)
                        }
                    },
                )?;
                answer.parse().ok()
            }
            None => match (exposed, kind) {
                (Some(port), _) => Some(port),
                (None, WorkloadType::BackendService) => None,
                (None, _) => Some(
                    p.text(
                        "",
                        "the port (the Dockerfile has no EXPOSE)",
                        "--port N",
                        Some("80".into()),
                        check_port,
                    )?
                    .parse()
                    .unwrap_or(80),
                ),
            },
        },
        _ => {
            if asked.is_some() {
                return Err(Error::usage(format!(
                    "--port: a {} takes no traffic, so it has no port",
                    kind.name()
                )));
            }
            None
        }
    })
}

/// The schedule, for jobs (`--schedule`, else asked); the job-only flags are refused for
/// services.
fn ask_schedule(p: &Prompter, kind: WorkloadType, q: &WorkloadQuestions) -> Result<Option<String>> {
    Ok(if kind == WorkloadType::ScheduledJob {
        Some(match q.schedule.clone() {
            Some(s) => s,
            None => p.text(
                &format!("When should it run? (e.g. {SCHEDULE_EXAMPLES})"),
                "the schedule",
                "--schedule EXPR",
                None,
                check_schedule,
            )?,
        })
    } else {
        if q.schedule.is_some() || q.retries.is_some() || q.timeout.is_some() {
            return Err(Error::usage(
                "--schedule, --retries and --timeout are for a Scheduled Job",
            )
            .with_help("pass --type job, or leave them out"));
        }
        None
    })
}

/// Asks about a new workload of `ws` (see [`ask_workload`]) and writes its manifest.
pub fn write_workload(
    printer: &Printer,
    cwd: &Path,
    p: &Prompter,
    ws: &crate::workspace::Workspace,
    q: WorkloadQuestions,
    kinds: &[WorkloadType],
    force: bool,
) -> Result<WorkloadSpec> {
    let spec = ask_workload(printer, cwd, p, &ws.root(), &ws.dir, q, kinds, force)?;
    let mut plan = Plan::default();
    plan.add(
        ws.dir.join(&spec.name).join("manifest.yml"),
        init::workload_manifest(&spec)?,
    );
    write_plan(printer, cwd, &plan, &ws.app, force)?;
    Ok(spec)
}

/// Picks the image source. Returns it and the port the Dockerfile exposes.
fn ask_source(
    printer: &Printer,
    cwd: &Path,
    p: &Prompter,
    root: &Path,
    flags: &WorkloadQuestions,
) -> Result<(Source, Option<u16>)> {
    if let Some(image) = &flags.image {
        if image.trim().is_empty() || image.chars().any(char::is_whitespace) {
            return Err(Error::usage(format!("--image \"{image}\" is not an image")));
        }
        return Ok((Source::Image(image.clone()), None));
    }
    if let Some(path) = &flags.dockerfile {
        let full = cwd.join(path);
        if !full.is_file() {
            return Err(Error::user(format!(
                "--dockerfile {}: no such file",
                path.display()
            )));
        }
        let rel = dockerfile_rel(root, &full)?;
        return Ok((Source::Dockerfile(rel), discover::dockerfile_port(&full)));
    }
    let found = discover::dockerfiles(root);
    let found_rel = |i: usize| found[i].to_string_lossy().replace('\\', "/");
    match found.len() {
        0 => {
            printer.info(&format!(
                "no Dockerfile found under {}",
                display_dir(root, cwd)
            ));
            let image = p.text(
                "Which image should it run? (e.g. public.ecr.aws/nginx/nginx:latest)",
                "a Dockerfile or an image (none was found)",
                "--dockerfile PATH or --image URI",
                None,
                check_image,
            )?;
            Ok((Source::Image(image), None))
        }
        1 if !p.asks() => {
            printer.info(&format!(
                "using {}, the only Dockerfile found",
                found_rel(0)
            ));
            Ok((
                Source::Dockerfile(found_rel(0)),
                discover::dockerfile_port(&root.join(&found[0])),
            ))
        }
        n => {
            let mut choices: Vec<Choice> = found
                .iter()
                .map(|f| {
                    let port = discover::dockerfile_port(&root.join(f))
                        .map(|p| format!("EXPOSE {p}"))
                        .unwrap_or_default();
                    Choice::new(f.to_string_lossy(), port)
                })
                .collect();
            choices.push(Choice::new(
                "Use an existing image instead",
                "run an image from a registry, built elsewhere",
            ));
            if !p.asks() {
                let list: Vec<String> = (0..n).map(found_rel).collect();
                return Err(p
                    .missing(
                        &format!("a choice of Dockerfile ({n} found)"),
                        "--dockerfile PATH",
                    )
                    .with_help(format!("found: {}", list.join(", "))));
            }
            let i = p.select(
                "Which Dockerfile should tug build?",
                "the Dockerfile",
                "--dockerfile PATH",
                &choices,
                Some(0),
            )?;
            if i == n {
                let image = p.text(
                    "Which image should it run?",
                    "the image",
                    "--image URI",
                    None,
                    check_image,
                )?;
                return Ok((Source::Image(image), None));
            }
            Ok((
                Source::Dockerfile(found_rel(i)),
                discover::dockerfile_port(&root.join(&found[i])),
            ))
        }
    }
}

fn check_image(s: &str) -> std::result::Result<(), String> {
    if s.is_empty() {
        Err("an image is needed, such as nginx:1.27".into())
    } else if s.chars().any(char::is_whitespace) {
        Err("an image reference has no spaces".into())
    } else {
        Ok(())
    }
}

/// A Dockerfile's path relative to the repository root, as a manifest writes it.
fn dockerfile_rel(root: &Path, full: &Path) -> Result<String> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_c, full_c) = (canon(root), canon(full));
    full_c
        .strip_prefix(&root_c)
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .map_err(|_| {
            Error::user(format!(
                "--dockerfile {}: it is outside the repository {}",
                full.display(),
                root.display()
            ))
            .with_help("the image is built from inside the repository; move the Dockerfile there")
        })
}

fn display_dir(dir: &Path, base: &Path) -> String {
    let shown = display_path(dir, base);
    if shown.is_empty() {
        ".".into()
    } else {
        shown
    }
}

/// Checks the generated manifests, writes them, and says what was written.
pub fn write_plan(
    printer: &Printer,
    cwd: &Path,
    plan: &Plan,
    app: &str,
    force: bool,
) -> Result<()> {
    for d in plan.check(app, cwd)? {
        printer.diagnostic(&d);
    }
    plan.write(cwd, force)?;
    let written: Vec<String> = plan.files.iter().map(|p| display_path(p, cwd)).collect();
    if printer.json {
        printer.json(&super::json::Written {
            schema: super::json::SCHEMA_VERSION,
            application: app.to_string(),
            written,
            workspace: None,
            copilot: None,
            storage: None,
        })?;
    } else {
        for w in &written {
            printer.info(&format!("wrote {w}"));
        }
    }
    Ok(())
}

/// What `tug init` says about a Copilot workspace it uses as it is.
pub fn report_copilot(printer: &Printer, cwd: &Path, c: &discover::CopilotApp) -> Result<()> {
    let jobs = match c.jobs {
        0 => String::new(),
        1 => " and 1 job".into(),
        n => format!(" and {n} jobs"),
    };
    let services = if c.services == 1 {
        "service"
    } else {
        "services"
    };
    printer.info(&format!(
        "found Copilot application {} with {} {services}{jobs}; tug will use it as it is",
        c.workspace.app, c.services
    ));
    printer.info(&format!(
        "nothing was written; check it with `tug validate`, add services with `tug svc init` (they go to {})",
        display_path(&c.workspace.dir, cwd)
    ));
    if printer.json {
        printer.json(&super::json::Written {
            schema: super::json::SCHEMA_VERSION,
            application: c.workspace.app.clone(),
            written: Vec::new(),
            workspace: Some(c.workspace.dir.clone()),
            copilot: Some(true),
            storage: None,
        })?;
    }
    Ok(())
}

/// What to run next.
pub fn next_steps(printer: &Printer, spec: &WorkloadSpec, env: &str) {
    let package = if matches!(
        spec.kind,
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService
    ) {
        format!(
            "; `tug svc package -n {} -e {env} --output-dir out` writes the CloudFormation a deploy sends",
            spec.name
        )
    } else {
        String::new()
    };
    printer.info(&format!(
        "next: check the manifests with `tug validate`{package}"
    ));
}

/// The flags of `env init` that answer the network questions.
#[derive(Debug, Clone, Default)]
pub struct NetworkAnswers {
    pub default_config: bool,
    pub import_vpc_id: Option<String>,
    pub import_public_subnets: Vec<String>,
    pub import_private_subnets: Vec<String>,
    pub override_vpc_cidr: Option<String>,
    pub override_az_names: Vec<String>,
    pub override_public_cidrs: Vec<String>,
    pub override_private_cidrs: Vec<String>,
}

/// Comma-separated answers, checked one by one.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn check_list(
    text: &str,
    at_least: usize,
    what: &str,
    item: impl Fn(&str) -> bool,
) -> std::result::Result<(), String> {
    let items = list(text);
    if items.len() < at_least {
        return Err(format!("give at least {at_least} {what}, comma-separated"));
    }
    match items.iter().find(|i| !item(i)) {
        Some(bad) => Err(format!("\"{bad}\" is not one of the {what}")),
        None => Ok(()),
    }
}

impl NetworkAnswers {
    /// The network: from the flags, or asked.
    pub fn ask(&self, p: &Prompter, spec: &mut EnvSpec) -> Result<()> {
        if let Some(id) = &self.import_vpc_id {
            if !id.starts_with("vpc-") {
                return Err(Error::usage(format!(
                    "--import-vpc-id \"{id}\": a VPC id looks like vpc-0123456789abcdef0"
                )));
            }
            let subnets = self
                .import_public_subnets
                .iter()
                .chain(&self.import_private_subnets);
            if let Some(bad) = subnets.into_iter().find(|s| !s.starts_with("subnet-")) {
                return Err(Error::usage(format!(
                    "\"{bad}\" is not a subnet id: they look like subnet-0123456789abcdef0"
                )));
            }
            for (flag, subnets) in [
                ("--import-public-subnets", &self.import_public_subnets),
                ("--import-private-subnets", &self.import_private_subnets),
            ] {
                if subnets.len() < 2 {
                    return Err(Error::usage(format!(
                        "{flag}: an imported VPC needs at least 2 subnets in 2 Availability Zones, found {}",
                        subnets.len()
                    )));
                }
            }
            spec.import_vpc = Some(ImportVpc {
                id: id.clone(),
                public: self.import_public_subnets.clone(),
                private: self.import_private_subnets.clone(),
            });
            return Ok(());
        }
        if self.override_vpc_cidr.is_some() || !self.override_az_names.is_empty() {
            let cidr = self
                .override_vpc_cidr
                .clone()
                .unwrap_or_else(|| "10.0.0.0/16".into());
            spec.vpc_config = Some(vpc_config(
                &cidr,
                &self.override_az_names,
                &self.override_public_cidrs,
                &self.override_private_cidrs,
            )?);
            return Ok(());
        }
        if self.default_config {
            return Ok(());
        }
        let choices = [
            Choice::new("Default", "a new VPC across two Availability Zones"),
            Choice::new("Import", "an existing VPC and its subnets"),
            Choice::new(
                "Configure",
                "a new VPC with your CIDR ranges and Availability Zones",
            ),
        ];
        let pick = p.select(
            "Which network should the environment use?",
            "the network",
            "--default-config, --import-vpc-id ... or --override-vpc-cidr ...",
            &choices,
            Some(0),
        )?;
        match pick {
            1 => spec.import_vpc = Some(ask_import(p)?),
            2 => spec.vpc_config = Some(ask_vpc_config(p)?),
            _ => {}
        }
        Ok(())
    }
}

/// The questions about an imported VPC.
fn ask_import(p: &Prompter) -> Result<ImportVpc> {
    let id = p.text("VPC id", "the VPC", "--import-vpc-id", None, |s| {
        if s.starts_with("vpc-") {
            Ok(())
        } else {
            Err("a VPC id looks like vpc-0123456789abcdef0".into())
        }
    })?;
    let subnet = |s: &str| s.starts_with("subnet-");
    let public = p.text(
        "Public subnet ids (comma-separated)",
        "the public subnets",
        "--import-public-subnets",
        None,
        |s| check_list(s, 2, "subnet ids", subnet),
    )?;
    let private = p.text(
        "Private subnet ids (comma-separated)",
        "the private subnets",
        "--import-private-subnets",
        None,
        |s| check_list(s, 2, "subnet ids", subnet),
    )?;
    Ok(ImportVpc {
        id,
        public: list(&public),
        private: list(&private),
    })
}

/// The questions about the CIDR ranges and Availability Zones of a new VPC.
fn ask_vpc_config(p: &Prompter) -> Result<VpcConfig> {
    let cidr = p.text(
        "VPC CIDR block",
        "the VPC CIDR",
        "--override-vpc-cidr",
        Some("10.0.0.0/16".into()),
        |s| {
            if is_cidr(s) {
                Ok(())
            } else {
                Err("write an IPv4 block such as 10.0.0.0/16".into())
            }
        },
    )?;
    let azs = p.text(
        "Availability Zones (comma-separated, e.g. us-east-1a,us-east-1b)",
        "the Availability Zones",
        "--override-az-names",
        None,
        |s| check_list(s, 2, "Availability Zones", |a| !a.is_empty()),
    )?;
    let n = list(&azs).len();
    let cidrs = |s: &str| {
        check_list(s, n, "CIDR blocks", is_cidr)?;
        if list(s).len() != n {
            return Err(format!("give {n} CIDR blocks, one per Availability Zone"));
        }
        Ok(())
    };
    let public = p.text(
        "Public subnet CIDR blocks (comma-separated, one per AZ)",
        "the public subnet CIDRs",
        "--override-public-cidrs",
        None,
        cidrs,
    )?;
    let private = p.text(
        "Private subnet CIDR blocks (comma-separated, one per AZ)",
        "the private subnet CIDRs",
        "--override-private-cidrs",
        None,
        cidrs,
    )?;
    vpc_config(&cidr, &list(&azs), &list(&public), &list(&private))
}

fn vpc_config(
    cidr: &str,
    azs: &[String],
    public: &[String],
    private: &[String],
) -> Result<VpcConfig> {
    if !is_cidr(cidr) {
        return Err(Error::usage(format!(
            "--override-vpc-cidr \"{cidr}\" is not a CIDR block: write one such as 10.0.0.0/16"
        )));
    }
    if !azs.is_empty() && azs.len() < 2 {
        return Err(Error::usage(
            "--override-az-names: give at least 2 Availability Zones",
        ));
    }
    for (flag, list) in [
        ("--override-public-cidrs", public),
        ("--override-private-cidrs", private),
    ] {
        if list.len() != azs.len() {
            return Err(Error::usage(format!(
                "{flag}: give one CIDR block per Availability Zone ({} AZs, {} blocks)",
                azs.len(),
                list.len()
            )));
        }
        if let Some(bad) = list.iter().find(|c| !is_cidr(c)) {
            return Err(Error::usage(format!(
                "{flag}: \"{bad}\" is not a CIDR block"
            )));
        }
    }
    let subnets = |list: &[String]| {
        list.iter()
            .zip(azs)
            .map(|(cidr, az)| SubnetConfig {
                cidr: cidr.clone(),
                az: az.clone(),
            })
            .collect()
    };
    Ok(VpcConfig {
        cidr: cidr.to_string(),
        public: subnets(public),
        private: subnets(private),
    })
}
