//! `svc deploy` of an `image.build` service against moto and a real registry on loopback:
//! build with Docker, push (`TUG_REGISTRY_OVERRIDE`), deploy pinned by digest.

use std::path::{Path, PathBuf};

use tug::image::{Engine, EngineKind};

use crate::support::images::{busybox, engine, scratch_context, LocalRegistry};
use crate::support::moto::Moto;
use crate::support::workspace::{hello, set_image_line};
use crate::support::{need, ok, stderr, stdout, tug};

/// The password in the token moto's ECR GetAuthorizationToken returns (`AWS:<password>`).
const MOTO_PASSWORD: &str = "123456789012-auth-token";

/// The real parts of these tests: the engine of `kind`, a static busybox, moto, and a
/// registry that takes moto's ECR password.
fn parts(kind: EngineKind) -> Option<(Engine, PathBuf, Moto, LocalRegistry)> {
    Some((
        engine(kind)?,
        busybox()?,
        Moto::start()?,
        LocalRegistry::start_with_password(MOTO_PASSWORD)?,
    ))
}

/// Switches service `svc` to `image.build: <svc>app/Dockerfile`, a FROM scratch context.
fn set_build(ws: &Path, svc: &str, busybox: &Path, hello: &str) {
    set_image_line(ws, svc, &format!("  build: {svc}app/Dockerfile"));
    let ctx = scratch_context(busybox, hello);
    let dest = ws.join(format!("{svc}app"));
    std::fs::create_dir_all(&dest).unwrap();
    for f in ["busybox", "hello.txt", "Dockerfile"] {
        std::fs::copy(ctx.path().join(f), dest.join(f)).unwrap();
    }
}

/// Gives service `svc` a sidecar `proxy` built from `proxy/Dockerfile`, a FROM scratch
/// context whose hello.txt holds `hello`.
fn add_built_sidecar(ws: &Path, svc: &str, busybox: &Path, hello: &str) {
    let ctx = scratch_context(busybox, hello);
    std::fs::create_dir_all(ws.join("proxy")).unwrap();
    for f in ["busybox", "hello.txt", "Dockerfile"] {
        std::fs::copy(ctx.path().join(f), ws.join("proxy").join(f)).unwrap();
    }
    let manifest = ws.join("tug").join(svc).join("manifest.yml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(
        "sidecars:\n  proxy:\n    image:\n      build: proxy/Dockerfile\n    port: 9000\n",
    );
    std::fs::write(&manifest, text).unwrap();
}

/// The task definition of a service stack in moto: (arn, revision, main image). moto's
/// CloudFormation drops `Image` from the container definitions it creates, so the image is
/// the stack's `ContainerImage` parameter, which the task definition's main container
/// references (`Image: !Ref ContainerImage`).
fn task_definition(moto: &Moto, stack: &str, out: &Path) -> (String, i64, String) {
    moto.python(&format!(
        r#"
import boto3, json
cf = boto3.client("cloudformation")
ecs = boto3.client("ecs")
res = cf.describe_stack_resources(StackName="{stack}")["StackResources"]
arn = [r["PhysicalResourceId"] for r in res if r.get("ResourceType") == "AWS::ECS::TaskDefinition"][0]
td = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
params = cf.describe_stacks(StackName="{stack}")["Stacks"][0]["Parameters"]
image = [p["ParameterValue"] for p in params if p["ParameterKey"] == "ContainerImage"][0]
json.dump({{"arn": td["taskDefinitionArn"], "revision": td["revision"], "image": image}},
          open("{out}", "w"))
"#,
        out = out.display()
    ));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    (
        v["arn"].as_str().unwrap().to_string(),
        v["revision"].as_i64().unwrap(),
        v["image"].as_str().unwrap().to_string(),
    )
}

#[test]
fn svc_deploy_builds_pushes_and_pins_the_digest_with_docker() {
    builds_pushes_and_pins(EngineKind::Docker);
}

#[test]
fn svc_deploy_builds_pushes_and_pins_the_digest_with_podman() {
    builds_pushes_and_pins(EngineKind::Podman);
}

