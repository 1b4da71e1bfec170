//! Running one engine command: its stdout and stderr become [`Line`]s handed to the caller's
//! callback as they arrive, and the last lines are kept for the error when it fails.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{Engine, Line, Phase};

/// How many of the engine's last lines an error carries.
pub const TAIL_LINES: usize = 30;

pub(crate) struct Outcome {
    pub success: bool,
    pub code: Option<i32>,
    /// The last [`TAIL_LINES`] lines, stdout and stderr interleaved as they arrived.
    pub tail: Vec<String>,
    /// Time from starting the engine process to its exit.
    pub elapsed: Duration,
}

/// One engine invocation.
pub(crate) struct Invocation<'a> {
    pub args: Vec<OsString>,
    pub envs: Vec<(OsString, OsString)>,
    pub stdin: Option<&'a [u8]>,
    pub phase: Phase,
    /// A secret to mask in every line, should the engine ever echo it.
    pub redact: Option<&'a str>,
}

impl<'a> Invocation<'a> {
    pub fn new(phase: Phase, args: impl IntoIterator<Item = impl Into<OsString>>) -> Self {
        Invocation {
            args: args.into_iter().map(Into::into).collect(),
            envs: Vec::new(),
            stdin: None,
            phase,
            redact: None,
        }
    }
}

/// Runs `inv` with `engine`, calling `progress` with each output line and `watch` with each
/// line too (to pick facts such as the pushed digest out of the output).
pub(crate) fn run(
    engine: &Engine,
    inv: Invocation<'_>,
    progress: &dyn Fn(Line),
    watch: &mut dyn FnMut(&str),
) -> std::io::Result<Outcome> {
    let mut cmd = Command::new(&engine.program);
    cmd.args(&inv.args)
        .envs(engine.envs.iter().map(|(k, v)| (k, v)))
        .envs(inv.envs.iter().map(|(k, v)| (k, v)))
        .stdin(if inv.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn()?;
    if let (Some(input), Some(mut stdin)) = (inv.stdin, child.stdin.take()) {
        // Closing stdin (the drop) ends the engine's read; a failed write shows up in its
        // exit status and output.
        let _ = stdin.write_all(input);
    }
    let (tx, rx) = mpsc::channel::<String>();
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|stream| {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for chunk in BufReader::new(stream).split(b'\n') {
                let Ok(chunk) = chunk else { break };
                let text = String::from_utf8_lossy(&chunk);
                // A terminal-style progress line keeps only what follows its last `\r`.
                let text = text.trim_end_matches('\r');
                let text = text.rsplit('\r').next().unwrap_or_default();
                if tx.send(text.to_string()).is_err() {
                    break;
                }
            }
        })
    })
    .collect();
    drop(tx);

    let mut tail = VecDeque::with_capacity(TAIL_LINES);
    for mut text in rx {
        if let Some(secret) = inv.redact.filter(|s| !s.is_empty()) {
            if text.contains(secret) {
                text = text.replace(secret, "********");
            }
        }
        watch(&text);
        if tail.len() == TAIL_LINES {
            tail.pop_front();
        }
        tail.push_back(text.clone());
        progress(Line {
            phase: inv.phase,
            text,
        });
    }
    for reader in readers {
        let _ = reader.join();
    }
    let status = child.wait()?;
    Ok(Outcome {
        success: status.success(),
        code: status.code(),
        tail: tail.into(),
        elapsed: started.elapsed(),
    })
}
