use clap::Subcommand;

use crate::cli::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum EnvCommand {}

impl EnvCommand {
    pub fn run(self, _ctx: &Context) -> Result<u8> {
        match self {}
    }
}
