//! Nothing silently dropped: every field of the workload and environment schemas (walked
//! from the schemas `schemars` derives from the manifest types, so a new field is checked
//! the day it is added) is set, one at a time, on a minimal manifest that otherwise deploys.
//! Either what a deploy sends changes (a stack template or its parameters: the workload's,
//! or the environment's), or `validate` prints the "read but not acted on yet" warning
//! naming the field (or the section it is in). A field may be acted on elsewhere than in a
//! stack (how the image is built): `ELSEWHERE` lists those, each with where it is tested.
//!
//! A warning that names a field whose setting does change the stacks is wrong too: the
//! field is acted on and the user is told otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value as Json;
use serde_yaml_ng::{Mapping, Value};
use tug::deploy::{self, ServicePlan};
use tug::manifest::types::{Environment, Workload};
use tug::workspace::Workspace;

use crate::support::workspace::{tree, write};

/// Fields acted on outside the stacks, and the tests that show it.
const ELSEWHERE: &[(&str, &str)] = &[
    ("name", "names every resource (the baseline has one)"),
    ("type", "chooses the template (the baseline has one)"),
    (
        "environments",
        "per-environment overrides: manifest.rs, render.rs",
    ),
    ("image.build", "the image build: build_deploy.rs, image.rs"),
    (
        "image.build.context",
        "the image build: build_deploy.rs, image.rs",
    ),
    (
        "image.build.dockerfile",
        "the image build: build_deploy.rs, image.rs",
    ),
    ("image.build.args", "the image build: build_deploy.rs"),
    ("image.build.target", "the image build: build_deploy.rs"),
    ("image.build.cache_from", "the image build: build_deploy.rs"),
    ("image.location", "the ContainerImage parameter: deploy.rs"),
    (
        "http.redirect_to_https",
        "only where the environment has HTTPS: render/domain_tests.rs (services_import_the_listener_of_their_environment)",
    ),
    (
        "sidecars.*.image.build",
        "the sidecar's image build: build_deploy.rs (sidecars_with_image_build_...)",
    ),
    (
        "sidecars.*.image.build.context",
        "the sidecar's image build: build_deploy.rs",
    ),
    (
        "sidecars.*.image.build.dockerfile",
        "the sidecar's image build: build_deploy.rs",
    ),
    (
        "sidecars.*.image.build.args",
        "the sidecar's image build: build_deploy.rs",
    ),
    (
        "sidecars.*.image.build.target",
        "the sidecar's image build: build_deploy.rs",
    ),
    (
        "sidecars.*.image.build.cache_from",
        "the sidecar's image build: build_deploy.rs",
    ),
    (
        "network.vpc.subnets.public[].az",
        "each subnet's AvailabilityZone: render.rs (snapshot env-adjust-vpc); one subnet's \
         alone cannot change, as AZs must match and not repeat",
    ),
    (
        "network.vpc.subnets.private[].az",
        "each subnet's AvailabilityZone: render.rs (snapshot env-adjust-vpc); one subnet's \
         alone cannot change, as AZs must match and not repeat",
    ),
    (
        "http",
        "its one scalar, `false`, is the default of the types that take it (render.rs)",
    ),
    (
        "capacity[].price",
        "what a group's instances cost in `tug sim plan`, never deployed: cost.rs",
    ),
    (
        "nlb.ssl_policy",
        "a TLS listener's policy; TLS needs the application's domain, and on another \
         listener it is warned about (ignored-field): tests/ui/nlb-listener-settings",
    ),
    (
        "nlb.additional_listeners[].ssl_policy",
        "a TLS listener's policy; TLS needs the application's domain, and on another \
         listener it is warned about (ignored-field): tests/ui/nlb-listener-settings",
    ),
];

/// Whether `path` is acted on outside the stacks: it or a section it is in is in `ELSEWHERE`.
fn elsewhere(path: &str) -> bool {
    ELSEWHERE.iter().any(|(p, _)| {
        path == *p || path.starts_with(&format!("{p}.")) || path.starts_with(&format!("{p}["))
    })
}

/// Fields a manifest may not set, with the error that says so (which is acting on them).
const REFUSED: &[(&str, &str)] = &[
    ("sidecars.*.image.port", "misplaced-field"),
    ("sidecars.*.image.credentials", "misplaced-field"),
    ("sidecars.*.image.healthcheck", "misplaced-field"),
    ("sidecars.*.image.depends_on", "misplaced-field"),
    ("sidecars.*.image.labels", "misplaced-field"),
    (
        "http.additional_rules[].additional_rules",
        "misplaced-field",
    ),
    ("http.additional_rules[].alb", "misplaced-field"),
    (
        "nlb.additional_listeners[].additional_listeners",
        "misplaced-field",
    ),
    ("network.vpc.placement.subnets.from_tags", "not-supported"),
    ("nlb.additional_listeners[].alias", "misplaced-field"),
    (
        "nlb.additional_listeners[].healthcheck.grace_period",
        "misplaced-field",
    ),
    // A record and a certificate under the application's domain, which this one has not.
    ("nlb.alias", "needs-domain"),
];

