//! One integration test binary (fast to link); one module per area.

mod cli;
mod common;
mod completions;
mod image;
mod init;
mod manifest;
mod package;
mod plan;
mod prompt;
mod registry;
mod render;
mod sim;
