//! A fault-injecting HTTP proxy on loopback, in front of moto or LocalStack: tug reaches it
//! through `AWS_ENDPOINT_URL`. For each request a plan decides to forward it, to answer
//! AWS's error itself, to forward it and drop the connection before the answer, or to hold
//! it without an answer; the proxy records every request's action, in order.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the proxy does with one request instead of forwarding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answers AWS's error: HTTP status and error code (the query protocol's XML).
    Error(u16, &'static str),
    /// Forwards the request, then closes the connection without the answer: the call
    /// happened in AWS and the caller never heard.
    DropAnswer,
    /// Holds the request and never answers (the caller times out).
    Hang,
}

/// One request as the plan sees it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The API action (`CreateChangeSet`, `DescribeStacks`, ...): the query protocol's
    /// `Action`, the JSON protocols' `X-Amz-Target`, else the method and path.
    pub action: String,
    /// How many requests of this action came before this one.
    pub nth: usize,
}

type Plan = dyn Fn(&Seen) -> Option<Fault> + Send + Sync;

pub struct Proxy {
    pub endpoint: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    /// A proxy to the server on loopback `upstream`; `plan` picks each request's fault,
    /// and every request waits `delay` first (a slow round trip).
    pub fn start(
        upstream: u16,
        delay: Duration,
        plan: impl Fn(&Seen) -> Option<Fault> + Send + Sync + 'static,
    ) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let plan: Arc<Plan> = Arc::new(plan);
        let shared = log.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (plan, log) = (plan.clone(), shared.clone());
                std::thread::spawn(move || serve(conn, upstream, delay, &*plan, &log));
            }
        });
        Proxy { endpoint, log }
    }

    /// A proxy that answers the first requests with these (status, code) errors, in
    /// order, then forwards.
    pub fn errors_first(upstream: u16, errors: Vec<(u16, &'static str)>) -> Proxy {
        let count = std::sync::atomic::AtomicUsize::new(0);
        Proxy::start(upstream, Duration::ZERO, move |_| {
            let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            errors
                .get(n)
                .map(|&(status, code)| Fault::Error(status, code))
        })
    }

    /// The actions of the requests so far, in order.
    pub fn actions(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests of `action` came so far.
    pub fn count(&self, action: &str) -> usize {
        self.actions().iter().filter(|a| *a == action).count()
    }
}

fn serve(
    mut conn: TcpStream,
    upstream: u16,
    delay: Duration,
    plan: &Plan,
    log: &Mutex<Vec<String>>,
) {
    let Some((request, action)) = read_request(&mut conn) else {
        return;
    };
    std::thread::sleep(delay);
    let seen = {
        let mut log = log.lock().unwrap();
        let nth = log.iter().filter(|a| **a == action).count();
        log.push(action.clone());
        Seen { action, nth }
    };
    let fault = plan(&seen);
    match fault {
        Some(Fault::Error(status, code)) => {
            let _ = conn.write_all(&error_response(status, code));
            return;
        }
        Some(Fault::Hang) => {
            // Longer than any attempt timeout of the SDK; the caller gives up first.
            std::thread::sleep(Duration::from_secs(300));
            return;
        }
        Some(Fault::DropAnswer) | None => {}
    }
    let Ok(mut up) = TcpStream::connect(("127.0.0.1", upstream)) else {
        return;
    };
    let _ = up.write_all(&request);
    let mut response = Vec::new();
    let _ = up.read_to_end(&mut response);
    if fault != Some(Fault::DropAnswer) {
        let _ = conn.write_all(&response);
    }
}

/// An AWS query-protocol error as CloudFormation sends it (`Throttling` comes as HTTP 400
/// with the message "Rate exceeded").
fn error_response(status: u16, code: &str) -> Vec<u8> {
    let message = if code == "Throttling" {
        "Rate exceeded"
    } else {
        "injected by the test proxy"
    };
    let body = format!(
        "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
    );
    format!(
        "HTTP/1.1 {status} Error\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// One HTTP request, rewritten to `Connection: close` so the upstream closes after it,
/// and its action.
pub fn read_request(conn: &mut TcpStream) -> Option<(Vec<u8>, String)> {
    let mut reader = BufReader::new(conn.try_clone().ok()?);
    let mut head = Vec::new();
    let mut length = 0usize;
    let mut first = String::new();
    let mut target = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if first.is_empty() {
            first = line.trim_end().to_string();
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().ok()?;
        }
        if lower.starts_with("x-amz-target:") {
            target = line.trim_end().rsplit('.').next().map(str::to_string);
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
    let query_action = String::from_utf8_lossy(&body)
        .split('&')
        .find_map(|p| p.strip_prefix("Action=").map(str::to_string));
    let action = query_action.or(target).unwrap_or_else(|| {
        let mut parts = first.split(' ');
        let method = parts.next().unwrap_or_default();
        let path = parts.next().unwrap_or_default();
        format!("{method} {}", path.split('?').next().unwrap_or_default())
    });
    head.extend_from_slice(&body);
    Some((head, action))
}
