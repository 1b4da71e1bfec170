//! Reads a scenario file into a [`Scenario`], the way manifests are read: the YAML tree is
//! held to the JSON schema of the types in [`input`] (unknown keys, wrong kinds of value),
//! deserialised, then checked for what a schema cannot say (ranges, Fargate sizes, query
//! expressions, references between task definitions, services and events). Every problem
//! is a [`Diagnostic`] with file:line:col and the next thing to do; all of them are
//! collected, not just the first.

mod events;
mod input;
mod instances;
mod rules;
mod services;
mod tasks;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde_json::Value as Json;

use crate::diag::{Diagnostic, SourceFile};
use crate::schema::{Checker, Issue};
use crate::yaml::{self, Node, PathSeg, Span};

use super::model::*;
use super::query::{Expr, Precedence};
use input::{PlacementIn, ScenarioIn, Text};
use rules::Rule;

/// At most this many constraints per task (task definition and service together).
pub const MAX_CONSTRAINTS: usize = 10;
pub use super::query::MAX_EXPRESSION;
/// Container instances per cluster.
pub const MAX_INSTANCES: usize = 5000;
pub const MAX_STRATEGIES: usize = 5;

/// A loaded scenario and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

fn scenario_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(input::schema_without_null::<ScenarioIn>()))
}

fn placement_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(input::schema_without_null::<PlacementIn>()))
}

/// Parses and checks a scenario file; on failure, every error found.
pub fn load(src: &Arc<SourceFile>) -> Result<Loaded, Vec<Diagnostic>> {
    let root = match yaml::parse(&src.text) {
        Ok(n) => n,
        Err(e) => {
            let mut d = Diagnostic::error("yaml", e.message).at(src, e.span);
            if let Some(h) = e.help {
                d = d.help(h);
            }
            return Err(vec![d]);
        }
    };
    let mut c = Check::new(src, &root, "the scenario");
    if root.is_null() {
        c.error(
            "invalid-value",
            root.span,
            "the scenario is empty",
            "add `instances:` and `services:` or `tasks:` (see `tug sim run --help`)",
        );
        return Err(c.diags);
    }
    let input = c.typed::<ScenarioIn>(scenario_checker());
    let scenario = input
        .as_ref()
        .map_or_else(Scenario::default, |input| c.scenario(input));
    let diags = std::mem::take(&mut c.diags);
    drop(c);
    drop_aside(root.span.len, (root, input));
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
    if errors.is_empty() {
        Ok(Loaded { scenario, warnings })
    } else {
        Err(errors)
    }
}

/// Files at least this large (in bytes) are read with both cores: see [`Check::typed`] and
/// [`drop_aside`].
const LARGE: usize = 1 << 20;

/// Drops `value`, the trees read from a file of `size` bytes: on a thread of its own for a
/// large file, where freeing millions of nodes takes as long as simulating, which then
/// need not wait for it.
fn drop_aside<T: Send + 'static>(size: usize, value: T) {
    if size < LARGE {
        return drop(value);
    }
    // Should no thread start, the closure, and with it the value, is dropped here.
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// A workload manifest's `placement: {strategy, constraints}` (EC2 capacity), read with
/// the same rules and located errors as a scenario file's service.
pub fn placement(
    src: &Arc<SourceFile>,
    node: &Node,
) -> (Vec<Strategy>, Vec<Constraint>, Vec<Diagnostic>) {
    let mut c = Check::new(src, node, "`placement`");
    let mut strategy = Strategy::service_default();
    let mut constraints = Vec::new();
    if node.is_null() {
        return (strategy, constraints, c.diags);
    }
    if let Some(p) = c.typed::<PlacementIn>(placement_checker()) {
        if c.node(&[key("strategy")]).is_some() {
            strategy = c.strategy(&[key("strategy")], &p.strategy);
        }
        constraints = c
            .constraints(&[key("constraints")], &p.constraints)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
    }
    (strategy, constraints, c.diags)
}

/// One key of a path.
fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

/// `base` and then `more`.
fn path(base: &[PathSeg], more: PathSeg) -> Vec<PathSeg> {
    let mut p = base.to_vec();
    p.push(more);
    p
}

