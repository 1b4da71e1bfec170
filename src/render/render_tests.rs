//! Unit tests of the rendered templates: what a deploy would notice if it broke.

use super::*;
use crate::manifest::types::{Environment, Workload};

fn workload(yaml: &str) -> Workload {
    serde_yaml_ng::from_str(yaml).expect("a test manifest")
}

fn env(yaml: &str) -> Environment {
    serde_yaml_ng::from_str(yaml).expect("a test environment manifest")
}

const WEB: &str = "name: web\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 8080}\nhttp: {path: /}\n";
const API: &str = "name: api\ntype: Backend Service\nimage: {build: Dockerfile, port: 8080}\nhttp: {path: /api}\n";

fn svc(yaml: &str) -> String {
    service(
        "shop",
        "test",
        &workload(yaml),
        &Images::main("repo/web:1"),
        None,
    )
    .expect("renders")
    .template
}

/// The template parses as YAML (custom tags included) and is a mapping with Resources.
fn parse(template: &str) -> serde_yaml_ng::Value {
    let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(template).expect("valid YAML");
    assert!(v.get("Resources").is_some(), "no Resources in\n{template}");
    v
}

#[test]
fn longer_paths_win_and_root_is_last() {
    let root = rule_priority("web", "/", false, 0);
    let api = rule_priority("api", "/api", false, 0);
    let api_v1 = rule_priority("api", "/api/v1", false, 0);
    assert!(api_v1 < api && api < root, "{api_v1} {api} {root}");
    assert!(root > 49500 && root <= 50000);
    // Host-header rules come before plain rules of the same path length.
    assert!(rule_priority("web", "/", true, 0) < rule_priority("other", "/", false, 0));
    // Stable: the same rule always gets the same priority, whatever else exists.
    assert_eq!(rule_priority("api", "/api", false, 0), api);
    for len in 1..150 {
        let path = format!("/{}", "a".repeat(len));
        let p = rule_priority("svc", &path, len % 2 == 0, len);
        assert!((1..=50000).contains(&p), "{p}");
    }
}

#[test]
fn rules_of_one_service_get_distinct_priorities() {
    let yaml = format!(
        "{WEB}\n  additional_rules: [{{path: /a}}, {{path: /b}}, {{path: /c}}, {{path: /d}}]\n"
    )
    .replace(
        "http: {path: /}\n\n  additional_rules",
        "http:\n  path: /\n  additional_rules",
    );
    let r = service("shop", "test", &workload(&yaml), &Images::main("x"), None).unwrap();
    let t = parse(&r.template);
    let mut priorities = Vec::new();
    for (logical, res) in t["Resources"].as_mapping().unwrap() {
        if res["Type"].as_str() != Some("AWS::ElasticLoadBalancingV2::ListenerRule") {
            continue;
        }
        // `Priority: !Ref <Rule>Priority`, a parameter with the offline priority.
        let parameter = format!("{}Priority", logical.as_str().unwrap());
        assert!(r.template.contains(&format!("Priority: !Ref {parameter}")));
        let default = t["Parameters"][parameter.as_str()]["Default"]
            .as_u64()
            .unwrap();
        assert_eq!(r.parameters[&parameter], default.to_string());
        priorities.push(default);
    }
    assert_eq!(priorities.len(), 5, "{}", r.template);
    let mut unique = priorities.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5, "{priorities:?}");
    assert_eq!(r.listener_rules.len(), 5);
}

#[test]
fn additional_rules_have_their_own_defaults() {
    let t = svc(
        "name: web\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 8080}\n\
         http:\n  path: /\n  healthcheck: {path: /up, interval: 20s}\n  stickiness: true\n\
         \x20 deregistration_delay: 10s\n  additional_rules:\n    - path: /admin\n",
    );
    let r = &parse(&t)["Resources"];
    let (main, extra) = (
        &r["TargetGroup"]["Properties"],
        &r["TargetGroup2"]["Properties"],
    );
    assert_eq!(main["HealthCheckPath"].as_str(), Some("/up"));
    assert_eq!(main["HealthCheckIntervalSeconds"].as_u64(), Some(20));
    assert_eq!(
        extra["HealthCheckPath"].as_str(),
        Some("/"),
        "not the main rule's"
    );
    assert!(extra.get("HealthCheckIntervalSeconds").is_none());
    let attribute = |tg: &serde_yaml_ng::Value, key: &str| {
        tg["TargetGroupAttributes"]
            .as_sequence()
            .and_then(|a| a.iter().find(|x| x["Key"].as_str() == Some(key)))
            .and_then(|x| x["Value"].as_str().map(str::to_string))
    };
    assert_eq!(
        attribute(main, "stickiness.enabled").as_deref(),
        Some("true")
    );
    assert_eq!(
        attribute(extra, "stickiness.enabled").as_deref(),
        Some("false")
    );
    assert_eq!(
        attribute(main, "deregistration_delay.timeout_seconds").as_deref(),
        Some("10")
    );
    assert_eq!(
        attribute(extra, "deregistration_delay.timeout_seconds").as_deref(),
        Some("60")
    );
}