/// Fields tried without what `CONTEXT` puts beside them (it would contradict them).
const NO_CONTEXT: &[&str] = &["count.spot"];

/// Where a field's sample cannot be derived from its schema type: the YAML to set it to.
/// A path `a.*.b` is a field of each entry of map `a`; `a[].b` of each item of list `a`.
const SAMPLES: &[(&str, &str)] = &[
    (
        "logging.kms_key",
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ),
    ("cpu", "512"),
    ("image.labels.*", "v"),
    ("sidecars.*.labels.*", "v"),
    ("network.vpc.placement.subnets.from_tags", "{tier: [app]}"),
    ("network.vpc.placement.subnets.from_tags.*", "app"),
    ("platform.osfamily", "windows_server_2022_core"),
    ("subscribe.queue.retention", "96h"),
    ("subscribe.topics[].queue.retention", "96h"),
    (
        "network.vpc.security_groups.groups",
        "[sg-0123456789abcdef1]",
    ),
    (
        "network.vpc.placement.subnets[]",
        "subnet-0123456789abcdef0",
    ),
    ("network.vpc.security_groups[]", "sg-0123456789abcdef1"),
    (
        "network.vpc.security_groups.groups[]",
        "sg-0123456789abcdef1",
    ),
    ("nat", "single"),
    ("network.vpc.cidr", "10.1.0.0/16"),
    ("network.vpc.id", "vpc-0123456789abcdef0"),
    ("network.vpc.subnets.public[].cidr", "10.0.9.0/24"),
    ("network.vpc.subnets.private[].cidr", "10.0.8.0/24"),
    ("network.vpc.subnets.public[].az", "us-east-1b"),
    ("network.vpc.subnets.private[].az", "us-east-1b"),
    (
        "network.vpc.subnets.public[].id",
        "subnet-0123456789abcdef9",
    ),
    (
        "network.vpc.subnets.private[].id",
        "subnet-0123456789abcdef8",
    ),
    (
        "http.public.certificates",
        "[arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000002]",
    ),
    (
        "http.private.certificates",
        "[arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000002]",
    ),
    (
        "http.public.ssl_policy",
        // Not the default (ELBSecurityPolicy-TLS13-1-2-2021-06), which changes nothing.
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    ),
    (
        "http.private.ssl_policy",
        // Not the default (ELBSecurityPolicy-TLS13-1-2-2021-06), which changes nothing.
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    ),
    ("http.private.subnets", "[subnet-0123456789abcdef8]"),
    ("http.public.ingress", "{restrict_to: {cdn: true}}"),
    ("http.private.ingress", "{vpc: true}"),
    (
        "http.public.security_groups",
        "{ingress: {restrict_to: {cdn: true}}}",
    ),
    (
        "http.private.security_groups",
        "{ingress: {from_vpc: true}}",
    ),
    (
        "network.vpc.security_group",
        "{ingress: [{ip_protocol: tcp, ports: 80, cidr: 0.0.0.0/0}]}",
    ),
    ("capacity[].type", "m5.large"),
    ("capacity[].instance_type", "m5.large"),
    ("capacity[].azs", "[us-east-1a]"),
    ("capacity[].attributes", "{disk: ssd}"),
    ("observability.container_insights", "enhanced"),
    ("cdn", "true"),
    ("network.vpc.flow_logs", "true"),
    ("http.public.access_logs", "true"),
    (
        "taskdef_overrides[].value",
        "{Name: nofile, SoftLimit: 1, HardLimit: 2}",
    ),
    ("publish.topics[].fifo", "true"),
    ("subscribe.topics[].filter_policy", "{kind: [big]}"),
    ("subscribe.queue.fifo", "true"),
    ("subscribe.topics[].queue.fifo", "true"),
    (
        "placement.strategy",
        "[{type: spread, field: attribute:ecs.availability-zone}]",
    ),
    ("placement.constraints", "[{type: distinctInstance}]"),
    (
        "logging.destination",
        "{Name: cloudwatch, region: us-east-1}",
    ),
    ("logging.secret_options", "{KEY: /param}"),
    ("on.schedule", "'@hourly'"),
    ("memory", "1024"),
    ("storage.ephemeral", "50"),
    ("platform", "linux/arm64"),
    ("platform.architecture", "arm64"),
    ("count.range", "2-5"),
    ("count.range.min", "2"),
    ("count.range.max", "6"),
    ("count.range.spot_from", "2"),
    ("count.spot", "2"),
    ("count.cpu_percentage", "60"),
    ("count.memory_percentage", "60"),
    ("count.requests", "100"),
    ("count.response_time", "2s"),
    ("count.cpu_percentage.value", "60"),
    ("count.memory_percentage.value", "60"),
    ("count.requests.value", "100"),
    ("count.response_time.value", "2s"),
    ("count.queue_delay.acceptable_latency", "5m"),
    ("count.queue_delay.msg_processing_time", "2s"),
    ("deployment.rolling", "recreate"),
    ("env_file", "web.env"),
    ("sidecars.*.env_file", "web.env"),
    ("logging.env_file", "web.env"),
    (
        "image.credentials",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:creds",
    ),
    (
        "sidecars.*.credentials_parameter",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:creds",
    ),
    (
        "sidecars.*.image.credentials",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:creds",
    ),
    ("sidecars.*.essential", "false"),
    ("sidecars.*.port", "8080"),
    ("sidecars.*.image", "busybox:2"),
    ("sidecars.*.image.location", "busybox:2"),
    ("image.depends_on.*", "healthy"),
    ("sidecars.*.depends_on.*", "start"),
    ("http.path", "/api"),
    ("http.alias", "a.example.com"),
    ("http.alias[].name", "b.example.com"),
    ("http.hosted_zone", "Z0123456789ABCDEFGHIJ"),
    ("http.alias[].hosted_zone", "Z0123456789ABCDEFGHIJ"),
    ("http.target_container", "x1"),
    ("http.additional_rules[].target_container", "x1"),
    // gRPC and HTTP/2 need HTTPS, which the baseline environment has not (domains.rs).
    ("http.version", "http1"),
    ("http.additional_rules[].version", "http1"),
    ("http.allowed_source_ips", "[10.0.0.0/8]"),
    ("http.allowed_source_ips[]", "10.0.0.0/8"),
    ("http.additional_rules[].allowed_source_ips[]", "10.0.0.0/8"),
    ("nlb.additional_listeners[].port", "445/tcp"),
    ("nlb.target_container", "x1"),
    ("nlb.additional_listeners[].target_container", "x1"),
    (
        "nlb.additional_listeners[].additional_listeners",
        "[{port: 445/tcp}]",
    ),
    ("http.additional_rules[].additional_rules", "[{path: /c}]"),
    ("sidecars.*.depends_on.*", "start"),
    ("http.additional_rules[].allowed_source_ips", "[10.0.0.0/8]"),
    ("http.healthcheck", "/health"),
    ("http.healthcheck.path", "/health"),
    ("http.healthcheck.success_codes", "200-299"),
    ("http.additional_rules[].path", "/other"),
    ("http.additional_rules[].healthcheck", "/health"),
    ("http.additional_rules[].healthcheck.path", "/health"),
    (
        "http.additional_rules[].healthcheck.success_codes",
        "200-299",
    ),
    ("http.additional_rules[].alias", "a.example.com"),
    ("network.vpc.placement", "private"),
    (
        "network.vpc.placement.subnets",
        "[subnet-0123456789abcdef0]",
    ),
    ("network.vpc.security_groups", "[sg-0123456789abcdef0]"),
    (
        "network.vpc.security_groups.groups",
        "[sg-0123456789abcdef0]",
    ),
    ("storage.volumes.*.path", "/elsewhere"),
    ("storage.volumes.*.read_only", "false"),
    ("storage.volumes.*.efs.auth.iam", "false"),
    ("sidecars.*.mount_points[].read_only", "false"),
    ("logging.enableMetadata", "false"),
    ("storage.volumes.*.efs.id", "fs-0123456789abcdef0"),
    ("storage.volumes.*.efs.root_dir", "/shared"),
    (
        "storage.volumes.*.efs.auth.access_point_id",
        "fsap-0123456789abcdef0",
    ),
    ("storage.volumes.*.efs.uid", "1000"),
    ("storage.volumes.*.efs.gid", "1000"),
    ("sidecars.*.mount_points[].source_volume", "v2"),
    ("sidecars.*.mount_points[].path", "/other"),
    ("secrets.*", "/param"),
    ("sidecars.*.secrets.*", "/param"),
    ("publish.topics[].name", "t2"),
    ("subscribe.topics[].name", "t2"),
    ("subscribe.topics[].service", "other"),
    ("timeout", "1h"),
    ("observability.tracing", "awsxray"),
    ("exec", "true"),
    ("entrypoint", "[/bin/x]"),
    ("command", "[serve]"),
    ("sidecars.*.entrypoint", "[/bin/x]"),
    ("sidecars.*.command", "[serve]"),
    ("image.healthcheck.command", "[CMD, x]"),
    ("sidecars.*.healthcheck.command", "[CMD, x]"),
    ("sidecars.*.image.healthcheck.command", "[CMD, x]"),
    ("image.port", "8081"),
    ("sidecars.*.image.port", "8081"),
    ("nlb.port", "80/tcp"),
];

