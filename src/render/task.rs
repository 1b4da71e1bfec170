//! What every workload stack shares: the task definition (main container, sidecars,
//! variables, secrets, health checks, platform), its roles and log group, where its tasks run
//! (subnets, public IP, security groups), and its messaging (published SNS topics, the
//! Worker Service's SQS queues). `templates/cfn/task.yml.j2` lays these out; the service and
//! job templates include it.

use serde::Serialize;

use super::firelens::{self, Firelens, FirelensLog};
use super::messaging::{self, Messaging};
use super::volumes::{self, MountPoint, Storage};
use super::{parse_seconds, Images, RenderError};
use crate::addons::{Addons, OutputKind};
use crate::manifest::types::{
    ContainerHealthcheck, Map, Placement, Platform, Secret, Sidecar, SidecarImage, StringOrFromCfn,
    SubnetSelector, Variable, Workload, DEFAULT_CPU, DEFAULT_MEMORY,
};
use crate::manifest::types::{HttpOrBool, NetworkMode, WorkloadType};
use crate::names::{app_export_name, export_name, log_group_name, ARTIFACTS_BUCKET_ARN};

const DEFAULT_LOG_RETENTION: u32 = 30;
/// CloudWatch Logs accepts only these retention periods (days).
const LOG_RETENTION_DAYS: [u32; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// The parts of a workload stack that services and jobs share (see the module docs).
#[derive(Serialize)]
pub(super) struct Task {
    pub(super) app: String,
    pub(super) env: String,
    pub(super) name: String,
    pub(super) kind: &'static str,
    pub(super) family: String,
    pub(super) log_group: String,
    pub(super) log_retention: u32,
    /// `logging.kms_key`: the KMS key of the log groups.
    pub(super) log_kms_key: Option<String>,
    pub(super) cpu: String,
    pub(super) memory: String,
    pub(super) os_family: String,
    pub(super) cpu_architecture: String,
    pub(super) ephemeral: Option<u32>,
    /// The task runs on EC2 capacity (`Workload::runs_on_ec2`; jobs run on Fargate).
    pub(super) on_ec2: bool,
    /// `awsvpc`, or on EC2 `bridge` or `host` (`network_mode`).
    pub(super) network_mode: &'static str,
    /// Bridge mode: the main container's `image.port` published on `host_port`; its other
    /// ports are dynamic. (Host mode publishes every port on itself.)
    pub(super) static_host_port: Option<StaticHostPort>,
    /// The GPUs the main container reserves (`gpu`).
    pub(super) gpu: Option<u32>,
    /// The main container first, then the sidecars.
    pub(super) containers: Vec<Container>,
    /// The stack parameters that hold the images of sidecars tug builds.
    pub(super) image_parameters: Vec<String>,
    /// The stack parameters that hold the artifacts-bucket keys of the containers' env
    /// files, and (YAML fragments) the object ARNs the execution role may read.
    pub(super) env_file_parameters: Vec<String>,
    pub(super) env_file_arns: Vec<String>,
    /// YAML fragment: the artifacts bucket's ARN (the bootstrap stack's export).
    pub(super) artifacts_bucket_arn: String,
    pub(super) exec: bool,
    pub(super) ssm_resources: Vec<String>,
    pub(super) secretsmanager_resources: Vec<String>,
    pub(super) assign_public_ip: bool,
    /// YAML fragment: `!Split [",", !ImportValue "..."]` or a JSON list of ids.
    pub(super) subnets: String,
    /// YAML fragments, one per security group.
    pub(super) security_groups: Vec<String>,
    /// YAML fragment.
    pub(super) cluster: String,
    #[serde(flatten)]
    pub(super) messaging: Messaging,
    #[serde(flatten)]
    pub(super) storage: Storage,
    /// The addons stack, when the workload has addons.
    pub(super) addons: Option<AddonsStack>,
}

/// A container port published on a fixed port of the instance (bridge mode).
#[derive(Serialize)]
pub(super) struct StaticHostPort {
    pub(super) container: String,
    pub(super) port: u16,
    pub(super) host: u16,
}

/// The nested stack of a workload's or environment's addons (`AddonsStack`).
#[derive(Serialize)]
pub(super) struct AddonsStack {
    /// The parameter holding the template's key in the artifacts bucket.
    pub(super) key_parameter: &'static str,
    /// YAML fragment: the template's S3 URL.
    pub(super) url: String,
    /// (name, YAML fragment)
    pub(super) parameters: Vec<(String, String)>,
    /// YAML fragments: the managed policies the task role gets.
    pub(super) policies: Vec<String>,
    /// The outputs an environment's stack exports under its own name.
    pub(super) exports: Vec<String>,
}

impl AddonsStack {
    pub(super) fn new(app: &str, addons: &Addons, exports: Vec<String>) -> Self {
        let bucket = import(&app_export_name(app, crate::names::ARTIFACTS_BUCKET_NAME));
        AddonsStack {
            key_parameter: crate::addons::TEMPLATE_KEY_PARAMETER,
            url: format!(
                "!Sub [\"https://${{Bucket}}.s3.${{AWS::Region}}.${{AWS::URLSuffix}}/${{{}}}\", {{Bucket: {bucket}}}]",
                crate::addons::TEMPLATE_KEY_PARAMETER
            ),
            parameters: addons.parameter_fragments(),
            policies: addons
                .outputs_of(OutputKind::ManagedPolicy)
                .map(|o| o.reference())
                .collect(),
            exports,
        }
    }
}

/// Builds the [`Task`] of workload `w` in environment `env_name`, its containers running
/// `images`.
pub(super) fn task(
    app: &str,
    env_name: &str,
    w: &Workload,
    images: &Images,
    addons: Option<&Addons>,
) -> Result<Task, RenderError> {
    let family = crate::names::stack_name(app, env_name, Some(&w.name));
    let messaging = messaging::messaging(app, env_name, &family, w)?;
    let mut ssm = Vec::new();
    let mut sm = Vec::new();
    let (containers, image_parameters) = containers(
        app, env_name, w, images, &messaging, addons, &mut ssm, &mut sm,
    )?;
    let storage = volumes::storage(app, env_name, w)?;
    let (subnets, assign_public_ip) = subnets(app, env_name, w)?;
    let security_groups = security_groups(app, env_name, w)?;

    let (os_family, cpu_architecture) = platform(w.platform.as_ref())?;
    let on_ec2 = w.runs_on_ec2() && w.kind != WorkloadType::ScheduledJob;
    let ephemeral = w
        .storage
        .as_ref()
        .and_then(|s| s.ephemeral)
        .filter(|e| *e > 20);
    let log_retention = match w.logging.as_ref().and_then(|l| l.retention) {
        None => DEFAULT_LOG_RETENTION,
        Some(days) => LOG_RETENTION_DAYS
            .iter()
            .copied()
            .find(|d| *d >= days)
            .unwrap_or(3653),
    };
    unique(&mut ssm);
    unique(&mut sm);
    let env_file_parameters: Vec<String> = env_files(w).into_iter().map(|f| f.parameter).collect();
    let env_file_arns = env_file_parameters
        .iter()
        .map(|p| env_file_arn(app, p))
        .collect();
    let network_mode = w.network_mode();
    let static_host_port = match (
        network_mode,
        w.host_port,
        w.image.as_ref().and_then(|i| i.port),
    ) {
        (NetworkMode::Bridge, Some(host), Some(port)) => Some(StaticHostPort {
            container: w.name.clone(),
            port,
            host,
        }),
        _ => None,
    };
    Ok(Task {
        network_mode: network_mode.as_str(),
        static_host_port,
        gpu: Some(w.gpus()).filter(|g| *g > 0),
        app: app.into(),
        env: env_name.into(),
        name: w.name.clone(),
        kind: w.kind.name(),
        family,
        log_group: log_group_name(app, env_name, &w.name),
        log_retention,
        log_kms_key: w.logging.as_ref().and_then(|l| l.kms_key.clone()),
        cpu: w.cpu.unwrap_or(DEFAULT_CPU).to_string(),
        memory: w.memory.unwrap_or(DEFAULT_MEMORY).to_string(),
        os_family,
        cpu_architecture,
        ephemeral: ephemeral.filter(|_| !on_ec2),
        on_ec2,
        containers,
        exec: w.exec.as_ref().is_some_and(|e| e.enabled()),
        ssm_resources: ssm,
        secretsmanager_resources: sm,
        // ECS gives awsvpc tasks on EC2 no public IP (only Fargate can).
        assign_public_ip: assign_public_ip && !on_ec2,
        subnets,
        security_groups,
        cluster: import(&export_name(app, env_name, "ClusterName")),
        messaging,
        image_parameters,
        storage,
        env_file_parameters,
        env_file_arns,
        artifacts_bucket_arn: import(&app_export_name(app, ARTIFACTS_BUCKET_ARN)),
        addons: addons.map(|a| AddonsStack::new(app, a, Vec::new())),
    })
}

/// A container's env file: the file named in the manifest (relative to the repository
/// root) and the stack parameter that holds its key in the artifacts bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFile {
    /// The manifest field (`env_file`, `sidecars.proxy.env_file`).
    pub field: String,
    pub path: String,
    pub parameter: String,
}