#[test]
fn every_container_gets_copilots_variables() {
    let t = svc(&format!(
        "{WEB}publish:\n  topics: [{{name: orders}}]\nvariables: {{COPILOT_SERVICE_NAME: mine}}\n\
         sidecars:\n  proxy: {{image: envoy:1, variables: {{LEVEL: debug}}}}\n"
    ));
    let v = parse(&t);
    let containers = v["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        .as_sequence()
        .unwrap()
        .clone();
    let env_of = |name: &str| -> Vec<(String, String)> {
        let c = containers
            .iter()
            .find(|c| c["Name"].as_str() == Some(name))
            .unwrap();
        c["Environment"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|e| {
                let value = serde_yaml_ng::to_string(&e["Value"]).unwrap();
                (
                    e["Name"].as_str().unwrap().to_string(),
                    value.trim().to_string(),
                )
            })
            .collect()
    };
    let get = |env: &[(String, String)], key: &str| {
        env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    for name in ["web", "proxy"] {
        let env = env_of(name);
        assert_eq!(
            get(&env, "COPILOT_APPLICATION_NAME").as_deref(),
            Some("shop")
        );
        assert_eq!(
            get(&env, "COPILOT_ENVIRONMENT_NAME").as_deref(),
            Some("test")
        );
        assert!(
            get(&env, "COPILOT_SNS_TOPIC_ARNS").is_some(),
            "{name}: {env:?}"
        );
        let dns = get(&env, "COPILOT_LB_DNS").unwrap_or_default();
        assert!(
            dns.contains("tug-shop-test-PublicLoadBalancerDNSName"),
            "{dns}"
        );
        assert_eq!(get(&env, "TUG_LB_DNS"), get(&env, "COPILOT_LB_DNS"));
    }
    // A container's own variables win, once; the service name is the workload's.
    let web = env_of("web");
    assert_eq!(get(&web, "COPILOT_SERVICE_NAME").as_deref(), Some("mine"));
    assert_eq!(
        web.iter()
            .filter(|(k, _)| k == "COPILOT_SERVICE_NAME")
            .count(),
        1
    );
    let proxy = env_of("proxy");
    assert_eq!(get(&proxy, "COPILOT_SERVICE_NAME").as_deref(), Some("web"));
    assert_eq!(get(&proxy, "LEVEL").as_deref(), Some("debug"));
    assert!(
        get(&proxy, "TUG_DEPLOYMENT_TOKEN").is_none(),
        "the main container's only"
    );
    // A backend service with `http` gets the internal load balancer's name, as in Copilot;
    // one without none.
    let api = svc(API);
    assert!(
        api.contains("Value: !ImportValue \"tug-shop-test-InternalLoadBalancerDNSName\""),
        "{api}"
    );
    assert!(!api.contains("PublicLoadBalancerDNSName"), "{api}");
    let quiet = svc("name: quiet\ntype: Backend Service\nimage: {build: Dockerfile, port: 8080}\n");
    assert!(!quiet.contains("COPILOT_LB_DNS"), "{quiet}");
}

#[test]
fn web_service_defaults() {
    let t = svc(WEB);
    parse(&t);
    assert!(t.contains("LaunchType: FARGATE"));
    assert!(t.contains("MinimumHealthyPercent: 100") && t.contains("MaximumPercent: 200"));
    assert!(t.contains("AssignPublicIp: ENABLED"));
    assert!(t.contains("!ImportValue \"tug-shop-test-PublicSubnets\""));
    assert!(t.contains("!ImportValue \"tug-shop-test-HTTPListenerArn\""));
    assert!(t.contains("LogGroupName: \"/tug/shop/test/web\""));
    assert!(t.contains("awslogs-stream-prefix: \"web\""));
    assert!(t.contains("Cpu: \"256\"") && t.contains("Memory: \"512\""));
    assert!(t.contains("Values: [\"/*\"]"));
    assert!(t.contains("HealthCheckGracePeriodSeconds: 60"));
    assert!(!t.contains("ssmmessages"), "exec is off by default");
    assert!(!t.contains("EphemeralStorage"));
}

#[test]
fn backend_rules_go_on_the_internal_listener() {
    let t = svc(API);
    assert!(t.contains("!ImportValue \"tug-shop-test-InternalHTTPListenerArn\""));
    assert!(t.contains("Values: [\"/api\",\"/api/*\"]"));
    let plain = svc("name: worker-ish\ntype: Backend Service\nimage: {build: Dockerfile}\n");
    assert!(!plain.contains("TargetGroup"), "{plain}");
    assert!(!plain.contains("HealthCheckGracePeriodSeconds"));
}

#[test]
fn deployment_placement_exec_storage_platform() {
    let t = svc(&format!(
        "{WEB}deployment: {{rolling: recreate}}\nnetwork: {{vpc: {{placement: private}}}}\nexec: true\nstorage: {{ephemeral: 50}}\nplatform: linux/arm64\ncpu: 1024\nmemory: 2048\n"
    ));
    assert!(t.contains("MinimumHealthyPercent: 0") && t.contains("MaximumPercent: 100"));
    assert!(t.contains("AssignPublicIp: DISABLED"));
    assert!(t.contains("tug-shop-test-PrivateSubnets"));
    assert!(t.contains("ssmmessages:CreateControlChannel"));
    assert!(t.contains("EnableExecuteCommand: true"));
    assert!(t.contains("SizeInGiB: 50"));
    assert!(t.contains("CpuArchitecture: \"ARM64\""));
    assert!(t.contains("Cpu: \"1024\""));
}

#[test]
fn secrets_are_scoped_to_the_named_resources() {
    let t = svc(&format!(
        "{WEB}secrets:\n  A: /app/db_password\n  B: {{secretsmanager: prod/db}}\n  C: arn:aws:ssm:us-east-1:123456789012:parameter/x\n  D: {{from_cfn: SharedSecret}}\n"
    ));
    parse(&t);
    assert!(t.contains(":parameter/\", \"app/db_password\"]]"), "{t}");
    assert!(t.contains(":secret:\", \"prod/db-??????\"]]"), "{t}");
    assert!(t.contains("- \"arn:aws:ssm:us-east-1:123456789012:parameter/x\""));
    assert!(t.contains("ValueFrom: !ImportValue \"SharedSecret\""));
    assert!(!t.contains("Resource: \"*\""), "no wildcard secret access");
}

#[test]
fn autoscaling_and_spot() {
    let t = svc(&format!(
        "{WEB}count:\n  range: {{min: 2, max: 8, spot_from: 3}}\n  cooldown: {{in: 1m, out: 30s}}\n  cpu_percentage: 70\n  memory_percentage: {{value: 80, cooldown: {{in: 2m}}}}\n  requests: 1000\n  response_time: 500ms\n"
    ));
    let v = parse(&t);
    // Autoscaling owns the count: a deploy must not reset a scaled-out service to its
    // minimum (CloudFormation keeps the running count when DesiredCount is absent).
    assert!(v["Resources"]["Service"]["Properties"]
        .get("DesiredCount")
        .is_none());
    // The range is two stack parameters (what `svc scale --range` changes), and the
    // manifest's values are recorded as outputs for the next deploy to compare.
    assert!(t.contains("MinCapacity: !Ref MinCount") && t.contains("MaxCapacity: !Ref MaxCount"));
    let r = service(
        "shop",
        "test",
        &workload(&format!(
            "{WEB}count:\n  range: 2-8\n  cpu_percentage: 70\n"
        )),
        &Images::main("repo/web:1"),
        None,
    )
    .expect("renders");
    assert_eq!(r.parameters.get("MinCount").map(String::as_str), Some("2"));
    assert_eq!(r.parameters.get("MaxCount").map(String::as_str), Some("8"));
    assert!(!r.parameters.contains_key("DesiredCount"));
    let outputs = &parse(&r.template)["Outputs"];
    assert_eq!(outputs["ManifestMinCount"]["Value"].as_str(), Some("2"));
    assert_eq!(outputs["ManifestMaxCount"]["Value"].as_str(), Some("8"));
    assert!(t.contains("CapacityProvider: FARGATE_SPOT"));
    assert!(t.contains("Base: 2"));
    assert!(t.contains("PredefinedMetricType: ECSServiceAverageCPUUtilization"));
    assert!(t.contains("PredefinedMetricType: ECSServiceAverageMemoryUtilization"));
    assert!(t.contains("PredefinedMetricType: ALBRequestCountPerTarget"));
    assert!(t.contains("ResourceLabel: !Join"));
    assert!(t.contains("MetricName: TargetResponseTime"));
    assert!(t.contains("TargetValue: 0.5"));
    assert!(t.contains("ScaleInCooldown: 120"), "memory's own cooldown");
    assert!(t.contains("ScaleInCooldown: 60") && t.contains("ScaleOutCooldown: 30"));
    let spot = svc(&format!("{WEB}count: {{spot: 3}}\n"));
    assert!(spot.contains("DesiredCount: !Ref DesiredCount") && spot.contains("FARGATE_SPOT"));
    assert_eq!(
        parse(&spot)["Outputs"]["ManifestDesiredCount"]["Value"].as_str(),
        Some("3")
    );
    assert!(!spot.contains("LaunchType"));
}

#[test]
fn copilot_defaults_when_the_manifest_sets_none() {
    let t = svc(&format!(
        "{WEB}count:\n  range: 1-4\n  cpu_percentage: 70\n"
    ));
    let v = parse(&t);
    // Copilot's cooldowns: 120 s in, 60 s out.
    assert!(t.contains("ScaleInCooldown: 120") && t.contains("ScaleOutCooldown: 60"));
    // ELB's health check defaults (healthy 5, unhealthy 2, every 30 s, 5 s timeout), as
    // Copilot leaves them.
    let tg = &v["Resources"]["TargetGroup"]["Properties"];
    for key in [
        "HealthyThresholdCount",
        "UnhealthyThresholdCount",
        "HealthCheckIntervalSeconds",
        "HealthCheckTimeoutSeconds",
    ] {
        assert!(tg.get(key).is_none(), "{key} is ELB's default");
    }
    // What the manifest sets is written; a short interval gets a timeout below it.
    let set = svc(
        "name: web\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 8080}\n\
         http:\n  path: /\n  healthcheck:\n    path: /up\n    interval: 5s\n    healthy_threshold: 3\n",
    );
    let tg = &parse(&set)["Resources"]["TargetGroup"]["Properties"];
    assert_eq!(tg["HealthCheckIntervalSeconds"].as_u64(), Some(5));
    assert_eq!(tg["HealthCheckTimeoutSeconds"].as_u64(), Some(4));
    assert_eq!(tg["HealthyThresholdCount"].as_u64(), Some(3));
    assert!(tg.get("UnhealthyThresholdCount").is_none());
    // Without autoscaling, the manifest's count is the service's, through the
    // `DesiredCount` parameter (what `svc scale --count` changes).
    let fixed = service(
        "shop",
        "test",
        &workload(&format!("{WEB}count: 3\n")),
        &Images::main("repo/web:1"),
        None,
    )
    .expect("renders");
    assert_eq!(
        fixed.parameters.get("DesiredCount").map(String::as_str),
        Some("3")
    );
    let t = parse(&fixed.template);
    assert_eq!(
        t["Parameters"]["DesiredCount"]["Type"].as_str(),
        Some("Number")
    );
    assert_eq!(
        t["Outputs"]["ManifestDesiredCount"]["Value"].as_str(),
        Some("3")
    );
    assert!(matches!(
        t["Resources"]["Service"]["Properties"]["DesiredCount"],
        serde_yaml_ng::Value::Tagged(_)
    ));
}

#[test]
fn user_values_cannot_break_the_yaml() {
    let t = svc(&format!(
        "{WEB}variables:\n  EVIL: \"x\\\"\\n  Injected: !Ref Boom # {{{{ y }}}}\"\n"
    ));
    let v = parse(&t);
    let env =
        &v["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"][0]["Environment"];
    let evil = env
        .as_sequence()
        .and_then(|s| s.iter().find(|e| e["Name"] == "EVIL"))
        .expect("EVIL is there");
    assert_eq!(
        evil["Value"].as_str(),
        Some("x\"\n  Injected: !Ref Boom # {{ y }}")
    );
}

/// Validation rejects these manifests (see `manifest::validate`); render reaching one
/// is a bug, and says so.
#[test]
fn unvalidated_mistakes_are_reported_as_bugs() {
    let j = "name: nightly\ntype: Scheduled Job\nimage: {build: Dockerfile}\non: {schedule: '0 0 1 * MON'}\n";
    let e =
        service("shop", "test", &workload(j), &Images::main("img"), None).expect_err("dom and dow");
    assert!(
        e.to_string().contains("on.schedule") && e.to_string().contains("bug in tug"),
        "{e}"
    );
    let w = "name: jobs\ntype: Worker Service\nimage: {build: Dockerfile}\nsubscribe: {queue: {delay: 20m}}\n";
    let e = service("shop", "test", &workload(w), &Images::main("img"), None).expect_err("delay");
    assert!(e.to_string().contains("subscribe.queue.delay"), "{e}");
    let e = environment(
        "shop",
        &env("name: test\ntype: Environment\nnat: sometimes\n"),
        &[],
        None,
    )
    .expect_err("bad nat");
    assert!(e.to_string().contains("bug in tug"), "{e}");
}

#[test]
fn environment_default_has_no_nat_and_no_load_balancer() {
    let t = environment("shop", &env("name: test\ntype: Environment\n"), &[], None)
        .expect("renders")
        .template;
    parse(&t);
    assert!(t.contains("CidrBlock: \"10.0.0.0/16\""));
    for cidr in ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"] {
        assert!(t.contains(cidr), "{cidr}");
    }
    assert!(!t.contains("AWS::EC2::NatGateway"));
    assert!(!t.contains("AWS::ElasticLoadBalancingV2::LoadBalancer"));
    assert!(t.contains("- FARGATE_SPOT"));
    assert!(t.contains("Name: \"tug-shop-test-VpcId\""));
    assert!(t.contains("!Select [1, !GetAZs \"\"]"));
}

#[test]
fn environment_load_balancers_and_nat_follow_the_workloads() {
    let private_web = workload(&format!("{WEB}network: {{vpc: {{placement: private}}}}\n"));
    let e = env("name: test\ntype: Environment\n");
    let t = environment("shop", &e, &[private_web.clone(), workload(API)], None)
        .expect("renders")
        .template;
    parse(&t);
    assert_eq!(t.matches("Type: AWS::EC2::NatGateway").count(), 2, "per-az");
    assert!(t.contains("PublicLoadBalancer:") && t.contains("InternalLoadBalancer:"));
    assert!(t.contains("Name: \"tug-shop-test-InternalHTTPListenerArn\""));
    assert!(!t.contains("HTTPSListener:"));

    let single = env("name: test\ntype: Environment\nnat: single\nnetwork: {vpc: {endpoints: true}}\nhttp: {public: {certificates: [arn:aws:acm:us-east-1:123456789012:certificate/a, arn:aws:acm:us-east-1:123456789012:certificate/b]}}\n");
    let t = environment("shop", &single, &[private_web], None)
        .expect("renders")
        .template;
    parse(&t);
    assert_eq!(t.matches("Type: AWS::EC2::NatGateway").count(), 1);
    assert!(t.contains("HTTPSListener:") && t.contains("Type: redirect"));
    assert!(t.contains("AWS::ElasticLoadBalancingV2::ListenerCertificate"));
    assert!(t.contains("Name: \"tug-shop-test-HTTPSListenerArn\""));
    assert!(t.contains("Name: \"tug-shop-test-HTTPListenerArn\""));
    assert!(t.contains("SslPolicy: \"ELBSecurityPolicy-TLS13-1-2-2021-06\""));
    let s3 = &t[t.find("S3Endpoint:").expect("an S3 endpoint")..];
    assert!(s3.contains("RouteTableIds:") && s3.contains("!Ref PrivateSubnet2RouteTable"));
    assert!(t.contains("com.amazonaws.${AWS::Region}.ecr.dkr"));
    assert!(!t.contains("InternalLoadBalancer:"), "no backend with http");
}

/// `svc package` must take < 20 ms in all; rendering is a small part of that.
#[test]
fn rendering_a_service_is_fast() {
    let w = workload(&format!(
        "{WEB}count: {{range: 1-4, cpu_percentage: 70}}\nsidecars: {{proxy: {{image: nginx, port: 80}}}}\n"
    ));
    service("shop", "test", &w, &Images::main("img"), None).expect("warm-up (template parse)");
    let n = 200;
    let start = std::time::Instant::now();
    for _ in 0..n {
        service("shop", "test", &w, &Images::main("img"), None).expect("renders");
    }
    let each = start.elapsed() / n;
    eprintln!("render::service: {each:?} per service");
    assert!(each < std::time::Duration::from_millis(5), "{each:?}");
}

#[test]
fn scheduled_job_runs_its_task_from_a_state_machine() {
    let j = "name: nightly\ntype: Scheduled Job\nimage: {build: Dockerfile}\non: {schedule: '0 12 * * MON'}\nretries: 3\ntimeout: 1h30m\nnetwork: {vpc: {placement: private}}\n";
    let t = svc(j);
    let v = parse(&t);
    let r = &v["Resources"];
    assert!(r.get("Service").is_none());
    assert_eq!(
        r["Schedule"]["Properties"]["ScheduleExpression"].as_str(),
        Some("cron(0 12 ? * MON *)")
    );
    let run = &r["StateMachine"]["Properties"]["Definition"]["States"]["Run"];
    assert_eq!(run["Retry"][0]["MaxAttempts"].as_u64(), Some(3), "{t}");
    assert_eq!(run["TimeoutSeconds"].as_u64(), Some(5400), "{t}");
    let network = &run["Parameters"]["NetworkConfiguration"]["AwsvpcConfiguration"];
    assert_eq!(network["AssignPublicIp"].as_str(), Some("DISABLED"));
    assert!(t.contains("tug-shop-test-PrivateSubnets"));
    assert!(t.contains("states:::ecs:runTask.sync"));
    // Failed runs are logged, to a log group of the stack's own.
    let logging = &r["StateMachine"]["Properties"]["LoggingConfiguration"];
    assert_eq!(logging["Level"].as_str(), Some("ERROR"));
    assert_eq!(
        r["StateMachineLogGroup"]["Properties"]["LogGroupName"].as_str(),
        Some("/aws/vendedlogs/states/tug-shop-test-nightly")
    );
    // Stopping and describing tasks: only in the environment's cluster.
    let role = serde_yaml_ng::to_string(&r["StateMachineRole"]).expect("yaml");
    assert!(
        role.contains("ecs:cluster") && role.contains("tug-shop-test-ClusterName"),
        "{role}"
    );
    assert!(role.contains("logs:CreateLogDelivery"), "{role}");
    // No retries, no timeout: neither key.
    let t = svc("name: nightly\ntype: Scheduled Job\nimage: {build: Dockerfile}\non: {schedule: '@daily'}\n");
    assert!(!t.contains("MaxAttempts") && !t.contains("TimeoutSeconds"));
    assert!(t.contains("ScheduleExpression: \"rate(1 day)\""));
}

#[test]
fn worker_queues_topics_and_permissions() {
    let w = "name: worker\ntype: Worker Service\nimage: {build: Dockerfile}\npublish: {topics: [{name: done}]}\nsubscribe:\n  queue: {retention: 96h, timeout: 30s, dead_letter: {tries: 3}, fifo: {content_based_deduplication: true}}\n  topics:\n    - {name: orders, service: api, filter_policy: {kind: [big]}}\n    - {name: refunds, service: api, queue: true}\n";
    let t = svc(w);
    let v = parse(&t);
    let r = &v["Resources"];
    let q = &r["EventsQueue"]["Properties"];
    assert_eq!(q["MessageRetentionPeriod"].as_u64(), Some(345600));
    assert_eq!(q["VisibilityTimeout"].as_u64(), Some(30));
    assert_eq!(q["FifoQueue"].as_bool(), Some(true));
    assert_eq!(q["RedrivePolicy"]["maxReceiveCount"].as_u64(), Some(3));
    assert!(r.get("DeadLetterQueue").is_some());
    assert!(r.get("ApiRefundsEventsQueue").is_some());
    // The FIFO queue reads the FIFO export; the per-topic standard queue the standard one.
    assert!(t.contains("!ImportValue \"tug-shop-test-api-ordersFifoTopic\""));
    assert!(t.contains("!ImportValue \"tug-shop-test-api-refundsTopic\""));
    assert!(t.contains("FilterPolicy: {\"kind\":[\"big\"]}"));
    assert_eq!(
        v["Outputs"]["DoneTopic"]["Export"]["Name"].as_str(),
        Some("tug-shop-test-worker-doneTopic")
    );
    for name in [
        "TUG_QUEUE_URI",
        "COPILOT_QUEUE_URI",
        "TUG_SNS_TOPIC_ARNS",
        "COPILOT_SNS_TOPIC_ARNS",
        "TUG_TOPIC_QUEUE_URIS",
    ] {
        assert!(t.contains(&format!("Name: \"{name}\"")), "{name}");
    }
    // The task role: publish to its own topic, receive from its own queues, nothing else.
    let role = serde_yaml_ng::to_string(&r["TaskRole"]).expect("yaml");
    assert!(role.contains("sns:Publish") && role.contains("sqs:ReceiveMessage"));
    assert!(!role.contains("'*'") && !role.contains("sqs:*"), "{role}");
    assert!(r.get("Service").is_some() && r.get("TargetGroup").is_none());
}

#[test]
fn built_sidecars_run_the_image_they_were_pushed_as() {
    let w = workload(&format!(
        "{WEB}sidecars:\n  proxy: {{image: {{build: proxy/Dockerfile}}, port: 80}}\n  \
         log: {{image: {{location: fluent/fluent-bit:3}}}}\n"
    ));
    let mut images = Images::main("repo/web@sha256:aa");
    images
        .sidecars
        .insert("proxy".into(), "repo/web@sha256:bb".into());
    let rendered = service("shop", "test", &w, &images, None).expect("renders");
    let v = parse(&rendered.template);
    let containers = &v["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"];
    let image_of = |name: &str| {
        containers
            .as_sequence()
            .unwrap()
            .iter()
            .find(|c| c["Name"].as_str() == Some(name))
            .map(|c| c["Image"].clone())
            .unwrap_or_else(|| panic!("no container {name} in {containers:?}"))
    };
    // The built sidecar's image is a stack parameter, like the main container's, so the
    // template does not change with the digest: a deploy renders once and sets them.
    assert_eq!(
        serde_yaml_ng::to_string(&image_of("proxy")).unwrap().trim(),
        "!Ref SidecarProxyImage"
    );
    assert!(v["Parameters"].get("SidecarProxyImage").is_some());
    assert_eq!(image_of("log").as_str(), Some("fluent/fluent-bit:3"));
    assert_eq!(rendered.parameters["ContainerImage"], "repo/web@sha256:aa");
    assert_eq!(
        rendered.parameters["SidecarProxyImage"],
        "repo/web@sha256:bb"
    );
    let mut other = images.clone();
    other
        .sidecars
        .insert("proxy".into(), "repo/web@sha256:cc".into());
    let again = service("shop", "test", &w, &other, None).expect("renders");
    assert_eq!(again.template, rendered.template);

    // Without its pushed image, a built sidecar cannot be rendered, and says why.
    let e = service("shop", "test", &w, &Images::main("repo/web:1"), None).expect_err("no image");
    assert!(e.to_string().contains("sidecars.proxy.image.build"), "{e}");
}

#[test]
fn labels_become_docker_labels_of_their_container() {
    let t = svc(&format!(
        "{}sidecars:\n  proxy: {{image: envoy:1, labels: {{com.example.role: proxy}}}}\n",
        WEB.replace("port: 8080}", "port: 8080, labels: {team: web}}")
    ));
    let v = parse(&t);
    let containers = &v["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"];
    let labels = |i: usize| containers[i]["DockerLabels"].clone();
    assert_eq!(labels(0)["team"].as_str(), Some("web"), "{t}");
    assert_eq!(labels(1)["com.example.role"].as_str(), Some("proxy"), "{t}");
}

#[test]
fn rollback_alarms_roll_a_deployment_back() {
    // Existing alarms: named on the service, none created; the circuit breaker stays on.
    let t = svc(&format!(
        "{WEB}deployment:\n  rollback_alarms: [\"web-5xx\", \"web-latency\"]\n"
    ));
    let v = parse(&t);
    let dc = &v["Resources"]["Service"]["Properties"]["DeploymentConfiguration"];
    assert_eq!(
        dc["DeploymentCircuitBreaker"]["Rollback"].as_bool(),
        Some(true)
    );
    let alarms = &dc["Alarms"];
    assert_eq!(alarms["Enable"].as_bool(), Some(true));
    assert_eq!(alarms["Rollback"].as_bool(), Some(true));
    let names: Vec<&str> = alarms["AlarmNames"]
        .as_sequence()
        .expect("a list")
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert_eq!(names, ["web-5xx", "web-latency"]);
    assert!(!t.contains("AWS::CloudWatch::Alarm"));
    // Without any, the deployment watches no alarm.
    let none = parse(&svc(WEB));
    assert!(
        none["Resources"]["Service"]["Properties"]["DeploymentConfiguration"]
            .get("Alarms")
            .is_none()
    );

    // Created alarms: Copilot's metric, dimensions and evaluation, named by tug.
    let t = svc(&format!(
        "{WEB}deployment:\n  rollback_alarms: {{cpu_utilization: 70, memory_utilization: 55.5}}\n"
    ));
    let v = parse(&t);
    let r = &v["Resources"];
    let cpu = &r["CPURollbackAlarm"]["Properties"];
    assert_eq!(
        r["CPURollbackAlarm"]["Type"].as_str(),
        Some("AWS::CloudWatch::Alarm")
    );
    assert_eq!(
        cpu["AlarmName"].as_str(),
        Some("tug-shop-test-web-RollbackCPUAlarm")
    );
    for (key, want) in [
        ("Namespace", "AWS/ECS"),
        ("MetricName", "CPUUtilization"),
        ("Statistic", "Average"),
        ("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
        ("Unit", "Percent"),
    ] {
        assert_eq!(cpu[key].as_str(), Some(want), "{key}");
    }
    for (key, want) in [
        ("Period", 60),
        ("EvaluationPeriods", 3),
        ("DatapointsToAlarm", 2),
    ] {
        assert_eq!(cpu[key].as_u64(), Some(want), "{key}");
    }
    assert_eq!(cpu["Threshold"].as_f64(), Some(70.0));
    assert_eq!(cpu["Dimensions"][0]["Name"].as_str(), Some("ClusterName"));
    assert_eq!(cpu["Dimensions"][1]["Name"].as_str(), Some("ServiceName"));
    assert!(t.contains("Value: !GetAtt Service.Name"));
    let mem = &r["MemoryRollbackAlarm"]["Properties"];
    assert_eq!(mem["MetricName"].as_str(), Some("MemoryUtilization"));
    assert_eq!(mem["Threshold"].as_f64(), Some(55.5));
    let names = &r["Service"]["Properties"]["DeploymentConfiguration"]["Alarms"]["AlarmNames"];
    assert_eq!(
        names[0].as_str(),
        Some("tug-shop-test-web-RollbackCPUAlarm")
    );
    assert_eq!(
        names[1].as_str(),
        Some("tug-shop-test-web-RollbackMemAlarm")
    );
}

#[test]
fn a_worker_scales_on_its_backlog_per_task() {
    let w = "name: jobs\ntype: Worker Service\nimage: {build: Dockerfile}\n\
             subscribe:\n  topics:\n    - {name: orders, service: api}\n    - {name: refunds, service: api, queue: true}\n\
             count:\n  range: 1-10\n  cooldown: {out: 45s}\n  cpu_percentage: 70\n  \
             queue_delay: {acceptable_latency: 10m, msg_processing_time: 250ms, cooldown: {in: 30s}}\n\
             deployment:\n  rollback_alarms: {messages_delayed: 5}\n";
    let t = svc(w);
    let v = parse(&t);
    let r = &v["Resources"];
    // Beside the CPU policy: the backlog policy; the larger count of the two wins.
    assert!(r.get("CpuScalingPolicy").is_some());
    let policy = &r["QueueDelayScalingPolicy"]["Properties"];
    assert!(t.contains("ScalingTargetId: !Ref ScalableTarget"));
    let tt = &policy["TargetTrackingScalingPolicyConfiguration"];
    assert_eq!(tt["TargetValue"].as_f64(), Some(2400.0), "10m / 250ms");
    assert_eq!(tt["ScaleInCooldown"].as_u64(), Some(30), "its own");
    assert_eq!(
        tt["ScaleOutCooldown"].as_u64(),
        Some(45),
        "count.cooldown's"
    );
    let metrics = tt["CustomizedMetricSpecification"]["Metrics"]
        .as_sequence()
        .expect("metric math");
    let ids: Vec<&str> = metrics.iter().filter_map(|m| m["Id"].as_str()).collect();
    assert_eq!(ids, ["queue0", "queue1", "tasks", "backlog_per_task"]);
    let returned: Vec<&str> = metrics
        .iter()
        .filter(|m| m["ReturnData"].as_bool() == Some(true))
        .filter_map(|m| m["Id"].as_str())
        .collect();
    assert_eq!(returned, ["backlog_per_task"]);
    assert_eq!(
        metrics[3]["Expression"].as_str(),
        Some("(queue0 + queue1) / tasks")
    );
    let queue = &metrics[1]["MetricStat"];
    assert_eq!(
        queue["Metric"]["MetricName"].as_str(),
        Some("ApproximateNumberOfMessagesVisible")
    );
    assert_eq!(queue["Stat"].as_str(), Some("Sum"));
    assert!(t.contains("Value: !GetAtt ApiRefundsEventsQueue.QueueName"));
    let tasks = &metrics[2]["MetricStat"]["Metric"];
    assert_eq!(tasks["Namespace"].as_str(), Some("ECS/ContainerInsights"));
    assert_eq!(tasks["MetricName"].as_str(), Some("RunningTaskCount"));
    // The worker's delayed-messages alarm watches its events queue.
    let delayed = &r["MessagesDelayedRollbackAlarm"]["Properties"];
    assert_eq!(
        delayed["MetricName"].as_str(),
        Some("ApproximateNumberOfMessagesDelayed")
    );
    assert_eq!(delayed["Namespace"].as_str(), Some("AWS/SQS"));
    assert!(t.contains("Value: !GetAtt EventsQueue.QueueName"));
}

#[test]
fn each_scaling_metric_keeps_its_own_cooldowns() {
    let t = svc(&format!(
        "{WEB}count:\n  range: 1-4\n  cooldown: {{in: 90s}}\n  \
         cpu_percentage: {{value: 60, cooldown: {{in: 10s, out: 20s}}}}\n  \
         memory_percentage: 80\n  requests: {{value: 500, cooldown: {{out: 1m15s}}}}\n  \
         response_time: {{value: 2s, cooldown: {{in: 3m}}}}\n"
    ));
    let v = parse(&t);
    let cooldowns = |policy: &str| {
        let tt = &v["Resources"][policy]["Properties"]["TargetTrackingScalingPolicyConfiguration"];
        (
            tt["ScaleInCooldown"].as_u64().expect("in"),
            tt["ScaleOutCooldown"].as_u64().expect("out"),
        )
    };
    assert_eq!(cooldowns("CpuScalingPolicy"), (10, 20), "its own");
    assert_eq!(
        cooldowns("MemoryScalingPolicy"),
        (90, 60),
        "count.cooldown, Copilot's out"
    );
    assert_eq!(cooldowns("RequestsScalingPolicy"), (90, 75));
    assert_eq!(cooldowns("ResponseTimeScalingPolicy"), (180, 60));
}

#[test]
fn services_are_named_as_in_copilot() {
    let t = parse(&svc(&format!(
        "{API}sidecars:\n  proxy: {{image: envoy, port: 9000}}\nnetwork:\n  connect: true\n"
    )));
    let r = &t["Resources"];
    let sd = &r["DiscoveryService"]["Properties"];
    assert_eq!(sd["Name"], "api");
    assert_eq!(sd["DnsConfig"]["RoutingPolicy"], "MULTIVALUE");
    let records: Vec<(&str, u64)> = sd["DnsConfig"]["DnsRecords"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|d| (d["Type"].as_str().unwrap(), d["TTL"].as_u64().unwrap()))
        .collect();
    assert_eq!(records, [("A", 10), ("SRV", 10)]);
    assert_eq!(sd["HealthCheckCustomConfig"]["FailureThreshold"], 1);
    let service = &r["Service"]["Properties"];
    assert_eq!(service["ServiceRegistries"][0]["Port"], 8080);
    let sc = &service["ServiceConnectConfiguration"];
    assert_eq!(sc["Enabled"], true);
    assert_eq!(sc["Namespace"], "test.shop.local");
    let server = &sc["Services"][0];
    assert_eq!(server["PortName"], "target");
    assert_eq!(server["DiscoveryName"], "api-sc");
    assert_eq!(server["ClientAliases"][0]["DnsName"], "api");
    assert_eq!(server["ClientAliases"][0]["Port"], 8080);
    // Only the served port mapping is named; the sidecar's is not.
    let containers = r["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        .as_sequence()
        .unwrap();
    assert_eq!(containers[0]["PortMappings"][0]["Name"], "target");
    assert!(containers[1]["PortMappings"][0].get("Name").is_none());
    let alias = &r["LoadBalancerInternalDNSAlias"]["Properties"]["RecordSets"][0];
    assert_eq!(alias["Name"], "api.test.shop.internal");
    assert_eq!(alias["Type"], "A");
}

#[test]
fn service_connect_aliases_and_clients() {
    // The alias, on the port the load balancer targets (a sidecar's here).
    let t = parse(&svc(&format!(
        "{WEB}sidecars:\n  nginx: {{image: nginx, port: 81}}\nnetwork:\n  connect: {{alias: front}}\n"
    ).replace("http: {path: /}", "http: {path: /, target_container: nginx}")));
    let sc = &t["Resources"]["Service"]["Properties"]["ServiceConnectConfiguration"];
    assert_eq!(sc["Services"][0]["ClientAliases"][0]["DnsName"], "front");
    assert_eq!(sc["Services"][0]["ClientAliases"][0]["Port"], 81);
    let containers = t["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"]
        .as_sequence()
        .unwrap();
    assert!(containers[0]["PortMappings"][0].get("Name").is_none());
    assert_eq!(containers[1]["PortMappings"][0]["Name"], "target");
    assert_eq!(
        t["Resources"]["Service"]["Properties"]["ServiceRegistries"][0]["Port"],
        81
    );
    // A web service is not behind the internal load balancer: no internal record.
    assert!(t["Resources"].get("LoadBalancerInternalDNSAlias").is_none());

    // A backend without a port: a client only, registered nowhere.
    let t = parse(&svc(
        "name: quiet\ntype: Backend Service\nimage: {build: Dockerfile}\nnetwork: {connect: true}\n",
    ));
    let sc = &t["Resources"]["Service"]["Properties"]["ServiceConnectConfiguration"];
    assert_eq!(sc["Enabled"], true);
    assert!(sc.get("Services").is_none());
    assert!(t["Resources"].get("DiscoveryService").is_none());
    assert!(t["Resources"]["Service"]["Properties"]
        .get("ServiceRegistries")
        .is_none());
}

#[test]
fn both_load_balancers_drop_invalid_header_fields() {
    let t = environment(
        "shop",
        &env("name: test\ntype: Environment\n"),
        &[workload(WEB), workload(API)],
        None,
    )
    .expect("renders")
    .template;
    let v = parse(&t);
    for lb in ["PublicLoadBalancer", "InternalLoadBalancer"] {
        let attributes = &v["Resources"][lb]["Properties"]["LoadBalancerAttributes"];
        let drop = attributes
            .as_sequence()
            .unwrap_or_else(|| panic!("{lb} has no attributes:\n{t}"))
            .iter()
            .find(|a| a["Key"] == "routing.http.drop_invalid_header_fields.enabled");
        assert_eq!(drop.map(|a| &a["Value"]), Some(&"true".into()), "{lb}");
    }
}

/// CloudFormation's part for [`values_from_the_users_stacks_enter_the_job_definition_as_functions`]:
/// resolves the functions of `v`, every import to `imported`.
fn resolve(v: &serde_json::Value, imported: &str) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) if m.contains_key("Fn::ImportValue") => Value::from(imported),
        Value::Object(m) if m.contains_key("Fn::Split") => {
            let s = resolve(&m["Fn::Split"][1], imported);
            let sep = m["Fn::Split"][0].as_str().unwrap_or(",");
            Value::from(
                s.as_str()
                    .unwrap_or_default()
                    .split(sep)
                    .collect::<Vec<_>>(),
            )
        }
        Value::Object(m) if m.contains_key("Ref") || m.contains_key("Fn::Sub") => {
            Value::from("arn:aws:resolved")
        }
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| (k.clone(), resolve(v, imported)))
            .collect(),
        Value::Array(a) => a.iter().map(|v| resolve(v, imported)).collect(),
        other => other.clone(),
    }
}

