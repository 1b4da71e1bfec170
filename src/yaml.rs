//! A YAML reader that keeps positions.
//!
//! Every node carries the span it came from, so that a semantic error found long after
//! parsing (a Fargate size, an unknown key) can still point at the exact line and column.
//! The reader refuses what a manifest never needs and an attacker might send: more than one
//! document, nesting deeper than [`MAX_DEPTH`], duplicate keys, non-scalar keys, and aliases
//! that expand past [`MAX_ALIAS_NODES`] nodes ("billion laughs").

use std::collections::{HashMap, HashSet};
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};

pub mod de;

/// Deepest nesting accepted; real manifests stay under 10.
pub const MAX_DEPTH: usize = 128;
/// Total nodes that alias expansion may add to a document.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// A place in a source file: byte offset and length for rendering, line and column
/// (both 1-based, column counted in characters) for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
    pub line: usize,
    pub column: usize,
}

/// The start of the file (where an empty document is).
impl Default for Span {
    fn default() -> Self {
        Span {
            offset: 0,
            len: 0,
            line: 1,
            column: 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    /// Plain (unquoted, untagged) scalars are resolved to numbers and booleans; quoted ones
    /// are always strings.
    pub plain: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// What a scalar means under the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Scalar {
    pub fn resolve(&self) -> Resolved<'_> {
        if !self.plain {
            return Resolved::Str(&self.text);
        }
        let t = self.text.as_str();
        match t {
            "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
            "true" | "True" | "TRUE" => return Resolved::Bool(true),
            "false" | "False" | "FALSE" => return Resolved::Bool(false),
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
                return Resolved::Float(f64::INFINITY)
            }
            "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
            _ => {}
        }
        if let Some(i) = parse_int(t) {
            return Resolved::Int(i);
        }
        if looks_like_float(t) {
            if let Ok(f) = t.parse::<f64>() {
                return Resolved::Float(f);
            }
        }
        Resolved::Str(t)
    }
}

fn parse_int(t: &str) -> Option<i64> {
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i64::from_str_radix(oct, 8).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<i64>().ok()?
    } else {
        return None;
    };
    Some(if neg { -value } else { value })
}

fn looks_like_float(t: &str) -> bool {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_dot => seen_dot = true,
            'e' | 'E' if seen_digit => {
                if matches!(chars.peek(), Some('+' | '-')) {
                    chars.next();
                }
                return chars.clone().count() > 0 && chars.all(|c| c.is_ascii_digit());
            }
            _ => return false,
        }
    }
    seen_digit
}

impl Node {
    pub fn null(span: Span) -> Node {
        Node {
            value: Value::Null,
            span,
        }
    }

    pub fn string(text: impl Into<String>, span: Span) -> Node {
        Node {
            value: Value::Scalar(Scalar {
                text: text.into(),
                plain: false,
            }),
            span,
        }
    }

