//! A moto server per test, on a free loopback port, reached through `AWS_ENDPOINT_URL`.
//!
//! `scripts/test` installs moto (pinned) into `.tug-test/venv` and exports `TUG_MOTO`.
//! A missing moto follows [`super::missing`]. The server runs `tests/moto/server.py`: moto
//! with its change-set execution fixed to compute outputs and exports as AWS does (see
//! tests/README.md).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

use super::{missing, root, tug};

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

/// A free port on 127.0.0.1 (the OS picks it; released for a server to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// An endpoint nobody listens on: any AWS call fails with "connection refused".
pub fn unreachable() -> String {
    format!("http://127.0.0.1:{}", free_port())
}

impl Moto {
    /// Starts a server, or `None` when moto is not installed (see [`super::missing`]).
    pub fn start() -> Option<Moto> {
        let Some(python) = moto_python() else {
            return missing(
                "moto is not installed (TUG_MOTO, or .tug-test/venv/bin/moto_server)",
                "scripts/test installs moto[server]==5.2.5 into .tug-test/venv",
            );
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
        tug_at(&self.endpoint)
    }

    /// Runs `python -c CODE` with boto3 pointed at this server (to set up what a test
    /// needs that tug does not do itself, such as tasks and log lines).
    pub fn python(&self, code: &str) {
        self.python_out(code);
    }

    /// Runs `python -c CODE` like [`Moto::python`] and returns what it printed: how a
    /// test reads back what tug made, through the AWS API.
    pub fn python_out(&self, code: &str) -> String {
        boto3(
            &moto_python().expect("moto is installed"),
            &self.endpoint,
            code,
        )
    }
}

/// Runs `python -c CODE` with boto3 pointed at `endpoint` (fake credentials, us-east-1);
/// what it printed. The test fails when the code does.
pub fn boto3(python: &Path, endpoint: &str, code: &str) -> String {
    let out = Process::new(python)
        .args(["-c", code])
        .env("AWS_ENDPOINT_URL", endpoint)
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
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The AWS environment of a test: `endpoint`, fake credentials, us-east-1, no profile
/// files, no instance metadata.
pub fn aws_vars(endpoint: &str) -> [(&'static str, &str); 7] {
    [
        ("AWS_ENDPOINT_URL", endpoint),
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_CONFIG_FILE", "/nonexistent/tug-test"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/tug-test"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]
}

/// Sets the AWS environment of a test ([`aws_vars`]) on `cmd`.
pub fn aws_env(cmd: &mut Command, endpoint: &str) {
    cmd.envs(aws_vars(endpoint))
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_DEFAULT_REGION");
}

/// `tug` with the AWS environment of a test pointed at `endpoint`.
pub fn tug_at(endpoint: &str) -> Command {
    let mut cmd = tug();
    aws_env(&mut cmd, endpoint);
    cmd
}

/// `tug` as a child process to interrupt (a std `Command`), pointed at `endpoint`.
pub fn tug_process(endpoint: &str) -> Process {
    let mut cmd = Process::new(assert_cmd::cargo::cargo_bin("tug"));
    cmd.env("NO_COLOR", "1").envs(aws_vars(endpoint));
    for var in super::CI_VARS {
        cmd.env_remove(var);
    }
    cmd
}
