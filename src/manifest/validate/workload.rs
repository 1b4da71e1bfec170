//! The rules for a workload as a whole: its name and type, image, platform and size,
//! files, durations, a job's schedule, and the defaults Copilot fills in.

use crate::fargate::{self, Arch, Os};

use super::containers::container_rules;
use super::containers::{dependency_rules, storage_rules};
use super::http::load_balancing_rules;
use super::messaging::messaging_rules;
use super::scaling::{count_rules, metric_rules};
use super::*;

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

/// The semantic rules for a workload of an application whose domain is `domain`.
pub fn workload(
    w: &Workload,
    tree: &Node,
    src: &Arc<SourceFile>,
    domain: Option<&str>,
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
        if w.runs_on_ec2() && w.kind == WorkloadType::ScheduledJob {
            let field = if w.placement.is_some() {
                "placement"
            } else {
                "capacity_provider"
            };
            r.warning(
                field,
                "not-implemented",
                format!("`{field}` is read but not acted on yet: a Scheduled Job runs on Fargate"),
                "remove it; services run on EC2 capacity, jobs on Fargate",
            );
        }
        if w.runs_on_ec2() && w.kind != WorkloadType::ScheduledJob {
            ec2_size_rules(&mut r, w);
            if w.storage.as_ref().is_some_and(|s| s.ephemeral.is_some()) {
                r.warning(
                    "storage.ephemeral",
                    "not-on-ec2",
                    "`storage.ephemeral` sizes a Fargate task's storage; on EC2 capacity the \
                     task uses its instance's volume, so it is not acted on"
                        .to_string(),
                    "remove it, or size the instances' volume",
                );
            }
        } else {
            size_rules(&mut r, w, os, arch);
        }
        platform_rules(&mut r, w, os, arch);
    }
    count_rules(&mut r, w);
    super::ec2::ec2_rules(&mut r, w);
    super::deployment::rollback_alarm_rules(&mut r, w);
    storage_rules(&mut r, w);
    super::volumes::volume_rules(&mut r, w);
    super::volumes::logging_rules(&mut r, w);
    load_balancing_rules(&mut r, w, domain);
    dependency_rules(&mut r, w);
    network_rules(&mut r, w);
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
    metric_rules(&mut r, w);
    messaging_rules(&mut r, w);
    container_rules(&mut r, w);
    r.out
}

/// `deployment.rolling`, and where the tasks run: placement and security groups.
fn network_rules(r: &mut Rules<'_>, w: &Workload) {
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
    connect_rules(r, w);
    resource_ids(r, w);
    security_group_count(r, w);
    let vpc = w.network.as_ref().and_then(|n| n.vpc.as_ref());
    if let Some(Placement::Subnets(PlacementSubnets {
        subnets: SubnetSelector::Tags(_),
    })) = vpc.and_then(|v| v.placement.as_ref())
    {
        r.error_at_key(
            "network.vpc.placement.subnets.from_tags",
            "not-supported",
            "selecting subnets by tags is not supported yet".into(),
            "list the subnet ids instead: `subnets: [subnet-0123456789abcdef0, ...]`",
        );
    }
    if let (&[], true) = w.listed_security_groups() {
        r.error(
            "network.vpc.security_groups.deny_default",
            "no-security-group",
            "with `deny_default: true` and no `groups`, the tasks would have no security group"
                .into(),
            "list the security groups under `groups`, or drop `deny_default`",
        );
    }
}

/// The security groups of an awsvpc task fit its network interface: those the manifest
/// lists, the environment's (unless `deny_default`), and the service's own for its load
/// balancers (one for the environment's, one for its `nlb`). Without room for the first of
/// those, the service goes without it (as in Copilot, the environment lets the load
/// balancer in on every port: a warning), unless the tasks are not in the environment's
/// group either; without room for the others, an error.
fn security_group_count(r: &mut Rules<'_>, w: &Workload) {
    if !w.kind.is_service() || w.network_mode() != NetworkMode::Awsvpc {
        return;
    }
    let (listed, deny_default) = w.listed_security_groups();
    let listed = listed.len();
    let mut parts = vec![format!("{listed} of `network.vpc.security_groups`")];
    if !deny_default {
        parts.push("the environment's".into());
    } else if w.behind_alb() {
        // The environment's rule for every port reaches only tasks in its group.
        parts.push("the one that lets the load balancer in".into());
    }
    if w.nlb.is_some() {
        parts.push("the one that lets the Network Load Balancer in".into());
    }
    let needed = listed + parts.len() - 1;
    let at = "network.vpc.security_groups";
    let fewer = |total: usize| {
        format!(
            "list at most {} in `network.vpc.security_groups`",
            (MAX_TASK_SECURITY_GROUPS + listed).saturating_sub(total)
        )
    };
    if needed > MAX_TASK_SECURITY_GROUPS {
        let last = parts.pop().unwrap_or_default();
        r.error_at_key(
            at,
            "too-many-security-groups",
            format!(
                "the tasks would have {needed} security groups ({} and {last}), and a task takes at most {MAX_TASK_SECURITY_GROUPS}",
                parts.join(", ")
            ),
            fewer(needed),
        );
    } else if w.behind_alb() && !deny_default && needed == MAX_TASK_SECURITY_GROUPS {
        r.warning(
            at,
            "load-balancer-every-port",
            format!(
                "the tasks have no room for a security group that lets the load balancer in on their target and health check ports only ({needed} security groups already, and a task takes at most {MAX_TASK_SECURITY_GROUPS}): the environment keeps letting it in on every port, as Copilot does"
            ),
            fewer(needed + 1),
        );
    }
}

