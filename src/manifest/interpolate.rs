//! `${VAR}` interpolation in manifest values. `\${X}` keeps the text `${X}`.
//!
//! AWS credentials are never read: `${AWS_SECRET_ACCESS_KEY}` and the like would put a
//! secret into a template, its parameters and `svc show --manifest`.

use crate::yaml::{Node, Span, Value};

/// A variable a manifest uses that is not filled in: not set, or refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Unset {
    pub name: String,
    pub span: Span,
    /// The variable holds AWS credentials, which tug never reads into a manifest.
    pub credential: bool,
}

/// The variables that hold AWS credentials (the SDKs' and the CLI's names).
const CREDENTIAL_VARIABLES: [&str; 5] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
];

/// Whether `name` holds AWS credentials: one of [`CREDENTIAL_VARIABLES`] or a bearer
/// token (`AWS_BEARER_TOKEN_<SERVICE>`), whatever the case.
pub fn is_credential(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    CREDENTIAL_VARIABLES.contains(&upper.as_str()) || upper.starts_with("AWS_BEARER_TOKEN_")
}

/// Replaces `${NAME}` in every string value of `node` using `lookup`; returns the names
/// that `lookup` did not know and the credential variables (both left in place as written;
/// `lookup` is never asked for a credential).
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
                let guarded = |name: &str| (!is_credential(name)).then(|| lookup(name)).flatten();
                let (text, missing) = substitute(&s.text, &guarded);
                unset.extend(missing.into_iter().map(|name| Unset {
                    credential: is_credential(&name),
                    name,
                    span,
                }));
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
    fn credential_variables_are_never_read() {
        let set = |_: &str| Some("AKIA-secret-value".to_string());
        let mut node = crate::yaml::parse(
            "variables:\n  K: ${AWS_SECRET_ACCESS_KEY}\n  T: ${aws_session_token}\n  B: ${AWS_BEARER_TOKEN_BEDROCK}\n  R: ${AWS_REGION}\n",
        )
        .unwrap();
        let found = interpolate(&mut node, &set);
        let refused: Vec<&str> = found
            .iter()
            .filter(|u| u.credential)
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(
            refused,
            [
                "AWS_SECRET_ACCESS_KEY",
                "aws_session_token",
                "AWS_BEARER_TOKEN_BEDROCK"
            ]
        );
        assert_eq!(found.len(), 3, "AWS_REGION is filled in: {found:?}");
        let text = format!("{node:?}");
        assert_eq!(text.matches("AKIA-secret-value").count(), 1, "{text}");
    }

    #[test]
    fn unterminated_reference_is_left_alone() {
        assert_eq!(substitute("a ${TAG", &env).0, "a ${TAG");
    }
}
