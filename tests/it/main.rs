//! One integration test binary (fast to link); one module per area.

mod addons;
mod artifacts;
mod build_deploy;
mod cli;
mod completions;
mod defaults;
mod deploy;
mod faults;
mod fields;
mod image;
mod init;
mod manage;
mod manifest;
mod names;
mod package;
mod plan;
mod prompt;
mod render;
mod sim;
mod status;
mod storage;
mod storage_init;
mod support;
mod task;
mod variables;
