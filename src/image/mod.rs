//! The only code that runs Docker or Podman: find the engine, build, tag, log in to the
//! registry (password on stdin, into a temporary config folder), push, and read back the
//! pushed digest.
//!
//! A deploy calls [`Engine::discover`] once, [`BuildRequest::from_manifest`] per image to
//! build (a workload's `image.build`, and each sidecar's), and [`build_and_push`] (or
//! [`build`], [`login`] and [`push`] when it builds several images one after another and
//! pushes them concurrently).

mod cleanup;
mod engine;
mod run;
mod session;
mod tag;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::manifest::types::{Build, Image, Platform};

pub use engine::{which, Engine, EngineKind, ENGINE_ENV};
pub use run::TAIL_LINES;
pub use session::Session;
pub use tag::{check_tag, default_tag, image_tag, timestamp_tag};

use run::{Invocation, Outcome};

/// Replaces the registry host that ECR's auth returns (tests, air-gapped mirrors).
pub const REGISTRY_OVERRIDE_ENV: &str = "TUG_REGISTRY_OVERRIDE";

/// Which step an engine output line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Build,
    Login,
    Push,
}

impl Phase {
    pub fn verb(self) -> &'static str {
        match self {
            Phase::Build => "building",
            Phase::Login => "logging in",
            Phase::Push => "pushing",
        }
    }
}

/// One line of the engine's output (stdout or stderr, without its line ending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub phase: Phase,
    pub text: String,
}

/// What to build, with every path absolute and every manifest default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildRequest {
    /// What the image is for, in messages and output prefixes: the workload (`web`), or the
    /// workload and sidecar (`web/proxy`).
    pub name: String,
    /// The sidecar the image is for; `None` for the workload's main container.
    pub sidecar: Option<String>,
    pub context: PathBuf,
    pub dockerfile: PathBuf,
    pub args: BTreeMap<String, String>,
    pub target: Option<String>,
    pub cache_from: Vec<String>,
    /// `--platform` (`linux/amd64`, `linux/arm64`), when one is needed.
    pub platform: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// The repository in the registry, e.g. `<app>/<workload>`.
    pub repository: String,
    pub tag: String,
}

impl BuildRequest {
    /// The request for an `image` section (a workload's or a sidecar's, which `name`
    /// names), or `None` when it has no `build` (an `image.location` is deployed as given).
    /// Paths in the manifest are relative to `repo_root`, the folder that holds the
    /// workspace, as in Copilot: a Dockerfile path alone builds in the Dockerfile's folder;
    /// a context alone uses `<context>/Dockerfile`.
    pub fn from_manifest(
        repo_root: &Path,
        name: &str,
        image: &Image,
        platform: Option<&Platform>,
        repository: &str,
        tag: &str,
    ) -> Option<BuildRequest> {
        let (context, dockerfile, args, target, cache_from) = match image.build.as_ref()? {
            Build::Dockerfile(df) => {
                let df = repo_root.join(df);
                let ctx = df.parent().unwrap_or(repo_root).to_path_buf();
                (ctx, df, BTreeMap::new(), None, Vec::new())
            }
            Build::Args(b) => {
                let (ctx, df) = match (b.context.as_deref(), b.dockerfile.as_deref()) {
                    (None, None) => (repo_root.to_path_buf(), repo_root.join("Dockerfile")),
                    (None, Some(df)) => {
                        let df = repo_root.join(df);
                        (df.parent().unwrap_or(repo_root).to_path_buf(), df)
                    }
                    (Some(ctx), None) => {
                        (repo_root.join(ctx), repo_root.join(ctx).join("Dockerfile"))
                    }
                    (Some(ctx), Some(df)) => (repo_root.join(ctx), repo_root.join(df)),
                };
                (
                    ctx,
                    df,
                    b.args.clone().unwrap_or_default(),
                    b.target.clone(),
                    b.cache_from.clone().unwrap_or_default(),
                )
            }
        };
        Some(BuildRequest {
            name: name.to_string(),
            sidecar: None,
            context,
            dockerfile,
            args,
            target,
            cache_from,
            platform: platform_flag(platform),
            labels: image.labels.clone().unwrap_or_default(),
            repository: repository.to_string(),
            tag: tag.to_string(),
        })
    }

