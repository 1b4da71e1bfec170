//! The scenario file as serde and schemars types: the shape the schema checker holds the
//! file to. Values are as written (numbers as `i64`/`f64`, names as [`Text`]); their
//! ranges, choices and cross-references are checked afterwards, by the rest of [`super`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};
use serde_json::Value as Json;

/// Any scalar but null, read as its text (`us-east-1a`, `80`, `true`).
#[derive(Debug, Clone)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Json::deserialize(d)? {
            Json::String(s) => Ok(Text(s)),
            Json::Number(n) => Ok(Text(n.to_string())),
            Json::Bool(b) => Ok(Text(b.to_string())),
            other => Err(serde::de::Error::custom(format!(
                "expected text, found {other}"
            ))),
        }
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// A list element; `None` when the checker found it the wrong kind (it is then skipped, the
/// others keep their index).
#[derive(Debug)]
pub struct Item<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(Item)
    }
}

impl<T: JsonSchema> JsonSchema for Item<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

/// The items of a list, with their index in the file.
pub fn items<T>(list: &Option<Vec<Item<T>>>) -> impl Iterator<Item = (usize, &T)> {
    list.iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, item)| item.0.as_ref().map(|v| (i, v)))
}

pub type List<T> = Option<Vec<Item<T>>>;

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioIn {
    pub seed: Option<i64>,
    pub instances: List<InstanceIn>,
    pub task_definitions: Option<BTreeMap<String, TaskDefIn>>,
    pub services: List<ServiceIn>,
    pub tasks: List<RunTaskIn>,
    pub events: List<EventIn>,
    pub prices: Option<PricesIn>,
    pub options: Option<OptionsIn>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionsIn {
    pub chaining: Option<Text>,
    pub precedence: Option<Text>,
    pub breaker_minimum: Option<i64>,
    pub scale_in_ratio: Option<f64>,
    pub task_start_seconds: Option<i64>,
    pub restart_delay_seconds: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PricesIn {
    pub x86_vcpu: Option<f64>,
    pub x86_gb: Option<f64>,
    pub arm_vcpu: Option<f64>,
    pub arm_gb: Option<f64>,
    pub ephemeral_gb: Option<f64>,
    pub spot_discount: Option<f64>,
    /// EC2 On-Demand prices per instance-hour, by instance type.
    pub instances: Option<BTreeMap<String, f64>>,
    /// EC2 Spot's discount on On-Demand prices.
    pub ec2_spot_discount: Option<f64>,
}

/// One AZ or a list of them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Azs {
    One(Text),
    Many(Vec<Item<Text>>),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstanceIn {
    #[serde(rename = "type")]
    pub type_name: Option<Text>,
    pub count: Option<i64>,
    pub az: Option<Azs>,
    pub attributes: Option<BTreeMap<String, Text>>,
    pub id_prefix: Option<Text>,
    pub awsvpc_trunking: Option<bool>,
    pub status: Option<Text>,
    pub registered_at: Option<Text>,
    pub cpu: Option<i64>,
    pub memory: Option<i64>,
    pub gpus: Option<i64>,
    pub enis: Option<i64>,
    pub agent_version: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskDefIn {
    pub family: Option<Text>,
    pub network_mode: Option<Text>,
    pub requires: Option<Text>,
    pub cpu: Option<i64>,
    pub memory: Option<i64>,
    pub containers: List<ContainerIn>,
    pub constraints: List<ConstraintIn>,
    pub platform: Option<Text>,
    pub ephemeral_storage: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContainerIn {
    pub name: Option<Text>,
    pub cpu: Option<i64>,
    pub memory: Option<i64>,
    pub memory_reservation: Option<i64>,
    pub ports: List<PortIn>,
    pub gpu: Option<i64>,
}

/// `80`, or `{container: 80, host: 0}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PortIn {
    Number(i64),
    Map(PortMapIn),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortMapIn {
    pub container: Option<i64>,
    pub host: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConstraintIn {
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub expression: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategyIn {
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub field: Option<Text>,
}

/// A workload manifest's `placement:` block.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacementIn {
    pub strategy: List<StrategyIn>,
    pub constraints: List<ConstraintIn>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceIn {
    pub name: Option<Text>,
    pub task_definition: Option<Text>,
    pub desired: Option<i64>,
    pub scheduling: Option<Text>,
    pub strategy: List<StrategyIn>,
    pub constraints: List<ConstraintIn>,
    pub deployment: Option<DeploymentIn>,
    pub launch_type: Option<Text>,
    pub azs: List<Text>,
    pub autoscaling: Option<AutoscalingIn>,
    pub spot: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeploymentIn {
    pub minimum_healthy_percent: Option<i64>,
    pub maximum_percent: Option<i64>,
    pub circuit_breaker: Option<bool>,
    pub rolling: Option<Text>,
}

/// Copilot's names (`cpu_percentage`, `memory_percentage`, `requests`) are aliases of the
/// `target_*` fields.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutoscalingIn {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub target_cpu: Option<f64>,
    pub target_memory: Option<f64>,
    pub target_requests: Option<f64>,
    pub cpu_percentage: Option<f64>,
    pub memory_percentage: Option<f64>,
    pub requests: Option<f64>,
    pub cooldown_out: Option<i64>,
    pub cooldown_in: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunTaskIn {
    pub task_definition: Option<Text>,
    pub count: Option<i64>,
    pub group: Option<Text>,
    pub strategy: List<StrategyIn>,
    pub constraints: List<ConstraintIn>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    pub at: Option<i64>,
    pub deploy: Option<DeployIn>,
    pub fail_az: Option<Text>,
    pub drain_instance: Option<Text>,
    pub scale: Option<ScaleIn>,
    pub metric: Option<MetricIn>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeployIn {
    pub service: Option<Text>,
    pub task_definition: Option<Text>,
    pub fail_tasks: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleIn {
    pub service: Option<Text>,
    pub desired: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricIn {
    pub service: Option<Text>,
    pub cpu: Option<f64>,
    pub memory: Option<f64>,
    pub requests: Option<f64>,
}

/// The schema of `T` with `null` taken out of every place that allows it: a scenario value
/// written as nothing (`count:`) is an error like any other wrong kind, while an empty map
/// or list (`deployment:`) still reads as empty.
pub fn schema_without_null<T: JsonSchema>() -> Schema {
    let mut value = schemars::schema_for!(T).to_value();
    strip_null(&mut value);
    Schema::try_from(value).expect("a schema stays a schema")
}

fn strip_null(value: &mut Json) {
    match value {
        Json::Object(map) => {
            if let Some(Json::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
            }
            if let Some(Json::Array(alts)) = map.get_mut("anyOf") {
                alts.retain(|a| a.get("type").and_then(Json::as_str) != Some("null"));
            }
            map.values_mut().for_each(strip_null);
        }
        Json::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}