/// `base.k`.
fn at(base: &[PathSeg], k: &str) -> Vec<PathSeg> {
    path(base, key(k))
}

/// `base[i]`.
fn nth(base: &[PathSeg], i: usize) -> Vec<PathSeg> {
    path(base, PathSeg::Index(i))
}

/// Collects the diagnostics of one file, locating each through the YAML tree.
struct Check<'a> {
    src: &'a Arc<SourceFile>,
    tree: &'a Node,
    /// The document's name in messages ("the scenario", "`placement`").
    root: &'static str,
    diags: Vec<Diagnostic>,
    precedence: Precedence,
    /// The keys of each large map a path has gone through, made on first use: every check
    /// finds its place in the file by path, so a scenario's 50,000 task definitions must
    /// not be searched one by one for each of them.
    maps: RefCell<HashMap<*const Node, HashMap<&'a str, &'a Node>>>,
    /// Each `memberOf` expression read so far, parsed (under `precedence`): thousands of
    /// task definitions often share one.
    expressions: HashMap<String, Arc<Expr>>,
}

/// Maps with more entries than this get a table of their keys ([`Check::maps`]).
const SMALL_MAP: usize = 32;

impl<'a> Check<'a> {
    fn new(src: &'a Arc<SourceFile>, tree: &'a Node, root: &'static str) -> Self {
        Check {
            src,
            tree,
            root,
            diags: Vec::new(),
            precedence: Precedence::default(),
            maps: RefCell::default(),
            expressions: HashMap::new(),
        }
    }

    fn error(
        &mut self,
        code: &'static str,
        span: Span,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        let help = help.into();
        let mut d = Diagnostic::error(code, msg).at(self.src, span);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.diags.push(d);
    }

