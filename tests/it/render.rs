//! CloudFormation rendering: every workload fixture (Load Balanced Web, Backend and Worker
//! Services, Scheduled Jobs) and every environment fixture is written into a temporary
//! workspace and goes through the loader and the image naming a deploy uses (`svc deploy`,
//! `svc package`, `env deploy`). Every fixture but the ones `corpora.json` rejects renders,
//! the templates pass cfn-lint with zero errors, and a few are pinned as insta snapshots.

use std::path::Path;

use tempfile::TempDir;
use tug::deploy::{self, ServicePlan};
use tug::manifest::types::{Placement, Workload, WorkloadType};
use tug::render;
use tug::workspace::{Unset, Workspace};

use crate::support::cfn_lint::lint;
use crate::support::corpus::{corpora, Corpus};
use crate::support::workspace::{tree, write};

pub(crate) const APP: &str = "demo";
/// The environment every workload fixture renders in, besides each one it overrides.
const TEST_ENV: &str = "test";
/// The tag images built from `image.build` get, and the registry they are pushed to.
const TAG: &str = "0123abc";
const HOST: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

/// A rendered template: its case (the snapshot's name), the environment it was rendered in
/// and, for a workload, its type and the workload as that environment sees it.
pub(crate) struct Case {
    pub(crate) name: String,
    pub(crate) env: String,
    pub(crate) kind: Option<WorkloadType>,
    pub(crate) workload: Option<Workload>,
    pub(crate) template: String,
}

/// A fixture loaded in one environment: what a deploy renders, or the codes of the errors
/// that stop it.
type Loaded<T> = Result<T, Vec<&'static str>>;

/// Whether `file` loaded in `env`. It must, unless `corpora.json` lists it as rejected: then
/// it fails with codes listed there, or loads in an environment its overrides make valid.
/// No fixture disappears silently.
fn loads<T>(corpus: &Corpus, file: &str, env: &str, loaded: &Loaded<T>) -> bool {
    let listed: Option<Vec<&str>> = corpus
        .rejected
        .iter()
        .find(|r| r.file == file)
        .map(|r| r.codes.iter().map(String::as_str).collect());
    match (loaded, listed) {
        (Ok(_), None) => true,
        // The listed codes are `tug validate FILE`'s, over every environment the file
        // overrides; one environment gives some of them.
        (Err(codes), Some(listed)) if codes.iter().all(|c| listed.contains(c)) => false,
        (Err(codes), listed) => panic!("{file} in {env}: errors {codes:?}, listed {listed:?}"),
        // Rejected in some environment (`tests/it/manifest.rs` checks which codes), valid in
        // this one: it renders here.
        (Ok(_), Some(_)) => true,
    }
}

fn stem(file: &str) -> &str {
    file.trim_end_matches(".yml")
}

/// Top-level `key` of a fixture: its `name`, or the environments it overrides.
fn top_level(text: &str, key: &str) -> Option<tug::yaml::Node> {
    let node = tug::yaml::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
    node.get(key).cloned()
}

fn name_of(text: &str) -> String {
    let name = top_level(text, "name").expect("a name");
    name.as_str().expect("a name").to_string()
}

/// A temporary workspace of application `demo`: `copilot/environments/<env>/manifest.yml`
/// for each `(env, text)` of `envs`, `copilot/<folder>/manifest.yml` for each of `workloads`.
fn workspace(envs: &[(String, String)], workloads: &[(String, String)]) -> TempDir {
    let dir = tree(&[("copilot/.workspace", &format!("application: {APP}\n"))]);
    for (env, text) in envs {
        let path = format!("copilot/environments/{env}/manifest.yml");
        write(dir.path(), &path, text);
    }
    for (folder, text) in workloads {
        write(dir.path(), &format!("copilot/{folder}/manifest.yml"), text);
        // The env files it names, as a repository holds them (deploys read and hash them).
        for line in text.lines() {
            if let Some(file) = line.trim().strip_prefix("env_file:") {
                let file = file.trim().trim_matches(['"', '\'']);
                if file.ends_with(".env") && !file.starts_with('/') && !file.contains("..") {
                    write(dir.path(), file, format!("FROM_FILE={folder}\n"));
                }
            }
        }
    }
    dir
}

