//! One integration test binary (fast to link); one module per area.

mod cli;
mod common;
mod completions;
mod deploy;
mod faults;
mod manage;
mod manifest;
mod moto;
mod package;
mod render;
mod status;
