//! CloudFormation stacks: describe and list tug's stacks, deploy through change sets,
//! recover stacks left in dead-end states, and watch a stack until it settles.
//!
//! Watching follows connec/cloudformatious: note the time before ExecuteChangeSet, poll
//! DescribeStackEvents, keep the events newer than that and not seen before, reverse them
//! into chronological order; the stack's own status (DescribeStacks) says when it is done.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_sdk_cloudformation::types::{
    Capability, ChangeSetStatus, ChangeSetType, ExecutionStatus, Parameter, Tag,
};

use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};

use super::status::StackStatus;
use super::{Aws, AwsError, AwsResult};
use crate::names::TAG_APPLICATION;

/// A stack as `ls`/`show` and the deployer need it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StackInfo {
    pub name: String,
    pub id: String,
    pub status: StackStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub outputs: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
    pub parameters: BTreeMap<String, String>,
    /// Seconds since the epoch of the last update (or creation).
    pub updated: Option<i64>,
}

impl StackInfo {
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.get(key).map(String::as_str)
    }
}

fn info(s: &aws_sdk_cloudformation::types::Stack) -> StackInfo {
    StackInfo {
        name: s.stack_name().unwrap_or_default().to_string(),
        id: s.stack_id().unwrap_or_default().to_string(),
        status: StackStatus::parse(s.stack_status().map_or("", |x| x.as_str())),
        reason: s.stack_status_reason().map(str::to_string),
        outputs: s
            .outputs()
            .iter()
            .filter_map(|o| Some((o.output_key()?.to_string(), o.output_value()?.to_string())))
            .collect(),
        tags: s
            .tags()
            .iter()
            .filter_map(|t| Some((t.key()?.to_string(), t.value()?.to_string())))
            .collect(),
        parameters: s
            .parameters()
            .iter()
            .filter_map(|p| {
                Some((
                    p.parameter_key()?.to_string(),
                    p.parameter_value().unwrap_or_default().to_string(),
                ))
            })
            .collect(),
        updated: s
            .last_updated_time()
            .or(s.creation_time())
            .map(|t| t.secs()),
    }
}

fn not_found(e: &AwsError) -> bool {
    e.is("ValidationError") && e.message.contains("does not exist")
}

/// The stack named (or with the id) `name`, or `None` when it does not exist.
pub async fn describe(aws: &Aws, name: &str) -> AwsResult<Option<StackInfo>> {
    describe_once(aws, name, None).await.map_err(|f| f.error)
}

/// A call that failed, and whether trying again later may succeed (see
/// [`super::is_transient`]).
struct Failed {
    error: AwsError,
    transient: bool,
}

impl Failed {
    fn from_sdk<E, R>(what: &str, err: aws_sdk_cloudformation::error::SdkError<E, R>) -> Failed
    where
        E: aws_sdk_cloudformation::error::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        Failed {
            transient: super::is_transient(&err),
            error: AwsError::from_sdk(what, err),
        }
    }
}

/// The stack `name`, once; `tell` hears of throttling (see [`patiently`]).
async fn describe_once(
    aws: &Aws,
    name: &str,
    tell: Option<&dyn Sink>,
) -> Result<Option<StackInfo>, Failed> {
    let call = aws.cfn.describe_stacks().stack_name(name);
    let what = format!("describing stack {name}");
    match patiently(&what, tell, || call.clone().send()).await {
        Ok(out) => Ok(out.stacks().first().map(info)),
        Err(f) => {
            if not_found(&f.error) {
                Ok(None)
            } else {
                Err(f)
            }
        }
    }
}

