//! The semantic rules of specs/copilot-manifest.md, run on the typed manifest; each
//! problem points at the field in the file through the positioned tree.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::fargate::{self, Arch, Os};
use crate::yaml::{Node, PathSeg, Span};

use super::types::*;

/// Collects diagnostics for one manifest, locating each by its field path.
struct Rules<'a> {
    tree: &'a Node,
    src: &'a Arc<SourceFile>,
    out: Vec<Diagnostic>,
}

impl<'a> Rules<'a> {
    /// The span of the deepest node that exists along `path` (the key for a missing field).
    fn span(&self, path: &str) -> Span {
        let segs = to_path(path);
        let mut best = Span {
            len: 0,
            ..self.tree.span
        };
        for n in 1..=segs.len() {
            match self.tree.at_path(&segs[..n]) {
                Some(node) => best = node.span,
                None => break,
            }
        }
        best
    }

    fn key_span(&self, path: &str) -> Span {
        self.tree
            .key_span_at(&to_path(path))
            .unwrap_or_else(|| self.span(path))
    }

    fn present(&self, path: &str) -> bool {
        self.tree.at_path(&to_path(path)).is_some()
    }

    fn error(&mut self, path: &str, code: &'static str, message: String, help: impl Into<String>) {
        let span = self.span(path);
        self.out.push(
            Diagnostic::error(code, message)
                .at(self.src, span)
                .help(help.into()),
        );
    }

    fn error_at_key(
        &mut self,
        path: &str,
        code: &'static str,
        message: String,
        help: impl Into<String>,
    ) {
        let span = self.key_span(path);
        self.out.push(
            Diagnostic::error(code, message)
                .at(self.src, span)
                .help(help.into()),
        );
    }

    fn duration(&mut self, path: &str, value: Option<&str>) -> Option<f64> {
        let text = value?;
        match parse_duration(text) {
            Some(d) => Some(d),
            None => {
                self.error(
                    path,
                    "bad-duration",
                    format!("`{path}` is not a duration: \"{text}\""),
                    "write a number with a unit, such as `30s`, `5m` or `1h30m`",
                );
                None
            }
        }
    }
}

/// Splits `a.b[0].c` into path segments.
pub fn to_path(path: &str) -> Vec<PathSeg> {
    let mut segs = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                segs.push(PathSeg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                if let Ok(n) = stripped[..end].parse() {
                    segs.push(PathSeg::Index(n));
                }
                rest = &stripped[end + 1..];
            }
        } else {
            segs.push(PathSeg::Key(rest.to_string()));
        }
    }
    segs
}

/// Parses a Go-style duration (`1h30m`, `45s`, `1.5m`, `300ms`) into seconds.
pub fn parse_duration(text: &str) -> Option<f64> {
    let t = text.trim();
    if t == "0" {
        return Some(0.0);
    }
    let mut total = 0.0;
    let mut rest = t;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let value: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "us" | "µs" => 0.000_001,
            "ns" => 0.000_000_001,
            _ => return None,
        };
        total += value * factor;
        rest = &rest[unit_end..];
    }
    Some(total)
}

/// Checks a name for an application, environment or workload; returns why it is invalid.
pub fn check_name(name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if !(2..=255).contains(&len) {
        return Err("it must be 2 to 255 characters long".into());
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("it must start with a lowercase letter".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "it may hold only lowercase letters, digits and `-`, not `{c}`"
        ));
    }
    if name.contains("--") {
        return Err("it must not contain `--`".into());
    }
    if name.ends_with('-') {
        return Err("it must not end with `-`".into());
    }
    Ok(())
}

/// The name rule, for help when no valid name can be suggested.
pub const NAME_RULE: &str = "a name is 2 to 255 characters: lowercase letters, digits and `-`, \
    starting with a letter, with no `--` and no trailing `-`";

/// A valid name close to `name` (lowercased, other characters turned into `-`), if there is one.
pub fn suggest_name(name: &str) -> Option<String> {
    let mut s: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-').to_string();
    (s != name && check_name(&s).is_ok()).then_some(s)
}

/// Help for an invalid name: a valid suggestion, or the rule itself.
pub fn name_help(name: &str) -> String {
    match suggest_name(name) {
        Some(s) => format!("try `name: {s}`"),
        None => NAME_RULE.to_string(),
    }
}

/// The OS and architecture a platform string or map means, or why it is not valid.
pub fn platform(p: Option<&Platform>) -> Result<(Os, Arch), String> {
    let (os, arch) = match p {
        None => return Ok((Os::Linux, Arch::X86_64)),
        Some(Platform::String(s)) => match s.split_once('/') {
            Some((os, arch)) => (os.to_string(), arch.to_string()),
            None => return Err(format!("\"{s}\" is not a platform")),
        },
        Some(Platform::Args(a)) => (a.osfamily.to_ascii_lowercase(), a.architecture.clone()),
    };
    let os = match os.as_str() {
        "linux" => Os::Linux,
        "windows"
        | "windows_server_2019_core"
        | "windows_server_2019_full"
        | "windows_server_2022_core"
        | "windows_server_2022_full" => Os::Windows,
        other => return Err(format!("unknown operating system \"{other}\"")),
    };
    let arch = match arch.to_ascii_lowercase().as_str() {
        "x86_64" | "amd64" => Arch::X86_64,
        "arm64" | "arm" => Arch::Arm64,
        other => return Err(format!("unknown architecture \"{other}\"")),
    };
    Ok((os, arch))
}

