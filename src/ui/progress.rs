//! Drawing deploys: a live tree of resources on a terminal (indicatif), one timestamped
//! line per event otherwise (CI logs), one JSON object per event with `--json`. The three
//! are chosen once, in [`Printer::deploy_view`]; one event loop feeds whichever it is.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::Printer;
use crate::aws::ecs::Rollout;
use crate::aws::stack::{Change, Event, ResourceEvent, Sink};
use crate::deploy::{DeployEvent, Observer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Live,
    Lines,
    Json,
    Quiet,
}

/// The drawing of one or more deploys (one [`Block`] each).
pub struct DeployView {
    mode: Mode,
    multi: Option<MultiProgress>,
    color: bool,
}

impl Printer {
    /// Chooses how deploy progress is drawn: live on a terminal, lines otherwise, NDJSON
    /// with `--json`, nothing but results with `-q`.
    pub fn deploy_view(&self) -> DeployView {
        let mode = if self.json {
            Mode::Json
        } else if self.quiet {
            Mode::Quiet
        } else if self.terminal {
            Mode::Live
        } else {
            Mode::Lines
        };
        let multi = (mode == Mode::Live)
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(10)));
        DeployView {
            mode,
            multi,
            color: self.color,
        }
    }
}

pub use crate::aws::rfc3339 as timestamp;

fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default()
}

fn emit_json(value: serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{value}");
    let _ = out.flush();
}

