//! The Markdown summary of a command's deploys, for a CI run's page: per stack its result,
//! what its change set changed, the images (by digest) it runs, the ECS rollout and the
//! time it took. Appended to `$GITHUB_STEP_SUMMARY` when GitHub Actions sets it, and to
//! `--summary FILE` anywhere (GitLab, Buildkite, a local file).

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::aws::ecs::Rollout;
use crate::aws::stack::Change;
use crate::error::{Error, Result};

/// What one stack's deploy (or delete) did, as the drawing saw it.
#[derive(Debug, Clone)]
pub struct StackRecord {
    pub stack: String,
    /// `environment test`, `service web in test`.
    pub title: String,
    pub started: Instant,
    /// `(ok, result line)` once it ended.
    pub result: Option<(bool, String, Duration)>,
    /// The change set's changes, when one was made.
    pub changes: Option<Vec<Change>>,
    /// `(container, image)`.
    pub images: Vec<(String, String)>,
    /// The last state of the ECS deployment.
    pub rollout: Option<Rollout>,
}

/// Every stack block of a command, shared by the blocks that draw them.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    stacks: Arc<Mutex<Vec<StackRecord>>>,
}

impl Recorder {
    /// Starts the record of a block; its index for [`Recorder::update`].
    pub fn start(&self, stack: &str, title: &str) -> usize {
        let mut stacks = self.stacks.lock().unwrap_or_else(|p| p.into_inner());
        stacks.push(StackRecord {
            stack: stack.to_string(),
            title: title.to_string(),
            started: Instant::now(),
            result: None,
            changes: None,
            images: Vec::new(),
            rollout: None,
        });
        stacks.len() - 1
    }

    pub fn update(&self, index: usize, f: impl FnOnce(&mut StackRecord)) {
        let mut stacks = self.stacks.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(record) = stacks.get_mut(index) {
            f(record);
        }
    }

    pub fn records(&self) -> Vec<StackRecord> {
        self.stacks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Where summaries go: `--summary FILE`, and `$GITHUB_STEP_SUMMARY` when it is set.
pub fn destinations(flag: Option<&Path>) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = flag.map(Path::to_path_buf).into_iter().collect();
    if let Some(step) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty()) {
        let step = std::path::PathBuf::from(step);
        if !out.contains(&step) {
            out.push(step);
        }
    }
    out
}

/// Appends `markdown` to `path` (a step summary gathers every command of the step),
/// creating it when missing.
pub fn append(path: &Path, markdown: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(format!("opening the summary file {}", path.display()), e))?;
    file.write_all(markdown.as_bytes())
        .map_err(|e| Error::io(format!("writing the summary file {}", path.display()), e))
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// `|` and line breaks would break a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

fn change_counts(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no resource changes".into();
    }
    let count = |action: &str| changes.iter().filter(|c| c.action == action).count();
    let replaced = changes
        .iter()
        .filter(|c| c.replacement.as_deref() == Some("True"))
        .count();
    let mut parts = Vec::new();
    for (action, word) in [
        ("Add", "added"),
        ("Modify", "modified"),
        ("Remove", "removed"),
    ] {
        let n = count(action);
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    let other = changes.len() - count("Add") - count("Modify") - count("Remove");
    if other > 0 {
        parts.push(format!("{other} other"));
    }
    if replaced > 0 {
        parts.push(format!("{replaced} replaced"));
    }
    parts.join(", ")
}

fn rollout_text(r: &Rollout) -> String {
    let mut text = format!(
        "{}: {}/{} running, {} pending, {} failed",
        r.service, r.running, r.desired, r.pending, r.failed
    );
    if let Some(state) = &r.rollout_state {
        text.push_str(&format!(", rollout {state}"));
    }
    if let Some(td) = &r.task_definition {
        text.push_str(&format!(", task definition `{td}`"));
    }
    text
}

