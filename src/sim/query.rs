//! The ECS cluster query language (`memberOf` expressions), parsed once into an AST.
//!
//! `subject operator [argument]`, combined with `and`/`&&`, `or`/`||`, `not`/`!` and
//! parentheses. Precedence is a model choice ([`Precedence`]): by default `not` binds tighter
//! than `and`, which binds tighter than `or`. `=~` takes a Java-style regular expression,
//! which (as Java's `String.matches`) must match the whole value.

use std::fmt;

use regex::Regex;

/// How `and` and `or` group when mixed without parentheses (model choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precedence {
    /// `not` > `and` > `or` (default, as in most languages).
    #[default]
    NotAndOr,
    /// `and` and `or` bind equally, left to right.
    LeftToRight,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Attribute(String),
    Ec2InstanceId,
    AgentConnected,
    AgentVersion,
    RegisteredAt,
    RunningTasksCount,
    TaskGroup,
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Attribute(n) => write!(f, "attribute:{n}"),
            Subject::Ec2InstanceId => f.write_str("ec2InstanceId"),
            Subject::AgentConnected => f.write_str("agentConnected"),
            Subject::AgentVersion => f.write_str("agentVersion"),
            Subject::RegisteredAt => f.write_str("registeredAt"),
            Subject::RunningTasksCount => f.write_str("runningTasksCount"),
            Subject::TaskGroup => f.write_str("task:group"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Exists,
    NotExists,
    In,
    NotIn,
    Matches,
    NotMatches,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Exists => "exists",
            Op::NotExists => "!exists",
            Op::In => "in",
            Op::NotIn => "!in",
            Op::Matches => "=~",
            Op::NotMatches => "!~",
        }
    }

    fn ordering(self) -> bool {
        matches!(self, Op::Gt | Op::Ge | Op::Lt | Op::Le)
    }
}

/// The argument of a comparison, typed for its subject when parsed.
#[derive(Debug, Clone)]
pub enum Arg {
    None,
    Text(String),
    List(Vec<String>),
    Regex(Regex),
    /// Seconds since the Unix epoch.
    Date(i64),
    Int(i64),
    Bool(bool),
}

#[derive(Debug, Clone)]
pub struct Cmp {
    pub subject: Subject,
    pub op: Op,
    pub arg: Arg,
}

#[derive(Debug, Clone)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp(Cmp),
}

/// A parse error: what was expected and the 1-based column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    pub column: usize,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at column {}", self.message, self.column)
    }
}

/// What an expression needs to know about one container instance.
pub trait Instance {
    fn attribute(&self, name: &str) -> Option<&str>;
    fn instance_id(&self) -> &str;
    fn agent_connected(&self) -> bool;
    fn agent_version(&self) -> &str;
    fn registered_at(&self) -> Option<i64>;
    fn running_tasks_count(&self) -> u32;
    /// True when some task on the instance belongs to a group for which `f` holds.
    fn any_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool;
}

impl Expr {
    /// Parses an expression with the default precedence.
    pub fn parse(text: &str) -> Result<Expr, QueryError> {
        Expr::parse_with(text, Precedence::default())
    }

    pub fn parse_with(text: &str, precedence: Precedence) -> Result<Expr, QueryError> {
        let mut p = Parser {
            chars: text.chars().collect(),
            pos: 0,
            precedence,
        };
        let expr = p.or_expr()?;
        p.skip_ws();
        if p.pos < p.chars.len() {
            let (word, col) = p.peek_word();
            return Err(p.err(
                format!("expected `and`, `or` or the end, found `{word}`"),
                col,
            ));
        }
        Ok(expr)
    }

    /// True when the result can change as tasks start and stop (`runningTasksCount`,
    /// `task:group`); such expressions are evaluated per placement.
    pub fn is_dynamic(&self) -> bool {
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => a.is_dynamic() || b.is_dynamic(),
            Expr::Not(a) => a.is_dynamic(),
            Expr::Cmp(c) => matches!(c.subject, Subject::RunningTasksCount | Subject::TaskGroup),
        }
    }

    pub fn eval(&self, inst: &dyn Instance) -> bool {
        match self {
            Expr::And(a, b) => a.eval(inst) && b.eval(inst),
            Expr::Or(a, b) => a.eval(inst) || b.eval(inst),
            Expr::Not(a) => !a.eval(inst),
            Expr::Cmp(c) => c.eval(inst),
        }
    }
}

