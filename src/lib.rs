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
pub mod image;
pub mod init;
pub mod manifest;
pub mod names;
pub mod render;
pub mod schema;
pub mod sim;
pub mod suggest;
pub mod templates;
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
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => EXIT_USAGE,
            };
        }
    };
    let ctx = match cli::Context::new(cli.global) {
        Ok(ctx) => ctx,
        Err(e) => return report(&ui::Printer::new(false, false, 0, true), e),
    };
    match cli.command.run(&ctx) {
        Ok(code) => code,
        Err(e) => report(&ctx.printer, e),
    }
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
