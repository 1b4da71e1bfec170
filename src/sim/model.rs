//! The scenario: plain data that a YAML file ([`super::scenario`]) or code (`sim plan`)
//! builds. Every field is public; build one with struct literals and the helpers here.

use std::sync::Arc;

use super::query::{Expr, Precedence};
use crate::fargate::{Arch, Os, Prices};

#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub seed: u64,
    /// One entry per container instance (`count` already expanded).
    pub instances: Vec<Instance>,
    pub task_definitions: Vec<TaskDef>,
    pub services: Vec<Service>,
    pub tasks: Vec<RunTask>,
    /// Sorted by `at` (stable).
    pub events: Vec<Event>,
    pub prices: Prices,
    /// EC2 instance prices (the built-in table, and the scenario's own).
    pub instance_prices: super::cost::InstancePrices,
    pub options: Options,
}

impl Scenario {
    pub fn task_definition(&self, name: &str) -> Option<usize> {
        self.task_definitions.iter().position(|t| t.name == name)
    }
}

/// The model choices the spec leaves open; each has the spec's default.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub chaining: Chaining,
    pub precedence: Precedence,
    /// Minimum circuit-breaker threshold (3 in the current API; the 2023 guide said 10).
    pub breaker_minimum: u32,
    /// Scale in only when the metric is below this fraction of the target.
    pub scale_in_ratio: f64,
    /// Time for a started task to reach RUNNING (one rollout step).
    pub task_start_seconds: u64,
    /// First restart delay of a task that died before RUNNING; doubles up to 15 minutes.
    pub restart_delay_seconds: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            chaining: Chaining::Lexicographic,
            precedence: Precedence::NotAndOr,
            breaker_minimum: 3,
            scale_in_ratio: 0.9,
            task_start_seconds: 30,
            restart_delay_seconds: 30,
        }
    }
}

/// How several placement strategies combine (model choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Chaining {
    /// Each strategy chooses among the candidates tied under the earlier ones (default).
    #[default]
    Lexicographic,
    /// Only the first strategy counts; ties go to the seeded tie-break.
    First,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Draining,
    /// Gone with its Availability Zone: agent disconnected, takes nothing.
    Lost,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "ACTIVE",
            Status::Draining => "DRAINING",
            Status::Lost => "INACTIVE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Instance {
    pub id: String,
    pub type_name: Option<String>,
    pub az: String,
    /// CPU units (vCPU x 1024).
    pub cpu: u32,
    /// Registered memory, MiB.
    pub memory: u32,
    pub gpus: u32,
    /// awsvpc tasks this instance can run: ENIs less the primary one, or the trunk limit.
    pub eni_tasks: u32,
    pub awsvpc_trunking: bool,
    pub status: Status,
    pub registered_at: Option<i64>,
    pub agent_version: String,
    /// Built-in (`ecs.*`) and custom attributes, sorted by name.
    pub attributes: Vec<(Arc<str>, Arc<str>)>,
}

