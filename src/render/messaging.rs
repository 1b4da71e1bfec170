//! Publish/subscribe between workloads: the SNS topics a workload publishes
//! (`publish.topics`, any type) and the SQS queues of a Worker Service (`subscribe`).
//!
//! Topics are found by their export, not by guessing ARNs: the stack of service `svc`
//! exports each topic's ARN as `tug-<app>-<env>-<svc>-<topic>Topic` (FIFO topics:
//! `tug-<app>-<env>-<svc>-<topic>FifoTopic`, so a standard and a FIFO topic may share a name),
//! see [`crate::names::topic_export_name`]. A subscription reads the FIFO export when the queue it
//! delivers into is FIFO (SNS delivers a FIFO topic to FIFO queues).
//!
//! Queues: every Worker Service has the queue `EventsQueue` (`subscribe.queue` sets it up);
//! a subscription with its own `queue` gets a queue of its own, `<Service><Topic>EventsQueue`,
//! as in Copilot. A queue with `dead_letter.tries` gets a dead-letter queue.
//!
//! Every container gets Copilot's variables, each also under a `TUG_` name:
//! `COPILOT_SNS_TOPIC_ARNS` (JSON, topic name -> ARN; a FIFO topic is keyed `<name>.fifo`,
//! as its SNS name ends), `COPILOT_QUEUE_URI` (the events queue's URL) and
//! `COPILOT_TOPIC_QUEUE_URIS` (JSON, for per-topic queues: Copilot's key
//! `<service><Topic>EventsQueue` -> the queue's URL, see [`topic_queue_key`]).

use serde::Serialize;

use super::task::lit;
use super::{parse_seconds, RenderError};
use crate::manifest::types::{
    fifo_setting, is_topic_name, Any, BoolOrMap, Queue, QueueOrBool, Workload, WorkloadType,
};
use crate::names::{logical_id, topic_export_name};

#[derive(Serialize, Default)]
pub(super) struct Messaging {
    topics: Vec<SnsTopic>,
    queues: Vec<SqsQueue>,
}

#[derive(Serialize)]
struct SnsTopic {
    logical: String,
    /// The key in `COPILOT_SNS_TOPIC_ARNS`: the manifest's name, `.fifo` added for a FIFO
    /// topic.
    key: String,
    /// The SNS topic name.
    topic_name: String,
    fifo: bool,
    content_based_deduplication: bool,
    export: String,
}

#[derive(Serialize)]
struct SqsQueue {
    logical: String,
    /// The key in `COPILOT_TOPIC_QUEUE_URIS` (a per-topic queue only).
    #[serde(skip)]
    uri_key: String,
    dead_letter_logical: String,
    policy_logical: String,
    fifo: Option<Fifo>,
    retention: Option<u64>,
    delay: Option<u64>,
    timeout: Option<u64>,
    max_receive_count: Option<u32>,
    subscriptions: Vec<SnsSubscription>,
}

#[derive(Serialize, Default)]
struct Fifo {
    content_based_deduplication: bool,
    deduplication_scope: Option<String>,
    throughput_limit: Option<String>,
}

#[derive(Serialize)]
struct SnsSubscription {
    logical: String,
    /// YAML fragment: `!ImportValue "..."`.
    topic_arn: String,
    filter_policy: Option<Any>,
}

impl Messaging {
    /// The logical ids of the SQS queues that deliver to the workload (its events queue
    /// first, then the per-topic ones); dead-letter queues are not among them.
    pub(super) fn queue_logicals(&self) -> Vec<&str> {
        self.queues.iter().map(|q| q.logical.as_str()).collect()
    }

    /// The variables of the main container that name the topics and queues.
    pub(super) fn environment(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |name: &str, value: String| {
            out.push((format!("TUG_{name}"), value.clone()));
            out.push((format!("COPILOT_{name}"), value));
        };
        if !self.topics.is_empty() {
            let arns: Vec<(&str, &str)> = self
                .topics
                .iter()
                .map(|t| (t.key.as_str(), t.logical.as_str()))
                .collect();
            add("SNS_TOPIC_ARNS", json_of_refs(&arns));
        }
        if let Some(events) = self.queues.iter().find(|q| q.logical == EVENTS_QUEUE) {
            add("QUEUE_URI", format!("!Ref {}", events.logical));
        }
        let per_topic: Vec<(&str, &str)> = self
            .queues
            .iter()
            .filter(|q| q.logical != EVENTS_QUEUE)
            .map(|q| (q.uri_key.as_str(), q.logical.as_str()))
            .collect();
        if !per_topic.is_empty() {
            add("TOPIC_QUEUE_URIS", json_of_refs(&per_topic));
        }
        out
    }
}