/// The env files of `w`'s containers, the main container's first, then the sidecars'.
/// (`logging.env_file` belongs to the FireLens container, which tug does not add yet.)
pub fn env_files(w: &Workload) -> Vec<EnvFile> {
    let mut out: Vec<EnvFile> = w
        .env_file
        .iter()
        .map(|path| EnvFile {
            field: "env_file".into(),
            path: path.clone(),
            parameter: env_file_parameter(None),
        })
        .collect();
    for (name, sc) in w.sidecars.iter().flatten() {
        if let Some(path) = &sc.env_file {
            out.push(EnvFile {
                field: format!("sidecars.{name}.env_file"),
                path: path.clone(),
                parameter: env_file_parameter(Some(name)),
            });
        }
    }
    out
}

/// The stack parameter holding the env file key of the main container (`EnvFileKey`) or
/// of sidecar `name` (`SidecarProxyEnvFileKey` for `proxy`).
fn env_file_parameter(sidecar: Option<&str>) -> String {
    match sidecar {
        None => "EnvFileKey".into(),
        Some(name) => format!("Sidecar{}EnvFileKey", crate::names::logical_id(name)),
    }
}

/// The S3 object ARN of the env file whose key is in stack parameter `parameter`: the
/// artifacts bucket's ARN (imported from the bootstrap stack), `/`, the key.
fn env_file_arn(app: &str, parameter: &str) -> String {
    let bucket = import(&app_export_name(app, ARTIFACTS_BUCKET_ARN));
    format!("!Join [\"/\", [{bucket}, !Ref {parameter}]]")
}

