//! What the user sees while images build and push. On a terminal: one line per image
//! (indicatif), a spinner with the engine's last line while it builds and a bar of layers
//! while it pushes; several pushes at once draw one line each. Without a terminal, or with
//! `-v`: every engine line, prefixed with the image's name. With `-q` or `--json`: nothing
//! (a failure still reports the engine's last lines through the error).

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::deploy::{ImageOutput, ImageProgress};
use crate::image::{Line, Phase};
use crate::ui::Printer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A live line per image (a terminal, not verbose).
    Spinner,
    /// Every line, prefixed `name | `.
    Lines,
    /// Nothing.
    Quiet,
}

impl Mode {
    /// The mode `printer` calls for.
    pub fn for_printer(printer: &Printer) -> Mode {
        if printer.quiet || printer.json {
            Mode::Quiet
        } else if printer.verbose > 0 || !printer.terminal {
            Mode::Lines
        } else {
            Mode::Spinner
        }
    }
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// The drawing of one or more images' engine output (one [`EngineOutput`] each).
pub struct ImageView {
    mode: Mode,
    verbose: bool,
    multi: MultiProgress,
    out: Writer,
}

impl Printer {
    /// Draws image builds and pushes on stderr, in the mode this printer calls for.
    pub fn image_view(&self) -> ImageView {
        let mode = Mode::for_printer(self);
        let target = match mode {
            Mode::Spinner => ProgressDrawTarget::stderr_with_hz(10),
            _ => ProgressDrawTarget::hidden(),
        };
        let mut view = ImageView::new(mode, target, Box::new(io::stderr()));
        view.verbose = self.verbose > 0;
        view
    }
}

impl ImageView {
    /// Live lines go to `target`; lines and summaries without a terminal go to `out`.
    pub fn new(mode: Mode, target: ProgressDrawTarget, out: Box<dyn Write + Send>) -> ImageView {
        ImageView {
            mode,
            verbose: false,
            multi: MultiProgress::with_draw_target(target),
            out: Arc::new(Mutex::new(out)),
        }
    }

