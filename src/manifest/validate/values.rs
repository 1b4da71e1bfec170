//! The syntax of single values: names, durations, CIDR blocks, count ranges, schedules.

/// Parses a Go-style duration (`1h30m`, `45s`, `1.5m`, `300ms`) into seconds.
pub fn parse_duration(text: &str) -> Option<f64> {
    let t = text.trim();
    if t == "0" {
        return Some(0.0);
    }
    let mut total = 0.0;
    let mut rest = t;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let value: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "us" | "µs" => 0.000_001,
            "ns" => 0.000_000_001,
            _ => return None,
        };
        total += value * factor;
        rest = &rest[unit_end..];
    }
    Some(total)
}

/// Checks a name for an application, environment or workload; returns why it is invalid.
pub fn check_name(name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if !(2..=255).contains(&len) {
        return Err("it must be 2 to 255 characters long".into());
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("it must start with a lowercase letter".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "it may hold only lowercase letters, digits and `-`, not `{c}`"
        ));
    }
    if name.contains("--") {
        return Err("it must not contain `--`".into());
    }
    if name.ends_with('-') {
        return Err("it must not end with `-`".into());
    }
    Ok(())
}

/// The name rule, for help when no valid name can be suggested.
pub const NAME_RULE: &str = "a name is 2 to 255 characters: lowercase letters, digits and `-`, \
    starting with a letter, with no `--` and no trailing `-`";

/// A valid name close to `name` (lowercased, other characters turned into `-`), if there is one.
pub fn suggest_name(name: &str) -> Option<String> {
    let mut s: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-').to_string();
    (s != name && check_name(&s).is_ok()).then_some(s)
}

/// Help for an invalid name: a valid suggestion, or the rule itself.
pub fn name_help(name: &str) -> String {
    match suggest_name(name) {
        Some(s) => format!("try `name: {s}`"),
        None => NAME_RULE.to_string(),
    }
}

/// Parses `"1-10"` into (min, max).
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once('-')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// Checks a job schedule in any of the forms Copilot accepts.
pub fn check_schedule(s: &str) -> Result<(), String> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("@every ") {
        return match parse_duration(rest) {
            Some(d) if d >= 60.0 => Ok(()),
            Some(_) => Err("the shortest interval is 1m".into()),
            None => Err(format!("\"{rest}\" is not a duration")),
        };
    }
    if s.starts_with('@') {
        return match s {
            "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight"
            | "@hourly" => Ok(()),
            _ => Err("unknown shortcut; use @hourly, @daily, @weekly, @monthly or @yearly".into()),
        };
    }
    if let Some(inner) = s.strip_prefix("rate(").and_then(|r| r.strip_suffix(')')) {
        let mut parts = inner.split_whitespace();
        let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err("rate takes a number and a unit".into());
        };
        let n: u32 = n
            .parse()
            .map_err(|_| format!("\"{n}\" is not a whole number"))?;
        let unit_ok = match unit {
            "minute" | "hour" | "day" => n == 1,
            "minutes" | "hours" | "days" => n > 1,
            _ => return Err(format!("\"{unit}\" is not minutes, hours or days")),
        };
        if !unit_ok {
            return Err(
                "use the singular unit with 1 (`rate(1 hour)`), the plural otherwise".into(),
            );
        }
        return Ok(());
    }
    if let Some(inner) = s.strip_prefix("cron(").and_then(|r| r.strip_suffix(')')) {
        let fields = inner.split_whitespace().count();
        return if fields == 6 {
            Ok(())
        } else {
            Err(format!(
                "an AWS cron expression has 6 fields, this one has {fields}"
            ))
        };
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "a cron expression has 5 fields, this one has {}",
            fields.len()
        ));
    }
    let ok = fields.iter().all(|f| {
        f.chars()
            .all(|c| c.is_ascii_alphanumeric() || "*/,-?LW#".contains(c))
    });
    if ok {
        Ok(())
    } else {
        Err("cron fields hold digits, names and * / , -".into())
    }
}

/// Whether `text` is an IPv4 CIDR block.
pub fn is_cidr(text: &str) -> bool {
    parse_cidr(text).is_some()
}

/// Parses an IPv4 CIDR block into (network address, prefix length).
pub fn parse_cidr(text: &str) -> Option<(u32, u8)> {
    let (ip, len) = text.trim().split_once('/')?;
    let ip: std::net::Ipv4Addr = ip.parse().ok()?;
    let len: u8 = len.parse().ok()?;
    (len <= 32).then_some((u32::from(ip), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_duration("1h30m"), Some(5400.0));
        assert_eq!(parse_duration("2m30s"), Some(150.0));
        assert_eq!(parse_duration("250ms"), Some(0.25));
        assert_eq!(parse_duration("5"), None);
        assert_eq!(parse_duration("fast"), None);
    }

    #[test]
    fn names() {
        assert!(check_name("api").is_ok());
        assert!(check_name("a").is_err());
        assert!(check_name("Api").is_err());
        assert!(check_name("my--api").is_err());
        assert!(check_name("api-").is_err());
        assert!(check_name("1api").is_err());
        assert_eq!(suggest_name("gRPC").as_deref(), Some("grpc"));
        assert_eq!(suggest_name("My_App").as_deref(), Some("my-app"));
        assert_eq!(suggest_name("a"), None);
        assert_eq!(suggest_name("1api"), None);
        assert_eq!(name_help("a"), NAME_RULE);
    }

    #[test]
    fn schedules() {
        for ok in [
            "@daily",
            "@every 1h30m",
            "rate(5 minutes)",
            "rate(1 hour)",
            "cron(0 12 * * ? *)",
            "0 */2 * * *",
            "0 12 * * MON",
        ] {
            assert!(check_schedule(ok).is_ok(), "{ok}");
        }
        for bad in [
            "@sometimes",
            "rate(5 minute)",
            "cron(0 12 * *)",
            "every day",
        ] {
            assert!(check_schedule(bad).is_err(), "{bad}");
        }
    }
}
