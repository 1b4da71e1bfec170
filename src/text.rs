//! Text from outside (AWS answers, containers' log lines) made safe to cut and to print.

use std::borrow::Cow;
use std::fmt::Write;

/// The first `n` characters of `s` (all of it when shorter): a cut that never splits a
/// character, whatever AWS or a user sent.
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// `s` with every control character and every bidirectional override written out as an
/// escape (`\x1b`, `\u{202e}`), so what a container logged cannot move the cursor, recolour,
/// retitle or clear the reader's terminal, nor reorder what it shows. Tabs and line breaks
/// stay: they only lay text out.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_cut_between_characters() {
        assert_eq!(prefix("0123456789abcdef", 8), "01234567");
        assert_eq!(prefix("abc", 8), "abc");
        assert_eq!(prefix("tâché-éé-ü", 4), "tâch");
        assert_eq!(prefix("ééééééééé", 8), "éééééééé");
        assert_eq!(prefix("", 8), "");
    }

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(printable("plain\ttext"), Cow::Borrowed("plain\ttext"));
        assert_eq!(
            printable("\x1b]0;pwned\x07\x1b[2Jred\r\u{9b}31m\u{7f}"),
            "\\x1b]0;pwned\\x07\\x1b[2Jred\\x0d\\x9b31m\\x7f"
        );
        assert_eq!(printable("a\u{202e}cba"), "a\\u{202e}cba");
        assert_eq!(printable("two\nlines"), "two\nlines");
        assert_eq!(printable("ünïcödé ✓"), "ünïcödé ✓");
    }
}