impl Cmp {
    fn eval(&self, inst: &dyn Instance) -> bool {
        match &self.subject {
            Subject::Attribute(name) => match self.op {
                Op::Exists => inst.attribute(name).is_some(),
                Op::NotExists => inst.attribute(name).is_none(),
                _ => match inst.attribute(name) {
                    Some(v) => text_op(self.op, &self.arg, v, compare_text),
                    None => matches!(self.op, Op::Ne | Op::NotIn | Op::NotMatches),
                },
            },
            Subject::Ec2InstanceId => text_op(self.op, &self.arg, inst.instance_id(), compare_text),
            Subject::AgentVersion => {
                text_op(self.op, &self.arg, inst.agent_version(), compare_version)
            }
            Subject::AgentConnected => match (&self.arg, self.op) {
                (Arg::Bool(b), Op::Eq) => inst.agent_connected() == *b,
                (Arg::Bool(b), Op::Ne) => inst.agent_connected() != *b,
                _ => false,
            },
            Subject::RegisteredAt => match (inst.registered_at(), &self.arg) {
                (Some(at), Arg::Date(d)) => ordered(self.op, at.cmp(d)),
                (None, _) => matches!(self.op, Op::Ne),
                _ => false,
            },
            Subject::RunningTasksCount => {
                let n = i64::from(inst.running_tasks_count());
                match &self.arg {
                    Arg::Int(v) => ordered(self.op, n.cmp(v)),
                    Arg::List(items) => {
                        let found = items.iter().any(|i| i.parse::<i64>().ok() == Some(n));
                        found == (self.op == Op::In)
                    }
                    _ => false,
                }
            }
            Subject::TaskGroup => {
                // True when some task on the instance has a group that satisfies the
                // comparison; `not(task:group == x)` means "no task of group x here".
                let op = self.op;
                let arg = &self.arg;
                inst.any_group(&mut |g| text_op(op, arg, g, compare_text))
            }
        }
    }
}

fn ordered(op: Op, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        Op::Eq => ord == Equal,
        Op::Ne => ord != Equal,
        Op::Gt => ord == Greater,
        Op::Ge => ord != Less,
        Op::Lt => ord == Less,
        Op::Le => ord != Greater,
        _ => false,
    }
}

fn text_op(op: Op, arg: &Arg, value: &str, cmp: fn(&str, &str) -> std::cmp::Ordering) -> bool {
    match (op, arg) {
        (Op::Matches, Arg::Regex(r)) => r.is_match(value),
        (Op::NotMatches, Arg::Regex(r)) => !r.is_match(value),
        (Op::In, Arg::List(items)) => items.iter().any(|i| i == value),
        (Op::NotIn, Arg::List(items)) => !items.iter().any(|i| i == value),
        (_, Arg::Text(t)) if op == Op::Eq || op == Op::Ne || op.ordering() => {
            ordered(op, cmp(value, t))
        }
        _ => false,
    }
}

/// Numbers compare as numbers, anything else as text.
fn compare_text(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) if op_is_numeric(a) && op_is_numeric(b) => x.total_cmp(&y),
        _ => a.cmp(b),
    }
}

fn op_is_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// `1.20.3` > `1.9.0`: dotted parts compare numerically where both are numbers.
fn compare_version(a: &str, b: &str) -> std::cmp::Ordering {
    let a = a.trim_start_matches('v');
    let b = b.trim_start_matches('v');
    let mut pa = a.split('.');
    let mut pb = b.split('.');
    loop {
        match (pa.next(), pb.next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (x, y) => {
                let x = x.unwrap_or("0");
                let y = y.unwrap_or("0");
                let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(i), Ok(j)) => i.cmp(&j),
                    _ => x.cmp(y),
                };
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
            }
        }
    }
}