/// The `tug:*` tags of a list of tags, sorted.
fn owner_tags<'a>(tags: impl Iterator<Item = (&'a String, &'a String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = tags
        .filter(|(k, _)| k.starts_with("tug:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.sort();
    out
}

fn show_tags(tags: &[(String, String)]) -> String {
    if tags.is_empty() {
        return "no tug:* tags".to_string();
    }
    tags.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses to change stack `s` unless its `tug:*` tags are exactly those of `owner` (the
/// application, environment and workload, or task group, tug is changing it for): a stack
/// of the same name made by something else, by another application or for another
/// workload is never updated or deleted.
pub fn check_owner<'a>(
    s: &StackInfo,
    owner: impl Iterator<Item = (&'a String, &'a String)>,
) -> AwsResult<()> {
    let found = owner_tags(s.tags.iter());
    let want = owner_tags(owner);
    if found == want {
        return Ok(());
    }
    Err(AwsError {
        code: None,
        message: format!(
            "stack {} is not this one to change: its tags say {} (this is {})",
            s.name,
            show_tags(&found),
            show_tags(&want)
        ),
        help: Some(
            "tug changes only the stacks it made for the same application, environment and workload; rename the workload or environment so their stack names differ, or remove that stack yourself if nothing uses it".into(),
        ),
    })
}

/// Every live stack tug made (it carries `tug:application`), optionally of one app.
pub async fn list(aws: &Aws, app: Option<&str>) -> AwsResult<Vec<StackInfo>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .cfn
            .describe_stacks()
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("listing stacks", e))?;
        for s in page.stacks() {
            // A nested stack (an addons stack) carries its parent's tags but is the
            // parent's to deploy and delete.
            if s.parent_id().is_some() {
                continue;
            }
            let i = info(s);
            if i.status == StackStatus::DeleteComplete {
                continue;
            }
            match i.tag(TAG_APPLICATION) {
                Some(a) if app.is_none_or(|want| want == a) => out.push(i),
                _ => {}
            }
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// What to deploy: a stack name, its template, parameters and tags.
#[derive(Debug, Clone)]
pub struct Request {
    pub stack: String,
    /// The template; empty for a change of parameters only, on the stack's current
    /// template (`UsePreviousTemplate`, as `tug svc scale` does).
    pub template: String,
    /// Where CloudFormation reads the template instead, when it is too large to send
    /// (an object of the artifacts bucket holding `template`).
    pub template_url: Option<String>,
    pub parameters: Vec<(String, String)>,
    pub tags: Vec<(String, String)>,
}

/// One change in a change set.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Change {
    /// Add, Modify, Remove (or Import, Dynamic).
    pub action: String,
    pub logical_id: String,
    pub resource_type: String,
    /// For Modify: True, False or Conditional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// A change set that is ready to execute.
#[derive(Debug, Clone)]
pub struct Plan {
    pub stack: String,
    pub change_set_id: String,
    pub creating: bool,
    pub changes: Vec<Change>,
}

/// What preparing a deploy found.
#[derive(Debug)]
pub enum Prepared {
    /// The stack already matches the template and parameters.
    NoChanges,
    Ready(Plan),
}

/// Creates a change set for `req` and waits until it is ready, recovering a stack left in
/// ROLLBACK_COMPLETE (deleted and created again) or UPDATE_ROLLBACK_FAILED (rollback
/// continued). A stack another deployment is changing is waited for unless `no_wait`
/// (then it is an error). A stack whose `tug:*` tags are not those of `req` is never
/// touched. `sink` is told about each recovery step and wait, and about throttling.
pub async fn prepare(
    aws: &Aws,
    req: &Request,
    timeout: Duration,
    no_wait: bool,
    sink: &dyn Sink,
) -> AwsResult<Prepared> {
    let creating = recover(aws, req, timeout, no_wait, sink).await?;
    let Some(id) = create_change_set(aws, req, creating, sink).await? else {
        return Ok(Prepared::NoChanges);
    };
    wait_change_set(aws, req, id, creating, timeout, sink).await
}

/// Whether `e` says another deployment changed the stack between this one's change set and
/// its execution (AWS deletes the other change sets of a stack once one executes, and
/// refuses to execute on a stack that is busy): the deploy is to be planned again.
pub fn conflict(e: &AwsError) -> bool {
    let code = e.code.as_deref().unwrap_or_default();
    code.starts_with("ChangeSetNotFound")
        || code.starts_with("InvalidChangeSetStatus")
        || code == "OperationInProgressException"
        || code == "AlreadyExistsException"
        || (code == "ValidationError" && e.message.contains("IN_PROGRESS state"))
}

/// Makes the stack of `req` ready for a change set; true when it is to be created. A
/// stack busy with another operation (another deploy, or one a killed tug started) is
/// waited for first.
async fn recover(
    aws: &Aws,
    req: &Request,
    timeout: Duration,
    no_wait: bool,
    sink: &dyn Sink,
) -> AwsResult<bool> {
    let note = |text: String| sink.event(&Event::Note(text));
    let started = Instant::now();
    loop {
        let existing = describe_once(aws, &req.stack, Some(sink))
            .await
            .map_err(|f| f.error)?;
        if let Some(s) = &existing {
            check_owner(s, req.tags.iter().map(|(k, v)| (k, v)))?;
        }
        return Ok(match &existing {
            None => true,
            Some(s) => match &s.status {
                StackStatus::ReviewInProgress => true,
                StackStatus::RollbackComplete | StackStatus::RollbackFailed => {
                    note(format!(
                        "stack {} is {} (its creation failed and nothing runs); deleting it to create it again",
                        req.stack, s.status
                    ));
                    delete_and_wait(aws, &s.id, timeout, sink).await?;
                    true
                }
                StackStatus::UpdateRollbackFailed => {
                    note(format!(
                        "stack {} is UPDATE_ROLLBACK_FAILED; continuing the rollback first",
                        req.stack
                    ));
                    aws.cfn
                        .continue_update_rollback()
                        .stack_name(&s.id)
                        .send()
                        .await
                        .map_err(|e| {
                            let mut e = AwsError::from_sdk(
                                &format!("continuing the rollback of {}", req.stack),
                                e,
                            );
                            e.help = Some(stuck_in_rollback(&req.stack));
                            e
                        })?;
                    let status = wait_settled(aws, &s.id, timeout, sink).await?;
                    if status != StackStatus::UpdateRollbackComplete {
                        return Err(AwsError {
                            code: None,
                            message: format!(
                                "stack {} could not be rolled back: it is {status}",
                                req.stack
                            ),
                            help: Some(stuck_in_rollback(&req.stack)),
                        });
                    }
                    false
                }
                st if !st.is_settled() && no_wait => {
                    return Err(AwsError {
                        code: None,
                        message: format!(
                            "stack {} is busy ({st}): another operation is running",
                            req.stack
                        ),
                        help: Some(
                            "deploy again without --no-wait to wait for it, or once it is done"
                                .into(),
                        ),
                    });
                }
                st if !st.is_settled() => {
                    note(format!(
                        "stack {} is busy ({st}): another operation is running; waiting for it to finish",
                        req.stack
                    ));
                    let left = timeout.saturating_sub(started.elapsed());
                    wait_settled(aws, &s.id, left, sink).await?;
                    continue;
                }
                StackStatus::DeleteFailed => return Err(AwsError {
                    code: None,
                    message: format!("stack {} is DELETE_FAILED", req.stack),
                    help: Some(
                        "delete it again (`tug svc delete` or `tug env delete`) before deploying"
                            .into(),
                    ),
                }),
                _ => false,
            },
        });
    }
}

/// The way out of UPDATE_ROLLBACK_FAILED when CloudFormation cannot continue the rollback.
fn stuck_in_rollback(stack: &str) -> String {
    format!(
        "a resource of the stack could not be rolled back (its UPDATE_FAILED event in `aws cloudformation describe-stack-events --stack-name {stack}` names it and why); fix it in AWS and deploy again, or have CloudFormation skip it: `aws cloudformation continue-update-rollback --stack-name {stack} --resources-to-skip LOGICAL_ID`"
    )
}

/// Creates the change set of `req`; `None` when AWS says there is nothing to change.
async fn create_change_set(
    aws: &Aws,
    req: &Request,
    creating: bool,
    sink: &dyn Sink,
) -> AwsResult<Option<String>> {
    let name = unique_name();
    let call = aws
        .cfn
        .create_change_set()
        .stack_name(&req.stack)
        .change_set_name(&name)
        // A retry after a lost answer is the same request, not a second change set.
        .client_token(&name)
        .change_set_type(if creating {
            ChangeSetType::Create
        } else {
            ChangeSetType::Update
        })
        .set_template_body(
            (req.template_url.is_none() && !req.template.is_empty()).then(|| req.template.clone()),
        )
        .set_template_url(req.template_url.clone())
        .set_use_previous_template(
            (req.template_url.is_none() && req.template.is_empty()).then_some(true),
        )
        .set_parameters(Some(
            req.parameters
                .iter()
                .map(|(k, v)| {
                    Parameter::builder()
                        .parameter_key(k)
                        .parameter_value(v)
                        .build()
                })
                .collect(),
        ))
        .set_tags(Some(
            req.tags
                .iter()
                .map(|(k, v)| Tag::builder().key(k).value(v).build())
                .collect(),
        ))
        .capabilities(Capability::CapabilityIam)
        .capabilities(Capability::CapabilityNamedIam)
        .description("tug deploy");
    let what = format!("creating a change set for {}", req.stack);
    let created = patiently(&what, Some(sink), || call.clone().send()).await;
    let created = match created {
        Ok(c) => c,
        Err(Failed { error: e, .. }) => {
            if e.is("ValidationError") && e.message.contains("No updates are to be performed") {
                return Ok(None);
            }
            return Err(e);
        }
    };
    Ok(Some(created.id().unwrap_or(&name).to_string()))
}

/// `tug-<milliseconds>`: a change set's name, and the token that makes a retried call
/// the same request to CloudFormation.
fn unique_name() -> String {
    format!(
        "tug-{}",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default()
    )
}

/// How long a deploy's CloudFormation call is sent again while AWS throttles it, once
/// the SDK's own retries have given up (AWS's advice for "Rate exceeded" is to back off
/// for about a minute).
const THROTTLED_PATIENCE: Duration = Duration::from_secs(120);

/// Whether the throttling going on has been told. Throttling is the account's, not one
/// call's: one line per episode, however many calls (or concurrent deploys) it holds up;
/// the next answer that is not throttled ends the episode.
static THROTTLING_TOLD: AtomicBool = AtomicBool::new(false);

/// Sends `call` (which is `what`, for an error) again, every few seconds, while
/// CloudFormation answers that the account's request rate is exceeded, for up to
/// [`THROTTLED_PATIENCE`]. The first throttled answer of an episode is told to `tell`
/// (a person watching the deploy); giving up says for how long it was throttled.
async fn patiently<T, E, R, F>(
    what: &str,
    tell: Option<&dyn Sink>,
    call: impl Fn() -> F,
) -> Result<T, Failed>
where
    F: std::future::Future<Output = Result<T, SdkError<E, R>>>,
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let started = Instant::now();
    let mut delay = Poll::new();
    loop {
        let e = match call().await {
            Err(e) if throttled(&e) => e,
            answer => {
                THROTTLING_TOLD.store(false, Ordering::Relaxed);
                return answer.map_err(|e| Failed::from_sdk(what, e));
            }
        };
        let why = e
            .as_service_error()
            .and_then(|s| s.message())
            .unwrap_or("Rate exceeded")
            .to_string();
        if let Some(tell) = tell {
            if !THROTTLING_TOLD.swap(true, Ordering::Relaxed) {
                tell.event(&Event::Warning(throttling_note(&why)));
            }
        }
        if started.elapsed() >= THROTTLED_PATIENCE {
            THROTTLING_TOLD.store(false, Ordering::Relaxed);
            let mut failed = Failed::from_sdk(what, e);
            throttled_too_long(&mut failed.error, what, &why, started.elapsed());
            return Err(failed);
        }
        delay.sleep().await;
    }
}

/// What a person watching a deploy reads when CloudFormation starts throttling it.
fn throttling_note(why: &str) -> String {
    format!(
        "CloudFormation is throttling requests ({why}); retrying for up to {}",
        minutes(THROTTLED_PATIENCE)
    )
}

/// Rewrites the error of a call throttled for `lasted` (longer than [`THROTTLED_PATIENCE`]).
fn throttled_too_long(error: &mut AwsError, what: &str, why: &str, lasted: Duration) {
    error.message = format!(
        "{what}: CloudFormation throttled the requests for {} s ({why}) and tug stopped retrying",
        lasted.as_secs()
    );
    error.help = Some(
        "the account's CloudFormation request rate is exceeded (other deploys, CI jobs or tools calling CloudFormation in this Region at the same time); run tug again in a few minutes, or deploy fewer stacks at once".into(),
    );
}

/// `2 min`, or `90 s` when not whole minutes.
fn minutes(d: Duration) -> String {
    let secs = d.as_secs();
    if secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}

fn throttled<E: ProvideErrorMetadata, R>(e: &SdkError<E, R>) -> bool {
    matches!(
        e.as_service_error().and_then(|e| e.code()),
        Some("Throttling" | "ThrottlingException" | "RequestLimitExceeded")
    )
}

/// Waits until change set `id` is ready: its changes, or no changes.
async fn wait_change_set(
    aws: &Aws,
    req: &Request,
    id: String,
    creating: bool,
    timeout: Duration,
    sink: &dyn Sink,
) -> AwsResult<Prepared> {
    let started = Instant::now();
    let mut delay = Poll::new();
    loop {
        let call = aws
            .cfn
            .describe_change_set()
            .change_set_name(&id)
            .stack_name(&req.stack);
        let what = format!("describing the change set of {}", req.stack);
        let cs = patiently(&what, Some(sink), || call.clone().send())
            .await
            .map_err(|f| f.error)?;
        match cs.status() {
            Some(ChangeSetStatus::CreateComplete) => {
                let changes = cs
                    .changes()
                    .iter()
                    .filter_map(|c| c.resource_change())
                    .map(|rc| Change {
                        action: rc
                            .action()
                            .map(|a| a.as_str().to_string())
                            .unwrap_or_default(),
                        logical_id: rc.logical_resource_id().unwrap_or_default().to_string(),
                        resource_type: rc.resource_type().unwrap_or_default().to_string(),
                        replacement: rc.replacement().map(|r| r.as_str().to_string()),
                    })
                    .collect();
                return Ok(Prepared::Ready(Plan {
                    stack: req.stack.clone(),
                    change_set_id: id,
                    creating,
                    changes,
                }));
            }
            Some(ChangeSetStatus::Failed) => {
                let reason = cs.status_reason().unwrap_or_default().to_string();
                let _ = aws
                    .cfn
                    .delete_change_set()
                    .change_set_name(&id)
                    .stack_name(&req.stack)
                    .send()
                    .await;
                if reason.contains("didn't contain changes")
                    || reason.contains("No updates are to be performed")
                {
                    return Ok(Prepared::NoChanges);
                }
                return Err(AwsError {
                    code: None,
                    message: format!("the change set for {} failed: {reason}", req.stack),
                    help: Some("fix the template problem named above and deploy again".into()),
                });
            }
            _ => {}
        }
        if started.elapsed() > timeout {
            return Err(timed_out(
                &req.stack,
                "the change set is still being created",
                timeout,
            ));
        }
        delay.sleep().await;
    }
}

/// Deletes a change set the user declined.
pub async fn discard(aws: &Aws, plan: &Plan) -> AwsResult<()> {
    aws.cfn
        .delete_change_set()
        .change_set_name(&plan.change_set_id)
        .stack_name(&plan.stack)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("deleting the change set", e))?;
    if plan.creating {
        // A declined first deploy leaves an empty REVIEW_IN_PROGRESS stack: remove it.
        let _ = aws.cfn.delete_stack().stack_name(&plan.stack).send().await;
    }
    Ok(())
}

