use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::Context;
use crate::error::{Error, Result};
use crate::manifest::{self, Effective, Kind, Options};
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Subcommand)]
pub enum SvcCommand {
    /// Show a service as it applies to an environment
    Show(ShowArgs),
}

impl SvcCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            SvcCommand::Show(args) => args.run(ctx),
        }
    }
}

/// Names a workload and an environment; either may be left out when the workspace has
/// exactly one.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// The service's name (its folder under tug/)
    #[arg(short = 'n', long = "name", value_name = "NAME")]
    pub name: Option<String>,
    /// The environment
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub target: Target,
    /// Print the effective manifest: overrides merged, variables filled in, defaults applied
    #[arg(long, required = true)]
    pub manifest: bool,
}

impl ShowArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let (_, _, effective) = self.target.load(ctx)?;
        if ctx.global.json {
            let value = serde_json::to_value(&effective.workload)
                .map_err(|e| Error::user(format!("cannot print the manifest: {e}")))?;
            ctx.printer.json(&value)?;
        } else {
            let text = serde_yaml_ng::to_string(&effective.workload)
                .map_err(|e| Error::user(format!("cannot print the manifest: {e}")))?;
            ctx.printer.out(&text)?;
        }
        Ok(0)
    }
}

/// Picks the one candidate when the flag is left out, or says which flag to pass.
pub fn pick(given: Option<&str>, candidates: &[String], what: &str, flag: &str) -> Result<String> {
    if let Some(g) = given {
        return Ok(g.to_string());
    }
    match candidates {
        [only] => Ok(only.clone()),
        [] => Err(Error::user(format!("this workspace has no {what}"))),
        many => Err(Error::usage(format!("which {what}? pass {flag}"))
            .with_help(format!("this workspace has: {}", many.join(", ")))),
    }
}

impl Target {
    /// Finds the workspace, the workload and the environment, and loads the workload as it
    /// applies there. Problems in the manifest are returned as located diagnostics.
    pub fn load(&self, ctx: &Context) -> Result<(Workspace, String, Effective)> {
        let ws = Workspace::require(&ctx.cwd)?;
        let names: Vec<String> = ws.workloads().into_iter().map(|(n, _)| n).collect();
        let name = pick(self.name.as_deref(), &names, "service", "-n NAME")?;
        let envs: Vec<String> = ws.environments().into_iter().map(|(n, _)| n).collect();
        let env = pick(self.env.as_deref(), &envs, "environment", "-e ENV")?;
        if !envs.is_empty() {
            ws.environment(&env)?;
        }
        let path: PathBuf = ws.workload(&name)?;
        let loaded = manifest::read(&path, &display_path(&path, &ctx.cwd))
            .map_err(|d| Error::Diagnostics(vec![*d]))?;
        if loaded.kind == Kind::Environment {
            return Err(Error::user(format!(
                "{} is an environment manifest, not a service",
                path.display()
            )));
        }
        let opts = Options {
            app: &ws.app,
            env: Some(&env),
            unset_is_error: true,
            lookup: &manifest::process_env,
        };
        let (effective, diags) = manifest::workload(&loaded, &opts);
        match effective {
            Some(e) => {
                for d in &diags {
                    ctx.printer.diagnostic(d);
                }
                Ok((ws, env, e))
            }
            None => Err(Error::Diagnostics(diags)),
        }
    }
}
