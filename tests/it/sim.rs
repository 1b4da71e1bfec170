//! `tug sim`: exit codes, JSON shapes and located errors, through the real binary.

use crate::support::{root, tug};

fn fixture(name: &str) -> String {
    root().join("tests/sim").join(name).display().to_string()
}

fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let out = tug().arg("--json").args(args).output().expect("tug runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (value, out.status.code().unwrap_or(-1))
}

#[test]
fn run_places_everything_and_exits_0_with_the_documented_json() {
    let (v, code) = json(&["sim", "run", &fixture("ok.yml")]);
    assert_eq!(code, 0);
    assert_eq!(v["placed"], 17);
    assert_eq!(v["unplaced"], 0);
    let api = &v["groups"][0];
    assert_eq!(api["name"], "service:api");
    assert_eq!(api["desired"], 12);
    assert_eq!(api["placed"], 12);
    assert_eq!(api["by_az"]["us-east-1a"], 6);
    assert_eq!(api["by_az"]["us-east-1b"], 6);
    assert!(api["reasons"].as_object().is_some_and(|r| r.is_empty()));
    let by_instance: u64 = api["by_instance"]
        .as_object()
        .map(|m| m.values().filter_map(|n| n.as_u64()).sum())
        .unwrap_or(0);
    assert_eq!(by_instance, 12);
    assert_eq!(v["groups"][1]["name"], "etl");
    let inst = &v["instances"][0];
    for key in ["id", "az", "type", "cpu_free", "memory_free", "tasks"] {
        assert!(inst.get(key).is_some(), "instances[0].{key} missing");
    }
    assert_eq!(inst["id"], "web-1");
    let rollout = &v["rollouts"][0];
    assert_eq!(rollout["service"], "api");
    assert_eq!(rollout["at"], 60);
    assert_eq!(rollout["stuck"], false);
    assert_eq!(rollout["failed"], false);
    assert_eq!(
        rollout["steps"][0],
        serde_json::json!({"started": 8, "stopped": 0, "failed": 0, "running_old": 8, "running_new": 8})
    );
    assert_eq!(
        v["scaling"][0],
        serde_json::json!({"service": "api", "at": 240, "from": 8, "to": 12, "reason": "cpu 85 > 60"})
    );
    assert!(v["warnings"].as_array().is_some_and(|w| w.is_empty()));
}

#[test]
fn reference_placer_gives_the_same_report() {
    for f in ["ok.yml", "unplaced.yml", "issue-example.yml"] {
        let (fast, a) = json(&["sim", "run", &fixture(f)]);
        let (reference, b) = json(&["sim", "run", "--reference", &fixture(f)]);
        assert_eq!(fast, reference, "{f}");
        assert_eq!(a, b);
    }
}

#[test]
fn seed_flag_changes_random_placement() {
    let (a, _) = json(&["sim", "run", "--seed", "1", &fixture("ok.yml")]);
    let (b, _) = json(&["sim", "run", "--seed", "1", &fixture("ok.yml")]);
    assert_eq!(a, b, "same seed, same placement");
    let etl = |v: &serde_json::Value| v["groups"][1]["by_instance"].clone();
    let differs = (2..12).any(|s| {
        let (c, _) = json(&["sim", "run", "--seed", &s.to_string(), &fixture("ok.yml")]);
        etl(&c) != etl(&a)
    });
    assert!(differs, "RunTask's default random strategy follows --seed");
}

#[test]
fn unplaced_tasks_exit_1_with_reason_codes() {
    let (v, code) = json(&["sim", "run", &fixture("unplaced.yml")]);
    assert_eq!(code, 1);
    assert_eq!(v["unplaced"], 6);
    let reasons = |i: usize| v["groups"][i]["reasons"].clone();
    assert_eq!(reasons(0), serde_json::json!({"RESOURCE:CPU": 2}));
    assert_eq!(reasons(1), serde_json::json!({"RESOURCE:ENI": 2}));
    assert_eq!(
        reasons(2),
        serde_json::json!({"CONSTRAINT:memberOf attribute:ecs.instance-type in [t2.small, t2.medium]": 1})
    );
    assert_eq!(reasons(3), serde_json::json!({"RESOURCE:PORTS": 1}));
    assert_eq!(v["instances"][2]["status"], "DRAINING");
}