    /// `host/repository:tag`.
    pub fn reference(&self, host: &str) -> String {
        format!("{host}/{}:{}", self.repository, self.tag)
    }
}

/// The engine's `--platform` for a manifest `platform`. ECS runs `linux/x86_64` unless told
/// otherwise, so without one the flag is `linux/amd64` on hosts of another architecture
/// (an Apple-silicon laptop) and left out on x86-64 hosts.
pub fn platform_flag(platform: Option<&Platform>) -> Option<String> {
    let (os, arch) = match platform {
        Some(Platform::String(s)) => match s.split_once('/') {
            Some((os, arch)) => (os.to_string(), arch.to_string()),
            None => (s.clone(), "x86_64".to_string()),
        },
        Some(Platform::Args(a)) => (a.osfamily.clone(), a.architecture.clone()),
        None if std::env::consts::ARCH == "x86_64" => return None,
        None => return Some("linux/amd64".to_string()),
    };
    let os = os.to_ascii_lowercase();
    let os = if os.starts_with("windows") {
        "windows"
    } else {
        os.as_str()
    };
    let arch = match arch.to_ascii_lowercase().as_str() {
        "x86_64" | "amd64" => "amd64".to_string(),
        "arm" | "arm64" | "aarch64" => "arm64".to_string(),
        other => other.to_string(),
    };
    Some(format!("{os}/{arch}"))
}

/// Registry credentials. `Debug` never shows the password.
#[derive(Clone)]
pub struct Registry {
    pub host: String,
    pub username: String,
    pub password: String,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("host", &self.host)
            .field("username", &self.username)
            .field("password", &"********")
            .finish()
    }
}

impl Registry {
    /// The registry with its host replaced by [`REGISTRY_OVERRIDE_ENV`] when that is set.
    pub fn with_override(self) -> Result<Registry, ImageError> {
        match std::env::var(REGISTRY_OVERRIDE_ENV) {
            Ok(v) if !v.trim().is_empty() => Ok(Registry {
                host: override_host(&v)?,
                ..self
            }),
            _ => Ok(self),
        }
    }
}

/// Checks a `TUG_REGISTRY_OVERRIDE` value: `host:port` or `host`, no scheme, no path.
pub fn override_host(value: &str) -> Result<String, ImageError> {
    let value = value.trim();
    let bad = || ImageError::BadOverride(value.to_string());
    if value.contains("://") || value.contains('/') || value.contains(char::is_whitespace) {
        return Err(bad());
    }
    if let Some((host, port)) = value.rsplit_once(':') {
        if host.is_empty() || port.parse::<u16>().is_err() {
            return Err(bad());
        }
    }
    Ok(value.to_string())
}

/// A pushed image, pinned by digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedImage {
    /// `host/repository@sha256:...`: what a task definition references.
    pub uri_with_digest: String,
    pub tag: String,
    /// `sha256:...`
    pub digest: String,
    /// Time spent inside engine processes (the rest of the call is tug's own overhead).
    pub engine_time: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("no container engine found: tug builds images with Docker or Podman, and neither `docker` nor `podman` is on PATH")]
    NoEngine,
    #[error("`{0}` is not on PATH")]
    EngineNotFound(EngineKind),
    #[error("unknown container engine `{0}`: choose docker or podman")]
    UnknownEngine(String),
    #[error("`{0}` is not a valid image tag: use 1 to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`")]
    BadTag(String),
    #[error(
        "TUG_REGISTRY_OVERRIDE=`{0}` is not a registry host: use host:port, e.g. 127.0.0.1:5000"
    )]
    BadOverride(String),
    #[error("{what} for {name} not found: {}", path.display())]
    MissingInput {
        name: String,
        what: &'static str,
        path: PathBuf,
    },
    #[error("could not run {engine}: {source}")]
    Spawn {
        engine: EngineKind,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "building the image for {name} failed ({engine} {status}); its last lines:\n{}",
        indent(tail)
    )]
    BuildFailed {
        name: String,
        engine: EngineKind,
        status: String,
        tail: Vec<String>,
    },
    #[error(
        "logging in to {host} failed ({engine} {status}); its last lines:\n{}",
        indent(tail)
    )]
    LoginFailed {
        host: String,
        engine: EngineKind,
        status: String,
        tail: Vec<String>,
    },
    #[error(
        "pushing {reference} failed ({engine} {status}); its last lines:\n{}",
        indent(tail)
    )]
    PushFailed {
        reference: String,
        engine: EngineKind,
        status: String,
        tail: Vec<String>,
    },
    #[error("{engine} pushed {reference} but tug could not read back its digest")]
    NoDigest {
        reference: String,
        engine: EngineKind,
    },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