const EVENTS_QUEUE: &str = "EventsQueue";

/// Copilot's key for a per-topic queue in `COPILOT_TOPIC_QUEUE_URIS`: the service's name and
/// the topic's, each stripped of what is not an ASCII letter or digit, the topic's first
/// letter made upper case, then `EventsQueue` (`orders-api` + `new-order` ->
/// `ordersapiNeworderEventsQueue`). Code that reads the variable looks its queue up by it.
fn topic_queue_key(service: &str, topic: &str) -> String {
    let strip = |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).collect() };
    let topic = strip(topic);
    let mut chars = topic.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    format!("{}{title}EventsQueue", strip(service))
}

/// A JSON object `{key: <Ref logical>}` as a CloudFormation `!Join` (YAML fragment); the keys
/// are quoted literals, so no user text reaches `!Sub`.
fn json_of_refs(entries: &[(&str, &str)]) -> String {
    let mut items = Vec::new();
    let mut text = String::from("{");
    for (i, (key, logical)) in entries.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::Value::from(*key).to_string());
        text.push_str(":\"");
        items.push(lit(&text));
        items.push(format!("!Ref {logical}"));
        text = "\"".into();
    }
    text.push('}');
    items.push(lit(&text));
    format!("!Join [\"\", [{}]]", items.join(", "))
}

fn check_topic_name(name: &str, field: &str) -> Result<(), RenderError> {
    if is_topic_name(name) {
        Ok(())
    } else {
        Err(RenderError::unchecked(
            field,
            format!("`{name}` is not a topic name; use letters, digits, `-` and `_`"),
        ))
    }
}

fn fifo(f: Option<&BoolOrMap>, field: &str) -> Result<Option<Fifo>, RenderError> {
    let map = match f {
        None | Some(BoolOrMap::Bool(false)) => return Ok(None),
        Some(BoolOrMap::Bool(true)) => return Ok(Some(Fifo::default())),
        Some(BoolOrMap::Map(m)) => m,
    };
    let mut out = Fifo::default();
    for (key, value) in map {
        if let Err(problem) = fifo_setting(key, value) {
            return Err(RenderError::unchecked(
                format!("{field}.{key}"),
                format!("{problem:?}: `{value}`"),
            ));
        }
        match (key.as_str(), value) {
            ("content_based_deduplication", Any::Bool(b)) => out.content_based_deduplication = *b,
            ("high_throughput", Any::Bool(true)) => {
                out.deduplication_scope = Some("messageGroup".into());
                out.throughput_limit = Some("perMessageGroupId".into());
            }
            ("deduplication_scope" | "throughput_limit", Any::String(s)) => {
                let setting = if key == "deduplication_scope" {
                    &mut out.deduplication_scope
                } else {
                    &mut out.throughput_limit
                };
                *setting = Some(s.clone());
            }
            _ => {}
        }
    }
    Ok(Some(out))
}

/// A queue duration in whole seconds, within `min..=max`.
fn seconds(
    v: Option<&String>,
    field: &str,
    (min, max): (u64, u64),
) -> Result<Option<u64>, RenderError> {
    let Some(text) = v else { return Ok(None) };
    match parse_seconds(text).map(|s| s.round() as u64) {
        Some(s) if (min..=max).contains(&s) => Ok(Some(s)),
        _ => Err(RenderError::unchecked(
            field,
            format!("`{text}` must be a duration from {min}s to {max}s, like `30s` or `4m`"),
        )),
    }
}

