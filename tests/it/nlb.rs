//! `nlb`: a Load Balanced Web Service's own Network Load Balancer, deployed to moto and read
//! back through the ELB, EC2, ECS, ACM and Route 53 APIs; alone (`http: false`) and beside
//! `http`; with TLS listeners and `nlb.alias` under the application's domain.

use crate::domains::{create_zone, package_linted};
use crate::support::moto::Moto;
use crate::support::workspace::hello;
use crate::support::workspace::write;
use crate::support::{code, need, ok, run_in, stderr};

/// A service served by its NLB only (`nlb` and no `http` key): TCP, UDP (health checked on
/// a TCP port, sticky) and TCP+UDP on a sidecar.
const RELAY: &str = "\
name: relay
type: Load Balanced Web Service
image:
  location: public.ecr.aws/nginx/nginx:1.27
  port: 7000
nlb:
  port: 7000/tcp
  deregistration_delay: 20s
  healthcheck:
    healthy_threshold: 3
    interval: 8s
    grace_period: 45s
  additional_listeners:
    - port: 7001/udp
      target_port: 7001
      stickiness: true
      healthcheck:
        port: 7000
    - port: 53/tcp_udp
      target_container: resolver
sidecars:
  resolver:
    image: public.ecr.aws/docker/library/coredns:1.11
    port: 53
count: 1
";

/// Reads back what the deploys made: every load balancer with its security groups'
/// ingress, listeners, target groups (with attributes), and each service's load balancers.
const READ_BACK: &str = r#"
import boto3, json
elb = boto3.client("elbv2")
ec2 = boto3.client("ec2")
ecs = boto3.client("ecs")
cf = boto3.client("cloudformation")
out = {"lbs": {}, "services": {}}
def ingress(ids):
    rules = []
    for g in ec2.describe_security_groups(GroupIds=ids)["SecurityGroups"]:
        for p in g["IpPermissions"]:
            rules.append({"protocol": p["IpProtocol"], "from": p.get("FromPort"),
                          "to": p.get("ToPort"),
                          "cidrs": [r["CidrIp"] for r in p.get("IpRanges", [])],
                          "groups": [r["GroupId"] for r in p.get("UserIdGroupPairs", [])]})
    return rules
for stack in ["tug-shop-test-relay", "tug-shop-test-web"]:
    res = {r["LogicalResourceId"]: r["PhysicalResourceId"]
           for r in cf.describe_stack_resources(StackName=stack)["StackResources"]}
    svc = ecs.describe_services(cluster="tug-shop-test", services=[res["Service"]])["services"][0]
    out["services"][stack] = {
        "load_balancers": svc["loadBalancers"],
        "security_groups": svc["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"],
        "grace": svc.get("healthCheckGracePeriodSeconds"),
        "nlb_sg": res.get("NetworkLoadBalancerSecurityGroup"),
        "target_sg": res.get("NetworkLoadBalancerTargetSecurityGroup"),
        "types": sorted({r["ResourceType"] for r in
                         cf.describe_stack_resources(StackName=stack)["StackResources"]}),
    }
    if "NetworkLoadBalancer" not in res:
        continue
    lb = elb.describe_load_balancers(LoadBalancerArns=[res["NetworkLoadBalancer"]])["LoadBalancers"][0]
    entry = {"type": lb["Type"], "scheme": lb["Scheme"],
             "security_groups": lb.get("SecurityGroups", []),
             "sg_ingress": ingress(lb.get("SecurityGroups", [])),
             "target_sg_ingress": ingress([res["NetworkLoadBalancerTargetSecurityGroup"]]),
             "listeners": {}, "target_groups": {}}
    for l in elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]:
        entry["listeners"][str(l["Port"])] = {
            "protocol": l["Protocol"],
            "target_group": l["DefaultActions"][0]["TargetGroupArn"]}
    for tg in elb.describe_target_groups(LoadBalancerArn=lb["LoadBalancerArn"])["TargetGroups"]:
        attrs = elb.describe_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"])["Attributes"]
        keep = ["Protocol", "Port", "TargetType", "HealthCheckPort", "HealthCheckProtocol",
                "HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds",
                "HealthyThresholdCount", "UnhealthyThresholdCount"]
        t = {k: tg.get(k) for k in keep}
        t["attributes"] = {a["Key"]: a["Value"] for a in attrs}
        entry["target_groups"][tg["TargetGroupArn"]] = t
    out["lbs"][stack] = entry
print(json.dumps(out))
"#;

