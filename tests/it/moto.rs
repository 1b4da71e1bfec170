//! A moto server per test, on a free loopback port, reached through `AWS_ENDPOINT_URL`.
//!
//! `scripts/test` installs moto (pinned) into `.tug-test/venv` and exports `TUG_MOTO`.
//! Under `CI=true` a missing moto fails the test; elsewhere the test is skipped with a
//! message. The server runs `tests/moto/server.py`: moto with its change-set execution
//! fixed to compute outputs and exports as AWS does (see tests/README.md).
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

use crate::common::{root, tug};

pub struct Moto {
    child: Child,
    pub endpoint: String,
    pub port: u16,
}

fn moto_python() -> Option<PathBuf> {
    let server = std::env::var_os("TUG_MOTO")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tug-test/venv/bin/moto_server"));
    let python = server.parent()?.join("python");
    (server.is_file() && python.is_file()).then_some(python)
}

/// A free port on 127.0.0.1 (the OS picks it; released for the server to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Moto {
    /// Starts a server, or returns `None` (skip) when moto is not installed outside CI.
    pub fn start() -> Option<Moto> {
        let Some(python) = moto_python() else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("moto is not installed: run scripts/test (it installs moto[server]==5.2.5 into .tug-test/venv)");
            }
            eprintln!("skipped: moto is not installed; run scripts/test to install it");
            return None;
        };
        for _ in 0..3 {
            let port = free_port();
            let child = Process::new(&python)
                .arg(root().join("tests/moto/server.py"))
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("starting moto");
            let mut moto = Moto {
                child,
                endpoint: format!("http://127.0.0.1:{port}"),
                port,
            };
            let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                    return Some(moto);
                }
                if let Ok(Some(_)) = moto.child.try_wait() {
                    break; // lost the port to someone else: try another
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = moto.child.kill();
        }
        panic!("moto did not start");
    }

    /// `tug` pointed at this server, with fake credentials and a fixed Region.
    pub fn tug(&self) -> Command {
        let mut cmd = tug();
        aws_env(&mut cmd, &self.endpoint);
        cmd
    }

    /// Runs `python -c CODE` with boto3 pointed at this server (to set up what a test
    /// needs that tug does not do itself, such as tasks and log lines).
    pub fn python(&self, code: &str) {
        let python = moto_python().expect("moto is installed");
        let out = Process::new(python)
            .args(["-c", code])
            .env("AWS_ENDPOINT_URL", &self.endpoint)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("running python");
        assert!(
            out.status.success(),
            "python failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The AWS environment of a test: fake credentials, us-east-1, no profile files.
pub fn aws_env(cmd: &mut Command, endpoint: &str) {
    cmd.env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/nonexistent/tug-test")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/tug-test")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_DEFAULT_REGION");
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of examples/hello named `app`, its services switched to `image.location`.
pub fn workspace(app: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_dir(&root().join("examples/hello/tug"), &dir.path().join("tug"));
    std::fs::write(
        dir.path().join("tug/.workspace"),
        format!("application: {app}\n"),
    )
    .unwrap();
    for svc in ["web", "api"] {
        set_image(dir.path(), svc, "public.ecr.aws/nginx/nginx:1.27");
    }
    dir
}

/// Points a service of the workspace at `image` (`image.location`).
pub fn set_image(ws: &Path, svc: &str, image: &str) {
    let path = ws.join("tug").join(svc).join("manifest.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("build:") || t.starts_with("location:") {
                format!("  location: {image}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text + "\n").unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

pub use crate::common::{stderr, stdout};
