//! The rules that keep render from meeting a mistake: each case is a manifest with one
//! mistake, and the located diagnostic it gets (code, message, line:col).

use std::path::Path;

use crate::diag::Diagnostic;
use crate::manifest::{self, Options};

const WEB: &str =
    "name: web\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n";
const WORKER: &str = "name: jobs\ntype: Worker Service\nimage:\n  location: nginx\n";
const JOB: &str = "name: nightly\ntype: Scheduled Job\nimage:\n  location: nginx\n";
const ENV: &str = "name: test\ntype: Environment\n";

fn loaded(yaml: &str) -> manifest::Loaded {
    manifest::parse(Path::new("m.yml"), "m.yml", yaml.as_bytes().to_vec()).expect("parses")
}

pub(super) fn workload_diags(yaml: &str) -> Vec<Diagnostic> {
    let opts = Options {
        app: "shop",
        env: Some("test"),
        unset_is_error: true,
        lookup: &|_| None,
        root: None,
        domain: None,
    };
    manifest::workload(&loaded(yaml), &opts).1
}

fn environment_diags(yaml: &str) -> Vec<Diagnostic> {
    manifest::environment(&loaded(yaml)).1
}

/// The diagnostics of workload `w` in environment `env`, both valid on their own.
fn cross_diags(w: &str, env: &str) -> Vec<Diagnostic> {
    let opts = Options {
        app: "shop",
        env: Some("test"),
        unset_is_error: true,
        lookup: &|_| None,
        root: None,
        domain: None,
    };
    let l = loaded(w);
    let (effective, d) = manifest::workload(&l, &opts);
    let effective = effective.unwrap_or_else(|| panic!("{d:?}"));
    let (env, d) = manifest::environment(&loaded(env));
    let env = env.unwrap_or_else(|| panic!("{d:?}"));
    super::workload_in_environment(&effective.workload, &effective.tree, &l.source, &env)
}

/// Exactly one error, with `code`, a message holding `message`, at `line`:`col`, with help.
pub(super) fn one(diags: Vec<Diagnostic>, code: &str, message: &str, (line, col): (usize, usize)) {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let got: Vec<_> = errors
        .iter()
        .map(|d| {
            (
                d.code,
                d.message.clone(),
                d.span.map(|s| (s.line, s.column)),
            )
        })
        .collect();
    assert_eq!(errors.len(), 1, "{got:#?}");
    let d = errors[0];
    assert_eq!(d.code, code, "{got:#?}");
    assert!(d.message.contains(message), "{got:#?}");
    assert_eq!(
        d.span.map(|s| (s.line, s.column)),
        Some((line, col)),
        "{got:#?}"
    );
    assert!(d.help.as_deref().is_some_and(|h| !h.is_empty()), "{got:#?}");
}

#[test]
fn schedules_eventbridge_cannot_run() {
    let every = format!("{JOB}on:\n  schedule: '@every 90s'\n");
    one(
        workload_diags(&every),
        "bad-schedule",
        "whole minutes",
        (6, 13),
    );
    let both = format!("{JOB}on:\n  schedule: '0 12 1 * MON'\n");
    one(
        workload_diags(&both),
        "bad-schedule",
        "day of the week",
        (6, 13),
    );
    let day = format!("{JOB}on:\n  schedule: '0 12 * * 8'\n");
    one(
        workload_diags(&day),
        "bad-schedule",
        "not a day of the week",
        (6, 13),
    );
}

#[test]
fn a_job_timeout_is_a_second_or_more() {
    let j = format!("{JOB}on:\n  schedule: '@daily'\ntimeout: 0s\n");
    one(workload_diags(&j), "bad-value", "1s or more", (7, 10));
}

#[test]
fn topics_have_names_sns_takes_once_each() {
    let bad = format!("{WEB}publish:\n  topics:\n    - name: a.b\n");
    one(workload_diags(&bad), "bad-topic-name", "`a.b`", (8, 13));
    let twice = format!("{WEB}publish:\n  topics:\n    - name: a\n    - name: a\n");
    one(
        workload_diags(&twice),
        "duplicate-topic",
        "published twice",
        (9, 13),
    );
    // A standard and a FIFO topic may share a name.
    let both =
        format!("{WEB}publish:\n  topics:\n    - name: a\n    - name: a\n      fifo: true\n");
    assert!(!workload_diags(&both).iter().any(Diagnostic::is_error));
}