/// Engine files a login could write to in `home` (and `XDG_RUNTIME_DIR` under it).
fn credential_files(home: &Path) -> Vec<PathBuf> {
    ["run/containers/auth.json", ".config/containers/auth.json"]
        .iter()
        .map(|f| home.join(f))
        .filter(|f| f.exists())
        .collect()
}

fn builds_pushes_and_pins(kind: EngineKind) {
    let (_engine, busybox, moto, registry) = need!(parts(kind));

    let ws = hello("shop");
    let dir = ws.path();
    set_build(dir, "web", &busybox, "one\n");
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".docker/config.json");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::create_dir_all(home.path().join("run")).unwrap();
    let known = b"{\n\t\"auths\": {},\n\t\"tug-test\": \"keep me\"\n}\n".to_vec();
    std::fs::write(&config, &known).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let result = scratch.path().join("td.json");

    let deploy = |extra: &[&str]| {
        let mut cmd = moto.tug();
        cmd.current_dir(dir)
            .env("HOME", home.path())
            .env("XDG_RUNTIME_DIR", home.path().join("run"))
            .env("TUG_REGISTRY_OVERRIDE", &registry.host)
            .env("TUG_CONTAINER_ENGINE", kind.name())
            .env_remove("DOCKER_CONFIG")
            .env_remove("REGISTRY_AUTH_FILE")
            .args(["svc", "deploy", "-n", "web", "-e", "test", "--tag", "t1"])
            .args(extra);
        let out = ok(&mut cmd);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains(MOTO_PASSWORD),
            "the password leaked into tug's output: {all}"
        );
        all
    };

    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));

    // First deploy: built, pushed, and the task definition pinned to the pushed digest.
    let first = deploy(&[]);
    let (status, digest1) = registry.manifest_digest("shop/web", "t1");
    assert_eq!(status, 200, "{first}");
    let digest1 = digest1.expect("Docker-Content-Digest");
    assert!(digest1.starts_with("sha256:"), "{digest1}");
    let repo = format!("{}/shop/web", registry.host);
    let (arn1, rev1, image1) = task_definition(&moto, "tug-shop-test-web", &result);
    assert_eq!(image1, format!("{repo}@{digest1}"), "{first}");
    assert!(
        first.contains(&format!("pushed {repo}@{digest1}")),
        "{first}"
    );

    // A changed file, the same tag: a new digest and a new task definition revision.
    std::fs::write(dir.join("webapp/hello.txt"), "two\n").unwrap();
    let second = deploy(&[]);
    let (status, digest2) = registry.manifest_digest("shop/web", "t1");
    assert_eq!(status, 200, "{second}");
    let digest2 = digest2.expect("Docker-Content-Digest");
    assert_ne!(digest1, digest2, "{second}");
    let (arn2, rev2, image2) = task_definition(&moto, "tug-shop-test-web", &result);
    assert_eq!(image2, format!("{repo}@{digest2}"), "{second}");
    assert_ne!(arn1, arn2);
    assert!(rev2 > rev1, "{rev1} -> {rev2}");

    // No change: the engine's cache, the same digest, and no changes to deploy.
    let third = deploy(&[]);
    let (_, digest3) = registry.manifest_digest("shop/web", "t1");
    assert_eq!(digest3.as_deref(), Some(digest2.as_str()), "{third}");
    assert!(third.contains("no changes"), "{third}");
    let (arn3, _, _) = task_definition(&moto, "tug-shop-test-web", &result);
    assert_eq!(arn2, arn3);

    // The user's engine configuration was never touched.
    assert_eq!(std::fs::read(&config).unwrap(), known);
    assert_eq!(credential_files(home.path()), Vec::<PathBuf>::new());
}