/// Fields each workload type may not have.
fn forbidden_fields(kind: WorkloadType) -> &'static [&'static str] {
    match kind {
        WorkloadType::LoadBalancedWebService => &["subscribe", "on", "retries", "timeout"],
        WorkloadType::BackendService => &["nlb", "subscribe", "on", "retries", "timeout"],
        WorkloadType::WorkerService => &["http", "nlb", "on", "retries", "timeout"],
        WorkloadType::ScheduledJob => &["http", "nlb", "count", "subscribe", "deployment", "exec"],
    }
}

/// The semantic rules for a workload as it applies to `env`.
pub fn workload(
    w: &Workload,
    tree: &Node,
    src: &Arc<SourceFile>,
    _env: Option<&str>,
) -> Vec<Diagnostic> {
    let mut r = Rules {
        tree,
        src,
        out: Vec::new(),
    };
    if let Err(why) = check_name(&w.name) {
        r.error(
            "name",
            "bad-name",
            format!("`{}` is not a valid workload name: {why}", w.name),
            name_help(&w.name),
        );
    }
    for field in forbidden_fields(w.kind) {
        if r.present(field) {
            r.error_at_key(
                field,
                "field-not-allowed",
                format!("a {} has no `{field}`", w.kind.name()),
                format!("remove `{field}`, or change `type` if this workload is something else"),
            );
        }
    }
    image_rules(&mut r, w);
    let plat = match platform(w.platform.as_ref()) {
        Ok(p) => Some(p),
        Err(why) => {
            r.error(
                "platform",
                "bad-platform",
                format!("`platform`: {why}"),
                "use linux/x86_64, linux/arm64, windows/x86_64, or {osfamily, architecture}",
            );
            None
        }
    };
    if let Some((os, arch)) = plat {
        size_rules(&mut r, w, os, arch);
        platform_rules(&mut r, w, os, arch);
    }
    count_rules(&mut r, w);
    storage_rules(&mut r, w);
    if let Some(HttpOrBool::Config(http)) = &w.http {
        http_rules(&mut r, w, http, "http");
        for (i, rule) in http.additional_rules.iter().flatten().enumerate() {
            http_rules(&mut r, w, rule, &format!("http.additional_rules[{i}]"));
        }
    }
    if let Some(nlb) = &w.nlb {
        nlb_rules(&mut r, nlb, "nlb");
        for (i, l) in nlb.additional_listeners.iter().flatten().enumerate() {
            nlb_rules(&mut r, l, &format!("nlb.additional_listeners[{i}]"));
        }
    }
    if w.kind == WorkloadType::LoadBalancedWebService {
        let http_on = !matches!(w.http, Some(HttpOrBool::Enabled(false)));
        if !http_on && w.nlb.is_none() {
            r.error(
                "http",
                "no-listener",
                "a Load Balanced Web Service needs `http` or `nlb`".into(),
                "remove `http: false`, or add an `nlb` section",
            );
        }
    }
    if let Some(HttpOrBool::Enabled(true)) = &w.http {
        r.error(
            "http",
            "wrong-type",
            "`http: true` is not a setting: `http` takes a map or `false`".into(),
            "write `http:` with `path: /` under it",
        );
    }
    dependency_rules(&mut r, w);
    if let Some(rolling) = w.deployment.as_ref().and_then(|d| d.rolling.as_deref()) {
        if !matches!(rolling, "default" | "recreate") {
            r.error(
                "deployment.rolling",
                "bad-value",
                format!("`deployment.rolling` must be `default` or `recreate`, not \"{rolling}\""),
                "`default` keeps tasks running during a deploy; `recreate` stops them first",
            );
        }
    }
    if let Some(Placement::Kind(p)) = w
        .network
        .as_ref()
        .and_then(|n| n.vpc.as_ref())
        .and_then(|v| v.placement.as_ref())
    {
        if !matches!(p.as_str(), "public" | "private") {
            r.error(
                "network.vpc.placement",
                "bad-value",
                format!("`network.vpc.placement` must be `public` or `private`, not \"{p}\""),
                "or give `subnets:` with subnet ids",
            );
        }
    }
    if w.kind == WorkloadType::ScheduledJob {
        job_rules(&mut r, w);
    }
    for (path, file) in env_files(w) {
        if !file.ends_with(".env") {
            r.error(
                &path,
                "bad-env-file",
                format!("`{path}` must name a file ending in `.env`, not \"{file}\""),
                "rename the file, e.g. `app.env`",
            );
        }
    }
    duration_fields(&mut r, w);
    r.out
}

fn image_rules(r: &mut Rules<'_>, w: &Workload) {
    let image = w.image.as_ref();
    let build = image.and_then(|i| i.build.as_ref());
    let location = image.and_then(|i| i.location.as_ref());
    match (build, location) {
        (Some(_), Some(_)) => r.error_at_key(
            "image.location",
            "exclusive-fields",
            "`image.build` and `image.location` are both set".into(),
            "keep one: `build` builds a Dockerfile, `location` deploys an existing image",
        ),
        (None, None) => r.error(
            "image",
            "missing-image",
            "the workload has no image: set `image.build` or `image.location`".into(),
            "`image.build: ./Dockerfile` builds one; `image.location: nginx:1.27` uses an existing image",
        ),
        _ => {}
    }
    if let Some(Build::Dockerfile(path)) = build {
        if path.trim().is_empty() {
            r.error(
                "image.build",
                "bad-value",
                "`image.build` is empty".into(),
                "give the path of a Dockerfile, e.g. `./Dockerfile`",
            );
        }
    }
    let needs_port = w.kind == WorkloadType::LoadBalancedWebService
        || (w.kind == WorkloadType::BackendService
            && matches!(w.http, Some(HttpOrBool::Config(_))));
    if needs_port && image.and_then(|i| i.port).is_none() {
        r.error(
            "image",
            "missing-port",
            format!(
                "a {} that takes HTTP traffic needs `image.port`",
                w.kind.name()
            ),
            "add `port:` under `image` with the port your container listens on",
        );
    }
    if image.and_then(|i| i.port) == Some(0) {
        r.error(
            "image.port",
            "bad-value",
            "`image.port` must be between 1 and 65535".into(),
            "use the port your container listens on",
        );
    }
}