    /// The entries of a mapping, or None for any other kind of node.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn resolved(&self) -> Option<Resolved<'_>> {
        match &self.value {
            Value::Null => Some(Resolved::Null),
            Value::Scalar(s) => Some(s.resolve()),
            _ => None,
        }
    }

    /// The text of a scalar that is a string (quoted, or plain and not a number or bool).
    pub fn as_str(&self) -> Option<&str> {
        match self.resolved()? {
            Resolved::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The raw text of any scalar: `80`, `true` and `"80"` all give their characters.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.resolved()? {
            Resolved::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.resolved()? {
            Resolved::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }

    /// Follows a dotted path of keys and list indexes (`http.healthcheck.path`,
    /// `sidecars.nginx.port`, `subnets.0.cidr`).
    pub fn at_path(&self, path: &[PathSeg]) -> Option<&Node> {
        let mut node = self;
        for seg in path {
            node = match seg {
                PathSeg::Key(k) => node.get(k)?,
                PathSeg::Index(i) => node.as_seq()?.get(*i)?,
            };
        }
        Some(node)
    }

    /// The span of the key that holds the value at `path` (for "unknown key" and
    /// "remove this field" messages), falling back to the value's span.
    pub fn key_span_at(&self, path: &[PathSeg]) -> Option<Span> {
        let (last, parent) = path.split_last()?;
        let parent = self.at_path(parent)?;
        match last {
            PathSeg::Key(k) => parent.entry(k).map(|e| e.key_span),
            PathSeg::Index(i) => parent.as_seq()?.get(*i).map(|n| n.span),
        }
    }

    /// A short name for the kind of node, for "expected X, found Y" messages.
    pub fn kind(&self) -> String {
        match &self.value {
            Value::Null => "nothing (null)".to_string(),
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a map".to_string(),
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => "nothing (null)".to_string(),
                Resolved::Bool(b) => format!("the boolean `{b}`"),
                Resolved::Int(i) => format!("the number {i}"),
                Resolved::Float(_) => format!("the number {}", s.text),
                Resolved::Str(t) => format!("the string \"{t}\""),
            },
        }
    }

    /// Counts the nodes in this tree (itself included).
    pub fn size(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::size).sum(),
            Value::Map(entries) => entries.iter().map(|e| 1 + e.value.size()).sum(),
            _ => 0,
        }
    }

    /// Converts to JSON, resolving scalars; the form typed deserialisation reads.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => J::Null,
                Resolved::Bool(b) => J::Bool(b),
                Resolved::Int(i) => J::from(i),
                Resolved::Float(f) => serde_json::Number::from_f64(f)
                    .map(J::Number)
                    .unwrap_or_else(|| J::String(s.text.clone())),
                Resolved::Str(t) => J::String(t.to_string()),
            },
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl fmt::Display for PathSeg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSeg::Key(k) => f.write_str(k),
            PathSeg::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// Renders a path the way a person writes it: `http.healthcheck.path`, `subnets[0].cidr`.
pub fn path_string(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub help: Option<String>,
    pub span: Span,
}

/// Maps the parser's positions (character indexes) to byte offsets, lines and columns.
/// Positions arrive in almost increasing order, so a cursor that walks on from the last
/// position keeps a whole parse linear in the size of the file. Lines are counted at `\n`,
/// as everything else that shows a place in a file counts them.
struct Locator<'a> {
    src: &'a str,
    /// Characters before the cursor.
    index: usize,
    /// Bytes before the cursor.
    offset: usize,
    /// The cursor's line, 1-based.
    line: usize,
    /// The character index where each line the cursor has reached starts.
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        Locator {
            src,
            index: 0,
            offset: 0,
            line: 1,
            line_starts: vec![0],
        }
    }

    /// The span from character `start` to character `end`.
    fn span(&mut self, start: usize, end: usize) -> Span {
        self.seek(start);
        let (offset, line) = (self.offset, self.line);
        let column = self.index - self.line_starts[line - 1] + 1;
        self.seek(end.max(start));
        Span {
            offset,
            len: self.offset - offset,
            line,
            column,
        }
    }

    /// Moves the cursor to character `index` (or the end of the text).
    fn seek(&mut self, index: usize) {
        let bytes = self.src.as_bytes();
        while self.index < index {
            // ASCII, most of any file, a byte at a time.
            if let Some(&b) = bytes.get(self.offset).filter(|b| b.is_ascii()) {
                self.offset += 1;
                self.index += 1;
                if b == b'\n' {
                    self.line += 1;
                    if self.line > self.line_starts.len() {
                        self.line_starts.push(self.index);
                    }
                }
                continue;
            }
            let Some(c) = self.src[self.offset..].chars().next() else {
                return;
            };
            self.offset += c.len_utf8();
            self.index += 1;
            if c == '\n' {
                self.line += 1;
                if self.line > self.line_starts.len() {
                    self.line_starts.push(self.index);
                }
            }
        }
        while self.index > index {
            let Some(c) = self.src[..self.offset].chars().next_back() else {
                return;
            };
            self.offset -= c.len_utf8();
            self.index -= 1;
            if c == '\n' {
                self.line -= 1;
            }
        }
    }
}

