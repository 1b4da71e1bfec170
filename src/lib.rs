//! tug: from a repository with Dockerfiles to running services on Amazon ECS.
//!
//! `main` calls [`run`]; everything else is library code that the integration tests and
//! benchmarks call directly.

use std::ffi::OsString;

use clap::Parser;

pub mod addons;
pub mod aws;
pub mod cli;
pub mod deploy;
pub mod diag;
pub mod error;
pub mod fargate;
pub mod fsutil;
pub mod image;
pub mod init;
pub mod manifest;
pub mod names;
pub mod render;
pub mod schema;
pub mod sim;
pub mod suggest;
pub mod templates;
pub mod text;
pub mod ui;
pub mod workspace;
pub mod yaml;

use error::{Error, EXIT_USAGE};

/// Parses `args`, runs the command and returns the process exit code: 0 ok, 1 the user's
/// problem, 2 a usage error or a bug.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let started = std::time::Instant::now();
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => {
            let verbose = args.iter().skip(1).any(|a| {
                let a = a.to_string_lossy();
                a == "--verbose"
                    || (a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c == 'v'))
            });
            let _ = ui::Printer::new(false, false, 0, true).out(&version(verbose));
            return 0;
        }
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp => 0,
                _ => EXIT_USAGE,
            };
        }
    };
    let ctx = match cli::Context::new(cli.global) {
        Ok(ctx) => ctx,
        Err(e) => return report(&ui::Printer::new(false, false, 0, true), e),
    };
    let code = match cli.command.run(&ctx) {
        Ok(code) => code,
        Err(e) => report(&ctx.printer, e),
    };
    // The summary of what was deployed, whatever the outcome: a failed deploy's too.
    let command = std::iter::once("tug".into())
        .chain(args.iter().skip(1).map(|a| a.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ");
    match ctx.write_summary(&command, started.elapsed()) {
        Ok(()) => code,
        Err(e) => report(&ctx.printer, e).max(code),
    }
}

/// The last release of the Copilot CLI whose manifest format tug reads.
pub const COPILOT_MANIFEST_VERSION: &str = "v1.34.0";

/// What `tug --version` prints: the version and the commit it was built from; with `-v`,
/// also the Copilot manifest format it reads and the target it was built for.
pub fn version(verbose: bool) -> String {
    let mut text = format!("tug {}", env!("CARGO_PKG_VERSION"));
    if let Some(commit) = option_env!("TUG_COMMIT") {
        text.push_str(&format!(" ({commit})"));
    }
    if verbose {
        text.push_str(&format!(
            "\nCopilot manifests: the format of AWS Copilot CLI {COPILOT_MANIFEST_VERSION}"
        ));
        text.push_str(&format!(
            "\ncommit: {}",
            option_env!("TUG_COMMIT").unwrap_or("unknown (built without git)")
        ));
    }
    text
}

fn report(printer: &ui::Printer, e: Error) -> u8 {
    match &e {
        Error::User { message, help } | Error::Usage { message, help } => {
            printer.error(message, help.as_deref())
        }
        Error::Diagnostics(diags) => diags.iter().for_each(|d| printer.diagnostic(d)),
        Error::BrokenPipe => {}
        Error::Io { .. } => printer.error(&e.to_string(), None),
    }
    e.exit_code()
}
