//! check-jsonschema (PyPI, pinned; `TUG_CHECK_JSONSCHEMA` names another binary of that
//! version, else `.tug-test/venv/bin/check-jsonschema`, which `scripts/test` installs):
//! JSON and YAML documents against a schema file or one of the schemas it ships.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{missing, root};

/// The pinned version, as `scripts/test` installs it.
pub const VERSION: &str = "0.39.0";

fn binary() -> Option<PathBuf> {
    let path = std::env::var_os("TUG_CHECK_JSONSCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tug-test/venv/bin/check-jsonschema"));
    if path.is_file() {
        return Some(path);
    }
    missing(
        &format!(
            "check-jsonschema is not installed ({}; or set TUG_CHECK_JSONSCHEMA)",
            path.display()
        ),
        &format!("scripts/test installs check-jsonschema=={VERSION} into .tug-test/venv"),
    )
}

/// Checks `files` against the schema file `schema`; any error fails the test. `false`
/// when check-jsonschema is missing outside CI (the test is skipped).
pub fn check(schema: &Path, files: &[PathBuf]) -> bool {
    run(
        &["--schemafile".into(), schema.display().to_string()],
        files,
    )
}

/// [`check`] with ECMAScript regular expressions read without the unicode flag, as the
/// published SARIF 2.1.0 schema needs (its `language` pattern has a lone `]`).
pub fn check_nonunicode_regex(schema: &Path, files: &[PathBuf]) -> bool {
    run(
        &[
            "--regex-variant".into(),
            "nonunicode".into(),
            "--schemafile".into(),
            schema.display().to_string(),
        ],
        files,
    )
}

/// Checks `files` against a schema check-jsonschema ships (`vendor.github-workflows`),
/// offline.
pub fn check_builtin(name: &str, files: &[PathBuf]) -> bool {
    run(&["--builtin-schema".into(), name.to_string()], files)
}

fn run(schema: &[String], files: &[PathBuf]) -> bool {
    let Some(bin) = binary() else {
        return false;
    };
    let out = Command::new(&bin)
        .args(schema)
        .args(files)
        .output()
        .expect("running check-jsonschema");
    assert!(
        out.status.success(),
        "check-jsonschema {schema:?} failed on {files:?}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// Checks each of `docs` (one JSON document each, as tug printed it) against
/// `docs/schemas/<name>`.
pub fn check_docs(name: &str, docs: &[&str]) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let path = dir.path().join(format!("{i}.json"));
            std::fs::write(&path, doc).unwrap();
            path
        })
        .collect();
    check(&root().join("docs/schemas").join(name), &files)
}
