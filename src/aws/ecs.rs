//! ECS (and the ELBv2 and CloudWatch calls about one service): the rollout a deploy
//! follows, the tasks that stopped, and everything `svc status` shows.

use aws_sdk_ecs::types::{DesiredStatus, Task};

use super::{Aws, AwsError, AwsResult};

/// The state of a service's deployments, as a deploy follows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Rollout {
    pub service: String,
    pub desired: i32,
    pub running: i32,
    pub pending: i32,
    pub failed: i32,
    /// The primary deployment's rollout state: IN_PROGRESS, COMPLETED, FAILED.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollout_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
}

/// The `family:revision` part of a task definition ARN.
pub fn short_task_definition(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

/// The id at the end of a task ARN.
pub fn task_id(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

/// The name of the account's default ECS cluster, `default`, as RunTask calls without a
/// cluster use it.
pub const DEFAULT_CLUSTER: &str = "default";

/// Makes sure the Region's `default` cluster exists (creating it with the Fargate capacity
/// providers, as ECS's console does) and can run Fargate Spot tasks when `spot`; returns
/// whether it was created.
pub async fn ensure_default_cluster(aws: &Aws, spot: bool) -> AwsResult<bool> {
    use aws_sdk_ecs::types::CapacityProviderStrategyItem;
    let out = aws
        .ecs
        .describe_clusters()
        .clusters(DEFAULT_CLUSTER)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("describing the default ECS cluster", e))?;
    let active = out.clusters().iter().find(|c| c.status() == Some("ACTIVE"));
    if let Some(cluster) = active {
        let providers = cluster.capacity_providers();
        if spot && !providers.iter().any(|p| p == "FARGATE_SPOT") {
            return Err(AwsError {
                code: None,
                message: "the default ECS cluster cannot run Fargate Spot tasks: it has no \
                          FARGATE_SPOT capacity provider"
                    .to_string(),
                help: Some(
                    "run without --spot, or add the provider: aws ecs \
                     put-cluster-capacity-providers --cluster default --capacity-providers \
                     FARGATE FARGATE_SPOT --default-capacity-provider-strategy \
                     capacityProvider=FARGATE,weight=1"
                        .to_string(),
                ),
            });
        }
        return Ok(false);
    }
    let strategy = CapacityProviderStrategyItem::builder()
        .capacity_provider("FARGATE")
        .weight(1)
        .build()
        .map_err(|e| AwsError {
            code: None,
            message: format!("the default cluster's capacity provider strategy: {e}"),
            help: None,
        })?;
    aws.ecs
        .create_cluster()
        .cluster_name(DEFAULT_CLUSTER)
        .capacity_providers("FARGATE")
        .capacity_providers("FARGATE_SPOT")
        .default_capacity_provider_strategy(strategy)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("creating the default ECS cluster", e))?;
    Ok(true)
}

/// `service` in `cluster` as ECS describes it, or `None` when there is no such service.
async fn describe_service(
    aws: &Aws,
    cluster: &str,
    service: &str,
) -> AwsResult<Option<aws_sdk_ecs::types::Service>> {
    let out = aws
        .ecs
        .describe_services()
        .cluster(cluster)
        .services(service)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("describing the ECS service", e))?;
    Ok(out.services().first().cloned())
}

/// The primary deployment of `service` in `cluster`, or `None` when there is no such
/// service (yet).
pub async fn rollout(aws: &Aws, cluster: &str, service: &str) -> AwsResult<Option<Rollout>> {
    let Some(s) = describe_service(aws, cluster, service).await? else {
        return Ok(None);
    };
    let primary = s
        .deployments()
        .iter()
        .find(|d| d.status() == Some("PRIMARY"));
    Ok(Some(Rollout {
        service: s.service_name().unwrap_or_default().to_string(),
        desired: s.desired_count(),
        running: s.running_count(),
        pending: s.pending_count(),
        failed: s.deployments().iter().map(|d| d.failed_tasks()).sum(),
        rollout_state: primary
            .and_then(|d| d.rollout_state())
            .map(|r| r.as_str().to_string()),
        task_definition: primary
            .and_then(|d| d.task_definition())
            .map(short_task_definition),
    }))
}