fn minimal_env(env: &str) -> (String, String) {
    (env.to_string(), format!("name: {env}\ntype: Environment\n"))
}

/// The workspace in `dir` found and read as a deploy does, then viewed in `env`: the
/// workloads valid there, or the codes of every error found.
fn view(dir: &Path, env: &str) -> Loaded<Vec<Workload>> {
    let ws = find(dir);
    let manifests = ws.read_all(dir);
    let view = manifests.view(env, Unset::Warning).unwrap();
    // A type tug does not deploy is skipped by a deploy; here, as for `validate`, an error.
    let errors: Vec<&'static str> = view
        .diagnostics
        .iter()
        .chain(&view.skipped)
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    let workloads = view.workloads.into_iter().map(|w| w.effective.workload);
    match errors.is_empty() {
        true => Ok(workloads.collect()),
        false => Err(errors),
    }
}

fn find(dir: &Path) -> Workspace {
    Workspace::find(dir).unwrap().expect("a workspace")
}

fn workload_files(corpus: &Corpus) -> Vec<String> {
    let mut files = corpus.files();
    files.retain(|f| !corpus.environments.contains(f));
    files
}

/// Workload fixture `file`, alone in a workspace, loaded in `test` and in each environment
/// it overrides. Each case is named `<stem>.<env>` for an environment it overrides, else
/// `<stem>`. Also the workspace, to be removed once the renders are done.
type WorkloadCases = (TempDir, Vec<(String, String, Loaded<Workload>)>);

fn load_workload(corpus: &Corpus, file: &str) -> WorkloadCases {
    let text = corpus.read(file);
    let name = name_of(&text);
    let overrides: Vec<String> = top_level(&text, "environments")
        .and_then(|e| Some(e.as_map()?.iter().map(|e| e.key.clone()).collect()))
        .unwrap_or_default();
    let mut envs = overrides.clone();
    if !envs.iter().any(|e| e == TEST_ENV) {
        envs.insert(0, TEST_ENV.to_string());
    }
    let env_files: Vec<_> = envs.iter().map(|e| minimal_env(e)).collect();
    let dir = workspace(&env_files, &[(name, text)]);
    let cases = envs
        .into_iter()
        .map(|env| {
            let loaded = view(dir.path(), &env);
            let case = match overrides.contains(&env) {
                true => format!("{}.{env}", stem(file)),
                false => stem(file).to_string(),
            };
            let loaded = loaded.map(|mut w| w.pop().expect("the workload"));
            (case, env, loaded)
        })
        .collect();
    (dir, cases)
}

/// Every workload fixture rendered as `svc deploy` and `svc package` render it.
pub(crate) fn render_workloads(corpus: &Corpus) -> Vec<Case> {
    let mut out = Vec::new();
    for file in workload_files(corpus) {
        let (dir, cases) = load_workload(corpus, &file);
        let root = find(dir.path()).root();
        for (case, env, loaded) in cases {
            if !loads(corpus, &file, &env, &loaded) {
                continue;
            }
            let w = loaded.unwrap();
            match ServicePlan::new(
                APP,
                &env,
                &w,
                &root,
                (None, TAG),
                HOST,
                None,
                &render::EnvTraffic::default(),
            ) {
                Ok(plan) => out.push(Case {
                    name: format!("{}svc-{case}", corpus.case_prefix),
                    env,
                    kind: Some(w.kind),
                    template: plan.rendered.template,
                    workload: Some(w),
                }),
                Err(e) => panic!("{case}: {e}"),
            }
        }
    }
    out
}

/// An environment fixture with its placeholders made real: `mock-cidr-0` is the VPC CIDR,
/// `mock-cidr-N` a /24 inside it, `mock-az-N` an AZ, mock ids look like AWS ids. The
/// fixtures keep placeholders, which validation rightly rejects as CIDRs.
fn environment_text(corpus: &Corpus, file: &str) -> String {
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
    let cert = |n| {
        format!(
            "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-00000000000{n}"
        )
    };
    text.replace("mock-az-1", "us-east-1a")
        .replace("mock-az-2", "us-east-1b")
        .replace("mock-vpc-id", "vpc-00000001")
        .replace("mock-cert-1", &cert(1))
        .replace("mock-cert-2", &cert(2))
}

