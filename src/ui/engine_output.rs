//! What the user sees while an image builds and pushes. On a terminal: one spinner line per
//! workload with the engine's last line (and layers pushed so far). Without a terminal, or
//! with `-v`: every engine line, prefixed with the workload name. With `-q` or `--json`:
//! nothing (a failure still reports the engine's last lines through the error).

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::image::{Line, Phase};
use crate::ui::Printer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A redrawn status line (a terminal, not verbose).
    Spinner,
    /// Every line, prefixed `workload | `.
    Lines,
    /// Nothing.
    Quiet,
}

impl Mode {
    /// The mode for `printer` when writing to stderr.
    pub fn for_printer(printer: &Printer) -> Mode {
        if printer.quiet || printer.json {
            Mode::Quiet
        } else if printer.verbose > 0 || !io::stderr().is_terminal() {
            Mode::Lines
        } else {
            Mode::Spinner
        }
    }
}

const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

struct State {
    out: Box<dyn Write + Send>,
    frame: usize,
    phase: Phase,
    last: String,
    layers_seen: Vec<String>,
    layers_done: usize,
    drawn: bool,
}

/// Shows one workload's engine output; hand [`EngineOutput::line`] to the image functions as
/// their progress callback.
pub struct EngineOutput {
    workload: String,
    mode: Mode,
    width: usize,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    ticker: Option<JoinHandle<()>>,
}

impl EngineOutput {
    /// Draws on stderr in the mode `printer` calls for; a spinner keeps turning while the
    /// engine is silent.
    pub fn stderr(printer: &Printer, workload: &str) -> EngineOutput {
        let mode = Mode::for_printer(printer);
        let mut output =
            EngineOutput::new(mode, workload, terminal_width(), Box::new(io::stderr()));
        if mode == Mode::Spinner {
            let (state, stop) = (output.state.clone(), output.stop.clone());
            let (workload, width) = (output.workload.clone(), output.width);
            output.ticker = Some(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    if let Ok(mut s) = state.lock() {
                        if !stop.load(Ordering::Relaxed) {
                            s.frame += 1;
                            draw(&mut s, &workload, width);
                        }
                    }
                }
            }));
        }
        output
    }

    /// Draws to `out` in `mode`, `width` columns wide; no ticker.
    pub fn new(
        mode: Mode,
        workload: &str,
        width: usize,
        out: Box<dyn Write + Send>,
    ) -> EngineOutput {
        EngineOutput {
            workload: workload.to_string(),
            mode,
            width: width.max(20),
            state: Arc::new(Mutex::new(State {
                out,
                frame: 0,
                phase: Phase::Build,
                last: String::new(),
                layers_seen: Vec::new(),
                layers_done: 0,
                drawn: false,
            })),
            stop: Arc::new(AtomicBool::new(false)),
            ticker: None,
        }
    }

    /// Takes one engine output line.
    pub fn line(&self, line: Line) {
        let Ok(mut s) = self.state.lock() else { return };
        match self.mode {
            Mode::Quiet => {}
            Mode::Lines => {
                let _ = writeln!(s.out, "{} | {}", self.workload, line.text);
            }
            Mode::Spinner => {
                if s.phase != line.phase {
                    s.phase = line.phase;
                    s.layers_seen.clear();
                    s.layers_done = 0;
                }
                if line.phase == Phase::Push {
                    count_layer(&mut s, &line.text);
                }
                if !line.text.trim().is_empty() {
                    s.last = line.text.trim().to_string();
                }
                s.frame += 1;
                draw(&mut s, &self.workload, self.width);
            }
        }
    }

    /// Ends the output: clears the spinner and prints `summary` (when not quiet).
    pub fn finish(mut self, summary: &str) {
        self.stop_ticker();
        let Ok(mut s) = self.state.lock() else { return };
        clear(&mut s);
        if self.mode != Mode::Quiet && !summary.is_empty() {
            let _ = writeln!(s.out, "{}: {summary}", self.workload);
        }
        let _ = s.out.flush();
    }

    fn stop_ticker(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.ticker.take() {
            let _ = t.join();
        }
    }
}

impl Drop for EngineOutput {
    /// A dropped output (a failed build) leaves no half-drawn line behind.
    fn drop(&mut self) {
        self.stop_ticker();
        if let Ok(mut s) = self.state.lock() {
            clear(&mut s);
        }
    }
}