#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ContainerInfo {
    pub name: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct TaskInfo {
    pub id: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<String>,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_reason: Option<String>,
    pub containers: Vec<ContainerInfo>,
}

fn rfc3339(t: Option<&aws_sdk_ecs::primitives::DateTime>) -> Option<String> {
    t.and_then(|t| {
        t.fmt(aws_sdk_ecs::primitives::DateTimeFormat::DateTime)
            .ok()
    })
}

fn task_info(t: &Task) -> TaskInfo {
    let private_ip = t
        .attachments()
        .iter()
        .flat_map(|a| a.details())
        .find(|d| d.name() == Some("privateIPv4Address"))
        .and_then(|d| d.value())
        .map(str::to_string)
        .or_else(|| {
            t.containers()
                .iter()
                .flat_map(|c| c.network_interfaces())
                .find_map(|n| n.private_ipv4_address())
                .map(str::to_string)
        });
    TaskInfo {
        id: task_id(t.task_arn().unwrap_or_default()),
        status: t.last_status().unwrap_or_default().to_string(),
        health: t
            .health_status()
            .map(|h| h.as_str().to_string())
            .filter(|h| h != "UNKNOWN"),
        started: rfc3339(t.started_at()),
        stopped: rfc3339(t.stopped_at()),
        availability_zone: t.availability_zone().map(str::to_string),
        private_ip,
        capacity_provider: t.capacity_provider_name().map(str::to_string),
        task_definition: t.task_definition_arn().map(short_task_definition),
        stopped_reason: t.stopped_reason().map(str::to_string),
        containers: t
            .containers()
            .iter()
            .map(|c| ContainerInfo {
                name: c.name().unwrap_or_default().to_string(),
                status: c.last_status().unwrap_or_default().to_string(),
                exit_code: c.exit_code(),
                reason: c.reason().map(str::to_string),
                health: c
                    .health_status()
                    .map(|h| h.as_str().to_string())
                    .filter(|h| h != "UNKNOWN"),
            })
            .collect(),
    }
}

/// The service's tasks with `status` (RUNNING or STOPPED), newest first, at most `limit`.
pub async fn tasks(
    aws: &Aws,
    cluster: &str,
    service: &str,
    status: DesiredStatus,
    limit: usize,
) -> AwsResult<Vec<TaskInfo>> {
    let list = aws
        .ecs
        .list_tasks()
        .cluster(cluster)
        .service_name(service)
        .desired_status(status)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("listing the service's tasks", e))?;
    let arns: Vec<String> = list.task_arns().to_vec();
    if arns.is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<TaskInfo> = describe_tasks(aws, cluster, &arns, "the service's tasks")
        .await?
        .iter()
        .map(task_info)
        .collect();
    out.sort_by(|a, b| {
        b.stopped
            .cmp(&a.stopped)
            .then_with(|| b.started.cmp(&a.started))
    });
    out.truncate(limit);
    Ok(out)
}