#[test]
fn stuck_rollout_exits_1_and_says_why() {
    let (v, code) = json(&["sim", "run", &fixture("stuck.yml")]);
    assert_eq!(code, 1);
    assert_eq!(v["unplaced"], 0);
    assert_eq!(v["rollouts"][0]["stuck"], true);
    let out = tug()
        .args(["sim", "run", &fixture("stuck.yml")])
        .output()
        .expect("tug runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("STUCK"), "{text}");
    assert!(
        text.contains("maximumPercent 125 allows starting none"),
        "{text}"
    );
}

#[test]
fn invalid_scenario_exits_2_naming_file_line_and_column() {
    let out = tug()
        .args(["sim", "run", "tests/sim/bad-key.yml"])
        .current_dir(root())
        .output()
        .expect("tug runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown key `cont` in an instance"), "{err}");
    assert!(err.contains("tests/sim/bad-key.yml:3:5"), "{err}");
    assert!(err.contains("did you mean `count`?"), "{err}");
    assert!(err.contains("no task definition named `apii`"), "{err}");
    assert!(err.contains("tests/sim/bad-key.yml:8:22"), "{err}");
}

#[test]
fn query_errors_point_at_the_column_inside_the_expression() {
    let out = tug()
        .args(["sim", "run", "tests/sim/bad-query.yml"])
        .current_dir(root())
        .output()
        .expect("tug runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("expected operator after attribute:stack at column 17"),
        "{err}"
    );
    assert!(err.contains("tests/sim/bad-query.yml:10:38"), "{err}");
    let (v, code) = json(&["sim", "run", &fixture("bad-query.yml")]);
    assert_eq!(code, 2);
    assert_eq!(v["valid"], false);
    assert_eq!(v["diagnostics"][0]["line"], 10);
    assert_eq!(v["diagnostics"][0]["column"], 38);
    assert_eq!(v["diagnostics"][0]["code"], "query");
}

#[test]
fn missing_scenario_file_is_an_error_naming_it() {
    let out = tug()
        .args(["sim", "run", "no-such.yml"])
        .output()
        .expect("tug runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no-such.yml"));
}

#[test]
fn fargate_valid_size_exits_0_with_price() {
    let (v, code) = json(&["sim", "fargate", "--cpu", "256", "--memory", "512"]);
    assert_eq!(code, 0);
    assert_eq!(v["valid"], true);
    assert_eq!(v["cpu"], 256);
    assert_eq!(v["memory"], 512);
    assert_eq!(v["platform"], "linux/x86_64");
    assert_eq!(v["suggestions"], serde_json::json!([]));
    let price = v["price_per_hour"].as_f64().unwrap_or(0.0);
    assert!(
        (price - (0.25 * 0.04048 + 0.5 * 0.004445)).abs() < 1e-6,
        "{price}"
    );
}

#[test]
fn fargate_arm_is_cheaper() {
    let (x86, _) = json(&["sim", "fargate", "--cpu", "1024", "--memory", "2048"]);
    let (arm, code) = json(&[
        "sim",
        "fargate",
        "--cpu",
        "1024",
        "--memory",
        "2048",
        "--platform",
        "linux/arm64",
    ]);
    assert_eq!(code, 0);
    assert_eq!(arm["platform"], "linux/arm64");
    let p = arm["price_per_hour"].as_f64().unwrap_or(0.0);
    assert!((p - (0.03238 + 2.0 * 0.00356)).abs() < 1e-6, "{p}");
    assert!(p < x86["price_per_hour"].as_f64().unwrap_or(0.0));
}

#[test]
fn fargate_invalid_size_exits_1_with_nearest_sizes() {
    let (v, code) = json(&["sim", "fargate", "--cpu", "1024", "--memory", "1024"]);
    assert_eq!(code, 1);
    assert_eq!(v["valid"], false);
    assert_eq!(v["price_per_hour"], serde_json::Value::Null);
    let s = v["suggestions"].as_array().cloned().unwrap_or_default();
    assert!(
        s.contains(&serde_json::json!({"cpu": 1024, "memory": 2048})),
        "{s:?}"
    );
    assert!(
        s.contains(&serde_json::json!({"cpu": 512, "memory": 1024})),
        "{s:?}"
    );
    let out = tug()
        .args(["sim", "fargate", "--cpu", "1024", "--memory", "1024"])
        .output()
        .expect("tug runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("try cpu 1024 / memory 2048"), "{text}");
    // Windows needs at least 1024 CPU.
    let (w, code) = json(&[
        "sim",
        "fargate",
        "--cpu",
        "512",
        "--memory",
        "1024",
        "--platform",
        "windows/x86_64",
    ]);
    assert_eq!((code, w["valid"].clone()), (1, serde_json::json!(false)));
}

#[test]
fn fargate_unknown_platform_is_a_usage_error() {
    let out = tug()
        .args([
            "sim",
            "fargate",
            "--cpu",
            "256",
            "--memory",
            "512",
            "--platform",
            "mac/arm64",
        ])
        .output()
        .expect("tug runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--platform mac/arm64"));
}