/// Where watching starts: a time (whole seconds, as events may be stamped) and the ids
/// of the events that already existed then, so an event of the last deploy in the same
/// second is not shown again.
#[derive(Debug, Clone)]
pub struct Started {
    pub start: SystemTime,
    pub seen: HashSet<String>,
}

async fn started(aws: &Aws, stack: &str) -> Started {
    let start = floor_second(SystemTime::now());
    let mut seen = HashSet::new();
    if let Ok(page) = aws
        .cfn
        .describe_stack_events()
        .stack_name(stack)
        .send()
        .await
    {
        seen.extend(
            page.stack_events()
                .iter()
                .filter_map(|e| e.event_id().map(str::to_string)),
        );
    }
    Started { start, seen }
}

/// Executes a ready change set; returns where to watch from. `sink` hears of throttling.
pub async fn execute(
    aws: &Aws,
    plan: &Plan,
    no_rollback: bool,
    sink: &dyn Sink,
) -> AwsResult<Started> {
    let start = started(aws, &plan.stack).await;
    let call = aws
        .cfn
        .execute_change_set()
        .change_set_name(&plan.change_set_id)
        .stack_name(&plan.stack)
        .disable_rollback(no_rollback)
        .client_request_token(unique_name());
    let what = format!("executing the change set of {}", plan.stack);
    let executed = patiently(&what, Some(sink), || call.clone().send()).await;
    if let Err(Failed { error: e, .. }) = executed {
        // The answer to an attempt that went through was lost, and the retry finds the
        // change set executing: only this deploy knows it, so this deploy started it.
        if !(e.is("InvalidChangeSetStatus") && executing(aws, plan).await) {
            return Err(e);
        }
    }
    Ok(start)
}