/// The workloads that shape an environment (Load Balanced Web Services and Backend
/// Services, and any workload mounting the managed EFS file system) valid in environment
/// `env` and kept by `keep`, as `(folder, manifest)` for a workspace. The `${TAG}` of an
/// image location is set, as `env deploy` needs it to be.
fn services(corpus: &Corpus, env: &str, keep: fn(&Workload) -> bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for file in workload_files(corpus) {
        let text = corpus.read(&file);
        let kind = top_level(&text, "type").and_then(|t| t.as_str().map(str::to_string));
        let serves = matches!(
            kind.as_deref(),
            Some("Load Balanced Web Service" | "Backend Service")
        );
        if !serves && !text.contains("efs:") {
            continue;
        }
        let dir = workspace(&[minimal_env(env)], &[(stem(&file).into(), text.clone())]);
        let loaded = view(dir.path(), env);
        // Other workloads count where they load and mount the managed file system.
        let kept = match serves {
            true => loads(corpus, &file, env, &loaded) && keep(&loaded.unwrap()[0]),
            false => loaded.is_ok_and(|w| w[0].managed_efs_volume().is_some() && keep(&w[0])),
        };
        if kept {
            out.push((stem(&file).to_string(), text.replace("${TAG}", TAG)));
        }
    }
    out
}

/// Every environment fixture, as `env deploy` renders it with the services paired with it.
fn render_environments(corpus: &Corpus) -> Vec<Case> {
    let envs = &corpus.environments;
    for file in [
        &envs.default,
        &envs.adjust_vpc,
        &envs.import_vpc,
        &envs.private_subnets,
    ] {
        let text = corpus.read(file);
        let env = name_of(&text);
        let dir = workspace(&[(env.clone(), text)], &[]);
        loads(corpus, file, &env, &view(dir.path(), &env));
    }
    let mut out = Vec::new();
    let mut add = |case: &str, file: &str, extra: &str, keep: fn(&Workload) -> bool| {
        let text = environment_text(corpus, file) + extra;
        let env = name_of(&text);
        let workloads = services(corpus, &env, keep);
        let dir = workspace(&[(env.clone(), text)], &workloads);
        let case = format!("{}{case}", corpus.case_prefix);
        let plan = deploy::plan_environment(&find(dir.path()), &env, dir.path())
            .unwrap_or_else(|e| panic!("{case}: {e:?}"));
        assert_eq!(plan.workloads.len(), workloads.len(), "{case}");
        out.push(Case {
            name: case,
            env,
            kind: None,
            workload: None,
            template: plan.rendered.template,
        });
    };
    let none = |_: &Workload| false;
    let all = |_: &Workload| true;
    let backend = |w: &Workload| w.kind == WorkloadType::BackendService;
    // Defaults make every placement explicit: `public` unless the manifest says otherwise.
    let private = |w: &Workload| {
        let vpc = w.network.as_ref().and_then(|n| n.vpc.as_ref());
        !matches!(vpc.and_then(|v| v.placement.as_ref()), Some(Placement::Kind(k)) if k == "public")
    };
    add("env-default", &envs.default, "", none);
    add("env-default-all-services", &envs.default, "", all);
    add("env-adjust-vpc", &envs.adjust_vpc, "", all);
    add("env-import-vpc", &envs.import_vpc, "", all);
    // Only private subnets are imported: no public load balancer is possible.
    add(
        "env-adjust-vpc-private-subnets",
        &envs.private_subnets,
        "",
        backend,
    );
    let nat = "\nnat: single\nnetwork:\n  vpc:\n    endpoints: true\n";
    add("env-single-nat-endpoints", &envs.default, nat, private);
    out
}

