//! CloudFormation rendering: every workload fixture (Load Balanced Web, Backend and Worker
//! Services, Scheduled Jobs) and every environment fixture renders, the templates pass
//! cfn-lint with zero errors, and a few are pinned as insta snapshots.

use tug::manifest::types::{Environment, HttpOrBool, Workload, WorkloadType};
use tug::render::{self, Images};
use tug::yaml::{self, Node, Value};

use crate::support::cfn_lint::lint;
use crate::support::corpus::{corpora, Corpus};

const APP: &str = "demo";

fn fixture_names(corpus: &Corpus, prefix_filter: impl Fn(&str) -> bool) -> Vec<String> {
    corpus
        .files()
        .into_iter()
        .filter(|n| prefix_filter(n))
        .collect()
}

/// The manifest's effective workload for each environment it overrides, plus the base
/// manifest (environment `test` when it has no override for it). Interpolation is not
/// applied: a `${TAG}` left in an image location is only a parameter value.
fn workloads(corpus: &Corpus, file: &str) -> Vec<(String, String, Workload)> {
    let text = corpus.read(file);
    let mut node = yaml::parse(&text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let overrides = take_key(&mut node, "environments");
    let stem = file.trim_end_matches(".yml").to_string();
    let to_workload = |n: &Node, case: &str| -> Workload {
        serde_json::from_value(n.to_json()).unwrap_or_else(|e| panic!("{case}: {e}"))
    };
    let mut out = vec![(stem.clone(), "test".to_string(), to_workload(&node, &stem))];
    if let Some(Value::Map(envs)) = overrides.map(|o| o.value) {
        for entry in envs {
            let mut merged = node.clone();
            tug::manifest::merge::merge(&mut merged, &entry.value, "");
            let case = format!("{stem}.{}", entry.key);
            let w = to_workload(&merged, &case);
            out.push((case, entry.key.clone(), w));
        }
    }
    out
}

fn take_key(node: &mut Node, key: &str) -> Option<Node> {
    if let Value::Map(entries) = &mut node.value {
        let i = entries.iter().position(|e| e.key == key)?;
        return Some(entries.remove(i).value);
    }
    None
}

/// The images a deploy would give `w`: its `image.location`, else what it pushes.
fn images_for(w: &Workload) -> Images {
    let repo = format!(
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/{APP}/{}",
        w.name
    );
    let mut images = Images::main(
        w.image
            .as_ref()
            .and_then(|i| i.location.clone())
            .unwrap_or_else(|| format!("{repo}:0123abc")),
    );
    for (sidecar, _) in w.built_sidecars() {
        images
            .sidecars
            .insert(sidecar.to_string(), format!("{repo}:{sidecar}-0123abc"));
    }
    images
}

fn is_service(w: &Workload) -> bool {
    matches!(
        w.kind,
        WorkloadType::LoadBalancedWebService | WorkloadType::BackendService
    )
}

/// Every workload fixture, each environment it overrides a case.
fn all_workload_cases(corpus: &Corpus) -> Vec<(String, String, Workload)> {
    fixture_names(corpus, |n| !corpus.environments.contains(n))
        .iter()
        .filter(|n| {
            // Types tug does not deploy at all (the loader reports them).
            !corpus.unsupported.iter().any(|u| u == *n)
        })
        .flat_map(|n| workloads(corpus, n))
        .collect()
}

/// The Load Balanced Web Services and Backend Services: what shapes an environment.
fn all_service_cases(corpus: &Corpus) -> Vec<(String, String, Workload)> {
    all_workload_cases(corpus)
        .into_iter()
        .filter(|(_, _, w)| is_service(w))
        .collect()
}

/// An environment fixture with its placeholders made real: `mock-cidr-0` is the VPC CIDR,
/// `mock-cidr-N` a /24 inside it, `mock-az-N` an AZ, mock ids look like AWS ids. The
/// fixtures keep placeholders; cfn-lint rightly rejects them as CIDRs.
fn environment(corpus: &Corpus, file: &str) -> Environment {
    let mut text = corpus.read(file);
    text = text.replace("mock-cidr-0", "10.0.0.0/16");
    for n in 1..=4 {
        text = text
            .replace(&format!("mock-cidr-{n}"), &format!("10.0.{}.0/24", n - 1))
            .replace(
                &format!("mock-subnet-id-{n}"),
                &format!("subnet-0000000{n}"),
            );
    }
    text = text
        .replace("mock-az-1", "us-east-1a")
        .replace("mock-az-2", "us-east-1b")
        .replace("mock-vpc-id", "vpc-00000001")
        .replace(
            "mock-cert-1",
            "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000001",
        )
        .replace(
            "mock-cert-2",
            "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000002",
        );
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn render_env_cases(corpus: &Corpus) -> Vec<(String, String)> {
    let services: Vec<Workload> = all_service_cases(corpus)
        .into_iter()
        .map(|(_, _, w)| w)
        .collect();
    let backends: Vec<Workload> = services
        .iter()
        .filter(|w| w.kind == WorkloadType::BackendService)
        .cloned()
        .collect();
    let mut out = Vec::new();
    let mut add = |case: &str, env: &Environment, ws: &[Workload]| {
        let case = format!("{}{case}", corpus.case_prefix);
        let r = render::environment(APP, env, ws).unwrap_or_else(|e| panic!("{case}: {e}"));
        out.push((case, r.template));
    };
    let envs = &corpus.environments;
    add("env-default", &environment(corpus, &envs.default), &[]);
    add(
        "env-default-all-services",
        &environment(corpus, &envs.default),
        &services,
    );
    add(
        "env-adjust-vpc",
        &environment(corpus, &envs.adjust_vpc),
        &services,
    );
    add(
        "env-import-vpc",
        &environment(corpus, &envs.import_vpc),
        &services,
    );
    // Only private subnets are imported: no public load balancer is possible.
    add(
        "env-adjust-vpc-private-subnets",
        &environment(corpus, &envs.private_subnets),
        &backends,
    );
    let mut custom = environment(corpus, &envs.default);
    custom.nat = Some("single".into());
    custom.network = serde_yaml_ng::from_str("vpc: {endpoints: true}").ok();
    let private: Vec<Workload> = services
        .iter()
        .filter(|w| {
            w.network
                .as_ref()
                .and_then(|n| n.vpc.as_ref())
                .and_then(|v| v.placement.as_ref())
                .is_some()
        })
        .cloned()
        .collect();
    add("env-single-nat-endpoints", &custom, &private);
    out
}

fn render_service_cases(corpus: &Corpus) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (case, env, w) in all_workload_cases(corpus) {
        let nlb_only = matches!(w.http, Some(HttpOrBool::Enabled(false)));
        match render::service(APP, &env, &w, &images_for(&w)) {
            Ok(r) if !nlb_only => {
                out.push((format!("{}svc-{case}", corpus.case_prefix), r.template))
            }
            Ok(_) => panic!("{case}: an NLB-only service rendered, but NLBs are not rendered yet"),
            // NLBs are not rendered yet: a service served only by one says so.
            Err(e) if nlb_only => assert!(e.to_string().contains("`nlb`"), "{case}: {e}"),
            Err(e) => panic!("{case}: {e}"),
        }
    }
    out
}

#[test]
fn workers_and_jobs_render() {
    for corpus in corpora() {
        workers_and_jobs_of(&corpus);
    }
}

fn workers_and_jobs_of(corpus: &Corpus) {
    let cases = render_service_cases(corpus);
    for name in fixture_names(corpus, |n| n.contains("worker") || n.contains("job")) {
        for (case, _, w) in workloads(corpus, &name) {
            let (_, t) = cases
                .iter()
                .find(|(c, _)| *c == format!("{}svc-{case}", corpus.case_prefix))
                .unwrap_or_else(|| panic!("{case} did not render"));
            assert!(t.contains("Type: AWS::ECS::TaskDefinition"), "{case}");
            match w.kind {
                WorkloadType::ScheduledJob => {
                    assert!(
                        t.contains("Type: AWS::StepFunctions::StateMachine"),
                        "{case}"
                    );
                    assert!(t.contains("ecs:runTask.sync"), "{case}");
                    assert!(t.contains("ScheduleExpression:"), "{case}");
                    assert!(!t.contains("AWS::ECS::Service"), "{case}");
                }
                _ => {
                    assert!(t.contains("Type: AWS::ECS::Service"), "{case}");
                    assert!(t.contains("EventsQueue:"), "{case}");
                    assert!(t.contains("Name: \"TUG_QUEUE_URI\""), "{case}");
                    assert!(t.contains("Name: \"COPILOT_QUEUE_URI\""), "{case}");
                    assert!(!t.contains("TargetGroup"), "{case}");
                }
            }
        }
    }
}

/// Every form of `on.schedule` the manifest spec names.
#[test]
fn schedules_become_eventbridge_expressions() {
    for (schedule, expected) in [
        ("@hourly", "rate(1 hour)"),
        ("@daily", "rate(1 day)"),
        ("@weekly", "rate(7 days)"),
        ("@monthly", "cron(0 0 1 * ? *)"),
        ("@yearly", "cron(0 0 1 1 ? *)"),
        ("@annually", "cron(0 0 1 1 ? *)"),
        ("@midnight", "cron(0 0 * * ? *)"),
        ("@every 5h", "rate(5 hours)"),
        ("@every 1h30m", "rate(90 minutes)"),
        ("@every 90m", "rate(90 minutes)"),
        ("@every 1m", "rate(1 minute)"),
        ("@every 1h", "rate(1 hour)"),
        ("@every 48h", "rate(2 days)"),
        ("@every 24h", "rate(1 day)"),
        ("rate(5 minutes)", "rate(5 minutes)"),
        ("rate(1 hour)", "rate(1 hour)"),
        ("cron(0 12 * * ? *)", "cron(0 12 * * ? *)"),
        ("0 */2 * * *", "cron(0 0/2 * * ? *)"),
        ("0 12 * * MON", "cron(0 12 ? * MON *)"),
        ("30 6 1 * *", "cron(30 6 1 * ? *)"),
        ("*/15 * * * *", "cron(0/15 * * * ? *)"),
        ("0 9 * * 1-5", "cron(0 9 ? * 2-6 *)"),
        ("0 9 * * 0", "cron(0 9 ? * 1 *)"),
        ("0 9 * * 7", "cron(0 9 ? * 1 *)"),
        ("0 9 * * 5-7", "cron(0 9 ? * 1,6-7 *)"),
        ("0 0 * * SUN,WED", "cron(0 0 ? * SUN,WED *)"),
        ("  @daily ", "rate(1 day)"),
    ] {
        assert_eq!(
            render::schedule_expression(schedule).as_deref().ok(),
            Some(expected),
            "{schedule}"
        );
    }
    for (bad, why) in [
        ("@every 90s", "whole minutes"),
        ("@every 30s", "whole minutes"),
        ("@sometimes", "unknown shortcut"),
        (
            "0 12 1 * MON",
            "both a day of the month and a day of the week",
        ),
        ("0 12 * *", "5 fields"),
        ("0 12 * * 8", "not a day of the week"),
    ] {
        let e = render::schedule_expression(bad).expect_err(bad);
        assert!(e.contains(why), "{bad}: {e}");
    }
}

#[test]
fn snapshots() {
    for corpus in corpora() {
        let envs = render_env_cases(&corpus);
        let svcs = render_service_cases(&corpus);
        for name in &corpus.snapshots {
            let case = format!("{}{name}", corpus.case_prefix);
            let template = envs
                .iter()
                .chain(&svcs)
                .find(|(c, _)| *c == case)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| panic!("no case {case}"));
            insta::assert_snapshot!(case, template);
        }
    }
}

/// Every rendered template, in one cfn-lint run (its start-up takes seconds).
#[test]
fn cfn_lint_accepts_every_template() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut files = Vec::new();
    for corpus in corpora() {
        let mut rendered = 0;
        for (case, template) in render_env_cases(&corpus)
            .into_iter()
            .chain(render_service_cases(&corpus))
        {
            let path = dir.path().join(format!("{case}.yml"));
            std::fs::write(&path, template).expect("writing a template");
            files.push(path);
            rendered += 1;
        }
        assert!(
            rendered >= 35,
            "{}: only {rendered} templates rendered",
            corpus.dir
        );
    }
    lint(&files);
}