/// Whether the change set of `plan` has been executed (or is executing).
async fn executing(aws: &Aws, plan: &Plan) -> bool {
    let described = aws
        .cfn
        .describe_change_set()
        .change_set_name(&plan.change_set_id)
        .stack_name(&plan.stack)
        .send()
        .await;
    described.is_ok_and(|cs| {
        matches!(
            cs.execution_status(),
            Some(
                ExecutionStatus::ExecuteInProgress
                    | ExecutionStatus::ExecuteComplete
                    | ExecutionStatus::ExecuteFailed
            )
        )
    })
}

/// Starts deleting a stack; returns where to watch from.
pub async fn delete(aws: &Aws, stack: &str) -> AwsResult<Started> {
    let start = started(aws, stack).await;
    aws.cfn
        .delete_stack()
        .stack_name(stack)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&format!("deleting stack {stack}"), e))?;
    Ok(start)
}

async fn delete_and_wait(aws: &Aws, id: &str, timeout: Duration, sink: &dyn Sink) -> AwsResult<()> {
    delete(aws, id).await?;
    let status = wait_settled(aws, id, timeout, sink).await?;
    if status != StackStatus::DeleteComplete {
        return Err(AwsError {
            code: None,
            message: format!("stack {id} could not be deleted: it is {status}"),
            help: Some(format!(
                "a resource of it could not be deleted (its DELETE_FAILED event in `aws cloudformation describe-stack-events --stack-name {id}` names it and why); remove what holds it and deploy again"
            )),
        });
    }
    Ok(())
}

