//! Domains, managed certificates and HTTPS listeners: rendered, linted and deployed to moto,
//! read back through the AWS API; and the exports services import staying stable.

use std::path::Path;

use crate::support::cfn_lint::lint;
use crate::support::moto::Moto;
use crate::support::workspace::{hello, write};
use crate::support::{code, need, ok, stderr};

/// Creates the public hosted zone `name` in moto and returns its id (`Z...`).
pub(crate) fn create_zone(moto: &Moto, name: &str) -> String {
    moto.python_out(&format!(
        "import boto3, uuid\n\
         z = boto3.client('route53').create_hosted_zone(Name='{name}', CallerReference=str(uuid.uuid4()))\n\
         print(z['HostedZone']['Id'].split('/')[-1], end='')"
    ))
}

/// What the deployed environment serves: its public load balancer's listeners (port,
/// protocol, policy, certificates, default action), the listener certificates of the HTTPS
/// listener, the rules of each listener, the environment stack's outputs.
fn listeners(moto: &Moto) -> serde_json::Value {
    let out = moto.python_out(
        "import boto3, json\n\
         elb = boto3.client('elbv2')\n\
         cfn = boto3.client('cloudformation')\n\
         outs = {o['OutputKey']: o['OutputValue'] for o in cfn.describe_stacks(StackName='tug-shop-test')['Stacks'][0].get('Outputs', [])}\n\
         lb = [l for l in elb.describe_load_balancers()['LoadBalancers'] if l['Scheme'] == 'internet-facing'][0]\n\
         res = {'outputs': outs, 'listeners': {}}\n\
         for l in elb.describe_listeners(LoadBalancerArn=lb['LoadBalancerArn'])['Listeners']:\n\
         \x20   rules = elb.describe_rules(ListenerArn=l['ListenerArn'])['Rules']\n\
         \x20   certs = elb.describe_listener_certificates(ListenerArn=l['ListenerArn'])['Certificates'] if l['Protocol'] == 'HTTPS' else []\n\
         \x20   res['listeners'][str(l['Port'])] = {'arn': l['ListenerArn'], 'protocol': l['Protocol'], 'policy': l.get('SslPolicy'), 'certificates': [c['CertificateArn'] for c in l.get('Certificates', [])], 'listener_certificates': sorted(c['CertificateArn'] for c in certs), 'default': l['DefaultActions'][0]['Type'], 'rules': len([r for r in rules if not r['IsDefault']])}\n\
         print(json.dumps(res))",
    );
    serde_json::from_str(&out).expect("json")
}

/// The templates `env package` and `svc package` write for environment `test` of `shop` and
/// its service `svc`, linted, in a folder of their own.
pub(crate) fn package_linted(moto: &Moto, dir: &Path, svc: &str) -> tempfile::TempDir {
    let pkg = tempfile::tempdir().unwrap();
    let p = pkg.path().to_str().unwrap();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "package", "-n", "test", "--output-dir", p]));
    ok(moto.tug().current_dir(dir).args([
        "svc",
        "package",
        "-n",
        svc,
        "-e",
        "test",
        "--output-dir",
        p,
    ]));
    lint(&[
        pkg.path().join("tug-shop-test.yml"),
        pkg.path().join(format!("tug-shop-test-{svc}.yml")),
    ]);
    pkg
}

fn deploy(moto: &Moto, dir: &Path, args: &[&str]) -> String {
    let out = ok(moto.tug().current_dir(dir).args(args));
    stderr(&out)
}

