//! Checks a positioned YAML tree against the JSON schema derived from the manifest types,
//! reporting every problem (not just the first) with its place, and converts the tree to
//! the JSON that the typed structs deserialise from.
//!
//! One source of truth: the schema comes from `schemars` on the types in
//! `manifest::types`, so a field added there is known here with no second list to
//! keep in step. Scenario files of the simulator (`sim::scenario`) are read the same
//! way.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map as JsonMap, Value as Json};

use crate::yaml::{Node, PathSeg, Resolved, Span, Value};

/// A problem found by the schema walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub path: Vec<PathSeg>,
    pub span: Span,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// For an unknown field: the fields the map takes (for callers that word their own help).
    pub known: Vec<String>,
}

pub struct Checker {
    root: Json,
}

impl Checker {
    pub fn new(schema: schemars::Schema) -> Self {
        Checker {
            root: schema.to_value(),
        }
    }

    /// Checks `node` against the root schema. With `partial`, required fields may be missing
    /// (environment overrides set only what they change).
    pub fn check(&self, node: &Node, partial: bool) -> (Json, Vec<Issue>) {
        let mut issues = Vec::new();
        let walk = self.walk(partial, true);
        let value = walk.check(&self.root, node, &mut Vec::new(), &mut issues);
        (value, issues)
    }

    /// Checks `node` as [`Checker::check`] does, without making its JSON. When it finds
    /// nothing and the second value is true (no null below the root, which the JSON would
    /// turn into an empty map or list), the typed structs read the tree itself
    /// ([`crate::yaml::de::from_node`]) just as they would read the JSON: a large file is
    /// then never held twice in memory.
    pub fn check_in_place(&self, node: &Node, partial: bool) -> (Vec<Issue>, bool) {
        let mut issues = Vec::new();
        let walk = self.walk(partial, false);
        walk.check(&self.root, node, &mut Vec::new(), &mut issues);
        (issues, !walk.null_inside.get())
    }

    fn walk(&self, partial: bool, build: bool) -> Walk<'_> {
        Walk {
            root: &self.root,
            partial,
            build,
            null_inside: Cell::new(false),
            shapes: RefCell::default(),
        }
    }
}

struct Walk<'a> {
    root: &'a Json,
    partial: bool,
    /// Whether to make the checked tree's JSON (otherwise every value is `null`).
    build: bool,
    /// Set on meeting a null anywhere below the root.
    null_inside: Cell<bool>,
    /// What each schema met so far resolves to, by its address: a large file meets the
    /// same few schemas again and again.
    shapes: RefCell<HashMap<*const Json, Rc<Shape<'a>>>>,
}

/// A schema as the walk uses it: resolved, its alternatives, the kinds it takes.
struct Shape<'a> {
    schema: &'a Json,
    /// Takes anything (`true` or `{}`).
    any: bool,
    alternatives: Option<Vec<&'a Json>>,
    accepts: Accepts,
}

/// One step of the path to the node being checked, borrowed from the tree: the path is
/// made owned ([`PathSeg`]) only for the nodes an issue is about.
#[derive(Clone, Copy)]
enum Step<'n> {
    Key(&'n str),
    Index(usize),
}

