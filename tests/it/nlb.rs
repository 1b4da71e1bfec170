//! `nlb`: a Load Balanced Web Service's own Network Load Balancer, deployed to moto and read
//! back through the ELB, EC2 and ECS APIs; alone (`http: false`) and beside `http`.

use crate::support::moto::Moto;
use crate::support::workspace::hello;
use crate::support::workspace::write;
use crate::support::{need, ok, stderr};

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
