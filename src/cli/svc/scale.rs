//! `tug svc scale`: the task count, or the autoscaling range, of a deployed service,
//! changed through its stack (a change of parameters on its current template).

use std::time::Duration;

use crate::ui::json as doc;
use clap::{ArgGroup, Args};

use crate::cli::{parse_timeout, Context, Target};
use crate::deploy::scale::{self, Counts, Scale};
use crate::deploy::{self, DeployOptions};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("size").required(true).args(["count", "range"])))]
pub struct ScaleArgs {
    #[command(flatten)]
    pub target: Target,
    /// Run this many tasks (a service without autoscaling)
    #[arg(long, value_name = "N")]
    pub count: Option<u32>,
    /// Autoscale between MIN and MAX tasks (a service with `count.range`)
    #[arg(long, value_name = "MIN-MAX", value_parser = parse_range)]
    pub range: Option<(u32, u32)>,
    /// Don't ask (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Stop watching after this long (the change goes on in AWS)
    #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = parse_timeout)]
    pub timeout: Duration,
}

/// `1-10`: (1, 10), the first no more than the second.
fn parse_range(text: &str) -> std::result::Result<(u32, u32), String> {
    let bad = || format!("`{text}` is not a range; write it like 1-10");
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let (min, max): (u32, u32) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if min > max {
        return Err(format!(
            "`{text}`: the minimum {min} is above the maximum {max}"
        ));
    }
    Ok((min, max))
}

impl ScaleArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let (ws, name, env) = self.target.names(ctx)?;
        let wanted = match (self.count, self.range) {
            (Some(n), _) => Scale::Count(n),
            (None, Some((min, max))) => Scale::Range(min, max),
            (None, None) => return Err(Error::usage("pass --count N or --range MIN-MAX")),
        };
        let resume = format!("tug svc status -n {name} -e {env}");
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let (env_stack, svc) = deploy::deployed_service(&aws, &ws.app, &env, &name).await?;
            let before = Counts::of(&svc);
            let Some(parameters) = scale::scale_parameters(&svc, wanted, &name, &env)? else {
                let now = before.describe().unwrap_or_default();
                if ctx.printer.json {
                    ctx.printer.json(&doc::ScaleResult {
                        schema: doc::SCHEMA_VERSION,
                        name: name.clone(),
                        environment: env.clone(),
                        changed: false,
                        result: None,
                        count: before.clone(),
                    })?;
                } else {
                    ctx.printer
                        .info(&format!("service {name} in {env} already runs {now}"));
                }
                return Ok(0);
            };
            let to = match wanted {
                Scale::Count(n) => format!("{n} tasks"),
                Scale::Range(min, max) => format!("autoscaling {min}-{max} tasks"),
            };
            let from = before.describe().unwrap_or_default();
            if !self.yes
                && !ctx.printer.confirm(
                    &format!("Scale service {name} in {env} from {from} to {to}?"),
                    "--yes",
                )?
            {
                ctx.printer.info("not scaled");
                return Ok(1);
            }
            let cluster = env_stack.outputs.get("ClusterName").cloned();
            let job = scale::scale_job(&svc, parameters, cluster, &name, &env);
            let opts = DeployOptions::unattended(self.timeout);
            let view = ctx.printer.deploy_view();
            let observer = view.observer(&ctx.printer, &job.request.stack, &job.title);
            let result = deploy::run_job(&aws, &job, &opts, &observer).await?;
            drop(observer);
            if ctx.printer.json {
                let after = crate::aws::stack::describe(&aws, &svc.name)
                    .await?
                    .map(|s| Counts::of(&s))
                    .unwrap_or_default();
                ctx.printer.json(&doc::ScaleResult {
                    schema: doc::SCHEMA_VERSION,
                    name: name.clone(),
                    environment: env.clone(),
                    changed: result.ok(),
                    result: Some(result.describe()),
                    count: after,
                })?;
            } else if result.ok() {
                ctx.printer.info(&format!(
                    "service {name} in {env} now runs {to}; `tug svc deploy` keeps it until the manifest's count changes"
                ));
            }
            Ok(if result.ok() { 0 } else { 1 })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("1-10"), Ok((1, 10)));
        assert_eq!(parse_range("2 - 2"), Ok((2, 2)));
        assert!(parse_range("10-1").unwrap_err().contains("above"));
        assert!(parse_range("ten").unwrap_err().contains("1-10"));
        assert!(parse_range("-3").is_err());
    }
}
