//! checkov over rendered templates, through `scripts/checkov` (the pinned version;
//! `TUG_CHECKOV` names another binary of that version).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{missing, root};

/// One failed check: its id and the resource (`AWS::Type.LogicalId`), with the template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub check: String,
    pub resource: String,
    pub file: String,
}

/// The failed checks of `files`, in one checkov run (its start-up takes seconds). A checkov
/// that cannot be installed follows [`super::missing`].
pub fn scan(files: &[PathBuf]) -> Option<Vec<Finding>> {
    let script = root().join("scripts/checkov");
    let out = Command::new(&script)
        .args(files.iter().map(|p| p.as_path()).collect::<Vec<&Path>>())
        .output()
        .expect("running scripts/checkov");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        return missing(
            &format!("checkov is not available (scripts/checkov says: {stderr})"),
            "scripts/test installs checkov 3.3.30 into .tug-test/checkov",
        );
    }
    assert!(out.status.success(), "checkov failed:\n{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("checkov's report is not JSON ({e}):\n{stderr}"));
    let reports = match report {
        serde_json::Value::Array(all) => all,
        one => vec![one],
    };
    let mut found = Vec::new();
    for r in &reports {
        let summary = &r["summary"];
        assert_eq!(summary["parsing_errors"], 0, "checkov could not parse: {r}");
        assert!(
            summary["resource_count"].as_u64() > Some(0),
            "checkov read no resource: {summary}"
        );
        for f in r["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            found.push(Finding {
                check: f["check_id"].as_str().unwrap_or_default().to_string(),
                resource: f["resource"].as_str().unwrap_or_default().to_string(),
                file: f["file_path"].as_str().unwrap_or_default().to_string(),
            });
        }
    }
    Some(found)
}
