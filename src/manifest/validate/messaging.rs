//! The rules for `publish` and `subscribe`: topic names, FIFO settings, queue settings,
//! and topics published or subscribed to twice.

use std::collections::BTreeMap;

use crate::names::logical_id;

use super::*;

pub(super) fn messaging_rules(r: &mut Rules<'_>, w: &Workload) {
    let mut published: BTreeMap<String, usize> = BTreeMap::new();
    let topics = w.publish.as_ref().and_then(|p| p.topics.as_ref());
    for (i, t) in topics.into_iter().flatten().enumerate() {
        let at = format!("publish.topics[{i}]");
        topic_name_rule(r, &t.name, &format!("{at}.name"));
        let fifo = fifo_rules(r, t.fifo.as_ref(), &format!("{at}.fifo"));
        // The stack names each topic's resource after it: two may not share one.
        let logical = format!("{}{}", logical_id(&t.name), if fifo { "Fifo" } else { "" });
        if let Some(j) = published.insert(logical, i) {
            r.error(
                &format!("{at}.name"),
                "duplicate-topic",
                format!(
                    "topic `{}` is published twice (the first is `publish.topics[{j}]`)",
                    t.name
                ),
                "give each topic its own name, or remove this one",
            );
        }
    }
    if w.kind != WorkloadType::WorkerService {
        return;
    }
    let sub = w.subscribe.as_ref();
    if let Some(q) = sub.and_then(|s| s.queue.as_ref()) {
        queue_rules(r, q, "subscribe.queue");
    }
    let mut subscribed: BTreeMap<String, usize> = BTreeMap::new();
    let subscriptions = sub.and_then(|s| s.topics.as_ref());
    for (i, s) in subscriptions.into_iter().flatten().enumerate() {
        let at = format!("subscribe.topics[{i}]");
        topic_name_rule(r, &s.name, &format!("{at}.name"));
        let stem = format!("{}{}", logical_id(&s.service), logical_id(&s.name));
        if let Some(j) = subscribed.insert(stem, i) {
            r.error(
                &at,
                "duplicate-subscription",
                format!(
                    "topic `{}` of service `{}` is subscribed to twice (the first is `subscribe.topics[{j}]`)",
                    s.name, s.service
                ),
                "remove this subscription; one queue receives each message once",
            );
        }
        if let Some(QueueOrBool::Config(q)) = &s.queue {
            queue_rules(r, q, &format!("{at}.queue"));
        }
    }
}

fn topic_name_rule(r: &mut Rules<'_>, name: &str, at: &str) {
    if !is_topic_name(name) {
        r.error(
            at,
            "bad-topic-name",
            format!("`{name}` is not a topic name"),
            "use letters, digits, `-` and `_`",
        );
    }
}

/// Checks a `fifo:` setting; returns whether the topic or queue is FIFO.
fn fifo_rules(r: &mut Rules<'_>, fifo: Option<&BoolOrMap>, at: &str) -> bool {
    let map = match fifo {
        None | Some(BoolOrMap::Bool(false)) => return false,
        Some(BoolOrMap::Bool(true)) => return true,
        Some(BoolOrMap::Map(m)) => m,
    };
    for (key, value) in map {
        match fifo_setting(key, value) {
            Ok(()) => {}
            Err(FifoProblem::BadValue) => r.error(
                &format!("{at}.{key}"),
                "bad-value",
                format!("`{value}` is not a valid value for `{at}.{key}`"),
                match key.as_str() {
                    "deduplication_scope" => "use `messageGroup` or `queue`",
                    "throughput_limit" => "use `perMessageGroupId` or `perQueue`",
                    _ => "use `true` or `false`",
                },
            ),
            Err(FifoProblem::UnknownSetting) => r.error_at_key(
                &format!("{at}.{key}"),
                "unknown-key",
                format!("`{key}` is not a FIFO setting"),
                "use content_based_deduplication, high_throughput, deduplication_scope or throughput_limit",
            ),
        }
    }
    true
}

fn queue_rules(r: &mut Rules<'_>, q: &Queue, at: &str) {
    for (name, value, (min, max)) in q.durations() {
        let path = format!("{at}.{name}");
        let Some(secs) = r.duration(&path, value.map(String::as_str)) else {
            continue;
        };
        if !(min as f64..=max as f64).contains(&secs.round()) {
            r.error(
                &path,
                "bad-value",
                format!(
                    "`{path}` must be from {min}s to {max}s, not \"{}\"",
                    value.map_or("", |v| v.as_str())
                ),
                format!(
                    "SQS allows a {name} from {} to {}",
                    secs_text(min),
                    secs_text(max)
                ),
            );
        }
    }
    if let Some(t) = q.dead_letter.as_ref().and_then(|d| d.tries) {
        let (min, max) = Queue::TRIES;
        if !(min..=max).contains(&t) {
            r.error(
                &format!("{at}.dead_letter.tries"),
                "bad-value",
                format!("`{at}.dead_letter.tries` must be {min} to {max}, not {t}"),
                "the number of receives before a message goes to the dead-letter queue",
            );
        }
    }
    fifo_rules(r, q.fifo.as_ref(), &format!("{at}.fifo"));
}

/// Seconds in the largest whole unit: `60s` -> `1m`, `1209600s` -> `336h`.
fn secs_text(s: u64) -> String {
    match s {
        0 => "0s".into(),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}