/// What each entry of a map or list needs besides the field under test to be valid: merged
/// into the entry at that path (`a.*`: an entry of map `a`; `a[]`: the item of list `a`).
const CONTEXT: &[(&str, &str)] = &[
    ("image.healthcheck", "command: [CMD, 'true']"),
    ("sidecars.*", "image: busybox:1"),
    ("sidecars.*.image", "location: busybox:1"),
    ("sidecars.*.healthcheck", "command: [CMD, 'true']"),
    ("sidecars.*.image.healthcheck", "command: [CMD, 'true']"),
    ("sidecars.*.mount_points[]", "source_volume: v1\npath: /mnt"),
    ("platform", "osfamily: linux\narchitecture: x86_64"),
    ("count", "range: 1-4\ncpu_percentage: 50"),
    ("count.range", "min: 1\nmax: 4"),
    ("count.cpu_percentage", "value: 50"),
    ("count.memory_percentage", "value: 50"),
    ("count.requests", "value: 50"),
    ("count.response_time", "value: 1s"),
    ("count.queue_delay", "acceptable_latency: 10m\nmsg_processing_time: 1s"),
    ("http.additional_rules[]", "path: /b"),
    ("http.alias[]", "name: a.example.com"),
    ("http.additional_rules[].alias[]", "name: a.example.com"),
    ("http.healthcheck", "path: /"),
    ("http.additional_rules[].healthcheck", "path: /"),
    ("network.vpc.security_groups", "groups: [sg-0123456789abcdef0]"),
    ("storage.volumes.*", "path: /data"),
    ("storage.volumes.*.efs.auth", "iam: true"),
    ("publish.topics[]", "name: t1"),
    ("subscribe.topics[]", "name: t1\nservice: api"),
    ("taskdef_overrides[]", "path: ContainerDefinitions[0].Ulimits[-]\nvalue: {Name: nofile, SoftLimit: 1024, HardLimit: 2048}"),
    ("nlb", "port: 443/tcp"),
    ("nlb.additional_listeners[]", "port: 444/tcp"),
    ("nlb.alias[]", "name: a.example.com"),
    ("nlb.additional_listeners[].alias[]", "name: a.example.com"),
    ("http.public", "certificates: [arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001]"),
    ("http.private", "certificates: [arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001]"),
    ("capacity[]", "type: t3.medium\ncount: 2"),
    ("logging", "destination: {Name: cloudwatch}"),
    ("capacity_provider[]", "name: steady"),
];