#[test]
fn workers_and_jobs_render() {
    for corpus in corpora() {
        let mut seen = (0, 0);
        for case in render_workloads(&corpus) {
            let (name, t) = (&case.name, &case.template);
            match case.kind {
                Some(WorkloadType::ScheduledJob) => {
                    assert!(t.contains("Type: AWS::ECS::TaskDefinition"), "{name}");
                    assert!(
                        t.contains("Type: AWS::StepFunctions::StateMachine"),
                        "{name}"
                    );
                    assert!(t.contains("ecs:runTask.sync"), "{name}");
                    assert!(t.contains("ScheduleExpression:"), "{name}");
                    assert!(!t.contains("AWS::ECS::Service"), "{name}");
                    seen.0 += 1;
                }
                Some(WorkloadType::WorkerService) => {
                    assert!(t.contains("Type: AWS::ECS::TaskDefinition"), "{name}");
                    assert!(t.contains("Type: AWS::ECS::Service"), "{name}");
                    assert!(t.contains("EventsQueue:"), "{name}");
                    assert!(t.contains("Name: \"TUG_QUEUE_URI\""), "{name}");
                    assert!(t.contains("Name: \"COPILOT_QUEUE_URI\""), "{name}");
                    assert!(!t.contains("TargetGroup"), "{name}");
                    seen.1 += 1;
                }
                _ => {}
            }
        }
        assert!(seen.0 >= 4 && seen.1 >= 3, "{}: {seen:?}", corpus.dir);
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
        let cases: Vec<Case> = render_environments(&corpus)
            .into_iter()
            .chain(render_workloads(&corpus))
            .collect();
        for name in &corpus.snapshots {
            let case = format!("{}{name}", corpus.case_prefix);
            let template = cases
                .iter()
                .find(|c| c.name == case)
                .map(|c| c.template.clone())
                .unwrap_or_else(|| panic!("no case {case}"));
            insta::assert_snapshot!(case, template);
        }
    }
}

/// Every rendered template, in one cfn-lint run (its start-up takes seconds).
#[test]
fn cfn_lint_accepts_every_template() {
    let dir = tempfile::tempdir().expect("a temp dir");
    lint(&every_template(dir.path()));
}

/// Every template rendered from the fixtures, written into `dir`.
fn every_template(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for corpus in corpora() {
        let mut rendered = 0;
        for case in render_environments(&corpus)
            .into_iter()
            .chain(render_workloads(&corpus))
        {
            let path = dir.join(format!("{}.yml", case.name));
            std::fs::write(&path, case.template).expect("writing a template");
            files.push(path);
            rendered += 1;
        }
        assert!(
            rendered >= 35,
            "{}: only {rendered} templates rendered",
            corpus.dir
        );
    }
    files
}

/// checkov over every template rendered from the fixtures and the example application:
/// each failed check is one `tests/checkov-allow.txt` lists with its reason, and each entry
/// there is still needed.
#[test]
fn checkov_finds_nothing_outside_the_allow_list() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut files = every_template(dir.path());
    let example = crate::support::root().join("examples/hello");
    let out = dir.path().to_str().unwrap();
    let package = |args: &[&str]| {
        let o = crate::support::tug()
            .current_dir(&example)
            .args(args)
            .args(["--output-dir", out])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    package(&["env", "package", "-n", "test"]);
    package(&["svc", "package", "-n", "web", "-e", "test"]);
    package(&["svc", "package", "-n", "api", "-e", "test"]);
    for stack in ["tug-hello-test", "tug-hello-test-web", "tug-hello-test-api"] {
        files.push(dir.path().join(format!("{stack}.yml")));
    }
    let Some(found) = crate::support::checkov::scan(&files) else {
        return;
    };
    let allowed = crate::support::read(&crate::support::root().join("tests/checkov-allow.txt"));
    let entries: Vec<(&str, &str)> = allowed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut words = l.split_whitespace();
            let (check, resource) = (words.next().unwrap(), words.next().unwrap_or_default());
            assert!(words.next().is_some(), "no reason given: {l}");
            (check, resource)
        })
        .collect();
    let matches = |(check, resource): &(&str, &str), f: &crate::support::checkov::Finding| {
        *check == f.check
            && match resource.strip_suffix('*') {
                Some(prefix) => f.resource.starts_with(prefix),
                None => *resource == f.resource,
            }
    };
    let unlisted: Vec<_> = found
        .iter()
        .filter(|f| !entries.iter().any(|e| matches(e, f)))
        .collect();
    assert!(
        unlisted.is_empty(),
        "checkov findings not in tests/checkov-allow.txt: {unlisted:#?}"
    );
    let stale: Vec<_> = entries
        .iter()
        .filter(|e| !found.iter().any(|f| matches(e, f)))
        .collect();
    assert!(
        stale.is_empty(),
        "entries of tests/checkov-allow.txt no template needs: {stale:?}"
    );
}
