//! What EC2 capacity costs, as `tug sim run` and `tug sim plan` print it: the instances at
//! tug's table of On-Demand prices (or the user's), a Spot estimate, and the same tasks'
//! price on Fargate.

use crate::support::workspace::write;
use crate::support::{ok, root, stdout, tug};

const SCENARIO: &str = "\
instances:
  - {type: m5.large, count: 2, az: us-east-1a}
task_definitions:
  web: {cpu: 512, memory: 1024}
services:
  - {name: web, task_definition: web, desired: 4}
";

#[test]
fn sim_run_prints_the_instances_cost_beside_fargate() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.yml", SCENARIO);
    let out = stdout(&ok(tug().args(["sim", "run"]).arg(&file)));
    // 2 x $0.096; 4 tasks of 0.5 vCPU / 1 GiB at $0.04048 per vCPU and $0.004445 per GB.
    assert!(
        out.contains("EC2: 2 x m5.large ($0.0960): $0.1920/hour, $138.24 per 30-day month"),
        "{out}"
    );
    assert!(
        out.contains("all on Spot (an estimate: 65% off On-Demand): $0.0672/hour"),
        "{out}"
    );
    assert!(
        out.contains("the same 4 task(s) on Fargate: $0.0987/hour, $71.09 per 30-day month"),
        "{out}"
    );

    // The scenario's own prices win over the table.
    let file = write(
        dir.path(),
        "priced.yml",
        format!("{SCENARIO}prices: {{instances: {{m5.large: 0.1}}, ec2_spot_discount: 0.5}}\n"),
    );
    let out = stdout(&ok(tug().args(["sim", "run"]).arg(&file)));
    assert!(
        out.contains("EC2: 2 x m5.large ($0.1000): $0.2000/hour, $144.00 per 30-day month"),
        "{out}"
    );
    assert!(
        out.contains("all on Spot (an estimate: 50% off On-Demand): $0.1000/hour"),
        "{out}"
    );

    // A price that is not a number is a located error.
    let file = write(
        dir.path(),
        "bad.yml",
        format!("{SCENARIO}prices: {{instances: {{m5.large: cheap}}}}\n"),
    );
    let out = tug().args(["sim", "run"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the price of m5.large must be a number"),
        "{err}"
    );
    assert!(err.contains("bad.yml:7:"), "{err}");
}

#[test]
fn sim_plan_prices_each_capacity_group_and_its_own_price_wins() {
    let dir = tempfile::tempdir().unwrap();
    for rel in [
        "tug/environments/test/manifest.yml",
        "tug/cache/manifest.yml",
    ] {
        let text = std::fs::read_to_string(root().join("examples/ec2").join(rel)).unwrap();
        write(dir.path(), rel, text);
    }
    write(dir.path(), "tug/.workspace", "application: shop\n");
    let plan = |dir: &std::path::Path| {
        stdout(&ok(tug()
            .current_dir(dir)
            .args(["sim", "plan", "-e", "test"])))
    };
    // steady: 2 x m5.large On-Demand; spot: 1 x c5.large at the Spot estimate (35% of $0.085).
    let out = plan(dir.path());
    assert!(
        out.contains("EC2: 2 x m5.large ($0.0960), 1 x c5.large Spot ($0.0297)"),
        "{out}"
    );
    assert!(
        out.contains("the same 2 task(s) on Fargate: $0.0494/hour"),
        "{out}"
    );

    let env = dir.path().join("tug/environments/test/manifest.yml");
    let text = std::fs::read_to_string(&env).unwrap();
    std::fs::write(
        &env,
        text.replace("    spot: true", "    spot: true\n    price: 0.03"),
    )
    .unwrap();
    let out = plan(dir.path());
    assert!(
        out.contains("EC2: 2 x m5.large ($0.0960), 1 x c5.large Spot ($0.0300): $0.2220/hour, $159.84 per 30-day month"),
        "{out}"
    );

    // A negative price is an error at its place.
    std::fs::write(
        &env,
        text.replace("    spot: true", "    spot: true\n    price: -1"),
    )
    .unwrap();
    let out = tug()
        .current_dir(dir.path())
        .args(["validate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`price` must be a number of USD per instance-hour"),
        "{err}"
    );
    assert!(err.contains("manifest.yml:20:"), "{err}");
}
