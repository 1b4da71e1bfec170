//! One integration test binary (fast to link); one module per area.

mod common;
mod sim;