#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Deployment {
    pub id: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollout_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollout_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
    pub desired: i32,
    pub running: i32,
    pub pending: i32,
    pub failed: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct TargetHealth {
    pub target_group: String,
    pub target: String,
    pub port: Option<i32>,
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The task whose private IP is the target, when one matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Alarm {
    pub name: String,
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Everything `svc status` shows.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ServiceStatus {
    pub service: String,
    pub cluster: String,
    pub status: String,
    pub desired: i32,
    pub running: i32,
    pub pending: i32,
    pub deployments: Vec<Deployment>,
    pub tasks: Vec<TaskInfo>,
    pub target_health: Vec<TargetHealth>,
    pub stopped_tasks: Vec<TaskInfo>,
    pub alarms: Vec<Alarm>,
}

/// How many stopped tasks `svc status` shows.
const STOPPED_SHOWN: usize = 5;

/// Gathers a service's status; calls that don't depend on each other go out together.
pub async fn status(aws: &Aws, cluster: &str, service: &str) -> AwsResult<Option<ServiceStatus>> {
    let described = service_and_targets(aws, cluster, service);
    let running = tasks(aws, cluster, service, DesiredStatus::Running, 100);
    let stopped = tasks(aws, cluster, service, DesiredStatus::Stopped, STOPPED_SHOWN);
    let alarms = alarms(aws, cluster, service);
    let (described, running, stopped, alarms) = tokio::join!(described, running, stopped, alarms);
    let Some((s, mut targets)) = described? else {
        return Ok(None);
    };
    let running = running?;
    for t in &mut targets {
        t.task = running
            .iter()
            .find(|task| task.private_ip.as_deref() == Some(t.target.as_str()))
            .map(|task| task.id.clone());
    }
    Ok(Some(ServiceStatus {
        service: s.service_name().unwrap_or(service).to_string(),
        cluster: cluster.to_string(),
        status: s.status().unwrap_or_default().to_string(),
        desired: s.desired_count(),
        running: s.running_count(),
        pending: s.pending_count(),
        deployments: s.deployments().iter().map(deployment).collect(),
        tasks: running,
        target_health: targets,
        stopped_tasks: stopped?,
        // Alarms are extra: a caller without cloudwatch:DescribeAlarms still gets the rest.
        alarms: alarms.unwrap_or_default(),
    }))
}

/// The service as ECS describes it and the health of the targets in its target groups
/// (not yet matched to tasks), or `None` when there is no such service.
async fn service_and_targets(
    aws: &Aws,
    cluster: &str,
    service: &str,
) -> AwsResult<Option<(aws_sdk_ecs::types::Service, Vec<TargetHealth>)>> {
    let Some(s) = describe_service(aws, cluster, service).await? else {
        return Ok(None);
    };
    let groups: Vec<String> = s
        .load_balancers()
        .iter()
        .filter_map(|lb| lb.target_group_arn().map(str::to_string))
        .collect();
    let health =
        futures_util::future::join_all(groups.iter().map(|tg| target_health(aws, tg))).await;
    let mut targets = Vec::new();
    for h in health {
        targets.extend(h?);
    }
    Ok(Some((s, targets)))
}

/// The health of each target registered in target group `tg` (an ARN).
async fn target_health(aws: &Aws, tg: &str) -> AwsResult<Vec<TargetHealth>> {
    let out = aws
        .elb
        .describe_target_health()
        .target_group_arn(tg)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("reading target health", e))?;
    Ok(out
        .target_health_descriptions()
        .iter()
        .map(|d| TargetHealth {
            target_group: tg.rsplit(':').next().unwrap_or(tg).to_string(),
            target: d
                .target()
                .and_then(|t| t.id().map(str::to_string))
                .unwrap_or_default(),
            port: d.target().and_then(|t| t.port()),
            state: d
                .target_health()
                .and_then(|h| h.state())
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            reason: d
                .target_health()
                .and_then(|h| h.description())
                .map(str::to_string),
            task: None,
        })
        .collect())
}

/// The target-tracking alarms that scale the service, with their states.
async fn alarms(aws: &Aws, cluster: &str, service: &str) -> AwsResult<Vec<Alarm>> {
    let out = aws
        .cloudwatch
        .describe_alarms()
        .alarm_name_prefix(format!("TargetTracking-service/{cluster}/{service}"))
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("reading the scaling alarms", e))?;
    Ok(out
        .metric_alarms()
        .iter()
        .map(|a| Alarm {
            name: a.alarm_name().unwrap_or_default().to_string(),
            state: a
                .state_value()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            reason: a.state_reason().map(str::to_string),
        })
        .collect())
}

/// One of the service's deployments as `svc status` shows it.
fn deployment(d: &aws_sdk_ecs::types::Deployment) -> Deployment {
    Deployment {
        id: d.id().unwrap_or_default().to_string(),
        status: d.status().unwrap_or_default().to_string(),
        rollout_state: d.rollout_state().map(|r| r.as_str().to_string()),
        rollout_reason: d.rollout_state_reason().map(str::to_string),
        task_definition: d.task_definition().map(short_task_definition),
        desired: d.desired_count(),
        running: d.running_count(),
        pending: d.pending_count(),
        failed: d.failed_tasks(),
        updated: rfc3339(d.updated_at()),
    }
}

