use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::{Cli, Context};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

impl CompletionsArgs {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        ctx.printer.out(&script(self.shell))?;
        Ok(0)
    }
}

/// The completion script for `shell`, as checked in under `completions/`.
pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tug", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