fn indent(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("  | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ImageError {
    /// The next thing to do, for the errors a person can act on.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            ImageError::NoEngine => "install Docker (https://docs.docker.com/engine/install/) or Podman (https://podman.io/docs/installation), or put one on PATH; --engine or TUG_CONTAINER_ENGINE chooses between them".into(),
            ImageError::EngineNotFound(kind) => format!("install {kind}, or choose the other engine with --engine or TUG_CONTAINER_ENGINE"),
            ImageError::UnknownEngine(_) => "set --engine or TUG_CONTAINER_ENGINE to docker or podman".into(),
            ImageError::MissingInput { .. } => "paths under image.build are relative to the folder that holds the workspace (the repository root)".into(),
            ImageError::BuildFailed { .. } => "fix the Dockerfile or the build context; nothing was pushed or deployed".into(),
            ImageError::LoginFailed { .. } => "check the registry credentials (and TUG_REGISTRY_OVERRIDE, if set)".into(),
            ImageError::PushFailed { .. } => "check that the registry is reachable and the repository exists".into(),
            _ => return None,
        })
    }
}

impl From<ImageError> for crate::error::Error {
    fn from(e: ImageError) -> Self {
        let help = e.help();
        let err = match e {
            ImageError::UnknownEngine(_) | ImageError::BadTag(_) => {
                crate::error::Error::usage(e.to_string())
            }
            _ => crate::error::Error::user(e.to_string()),
        };
        match help {
            Some(help) => err.with_help(help),
            None => err,
        }
    }
}

fn status_text(outcome: &Outcome) -> String {
    match outcome.code {
        Some(code) => format!("exited with {code}"),
        None => "was killed by a signal".to_string(),
    }
}

fn spawn_error(engine: &Engine) -> impl FnOnce(std::io::Error) -> ImageError + '_ {
    move |source| ImageError::Spawn {
        engine: engine.kind,
        source,
    }
}

/// A built image, tagged for its registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltImage {
    /// `host/repository:tag`.
    pub reference: String,
    pub engine_time: Duration,
}

/// Builds `req` and tags it `host/repository:tag`.
pub fn build(
    engine: &Engine,
    req: &BuildRequest,
    host: &str,
    progress: &dyn Fn(Line),
) -> Result<BuiltImage, ImageError> {
    if !req.context.is_dir() {
        return Err(ImageError::MissingInput {
            name: req.name.clone(),
            what: "the build context",
            path: req.context.clone(),
        });
    }
    if !req.dockerfile.is_file() {
        return Err(ImageError::MissingInput {
            name: req.name.clone(),
            what: "the Dockerfile",
            path: req.dockerfile.clone(),
        });
    }
    let reference = req.reference(host);
    let mut args: Vec<OsString> = vec!["build".into(), "--file".into()];
    args.push(req.dockerfile.clone().into());
    args.extend(["--tag".into(), reference.clone().into()]);
    if let Some(platform) = &req.platform {
        args.extend(["--platform".into(), platform.into()]);
    }
    if let Some(target) = &req.target {
        args.extend(["--target".into(), target.into()]);
    }
    for (k, v) in &req.args {
        args.extend(["--build-arg".into(), format!("{k}={v}").into()]);
    }
    for image in &req.cache_from {
        args.extend(["--cache-from".into(), image.into()]);
    }
    for (k, v) in &req.labels {
        args.extend(["--label".into(), format!("{k}={v}").into()]);
    }
    args.push(req.context.clone().into());
    let outcome = run::run(
        engine,
        Invocation::new(Phase::Build, args),
        progress,
        &mut |_| {},
    )
    .map_err(spawn_error(engine))?;
    if !outcome.success {
        return Err(ImageError::BuildFailed {
            name: req.name.clone(),
            engine: engine.kind,
            status: status_text(&outcome),
            tail: outcome.tail,
        });
    }
    Ok(BuiltImage {
        reference,
        engine_time: outcome.elapsed,
    })
}