/// The items and entries of the open sequences and maps, innermost last: each frame's are
/// those from its `start`. A closed one is moved out into a vector of its exact size, so a
/// large document holds no spare capacity and no vector grows more than once.
#[derive(Default)]
struct Open {
    items: Vec<Node>,
    entries: Vec<Entry>,
}

enum Frame {
    Seq {
        /// Where its items start in [`Open::items`].
        start: usize,
        span: Span,
        anchor: usize,
        function: Option<String>,
    },
    Map {
        /// Where its entries start in [`Open::entries`].
        start: usize,
        /// Where each key of its entries is among them, once it has more than [`INDEXED_MAP`]
        /// entries: duplicates are found in constant time (a scan is quicker below that).
        keys: HashMap<String, usize>,
        /// Entries brought in by merge keys (`<<`); explicit keys win over them.
        merged: Vec<Entry>,
        merged_keys: HashSet<String>,
        pending_key: Option<(String, Span)>,
        span: Span,
        anchor: usize,
        /// The CloudFormation function its tag names (`Fn::If` for `!If`), when tags are read.
        function: Option<String>,
    },
}

/// Parses one YAML document into a tree of positioned nodes. An empty document (or only
/// comments) gives a null node. Tags are ignored.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    parse_with(src, false)
}

/// Parses a CloudFormation template written in YAML: like [`parse`], with the short forms of
/// the intrinsic functions expanded to their long forms, as CloudFormation reads them:
/// `!Ref X` is `{Ref: X}`, `!GetAtt A.B` is `{Fn::GetAtt: [A, B]}`, `!Sub ...` is
/// `{Fn::Sub: ...}`. A tag that names no function is an error at its place.
pub fn parse_cloudformation(src: &str) -> Result<Node, ParseError> {
    parse_with(src, true)
}

/// The intrinsic functions (and condition functions) CloudFormation's YAML short forms name.
const CFN_FUNCTIONS: [&str; 19] = [
    "Ref",
    "Condition",
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "And",
    "Equals",
    "If",
    "Not",
    "Or",
    "ToJsonString",
];