fn size_rules(r: &mut Rules<'_>, w: &Workload, os: Os, arch: Arch) {
    // A cpu or memory field that failed its type check is not judged again here.
    let cpu_bad = r.present("cpu") && w.cpu.is_none();
    let mem_bad = r.present("memory") && w.memory.is_none();
    if cpu_bad || mem_bad {
        return;
    }
    let cpu = w.cpu.unwrap_or(256);
    let memory = w.memory.unwrap_or(512);
    if let Err(e) = fargate::check(cpu, memory, os, arch) {
        let mut pairs = e.suggestions.clone();
        // Keep the cpu first, then keep the memory, then anything else.
        pairs.sort_by_key(|&(c, m)| (c != cpu, m != memory));
        let suggestions: Vec<String> = pairs
            .iter()
            .map(|&(c, m)| {
                if c == cpu {
                    format!("`memory: {m}`")
                } else if m == memory {
                    format!("`cpu: {c}` to keep {}", mib(m))
                } else {
                    format!("`cpu: {c}` with `memory: {m}`")
                }
            })
            .collect();
        let help = if suggestions.is_empty() {
            e.detail.clone()
        } else {
            format!("try {}", suggestions.join(", or "))
        };
        let cpu_valid = !fargate::memories(cpu, os).is_empty();
        let field = if cpu_valid && r.present("memory") {
            "memory"
        } else if r.present("cpu") {
            "cpu"
        } else {
            "memory"
        };
        let span = r.span(field);
        r.out.push(
            Diagnostic::error("fargate-size", e.message)
                .at(r.src, span)
                .label(e.detail)
                .help(help),
        );
    }
}

fn mib(m: u32) -> String {
    if m.is_multiple_of(1024) {
        format!("{} GiB", m / 1024)
    } else {
        format!("{m} MiB")
    }
}

fn platform_rules(r: &mut Rules<'_>, w: &Workload, os: Os, arch: Arch) {
    let spot = match &w.count {
        Some(Count::Advanced(c)) => {
            c.spot.is_some()
                || matches!(
                    &c.range,
                    Some(Range::Args(RangeArgs {
                        spot_from: Some(_),
                        ..
                    }))
                )
        }
        _ => false,
    };
    if spot && (os == Os::Windows || arch == Arch::Arm64) {
        let what = if os == Os::Windows {
            "Windows"
        } else {
            "ARM64"
        };
        let path = if r.present("count.spot") {
            "count.spot"
        } else {
            "count.range.spot_from"
        };
        r.error(
            path,
            "spot-platform",
            format!("Fargate Spot does not run {what} tasks"),
            "remove the Spot setting, or use platform linux/x86_64",
        );
    }
    if os != Os::Windows {
        return;
    }
    if w.storage.as_ref().and_then(|s| s.readonly_fs) == Some(true) {
        r.error(
            "storage.readonly_fs",
            "windows-unsupported",
            "Windows tasks cannot have a read-only root file system".into(),
            "remove `storage.readonly_fs`",
        );
    }
    let efs = w
        .storage
        .as_ref()
        .and_then(|s| s.volumes.as_ref())
        .into_iter()
        .flatten()
        .find(|(_, v)| v.efs.is_some());
    if let Some((name, _)) = efs {
        r.error(
            &format!("storage.volumes.{name}.efs"),
            "windows-unsupported",
            "Windows tasks cannot mount EFS volumes".into(),
            "remove `efs` from the volume, or use a Linux platform",
        );
    }
    let connect = match w.network.as_ref().and_then(|n| n.connect.as_ref()) {
        Some(Connect::Enabled(b)) => *b,
        Some(Connect::Args { .. }) => true,
        None => false,
    };
    if connect {
        r.error(
            "network.connect",
            "windows-unsupported",
            "Service Connect does not support Windows tasks".into(),
            "remove `network.connect`",
        );
    }
}

/// Parses `"1-10"` into (min, max).
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once('-')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