    /// The output of one image, `name` (`web`, `web/proxy`) prefixing its lines; hand
    /// [`EngineOutput::line`] to the image functions as their progress callback.
    pub fn output(&self, name: &str) -> EngineOutput {
        let bar = (self.mode == Mode::Spinner).then(|| {
            let bar = self.multi.add(
                ProgressBar::new(0)
                    .with_style(style(None))
                    .with_prefix(name.to_string()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        EngineOutput {
            name: name.to_string(),
            mode: self.mode,
            multi: self.multi.clone(),
            out: self.out.clone(),
            bar,
            state: Mutex::new(State {
                phase: None,
                layers_seen: Vec::new(),
            }),
        }
    }
}

struct State {
    phase: Option<Phase>,
    layers_seen: Vec<String>,
}

/// The output of one image (see [`ImageView::output`]).
pub struct EngineOutput {
    name: String,
    mode: Mode,
    multi: MultiProgress,
    out: Writer,
    bar: Option<ProgressBar>,
    state: Mutex<State>,
}

/// The live line's look: a spinner and the last engine line, with a bar of layers while
/// pushing.
fn style(phase: Option<Phase>) -> ProgressStyle {
    let template = match phase {
        Some(Phase::Push) => {
            "{spinner} {prefix:.bold}: pushing [{bar:20}] {pos}/{len} layers {wide_msg}"
        }
        Some(Phase::Build) => "{spinner} {prefix:.bold}: building {wide_msg}",
        Some(Phase::Login) => "{spinner} {prefix:.bold}: logging in {wide_msg}",
        None => "{spinner} {prefix:.bold}: {wide_msg}",
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .progress_chars("=> ")
}

impl EngineOutput {
    /// Takes one engine output line.
    pub fn line(&self, line: Line) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Lines => {
                if let Ok(mut out) = self.out.lock() {
                    let _ = writeln!(out, "{} | {}", self.name, line.text);
                }
            }
            Mode::Spinner => {
                let Some(bar) = &self.bar else { return };
                let Ok(mut s) = self.state.lock() else { return };
                if s.phase != Some(line.phase) {
                    s.phase = Some(line.phase);
                    s.layers_seen.clear();
                    bar.set_length(0);
                    bar.set_position(0);
                    bar.set_style(style(Some(line.phase)));
                }
                if line.phase == Phase::Push {
                    count_layer(&mut s, bar, &line.text);
                }
                let text = line.text.trim();
                if !text.is_empty() {
                    bar.set_message(text.to_string());
                }
            }
        }
    }

    /// A step between engine runs ("built; waiting to push").
    pub fn note(&self, text: &str) {
        match (&self.bar, self.mode) {
            (Some(bar), _) => {
                if let Ok(mut s) = self.state.lock() {
                    s.phase = None;
                }
                bar.set_style(style(None));
                bar.set_message(text.to_string());
            }
            (None, Mode::Lines) => {
                if let Ok(mut out) = self.out.lock() {
                    let _ = writeln!(out, "{}: {text}", self.name);
                }
            }
            _ => {}
        }
    }

    /// Ends the output: removes its live line and prints `summary` (when not quiet).
    pub fn finish(self, summary: &str) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.mode == Mode::Quiet || summary.is_empty() {
            return;
        }
        let text = format!("{}: {summary}", self.name);
        match &self.bar {
            Some(_) => {
                let _ = self.multi.println(text);
            }
            None => {
                if let Ok(mut out) = self.out.lock() {
                    let _ = writeln!(out, "{text}");
                    let _ = out.flush();
                }
            }
        }
    }

    /// `(layers pushed, layers seen)` so far, on a terminal.
    pub fn layers(&self) -> Option<(u64, u64)> {
        self.bar
            .as_ref()
            .map(|b| (b.position(), b.length().unwrap_or(0)))
    }

    /// The engine line the live line shows, on a terminal.
    pub fn shown(&self) -> Option<String> {
        self.bar.as_ref().map(|b| b.message())
    }
}

impl ImageOutput for EngineOutput {
    fn line(&self, line: Line) {
        EngineOutput::line(self, line)
    }
    fn note(&self, text: &str) {
        EngineOutput::note(self, text)
    }
    fn finish(self: Box<Self>, summary: &str) {
        EngineOutput::finish(*self, summary)
    }
}

impl ImageProgress for ImageView {
    fn output(&self, name: &str) -> Box<dyn ImageOutput> {
        Box::new(ImageView::output(self, name))
    }
    fn verbose(&self) -> bool {
        self.verbose
    }
}

impl Drop for EngineOutput {
    /// A dropped output (a failed build) leaves no half-drawn line behind.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Docker's push lines: `<layer>: Preparing`, then `<layer>: Pushed` or `Layer already exists`.
fn count_layer(s: &mut State, bar: &ProgressBar, text: &str) {
    let Some((id, status)) = text.split_once(": ") else {
        return;
    };
    if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return;
    }
    if !s.layers_seen.iter().any(|l| l == id) {
        s.layers_seen.push(id.to_string());
        bar.set_length(s.layers_seen.len() as u64);
    }
    if status == "Pushed" || status == "Layer already exists" {
        bar.inc(1);
    }
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
        let view = ImageView::new(
            Mode::Lines,
            ProgressDrawTarget::hidden(),
            Box::new(buf.clone()),
        );
        let api = view.output("api");
        let proxy = view.output("api/proxy");
        api.line(line(Phase::Build, "Step 1/2 : FROM scratch"));
        proxy.line(line(Phase::Push, "t1: digest: sha256:cd size: 1"));
        api.note("built; waiting to push");
        api.line(line(Phase::Push, "t1: digest: sha256:ab size: 1"));
        api.finish("pushed 127.0.0.1:5000/app/api@sha256:ab");
        assert_eq!(
            buf.text(),
            "api | Step 1/2 : FROM scratch\napi/proxy | t1: digest: sha256:cd size: 1\n\
             api: built; waiting to push\napi | t1: digest: sha256:ab size: 1\n\
             api: pushed 127.0.0.1:5000/app/api@sha256:ab\n"
        );
    }

    #[test]
    fn on_a_terminal_the_live_line_shows_the_last_line_and_layers_pushed() {
        let buf = Shared::default();
        let view = ImageView::new(
            Mode::Spinner,
            ProgressDrawTarget::hidden(),
            Box::new(buf.clone()),
        );
        let web = view.output("web");
        web.line(line(Phase::Build, "Step 1/2 : FROM scratch"));
        web.line(line(Phase::Build, "   "));
        assert_eq!(web.shown().as_deref(), Some("Step 1/2 : FROM scratch"));
        web.line(line(Phase::Push, "29bafb89fc87: Preparing"));
        web.line(line(Phase::Push, "265d01d08a53: Preparing"));
        web.line(line(Phase::Push, "29bafb89fc87: Pushed"));
        assert_eq!(web.layers(), Some((1, 2)));
        web.line(line(Phase::Push, "265d01d08a53: Layer already exists"));
        assert_eq!(web.layers(), Some((2, 2)));
        assert_eq!(
            web.shown().as_deref(),
            Some("265d01d08a53: Layer already exists")
        );
        web.finish("pushed");
        // Lines never go to the plain writer on a terminal.
        assert_eq!(buf.text(), "");
    }

    #[test]
    fn quiet_shows_nothing() {
        let buf = Shared::default();
        let view = ImageView::new(
            Mode::Quiet,
            ProgressDrawTarget::hidden(),
            Box::new(buf.clone()),
        );
        let out = view.output("web");
        out.line(line(Phase::Build, "Step 1/2"));
        out.note("waiting");
        out.finish("done");
        assert_eq!(buf.text(), "");
    }
}