/// What a field needs elsewhere in the manifest (a container it names, say), by path prefix.
const EXTRA: &[(&str, &str)] = &[
    ("cpu", "memory: 1024"),
    // EC2 capacity's own fields.
    ("network_mode", "capacity_provider: steady"),
    ("host_port", "capacity_provider: steady\nnetwork_mode: bridge"),
    ("gpu", "capacity_provider: steady"),
    ("scheduling", "capacity_provider: steady"),
    ("platform.osfamily", "cpu: 1024\nmemory: 2048"),
    (
        "network.vpc.subnets",
        "network: {vpc: {subnets: {public: [{cidr: 10.0.0.0/24, az: us-east-1a}, {cidr: 10.0.1.0/24, az: us-east-1b}], private: [{cidr: 10.0.2.0/24, az: us-east-1a}, {cidr: 10.0.3.0/24, az: us-east-1b}]}}}",
    ),
    (
        "network.vpc.subnets.public[].id",
        "network: {vpc: {id: vpc-0123456789abcdef0, subnets: {public: [{id: subnet-0123456789abcdef0}, {id: subnet-0123456789abcdef1}], private: [{id: subnet-0123456789abcdef2}, {id: subnet-0123456789abcdef3}]}}}",
    ),
    (
        "network.vpc.subnets.private[].id",
        "network: {vpc: {id: vpc-0123456789abcdef0, subnets: {public: [{id: subnet-0123456789abcdef0}, {id: subnet-0123456789abcdef1}], private: [{id: subnet-0123456789abcdef2}, {id: subnet-0123456789abcdef3}]}}}",
    ),
    (
        "network.vpc.subnets.public[].az",
        "network: {vpc: {subnets: {public: [{cidr: 10.0.0.0/24, az: us-east-1a}, {cidr: 10.0.1.0/24, az: us-east-1b}, {cidr: 10.0.4.0/24, az: us-east-1a}], private: [{cidr: 10.0.2.0/24, az: us-east-1a}, {cidr: 10.0.3.0/24, az: us-east-1b}]}}}",
    ),
    (
        "network.vpc.subnets.private[].az",
        "network: {vpc: {subnets: {public: [{cidr: 10.0.0.0/24, az: us-east-1a}, {cidr: 10.0.1.0/24, az: us-east-1b}], private: [{cidr: 10.0.2.0/24, az: us-east-1a}, {cidr: 10.0.3.0/24, az: us-east-1b}, {cidr: 10.0.4.0/24, az: us-east-1a}]}}}",
    ),
    (
        "network.vpc.id",
        "network: {vpc: {subnets: {public: [{id: subnet-0123456789abcdef0}, {id: subnet-0123456789abcdef1}], private: [{id: subnet-0123456789abcdef2}, {id: subnet-0123456789abcdef3}]}}}",
    ),
    ("http.hosted_zone", "http: {alias: a.example.com}"),
    (
        "http.additional_rules[].hosted_zone",
        "http: {additional_rules: [{path: /b, alias: c.example.com}]}",
    ),
    ("http.target_container", "sidecars: {x1: {image: busybox:1, port: 8080}}"),
    ("http.additional_rules[].target_container", "sidecars: {x1: {image: busybox:1, port: 8080}}"),
    ("nlb.target_container", "sidecars: {x1: {image: busybox:1, port: 8080}}"),
    ("nlb.additional_listeners[].target_container", "sidecars: {x1: {image: busybox:1, port: 8080}}"),
    ("image.depends_on", "sidecars: {x1: {image: busybox:1}}"),
    ("sidecars.*.depends_on", "sidecars: {x2: {image: busybox:1}}"),
    ("sidecars.*.mount_points", "storage: {volumes: {v1: {path: /v1}, v2: {path: /v2}}}"),
    ("storage.volumes.*.efs.uid", "storage: {volumes: {x1: {path: /data, efs: {gid: 1000}}}}"),
    ("storage.volumes.*.efs.gid", "storage: {volumes: {x1: {path: /data, efs: {uid: 1000}}}}"),
    ("storage.volumes.*.efs.root_dir", "storage: {volumes: {x1: {path: /data, efs: {id: fs-0123456789abcdef0}}}}"),
    ("storage.volumes.*.efs.auth", "storage: {volumes: {x1: {path: /data, efs: {id: fs-0123456789abcdef0}}}}"),
];