/// Both deployed into one environment: `relay` (NLB only) and hello's `web` with an NLB
/// listener beside its `http` rule. Reads back the NLB, its listeners and target groups,
/// the security groups between clients, NLB and tasks, and the services' load balancers.
#[test]
fn nlb_alone_and_beside_http_deploy() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    write(dir, "tug/relay/manifest.yml", RELAY);
    let web = dir.join("tug/web/manifest.yml");
    let mut text = std::fs::read_to_string(&web).unwrap();
    text.push_str("nlb:\n  port: 9000\n  target_port: 8080\n");
    std::fs::write(&web, text).unwrap();

    let out = ok(moto.tug().current_dir(dir).args(["validate"]));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    for svc in ["relay", "web"] {
        let out = ok(moto
            .tug()
            .current_dir(dir)
            .args(["svc", "deploy", "-n", svc, "-e", "test"]));
        assert!(stderr(&out).contains("CREATE_COMPLETE"), "{}", stderr(&out));
    }
    let got: serde_json::Value = serde_json::from_str(&moto.python_out(READ_BACK)).unwrap();

    // relay: an internet-facing NLB with its own security group, three listeners.
    let relay = &got["lbs"]["tug-shop-test-relay"];
    assert_eq!(relay["type"], "network");
    assert_eq!(relay["scheme"], "internet-facing");
    let svc = &got["services"]["tug-shop-test-relay"];
    assert_eq!(relay["security_groups"], serde_json::json!([svc["nlb_sg"]]));
    let types = svc["types"].as_array().unwrap();
    assert!(
        !types.contains(&serde_json::json!(
            "AWS::ElasticLoadBalancingV2::ListenerRule"
        )),
        "no rule on the environment's ALB without `http`: {types:?}"
    );
    let listeners = relay["listeners"].as_object().unwrap();
    let mut ports: Vec<(&str, &str)> = listeners
        .iter()
        .map(|(p, l)| (p.as_str(), l["protocol"].as_str().unwrap()))
        .collect();
    ports.sort();
    assert_eq!(ports, [("53", "TCP_UDP"), ("7000", "TCP"), ("7001", "UDP")]);
    let tg =
        |port: &str| &relay["target_groups"][listeners[port]["target_group"].as_str().unwrap()];
    let tcp = tg("7000");
    assert_eq!(tcp["Protocol"], "TCP");
    assert_eq!(tcp["Port"], 7000);
    assert_eq!(tcp["TargetType"], "ip");
    assert_eq!(tcp["HealthyThresholdCount"], 3);
    assert_eq!(tcp["HealthCheckIntervalSeconds"], 8);
    // ELB's 10 s default would not be shorter than the 8 s interval.
    assert_eq!(tcp["HealthCheckTimeoutSeconds"], 7);
    assert_eq!(
        tcp["attributes"]["deregistration_delay.timeout_seconds"],
        "20"
    );
    let udp = tg("7001");
    assert_eq!(udp["Protocol"], "UDP");
    assert_eq!(udp["Port"], 7001);
    assert_eq!(udp["HealthCheckPort"], "7000");
    assert_eq!(udp["attributes"]["stickiness.enabled"], "true");
    assert_eq!(udp["attributes"]["stickiness.type"], "source_ip");
    // Copilot's deregistration delay when the manifest sets none.
    assert_eq!(
        udp["attributes"]["deregistration_delay.timeout_seconds"],
        "60"
    );
    let both = tg("53");
    assert_eq!(both["Protocol"], "TCP_UDP");
    assert_eq!(both["Port"], 53);

    // Clients reach the listeners; only the NLB reaches the tasks, on their ports.
    let has = |rules: &serde_json::Value, protocol: &str, port: u16, from_nlb: bool| {
        rules.as_array().unwrap().iter().any(|r| {
            r["protocol"] == protocol
                && r["from"] == port
                && r["to"] == port
                && if from_nlb {
                    r["groups"] == serde_json::json!([svc["nlb_sg"]])
                } else {
                    r["cidrs"] == serde_json::json!(["0.0.0.0/0"])
                }
        })
    };
    for (protocol, port) in [("tcp", 7000), ("udp", 7001), ("tcp", 53), ("udp", 53)] {
        assert!(
            has(&relay["sg_ingress"], protocol, port, false),
            "{protocol}/{port}: {}",
            relay["sg_ingress"]
        );
        assert!(
            has(&relay["target_sg_ingress"], protocol, port, true),
            "{protocol}/{port}: {}",
            relay["target_sg_ingress"]
        );
    }
    assert_eq!(relay["target_sg_ingress"].as_array().unwrap().len(), 4);
    let groups = svc["security_groups"].as_array().unwrap();
    assert!(groups.contains(&svc["target_sg"]), "{svc}");
    assert_eq!(groups.len(), 2, "the environment's and the NLB's: {svc}");

    // The ECS service is registered with each target group, on the right container.
    let mut lbs: Vec<(String, u64)> = svc["load_balancers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["containerName"].as_str().unwrap().to_string(),
                l["containerPort"].as_u64().unwrap(),
            )
        })
        .collect();
    lbs.sort();
    assert_eq!(
        lbs,
        [
            ("relay".to_string(), 7000),
            ("relay".to_string(), 7001),
            ("resolver".to_string(), 53)
        ]
    );
    assert_eq!(svc["grace"], 45);

    // web: its ALB rule and its NLB listener both reach the service.
    let web = &got["lbs"]["tug-shop-test-web"];
    assert_eq!(web["listeners"]["9000"]["protocol"], "TCP");
    let web_tg = &web["target_groups"][web["listeners"]["9000"]["target_group"].as_str().unwrap()];
    assert_eq!(web_tg["Port"], 8080);
    let web_svc = &got["services"]["tug-shop-test-web"];
    let lbs = web_svc["load_balancers"].as_array().unwrap();
    assert_eq!(lbs.len(), 2, "{web_svc}");
    assert!(lbs.iter().all(|l| l["containerPort"] == 8080), "{web_svc}");
}