/// The task's containers, the main one first and then the sidecars, and the stack
/// parameters that hold the images of the sidecars tug builds. The parameters and secrets
/// the containers read are added to `ssm` and `sm`. The addons' outputs are variables of
/// every container and secrets of the main one, as Copilot makes them.
#[allow(clippy::too_many_arguments)]
fn containers(
    app: &str,
    env_name: &str,
    w: &Workload,
    images: &Images,
    messaging: &Messaging,
    addons: Option<&Addons>,
    ssm: &mut Vec<String>,
    sm: &mut Vec<String>,
) -> Result<(Vec<Container>, Vec<String>), RenderError> {
    let mut common = common_environment(app, env_name, w, messaging);
    let addon_outputs = |kind| {
        addons
            .into_iter()
            .flat_map(move |a| a.outputs_of(kind))
            .map(|o| (o.variable_name(), o.reference()))
    };
    common.extend(addon_outputs(OutputKind::Variable));
    let addon_secrets: Vec<(String, String)> = addon_outputs(OutputKind::Secret).collect();
    sm.extend(addon_secrets.iter().map(|(_, r)| r.clone()));
    let mount_points = volumes::main_mount_points(w);
    let mut main_common = common.clone();
    main_common.extend(volumes::mount_points_environment(&mount_points));
    let environment = environment(&main_common, w.variables.as_ref(), true);
    let logging = w.logging.as_ref().filter(|l| l.routes());
    let main = Container {
        name: w.name.clone(),
        image: "!Ref ContainerImage".into(),
        essential: true,
        ports: w
            .image
            .as_ref()
            .and_then(|i| i.port)
            .map(|p| Port {
                port: p,
                protocol: "tcp".into(),
                name: None,
            })
            .into_iter()
            .collect(),
        environment,
        secrets: {
            let mut s = secrets(w.secrets.as_ref(), "secrets", ssm, sm)?;
            s.extend(addon_secrets);
            s
        },
        entrypoint: w.entrypoint.as_ref().map(|e| e.to_list()),
        command: w.command.as_ref().map(|c| c.to_list()),
        healthcheck: w
            .image
            .as_ref()
            .and_then(|i| i.healthcheck.as_ref())
            .map(|h| healthcheck(h, "image.healthcheck"))
            .transpose()?,
        depends_on: depends_on(w.image.as_ref().and_then(|i| i.depends_on.as_ref())),
        readonly_fs: w.storage.as_ref().and_then(|s| s.readonly_fs),
        credentials: w.image.as_ref().and_then(|i| i.credentials.clone()),
        labels: w.image.as_ref().and_then(|i| i.labels.clone()),
        mount_points,
        firelens: None,
        firelens_log: logging
            .map(|l| firelens::main_log(l, ssm, sm))
            .transpose()?,
        env_file: w
            .env_file
            .as_ref()
            .map(|_| env_file_arn(app, &env_file_parameter(None))),
    };
    if let Some(c) = &main.credentials {
        sm.push(lit(c));
    }
    let mut containers = vec![main];
    if let Some(l) = logging {
        containers.push(firelens::router(&common, l, ssm, sm)?);
    }
    let mut image_parameters = Vec::new();
    for (name, sc) in w.sidecars.iter().flatten() {
        let built = images.sidecars.contains_key(name).then(|| {
            let parameter = sidecar_image_parameter(name);
            let reference = format!("!Ref {parameter}");
            image_parameters.push(parameter);
            reference
        });
        let mut container = sidecar(&common, name, sc, built.as_deref(), ssm, sm)?;
        container.env_file = sc
            .env_file
            .as_ref()
            .map(|_| env_file_arn(app, &env_file_parameter(Some(name))));
        containers.push(container);
    }
    Ok((containers, image_parameters))
}