const APP: &str = "demo";
const ENV: &str = "test";

/// The minimal manifests each field is tried on, by workload type.
const BASELINES: &[(&str, &str)] = &[
    (
        "Load Balanced Web Service",
        "name: web\ntype: Load Balanced Web Service\nimage:\n  location: nginx:1\n  port: 80\nhttp:\n  path: /\n",
    ),
    (
        "Backend Service",
        "name: web\ntype: Backend Service\nimage:\n  location: nginx:1\n  port: 80\n",
    ),
    (
        "Worker Service",
        "name: web\ntype: Worker Service\nimage:\n  location: nginx:1\n",
    ),
    (
        "Scheduled Job",
        "name: web\ntype: Scheduled Job\nimage:\n  location: nginx:1\non:\n  schedule: '@daily'\n",
    ),
];

const ENV_BASELINE: &str = "name: test\ntype: Environment\n";
/// The workloads beside the environment under test, so that both load balancers exist.
const ENV_WORKLOADS: &[(&str, &str)] = &[
    (
        "front",
        "name: front\ntype: Load Balanced Web Service\nimage:\n  location: nginx:1\n  port: 80\nhttp:\n  path: /\n",
    ),
    (
        "back",
        "name: back\ntype: Backend Service\nimage:\n  location: nginx:1\n  port: 80\nhttp:\n  path: /\n",
    ),
];

/// A field of a schema: its path and the schema of its value.
struct Field {
    path: String,
    schema: Json,
}

/// A schema's alternatives (`anyOf`/`oneOf`/`allOf`, each dereferenced), and the names of
/// the definitions passed through to reach them.
fn variants<'a>(root: &'a Json, schema: &'a Json, refs: &mut Vec<String>) -> Vec<&'a Json> {
    let schema = match schema.get("$ref").and_then(Json::as_str) {
        Some(r) => {
            refs.push(r.to_string());
            let name = r.rsplit('/').next().expect("a ref");
            return variants(root, &root["$defs"][name], refs);
        }
        None => schema,
    };
    let mut out = vec![schema];
    for key in ["anyOf", "oneOf", "allOf"] {
        for v in schema
            .get(key)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(variants(root, v, refs));
        }
    }
    out
}

