//! The names services reach each other by, as in Copilot: the environment's Cloud Map
//! namespace `<env>.<app>.local`, each service's `<svc>.<env>.<app>.local`, Service Connect
//! on the same namespace, and `<svc>.<env>.<app>.internal` for a Backend Service behind the
//! internal load balancer. Rendered templates pass cfn-lint; deploys are read back from moto.

use std::path::Path;

use tug::render::{self, Images};
use tug::workspace::{Unset, Workspace};

use crate::support::cfn_lint::lint;
use crate::support::moto::Moto;
use crate::support::workspace::{hello, tree, write};
use crate::support::{code, need, ok, run_in, stderr, stdout};

const ENV: &str = "name: test\ntype: Environment\n";

const WEB: &str = "name: web
type: Load Balanced Web Service
http:
  path: /
image:
  location: nginx:1.27
  port: 8080
network:
  connect: true
";

const API: &str = "name: api
type: Backend Service
http:
  path: /api
image:
  location: nginx:1.27
  port: 8081
sidecars:
  proxy:
    image: envoy:1
    port: 9000
network:
  connect:
    alias: api.shop
";

const WORKER: &str = "name: worker
type: Worker Service
image:
  location: nginx:1.27
network:
  connect: true
";

const JOB: &str = "name: nightly
type: Scheduled Job
image:
  location: nginx:1.27
on:
  schedule: '@daily'
";

const QUIET: &str = "name: quiet
type: Backend Service
image:
  location: nginx:1.27
";

/// A workspace of application `shop` with environment `test` (`env`) and `workloads`
/// (folder, manifest).
fn workspace(env: &str, workloads: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tree(&[
        ("tug/.workspace", "application: shop\n"),
        ("tug/environments/test/manifest.yml", env),
    ]);
    for (name, text) in workloads {
        write(dir.path(), &format!("tug/{name}/manifest.yml"), text);
    }
    dir
}

/// The templates a deploy of `test` renders: the environment's, then each workload's.
fn render_all(env: &str, workloads: &[(&str, &str)]) -> Vec<(String, String)> {
    let dir = workspace(env, workloads);
    let ws = Workspace::find(dir.path()).unwrap().expect("a workspace");
    let manifests = ws.read_all(dir.path());
    let view = manifests.view("test", Unset::Warning).unwrap();
    assert!(!view.has_errors(), "{:?}", view.diagnostics);
    let environment = view.environment.clone().expect("a valid environment");
    let workloads: Vec<_> = view
        .workloads
        .iter()
        .map(|w| w.effective.workload.clone())
        .collect();
    let mut out = vec![(
        "environment".to_string(),
        render::environment("shop", &environment, &workloads, None)
            .unwrap()
            .template,
    )];
    for w in &workloads {
        let rendered =
            render::service("shop", "test", w, &Images::main("nginx:1.27"), None).unwrap();
        out.push((w.name.clone(), rendered.template));
    }
    out
}

fn template<'a>(all: &'a [(String, String)], name: &str) -> &'a str {
    &all.iter().find(|(n, _)| n == name).expect(name).1
}