#[test]
fn an_application_domain_gets_https_a_certificate_and_names() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    // The application's domain, recorded by `app init --domain` in the existing workspace.
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["app", "init", "--domain", "example.com"]));
    assert!(stderr(&out).contains("example.com"), "{}", stderr(&out));
    let marker = std::fs::read_to_string(dir.join("tug/.workspace")).unwrap();
    assert_eq!(marker, "application: shop\ndomain: example.com\n");

    let zone = create_zone(&moto, "example.com");
    let other = create_zone(&moto, "example.org");
    // Aliases: one under the domain, one in another zone the manifest names.
    let manifest = std::fs::read_to_string(dir.join("tug/web/manifest.yml")).unwrap();
    let manifest = manifest.replace(
        "  path: /\n  healthcheck:",
        &format!(
            "  path: /\n  alias:\n    - name: www.example.com\n    - name: shop.example.org\n      hosted_zone: {other}\n  healthcheck:"
        ),
    );
    write(dir, "tug/web/manifest.yml", manifest);

    // Rendered: linted, the hosted zone a parameter the deploy fills in.
    let pkg = package_linted(&moto, dir, "web");
    let env_template = std::fs::read_to_string(pkg.path().join("tug-shop-test.yml")).unwrap();
    assert!(env_template.contains("AWS::CertificateManager::Certificate"));
    let params = std::fs::read_to_string(pkg.path().join("tug-shop-test.params.json")).unwrap();
    assert!(params.contains("\"AppHostedZoneId\""), "{params}");

    deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    let err = deploy(&moto, dir, &["svc", "deploy", "-n", "web", "-e", "test"]);
    assert!(!err.contains("plain HTTP"), "HTTPS, no warning: {err}");

    let v = listeners(&moto);
    let https = &v["listeners"]["443"];
    assert_eq!(https["protocol"], "HTTPS");
    assert_eq!(https["policy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
    let cert = v["outputs"]["CertificateArn"]
        .as_str()
        .expect("a certificate");
    assert_eq!(https["certificates"][0], cert);
    assert_eq!(https["rules"], 1, "the web service's rule is on HTTPS: {v}");
    let http = &v["listeners"]["80"];
    assert_eq!(http["default"], "redirect", "{v}");
    assert_eq!(http["rules"], 0, "{v}");
    assert_eq!(v["outputs"]["EnvironmentHostedZone"], zone.as_str());
    assert_eq!(
        v["outputs"]["EnvironmentDomainName"],
        "test.shop.example.com"
    );

    // The certificate: the environment's names and the aliases, validated by DNS.
    let c: serde_json::Value = serde_json::from_str(&moto.python_out(&format!(
        "import boto3, json\n\
         c = boto3.client('acm').describe_certificate(CertificateArn='{cert}')['Certificate']\n\
         print(json.dumps({{'name': c['DomainName'], 'sans': sorted(c['SubjectAlternativeNames']), 'status': c['Status']}}))"
    )))
    .unwrap();
    assert_eq!(c["name"], "test.shop.example.com");
    let sans: Vec<&str> = c["sans"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    for name in [
        "*.test.shop.example.com",
        "www.example.com",
        "shop.example.org",
    ] {
        assert!(sans.contains(&name), "{name} in {sans:?}");
    }
    assert_eq!(
        c["status"], "ISSUED",
        "every name has its validation record"
    );

    // The records: the service's default name and its aliases point at the load balancer.
    let records = |zone: &str| -> Vec<(String, String, bool)> {
        let out = moto.python_out(&format!(
            "import boto3, json\n\
             rs = boto3.client('route53').list_resource_record_sets(HostedZoneId='{zone}')['ResourceRecordSets']\n\
             print(json.dumps([[r['Name'].rstrip('.'), r['Type'], 'AliasTarget' in r] for r in rs]))"
        ));
        serde_json::from_str(&out).unwrap()
    };
    let main = records(&zone);
    for name in ["web.test.shop.example.com", "www.example.com"] {
        assert!(
            main.iter()
                .any(|(n, t, alias)| n == name && t == "A" && *alias),
            "{name} in {main:?}"
        );
    }
    assert!(
        main.iter()
            .any(|(n, t, _)| t == "CNAME" && n.ends_with("test.shop.example.com")),
        "the validation record: {main:?}"
    );
    let theirs = records(&other);
    assert!(
        theirs
            .iter()
            .any(|(n, t, alias)| n == "shop.example.org" && t == "A" && *alias),
        "{theirs:?}"
    );
}

#[test]
fn a_domain_without_a_hosted_zone_fails_before_any_change_set() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    write(
        dir,
        "tug/.workspace",
        "application: shop\ndomain: example.net\n",
    );
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("example.net has no public hosted zone in this AWS account"),
        "{err}"
    );
    assert!(err.contains("create one in Route 53"), "{err}");
    let stacks = moto.python_out(
        "import boto3\nprint(len(boto3.client('cloudformation').describe_stacks()['Stacks']))",
    );
    assert_eq!(stacks.trim(), "0", "nothing was created");
}