/// Parses `2018-06-18T22:28:28+00:00`, `2018-06-18T22:28:28Z`, `2018-06-18T22:28:28` (UTC)
/// and `2018-06-18` (midnight UTC) into seconds since the epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=days_in_month(y, m)).contains(&d) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    if b.len() == 10 {
        return Some(secs);
    }
    if b.len() < 19 || (b[10] != b'T' && b[10] != b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    secs += hh * 3600 + mm * 60 + ss;
    let rest = &s[19..];
    let rest = match rest.strip_prefix('.') {
        Some(frac) => {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            &frac[digits..]
        }
        None => rest,
    };
    match rest {
        "" | "Z" | "z" => Some(secs),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => -1,
                b'-' => 1,
                _ => return None,
            };
            let off = &rest[1..];
            if off.len() != 5 || off.as_bytes()[2] != b':' {
                return None;
            }
            let oh: i64 = off[0..2].parse().ok()?;
            let om: i64 = off[3..5].parse().ok()?;
            Some(secs + sign * (oh * 3600 + om * 60))
        }
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Custom attribute names: 1-128 letters, digits and `-_/\.`.
pub fn valid_attribute_name(name: &str) -> bool {
    (1..=128).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/\\.".contains(c))
}

/// Attribute values: 1-128 characters, letters, digits, `-_/\.@:` and spaces.
pub fn valid_attribute_value(value: &str) -> bool {
    (1..=128).contains(&value.chars().count())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/\\.@: ".contains(c))
}

const SUBJECTS: &str =
    "attribute:<name>, ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount or task:group";

struct Parser {
    chars: Vec<char>,
    pos: usize,
    precedence: Precedence,
}

impl Parser {
    fn err(&self, message: impl Into<String>, column: usize) -> QueryError {
        QueryError {
            message: message.into(),
            column,
        }
    }

    fn col(&self) -> usize {
        self.pos + 1
    }

    fn skip_ws(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn rest_starts(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.chars.get(self.pos + k) == Some(&c))
    }

    /// True when the word `w` starts here and is followed by a non-word character.
    fn keyword(&self, w: &str) -> bool {
        if !self.rest_starts(w) {
            return false;
        }
        let next = self.chars.get(self.pos + w.chars().count());
        !matches!(next, Some(c) if is_word_char(*c))
    }

    /// The next word (for messages) and its column, without consuming it.
    fn peek_word(&mut self) -> (String, usize) {
        self.skip_ws();
        let col = self.col();
        let mut end = self.pos;
        while end < self.chars.len() && !self.chars[end].is_whitespace() {
            end += 1;
            if end - self.pos >= 30 {
                break;
            }
        }
        (self.chars[self.pos..end].iter().collect(), col)
    }

    fn or_word(&mut self) -> bool {
        self.skip_ws();
        if self.rest_starts("||") || self.keyword("or") {
            self.pos += 2;
            true
        } else {
            false
        }
    }

    fn and_word(&mut self) -> bool {
        self.skip_ws();
        if self.rest_starts("&&") {
            self.pos += 2;
            true
        } else if self.keyword("and") {
            self.pos += 3;
            true
        } else {
            false
        }
    }