fn owned(path: &[Step<'_>]) -> Vec<PathSeg> {
    path.iter()
        .map(|s| match *s {
            Step::Key(k) => PathSeg::Key(k.to_string()),
            Step::Index(i) => PathSeg::Index(i),
        })
        .collect()
}

/// The kinds a schema accepts.
#[derive(Debug, Default, Clone, Copy)]
struct Accepts {
    object: bool,
    array: bool,
    string: bool,
    integer: bool,
    number: bool,
    boolean: bool,
    null: bool,
}

impl<'a> Walk<'a> {
    fn shape(&self, schema: &'a Json) -> Rc<Shape<'a>> {
        let key = schema as *const Json;
        if let Some(shape) = self.shapes.borrow().get(&key) {
            return shape.clone();
        }
        let resolved = self.resolve(schema);
        let shape = Rc::new(Shape {
            schema: resolved,
            any: resolved == &Json::Bool(true)
                || resolved.as_object().is_some_and(|o| o.is_empty()),
            alternatives: self.alternatives(resolved),
            accepts: self.accepts(resolved),
        });
        self.shapes.borrow_mut().insert(key, shape.clone());
        shape
    }

    fn resolve(&self, schema: &'a Json) -> &'a Json {
        let mut s = schema;
        for _ in 0..32 {
            match s.get("$ref").and_then(Json::as_str) {
                Some(r) => {
                    let name = r.rsplit('/').next().unwrap_or_default();
                    match self
                        .root
                        .get("$defs")
                        .and_then(|d| d.get(name))
                        .or_else(|| self.root.get("definitions").and_then(|d| d.get(name)))
                    {
                        Some(target) => s = target,
                        None => return &Json::Bool(true),
                    }
                }
                None => return s,
            }
        }
        s
    }

    fn alternatives(&self, schema: &'a Json) -> Option<Vec<&'a Json>> {
        let alts = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))?
            .as_array()?;
        Some(alts.iter().map(|a| self.resolve(a)).collect())
    }

    fn accepts(&self, schema: &'a Json) -> Accepts {
        let schema = self.resolve(schema);
        if schema == &Json::Bool(true) || schema.as_object().is_some_and(|o| o.is_empty()) {
            return Accepts {
                object: true,
                array: true,
                string: true,
                integer: true,
                number: true,
                boolean: true,
                null: true,
            };
        }
        if let Some(alts) = self.alternatives(schema) {
            let mut acc = Accepts::default();
            for alt in alts {
                let a = self.accepts(alt);
                acc.object |= a.object;
                acc.array |= a.array;
                acc.string |= a.string;
                acc.integer |= a.integer;
                acc.number |= a.number;
                acc.boolean |= a.boolean;
                acc.null |= a.null;
            }
            return acc;
        }
        let mut acc = Accepts::default();
        if let Some(values) = schema.get("enum").and_then(Json::as_array) {
            for v in values {
                match v {
                    Json::String(_) => acc.string = true,
                    Json::Null => acc.null = true,
                    Json::Bool(_) => acc.boolean = true,
                    Json::Number(_) => acc.number = true,
                    _ => {}
                }
            }
            return acc;
        }
        if let Some(c) = schema.get("const") {
            if c.is_string() {
                acc.string = true;
            }
            return acc;
        }
        let types: Vec<&str> = match schema.get("type") {
            Some(Json::String(t)) => vec![t.as_str()],
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
            _ => {
                if schema.get("properties").is_some() {
                    vec!["object"]
                } else {
                    vec![]
                }
            }
        };
        for t in types {
            match t {
                "object" => acc.object = true,
                "array" => acc.array = true,
                "string" => acc.string = true,
                "integer" => acc.integer = true,
                "number" => {
                    acc.number = true;
                    acc.integer = true
                }
                "boolean" => acc.boolean = true,
                "null" => acc.null = true,
                _ => {}
            }
        }
        acc
    }

    /// Says in words what a schema takes: "an integer", "a map with `path`, `port`, ...".
    fn describe(&self, schema: &'a Json) -> String {
        let schema = self.resolve(schema);
        if let Some(alts) = self.alternatives(schema) {
            let mut parts: Vec<String> = Vec::new();
            for alt in alts {
                let d = self.describe(alt);
                if d != "nothing" && !parts.contains(&d) {
                    parts.push(d);
                }
            }
            return join_or(&parts);
        }
        if let Some(values) = schema.get("enum").and_then(Json::as_array) {
            let names: Vec<String> = values
                .iter()
                .filter_map(Json::as_str)
                .map(|s| format!("\"{s}\""))
                .collect();
            return format!("one of {}", names.join(", "));
        }
        let a = self.accepts(schema);
        if a.object {
            let props: Vec<String> = schema
                .get("properties")
                .and_then(Json::as_object)
                .map(|p| p.keys().take(6).map(|k| format!("`{k}`")).collect())
                .unwrap_or_default();
            return if props.is_empty() {
                "a map".into()
            } else {
                format!("a map (with {})", props.join(", "))
            };
        }
        if a.array {
            return "a list".into();
        }
        if a.string {
            return "a string".into();
        }
        if a.integer && !a.number {
            return "a whole number".into();
        }
        if a.number {
            return "a number".into();
        }
        if a.boolean {
            return "true or false".into();
        }
        "nothing".into()
    }

    fn check<'n>(
        &self,
        schema: &'a Json,
        node: &'n Node,
        path: &mut Vec<Step<'n>>,
        issues: &mut Vec<Issue>,
    ) -> Json {
        if node.is_null() && !path.is_empty() {
            self.null_inside.set(true);
        }
        let shape = self.shape(schema);
        let schema = shape.schema;
        if shape.any {
            return self.json(node);
        }
        if let Some(alts) = &shape.alternatives {
            return self.check_alternatives(schema, alts, node, path, issues);
        }
        let accepts = shape.accepts;
        match &node.value {
            Value::Map(entries) if accepts.object => {
                self.check_object(schema, node, entries, path, issues)
            }
            Value::Seq(items) if accepts.array => {
                let item_schema = schema.get("items").unwrap_or(&Json::Bool(true));
                let mut out = Vec::with_capacity(if self.build { items.len() } else { 0 });
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    let value = self.check(item_schema, item, path, issues);
                    if self.build {
                        out.push(value);
                    }
                    path.pop();
                }
                Json::Array(out)
            }
            Value::Null if accepts.null => Json::Null,
            Value::Null if !path.is_empty() && (accepts.object || accepts.array) => {
                // `http:` with nothing after it: an empty map or list, as Copilot reads it.
                if accepts.object {
                    Json::Object(JsonMap::new())
                } else {
                    Json::Array(vec![])
                }
            }
            Value::Scalar(s) => match self.scalar(schema, accepts, s.resolve(), &s.text) {
                Some(v) => v,
                None => {
                    self.mismatch(schema, node, path, issues);
                    self.json(node)
                }
            },
            _ => {
                self.mismatch(schema, node, path, issues);
                self.json(node)
            }
        }
    }

    /// The JSON of `node` as it is, when JSON is being made.
    fn json(&self, node: &Node) -> Json {
        if self.build {
            node.to_json()
        } else {
            Json::Null
        }
    }

    /// Converts a scalar for a schema that accepts it, or None.
    fn scalar(&self, schema: &Json, acc: Accepts, r: Resolved<'_>, text: &str) -> Option<Json> {
        let value = match r {
            Resolved::Null if acc.null => Json::Null,
            Resolved::Bool(b) if acc.boolean => Json::Bool(b),
            Resolved::Int(i) if acc.integer => {
                let (min, max) = int_bounds(schema);
                if min.is_some_and(|m| (i as f64) < m) || max.is_some_and(|m| (i as f64) > m) {
                    return None;
                }
                Json::from(i)
            }
            Resolved::Int(_) | Resolved::Float(_) if acc.number => {
                serde_json::from_str::<Json>(text)
                    .ok()
                    .filter(Json::is_number)?
            }
            Resolved::Str(s) if acc.string => {
                if self.build || schema.get("enum").is_some() || schema.get("const").is_some() {
                    Json::String(s.to_string())
                } else {
                    Json::Null
                }
            }
            _ => return None,
        };
        if let Some(values) = schema.get("enum").and_then(Json::as_array) {
            if !values.contains(&value) {
                return None;
            }
        }
        if let Some(c) = schema.get("const") {
            if c != &value {
                return None;
            }
        }
        Some(value)
    }

    fn check_alternatives<'n>(
        &self,
        schema: &'a Json,
        alts: &[&'a Json],
        node: &'n Node,
        path: &mut Vec<Step<'n>>,
        issues: &mut Vec<Issue>,
    ) -> Json {
        // Try each alternative that takes this kind of node; keep the one with the fewest
        // problems, so a map with one misspelt key is reported against the map shape.
        let mut best: Option<(Json, Vec<Issue>)> = None;
        for alt in alts {
            let acc = self.shape(alt).accepts;
            let kind_ok = match &node.value {
                Value::Map(_) => acc.object,
                Value::Seq(_) => acc.array,
                Value::Null => acc.null || acc.object || acc.array,
                Value::Scalar(s) => self.scalar(alt, acc, s.resolve(), &s.text).is_some(),
            };
            if !kind_ok {
                continue;
            }
            let mut trial = Vec::new();
            let value = self.check(alt, node, path, &mut trial);
            let better = best.as_ref().is_none_or(|(_, b)| trial.len() < b.len());
            if better {
                let done = trial.is_empty();
                best = Some((value, trial));
                if done {
                    break;
                }
            }
        }
        match best {
            Some((value, trial)) => {
                issues.extend(trial);
                value
            }
            None => {
                self.mismatch(schema, node, path, issues);
                self.json(node)
            }
        }
    }

    fn check_object<'n>(
        &self,
        schema: &'a Json,
        node: &'n Node,
        entries: &'n [crate::yaml::Entry],
        path: &mut Vec<Step<'n>>,
        issues: &mut Vec<Issue>,
    ) -> Json {
        let props = schema.get("properties").and_then(Json::as_object);
        let additional = schema.get("additionalProperties");
        let mut out = JsonMap::new();
        for entry in entries {
            path.push(Step::Key(&entry.key));
            let field_schema = props.and_then(|p| p.get(&entry.key)).or(match additional {
                Some(Json::Bool(false)) => None,
                Some(s) => Some(s),
                None if props.is_some() => None,
                None => Some(&Json::Bool(true)),
            });
            match field_schema {
                Some(fs) => {
                    let v = self.check(fs, &entry.value, path, issues);
                    if self.build {
                        out.insert(entry.key.clone(), v);
                    }
                }
                None => {
                    let known: Vec<&str> = props
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    issues.push(unknown_key(&entry.key, entry.key_span, &known, path));
                }
            }
            path.pop();
        }
        if !self.partial || !path.is_empty() {
            if let Some(required) = schema.get("required").and_then(Json::as_array) {
                for field in required.iter().filter_map(Json::as_str) {
                    if !entries.iter().any(|e| e.key == field) {
                        let mut p = owned(path);
                        let at = if p.is_empty() {
                            "the manifest".to_string()
                        } else {
                            format!("`{}`", crate::yaml::path_string(&p))
                        };
                        p.push(PathSeg::Key(field.to_string()));
                        issues.push(Issue {
                            path: p,
                            span: first_line(node.span),
                            code: "missing-field",
                            message: format!("{at} is missing the field `{field}`"),
                            help: Some(format!("add `{field}:` here")),
                            known: Vec::new(),
                        });
                    }
                }
            }
        }
        Json::Object(out)
    }

    /// The `minimum`/`maximum` of the integer this schema (or one of its alternatives) takes.
    fn int_range(&self, schema: &'a Json) -> Option<(Option<f64>, Option<f64>)> {
        let schema = self.resolve(schema);
        if let Some(alts) = self.alternatives(schema) {
            return alts.into_iter().find_map(|a| self.int_range(a));
        }
        if !self.accepts(schema).integer {
            return None;
        }
        let (min, max) = int_bounds(schema);
        (min.is_some() || max.is_some()).then_some((min, max))
    }

    /// An issue for a whole number outside the range the schema allows, if that is the
    /// problem (rather than the kind of value).
    fn out_of_range(&self, schema: &'a Json, node: &Node, what: &str) -> Option<(String, String)> {
        let value = match node.resolved()? {
            Resolved::Int(i) => i as f64,
            Resolved::Float(f) if f.is_finite() && f.fract() == 0.0 => f,
            _ => return None,
        };
        let (min, max) = self.int_range(schema)?;
        if min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m) {
            return None;
        }
        let n = |m: f64| format!("{}", m as i128);
        let (rule, help) = match (min, max) {
            (Some(lo), Some(hi)) => (
                format!("between {} and {}", n(lo), n(hi)),
                format!("use a whole number from {} to {}", n(lo), n(hi)),
            ),
            (Some(lo), None) => (
                format!("{} or more", n(lo)),
                format!("use a whole number no smaller than {}", n(lo)),
            ),
            (None, Some(hi)) => (
                format!("{} or less", n(hi)),
                format!("use a whole number no larger than {}", n(hi)),
            ),
            (None, None) => return None,
        };
        let found = node.scalar_text().unwrap_or_default();
        Some((format!("{what} must be {rule}, found {found}"), help))
    }

    fn mismatch(&self, schema: &'a Json, node: &Node, path: &[Step<'_>], issues: &mut Vec<Issue>) {
        let path = owned(path);
        let expected = self.describe(schema);
        let field = crate::yaml::path_string(&path);
        let what = if field.is_empty() {
            "the manifest".to_string()
        } else {
            format!("`{field}`")
        };
        if let Some((message, help)) = self.out_of_range(schema, node, &what) {
            issues.push(Issue {
                path,
                span: node.span,
                code: "wrong-type",
                message,
                help: Some(help),
                known: Vec::new(),
            });
            return;
        }
        let help = match node.resolved() {
            Some(Resolved::Int(_) | Resolved::Float(_) | Resolved::Bool(_))
                if self.accepts(schema).string =>
            {
                Some(format!(
                    "put the value in quotes to make it a string: \"{}\"",
                    node.scalar_text().unwrap_or_default()
                ))
            }
            Some(Resolved::Str(s)) if self.accepts(schema).integer => {
                if s.trim().parse::<f64>().is_ok() {
                    Some(format!("remove the quotes: {}", s.trim()))
                } else {
                    Some(format!("{what} takes {expected}"))
                }
            }
            _ => None,
        };
        issues.push(Issue {
            path,
            span: node.span,
            code: "wrong-type",
            message: format!("{what} must be {expected}, found {}", node.kind()),
            help,
            known: Vec::new(),
        });
    }
}

