//! Real parts for the image tests: the Docker engine on this machine (and Podman, which
//! scripts/test installs) and Debian's `docker-registry` on a free loopback port, with
//! htpasswd auth and storage in a temp dir. A missing part follows [`super::missing`].

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tug::image::{Engine, EngineKind};

use super::moto::free_port;

pub const USERNAME: &str = "AWS";

/// A missing part of the image tests (see [`super::missing`]).
fn missing<T>(what: &str) -> Option<T> {
    super::missing(
        what,
        "scripts/test installs the Debian packages (docker-registry busybox-static apache2-utils podman)",
    )
}

/// The Docker engine, when its daemon answers.
pub fn docker() -> Option<Engine> {
    answering(
        EngineKind::Docker,
        &["version", "--format", "{{.Server.Version}}"],
    )
}

/// Podman, when `podman info` works (rootful here: it needs no daemon).
pub fn podman() -> Option<Engine> {
    answering(EngineKind::Podman, &["info", "--format", "{{.Host.Arch}}"])
}

/// The engine of `kind` on PATH, when `args` succeed.
fn answering(kind: EngineKind, args: &[&str]) -> Option<Engine> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let Ok(engine) = Engine::find(Some(kind), &path) else {
        return missing(&format!("{kind} is not on PATH"));
    };
    let ok = Command::new(&engine.program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Some(engine)
    } else {
        missing(&format!("`{kind} {}` fails", args[0]))
    }
}

/// The engine of `kind` (see [`docker`] and [`podman`]).
pub fn engine(kind: EngineKind) -> Option<Engine> {
    match kind {
        EngineKind::Docker => docker(),
        EngineKind::Podman => podman(),
    }
}

/// A static busybox to put in `FROM scratch` images.
pub fn busybox() -> Option<PathBuf> {
    let path = PathBuf::from("/bin/busybox");
    // The dynamic busybox of some images is not enough: a scratch image has no libc.
    let is_static = Command::new("file")
        .arg("-L")
        .arg(&path)
        .output()
        .map(|o| !String::from_utf8_lossy(&o.stdout).contains("dynamically linked"))
        .unwrap_or(true);
    if path.is_file() && is_static {
        Some(path)
    } else {
        missing("no static /bin/busybox (Debian's busybox-static)")
    }
}

/// A running `docker-registry serve`, killed on drop.
pub struct LocalRegistry {
    child: Child,
    pub host: String,
    pub password: String,
    _dir: tempfile::TempDir,
}

impl LocalRegistry {
    pub fn start() -> Option<LocalRegistry> {
        LocalRegistry::start_with_password(&format!("tug-pw-{}-{}", std::process::id(), nanos()))
    }

    /// A registry whose user `AWS` has `password` (e.g. the one moto's ECR hands out).
    pub fn start_with_password(password: &str) -> Option<LocalRegistry> {
        let password = password.to_string();
        if which("docker-registry").is_none() {
            return missing("docker-registry is not on PATH");
        }
        if which("htpasswd").is_none() {
            return missing("htpasswd is not on PATH");
        }
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = Command::new("htpasswd")
            .args(["-Bbn", USERNAME, &password])
            .output()
            .expect("htpasswd runs");
        assert!(out.status.success(), "htpasswd failed");
        std::fs::write(dir.path().join("htpasswd"), &out.stdout).unwrap();
        let port = free_port();
        let host = format!("127.0.0.1:{port}");
        let config = format!(
            "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: {host}\nauth:\n  htpasswd:\n    realm: tug-test\n    path: {}\n",
            dir.path().join("data").display(),
            dir.path().join("htpasswd").display(),
        );
        let config_path = dir.path().join("config.yml");
        std::fs::write(&config_path, config).unwrap();
        let child = Command::new("docker-registry")
            .arg("serve")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("registry.log")).unwrap())
            .spawn()
            .expect("docker-registry starts");
        let registry = LocalRegistry {
            child,
            host,
            password,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(&registry.host).is_err() {
            assert!(
                Instant::now() < deadline,
                "docker-registry did not listen on {} within 10 s",
                registry.host
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(registry)
    }

    pub fn credentials(&self) -> tug::image::Registry {
        tug::image::Registry {
            host: self.host.clone(),
            username: USERNAME.into(),
            password: self.password.clone(),
        }
    }

    /// `GET /v2/<repo>/manifests/<tag>` as a Docker v2 or OCI manifest (Docker pushes the
    /// one, Podman the other): the status and the `Docker-Content-Digest` header.
    pub fn manifest_digest(&self, repo: &str, tag: &str) -> (u16, Option<String>) {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let auth = aws_smithy_types::base64::encode(format!("{USERNAME}:{}", self.password));
        write!(
            stream,
            "GET /v2/{repo}/manifests/{tag} HTTP/1.0\r\nHost: {}\r\nAuthorization: Basic {auth}\r\n\
             Accept: application/vnd.docker.distribution.manifest.v2+json\r\n\
             Accept: application/vnd.oci.image.manifest.v1+json\r\n\r\n",
            self.host
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let head = response.split("\r\n\r\n").next().unwrap_or_default();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let digest = head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("docker-content-digest")
                .then(|| v.trim().to_string())
        });
        (status, digest)
    }
}

impl Drop for LocalRegistry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn which(name: &str) -> Option<PathBuf> {
    tug::image::which(name, &std::env::var_os("PATH").unwrap_or_default())
}

fn nanos() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

/// A build context with a static busybox, `hello.txt` and a `FROM scratch` Dockerfile.
pub fn scratch_context(busybox: &Path, hello: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(busybox, dir.path().join("busybox")).unwrap();
    std::fs::write(dir.path().join("hello.txt"), hello).unwrap();
    std::fs::write(
        dir.path().join("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\nCOPY hello.txt /hello.txt\nCMD [\"/bin/busybox\", \"cat\", \"/hello.txt\"]\n",
    )
    .unwrap();
    dir
}

/// A writer the test can read back after handing a clone to the UI.
#[derive(Clone, Default)]
pub struct SharedBuf(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SharedBuf {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}
