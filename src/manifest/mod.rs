//! Manifests: schema types, `${VAR}` interpolation, the environment override merge,
//! validation, and diagnostics with file:line:col.

pub mod interpolate;
pub mod merge;
pub mod schema;
pub mod types;