/// The long-form key of a CloudFormation tag (`Fn::Sub` for `!Sub`), `None` for a YAML tag
/// such as `!!str`; an error for a `!` tag that names no function.
fn cfn_function(tag: Option<&Tag>, span: Span) -> Result<Option<String>, ParseError> {
    let Some(tag) = tag.filter(|t| t.handle == "!") else {
        return Ok(None);
    };
    let name = tag.suffix.as_str();
    if !CFN_FUNCTIONS.contains(&name) {
        return Err(ParseError {
            message: format!("`!{name}` is not a CloudFormation function"),
            help: Some(format!(
                "the short forms are {}",
                CFN_FUNCTIONS
                    .iter()
                    .map(|f| format!("!{f}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            span,
        });
    }
    Ok(Some(match name {
        "Ref" | "Condition" => name.to_string(),
        _ => format!("Fn::{name}"),
    }))
}

/// `node` as the argument of CloudFormation function `function`: a one-entry map. The
/// scalar of `!GetAtt Resource.Attribute` becomes the list `[Resource, Attribute]`.
fn wrap_function(function: String, node: Node) -> Result<Node, ParseError> {
    let span = node.span;
    let node = match (&node.value, function.as_str()) {
        (Value::Scalar(s), "Fn::GetAtt") => {
            let Some((resource, attribute)) = s.text.split_once('.') else {
                return Err(ParseError {
                    message: format!("`!GetAtt {}` names no attribute", s.text),
                    help: Some("write it as `!GetAtt Resource.Attribute`".into()),
                    span,
                });
            };
            Node {
                value: Value::Seq(vec![
                    Node::string(resource, span),
                    Node::string(attribute, span),
                ]),
                span,
            }
        }
        // The argument of a tagged scalar is text (`!Ref 5` names the parameter `5`).
        (Value::Scalar(s), _) => Node::string(s.text.clone(), span),
        _ => node,
    };
    Ok(Node {
        value: Value::Map(vec![Entry {
            key: function,
            key_span: span,
            value: node,
        }]),
        span,
    })
}

/// Documents at least this large (in bytes) are scanned on a thread of their own while the
/// tree is built: the two halves of reading take about as long as each other.
const PIPELINED: usize = 1 << 20;
/// Events handed from the scanning thread to the building one at a time.
const BATCH: usize = 4096;

type Next<'a> = Result<(Event<'a>, saphyr_parser::Span), ScanError>;

fn parse_with(src: &str, cfn_tags: bool) -> Result<Node, ParseError> {
    if src.len() < PIPELINED {
        let mut parser = Parser::new_from_str(src);
        return build(src, cfn_tags, std::iter::from_fn(|| parser.next_event()));
    }
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Next<'_>>>(16);
        s.spawn(move || {
            let mut parser = Parser::new_from_str(src);
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(next) = parser.next_event() {
                let failed = next.is_err();
                batch.push(next);
                if batch.len() == BATCH || failed {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // The builder stops at the first error, its own or the scanner's.
                    if tx.send(full).is_err() || failed {
                        return;
                    }
                }
            }
            let _ = tx.send(batch);
        });
        build(src, cfn_tags, rx.into_iter().flatten())
    })
}

/// Builds the tree of `src` from its scanned `events`.
fn build<'a>(
    src: &'a str,
    cfn_tags: bool,
    events: impl Iterator<Item = Next<'a>>,
) -> Result<Node, ParseError> {
    let mut at = Locator::new(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut open = Open::default();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut alias_budget = MAX_ALIAS_NODES;
    let mut root: Option<Node> = None;
    let mut documents = 0;

    for next in events {
        let (event, sp) = next.map_err(|e| scan_error(&mut at, &e))?;
        let span = at.span(sp.start.index(), sp.end.index());
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseError {
                        message: "more than one YAML document in this file".into(),
                        help: Some(
                            "a manifest is one document: remove the `---` and what follows it"
                                .into(),
                        ),
                        span,
                    });
                }
                continue;
            }
            Event::SequenceStart(anchor, tag) => {
                check_depth(&stack, span)?;
                let function = cfn_tags
                    .then(|| cfn_function(tag.as_deref(), span))
                    .transpose()?
                    .flatten();
                stack.push(Frame::Seq {
                    start: open.items.len(),
                    span,
                    anchor,
                    function,
                });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                check_depth(&stack, span)?;
                let function = cfn_tags
                    .then(|| cfn_function(tag.as_deref(), span))
                    .transpose()?
                    .flatten();
                stack.push(Frame::Map {
                    start: open.entries.len(),
                    keys: HashMap::new(),
                    merged: Vec::new(),
                    merged_keys: HashSet::new(),
                    pending_key: None,
                    span,
                    anchor,
                    function,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                let (node, anchor, function) = close_frame(frame, &mut open, span);
                let node = match function {
                    Some(f) => wrap_function(f, node)?,
                    None => node,
                };
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Scalar(text, style, anchor, tag) => {
                let function = cfn_tags
                    .then(|| cfn_function(tag.as_deref(), span))
                    .transpose()?
                    .flatten();
                let plain = style == ScalarStyle::Plain && tag.is_none();
                let node = match function {
                    // `!GetAZs ""` and `!Ref ""` keep their (empty) text argument.
                    Some(f) => wrap_function(f, Node::string(text.into_owned(), span))?,
                    None => scalar(exact(text), plain, span),
                };
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(id) => alias(&anchors, id, span, &mut alias_budget)?,
            Event::StreamEnd => break,
            _ => continue,
        };
        push_node(&mut stack, &mut open, &mut root, node)?;
    }
    Ok(root.unwrap_or_else(|| Node::null(Span::default())))
}

/// The node a finished sequence or map makes, spanning from its start to `end`, its
/// anchor (0 for none) and the function its tag names. A map's merged entries follow its
/// own, which override them.
fn close_frame(frame: Frame, open: &mut Open, end: Span) -> (Node, usize, Option<String>) {
    match frame {
        Frame::Seq {
            start,
            span,
            anchor,
            function,
        } => {
            let items = open.items.drain(start..).collect();
            (close(span, end, Value::Seq(items)), anchor, function)
        }
        Frame::Map {
            start,
            keys,
            merged,
            span,
            anchor,
            function,
            ..
        } => {
            let own = &open.entries[start..];
            let merged: Vec<Entry> = merged
                .into_iter()
                .filter(|e| find_key(own, &keys, &e.key).is_none())
                .collect();
            let mut entries = Vec::with_capacity(own.len() + merged.len());
            entries.extend(open.entries.drain(start..));
            entries.extend(merged);
            (close(span, end, Value::Map(entries)), anchor, function)
        }
    }
}

/// A scalar's text in a string of its own size: the scanner gives each plain scalar room for
/// 32 bytes, which for a file of millions of short values is most of the tree.
fn exact(text: std::borrow::Cow<'_, str>) -> String {
    match text {
        std::borrow::Cow::Owned(s) if s.capacity() == s.len() => s,
        text => text.as_ref().to_owned(),
    }
}

/// A scalar's node: null for an empty plain scalar, `~` and the spellings of `null`.
fn scalar(text: String, plain: bool, span: Span) -> Node {
    if plain && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") {
        Node::null(span)
    } else {
        Node {
            value: Value::Scalar(Scalar { text, plain }),
            span,
        }
    }
}

