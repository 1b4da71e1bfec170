//! Drawing deploys: a live tree of resources on a terminal (indicatif), one timestamped
//! line per event otherwise (CI logs), one JSON object per event with `--json`. The three
//! are chosen once, in [`Printer::deploy_view`]; one event loop feeds whichever it is.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::json::{EventBody, ImageDoc};
use super::summary::Recorder;
use super::Printer;
use crate::aws::ecs::Rollout;
use crate::aws::stack::{Change, Event, ResourceEvent, Sink};
use crate::deploy::{DeployEvent, Observer};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

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
    record: Recorder,
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
            record: self.record.clone(),
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

/// One line of the NDJSON event stream (docs/schemas/events.json).
pub fn emit_json(body: EventBody) {
    let Ok(line) = serde_json::to_string(&super::json::Event::new(body)) else {
        return;
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
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
            index: self.record.start(stack, title),
            record: self.record.clone(),
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
    /// Where the summary learns what the block saw, and this block's place there.
    record: Recorder,
    index: usize,
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
            Mode::Json => emit_json(EventBody::Note {
                stack: self.stack.clone(),
                message: text.to_string(),
            }),
            Mode::Quiet => {}
        }
    }

    /// Something not to miss (AWS throttling the deploy): a line of its own above the live
    /// drawing, a line in the log, a note with `--json`.
    pub fn warn(&self, text: &str) {
        match (self.mode, &self.multi) {
            (Mode::Live, Some(m)) => {
                let _ = m.println(format!("{}: {text}", self.title));
            }
            _ => self.note(text),
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
            emit_json(EventBody::Changeset {
                stack: self.stack.clone(),
                changes: changes.to_vec(),
            });
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
            Mode::Json => emit_json(EventBody::Resource {
                time: timestamp(e.time),
                stack: e.stack.clone(),
                logical_id: e.logical_id.clone(),
                resource_type: e.resource_type.clone(),
                status: e.status.clone(),
                reason: e.reason.clone(),
            }),
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
        self.record
            .update(self.index, |rec| rec.rollout = Some(r.clone()));
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
            Mode::Json => emit_json(EventBody::Rollout {
                time: timestamp(now_secs()),
                stack: self.stack.clone(),
                rollout: r.clone(),
            }),
            Mode::Lines => eprintln!("{} {} {text}", timestamp(now_secs()), self.stack),
            Mode::Live => {
                if let Some(h) = &self.header {
                    h.set_message(text);
                }
            }
            Mode::Quiet => {}
        }
    }

    /// The images the stack runs (recorded; a JSON event with `--json`).
    pub fn images(&self, images: &[(String, String)]) {
        self.record
            .update(self.index, |rec| rec.images = images.to_vec());
        if self.mode == Mode::Json {
            emit_json(EventBody::Images {
                stack: self.stack.clone(),
                images: images
                    .iter()
                    .map(|(container, image)| ImageDoc {
                        container: container.clone(),
                        image: image.clone(),
                    })
                    .collect(),
            });
        }
    }

    /// The change set's changes (recorded for the summary; `--diff` draws them).
    pub fn planned(&self, changes: &[Change]) {
        self.record
            .update(self.index, |rec| rec.changes = Some(changes.to_vec()));
    }

    /// Ends the block with its result line.
    pub fn finish(&self, ok: bool, text: &str) {
        self.record.update(self.index, |rec| {
            rec.result = Some((ok, text.to_string(), rec.started.elapsed()))
        });
        match self.mode {
            Mode::Json => emit_json(EventBody::Result {
                stack: self.stack.clone(),
                ok,
                message: text.to_string(),
            }),
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
            Event::Note(text) => self.note(text),
            Event::Warning(text) => self.warn(text),
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
            DeployEvent::Images(images) => self.block.images(images),
            DeployEvent::Planned(changes) => self.block.planned(changes),
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