#[test]
fn gen_output_runs_and_places_everything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = tug()
        .args([
            "sim",
            "gen",
            "--instances",
            "300",
            "--tasks",
            "5000",
            "--azs",
            "3",
            "--seed",
            "4",
        ])
        .output()
        .expect("tug runs");
    assert_eq!(out.status.code(), Some(0));
    let path = dir.path().join("big.yml");
    std::fs::write(&path, &out.stdout).expect("write scenario");
    let (v, code) = json(&["sim", "run", &path.display().to_string()]);
    assert_eq!(code, 0);
    assert_eq!(v["placed"], 5000);
    assert_eq!(v["instances"].as_array().map(Vec::len), Some(300));
    // Spread over 3 AZs: within one task of each other per service.
    for g in v["groups"].as_array().cloned().unwrap_or_default() {
        let counts: Vec<u64> = g["by_az"]
            .as_object()
            .map(|m| m.values().filter_map(|n| n.as_u64()).collect())
            .unwrap_or_default();
        assert_eq!(counts.len(), 3);
        assert!(
            counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0) <= 1,
            "{counts:?}"
        );
    }
}

#[test]
fn help_documents_the_model_choices() {
    for args in [["sim", "--help"], ["sim", "run"]] {
        let mut args = args.to_vec();
        if args[1] == "run" {
            args.push("--help");
        }
        let out = tug().args(&args).output().expect("tug runs");
        let text = String::from_utf8_lossy(&out.stdout);
        for choice in [
            "chaining: lexicographic",
            "precedence: not-and-or",
            "breaker_minimum: 3",
            "scale_in_ratio: 0.9",
        ] {
            assert!(text.contains(choice), "{choice} missing from help:\n{text}");
        }
    }
}

#[test]
fn scenario_warnings_are_located_and_in_the_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.yml");
    std::fs::write(
        &path,
        "instances: [{type: m5.large}]\ntask_definitions:\n  t: {cpu: 256, memory: 256}\nservices:\n  - {name: a, task_definition: t, desired: 1, azs: [us-east-1a]}\n",
    )
    .expect("write scenario");
    let (v, code) = json(&["sim", "run", &path.display().to_string()]);
    assert_eq!(code, 0);
    let w = v["warnings"][0].as_str().unwrap_or("");
    assert!(
        w.ends_with(
            "w.yml:5:52: azs is for Fargate services; EC2 tasks go where the instances are"
        ),
        "{w}"
    );
}

#[test]
fn timeline_fails_an_az_drains_scales_and_tracks_a_target() {
    let (v, code) = json(&["sim", "run", &fixture("events.yml")]);
    // The standalone task lost with us-east-1a is not rescheduled: exit 1.
    assert_eq!(code, 1);
    let web = &v["groups"][0];
    assert_eq!(web["name"], "service:web");
    assert_eq!(
        (web["desired"].clone(), web["placed"].clone()),
        (4.into(), 4.into())
    );
    assert_eq!(
        web["by_az"],
        serde_json::json!({"us-east-1b": 2, "us-east-1c": 2})
    );
    assert!(web["by_instance"].get("web-2").is_none(), "drained");
    let moves: Vec<(u64, u64, u64)> = v["scaling"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            (
                s["at"].as_u64().unwrap_or(0),
                s["from"].as_u64().unwrap_or(0),
                s["to"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // 240: ceil(8 x 75/50) = 12; 250 is inside the 60 s scale-out cooldown;
    // 400: floor(12 x 20/50) = 4.
    assert_eq!(moves, [(240, 8, 12), (400, 12, 4)]);
    assert_eq!(v["scaling"][1]["reason"], "cpu 20 < 45 (0.9 x 50)");
    assert_eq!(v["instances"][0]["status"], "INACTIVE");
    assert_eq!(v["instances"][1]["status"], "DRAINING");
    assert!(v["warnings"][0]
        .as_str()
        .unwrap_or("")
        .contains("1 standalone task(s) of family:cron were lost with us-east-1a"));
}

#[test]
fn fargate_services_spread_launch_and_cost() {
    let (v, code) = json(&["sim", "run", &fixture("fargate.yml")]);
    assert_eq!(code, 0);
    assert_eq!(
        v["groups"][0]["by_az"],
        serde_json::json!({"us-east-1a": 125, "us-east-1b": 125})
    );
    let f = &v["fargate"];
    assert_eq!(f["tasks"], 253);
    assert_eq!(f["launch_seconds"], 7.65);
    // Spot at the default 70% discount with the overridden x86 vCPU price.
    assert_eq!(f["services"][0]["price_per_task_hour"], 0.017667);
    // ARM, 50 GiB ephemeral: 30 GiB above the free 20 are charged.
    assert_eq!(f["services"][1]["price_per_task_hour"], 0.02308);
    assert_eq!(f["price_per_month"], 3229.91);
}