/// The Markdown for `records` of command `command` (`tug svc deploy -n web -e test`), which
/// ran for `total`; `None` when it drew no stack.
pub fn markdown(command: &str, records: &[StackRecord], total: Duration) -> Option<String> {
    if records.is_empty() {
        return None;
    }
    let failed = records
        .iter()
        .filter(|r| !matches!(r.result, Some((true, _, _))))
        .count();
    let mark = if failed == 0 { "✅" } else { "❌" };
    let mut md = format!("### {mark} `{}`\n\n", cell(command));
    md.push_str("| stack | result | changes | duration |\n| --- | --- | --- | --- |\n");
    for r in records {
        let (result, duration) = match &r.result {
            Some((ok, text, took)) => (
                format!("{} {}", if *ok { "✅" } else { "❌" }, cell(text)),
                seconds(*took),
            ),
            None => (
                "⚠️ did not finish".to_string(),
                seconds(r.started.elapsed()),
            ),
        };
        let changes = match &r.changes {
            Some(c) => change_counts(c),
            None => "none".into(),
        };
        md.push_str(&format!(
            "| {} (`{}`) | {result} | {changes} | {duration} |\n",
            cell(&r.title),
            r.stack
        ));
    }
    for r in records {
        let detail = !r.images.is_empty()
            || r.rollout.is_some()
            || r.changes.as_ref().is_some_and(|c| !c.is_empty());
        if !detail {
            continue;
        }
        md.push_str(&format!("\n#### {} (`{}`)\n\n", cell(&r.title), r.stack));
        if !r.images.is_empty() {
            md.push_str("| container | image |\n| --- | --- |\n");
            for (container, image) in &r.images {
                md.push_str(&format!("| {} | `{}` |\n", cell(container), cell(image)));
            }
            md.push('\n');
        }
        if let Some(rollout) = &r.rollout {
            md.push_str(&format!("ECS service {}\n\n", rollout_text(rollout)));
        }
        if let Some(changes) = r.changes.as_ref().filter(|c| !c.is_empty()) {
            md.push_str("<details><summary>Changes</summary>\n\n");
            md.push_str("| action | resource | type | replacement |\n| --- | --- | --- | --- |\n");
            for c in changes {
                md.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    cell(&c.action),
                    cell(&c.logical_id),
                    cell(&c.resource_type),
                    cell(c.replacement.as_deref().unwrap_or(""))
                ));
            }
            md.push_str("\n</details>\n\n");
        }
    }
    md.push_str(&format!("\nTotal: {}\n\n", seconds(total)));
    Some(md)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_stack_marks_the_heading_and_counts_changes() {
        let rec = Recorder::default();
        let i = rec.start("tug-shop-test-web", "service web in test");
        rec.update(i, |r| {
            r.changes = Some(vec![
                Change {
                    action: "Add".into(),
                    logical_id: "Service".into(),
                    resource_type: "AWS::ECS::Service".into(),
                    replacement: None,
                },
                Change {
                    action: "Modify".into(),
                    logical_id: "TaskDefinition".into(),
                    resource_type: "AWS::ECS::TaskDefinition".into(),
                    replacement: Some("True".into()),
                },
            ]);
            r.images = vec![("main".into(), "r/web@sha256:abc".into())];
            r.result = Some((false, "failed: a | b".into(), Duration::from_secs(75)));
        });
        let md = markdown("tug svc deploy", &rec.records(), Duration::from_secs(80)).unwrap();
        assert!(md.starts_with("### ❌ `tug svc deploy`"), "{md}");
        assert!(
            md.contains("| service web in test (`tug-shop-test-web`) | ❌ failed: a \\| b | 1 added, 1 modified, 1 replaced | 1m 15s |"),
            "{md}"
        );
        assert!(md.contains("| main | `r/web@sha256:abc` |"), "{md}");
        assert!(md.contains("Total: 1m 20s"), "{md}");
        assert_eq!(markdown("tug validate", &[], Duration::ZERO), None);
    }
}
