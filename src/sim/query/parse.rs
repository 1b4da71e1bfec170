//! The parser of the cluster query language: text to [`Expr`], with the column of the
//! first error.

use regex::Regex;

use super::*;

/// Parses a whole expression: anything left over after it is an error.
pub(super) fn parse(text: &str, precedence: Precedence) -> Result<Expr, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_EXPRESSION {
        return Err(QueryError {
            message: format!(
                "the expression is {} characters; ECS takes at most {MAX_EXPRESSION}",
                chars.len()
            ),
            column: MAX_EXPRESSION + 1,
        });
    }
    let mut p = Parser {
        chars,
        pos: 0,
        depth: 0,
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

const SUBJECTS: &str =
    "attribute:<name>, ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount or task:group";

struct Parser {
    chars: Vec<char>,
    pos: usize,
    /// Parentheses and `not`s open around the current position.
    depth: usize,
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
            self.nest()?;
            self.pos += 3;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        if self.chars[self.pos] == '!' && !self.rest_starts("!=") && !self.rest_starts("!~") {
            self.nest()?;
            self.pos += 1;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        if self.chars[self.pos] == '(' {
            self.nest()?;
            let open = self.col();
            self.pos += 1;
            let inner = self.or_expr()?;
            self.depth -= 1;
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

    /// Enters a parenthesis or a `not`, refusing more than [`MAX_NESTING`] levels.
    fn nest(&mut self) -> Result<(), QueryError> {
        if self.depth >= MAX_NESTING {
            return Err(self.err(
                format!("more than {MAX_NESTING} parentheses and `not`s nest here"),
                self.col(),
            ));
        }
        self.depth += 1;
        Ok(())
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