#[test]
fn sidecars_with_image_build_are_built_pushed_and_pinned() {
    let (_engine, busybox, moto, registry) = need!(parts(EngineKind::Docker));
    let ws = hello("shop");
    let dir = ws.path();
    set_build(dir, "web", &busybox, "main\n");
    add_built_sidecar(dir, "web", &busybox, "proxy\n");

    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let out = ok(moto
        .tug()
        .current_dir(dir)
        .env("TUG_REGISTRY_OVERRIDE", &registry.host)
        .env("TUG_CONTAINER_ENGINE", "docker")
        .args(["svc", "deploy", "-n", "web", "-e", "test", "--tag", "s1"]));
    let all = format!("{}{}", stdout(&out), stderr(&out));

    // Both images are in the service's repository: the sidecar's tagged `<sidecar>-<tag>`.
    let (status, main) = registry.manifest_digest("shop/web", "s1");
    assert_eq!(status, 200, "{all}");
    let (status, proxy) = registry.manifest_digest("shop/web", "proxy-s1");
    assert_eq!(status, 200, "{all}");
    let (main, proxy) = (main.unwrap(), proxy.unwrap());
    assert_ne!(main, proxy, "two different images");
    let repo = format!("{}/shop/web", registry.host);
    assert!(
        all.contains(&format!("web/proxy: pushed {repo}@{proxy}")),
        "{all}"
    );

    // Both through stack parameters, pinned by digest: ContainerImage and SidecarProxyImage.
    let scratch = tempfile::tempdir().unwrap();
    let (_, _, image) =
        task_definition(&moto, "tug-shop-test-web", &scratch.path().join("td.json"));
    assert_eq!(image, format!("{repo}@{main}"));
    let body = scratch.path().join("template.yml");
    let params = scratch.path().join("params.json");
    moto.python(&format!(
        r#"
import boto3, json
cfn = boto3.client("cloudformation")
body = cfn.get_template(StackName="tug-shop-test-web")["TemplateBody"]
open("{}", "w").write(body if isinstance(body, str) else str(body))
stack = cfn.describe_stacks(StackName="tug-shop-test-web")["Stacks"][0]
open("{}", "w").write(json.dumps({{p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}}))
"#,
        body.display(),
        params.display()
    ));
    let template = std::fs::read_to_string(&body).unwrap();
    assert!(
        template.contains("Image: !Ref SidecarProxyImage"),
        "the sidecar's image is a stack parameter:\n{template}"
    );
    let params: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&params).unwrap()).unwrap();
    assert_eq!(
        params["SidecarProxyImage"],
        format!("{repo}@{proxy}"),
        "the sidecar runs its pushed digest"
    );
}

