//! What a simulation run reports; serialised as the `tug sim run --json` document.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Report {
    pub placed: u64,
    pub unplaced: u64,
    pub groups: Vec<GroupReport>,
    pub instances: Vec<InstanceReport>,
    pub rollouts: Vec<Rollout>,
    pub scaling: Vec<Scaling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fargate: Option<FargateReport>,
    /// What the EC2 instances cost, beside their tasks on Fargate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ec2: Option<super::cost::Ec2Report>,
    pub warnings: Vec<String>,
}

impl Report {
    /// Every task placed and no rollout stuck or failed.
    pub fn ok(&self) -> bool {
        self.unplaced == 0 && self.rollouts.iter().all(|r| !r.stuck && !r.failed)
    }

    pub fn group(&self, name: &str) -> Option<&GroupReport> {
        self.groups.iter().find(|g| g.name == name)
    }
}

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema, PartialEq)]
pub struct GroupReport {
    pub name: String,
    pub desired: u32,
    pub placed: u32,
    pub unplaced: u32,
    /// Unplaced tasks per ECS reason code.
    pub reasons: BTreeMap<String, u32>,
    pub by_az: BTreeMap<String, u32>,
    /// Tasks per instance, in the scenario's instance order.
    #[schemars(with = "BTreeMap<String, u32>")]
    pub by_instance: OrderedMap,
}

/// A JSON object whose keys keep their insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderedMap(pub Vec<(String, u32)>);

impl OrderedMap {
    pub fn get(&self, key: &str) -> Option<&u32> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn values(&self) -> impl Iterator<Item = &u32> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl Serialize for OrderedMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct InstanceReport {
    pub id: String,
    pub az: String,
    pub r#type: Option<String>,
    pub status: &'static str,
    pub cpu_free: u32,
    pub memory_free: u32,
    pub tasks: u32,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Rollout {
    pub service: String,
    pub at: u64,
    pub stuck: bool,
    pub failed: bool,
    /// Circuit-breaker failure threshold for this deployment.
    pub threshold: u32,
    pub failures: u32,
    pub duration_seconds: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema, PartialEq, Eq)]
pub struct Step {
    pub started: u32,
    pub stopped: u32,
    /// Started tasks that died before RUNNING.
    pub failed: u32,
    pub running_old: u32,
    pub running_new: u32,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Scaling {
    pub service: String,
    pub at: u64,
    pub from: u32,
    pub to: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema, PartialEq)]
pub struct FargateReport {
    /// Fargate tasks launched at the start.
    pub tasks: u64,
    /// Seconds until they are all launched (burst 100, then 20 per second).
    pub launch_seconds: f64,
    pub price_per_hour: f64,
    /// 30-day month (720 hours).
    pub price_per_month: f64,
    pub services: Vec<FargateService>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct FargateService {
    pub name: String,
    pub cpu: u32,
    pub memory: u32,
    pub platform: String,
    pub spot: bool,
    pub tasks: u32,
    pub price_per_task_hour: f64,
    pub price_per_hour: f64,
}
