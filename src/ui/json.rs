//! The JSON documents tug prints with `--json`, as types: serde writes them, schemars
//! derives their JSON Schemas (checked in under `docs/schemas/`, documented in
//! `docs/json.md`). Every document carries `"schema": 1`; a change that breaks a reader
//! raises it.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema};
use serde::Serialize;

use crate::diag::{Diagnostic, Severity};

/// The version every document names in its `schema` field.
pub const SCHEMA_VERSION: u32 = 1;

/// `tug validate --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ValidateReport {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    /// No diagnostic is an error (warnings allowed).
    pub valid: bool,
    /// Every problem found, grouped by file in workspace order.
    pub diagnostics: Vec<DiagnosticDoc>,
}

/// One problem in a manifest.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DiagnosticDoc {
    /// The file, as shown to the user; null for a problem not in one file.
    pub file: Option<String>,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column, counted in characters.
    pub column: Option<usize>,
    pub severity: SeverityDoc,
    /// A stable identifier (`unknown-key`, `fargate-size`) to match on.
    pub code: String,
    pub message: String,
    /// What to do next.
    pub help: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityDoc {
    Warning,
    Error,
}

impl From<&Diagnostic> for DiagnosticDoc {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticDoc {
            file: d.file_name().map(str::to_string),
            line: d.span.map(|s| s.line),
            column: d.span.map(|s| s.column),
            severity: match d.severity {
                Severity::Warning => SeverityDoc::Warning,
                Severity::Error => SeverityDoc::Error,
            },
            code: d.code.to_string(),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// One line of the NDJSON stream a deploy or delete prints with `--json`
/// (`svc deploy`, `env deploy`, `job deploy`, `deploy -e`, `svc delete`, ...).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Event {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    #[serde(flatten)]
    pub body: EventBody,
}

/// What happened, by `type`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum EventBody {
    /// A step of a stack's deploy ("creating a change set") or a recovery.
    Note { stack: String, message: String },
    /// The change set about to execute (with `--diff`).
    Changeset {
        stack: String,
        changes: Vec<crate::aws::stack::Change>,
    },
    /// The images a workload's stack runs, before its change set.
    Images {
        stack: String,
        images: Vec<ImageDoc>,
    },
    /// A CloudFormation stack event.
    Resource {
        /// RFC 3339, UTC.
        time: String,
        /// The stack the resource is in (a nested stack's name for addons).
        stack: String,
        logical_id: String,
        resource_type: String,
        /// CREATE_IN_PROGRESS, UPDATE_COMPLETE, CREATE_FAILED, ...
        status: String,
        reason: Option<String>,
    },
    /// The ECS service's deployment, as the deploy follows it.
    Rollout {
        time: String,
        stack: String,
        rollout: crate::aws::ecs::Rollout,
    },
    /// The end of one stack's deploy.
    Result {
        stack: String,
        ok: bool,
        /// "deployed in 42s", "no changes", "failed: <the AWS reason>".
        message: String,
    },
    /// The end of `tug deploy -e`: every stack's result.
    Summary {
        environment: String,
        results: Vec<SummaryResult>,
    },
}

/// One container's image in an [`EventBody::Images`].
#[derive(Debug, Serialize, JsonSchema)]
pub struct ImageDoc {
    /// `main`, or `sidecar <Name>`.
    pub container: String,
    /// `registry/repository@sha256:...` for an image tug built and pushed; as the manifest
    /// names it otherwise.
    pub image: String,
}

/// One stack's result in a [`EventBody::Summary`].
#[derive(Debug, Serialize, JsonSchema)]
pub struct SummaryResult {
    /// `environment test`, `service web in test`.
    pub name: String,
    pub ok: bool,
    pub result: String,
}

impl Event {
    pub fn new(body: EventBody) -> Event {
        Event {
            schema: SCHEMA_VERSION,
            body,
        }
    }
}

/// One line of `svc logs --json` / `job logs --json` (NDJSON, one per log event).
#[derive(Debug, Serialize, JsonSchema)]
pub struct LogLine {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    /// When the line was logged, RFC 3339, UTC.
    pub timestamp: String,
    /// The ECS task's id.
    pub task: String,
    pub container: String,
    /// The CloudWatch Logs stream.
    pub stream: String,
    pub message: String,
}

/// `tug app ls --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AppList {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub applications: Vec<AppRow>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AppRow {
    pub name: String,
    /// How many environments are deployed.
    pub environments: usize,
    /// How many workloads are deployed, over every environment.
    pub workloads: usize,
}

/// A deployed environment's stack.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EnvRow {
    /// The environment's name (its `tug:environment` tag).
    pub name: Option<String>,
    pub stack: String,
    /// The stack's status: CREATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, ...
    pub status: String,
}