/// The block of `text` from the line `start` to the next line indented as little.
fn block<'a>(text: &'a str, start: &str) -> &'a str {
    let at = text
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in:\n{text}"));
    let indent = start.len() - start.trim_start_matches(' ').len();
    let rest = &text[at..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| {
            let line = &rest[i..];
            let spaces = line.len() - line.trim_start_matches(' ').len();
            !line.trim().is_empty() && spaces <= indent
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

fn lint_all(templates: &[(String, String)]) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = templates
        .iter()
        .map(|(name, text)| write(dir.path(), &format!("{name}.yml"), text))
        .collect();
    lint(&files);
}

#[test]
fn the_environment_has_the_namespace_and_the_internal_zone() {
    let all = render_all(ENV, &[("api", API)]);
    let env = template(&all, "environment");
    let ns = block(env, "  ServiceDiscoveryNamespace:");
    assert!(
        ns.contains("Type: AWS::ServiceDiscovery::PrivateDnsNamespace"),
        "{ns}"
    );
    assert!(ns.contains("Name: \"test.shop.local\""), "{ns}");
    assert!(ns.contains("Vpc: !Ref VPC"), "{ns}");
    let out = block(env, "  ServiceDiscoveryNamespaceID:");
    assert!(
        out.contains("!GetAtt ServiceDiscoveryNamespace.Id"),
        "{out}"
    );
    assert!(
        out.contains("\"tug-shop-test-ServiceDiscoveryNamespaceID\""),
        "{out}"
    );
    let zone = block(env, "  InternalWorkloadsHostedZone:\n    Type");
    assert!(zone.contains("Type: AWS::Route53::HostedZone"), "{zone}");
    assert!(zone.contains("Name: \"test.shop.internal\""), "{zone}");
    assert!(zone.contains("- VPCId: !Ref VPC"), "{zone}");
    assert!(
        env.contains("Name: \"tug-shop-test-InternalWorkloadsHostedZone\""),
        "{env}"
    );

    // No internal load balancer, no zone; an imported VPC gets the namespace too.
    let imported = "name: test
type: Environment
network:
  vpc:
    id: vpc-0123456789abcdef0
    subnets:
      public:
        - id: subnet-00000000000000001
        - id: subnet-00000000000000002
      private:
        - id: subnet-00000000000000003
        - id: subnet-00000000000000004
";
    let plain = render_all(imported, &[("web", WEB)]);
    let env = template(&plain, "environment");
    let ns = block(env, "  ServiceDiscoveryNamespace:");
    assert!(ns.contains("Vpc: \"vpc-0123456789abcdef0\""), "{ns}");
    assert!(!env.contains("AWS::Route53::HostedZone"), "{env}");
    lint_all(&[all, plain].concat());
}

#[test]
fn services_register_and_serve_on_service_connect() {
    let all = render_all(
        ENV,
        &[
            ("web", WEB),
            ("api", API),
            ("worker", WORKER),
            ("nightly", JOB),
            ("quiet", QUIET),
        ],
    );
    let web = template(&all, "web");
    let sd = block(web, "  DiscoveryService:");
    for line in [
        "Type: AWS::ServiceDiscovery::Service",
        "Name: \"web\"",
        "NamespaceId: !ImportValue \"tug-shop-test-ServiceDiscoveryNamespaceID\"",
        "RoutingPolicy: MULTIVALUE",
        "- TTL: 10\n            Type: A",
        "- TTL: 10\n            Type: SRV",
        "FailureThreshold: 1",
    ] {
        assert!(sd.contains(line), "{line} in {sd}");
    }
    let registries = block(web, "      ServiceRegistries:");
    assert!(
        registries.contains("RegistryArn: !GetAtt DiscoveryService.Arn")
            && registries.contains("Port: 8080"),
        "{registries}"
    );
    let connect = block(web, "      ServiceConnectConfiguration:");
    for line in [
        "Enabled: true",
        "Namespace: \"test.shop.local\"",
        "awslogs-group: !Ref LogGroup",
        "PortName: \"target\"",
        "DiscoveryName: \"web-sc\"",
        "Port: 8080\n                DnsName: \"web\"",
    ] {
        assert!(connect.contains(line), "{line} in {connect}");
    }
    assert!(
        web.contains("- ContainerPort: 8080\n              Protocol: \"tcp\"\n              Name: \"target\""),
        "{web}"
    );
    // Every container, sidecars too, gets the endpoint; jobs and workers as well.
    for name in ["web", "api", "worker", "nightly", "quiet"] {
        let t = template(&all, name);
        let endpoint = "- Name: \"COPILOT_SERVICE_DISCOVERY_ENDPOINT\"\n              Value: \"test.shop.local\"";
        let alias =
            "- Name: \"TUG_SERVICE_DISCOVERY_ENDPOINT\"\n              Value: \"test.shop.local\"";
        let containers = t.matches("          Essential: ").count();
        assert!(containers >= 1, "{name}: {t}");
        assert_eq!(t.matches(endpoint).count(), containers, "{name}: {t}");
        assert_eq!(t.matches(alias).count(), containers, "{name}: {t}");
    }

    // The backend: its alias, its target port, the record behind the internal load balancer.
    let api = template(&all, "api");
    let connect = block(api, "      ServiceConnectConfiguration:");
    assert!(
        connect.contains("Port: 8081\n                DnsName: \"api.shop\""),
        "{connect}"
    );
    let record = block(api, "  LoadBalancerInternalDNSAlias:");
    for line in [
        "Type: AWS::Route53::RecordSetGroup",
        "HostedZoneId: !ImportValue \"tug-shop-test-InternalWorkloadsHostedZone\"",
        "- Name: \"api.test.shop.internal\"",
        "Type: A",
        "HostedZoneId: !ImportValue \"tug-shop-test-InternalLoadBalancerHostedZone\"",
        "DNSName: !ImportValue \"tug-shop-test-InternalLoadBalancerDNSName\"",
    ] {
        assert!(record.contains(line), "{line} in {record}");
    }
    assert!(
        api.contains("- Name: \"COPILOT_LB_DNS\"\n              Value: !ImportValue \"tug-shop-test-InternalLoadBalancerDNSName\""),
        "{api}"
    );

    // The worker: a client only, registered nowhere.
    let worker = template(&all, "worker");
    let connect = block(worker, "      ServiceConnectConfiguration:");
    assert!(connect.contains("Enabled: true"), "{connect}");
    assert!(!connect.contains("Services:"), "{connect}");
    assert!(
        !worker.contains("AWS::ServiceDiscovery::Service"),
        "{worker}"
    );

    // Without `network.connect`, Service Connect is off (so removing it turns it off); a
    // backend without a port registers nowhere and has no record.
    let quiet = template(&all, "quiet");
    assert!(
        block(quiet, "      ServiceConnectConfiguration:").contains("Enabled: false"),
        "{quiet}"
    );
    assert!(!quiet.contains("DiscoveryService"), "{quiet}");
    assert!(!quiet.contains("AWS::Route53"), "{quiet}");
    lint_all(&all);
}

/// `tug validate` in a workspace with `api` as given: (exit code, stderr).
fn validate(api: &str) -> (i32, String) {
    let dir = workspace(ENV, &[("api", api)]);
    let out = run_in(dir.path(), &["validate", "--no-color"]);
    (code(&out), stderr(&out))
}

#[test]
fn service_connect_rules_point_at_the_field() {
    let (status, err) = validate(
        "name: api
type: Backend Service
image:
  location: nginx:1.27
  port: 8081
platform: windows/x86_64
cpu: 1024
memory: 2048
network:
  connect: true
",
    );
    assert_eq!(status, 1, "{err}");
    assert!(
        err.contains("Service Connect does not support Windows tasks"),
        "{err}"
    );
    assert!(err.contains("tug/api/manifest.yml:10:12"), "{err}");

    let job = format!("{JOB}network:\n  connect: true\n");
    let (status, err) = validate(&job.replace("name: nightly", "name: api"));
    assert_eq!(status, 1, "{err}");
    assert!(
        err.contains("a Scheduled Job does not use Service Connect"),
        "{err}"
    );
    assert!(err.contains("tug/api/manifest.yml:8:3"), "{err}");

    // No port: a client only; the alias names nothing, which is worth a warning.
    let (status, err) = validate(
        &format!("{QUIET}network:\n  connect:\n    alias: quiet.shop\n").replace("quiet", "api"),
    );
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("reaches it at `api.shop`"), "{err}");
    assert!(err.contains("tug/api/manifest.yml:7:12"), "{err}");
    assert!(err.contains("set `image.port`"), "{err}");
    assert!(
        !err.contains("not acted on"),
        "network.connect is acted on: {err}"
    );
}