/// Why the service's recent tasks stopped: one line per task.
pub async fn stopped_reasons(aws: &Aws, cluster: &str, service: &str) -> Vec<String> {
    let Ok(stopped) = tasks(aws, cluster, service, DesiredStatus::Stopped, STOPPED_SHOWN).await
    else {
        return Vec::new();
    };
    stopped
        .iter()
        .map(|t| {
            let mut line = format!(
                "task {}: {}",
                crate::text::prefix(&t.id, 8),
                t.stopped_reason.as_deref().unwrap_or("stopped")
            );
            for c in &t.containers {
                if let Some(r) = &c.reason {
                    line.push_str(&format!("; {}: {r}", c.name));
                } else if let Some(code) = c.exit_code.filter(|c| *c != 0) {
                    line.push_str(&format!("; {} exited with {code}", c.name));
                }
            }
            line
        })
        .collect()
}

/// Whether ECS Exec is on for `service` in `cluster` (`enableExecuteCommand`), or `None`
/// when there is no such service.
pub async fn exec_enabled(aws: &Aws, cluster: &str, service: &str) -> AwsResult<Option<bool>> {
    Ok(describe_service(aws, cluster, service)
        .await?
        .map(|s| s.enable_execute_command()))
}

/// An ECS Exec session, as the Session Manager plugin takes it (see
/// `awscli/customizations/ecs/executecommand.py` in the AWS CLI).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ExecSession {
    /// ExecuteCommand's `session` in the ECS API's own shape: `sessionId`, `streamUrl`,
    /// `tokenValue`.
    pub session: serde_json::Value,
    /// `ecs:<cluster>_<task id>_<container runtime id>`.
    pub target: String,
    /// The ECS endpoint the call went to (`https://ecs.<region>.amazonaws.com`, or the
    /// configured endpoint).
    pub endpoint: String,
}

/// Remembers the endpoint of the request it sees: the one the SDK resolved (Region, FIPS,
/// dual stack, `AWS_ENDPOINT_URL[_ECS]`), which the plugin must be handed too.
#[derive(Debug, Clone, Default)]
struct SeenEndpoint(std::sync::Arc<std::sync::Mutex<Option<String>>>);

impl aws_sdk_ecs::config::Intercept for SeenEndpoint {
    fn name(&self) -> &'static str {
        "SeenEndpoint"
    }

    fn read_before_transmit(
        &self,
        context: &aws_sdk_ecs::config::interceptors::BeforeTransmitInterceptorContextRef<'_>,
        _components: &aws_sdk_ecs::config::RuntimeComponents,
        _cfg: &mut aws_sdk_ecs::config::ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let uri = context.request().uri();
        // scheme://host[:port], without the path.
        let end = uri
            .find("://")
            .and_then(|i| uri[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(uri.len());
        if let Ok(mut seen) = self.0.lock() {
            *seen = Some(uri[..end].to_string());
        }
        Ok(())
    }
}

/// Starts an interactive ECS Exec session running `command` in `container` of task
/// `task` (an id) in `cluster`, and finds the container's runtime id for the plugin's
/// target.
pub async fn execute_command(
    aws: &Aws,
    cluster: &str,
    task: &str,
    container: &str,
    command: &str,
) -> AwsResult<ExecSession> {
    let seen = SeenEndpoint::default();
    let out = aws
        .ecs
        .execute_command()
        .cluster(cluster)
        .task(task)
        .container(container)
        .command(command)
        .interactive(true)
        .customize()
        .interceptor(seen.clone())
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("starting the ECS Exec session", e))?;
    let Some(s) = out.session() else {
        return Err(AwsError {
            code: None,
            message: "ECS started no session (ExecuteCommand returned none)".into(),
            help: Some("try again; if it persists, check the task's ECS Exec agent".into()),
        });
    };
    let session = serde_json::json!({
        "sessionId": s.session_id(),
        "streamUrl": s.stream_url(),
        "tokenValue": s.token_value(),
    });
    let task_id = task_id(out.task_arn().unwrap_or(task));
    let container_name = out.container_name().unwrap_or(container).to_string();
    let cluster_name = out
        .cluster_arn()
        .and_then(|a| a.rsplit('/').next())
        .unwrap_or(cluster)
        .to_string();
    let described = aws
        .ecs
        .describe_tasks()
        .cluster(cluster)
        .tasks(&task_id)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("describing the task", e))?;
    let runtime_id = described
        .tasks()
        .first()
        .into_iter()
        .flat_map(|t| t.containers())
        .find(|c| c.name() == Some(container_name.as_str()))
        .and_then(|c| c.runtime_id())
        .map(str::to_string);
    let Some(runtime_id) = runtime_id else {
        return Err(AwsError {
            code: None,
            message: format!(
                "container {container_name} of task {task_id} is not running (it has no runtime id)"
            ),
            help: Some("wait until it runs, or pick another task with --task".into()),
        });
    };
    let endpoint = seen
        .0
        .lock()
        .ok()
        .and_then(|e| e.clone())
        .unwrap_or_else(|| format!("https://ecs.{}.amazonaws.com", aws.region()));
    Ok(ExecSession {
        session,
        target: format!("ecs:{cluster_name}_{task_id}_{runtime_id}"),
        endpoint,
    })
}