/// A deployed workload's stack.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkloadRow {
    /// The workload's name (its `tug:workload` tag).
    pub name: Option<String>,
    pub environment: Option<String>,
    pub stack: String,
    pub status: String,
}

/// `tug app show --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AppShow {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub name: String,
    pub region: String,
    pub environments: Vec<EnvRow>,
    pub workloads: Vec<WorkloadRow>,
}

/// `tug env ls --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EnvList {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub environments: Vec<EnvRow>,
}

/// `tug env show --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EnvShow {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub name: String,
    pub region: String,
    pub stack: String,
    pub status: String,
    /// The stack's outputs (VpcId, ClusterName, PublicLoadBalancerDNSName, ...).
    pub outputs: BTreeMap<String, String>,
    pub workloads: Vec<EnvWorkload>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct EnvWorkload {
    pub name: Option<String>,
    pub status: String,
}

/// `tug svc ls --json` (`services`) and `tug job ls --json` (`jobs`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkloadList {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    /// With `svc ls`: every deployed workload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<WorkloadListRow>>,
    /// With `job ls`: the deployed Scheduled Jobs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jobs: Option<Vec<WorkloadListRow>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkloadListRow {
    pub name: String,
    pub environment: String,
    pub stack: String,
    pub status: String,
    /// The main container's image (`ContainerImage`), by digest when tug pushed it.
    pub image: Option<String>,
}

/// `tug svc show --json` / `tug job show --json`: where a workload is deployed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkloadShow {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub name: String,
    pub region: String,
    pub deployments: Vec<WorkloadDeployment>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkloadDeployment {
    pub environment: Option<String>,
    pub stack: String,
    pub status: String,
    /// Why the stack is in its status, when CloudFormation says.
    pub reason: Option<String>,
    pub image: Option<String>,
    pub outputs: BTreeMap<String, String>,
}

/// `tug svc status --json`: the stack, and the ECS service's state when it exists.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SvcStatus {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub environment: String,
    pub name: String,
    pub stack: StatusStack,
    /// The ECS service: deployments, tasks, target health, stopped tasks, alarms.
    #[serde(flatten)]
    pub service: Option<crate::aws::ecs::ServiceStatus>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct StatusStack {
    pub name: String,
    pub status: String,
    pub reason: Option<String>,
    pub image: Option<String>,
    /// The task count as the stack has it, and what `svc scale` set.
    pub count: crate::deploy::scale::Counts,
}

/// `tug task ls --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskGroups {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub groups: Vec<TaskGroup>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskGroup {
    pub name: String,
    pub stack: String,
    pub status: String,
    pub task_definition: Option<String>,
    pub log_group: Option<String>,
    pub image: Option<String>,
}

/// One line of `tug task run --json` (NDJSON): its stack's deploy events, the task's events
/// by `type`, and its log lines (docs/schemas/logs.json) with `--follow`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TaskRunLine {
    /// The task group's stack deploy, first (the lines of docs/schemas/events.json).
    Deploy(Event),
    Event(TaskEvent),
    Log(LogLine),
}

/// An event of `tug task run --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TaskEvent {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    #[serde(flatten)]
    pub body: TaskEventBody,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TaskEventBody {
    /// The tasks started.
    Started {
        group: String,
        /// `null` with `--default-vpc`.
        environment: Option<String>,
        /// Whether the tasks run in the Region's default VPC (`--default-vpc`).
        default_vpc: bool,
        cluster: String,
        /// Their ARNs.
        tasks: Vec<String>,
    },
    /// A task's status changed (with `--wait`).
    Task { task: String, status: String },
    /// Every task stopped (or `--timeout` passed).
    Result {
        ok: bool,
        /// The exit code tug exits with: the essential container's.
        exit_code: u8,
        timed_out: bool,
        problems: Vec<String>,
        tasks: Vec<crate::aws::ecs::RunTaskState>,
    },
}

impl TaskEvent {
    pub fn new(body: TaskEventBody) -> TaskEvent {
        TaskEvent {
            schema: SCHEMA_VERSION,
            body,
        }
    }
}

/// `tug svc rollback --list --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Revisions {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub environment: String,
    pub name: String,
    pub stack: String,
    /// The task definition family.
    pub family: String,
    /// The revision the service runs.
    pub current: i32,
    /// The newest first.
    pub revisions: Vec<crate::deploy::rollback::Revision>,
    /// How many older revisions are not listed.
    pub older: usize,
}

/// `tug svc rollback --json` (without `--list`): the last line after the events.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RollbackResult {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    /// Always `rollback`.
    #[serde(rename = "type")]
    pub kind: String,
    pub application: String,
    pub environment: String,
    pub name: String,
    /// The revision the service ran before.
    pub from: i32,
    /// The revision whose deploy was repeated.
    pub to: i32,
    /// The revision the service runs now.
    pub revision: Option<i32>,
    pub ok: bool,
    pub result: String,
}