/// A copy of the node anchored as `id`, placed at `span`; its size is taken from
/// `budget`, so aliases cannot expand beyond [`MAX_ALIAS_NODES`] nodes in all.
fn alias(
    anchors: &HashMap<usize, Node>,
    id: usize,
    span: Span,
    budget: &mut usize,
) -> Result<Node, ParseError> {
    let Some(target) = anchors.get(&id) else {
        return Err(ParseError {
            message: "this alias refers to an anchor that is not defined".into(),
            help: Some("define the anchor with `&name` before using `*name`".into()),
            span,
        });
    };
    let size = target.size();
    if size > *budget {
        return Err(ParseError {
            message: format!("aliases in this file expand to more than {MAX_ALIAS_NODES} nodes"),
            help: Some(
                "this looks like an alias bomb; write the values out or use fewer nested aliases"
                    .into(),
            ),
            span,
        });
    }
    *budget -= size;
    let mut node = target.clone();
    node.span = span;
    Ok(node)
}

fn close(start: Span, end: Span, value: Value) -> Node {
    let len = (end.offset + end.len).saturating_sub(start.offset);
    Node {
        value,
        span: Span { len, ..start },
    }
}

fn check_depth(stack: &[Frame], span: Span) -> Result<(), ParseError> {
    if stack.len() >= MAX_DEPTH {
        return Err(ParseError {
            message: format!("the document nests too deeply (more than {MAX_DEPTH} levels)"),
            help: Some("a manifest never needs this much nesting; check the indentation".into()),
            span,
        });
    }
    Ok(())
}

fn push_node(
    stack: &mut [Frame],
    open: &mut Open,
    root: &mut Option<Node>,
    node: Node,
) -> Result<(), ParseError> {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Seq { .. }) => open.items.push(node),
        Some(Frame::Map {
            start,
            keys,
            merged,
            merged_keys,
            pending_key,
            ..
        }) => match pending_key.take() {
            Some((key, key_span)) => {
                if key == "<<" {
                    merge_keys(merged, merged_keys, node)?;
                } else {
                    let own = &open.entries[*start..];
                    if own.len() == INDEXED_MAP {
                        keys.extend(own.iter().enumerate().map(|(i, e)| (e.key.clone(), i)));
                    }
                    if own.len() >= INDEXED_MAP {
                        keys.insert(key.clone(), own.len());
                    }
                    open.entries.push(Entry {
                        key,
                        key_span,
                        value: node,
                    });
                }
            }
            None => {
                let span = node.span;
                let key = match node.value {
                    Value::Scalar(s) => s.text,
                    Value::Null => String::new(),
                    _ => {
                        return Err(ParseError {
                            message: "a map key must be a plain value, not a list or a map".into(),
                            help: Some("write the key as text followed by a colon".into()),
                            span: node.span,
                        })
                    }
                };
                let own = &open.entries[*start..];
                if let Some(first) = find_key(own, keys, &key).map(|i| &own[i]) {
                    return Err(ParseError {
                        message: format!(
                            "duplicate key `{key}` (first set on line {})",
                            first.key_span.line
                        ),
                        help: Some(format!(
                            "keep one `{key}`: YAML does not allow a key twice in one map"
                        )),
                        span,
                    });
                }
                *pending_key = Some((key, span));
            }
        },
    }
    Ok(())
}