/// A service behind its NLB alone with two TLS listeners (one with its own `ssl_policy`)
/// and a TCP one, and two aliases: one under the domain, one under the environment's name.
const BROKER: &str = "\
name: broker
type: Load Balanced Web Service
image:
  location: public.ecr.aws/docker/library/eclipse-mosquitto:2
  port: 1883
http: false
nlb:
  port: 8883/tls
  target_port: 1883
  alias: [mqtt.example.com, broker.test.shop.example.com]
  additional_listeners:
    - port: 8884/tls
      ssl_policy: ELBSecurityPolicy-TLS13-1-2-Res-2021-06
    - port: 1883/tcp
count: 1
";

/// What the broker's deploy made: its NLB's DNS name, listeners (protocol, policy,
/// certificates, target group protocol and port), the certificate and the records of the
/// application's zone `ZONE`.
const READ_BACK_TLS: &str = r#"
import boto3, json
elb = boto3.client("elbv2")
cf = boto3.client("cloudformation")
res = {r["LogicalResourceId"]: r["PhysicalResourceId"]
       for r in cf.describe_stack_resources(StackName="tug-shop-test-broker")["StackResources"]}
lb = elb.describe_load_balancers(LoadBalancerArns=[res["NetworkLoadBalancer"]])["LoadBalancers"][0]
out = {"dns": lb["DNSName"], "listeners": {}, "certificates": {}, "records": []}
for l in elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]:
    tg = elb.describe_target_groups(TargetGroupArns=[l["DefaultActions"][0]["TargetGroupArn"]])["TargetGroups"][0]
    out["listeners"][str(l["Port"])] = {
        "protocol": l["Protocol"], "policy": l.get("SslPolicy"),
        "certificates": [c["CertificateArn"] for c in l.get("Certificates", [])],
        "target": [tg["Protocol"], tg["Port"]]}
    for arn in out["listeners"][str(l["Port"])]["certificates"]:
        c = boto3.client("acm").describe_certificate(CertificateArn=arn)["Certificate"]
        out["certificates"][arn] = {"name": c["DomainName"],
                                    "sans": sorted(c["SubjectAlternativeNames"]),
                                    "status": c["Status"]}
for r in boto3.client("route53").list_resource_record_sets(HostedZoneId="ZONE")["ResourceRecordSets"]:
    out["records"].append([r["Name"].rstrip("."), r["Type"],
                           r.get("AliasTarget", {}).get("DNSName", "").rstrip(".").lower()])
print(json.dumps(out))
"#;