/// The subnets the tasks run in (a YAML fragment) and whether they get a public IP, from
/// `network.vpc.placement`: the environment's public subnets unless told otherwise.
fn subnets(app: &str, env_name: &str, w: &Workload) -> Result<(String, bool), RenderError> {
    let exp = |output: &str| export_name(app, env_name, output);
    let public = || {
        (
            format!("!Split [\",\", {}]", import(&exp("PublicSubnets"))),
            true,
        )
    };
    let wvpc = w.network.as_ref().and_then(|n| n.vpc.as_ref());
    Ok(match wvpc.and_then(|v| v.placement.as_ref()) {
        None => public(),
        Some(Placement::Kind(k)) if k == "public" => public(),
        Some(Placement::Kind(k)) if k == "private" => (
            format!("!Split [\",\", {}]", import(&exp("PrivateSubnets"))),
            false,
        ),
        Some(Placement::Kind(k)) => {
            return Err(RenderError::unchecked(
                "network.vpc.placement",
                format!("`{k}` is not a placement; use `public`, `private` or `subnets: [ids]`"),
            ))
        }
        Some(Placement::Subnets(s)) => match &s.subnets {
            SubnetSelector::Ids(ids) => (serde_json::Value::from(ids.clone()).to_string(), false),
            SubnetSelector::Tags(_) => {
                return Err(RenderError::unchecked(
                    "network.vpc.placement.subnets.from_tags",
                    "selecting subnets by tags is not supported yet; list the subnet ids instead",
                ))
            }
        },
    })
}