fn count_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(Count::Advanced(c)) = &w.count else {
        return;
    };
    let metric_set = c.cpu_percentage.is_some()
        || c.memory_percentage.is_some()
        || c.requests.is_some()
        || c.response_time.is_some()
        || c.queue_delay.is_some();
    if c.spot.is_some() && (c.range.is_some() || metric_set) {
        r.error_at_key(
            "count.spot",
            "exclusive-fields",
            "`count.spot` cannot be combined with autoscaling (`range` and its metrics)".into(),
            "for Spot with autoscaling, use `range: {min, max, spot_from}` instead of `spot`",
        );
    }
    match &c.range {
        Some(range) => {
            let bounds = match range {
                Range::Text(t) => match parse_range(t) {
                    Some(b) => Some(b),
                    None => {
                        r.error(
                            "count.range",
                            "bad-range",
                            format!("`count.range` must look like `1-10`, not \"{t}\""),
                            "write the minimum and maximum task counts as `min-max`",
                        );
                        None
                    }
                },
                Range::Args(a) => Some((a.min, a.max)),
            };
            if let Some((min, max)) = bounds {
                if min > max {
                    r.error(
                        "count.range",
                        "bad-range",
                        format!("`count.range` minimum {min} is above its maximum {max}"),
                        format!("swap them: `{max}-{min}`"),
                    );
                }
                if let Range::Args(RangeArgs {
                    spot_from: Some(s), ..
                }) = range
                {
                    if *s > max {
                        r.error(
                            "count.range.spot_from",
                            "bad-range",
                            format!("`spot_from` {s} is above the maximum {max}: no task would run on Spot"),
                            "set `spot_from` between `min` and `max`",
                        );
                    }
                }
            }
            if !metric_set && c.spot.is_none() {
                r.error_at_key(
                    "count.range",
                    "missing-metric",
                    "`count.range` is set but no scaling metric is".into(),
                    "add `cpu_percentage`, `memory_percentage`, `requests`, `response_time` or `queue_delay`",
                );
            }
        }
        None if metric_set => r.error(
            "count",
            "missing-range",
            "a scaling metric is set but `count.range` is not".into(),
            "add `range: 1-10` (the minimum and maximum task counts)",
        ),
        None => {}
    }
    for (name, metric) in [
        ("cpu_percentage", &c.cpu_percentage),
        ("memory_percentage", &c.memory_percentage),
    ] {
        if let Some(v) = metric.as_ref().and_then(metric_number) {
            if !(0.0..=100.0).contains(&v) || v == 0.0 {
                r.error(
                    &format!("count.{name}"),
                    "bad-percentage",
                    format!("`count.{name}` must be above 0 and at most 100, not {v}"),
                    "a target around 50-70 leaves room for spikes",
                );
            }
        }
    }
    if let Some(q) = &c.queue_delay {
        match (&q.acceptable_latency, &q.msg_processing_time) {
            (Some(lat), Some(proc_)) => {
                let lat = r.duration("count.queue_delay.acceptable_latency", Some(lat));
                let proc_ = r.duration("count.queue_delay.msg_processing_time", Some(proc_));
                if let (Some(lat), Some(p)) = (lat, proc_) {
                    if p > lat {
                        r.error(
                            "count.queue_delay.msg_processing_time",
                            "bad-queue-delay",
                            "`msg_processing_time` is longer than `acceptable_latency`".into(),
                            "a message must be processed within the latency you accept",
                        );
                    }
                }
            }
            _ => r.error(
                "count.queue_delay",
                "missing-field",
                "`count.queue_delay` needs both `acceptable_latency` and `msg_processing_time`"
                    .into(),
                "e.g. `acceptable_latency: 10m` and `msg_processing_time: 250ms`",
            ),
        }
    }
}

fn metric_number(m: &ScalingMetric) -> Option<f64> {
    match m {
        ScalingMetric::Number(n) => n.as_f64(),
        ScalingMetric::Args(ScalingMetricArgs {
            value: ScalarValue::Number(n),
            ..
        }) => n.as_f64(),
        _ => None,
    }
}

fn storage_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(storage) = &w.storage else { return };
    if let Some(e) = storage.ephemeral {
        if !(20..=200).contains(&e) {
            r.error(
                "storage.ephemeral",
                "bad-ephemeral",
                format!("`storage.ephemeral` must be 20 to 200 GiB, not {e}"),
                "Fargate gives 20 GiB by default; ask for up to 200",
            );
        }
    }
    for (name, v) in storage.volumes.iter().flatten() {
        if let Some(path) = &v.path {
            let ok = !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c));
            if !ok {
                r.error(
                    &format!("storage.volumes.{name}.path"),
                    "bad-path",
                    format!("volume path \"{path}\" may hold only letters, digits, `-`, `.`, `_` and `/`"),
                    "use a plain absolute path such as `/var/data`",
                );
            }
        } else {
            r.error(
                &format!("storage.volumes.{name}"),
                "missing-field",
                format!("volume `{name}` has no `path`"),
                "add `path:` with where the volume is mounted in the container",
            );
        }
    }
}

fn http_rules(r: &mut Rules<'_>, w: &Workload, http: &Http, at: &str) {
    if let Some(v) = &http.version {
        if !matches!(v.to_ascii_uppercase().as_str(), "GRPC" | "HTTP1" | "HTTP2") {
            r.error(
                &format!("{at}.version"),
                "bad-value",
                format!("`{at}.version` must be GRPC, HTTP1 or HTTP2, not \"{v}\""),
                "HTTP1 is the default",
            );
        }
    }
    let aliases = http.alias.as_ref().map_or(0, |a| a.names().len());
    let ips = http.allowed_source_ips.as_ref().map_or(0, Vec::len);
    let conditions = 1 + aliases + ips;
    if conditions > 5 {
        r.error(
            at,
            "too-many-conditions",
            format!(
                "this listener rule would have {conditions} conditions (1 path, {aliases} aliases, {ips} source IPs); a load balancer allows 5"
            ),
            "move some aliases or source IPs to `additional_rules`, or use a wider CIDR",
        );
    }
    for (i, ip) in http.allowed_source_ips.iter().flatten().enumerate() {
        if !is_cidr(ip) {
            r.error(
                &format!("{at}.allowed_source_ips[{i}]"),
                "bad-cidr",
                format!("\"{ip}\" is not a CIDR block"),
                "write an IPv4 block such as `203.0.113.0/24` or `198.51.100.7/32`",
            );
        }
    }
    if let Some(target) = &http.target_container {
        let known =
            w.name == *target || w.sidecars.as_ref().is_some_and(|s| s.contains_key(target));
        if !known {
            r.error(
                &format!("{at}.target_container"),
                "unknown-container",
                format!("`{at}.target_container` names `{target}`, which is not a container of this workload"),
                format!("use `{}` or the name of a sidecar", w.name),
            );
        }
    }
}

