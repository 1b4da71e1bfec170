//! Images with real parts: `FROM scratch` images built by the Docker engine on this machine
//! and pushed to Debian's `docker-registry` on loopback, with htpasswd auth so the login
//! (password on stdin, temporary config folder) is exercised.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::ProgressDrawTarget;
use tug::image::{
    build_and_push, BuildRequest, Engine, EngineKind, ImageError, Line, Phase, PushedImage,
};
use tug::ui::engine_output::{ImageView, Mode};

use crate::support::images::{busybox, docker, scratch_context, which, LocalRegistry, SharedBuf};
use crate::support::need;

fn request(context: &Path, repository: &str, tag: &str) -> BuildRequest {
    BuildRequest {
        name: "web".into(),
        sidecar: None,
        context: context.to_path_buf(),
        dockerfile: context.join("Dockerfile"),
        args: BTreeMap::new(),
        target: None,
        cache_from: Vec::new(),
        platform: None,
        labels: [("tug:workload".to_string(), "web".to_string())].into(),
        repository: repository.into(),
        tag: tag.into(),
    }
}

/// Runs `build_and_push`, collecting every line the engine printed.
fn push(
    engine: &Engine,
    req: &BuildRequest,
    registry: &tug::image::Registry,
) -> (Result<PushedImage, ImageError>, Vec<Line>) {
    let lines = RefCell::new(Vec::new());
    let result = build_and_push(engine, req, registry, &|l| lines.borrow_mut().push(l));
    (result, lines.into_inner())
}

#[test]
fn a_pushed_image_is_pinned_by_the_digest_the_registry_serves() {
    let engine = need!(docker());
    let busybox = need!(busybox());
    let registry = need!(LocalRegistry::start());
    let ctx = scratch_context(&busybox, "one\n");
    let req = request(ctx.path(), "demo/web", "v1");

    let (first, lines) = push(&engine, &req, &registry.credentials());
    let first = first.unwrap_or_else(|e| panic!("{e}"));
    assert!(first.digest.starts_with("sha256:") && first.digest.len() == 71);
    assert_eq!(first.tag, "v1");
    assert_eq!(
        first.uri_with_digest,
        format!("{}/demo/web@{}", registry.host, first.digest)
    );
    assert_eq!(
        registry.manifest_digest("demo/web", "v1"),
        (200, Some(first.digest.clone())),
        "the registry serves the manifest for the tag with the digest tug returned"
    );
    for phase in [Phase::Build, Phase::Login, Phase::Push] {
        assert!(
            lines.iter().any(|l| l.phase == phase),
            "no {phase:?} output in {lines:?}"
        );
    }

    // No source change: the engine's cache, the same image, the same digest.
    let (again, _) = push(&engine, &req, &registry.credentials());
    let again = again.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.digest, first.digest, "a rebuild with no change");

    // A changed file, the same tag: a new digest, and the tag now serves it.
    std::fs::write(ctx.path().join("hello.txt"), "two\n").unwrap();
    let (changed, _) = push(&engine, &req, &registry.credentials());
    let changed = changed.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(changed.digest, first.digest, "a rebuild after a change");
    assert_eq!(
        registry.manifest_digest("demo/web", "v1"),
        (200, Some(changed.digest.clone()))
    );
}

