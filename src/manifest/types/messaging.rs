//! Publish/subscribe: the SNS topics a workload publishes and a Worker Service's queues.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fifo: Option<BoolOrMap>,
}

/// `true`/`false`, or a map of options (FIFO settings and the like).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum BoolOrMap {
    Bool(bool),
    Map(Map<Any>),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subscribe {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Subscription>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<Queue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    pub name: String,
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_policy: Option<Any>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<QueueOrBool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum QueueOrBool {
    Enabled(bool),
    Config(Queue),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Queue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter: Option<DeadLetter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fifo: Option<BoolOrMap>,
}

/// What SQS accepts for a queue's settings, in seconds (`tries`: receives).
impl Queue {
    pub const RETENTION: (u64, u64) = (60, 1_209_600);
    pub const DELAY: (u64, u64) = (0, 900);
    pub const TIMEOUT: (u64, u64) = (0, 43_200);
    pub const TRIES: (u32, u32) = (1, 1000);

    /// The duration fields: (name, value, allowed range in seconds).
    pub fn durations(&self) -> [(&'static str, Option<&String>, (u64, u64)); 3] {
        [
            ("retention", self.retention.as_ref(), Self::RETENTION),
            ("delay", self.delay.as_ref(), Self::DELAY),
            ("timeout", self.timeout.as_ref(), Self::TIMEOUT),
        ]
    }
}

/// The settings a FIFO topic or queue takes under `fifo:`, and whether `value` is one
/// they accept.
pub fn fifo_setting(key: &str, value: &Any) -> Result<(), FifoProblem> {
    match (key, value) {
        ("content_based_deduplication" | "high_throughput", Any::Bool(_)) => Ok(()),
        ("deduplication_scope", Any::String(s))
            if matches!(s.as_str(), "messageGroup" | "queue") =>
        {
            Ok(())
        }
        ("throughput_limit", Any::String(s))
            if matches!(s.as_str(), "perMessageGroupId" | "perQueue") =>
        {
            Ok(())
        }
        (
            "content_based_deduplication"
            | "high_throughput"
            | "deduplication_scope"
            | "throughput_limit",
            _,
        ) => Err(FifoProblem::BadValue),
        _ => Err(FifoProblem::UnknownSetting),
    }
}

/// Why a `fifo:` setting is refused (see [`fifo_setting`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FifoProblem {
    BadValue,
    UnknownSetting,
}

/// SNS and Copilot allow letters, digits, `-` and `_` in topic names.
pub fn is_topic_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadLetter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tries: Option<u32>,
}