impl DeployView {
    /// A progress block for one stack; `title` names it (`service web in test`).
    pub fn block(&self, stack: &str, title: &str) -> Block {
        let header = self.multi.as_ref().map(|m| {
            let bar = m.add(ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix:.bold} {wide_msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(title.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Block {
            mode: self.mode,
            multi: self.multi.clone(),
            header,
            stack: stack.to_string(),
            title: title.to_string(),
            color: self.color,
            rows: Mutex::new(HashMap::new()),
        }
    }

    /// Prints the result table after every block finished.
    pub fn line(&self, text: &str) {
        match self.mode {
            Mode::Json => {}
            _ => match &self.multi {
                Some(m) => {
                    let _ = m.println(text);
                }
                None => eprintln!("{text}"),
            },
        }
    }
}

/// One stack's progress.
pub struct Block {
    mode: Mode,
    multi: Option<MultiProgress>,
    header: Option<ProgressBar>,
    stack: String,
    title: String,
    color: bool,
    rows: Mutex<HashMap<String, (ProgressBar, Instant)>>,
}

impl Block {
    /// A step or a recovery ("creating a change set", "deleting the failed stack").
    pub fn note(&self, text: &str) {
        match self.mode {
            Mode::Live => {
                if let Some(h) = &self.header {
                    h.set_message(text.to_string());
                }
            }
            Mode::Lines => eprintln!("{} {}: {text}", timestamp(now_secs()), self.title),
            Mode::Json => emit_json(json!({"type": "note", "stack": self.stack, "message": text})),
            Mode::Quiet => {}
        }
    }

    /// Runs `f` (a question) with the live drawing paused, so the prompt stays readable.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.multi {
            Some(m) => m.suspend(f),
            None => f(),
        }
    }

    /// The changes of a change set (`--diff`).
    pub fn changes(&self, changes: &[Change]) {
        if self.mode == Mode::Json {
            emit_json(json!({"type": "changeset", "stack": self.stack, "changes": changes}));
            return;
        }
        let mut text = format!("Changes to {} ({}):\n", self.stack, self.title);
        if changes.is_empty() {
            text.push_str("  (no resource changes)\n");
        }
        for c in changes {
            let (sign, colour) = match c.action.as_str() {
                "Add" => ("+", "\x1b[32m"),
                "Remove" => ("-", "\x1b[31m"),
                _ => ("~", "\x1b[33m"),
            };
            let replace = match c.replacement.as_deref() {
                Some("True") => "  (replaced)",
                Some("Conditional") => "  (may be replaced)",
                _ => "",
            };
            let line = format!(
                "  {sign} {:<7} {:<32} {}{replace}",
                c.action, c.logical_id, c.resource_type
            );
            if self.color {
                text.push_str(&format!("{colour}{line}\x1b[0m\n"));
            } else {
                text.push_str(&line);
                text.push('\n');
            }
        }
        match &self.multi {
            Some(m) => {
                let _ = m.println(text.trim_end());
            }
            None => eprint!("{text}"),
        }
    }

    fn resource(&self, e: &ResourceEvent) {
        match self.mode {
            Mode::Json => emit_json(json!({
                "type": "resource",
                "time": timestamp(e.time),
                "stack": e.stack,
                "logical_id": e.logical_id,
                "resource_type": e.resource_type,
                "status": e.status,
                "reason": e.reason,
            })),
            Mode::Lines => {
                let reason = e
                    .reason
                    .as_deref()
                    .map(|r| format!("  {r}"))
                    .unwrap_or_default();
                eprintln!(
                    "{} {} {} {} {}{reason}",
                    timestamp(e.time),
                    e.stack,
                    e.logical_id,
                    e.resource_type,
                    e.status
                );
            }
            Mode::Live => {
                if e.is_root() {
                    if let Some(h) = &self.header {
                        h.set_message(e.status.clone());
                    }
                    return;
                }
                let (Some(multi), Some(header)) = (&self.multi, &self.header) else {
                    return;
                };
                let mut rows = self.rows.lock().unwrap_or_else(|p| p.into_inner());
                let (bar, since) = rows.entry(e.logical_id.clone()).or_insert_with(|| {
                    let bar = multi.insert_after(header, ProgressBar::new_spinner());
                    bar.set_style(
                        ProgressStyle::with_template("    {prefix:<32} {wide_msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    );
                    bar.set_prefix(e.logical_id.clone());
                    (bar, Instant::now())
                });
                let reason = e
                    .reason
                    .as_deref()
                    .filter(|_| e.failed())
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                bar.set_message(format!(
                    "{:<28} {:<24} {}s{reason}",
                    e.resource_type,
                    e.status,
                    since.elapsed().as_secs()
                ));
                if !e.status.ends_with("IN_PROGRESS") {
                    bar.finish();
                }
            }
            Mode::Quiet => {}
        }
    }

    fn rollout(&self, r: &Rollout) {
        let text = format!(
            "ECS service {}: {}/{} running, {} pending, {} failed{}{}",
            r.service,
            r.running,
            r.desired,
            r.pending,
            r.failed,
            r.rollout_state
                .as_deref()
                .map(|s| format!(", rollout {s}"))
                .unwrap_or_default(),
            r.task_definition
                .as_deref()
                .map(|t| format!(", task definition {t}"))
                .unwrap_or_default()
        );
        match self.mode {
            Mode::Json => emit_json(json!({
                "type": "rollout",
                "time": timestamp(now_secs()),
                "stack": self.stack,
                "rollout": r,
            })),
            Mode::Lines => eprintln!("{} {} {text}", timestamp(now_secs()), self.stack),
            Mode::Live => {
                if let Some(h) = &self.header {
                    h.set_message(text);
                }
            }
            Mode::Quiet => {}
        }
    }

    /// Ends the block with its result line.
    pub fn finish(&self, ok: bool, text: &str) {
        match self.mode {
            Mode::Json => emit_json(json!({
                "type": "result",
                "stack": self.stack,
                "ok": ok,
                "message": text,
            })),
            Mode::Lines => eprintln!("{} {}: {text}", timestamp(now_secs()), self.title),
            Mode::Live => {
                if let Some(h) = &self.header {
                    let mark = match (ok, self.color) {
                        (true, true) => "\x1b[32m✔\x1b[0m",
                        (false, true) => "\x1b[31m✘\x1b[0m",
                        (true, false) => "ok",
                        (false, false) => "FAILED",
                    };
                    h.set_style(
                        ProgressStyle::with_template("{prefix:.bold} {wide_msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    );
                    h.finish_with_message(format!("{mark} {text}"));
                }
            }
            Mode::Quiet => {}
        }
    }
}

impl Sink for Block {
    fn event(&self, event: &Event) {
        match event {
            Event::Resource(e) => self.resource(e),
            Event::Rollout(r) => self.rollout(r),
        }
    }
}

/// A block draws one stack's deploy.
pub struct BlockObserver<'p> {
    pub block: Block,
    pub printer: &'p Printer,
}

impl Sink for BlockObserver<'_> {
    fn event(&self, event: &Event) {
        Sink::event(&self.block, event)
    }
}

impl Observer for BlockObserver<'_> {
    fn report(&self, event: DeployEvent<'_>) {
        match event {
            DeployEvent::Step(text) => self.block.note(text),
            DeployEvent::ChangeSet(changes) => self.block.changes(changes),
            DeployEvent::Finished { ok, text } => self.block.finish(ok, text),
        }
    }

    fn confirm(&self, question: &str, flag: &str) -> crate::error::Result<bool> {
        self.block.suspend(|| self.printer.confirm(question, flag))
    }
}

impl DeployView {
    /// The observer of one stack's deploy, drawn as a block of this view.
    pub fn observer<'p>(
        &self,
        printer: &'p Printer,
        stack: &str,
        title: &str,
    ) -> BlockObserver<'p> {
        BlockObserver {
            block: self.block(stack, title),
            printer,
        }
    }
}