    fn or_expr(&mut self) -> Result<Expr, QueryError> {
        if self.precedence == Precedence::LeftToRight {
            let mut left = self.unary()?;
            loop {
                if self.and_word() {
                    left = Expr::And(Box::new(left), Box::new(self.unary()?));
                } else if self.or_word() {
                    left = Expr::Or(Box::new(left), Box::new(self.unary()?));
                } else {
                    return Ok(left);
                }
            }
        }
        let mut left = self.and_expr()?;
        while self.or_word() {
            let right = self.and_expr()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.unary()?;
        while self.and_word() {
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        self.skip_ws();
        if self.pos >= self.chars.len() {
            return Err(self.err(format!("expected a condition ({SUBJECTS})"), self.col()));
        }
        if self.keyword("not") {
            self.pos += 3;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.chars[self.pos] == '!' && !self.rest_starts("!=") && !self.rest_starts("!~") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.chars[self.pos] == '(' {
            let open = self.col();
            self.pos += 1;
            let inner = self.or_expr()?;
            self.skip_ws();
            if self.chars.get(self.pos) != Some(&')') {
                return Err(self.err(
                    format!("expected `)` to close the parenthesis opened at column {open}"),
                    self.col(),
                ));
            }
            self.pos += 1;
            return Ok(inner);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, QueryError> {
        let start = self.col();
        let word = self.word();
        if word.is_empty() {
            let (found, col) = self.peek_word();
            return Err(self.err(
                format!("expected a subject ({SUBJECTS}), found `{found}`"),
                col,
            ));
        }
        let subject = match word.as_str() {
            "ec2InstanceId" => Subject::Ec2InstanceId,
            "agentConnected" => Subject::AgentConnected,
            "agentVersion" => Subject::AgentVersion,
            "registeredAt" => Subject::RegisteredAt,
            "runningTasksCount" => Subject::RunningTasksCount,
            "task:group" => Subject::TaskGroup,
            w => match w.strip_prefix("attribute:") {
                Some(name) if valid_attribute_name(name) => Subject::Attribute(name.to_string()),
                Some(name) => {
                    return Err(self.err(
                        format!(
                            "invalid attribute name `{name}`: use 1-128 letters, digits and -_/\\."
                        ),
                        start + 10,
                    ))
                }
                None => {
                    let known = [
                        "ec2InstanceId",
                        "agentConnected",
                        "agentVersion",
                        "registeredAt",
                        "runningTasksCount",
                        "task:group",
                    ];
                    let hint = known
                        .iter()
                        .find(|k| strsim::jaro_winkler(k, w) > 0.85)
                        .map(|k| format!(" (did you mean `{k}`?)"))
                        .unwrap_or_default();
                    return Err(self.err(
                        format!("unknown subject `{w}`{hint}; expected {SUBJECTS}"),
                        start,
                    ));
                }
            },
        };
        self.skip_ws();
        let op_col = self.col();
        let Some(op) = self.operator() else {
            return Err(self.err(format!("expected operator after {word}"), op_col));
        };
        check_operator(&subject, op).map_err(|m| self.err(m, op_col))?;
        let arg = self.argument(&subject, op)?;
        Ok(Expr::Cmp(Cmp { subject, op, arg }))
    }

    /// A run of word characters (subjects, word operators).
    fn word(&mut self) -> String {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.chars.len() && is_word_char(self.chars[self.pos]) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn operator(&mut self) -> Option<Op> {
        const SYMBOLS: &[(&str, Op)] = &[
            ("!exists", Op::NotExists),
            ("!in", Op::NotIn),
            ("==", Op::Eq),
            ("!=", Op::Ne),
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("=~", Op::Matches),
            ("!~", Op::NotMatches),
            (">", Op::Gt),
            ("<", Op::Lt),
        ];
        const WORDS: &[(&str, Op)] = &[
            ("equals", Op::Eq),
            ("not_equals", Op::Ne),
            ("greater_than_equal", Op::Ge),
            ("greater_than", Op::Gt),
            ("less_than_equal", Op::Le),
            ("less_than", Op::Lt),
            ("exists", Op::Exists),
            ("not_exists", Op::NotExists),
            ("in", Op::In),
            ("not_in", Op::NotIn),
            ("matches", Op::Matches),
            ("not_matches", Op::NotMatches),
        ];
        for (s, op) in SYMBOLS {
            let is_word = s.starts_with('!') && s.len() > 2;
            if (is_word && self.keyword(s)) || (!is_word && self.rest_starts(s)) {
                self.pos += s.chars().count();
                return Some(*op);
            }
        }
        for (w, op) in WORDS {
            if self.keyword(w) {
                self.pos += w.len();
                return Some(*op);
            }
        }
        None
    }

    fn argument(&mut self, subject: &Subject, op: Op) -> Result<Arg, QueryError> {
        if matches!(op, Op::Exists | Op::NotExists) {
            return Ok(Arg::None);
        }
        self.skip_ws();
        let col = self.col();
        if matches!(op, Op::In | Op::NotIn) {
            return self.list(op).map(Arg::List);
        }
        let value = if matches!(op, Op::Matches | Op::NotMatches) {
            self.raw_value()
        } else {
            self.value()
        };
        let Some(value) = value else {
            return Err(self.err(format!("expected a value after {}", op.symbol()), col));
        };
        match (subject, op) {
            (_, Op::Matches | Op::NotMatches) => Regex::new(&format!("^(?:{value})$"))
                .map(Arg::Regex)
                .map_err(|e| {
                    let why = e.to_string();
                    let why = why.lines().last().unwrap_or("").trim().to_string();
                    self.err(
                        format!(
                            "invalid regular expression `{value}`: {why} (lookaround and backreferences are not supported)"
                        ),
                        col,
                    )
                }),
            (Subject::RegisteredAt, _) => parse_date(&value).map(Arg::Date).ok_or_else(|| {
                self.err(
                    format!(
                        "invalid date `{value}`: use 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00"
                    ),
                    col,
                )
            }),
            (Subject::RunningTasksCount, _) => value.parse::<i64>().map(Arg::Int).map_err(|_| {
                self.err(format!("runningTasksCount compares with a whole number, not `{value}`"), col)
            }),
            (Subject::AgentConnected, _) => match value.as_str() {
                "true" => Ok(Arg::Bool(true)),
                "false" => Ok(Arg::Bool(false)),
                _ => Err(self.err(format!("agentConnected is true or false, not `{value}`"), col)),
            },
            _ => Ok(Arg::Text(value)),
        }
    }

    /// A quoted string or a run of characters up to whitespace, a parenthesis, a bracket or
    /// a comma.
    fn value(&mut self) -> Option<String> {
        self.skip_ws();
        match self.chars.get(self.pos) {
            Some('\'') | Some('"') => self.quoted(),
            _ => {
                let start = self.pos;
                while self.pos < self.chars.len()
                    && !self.chars[self.pos].is_whitespace()
                    && !"()[],".contains(self.chars[self.pos])
                {
                    self.pos += 1;
                }
                (self.pos > start).then(|| self.chars[start..self.pos].iter().collect())
            }
        }
    }

    /// A regular expression: a quoted string, or everything up to whitespace, less any
    /// closing parentheses that the pattern itself did not open.
    fn raw_value(&mut self) -> Option<String> {
        self.skip_ws();
        if matches!(self.chars.get(self.pos), Some('\'') | Some('"')) {
            return self.quoted();
        }
        let start = self.pos;
        let mut depth: i32 = 0;
        let mut escaped = false;
        while self.pos < self.chars.len() && !self.chars[self.pos].is_whitespace() {
            let c = self.chars[self.pos];
            if !escaped {
                if c == '(' {
                    depth += 1;
                } else if c == ')' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
            }
            escaped = c == '\\' && !escaped;
            self.pos += 1;
        }
        (self.pos > start).then(|| self.chars[start..self.pos].iter().collect())
    }

    fn quoted(&mut self) -> Option<String> {
        let q = self.chars[self.pos];
        let start = self.pos + 1;
        let mut end = start;
        while end < self.chars.len() && self.chars[end] != q {
            end += 1;
        }
        if end >= self.chars.len() {
            return None;
        }
        self.pos = end + 1;
        Some(self.chars[start..end].iter().collect())
    }

    fn list(&mut self, op: Op) -> Result<Vec<String>, QueryError> {
        self.skip_ws();
        if self.chars.get(self.pos) != Some(&'[') {
            return Err(self.err(
                format!("expected a list like [a, b] after {}", op.symbol()),
                self.col(),
            ));
        }
        let open = self.col();
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.chars.get(self.pos) == Some(&']') && items.is_empty() {
                self.pos += 1;
                return Ok(items);
            }
            let col = self.col();
            match self.value() {
                Some(v) => items.push(v),
                None => {
                    return Err(self.err(
                        format!("expected a list item or `]` (list opened at column {open})"),
                        col,
                    ))
                }
            }
            self.skip_ws();
            match self.chars.get(self.pos) {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    return Ok(items);
                }
                _ => {
                    return Err(self.err(
                        format!("expected `,` or `]` in the list opened at column {open}"),
                        self.col(),
                    ))
                }
            }
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_/\\.:".contains(c)
}

/// Which operators each subject takes (attributes take any).
fn check_operator(subject: &Subject, op: Op) -> Result<(), String> {
    let allowed: &[Op] = match subject {
        Subject::Attribute(_) => return Ok(()),
        Subject::Ec2InstanceId | Subject::TaskGroup => &[
            Op::Eq,
            Op::Ne,
            Op::In,
            Op::NotIn,
            Op::Matches,
            Op::NotMatches,
        ],
        Subject::AgentConnected => &[Op::Eq, Op::Ne],
        Subject::AgentVersion => &[
            Op::Eq,
            Op::Ne,
            Op::Gt,
            Op::Ge,
            Op::Lt,
            Op::Le,
            Op::Matches,
            Op::NotMatches,
        ],
        Subject::RegisteredAt => &[Op::Eq, Op::Ne, Op::Gt, Op::Ge, Op::Lt, Op::Le],
        Subject::RunningTasksCount => &[
            Op::Eq,
            Op::Ne,
            Op::Gt,
            Op::Ge,
            Op::Lt,
            Op::Le,
            Op::In,
            Op::NotIn,
        ],
    };
    if allowed.contains(&op) {
        return Ok(());
    }
    let list = allowed
        .iter()
        .map(|o| o.symbol())
        .collect::<Vec<_>>()
        .join(", ");
    Err(format!(
        "operator {} does not apply to {subject} (use one of {list})",
        op.symbol()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct I {
        id: &'static str,
        attrs: Vec<(&'static str, &'static str)>,
        running: u32,
        groups: Vec<&'static str>,
        registered: Option<i64>,
        version: &'static str,
    }

    impl Default for I {
        fn default() -> Self {
            I {
                id: "i-1",
                attrs: vec![],
                running: 0,
                groups: vec![],
                registered: None,
                version: "1.80.0",
            }
        }
    }

    impl Instance for I {
        fn attribute(&self, name: &str) -> Option<&str> {
            self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
        }
        fn instance_id(&self) -> &str {
            self.id
        }
        fn agent_connected(&self) -> bool {
            true
        }
        fn agent_version(&self) -> &str {
            self.version
        }
        fn registered_at(&self) -> Option<i64> {
            self.registered
        }
        fn running_tasks_count(&self) -> u32 {
            self.running
        }
        fn any_group(&self, f: &mut dyn FnMut(&str) -> bool) -> bool {
            self.groups.iter().any(|g| f(g))
        }
    }

    fn eval(expr: &str, inst: &I) -> bool {
        match Expr::parse(expr) {
            Ok(e) => e.eval(inst),
            Err(e) => panic!("{expr}: {e}"),
        }
    }

    fn typed(t: &'static str) -> I {
        I {
            attrs: vec![("ecs.instance-type", t)],
            ..I::default()
        }
    }

    #[test]
    fn regex_is_java_style_whole_match() {
        assert!(eval(
            "attribute:ecs.instance-type =~ t2.*",
            &typed("t2.micro")
        ));
        assert!(!eval(
            "attribute:ecs.instance-type =~ t2.*",
            &typed("m5.large")
        ));
        // Whole-value match, as Java's String.matches: `t2` alone does not match t2.micro.
        assert!(!eval(
            "attribute:ecs.instance-type =~ t2",
            &typed("t2.micro")
        ));
        assert!(eval(
            "attribute:ecs.instance-type matches (t2|m5)\\..*",
            &typed("m5.large")
        ));
        assert!(eval(
            "attribute:ecs.instance-type !~ t2.*",
            &typed("m5.large")
        ));
    }

    #[test]
    fn in_lists_with_and_without_quotes() {
        let e = "attribute:ecs.instance-type in [t2.small, t2.medium]";
        assert!(eval(e, &typed("t2.medium")));
        assert!(!eval(e, &typed("t2.micro")));
        assert!(eval("ec2InstanceId in ['i-123', \"i-1\"]", &I::default()));
        assert!(eval("ec2InstanceId !in ['i-123']", &I::default()));
        assert!(eval("ec2InstanceId not_in [i-9]", &I::default()));
    }

    #[test]
    fn task_group_and_not() {
        let db = I {
            groups: vec!["service:db"],
            ..I::default()
        };
        assert!(eval("task:group == service:db", &db));
        assert!(!eval("task:group == service:db", &I::default()));
        let database = I {
            groups: vec!["database"],
            ..I::default()
        };
        assert!(!eval("not(task:group == database)", &database));
        assert!(eval("not(task:group == database)", &db));
        assert!(eval("!(task:group == database)", &I::default()));
    }

    #[test]
    fn running_tasks_and_dates() {
        let one = I {
            running: 1,
            ..I::default()
        };
        assert!(eval("runningTasksCount == 1", &one));
        assert!(!eval("runningTasksCount == 1", &I::default()));
        assert!(eval("runningTasksCount in [0, 2]", &I::default()));
        let old = I {
            registered: parse_date("2018-01-01T00:00:00Z"),
            ..I::default()
        };
        let new = I {
            registered: parse_date("2018-06-18T22:28:28+00:00"),
            ..I::default()
        };
        assert!(eval("registeredAt < 2018-02-13", &old));
        assert!(!eval("registeredAt < 2018-02-13", &new));
        assert!(eval("registeredAt >= 2018-06-18T22:28:28", &new));
        assert!(eval("registeredAt == 2018-06-18T22:28:28Z", &new));
        assert!(eval(
            "registeredAt less_than 2018-06-18T23:28:28+01:00",
            &old
        ));
        assert_eq!(parse_date("1970-01-02"), Some(86_400));
        assert_eq!(
            parse_date("2018-06-18T22:28:28+02:00"),
            parse_date("2018-06-18T20:28:28Z")
        );
        assert_eq!(parse_date("2018-02-30"), None);
    }

    #[test]
    fn precedence_not_and_or() {
        let e =
            "(attribute:stack == prod or attribute:stack == qa) and attribute:ecs.os-type == linux";
        let prod_linux = I {
            attrs: vec![("stack", "prod"), ("ecs.os-type", "linux")],
            ..I::default()
        };
        let qa_windows = I {
            attrs: vec![("stack", "qa"), ("ecs.os-type", "windows")],
            ..I::default()
        };
        assert!(eval(e, &prod_linux));
        assert!(!eval(e, &qa_windows));
        // Without parentheses `and` binds tighter: prod or (qa and linux).
        let loose =
            "attribute:stack == prod || attribute:stack == qa && attribute:ecs.os-type == linux";
        let prod_windows = I {
            attrs: vec![("stack", "prod"), ("ecs.os-type", "windows")],
            ..I::default()
        };
        assert!(eval(loose, &prod_windows));
        assert!(!eval(loose, &qa_windows));
        // Left to right: (prod or qa) and linux.
        let ltr = Expr::parse_with(loose, Precedence::LeftToRight).unwrap();
        assert!(!ltr.eval(&prod_windows));
        assert!(ltr.eval(&prod_linux));
    }

    #[test]
    fn word_aliases_and_ordering() {
        let i = I {
            attrs: vec![("size", "10"), ("zone", "b")],
            ..I::default()
        };
        assert!(eval("attribute:size greater_than 9", &i));
        assert!(eval("attribute:size > 9", &i)); // numeric, not text ("10" < "9")
        assert!(eval(
            "attribute:size greater_than_equal 10 and attribute:size <= 10",
            &i
        ));
        assert!(eval("attribute:zone not_equals a", &i));
        assert!(eval("attribute:zone equals b", &i));
        assert!(eval("attribute:zone exists", &i));
        assert!(eval("attribute:color !exists", &i));
        assert!(eval("attribute:color not_exists", &i));
        assert!(eval("attribute:zone less_than c", &i));
        assert!(eval("attribute:zone less_than_equal b", &i));
        assert!(eval("attribute:zone matches [a-c]", &i));
        assert!(eval("attribute:zone not_matches x.*", &i));
        assert!(eval("agentVersion > 1.9.0", &i));
        assert!(eval("agentConnected == true", &i));
    }

    #[test]
    fn errors_name_the_column() {
        let err = |s: &str| Expr::parse(s).unwrap_err().to_string();
        assert_eq!(
            err("attribute:stack prod"),
            "expected operator after attribute:stack at column 17"
        );
        assert_eq!(
            err("attribute:stack"),
            "expected operator after attribute:stack at column 16"
        );
        assert_eq!(
            err("attribute:stack=prod"),
            "expected operator after attribute:stack at column 16"
        );
        assert!(err("(attribute:a == b").contains("opened at column 1 at column 18"));
        assert!(err("attribute:a in [x, y").contains("at column 21"));
        assert!(err("registeredAt < yesterday").starts_with("invalid date `yesterday`"));
        assert!(err("attribute:a =~ (?<=x)y").contains("invalid regular expression"));
        assert!(err("ec2InstanceID == i-1").contains("did you mean `ec2InstanceId`"));
        assert!(err("ec2InstanceId > i-1").contains("does not apply to ec2InstanceId"));
        assert!(err("attribute:a == b c").contains("found `c`"));
        assert!(err("").starts_with("expected a condition"));
    }

    #[test]
    fn dynamic_subjects() {
        assert!(Expr::parse("runningTasksCount == 1").unwrap().is_dynamic());
        assert!(!Expr::parse("attribute:a == b").unwrap().is_dynamic());
    }
}
