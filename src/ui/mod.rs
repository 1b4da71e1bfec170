//! The only code that draws. A [`Printer`] is chosen once from the global flags and hands
//! out stdout (data) and stderr (people-talk); nothing else decides about colour or quiet.

pub mod engine_output;
pub mod prompt;

use std::io::{self, IsTerminal, Write};

use crate::diag::{Diagnostic, Severity};
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Printer {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    /// Colour on stderr: a terminal, no `--no-color`, no `NO_COLOR`.
    pub color: bool,
}

impl Printer {
    pub fn new(json: bool, quiet: bool, verbose: u8, no_color: bool) -> Self {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Printer {
            json,
            quiet,
            verbose,
            color: !no_color && !no_color_env && io::stderr().is_terminal(),
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
    pub fn json(&self, value: &serde_json::Value) -> Result<()> {
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        self.out(&text)
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
}