fn nlb_rules(r: &mut Rules<'_>, nlb: &Nlb, at: &str) {
    let Some(port) = &nlb.port else {
        if at == "nlb" {
            r.error(
                at,
                "missing-field",
                "`nlb` needs a `port`, such as `443/tls` or `8080/tcp`".into(),
                "add `port:` under `nlb`",
            );
        }
        return;
    };
    let ok = PortSpec::Text(port.clone())
        .parse()
        .is_some_and(|(p, proto)| p > 0 && matches!(proto.as_str(), "tcp" | "udp" | "tls"));
    if !ok {
        r.error(
            &format!("{at}.port"),
            "bad-port",
            format!(
                "`{at}.port` must be a port and TCP, UDP or TLS, such as `443/tls`; not \"{port}\""
            ),
            "write `PORT/PROTOCOL`",
        );
    }
}

fn dependency_rules(r: &mut Rules<'_>, w: &Workload) {
    // Container name -> (essential, depends_on, path of its depends_on).
    let mut containers: BTreeMap<String, (bool, BTreeMap<String, String>, String)> =
        BTreeMap::new();
    let main_deps = w
        .image
        .as_ref()
        .and_then(|i| i.depends_on.clone())
        .unwrap_or_default();
    containers.insert(
        w.name.clone(),
        (
            true,
            main_deps.into_iter().collect(),
            "image.depends_on".into(),
        ),
    );
    for (name, s) in w.sidecars.iter().flatten() {
        containers.insert(
            name.clone(),
            (
                s.essential.unwrap_or(true),
                s.depends_on
                    .clone()
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
                format!("sidecars.{name}.depends_on"),
            ),
        );
        if s.image.is_none() {
            r.error(
                &format!("sidecars.{name}"),
                "missing-field",
                format!("sidecar `{name}` has no `image`"),
                "add `image:` with the sidecar's image URI",
            );
        }
    }
    for (name, (_, deps, path)) in &containers {
        for (target, condition) in deps {
            let at = format!("{path}.{target}");
            let Some((essential, _, _)) = containers.get(target) else {
                r.error_at_key(
                    &at,
                    "unknown-container",
                    format!(
                        "`{name}` depends on `{target}`, which is not a container of this workload"
                    ),
                    format!(
                        "containers here: {}",
                        containers.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            };
            let cond = condition.to_ascii_lowercase();
            if !matches!(cond.as_str(), "start" | "healthy" | "complete" | "success") {
                r.error(
                    &at,
                    "bad-condition",
                    format!("unknown dependency condition \"{condition}\""),
                    "use start, healthy, complete or success",
                );
            } else if *essential && !matches!(cond.as_str(), "start" | "healthy") {
                r.error(
                    &at,
                    "bad-condition",
                    format!("`{target}` is essential, so `{name}` can only wait for it to `start` or be `healthy`"),
                    format!("use `start` or `healthy`, or set `essential: false` on `{target}`"),
                );
            }
        }
    }
    // Cycles: depth-first search over the dependency graph.
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in containers.keys() {
        let mut stack: Vec<&str> = Vec::new();
        if let Some(cycle) = find_cycle(start, &containers, &mut stack, &mut done) {
            let first = cycle[0].clone();
            let path = containers
                .get(&first)
                .map(|c| c.2.clone())
                .unwrap_or_default();
            r.error(
                &path,
                "dependency-cycle",
                format!(
                    "containers depend on each other in a cycle: {}",
                    cycle.join(" -> ")
                ),
                "remove one of these `depends_on` entries",
            );
            break;
        }
    }
}

fn find_cycle<'a>(
    node: &'a str,
    graph: &'a BTreeMap<String, (bool, BTreeMap<String, String>, String)>,
    stack: &mut Vec<&'a str>,
    done: &mut BTreeSet<&'a str>,
) -> Option<Vec<String>> {
    if let Some(i) = stack.iter().position(|n| *n == node) {
        let mut cycle: Vec<String> = stack[i..].iter().map(|s| s.to_string()).collect();
        cycle.push(node.to_string());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    stack.push(node);
    if let Some((_, deps, _)) = graph.get(node) {
        for dep in deps.keys() {
            if let Some(c) = find_cycle(dep, graph, stack, done) {
                return Some(c);
            }
        }
    }
    stack.pop();
    done.insert(node);
    None
}

fn job_rules(r: &mut Rules<'_>, w: &Workload) {
    match &w.on {
        None => r.error(
            "on",
            "missing-field",
            "a Scheduled Job needs `on.schedule`".into(),
            "add `on:` with `schedule: \"@daily\"` (or `rate(1 hour)`, `cron(0 12 * * ? *)`)",
        ),
        Some(on) => {
            if let Err(why) = check_schedule(&on.schedule) {
                r.error(
                    "on.schedule",
                    "bad-schedule",
                    format!("`on.schedule` \"{}\" is not a schedule: {why}", on.schedule),
                    "use `@daily`, `@every 1h30m`, `rate(5 minutes)`, `cron(0 12 * * ? *)` or a 5-field cron",
                );
            }
        }
    }
    if let Some(n) = w.retries {
        if n > 10 {
            r.error(
                "retries",
                "bad-value",
                format!("`retries` must be 0 to 10, not {n}"),
                "Step Functions retries a job at most 10 times",
            );
        }
    }
}

/// Checks a job schedule in any of the forms Copilot accepts.
pub fn check_schedule(s: &str) -> Result<(), String> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("@every ") {
        return match parse_duration(rest) {
            Some(d) if d >= 60.0 => Ok(()),
            Some(_) => Err("the shortest interval is 1m".into()),
            None => Err(format!("\"{rest}\" is not a duration")),
        };
    }
    if s.starts_with('@') {
        return match s {
            "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight"
            | "@hourly" => Ok(()),
            _ => Err("unknown shortcut; use @hourly, @daily, @weekly, @monthly or @yearly".into()),
        };
    }
    if let Some(inner) = s.strip_prefix("rate(").and_then(|r| r.strip_suffix(')')) {
        let mut parts = inner.split_whitespace();
        let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err("rate takes a number and a unit".into());
        };
        let n: u32 = n
            .parse()
            .map_err(|_| format!("\"{n}\" is not a whole number"))?;
        let unit_ok = match unit {
            "minute" | "hour" | "day" => n == 1,
            "minutes" | "hours" | "days" => n > 1,
            _ => return Err(format!("\"{unit}\" is not minutes, hours or days")),
        };
        if !unit_ok {
            return Err(
                "use the singular unit with 1 (`rate(1 hour)`), the plural otherwise".into(),
            );
        }
        return Ok(());
    }
    if let Some(inner) = s.strip_prefix("cron(").and_then(|r| r.strip_suffix(')')) {
        let fields = inner.split_whitespace().count();
        return if fields == 6 {
            Ok(())
        } else {
            Err(format!(
                "an AWS cron expression has 6 fields, this one has {fields}"
            ))
        };
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "a cron expression has 5 fields, this one has {}",
            fields.len()
        ));
    }
    let ok = fields.iter().all(|f| {
        f.chars()
            .all(|c| c.is_ascii_alphanumeric() || "*/,-?LW#".contains(c))
    });
    if ok {
        Ok(())
    } else {
        Err("cron fields hold digits, names and * / , -".into())
    }
}