#[test]
fn a_failed_build_deploys_nothing() {
    let (_engine, busybox, moto, registry) = need!(parts(EngineKind::Docker));
    let ws = hello("shop");
    let dir = ws.path();
    set_build(dir, "web", &busybox, "one\n");
    std::fs::write(
        dir.join("webapp/Dockerfile"),
        "FROM scratch\nCOPY no-such-file /x\n",
    )
    .unwrap();
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let out = moto
        .tug()
        .current_dir(dir)
        .env("TUG_REGISTRY_OVERRIDE", &registry.host)
        .env("TUG_CONTAINER_ENGINE", "docker")
        .args(["svc", "deploy", "-n", "web", "-e", "test", "--tag", "bad"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("building the image for web failed"), "{err}");
    assert!(err.contains("no-such-file"), "{err}");
    let out = ok(moto.tug().current_dir(dir).args(["svc", "ls"]));
    assert!(!stdout(&out).contains("web"), "{}", stdout(&out));
}

#[test]
fn no_engine_fails_before_any_aws_call() {
    let ws = hello("shop");
    let dir = ws.path();
    set_build(dir, "web", Path::new("/bin/sh"), "one\n");
    let empty = tempfile::tempdir().unwrap();
    let out = tug()
        .current_dir(dir)
        .env("PATH", empty.path())
        .env_remove("TUG_CONTAINER_ENGINE")
        // Nothing listens here: an AWS call would fail differently.
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .args(["svc", "deploy", "-n", "web", "-e", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no container engine found"), "{err}");
}

/// Writes `script` as an executable `docker` in `bin`.
fn executable_docker(bin: &Path, script: &str) {
    let path = bin.join("docker");
    std::fs::write(&path, script).unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&path, perms).unwrap();
}

/// A `docker` on PATH that records each build and push (start and end) in `log` and runs
/// the real engine; pushes take a second longer, so pushes that overlap are seen to.
fn recording_docker(bin: &Path, real: &Path, log: &Path) {
    let script = format!(
        "#!/bin/sh\ncase \"$1\" in\n  build|push)\n    echo \"$1-start $(echo \"$@\" | tr ' ' '\\n' | grep -o '/shop/[a-z]*:[A-Za-z0-9._-]*' | head -n 1)\" >>'{log}'\n    [ \"$1\" = push ] && sleep 1\n    '{real}' \"$@\"; rc=$?\n    echo \"$1-end\" >>'{log}'\n    exit $rc;;\nesac\nexec '{real}' \"$@\"\n",
        log = log.display(),
        real = real.display()
    );
    executable_docker(bin, &script);
}

#[test]
fn deploy_env_builds_one_by_one_then_pushes_concurrently() {
    let (engine, busybox, moto, registry) = need!(parts(EngineKind::Docker));
    let ws = hello("shop");
    let dir = ws.path();
    // web builds its image; api keeps its image.location but builds a sidecar.
    set_build(dir, "web", &busybox, "all\n");
    add_built_sidecar(dir, "api", &busybox, "sidecar\n");

    let scratch = tempfile::tempdir().unwrap();
    let bin = scratch.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = scratch.path().join("engine.log");
    recording_docker(&bin, &engine.program, &log);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let out = ok(moto
        .tug()
        .current_dir(dir)
        .env("PATH", &path)
        .env("TUG_REGISTRY_OVERRIDE", &registry.host)
        .env("TUG_CONTAINER_ENGINE", "docker")
        .args(["deploy", "-e", "test", "-j", "2"]));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains(MOTO_PASSWORD), "{all}");

    // Builds one after another, then both pushes at once.
    let events = std::fs::read_to_string(&log).unwrap();
    let kinds: Vec<&str> = events
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "build-start",
            "build-end",
            "build-start",
            "build-end",
            "push-start",
            "push-start",
            "push-end",
            "push-end"
        ],
        "{events}"
    );

    // The default tag outside git: a timestamp; find it through the stack parameter.
    let (_, _, image) =
        task_definition(&moto, "tug-shop-test-web", &scratch.path().join("td.json"));
    let repo = format!("{}/shop/web@sha256:", registry.host);
    assert!(image.starts_with(&repo), "{image}\n{all}");
    let digest = image.split('@').nth(1).unwrap();
    assert!(all.contains(&format!("web: pushed {image}")), "{all}");
    let tag = events
        .lines()
        .find_map(|l| l.strip_prefix("push-start /shop/web:"))
        .expect("the pushed tag");
    let (status, served) = registry.manifest_digest("shop/web", tag);
    assert_eq!(status, 200, "{all}");
    assert_eq!(served.as_deref(), Some(digest), "{all}");
    // api's own image.location is deployed as given; its sidecar was pushed to its repo.
    let (_, _, api) = task_definition(&moto, "tug-shop-test-api", &scratch.path().join("api.json"));
    assert_eq!(api, "public.ecr.aws/nginx/nginx:1.27");
    let (status, _) = registry.manifest_digest("shop/api", &format!("proxy-{tag}"));
    assert_eq!(status, 200, "{events}\n{all}");
    assert!(all.contains("api/proxy: pushed "), "{all}");
}

/// A `docker` on PATH that runs the real engine, except that a push only writes its
/// process id to `marker` and waits (a push that hangs, to stop tug in the middle of it).
fn hanging_push_docker(bin: &Path, real: &Path, marker: &Path) {
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = push ]; then echo $$ >'{marker}.tmp'; mv '{marker}.tmp' '{marker}'; exec sleep 120; fi\nexec '{real}' \"$@\"\n",
        marker = marker.display(),
        real = real.display()
    );
    executable_docker(bin, &script);
}

