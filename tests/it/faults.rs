//! Bad credentials, Regions and endpoints: one clear line and exit 1. Throttling and 5xx
//! answers: retried, and the deploy goes through. Faults are injected by a small loopback
//! proxy in front of moto that answers the first requests itself, then forwards.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::support::moto::{tug_at, tug_process, unreachable, Moto};
use crate::support::workspace::hello;
use crate::support::{drain, interrupt, need, stderr};

/// Asserts a failure told in one `error:` line (plus its help), with no panic or dump.
fn one_clear_line(out: &std::process::Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "{err}"
    );
    assert!(err.lines().count() <= 2, "one line and its help:\n{err}");
    assert!(!err.contains("panicked") && !err.contains("Debug"), "{err}");
    err
}

#[test]
fn no_credentials_is_one_clear_line() {
    let moto = need!(Moto::start());
    let ws = hello("nocreds");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(err.contains("no AWS credentials found"), "{err}");
    assert!(err.contains("--profile"), "{err}");
}

#[test]
fn a_wrong_region_is_one_clear_line() {
    let ws = hello("region");
    let out = tug_at(&unreachable())
        .current_dir(ws.path())
        .args(["--region", "us-esat-1", "env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(err.contains("`us-esat-1` is not an AWS Region"), "{err}");
    assert!(err.contains("did you mean `--region us-east-1`?"), "{err}");

    let out = tug_at(&unreachable())
        .current_dir(ws.path())
        .env_remove("AWS_REGION")
        .args(["env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(
        err.contains("no AWS Region is set") && err.contains("--region"),
        "{err}"
    );
}

#[test]
fn an_endpoint_refusing_connections_is_one_clear_line() {
    let ws = hello("refused");
    let endpoint = unreachable();
    let out = tug_at(&endpoint)
        .current_dir(ws.path())
        .args(["svc", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(
        err.contains(&format!("cannot reach {endpoint}: connection refused")),
        "{err}"
    );
}

/// A proxy to `upstream` that answers the first `faults.len()` requests with the given
/// (status, code) AWS error, then forwards. Returns its endpoint and a request counter.
fn faulty_proxy(upstream: u16, faults: Vec<(u16, &'static str)>) -> (String, Arc<AtomicUsize>) {
    proxy(upstream, faults, std::time::Duration::ZERO)
}

/// Like [`faulty_proxy`], and every request waits `delay` first (a slow round trip).
pub fn proxy(
    upstream: u16,
    faults: Vec<(u16, &'static str)>,
    delay: std::time::Duration,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { continue };
            let faults = faults.clone();
            let seen = seen.clone();
            std::thread::spawn(move || serve(conn, upstream, &faults, &seen, delay));
        }
    });
    (format!("http://127.0.0.1:{port}"), count)
}

fn serve(
    mut conn: TcpStream,
    upstream: u16,
    faults: &[(u16, &'static str)],
    seen: &AtomicUsize,
    delay: std::time::Duration,
) {
    let Some(request) = read_request(&mut conn) else {
        return;
    };
    std::thread::sleep(delay);
    let n = seen.fetch_add(1, Ordering::SeqCst);
    if let Some((status, code)) = faults.get(n) {
        let body = format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>injected by the test proxy</Message></Error><RequestId>1</RequestId></ErrorResponse>"
        );
        let _ = write!(
            conn,
            "HTTP/1.1 {status} Injected\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        return;
    }
    let Ok(mut up) = TcpStream::connect(("127.0.0.1", upstream)) else {
        return;
    };
    let _ = up.write_all(&request);
    let mut response = Vec::new();
    let _ = up.read_to_end(&mut response);
    let _ = conn.write_all(&response);
}

/// One HTTP request, rewritten to `Connection: close` so the upstream closes after it.
pub fn read_request(conn: &mut TcpStream) -> Option<Vec<u8>> {
    let mut reader = BufReader::new(conn.try_clone().ok()?);
    let mut head = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().ok()?;
        }
        if line == "\r\n" {
            head.extend_from_slice(b"Connection: close\r\n\r\n");
            break;
        }
        if !lower.starts_with("connection:") {
            head.extend_from_slice(line.as_bytes());
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    head.extend_from_slice(&body);
    Some(head)
}

#[test]
fn throttling_and_5xx_are_retried_and_the_deploy_survives() {
    let moto = need!(Moto::start());
    let ws = hello("retry");
    let faults = vec![
        (503, "ServiceUnavailable"),
        (500, "InternalFailure"),
        (400, "Throttling"),
        (400, "Throttling"),
    ];
    let (endpoint, count) = faulty_proxy(moto.port, faults);
    let out = tug_at(&endpoint)
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("deployed (CREATE_COMPLETE)"),
        "{}",
        stderr(&out)
    );
    assert!(count.load(Ordering::SeqCst) > 4, "the faults were served");
}

#[test]
fn an_expired_token_is_one_clear_line() {
    // moto does not check credentials' age: the proxy answers as AWS does for an expired
    // session token (400 ExpiredToken), which is not retried.
    let moto = need!(Moto::start());
    let ws = hello("expired");
    let (endpoint, _) = faulty_proxy(moto.port, vec![(400, "ExpiredToken"); 10]);
    let out = tug_at(&endpoint)
        .current_dir(ws.path())
        .env("AWS_SESSION_TOKEN", "old")
        .args(["env", "ls"])
        .output()
        .unwrap();
    let err = one_clear_line(&out);
    assert!(err.contains("the AWS credentials have expired"), "{err}");
    assert!(err.contains("aws sso login"), "{err}");
}

#[test]
fn ctrl_c_stops_watching_and_says_how_to_follow() {
    let moto = need!(Moto::start());
    let ws = hello("interrupt");
    let out = moto
        .tug()
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Slow answers keep the deploy going long enough to interrupt it.
    let (endpoint, _) = proxy(moto.port, vec![], std::time::Duration::from_millis(400));
    let mut child = tug_process(&endpoint)
        .current_dir(ws.path())
        .args(["svc", "deploy", "-n", "web", "-e", "test"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let status = interrupt(&mut child);
    let err = drain(child.stderr.take());
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(
        err.contains("stopped watching; the deployment goes on in AWS"),
        "{err}"
    );
    assert!(err.contains("tug svc status -n web -e test"), "{err}");
}
