//! tug: from a repository with Dockerfiles to running services on Amazon ECS.

pub mod diag;
pub mod yaml;
pub mod sim;
