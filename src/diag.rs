//! Diagnostics a person reads: what is wrong, where (file, line, column, the source line
//! with a caret), and what to do next. Rendered by miette; `--json` writes `ui::json::DiagnosticDoc`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use serde::Serialize;

use crate::yaml::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A file's text, shared by every diagnostic that points into it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user (relative to where tug was started, when possible).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// Manifests and scenario files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

impl SourceFile {
    pub fn new(path: &Path, name: String, text: String) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name,
            path: path.to_path_buf(),
            text,
        })
    }

    /// Reads at most [`MAX_FILE_BYTES`] + 1 bytes of `path`: enough for
    /// [`SourceFile::from_bytes`] to tell a file over the limit, whatever its size.
    pub fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let limit = MAX_FILE_BYTES as u64 + 1;
        let file = std::fs::File::open(path)?;
        // Room for the whole file at once: a large one is not copied as its buffer grows.
        let size = file.metadata().map_or(0, |m| m.len()).min(limit);
        let mut bytes = Vec::with_capacity(size as usize + 1);
        file.take(limit).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// The text of a file read as `bytes`; `kind` names such files in messages
    /// ("manifests"). A file over [`MAX_FILE_BYTES`] is refused, and bytes that are not
    /// UTF-8 are an error at the first of them.
    #[allow(clippy::result_large_err)]
    pub fn from_bytes(
        path: &Path,
        name: String,
        bytes: Vec<u8>,
        kind: &str,
    ) -> Result<Arc<SourceFile>, Diagnostic> {
        if bytes.len() > MAX_FILE_BYTES {
            let message = format!(
                "{name} is larger than {} MiB, the limit for {kind}",
                MAX_FILE_BYTES >> 20
            );
            return Err(Diagnostic::error("file-too-large", message)
                .in_file(&SourceFile::new(path, name, String::new()))
                .help("is this the right file? Split it, or leave out what it does not need"));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, name, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let source = SourceFile::new(path, name, text);
                let (line, column) = line_col(&source.text, at);
                let span = Span {
                    offset: at,
                    len: source.text[at..].chars().next().map_or(0, char::len_utf8),
                    line,
                    column,
                };
                Err(
                    Diagnostic::error("not-utf8", "the file is not valid UTF-8 text")
                        .at(&source, span)
                        .label("invalid byte here")
                        .help("save it as UTF-8; is this a binary file?"),
                )
            }
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier (`unknown-key`, `fargate-size`) that scripts can match on.
    pub code: &'static str,
    pub message: String,
    /// Text under the caret.
    pub label: Option<String>,
    /// The next thing to do.
    pub help: Option<String>,
    pub source: Option<Arc<SourceFile>>,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            label: None,
            help: None,
            source: None,
            span: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, source: &Arc<SourceFile>, span: Span) -> Self {
        self.source = Some(source.clone());
        self.span = Some(span);
        self
    }

    /// Names the file without pointing at a place in it.
    pub fn in_file(mut self, source: &Arc<SourceFile>) -> Self {
        self.source = Some(source.clone());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn file_name(&self) -> Option<&str> {
        self.source.as_deref().map(|s| s.name.as_str())
    }

    /// Renders the diagnostic for a terminal or a log.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .with_context_lines(1);
        let mut out = String::new();
        let shown = Shown(self);
        if handler.render_report(&mut out, &shown).is_err() {
            out = format!("{}: {}\n", self.severity_word(), self.message);
        }
        if self.span.is_none() {
            if let Some(name) = self.file_name() {
                out = out.replacen(&self.message, &format!("{name}: {}", self.message), 1);
            }
        }
        out
    }

    fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The adaptor miette renders.
struct Shown<'a>(&'a Diagnostic);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.0.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0
            .help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match (&self.0.source, self.0.span) {
            (Some(src), Some(_)) => Some(&**src),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.0.span?;
        self.0.source.as_ref()?;
        let label = LabeledSpan::new(self.0.label.clone(), span.offset, span.len.max(1));
        Some(Box::new(std::iter::once(label)))
    }
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Counts errors and warnings for a closing summary line.
pub fn summary(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}
/// Shows `path` relative to `base` when it is inside it.
pub fn display_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}