/// Logs in to `registry` with the password on the engine's stdin, into a fresh temporary
/// config folder; the credentials live as long as the returned [`Session`].
pub fn login(
    engine: &Engine,
    registry: &Registry,
    progress: &dyn Fn(Line),
) -> Result<(Session, Duration), ImageError> {
    let session = Session::create(engine, &registry.host)?;
    let mut args: Vec<OsString> = vec!["login".into()];
    if engine.kind == EngineKind::Podman && is_loopback(&registry.host) {
        args.push("--tls-verify=false".into());
    }
    args.extend([
        "--username".into(),
        registry.username.clone().into(),
        "--password-stdin".into(),
        registry.host.clone().into(),
    ]);
    let mut inv = Invocation::new(Phase::Login, args);
    inv.envs = session.envs();
    let password = format!("{}\n", registry.password);
    inv.stdin = Some(password.as_bytes());
    inv.redact = Some(&registry.password);
    let outcome = run::run(engine, inv, progress, &mut |_| {}).map_err(spawn_error(engine))?;
    if !outcome.success {
        return Err(ImageError::LoginFailed {
            host: registry.host.clone(),
            engine: engine.kind,
            status: status_text(&outcome),
            tail: outcome.tail,
        });
    }
    Ok((session, outcome.elapsed))
}

/// Pushes `reference` (`host/repository:tag`) with the session's credentials and returns it
/// pinned by digest: from the push output (docker), the digest file (podman), or else the
/// image's `RepoDigests`.
pub fn push(
    engine: &Engine,
    session: &Session,
    reference: &str,
    progress: &dyn Fn(Line),
) -> Result<PushedImage, ImageError> {
    let (name, tag) = split_reference(reference);
    let mut args: Vec<OsString> = vec!["push".into()];
    // One file per push: pushes of one session may run at once.
    static PUSHES: AtomicU32 = AtomicU32::new(0);
    let n = PUSHES.fetch_add(1, Ordering::Relaxed);
    let digest_file = session.dir().join(format!("digest-{n}"));
    if engine.kind == EngineKind::Podman {
        if is_loopback(&session.host) {
            args.push("--tls-verify=false".into());
        }
        args.push("--digestfile".into());
        args.push(digest_file.clone().into());
    }
    args.push(reference.into());
    let mut inv = Invocation::new(Phase::Push, args);
    inv.envs = session.envs();
    let mut digest = None;
    let outcome = run::run(engine, inv, progress, &mut |line| {
        if let Some(d) = digest_in(line) {
            digest = Some(d);
        }
    })
    .map_err(spawn_error(engine))?;
    if !outcome.success {
        return Err(ImageError::PushFailed {
            reference: reference.to_string(),
            engine: engine.kind,
            status: status_text(&outcome),
            tail: outcome.tail,
        });
    }
    let mut engine_time = outcome.elapsed;
    if digest.is_none() {
        digest = std::fs::read_to_string(&digest_file)
            .ok()
            .and_then(|s| digest_in(&format!("digest: {}", s.trim())));
    }
    if digest.is_none() {
        let (found, elapsed) = repo_digest(engine, reference, name)?;
        digest = found;
        engine_time += elapsed;
    }
    let digest = digest.ok_or_else(|| ImageError::NoDigest {
        reference: reference.to_string(),
        engine: engine.kind,
    })?;
    Ok(PushedImage {
        uri_with_digest: format!("{name}@{digest}"),
        tag: tag.to_string(),
        digest,
        engine_time,
    })
}

