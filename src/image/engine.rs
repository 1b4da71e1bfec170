//! Finding the container engine: `--engine`, else `TUG_CONTAINER_ENGINE`, else the first of
//! docker and podman on PATH.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::ImageError;

/// The environment variable that chooses the engine when `--engine` is not given.
pub const ENGINE_ENV: &str = "TUG_CONTAINER_ENGINE";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    Docker,
    Podman,
}

impl EngineKind {
    pub const ALL: [EngineKind; 2] = [EngineKind::Docker, EngineKind::Podman];

    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Docker => "docker",
            EngineKind::Podman => "podman",
        }
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EngineKind {
    type Err = ImageError;

    fn from_str(s: &str) -> Result<Self, ImageError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "docker" => Ok(EngineKind::Docker),
            "podman" => Ok(EngineKind::Podman),
            _ => Err(ImageError::UnknownEngine(s.to_string())),
        }
    }
}

/// A container engine found on this machine, and the extra environment its processes get.
#[derive(Debug, Clone)]
pub struct Engine {
    pub kind: EngineKind,
    /// The executable, as found on PATH.
    pub program: PathBuf,
    /// Variables set on every engine process (on top of tug's own environment).
    pub envs: Vec<(OsString, OsString)>,
}

impl Engine {
    /// The engine to use: `choice` (from `--engine`), else [`ENGINE_ENV`], else the first of
    /// docker and podman on PATH.
    pub fn discover(choice: Option<EngineKind>) -> Result<Engine, ImageError> {
        let from_env = match std::env::var(ENGINE_ENV) {
            Ok(v) if !v.trim().is_empty() => Some(v.parse::<EngineKind>()?),
            _ => None,
        };
        let path = std::env::var_os("PATH").unwrap_or_default();
        Engine::find(choice.or(from_env), &path)
    }

    /// Like [`Engine::discover`] with the choice already made and PATH given.
    pub fn find(choice: Option<EngineKind>, path: &OsStr) -> Result<Engine, ImageError> {
        match choice {
            Some(kind) => match which(kind.name(), path) {
                Some(program) => Ok(Engine::new(kind, program)),
                None => Err(ImageError::EngineNotFound(kind)),
            },
            None => EngineKind::ALL
                .iter()
                .find_map(|&kind| which(kind.name(), path).map(|p| Engine::new(kind, p)))
                .ok_or(ImageError::NoEngine),
        }
    }

    pub fn new(kind: EngineKind, program: impl Into<PathBuf>) -> Engine {
        Engine {
            kind,
            program: program.into(),
            envs: Vec::new(),
        }
    }

    /// Sets a variable on every engine process this `Engine` starts.
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Engine {
        self.envs.push((key.into(), value.into()));
        self
    }

    /// The value of `key` that engine processes see.
    pub(crate) fn env_var(&self, key: &str) -> Option<OsString> {
        self.envs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| std::env::var_os(key))
    }
}

/// The first executable file called `name` in the PATH-style list `path`.
pub fn which(name: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}