#[test]
fn adding_certificates_keeps_the_listener_a_service_imports() {
    let moto = need!(Moto::start());
    let ws = hello("shop");
    let dir = ws.path();
    deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .args(["svc", "deploy", "-n", "web", "-e", "test"]));
    let err = stderr(&out);
    assert_eq!(
        err.matches("is served over plain HTTP").count(),
        1,
        "one warning for a public service without HTTPS: {err}"
    );
    let before = listeners(&moto);
    assert_eq!(before["listeners"]["80"]["rules"], 1, "{before}");
    let http_arn = before["outputs"]["HTTPListenerArn"].clone();

    // Two certificates imported into ACM, listed in the environment manifest.
    let certs = moto.python_out(
        "import boto3\n\
         acm = boto3.client('acm')\n\
         print(' '.join(acm.request_certificate(DomainName=d)['CertificateArn'] for d in ['a.example.com', 'b.example.com']), end='')",
    );
    let certs: Vec<&str> = certs.split(' ').collect();
    let env = dir.join("tug/environments/test/manifest.yml");
    let text = std::fs::read_to_string(&env).unwrap();
    write(
        dir,
        "tug/environments/test/manifest.yml",
        format!(
            "{text}\nhttp:\n  public:\n    certificates: [{}, {}]\n    ssl_policy: ELBSecurityPolicy-TLS13-1-2-Res-2021-06\n",
            certs[0], certs[1]
        ),
    );
    // The service imports the HTTP listener's export, which keeps its value: the update
    // succeeds (moto, like AWS here, refuses to change an export in use).
    let err = deploy(&moto, dir, &["env", "deploy", "-n", "test"]);
    assert!(err.contains("UPDATE_COMPLETE"), "{err}");
    let after = listeners(&moto);
    assert_eq!(after["outputs"]["HTTPListenerArn"], http_arn);
    let https = &after["listeners"]["443"];
    assert_eq!(https["policy"], "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
    assert_eq!(https["certificates"][0], certs[0]);
    assert!(
        https["listener_certificates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == certs[1]),
        "the second certificate is a listener certificate: {after}"
    );
    assert_eq!(after["listeners"]["80"]["default"], "redirect");

    // The service moves its rule to HTTPS at its next deploy, without a warning.
    let err = deploy(&moto, dir, &["svc", "deploy", "-n", "web", "-e", "test"]);
    assert!(!err.contains("plain HTTP"), "{err}");
    let moved = listeners(&moto);
    assert_eq!(moved["listeners"]["443"]["rules"], 1, "{moved}");
    assert_eq!(moved["listeners"]["80"]["rules"], 0, "{moved}");

    // Taking the certificates away again would remove the HTTPS listener's export, which
    // the service imports: refused before any change set, naming the stack.
    write(dir, "tug/environments/test/manifest.yml", &text);
    let out = moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("tug-shop-test-HTTPSListenerArn (imported by tug-shop-test-web)"),
        "{err}"
    );
    assert!(!err.contains("creating a change set"), "{err}");
}

#[test]
fn traffic_mistakes_are_located() {
    let ws = hello("shop");
    let dir = ws.path();
    write(
        dir,
        "tug/.workspace",
        "application: shop\ndomain: example.com\n",
    );
    let web = std::fs::read_to_string(dir.join("tug/web/manifest.yml")).unwrap();
    write(
        dir,
        "tug/web/manifest.yml",
        web.replace(
            "  path: /\n  healthcheck:",
            "  path: /\n  alias: shop.example.org\n  healthcheck:",
        ),
    );
    let out = crate::support::run_in(dir, &["validate", "--no-color"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("alias `shop.example.org` is outside the application's domain"),
        "{err}"
    );
    assert!(err.contains("tug/web/manifest.yml:8:10"), "{err}");

    // An ssl_policy that is not one of ELB's.
    write(dir, "tug/web/manifest.yml", &web);
    let env = dir.join("tug/environments/test/manifest.yml");
    let text = std::fs::read_to_string(&env).unwrap();
    write(
        dir,
        "tug/environments/test/manifest.yml",
        format!("{text}\nhttp:\n  public:\n    ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-6\n"),
    );
    let out = crate::support::run_in(dir, &["validate", "--no-color"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("`ELBSecurityPolicy-TLS13-1-2-2021-6` is not a security policy"),
        "{err}"
    );
    assert!(
        err.contains("tug/environments/test/manifest.yml:12:17"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `ELBSecurityPolicy-TLS13-1-2-2021-06`?"),
        "{err}"
    );

    // gRPC needs HTTPS: without a domain or certificates the public listener has none.
    write(dir, "tug/.workspace", "application: shop\n");
    write(dir, "tug/environments/test/manifest.yml", &text);
    write(
        dir,
        "tug/web/manifest.yml",
        web.replace(
            "  path: /\n  healthcheck:",
            "  path: /\n  version: grpc\n  healthcheck:",
        ),
    );
    let out = crate::support::run_in(dir, &["validate", "--no-color"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("`version: grpc` needs an HTTPS listener"),
        "{err}"
    );
    assert!(err.contains("tug/web/manifest.yml:8:12"), "{err}");
}