fn unknown_key(key: &str, span: Span, known: &[&str], path: &[Step<'_>]) -> Issue {
    let path = owned(path);
    let parent = &path[..path.len().saturating_sub(1)];
    let place = if parent.is_empty() {
        String::new()
    } else {
        format!(" in `{}`", crate::yaml::path_string(parent))
    };
    let help = match did_you_mean(key, known) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => "remove this field".to_string(),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("known fields here: {}", list.join(", "))
        }
    };
    Issue {
        path,
        span,
        code: "unknown-field",
        message: format!("unknown field `{key}`{place}"),
        help: Some(help),
        known: known.iter().map(|k| k.to_string()).collect(),
    }
}

pub use crate::suggest::did_you_mean;

/// The bounds of an integer schema: its `minimum` and `maximum`, or those its `format`
/// implies (schemars gives unsigned types a `minimum` but leaves the maximum to `format`).
fn int_bounds(schema: &Json) -> (Option<f64>, Option<f64>) {
    let (fmt_min, fmt_max) = match schema.get("format").and_then(Json::as_str) {
        Some("uint8") => (Some(0.0), Some(f64::from(u8::MAX))),
        Some("uint16") => (Some(0.0), Some(f64::from(u16::MAX))),
        Some("uint32") => (Some(0.0), Some(f64::from(u32::MAX))),
        Some("uint64" | "uint") => (Some(0.0), Some(u64::MAX as f64)),
        Some("int8") => (Some(f64::from(i8::MIN)), Some(f64::from(i8::MAX))),
        Some("int16") => (Some(f64::from(i16::MIN)), Some(f64::from(i16::MAX))),
        Some("int32") => (Some(f64::from(i32::MIN)), Some(f64::from(i32::MAX))),
        _ => (None, None),
    };
    let min = schema.get("minimum").and_then(Json::as_f64).or(fmt_min);
    let max = schema.get("maximum").and_then(Json::as_f64).or(fmt_max);
    (min, max)
}

