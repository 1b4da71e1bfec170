//! CloudWatch Logs: the events of a service's log streams, merged in time order.
//!
//! The awslogs driver names streams `<prefix>/<container>/<task-id>`; tug's prefix is the
//! workload's name, so a stream says which task and container wrote each line.

use super::{Aws, AwsError, AwsResult};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LogEvent {
    /// Milliseconds since the epoch.
    pub timestamp: i64,
    pub stream: String,
    pub task: String,
    pub container: String,
    pub message: String,
    #[serde(skip)]
    pub id: String,
}

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub group: String,
    /// Only these streams (at most 100), when set.
    pub streams: Option<Vec<String>>,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
}

/// `(task, container)` from a stream name `<prefix>/<container>/<task>`.
pub fn stream_parts(stream: &str) -> (String, String) {
    let parts: Vec<&str> = stream.split('/').collect();
    match parts.as_slice() {
        [_, container, task] => (task.to_string(), container.to_string()),
        _ => (stream.to_string(), String::new()),
    }
}

fn missing_group(e: &AwsError, group: &str) -> AwsError {
    if e.is("ResourceNotFoundException") {
        AwsError {
            code: e.code.clone(),
            message: format!("log group {group} does not exist"),
            help: Some(
                "has the service been deployed to this environment? `tug svc ls` lists what is"
                    .into(),
            ),
        }
    } else {
        e.clone()
    }
}

/// The streams in `group` whose names start with `prefix`.
pub async fn streams(aws: &Aws, group: &str, prefix: &str) -> AwsResult<Vec<String>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .logs
            .describe_log_streams()
            .log_group_name(group)
            .log_stream_name_prefix(prefix)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| {
                missing_group(
                    &AwsError::from_sdk(&format!("listing the streams of {group}"), e),
                    group,
                )
            })?;
        out.extend(
            page.log_streams()
                .iter()
                .filter_map(|s| s.log_stream_name().map(str::to_string)),
        );
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}

/// Every event the query matches, oldest first.
pub async fn fetch(aws: &Aws, q: &Query) -> AwsResult<Vec<LogEvent>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .logs
            .filter_log_events()
            .log_group_name(&q.group)
            .set_log_stream_names(q.streams.clone())
            .set_start_time(q.start_ms)
            .set_end_time(q.end_ms)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| {
                missing_group(
                    &AwsError::from_sdk(&format!("reading the logs in {}", q.group), e),
                    &q.group,
                )
            })?;
        for e in page.events() {
            let stream = e.log_stream_name().unwrap_or_default().to_string();
            let (task, container) = stream_parts(&stream);
            out.push(LogEvent {
                timestamp: e.timestamp().unwrap_or_default(),
                task,
                container,
                stream,
                message: e.message().unwrap_or_default().trim_end().to_string(),
                id: e.event_id().unwrap_or_default().to_string(),
            });
        }
        let next = page.next_token().map(str::to_string);
        if next.is_none() || next == token {
            break;
        }
        token = next;
    }
    // Merged across streams in time order; stable, so one stream's order is kept.
    out.sort_by_key(|e| e.timestamp);
    Ok(out)
}

/// Milliseconds since the epoch of an RFC 3339 time (`2026-01-02T15:04:05Z`,
/// `2026-01-02T15:04:05.250+01:00`).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let ms: String = frac[..digits]
            .chars()
            .chain("000".chars())
            .take(3)
            .collect();
        millis = ms.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let oh: i64 = rest[1..3].parse().ok()?;
            let om: i64 = rest[4..6].parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
    };
    // Days from civil (Howard Hinnant).
    let (yy, m) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + h * 3600 + mi * 60 + sec - offset) * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_and_times() {
        assert_eq!(
            stream_parts("web/web/0123abcd"),
            ("0123abcd".to_string(), "web".to_string())
        );
        assert_eq!(parse_rfc3339("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(
            parse_rfc3339("2026-01-02T00:00:00+01:00"),
            Some(1_767_308_400_000)
        );
        assert_eq!(
            parse_rfc3339("2026-01-02T00:00:00.25Z"),
            Some(1_767_312_000_250)
        );
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(parse_rfc3339("2026-13-02T00:00:00Z"), None);
    }
}