#[test]
fn values_from_the_users_stacks_enter_the_job_definition_as_functions() {
    // An export name, and an exported value, that would close the JSON string they were
    // spliced into and add keys of their own.
    let name = r#"Net"}],"Cluster":"x","z":[{"${AWS::Region}"#;
    let value = r#"sg-1"],"LaunchType":"EC2","a":["#;
    let j = format!(
        "name: nightly\ntype: Scheduled Job\nimage: {{build: Dockerfile}}\non: {{schedule: '@daily'}}\n\
         network: {{vpc: {{security_groups: [{{from_cfn: {}}}]}}}}\n",
        serde_json::to_string(name).expect("json")
    );
    let t = svc(&j);
    let template = crate::yaml::parse_cloudformation(&t)
        .expect("YAML")
        .to_json();
    let props = &template["Resources"]["StateMachine"]["Properties"];
    assert!(props.get("DefinitionString").is_none(), "{t}");
    let network = &props["Definition"]["States"]["Run"]["Parameters"]["NetworkConfiguration"]
        ["AwsvpcConfiguration"];
    assert_eq!(
        network["SecurityGroups"][1],
        serde_json::json!({"Fn::ImportValue": name}),
        "{t}"
    );
    // As Step Functions writes the resolved definition: JSON, each value one string.
    let written = serde_json::to_string(&resolve(&props["Definition"], value)).expect("json");
    let read: serde_json::Value = serde_json::from_str(&written).expect("the definition is JSON");
    let run = &read["States"]["Run"]["Parameters"];
    assert_eq!(run["LaunchType"], "FARGATE");
    let network = &run["NetworkConfiguration"]["AwsvpcConfiguration"];
    assert_eq!(network["SecurityGroups"][1], value);
    // The subnets are the imported list split at its commas, each piece a string.
    let subnets: Vec<&str> = network["Subnets"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert_eq!(subnets.join(","), value);
    assert_eq!(run.as_object().map(|o| o.len()), Some(7), "{written}");
}

#[test]
fn log_groups_take_the_kms_key_of_logging_kms_key_and_no_log_router() {
    let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let job = "name: nightly\ntype: Scheduled Job\nimage: {build: Dockerfile}\non: {schedule: '@daily'}\n";
    let t = svc(&format!("{job}logging: {{kms_key: {key}}}\n"));
    let r = &parse(&t)["Resources"];
    for group in ["LogGroup", "StateMachineLogGroup"] {
        assert_eq!(
            r[group]["Properties"]["KmsKeyId"].as_str(),
            Some(key),
            "{group}"
        );
    }
    assert!(!t.contains("firelens"), "a key alone routes no logs:\n{t}");
    let t = svc(&format!("{WEB}logging: {{kms_key: {key}}}\n"));
    assert_eq!(
        parse(&t)["Resources"]["LogGroup"]["Properties"]["KmsKeyId"].as_str(),
        Some(key)
    );
    // Without it, CloudWatch Logs' own keys.
    assert!(!svc(job).contains("KmsKeyId"));
}

/// The ingress rules of security group `logical` in `template`: (port, source) pairs.
fn ingress_of(template: &str, logical: &str) -> Vec<(u64, String)> {
    let v = parse(template);
    let rules = &v["Resources"][logical]["Properties"]["SecurityGroupIngress"];
    rules
        .as_sequence()
        .unwrap_or_else(|| panic!("no {logical} in\n{template}"))
        .iter()
        .map(|r| {
            assert_eq!(r["FromPort"], r["ToPort"]);
            assert_eq!(r["IpProtocol"].as_str(), Some("tcp"));
            let source = serde_yaml_ng::to_string(&r["SourceSecurityGroupId"]).unwrap();
            (r["FromPort"].as_u64().unwrap(), source.trim().to_string())
        })
        .collect()
}

#[test]
fn the_load_balancer_reaches_each_service_on_its_target_and_health_check_ports_only() {
    let t = svc("name: web\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 8080}\nhttp:\n  path: /\n  healthcheck: {path: /health, port: 9001}\n  additional_rules:\n    - path: /admin\n      target_port: 9000\n    - path: /again\n      target_port: 8080\n");
    let public = "!ImportValue tug-shop-test-PublicLoadBalancerSecurityGroup";
    assert_eq!(
        ingress_of(&t, "LoadBalancerTargetSecurityGroup"),
        [
            (8080, public.into()),
            (9001, public.into()),
            (9000, public.into())
        ],
        "each port once"
    );
    // The tasks wear it beside the environment's group.
    assert!(
        t.contains("            - !ImportValue \"tug-shop-test-EnvironmentSecurityGroup\"\n            - !GetAtt LoadBalancerTargetSecurityGroup.GroupId\n"),
        "{t}"
    );
    // Its group imports the load balancer's: no output needs to (cfn-lint warns of one).
    assert!(!t.contains("  LoadBalancerSecurityGroup:\n"), "{t}");

    // A Backend Service: from the internal load balancer.
    let internal = "!ImportValue tug-shop-test-InternalLoadBalancerSecurityGroup";
    assert_eq!(
        ingress_of(&svc(API), "LoadBalancerTargetSecurityGroup"),
        [(8080, internal.into())]
    );
    // No load balancer, or an NLB alone: no such group, nothing imported from it.
    for plain in [
        svc("name: worker-ish\ntype: Backend Service\nimage: {build: Dockerfile, port: 8080}\n"),
        svc("name: relay\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 7000}\nnlb: {port: 7000/tcp}\n"),
    ] {
        assert!(!plain.contains("\n  LoadBalancerTargetSecurityGroup:"), "{plain}");
        assert!(!plain.contains("!GetAtt LoadBalancerTargetSecurityGroup"), "{plain}");
        assert!(!plain.contains("LoadBalancerSecurityGroup\""), "{plain}");
    }
}

#[test]
fn bridge_tasks_get_no_security_group_but_still_say_they_need_no_every_port_rule() {
    let t = svc("name: api\ntype: Backend Service\nimage: {build: Dockerfile, port: 8080}\nhttp: {path: /}\ncapacity_provider: steady\nnetwork_mode: bridge\n");
    assert!(!t.contains("LoadBalancerTargetSecurityGroup"), "{t}");
    assert!(!t.contains("AwsvpcConfiguration"), "{t}");
    // Its dynamic host ports are the capacity group's: the import tells `env deploy` so.
    assert!(t.contains("LoadBalancerSecurityGroup:\n    Value: !ImportValue \"tug-shop-test-InternalLoadBalancerSecurityGroup\""), "{t}");
}

#[test]
fn the_environment_keeps_its_every_port_rule_only_by_its_parameter() {
    let e = env("name: test\ntype: Environment\n");
    let r = environment("shop", &e, &[workload(WEB), workload(API)], None).expect("renders");
    let v = parse(&r.template);
    for (rule, kind) in EVERY_PORT_RULES.iter().zip(["Public", "Internal"]) {
        assert_eq!(
            r.parameters.get(rule.parameter).map(String::as_str),
            Some("false")
        );
        assert_eq!(
            v["Parameters"][rule.parameter]["Default"].as_str(),
            Some("false")
        );
        let every =
            &v["Resources"][format!("EnvironmentSecurityGroupIngressFrom{kind}LoadBalancer")];
        assert_eq!(
            every["Condition"].as_str(),
            Some(format!("{kind}EveryPortRule").as_str())
        );
        assert_eq!(every["Properties"]["FromPort"].as_u64(), Some(0));
        assert!(
            matches!(
                &v["Conditions"][format!("{kind}EveryPortRule")],
                serde_yaml_ng::Value::Tagged(_)
            ),
            "{}",
            r.template
        );
        // Exported whether or not there is EC2 capacity: services import it.
        assert!(
            r.template
                .contains(&format!("Name: \"tug-shop-test-{}\"", rule.security_group)),
            "{}",
            r.template
        );
    }
    // No load balancer: no parameter.
    let none = environment("shop", &e, &[], None).expect("renders");
    assert!(none.parameters.is_empty(), "{:?}", none.parameters);
    assert!(!none.template.contains("Conditions:"));
}

#[test]
fn tasks_without_room_for_the_load_balancers_group_say_they_rely_on_every_port() {
    let groups = "network:\n  vpc:\n    security_groups: [sg-01, sg-02, sg-03, sg-04]\n";
    let t = svc(&format!("{WEB}{groups}"));
    parse(&t);
    assert!(!t.contains("\n  LoadBalancerTargetSecurityGroup:"), "{t}");
    assert!(!t.contains("LoadBalancerSecurityGroup"), "{t}");
    assert!(
        t.contains(&format!("  {EVERY_PORT_OUTPUT}:\n    Value: \"true\"")),
        "{t}"
    );
    let roomy = svc(&format!(
        "{WEB}network:\n  vpc:\n    security_groups: [sg-01, sg-02, sg-03]\n"
    ));
    assert!(
        roomy.contains("\n  LoadBalancerTargetSecurityGroup:"),
        "{roomy}"
    );
    assert!(!roomy.contains(EVERY_PORT_OUTPUT), "{roomy}");
}

#[test]
fn without_the_environments_group_the_load_balancer_gets_egress_to_the_tasks_own() {
    let deny =
        "network:\n  vpc:\n    security_groups:\n      deny_default: true\n      groups: [sg-01]\n";
    let t = svc(&format!("{WEB}{deny}"));
    let v = parse(&t);
    let egress = &v["Resources"]["LoadBalancerTargetEgress8080"]["Properties"];
    assert_eq!(egress["FromPort"].as_u64(), Some(8080), "{t}");
    assert_eq!(egress["ToPort"].as_u64(), Some(8080), "{t}");
    let to = serde_yaml_ng::to_string(&egress["DestinationSecurityGroupId"]).unwrap();
    assert_eq!(to.trim(), "!GetAtt LoadBalancerTargetSecurityGroup.GroupId");
    let from = serde_yaml_ng::to_string(&egress["GroupId"]).unwrap();
    assert_eq!(
        from.trim(),
        "!ImportValue tug-shop-test-PublicLoadBalancerSecurityGroup"
    );
    assert!(!t.contains("EnvironmentSecurityGroup"), "{t}");
    // With the environment's group, its egress reaches the tasks already.
    assert!(!svc(WEB).contains("AWS::EC2::SecurityGroupEgress"));
}
