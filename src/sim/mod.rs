//! The ECS scheduler simulator: pure and synchronous (no tokio, no I/O).

pub mod fargate;