/// One revision of a task definition, as `svc rollback --list` shows it.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct TaskDefinitionInfo {
    pub arn: String,
    pub family: String,
    pub revision: i32,
    /// ACTIVE, or INACTIVE once CloudFormation replaced it.
    pub status: String,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered: Option<String>,
    /// Each container's name and image.
    pub images: Vec<(String, String)>,
}

/// Revision `arn` (an ARN, or `family:revision`) of a task definition, or `None` when ECS
/// knows no such revision.
pub async fn task_definition(aws: &Aws, arn: &str) -> AwsResult<Option<TaskDefinitionInfo>> {
    let out = match aws
        .ecs
        .describe_task_definition()
        .task_definition(arn)
        .send()
        .await
    {
        Ok(out) => out,
        Err(e) => {
            let e = AwsError::from_sdk(&format!("describing task definition {arn}"), e);
            if e.is("ClientException") || e.message.contains("Unable to describe") {
                return Ok(None);
            }
            return Err(e);
        }
    };
    let Some(td) = out.task_definition() else {
        return Ok(None);
    };
    Ok(Some(TaskDefinitionInfo {
        arn: td.task_definition_arn().unwrap_or(arn).to_string(),
        family: td.family().unwrap_or_default().to_string(),
        revision: td.revision(),
        status: td
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        registered: rfc3339(td.registered_at()),
        images: td
            .container_definitions()
            .iter()
            .map(|c| {
                (
                    c.name().unwrap_or_default().to_string(),
                    c.image().unwrap_or_default().to_string(),
                )
            })
            .collect(),
    }))
}

/// The ARNs of every revision of task definition family `family`, active or not (a
/// revision CloudFormation replaced is INACTIVE), newest first.
pub async fn task_definition_revisions(aws: &Aws, family: &str) -> AwsResult<Vec<String>> {
    use aws_sdk_ecs::types::{SortOrder, TaskDefinitionStatus};
    let mut out: Vec<(i32, String)> = Vec::new();
    for status in [TaskDefinitionStatus::Active, TaskDefinitionStatus::Inactive] {
        let mut token: Option<String> = None;
        loop {
            let page = aws
                .ecs
                .list_task_definitions()
                .family_prefix(family)
                .status(status.clone())
                .sort(SortOrder::Desc)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| {
                    AwsError::from_sdk(&format!("listing the revisions of {family}"), e)
                })?;
            for arn in page.task_definition_arns() {
                // The prefix matches longer families too: keep this family's own.
                let short = short_task_definition(arn);
                if let Some((f, rev)) = short.rsplit_once(':') {
                    if let (true, Ok(rev)) = (f == family, rev.parse()) {
                        out.push((rev, arn.clone()));
                    }
                }
            }
            token = page.next_token().map(str::to_string);
            if token.is_none() {
                break;
            }
        }
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.0));
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out.into_iter().map(|(_, arn)| arn).collect())
}

