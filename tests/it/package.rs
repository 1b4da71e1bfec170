//! `tug env package` and `tug svc package` on the example app: the files a deploy sends.

use crate::support::{root, tug};

#[test]
fn example_app_packages_into_templates_cfn_lint_accepts() {
    let out = tempfile::tempdir().unwrap();
    let app = root().join("examples/hello");
    let run = |args: &[&str]| {
        let o = tug().current_dir(&app).args(args).output().unwrap();
        assert!(
            o.status.success(),
            "tug {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let dir = out.path().to_str().unwrap();
    let said = run(&["env", "package", "-n", "test", "--output-dir", dir]);
    assert!(said.contains("tug-hello-test.yml"), "{said}");
    run(&[
        "svc",
        "package",
        "-n",
        "web",
        "-e",
        "test",
        "--output-dir",
        dir,
    ]);
    run(&[
        "svc",
        "package",
        "-n",
        "api",
        "-e",
        "test",
        "--output-dir",
        dir,
        "--tag",
        "v7",
    ]);

    let mut templates = Vec::new();
    for stack in ["tug-hello-test", "tug-hello-test-web", "tug-hello-test-api"] {
        let template = out.path().join(format!("{stack}.yml"));
        let params: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join(format!("{stack}.params.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(params["Tags"]["tug:application"], "hello");
        assert_eq!(params["Tags"]["tug:environment"], "test");
        templates.push(template);
    }
    let api: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("tug-hello-test-api.params.json")).unwrap(),
    )
    .unwrap();
    let image = api["Parameters"]["ContainerImage"].as_str().unwrap();
    assert!(image.ends_with("/hello/api:v7"), "{image}");
    // The api service sits in private subnets, so the environment gets a NAT gateway.
    let env = std::fs::read_to_string(&templates[0]).unwrap();
    assert!(env.contains("AWS::EC2::NatGateway"));
    assert!(env.contains("AWS::ElasticLoadBalancingV2::LoadBalancer"));
    crate::support::cfn_lint::lint(&templates);
}

#[test]
fn package_refuses_an_invalid_manifest_and_writes_nothing() {
    let ws = tempfile::tempdir().unwrap();
    let svc = ws.path().join("tug/api");
    std::fs::create_dir_all(&svc).unwrap();
    std::fs::write(ws.path().join("tug/.workspace"), "application: shop\n").unwrap();
    std::fs::create_dir_all(ws.path().join("tug/environments/test")).unwrap();
    std::fs::write(
        ws.path().join("tug/environments/test/manifest.yml"),
        "name: test\ntype: Environment\n",
    )
    .unwrap();
    std::fs::write(
        svc.join("manifest.yml"),
        "name: api\ntype: Backend Service\nimage: {location: nginx}\ncpu: 1024\nmemory: 1024\n",
    )
    .unwrap();
    let out = ws.path().join("out");
    let o = tug()
        .current_dir(ws.path())
        .args(["svc", "package", "-n", "api", "-e", "test", "--output-dir"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cpu 1024 with memory 1024 is not a Fargate size"),
        "{err}"
    );
    assert!(err.contains("tug/api/manifest.yml:5:9"), "{err}");
    assert!(
        !out.exists(),
        "nothing may be written for an invalid manifest"
    );
}

#[test]
fn a_built_sidecar_is_packaged_with_the_tag_svc_deploy_pushes() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(ws.path().join("tug/web")).unwrap();
    std::fs::create_dir_all(ws.path().join("tug/environments/test")).unwrap();
    std::fs::write(ws.path().join("tug/.workspace"), "application: shop\n").unwrap();
    std::fs::write(
        ws.path().join("tug/environments/test/manifest.yml"),
        "name: test\ntype: Environment\n",
    )
    .unwrap();
    std::fs::write(
        ws.path().join("tug/web/manifest.yml"),
        "name: web\ntype: Backend Service\nimage: {build: web/Dockerfile, port: 80}\n\
         sidecars:\n  proxy:\n    image: {build: {context: proxy}}\n    port: 9000\n",
    )
    .unwrap();
    let out = ws.path().join("out");
    let o = tug()
        .current_dir(ws.path())
        .env("AWS_ACCOUNT_ID", "123456789012")
        .args([
            "--region",
            "eu-west-1",
            "svc",
            "package",
            "-n",
            "web",
            "-e",
            "test",
        ])
        .args(["--tag", "v3", "--output-dir"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let repo = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web";
    let params = std::fs::read_to_string(out.join("tug-shop-test-web.params.json")).unwrap();
    assert!(params.contains(&format!("\"{repo}:v3\"")), "{params}");
    assert!(
        params.contains(&format!("\"SidecarProxyImage\": \"{repo}:proxy-v3\"")),
        "{params}"
    );
    let template = out.join("tug-shop-test-web.yml");
    let text = std::fs::read_to_string(&template).unwrap();
    assert!(text.contains("Image: !Ref SidecarProxyImage"), "{text}");
    crate::support::cfn_lint::lint(&[template]);
}

#[test]
fn workloads_tug_cannot_deploy_are_skipped_by_a_deploy_and_reported_by_validate() {
    let ws = crate::support::workspace::hello("skip");
    crate::support::workspace::write(
        ws.path(),
        "tug/frontend/manifest.yml",
        "name: frontend\ntype: Request-Driven Web Service\nimage:\n  location: nginx\n",
    );
    let out = ws.path().join("out");
    let o = tug()
        .current_dir(ws.path())
        .args(["env", "package", "-n", "test", "--output-dir"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("Request-Driven Web Service"), "{err}");
    assert!(err.contains("it is skipped"), "{err}");
    assert!(
        err.contains("tug/frontend/manifest.yml:2:7"),
        "says where: {err}"
    );
    let template = std::fs::read_to_string(out.join("tug-skip-test.yml")).unwrap();
    assert!(
        template.contains("PublicLoadBalancer"),
        "web still shapes the environment"
    );

    // `tug validate` still reports it, as an error.
    let o = tug()
        .current_dir(ws.path())
        .args(["--json", "validate"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["unsupported-type"], "{report:#}");
}
