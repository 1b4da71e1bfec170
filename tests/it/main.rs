//! One integration test binary (fast to link); one module per area.

mod artifacts;
mod build_deploy;
mod cli;
mod completions;
mod deploy;
mod faults;
mod image;
mod init;
mod manage;
mod manifest;
mod package;
mod plan;
mod prompt;
mod render;
mod sim;
mod status;
mod support;