#[test]
fn fifo_settings_are_known_with_known_values() {
    let fifo = |setting: &str| {
        format!("{WEB}publish:\n  topics:\n    - name: a\n      fifo:\n        {setting}\n")
    };
    let value = fifo("throughput_limit: fast");
    one(workload_diags(&value), "bad-value", "`\"fast\"`", (10, 27));
    let unknown = fifo("speed: high");
    one(workload_diags(&unknown), "unknown-key", "`speed`", (10, 9));
    let queue = format!("{WORKER}subscribe:\n  queue:\n    fifo:\n      high_throughput: maybe\n");
    one(
        workload_diags(&queue),
        "bad-value",
        "high_throughput",
        (8, 24),
    );
}

#[test]
fn queue_settings_stay_in_what_sqs_allows() {
    let delay = format!("{WORKER}subscribe:\n  queue:\n    delay: 20m\n");
    one(
        workload_diags(&delay),
        "bad-value",
        "from 0s to 900s",
        (7, 12),
    );
    let tries = format!("{WORKER}subscribe:\n  queue:\n    dead_letter:\n      tries: 0\n");
    one(workload_diags(&tries), "bad-value", "1 to 1000", (8, 14));
    let own = format!(
        "{WORKER}subscribe:\n  topics:\n    - name: a\n      service: b\n      queue:\n        retention: 400h\n"
    );
    one(workload_diags(&own), "bad-value", "retention", (10, 20));
}

#[test]
fn a_topic_is_subscribed_to_once() {
    let twice = format!(
        "{WORKER}subscribe:\n  topics:\n    - {{name: a, service: b}}\n    - {{name: a, service: b}}\n"
    );
    one(
        workload_diags(&twice),
        "duplicate-subscription",
        "subscribed to twice",
        (8, 7),
    );
}

#[test]
fn a_listener_rule_targets_a_port() {
    let w = format!(
        "{WEB}sidecars:\n  proxy:\n    image: envoy\nhttp:\n  path: /\n  target_container: proxy\n"
    );
    one(workload_diags(&w), "missing-port", "`proxy`", (10, 3));
    // A `target_port` given once gives the container that port for the next rules.
    let ok = format!(
        "{WEB}sidecars:\n  proxy:\n    image: envoy\nhttp:\n  path: /\n  target_container: proxy\n  target_port: 9000\n  additional_rules:\n    - path: /admin\n      target_container: proxy\n"
    );
    assert!(!workload_diags(&ok).iter().any(Diagnostic::is_error));
}

#[test]
fn durations_of_rules_sidecars_and_metrics_are_checked() {
    let rule = format!(
        "{WEB}http:\n  path: /\n  additional_rules:\n    - path: /admin\n      healthcheck:\n        path: /\n        interval: soon\n"
    );
    one(
        workload_diags(&rule),
        "bad-duration",
        "additional_rules[0].healthcheck.interval",
        (12, 19),
    );
    let sidecar = format!(
        "{WEB}sidecars:\n  proxy:\n    image: envoy\n    healthcheck:\n      command: [CMD, 'true']\n      timeout: later\n"
    );
    one(
        workload_diags(&sidecar),
        "bad-duration",
        "sidecars.proxy.healthcheck.timeout",
        (11, 16),
    );
    let cooldown = format!(
        "{WEB}count:\n  range: 1-4\n  cpu_percentage:\n    value: 70\n    cooldown:\n      in: soon\n"
    );
    one(
        workload_diags(&cooldown),
        "bad-duration",
        "count.cpu_percentage.cooldown.in",
        (11, 11),
    );
}

#[test]
fn health_checks_have_a_command() {
    let main = "name: web\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n  healthcheck:\n    interval: 10s\n";
    one(workload_diags(main), "missing-field", "`command`", (7, 5));
    let sidecar = format!(
        "{WEB}sidecars:\n  proxy:\n    image: envoy\n    healthcheck:\n      interval: 10s\n"
    );
    one(
        workload_diags(&sidecar),
        "missing-field",
        "`command`",
        (10, 7),
    );
}