/// The subnet and security group ids of `network.vpc` look like AWS's (`subnet-...`,
/// `sg-...`): any other text fails on AWS, after the stack has started to deploy.
fn resource_ids(r: &mut Rules<'_>, w: &Workload) {
    let Some(vpc) = w.network.as_ref().and_then(|n| n.vpc.as_ref()) else {
        return;
    };
    let mut ids: Vec<(String, &str, &str, &str)> = Vec::new();
    if let Some(Placement::Subnets(PlacementSubnets {
        subnets: SubnetSelector::Ids(list),
    })) = &vpc.placement
    {
        for (i, id) in list.iter().enumerate() {
            let path = format!("network.vpc.placement.subnets[{i}]");
            ids.push((path, id, "subnet-", "subnet"));
        }
    }
    let (groups, at) = match &vpc.security_groups {
        Some(SecurityGroups::List(l)) => (l.as_slice(), "network.vpc.security_groups"),
        Some(SecurityGroups::Args(a)) => (
            a.groups.as_deref().unwrap_or_default(),
            "network.vpc.security_groups.groups",
        ),
        None => (&[][..], ""),
    };
    for (i, g) in groups.iter().enumerate() {
        if let StringOrFromCfn::String(id) = g {
            ids.push((format!("{at}[{i}]"), id, "sg-", "security group"));
        }
    }
    for (path, id, prefix, what) in ids {
        let valid = id.strip_prefix(prefix).is_some_and(is_id_text);
        if !valid {
            r.error(
                &path,
                "bad-resource-id",
                format!("`{path}`: \"{id}\" is not a {what} id"),
                format!("write the id as AWS shows it, e.g. `{prefix}0123456789abcdef0`"),
            );
        }
    }
}

/// Letters, digits and `-`, as in every AWS resource id: nothing JSON or `!Sub` reads.
pub(super) fn is_id_text(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `network.connect`: Service Connect is for services; one without a port is a client only
/// (as in Copilot), so an `alias` there names nothing.
fn connect_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(connect) = w.service_connect() else {
        return;
    };
    if w.kind == WorkloadType::ScheduledJob {
        r.error_at_key(
            "network.connect",
            "field-not-allowed",
            "a Scheduled Job does not use Service Connect".into(),
            "remove `network.connect`; Service Connect is for services",
        );
        return;
    }
    let port = w.image.as_ref().and_then(|i| i.port).is_some()
        || matches!(&w.http, Some(HttpOrBool::Config(h)) if h.target_port.is_some());
    let serves = match w.kind {
        WorkloadType::LoadBalancedWebService => true,
        WorkloadType::BackendService => port,
        _ => false,
    };
    if let (Some(alias), false) = (connect.alias(), serves) {
        let span = r.span("network.connect.alias");
        r.out.push(
            Diagnostic::warning(
                "connect-client-only",
                format!(
                    "this {} exposes no port, so it is a Service Connect client only: no service reaches it at `{alias}`",
                    w.kind.name()
                ),
            )
            .at(r.src, span)
            .help(if w.kind == WorkloadType::BackendService {
                "set `image.port` to serve on Service Connect, or remove `alias`"
            } else {
                "remove `alias`; this service still reaches the others through Service Connect"
            }),
        );
    }
}