/// Polls until the stack settles; a stack that is gone counts as DELETE_COMPLETE.
/// Transient failures to read it are retried until `timeout`.
async fn wait_settled(
    aws: &Aws,
    id: &str,
    timeout: Duration,
    sink: &dyn Sink,
) -> AwsResult<StackStatus> {
    let started = Instant::now();
    let mut delay = Poll::new();
    loop {
        let last = match describe_once(aws, id, Some(sink)).await {
            Ok(found) => {
                let status = found.map_or(StackStatus::DeleteComplete, |s| s.status);
                if status.is_settled() {
                    return Ok(status);
                }
                status.to_string()
            }
            Err(f) if f.transient => format!("not readable: {}", f.error),
            Err(f) => return Err(f.error),
        };
        if started.elapsed() > timeout {
            return Err(timed_out(id, &format!("it is still {last}"), timeout));
        }
        delay.sleep().await;
    }
}

fn timed_out(stack: &str, what: &str, timeout: Duration) -> AwsError {
    AwsError {
        code: None,
        message: format!(
            "stopped waiting for stack {stack} after {}s: {what}",
            timeout.as_secs()
        ),
        help: Some(
            "the operation goes on in AWS; follow it with `tug svc status` or `tug env show`, or wait longer with --timeout".into(),
        ),
    }
}

