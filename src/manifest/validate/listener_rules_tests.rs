//! `tug validate` on listener rules and target group health checks: what ELB refuses is a
//! located diagnostic; what render splits over several rules is not refused.

use super::render_rules_tests::{one, workload_diags};
use crate::diag::Diagnostic;

const WEB: &str =
    "name: web\ntype: Load Balanced Web Service\nimage:\n  location: nginx\n  port: 80\n";

fn errors(yaml: &str) -> Vec<Diagnostic> {
    workload_diags(yaml)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[test]
fn more_aliases_and_source_ips_than_one_rule_holds_are_accepted() {
    let w = format!(
        "{WEB}http:\n  path: /api\n  alias: [a.example.com, b.example.com, c.example.com, d.example.com]\n  allowed_source_ips: [10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24]\n"
    );
    assert!(errors(&w).is_empty(), "{:?}", errors(&w));
}

#[test]
fn too_many_wildcards_in_one_rule_are_refused_at_the_alias() {
    let w = format!(
        "{WEB}http:\n  path: /\n  additional_rules:\n    - path: /a*/b*/c*\n      alias: '*.*.*.example.com'\n"
    );
    one(
        errors(&w),
        "too-many-wildcards",
        "`*.*.*.example.com` needs 6 wildcards",
        (10, 14),
    );
}

#[test]
fn a_timeout_not_below_the_interval_is_refused_at_the_timeout() {
    let w = format!(
        "{WEB}http:\n  path: /\n  healthcheck:\n    path: /up\n    interval: 5s\n    timeout: 5s\n"
    );
    one(
        errors(&w),
        "bad-healthcheck",
        "timeout (5s) must be shorter than its interval (5s)",
        (11, 14),
    );
    let longer = w.replace("timeout: 5s", "timeout: 10s");
    one(
        errors(&longer),
        "bad-healthcheck",
        "timeout (10s) must be shorter",
        (11, 14),
    );
    let fine = w.replace("timeout: 5s", "timeout: 4s");
    assert!(errors(&fine).is_empty(), "{:?}", errors(&fine));
}

#[test]
fn health_check_times_outside_elb_ranges_are_refused() {
    let w = format!(
        "{WEB}http:\n  path: /\n  additional_rules:\n    - path: /admin\n      healthcheck:\n        path: /\n        interval: 3s\n"
    );
    one(
        errors(&w),
        "bad-healthcheck",
        "health check interval is 5s to 300s",
        (12, 19),
    );
    let w = format!("{WEB}http:\n  path: /\n  healthcheck:\n    timeout: 121s\n");
    one(
        errors(&w),
        "bad-healthcheck",
        "health check timeout is 2s to 120s",
        (9, 14),
    );
    // Only one of them set: render picks the other (see render's tests).
    for only in ["interval: 5s", "timeout: 60s"] {
        let w = format!("{WEB}http:\n  path: /\n  healthcheck:\n    {only}\n");
        assert!(errors(&w).is_empty(), "{only}: {:?}", errors(&w));
    }
}
