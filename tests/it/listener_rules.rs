//! Listener rules deployed to moto: many services on one listener get distinct priorities
//! within ELB's quotas (moto refuses a duplicate priority and too many condition values as
//! AWS does: tests/moto/server.py), more specific paths first, stable across redeploys.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tug::render::rule_priority;

use crate::support::moto::Moto;
use crate::support::workspace::{tree, write};
use crate::support::{need, ok, stderr};

const IMAGE: &str = "public.ecr.aws/nginx/nginx:1.27";

fn web(dir: &Path, name: &str, http: &str) {
    write(
        dir,
        &format!("tug/{name}/manifest.yml"),
        format!(
            "name: {name}\ntype: Load Balanced Web Service\nimage:\n  location: {IMAGE}\n  port: 80\nhttp:\n{http}"
        ),
    );
}

/// Two service names whose rules on `/` with a host prefer the same priority.
fn colliding_names() -> (String, String) {
    let mut seen = BTreeMap::new();
    for i in 0.. {
        let name = format!("twin{i}");
        let p = rule_priority(&name, "/", true, 0);
        if let Some(first) = seen.insert(p, name.clone()) {
            return (first, name);
        }
    }
    unreachable!()
}

/// One rule as the listener holds it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
struct Rule {
    logical: String,
    priority: u32,
    paths: Vec<String>,
    hosts: Vec<String>,
    ips: Vec<String>,
}

/// Every service's listener rules (read through its stack's resources and DescribeRules),
/// and every priority on the listeners they are on.
fn deployed_rules(moto: &Moto, services: &[String]) -> (BTreeMap<String, Vec<Rule>>, Vec<u32>) {
    let out = moto.python_out(&format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
elb = boto3.client("elbv2")
services = {services:?}
out = {{"services": {{}}, "priorities": []}}
listeners = set()
for svc in services:
    res = cf.list_stack_resources(StackName="tug-shop-test-" + svc)["StackResourceSummaries"]
    rules = {{r["PhysicalResourceId"]: r["LogicalResourceId"] for r in res
             if r["ResourceType"] == "AWS::ElasticLoadBalancingV2::ListenerRule"}}
    got = []
    for r in elb.describe_rules(RuleArns=list(rules))["Rules"]:
        values = {{}}
        for c in r["Conditions"]:
            for key, name in [("PathPatternConfig", "paths"), ("HostHeaderConfig", "hosts"),
                              ("SourceIpConfig", "ips")]:
                if key in c:
                    values[name] = c[key]["Values"]
        got.append({{"logical": rules[r["RuleArn"]], "priority": int(r["Priority"]),
                    "paths": values.get("paths", []), "hosts": values.get("hosts", []),
                    "ips": values.get("ips", [])}})
        listeners.add(r["RuleArn"].replace(":listener-rule/", ":listener/").rsplit("/", 1)[0])
    out["services"][svc] = sorted(got, key=lambda r: r["logical"])
for l in listeners:
    for r in elb.describe_rules(ListenerArn=l)["Rules"]:
        if not r["IsDefault"]:
            out["priorities"].append(int(r["Priority"]))
print(json.dumps(out))
"#
    ));
    #[derive(serde::Deserialize)]
    struct Out {
        services: BTreeMap<String, Vec<Rule>>,
        priorities: Vec<u32>,
    }
    let o: Out = serde_json::from_str(&out).expect("JSON from the script");
    (o.services, o.priorities)
}

/// What a person relies on: every rule within ELB's quotas, no priority twice on the
/// listener, and a more specific path evaluated before a less specific one.
fn check(services: &BTreeMap<String, Vec<Rule>>, priorities: &[u32]) {
    let unique: BTreeSet<u32> = priorities.iter().copied().collect();
    assert_eq!(unique.len(), priorities.len(), "{priorities:?}");
    let all: Vec<(&String, &Rule)> = services
        .iter()
        .flat_map(|(s, rules)| rules.iter().map(move |r| (s, r)))
        .collect();
    assert_eq!(all.len(), priorities.len());
    for (svc, r) in &all {
        for values in [&r.paths, &r.hosts, &r.ips] {
            assert!(values.len() <= 3, "{svc}: {r:?}");
        }
        assert!(
            r.paths.len() + r.hosts.len() + r.ips.len() <= 5,
            "{svc}: {r:?}"
        );
    }
    // `/pN/deep` before `/pN` before anything on `/`.
    let root_min = all
        .iter()
        .filter(|(_, r)| r.paths == ["/*"])
        .map(|(_, r)| r.priority)
        .min()
        .unwrap();
    for (svc, r) in &all {
        if r.paths != ["/*"] {
            assert!(r.priority < root_min, "{svc}: {r:?} after a rule on `/`");
        }
        if let Some(base) = r.paths[0].strip_suffix("/deep") {
            let parent = all.iter().find(|(_, p)| p.paths[0] == base).unwrap();
            assert!(r.priority < parent.1.priority, "{r:?} after {:?}", parent.1);
        }
    }
    // On `/`, a rule with a host before one without.
    let plain_root = all
        .iter()
        .filter(|(_, r)| r.paths == ["/*"] && r.hosts.is_empty() && r.ips.is_empty())
        .map(|(_, r)| r.priority)
        .min();
    for (_, r) in all.iter().filter(|(_, r)| !r.hosts.is_empty()) {
        assert!(plain_root.is_none_or(|p| r.priority < p), "{r:?}");
    }
}

