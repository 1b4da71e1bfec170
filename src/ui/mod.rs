//! The only code that draws. A [`Printer`] is chosen once from the global flags and hands
//! out stdout (data) and stderr (people-talk); nothing else decides about colour or quiet.

pub mod ci;
pub mod engine_output;
pub mod json;
pub mod prompt;

use std::io::{self, IsTerminal, Write};

use crate::diag::{Diagnostic, Severity};
use crate::error::{Error, Result};

pub mod progress;
pub mod sim;
pub mod status;
pub mod summary;
pub mod views;
pub mod wizard;

/// Asks to choose one of `items` when stdin and stderr are terminals; `None` when there is
/// no terminal to ask on (the caller then names the flag).
pub fn select_on_terminal(prompt: &str, items: &[String]) -> Result<Option<String>> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Ok(None);
    }
    let chosen = dialoguer::Select::new()
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact_opt()
        .map_err(|e| match e {
            dialoguer::Error::IO(e) => Error::io("asking for a choice", e),
        })?;
    match chosen {
        Some(i) => Ok(items.get(i).cloned()),
        None => Err(Error::user("cancelled")),
    }
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    /// Colour on stderr: a terminal, no `--no-color`, no `NO_COLOR`.
    pub color: bool,
    /// stderr is a terminal: progress is drawn live.
    pub terminal: bool,
    /// stdin and stderr are terminals: questions can be asked.
    pub interactive: bool,
    /// What every deploy block of the command did, for the summary.
    pub record: summary::Recorder,
}

impl Printer {
    pub fn new(json: bool, quiet: bool, verbose: u8, no_color: bool) -> Self {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Printer {
            json,
            quiet,
            verbose,
            color: !no_color && !no_color_env && io::stderr().is_terminal(),
            terminal: io::stderr().is_terminal(),
            interactive: io::stdin().is_terminal() && io::stderr().is_terminal(),
            record: summary::Recorder::default(),
        }
    }

    /// Writes data to stdout.
    pub fn out(&self, text: &str) -> Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|_| {
                if text.ends_with('\n') {
                    Ok(())
                } else {
                    out.write_all(b"\n")
                }
            })
            .and_then(|_| out.flush())
            .map_err(|e| Error::io("writing to stdout", e))
    }

    /// Prints a JSON document to stdout.
    pub fn json<T: serde::Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| Error::user(format!("cannot write the JSON output: {e}")))?;
        self.out(&text)
    }

    /// A CI workflow command (a GitHub Actions annotation) on stderr, beside the usual
    /// output; shown even with `-q`, since the CI reads it.
    pub fn annotation(&self, line: &str) {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }

    /// People-talk on stderr; silent with `-q`.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{text}");
        }
    }

    /// Extra detail, shown with `-v`.
    pub fn detail(&self, text: &str) {
        if self.verbose > 0 && !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{text}");
        }
    }

    /// Warnings show unless `-q`; errors always show.
    pub fn diagnostic(&self, d: &Diagnostic) {
        if d.severity == Severity::Warning && self.quiet {
            return;
        }
        let _ = write!(io::stderr().lock(), "{}", d.render(self.color));
    }

    /// A final error line with its help, for errors that are not located in a file.
    pub fn error(&self, message: &str, help: Option<&str>) {
        let mut err = io::stderr().lock();
        let (red, bold, reset) = if self.color {
            ("\x1b[31m", "\x1b[1m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        let _ = writeln!(err, "{red}{bold}error{reset}{bold}: {message}{reset}");
        if let Some(help) = help {
            let _ = writeln!(err, "  help: {help}");
        }
    }

    /// Asks a yes/no question on the terminal. Without one, refuses and names the flag
    /// that answers it (`--yes`).
    pub fn confirm(&self, question: &str, flag: &str) -> Result<bool> {
        if !self.interactive {
            return Err(Error::usage(format!(
                "{question} needs an answer, and there is no terminal to ask on"
            ))
            .with_help(format!("pass {flag} to answer yes")));
        }
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|e| match e {
                dialoguer::Error::IO(e) => Error::io("asking for confirmation", e),
            })
    }

    /// A listing: `doc` with `--json`; otherwise `empty` (a sentence) when there are no
    /// rows, else the table.
    pub fn listing<T: serde::Serialize>(
        &self,
        doc: &T,
        empty: &str,
        header: &[&str],
        rows: &[Vec<String>],
    ) -> Result<()> {
        if self.json {
            self.json(doc)
        } else if rows.is_empty() {
            self.info(empty);
            Ok(())
        } else {
            self.table(header, rows)
        }
    }

    /// A table: left-aligned columns, two spaces apart.
    pub fn table(&self, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                if i < widths.len() {
                    widths[i] = widths[i].max(cell.chars().count());
                }
            }
        }
        let line = |cells: Vec<&str>| -> String {
            let n = cells.len();
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i + 1 == n {
                        c.to_string()
                    } else {
                        format!("{c:<w$}", w = widths[i])
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
        };
        let mut text = line(header.to_vec());
        text.push('\n');
        for row in rows {
            text.push_str(&line(row.iter().map(String::as_str).collect()));
            text.push('\n');
        }
        self.out(&text)
    }

    /// One log line on stdout: `<task> <container> <message>`, coloured per task on a
    /// terminal, control characters written out (see [`crate::text::printable`]); one JSON
    /// object per line with `--json`.
    pub fn log_event(&self, e: &crate::aws::logs::LogEvent, colour: usize) -> Result<()> {
        if self.json {
            let line = json::LogLine {
                schema: json::SCHEMA_VERSION,
                timestamp: progress::timestamp(e.timestamp as f64 / 1000.0),
                task: e.task.clone(),
                container: e.container.clone(),
                stream: e.stream.clone(),
                message: e.message.clone(),
            };
            let text = serde_json::to_string(&line)
                .map_err(|e| Error::user(format!("cannot write the JSON output: {e}")))?;
            return self.out(&text);
        }
        const COLOURS: [&str; 6] = ["36", "33", "35", "32", "34", "31"];
        let task = crate::text::prefix(&e.task, 8);
        let prefix = crate::text::printable(&format!("{task} {}", e.container)).into_owned();
        let prefix = if self.color && io::stdout().is_terminal() {
            format!("\x1b[{}m{prefix}\x1b[0m", COLOURS[colour % COLOURS.len()])
        } else {
            prefix
        };
        self.out(&format!("{prefix} {}", crate::text::printable(&e.message)))
    }
}
