//! One LocalStack (community core) per test run, on a free loopback port, without Docker,
//! reached through `AWS_ENDPOINT_URL`: CloudFormation's own engine for what moto does not
//! do (resource events, rollbacks, DELETE_FAILED). It has no ECS, ELBv2 or ECR API, so
//! the tests that read those stay on moto.
//!
//! `scripts/test` installs it (Python >= 3.13, the frozen `tests/localstack/requirements.txt`)
//! into `.tug-test/localstack` and exports `TUG_LOCALSTACK` (that venv's python). A missing
//! LocalStack follows [`super::missing`]. The instance is shared by the tests of a run, so
//! each test uses its own application name; it is killed when the test binary exits (its
//! standard input closes). A test that needs LocalStack configured otherwise starts one of
//! its own ([`LocalStack::private`]), killed when it is dropped.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{ChildStdin, Command as Process, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use assert_cmd::Command;

use super::moto::{boto3, free_port, tug_at};
use super::{missing, root};

pub struct LocalStack {
    pub endpoint: String,
    pub port: u16,
    python: PathBuf,
    /// The write end of the server's standard input: closed when the test binary exits,
    /// which ends the server.
    _lifeline: Mutex<ChildStdin>,
}

/// What LocalStack serves: the CloudFormation engine and the services of the resources
/// tug's environment and job stacks make.
const SERVICES: &str = "cloudformation,ec2,iam,sts,logs,ssm,s3,sqs,sns,stepfunctions,events";

fn localstack_python() -> Option<PathBuf> {
    let python = std::env::var_os("TUG_LOCALSTACK")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tug-test/localstack/bin/python"));
    let installed = python
        .parent()
        .is_some_and(|bin| bin.join("localstack-supervisor").is_file());
    (python.is_file() && installed).then_some(python)
}

static SHARED: OnceLock<LocalStack> = OnceLock::new();

impl LocalStack {
    /// The run's server, started by the first test that asks; `None` when LocalStack is
    /// not installed (see [`super::missing`]).
    pub fn shared() -> Option<&'static LocalStack> {
        let Some(python) = localstack_python() else {
            return missing(
                "LocalStack is not installed (TUG_LOCALSTACK, or .tug-test/localstack/bin/python)",
                "scripts/test installs it with Python >= 3.13 from tests/localstack/requirements.txt into .tug-test/localstack",
            );
        };
        Some(SHARED.get_or_init(|| start(python, &[])))
    }

    /// A server of the test's own, started with `config` (LocalStack's configuration
    /// variables) on top of the shared one's; it ends when dropped. `None` when LocalStack
    /// is not installed.
    pub fn private(config: &[(&str, &str)]) -> Option<LocalStack> {
        let Some(python) = localstack_python() else {
            return missing(
                "LocalStack is not installed (TUG_LOCALSTACK, or .tug-test/localstack/bin/python)",
                "scripts/test installs it with Python >= 3.13 from tests/localstack/requirements.txt into .tug-test/localstack",
            );
        };
        Some(start(python, config))
    }

    /// `tug` pointed at this server, with fake credentials and a fixed Region.
    pub fn tug(&self) -> Command {
        tug_at(&self.endpoint)
    }

    /// Runs `python -c CODE` with boto3 pointed at this server; what it printed.
    pub fn python_out(&self, code: &str) -> String {
        boto3(&self.python, &self.endpoint, code)
    }
}

fn start(python: PathBuf, config: &[(&str, &str)]) -> LocalStack {
    for _ in 0..3 {
        let port = free_port();
        let state = tempfile::Builder::new()
            .prefix("tug-localstack-")
            .tempdir()
            .expect("a temp dir")
            .keep();
        let log = state.join("localstack.log");
        // The shell ends the server (and removes its state) once its input closes; once
        // healthy, it lives as long as the test binary, which never waits for it.
        #[allow(clippy::zombie_processes)]
        let mut child = Process::new("sh")
            .args([
                "-c",
                r#""$0" -m localstack.runtime.main >"$1" 2>&1 & pid=$!; cat >/dev/null; kill -9 $pid; wait $pid; rm -rf "$FILESYSTEM_ROOT""#,
            ])
            .arg(&python)
            .arg(&log)
            .env("OVERRIDE_IN_DOCKER", "0")
            .env("GATEWAY_SERVER", "hypercorn")
            .env("GATEWAY_LISTEN", format!("127.0.0.1:{port}"))
            .env("LOCALSTACK_HOST", format!("localhost.localstack.cloud:{port}"))
            .env("FILESYSTEM_ROOT", &state)
            .env("PERSISTENCE", "0")
            .env("DNS_ADDRESS", "0")
            .env("DISABLE_EVENTS", "1")
            .env("SKIP_SSL_CERT_DOWNLOAD", "1")
            .env("SERVICES", SERVICES)
            .envs(config.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting LocalStack");
        let lifeline = child.stdin.take().expect("a piped stdin");
        let deadline = Instant::now() + Duration::from_secs(90);
        while Instant::now() < deadline {
            if healthy(port) {
                return LocalStack {
                    endpoint: format!("http://127.0.0.1:{port}"),
                    port,
                    python,
                    _lifeline: Mutex::new(lifeline),
                };
            }
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            if log.contains("Address already in use") {
                break; // lost the port to someone else: try another
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        drop(lifeline);
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&state);
    }
    panic!("LocalStack did not start");
}

/// Whether LocalStack answers its health check on `port`.
fn healthy(port: u16) -> bool {
    let Ok(mut conn) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!(
        "GET /_localstack/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    let mut answer = String::new();
    conn.write_all(request.as_bytes()).is_ok()
        && conn.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}
