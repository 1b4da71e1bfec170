//! The workload manifest (`tug/<name>/manifest.yml`): its type, the task it runs and where
//! the task runs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum WorkloadType {
    #[serde(rename = "Load Balanced Web Service")]
    LoadBalancedWebService,
    #[serde(rename = "Backend Service")]
    BackendService,
    #[serde(rename = "Worker Service")]
    WorkerService,
    #[serde(rename = "Scheduled Job")]
    ScheduledJob,
}

impl WorkloadType {
    pub const ALL: [&'static str; 4] = [
        "Load Balanced Web Service",
        "Backend Service",
        "Worker Service",
        "Scheduled Job",
    ];

    pub fn name(self) -> &'static str {
        match self {
            WorkloadType::LoadBalancedWebService => Self::ALL[0],
            WorkloadType::BackendService => Self::ALL[1],
            WorkloadType::WorkerService => Self::ALL[2],
            WorkloadType::ScheduledJob => Self::ALL[3],
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "Load Balanced Web Service" => WorkloadType::LoadBalancedWebService,
            "Backend Service" => WorkloadType::BackendService,
            "Worker Service" => WorkloadType::WorkerService,
            "Scheduled Job" => WorkloadType::ScheduledJob,
            _ => return None,
        })
    }

    pub fn is_service(self) -> bool {
        self != WorkloadType::ScheduledJob
    }
}

/// The CPU units of a task when `cpu` is left out, as in Copilot.
pub const DEFAULT_CPU: u32 = 256;
/// The memory (MiB) of a task when `memory` is left out, as in Copilot.
pub const DEFAULT_MEMORY: u32 = 512;

/// A service or job manifest (`tug/<name>/manifest.yml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: WorkloadType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<StringOrList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<StringOrList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<Exec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<Map<Variable>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Map<Secret>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Storage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<Logging>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidecars: Option<Map<Sidecar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<Deployment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish: Option<Publish>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observability: Option<WorkloadObservability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taskdef_overrides: Option<Vec<TaskdefOverride>>,
    /// Load Balanced Web Service and Backend Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpOrBool>,
    /// Load Balanced Web Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nlb: Option<Nlb>,
    /// Worker Service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscribe: Option<Subscribe>,
    /// Scheduled Job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<JobTrigger>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// tug: where tasks go on the environment's EC2 capacity (`capacity:` in the
    /// environment manifest): ECS placement strategies and constraints. Workloads without
    /// it run on Fargate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<WorkloadPlacement>,
    /// tug: the environment's EC2 capacity group (`capacity[].name`) the tasks run on,
    /// through its ECS capacity provider; or a strategy over several groups
    /// (`[{name, weight, base}]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider: Option<CapacityProvider>,
    /// tug: the Docker network mode of tasks on EC2 capacity: `awsvpc` (the default, and
    /// Fargate's only mode), `bridge` or `host`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<NetworkMode>,
    /// tug: in `bridge` mode, the instance port `image.port` is published on; without it
    /// the port is dynamic (from the instance's ephemeral range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<u16>,
    /// tug: GPUs reserved for the main container, on EC2 capacity with GPU instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu: Option<u32>,
    /// tug: `daemon` runs one task on every instance the service may use (ECS's DAEMON
    /// scheduling strategy) instead of `count` tasks (`replica`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduling: Option<Scheduling>,
    /// Per-environment overrides of any field above; merged before anything else reads them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Map<Any>>")]
    pub environments: Option<Map<Any>>,
}

/// `placement: {strategy: [{type, field}], constraints: [{type, expression}]}`; the
/// entries are read by the simulator's scenario reader, which checks them in full.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadPlacement {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Vec<Any>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Vec<Any>>,
}

/// `capacity_provider`: one capacity group, or a strategy over several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CapacityProvider {
    Group(String),
    Strategy(Vec<CapacityProviderItem>),
}

/// One entry of a `capacity_provider` strategy: ECS's `CapacityProviderStrategyItem` for
/// the capacity group `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityProviderItem {
    pub name: String,
    /// The share of the tasks beyond the bases (0-1000; default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// The tasks this group runs first (0-100000; at most one entry sets it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<u32>,
}

impl CapacityProvider {
    /// The strategy's entries: (group, weight, base); a single group has weight 1.
    pub fn entries(&self) -> Vec<(&str, u32, Option<u32>)> {
        match self {
            CapacityProvider::Group(g) => vec![(g.as_str(), 1, None)],
            CapacityProvider::Strategy(items) => items
                .iter()
                .map(|i| (i.name.as_str(), i.weight.unwrap_or(1), i.base))
                .collect(),
        }
    }
}