/// What `task run` asks ECS RunTask for.
#[derive(Debug, Clone)]
pub struct RunTasks {
    pub cluster: String,
    /// The task definition's ARN (or `family:revision`).
    pub task_definition: String,
    pub count: i32,
    /// On the FARGATE_SPOT capacity provider rather than the FARGATE launch type.
    pub spot: bool,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    /// A public IP for tasks in public subnets (no NAT to reach ECR otherwise).
    pub public_ip: bool,
    /// `startedBy`, shown by ECS with the task.
    pub started_by: String,
}

/// Starts the tasks of `req` and returns their ARNs. A task ECS could not place (its
/// `failures`) fails the whole call with ECS's reasons.
pub async fn run_tasks(aws: &Aws, req: &RunTasks) -> AwsResult<Vec<String>> {
    use aws_sdk_ecs::types::{
        AssignPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, LaunchType,
        NetworkConfiguration, PropagateTags,
    };
    let vpc = AwsVpcConfiguration::builder()
        .set_subnets(Some(req.subnets.clone()))
        .set_security_groups(Some(req.security_groups.clone()))
        .assign_public_ip(if req.public_ip {
            AssignPublicIp::Enabled
        } else {
            AssignPublicIp::Disabled
        })
        .build()
        .map_err(|e| AwsError {
            code: None,
            message: format!("the task's network configuration: {e}"),
            help: None,
        })?;
    let mut call = aws
        .ecs
        .run_task()
        .cluster(&req.cluster)
        .task_definition(&req.task_definition)
        .count(req.count)
        .started_by(&req.started_by)
        .propagate_tags(PropagateTags::TaskDefinition)
        .network_configuration(
            NetworkConfiguration::builder()
                .awsvpc_configuration(vpc)
                .build(),
        );
    call = if req.spot {
        call.capacity_provider_strategy(
            CapacityProviderStrategyItem::builder()
                .capacity_provider("FARGATE_SPOT")
                .weight(1)
                .build()
                .map_err(|e| AwsError {
                    code: None,
                    message: format!("the capacity provider strategy: {e}"),
                    help: None,
                })?,
        )
    } else {
        call.launch_type(LaunchType::Fargate)
    };
    let out = call
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("starting the task (RunTask)", e))?;
    if !out.failures().is_empty() {
        let reasons: Vec<String> = out
            .failures()
            .iter()
            .map(|f| {
                let mut r = f.reason().unwrap_or("no reason given").to_string();
                if let Some(d) = f.detail() {
                    r.push_str(&format!(" ({d})"));
                }
                r
            })
            .collect();
        return Err(AwsError {
            code: None,
            message: format!("ECS could not start the task: {}", reasons.join("; ")),
            help: Some(
                "check the cluster's capacity providers (FARGATE, FARGATE_SPOT) and the subnets"
                    .into(),
            ),
        });
    }
    Ok(out
        .tasks()
        .iter()
        .filter_map(|t| t.task_arn().map(str::to_string))
        .collect())
}

/// A task `task run` started, as ECS describes it now.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct RunTaskState {
    #[serde(flatten)]
    pub info: TaskInfo,
    pub arn: String,
    /// Why it stopped, in ECS's codes (`EssentialContainerExited`, `TaskFailedToStart`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_code: Option<String>,
}

/// The tasks `arns` in `cluster`, in the order asked; one ECS no longer knows is left out.
pub async fn run_task_states(
    aws: &Aws,
    cluster: &str,
    arns: &[String],
) -> AwsResult<Vec<RunTaskState>> {
    let found = describe_tasks(aws, cluster, arns, "the tasks").await?;
    Ok(arns
        .iter()
        .filter_map(|arn| {
            let t = found.iter().find(|t| t.task_arn() == Some(arn.as_str()))?;
            Some(RunTaskState {
                info: task_info(t),
                arn: arn.clone(),
                stop_code: t.stop_code().map(|c| c.as_str().to_string()),
            })
        })
        .collect())
}

