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
    let e = "(attribute:stack == prod or attribute:stack == qa) and attribute:ecs.os-type == linux";
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

#[test]
fn nesting_past_the_limit_is_an_error_at_its_column_not_a_stack_overflow() {
    let inner = "attribute:a exists";
    let ok = "(".repeat(MAX_NESTING) + inner + &")".repeat(MAX_NESTING);
    assert!(Expr::parse(&ok).is_ok(), "{MAX_NESTING} levels are allowed");
    for open in ["(", "not ", "!"] {
        let deep = open.repeat(MAX_NESTING + 1) + inner;
        let e = Expr::parse(&deep).unwrap_err();
        assert!(e.message.contains("nest"), "{e}");
        assert_eq!(e.column, MAX_NESTING * open.len() + 1, "{e}");
    }
    // Past the length limit: refused before any parsing, whatever the nesting.
    let e = Expr::parse(&"(".repeat(100_000)).unwrap_err();
    assert!(e.message.contains("100000 characters"), "{e}");
}
