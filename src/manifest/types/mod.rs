//! The manifest schema as Rust types. Field names are Copilot's, so the effective manifest
//! that `tug svc show --manifest` prints can be diffed against the user's file. The JSON
//! schema derived from these types drives the located checks in [`super::schema`].

use std::collections::BTreeMap;

pub type Map<T> = BTreeMap<String, T>;

/// Any YAML value, kept as is (filter policies, log destinations, taskdef override values).
pub type Any = serde_json::Value;

mod environment;
mod http;
mod messaging;
mod workload;

pub use environment::*;
pub use http::*;
pub use messaging::*;
pub use workload::*;
