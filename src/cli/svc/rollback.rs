//! `tug svc rollback`: back to an earlier deploy of a service, through a change set.

use std::time::Duration;

use crate::ui::json as doc;
use clap::Args;

use crate::aws::stack;
use crate::cli::{parse_timeout, Context, Target};
use crate::deploy::rollback::{self, History, TASK_DEFINITION};
use crate::deploy::{self, DeployOptions, JobResult};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct RollbackArgs {
    #[command(flatten)]
    pub target: Target,
    /// The task definition revision whose deploy to go back to (default: the last one that
    /// ran as a completed deployment before the current one)
    #[arg(long, value_name = "REVISION", conflicts_with = "list")]
    pub to: Option<String>,
    /// List the service's task definition revisions and which can be rolled back to
    #[arg(long)]
    pub list: bool,
    /// Don't ask (needed without a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Stop watching after this long
    #[arg(long, value_name = "DURATION", default_value = "60m", value_parser = parse_timeout)]
    pub timeout: Duration,
}

impl RollbackArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let (ws, name, env) = self.target.names(ctx)?;
        if self.list {
            return ctx.block_on(async {
                let aws = ctx.connect().await?;
                let (_, svc) = deploy::deployed_service(&aws, &ws.app, &env, &name).await?;
                let history = rollback::history(&aws, &ws.app, &svc).await?;
                list(ctx, &ws.app, &env, &name, &history)?;
                Ok(0)
            })?;
        }
        // A change: refused before any AWS call when nobody can say yes to it.
        if !self.yes && !ctx.printer.interactive {
            return Err(Error::usage(format!(
                "rolling back service {name} in {env} needs a confirmation, and there is no terminal to ask on"
            ))
            .with_help("pass --yes to roll back without asking"));
        }
        let resume = format!("tug svc status -n {name} -e {env}");
        ctx.until_interrupted(&resume, async {
            let aws = ctx.connect().await?;
            let (env_stack, svc) = deploy::deployed_service(&aws, &ws.app, &env, &name).await?;
            let history = rollback::history(&aws, &ws.app, &svc).await?;
            let record = rollback::target(&history, self.to.as_deref(), &name, &env)?;
            let bucket = history.bucket.as_deref().unwrap_or_default();
            let title = format!("service {name} in {env}");
            let job =
                rollback::job(&aws, bucket, record, &env_stack, title, resume.clone()).await?;
            let (from, to) = (history.current, record.revision);
            let when = crate::aws::rfc3339(record.deployed_at as f64);
            for line in image_changes(&history, from, to) {
                ctx.printer.info(&line);
            }
            let question = format!(
                "Roll service {name} in {env} back from revision {from} to the deploy of revision {to} ({when})?"
            );
            if !self.yes && !ctx.printer.confirm(&question, "--yes")? {
                ctx.printer.info("not rolled back");
                return Ok(1);
            }
            let opts = DeployOptions::unattended(self.timeout);
            let view = ctx.printer.deploy_view();
            let observer = view.observer(&ctx.printer, &job.request.stack, &job.title);
            let result = deploy::run_job(&aws, &job, &opts, &observer).await?;
            let warning = rollback::after_deploy(&aws, Some(bucket), &job, &result).await;
            if let Some(w) = &warning {
                ctx.printer.info(&format!("warning: {w}"));
            }
            let now = stack::physical_id(&aws, &job.request.stack, TASK_DEFINITION)
                .await
                .as_deref()
                .and_then(rollback::revision_of);
            let text = match (&result, now) {
                (JobResult::NoChanges, _) => format!(
                    "service {name} in {env} already matches the deploy of revision {to}: nothing to roll back"
                ),
                (r, Some(now)) if r.ok() => format!(
                    "service {name} in {env} rolled back to the deploy of revision {to}: it runs revision {now}"
                ),
                (r, _) => format!("rollback of service {name} in {env}: {}", r.describe()),
            };
            if ctx.printer.json {
                let doc = doc::RollbackResult {
                    schema: doc::SCHEMA_VERSION,
                    kind: "rollback".into(),
                    application: ws.app.clone(),
                    environment: env.clone(),
                    name: name.clone(),
                    from,
                    to,
                    revision: now,
                    ok: result.ok(),
                    result: result.describe(),
                };
                let text = serde_json::to_string(&doc)
                    .map_err(|e| Error::user(format!("cannot write the JSON output: {e}")))?;
                ctx.printer.out(&text)?;
            } else {
                ctx.printer.info(&text);
            }
            Ok(if result.ok() { 0 } else { 1 })
        })
    }
}

/// `--list`: the revisions, newest first.
fn list(ctx: &Context, app: &str, env: &str, name: &str, history: &History) -> Result<()> {
    let doc = doc::Revisions {
        schema: doc::SCHEMA_VERSION,
        application: app.to_string(),
        environment: env.to_string(),
        name: name.to_string(),
        stack: history.stack.clone(),
        family: history.family.clone(),
        current: history.current,
        revisions: history.revisions.clone(),
        older: history.older,
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let rows: Vec<Vec<String>> = history
        .revisions
        .iter()
        .map(|r| {
            let td = &r.task_definition;
            let rollback = if r.current {
                "current".to_string()
            } else if r.deployed.is_some() {
                "yes".to_string()
            } else {
                "no record".to_string()
            };
            vec![
                td.revision.to_string(),
                td.registered.clone().unwrap_or_default(),
                yes_no(r.completed),
                rollback,
                td.images
                    .iter()
                    .map(|(c, i)| format!("{c}={}", short_image(i)))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    let empty = format!("service {name} in {env} has no task definition revisions");
    let header = ["REVISION", "CREATED", "COMPLETED", "ROLLBACK", "IMAGES"];
    ctx.printer.listing(&doc, &empty, &header, &rows)?;
    if history.older > 0 && !ctx.printer.json {
        ctx.printer
            .info(&format!("{} older revisions not shown", history.older));
    }
    Ok(())
}

/// An image as a table shows it: its digest's first 12 characters when pinned by digest,
/// else its last path part (`nginx:1.27`).
fn short_image(image: &str) -> String {
    if let Some((_, digest)) = image.split_once("@sha256:") {
        return format!("sha256:{}", crate::text::prefix(digest, 12));
    }
    image.rsplit('/').next().unwrap_or(image).to_string()
}

/// The images that change between revisions `from` and `to`, one line each, as far as
/// the listed revisions tell.
fn image_changes(history: &History, from: i32, to: i32) -> Vec<String> {
    let images = |rev: i32| {
        history
            .revisions
            .iter()
            .find(|r| r.task_definition.revision == rev)
            .map(|r| r.task_definition.images.clone())
            .unwrap_or_default()
    };
    let (before, after) = (images(from), images(to));
    after
        .iter()
        .filter_map(|(c, image)| {
            let old = before.iter().find(|(b, _)| b == c).map(|(_, i)| i.as_str());
            (old != Some(image.as_str()))
                .then(|| format!("  {c}: {} -> {image}", old.unwrap_or("(none)")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_shortened_for_the_table() {
        assert_eq!(
            short_image("1.dkr.ecr.us-east-1.amazonaws.com/a/api@sha256:0123456789abcdef0123"),
            "sha256:0123456789ab"
        );
        assert_eq!(short_image("public.ecr.aws/nginx/nginx:1.27"), "nginx:1.27");
    }
}