#[test]
fn credentials_stay_out_of_the_users_config_and_tugs_output() {
    let engine = need!(docker());
    let busybox = need!(busybox());
    let registry = need!(LocalRegistry::start());
    let home = tempfile::tempdir().unwrap();
    let docker_dir = home.path().join(".docker");
    std::fs::create_dir(&docker_dir).unwrap();
    let original = b"{\n\t\"auths\": {\n\t\t\"example.com\": {\n\t\t\t\"auth\": \"dXNlcjpvbGQ=\"\n\t\t}\n\t},\n\t\"detachKeys\": \"ctrl-e,e\"\n}";
    std::fs::write(docker_dir.join("config.json"), original).unwrap();
    let engine = engine
        .env("HOME", home.path())
        .env("DOCKER_CONFIG", &docker_dir);

    let ctx = scratch_context(&busybox, "secret-test\n");
    let req = request(ctx.path(), "demo/api", "v1");
    let shown = SharedBuf::default();
    let view = ImageView::new(
        Mode::Lines,
        ProgressDrawTarget::hidden(),
        Box::new(shown.clone()),
    );
    let output = view.output("api");
    let lines = RefCell::new(Vec::new());
    let pushed = build_and_push(&engine, &req, &registry.credentials(), &|l: Line| {
        lines.borrow_mut().push(l.text.clone());
        output.line(l);
    })
    .unwrap_or_else(|e| panic!("{e}"));
    output.finish(&format!("pushed {}", pushed.uri_with_digest));

    assert_eq!(
        std::fs::read(docker_dir.join("config.json")).unwrap(),
        original,
        "the user's docker config is byte-identical"
    );
    let entries: Vec<_> = std::fs::read_dir(&docker_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        entries,
        ["config.json"],
        "nothing new in the user's docker folder"
    );
    let shown = shown.text();
    assert!(
        shown.contains("api | ") && shown.contains(&pushed.digest),
        "{shown}"
    );
    assert!(lines.borrow().iter().any(|l| l.contains("Login Succeeded")));
    for text in lines
        .borrow()
        .iter()
        .chain([&shown, &format!("{pushed:?}")])
    {
        assert!(
            !text.contains(&registry.password),
            "the password shows in {text}"
        );
    }

    // A wrong password fails the login, and the error does not echo it either.
    let mut wrong = registry.credentials();
    wrong.password = format!("{}-wrong", registry.password);
    let (result, lines) = push(&engine, &req, &wrong);
    let err = result.expect_err("a wrong password cannot log in");
    assert!(matches!(err, ImageError::LoginFailed { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("401") || text.contains("unauthorized"),
        "{text}"
    );
    assert!(!text.contains(&wrong.password));
    assert!(lines.iter().all(|l| !l.text.contains(&wrong.password)));
    assert_eq!(
        std::fs::read(docker_dir.join("config.json")).unwrap(),
        original
    );
}

#[test]
fn a_failing_build_reports_the_engines_last_lines() {
    let engine = need!(docker());
    let busybox = need!(busybox());
    let ctx = scratch_context(&busybox, "x\n");
    let mut dockerfile = String::from("FROM scratch\nCOPY busybox /bin/busybox\n");
    dockerfile.push_str(
        "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"for i in $(/bin/busybox seq 1 40); do echo tug-line-$i; done; exit 3\"]\n",
    );
    std::fs::write(ctx.path().join("Dockerfile"), dockerfile).unwrap();
    let registry = tug::image::Registry {
        host: "127.0.0.1:9".into(),
        username: "AWS".into(),
        password: "unused".into(),
    };
    let (result, lines) = push(&engine, &request(ctx.path(), "demo/bad", "v1"), &registry);
    let err = result.expect_err("the build fails");
    let ImageError::BuildFailed { name, tail, .. } = &err else {
        panic!("not a build failure: {err}");
    };
    assert_eq!(name, "web");
    assert_eq!(tail.len(), tug::image::TAIL_LINES);
    assert_eq!(
        tail.as_slice(),
        &lines[lines.len() - 30..]
            .iter()
            .map(|l| l.text.clone())
            .collect::<Vec<_>>()[..]
    );
    let text = err.to_string();
    assert!(
        text.contains("tug-line-40") && text.contains("returned a non-zero code: 3"),
        "{text}"
    );
    assert!(
        !text.contains("tug-line-5\n"),
        "only the last 30 lines: {text}"
    );
    assert!(
        lines.iter().all(|l| l.phase == Phase::Build),
        "nothing was pushed"
    );
    let user: tug::error::Error = err.into();
    assert_eq!(user.exit_code(), 1);
}

#[test]
fn no_engine_on_path_says_what_to_install() {
    let empty = tempfile::tempdir().unwrap();
    let err = Engine::find(None, empty.path().as_os_str()).unwrap_err();
    let user: tug::error::Error = err.into();
    let tug::error::Error::User { message, help } = &user else {
        panic!("{user:?}");
    };
    assert!(
        message.contains("neither `docker` nor `podman` is on PATH"),
        "{message}"
    );
    let help = help.as_deref().unwrap_or_default();
    assert!(
        help.contains("install Docker") && help.contains("Podman"),
        "{help}"
    );
    assert_eq!(user.exit_code(), 1);

    let err = Engine::find(Some(EngineKind::Podman), empty.path().as_os_str()).unwrap_err();
    assert!(err.to_string().contains("`podman` is not on PATH"));

    // With docker alone on PATH, it is found.
    if let Some(docker) = which("docker") {
        let dir = docker.parent().unwrap();
        let engine = Engine::find(None, dir.as_os_str()).unwrap();
        assert_eq!(engine.kind, EngineKind::Docker);
    }
}

/// `scripts/bench-image` runs this: tug's own time around build + login + push (the call's
/// wall time less the time inside engine processes), and the wall time of a rebuild with no
/// source change.
#[test]
#[ignore = "a benchmark: scripts/bench-image"]
fn bench_build_and_push() {
    let engine = need!(docker());
    let busybox = need!(busybox());
    let registry = need!(LocalRegistry::start());
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    let ctx = scratch_context(&busybox, "bench\n");
    let req = request(ctx.path(), "bench/web", "v1");
    let creds = registry.credentials();
    let once = |changed: Option<usize>| {
        if let Some(i) = changed {
            std::fs::write(ctx.path().join("hello.txt"), format!("bench {i}\n")).unwrap();
        }
        let started = Instant::now();
        let pushed =
            build_and_push(&engine, &req, &creds, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
        (started.elapsed(), pushed)
    };
    once(None);
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (mut walls, mut overheads, mut digests) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (wall, pushed) = once(None);
        overheads.push(wall - pushed.engine_time);
        walls.push(wall);
        digests.push(pushed.digest);
    }
    digests.dedup();
    assert_eq!(digests.len(), 1, "no source change, one digest");
    let (mut changed_walls, mut changed_overheads) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let (wall, pushed) = once(Some(i));
        changed_overheads.push(wall - pushed.engine_time);
        changed_walls.push(wall);
    }
    println!("runs: {runs} each");
    println!(
        "no source change:   wall median {:?} (min {:?}), tug overhead median {:?} (max {:?})",
        median(walls.clone()),
        walls.iter().min().unwrap(),
        median(overheads.clone()),
        overheads.iter().max().unwrap()
    );
    println!(
        "changed file:       wall median {:?} (min {:?}), tug overhead median {:?} (max {:?})",
        median(changed_walls.clone()),
        changed_walls.iter().min().unwrap(),
        median(changed_overheads.clone()),
        changed_overheads.iter().max().unwrap()
    );
}
