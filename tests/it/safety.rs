//! Production safety: tug changes only what it owns, deploys in the order stacks need,
//! keeps the images environments run, rides out a network outage while watching, and
//! never executes two change sets of one stack at once.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::moto::{tug_process, Moto};
use crate::support::proxy::read_request;
use crate::support::workspace::{hello, set_image, tree, write};
use crate::support::{code, need, ok, stderr, stdout};

/// What a [`gate`] does with one request (its bytes).
type Rule = dyn Fn(&str) -> bool + Send + Sync;

/// A proxy to moto's port `upstream` that forwards each request for which `rule` (which may
/// wait first) returns true and drops the connection unanswered otherwise. Returns its
/// endpoint. moto serves requests on threads without locks; the calls that change stacks
/// (CreateChangeSet, ExecuteChangeSet) are forwarded one at a time, as AWS serialises them.
fn gate(upstream: u16, rule: Arc<Rule>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let serial = Arc::new(std::sync::Mutex::new(()));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let (rule, serial) = (rule.clone(), serial.clone());
            std::thread::spawn(move || {
                let Some((request, _)) = read_request(&mut conn) else {
                    return;
                };
                let text = String::from_utf8_lossy(&request).into_owned();
                if !rule(&text) {
                    return;
                }
                let changes = ["Action=CreateChangeSet", "Action=ExecuteChangeSet"];
                let _one = changes
                    .iter()
                    .any(|a| text.contains(a))
                    .then(|| serial.lock().unwrap_or_else(|p| p.into_inner()));
                let Ok(mut up) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    return;
                };
                let _ = up.write_all(&request);
                let mut response = Vec::new();
                let _ = up.read_to_end(&mut response);
                let _ = conn.write_all(&response);
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn tug_in(moto: &Moto, dir: &Path, args: &[&str]) -> std::process::Output {
    moto.tug().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn a_first_deploy_puts_publishers_before_subscribers_and_deletes_them_after() {
    let moto = need!(Moto::start());
    let ws = hello("order");
    let dir = ws.path();
    let web = dir.join("tug/web/manifest.yml");
    let text = std::fs::read_to_string(&web).unwrap();
    std::fs::write(&web, text + "publish:\n  topics:\n    - name: orders\n").unwrap();
    write(dir, "tug/jobs/manifest.yml", crate::deploy::JOBS);
    // One at a time, in the workspace's order (api, jobs, web), jobs would go before the
    // topic it imports exists.
    let out = tug_in(&moto, dir, &["deploy", "-e", "test", "-j", "1"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for svc in ["api", "jobs", "web"] {
        assert!(
            err.contains(&format!("service {svc} in test: deployed")),
            "{svc}: {err}"
        );
    }
    let web_done = err.find("service web in test: deployed").unwrap();
    let jobs_done = err.find("service jobs in test: deployed").unwrap();
    assert!(web_done < jobs_done, "{err}");

    // Deleting the application: the subscriber goes before the publisher. (moto cannot
    // delete the environment's stack, tests/README.md: that failure comes after.)
    let out = tug_in(&moto, dir, &["app", "delete", "--yes"]);
    let err = stderr(&out);
    let jobs_gone = err.find("service jobs in test: deleted").unwrap();
    let web_gone = err.find("service web in test: deleted").unwrap();
    assert!(jobs_gone < web_gone, "{err}");
}

#[test]
fn deploy_detach_deploys_the_workloads_too() {
    let moto = need!(Moto::start());
    let ws = hello("detach");
    let dir = ws.path();
    let out = tug_in(&moto, dir, &["deploy", "-e", "test", "--detach"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("its workloads need it"), "{err}");
    for svc in ["api", "web"] {
        assert!(
            err.contains(&format!("service {svc} in test: started (detached)")),
            "{svc}: {err}"
        );
    }
    let listed = stdout(&ok(moto.tug().current_dir(dir).args(["svc", "ls"])));
    assert!(listed.contains("web") && listed.contains("api"), "{listed}");
}

/// Creates stack `name` (one SNS topic) with the `tug:<key>` tags `tags`, as something
/// other than a deploy would.
fn one_topic_stack(moto: &Moto, name: &str, tags: &[(&str, &str)]) {
    let tags: Vec<String> = tags
        .iter()
        .map(|(k, v)| format!(r#"{{"Key": "tug:{k}", "Value": "{v}"}}"#))
        .collect();
    moto.python(&format!(
        r#"
import boto3
boto3.client("cloudformation").create_stack(StackName="{name}",
    TemplateBody='{{"Resources": {{"Topic": {{"Type": "AWS::SNS::Topic"}}}}}}',
    Tags=[{}])
"#,
        tags.join(", ")
    ));
}

/// A stack named as tug would name it, made by someone else (tagged for another
/// application), is neither updated nor deleted.
#[test]
fn a_stack_another_owner_made_is_never_changed() {
    let moto = need!(Moto::start());
    let ws = hello("owned");
    let dir = ws.path();
    one_topic_stack(
        &moto,
        "tug-owned-test",
        &[("application", "other"), ("environment", "test")],
    );
    let resources = || {
        moto.python_out(
            r#"
import boto3
r = boto3.client("cloudformation").describe_stack_resources(StackName="tug-owned-test")
print(sorted(x["LogicalResourceId"] for x in r["StackResources"]))
"#,
        )
    };
    let before = resources();
    for args in [
        &["env", "deploy", "-n", "test"][..],
        &["env", "delete", "-n", "test", "--yes"][..],
    ] {
        let out = tug_in(&moto, dir, args);
        let err = stderr(&out);
        assert_eq!(code(&out), 1, "{args:?}: {err}");
        assert!(
            err.contains("stack tug-owned-test is not this one to change")
                && err.contains("tug:application=other, tug:environment=test")
                && err.contains("tug:application=owned, tug:environment=test"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(resources(), before);
    assert_eq!(before.trim(), "['Topic']");
}

#[test]
fn two_things_with_one_stack_name_or_too_long_a_name_are_refused_where_they_are_named() {
    let env = |name: &str| format!("name: {name}\ntype: Environment\n");
    let svc = "name: api\ntype: Backend Service\nimage:\n  location: nginx\n";
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/api/manifest.yml", svc),
        ("tug/environments/test/manifest.yml", &env("test")),
        ("tug/environments/test-api/manifest.yml", &env("test-api")),
    ]);
    let out = tug_in_dir(ws.path(), &["validate"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    // Each at the `name` of its manifest.
    // (Messages wrap at the terminal width, continued after a `│`.)
    let flat = err.replace('│', " ");
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("environment test-api would deploy to stack tug-shop-test-api, which is also the stack of workload api in environment test"),
        "{err}"
    );
    assert!(
        err.contains("[tug/environments/test-api/manifest.yml:1:7]"),
        "{err}"
    );
    assert!(
        flat.contains("workload api in environment test would deploy to stack tug-shop-test-api"),
        "{err}"
    );
    assert!(err.contains("[tug/api/manifest.yml:1:7]"), "{err}");

    let long = format!("e{}", "x".repeat(63));
    let ws = tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/api/manifest.yml", svc),
        (
            &format!("tug/environments/{long}/manifest.yml"),
            &env(&long),
        ),
    ]);
    let out = tug_in_dir(ws.path(), &["validate"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    let flat = err.replace('│', " ");
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("is 64 characters long") && flat.contains("at most 63"),
        "{err}"
    );
    assert_eq!(flat.matches("is 64 characters long").count(), 1, "{err}");
    assert!(
        err.contains(&format!("[tug/environments/{long}/manifest.yml:1:7]")),
        "{err}"
    );
}

fn tug_in_dir(dir: &Path, args: &[&str]) -> std::process::Output {
    crate::support::tug()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn app_delete_removes_only_the_repositories_it_made() {
    let moto = need!(Moto::start());
    let ws = hello("repos");
    let dir = ws.path();
    // A workload stack of the application (one moto can delete, unlike an environment's).
    let tags = [
        ("application", "repos"),
        ("environment", "test"),
        ("workload", "web"),
    ];
    one_topic_stack(&moto, "tug-repos-test-web", &tags);
    moto.python(
        r#"
import boto3
ecr = boto3.client("ecr")
ecr.create_repository(repositoryName="repos/web",
                      tags=[{"Key": "tug:application", "Value": "repos"},
                            {"Key": "tug:workload", "Value": "web"}])
ecr.create_repository(repositoryName="repos/theirs")
ecr.create_repository(repositoryName="repos/other-app",
                      tags=[{"Key": "tug:application", "Value": "other"}])
"#,
    );
    let out = tug_in(&moto, dir, &["app", "delete", "--yes"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("deleted ECR repository repos/web"), "{err}");
    let left = moto.python_out(
        r#"
import boto3
print(sorted(r["repositoryName"] for r in boto3.client("ecr").describe_repositories()["repositories"]))
"#,
    );
    assert_eq!(left.trim(), "['repos/other-app', 'repos/theirs']");
}

/// An image manifest with one layer of `seed`; moto's digest is made from its layers.
fn put_image(moto: &Moto, repo: &str, seed: &str, tag: &str) -> String {
    moto.python_out(&format!(
        r#"
import boto3, hashlib, json
layer = "sha256:" + hashlib.sha256(b"{seed}").hexdigest()
manifest = json.dumps({{"schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {{"mediaType": "application/vnd.docker.container.image.v1+json",
                "size": 1, "digest": layer}},
    "layers": [{{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                 "size": 1, "digest": layer}}]}})
r = boto3.client("ecr").put_image(repositoryName="{repo}", imageManifest=manifest,
                                  imageTag="{tag}")
print(r["image"]["imageId"]["imageDigest"])
"#
    ))
    .trim()
    .to_string()
}

/// The tags of each image of `repo`, by digest.
fn image_tags(moto: &Moto, repo: &str) -> serde_json::Value {
    let out = moto.python_out(&format!(
        r#"
import boto3, json
d = boto3.client("ecr").describe_images(repositoryName="{repo}")["imageDetails"]
print(json.dumps({{i["imageDigest"]: sorted(i.get("imageTags", [])) for i in d}}))
"#
    ));
    serde_json::from_str(&out).unwrap()
}

/// Each deploy tags the image an environment runs `tug-deployed-<env>`, which the
/// repository's lifecycle policy never expires: a test deploy moves test's tag, never
/// prod's.
#[test]
fn the_image_each_environment_runs_is_tagged_for_the_lifecycle_policy_to_keep() {
    let moto = need!(Moto::start());
    let ws = hello("keep");
    let dir = ws.path();
    let test = std::fs::read_to_string(dir.join("tug/environments/test/manifest.yml")).unwrap();
    write(
        dir,
        "tug/environments/prod/manifest.yml",
        test.replace("name: test", "name: prod"),
    );
    moto.python(
        r#"
import boto3
boto3.client("ecr").create_repository(repositoryName="keep/web",
    tags=[{"Key": "tug:application", "Value": "keep"}, {"Key": "tug:workload", "Value": "web"}])
"#,
    );
    let old = put_image(&moto, "keep/web", "old", "v1");
    let new = put_image(&moto, "keep/web", "new", "v2");
    let repo = "123456789012.dkr.ecr.us-east-1.amazonaws.com/keep/web";
    let deploy = |env: &str, digest: &str| {
        set_image(dir, "web", &format!("{repo}@{digest}"));
        for args in [
            vec!["env", "deploy", "-n", env],
            vec!["svc", "deploy", "-n", "web", "-e", env],
        ] {
            let out = tug_in(&moto, dir, &args);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(!err.contains("lifecycle policy may expire"), "{err}");
        }
    };
    deploy("prod", &old);
    deploy("test", &old);
    let tags = image_tags(&moto, "keep/web");
    assert_eq!(
        tags[&old],
        serde_json::json!(["tug-deployed-prod", "tug-deployed-test", "v1"])
    );
    // Test moves on; prod's image keeps its tag.
    deploy("test", &new);
    let tags = image_tags(&moto, "keep/web");
    assert_eq!(tags[&old], serde_json::json!(["tug-deployed-prod", "v1"]));
    assert_eq!(tags[&new], serde_json::json!(["tug-deployed-test", "v2"]));
}

/// After the change set executes, every request fails (the connection dropped unanswered)
/// for 25 s, longer than the SDK's own retries last: the watch goes on and ends with the
/// stack's real result, saying meanwhile that it cannot read the stack.
#[test]
fn the_watcher_rides_out_a_network_outage() {
    let moto = need!(Moto::start());
    let ws = hello("outage");
    let outage: Arc<std::sync::Mutex<Option<Instant>>> = Arc::default();
    let dropped = Arc::new(AtomicUsize::new(0));
    let (o, d) = (outage.clone(), dropped.clone());
    let endpoint = gate(
        moto.port,
        Arc::new(move |request: &str| {
            let mut since = o.lock().unwrap();
            if let Some(t) = *since {
                if t.elapsed() < Duration::from_secs(25) {
                    d.fetch_add(1, Ordering::SeqCst);
                    return false;
                }
            } else if request.contains("Action=ExecuteChangeSet") {
                *since = Some(Instant::now());
            }
            true
        }),
    );
    let out = tug_process(&endpoint)
        .current_dir(ws.path())
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("deployed (CREATE_COMPLETE)"), "{err}");
    assert!(
        err.contains("cannot read stack tug-outage-test") && err.contains("trying again until"),
        "{err}"
    );
    assert!(err.contains("reading stack tug-outage-test again"), "{err}");
    assert!(dropped.load(Ordering::SeqCst) > 6, "the outage happened");
}

/// Two deploys of one stack at once (two CI jobs): the proxy holds every ExecuteChangeSet
/// until both have made their change sets, so both race for the stack. One executes; the
/// other sees its change set gone, waits, plans again and finds nothing to change. One
/// stack, created once.
#[test]
fn two_deploys_of_one_stack_at_once_execute_once() {
    let moto = need!(Moto::start());
    let ws = hello("twice");
    // Both change sets are made before either executes.
    let created = Arc::new(AtomicUsize::new(0));
    let c = created.clone();
    let endpoint = gate(
        moto.port,
        Arc::new(move |request: &str| {
            if request.contains("Action=CreateChangeSet") {
                c.fetch_add(1, Ordering::SeqCst);
            }
            if request.contains("Action=ExecuteChangeSet") {
                let deadline = Instant::now() + Duration::from_secs(20);
                while c.load(Ordering::SeqCst) < 2 && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
            true
        }),
    );
    let run = |extra: &[&str]| {
        tug_process(&endpoint)
            .current_dir(ws.path())
            .args(["env", "deploy", "-n", "test"])
            .args(extra)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run(&[]), run(&[]));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let (ea, eb) = (stderr(&a), stderr(&b));
    assert!(a.status.success() && b.status.success(), "{ea}\n---\n{eb}");
    let both = format!("{ea}\n{eb}");
    assert_eq!(
        both.matches("deployed (CREATE_COMPLETE)").count(),
        1,
        "{both}"
    );
    assert!(
        both.contains("another deployment changed stack tug-twice-test first"),
        "{both}"
    );
    assert_eq!(both.matches(": no changes").count(), 1, "{both}");
    let stacks = moto.python_out(
        r#"
import boto3
cf = boto3.client("cloudformation")
live = [s for s in cf.list_stacks()["StackSummaries"]
        if s["StackName"] == "tug-twice-test" and s["StackStatus"] != "DELETE_COMPLETE"]
events = cf.describe_stack_events(StackName="tug-twice-test")["StackEvents"]
print(len(live), sum(1 for e in events if e["LogicalResourceId"] == "tug-twice-test"
                     and e["ResourceStatus"] == "CREATE_COMPLETE"))
"#,
    );
    assert_eq!(stacks.trim(), "1 1");

    // With --no-wait, the one that loses the race refuses, saying why.
    let ws2 = hello("nowait");
    created.store(0, Ordering::SeqCst);
    let run = |extra: &[&str]| {
        tug_process(&endpoint)
            .current_dir(ws2.path())
            .args(["env", "deploy", "-n", "test"])
            .args(extra)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run(&["--no-wait"]), run(&["--no-wait"]));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let both = format!("{}\n{}", stderr(&a), stderr(&b));
    assert_eq!(
        [code(&a), code(&b)].iter().filter(|c| **c == 1).count(),
        1,
        "{both}"
    );
    assert!(both.contains("not waiting for it (--no-wait)"), "{both}");
}

/// Reads back, after a deploy of app `lbports`: the rules of the tasks' security group (the
/// environment's) and of each service's own group for the load balancers, as `source
/// protocol from-to` (`public`/`internal`: a load balancer's group; `self`: the group
/// itself; else the group id or CIDR), each service stack's status, and whether its ECS
/// service's tasks wear its group.
const LB_PORTS: &str = r#"
import boto3, json
cf = boto3.client("cloudformation")
ec2 = boto3.client("ec2")
ecs = boto3.client("ecs")
outs = {o["OutputKey"]: o["OutputValue"]
        for o in cf.describe_stacks(StackName="tug-lbports-test")["Stacks"][0]["Outputs"]}
names = {outs["PublicLoadBalancerSecurityGroup"]: "public",
         outs["InternalLoadBalancerSecurityGroup"]: "internal"}
def rules(group):
    sg = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]
    out = []
    for p in sg["IpPermissions"]:
        ports = f'{p.get("FromPort")}-{p.get("ToPort")}'
        for g in p.get("UserIdGroupPairs", []):
            source = "self" if g["GroupId"] == group else names.get(g["GroupId"], g["GroupId"])
            out.append(f'{source} {p["IpProtocol"]} {ports}')
        for r in p.get("IpRanges", []):
            out.append(f'{r["CidrIp"]} {p["IpProtocol"]} {ports}')
    return sorted(out)
got = {"env": rules(outs["EnvironmentSecurityGroup"]), "services": {}}
for svc in ["web", "shop", "admin", "api"]:
    stack = f"tug-lbports-test-{svc}"
    res = {r["LogicalResourceId"]: r["PhysicalResourceId"]
           for r in cf.describe_stack_resources(StackName=stack)["StackResources"]}
    group = res.get("LoadBalancerTargetSecurityGroup")
    service = ecs.describe_services(cluster="tug-lbports-test", services=[res["Service"]])["services"][0]
    worn = service["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"]
    got["services"][svc] = {
        "status": cf.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"],
        "rules": rules(group) if group else None,
        "worn": group in worn and outs["EnvironmentSecurityGroup"] in worn,
    }
print(json.dumps(got))
"#;

/// Turns the deployed stack of service `svc` of app `lbports` into what an earlier tug
/// deployed: no security group of its own (so the tasks wear the environment's alone) and
/// no import of the load balancer's group: the stack relies on the environment letting the
/// load balancer in on every port.
fn as_deployed_by_an_earlier_tug(moto: &Moto, svc: &str) {
    moto.python(&format!(
        r#"
import boto3, re
cf = boto3.client("cloudformation")
name = "tug-lbports-test-{svc}"
stack = cf.describe_stacks(StackName=name)["Stacks"][0]
body = cf.get_template(StackName=name)["TemplateBody"]
body = re.sub(r"\n  LoadBalancerTargetSecurityGroup:\n(    .*\n)+", "\n", body)
body = re.sub(r"\n  LoadBalancerSecurityGroup:\n    Value: .*\n", "\n", body)
body = body.replace("            - !GetAtt LoadBalancerTargetSecurityGroup.GroupId\n", "")
assert "LoadBalancerTargetSecurityGroup" not in body and "LoadBalancerSecurityGroup\"" not in body, body
cf.create_change_set(StackName=name, ChangeSetName="earlier", ChangeSetType="UPDATE",
    TemplateBody=body, Parameters=stack["Parameters"], Tags=stack["Tags"],
    Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
cf.execute_change_set(StackName=name, ChangeSetName="earlier")
assert cf.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
"#
    ));
}

/// The load balancers reach the tasks only on the ports their target groups use: each
/// service lets its load balancer in through a security group of its own, so two services
/// on one container port (web and shop, 8080) never write the same rule into one group
/// (AWS's InvalidPermission.Duplicate), and the environment's group has no rule from the
/// load balancers. A service deployed by an earlier tug, which relies on the environment's
/// rule for every port, keeps that rule (with a warning naming it) until it is redeployed:
/// deploying the environment never cuts a running service off its load balancer.
#[test]
fn the_load_balancer_reaches_only_the_ports_services_open() {
    let moto = need!(Moto::start());
    let ws = hello("lbports");
    let dir = ws.path();
    write(
        dir,
        "tug/shop/manifest.yml",
        "name: shop\ntype: Load Balanced Web Service\nhttp:\n  path: /shop\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n  port: 8080\n",
    );
    write(
        dir,
        "tug/admin/manifest.yml",
        "name: admin\ntype: Load Balanced Web Service\nhttp:\n  path: /admin\n  healthcheck:\n    path: /admin/health\n    port: 9001\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n  port: 9000\n",
    );
    let out = tug_in(&moto, dir, &["deploy", "-e", "test"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("every port"), "{err}");

    let got: serde_json::Value = serde_json::from_str(&moto.python_out(LB_PORTS)).unwrap();
    let services = &got["services"];
    let expected = [
        ("web", vec!["public tcp 8080-8080"]),
        ("shop", vec!["public tcp 8080-8080"]),
        (
            "admin",
            vec!["public tcp 9000-9000", "public tcp 9001-9001"],
        ),
        ("api", vec!["internal tcp 8081-8081"]),
    ];
    for (svc, rules) in &expected {
        let s = &services[svc];
        assert_eq!(s["status"], "CREATE_COMPLETE", "{svc}: {got}");
        assert_eq!(s["rules"], serde_json::json!(rules), "{svc}: {got}");
        assert_eq!(s["worn"], true, "{svc}: {got}");
    }
    // The tasks' shared group: each other, and no load balancer at all.
    assert_eq!(
        got["env"],
        serde_json::json!(["self -1 None-None"]),
        "{got}"
    );

    // admin as an earlier tug deployed it: the next environment deploy keeps the rule for
    // every port from the public load balancer (not the internal one: api has its own).
    as_deployed_by_an_earlier_tug(&moto, "admin");
    let out = tug_in(&moto, dir, &["env", "deploy", "-n", "test"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: the load balancers still reach every port of the tasks, for admin (deployed by an earlier tug")
            && err.contains("`tug svc deploy -n admin -e test`")
            && err.contains("then run `tug env deploy -n test` again"),
        "{err}"
    );
    let got: serde_json::Value = serde_json::from_str(&moto.python_out(LB_PORTS)).unwrap();
    assert_eq!(
        got["env"],
        serde_json::json!(["public tcp 0-65535", "self -1 None-None"]),
        "{got}"
    );
    assert_eq!(got["services"]["admin"]["rules"], serde_json::Value::Null);

    // Redeployed, admin opens its own ports; then the environment closes the others.
    let out = tug_in(&moto, dir, &["svc", "deploy", "-n", "admin", "-e", "test"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tug_in(&moto, dir, &["env", "deploy", "-n", "test"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("every port"), "{err}");
    let got: serde_json::Value = serde_json::from_str(&moto.python_out(LB_PORTS)).unwrap();
    assert_eq!(
        got["env"],
        serde_json::json!(["self -1 None-None"]),
        "{got}"
    );
    for (svc, rules) in &expected {
        assert_eq!(
            got["services"][svc]["rules"],
            serde_json::json!(rules),
            "{svc}: {got}"
        );
    }

    // A service whose tasks have no room for a group of its own (four listed, and the
    // environment's) relies on the every-port rule, as in Copilot: it stays, and says why.
    write(
        dir,
        "tug/crowded/manifest.yml",
        "name: crowded\ntype: Load Balanced Web Service\nhttp:\n  path: /crowded\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n  port: 8080\nnetwork:\n  vpc:\n    security_groups: [sg-01, sg-02, sg-03, sg-04]\n",
    );
    let out = tug_in(
        &moto,
        dir,
        &["svc", "deploy", "-n", "crowded", "-e", "test"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("the tasks have no room for a security group"),
        "{err}"
    );
    let out = tug_in(&moto, dir, &["env", "deploy", "-n", "test"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: the load balancers reach every port of the tasks, for crowded: its tasks have no room")
            && !err.contains("earlier tug"),
        "{err}"
    );
    let got: serde_json::Value = serde_json::from_str(&moto.python_out(LB_PORTS)).unwrap();
    assert_eq!(
        got["env"],
        serde_json::json!(["public tcp 0-65535", "self -1 None-None"]),
        "{got}"
    );
}
