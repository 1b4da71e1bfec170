//! Unit tests of what the application's domain and the environment's certificates render:
//! the certificate, the listeners and their exports, the services' records and rules.

use super::*;
use crate::manifest::types::{Environment, Workload};

fn workload(yaml: &str) -> Workload {
    serde_yaml_ng::from_str(yaml).expect("a test manifest")
}

fn env(yaml: &str) -> Environment {
    serde_yaml_ng::from_str(yaml).expect("a test environment manifest")
}

const WEB: &str = "name: web\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 8080}\nhttp:\n  path: /\n";
const TEST: &str = "name: test\ntype: Environment\n";

fn traffic(domain: Option<&str>, e: &Environment) -> EnvTraffic {
    EnvTraffic::new(e, domain)
}

fn svc_in(yaml: &str, t: &EnvTraffic) -> String {
    service_in(
        "shop",
        "test",
        &workload(yaml),
        &Images::main("repo/web:1"),
        None,
        t,
    )
    .expect("renders")
    .template
}

fn yaml(template: &str) -> serde_yaml_ng::Value {
    serde_yaml_ng::from_str(template).expect("valid YAML")
}

#[test]
fn a_domain_gives_the_environment_a_certificate_and_https() {
    let web = workload(&format!(
        "{WEB}  alias: [www.example.com, test.shop.example.com, api.test.shop.example.com]\n"
    ));
    let rendered =
        environment_in("shop", &env(TEST), &[web], None, Some("example.com")).expect("renders");
    let t = &rendered.template;
    let v = yaml(t);
    let cert = &v["Resources"]["Certificate"]["Properties"];
    assert_eq!(cert["DomainName"], "test.shop.example.com");
    assert_eq!(cert["ValidationMethod"], "DNS");
    let sans: Vec<&str> = cert["SubjectAlternativeNames"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    // The wildcard covers every service's default name and `api.test...`; the
    // environment's own name is the certificate's.
    assert_eq!(sans, ["*.test.shop.example.com", "www.example.com"]);
    let validations = cert["DomainValidationOptions"].as_sequence().unwrap();
    assert_eq!(validations.len(), 2, "{t}");
    assert!(t.contains("HostedZoneId: !Ref AppHostedZoneId"), "{t}");
    assert_eq!(
        rendered
            .parameters
            .get("AppHostedZoneId")
            .map(String::as_str),
        Some("HOSTED_ZONE_ID")
    );
    assert!(t.contains("Type: AWS::Route53::HostedZone::Id"));

    let https = &v["Resources"]["HTTPSListener"]["Properties"];
    assert_eq!(https["SslPolicy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
    assert!(t.contains("- CertificateArn: !Ref Certificate"), "{t}");
    assert!(t.contains("Type: redirect"), "HTTP redirects to HTTPS");
    for output in [
        "HTTPListenerArn",
        "HTTPSListenerArn",
        "EnvironmentHostedZone",
        "EnvironmentDomainName",
        "CertificateArn",
    ] {
        assert!(
            t.contains(&format!("Name: \"tug-shop-test-{output}\"")),
            "{output} exported"
        );
    }
    assert!(
        !t.contains("PublicListenerArn"),
        "no export that changes listener"
    );
}

#[test]
fn each_extra_certificate_is_its_own_listener_certificate() {
    let e = env("name: test\ntype: Environment\nhttp:\n  public:\n    certificates: [arn:aws:acm:us-east-1:1:certificate/a, arn:aws:acm:us-east-1:1:certificate/b, arn:aws:acm:us-east-1:1:certificate/c]\n    ssl_policy: ELBSecurityPolicy-FS-1-2-Res-2020-10\n");
    let t = environment("shop", &e, &[workload(WEB)], None)
        .expect("renders")
        .template;
    let v = yaml(&t);
    assert_eq!(
        t.matches("Type: AWS::ElasticLoadBalancingV2::ListenerCertificate")
            .count(),
        2
    );
    for (logical, cert) in [
        ("HTTPSListenerCertificate1", "b"),
        ("HTTPSListenerCertificate2", "c"),
    ] {
        let certs = v["Resources"][logical]["Properties"]["Certificates"]
            .as_sequence()
            .unwrap();
        assert_eq!(certs.len(), 1, "one certificate per resource");
        assert_eq!(
            certs[0]["CertificateArn"],
            format!("arn:aws:acm:us-east-1:1:certificate/{cert}").as_str()
        );
    }
    assert_eq!(
        v["Resources"]["HTTPSListener"]["Properties"]["SslPolicy"],
        "ELBSecurityPolicy-FS-1-2-Res-2020-10"
    );
    assert!(
        !t.contains("AWS::CertificateManager::Certificate"),
        "no domain"
    );
}

#[test]
fn services_import_the_listener_of_their_environment() {
    let plain = env(TEST);
    let t = svc_in(WEB, &traffic(None, &plain));
    assert!(t.contains("!ImportValue \"tug-shop-test-HTTPListenerArn\""));
    assert!(
        !t.contains("AWS::Route53::RecordSet"),
        "no domain, no record"
    );

    let t = svc_in(WEB, &traffic(Some("example.com"), &plain));
    assert!(t.contains("!ImportValue \"tug-shop-test-HTTPSListenerArn\""));
    assert!(!t.contains("HTTPListenerArn\""), "redirected: {t}");
    let v = yaml(&t);
    let record = &v["Resources"]["DomainRecord"]["Properties"];
    assert_eq!(record["Name"], "web.test.shop.example.com");
    assert_eq!(record["Type"], "A");
    assert!(t.contains("HostedZoneId: !ImportValue \"tug-shop-test-EnvironmentHostedZone\""));
    assert!(t.contains("DNSName: !ImportValue \"tug-shop-test-PublicLoadBalancerDNSName\""));

    // `redirect_to_https: false`: the rule on the HTTP listener too.
    let t = svc_in(
        &format!("{WEB}  redirect_to_https: false\n"),
        &traffic(Some("example.com"), &plain),
    );
    assert!(t.contains("ListenerRuleHTTP:"), "{t}");
    assert!(t.contains("!ImportValue \"tug-shop-test-HTTPListenerArn\""));

    let backend = "name: api\ntype: Backend Service\nimage: {build: Dockerfile, port: 8080}\nhttp: {path: /api}\n";
    let certs = env("name: test\ntype: Environment\nhttp: {private: {certificates: [arn:aws:acm:us-east-1:1:certificate/a]}}\n");
    let t = svc_in(backend, &traffic(None, &certs));
    assert!(t.contains("!ImportValue \"tug-shop-test-InternalHTTPSListenerArn\""));
}

#[test]
fn aliases_get_records_in_their_zones() {
    let web = format!(
        "{WEB}  alias:\n    - name: www.example.com\n    - name: shop.example.org\n      hosted_zone: Z0THER\n    - name: elsewhere.example.net\n"
    );
    let t = svc_in(&web, &traffic(Some("example.com"), &env(TEST)));
    let v = yaml(&t);
    let records: Vec<(String, String)> = v["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Route53::RecordSet")
        .map(|(_, r)| {
            let p = &r["Properties"];
            (
                p["Name"].as_str().unwrap().to_string(),
                serde_yaml_ng::to_string(&p["HostedZoneId"]).unwrap(),
            )
        })
        .collect();
    let names: Vec<&str> = records.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names.len(),
        3,
        "the default name and two aliases; the third has no zone: {names:?}"
    );
    for n in [
        "web.test.shop.example.com",
        "www.example.com",
        "shop.example.org",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let other = records
        .iter()
        .find(|(n, _)| n == "shop.example.org")
        .unwrap();
    assert!(other.1.contains("Z0THER"), "{other:?}");
}

#[test]
fn an_nlb_under_the_domain_gets_its_name_and_its_tls_listeners_a_certificate() {
    let t = traffic(Some("example.com"), &env(TEST));
    let mqtt = "name: mqtt\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 1883}\n\
                http: false\nnlb:\n  port: 8883/tls\n  ssl_policy: ELBSecurityPolicy-TLS13-1-3-2021-06\n\
                \x20 alias: [MQTT.example.com., '*.iot.example.com', mqtt-nlb.test.shop.example.com]\n\
                \x20 additional_listeners:\n    - port: 1883/tcp\n";
    let tpl = svc_in(mqtt, &t);
    let v = yaml(&tpl);
    let cert = &v["Resources"]["NLBCertificate"]["Properties"];
    assert_eq!(
        cert["DomainName"], "mqtt-nlb.test.shop.example.com",
        "{tpl}"
    );
    assert_eq!(
        cert["SubjectAlternativeNames"],
        yaml("[mqtt.example.com, '*.iot.example.com']")
    );
    let validated: Vec<&str> = cert["DomainValidationOptions"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|o| o["DomainName"].as_str())
        .collect();
    assert_eq!(
        validated,
        [
            "mqtt-nlb.test.shop.example.com",
            "mqtt.example.com",
            "*.iot.example.com"
        ]
    );
    assert_eq!(
        tpl.matches("HostedZoneId: !ImportValue \"tug-shop-test-EnvironmentHostedZone\"")
            .count(),
        3 + 3,
        "the validation records and the three records in the application's zone: {tpl}"
    );
    let tls = &v["Resources"]["NLBListener"]["Properties"];
    assert_eq!(tls["Protocol"], "TLS");
    assert_eq!(tls["SslPolicy"], "ELBSecurityPolicy-TLS13-1-3-2021-06");
    assert!(
        tpl.contains("- CertificateArn: !Ref NLBCertificate"),
        "{tpl}"
    );
    assert!(
        v["Resources"]["NLBListener1"]["Properties"]["Certificates"].is_null(),
        "the TCP listener has none: {tpl}"
    );
    let names: Vec<&str> = v["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Route53::RecordSet")
        .filter_map(|(_, r)| r["Properties"]["Name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "mqtt-nlb.test.shop.example.com",
            "mqtt.example.com",
            "*.iot.example.com"
        ]
    );
    assert!(
        tpl.contains("DNSName: !GetAtt NetworkLoadBalancer.DNSName"),
        "{tpl}"
    );

    // TCP only: the name, no certificate.
    let tcp =
        "name: relay\ntype: Load Balanced Web Service\nimage: {build: Dockerfile, port: 7000}\n\
               http: false\nnlb:\n  port: 7000/tcp\n";
    let tpl = svc_in(tcp, &t);
    assert!(tpl.contains("NLBDomainRecord:"), "{tpl}");
    assert!(tpl.contains("\"relay-nlb.test.shop.example.com\""), "{tpl}");
    assert!(
        !tpl.contains("AWS::CertificateManager::Certificate"),
        "{tpl}"
    );
    // Without a domain: neither.
    let tpl = svc_in(tcp, &traffic(None, &env(TEST)));
    assert!(!tpl.contains("AWS::Route53::RecordSet"), "{tpl}");
}