fn floor_second(t: SystemTime) -> SystemTime {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// One stack event.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResourceEvent {
    /// The event's id, unique among the stack's events.
    #[serde(skip)]
    pub id: String,
    pub stack: String,
    /// Seconds since the epoch, with milliseconds.
    pub time: f64,
    pub logical_id: String,
    pub resource_type: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl ResourceEvent {
    pub fn is_root(&self) -> bool {
        self.logical_id == self.stack && self.resource_type == "AWS::CloudFormation::Stack"
    }
    pub fn failed(&self) -> bool {
        self.status.ends_with("_FAILED")
    }
}

/// What a watcher reports.
#[derive(Debug, Clone)]
pub enum Event {
    Resource(ResourceEvent),
    Rollout(super::ecs::Rollout),
    /// Something a person watching should know (the stack cannot be read for now).
    Note(String),
    /// Something a person watching must not miss (AWS is throttling tug's calls): a line
    /// of its own, even above a live drawing.
    Warning(String),
}

/// Where watch events go (the ui draws them).
pub trait Sink: Send + Sync {
    fn event(&self, event: &Event);
}

/// How a watched operation ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: StackStatus,
    pub success: bool,
    /// The first resource that failed, with its reason.
    pub first_failure: Option<ResourceEvent>,
}