impl Instance {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .binary_search_by(|(k, _)| (**k).cmp(name))
            .ok()
            .map(|i| &*self.attributes[i].1)
    }

    /// Sets an attribute, keeping the list sorted.
    pub fn set_attribute(&mut self, name: &str, value: &str) {
        match self.attributes.binary_search_by(|(k, _)| (**k).cmp(name)) {
            Ok(i) => self.attributes[i].1 = value.into(),
            Err(i) => self.attributes.insert(i, (name.into(), value.into())),
        }
    }

    /// An instance of a catalogue type with the built-in attributes filled in.
    pub fn of_type(id: &str, t: &super::catalog::InstanceType, az: &str) -> Instance {
        let mut inst = Instance::sized(id, t.cpu_units(), t.registered_memory, az);
        inst.type_name = Some(t.name.to_string());
        inst.gpus = t.gpus;
        inst.eni_tasks = t.enis.saturating_sub(1);
        inst.set_attribute("ecs.instance-type", t.name);
        if t.arch == Arch::Arm64 {
            inst.set_attribute("ecs.cpu-architecture", "arm64");
        }
        inst
    }

    /// An instance of explicit size (3 ENIs, like a `large`).
    pub fn sized(id: &str, cpu: u32, memory: u32, az: &str) -> Instance {
        let mut inst = Instance {
            id: id.to_string(),
            type_name: None,
            az: az.to_string(),
            cpu,
            memory,
            gpus: 0,
            eni_tasks: 2,
            awsvpc_trunking: false,
            status: Status::Active,
            registered_at: None,
            agent_version: "1.80.0".to_string(),
            attributes: Vec::new(),
        };
        inst.set_attribute("ecs.availability-zone", az);
        inst.set_attribute("ecs.os-type", "linux");
        inst.set_attribute("ecs.os-family", "LINUX");
        inst.set_attribute("ecs.cpu-architecture", "x86_64");
        inst.set_attribute("ecs.ami-id", "ami-0ecs0optimized0");
        inst.set_attribute("ecs.vpc-id", "vpc-0sim");
        inst.set_attribute("ecs.subnet-id", &format!("subnet-{az}"));
        inst
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkMode {
    Awsvpc,
    Bridge,
    Host,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchType {
    Ec2,
    Fargate,
}

#[derive(Debug, Clone, Default)]
pub struct Port {
    pub container: u16,
    /// `None` or `Some(0)` in bridge mode: a dynamic port. Host mode uses the container port.
    pub host: Option<u16>,
}

#[derive(Debug, Clone, Default)]
pub struct Container {
    pub name: String,
    pub cpu: u32,
    pub memory: Option<u32>,
    pub memory_reservation: Option<u32>,
    pub ports: Vec<Port>,
    pub gpu: u32,
}

#[derive(Debug, Clone)]
pub struct TaskDef {
    pub name: String,
    pub family: String,
    pub network_mode: NetworkMode,
    pub requires: LaunchType,
    pub cpu: Option<u32>,
    pub memory: Option<u32>,
    pub containers: Vec<Container>,
    pub constraints: Vec<Constraint>,
    pub os: Os,
    pub arch: Arch,
    pub ephemeral_gib: u32,
}

impl TaskDef {
    pub fn new(name: &str, cpu: u32, memory: u32) -> TaskDef {
        TaskDef {
            name: name.to_string(),
            family: name.to_string(),
            network_mode: NetworkMode::Awsvpc,
            requires: LaunchType::Ec2,
            cpu: Some(cpu),
            memory: Some(memory),
            containers: Vec::new(),
            constraints: Vec::new(),
            os: Os::Linux,
            arch: Arch::X86_64,
            ephemeral_gib: 20,
        }
    }

    /// What one task takes from an instance.
    pub fn demand(&self) -> Demand {
        let cpu = self.cpu.unwrap_or_else(|| {
            self.containers
                .iter()
                .fold(0u32, |a, c| a.saturating_add(c.cpu))
        });
        let memory = self.memory.unwrap_or_else(|| {
            self.containers.iter().fold(0u32, |a, c| {
                a.saturating_add(c.memory_reservation.or(c.memory).unwrap_or(0))
            })
        });
        let mut ports = Vec::new();
        if self.network_mode != NetworkMode::Awsvpc {
            for p in self.containers.iter().flat_map(|c| &c.ports) {
                let host = match self.network_mode {
                    NetworkMode::Host => Some(p.container),
                    _ => p.host.filter(|h| *h != 0),
                };
                if let Some(h) = host {
                    ports.push(h);
                }
            }
        }
        ports.sort_unstable();
        Demand {
            cpu,
            memory,
            gpu: self
                .containers
                .iter()
                .fold(0u32, |a, c| a.saturating_add(c.gpu)),
            ports,
            eni: self.network_mode == NetworkMode::Awsvpc,
        }
    }
}

/// What one task takes from an instance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Demand {
    pub cpu: u32,
    pub memory: u32,
    pub gpu: u32,
    /// Static host ports, sorted.
    pub ports: Vec<u16>,
    pub eni: bool,
}

#[derive(Debug, Clone)]
pub enum Constraint {
    DistinctInstance,
    MemberOf { expression: String, expr: Arc<Expr> },
}

impl Constraint {
    pub fn member_of(expression: &str) -> Result<Constraint, super::query::QueryError> {
        Ok(Constraint::MemberOf {
            expression: expression.to_string(),
            expr: Arc::new(Expr::parse(expression)?),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Cpu,
    Memory,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpreadField {
    InstanceId,
    Attribute(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    Binpack(Resource),
    Spread(SpreadField),
    Random,
}

impl Strategy {
    /// The service default: spread over AZs, then over instances.
    pub fn service_default() -> Vec<Strategy> {
        vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())),
            Strategy::Spread(SpreadField::InstanceId),
        ]
    }

    /// The RunTask default: random.
    pub fn run_task_default() -> Vec<Strategy> {
        vec![Strategy::Random]
    }
}

/// A placement strategy or constraint as ECS's API and CloudFormation write it
/// (`{Type, Field}`, `{Type, Expression}`): the one conversion from what the simulator
/// places by to what a service is deployed with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EcsPlacement {
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "Field", default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(
        rename = "Expression",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expression: Option<String>,
}

impl Strategy {
    pub fn to_ecs(&self) -> EcsPlacement {
        let (kind, field) = match self {
            Strategy::Binpack(Resource::Cpu) => ("binpack", Some("cpu".to_string())),
            Strategy::Binpack(Resource::Memory) => ("binpack", Some("memory".to_string())),
            Strategy::Spread(SpreadField::InstanceId) => ("spread", Some("instanceId".into())),
            Strategy::Spread(SpreadField::Attribute(a)) => {
                ("spread", Some(format!("attribute:{a}")))
            }
            Strategy::Random => ("random", None),
        };
        EcsPlacement {
            kind: kind.into(),
            field,
            expression: None,
        }
    }
}

impl Constraint {
    pub fn to_ecs(&self) -> EcsPlacement {
        let (kind, expression) = match self {
            Constraint::DistinctInstance => ("distinctInstance", None),
            Constraint::MemberOf { expression, .. } => ("memberOf", Some(expression.clone())),
        };
        EcsPlacement {
            kind: kind.into(),
            field: None,
            expression,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduling {
    Replica,
    Daemon,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deployment {
    pub minimum_healthy_percent: u32,
    pub maximum_percent: u32,
    pub circuit_breaker: bool,
}

impl Deployment {
    pub fn replica_default() -> Self {
        Deployment {
            minimum_healthy_percent: 100,
            maximum_percent: 200,
            circuit_breaker: true,
        }
    }

    pub fn daemon_default() -> Self {
        Deployment {
            minimum_healthy_percent: 0,
            maximum_percent: 100,
            circuit_breaker: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Autoscaling {
    pub min: u32,
    pub max: u32,
    pub target_cpu: Option<f64>,
    pub target_memory: Option<f64>,
    pub target_requests: Option<f64>,
    pub cooldown_out: u64,
    pub cooldown_in: u64,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub task_definition: usize,
    pub desired: u32,
    pub scheduling: Scheduling,
    pub strategy: Vec<Strategy>,
    pub constraints: Vec<Constraint>,
    pub deployment: Deployment,
    pub launch_type: LaunchType,
    /// Fargate: the AZs of the service's subnets.
    pub azs: Vec<String>,
    pub spot: bool,
    pub autoscaling: Option<Autoscaling>,
}

impl Service {
    pub fn new(name: &str, task_definition: usize, desired: u32) -> Service {
        Service {
            name: name.to_string(),
            task_definition,
            desired,
            scheduling: Scheduling::Replica,
            strategy: Strategy::service_default(),
            constraints: Vec::new(),
            deployment: Deployment::replica_default(),
            launch_type: LaunchType::Ec2,
            azs: Vec::new(),
            spot: false,
            autoscaling: None,
        }
    }
}

/// A standalone RunTask call.
#[derive(Debug, Clone)]
pub struct RunTask {
    pub task_definition: usize,
    pub count: u32,
    /// Default `family:<family>`.
    pub group: Option<String>,
    pub strategy: Vec<Strategy>,
    pub constraints: Vec<Constraint>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub at: u64,
    pub kind: EventKind,
}

#[derive(Debug, Clone)]
pub enum EventKind {
    Deploy {
        service: usize,
        task_definition: usize,
        /// New tasks that fail to reach RUNNING (or fail health checks).
        fail_tasks: u32,
    },
    FailAz(String),
    DrainInstance(String),
    Scale {
        service: usize,
        desired: u32,
    },
    Metric {
        service: usize,
        cpu: Option<f64>,
        memory: Option<f64>,
        requests: Option<f64>,
    },
}