#[test]
fn scaling_targets_are_positive_and_request_metrics_need_http() {
    let zero = format!("{WEB}count:\n  range: 1-4\n  requests: 0\n");
    one(workload_diags(&zero), "bad-metric", "above 0", (8, 13));
    let text = format!("{WEB}count:\n  range: 1-4\n  cpu_percentage: lots\n");
    one(workload_diags(&text), "bad-metric", "above 0", (8, 19));
    let worker = format!("{WORKER}count:\n  range: 1-4\n  requests: 100\n");
    one(workload_diags(&worker), "needs-http", "`requests`", (7, 3));
}

#[test]
fn where_tasks_run_is_something_tug_can_set_up() {
    let tags = format!(
        "{WEB}network:\n  vpc:\n    placement:\n      subnets:\n        from_tags:\n          tier: app\n"
    );
    one(workload_diags(&tags), "not-supported", "by tags", (10, 9));
    let groups = format!("{WEB}network:\n  vpc:\n    security_groups:\n      deny_default: true\n");
    one(
        workload_diags(&groups),
        "no-security-group",
        "no security group",
        (9, 21),
    );
}

#[test]
fn secret_arns_name_a_store() {
    let w = format!("{WEB}secrets:\n  DB: arn:aws:s3:::bucket/key\n");
    one(workload_diags(&w), "bad-secret", "`secrets.DB`", (7, 7));
    let ok = format!("{WEB}secrets:\n  DB: arn:aws:ssm:us-east-1:123456789012:parameter/db\n");
    assert!(!workload_diags(&ok).iter().any(Diagnostic::is_error));
}

#[test]
fn sidecars_have_an_image_and_a_port_render_can_read() {
    let image = format!("{WEB}sidecars:\n  proxy:\n    image: {{}}\n");
    one(workload_diags(&image), "missing-image", "`proxy`", (8, 12));
    // What the main image takes besides `build`/`location` belongs to the sidecar itself.
    let misplaced =
        format!("{WEB}sidecars:\n  proxy:\n    image:\n      location: envoy\n      port: 80\n");
    one(
        workload_diags(&misplaced),
        "misplaced-field",
        "not `port`",
        (10, 13),
    );
    let port = format!("{WEB}sidecars:\n  proxy:\n    image: envoy\n    port: http\n");
    one(
        workload_diags(&port),
        "bad-port",
        "`sidecars.proxy.port`",
        (9, 11),
    );
}

#[test]
fn environment_settings_render_can_build() {
    let insights = format!("{ENV}observability:\n  container_insights: lots\n");
    one(
        environment_diags(&insights),
        "bad-value",
        "container_insights",
        (4, 23),
    );
    let nat = format!(
        "{ENV}nat: single\nnetwork:\n  vpc:\n    subnets:\n      private:\n        - cidr: 10.0.2.0/24\n        - cidr: 10.0.3.0/24\n"
    );
    one(
        environment_diags(&nat),
        "needs-subnets",
        "NAT gateways need public subnets",
        (3, 6),
    );
    let alb = format!(
        "{ENV}network:\n  vpc:\n    id: vpc-1\n    subnets:\n      private:\n        - id: subnet-1\n        - id: subnet-2\nhttp:\n  public:\n    ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06\n"
    );
    one(
        environment_diags(&alb),
        "needs-subnets",
        "public subnets",
        (11, 3),
    );
}

const PRIVATE_ONLY: &str = "name: test\ntype: Environment\nnetwork:\n  vpc:\n    id: vpc-1\n    subnets:\n      private:\n        - id: subnet-1\n        - id: subnet-2\n";

#[test]
fn a_workload_needs_the_subnets_of_its_load_balancer() {
    one(
        cross_diags(WEB, PRIVATE_ONLY),
        "needs-subnets",
        "needs public subnets, and environment `test` has none",
        (2, 1),
    );
    let api = "name: api\ntype: Backend Service\nimage:\n  location: nginx\n  port: 80\nhttp:\n  path: /api\n";
    let public_only = "name: test\ntype: Environment\nnetwork:\n  vpc:\n    id: vpc-1\n    subnets:\n      public:\n        - id: subnet-1\n        - id: subnet-2\n";
    one(
        cross_diags(api, public_only),
        "needs-subnets",
        "needs private subnets",
        (6, 1),
    );
    assert!(cross_diags(api, PRIVATE_ONLY).is_empty());
    assert!(cross_diags(WEB, ENV).is_empty());
}