/// The tasks' security groups (YAML fragments): the environment's own unless
/// `deny_default`, then the listed `groups`.
fn security_groups(app: &str, env_name: &str, w: &Workload) -> Result<Vec<String>, RenderError> {
    let mut security_groups = Vec::new();
    let (groups, deny_default) = w.listed_security_groups();
    if !deny_default {
        security_groups.push(import(&export_name(
            app,
            env_name,
            "EnvironmentSecurityGroup",
        )));
    }
    for g in groups {
        security_groups.push(match g {
            StringOrFromCfn::String(s) => lit(s),
            StringOrFromCfn::FromCfn(f) => import(&f.from_cfn),
        });
    }
    if security_groups.is_empty() {
        return Err(RenderError::unchecked(
            "network.vpc.security_groups.deny_default",
            "the tasks would have no security group; list `groups` or drop `deny_default`",
        ));
    }
    Ok(security_groups)
}

/// The stack parameter holding the image of sidecar `name` when tug builds it
/// (`SidecarProxyImage` for `proxy`), set like `ContainerImage` at deploy time.
pub(crate) fn sidecar_image_parameter(name: &str) -> String {
    format!("Sidecar{}Image", crate::names::logical_id(name))
}

#[derive(Serialize)]
pub(super) struct Container {
    pub(super) name: String,
    /// YAML fragment.
    pub(super) image: String,
    pub(super) essential: bool,
    pub(super) ports: Vec<Port>,
    /// (name, YAML fragment)
    pub(super) environment: Vec<(String, String)>,
    /// (name, YAML fragment)
    pub(super) secrets: Vec<(String, String)>,
    pub(super) entrypoint: Option<Vec<String>>,
    pub(super) command: Option<Vec<String>>,
    pub(super) healthcheck: Option<Healthcheck>,
    pub(super) depends_on: Vec<(String, String)>,
    pub(super) readonly_fs: Option<bool>,
    pub(super) credentials: Option<String>,
    /// Docker labels (`labels`).
    pub(super) labels: Option<Map<String>>,
    pub(super) mount_points: Vec<MountPoint>,
    /// The FireLens log router's configuration (that container only).
    pub(super) firelens: Option<Firelens>,
    /// The `awsfirelens` log driver instead of `awslogs` (the main container with `logging`).
    pub(super) firelens_log: Option<FirelensLog>,
    /// YAML fragment: the S3 object ARN of the container's env file.
    pub(super) env_file: Option<String>,
}

impl Container {
    /// An essential container running `image` (a YAML fragment), with nothing else set.
    pub(super) fn new(name: &str, image: String) -> Container {
        Container {
            name: name.to_string(),
            image,
            essential: true,
            ports: Vec::new(),
            environment: Vec::new(),
            secrets: Vec::new(),
            entrypoint: None,
            command: None,
            healthcheck: None,
            depends_on: Vec::new(),
            readonly_fs: None,
            credentials: None,
            labels: None,
            env_file: None,
            mount_points: Vec::new(),
            firelens: None,
            firelens_log: None,
        }
    }
}

#[derive(Serialize, PartialEq)]
pub(super) struct Port {
    pub(super) port: u16,
    pub(super) protocol: String,
    /// The port mapping's name (`target`, the port Service Connect serves).
    pub(super) name: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Healthcheck {
    command: Vec<String>,
    interval: u64,
    retries: u32,
    timeout: u64,
    start_period: u64,
}

/// Drops repeated entries, keeping the first of each (and so the order).
pub(super) fn unique(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.clone()));
}