fn env_files(w: &Workload) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(f) = &w.env_file {
        out.push(("env_file".to_string(), f.clone()));
    }
    if let Some(f) = w.logging.as_ref().and_then(|l| l.env_file.as_ref()) {
        out.push(("logging.env_file".to_string(), f.clone()));
    }
    for (name, s) in w.sidecars.iter().flatten() {
        if let Some(f) = &s.env_file {
            out.push((format!("sidecars.{name}.env_file"), f.clone()));
        }
    }
    out
}

fn duration_fields(r: &mut Rules<'_>, w: &Workload) {
    let mut fields: Vec<(String, Option<String>)> = vec![("timeout".into(), w.timeout.clone())];
    if let Some(hc) = w.image.as_ref().and_then(|i| i.healthcheck.as_ref()) {
        fields.push(("image.healthcheck.interval".into(), hc.interval.clone()));
        fields.push(("image.healthcheck.timeout".into(), hc.timeout.clone()));
        fields.push((
            "image.healthcheck.start_period".into(),
            hc.start_period.clone(),
        ));
    }
    if let Some(HttpOrBool::Config(http)) = &w.http {
        fields.push((
            "http.deregistration_delay".into(),
            http.deregistration_delay.clone(),
        ));
        if let Some(HttpHealthcheck::Args(hc)) = &http.healthcheck {
            fields.push(("http.healthcheck.interval".into(), hc.interval.clone()));
            fields.push(("http.healthcheck.timeout".into(), hc.timeout.clone()));
            fields.push((
                "http.healthcheck.grace_period".into(),
                hc.grace_period.clone(),
            ));
        }
    }
    if let Some(Count::Advanced(c)) = &w.count {
        if let Some(cd) = &c.cooldown {
            fields.push(("count.cooldown.in".into(), cd.scale_in.clone()));
            fields.push(("count.cooldown.out".into(), cd.scale_out.clone()));
        }
        if let Some(ScalingMetric::Text(t)) = &c.response_time {
            fields.push(("count.response_time".into(), Some(t.clone())));
        }
    }
    for (path, value) in fields {
        r.duration(&path, value.as_deref());
    }
}

/// Fills in what Copilot fills in when a field is left out.
pub fn apply_defaults(w: &mut Workload, kind: WorkloadType) {
    w.cpu.get_or_insert(256);
    w.memory.get_or_insert(512);
    w.platform
        .get_or_insert_with(|| Platform::String("linux/x86_64".into()));
    if kind.is_service() {
        w.count.get_or_insert(Count::Value(1));
        let dep = w.deployment.get_or_insert_with(Deployment::default);
        dep.rolling.get_or_insert_with(|| "default".into());
    }
    let net = w.network.get_or_insert_with(Network::default);
    let vpc = net.vpc.get_or_insert_with(WorkloadVpc::default);
    vpc.placement
        .get_or_insert_with(|| Placement::Kind("public".into()));
    if kind == WorkloadType::LoadBalancedWebService && w.http.is_none() && w.nlb.is_none() {
        w.http = Some(HttpOrBool::Config(Box::default()));
    }
    if let Some(HttpOrBool::Config(http)) = &mut w.http {
        if kind == WorkloadType::LoadBalancedWebService {
            http.path.get_or_insert_with(|| "/".into());
        }
        http.healthcheck
            .get_or_insert_with(|| HttpHealthcheck::Path("/".into()));
    }
}