/// With the application's domain: TLS listeners get the service's certificate (for
/// `<svc>-nlb.<env>.<app>.<domain>` and the aliases, issued through DNS validation in the
/// domain's zone) and their SSL policy, forward TCP to the tasks, and every name is an
/// alias record to the NLB. The templates pass cfn-lint.
#[test]
fn tls_listeners_and_aliases_deploy_under_the_domain() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["app", "init", "--domain", "example.com"]));
    let zone = create_zone(&moto, "example.com");
    write(dir, "tug/broker/manifest.yml", BROKER);

    let pkg = package_linted(&moto, dir, "broker");
    let template = std::fs::read_to_string(pkg.path().join("tug-shop-test-broker.yml")).unwrap();
    assert_eq!(
        template
            .matches("Type: AWS::CertificateManager::Certificate")
            .count(),
        1,
        "one certificate for both TLS listeners: {template}"
    );

    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "broker", "-e", "test"]));
    assert!(stderr(&out).contains("CREATE_COMPLETE"), "{}", stderr(&out));
    let got: serde_json::Value =
        serde_json::from_str(&moto.python_out(&READ_BACK_TLS.replace("ZONE", &zone))).unwrap();

    let listeners = &got["listeners"];
    let tls = &listeners["8883"];
    assert_eq!(tls["protocol"], "TLS", "{got}");
    // CloudFormation's default would be ELBSecurityPolicy-2016-08 (TLS 1.0).
    assert_eq!(tls["policy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
    assert_eq!(tls["target"], serde_json::json!(["TCP", 1883]));
    let second = &listeners["8884"];
    assert_eq!(second["protocol"], "TLS");
    assert_eq!(second["policy"], "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
    assert_eq!(second["target"], serde_json::json!(["TCP", 1883]));
    assert_eq!(tls["certificates"], second["certificates"], "{got}");
    let tcp = &listeners["1883"];
    assert_eq!(tcp["protocol"], "TCP");
    assert_eq!(tcp["certificates"], serde_json::json!([]));

    let arn = tls["certificates"][0].as_str().expect("a certificate");
    let cert = &got["certificates"][arn];
    assert_eq!(cert["name"], "broker-nlb.test.shop.example.com");
    for name in ["mqtt.example.com", "broker.test.shop.example.com"] {
        assert!(
            cert["sans"].as_array().unwrap().iter().any(|s| s == name),
            "{name}: {cert}"
        );
    }
    assert_eq!(
        cert["status"], "ISSUED",
        "every name has its validation record"
    );

    let records = got["records"].as_array().unwrap();
    let dns = got["dns"].as_str().unwrap().to_ascii_lowercase();
    for name in [
        "broker-nlb.test.shop.example.com",
        "mqtt.example.com",
        "broker.test.shop.example.com",
    ] {
        assert!(
            records
                .iter()
                .any(|r| r[0] == name && r[1] == "A" && r[2] == dns.as_str()),
            "{name} to {dns}: {records:?}"
        );
    }
    assert!(
        records.iter().any(|r| r[1] == "CNAME"
            && r[0]
                .as_str()
                .unwrap()
                .ends_with("broker-nlb.test.shop.example.com")),
        "the validation record: {records:?}"
    );
}

/// TLS listeners and `nlb.alias` without a domain, and aliases the domain cannot hold:
/// refused by `tug validate`, at their line.
#[test]
fn nlb_names_without_or_outside_the_domain_are_located() {
    let ws = hello("shop");
    let dir = ws.path();
    write(dir, "tug/broker/manifest.yml", BROKER);
    let out = run_in(dir, &["validate", "--no-color"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains(
            "a TLS listener needs a certificate, which tug requests for the application's domain"
        ),
        "{err}"
    );
    assert!(err.contains("tug/broker/manifest.yml:8:9"), "{err}");
    assert!(
        err.contains("tug/broker/manifest.yml:12:13"),
        "the second TLS listener: {err}"
    );
    assert!(
        err.contains("`nlb.alias` needs the application's domain"),
        "{err}"
    );
    assert!(err.contains("tug/broker/manifest.yml:10:10"), "{err}");

    // With the domain: a name outside it, and one `http.alias` already points elsewhere.
    write(
        dir,
        "tug/.workspace",
        "application: shop\ndomain: example.com\n",
    );
    write(
        dir,
        "tug/broker/manifest.yml",
        BROKER
            .replace(
                "http: false\n",
                "http:\n  path: /broker\n  alias: mqtt.example.com\n",
            )
            .replace(
                "mqtt.example.com, broker.test",
                "mqtt.example.com, broker.example.org, broker.test",
            ),
    );
    let out = run_in(dir, &["validate", "--no-color"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(!err.contains("needs a certificate"), "{err}");
    assert!(
        err.contains(
            "alias `broker.example.org` is outside the application's domain `example.com`"
        ),
        "{err}"
    );
    assert!(
        err.contains("alias `mqtt.example.com` is also `http.alias`"),
        "{err}"
    );
    assert!(err.contains("tug/broker/manifest.yml:12:11"), "{err}");
    assert!(err.contains("tug/broker/manifest.yml:12:29"), "{err}");
}