fn priorities(services: &BTreeMap<String, Vec<Rule>>) -> BTreeMap<(String, String), u32> {
    services
        .iter()
        .flat_map(|(s, rules)| {
            rules
                .iter()
                .map(move |r| ((s.clone(), r.logical.clone()), r.priority))
        })
        .collect()
}

/// 30 Load Balanced Web Services in one environment: 15 on `/` with distinct aliases (one
/// with more aliases and source IPs than a rule holds, two whose preferred priorities
/// collide), 15 on distinct paths (some nested in others). Deployed with `tug deploy -e`,
/// then all redeployed (`--force`: every stack updates), then one deleted and another
/// added with `tug svc deploy`.
#[test]
fn thirty_web_services_get_distinct_stable_priorities() {
    let moto = need!(Moto::start());
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        (
            "tug/environments/test/manifest.yml",
            "name: test\ntype: Environment\n",
        ),
    ]);
    let dir = ws.path();
    let (twin_a, twin_b) = colliding_names();
    let mut names = vec![twin_a.clone(), twin_b.clone()];
    web(
        dir,
        "many",
        "  path: /\n  alias: [m0.example.com, m1.example.com, m2.example.com, m3.example.com, m4.example.com]\n  allowed_source_ips: [10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24]\n",
    );
    names.push("many".into());
    web(dir, &twin_a, "  path: /\n  alias: twin-a.example.com\n");
    web(dir, &twin_b, "  path: /\n  alias: twin-b.example.com\n");
    for i in 0..12 {
        let name = format!("site{i}");
        web(
            dir,
            &name,
            &format!("  path: /\n  alias: site{i}.example.com\n"),
        );
        names.push(name);
    }
    for i in 0..15 {
        let name = format!("path{i}");
        // Every third is nested in the one before it.
        let path = if i % 3 == 1 {
            format!("/p{}/deep", i - 1)
        } else {
            format!("/p{i}")
        };
        web(dir, &name, &format!("  path: {path}\n"));
        names.push(name);
    }
    assert_eq!(names.len(), 30);

    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["deploy", "-e", "test", "-j", "8"]));
    assert!(stderr(&out).contains("CREATE_COMPLETE"), "{}", stderr(&out));
    let (first, listener) = deployed_rules(&moto, &names);
    check(&first, &listener);
    // The twins preferred one priority and got two; the many-valued service was split.
    assert_ne!(first[&twin_a][0].priority, first[&twin_b][0].priority);
    let many = &first["many"];
    assert!(many.len() > 1, "{many:?}");
    for h in 0..5 {
        for ip in 0..4 {
            let (h, ip) = (format!("m{h}.example.com"), format!("10.0.{ip}.0/24"));
            assert!(
                many.iter()
                    .any(|r| r.hosts.contains(&h) && r.ips.contains(&ip)),
                "{h} from {ip}: {many:?}"
            );
        }
    }

    // Every service redeployed: every priority stays.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["deploy", "-e", "test", "-j", "8", "--force"]));
    assert!(stderr(&out).contains("UPDATE_COMPLETE"), "{}", stderr(&out));
    let (again, listener) = deployed_rules(&moto, &names);
    check(&again, &listener);
    assert_eq!(priorities(&again), priorities(&first));

    // One deleted, another added on its own: the others keep theirs, the new one fits in.
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "delete", "-n", "site3", "-e", "test", "--yes"]));
    std::fs::remove_dir_all(dir.join("tug/site3")).unwrap();
    names.retain(|n| n != "site3");
    // Its name makes it prefer the priority another service's rule holds.
    let held = first["site0"][0].priority;
    let late = (0..)
        .map(|i| format!("late{i}"))
        .find(|n| rule_priority(n, "/", true, 0) == held)
        .unwrap();
    web(dir, &late, "  path: /\n  alias: late.example.com\n");
    names.push(late.clone());
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", &late, "-e", "test"]));
    let (last, listener) = deployed_rules(&moto, &names);
    check(&last, &listener);
    let mut kept = priorities(&first);
    kept.retain(|(s, _), _| s != "site3");
    let mut now = priorities(&last);
    now.retain(|(s, _), _| *s != late);
    assert_eq!(now, kept);
    assert_ne!(last[&late][0].priority, held);
}