    fn warn(&mut self, span: Span, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning("sim-limit", msg).at(self.src, span));
    }

    /// The node at `path`, as [`Node::at_path`] finds it.
    fn node(&self, path: &[PathSeg]) -> Option<&'a Node> {
        let mut node = self.tree;
        for seg in path {
            node = match seg {
                PathSeg::Key(k) => self.get(node, k)?,
                PathSeg::Index(i) => node.as_seq()?.get(*i)?,
            };
        }
        Some(node)
    }

    /// The value under `key` in `map`.
    fn get(&self, map: &'a Node, key: &str) -> Option<&'a Node> {
        let entries = map.as_map()?;
        if entries.len() <= SMALL_MAP {
            return map.get(key);
        }
        let mut maps = self.maps.borrow_mut();
        let keys = maps
            .entry(map as *const Node)
            .or_insert_with(|| entries.iter().map(|e| (e.key.as_str(), &e.value)).collect());
        keys.get(key).copied()
    }

    /// The span of the value at `path`, or of the deepest node on the way to it.
    fn span(&self, path: &[PathSeg]) -> Span {
        (0..=path.len())
            .rev()
            .find_map(|n| self.node(&path[..n]))
            .map_or(self.tree.span, |n| n.span)
    }

    fn kind(&self, path: &[PathSeg]) -> String {
        self.node(path).map_or_else(|| "nothing".into(), Node::kind)
    }

    fn rule(&self, path: &[PathSeg]) -> Option<Rule> {
        if path.is_empty() {
            return Some(Rule::Map(self.root));
        }
        rules::rule(path)
    }

    /// The range of a whole number: a Fargate task definition's cpu has its own.
    fn int_range(&self, path: &[PathSeg], min: i64, max: i64) -> (i64, i64) {
        let fargate = match path {
            [PathSeg::Key(tds), PathSeg::Key(_), PathSeg::Key(cpu)]
                if tds == "task_definitions" && cpu == "cpu" =>
            {
                self.node(&path[..2])
                    .and_then(|td| td.get("requires"))
                    .and_then(Node::scalar_text)
                    .is_some_and(|r| r.eq_ignore_ascii_case("FARGATE"))
            }
            _ => false,
        };
        if fargate {
            (256, 16384)
        } else {
            (min, max)
        }
    }

    /// Holds the tree to `checker`'s schema, words what it finds the scenario way, and
    /// deserialises the rest: a value of the wrong kind is left out, as if absent.
    fn typed<T: serde::de::DeserializeOwned + Send>(&mut self, checker: &Checker) -> Option<T> {
        // A file with nothing to fix (the usual case, and the case of a large one) is read
        // in place; one with problems goes through the checker's JSON, pruned of them. A
        // large file is read while it is checked, on the other core.
        let tree = self.tree;
        let ((issues, direct), read) = if tree.span.len >= LARGE {
            std::thread::scope(|s| {
                let read = s.spawn(|| yaml::de::from_node::<T>(tree));
                let checked = checker.check_in_place(tree, false);
                let read = read
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (checked, Some(read))
            })
        } else {
            (checker.check_in_place(tree, false), None)
        };
        if issues.is_empty() && direct {
            return self.read(read.unwrap_or_else(|| yaml::de::from_node(tree)));
        }
        let (mut json, issues) = checker.check(self.tree, false);
        for issue in issues {
            if issue.code == "wrong-type" {
                // A map of the wrong kind reads as an empty one, so what it lacks is said too.
                let empty = matches!(self.rule(&issue.path), Some(Rule::Map(_)));
                prune(&mut json, &issue.path, empty);
            }
            let d = self.reword(issue);
            self.diags.push(d);
        }
        self.read(serde_json::from_value(json))
    }

    /// The typed value read, or an error for the whole document.
    fn read<T, E: std::fmt::Display>(&mut self, read: Result<T, E>) -> Option<T> {
        match read {
            Ok(v) => Some(v),
            Err(e) => {
                let span = self.tree.span;
                self.error(
                    "invalid-value",
                    span,
                    format!("{} cannot be read: {e}", self.root),
                    "",
                );
                None
            }
        }
    }

    fn reword(&self, issue: Issue) -> Diagnostic {
        let path = &issue.path;
        let (code, message, help) = match (issue.code, path.split_last()) {
            ("unknown-field", Some((PathSeg::Key(k), parent))) => {
                let what = match self.rule(parent) {
                    Some(Rule::Map(w)) => rules::name(w, parent),
                    _ => crate::yaml::path_string(parent),
                };
                let known: Vec<&str> = issue.known.iter().map(String::as_str).collect();
                let best = known
                    .iter()
                    .map(|n| (n, strsim::jaro_winkler(n, k)))
                    .filter(|(_, s)| *s > 0.75)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                let help = match best {
                    Some((n, _)) => format!("did you mean `{n}`?"),
                    None => format!("known keys: {}", known.join(", ")),
                };
                ("unknown-key", format!("unknown key `{k}` in {what}"), help)
            }
            ("wrong-type", _) if self.rule(path).is_some() => {
                let (message, help) = self.wrong_kind(path);
                ("invalid-value", message, help)
            }
            _ => (issue.code, issue.message, issue.help.unwrap_or_default()),
        };
        let mut d = Diagnostic::error(code, message).at(self.src, issue.span);
        if !help.is_empty() {
            d = d.help(help);
        }
        d
    }

    /// Message and help for a value of the wrong kind at `path`.
    fn wrong_kind(&self, path: &[PathSeg]) -> (String, String) {
        let found = self.kind(path);
        match self.rule(path) {
            Some(Rule::Map(w)) => {
                let w = rules::name(w, path);
                (
                    format!("{w} must be a map, found {found}"),
                    format!("write {w} as `key: value` lines"),
                )
            }
            Some(Rule::Shape(message, help)) => (message.to_string(), help.to_string()),
            Some(Rule::List(w)) => (
                format!("{w} must be a list, found {found}"),
                format!("write {w} as a list: `- ...` lines or `[a, b]`"),
            ),
            Some(Rule::Int(w, min, max)) => {
                let (min, max) = self.int_range(path, min, max);
                (
                    format!("{w} must be a whole number, found {found}"),
                    format!("use a whole number from {min} to {max}"),
                )
            }
            Some(Rule::Float(w, min, max)) => (
                format!(
                    "{} must be a number from {min} to {max}, found {found}",
                    rules::name(w, path)
                ),
                String::new(),
            ),
            Some(Rule::Bool(w)) => (
                format!("{w} must be true or false, found {found}"),
                String::new(),
            ),
            Some(Rule::Text(w) | Rule::Choice(w, _)) => {
                (format!("{w} must be text, found {found}"), String::new())
            }
            None => (format!("{found} is not valid here"), String::new()),
        }
    }

    /// A whole number in the range its rule gives.
    fn int(&mut self, path: &[PathSeg], value: Option<i64>) -> Option<u64> {
        let v = value?;
        let Some(Rule::Int(what, min, max)) = self.rule(path) else {
            return u64::try_from(v).ok();
        };
        let (min, max) = self.int_range(path, min, max);
        if (min..=max).contains(&v) {
            return Some(v as u64);
        }
        self.error(
            "invalid-value",
            self.span(path),
            format!("{what} {v} is out of range"),
            format!("use a whole number from {min} to {max}"),
        );
        None
    }

    fn u32(&mut self, path: &[PathSeg], value: Option<i64>) -> Option<u32> {
        self.int(path, value).map(|v| v as u32)
    }

    /// A number in the range its rule gives.
    fn float(&mut self, path: &[PathSeg], value: Option<f64>) -> Option<f64> {
        let v = value?;
        let Some(Rule::Float(what, min, max)) = self.rule(path) else {
            return Some(v);
        };
        if v >= min && v <= max {
            return Some(v);
        }
        let found = self.kind(path);
        self.error(
            "invalid-value",
            self.span(path),
            format!(
                "{} must be a number from {min} to {max}, found {found}",
                rules::name(what, path)
            ),
            "",
        );
        None
    }

    /// Any scalar's text, not empty.
    fn text(&mut self, path: &[PathSeg], value: Option<&Text>) -> Option<String> {
        let v = value?;
        if !v.0.is_empty() {
            return Some(v.0.clone());
        }
        let what = match self.rule(path) {
            Some(Rule::Text(w) | Rule::Choice(w, _)) => w,
            _ => "the value",
        };
        self.error(
            "invalid-value",
            self.span(path),
            format!("{what} must be text, found {}", self.kind(path)),
            "",
        );
        None
    }

    /// One of the rule's choices (case-insensitive); returns its index.
    fn choice(&mut self, path: &[PathSeg], value: Option<&Text>) -> Option<usize> {
        let text = self.text(path, value)?;
        let Some(Rule::Choice(what, choices)) = self.rule(path) else {
            return None;
        };
        let found = choices.iter().position(|c| c.eq_ignore_ascii_case(&text));
        if found.is_none() {
            self.error(
                "invalid-value",
                self.span(path),
                format!("{what} `{text}` is not one of {}", choices.join(", ")),
                format!("use one of {}", choices.join(", ")),
            );
        }
        found
    }
}

/// Leaves out the value at `path`, or makes it an empty map when `empty`: otherwise a
/// map's key goes, and a list's item becomes null (skipped, so the others keep their index).
fn prune(json: &mut Json, path: &[PathSeg], empty: bool) {
    let Some((last, parent)) = path.split_last() else {
        *json = Json::Object(Default::default());
        return;
    };
    let mut at = json;
    for seg in parent {
        let next = match seg {
            PathSeg::Key(k) => at.get_mut(k.as_str()),
            PathSeg::Index(i) => at.get_mut(*i),
        };
        match next {
            Some(n) => at = n,
            None => return,
        }
    }
    if empty {
        if let Some(value) = match last {
            PathSeg::Key(k) => at.get_mut(k.as_str()),
            PathSeg::Index(i) => at.get_mut(*i),
        } {
            *value = Json::Object(Default::default());
        }
        return;
    }
    match (last, at) {
        (PathSeg::Key(k), Json::Object(map)) => {
            map.remove(k);
        }
        (PathSeg::Index(i), Json::Array(items)) => {
            if let Some(item) = items.get_mut(*i) {
                *item = Json::Null;
            }
        }
        _ => {}
    }
}
