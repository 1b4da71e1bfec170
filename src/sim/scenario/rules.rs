//! What each place in a scenario file is called in messages, and the range or choices of
//! its value: the wording of the schema checker's findings and the bounds of the checks
//! that follow. A pattern is matched against the end of a value's path: `[]` stands for
//! any list index, `*` for any key; the first pattern that fits wins.

use crate::fargate;
use crate::yaml::PathSeg;

#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// A map: its name in "unknown key `x` in ..." and "... must be a map".
    Map(&'static str),
    /// A map with its own wording when it is something else: message and help.
    Shape(&'static str, &'static str),
    List(&'static str),
    Int(&'static str, i64, i64),
    Float(&'static str, f64, f64),
    Bool(&'static str),
    Text(&'static str),
    /// Text that is one of these (case-insensitive).
    Choice(&'static str, &'static [&'static str]),
}

const COUNT: i64 = 10_000_000;
const MEMORY: i64 = 10_000_000;
const EPHEMERAL_MIN: i64 = *fargate::EPHEMERAL_GIB.start() as i64;
const EPHEMERAL_MAX: i64 = *fargate::EPHEMERAL_GIB.end() as i64;
const TASK_CPU_MIN: i64 = *fargate::EC2_TASK_CPU.start() as i64;
const TASK_CPU_MAX: i64 = *fargate::EC2_TASK_CPU.end() as i64;

use Rule::*;

#[rustfmt::skip]
const RULES: &[(&str, Rule)] = &[
    ("seed", Int("seed", 0, i64::MAX)),
    ("options", Map("options")),
    ("options.chaining", Choice("options.chaining", &["lexicographic", "first"])),
    ("options.precedence", Choice("options.precedence", &["not-and-or", "left-to-right"])),
    ("options.breaker_minimum", Int("breaker_minimum", 1, 200)),
    ("options.scale_in_ratio", Float("scale_in_ratio", 0.0, 1.0)),
    ("options.task_start_seconds", Int("task_start_seconds", 0, 86_400)),
    ("options.restart_delay_seconds", Int("restart_delay_seconds", 0, 900)),
    ("prices", Map("prices")),
    ("prices.spot_discount", Float("prices.spot_discount", 0.0, 0.7)),
    ("prices.*", Float("prices.{}", 0.0, 1000.0)),
    ("instances", List("instances")),
    ("instances[]", Map("an instance")),
    ("instances[].type", Text("type")),
    ("instances[].count", Int("count", 1, 1_000_000)),
    ("instances[].az", Text("az")),
    ("instances[].az[]", Text("az")),
    ("instances[].attributes", Shape("attributes must be a map", "write `attributes: {stack: prod}`")),
    ("instances[].attributes.*", Text("an attribute value")),
    ("instances[].id_prefix", Text("id_prefix")),
    ("instances[].awsvpc_trunking", Bool("awsvpc_trunking")),
    ("instances[].status", Choice("status", &["ACTIVE", "DRAINING"])),
    ("instances[].registered_at", Text("registered_at")),
    ("instances[].cpu", Int("cpu", 1, 1_000_000)),
    ("instances[].memory", Int("memory", 1, 100_000_000)),
    ("instances[].gpus", Int("gpus", 0, 64)),
    ("instances[].enis", Int("enis", 1, 128)),
    ("instances[].agent_version", Text("agent_version")),
    ("task_definitions", Shape("task_definitions must be a map of name to task definition", "")),
    ("task_definitions.*", Map("task definition `{}`")),
    ("task_definitions.*.family", Text("family")),
    ("task_definitions.*.network_mode", Choice("network_mode", &["awsvpc", "bridge", "host"])),
    ("task_definitions.*.requires", Choice("requires", &["EC2", "FARGATE"])),
    ("task_definitions.*.cpu", Int("task cpu", TASK_CPU_MIN, TASK_CPU_MAX)),
    ("task_definitions.*.memory", Int("task memory", 6, MEMORY)),
    ("task_definitions.*.containers", List("containers")),
    ("task_definitions.*.platform", Text("platform")),
    ("task_definitions.*.ephemeral_storage", Int("ephemeral_storage (GiB)", EPHEMERAL_MIN, EPHEMERAL_MAX)),
    ("containers[]", Map("a container")),
    ("containers[].name", Text("name")),
    ("containers[].cpu", Int("container cpu", 0, 10240)),
    ("containers[].memory", Int("container memory (MiB)", 6, MEMORY)),
    ("containers[].memory_reservation", Int("memory_reservation (MiB)", 6, MEMORY)),
    ("containers[].gpu", Int("gpu", 0, 64)),
    ("containers[].ports", List("ports")),
    ("ports[]", Map("a port")),
    ("ports[].container", Int("container port", 1, 65535)),
    ("ports[].host", Int("host port", 0, 65535)),
    ("constraints", List("constraints")),
    ("constraints[]", Map("a constraint")),
    ("constraints[].type", Choice("constraint type", &["distinctInstance", "memberOf"])),
    ("constraints[].expression", Text("expression")),
    ("strategy", List("strategy")),
    ("strategy[]", Map("a strategy")),
    ("strategy[].type", Choice("strategy type", &["binpack", "spread", "random"])),
    ("strategy[].field", Text("field")),
    ("services", List("services")),
    ("services[]", Map("a service")),
    ("services[].name", Text("name")),
    ("services[].task_definition", Text("task_definition")),
    ("services[].desired", Int("desired", 0, COUNT)),
    ("services[].scheduling", Choice("scheduling", &["replica", "daemon"])),
    ("services[].deployment", Map("deployment")),
    ("deployment.minimum_healthy_percent", Int("minimum_healthy_percent", 0, 100)),
    ("deployment.maximum_percent", Int("maximum_percent", 100, 200)),
    ("deployment.circuit_breaker", Bool("circuit_breaker")),
    ("deployment.rolling", Choice("deployment.rolling", &["default", "recreate"])),
    ("services[].launch_type", Choice("launch_type", &["EC2", "FARGATE"])),
    ("services[].azs", List("azs")),
    ("services[].azs[]", Text("an AZ")),
    ("services[].spot", Bool("spot")),
    ("services[].autoscaling", Map("autoscaling")),
    ("autoscaling.min", Int("min", 0, COUNT)),
    ("autoscaling.max", Int("max", 0, COUNT)),
    ("autoscaling.target_cpu", Float("target_cpu", 1.0, 100.0)),
    ("autoscaling.cpu_percentage", Float("target_cpu", 1.0, 100.0)),
    ("autoscaling.target_memory", Float("target_memory", 1.0, 100.0)),
    ("autoscaling.memory_percentage", Float("target_memory", 1.0, 100.0)),
    ("autoscaling.target_requests", Float("target_requests", 1.0, 1e9)),
    ("autoscaling.requests", Float("target_requests", 1.0, 1e9)),
    ("autoscaling.cooldown_out", Int("cooldown_out", 0, 86_400)),
    ("autoscaling.cooldown_in", Int("cooldown_in", 0, 86_400)),
    ("tasks", List("tasks")),
    ("tasks[]", Map("a task")),
    ("tasks[].task_definition", Text("task_definition")),
    ("tasks[].count", Int("count", 1, COUNT)),
    ("tasks[].group", Text("group")),
    ("events", List("events")),
    ("events[]", Map("an event")),
    ("events[].at", Int("at (seconds)", 0, COUNT)),
    ("events[].fail_az", Text("fail_az")),
    ("events[].drain_instance", Text("drain_instance")),
    ("events[].deploy", Map("deploy")),
    ("events[].scale", Map("scale")),
    ("events[].metric", Map("metric")),
    ("service", Text("service")),
    ("deploy.task_definition", Text("task_definition")),
    ("deploy.fail_tasks", Int("fail_tasks", 0, COUNT)),
    ("scale.desired", Int("desired", 0, COUNT)),
    ("metric.cpu", Float("cpu (%)", 0.0, 100.0)),
    ("metric.memory", Float("memory (%)", 0.0, 100.0)),
    ("metric.requests", Float("requests per target", 0.0, 1e12)),
];

/// The rule for the value at `path`.
pub fn rule(path: &[PathSeg]) -> Option<Rule> {
    RULES
        .iter()
        .find(|(pattern, _)| fits(pattern, path))
        .map(|(_, rule)| *rule)
}

/// A rule's name for the value at `path`: `{}` stands for the last key
/// (`task definition `web``, `prices.x86_vcpu`).
pub fn name(what: &str, path: &[PathSeg]) -> String {
    let last = path.iter().rev().find_map(|s| match s {
        PathSeg::Key(k) => Some(k.as_str()),
        PathSeg::Index(_) => None,
    });
    match last {
        Some(k) if what.contains("{}") => what.replace("{}", k),
        _ => what.to_string(),
    }
}

/// Whether `pattern` matches the end of `path`.
fn fits(pattern: &str, path: &[PathSeg]) -> bool {
    let mut want: Vec<&str> = Vec::new();
    for part in pattern.split('.') {
        match part.split_once("[]") {
            Some((name, rest)) => {
                if !name.is_empty() {
                    want.push(name);
                }
                want.push("[]");
                if rest == "[]" {
                    want.push("[]");
                }
            }
            None => want.push(part),
        }
    }
    if want.len() > path.len() {
        return false;
    }
    want.iter()
        .zip(&path[path.len() - want.len()..])
        .all(|(w, seg)| match seg {
            PathSeg::Index(_) => *w == "[]",
            PathSeg::Key(k) => *w == "*" || w == k,
        })
}