/// `network_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NetworkMode {
    #[default]
    Awsvpc,
    Bridge,
    Host,
}

impl NetworkMode {
    /// The value of a task definition's `NetworkMode`.
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkMode::Awsvpc => "awsvpc",
            NetworkMode::Bridge => "bridge",
            NetworkMode::Host => "host",
        }
    }
}

/// `scheduling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scheduling {
    #[default]
    Replica,
    Daemon,
}

/// Security groups a task's network interface takes in awsvpc mode (ECS's
/// `AwsVpcConfiguration`).
pub const MAX_TASK_SECURITY_GROUPS: usize = 5;

impl Workload {
    /// Whether the tasks run on the environment's EC2 capacity (`capacity_provider` or
    /// `placement`), not on Fargate.
    pub fn runs_on_ec2(&self) -> bool {
        self.capacity_provider.is_some() || self.placement.is_some()
    }

    /// The network mode of the tasks (`awsvpc` on Fargate, whatever the manifest says:
    /// validation refuses the others there).
    pub fn network_mode(&self) -> NetworkMode {
        if self.runs_on_ec2() && self.kind != WorkloadType::ScheduledJob {
            self.network_mode.unwrap_or_default()
        } else {
            NetworkMode::Awsvpc
        }
    }

    /// The port of the instance the main container's `port` is published on: `Some(0)` a
    /// dynamic port (bridge without `host_port`), the container port in host mode, `None`
    /// in awsvpc mode (no host port).
    pub fn host_port(&self, container_port: u16) -> Option<u16> {
        match self.network_mode() {
            NetworkMode::Awsvpc => None,
            NetworkMode::Bridge => Some(self.host_port.unwrap_or(0)),
            NetworkMode::Host => Some(container_port),
        }
    }

    /// The security groups `network.vpc.security_groups` lists, and whether the tasks leave
    /// out the environment's (`deny_default`).
    pub fn listed_security_groups(&self) -> (&[StringOrFromCfn], bool) {
        let listed = self
            .network
            .as_ref()
            .and_then(|n| n.vpc.as_ref())
            .and_then(|v| v.security_groups.as_ref());
        match listed {
            None => (&[], false),
            Some(SecurityGroups::List(l)) => (l, false),
            Some(SecurityGroups::Args(a)) => (
                a.groups.as_deref().unwrap_or_default(),
                a.deny_default.unwrap_or(false),
            ),
        }
    }

    /// Whether the environment's Application Load Balancer sends the service traffic (it
    /// has target groups there): `http` set, or a Load Balanced Web Service with neither
    /// `http` nor `nlb` (`http` is on by default; with `nlb` the NLB serves alone).
    pub fn behind_alb(&self) -> bool {
        let served = matches!(
            self.kind,
            WorkloadType::LoadBalancedWebService | WorkloadType::BackendService
        );
        served
            && match &self.http {
                Some(super::HttpOrBool::Enabled(on)) => *on,
                Some(super::HttpOrBool::Config(_)) => true,
                None => self.kind == WorkloadType::LoadBalancedWebService && self.nlb.is_none(),
            }
    }

    /// Whether the service runs one task per instance (`scheduling: daemon` on EC2).
    pub fn is_daemon(&self) -> bool {
        self.scheduling == Some(Scheduling::Daemon) && self.runs_on_ec2() && self.kind.is_service()
    }

    /// The GPUs the main container reserves (on EC2 capacity).
    pub fn gpus(&self) -> u32 {
        if self.runs_on_ec2() && self.kind != WorkloadType::ScheduledJob {
            self.gpu.unwrap_or(0)
        } else {
            0
        }
    }

    /// The main container's image when tug builds it (`image.build` without
    /// `image.location`).
    pub fn built_image(&self) -> Option<&Image> {
        self.image.as_ref().filter(|i| i.builds())
    }

    /// The sidecars whose image tug builds, by name.
    pub fn built_sidecars(&self) -> impl Iterator<Item = (&str, &Image)> {
        self.sidecars
            .iter()
            .flatten()
            .filter_map(|(name, s)| match &s.image {
                Some(SidecarImage::Args(i)) if i.builds() => Some((name.as_str(), &**i)),
                _ => None,
            })
    }

    /// Whether deploying this workload builds an image.
    pub fn builds_images(&self) -> bool {
        self.built_image().is_some() || self.built_sidecars().next().is_some()
    }

