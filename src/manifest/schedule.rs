//! Job schedules (`on.schedule`) as EventBridge schedule expressions.
//!
//! - `@hourly`, `@daily`, `@weekly` -> `rate(1 hour)`, `rate(1 day)`, `rate(7 days)`;
//!   `@midnight` -> `cron(0 0 * * ? *)`; `@monthly`, `@yearly` / `@annually` ->
//!   `cron(0 0 1 * ? *)`, `cron(0 0 1 1 ? *)` (a rate has no unit of months).
//! - `@every 1h30m` -> the largest whole unit: `rate(90 minutes)`, `rate(5 hours)`,
//!   `rate(2 days)`; EventBridge counts whole minutes, so seconds are an error.
//! - `rate(...)` and `cron(...)` pass through as given.
//! - A Unix cron `m h dom mon dow` -> `cron(m h dom mon dow *)`: AWS wants `?` in one of
//!   day-of-month and day-of-week (the one that is `*`), numbers days of the week 1-7 from
//!   Sunday (Unix: 0-7, Sunday 0 or 7), and steps start from a value (`*/2` -> `0/2`).
//!
//! Validation reports why a schedule cannot be converted; render converts it.

use super::validate::parse_duration as parse_seconds;

/// The EventBridge `ScheduleExpression` for a manifest's `on.schedule`, or why there is none.
pub fn expression(schedule: &str) -> Result<String, String> {
    let s = schedule.trim();
    let bad = |why: String| why;
    if let Some(every) = s.strip_prefix("@every ") {
        let secs = parse_seconds(every)
            .filter(|v| v.fract() == 0.0)
            .map(|v| v as u64)
            .ok_or_else(|| bad(format!("`{every}` is not a duration like `1h30m`")))?;
        if secs == 0 || secs % 60 != 0 {
            return Err(bad(
                "EventBridge runs schedules in whole minutes; use a multiple of 1m".into(),
            ));
        }
        let minutes = secs / 60;
        let (n, unit) = if minutes % 1440 == 0 {
            (minutes / 1440, "day")
        } else if minutes % 60 == 0 {
            (minutes / 60, "hour")
        } else {
            (minutes, "minute")
        };
        let plural = if n == 1 { "" } else { "s" };
        return Ok(format!("rate({n} {unit}{plural})"));
    }
    let shortcut = match s {
        "@hourly" => Some("rate(1 hour)"),
        "@daily" => Some("rate(1 day)"),
        "@weekly" => Some("rate(7 days)"),
        "@midnight" => Some("cron(0 0 * * ? *)"),
        "@monthly" => Some("cron(0 0 1 * ? *)"),
        "@yearly" | "@annually" => Some("cron(0 0 1 1 ? *)"),
        _ => None,
    };
    if let Some(e) = shortcut {
        return Ok(e.to_string());
    }
    if s.starts_with('@') {
        return Err(bad(
            "unknown shortcut; use @hourly, @daily, @weekly, @monthly, @yearly or @every".into(),
        ));
    }
    if (s.starts_with("rate(") || s.starts_with("cron(")) && s.ends_with(')') {
        return Ok(s.to_string());
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    let [minute, hour, dom, month, dow] = fields[..] else {
        return Err(bad(format!(
            "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), this one has {}",
            fields.len()
        )));
    };
    let (dom, dow) = match (dom, dow) {
        (d, "*" | "?") => (d.to_string(), "?".to_string()),
        ("*" | "?", w) => ("?".to_string(), weekdays(w).map_err(bad)?),
        _ => return Err(bad(
            "AWS cannot run on both a day of the month and a day of the week; set one of them to *"
                .into(),
        )),
    };
    Ok(format!(
        "cron({} {} {} {} {} *)",
        step(minute, "0"),
        step(hour, "0"),
        step(&dom, "1"),
        step(month, "1"),
        dow
    ))
}

/// `*/n` -> `<first>/n`, the form AWS documents.
fn step(field: &str, first: &str) -> String {
    field
        .split(',')
        .map(|part| match part.strip_prefix("*/") {
            Some(n) => format!("{first}/{n}"),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A Unix day-of-week field in AWS numbering (1-7 from Sunday); names pass through.
fn weekdays(field: &str) -> Result<String, String> {
    let day = |d: &str| -> Result<String, String> {
        match d.parse::<u32>() {
            Ok(n @ 0..=7) => Ok((n % 7 + 1).to_string()),
            Ok(n) => Err(format!("{n} is not a day of the week (0-7)")),
            Err(_) => Ok(d.to_string()),
        }
    };
    let mut parts = Vec::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (part, None),
        };
        let mut out = match range.split_once('-') {
            Some((a, "7")) if step.is_none() && a.parse::<u32>().is_ok() => {
                // `5-7` ends on Sunday, which AWS numbers 1: Friday-Saturday plus Sunday.
                parts.push("1".to_string());
                format!("{}-7", day(a)?)
            }
            Some((a, b)) => format!("{}-{}", day(a)?, day(b)?),
            None if range == "*" => "1".to_string(),
            None => day(range)?,
        };
        match step {
            Some(s) => {
                out.push('/');
                out.push_str(s);
            }
            None if range == "*" => out = "*".into(),
            None => {}
        }
        parts.push(out);
    }
    Ok(parts.join(","))
}