/// Docker's push lines: `<layer>: Preparing`, then `<layer>: Pushed` or `Layer already exists`.
fn count_layer(s: &mut State, text: &str) {
    let Some((id, status)) = text.split_once(": ") else {
        return;
    };
    if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return;
    }
    if !s.layers_seen.iter().any(|l| l == id) {
        s.layers_seen.push(id.to_string());
    }
    if status == "Pushed" || status == "Layer already exists" {
        s.layers_done += 1;
    }
}

fn draw(s: &mut State, workload: &str, width: usize) {
    let frame = FRAMES[s.frame % FRAMES.len()];
    let mut head = format!("{frame} {workload}: {}", s.phase.verb());
    if s.phase == Phase::Push && !s.layers_seen.is_empty() {
        head.push_str(&format!(
            " [{}/{} layers]",
            s.layers_done.min(s.layers_seen.len()),
            s.layers_seen.len()
        ));
    }
    let room = width.saturating_sub(head.chars().count() + 3);
    let last: String = if s.last.chars().count() > room {
        let keep = room.saturating_sub(1);
        s.last.chars().take(keep).chain(['…']).collect()
    } else {
        s.last.clone()
    };
    let text = if last.is_empty() {
        head
    } else {
        format!("{head} - {last}")
    };
    let _ = write!(s.out, "\r\x1b[2K{text}");
    let _ = s.out.flush();
    s.drawn = true;
}

fn clear(s: &mut State) {
    if s.drawn {
        let _ = write!(s.out, "\r\x1b[2K");
        let _ = s.out.flush();
        s.drawn = false;
    }
}

/// Columns of the terminal on stderr: the kernel's answer, else `COLUMNS`, else 80.
fn terminal_width() -> usize {
    #[cfg(unix)]
    {
        // SAFETY: TIOCGWINSZ fills a winsize struct we own; a failure leaves it zeroed.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::ioctl(libc::STDERR_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
        if ok && ws.ws_col > 0 {
            return usize::from(ws.ws_col);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn line(phase: Phase, text: &str) -> Line {
        Line {
            phase,
            text: text.into(),
        }
    }

    #[test]
    fn without_a_terminal_every_line_is_prefixed() {
        let buf = Shared::default();
        let out = EngineOutput::new(Mode::Lines, "api", 80, Box::new(buf.clone()));
        out.line(line(Phase::Build, "Step 1/2 : FROM scratch"));
        out.line(line(Phase::Push, "t1: digest: sha256:ab size: 1"));
        out.finish("pushed 127.0.0.1:5000/app/api@sha256:ab");
        assert_eq!(
            buf.text(),
            "api | Step 1/2 : FROM scratch\napi | t1: digest: sha256:ab size: 1\n\
             api: pushed 127.0.0.1:5000/app/api@sha256:ab\n"
        );
    }

    #[test]
    fn on_a_terminal_one_line_is_redrawn_and_cleared() {
        let buf = Shared::default();
        let out = EngineOutput::new(Mode::Spinner, "web", 60, Box::new(buf.clone()));
        out.line(line(Phase::Build, "Step 1/2 : FROM scratch"));
        out.line(line(Phase::Build, &"x".repeat(100)));
        out.line(line(Phase::Push, "29bafb89fc87: Preparing"));
        out.line(line(Phase::Push, "265d01d08a53: Preparing"));
        out.line(line(Phase::Push, "29bafb89fc87: Pushed"));
        out.finish("done");
        let text = buf.text();
        let frames: Vec<&str> = text.split("\r\x1b[2K").filter(|f| !f.is_empty()).collect();
        assert!(
            frames[0].ends_with("web: building - Step 1/2 : FROM scratch"),
            "{frames:?}"
        );
        // Long lines are cut to the terminal width.
        assert!(
            frames[1].chars().count() <= 60 && frames[1].ends_with('…'),
            "{frames:?}"
        );
        assert!(
            frames[4].contains("web: pushing [1/2 layers] - 29bafb89fc87: Pushed"),
            "{frames:?}"
        );
        assert_eq!(frames.last(), Some(&"web: done\n"));
        assert!(!text.contains('\n') || text.ends_with("web: done\n"));
    }

    #[test]
    fn quiet_shows_nothing() {
        let buf = Shared::default();
        let out = EngineOutput::new(Mode::Quiet, "web", 80, Box::new(buf.clone()));
        out.line(line(Phase::Build, "Step 1/2"));
        out.finish("done");
        assert_eq!(buf.text(), "");
    }
}
