use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::svc::{pick, write_package};
use crate::cli::Context;
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::manifest::{self, Kind, Options};
use crate::render;
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Write the CloudFormation template and parameters a deploy of the environment would send
    Package(PackageArgs),
}

impl EnvCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            EnvCommand::Package(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// The environment (its folder under tug/environments/)
    #[arg(short = 'n', long = "name", value_name = "ENV")]
    pub name: Option<String>,
    /// Folder to write `tug-<app>-<env>.yml` and `.params.json` into
    #[arg(long, value_name = "DIR")]
    pub output_dir: PathBuf,
}

impl PackageArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let ws = Workspace::require(&ctx.cwd)?;
        let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
        let name = pick(self.name.as_deref(), &envs, "environment", "-n ENV")?;
        let path = ws.environment(&name)?;
        let loaded = manifest::read(&path, &display_path(&path, &ctx.cwd))
            .map_err(|d| Error::Diagnostics(vec![*d]))?;
        if loaded.kind != Kind::Environment {
            return Err(Error::user(format!(
                "{} is not an environment manifest",
                path.display()
            )));
        }
        let (env, mut diags) = manifest::environment(&loaded);
        // The workloads decide what the environment needs (load balancers, NAT).
        let mut workloads = Vec::new();
        for (_, wpath) in ws.workloads() {
            let loaded = match manifest::read(&wpath, &display_path(&wpath, &ctx.cwd)) {
                Ok(l) => l,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            let opts = Options {
                app: &ws.app,
                env: Some(&name),
                unset_is_error: true,
                lookup: &manifest::process_env,
            };
            let (effective, d) = manifest::workload(&loaded, &opts);
            diags.extend(d);
            workloads.extend(effective.map(|e| e.workload));
        }
        let (env, diags) = match env {
            Some(env) if !diags.iter().any(Diagnostic::is_error) => (env, diags),
            _ => return Err(Error::Diagnostics(diags)),
        };
        for d in &diags {
            ctx.printer.diagnostic(d);
        }
        let rendered = render::environment(&ws.app, &env, &workloads)
            .map_err(|e| Error::user(e.to_string()))?;
        let stack = render::stack_name(&ws.app, &name, None);
        write_package(ctx, &self.output_dir, &stack, &rendered)?;
        Ok(0)
    }
}