/// Fields that are read and checked but that tug does not act on yet: one warning each.
const UNIMPLEMENTED: &[(&str, &str)] = &[
    (
        "logging",
        "FireLens log routing is not set up yet; logs go to CloudWatch Logs",
    ),
    ("storage.volumes", "volumes and EFS are not mounted yet"),
    ("network.connect", "Service Connect is not configured yet"),
    (
        "taskdef_overrides",
        "task definition overrides are not applied yet",
    ),
    ("observability", "tracing sidecars are not added yet"),
    ("nlb", "Network Load Balancers are not created yet"),
    (
        "deployment.rollback_alarms",
        "rollback alarms are not created yet",
    ),
    (
        "http.hosted_zone",
        "DNS records are not created yet; point your domain at the load balancer yourself",
    ),
    (
        "http.alb",
        "importing an existing load balancer is not supported yet; the environment's is used",
    ),
    (
        "image.credentials",
        "private registry credentials are not used yet",
    ),
    (
        "env_file",
        "env files are not uploaded yet; use `variables`",
    ),
    (
        "count.queue_delay",
        "queue-based autoscaling is not set up yet",
    ),
];

const UNIMPLEMENTED_ENV: &[(&str, &str)] = &[
    ("cdn", "CloudFront distributions are not created yet"),
    (
        "http.public.access_logs",
        "load balancer access logs are not enabled yet",
    ),
    (
        "http.public.ingress",
        "ingress restrictions are not applied yet",
    ),
    (
        "http.private.ingress",
        "ingress restrictions are not applied yet",
    ),
    ("network.vpc.flow_logs", "VPC flow logs are not enabled yet"),
    (
        "network.vpc.security_group",
        "custom environment security group rules are not applied yet",
    ),
];

fn unimplemented(tree: &Node, src: &Arc<SourceFile>, table: &[(&str, &str)]) -> Vec<Diagnostic> {
    table
        .iter()
        .filter_map(|(path, what)| {
            let segs = to_path(path);
            let node = tree.at_path(&segs)?;
            if node.is_null() || node.as_bool() == Some(false) {
                return None;
            }
            let span = tree.key_span_at(&segs).unwrap_or(node.span);
            Some(
                Diagnostic::warning(
                    "not-implemented",
                    format!("`{path}` is read but not acted on yet: {what}"),
                )
                .at(src, span)
                .help("the rest of the manifest deploys as usual; this field is ignored for now"),
            )
        })
        .collect()
}

pub fn unimplemented_fields(tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    unimplemented(tree, src, UNIMPLEMENTED)
}

pub fn unimplemented_env_fields(tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    unimplemented(tree, src, UNIMPLEMENTED_ENV)
}

/// Whether `text` is an IPv4 CIDR block.
pub fn is_cidr(text: &str) -> bool {
    parse_cidr(text).is_some()
}

/// Parses an IPv4 CIDR block into (network address, prefix length).
pub fn parse_cidr(text: &str) -> Option<(u32, u8)> {
    let (ip, len) = text.trim().split_once('/')?;
    let ip: std::net::Ipv4Addr = ip.parse().ok()?;
    let len: u8 = len.parse().ok()?;
    (len <= 32).then_some((u32::from(ip), len))
}

/// The semantic rules for an environment manifest.
pub fn environment(env: &Environment, tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    let mut r = Rules {
        tree,
        src,
        out: Vec::new(),
    };
    if let Err(why) = check_name(&env.name) {
        r.error(
            "name",
            "bad-name",
            format!("`{}` is not a valid environment name: {why}", env.name),
            name_help(&env.name),
        );
    }
    if let Some(nat) = &env.nat {
        if !matches!(nat.as_str(), "per-az" | "single" | "none") {
            r.error(
                "nat",
                "bad-value",
                format!("`nat` must be `per-az`, `single` or `none`, not \"{nat}\""),
                "`per-az` survives an AZ outage; `single` costs less",
            );
        }
    }
    if let Some(vpc) = env.network.as_ref().and_then(|n| n.vpc.as_ref()) {
        vpc_rules(&mut r, vpc);
    }
    for (i, group) in env.capacity.iter().flatten().enumerate() {
        if group.count == Some(0) {
            r.error(
                &format!("capacity[{i}].count"),
                "bad-value",
                "a capacity group needs at least 1 instance".into(),
                "remove the group, or set `count: 1` or more",
            );
        }
    }
    r.out
}