/// The login folders (`tug-engine-*`) in `tmp`.
fn login_folders(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("tug-engine-"))
        })
        .collect()
}

/// Sends `signal` (a `kill` name: TERM, HUP, INT, KILL) to `target` (a pid, or `-pgid`).
fn send(signal: &str, target: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), "--", target])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {target}");
}

#[test]
fn a_push_stopped_by_a_signal_leaves_no_credentials_behind() {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let (engine, busybox, moto, registry) = need!(parts(EngineKind::Docker));
    let ws = hello("shop");
    let dir = ws.path();
    set_build(dir, "web", &busybox, "one\n");
    ok(moto
        .tug()
        .current_dir(dir)
        .args(["env", "deploy", "-n", "test"]));
    let scratch = tempfile::tempdir().unwrap();
    let tmp = scratch.path().join("tmp");
    let bin = scratch.path().join("bin");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let marker = scratch.path().join("push.pid");
    hanging_push_docker(&bin, &engine.program, &marker);
    let slow_path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let deploy = |path: &str| {
        let mut cmd = crate::support::moto::tug_process(&moto.endpoint);
        cmd.current_dir(dir)
            .env("TMPDIR", &tmp)
            .env("PATH", path)
            .env("TUG_REGISTRY_OVERRIDE", &registry.host)
            .env("TUG_CONTAINER_ENGINE", "docker")
            .env_remove("DOCKER_CONFIG")
            .args(["svc", "deploy", "-n", "web", "-e", "test", "--tag", "t1"]);
        cmd
    };

    // TERM and HUP to tug alone; INT to its process group, as Ctrl-C on a terminal does;
    // KILL, which no process can catch: its folder is left, and removed by the next run.
    for signal in ["TERM", "HUP", "INT", "KILL"] {
        let _ = std::fs::remove_file(&marker);
        let mut child = deploy(&slow_path)
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        let push_pid = loop {
            if let Ok(pid) = std::fs::read_to_string(&marker) {
                break pid.trim().to_string();
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "{signal}: tug ended ({status}) before pushing: {}",
                    crate::support::drain(child.stderr.take())
                );
            }
            assert!(Instant::now() < deadline, "{signal}: no push within 120 s");
            std::thread::sleep(Duration::from_millis(50));
        };
        // Logged in: the registry's credentials are on disk while the push runs.
        let folders = login_folders(&tmp);
        assert_eq!(folders.len(), 1, "{signal}: {folders:?}");
        let config = std::fs::read_to_string(folders[0].join("config.json")).unwrap();
        assert!(
            config.contains("auths") && config.contains(&registry.host),
            "{signal}: {config}"
        );
        let target = if signal == "INT" {
            format!("-{}", child.id())
        } else {
            child.id().to_string()
        };
        send(signal, &target);
        let status = child.wait().unwrap();
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &push_pid])
            .stderr(Stdio::null())
            .status();
        let err = crate::support::drain(child.stderr.take());
        assert!(!status.success(), "{signal}: {status}: {err}");
        assert!(!err.contains("panicked"), "{signal}: {err}");
        if signal == "KILL" {
            assert_eq!(status.signal(), Some(9), "{signal}: {err}");
            assert_eq!(login_folders(&tmp), folders, "SIGKILL cannot be caught");
        } else {
            assert_eq!(
                login_folders(&tmp),
                Vec::<PathBuf>::new(),
                "{signal}: {err}"
            );
        }
        if signal != "INT" {
            let number = match signal {
                "TERM" => 15,
                "HUP" => 1,
                _ => 9,
            };
            assert_eq!(status.signal(), Some(number), "{signal} ends tug: {err}");
        }
    }

    // The next deploy removes the folder the killed one left, and its own.
    let out = deploy(&std::env::var("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        login_folders(&tmp),
        Vec::<PathBuf>::new(),
        "{}",
        stderr(&out)
    );
    let (status, _) = registry.manifest_digest("shop/web", "t1");
    assert_eq!(status, 200, "{}", stderr(&out));
}
