//! Output in a CI system's own language: GitHub Actions workflow commands (annotations on
//! the pull request's diff) and SARIF 2.1.0 (code-scanning uploads) for diagnostics.

use std::path::Path;

use serde_json::{json, Value};

use crate::diag::{Diagnostic, Severity};

/// The run is a GitHub Actions job (`GITHUB_ACTIONS=true`, which the runner sets).
pub fn github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// The folder file paths in annotations and SARIF are relative to: the checkout
/// (`GITHUB_WORKSPACE`, where GitHub resolves them) when set, else `cwd`.
pub fn source_root(cwd: &Path) -> std::path::PathBuf {
    std::env::var_os("GITHUB_WORKSPACE")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| cwd.to_path_buf())
}

/// The diagnostic's file, relative to `root` with `/` separators when it is inside it,
/// else as shown to the user.
pub fn relative_file(d: &Diagnostic, root: &Path) -> Option<String> {
    let source = d.source.as_deref()?;
    let rel = match source.path.strip_prefix(root) {
        Ok(rel) if source.path.is_absolute() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => source.name.replace('\\', "/"),
    };
    Some(rel)
}

/// Where the diagnostic's span ends: the line and the column just after its last
/// character (both 1-based).
fn span_end(d: &Diagnostic) -> Option<(usize, usize)> {
    let (source, span) = (d.source.as_deref()?, d.span?);
    let end = (span.offset + span.len.max(1)).min(source.text.len());
    let before = source.text.get(..end)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, column))
}

/// The message with its next action, for places that show one text.
fn full_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Escapes a workflow command's message (GitHub's `escapeData`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (GitHub's `escapeProperty`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The diagnostic as a GitHub Actions workflow command:
/// `::error file=F,line=L,col=C,endColumn=E,title=T::message`.
pub fn workflow_command(d: &Diagnostic, root: &Path) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(file) = relative_file(d, root) {
        props.push(format!("file={}", escape_property(&file)));
        if let Some(span) = d.span {
            props.push(format!("line={}", span.line));
            props.push(format!("col={}", span.column));
            // GitHub ignores a command whose column range spans lines.
            if let Some((end_line, end_column)) = span_end(d) {
                if end_line == span.line && end_column > span.column {
                    props.push(format!("endColumn={end_column}"));
                }
            }
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("tug {}", d.code))
    ));
    format!(
        "::{command} {}::{}",
        props.join(","),
        escape_data(&full_message(d))
    )
}

/// The URI of the published SARIF 2.1.0 schema, named in every log tug writes.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Percent-encodes what a relative URI reference cannot hold as it is.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The diagnostics as a SARIF 2.1.0 log of one run of tug: a rule per code, a result per
/// diagnostic, located relative to the source root (`%SRCROOT%`).
pub fn sarif(diags: &[Diagnostic], root: &Path) -> Value {
    let mut codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            let first = diags.iter().find(|d| d.code == *code);
            let level = match first.map(|d| d.severity) {
                Some(Severity::Warning) => "warning",
                _ => "error",
            };
            json!({
                "id": code,
                "name": code,
                "shortDescription": {"text": first.map(|d| d.message.as_str()).unwrap_or(code)},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or_default(),
                "level": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": {"text": full_message(d)},
            });
            if let Some(file) = relative_file(d, root) {
                let mut physical = json!({
                    "artifactLocation": {"uri": uri_path(&file), "uriBaseId": "%SRCROOT%"},
                });
                if let Some(span) = d.span {
                    let mut region = json!({"startLine": span.line, "startColumn": span.column});
                    if let Some((line, column)) = span_end(d) {
                        region["endLine"] = json!(line);
                        region["endColumn"] = json!(column);
                    }
                    physical["region"] = region;
                }
                result["locations"] = json!([{"physicalLocation": physical}]);
            }
            result
        })
        .collect();
    let root_uri = format!(
        "file://{}/",
        uri_path(&root.to_string_lossy().replace('\\', "/")).trim_end_matches('/')
    );
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tug",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::yaml::Span;

    fn located() -> Diagnostic {
        let text = "name: web\ncpu: 1024\nmemory: 1024\n".to_string();
        let src = SourceFile::new(
            Path::new("/repo/tug/web/manifest.yml"),
            "tug/web/manifest.yml".into(),
            text,
        );
        Diagnostic::error("fargate-size", "cpu 1024 with memory 1024, is not: a size")
            .at(
                &src,
                Span {
                    offset: 28,
                    len: 4,
                    line: 3,
                    column: 9,
                },
            )
            .help("try `memory: 2048`\n100% sure")
    }

    #[test]
    fn workflow_commands_escape_and_locate() {
        let cmd = workflow_command(&located(), Path::new("/repo"));
        assert_eq!(
            cmd,
            "::error file=tug/web/manifest.yml,line=3,col=9,endColumn=13,title=tug fargate-size::\
             cpu 1024 with memory 1024, is not: a size%0Ahelp: try `memory: 2048`%0A100%25 sure"
        );
    }

    #[test]
    fn a_file_outside_the_root_keeps_its_shown_name() {
        let cmd = workflow_command(&located(), Path::new("/elsewhere"));
        assert!(cmd.contains("file=tug/web/manifest.yml,"), "{cmd}");
        let bare = Diagnostic::warning("x-code", "no file");
        assert_eq!(
            workflow_command(&bare, Path::new("/repo")),
            "::warning title=tug x-code::no file"
        );
    }

    #[test]
    fn sarif_regions_end_after_the_span() {
        let log = sarif(&[located()], Path::new("/repo"));
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 3);
        assert_eq!(region["startColumn"], 9);
        assert_eq!(region["endLine"], 3);
        assert_eq!(region["endColumn"], 13);
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][0]["id"],
            "fargate-size"
        );
    }
}