fn vpc_rules(r: &mut Rules<'_>, vpc: &EnvVpc) {
    let subnets = vpc.subnets.clone().unwrap_or_default();
    let public = subnets.public.unwrap_or_default();
    let private = subnets.private.unwrap_or_default();
    if vpc.id.is_some() && vpc.cidr.is_some() {
        r.error_at_key(
            "network.vpc.cidr",
            "exclusive-fields",
            "`network.vpc.id` imports a VPC and `network.vpc.cidr` creates one: set only one"
                .into(),
            "remove `cidr` to import the VPC, or `id` to have tug create it",
        );
        return;
    }
    if vpc.id.is_some() {
        for (kind, list) in [("public", &public), ("private", &private)] {
            for (i, s) in list.iter().enumerate() {
                if s.id.is_none() {
                    r.error(
                        &format!("network.vpc.subnets.{kind}[{i}]"),
                        "missing-field",
                        "an imported VPC's subnets are given by `id`".into(),
                        "write `- id: subnet-0123456789abcdef0`",
                    );
                }
            }
            if list.len() == 1 {
                r.error(
                    &format!("network.vpc.subnets.{kind}"),
                    "too-few-subnets",
                    format!("an imported VPC needs at least 2 {kind} subnets (in 2 AZs), found 1"),
                    format!("add another {kind} subnet in a second Availability Zone"),
                );
            }
        }
        if public.is_empty() && private.is_empty() {
            r.error(
                "network.vpc",
                "too-few-subnets",
                "an imported VPC needs its subnets: at least 2 public or 2 private".into(),
                "add `subnets:` with `public:` and/or `private:` lists of `- id: subnet-...`",
            );
        }
        return;
    }
    if let Some(cidr) = &vpc.cidr {
        if !is_cidr(cidr) {
            r.error(
                "network.vpc.cidr",
                "bad-cidr",
                format!("\"{cidr}\" is not a CIDR block"),
                "write an IPv4 block such as `10.0.0.0/16`",
            );
        }
    }
    let mut azs: Vec<(&str, Vec<String>)> = Vec::new();
    for (kind, list) in [("public", &public), ("private", &private)] {
        let mut kind_azs = Vec::new();
        for (i, s) in list.iter().enumerate() {
            let at = format!("network.vpc.subnets.{kind}[{i}]");
            if s.id.is_some() {
                r.error(
                    &format!("{at}.id"),
                    "exclusive-fields",
                    "a subnet `id` can only be used with an imported VPC (`network.vpc.id`)".into(),
                    "give `cidr` and `az` for subnets tug creates",
                );
                continue;
            }
            match &s.cidr {
                Some(c) if !is_cidr(c) => r.error(
                    &format!("{at}.cidr"),
                    "bad-cidr",
                    format!("\"{c}\" is not a CIDR block"),
                    "write an IPv4 block such as `10.0.0.0/24`",
                ),
                None => r.error(
                    &at,
                    "missing-field",
                    "a subnet tug creates needs `cidr`".into(),
                    "add `cidr: 10.0.4.0/24` (inside the VPC's CIDR)",
                ),
                _ => {}
            }
            if let Some(az) = &s.az {
                kind_azs.push(az.clone());
            }
        }
        if !list.is_empty() && list.len() < 2 {
            r.error(
                &format!("network.vpc.subnets.{kind}"),
                "too-few-subnets",
                format!(
                    "at least 2 {kind} subnets are needed (in 2 AZs), found {}",
                    list.len()
                ),
                "add a subnet in a second Availability Zone",
            );
        }
        if !kind_azs.is_empty() && kind_azs.len() != list.len() {
            r.error(
                &format!("network.vpc.subnets.{kind}"),
                "missing-field",
                "give `az` for every subnet, or for none".into(),
                "add `az:` to each subnet",
            );
        } else {
            same_az_rules(r, kind, list);
        }
        azs.push((kind, kind_azs));
    }
    if let [(_, pub_azs), (_, priv_azs)] = azs.as_slice() {
        let a: BTreeSet<&String> = pub_azs.iter().collect();
        let b: BTreeSet<&String> = priv_azs.iter().collect();
        if !a.is_empty() && !b.is_empty() && a != b {
            r.error(
                "network.vpc.subnets",
                "az-mismatch",
                "public and private subnets must be in the same Availability Zones".into(),
                format!(
                    "public: {}; private: {}",
                    a.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    b.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
}

/// Spec: "CIDR count = AZ count >= 2". tug creates one subnet of each kind per
/// Availability Zone, so two subnets of one kind in the same AZ are an error (and subnets
/// all in one AZ never span the 2 AZs a load balancer needs).
fn same_az_rules(r: &mut Rules<'_>, kind: &str, list: &[EnvSubnet]) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in list.iter().enumerate() {
        let Some(az) = s.az.as_deref() else { continue };
        match first.get(az) {
            None => {
                first.insert(az, i);
            }
            Some(&j) => {
                let distinct = list
                    .iter()
                    .filter_map(|s| s.az.as_deref())
                    .collect::<BTreeSet<_>>()
                    .len();
                let help = if distinct < 2 {
                    format!(
                        "the {kind} subnets must span at least 2 Availability Zones: \
                         move this one to another AZ"
                    )
                } else {
                    format!(
                        "tug creates one {kind} subnet per Availability Zone: \
                         move this one to another AZ, or remove it"
                    )
                };
                r.error(
                    &format!("network.vpc.subnets.{kind}[{i}].az"),
                    "duplicate-az",
                    format!(
                        "a second {kind} subnet in `{az}` \
                         (the first is `network.vpc.subnets.{kind}[{j}]`)"
                    ),
                    help,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_duration("1h30m"), Some(5400.0));
        assert_eq!(parse_duration("2m30s"), Some(150.0));
        assert_eq!(parse_duration("250ms"), Some(0.25));
        assert_eq!(parse_duration("5"), None);
        assert_eq!(parse_duration("fast"), None);
    }

    #[test]
    fn names() {
        assert!(check_name("api").is_ok());
        assert!(check_name("a").is_err());
        assert!(check_name("Api").is_err());
        assert!(check_name("my--api").is_err());
        assert!(check_name("api-").is_err());
        assert!(check_name("1api").is_err());
        assert_eq!(suggest_name("gRPC").as_deref(), Some("grpc"));
        assert_eq!(suggest_name("My_App").as_deref(), Some("my-app"));
        assert_eq!(suggest_name("a"), None);
        assert_eq!(suggest_name("1api"), None);
        assert_eq!(name_help("a"), NAME_RULE);
    }

    #[test]
    fn schedules() {
        for ok in [
            "@daily",
            "@every 1h30m",
            "rate(5 minutes)",
            "rate(1 hour)",
            "cron(0 12 * * ? *)",
            "0 */2 * * *",
            "0 12 * * MON",
        ] {
            assert!(check_schedule(ok).is_ok(), "{ok}");
        }
        for bad in [
            "@sometimes",
            "rate(5 minute)",
            "cron(0 12 * *)",
            "every day",
        ] {
            assert!(check_schedule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths() {
        assert_eq!(
            to_path("a.b[2].c"),
            vec![
                PathSeg::Key("a".into()),
                PathSeg::Key("b".into()),
                PathSeg::Index(2),
                PathSeg::Key("c".into())
            ]
        );
    }
}
