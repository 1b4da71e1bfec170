//! `${VAR}` interpolation in manifest values. `\${X}` keeps the text `${X}`.

use crate::yaml::{Node, Span, Value};

/// A variable a manifest uses that is not set.
#[derive(Debug, Clone, PartialEq)]
pub struct Unset {
    pub name: String,
    pub span: Span,
}

/// Replaces `${NAME}` in every string value of `node` using `lookup`; returns the names
/// that `lookup` did not know (left in place as written).
pub fn interpolate(node: &mut Node, lookup: &dyn Fn(&str) -> Option<String>) -> Vec<Unset> {
    let mut unset = Vec::new();
    walk(node, lookup, &mut unset);
    unset
}

fn walk(node: &mut Node, lookup: &dyn Fn(&str) -> Option<String>, unset: &mut Vec<Unset>) {
    let span = node.span;
    match &mut node.value {
        Value::Scalar(s) => {
            if s.text.contains("${") {
                let (text, missing) = substitute(&s.text, lookup);
                unset.extend(missing.into_iter().map(|name| Unset { name, span }));
                s.text = text;
            }
        }
        Value::Seq(items) => items.iter_mut().for_each(|n| walk(n, lookup, unset)),
        Value::Map(entries) => entries
            .iter_mut()
            .for_each(|e| walk(&mut e.value, lookup, unset)),
        Value::Null => {}
    }
}

/// Substitutes one string; returns the new text and the unknown names.
pub fn substitute(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut missing = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        let escaped = rest[..i].ends_with('\\');
        let Some(close) = rest[i..].find('}') else {
            break;
        };
        let name = &rest[i + 2..i + close];
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if escaped {
            out.push_str(&rest[..i - 1]);
            out.push_str(&rest[i..i + close + 1]);
        } else if !valid {
            out.push_str(&rest[..i + close + 1]);
        } else {
            out.push_str(&rest[..i]);
            match lookup(name) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push_str(&rest[i..i + close + 1]);
                    missing.push(name.to_string());
                }
            }
        }
        rest = &rest[i + close + 1..];
    }
    out.push_str(rest);
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TAG" => Some("v1".into()),
            "APP" => Some("shop".into()),
            _ => None,
        }
    }

    #[test]
    fn substitutes_and_reports_unknown_names() {
        let (out, missing) = substitute("repo/${APP}:${TAG}-${NOPE}", &env);
        assert_eq!(out, "repo/shop:v1-${NOPE}");
        assert_eq!(missing, vec!["NOPE".to_string()]);
    }

    #[test]
    fn escaped_references_stay_literal() {
        let (out, missing) = substitute(r"echo \${TAG} ${TAG}", &env);
        assert_eq!(out, "echo ${TAG} v1");
        assert!(missing.is_empty());
    }

    #[test]
    fn unterminated_reference_is_left_alone() {
        assert_eq!(substitute("a ${TAG", &env).0, "a ${TAG");
    }
}