pub(super) fn image_rules(r: &mut Rules<'_>, w: &Workload) {
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

/// A task on EC2 capacity: any cpu from 128 to 196608 units, memory from 6 MiB (the
/// instances must hold it: the simulator checks that).
fn ec2_size_rules(r: &mut Rules<'_>, w: &Workload) {
    if let Some(cpu) = w.cpu.filter(|c| !fargate::EC2_TASK_CPU.contains(c)) {
        r.error(
            "cpu",
            "out-of-range",
            format!(
                "cpu {cpu} is not an EC2 task size: {} to {} units (0.125 to 192 vCPUs)",
                fargate::EC2_TASK_CPU.start(),
                fargate::EC2_TASK_CPU.end()
            ),
            "1024 units are one vCPU",
        );
    }
    if let Some(memory) = w.memory.filter(|m| *m < 6) {
        r.error(
            "memory",
            "out-of-range",
            format!("memory {memory} MiB is below ECS's minimum of 6 MiB"),
            "give the task the MiB its containers need",
        );
    }
}

pub(super) fn size_rules(r: &mut Rules<'_>, w: &Workload, os: Os, arch: Arch) {
    // A cpu or memory field that failed its type check is not judged again here.
    let cpu_bad = r.present("cpu") && w.cpu.is_none();
    let mem_bad = r.present("memory") && w.memory.is_none();
    if cpu_bad || mem_bad {
        return;
    }
    let cpu = w.cpu.unwrap_or(DEFAULT_CPU);
    let memory = w.memory.unwrap_or(DEFAULT_MEMORY);
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

pub(super) fn platform_rules(r: &mut Rules<'_>, w: &Workload, os: Os, arch: Arch) {
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
    if w.service_connect().is_some() {
        r.error(
            "network.connect",
            "windows-unsupported",
            "Service Connect does not support Windows tasks".into(),
            "remove `network.connect`",
        );
    }
}

pub(super) fn job_rules(r: &mut Rules<'_>, w: &Workload) {
    match &w.on {
        None => r.error(
            "on",
            "missing-field",
            "a Scheduled Job needs `on.schedule`".into(),
            "add `on:` with `schedule: \"@daily\"` (or `rate(1 hour)`, `cron(0 12 * * ? *)`)",
        ),
        Some(on) => {
            // What Copilot accepts, and what EventBridge can run.
            let converted = check_schedule(&on.schedule)
                .and_then(|()| crate::manifest::schedule::expression(&on.schedule).map(drop));
            if let Err(why) = converted {
                r.error(
                    "on.schedule",
                    "bad-schedule",
                    format!("`on.schedule` \"{}\" is not a schedule: {why}", on.schedule),
                    "use `@daily`, `@every 1h30m`, `rate(5 minutes)`, `cron(0 12 * * ? *)` or a 5-field cron",
                );
            }
        }
    }
    let timeout = w.timeout.as_deref().and_then(parse_duration);
    if timeout.is_some_and(|t| t.ceil() < 1.0) {
        r.error(
            "timeout",
            "bad-value",
            format!(
                "`timeout` must be 1s or more, not \"{}\"",
                w.timeout.as_deref().unwrap_or("")
            ),
            "leave `timeout` out to let the job run until it ends, or write it like `1h30m`",
        );
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

pub(super) fn env_files(w: &Workload) -> Vec<(String, String)> {
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

pub(super) fn duration_fields(r: &mut Rules<'_>, w: &Workload) {
    let mut fields: Vec<(String, Option<String>)> = vec![("timeout".into(), w.timeout.clone())];
    let healthchecks = w
        .image
        .as_ref()
        .and_then(|i| i.healthcheck.as_ref())
        .map(|hc| ("image.healthcheck".to_string(), hc))
        .into_iter()
        .chain(w.sidecars.iter().flatten().filter_map(|(name, s)| {
            let hc = s.healthcheck.as_ref()?;
            Some((format!("sidecars.{name}.healthcheck"), hc))
        }));
    for (at, hc) in healthchecks {
        fields.push((format!("{at}.interval"), hc.interval.clone()));
        fields.push((format!("{at}.timeout"), hc.timeout.clone()));
        fields.push((format!("{at}.start_period"), hc.start_period.clone()));
    }
    if let Some(HttpOrBool::Config(http)) = &w.http {
        let rules = std::iter::once(("http".to_string(), &**http)).chain(
            http.additional_rules
                .iter()
                .flatten()
                .enumerate()
                .map(|(i, rule)| (format!("http.additional_rules[{i}]"), rule)),
        );
        for (at, rule) in rules {
            let delay = rule.deregistration_delay.clone();
            fields.push((format!("{at}.deregistration_delay"), delay));
            if let Some(HttpHealthcheck::Args(hc)) = &rule.healthcheck {
                fields.push((format!("{at}.healthcheck.interval"), hc.interval.clone()));
                fields.push((format!("{at}.healthcheck.timeout"), hc.timeout.clone()));
                let grace = hc.grace_period.clone();
                fields.push((format!("{at}.healthcheck.grace_period"), grace));
            }
        }
    }
    if let Some(Count::Advanced(c)) = &w.count {
        let cooldowns = c
            .cooldown
            .as_ref()
            .map(|cd| ("count".to_string(), cd))
            .into_iter()
            .chain(
                super::scaling::metrics(c)
                    .into_iter()
                    .filter_map(|(name, m)| Some((format!("count.{name}"), m?.cooldown()?))),
            );
        let queue = c.queue_delay.as_ref().and_then(|q| q.cooldown.as_ref());
        let cooldowns = cooldowns.chain(queue.map(|cd| ("count.queue_delay".to_string(), cd)));
        for (at, cd) in cooldowns {
            fields.push((format!("{at}.cooldown.in"), cd.scale_in.clone()));
            fields.push((format!("{at}.cooldown.out"), cd.scale_out.clone()));
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
    w.cpu.get_or_insert(DEFAULT_CPU);
    w.memory.get_or_insert(DEFAULT_MEMORY);
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
