//! Go-style durations as Copilot manifests write them (`30s`, `1m30s`, `1h`, `500ms`);
//! the parser is the one validation uses, so what validates is what renders.

pub use crate::manifest::validate::parse_duration as parse_seconds;

/// Like [`parse_seconds`], rounded to whole seconds (half up).
pub fn parse_whole_seconds(text: &str) -> Option<u64> {
    parse_seconds(text).map(|s| s.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_seconds("1m30s"), Some(90.0));
        assert_eq!(parse_seconds("1.5h"), Some(5400.0));
        assert_eq!(parse_seconds("0"), Some(0.0));
        assert_eq!(parse_whole_seconds("2s"), Some(2));
        assert_eq!(parse_seconds("1d"), None);
        assert_eq!(parse_seconds("-5s"), None);
    }
}