/// `tug svc scale --json`: the last document, after the events.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ScaleResult {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub name: String,
    pub environment: String,
    /// The stack changed (false when it already ran that count).
    pub changed: bool,
    /// How the deploy ended; absent when nothing changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    pub count: crate::deploy::scale::Counts,
}

/// `tug svc exec --json`: printed when the session ends.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ExecResult {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub name: String,
    pub environment: String,
    pub task: String,
    pub container: String,
    pub command: String,
    pub session_id: Option<String>,
    /// The SSM target (`ecs:<cluster>_<task>_<runtime id>`).
    pub target: String,
    /// session-manager-plugin's exit code.
    pub plugin_exit_code: Option<i32>,
}

/// `tug job run --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JobRun {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    pub environment: String,
    pub name: String,
    pub run: JobExecution,
    /// With `--wait`/`--follow`: how the run ended, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// One run of a job's state machine.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JobExecution {
    pub name: String,
    pub arn: String,
    /// RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.
    pub status: String,
    /// RFC 3339.
    pub started: String,
    pub stopped: Option<String>,
    pub error: Option<String>,
    pub cause: Option<String>,
}

impl From<&crate::aws::states::Execution> for JobExecution {
    fn from(run: &crate::aws::states::Execution) -> Self {
        JobExecution {
            name: run.name.clone(),
            arn: run.arn.clone(),
            status: run.status.clone(),
            started: crate::aws::rfc3339(run.started),
            stopped: run.stopped.map(crate::aws::rfc3339),
            error: run.error.clone(),
            cause: run.cause.clone(),
        }
    }
}

/// `tug svc package --json` / `tug env package --json`: the files written.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Package {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub stack: String,
    pub template: std::path::PathBuf,
    pub parameters: std::path::PathBuf,
}

/// `tug init`, `tug app init`, `tug env init`, `tug svc init`, `tug job init`, `tug storage
/// init` with `--json`: the files written.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Written {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    pub application: String,
    /// The files written, relative to where tug ran.
    pub written: Vec<String>,
    /// A Copilot workspace used as it is (nothing written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace: Option<std::path::PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copilot: Option<bool>,
    /// `storage init`: the storage's name, type, the workload that gets it, its lifecycle
    /// and the variable the workload reads.
    #[serde(flatten)]
    pub storage: Option<StorageWritten>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct StorageWritten {
    /// The storage's name.
    #[serde(rename = "storage")]
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub workload: String,
    /// `workload` or `environment`.
    pub lifecycle: String,
    pub variable: String,
}

/// `tug sim fargate --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FargateCheck {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    /// The size is one Fargate runs.
    pub valid: bool,
    pub cpu: u32,
    pub memory: u32,
    pub platform: String,
    /// The nearest valid sizes, when it is not.
    pub suggestions: Vec<FargateSize>,
    /// USD per hour in us-east-1 with 20 GiB of ephemeral storage, when valid.
    pub price_per_hour: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FargateSize {
    pub cpu: u32,
    pub memory: u32,
}

/// `tug sim run --json` and `tug sim plan --json`: the simulator's report.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SimReport<'a> {
    /// The version of this document's shape: 1.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    #[serde(flatten)]
    pub report: &'a crate::sim::Report,
}

/// Every document's schema, by file name under `docs/schemas/`.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("validate.json", schema::<ValidateReport>()),
        ("events.json", schema::<Event>()),
        ("logs.json", schema::<LogLine>()),
        ("app-ls.json", schema::<AppList>()),
        ("app-show.json", schema::<AppShow>()),
        ("env-ls.json", schema::<EnvList>()),
        ("env-show.json", schema::<EnvShow>()),
        ("svc-ls.json", schema::<WorkloadList>()),
        ("svc-show.json", schema::<WorkloadShow>()),
        ("svc-status.json", schema::<SvcStatus>()),
        ("task-ls.json", schema::<TaskGroups>()),
        ("task-run.json", schema::<TaskRunLine>()),
        ("rollback-list.json", schema::<Revisions>()),
        ("rollback.json", schema::<RollbackResult>()),
        ("scale.json", schema::<ScaleResult>()),
        ("exec.json", schema::<ExecResult>()),
        ("job-run.json", schema::<JobRun>()),
        ("package.json", schema::<Package>()),
        ("init.json", schema::<Written>()),
        ("sim-fargate.json", schema::<FargateCheck>()),
        ("sim-report.json", schema::<SimReport<'static>>()),
    ]
}

fn schema<T: JsonSchema>() -> Schema {
    schemars::schema_for!(T)
}