/// Maps with more entries than this index their keys.
const INDEXED_MAP: usize = 16;

/// Where `key` is in a map's `entries`, through its index `keys` once it has one.
fn find_key(entries: &[Entry], keys: &HashMap<String, usize>, key: &str) -> Option<usize> {
    if entries.len() > INDEXED_MAP {
        keys.get(key).copied()
    } else {
        entries.iter().position(|e| e.key == key)
    }
}

/// Collects a YAML merge key (`<<: *defaults`); the first source of a key wins.
fn merge_keys(
    entries: &mut Vec<Entry>,
    keys: &mut HashSet<String>,
    node: Node,
) -> Result<(), ParseError> {
    let span = node.span;
    let sources = match node.value {
        Value::Map(m) => vec![m],
        Value::Seq(items) => items
            .into_iter()
            .map(|n| match n.value {
                Value::Map(m) => Ok(m),
                _ => Err(()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| merge_error(span))?,
        _ => return Err(merge_error(span)),
    };
    for entry in sources.into_iter().flatten() {
        if keys.insert(entry.key.clone()) {
            entries.push(entry);
        }
    }
    Ok(())
}

fn merge_error(span: Span) -> ParseError {
    ParseError {
        message: "a merge key `<<` takes a map or a list of maps".into(),
        help: None,
        span,
    }
}

fn scan_error(locator: &mut Locator<'_>, e: &ScanError) -> ParseError {
    let index = e.marker().index();
    let mut span = locator.span(index, index + 1);
    let src = locator.src;
    let info = e.info();
    let at = src[span.offset..].chars().next();
    if let Some(c) = at.filter(|&c| is_forbidden_control(c)) {
        return ParseError {
            message: format!(
                "control character U+{:04X} is not allowed in YAML",
                c as u32
            ),
            help: Some("remove it; is this a binary file?".into()),
            span: Span {
                len: c.len_utf8(),
                ..span
            },
        };
    }
    if info.contains("recursion limit") {
        return ParseError {
            message: "the document nests too deeply".into(),
            help: Some("a manifest never needs this much nesting; check the indentation".into()),
            span,
        };
    }
    if at == Some('\t') || mentions_tab(info) {
        if let Some(tab) = tab_before(src, span.offset) {
            let back = src[tab..span.offset].chars().count();
            span = Span {
                offset: tab,
                len: 1,
                column: span.column.saturating_sub(back).max(1),
                ..span
            };
        }
        return ParseError {
            message: "tab character where YAML expects spaces".into(),
            help: Some("YAML does not allow tabs for indentation: indent with spaces".into()),
            span,
        };
    }
    let help = if info.contains("mapping values are not allowed") {
        Some("a value that contains `: ` must be quoted, or the line is indented wrongly".into())
    } else if info.contains("did not find expected key") || info.contains("block") {
        Some("check the indentation of this line against the lines above it".into())
    } else {
        None
    };
    ParseError {
        message: format!("invalid YAML: {info}"),
        help,
        span,
    }
}

/// Control characters YAML never allows in a document (tab, line feed and carriage return
/// are allowed; anything else below U+0020, DEL and the C1 controls are not).
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')
}

/// Whether a scanner message is about tabs: the word "tab" or "tabs", not a word that
/// happens to contain the letters (saphyr's "found unprintable character").
fn mentions_tab(info: &str) -> bool {
    info.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case("tab") || w.eq_ignore_ascii_case("tabs"))
}

