//! The ECS cluster query language (`memberOf` expressions), parsed once into an AST.
//!
//! `subject operator [argument]`, combined with `and`/`&&`, `or`/`||`, `not`/`!` and
//! parentheses. Precedence is a model choice ([`Precedence`]): by default `not` binds tighter
//! than `and`, which binds tighter than `or`. `=~` takes a Java-style regular expression,
//! which (as Java's `String.matches`) must match the whole value.

use std::fmt;

use regex::Regex;

mod parse;
#[cfg(test)]
mod tests;

/// Longest expression, in characters: ECS's limit.
pub const MAX_EXPRESSION: usize = 2000;
/// Deepest nesting of parentheses and `not`s; no placement needs more than a few, and the
/// limit keeps the parser's recursion far from the end of the stack.
pub const MAX_NESTING: usize = 32;

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
        parse::parse(text, precedence)
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