fn queue(logical_prefix: &str, q: Option<&Queue>, field: &str) -> Result<SqsQueue, RenderError> {
    let default = Queue::default();
    let q = q.unwrap_or(&default);
    let tries = q.dead_letter.as_ref().and_then(|d| d.tries);
    if let Some(t) = tries {
        let (min, max) = Queue::TRIES;
        if !(min..=max).contains(&t) {
            return Err(RenderError::unchecked(
                format!("{field}.dead_letter.tries"),
                format!("{t} is out of range; SQS allows {min} to {max} receives"),
            ));
        }
    }
    Ok(SqsQueue {
        logical: format!("{logical_prefix}EventsQueue"),
        uri_key: String::new(),
        dead_letter_logical: format!("{logical_prefix}DeadLetterQueue"),
        policy_logical: format!("{logical_prefix}EventsQueuePolicy"),
        fifo: fifo(q.fifo.as_ref(), &format!("{field}.fifo"))?,
        retention: seconds(
            q.retention.as_ref(),
            &format!("{field}.retention"),
            Queue::RETENTION,
        )?,
        delay: seconds(q.delay.as_ref(), &format!("{field}.delay"), Queue::DELAY)?,
        timeout: seconds(
            q.timeout.as_ref(),
            &format!("{field}.timeout"),
            Queue::TIMEOUT,
        )?,
        max_receive_count: tries,
        subscriptions: Vec::new(),
    })
}

/// The topics and queues of workload `w`, whose stack is `family`.
pub(super) fn messaging(
    app: &str,
    env: &str,
    family: &str,
    w: &Workload,
) -> Result<Messaging, RenderError> {
    let mut out = Messaging::default();
    let topics = w.publish.as_ref().and_then(|p| p.topics.as_ref());
    for (i, t) in topics.into_iter().flatten().enumerate() {
        let field = format!("publish.topics[{i}]");
        check_topic_name(&t.name, &format!("{field}.name"))?;
        let f = fifo(t.fifo.as_ref(), &format!("{field}.fifo"))?;
        let is_fifo = f.is_some();
        let logical = format!(
            "{}{}Topic",
            logical_id(&t.name),
            if is_fifo { "Fifo" } else { "" }
        );
        if out.topics.iter().any(|o| o.logical == logical) {
            return Err(RenderError::unchecked(
                format!("{field}.name"),
                format!(
                    "topic `{}` is published twice; give each topic its own name",
                    t.name
                ),
            ));
        }
        out.topics.push(SnsTopic {
            logical,
            key: format!("{}{}", t.name, if is_fifo { ".fifo" } else { "" }),
            topic_name: format!("{family}-{}{}", t.name, if is_fifo { ".fifo" } else { "" }),
            fifo: is_fifo,
            content_based_deduplication: f.is_some_and(|f| f.content_based_deduplication),
            export: topic_export_name(app, env, &w.name, &t.name, is_fifo),
        });
    }

    if w.kind != WorkloadType::WorkerService {
        return Ok(out);
    }
    let sub = w.subscribe.as_ref();
    out.queues.push(queue(
        "",
        sub.and_then(|s| s.queue.as_ref()),
        "subscribe.queue",
    )?);
    for (i, s) in sub
        .and_then(|s| s.topics.as_ref())
        .into_iter()
        .flatten()
        .enumerate()
    {
        let field = format!("subscribe.topics[{i}]");
        check_topic_name(&s.name, &format!("{field}.name"))?;
        let stem = format!("{}{}", logical_id(&s.service), logical_id(&s.name));
        let logical = format!("{stem}Subscription");
        if out
            .queues
            .iter()
            .flat_map(|q| &q.subscriptions)
            .any(|o| o.logical == logical)
        {
            return Err(RenderError::unchecked(
                field,
                format!(
                    "topic `{}` of service `{}` is subscribed to twice",
                    s.name, s.service
                ),
            ));
        }
        let own = match &s.queue {
            None | Some(QueueOrBool::Enabled(false)) => None,
            Some(QueueOrBool::Enabled(true)) => {
                Some(queue(&stem, None, &format!("{field}.queue"))?)
            }
            Some(QueueOrBool::Config(q)) => Some(queue(&stem, Some(q), &format!("{field}.queue"))?),
        };
        let queue = match own {
            Some(mut q) => {
                q.uri_key = topic_queue_key(&s.service, &s.name);
                out.queues.push(q);
                out.queues.last_mut().expect("just pushed")
            }
            None => &mut out.queues[0],
        };
        queue.subscriptions.push(SnsSubscription {
            logical,
            topic_arn: super::task::import(&topic_export_name(
                app,
                env,
                &s.service,
                &s.name,
                queue.fifo.is_some(),
            )),
            filter_policy: s.filter_policy.clone(),
        });
    }
    Ok(out)
}
