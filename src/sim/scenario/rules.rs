//! What each place in a scenario file is called in messages, and the range or choices of
//! its value: the wording of the schema checker's findings and the bounds of the checks
//! that follow. A pattern is matched against the end of a value's path: `[]` stands for
//! any list index, `*` for any key; the first pattern that fits wins.

use std::collections::HashMap;
use std::sync::OnceLock;

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
    ("prices.ec2_spot_discount", Float("prices.ec2_spot_discount", 0.0, 0.9)),
    ("prices.instances", Shape("prices.instances must be a map", "write `instances: {m5.large: 0.096}`")),
    ("prices.instances.*", Float("the price of {}", 0.0, 1000.0)),
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

/// The rule for the value at `path`: the first pattern of [`RULES`] that fits, found among
/// the few whose last part can match the path's last segment (a scenario has a value per
/// few bytes, so this runs once per value of a 16 MB file).
pub fn rule(path: &[PathSeg]) -> Option<Rule> {
    let index = index();
    let (named, any): (&[usize], &[usize]) = match path.last()? {
        PathSeg::Key(k) => (
            index.by_key.get(k.as_str()).map_or(&[], Vec::as_slice),
            &index.any_key,
        ),
        PathSeg::Index(_) => (&[], &index.any_index),
    };
    // Both lists are in the order of RULES: merge them, first fit wins.
    let (mut a, mut b) = (named.iter().peekable(), any.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(&&x), Some(&&y)) if x < y => a.next(),
            (Some(_), None) => a.next(),
            (_, Some(_)) => b.next(),
            (None, None) => return None,
        };
        let i = *next?;
        if fits(&index.patterns[i], path) {
            return Some(RULES[i].1);
        }
    }
}

/// A pattern's parts, from first to last.
#[derive(Debug, PartialEq)]
enum Part {
    Key(&'static str),
    /// `*`: any key.
    AnyKey,
    /// `[]`: any list index.
    AnyIndex,
}

/// [`RULES`]' patterns split into parts once, and the rules each kind of last segment can
/// match, by index into `RULES`.
struct Index {
    patterns: Vec<Vec<Part>>,
    by_key: HashMap<&'static str, Vec<usize>>,
    any_key: Vec<usize>,
    any_index: Vec<usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            patterns: Vec::with_capacity(RULES.len()),
            by_key: HashMap::new(),
            any_key: Vec::new(),
            any_index: Vec::new(),
        };
        for (i, (pattern, _)) in RULES.iter().enumerate() {
            let parts = parts(pattern);
            match parts.last() {
                Some(Part::Key(k)) => index.by_key.entry(*k).or_default().push(i),
                Some(Part::AnyKey) => index.any_key.push(i),
                Some(Part::AnyIndex) => index.any_index.push(i),
                None => {}
            }
            index.patterns.push(parts);
        }
        index
    })
}

/// `a.b[].*` as `[Key(a), Key(b), AnyIndex, AnyKey]`.
fn parts(pattern: &'static str) -> Vec<Part> {
    let mut want = Vec::new();
    for part in pattern.split('.') {
        let (name, lists) = match part.find("[]") {
            Some(at) => (&part[..at], part[at..].len() / 2),
            None => (part, 0),
        };
        match name {
            "" => {}
            "*" => want.push(Part::AnyKey),
            name => want.push(Part::Key(name)),
        }
        want.extend((0..lists).map(|_| Part::AnyIndex));
    }
    want
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
fn fits(pattern: &[Part], path: &[PathSeg]) -> bool {
    if pattern.len() > path.len() {
        return false;
    }
    pattern
        .iter()
        .zip(&path[path.len() - pattern.len()..])
        .all(|(want, seg)| match (want, seg) {
            (Part::AnyIndex, PathSeg::Index(_)) | (Part::AnyKey, PathSeg::Key(_)) => true,
            (Part::Key(w), PathSeg::Key(k)) => w == k,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> Vec<PathSeg> {
        text.split('.')
            .map(|s| match s.parse() {
                Ok(i) => PathSeg::Index(i),
                Err(_) => PathSeg::Key(s.to_string()),
            })
            .collect()
    }

    /// The first pattern that fits, by trying every one in order: what [`rule`] must find.
    fn first_fit(path: &[PathSeg]) -> Option<usize> {
        RULES.iter().position(|(p, _)| fits(&parts(p), path))
    }

    #[test]
    fn patterns_split_into_parts() {
        use Part::*;
        assert_eq!(
            parts("instances[].az[]"),
            [Key("instances"), AnyIndex, Key("az"), AnyIndex]
        );
        assert_eq!(parts("prices.*"), [Key("prices"), AnyKey]);
        assert_eq!(parts("containers[]"), [Key("containers"), AnyIndex]);
        assert_eq!(parts("a[][]"), [Key("a"), AnyIndex, AnyIndex]);
    }

    #[test]
    fn the_index_finds_the_first_pattern_that_fits() {
        for p in [
            "seed",
            "prices.spot_discount",
            "prices.x86_vcpu",
            "prices.instances",
            "instances.3.attributes.stack",
            "instances.0.az",
            "instances.0.az.1",
            "task_definitions.web",
            "task_definitions.web.cpu",
            "task_definitions.web.containers.0.ports.2.host",
            "task_definitions.web.constraints.0.type",
            "services.1.deployment.maximum_percent",
            "services.1.placement.strategy.0.field",
            "events.2.deploy.task_definition",
            "events.2.nothing",
            "nothing",
            "instances.0",
            "7",
        ] {
            let path = path(p);
            let want = first_fit(&path).map(|i| format!("{:?}", RULES[i].1));
            assert_eq!(rule(&path).map(|r| format!("{r:?}")), want, "{p}");
        }
        assert!(rule(&[]).is_none());
    }
}
