//! Questions on a terminal (dialoguer), and the rule for when tug may ask at all: only
//! when stdin and stderr are terminals and neither `--no-input` nor `--yes` is given.
//! Otherwise nothing is asked: `--yes` takes the proposed answer, and a question without
//! one is an error that names the flag answering it, at once.

use std::io::{self, IsTerminal};

use dialoguer::console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

use crate::error::{Error, Result};

/// How questions are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Ask on the terminal.
    Ask,
    /// `--yes`: take every proposed answer; a question without one is an error.
    Defaults,
    /// No terminal, or `--no-input`: every unanswered question is an error.
    Never,
}

/// Asks questions, or explains which flag answers them.
pub struct Prompter {
    pub mode: Mode,
    color: bool,
}

/// One choice in a select list: a label and a one-line description.
pub struct Choice {
    pub label: String,
    pub description: String,
}

impl Choice {
    pub fn new(label: impl Into<String>, description: impl Into<String>) -> Self {
        Choice {
            label: label.into(),
            description: description.into(),
        }
    }
}

impl Prompter {
    /// Chooses the mode from the flags and whether stdin and stderr are terminals.
    pub fn new(no_input: bool, yes: bool, color: bool) -> Self {
        let terminal = io::stdin().is_terminal() && io::stderr().is_terminal();
        let mode = if yes {
            Mode::Defaults
        } else if no_input || !terminal {
            Mode::Never
        } else {
            Mode::Ask
        };
        Prompter { mode, color }
    }

    pub fn asks(&self) -> bool {
        self.mode == Mode::Ask
    }

    fn theme(&self) -> Box<dyn Theme> {
        if self.color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        }
    }

    /// The error for a question nobody can answer here. `what` names the answer
    /// ("the service name"), `flag` the flag that gives it.
    pub fn missing(&self, what: &str, flag: &str) -> Error {
        let why = match self.mode {
            Mode::Defaults => "--yes has no answer to propose for it",
            _ => "tug asks questions only on a terminal, without --no-input or --yes",
        };
        Error::usage(format!("{what} is needed: pass {flag}")).with_help(why)
    }

    /// A select list. `default` is where the cursor starts and what `--yes` takes.
    pub fn select(
        &self,
        question: &str,
        what: &str,
        flag: &str,
        choices: &[Choice],
        default: Option<usize>,
    ) -> Result<usize> {
        match (self.mode, default) {
            (Mode::Ask, _) => {}
            (Mode::Defaults, Some(d)) => return Ok(d),
            _ => return Err(self.missing(what, flag)),
        }
        let width = choices.iter().map(|c| c.label.len()).max().unwrap_or(0);
        let items: Vec<String> = choices
            .iter()
            .map(|c| {
                if c.description.is_empty() {
                    c.label.clone()
                } else {
                    format!("{:width$}  {}", c.label, c.description)
                }
            })
            .collect();
        let theme = self.theme();
        let term = Term::stderr();
        let picked = Select::with_theme(theme.as_ref())
            .with_prompt(format!("{question} (or pass {flag})"))
            .items(&items)
            .default(default.unwrap_or(0))
            .report(true);
        let picked = interrupt::asking(|| picked.interact_on(&term));
        finish(&term, picked)
    }

    /// A line of text, checked as typed: `check` returns why an answer is refused. An empty
    /// answer takes `default`, when there is one.
    pub fn text(
        &self,
        question: &str,
        what: &str,
        flag: &str,
        default: Option<String>,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        match (self.mode, default) {
            (Mode::Ask, default) => {
                let theme = self.theme();
                let term = Term::stderr();
                let mut input = Input::<String>::with_theme(theme.as_ref())
                    .with_prompt(format!("{question} (or pass {flag})"))
                    .validate_with(|s: &String| check(s.trim()));
                if let Some(d) = default {
                    input = input.default(d);
                }
                let answer = interrupt::asking(|| input.interact_text_on(&term));
                finish(&term, answer).map(|s| s.trim().to_string())
            }
            (Mode::Defaults, Some(d)) => Ok(d),
            _ => Err(self.missing(what, flag)),
        }
    }
}

/// Ctrl-C while a question waits for a key: dialoguer's terminal layer raises SIGINT,
/// which would end tug with the cursor still hidden. While a question is asked, the
/// handler shows the cursor, says that nothing was written, and exits 130; at any other
/// time SIGINT does what it always does.
#[cfg(unix)]
mod interrupt {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Once;

    static ASKING: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_sigint(_: libc::c_int) {
        // Only async-signal-safe calls here: write, _exit, signal, raise.
        if ASKING.load(Ordering::SeqCst) {
            let msg = b"\x1b[?25h\ninterrupted: nothing was written\n";
            unsafe {
                libc::write(2, msg.as_ptr().cast(), msg.len());
                libc::_exit(130);
            }
        }
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::raise(libc::SIGINT);
        }
    }

    /// Runs `f` (a question) with the handler on.
    pub fn asking<T>(f: impl FnOnce() -> T) -> T {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| unsafe {
            let handler: extern "C" fn(libc::c_int) = on_sigint;
            libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        });
        ASKING.store(true, Ordering::SeqCst);
        let out = f();
        ASKING.store(false, Ordering::SeqCst);
        out
    }
}

#[cfg(not(unix))]
mod interrupt {
    pub fn asking<T>(f: impl FnOnce() -> T) -> T {
        f()
    }
}

/// Turns a dialoguer result into ours; Ctrl-C (and a closed terminal) cancels the command.
fn finish<T>(term: &Term, result: std::result::Result<T, dialoguer::Error>) -> Result<T> {
    match result {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e)) => {
            // dialoguer hides the cursor while a list is drawn; give it back.
            let _ = term.show_cursor();
            let _ = term.write_line("");
            if e.kind() == io::ErrorKind::Interrupted {
                Err(Error::user("interrupted: nothing was written"))
            } else {
                Err(Error::io("reading the answer from the terminal", e))
            }
        }
    }
}
