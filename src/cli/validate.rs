use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Check the manifests as they apply to this environment (default: every environment)
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Option<String>,
    /// Manifest files to check (default: the whole workspace)
    pub paths: Vec<PathBuf>,
}

impl ValidateArgs {
    pub fn run(self, _ctx: &Context) -> Result<u8> {
        Ok(0)
    }
}