#[test]
fn private_tasks_need_public_subnets_for_their_nat_gateways() {
    let api = "name: api\ntype: Backend Service\nimage:\n  location: nginx\nnetwork:\n  vpc:\n    placement: private\n";
    let created = "name: test\ntype: Environment\nnetwork:\n  vpc:\n    subnets:\n      private:\n        - cidr: 10.0.2.0/24\n        - cidr: 10.0.3.0/24\n";
    one(
        cross_diags(api, created),
        "needs-subnets",
        "NAT gateways",
        (7, 16),
    );
    let no_nat = format!("{created}nat: none\n");
    assert!(cross_diags(api, &no_nat).is_empty());
}

#[test]
fn rollback_alarms_are_ones_cloudwatch_and_ecs_can_use() {
    let over = format!("{WEB}deployment:\n  rollback_alarms:\n    cpu_utilization: 120\n");
    one(
        workload_diags(&over),
        "bad-percentage",
        "at most 100, not 120",
        (8, 22),
    );
    let zero = format!("{WEB}deployment:\n  rollback_alarms:\n    memory_utilization: 0\n");
    one(
        workload_diags(&zero),
        "bad-percentage",
        "`deployment.rollback_alarms.memory_utilization` must be above 0",
        (8, 25),
    );
    let web = format!("{WEB}deployment:\n  rollback_alarms:\n    messages_delayed: 3\n");
    one(
        workload_diags(&web),
        "needs-queue",
        "a Load Balanced Web Service has none",
        (8, 5),
    );
    let none = format!("{WORKER}deployment:\n  rollback_alarms:\n    messages_delayed: 0\n");
    one(workload_diags(&none), "bad-value", "1 or more", (7, 23));
    let empty = format!("{WEB}deployment:\n  rollback_alarms: [\"web-5xx\", \"\"]\n");
    one(
        workload_diags(&empty),
        "bad-alarm-name",
        "`deployment.rollback_alarms[1]` is not a CloudWatch alarm name: it is empty",
        (7, 32),
    );
    let long = format!(
        "{WEB}deployment:\n  rollback_alarms:\n    - {}\n",
        "a".repeat(256)
    );
    one(
        workload_diags(&long),
        "bad-alarm-name",
        "256 characters",
        (8, 7),
    );
    let fine = format!(
        "{WORKER}deployment:\n  rollback_alarms: {{cpu_utilization: 100, memory_utilization: 0.5, messages_delayed: 1}}\n"
    );
    assert!(!workload_diags(&fine).iter().any(Diagnostic::is_error));
}

#[test]
fn queue_delay_scales_a_worker_on_a_time_above_zero() {
    let delay = "  queue_delay:\n    acceptable_latency: 1m\n    msg_processing_time:";
    let web = format!("{WEB}count:\n  range: 1-4\n{delay} 1s\n");
    one(
        workload_diags(&web),
        "needs-queue",
        "needs a Worker Service's queues",
        (8, 3),
    );
    let zero = format!("{WORKER}count:\n  range: 1-4\n{delay} 0s\n");
    one(workload_diags(&zero), "bad-queue-delay", "above 0", (9, 26));
    let cooldown =
        format!("{WORKER}count:\n  range: 1-4\n{delay} 1s\n    cooldown:\n      in: soon\n");
    one(
        workload_diags(&cooldown),
        "bad-duration",
        "count.queue_delay.cooldown.in",
        (11, 11),
    );
}

#[test]
fn queue_delay_counts_tasks_with_container_insights() {
    let worker = format!(
        "{WORKER}count:\n  range: 1-4\n  queue_delay:\n    acceptable_latency: 1m\n    msg_processing_time: 1s\n"
    );
    let off = format!("{ENV}observability:\n  container_insights: false\n");
    one(
        cross_diags(&worker, &off),
        "needs-container-insights",
        "which is turned off in environment `test`",
        (7, 3),
    );
    // Unset: the account's default may turn it on; a warning, located the same way.
    let unset = cross_diags(&worker, ENV);
    assert!(!unset.iter().any(Diagnostic::is_error), "{unset:?}");
    let warning = unset
        .iter()
        .find(|d| d.code == "needs-container-insights")
        .expect("a warning");
    assert_eq!(warning.span.map(|s| (s.line, s.column)), Some((7, 3)));
    for on in ["true", "enhanced"] {
        let env = format!("{ENV}observability:\n  container_insights: {on}\n");
        assert!(cross_diags(&worker, &env).is_empty(), "{on}");
    }
}