/// Builds `req`, logs in to `registry`, pushes, and returns the image pinned by digest. The
/// login's temporary config folder is gone when this returns.
pub fn build_and_push(
    engine: &Engine,
    req: &BuildRequest,
    registry: &Registry,
    progress: &dyn Fn(Line),
) -> Result<PushedImage, ImageError> {
    let built = build(engine, req, &registry.host, progress)?;
    let (session, login_time) = login(engine, registry, progress)?;
    let mut pushed = push(engine, &session, &built.reference, progress)?;
    drop(session);
    pushed.engine_time += built.engine_time + login_time;
    Ok(pushed)
}

/// `host/repo:tag` into (`host/repo`, `tag`); a port's colon is not a tag.
fn split_reference(reference: &str) -> (&str, &str) {
    match reference.rsplit_once(':') {
        Some((name, tag)) if !tag.contains('/') => (name, tag),
        _ => (reference, "latest"),
    }
}

/// `sha256:<64 hex>` following `digest: ` in an engine output line.
fn digest_in(line: &str) -> Option<String> {
    let start = line.find("digest: sha256:")? + "digest: ".len();
    let hex = line[start + "sha256:".len()..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect::<String>();
    (hex.len() == 64).then(|| format!("sha256:{hex}"))
}

fn repo_digest(
    engine: &Engine,
    reference: &str,
    name: &str,
) -> Result<(Option<String>, Duration), ImageError> {
    let mut found = None;
    let prefix = format!("{name}@");
    let outcome = run::run(
        engine,
        Invocation::new(
            Phase::Push,
            [
                "image",
                "inspect",
                "--format",
                "{{range .RepoDigests}}{{println .}}{{end}}",
                reference,
            ],
        ),
        &|_| {},
        &mut |line| {
            if let Some(rest) = line.trim().strip_prefix(&prefix) {
                found = digest_in(&format!("digest: {rest}"));
            }
        },
    )
    .map_err(spawn_error(engine))?;
    Ok((found.filter(|_| outcome.success), outcome.elapsed))
}

fn is_loopback(host: &str) -> bool {
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    name == "localhost" || name.starts_with("127.") || name == "[::1]"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::types::{BuildArgs, PlatformArgs};

    fn image(build: Build) -> Image {
        Image {
            build: Some(build),
            labels: Some([("team".to_string(), "web".to_string())].into()),
            ..Image::default()
        }
    }

    #[test]
    fn a_dockerfile_path_builds_in_its_folder() {
        let root = Path::new("/repo");
        let req = BuildRequest::from_manifest(
            root,
            "api",
            &image(Build::Dockerfile("api/Dockerfile".into())),
            None,
            "app/api",
            "v1",
        )
        .unwrap();
        assert_eq!(req.dockerfile, Path::new("/repo/api/Dockerfile"));
        assert_eq!(req.context, Path::new("/repo/api"));
        assert_eq!(req.labels["team"], "web");
        assert_eq!(req.reference("127.0.0.1:5000"), "127.0.0.1:5000/app/api:v1");
    }

    #[test]
    fn build_args_follow_copilot_defaults() {
        let root = Path::new("/repo");
        let req = |context: Option<&str>, dockerfile: Option<&str>| {
            let b = BuildArgs {
                context: context.map(Into::into),
                dockerfile: dockerfile.map(Into::into),
                args: Some([("V".to_string(), "1".to_string())].into()),
                target: Some("prod".into()),
                cache_from: Some(vec!["x:cache".into()]),
            };
            BuildRequest::from_manifest(root, "w", &image(Build::Args(b)), None, "a/w", "t")
                .unwrap()
        };
        let r = req(Some("svc"), None);
        assert_eq!(
            (r.context.as_path(), r.dockerfile.as_path()),
            (Path::new("/repo/svc"), Path::new("/repo/svc/Dockerfile"))
        );
        let r = req(None, Some("docker/web.Dockerfile"));
        assert_eq!(
            (r.context.as_path(), r.dockerfile.as_path()),
            (
                Path::new("/repo/docker"),
                Path::new("/repo/docker/web.Dockerfile")
            )
        );
        let r = req(Some("."), Some("svc/Dockerfile"));
        assert_eq!(
            (r.context.as_path(), r.dockerfile.as_path()),
            (Path::new("/repo/."), Path::new("/repo/svc/Dockerfile"))
        );
        let r = req(None, None);
        assert_eq!(
            (r.context.as_path(), r.dockerfile.as_path()),
            (Path::new("/repo"), Path::new("/repo/Dockerfile"))
        );
        assert_eq!(r.args["V"], "1");
        assert_eq!(r.target.as_deref(), Some("prod"));
        assert_eq!(r.cache_from, ["x:cache"]);
    }

    #[test]
    fn a_location_is_not_built() {
        let img = Image {
            location: Some("nginx".into()),
            ..Image::default()
        };
        assert!(
            BuildRequest::from_manifest(Path::new("/r"), "w", &img, None, "a/w", "t").is_none()
        );
    }

    #[test]
    fn platforms_map_to_engine_names() {
        let s = |p: &str| platform_flag(Some(&Platform::String(p.into())));
        assert_eq!(s("linux/x86_64").as_deref(), Some("linux/amd64"));
        assert_eq!(s("linux/arm64").as_deref(), Some("linux/arm64"));
        assert_eq!(s("linux/arm").as_deref(), Some("linux/arm64"));
        assert_eq!(
            s("windows_server_2019_core/x86_64").as_deref(),
            Some("windows/amd64")
        );
        let args = Platform::Args(PlatformArgs {
            osfamily: "linux".into(),
            architecture: "ARM64".into(),
        });
        assert_eq!(platform_flag(Some(&args)).as_deref(), Some("linux/arm64"));
        if std::env::consts::ARCH == "x86_64" {
            assert_eq!(platform_flag(None), None);
        } else {
            assert_eq!(platform_flag(None).as_deref(), Some("linux/amd64"));
        }
    }

    #[test]
    fn digests_are_read_from_push_output() {
        let hex = "4458c977721ca10a1a015bac525416027d3f68e5f0f8d06b9bc22c2192a2f6bf";
        assert_eq!(
            digest_in(&format!("t1: digest: sha256:{hex} size: 735")),
            Some(format!("sha256:{hex}"))
        );
        assert_eq!(digest_in("t1: digest: sha256:abc size: 1"), None);
        assert_eq!(digest_in("29bafb89fc87: Pushed"), None);
    }

    #[test]
    fn references_split_at_the_tag_not_the_port() {
        assert_eq!(
            split_reference("127.0.0.1:5000/a/w:v1"),
            ("127.0.0.1:5000/a/w", "v1")
        );
        assert_eq!(
            split_reference("127.0.0.1:5000/a/w"),
            ("127.0.0.1:5000/a/w", "latest")
        );
    }

    #[test]
    fn overrides_are_host_and_port() {
        assert_eq!(override_host("127.0.0.1:5000").unwrap(), "127.0.0.1:5000");
        assert_eq!(override_host("mirror.internal").unwrap(), "mirror.internal");
        for bad in ["http://x:1", "x:1/path", "x:port", ":5000", "a b"] {
            assert!(override_host(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_password_never_shows_in_debug() {
        let r = Registry {
            host: "h".into(),
            username: "AWS".into(),
            password: "hunter2-secret".into(),
        };
        assert!(!format!("{r:?}").contains("hunter2-secret"));
    }

    #[test]
    fn a_missing_engine_says_what_to_install() {
        let empty = std::env::temp_dir().join("tug-no-engine-here");
        let err = Engine::find(None, empty.as_os_str()).unwrap_err();
        assert!(err
            .to_string()
            .contains("neither `docker` nor `podman` is on PATH"));
        assert!(err.help().unwrap().contains("install Docker"));
        let err = Engine::find(Some(EngineKind::Podman), empty.as_os_str()).unwrap_err();
        assert_eq!(err.to_string(), "`podman` is not on PATH");
        assert!("Docker".parse::<EngineKind>().is_ok());
        assert!("rkt".parse::<EngineKind>().is_err());
    }
}