/// Walks `schema` at `path`; `seen` holds the definitions walked on the way here, so a type
/// that contains itself (`additional_rules` of `http`) is walked once.
fn walk(root: &Json, schema: &Json, path: &str, out: &mut Vec<Field>, seen: &[String]) {
    let mut refs = Vec::new();
    let vs = variants(root, schema, &mut refs);
    // A type inside itself (`http.additional_rules[]`) is walked once more, no further.
    if refs
        .iter()
        .any(|r| seen.iter().filter(|s| *s == r).count() > 1)
    {
        return;
    }
    let seen: Vec<String> = seen.iter().cloned().chain(refs).collect();
    let join = |k: &str| match path.is_empty() {
        true => k.to_string(),
        false => format!("{path}.{k}"),
    };
    for v in vs {
        if let Some(props) = v.get("properties").and_then(Json::as_object) {
            for (k, sub) in props {
                let p = join(k);
                if !out.iter().any(|f| f.path == p) {
                    out.push(Field {
                        path: p.clone(),
                        schema: sub.clone(),
                    });
                }
                walk(root, sub, &p, out, &seen);
            }
        }
        let entries = [
            (v.get("additionalProperties"), join("*")),
            (v.get("items"), format!("{path}[]")),
        ];
        for (sub, p) in entries {
            let Some(sub) = sub.filter(|s| s.is_object()) else {
                continue;
            };
            if !out.iter().any(|f| f.path == p) {
                out.push(Field {
                    path: p.clone(),
                    schema: sub.clone(),
                });
            }
            walk(root, sub, &p, out, &seen);
        }
    }
}

fn fields(schema: schemars::Schema) -> (Json, Vec<Field>) {
    let root = schema.to_value();
    let mut out = Vec::new();
    walk(&root, &root, "", &mut out, &[]);
    (root, out)
}

