//! `tug init`, `app init`, `svc init`, `job init` and `env init` without a terminal: flags
//! answer every question, a missing answer names its flag, and what is written passes
//! `tug validate`, renders, and passes cfn-lint.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::corpus::corpora;
use crate::support::workspace::tree_named;
use crate::support::{self, stderr, tug};

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    tree_named("shop-", files)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    support::run_in(dir, args)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    stderr(&support::ok(tug().current_dir(dir).args(args)))
}

/// Fails with `code`; returns stderr.
fn fails(dir: &Path, args: &[&str], code: i32) -> String {
    let o = run(dir, args);
    assert_eq!(o.status.code(), Some(code), "tug {args:?}:\n{}", stderr(&o));
    stderr(&o)
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

const API: &str = "FROM scratch\nEXPOSE 8080/tcp\nCMD [\"/api\"]\n";
const PLAIN: &str = "FROM scratch\nCMD [\"/app\"]\n";

#[test]
fn init_with_flags_writes_a_workspace_that_validates_and_packages() {
    let r = repo(&[("api/Dockerfile", API)]);
    let said = ok(
        r.path(),
        &[
            "init",
            "--app",
            "shop",
            "--name",
            "api",
            "--type",
            "lb-web-service",
        ],
    );
    assert!(
        said.contains("using api/Dockerfile, the only Dockerfile found"),
        "{said}"
    );
    assert!(said.contains("wrote tug/api/manifest.yml"), "{said}");
    assert_eq!(
        files(&r.path().join("tug")),
        [
            ".workspace",
            "api/manifest.yml",
            "environments/test/manifest.yml"
        ]
    );
    assert_eq!(
        support::read(&r.path().join("tug/.workspace")),
        "application: shop\n"
    );
    let manifest = support::read(&r.path().join("tug/api/manifest.yml"));
    assert!(
        manifest.contains("type: Load Balanced Web Service"),
        "{manifest}"
    );
    assert!(manifest.contains("build: \"api/Dockerfile\""), "{manifest}");
    assert!(
        manifest.contains("port: 8080"),
        "the EXPOSEd port:\n{manifest}"
    );
    assert!(
        manifest.contains("#variables:"),
        "commented examples:\n{manifest}"
    );

    let said = ok(r.path(), &["validate"]);
    assert!(said.contains("2 manifests valid"), "{said}");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    ok(
        r.path(),
        &["env", "package", "-n", "test", "--output-dir", dir],
    );
    ok(
        r.path(),
        &[
            "svc",
            "package",
            "-n",
            "api",
            "-e",
            "test",
            "--output-dir",
            dir,
        ],
    );
    crate::support::cfn_lint::lint(&[
        out.path().join("tug-shop-test.yml"),
        out.path().join("tug-shop-test-api.yml"),
    ]);
}

#[test]
fn every_workload_type_validates_and_services_render_for_cfn_lint() {
    let r = repo(&[("api/Dockerfile", API), ("web/Dockerfile", PLAIN)]);
    let p = r.path();
    ok(p, &["app", "init", "shop"]);
    ok(p, &["env", "init", "-n", "test", "--default-config"]);
    ok(
        p,
        &[
            "svc",
            "init",
            "-n",
            "web",
            "--type",
            "Load Balanced Web Service",
            "--dockerfile",
            "web/Dockerfile",
            "--port",
            "3000",
        ],
    );
    ok(
        p,
        &[
            "svc",
            "init",
            "-n",
            "api",
            "--type",
            "backend",
            "--dockerfile",
            "api/Dockerfile",
        ],
    );
    ok(
        p,
        &[
            "svc",
            "init",
            "-n",
            "cache",
            "--type",
            "backend",
            "--image",
            "public.ecr.aws/docker/library/redis:7",
        ],
    );
    ok(
        p,
        &[
            "svc",
            "init",
            "-n",
            "queue",
            "--type",
            "worker",
            "--dockerfile",
            "web/Dockerfile",
        ],
    );
    ok(
        p,
        &[
            "job",
            "init",
            "-n",
            "report",
            "--schedule",
            "cron(0 12 * * ? *)",
            "--image",
            "busybox:1.36",
            "--retries",
            "2",
            "--timeout",
            "1h30m",
        ],
    );
    ok(
        p,
        &[
            "job",
            "init",
            "-n",
            "nightly",
            "--schedule",
            "@every 1h30m",
            "--dockerfile",
            "api/Dockerfile",
        ],
    );
    let said = ok(p, &["validate"]);
    assert!(said.contains("7 manifests valid"), "{said}");
    let api = support::read(&p.join("tug/api/manifest.yml"));
    assert!(api.contains("port: 8080"), "{api}");
    let cache = support::read(&p.join("tug/cache/manifest.yml"));
    assert!(
        cache.contains("# port: 8080"),
        "no port, as a comment:\n{cache}"
    );
    let report = support::read(&p.join("tug/report/manifest.yml"));
    assert!(
        report.contains("schedule: \"cron(0 12 * * ? *)\""),
        "{report}"
    );
    assert!(report.contains("retries: 2"), "{report}");

    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let mut templates = Vec::new();
    for svc in ["web", "api", "cache"] {
        ok(p, &["svc", "package", "-n", svc, "--output-dir", dir]);
        templates.push(out.path().join(format!("tug-shop-test-{svc}.yml")));
    }
    ok(p, &["env", "package", "--output-dir", dir]);
    templates.push(out.path().join("tug-shop-test.yml"));
    crate::support::cfn_lint::lint(&templates);
}

#[test]
fn environments_import_or_configure_a_vpc_and_render() {
    let r = repo(&[]);
    let p = r.path();
    ok(p, &["app", "init", "shop"]);
    ok(
        p,
        &[
            "env",
            "init",
            "-n",
            "prod",
            "--import-vpc-id",
            "vpc-0123456789abcdef0",
            "--import-public-subnets",
            "subnet-11111111,subnet-22222222",
            "--import-private-subnets",
            "subnet-33333333,subnet-44444444",
        ],
    );
    ok(
        p,
        &[
            "env",
            "init",
            "-n",
            "stage",
            "--override-vpc-cidr",
            "10.1.0.0/16",
            "--override-az-names",
            "us-east-1a,us-east-1b",
            "--override-public-cidrs",
            "10.1.0.0/24,10.1.1.0/24",
            "--override-private-cidrs",
            "10.1.2.0/24,10.1.3.0/24",
            "--container-insights",
        ],
    );
    let prod = support::read(&p.join("tug/environments/prod/manifest.yml"));
    assert!(
        prod.contains("id: \"vpc-0123456789abcdef0\"")
            && prod.contains("- id: \"subnet-44444444\""),
        "{prod}"
    );
    let stage = support::read(&p.join("tug/environments/stage/manifest.yml"));
    assert!(
        stage.contains("az: \"us-east-1b\"") && stage.contains("container_insights: true"),
        "{stage}"
    );
    let said = ok(p, &["validate"]);
    assert!(said.contains("2 manifests valid"), "{said}");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    ok(p, &["env", "package", "-n", "prod", "--output-dir", dir]);
    ok(p, &["env", "package", "-n", "stage", "--output-dir", dir]);
    crate::support::cfn_lint::lint(&[
        out.path().join("tug-shop-prod.yml"),
        out.path().join("tug-shop-stage.yml"),
    ]);

    let err = fails(
        p,
        &[
            "env",
            "init",
            "-n",
            "qa",
            "--import-vpc-id",
            "vpc-0123456789abcdef0",
            "--import-public-subnets",
            "subnet-11111111",
            "--import-private-subnets",
            "subnet-33333333,subnet-44444444",
        ],
        2,
    );
    assert!(
        err.contains("--import-public-subnets") && err.contains("at least 2"),
        "{err}"
    );
    let err = fails(p, &["env", "init", "-n", "qa"], 2);
    assert!(err.contains("--default-config"), "names the flag:\n{err}");
    assert!(!p.join("tug/environments/qa").exists());
}

#[test]
fn no_dockerfile_asks_for_an_image_flag() {
    let r = repo(&[("README.md", "# shop\n")]);
    let err = fails(
        r.path(),
        &[
            "init", "--app", "shop", "--name", "api", "--type", "backend",
        ],
        2,
    );
    assert!(err.contains("no Dockerfile found"), "{err}");
    assert!(
        err.contains("pass --dockerfile PATH or --image URI"),
        "{err}"
    );
    assert!(!r.path().join("tug").exists(), "nothing is written");

    ok(
        r.path(),
        &[
            "init",
            "--app",
            "shop",
            "--name",
            "api",
            "--type",
            "backend",
            "--image",
            "nginx:1.27",
        ],
    );
    let manifest = support::read(&r.path().join("tug/api/manifest.yml"));
    assert!(manifest.contains("location: \"nginx:1.27\""), "{manifest}");
}

#[test]
fn several_dockerfiles_are_listed_skipping_dependencies_and_ignored_folders() {
    let r = repo(&[
        ("Dockerfile.dev", PLAIN),
        ("services/api/Dockerfile", API),
        ("worker.Dockerfile", PLAIN),
        ("node_modules/pkg/Dockerfile", PLAIN),
        ("target/debug/Dockerfile", PLAIN),
        ("vendor/lib/Dockerfile", PLAIN),
        (".venv/lib/Dockerfile", PLAIN),
        (".git/Dockerfile", PLAIN),
        ("build/out/Dockerfile", PLAIN),
        (".gitignore", "build/\n"),
    ]);
    let err = fails(
        r.path(),
        &[
            "init", "--app", "shop", "--name", "api", "--type", "backend",
        ],
        2,
    );
    assert!(err.contains("(3 found)"), "{err}");
    assert!(
        err.contains("found: Dockerfile.dev, worker.Dockerfile, services/api/Dockerfile"),
        "{err}"
    );
    for skipped in [
        "node_modules",
        "target/",
        "vendor",
        ".venv",
        ".git/",
        "build/",
    ] {
        assert!(!err.contains(skipped), "{skipped} is skipped:\n{err}");
    }
    let err = fails(r.path(), &["init", "--yes", "--app", "shop"], 2);
    assert!(
        err.contains("--dockerfile PATH"),
        "--yes does not pick one of several:\n{err}"
    );

    ok(
        r.path(),
        &["init", "--yes", "--dockerfile", "services/api/Dockerfile"],
    );
    let manifest = support::read(&r.path().join("tug/api/manifest.yml"));
    assert!(
        manifest.contains("name: api"),
        "named after the folder:\n{manifest}"
    );
    assert!(
        manifest.contains("build: \"services/api/Dockerfile\""),
        "{manifest}"
    );
    assert!(manifest.contains("port: 8080"), "{manifest}");
    let ws = support::read(&r.path().join("tug/.workspace"));
    assert!(
        ws.starts_with("application: shop-"),
        "the folder's name: {ws}"
    );
}

#[test]
fn missing_answers_name_their_flags_at_once() {
    let r = repo(&[("web/Dockerfile", PLAIN)]);
    let p = r.path();
    let err = fails(p, &["init"], 2);
    assert!(err.contains("pass --app NAME"), "{err}");
    let err = fails(p, &["init", "--app", "shop"], 2);
    assert!(err.contains("pass --type TYPE"), "{err}");
    let err = fails(p, &["init", "--app", "shop", "--type", "lbws"], 2);
    assert!(err.contains("pass --name NAME"), "{err}");
    let err = fails(
        p,
        &["init", "--app", "shop", "--type", "lbws", "--name", "web"],
        2,
    );
    assert!(
        err.contains("pass --port N"),
        "no EXPOSE, so the port is a question:\n{err}"
    );
    let err = fails(
        p,
        &["init", "--app", "shop", "--type", "job", "--name", "web"],
        2,
    );
    assert!(err.contains("pass --schedule EXPR"), "{err}");
    assert!(!p.join("tug").exists(), "nothing is written");

    // --no-input refuses even what --yes would accept.
    let err = fails(
        p,
        &["init", "--no-input", "--app", "shop", "--type", "lbws"],
        2,
    );
    assert!(err.contains("--name NAME"), "{err}");

    // --yes takes the proposed answers: folder names, the first type, port 80.
    ok(p, &["init", "--yes"]);
    let manifest = support::read(&p.join("tug/web/manifest.yml"));
    assert!(
        manifest.contains("type: Load Balanced Web Service"),
        "{manifest}"
    );
    assert!(manifest.contains("port: 80\n"), "{manifest}");
}

#[test]
fn flags_are_checked_with_the_reason() {
    let r = repo(&[("web/Dockerfile", PLAIN)]);
    let p = r.path();
    let err = fails(p, &["init", "--app", "Shop_App", "--yes"], 2);
    assert!(err.contains("--app") && err.contains("lowercase"), "{err}");
    assert!(err.contains("try `--app shop-app`"), "{err}");
    let err = fails(p, &["init", "--app", "shop", "--name", "a--b", "--yes"], 2);
    assert!(err.contains("`--`"), "{err}");
    let err = fails(
        p,
        &[
            "init",
            "--app",
            "shop",
            "--type",
            "job",
            "--schedule",
            "rate(5 minute)",
            "--yes",
        ],
        2,
    );
    assert!(
        err.contains("--schedule") && err.contains("rate(5 minute)"),
        "{err}"
    );
    let err = fails(p, &["init", "--type", "web-app"], 2);
    assert!(
        err.contains("Load Balanced Web Service"),
        "lists the types:\n{err}"
    );
    let err = fails(p, &["init", "--dockerfile", "nope/Dockerfile", "--yes"], 1);
    assert!(err.contains("nope/Dockerfile: no such file"), "{err}");
    assert!(!p.join("tug").exists());
}

#[test]
fn a_copilot_workspace_is_used_as_it_is() {
    for corpus in corpora() {
        let r = repo(&[("copilot/.workspace", "application: petstore\n")]);
        for (name, fixture) in &corpus.copilot_app {
            let dst = r.path().join("copilot").join(name).join("manifest.yml");
            std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
            std::fs::copy(corpus.path().join(fixture), dst).unwrap();
        }
        let before = files(r.path());
        let said = ok(r.path(), &["init", "--yes"]);
        assert!(
            said.contains(
                "found Copilot application petstore with 2 services and 1 job; tug will use it as it is"
            ),
            "{}: {said}",
            corpus.dir
        );
        assert_eq!(files(r.path()), before, "nothing is written");
        assert!(!r.path().join("tug").exists());
    }
}

#[test]
fn existing_manifests_are_kept_unless_forced() {
    let r = repo(&[("api/Dockerfile", API)]);
    let p = r.path();
    let args = [
        "init", "--app", "shop", "--name", "api", "--type", "backend",
    ];
    ok(p, &args);
    let manifest: PathBuf = p.join("tug/api/manifest.yml");
    std::fs::write(&manifest, "# mine\n").unwrap();

    let err = fails(p, &args, 1);
    assert!(err.contains("tug/api/manifest.yml already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(support::read(&manifest), "# mine\n");

    let err = fails(
        p,
        &["svc", "init", "-n", "api", "--type", "worker", "--yes"],
        1,
    );
    assert!(err.contains("already exists"), "{err}");
    let err = fails(p, &["app", "init", "other"], 1);
    assert!(err.contains("already names application `shop`"), "{err}");
    let err = fails(p, &["env", "init", "-n", "test", "--default-config"], 1);
    assert!(err.contains("already exists"), "{err}");
    let err = fails(p, &["init", "--app", "other", "--yes"], 1);
    assert!(err.contains("application `shop`, not `other`"), "{err}");

    let mut forced = args.to_vec();
    forced.push("--force");
    ok(p, &forced);
    assert!(support::read(&manifest).contains("type: Backend Service"));
    let left: Vec<String> = files(&p.join("tug"))
        .into_iter()
        .filter(|f| f.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "no temporary files left: {left:?}");
}

#[test]
fn init_with_deploy_deploys_the_environment_then_the_service() {
    let Some(moto) = crate::support::moto::Moto::start() else {
        return;
    };
    let r = repo(&[("api/Dockerfile", API)]);
    let out = moto
        .tug()
        .current_dir(r.path())
        .args([
            "init",
            "--yes",
            "--app",
            "shop",
            "--image",
            "public.ecr.aws/nginx/nginx:1.27",
            "--type",
            "Backend Service",
            "--name",
            "api",
            "--deploy",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(r.path().join("tug/api/manifest.yml").is_file());
    let env_step = err.find("==> tug env deploy -n test").expect(&err);
    let svc_step = err.find("==> tug svc deploy -n api -e test").expect(&err);
    assert!(env_step < svc_step, "the environment deploys first:\n{err}");
    // What init deployed is there for `svc ls` from any checkout.
    let ls = moto
        .tug()
        .current_dir(r.path())
        .args(["--json", "svc", "ls"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&ls.stdout).contains("\"api\""),
        "{}",
        String::from_utf8_lossy(&ls.stdout)
    );
}

#[test]
fn app_init_names_the_application_after_the_folder() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("My_Shop");
    std::fs::create_dir(&dir).unwrap();
    let err = fails(&dir, &["app", "init"], 2);
    assert!(err.contains("pass NAME"), "{err}");
    ok(&dir, &["app", "init", "--yes"]);
    assert_eq!(
        support::read(&dir.join("tug/.workspace")),
        "application: my-shop\n"
    );
}