    /// The volume that mounts the environment's managed file system (`efs: true` or
    /// `efs: {uid, gid}`), if any.
    pub fn managed_efs_volume(&self) -> Option<(&String, &Volume)> {
        self.storage
            .as_ref()
            .and_then(|s| s.volumes.as_ref())
            .into_iter()
            .flatten()
            .find(|(_, v)| v.efs.as_ref().is_some_and(Efs::is_managed))
    }

    /// Whether the main container's logs go through a FireLens log router: `logging` sets
    /// anything but `retention` (which only sets the log group's retention), as in Copilot.
    pub fn routes_logs(&self) -> bool {
        self.logging.as_ref().is_some_and(Logging::routes)
    }

    /// `network.connect`, when Service Connect is on.
    pub fn service_connect(&self) -> Option<&Connect> {
        self.network
            .as_ref()
            .and_then(|n| n.connect.as_ref())
            .filter(|c| c.enabled())
    }
}

impl Image {
    /// Built from `build`: there is one and no `location` replaces it.
    pub fn builds(&self) -> bool {
        self.location.is_none() && self.build.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum StringOrList {
    String(String),
    List(Vec<String>),
}

impl StringOrList {
    pub fn to_list(&self) -> Vec<String> {
        match self {
            StringOrList::String(s) => s.split_whitespace().map(str::to_string).collect(),
            StringOrList::List(l) => l.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<Build>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Map<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Map<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<ContainerHealthcheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Build {
    Dockerfile(String),
    Args(BuildArgs),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BuildArgs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dockerfile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Map<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_from: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContainerHealthcheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<StringOrList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Platform {
    String(String),
    Args(PlatformArgs),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformArgs {
    pub osfamily: String,
    pub architecture: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Exec {
    Enabled(bool),
    Args {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enable: Option<bool>,
    },
}

impl Exec {
    pub fn enabled(&self) -> bool {
        match self {
            Exec::Enabled(b) => *b,
            Exec::Args { enable } => enable.unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Variable {
    String(String),
    Number(serde_json::Number),
    Bool(bool),
    FromCfn(FromCfn),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FromCfn {
    pub from_cfn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Secret {
    /// An SSM parameter name or an ARN.
    Ssm(String),
    SecretsManager(SecretsManager),
    FromCfn(FromCfn),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretsManager {
    pub secretsmanager: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Count {
    Value(u32),
    Advanced(Box<AdvancedCount>),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvancedCount {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<Cooldown>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_percentage: Option<ScalingMetric>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_percentage: Option<ScalingMetric>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<ScalingMetric>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_time: Option<ScalingMetric>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_delay: Option<QueueDelay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Range {
    /// `"1-10"`
    Text(String),
    Args(RangeArgs),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeArgs {
    pub min: u32,
    pub max: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_from: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cooldown {
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub scale_in: Option<String>,
    #[serde(default, rename = "out", skip_serializing_if = "Option::is_none")]
    pub scale_out: Option<String>,
}

/// A target value (`70`, or `2s` for response_time), optionally with its own cooldown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ScalingMetric {
    Number(serde_json::Number),
    Text(String),
    Args(ScalingMetricArgs),
}

impl ScalingMetric {
    /// The target to scale on: a number (`70`, `"70%"`), or for a response time
    /// (`duration`) a duration in seconds (`2s`). None when it is not one, or not above 0.
    pub fn target(&self, duration: bool) -> Option<f64> {
        let value = match self {
            ScalingMetric::Number(n) => return n.as_f64().filter(|n| *n > 0.0),
            ScalingMetric::Text(t) => ScalarValue::Text(t.clone()),
            ScalingMetric::Args(a) => a.value.clone(),
        };
        let n = match value {
            ScalarValue::Number(n) => n.as_f64(),
            ScalarValue::Text(t) if duration => crate::manifest::validate::parse_duration(&t),
            ScalarValue::Text(t) => t.trim().trim_end_matches('%').parse().ok(),
        };
        n.filter(|n| *n > 0.0)
    }

    /// The metric's own cooldown, when it has one.
    pub fn cooldown(&self) -> Option<&Cooldown> {
        match self {
            ScalingMetric::Args(a) => a.cooldown.as_ref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScalingMetricArgs {
    pub value: ScalarValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<Cooldown>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ScalarValue {
    Number(serde_json::Number),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueueDelay {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptable_latency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_processing_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<Cooldown>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readonly_fs: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Map<Volume>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efs: Option<Efs>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Efs {
    Managed(bool),
    Args(EfsArgs),
}

impl Efs {
    /// The environment's managed file system: `efs: true`, or a map with only `uid`/`gid`.
    pub fn is_managed(&self) -> bool {
        match self {
            Efs::Managed(b) => *b,
            Efs::Args(a) => {
                a.id.is_none()
                    && a.root_dir.is_none()
                    && a.auth.is_none()
                    && (a.uid.is_some() || a.gid.is_some())
            }
        }
    }

    /// An existing file system named by `id`.
    pub fn imported(&self) -> Option<&EfsArgs> {
        match self {
            Efs::Args(a) if a.id.is_some() => Some(a),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EfsArgs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<StringOrFromCfn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<EfsAuth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gid: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EfsAuth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_point_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum StringOrFromCfn {
    String(String),
    FromCfn(FromCfn),
}

/// The name of the FireLens log router container tug adds for `logging` (Copilot's).
pub const FIRELENS_CONTAINER: &str = "firelens_log_router";

/// FireLens log routing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logging {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<u32>,
    /// tug's addition: the ARN of the KMS key the workload's log groups are encrypted with
    /// (CloudWatch Logs' own keys without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Map<Any>>,
    /// Copilot's spelling: `enableMetadata`.
    #[serde(
        default,
        rename = "enableMetadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_metadata: Option<bool>,
    #[serde(
        default,
        rename = "secretOptions",
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_options: Option<Map<Secret>>,
    /// Copilot's spelling: `configFilePath`.
    #[serde(
        default,
        rename = "configFilePath",
        skip_serializing_if = "Option::is_none"
    )]
    pub config_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<Map<Variable>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Map<Secret>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env_file: Option<String>,
}

impl Logging {
    /// Whether a FireLens log router is added (see [`Workload::routes_logs`]).
    pub fn routes(&self) -> bool {
        self.image.is_some()
            || self.destination.is_some()
            || self.enable_metadata.is_some()
            || self.secret_options.is_some()
            || self.config_file.is_some()
            || self.variables.is_some()
            || self.secrets.is_some()
            || self.env_file.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<PortSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<SidecarImage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essential: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_parameter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<Map<Variable>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Map<Secret>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_points: Option<Vec<MountPoint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Map<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Map<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<ContainerHealthcheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<StringOrList>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<StringOrList>,
}

/// `8080`, or `8080/tcp`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PortSpec {
    Number(u16),
    Text(String),
}

impl PortSpec {
    /// The port number and protocol (`tcp` unless given).
    pub fn parse(&self) -> Option<(u16, String)> {
        match self {
            PortSpec::Number(n) => Some((*n, "tcp".into())),
            PortSpec::Text(t) => {
                let (port, proto) = t.split_once('/').unwrap_or((t, "tcp"));
                Some((port.trim().parse().ok()?, proto.trim().to_ascii_lowercase()))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SidecarImage {
    Location(String),
    Args(Box<Image>),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MountPoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<WorkloadVpc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect: Option<Connect>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadVpc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<SecurityGroups>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Placement {
    /// `public` or `private`.
    Kind(String),
    Subnets(PlacementSubnets),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacementSubnets {
    pub subnets: SubnetSelector,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SubnetSelector {
    Ids(Vec<String>),
    Tags(SubnetTags),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubnetTags {
    pub from_tags: Map<StringOrList>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SecurityGroups {
    List(Vec<StringOrFromCfn>),
    Args(SecurityGroupArgs),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupArgs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<StringOrFromCfn>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deny_default: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Connect {
    Enabled(bool),
    Args {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alias: Option<String>,
    },
}

impl Connect {
    /// Whether Service Connect is on: `true`, or a map with an `alias` (an empty map is
    /// off, as in Copilot).
    pub fn enabled(&self) -> bool {
        match self {
            Connect::Enabled(b) => *b,
            Connect::Args { alias } => alias.is_some(),
        }
    }

    /// The name clients reach this service by, when the manifest sets one.
    pub fn alias(&self) -> Option<&str> {
        match self {
            Connect::Args { alias } => alias.as_deref(),
            Connect::Enabled(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback_alarms: Option<RollbackAlarms>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RollbackAlarms {
    Names(Vec<String>),
    Args(RollbackAlarmArgs),
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollbackAlarmArgs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_utilization: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_utilization: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages_delayed: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkloadObservability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskdefOverride {
    pub path: String,
    pub value: Any,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JobTrigger {
    pub schedule: String,
}