/// The byte offset of the tab an error at `offset` is about: the character there if it is
/// a tab, otherwise the first tab in the run of blanks just before it on the same line
/// (the scanner reports tab errors after skipping the indentation).
fn tab_before(src: &str, offset: usize) -> Option<usize> {
    if src[offset..].starts_with('\t') {
        return Some(offset);
    }
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let blanks = &src[line_start..offset];
    let run_start = blanks
        .rfind(|c: char| c != ' ' && c != '\t')
        .map_or(0, |i| i + 1);
    blanks[run_start..]
        .find('\t')
        .map(|i| line_start + run_start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same document read with the scanner on a thread of its own and inline.
    fn both_ways(src: &str) -> (Result<Node, ParseError>, Result<Node, ParseError>) {
        assert!(src.len() >= PIPELINED);
        let mut parser = Parser::new_from_str(src);
        let inline = build(src, false, std::iter::from_fn(|| parser.next_event()));
        (parse(src), inline)
    }

    #[test]
    fn a_large_document_reads_the_same_scanned_on_a_thread_of_its_own() {
        let mut src = String::from("defs:\n");
        let mut i = 0;
        while src.len() < PIPELINED + 1000 {
            src.push_str(&format!(
                "  d{i}: {{name: \"é{i}\", ports: [{i}, {{c: 80}}]}}\n"
            ));
            i += 1;
        }
        let (piped, inline) = both_ways(&src);
        let piped = piped.unwrap();
        assert_eq!(piped, inline.unwrap());
        let last = piped
            .get("defs")
            .unwrap()
            .get(&format!("d{}", i - 1))
            .unwrap();
        assert_eq!(last.span.line, i + 1);
        // An error from the scanner, and one from the builder, at the end.
        for tail in ["  bad: [1, 2\n", "  d0: again\n"] {
            let bad = format!("{src}{tail}");
            let (piped, inline) = both_ways(&bad);
            let piped = piped.unwrap_err();
            assert_eq!(piped, inline.unwrap_err());
            assert!(piped.span.line >= i + 2, "{piped:?}");
        }
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let doc = parse("a: 1\nb:\n  c: \"x\"\n").unwrap();
        let c = doc.get("b").unwrap().get("c").unwrap();
        assert_eq!((c.span.line, c.span.column), (3, 6));
        assert_eq!(c.as_str(), Some("x"));
        assert_eq!(doc.get("a").unwrap().as_i64(), Some(1));
    }

    #[test]
    fn quoted_numbers_stay_strings() {
        let doc = parse("a: \"80\"\nb: 80\nc: 1.5\nd: true\ne:\n").unwrap();
        assert_eq!(doc.get("a").unwrap().as_str(), Some("80"));
        assert_eq!(doc.get("b").unwrap().as_i64(), Some(80));
        assert_eq!(doc.get("c").unwrap().resolved(), Some(Resolved::Float(1.5)));
        assert_eq!(doc.get("d").unwrap().as_bool(), Some(true));
        assert!(doc.get("e").unwrap().is_null());
    }

    #[test]
    fn duplicate_keys_name_the_first_line() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(err.message.contains("duplicate key `a`"), "{}", err.message);
        assert!(err.message.contains("line 1"));
        assert_eq!(err.span.line, 3);
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let refs = vec![format!("*{}", w[0]); 9].join(", ");
            src.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], refs));
        }
        let err = parse(&src).unwrap_err();
        assert!(
            err.message.contains("expand to more than"),
            "{}",
            err.message
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = "[".repeat(1000) + &"]".repeat(1000);
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("nests too deeply"), "{}", err.message);
    }

    #[test]
    fn tabs_get_a_hint() {
        let err = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(err.help.unwrap().contains("tabs"));
        assert_eq!(err.span.line, 2);
        assert_eq!((err.span.column, err.span.offset, err.span.len), (1, 3, 1));
    }

    #[test]
    fn control_characters_are_not_tabs() {
        let err = parse("\0\x01name: api\0\n").unwrap_err();
        assert_eq!(
            err.message,
            "control character U+0000 is not allowed in YAML"
        );
        assert!(!err.help.unwrap().contains("tab"));
        assert_eq!((err.span.line, err.span.column), (1, 1));
        assert!(!mentions_tab("found unprintable character"));
        assert!(mentions_tab("while scanning a plain scalar, found a tab"));
        assert!(mentions_tab("tabs disallowed in this context"));
    }

    #[test]
    fn merge_keys_fill_missing_entries() {
        let doc = parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n").unwrap();
        let c = doc.get("c").unwrap();
        assert_eq!(c.get("x").unwrap().as_i64(), Some(1));
        assert_eq!(c.get("y").unwrap().as_i64(), Some(3));
    }

    #[test]
    fn multibyte_text_keeps_byte_offsets() {
        let src = "a: \"héllo\"\nb: 2\n";
        let doc = parse(src).unwrap();
        let b = doc.get("b").unwrap();
        assert_eq!(&src[b.span.offset..b.span.offset + b.span.len], "2");
    }

    #[test]
    fn positions_on_one_long_line_and_after_crlf() {
        let entries: Vec<String> = (0..2000).map(|i| format!("k{i}: \"é{i}\"")).collect();
        let src = format!("big: {{{}}}\r\nlast: 1\r\n", entries.join(", "));
        let doc = parse(&src).unwrap();
        let v = doc.get("big").unwrap().get("k1999").unwrap();
        assert_eq!(&src[v.span.offset..v.span.offset + v.span.len], "\"é1999\"");
        let before = &src[..v.span.offset];
        assert_eq!(
            (v.span.line, v.span.column),
            (1, before.chars().count() + 1)
        );
        let last = doc.entry("last").unwrap();
        assert_eq!((last.key_span.line, last.key_span.column), (2, 1));
        assert_eq!(doc.get("last").unwrap().span.column, 7);
    }

    #[test]
    fn cloudformation_short_forms_become_long_forms() {
        let src = "A: !Ref Bucket\nB: !GetAtt Table.StreamArn\nC: !Sub '${AWS::Region}-x'\nD: !Join\n  - ','\n  - [a, !Ref P]\nE: !If [Cond, 1, !Ref AWS::NoValue]\nF: !GetAtt AddonsStack.Outputs.X\nG: 5\n";
        let node = parse_cloudformation(src).expect("parses");
        assert_eq!(
            node.to_json(),
            serde_json::json!({
                "A": {"Ref": "Bucket"},
                "B": {"Fn::GetAtt": ["Table", "StreamArn"]},
                "C": {"Fn::Sub": "${AWS::Region}-x"},
                "D": {"Fn::Join": [",", ["a", {"Ref": "P"}]]},
                "E": {"Fn::If": ["Cond", 1, {"Ref": "AWS::NoValue"}]},
                "F": {"Fn::GetAtt": ["AddonsStack", "Outputs.X"]},
                "G": 5,
            })
        );
        // Manifests keep ignoring tags.
        assert_eq!(
            parse("A: !Ref B\n").unwrap().to_json(),
            serde_json::json!({"A": "B"})
        );
    }

    #[test]
    fn unknown_tags_and_getatt_without_attribute_are_located() {
        let e = parse_cloudformation("A:\n  B: !Reff X\n").unwrap_err();
        assert!(
            e.message
                .contains("`!Reff` is not a CloudFormation function"),
            "{e:?}"
        );
        assert_eq!((e.span.line, e.span.column), (2, 6));
        let e = parse_cloudformation("A: !GetAtt Table\n").unwrap_err();
        assert!(e.message.contains("names no attribute"), "{e:?}");
        assert_eq!(e.span.line, 1);
        // YAML's own tags are not functions.
        let n = parse_cloudformation("A: !!str 5\n").unwrap();
        assert_eq!(n.to_json(), serde_json::json!({"A": "5"}));
    }
}
