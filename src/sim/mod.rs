//! The ECS scheduler simulator: pure and synchronous (no tokio, no I/O).
//!
//! A [`Scenario`] (plain data, from a YAML file via [`scenario::load`] or built in code)
//! goes to [`run`], which places every task with the fast placer (or the plain
//! [`reference`] placer), plays the scenario's timeline and returns a [`Report`].

pub mod catalog;
pub mod cluster;
pub mod cost;
pub mod engine;
pub mod gen;
pub mod model;
pub mod place;
pub mod query;
pub mod reference;
pub mod report;
pub mod scenario;

pub use engine::PlacerKind;
pub use model::Scenario;
pub use report::Report;

/// Runs a scenario: places its tasks and plays its events.
pub fn run(scenario: &Scenario, seed: u64, placer: PlacerKind) -> Report {
    engine::run(scenario, seed, placer)
}

#[cfg(test)]
mod tests;