fn first_line(span: Span) -> Span {
    Span { len: 0, ..span }
}

fn join_or(parts: &[String]) -> String {
    match parts {
        [] => "nothing".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::types::Workload;

    fn issues(src: &str) -> Vec<Issue> {
        let checker = Checker::new(schemars::schema_for!(Workload));
        checker.check(&crate::yaml::parse(src).unwrap(), false).1
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let found = issues("name: api\ntype: Backend Service\nmemroy: 512\nimage:\n  locaton: x\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].message, "unknown field `memroy`");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `memory`?"));
        assert_eq!((found[0].span.line, found[0].span.column), (3, 1));
        assert_eq!(found[1].message, "unknown field `locaton` in `image`");
        assert_eq!(found[1].help.as_deref(), Some("did you mean `location`?"));
    }

    #[test]
    fn an_out_of_range_number_names_the_range() {
        let found = issues(
            "name: api\ntype: Backend Service\nimage:\n  location: x\n  port: 70000\ncpu: -1\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].message,
            "`image.port` must be between 0 and 65535, found 70000"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("use a whole number from 0 to 65535")
        );
        assert_eq!((found[0].span.line, found[0].span.column), (5, 9));
        assert_eq!(
            found[1].message,
            "`cpu` must be between 0 and 4294967295, found -1"
        );
    }

    #[test]
    fn a_string_where_a_number_goes() {
        let found = issues("name: api\ntype: Backend Service\ncpu: lots\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`cpu` must be a whole number, found the string \"lots\""
        );
        assert_eq!(found[0].span.line, 3);
    }

    #[test]
    fn a_number_where_a_string_goes() {
        let found = issues("name: 123\ntype: Backend Service\n");
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .contains("must be a string, found the number 123"));
        assert!(found[0].help.as_deref().unwrap().contains("quotes"));
    }

    #[test]
    fn two_shaped_fields_take_either_shape() {
        assert!(issues("name: a\ntype: Backend Service\ncount: 3\n").is_empty());
        assert!(issues(
            "name: a\ntype: Backend Service\ncount: {range: 1-3, cpu_percentage: 50}\n"
        )
        .is_empty());
        let found =
            issues("name: a\ntype: Backend Service\ncount: {range: 1-3, cpu_percentag: 50}\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].help.as_deref(),
            Some("did you mean `cpu_percentage`?")
        );
    }
}
