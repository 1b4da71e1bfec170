//! The semantic rules of specs/copilot-manifest.md, run on the typed manifest; each
//! problem points at the field in the file through the positioned tree.

mod containers;
mod deployment;
mod ec2;
mod environment;
mod files;
mod http;
mod in_environment;
mod messaging;
mod nlb;
mod scaling;
mod traffic;
mod unimplemented;
mod values;
mod volumes;
mod workload;

#[cfg(test)]
mod listener_rules_tests;
#[cfg(test)]
mod render_rules_tests;
#[cfg(test)]
mod volume_rules_tests;

use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::yaml::{Node, PathSeg, Span};

use super::types::*;

pub use environment::environment;
pub use files::workload_files;
pub use in_environment::workload_in_environment;
pub use traffic::{workload_traffic, ELB_SSL_POLICIES};
pub use unimplemented::{unimplemented_env_fields, unimplemented_fields};
pub use values::{
    check_name, check_schedule, is_cidr, name_help, parse_cidr, parse_duration, parse_range,
    suggest_name, NAME_RULE,
};
pub use workload::{apply_defaults, platform, workload};

/// Collects diagnostics for one manifest, locating each by its field path.
struct Rules<'a> {
    tree: &'a Node,
    src: &'a Arc<SourceFile>,
    out: Vec<Diagnostic>,
}

impl<'a> Rules<'a> {
    /// The span of the deepest node that exists along `path` (the key for a missing field).
    fn span(&self, path: &str) -> Span {
        let segs = to_path(path);
        let mut best = Span {
            len: 0,
            ..self.tree.span
        };
        for n in 1..=segs.len() {
            match self.tree.at_path(&segs[..n]) {
                Some(node) => best = node.span,
                None => break,
            }
        }
        best
    }

    fn key_span(&self, path: &str) -> Span {
        self.tree
            .key_span_at(&to_path(path))
            .unwrap_or_else(|| self.span(path))
    }

    fn present(&self, path: &str) -> bool {
        self.tree.at_path(&to_path(path)).is_some()
    }

    fn error(&mut self, path: &str, code: &'static str, message: String, help: impl Into<String>) {
        let span = self.span(path);
        self.out.push(
            Diagnostic::error(code, message)
                .at(self.src, span)
                .help(help.into()),
        );
    }

    fn warning(
        &mut self,
        path: &str,
        code: &'static str,
        message: String,
        help: impl Into<String>,
    ) {
        let span = self.span(path);
        self.out.push(
            Diagnostic::warning(code, message)
                .at(self.src, span)
                .help(help.into()),
        );
    }

    fn error_at_key(
        &mut self,
        path: &str,
        code: &'static str,
        message: String,
        help: impl Into<String>,
    ) {
        let span = self.key_span(path);
        self.out.push(
            Diagnostic::error(code, message)
                .at(self.src, span)
                .help(help.into()),
        );
    }

    fn duration(&mut self, path: &str, value: Option<&str>) -> Option<f64> {
        let text = value?;
        match parse_duration(text) {
            Some(d) => Some(d),
            None => {
                self.error(
                    path,
                    "bad-duration",
                    format!("`{path}` is not a duration: \"{text}\""),
                    "write a number with a unit, such as `30s`, `5m` or `1h30m`",
                );
                None
            }
        }
    }
}

/// Splits `a.b[0].c` into path segments.
pub fn to_path(path: &str) -> Vec<PathSeg> {
    let mut segs = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                segs.push(PathSeg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                if let Ok(n) = stripped[..end].parse() {
                    segs.push(PathSeg::Index(n));
                }
                rest = &stripped[end + 1..];
            }
        } else {
            segs.push(PathSeg::Key(rest.to_string()));
        }
    }
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            to_path("a.b[2].c"),
            vec![
                PathSeg::Key("a".into()),
                PathSeg::Key("b".into()),
                PathSeg::Index(2),
                PathSeg::Key("c".into())
            ]
        );
    }
}