/// Runs python with boto3 against `moto` and parses the JSON it writes to `out`.
fn read_back(moto: &Moto, code: &str, out: &Path) -> serde_json::Value {
    moto.python(&code.replace("OUT", &out.display().to_string()));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

const READ_NAMES: &str = r#"
import boto3, json
sd = boto3.client("servicediscovery")
ecs = boto3.client("ecs")
r53 = boto3.client("route53")
cf = boto3.client("cloudformation")
namespaces = sd.list_namespaces()["Namespaces"]
services = sd.list_services()["Services"]
res = cf.describe_stack_resources(StackName="tug-names-test-api")["StackResources"]
svc_arn = [r["PhysicalResourceId"] for r in res if r.get("ResourceType") == "AWS::ECS::Service"][0]
td_arn = [r["PhysicalResourceId"] for r in res if r.get("ResourceType") == "AWS::ECS::TaskDefinition"][0]
service = ecs.describe_services(cluster="tug-names-test", services=[svc_arn])["services"][0]
td = ecs.describe_task_definition(taskDefinition=td_arn)["taskDefinition"]
zones = r53.list_hosted_zones()["HostedZones"]
internal = [z for z in zones if z["Name"].rstrip(".") == "test.names.internal"]
records = r53.list_resource_record_sets(HostedZoneId=internal[0]["Id"])["ResourceRecordSets"] if internal else []
vpcs = r53.get_hosted_zone(Id=internal[0]["Id"]).get("VPCs", []) if internal else []
json.dump({
    "namespaces": [{"id": n["Id"], "name": n["Name"], "type": n["Type"]} for n in namespaces],
    "services": [{"name": s["Name"], "namespace": sd.get_service(Id=s["Id"])["Service"]["NamespaceId"],
                  "arn": s["Arn"], "dns": sd.get_service(Id=s["Id"])["Service"]["DnsConfig"]} for s in services],
    "registries": service.get("serviceRegistries", []),
    "environment": [{c["name"]: {e["name"]: e["value"] for e in c.get("environment", [])}} for c in td["containerDefinitions"]],
    "zones": [{"name": z["Name"], "private": z["Config"]["PrivateZone"]} for z in internal],
    "vpcs": [v["VPCId"] for v in vpcs],
    "records": [{"name": r["Name"], "type": r["Type"], "alias": r.get("AliasTarget", {}).get("DNSName")} for r in records],
}, open("OUT", "w"))
"#;

#[test]
fn env_and_backend_deploys_register_in_cloud_map_on_moto() {
    let moto = need!(Moto::start());
    let ws = hello("names");
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "show", "-n", "test", "--json"]));
    let shown = stdout(&out);
    assert!(shown.contains("ServiceDiscoveryNamespaceID"), "{shown}");
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "api", "-e", "test"]));

    let file = dir.join("names.json");
    let v = read_back(&moto, READ_NAMES, &file);
    let namespaces = v["namespaces"].as_array().unwrap();
    assert_eq!(namespaces.len(), 1, "{v}");
    assert_eq!(namespaces[0]["name"], "test.names.local", "{v}");
    assert_eq!(namespaces[0]["type"], "DNS_PRIVATE", "{v}");
    let services = v["services"].as_array().unwrap();
    assert_eq!(services.len(), 1, "{v}");
    assert_eq!(services[0]["name"], "api", "{v}");
    assert_eq!(services[0]["namespace"], namespaces[0]["id"], "{v}");
    assert_eq!(services[0]["dns"]["RoutingPolicy"], "MULTIVALUE", "{v}");
    let registries = v["registries"].as_array().unwrap();
    assert_eq!(registries.len(), 1, "{v}");
    assert_eq!(registries[0]["registryArn"], services[0]["arn"], "{v}");
    assert_eq!(registries[0]["port"], 8081, "{v}");
    let env = &v["environment"][0]["api"];
    assert_eq!(
        env["COPILOT_SERVICE_DISCOVERY_ENDPOINT"], "test.names.local",
        "{v}"
    );
    assert_eq!(
        env["TUG_SERVICE_DISCOVERY_ENDPOINT"], "test.names.local",
        "{v}"
    );
    // `api.test.names.internal`, in the private zone of the environment's VPC.
    assert_eq!(v["zones"][0]["private"], true, "{v}");
    assert_eq!(v["vpcs"].as_array().unwrap().len(), 1, "{v}");
    let record = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "A")
        .unwrap_or_else(|| panic!("no A record: {v}"));
    let name = record["name"].as_str().unwrap_or_default();
    assert_eq!(name.trim_end_matches('.'), "api.test.names.internal", "{v}");
    assert!(
        record["alias"].as_str().is_some_and(|d| !d.is_empty()),
        "{v}"
    );
}