/// The sample a field is set to: from `SAMPLES`, else from its type and name. `None` when
/// the field takes only a map or list (its own fields are tried instead).
fn sample(root: &Json, field: &Field) -> Option<Value> {
    if let Some((_, yaml)) = SAMPLES.iter().find(|(p, _)| *p == field.path) {
        return Some(serde_yaml_ng::from_str(yaml).expect("a sample"));
    }
    let vs = variants(root, &field.schema, &mut Vec::new());
    let types: BTreeSet<&str> = vs
        .iter()
        .flat_map(|v| match v.get("type") {
            Some(Json::String(t)) => vec![t.as_str()],
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    if let Some(e) = vs
        .iter()
        .find_map(|v| v.get("enum").and_then(Json::as_array))
    {
        let last = e.last().expect("an enum value");
        return Some(serde_yaml_ng::to_value(last).expect("a value"));
    }
    let leaf = field.path.rsplit('.').next().unwrap_or_default();
    if types.contains("boolean") {
        return Some(Value::Bool(true));
    }
    if types.contains("integer") || types.contains("number") {
        let min = vs
            .iter()
            .find_map(|v| v.get("minimum").and_then(Json::as_u64));
        return Some(Value::from(min.unwrap_or(0).max(3)));
    }
    if types.contains("string") {
        let duration = DURATIONS.contains(&leaf);
        return Some(Value::from(if duration { "15s" } else { "x" }));
    }
    None
}

/// Fields that take a duration, by their name.
const DURATIONS: &[&str] = &[
    "interval",
    "timeout",
    "start_period",
    "grace_period",
    "deregistration_delay",
    "delay",
    "retention",
    "in",
    "out",
    "scale_in",
    "scale_out",
    "acceptable_latency",
    "msg_processing_time",
];

/// The key of map entry `*`: `x1`, then `x2` for a map inside it (`sidecars.x1.depends_on.x2`).
fn key(seg: &str, stars: &mut usize) -> Value {
    if seg != "*" {
        return Value::from(seg);
    }
    *stars += 1;
    Value::from(format!("x{stars}"))
}

fn merge(into: &mut Value, extra: &Value) {
    match (into.as_mapping_mut(), extra.as_mapping()) {
        (Some(m), Some(extra)) => {
            for (k, v) in extra {
                match m.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        m.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        _ => {
            if into.is_null() || !into.is_mapping() {
                *into = extra.clone();
            }
        }
    }
}

fn yaml(text: &str) -> Value {
    serde_yaml_ng::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Sets `path` of `doc` to `value` (with `None`, only makes the way there), creating the maps
/// and one-item lists on the way, merging what `CONTEXT` says each entry needs and what
/// `EXTRA` says the field needs elsewhere in the manifest.
fn set(doc: &mut Value, path: &str, value: Option<Value>) {
    let extra = EXTRA
        .iter()
        .filter(|(p, _)| path.starts_with(p))
        .max_by_key(|(p, _)| p.len());
    if let Some((_, extra)) = extra {
        merge(doc, &yaml(extra));
    }
    let context = !NO_CONTEXT.contains(&path);
    let segs: Vec<&str> = path.split('.').collect();
    let mut here = doc;
    let mut walked = String::new();
    let mut stars = 0;
    for (i, seg) in segs.iter().enumerate() {
        let (name, list) = match seg.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (*seg, false),
        };
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(seg);
        if !here.is_mapping() {
            *here = Value::Mapping(Mapping::new());
        }
        let map = here.as_mapping_mut().expect("a map");
        let last = i + 1 == segs.len();
        if last && !list {
            if let Some(value) = value {
                map.insert(key(name, &mut stars), value);
            }
            return;
        }
        let entry = map.entry(key(name, &mut stars)).or_insert(Value::Null);
        if last && list && value.is_none() {
            // The way to a list item is the list: empty.
            *entry = Value::Sequence(Vec::new());
            return;
        }
        here = if list {
            if !entry.is_sequence() {
                *entry = Value::Sequence(vec![Value::Mapping(Mapping::new())]);
            }
            &mut entry.as_sequence_mut().expect("a list")[0]
        } else {
            entry
        };
        for (_, extra) in CONTEXT.iter().filter(|(p, _)| context && *p == walked) {
            merge(here, &yaml(extra));
        }
        if last {
            if let Some(value) = value {
                *here = value;
            }
            return;
        }
    }
}

/// What a deploy sends, and the warnings `validate` prints: one workspace, rendered.
struct Outcome {
    stacks: BTreeMap<String, (String, BTreeMap<String, String>)>,
    warnings: Vec<String>,
}

fn outcome(env: &str, workloads: &[(&str, String)]) -> Result<Outcome, String> {
    let dir = tree(&[
        ("copilot/.workspace", &format!("application: {APP}\n")),
        ("web.env", "GREETING=hi\n"),
    ]);
    write(
        dir.path(),
        &format!("copilot/environments/{ENV}/manifest.yml"),
        env,
    );
    for (folder, text) in workloads {
        write(dir.path(), &format!("copilot/{folder}/manifest.yml"), text);
    }
    render_all(dir.path())
}

/// A failed load, shortly: the codes and messages of its diagnostics.
fn why(e: tug::error::Error) -> String {
    match e {
        tug::error::Error::Diagnostics(ds) => ds
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn render_all(dir: &Path) -> Result<Outcome, String> {
    let ws = Workspace::find(dir).unwrap().expect("a workspace");
    let plan = deploy::plan_environment(&ws, ENV, dir).map_err(why)?;
    let mut stacks = BTreeMap::new();
    stacks.insert(
        "environment".to_string(),
        (plan.rendered.template, plan.rendered.parameters),
    );
    for w in &plan.workloads {
        let p = ServicePlan::new(
            APP,
            ENV,
            w,
            &ws.root(),
            (None, "t1"),
            "host",
            None,
            &plan.traffic,
        )
        .map_err(why)?;
        stacks.insert(w.name.clone(), (p.rendered.template, p.rendered.parameters));
    }
    let warnings = plan
        .warnings
        .iter()
        .filter(|d| d.code == "not-implemented")
        .map(|d| d.message.clone())
        .collect();
    Ok(Outcome { stacks, warnings })
}

/// A list index in a warning's path (`http.alias[0].hosted_zone`).
static INDEX: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\[\d+\]").expect("a regex"));

/// Whether a warning names `path` or a section it is in (`logging` for `logging.image`).
fn warned(warnings: &[String], path: &str) -> Option<String> {
    let plain = path.replace("[]", "").replace(".*", "");
    warnings
        .iter()
        .find(|w| {
            let named = w.split('`').nth(1).unwrap_or_default();
            let named = INDEX.replace_all(named, "");
            plain == named || plain.starts_with(&format!("{named}."))
        })
        .cloned()
}

/// Tries one field on `doc`: against the same manifest with the way to the field made (its
/// section and what `CONTEXT` puts there) but the field unset, so that only the field's own
/// effect counts. `Err` says what is wrong.
fn try_field(
    path: &str,
    value: &Value,
    base: &Outcome,
    build: impl Fn(&Value) -> Result<Outcome, String>,
    doc: &Value,
) -> Result<(), String> {
    let mut without = doc.clone();
    set(&mut without, path, None);
    let parent = build(&without).ok();
    let base = parent.as_ref().unwrap_or(base);
    let mut with = doc.clone();
    set(&mut with, path, Some(value.clone()));
    let set_to = serde_yaml_ng::to_string(value).unwrap_or_default();
    let set_to = set_to.trim();
    let got = build(&with).map_err(|e| format!("`{path}: {set_to}` does not load: {e}"))?;
    let changed = got.stacks != base.stacks;
    match (changed, warned(&got.warnings, path)) {
        (true, None) | (false, Some(_)) => Ok(()),
        (false, None) => Err(format!(
            "`{path}: {set_to}` changes nothing a deploy sends and no warning says so"
        )),
        (true, Some(w)) => Err(format!(
            "`{path}: {set_to}` changes the stacks, yet a warning says it is not acted on: {w}"
        )),
    }
}

/// The sample of `field`; `None` when its own fields are tried instead, or when it has no
/// sample and no fields (then a problem says to add one).
fn sample_or_say(
    root: &Json,
    fields: &[Field],
    field: &Field,
    problems: &mut Vec<String>,
) -> Option<Value> {
    let value = sample(root, field);
    if value.is_none() && !has_fields(fields, &field.path) {
        problems.push(format!(
            "{}: no sample (its schema takes anything); add one to SAMPLES",
            field.path
        ));
    }
    value
}

/// Whether the field at `path` has fields of its own (then those are tried).
fn has_fields(fields: &[Field], path: &str) -> bool {
    fields.iter().any(|f| {
        f.path.len() > path.len()
            && f.path.starts_with(path)
            && matches!(&f.path[path.len()..path.len() + 1], "." | "[")
    })
}

fn report(problems: Vec<String>, tried: usize) {
    assert!(tried > 15, "only {tried} fields tried");
    assert!(
        problems.is_empty(),
        "{} of {tried} fields:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_workload_field_is_acted_on_or_warned_about() {
    let (root, fields) = fields(schemars::schema_for!(Workload));
    let mut problems = Vec::new();
    let mut tried = 0;
    let bases: Vec<(Value, Outcome)> = BASELINES
        .iter()
        .map(|(kind, text)| {
            let base = outcome(ENV_BASELINE, &[("web", text.to_string())])
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
            (serde_yaml_ng::from_str(text).expect("YAML"), base)
        })
        .collect();
    for field in &fields {
        if elsewhere(&field.path) {
            continue;
        }
        if let Some((refused, code)) = REFUSED.iter().find(|(p, _)| field.path.starts_with(p)) {
            let mut doc = bases[0].0.clone();
            set(
                &mut doc,
                &field.path,
                Some(sample(&root, field).unwrap_or(Value::Mapping(Mapping::new()))),
            );
            let text = serde_yaml_ng::to_string(&doc).expect("YAML");
            match outcome(ENV_BASELINE, &[("web", text)]) {
                Err(e) if e.contains(code) => {}
                Err(e) => problems.push(format!("{refused}: refused, but not with {code}: {e}")),
                Ok(_) => problems.push(format!("{refused}: accepted, yet it is not acted on")),
            }
            tried += 1;
            continue;
        }
        let Some(value) = sample_or_say(&root, &fields, field, &mut problems) else {
            continue;
        };
        tried += 1;
        // The field is tried on each workload type; it must load in at least one, and act
        // or warn in every one it loads in.
        let mut errors = Vec::new();
        let mut loaded = 0;
        for (doc, base) in &bases {
            let build = |d: &Value| {
                outcome(
                    ENV_BASELINE,
                    &[("web", serde_yaml_ng::to_string(d).expect("YAML"))],
                )
            };
            match try_field(&field.path, &value, base, build, doc) {
                Ok(()) => loaded += 1,
                Err(e) if e.contains("does not load") => errors.push(e),
                Err(e) => {
                    loaded += 1;
                    problems.push(format!(
                        "{} ({}): {e}",
                        field.path,
                        doc["type"].as_str().unwrap_or("?")
                    ));
                }
            }
        }
        if loaded == 0 {
            problems.push(format!(
                "{}: loads in no workload type: {}",
                field.path,
                errors.join(" / ")
            ));
        }
    }
    report(problems, tried);
}

#[test]
fn every_environment_field_is_acted_on_or_warned_about() {
    let (root, fields) = fields(schemars::schema_for!(Environment));
    let workloads: Vec<(&str, String)> = ENV_WORKLOADS
        .iter()
        .map(|(f, t)| (*f, t.to_string()))
        .collect();
    let base = outcome(ENV_BASELINE, &workloads).expect("the baseline loads");
    let doc: Value = serde_yaml_ng::from_str(ENV_BASELINE).expect("YAML");
    let mut problems = Vec::new();
    let mut tried = 0;
    for field in &fields {
        if elsewhere(&field.path) {
            continue;
        }
        let Some(value) = sample_or_say(&root, &fields, field, &mut problems) else {
            continue;
        };
        tried += 1;
        let build = |d: &Value| outcome(&serde_yaml_ng::to_string(d).expect("YAML"), &workloads);
        if let Err(e) = try_field(&field.path, &value, &base, build, &doc) {
            problems.push(e);
        }
    }
    report(problems, tried);
}
