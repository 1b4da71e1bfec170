//! Go-style durations as Copilot manifests write them (`30s`, `1m30s`, `1h`, `500ms`).

/// Parses a Go duration (`300ms`, `1.5h`, `2m30s`; units ns, us, µs, ms, s, m, h) into
/// seconds. A bare number is taken as seconds. `None` when the text is not a duration.
pub fn parse_seconds(text: &str) -> Option<f64> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<f64>() {
        return (n >= 0.0 && n.is_finite()).then_some(n);
    }
    if s == "0" {
        return Some(0.0);
    }
    let mut rest = s;
    let mut total = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let value: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * factor;
    }
    Some(total)
}

/// Like [`parse_seconds`], rounded to whole seconds (half up).
pub fn parse_whole_seconds(text: &str) -> Option<u64> {
    parse_seconds(text).map(|s| s.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_seconds("30s"), Some(30.0));
        assert_eq!(parse_seconds("1m30s"), Some(90.0));
        assert_eq!(parse_seconds("2m30s"), Some(150.0));
        assert_eq!(parse_seconds("1h"), Some(3600.0));
        assert_eq!(parse_seconds("1.5h"), Some(5400.0));
        assert_eq!(parse_seconds("500ms"), Some(0.5));
        assert_eq!(parse_seconds("0"), Some(0.0));
        assert_eq!(parse_seconds("45"), Some(45.0));
        assert_eq!(parse_whole_seconds("2s"), Some(2));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(parse_seconds(""), None);
        assert_eq!(parse_seconds("s"), None);
        assert_eq!(parse_seconds("10 parsecs"), None);
        assert_eq!(parse_seconds("1d"), None);
        assert_eq!(parse_seconds("-5s"), None);
    }
}