/// Removes the first top-level block `key` (a resource or an output) from a template.
fn without(template: &str, key: &str) -> String {
    let lines: Vec<&str> = template.lines().collect();
    let head = format!("  {key}:");
    let start = lines.iter().position(|l| *l == head).expect(key);
    let end = (start + 1..lines.len())
        .find(|&i| !lines[i].starts_with("    "))
        .unwrap_or(lines.len());
    [&lines[..start], &lines[end..]].concat().join("\n") + "\n"
}

#[test]
fn service_connect_in_an_environment_without_the_namespace_fails_before_building() {
    let moto = need!(Moto::start());
    let ws = hello("older");
    let dir = ws.path();
    // The environment as an earlier tug deployed it: no namespace, no export.
    let pkg = dir.join("pkg");
    ok(moto.tug().current_dir(dir).args([
        "env",
        "package",
        "-n",
        "test",
        "--output-dir",
        pkg.to_str().unwrap(),
    ]));
    let path = pkg.join("tug-older-test.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut text = without(&text, "ServiceDiscoveryNamespaceID");
    for key in [
        "ServiceDiscoveryNamespace",
        "InternalWorkloadsHostedZone",
        "InternalWorkloadsHostedZone",
        "InternalWorkloadsHostedZoneName",
    ] {
        text = without(&text, key);
    }
    assert!(!text.contains("ServiceDiscoveryNamespace"), "{text}");
    assert!(!text.contains("InternalWorkloadsHostedZone"), "{text}");
    std::fs::write(&path, text).unwrap();
    moto.python(&format!(
        r#"
import boto3
boto3.client("cloudformation").create_stack(StackName="tug-older-test",
    TemplateBody=open("{}").read(),
    Tags=[{{"Key": "tug:application", "Value": "older"}}, {{"Key": "tug:environment", "Value": "test"}}])
"#,
        path.display()
    ));
    let manifest = dir.join("tug/api/manifest.yml");
    let api = std::fs::read_to_string(&manifest).unwrap();
    let connected = api.replace("\nnetwork:\n  vpc:", "\nnetwork:\n  connect: true\n  vpc:");
    assert_ne!(connected, api);
    std::fs::write(&manifest, connected).unwrap();
    let text = std::fs::read_to_string(&manifest).unwrap();
    let line = text
        .lines()
        .position(|l| l.trim() == "connect: true")
        .unwrap()
        + 1;

    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "api", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("Service Connect needs the namespace `test.older.local`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("tug/api/manifest.yml:{line}:3")),
        "{err}"
    );
    assert!(err.contains("tug env deploy -n test"), "{err}");
    // Nothing was deployed.
    let out = ok(moto.tug().current_dir(dir).args(["svc", "ls", "--json"]));
    assert!(!stdout(&out).contains("\"api\""), "{}", stdout(&out));

    // Without `network.connect`, the service still registers in the namespace: the same
    // advice, not a CloudFormation failure later.
    std::fs::write(&manifest, &api).unwrap();
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "api", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("without the service discovery namespace and the hosted zone of the internal load balancer"),
        "{err}"
    );
    assert!(err.contains("tug env deploy -n test"), "{err}");
}