pub(super) fn lit(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

pub(super) fn import(name: &str) -> String {
    format!("!ImportValue {}", lit(name))
}

/// The export name an [`import`] fragment reads.
pub(super) fn imported_export(fragment: &str) -> Option<String> {
    serde_json::from_str(fragment.strip_prefix("!ImportValue ")?).ok()
}

pub(super) fn arn_join(parts: &[&str]) -> String {
    // !Join keeps user text out of !Sub's `${}` syntax.
    let mut items = vec!["\"arn:\"".to_string(), "!Ref AWS::Partition".to_string()];
    for p in parts {
        items.push(match *p {
            "$REGION" => "!Ref AWS::Region".to_string(),
            "$ACCOUNT" => "!Ref AWS::AccountId".to_string(),
            other => lit(other),
        });
    }
    format!("!Join [\"\", [{}]]", items.join(", "))
}

/// The variables Copilot gives every container of a workload, the sidecars' too: the
/// application, environment and service names, the service discovery endpoint
/// (`<env>.<app>.local`), the messaging variables (topics, queues), and the DNS name of the
/// load balancer in front of a web service (the public one) or a Backend Service with
/// `http` (the internal one); each under its `COPILOT_` name and the `TUG_` alias.
pub(super) fn common_environment(
    app: &str,
    env: &str,
    w: &Workload,
    messaging: &Messaging,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let endpoint = crate::names::service_discovery_namespace(app, env);
    for (k, v) in [
        ("TUG_APPLICATION_NAME", app),
        ("TUG_ENVIRONMENT_NAME", env),
        ("TUG_SERVICE_NAME", &w.name),
        ("TUG_SERVICE_DISCOVERY_ENDPOINT", &endpoint),
        ("COPILOT_APPLICATION_NAME", app),
        ("COPILOT_ENVIRONMENT_NAME", env),
        ("COPILOT_SERVICE_NAME", &w.name),
        ("COPILOT_SERVICE_DISCOVERY_ENDPOINT", &endpoint),
    ] {
        out.push((k.to_string(), lit(v)));
    }
    out.extend(messaging.environment());
    let load_balancer = match (w.kind, &w.http) {
        (_, Some(HttpOrBool::Enabled(false))) => None,
        // Served by its own NLB alone (no `http`): no rule on the environment's ALB.
        (WorkloadType::LoadBalancedWebService, None) if w.nlb.is_some() => None,
        (WorkloadType::LoadBalancedWebService, _) => Some("PublicLoadBalancerDNSName"),
        (WorkloadType::BackendService, Some(HttpOrBool::Config(_) | HttpOrBool::Enabled(true))) => {
            Some("InternalLoadBalancerDNSName")
        }
        _ => None,
    };
    if let Some(output) = load_balancer {
        let dns = import(&export_name(app, env, output));
        out.push(("TUG_LB_DNS".to_string(), dns.clone()));
        out.push(("COPILOT_LB_DNS".to_string(), dns));
    }
    out
}

/// A container's environment: the workload's `common` variables, then (main container
/// only) the deployment token, then the container's own `variables`, which win over the
/// others of the same name.
pub(super) fn environment(
    common: &[(String, String)],
    vars: Option<&Map<Variable>>,
    main: bool,
) -> Vec<(String, String)> {
    let mut out = common.to_vec();
    if main {
        out.push((
            "TUG_DEPLOYMENT_TOKEN".to_string(),
            "!Ref DeploymentToken".to_string(),
        ));
    }
    for (k, v) in vars.into_iter().flatten() {
        out.retain(|(name, _)| name != k);
        let value = match v {
            Variable::String(s) => lit(s),
            Variable::Number(n) => lit(&n.to_string()),
            Variable::Bool(b) => lit(&b.to_string()),
            Variable::FromCfn(f) => import(&f.from_cfn),
        };
        out.push((k.clone(), value));
    }
    out
}

pub(super) fn secrets(
    secrets: Option<&Map<Secret>>,
    field: &str,
    ssm: &mut Vec<String>,
    sm: &mut Vec<String>,
) -> Result<Vec<(String, String)>, RenderError> {
    let mut out = Vec::new();
    for (k, s) in secrets.into_iter().flatten() {
        let value = match s {
            Secret::Ssm(v) if v.starts_with("arn:") => {
                let parts: Vec<&str> = v.split(':').collect();
                match parts.get(2) {
                    Some(&"secretsmanager") => sm.push(lit(&parts[..parts.len().min(7)].join(":"))),
                    Some(&"ssm") => ssm.push(lit(v)),
                    _ => {
                        return Err(RenderError::unchecked(
                            format!("{field}.{k}"),
                            "an ARN secret must be an SSM parameter or a Secrets Manager secret",
                        ))
                    }
                }
                lit(v)
            }
            Secret::Ssm(v) => {
                ssm.push(arn_join(&[
                    ":ssm:",
                    "$REGION",
                    ":",
                    "$ACCOUNT",
                    ":parameter/",
                    v.trim_start_matches('/'),
                ]));
                lit(v)
            }
            Secret::SecretsManager(s) if s.secretsmanager.starts_with("arn:") => {
                let v = &s.secretsmanager;
                let parts: Vec<&str> = v.split(':').collect();
                sm.push(lit(&parts[..parts.len().min(7)].join(":")));
                lit(v)
            }
            Secret::SecretsManager(s) => {
                let v = &s.secretsmanager;
                let base = v.split(':').next().unwrap_or(v);
                sm.push(arn_join(&[
                    ":secretsmanager:",
                    "$REGION",
                    ":",
                    "$ACCOUNT",
                    ":secret:",
                    &format!("{base}-??????"),
                ]));
                arn_join(&[
                    ":secretsmanager:",
                    "$REGION",
                    ":",
                    "$ACCOUNT",
                    ":secret:",
                    v,
                ])
            }
            Secret::FromCfn(f) => {
                // The export may name a parameter or a secret: allow reading it as either.
                ssm.push(import(&f.from_cfn));
                sm.push(import(&f.from_cfn));
                import(&f.from_cfn)
            }
        };
        out.push((k.clone(), value));
    }
    Ok(out)
}

/// A duration field in whole seconds, `default` when it is not set.
pub(super) fn seconds_or(
    v: Option<&String>,
    field: &str,
    default: u64,
) -> Result<u64, RenderError> {
    match v {
        None => Ok(default),
        Some(t) => parse_seconds(t).map(|s| s.round() as u64).ok_or_else(|| {
            RenderError::unchecked(
                field,
                format!("`{t}` is not a duration; write it like `10s` or `1m30s`"),
            )
        }),
    }
}

pub(super) fn healthcheck(
    h: &ContainerHealthcheck,
    field: &str,
) -> Result<Healthcheck, RenderError> {
    let secs = |v: &Option<String>, name: &str, default: u64| {
        seconds_or(v.as_ref(), &format!("{field}.{name}"), default)
    };
    let command = match &h.command {
        Some(crate::manifest::types::StringOrList::List(l)) => l.clone(),
        Some(crate::manifest::types::StringOrList::String(s)) => {
            vec!["CMD-SHELL".to_string(), s.clone()]
        }
        None => {
            return Err(RenderError::unchecked(
                format!("{field}.command"),
                "a container health check needs `command`",
            ))
        }
    };
    Ok(Healthcheck {
        command,
        interval: secs(&h.interval, "interval", 10)?,
        retries: h.retries.unwrap_or(2),
        timeout: secs(&h.timeout, "timeout", 5)?,
        start_period: secs(&h.start_period, "start_period", 0)?,
    })
}

pub(super) fn depends_on(d: Option<&Map<String>>) -> Vec<(String, String)> {
    d.into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.to_ascii_uppercase()))
        .collect()
}