/// DescribeTasks of `arns` in `cluster`, at most 100 per call as ECS takes them; `what`
/// names them in an error.
async fn describe_tasks(
    aws: &Aws,
    cluster: &str,
    arns: &[String],
    what: &str,
) -> AwsResult<Vec<aws_sdk_ecs::types::Task>> {
    let mut out = Vec::new();
    for chunk in arns.chunks(100) {
        let d = aws
            .ecs
            .describe_tasks()
            .cluster(cluster)
            .set_tasks(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(&format!("describing {what}"), e))?;
        out.extend(d.tasks().iter().cloned());
    }
    Ok(out)
}

/// Deletes the INACTIVE (deregistered) revisions of task definition family `family` that
/// carry tag `tag` (key, value); returns how many. ECS deletes them in the background.
pub async fn delete_inactive_task_definitions(
    aws: &Aws,
    family: &str,
    tag: (&str, &str),
) -> AwsResult<usize> {
    let mut arns = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .ecs
            .list_task_definitions()
            .family_prefix(family)
            .status(aws_sdk_ecs::types::TaskDefinitionStatus::Inactive)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("listing the task definitions", e))?;
        arns.extend(
            page.task_definition_arns()
                .iter()
                .filter(|a| {
                    short_task_definition(a).rsplit_once(':').map(|(f, _)| f) == Some(family)
                })
                .cloned(),
        );
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    let mut tagged = Vec::new();
    for arn in arns {
        let d = aws
            .ecs
            .describe_task_definition()
            .task_definition(&arn)
            .include(aws_sdk_ecs::types::TaskDefinitionField::Tags)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("describing a task definition", e))?;
        if d.tags()
            .iter()
            .any(|t| t.key() == Some(tag.0) && t.value() == Some(tag.1))
        {
            tagged.push(arn);
        }
    }
    let arns = tagged;
    // DeleteTaskDefinitions takes at most 10 at a time.
    for chunk in arns.chunks(10) {
        aws.ecs
            .delete_task_definitions()
            .set_task_definitions(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("deleting the task definitions", e))?;
    }
    Ok(arns.len())
}

/// A container instance registered in a cluster, as the scheduler sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerInstance {
    pub ec2_instance_id: String,
    /// ACTIVE, DRAINING, ...
    pub status: String,
    /// Registered CPU units, memory (MiB) and GPUs.
    pub cpu: u32,
    pub memory: u32,
    pub gpus: u32,
    /// Built-in (`ecs.*`) and custom attributes (an attribute without a value has "").
    pub attributes: Vec<(String, String)>,
}

/// Every container instance registered in `cluster` (ListContainerInstances, then
/// DescribeContainerInstances by 100, as the API takes them).
pub async fn container_instances(aws: &Aws, cluster: &str) -> AwsResult<Vec<ContainerInstance>> {
    let mut arns = Vec::new();
    let mut token = None;
    loop {
        let out = aws
            .ecs
            .list_container_instances()
            .cluster(cluster)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("listing the cluster's container instances", e))?;
        arns.extend(out.container_instance_arns().iter().cloned());
        token = out.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    let mut instances = Vec::with_capacity(arns.len());
    for chunk in arns.chunks(100) {
        let out = aws
            .ecs
            .describe_container_instances()
            .cluster(cluster)
            .set_container_instances(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("describing the cluster's container instances", e))?;
        instances.extend(out.container_instances().iter().map(container_instance));
    }
    Ok(instances)
}

fn container_instance(c: &aws_sdk_ecs::types::ContainerInstance) -> ContainerInstance {
    let registered = |name: &str| {
        c.registered_resources()
            .iter()
            .find(|r| r.name() == Some(name))
    };
    let integer =
        |name: &str| registered(name).map_or(0, |r| u32::try_from(r.integer_value()).unwrap_or(0));
    ContainerInstance {
        ec2_instance_id: c.ec2_instance_id().unwrap_or_default().to_string(),
        status: c.status().unwrap_or_default().to_string(),
        cpu: integer("CPU"),
        memory: integer("MEMORY"),
        gpus: registered("GPU").map_or(0, |r| r.string_set_value().len() as u32),
        attributes: c
            .attributes()
            .iter()
            .map(|a| {
                (
                    a.name().to_string(),
                    a.value().unwrap_or_default().to_string(),
                )
            })
            .collect(),
    }
}