/// The ECS service to follow while a service stack deploys.
#[derive(Debug, Clone)]
pub struct Follow {
    pub cluster: String,
    /// The logical id of the service resource in the stack.
    pub logical_id: String,
}

/// After this many failed reads in a row, the watcher says it cannot read the stack.
const FAILURES_TOLD: u32 = 3;

/// Watches `stack` from `start` until it settles, sending every new event to `sink`.
/// A failure to read the stack that may pass (the network, throttling, a server error) does
/// not end the watch: CloudFormation carries on regardless, so it is tried again with
/// backoff, `sink` is told after [`FAILURES_TOLD`] failures in a row, and the watch gives up
/// only at `timeout`.
pub async fn watch(
    aws: &Aws,
    stack: &str,
    from: Started,
    follow: Option<&Follow>,
    sink: &dyn Sink,
    timeout: Duration,
) -> AwsResult<Outcome> {
    let started = Instant::now();
    let Started { start, mut seen } = from;
    let mut first_failure: Option<ResourceEvent> = None;
    let mut delay = Poll::new();
    let mut service_arn: Option<String> = None;
    let mut last_rollout: Option<super::ecs::Rollout> = None;
    let mut failures = 0u32;
    // The stack id keeps working after a delete, when the name no longer does.
    let id = match describe_once(aws, stack, Some(sink)).await {
        Ok(Some(s)) => s.id,
        _ => stack.to_string(),
    };
    loop {
        let read = async {
            let found = describe_once(aws, &id, Some(sink)).await?;
            let events = new_events(aws, stack, &id, start, &seen).await?;
            Ok::<_, Failed>((found, events))
        };
        let (found, events) = match read.await {
            Ok(r) => r,
            Err(f) if f.transient => {
                failures += 1;
                if failures == FAILURES_TOLD {
                    sink.event(&Event::Note(format!(
                        "cannot read stack {stack} ({failures} tries in a row: {}); CloudFormation carries on, trying again until --timeout ({}s)",
                        f.error,
                        timeout.as_secs()
                    )));
                }
                if started.elapsed() > timeout {
                    return Err(timed_out(
                        stack,
                        &format!("it could not be read ({})", f.error),
                        timeout,
                    ));
                }
                delay.sleep().await;
                continue;
            }
            Err(f) => return Err(f.error),
        };
        if failures >= FAILURES_TOLD {
            sink.event(&Event::Note(format!(
                "reading stack {stack} again after {failures} failed tries"
            )));
        }
        failures = 0;
        let status = found.map_or(StackStatus::DeleteComplete, |s| s.status);
        for e in events {
            seen.insert(e.id.clone());
            if e.failed() && first_failure.is_none() && !e.is_root() {
                first_failure = Some(e.clone());
            }
            sink.event(&Event::Resource(e));
        }
        if let Some(f) = follow {
            if service_arn.is_none() {
                service_arn = physical_id(aws, &id, &f.logical_id).await;
            }
            if let Some(arn) = &service_arn {
                if let Ok(Some(r)) = super::ecs::rollout(aws, &f.cluster, arn).await {
                    if last_rollout.as_ref() != Some(&r) {
                        sink.event(&Event::Rollout(r.clone()));
                        last_rollout = Some(r);
                    }
                }
            }
        }
        if status.is_settled() {
            let success = status.is_success();
            return Ok(Outcome {
                status,
                success,
                first_failure,
            });
        }
        if started.elapsed() > timeout {
            return Err(timed_out(stack, &format!("it is still {status}"), timeout));
        }
        delay.sleep().await;
    }
}

