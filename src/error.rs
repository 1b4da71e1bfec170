//! The one error type handlers return; `run` turns it into a message and an exit code.

use crate::diag::Diagnostic;

/// Exit codes: 0 ok, 1 the user's problem or a failed deploy, 2 a bug or a usage error.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something about the user's input or world: a missing file, an invalid manifest.
    #[error("{message}")]
    User {
        message: String,
        help: Option<String>,
    },
    /// The command line itself is wrong: names the flag to fix.
    #[error("{message}")]
    Usage {
        message: String,
        help: Option<String>,
    },
    /// Located problems in files; each is printed in full.
    #[error("{} problem(s) found", .0.len())]
    Diagnostics(Vec<Diagnostic>),
    /// Output went to a closed pipe (`tug ... | head`): not an error for the user.
    #[error("broken pipe")]
    BrokenPipe,
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn user(message: impl Into<String>) -> Self {
        Error::User {
            message: message.into(),
            help: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: None,
        }
    }

    /// Adds the next thing to do.
    pub fn with_help(self, text: impl Into<String>) -> Self {
        match self {
            Error::User { message, .. } => Error::User {
                message,
                help: Some(text.into()),
            },
            Error::Usage { message, .. } => Error::Usage {
                message,
                help: Some(text.into()),
            },
            other => other,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::BrokenPipe;
        }
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::User { .. } | Error::Diagnostics(_) | Error::Io { .. } => EXIT_FAILURE,
            Error::Usage { .. } => EXIT_USAGE,
            Error::BrokenPipe => EXIT_OK,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