#[test]
fn service_connect_is_for_services_and_not_on_windows() {
    one(
        workload_diags(&format!(
            "{JOB}on:\n  schedule: '@daily'\nnetwork:\n  connect: true\n"
        )),
        "field-not-allowed",
        "a Scheduled Job does not use Service Connect",
        (8, 3),
    );
    one(
        workload_diags(&format!(
            "{WEB}http:\n  path: /\nplatform: windows/x86_64\ncpu: 1024\nmemory: 2048\nnetwork:\n  connect:\n    alias: web.local\n"
        )),
        "windows-unsupported",
        "Service Connect does not support Windows tasks",
        (13, 5),
    );
    // `connect: {}` is off, as in Copilot: nothing to refuse on Windows.
    let off = workload_diags(&format!(
        "{WEB}http:\n  path: /\nplatform: windows/x86_64\ncpu: 1024\nmemory: 2048\nnetwork:\n  connect: {{}}\n"
    ));
    assert!(!off.iter().any(|d| d.is_error()), "{off:#?}");
}

#[test]
fn an_alias_without_a_port_is_a_client_only_warning() {
    let diags = workload_diags(&format!(
        "{WORKER}network:\n  connect:\n    alias: jobs.local\n"
    ));
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:#?}");
    let w = diags
        .iter()
        .find(|d| d.code == "connect-client-only")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(
        w.message.contains("no service reaches it at `jobs.local`"),
        "{w:?}"
    );
    assert_eq!(w.span.map(|s| (s.line, s.column)), Some((7, 12)));
    // A web service always has a port: its alias is what clients use.
    let web = workload_diags(&format!(
        "{WEB}http:\n  path: /\nnetwork:\n  connect:\n    alias: web.local\n"
    ));
    assert!(
        !web.iter().any(|d| d.code == "connect-client-only"),
        "{web:#?}"
    );
    assert!(!web.iter().any(|d| d.code == "not-implemented"), "{web:#?}");
}

/// The diagnostics of workload `yaml` in a repository at `root` (files are looked for).
fn in_repo(yaml: &str, root: &Path) -> Vec<Diagnostic> {
    let opts = Options {
        app: "shop",
        env: Some("test"),
        unset_is_error: true,
        lookup: &|_| None,
        root: Some(root),
        domain: None,
    };
    manifest::workload(&loaded(yaml), &opts).1
}

#[test]
fn env_files_are_files_inside_the_repository() {
    let repo = tempfile::tempdir().expect("tempdir");
    let root = repo.path();
    std::fs::create_dir_all(root.join("config/dir.env")).expect("mkdir");
    std::fs::write(root.join("config/web.env"), "A=1\n").expect("write");
    let with = |file: &str| format!("{WEB}env_file: {file}\n");
    for fine in [
        "config/web.env".to_string(),
        "./config/../config/web.env".to_string(),
        root.join("config/web.env").display().to_string(),
    ] {
        let d = in_repo(&with(&fine), root);
        assert!(!d.iter().any(Diagnostic::is_error), "{fine}: {d:#?}");
    }
    let missing = in_repo(&with("config/gone.env"), root);
    one(
        missing,
        "missing-env-file",
        "no file \"config/gone.env\" in the repository",
        (6, 11),
    );
    one(
        in_repo(&with("config/dir.env"), root),
        "missing-env-file",
        "config/dir.env",
        (6, 11),
    );
    one(
        in_repo(&with("../secrets.env"), root),
        "env-file-outside-repo",
        "outside the repository: \"../secrets.env\"",
        (6, 11),
    );
    // Copilot joined even an absolute path to the repository root: say so.
    let d = in_repo(&with("/config/web.env"), root);
    one(d.clone(), "env-file-outside-repo", "outside", (6, 11));
    let help = d
        .iter()
        .find(|x| x.is_error())
        .and_then(|x| x.help.clone())
        .unwrap_or_default();
    assert!(help.contains("did you mean `config/web.env`?"), "{help}");
    let sidecar = format!("{WEB}sidecars:\n  proxy:\n    image: nginx\n    env_file: proxy.env\n");
    one(
        in_repo(&sidecar, root),
        "missing-env-file",
        "`sidecars.proxy.env_file`",
        (9, 15),
    );
    // Without a repository (a file outside any workspace), only the name is checked.
    let d = workload_diags(&with("config/gone.env"));
    assert!(!d.iter().any(Diagnostic::is_error), "{d:#?}");
}

