//! `tug man [COMMAND...]`: the manual page of tug or of one of its commands (roff, from
//! the same clap definitions as `--help`), as checked in under `man/`.

use clap::{Args, CommandFactory};

use crate::cli::{Cli, Context};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`svc deploy`); default: tug's own
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

impl ManArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        let file = std::iter::once("tug")
            .chain(self.command.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("-")
            + ".1";
        let Some((_, page)) = pages().into_iter().find(|(name, _)| *name == file) else {
            return Err(
                Error::usage(format!("tug has no command `{}`", self.command.join(" ")))
                    .with_help("`tug --help` lists the commands"),
            );
        };
        ctx.printer.out(&page)?;
        Ok(0)
    }
}

/// Every manual page, `(file name, roff)`: `tug.1`, `tug-svc.1`, `tug-svc-deploy.1`, ...
pub fn pages() -> Vec<(String, String)> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    collect(cmd, &mut out);
    out.sort();
    out
}

fn collect(cmd: clap::Command, out: &mut Vec<(String, String)>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        collect(sub, out);
    }
    let man = clap_mangen::Man::new(cmd)
        .source(format!("tug {}", env!("CARGO_PKG_VERSION")))
        .manual("tug manual");
    let mut buf = Vec::new();
    if man.render(&mut buf).is_ok() {
        out.push((
            man.get_filename(),
            String::from_utf8_lossy(&buf).into_owned(),
        ));
    }
}
