//! A registry login that lives in a temporary engine config folder: `DOCKER_CONFIG` for
//! docker, `REGISTRY_AUTH_FILE` for podman. The folder is private (0700), deleted when the
//! [`Session`] is dropped or a signal ends tug (see [`super::cleanup`]), and the user's own
//! config is only ever read.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::{cleanup, Engine, EngineKind, ImageError};

/// A logged-in registry; engine processes given [`Session::envs`] use its credentials.
#[derive(Debug)]
pub struct Session {
    pub host: String,
    dir: PathBuf,
    kind: EngineKind,
}

impl Session {
    /// Creates the private folder. For docker it holds a copy of the user's `config.json`
    /// without credentials (`auths`, `credsStore`, `credHelpers`) so proxies and the current
    /// context still apply, and links to the user's `contexts` and `cli-plugins`. First
    /// removes the folders of tug processes that were killed before removing their own.
    pub(crate) fn create(engine: &Engine, host: &str) -> Result<Session, ImageError> {
        cleanup::remove_stale(&std::env::temp_dir());
        let dir = cleanup::register(make_private_dir)?;
        let session = Session {
            host: host.to_string(),
            dir,
            kind: engine.kind,
        };
        if engine.kind == EngineKind::Docker {
            if let Some(user_dir) = user_docker_config_dir(engine) {
                carry_over_docker_config(&user_dir, &session.dir);
            }
        }
        Ok(session)
    }

    /// The variables that point an engine process at this session's credentials.
    pub fn envs(&self) -> Vec<(OsString, OsString)> {
        match self.kind {
            EngineKind::Docker => vec![("DOCKER_CONFIG".into(), self.dir.clone().into())],
            EngineKind::Podman => vec![(
                "REGISTRY_AUTH_FILE".into(),
                self.dir.join("auth.json").into(),
            )],
        }
    }

    /// The temporary folder (removed on drop).
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        cleanup::remove(&self.dir);
    }
}

fn make_private_dir() -> Result<PathBuf, ImageError> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let base = std::env::temp_dir();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!(
            "{}{}-{nanos:08x}-{n}",
            cleanup::PREFIX,
            std::process::id()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(ImageError::Io {
                    context: format!("creating a temporary folder in {}", base.display()),
                    source: e,
                })
            }
        }
    }
    Err(ImageError::Io {
        context: format!("creating a temporary folder in {}", base.display()),
        source: std::io::ErrorKind::AlreadyExists.into(),
    })
}

/// `$DOCKER_CONFIG`, else `$HOME/.docker`, as the engine processes would see them.
fn user_docker_config_dir(engine: &Engine) -> Option<PathBuf> {
    engine
        .env_var("DOCKER_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            engine
                .env_var("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".docker"))
        })
}

/// Best effort: a user config that cannot be read or parsed is simply not carried over.
fn carry_over_docker_config(user_dir: &Path, dir: &Path) {
    if let Ok(text) = std::fs::read(user_dir.join("config.json")) {
        if let Ok(serde_json::Value::Object(mut config)) = serde_json::from_slice(&text) {
            for key in ["auths", "credsStore", "credHelpers"] {
                config.remove(key);
            }
            if let Ok(bytes) = serde_json::to_vec_pretty(&config) {
                let _ = crate::fsutil::write_new(&dir.join("config.json"), &bytes, false);
            }
        }
    }
    #[cfg(unix)]
    for name in ["contexts", "cli-plugins"] {
        let target = user_dir.join(name);
        if target.is_dir() {
            let _ = std::os::unix::fs::symlink(&target, dir.join(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_drops_credentials_and_keeps_the_rest() {
        let user = make_private_dir().unwrap();
        let original = br#"{"auths":{"x":{"auth":"c2VjcmV0"}},"credsStore":"desktop","credHelpers":{"y":"ecr-login"},"proxies":{"default":{"httpProxy":"http://p:3128"}},"currentContext":"c"}"#;
        std::fs::write(user.join("config.json"), original).unwrap();
        std::fs::create_dir(user.join("contexts")).unwrap();
        let engine = Engine::new(EngineKind::Docker, "docker").env("DOCKER_CONFIG", &user);
        let session = Session::create(&engine, "127.0.0.1:1").unwrap();
        let dir = session.dir().to_path_buf();
        let copy: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("config.json")).unwrap()).unwrap();
        assert_eq!(
            copy,
            serde_json::json!({"proxies":{"default":{"httpProxy":"http://p:3128"}},"currentContext":"c"})
        );
        assert!(dir.join("contexts").is_dir());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        drop(session);
        assert!(!dir.exists(), "the session folder is deleted on drop");
        assert_eq!(std::fs::read(user.join("config.json")).unwrap(), original);
        std::fs::remove_dir_all(&user).unwrap();
    }
}