#[cfg(unix)]
#[test]
fn an_env_file_linking_out_of_the_repository_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("real.env"), "A=1\n").expect("write");
    let repo = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path().join("real.env"), repo.path().join("web.env"))
        .expect("symlink");
    one(
        in_repo(&format!("{WEB}env_file: web.env\n"), repo.path()),
        "env-file-outside-repo",
        "a link to a file outside the repository",
        (6, 11),
    );
}

/// A workload that builds its image with `build` (the YAML under `image:`).
fn building(build: &str) -> String {
    format!("name: web\ntype: Backend Service\nimage:\n{build}")
}

#[test]
fn build_paths_stay_inside_the_repository() {
    let repo = tempfile::tempdir().expect("tempdir");
    let root = repo.path();
    std::fs::create_dir_all(root.join("api")).expect("mkdir");
    for fine in [
        "  build: api/Dockerfile\n".to_string(),
        "  build:\n    context: .\n    dockerfile: ./api/../api/Dockerfile\n".to_string(),
        format!("  build:\n    context: {}\n", root.join("api").display()),
        // Not there yet: the build says so; the path itself is inside.
        "  build:\n    context: later\n".to_string(),
    ] {
        let d = in_repo(&building(&fine), root);
        assert!(!d.iter().any(Diagnostic::is_error), "{fine}: {d:#?}");
    }
    one(
        in_repo(&building("  build: ../other/Dockerfile\n"), root),
        "build-outside-repo",
        "`image.build` names a folder outside the repository: \"../other/Dockerfile\"",
        (4, 10),
    );
    one(
        in_repo(&building("  build:\n    context: api/../..\n"), root),
        "build-outside-repo",
        "`image.build.context` names a folder outside the repository",
        (5, 14),
    );
    one(
        in_repo(
            &building("  build:\n    dockerfile: /etc/Dockerfile\n"),
            root,
        ),
        "build-outside-repo",
        "`image.build.dockerfile` names a folder outside the repository: \"/etc/Dockerfile\"",
        (5, 17),
    );
    let sidecar = "  build: api/Dockerfile\nsidecars:\n  proxy:\n    image:\n      build:\n        context: ../../x\n";
    one(
        in_repo(&building(sidecar), root),
        "build-outside-repo",
        "`sidecars.proxy.image.build.context`",
        (9, 18),
    );
}

#[cfg(unix)]
#[test]
fn a_build_path_through_a_link_out_of_the_repository_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("Dockerfile"), "FROM scratch\n").expect("write");
    let repo = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), repo.path().join("vendor")).expect("symlink");
    for build in [
        "  build: vendor/Dockerfile\n",
        "  build:\n    context: vendor\n",
        // `vendor/..` is the folder above the link's target, as the engine sees it.
        "  build:\n    context: vendor/../x\n",
    ] {
        let d = in_repo(&building(build), repo.path());
        let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{build}: {d:#?}");
        assert_eq!(errors[0].code, "build-outside-repo", "{build}: {d:#?}");
        assert!(
            errors[0]
                .message
                .contains("a link to a folder outside the repository"),
            "{build}: {d:#?}"
        );
    }
}

#[test]
fn subnet_and_security_group_ids_are_ids() {
    let net = |vpc: &str| format!("{JOB}on:\n  schedule: \"@daily\"\nnetwork:\n  vpc:\n{vpc}");
    let fine = "    placement:\n      subnets: [subnet-0123456789abcdef0, subnet-landing-a]\n    security_groups: [sg-0123, {from_cfn: shared-sg}]\n";
    let d = workload_diags(&net(fine));
    assert!(!d.iter().any(Diagnostic::is_error), "{d:#?}");
    // A quote would end the JSON string of the state machine definition.
    one(
        workload_diags(&net(
            "    security_groups: [sg-1, 'sg-2\"],\"Cluster\":\"x']\n",
        )),
        "bad-resource-id",
        "`network.vpc.security_groups[1]`: \"sg-2\"],\"Cluster\":\"x\" is not a security group id",
        (9, 29),
    );
    one(
        workload_diags(&net(
            "    security_groups:\n      groups: [sg-1, '${AWS::AccountId}']\n",
        )),
        "bad-resource-id",
        "`network.vpc.security_groups.groups[1]`",
        (10, 22),
    );
    one(
        workload_diags(&net("    placement:\n      subnets: [\"subnet-1 \"]\n")),
        "bad-resource-id",
        "\"subnet-1 \" is not a subnet id",
        (10, 17),
    );
    let env = "name: test\ntype: Environment\nnetwork:\n  vpc:\n    id: vpc-1\n    subnets:\n      public:\n        - id: mock-subnet-id-1\n        - id: 'subnet-2\"'\n";
    one(
        environment_diags(env),
        "bad-resource-id",
        "\"subnet-2\"\" is not a subnet id",
        (9, 15),
    );
}