pub(super) fn sidecar(
    common: &[(String, String)],
    name: &str,
    sc: &Sidecar,
    built: Option<&str>,
    ssm: &mut Vec<String>,
    sm: &mut Vec<String>,
) -> Result<Container, RenderError> {
    let field = format!("sidecars.{name}");
    let image = match &sc.image {
        Some(SidecarImage::Location(l)) => lit(l),
        Some(SidecarImage::Args(i)) => match (&i.location, built) {
            (Some(l), _) => lit(l),
            (None, Some(built)) if i.build.is_some() => built.to_string(),
            (None, _) if i.build.is_some() => {
                return Err(RenderError::unchecked(
                    format!("{field}.image.build"),
                    "this sidecar's image is built and pushed by `tug svc deploy`; render it through a deploy, or give `image.location`",
                ))
            }
            (None, _) => {
                return Err(RenderError::unchecked(
                    format!("{field}.image"),
                    "give `image.location` or `image.build`",
                ))
            }
        },
        None => {
            return Err(RenderError::unchecked(
                format!("{field}.image"),
                "a sidecar needs an image",
            ))
        }
    };
    let ports = match &sc.port {
        None => Vec::new(),
        Some(p) => match p.parse() {
            Some((port, protocol)) => vec![Port {
                port,
                protocol,
                name: None,
            }],
            None => {
                return Err(RenderError::unchecked(
                    format!("{field}.port"),
                    "write the port as `8080` or `8080/tcp`",
                ))
            }
        },
    };
    if let Some(c) = &sc.credentials_parameter {
        sm.push(lit(c));
    }
    let mount_points = volumes::sidecar_mount_points(sc);
    let mut common = common.to_vec();
    common.extend(volumes::mount_points_environment(&mount_points));
    Ok(Container {
        name: name.to_string(),
        image,
        essential: sc.essential.unwrap_or(true),
        ports,
        environment: environment(&common, sc.variables.as_ref(), false),
        secrets: secrets(sc.secrets.as_ref(), &format!("{field}.secrets"), ssm, sm)?,
        entrypoint: sc.entrypoint.as_ref().map(|e| e.to_list()),
        command: sc.command.as_ref().map(|c| c.to_list()),
        healthcheck: sc
            .healthcheck
            .as_ref()
            .map(|h| healthcheck(h, &format!("{field}.healthcheck")))
            .transpose()?,
        depends_on: depends_on(sc.depends_on.as_ref()),
        readonly_fs: None,
        credentials: sc.credentials_parameter.clone(),
        labels: sc.labels.clone(),
        mount_points,
        firelens: None,
        firelens_log: None,
        env_file: None,
    })
}