/// The physical id of resource `logical` of stack `stack_id`, when it has one.
pub async fn physical_id(aws: &Aws, stack_id: &str, logical: &str) -> Option<String> {
    let out = aws
        .cfn
        .describe_stack_resource()
        .stack_name(stack_id)
        .logical_resource_id(logical)
        .send()
        .await
        .ok()?;
    out.stack_resource_detail()?
        .physical_resource_id()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

async fn new_events(
    aws: &Aws,
    stack: &str,
    id: &str,
    start: SystemTime,
    seen: &HashSet<String>,
) -> Result<Vec<ResourceEvent>, Failed> {
    let start_secs = start
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default();
    let mut fresh = Vec::new();
    let mut token: Option<String> = None;
    'pages: for _ in 0..10 {
        let page = match aws
            .cfn
            .describe_stack_events()
            .stack_name(id)
            .set_next_token(token.clone())
            .send()
            .await
        {
            Ok(p) => p,
            Err(e) => {
                let f = Failed::from_sdk(&format!("reading the events of {stack}"), e);
                if not_found(&f.error) {
                    break;
                }
                return Err(f);
            }
        };
        for ev in page.stack_events() {
            let time = ev
                .timestamp()
                .map(|t| t.secs() as f64 + f64::from(t.subsec_nanos()) / 1e9)
                .unwrap_or_default();
            if time < start_secs {
                break 'pages;
            }
            let eid = ev.event_id().unwrap_or_default().to_string();
            if seen.contains(&eid) || fresh.iter().any(|f: &ResourceEvent| f.id == eid) {
                // Events come newest first: everything after a seen one was seen too.
                break 'pages;
            }
            fresh.push(ResourceEvent {
                id: eid,
                stack: stack.to_string(),
                time,
                logical_id: ev.logical_resource_id().unwrap_or_default().to_string(),
                resource_type: ev.resource_type().unwrap_or_default().to_string(),
                status: ev
                    .resource_status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                reason: ev
                    .resource_status_reason()
                    .filter(|r| !r.is_empty())
                    .map(str::to_string),
            });
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    fresh.reverse();
    Ok(fresh)
}

/// Poll delays: quick at first (a small change settles in seconds), then every 5 s.
pub(crate) struct Poll {
    next: Duration,
}

impl Poll {
    pub(crate) fn new() -> Poll {
        Poll {
            next: Duration::from_millis(250),
        }
    }
    pub(crate) async fn sleep(&mut self) {
        tokio::time::sleep(self.next).await;
        self.next = (self.next * 3 / 2).min(Duration::from_secs(5));
    }
}

/// The exports of the stack with id `stack_id` (name and value), from ListExports.
pub async fn exports_of(aws: &Aws, stack_id: &str) -> AwsResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .cfn
            .list_exports()
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk("listing exports", e))?;
        for e in page.exports() {
            if e.exporting_stack_id() == Some(stack_id) {
                out.push((
                    e.name().unwrap_or_default().to_string(),
                    e.value().unwrap_or_default().to_string(),
                ));
            }
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return Ok(out);
        }
    }
}

/// The stacks that import export `name` (ListImports). AWS answers a ValidationError
/// "... is not imported by any stack" for an export no stack imports, and "Export ... does
/// not exist" for one no stack declares: none.
pub async fn importers(aws: &Aws, name: &str) -> AwsResult<Vec<String>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = match aws
            .cfn
            .list_imports()
            .export_name(name)
            .set_next_token(token.clone())
            .send()
            .await
        {
            Ok(p) => p,
            Err(e) => {
                let e = AwsError::from_sdk(&format!("listing the imports of {name}"), e);
                if e.is("ValidationError")
                    && (e.message.contains("not imported") || e.message.contains("does not exist"))
                {
                    return Ok(out);
                }
                return Err(e);
            }
        };
        out.extend(page.imports().iter().cloned());
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_is_told_with_aws_reason_and_how_long_tug_retries() {
        assert_eq!(
            throttling_note("Rate exceeded"),
            "CloudFormation is throttling requests (Rate exceeded); retrying for up to 2 min"
        );
        assert_eq!(minutes(Duration::from_secs(90)), "90 s");
    }

    #[test]
    fn giving_up_on_throttling_says_for_how_long_and_what_to_do() {
        let mut error = AwsError {
            code: Some("Throttling".into()),
            message: "creating a change set for s: Throttling: Rate exceeded".into(),
            help: None,
        };
        throttled_too_long(
            &mut error,
            "creating a change set for s",
            "Rate exceeded",
            Duration::from_millis(121_400),
        );
        assert_eq!(
            error.message,
            "creating a change set for s: CloudFormation throttled the requests for 121 s (Rate exceeded) and tug stopped retrying"
        );
        assert!(error
            .help
            .unwrap()
            .contains("run tug again in a few minutes"));
        assert!(
            error.code.as_deref() == Some("Throttling"),
            "still transient"
        );
    }
}