#[test]
fn no_environment_takes_the_bootstrap_stacks_name() {
    one(
        environment_diags("name: bootstrap\ntype: Environment\n"),
        "bad-name",
        "tug-<app>-bootstrap",
        (1, 7),
    );
}

#[test]
fn a_log_kms_key_is_a_key_arn() {
    let alias = format!("{JOB}on:\n  schedule: \"@daily\"\nlogging:\n  kms_key: alias/logs\n");
    one(
        workload_diags(&alias),
        "bad-value",
        "is not the ARN of a KMS key",
        (8, 12),
    );
    let arn = format!(
        "{JOB}on:\n  schedule: \"@daily\"\nlogging:\n  kms_key: arn:aws:kms:eu-west-1:111122223333:key/mrk-0123\n"
    );
    assert!(workload_diags(&arn).iter().all(|d| !d.is_error()));
}

#[test]
fn the_tasks_security_groups_fit_a_network_interface() {
    let groups = |n: usize| -> String {
        (0..n)
            .map(|i| format!("      - sg-0{i}\n"))
            .collect::<String>()
    };
    // Four of yours and the environment's leave no room for the load balancer's own
    // group: the service goes without it (a warning), as in Copilot.
    let w = format!("{WEB}network:\n  vpc:\n    security_groups:\n{}", groups(4));
    let diags = workload_diags(&w);
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:#?}");
    let warned: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "load-balancer-every-port")
        .collect();
    assert_eq!(warned.len(), 1, "{diags:#?}");
    assert!(
        warned[0].message.contains("(5 security groups already"),
        "{diags:#?}"
    );
    assert_eq!(
        warned[0].help.as_deref(),
        Some("list at most 3 in `network.vpc.security_groups`")
    );
    let fits = format!("{WEB}network:\n  vpc:\n    security_groups:\n{}", groups(3));
    assert!(
        workload_diags(&fits).is_empty(),
        "{:#?}",
        workload_diags(&fits)
    );
    // `deny_default` leaves the environment's out.
    let deny = format!(
        "{WEB}network:\n  vpc:\n    security_groups:\n      deny_default: true\n      groups:\n{}",
        groups(4).replace("      -", "        -")
    );
    assert!(
        workload_diags(&deny).is_empty(),
        "{:#?}",
        workload_diags(&deny)
    );
    // ... and then the load balancer's group must fit: the environment's rule for every
    // port does not reach tasks outside its group.
    let deny = format!(
        "{WEB}network:\n  vpc:\n    security_groups:\n      deny_default: true\n      groups:\n{}",
        groups(5).replace("      -", "        -")
    );
    one(
        workload_diags(&deny),
        "too-many-security-groups",
        "the tasks would have 6 security groups (5 of `network.vpc.security_groups` and the one that lets the load balancer in)",
        (8, 5),
    );
    // Beside `nlb`, whose group the tasks need: an error past five.
    let both = format!(
        "{WEB}http:\n  path: /\nnlb:\n  port: 7000/tcp\nnetwork:\n  vpc:\n    security_groups:\n{}",
        groups(4)
    );
    one(
        workload_diags(&both),
        "too-many-security-groups",
        "the tasks would have 6 security groups (4 of `network.vpc.security_groups`, the environment's and the one that lets the Network Load Balancer in)",
        (12, 5),
    );
    // No load balancer: yours and the environment's.
    let worker = format!(
        "{WORKER}network:\n  vpc:\n    security_groups:\n{}",
        groups(4)
    );
    assert!(!workload_diags(&worker).iter().any(Diagnostic::is_error));
}