pub(super) fn platform(p: Option<&Platform>) -> Result<(String, String), RenderError> {
    let (os, arch) = match p {
        None => ("linux".to_string(), "x86_64".to_string()),
        Some(Platform::String(s)) => match s.split_once('/') {
            Some((os, arch)) => (os.to_ascii_lowercase(), arch.to_ascii_lowercase()),
            None => (s.to_ascii_lowercase(), "x86_64".into()),
        },
        Some(Platform::Args(a)) => (
            a.osfamily.to_ascii_lowercase(),
            a.architecture.to_ascii_lowercase(),
        ),
    };
    let arch = match arch.as_str() {
        "x86_64" | "amd64" => "X86_64",
        "arm64" | "arm" => "ARM64",
        other => {
            return Err(RenderError::unchecked(
                "platform",
                format!("architecture `{other}` is not supported; use x86_64 or arm64"),
            ))
        }
    };
    let os = match os.as_str() {
        "linux" => "LINUX".to_string(),
        "windows" => "WINDOWS_SERVER_2019_CORE".to_string(),
        o if o.starts_with("windows_server_") => o.to_ascii_uppercase(),
        other => {
            return Err(RenderError::unchecked(
                "platform",
                format!("operating system `{other}` is not supported; use linux or windows"),
            ))
        }
    };
    Ok((os, arch.to_string()))
}
