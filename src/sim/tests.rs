//! Scenario-level tests: the spec's worked examples, every reason code, and the fast placer
//! against the reference on random clusters.

use super::catalog;
use super::engine::{run_checked, PlacerKind};
use super::model::*;
use super::report::{Report, Step};

fn m5(id: &str, az: &str) -> Instance {
    Instance::of_type(id, catalog::find("m5.large").unwrap(), az)
}

fn big(id: &str, az: &str) -> Instance {
    Instance::sized(id, 16384, 65536, az)
}

fn run(sc: &Scenario) -> Report {
    let (fast, v) = run_checked(sc, sc.seed, PlacerKind::Fast);
    assert!(v.is_empty(), "{v:?}");
    let (reference, v) = run_checked(sc, sc.seed, PlacerKind::Reference);
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(fast, reference, "fast and reference placers disagree");
    fast
}

fn steps(r: &Report) -> Vec<(u32, u32)> {
    r.rollouts[0]
        .steps
        .iter()
        .map(|s| (s.stopped, s.started))
        .collect()
}

/// A cluster of 8 big instances over 2 AZs, service `web` (v1) with `desired` tasks and
/// the given deployment settings, and a deploy of v2 at 60 s.
fn rollout(desired: u32, min: u32, max: u32, fail: u32) -> Report {
    let mut sc = Scenario::default();
    for k in 0..8 {
        sc.instances.push(big(&format!("i-{k}"), ["a", "b"][k % 2]));
    }
    sc.task_definitions.push(TaskDef::new("v1", 256, 512));
    sc.task_definitions.push(TaskDef::new("v2", 256, 512));
    let mut s = Service::new("web", 0, desired);
    s.deployment.minimum_healthy_percent = min;
    s.deployment.maximum_percent = max;
    for inst in &mut sc.instances {
        inst.eni_tasks = 100;
    }
    sc.services.push(s);
    sc.events.push(Event {
        at: 60,
        kind: EventKind::Deploy {
            service: 0,
            task_definition: 1,
            fail_tasks: fail,
        },
    });
    run(&sc)
}

#[test]
fn rollout_desired_4_min_50_stops_2_starts_2_and_repeats() {
    let r = rollout(4, 50, 100, 0);
    assert_eq!(steps(&r), [(2, 2), (2, 2)]);
    assert_eq!(
        r.rollouts[0].steps[1],
        Step {
            started: 2,
            stopped: 2,
            failed: 0,
            running_old: 0,
            running_new: 4
        }
    );
    assert!(!r.rollouts[0].stuck && r.ok());
}

#[test]
fn rollout_desired_2_min_75_starts_before_stopping() {
    let r = rollout(2, 75, 200, 0);
    // ceil(2 x 0.75) = 2 must stay RUNNING: nothing stops until the new ones run.
    assert_eq!(steps(&r), [(0, 2), (2, 0)]);
    // With maximumPercent 100 it can neither start nor stop: stuck.
    let r = rollout(2, 75, 100, 0);
    assert!(r.rollouts[0].stuck);
    assert!(r.rollouts[0].steps.is_empty());
    assert!(!r.ok());
}

#[test]
fn rollout_desired_4_max_200_starts_4_then_stops_4() {
    let r = rollout(4, 100, 200, 0);
    assert_eq!(steps(&r), [(0, 4), (4, 0)]);
}

#[test]
fn rollout_desired_3_max_125_cannot_start_before_stopping() {
    // floor(3 x 1.25) = 3: no room to start; with minimum 100 nothing may stop: stuck.
    let r = rollout(3, 100, 125, 0);
    assert!(r.rollouts[0].stuck);
    let reason = r.rollouts[0].reason.clone().unwrap_or_default();
    assert!(reason.contains("at most 3 in all"), "{reason}");
    // With minimum 50 it stops one first, then starts one.
    let r = rollout(3, 50, 125, 0);
    assert_eq!(steps(&r)[0], (1, 1));
    assert!(r.ok());
}

#[test]
fn copilot_recreate_stops_everything_then_starts() {
    let text = "instances: [{cpu: 8192, memory: 16384}]\ntask_definitions:\n  v1: {cpu: 256, memory: 256, network_mode: bridge}\n  v2: {cpu: 256, memory: 256, network_mode: bridge}\nservices:\n  - {name: web, task_definition: v1, desired: 4, deployment: {rolling: recreate}}\nevents:\n  - {at: 5, deploy: {service: web, task_definition: v2}}\n";
    let src =
        crate::diag::SourceFile::new(std::path::Path::new("r.yml"), "r.yml".into(), text.into());
    let sc = super::scenario::load(&src).unwrap().scenario;
    assert_eq!(sc.services[0].deployment.minimum_healthy_percent, 0);
    assert_eq!(sc.services[0].deployment.maximum_percent, 100);
    let r = run(&sc);
    assert_eq!(steps(&r), [(4, 4)]);
}

#[test]
fn daemon_defaults_0_100_replace_in_one_step() {
    let mut sc = Scenario::default();
    for k in 0..3 {
        sc.instances.push(big(&format!("i-{k}"), "a"));
    }
    let mut td = TaskDef::new("d1", 128, 128);
    td.network_mode = NetworkMode::Host;
    td.containers.push(Container {
        ports: vec![Port {
            container: 9100,
            host: None,
        }],
        ..Container::default()
    });
    let mut td2 = td.clone();
    td2.name = "d2".into();
    sc.task_definitions = vec![td, td2];
    let mut s = Service::new("agent", 0, 0);
    s.scheduling = Scheduling::Daemon;
    s.deployment = Deployment::daemon_default();
    s.strategy = vec![];
    sc.services.push(s);
    sc.events.push(Event {
        at: 5,
        kind: EventKind::Deploy {
            service: 0,
            task_definition: 1,
            fail_tasks: 0,
        },
    });
    let r = run(&sc);
    // Port 9100 on every instance: the old task must stop before the new one starts.
    assert_eq!(steps(&r), [(3, 3)]);
    assert_eq!(r.groups[0].placed, 3);
}

#[test]
fn circuit_breaker_threshold_and_rollback() {
    // desired 4: clamp(ceil(2), 3, 200) = 3 failures fail the deployment.
    let r = rollout(4, 100, 200, 3);
    assert_eq!(r.rollouts[0].threshold, 3);
    assert!(r.rollouts[0].failed);
    // Rolled back: 4 tasks of v1 running.
    assert_eq!(r.groups[0].placed, 4);
    assert!(!r.ok());
    // Two failures stay under the threshold: the deployment completes.
    let r = rollout(4, 100, 200, 2);
    assert!(!r.rollouts[0].failed && !r.rollouts[0].stuck);
    assert_eq!(r.rollouts[0].failures, 2);
    assert!(r.rollouts[0].duration_seconds > 60);
    // desired 10: ceil(5) = 5; desired 2: the minimum 3.
    assert_eq!(rollout(10, 100, 200, 0).rollouts[0].threshold, 5);
    assert_eq!(rollout(2, 100, 200, 0).rollouts[0].threshold, 3);
    // desired 1000: ceil(500) capped at 200 (breaker_minimum 10 as in the 2023 guide: 10 for small).
    let mut sc = Scenario::default();
    sc.instances
        .push(Instance::sized("i-1", 1 << 20, 1 << 22, "a"));
    sc.instances[0].eni_tasks = 4000;
    sc.task_definitions.push(TaskDef::new("v1", 128, 128));
    sc.task_definitions.push(TaskDef::new("v2", 128, 128));
    sc.services.push(Service::new("web", 0, 1000));
    sc.events.push(Event {
        at: 1,
        kind: EventKind::Deploy {
            service: 0,
            task_definition: 1,
            fail_tasks: 0,
        },
    });
    assert_eq!(run(&sc).rollouts[0].threshold, 200);
    sc.options.breaker_minimum = 10;
    sc.services[0].desired = 4;
    assert_eq!(run(&sc).rollouts[0].threshold, 10);
}

fn one_task_scenario(inst: Instance, td: TaskDef) -> Scenario {
    let mut sc = Scenario::default();
    sc.instances.push(inst);
    sc.task_definitions.push(td);
    sc.tasks.push(RunTask {
        task_definition: 0,
        count: 1,
        group: None,
        strategy: vec![],
        constraints: vec![],
    });
    sc
}

fn reasons(r: &Report) -> Vec<(String, u32)> {
    r.groups
        .iter()
        .flat_map(|g| g.reasons.iter().map(|(k, v)| (k.clone(), *v)))
        .collect()
}

#[test]
fn every_reason_code() {
    let cases: Vec<(Scenario, &str)> = vec![
        (
            one_task_scenario(m5("i-1", "a"), TaskDef::new("t", 4096, 512)),
            "RESOURCE:CPU",
        ),
        (
            one_task_scenario(m5("i-1", "a"), TaskDef::new("t", 256, 9000)),
            "RESOURCE:MEMORY",
        ),
        (
            {
                let mut td = TaskDef::new("t", 256, 512);
                td.containers.push(Container {
                    gpu: 1,
                    ..Container::default()
                });
                one_task_scenario(m5("i-1", "a"), td)
            },
            "RESOURCE:GPU",
        ),
        (
            {
                let mut td = TaskDef::new("t", 256, 512);
                td.network_mode = NetworkMode::Host;
                td.containers.push(Container {
                    ports: vec![Port {
                        container: 22,
                        host: None,
                    }],
                    ..Container::default()
                });
                one_task_scenario(m5("i-1", "a"), td)
            },
            "RESOURCE:PORTS",
        ),
        (
            {
                let mut i = m5("i-1", "a");
                i.eni_tasks = 0;
                one_task_scenario(i, TaskDef::new("t", 256, 512))
            },
            "RESOURCE:ENI",
        ),
        (
            {
                let mut i = m5("i-1", "a");
                i.status = Status::Draining;
                one_task_scenario(i, TaskDef::new("t", 256, 512))
            },
            "NO_ACTIVE_INSTANCES",
        ),
        (
            {
                let mut sc = one_task_scenario(m5("i-1", "a"), TaskDef::new("t", 256, 512));
                sc.tasks[0].constraints =
                    vec![Constraint::member_of("attribute:ecs.instance-type =~ t2.*").unwrap()];
                sc
            },
            "CONSTRAINT:memberOf attribute:ecs.instance-type =~ t2.*",
        ),
        (
            {
                let mut sc = one_task_scenario(m5("i-1", "a"), TaskDef::new("t", 256, 512));
                sc.tasks[0].count = 2;
                sc.tasks[0].constraints = vec![Constraint::DistinctInstance];
                sc
            },
            "CONSTRAINT:distinctInstance",
        ),
    ];
    for (sc, code) in cases {
        let r = run(&sc);
        assert_eq!(reasons(&r), [(code.to_string(), 1)], "{code}");
        assert!(!r.ok());
    }
}

#[test]
fn reason_is_the_filter_that_left_none() {
    // One instance short of CPU, the other short of memory: CPU leaves one, memory none.
    let mut sc = one_task_scenario(m5("i-1", "a"), TaskDef::new("t", 1024, 4096));
    sc.instances.push(Instance::sized("i-2", 512, 65536, "a"));
    sc.instances[0].memory = 2048;
    sc.tasks[0].count = 3;
    let r = run(&sc);
    assert_eq!(reasons(&r), [("RESOURCE:MEMORY".to_string(), 3)]);
}

#[test]
fn memory_charge_is_the_reservation_when_set() {
    let mut td = TaskDef::new("t", 0, 0);
    td.cpu = None;
    td.memory = None;
    td.containers.push(Container {
        memory: Some(4096),
        memory_reservation: Some(1024),
        ..Container::default()
    });
    let d = td.demand();
    assert_eq!(d.memory, 1024);
    // m5.large registers 7680 MiB: 7 tasks by reservation (the hard limit would give 1).
    let mut sc = one_task_scenario(m5("i-1", "a"), td);
    sc.instances[0].eni_tasks = 100;
    sc.tasks[0].count = 8;
    let r = run(&sc);
    assert_eq!(r.placed, 7);
    assert_eq!(reasons(&r), [("RESOURCE:MEMORY".to_string(), 1)]);
}

#[test]
fn eni_limits_with_and_without_trunking() {
    // c5.large: 3 ENIs, the primary one counts: 2 awsvpc tasks; trunking: 10.
    let c5 = catalog::find("c5.large").unwrap();
    let mut sc = one_task_scenario(
        Instance::of_type("i-1", c5, "a"),
        TaskDef::new("t", 128, 128),
    );
    sc.tasks[0].count = 12;
    let r = run(&sc);
    assert_eq!(r.placed, 2);
    assert_eq!(reasons(&r), [("RESOURCE:ENI".to_string(), 10)]);
    sc.instances[0].eni_tasks = c5.trunk_tasks().unwrap();
    sc.instances[0].awsvpc_trunking = true;
    let r = run(&sc);
    assert_eq!(r.placed, 10);
}

#[test]
fn ports_static_dynamic_and_the_100_limit() {
    let mut td = TaskDef::new("t", 16, 16);
    td.network_mode = NetworkMode::Bridge;
    td.containers.push(Container {
        ports: vec![Port {
            container: 80,
            host: Some(8080),
        }],
        ..Container::default()
    });
    let mut sc = one_task_scenario(big("i-1", "a"), td.clone());
    sc.tasks[0].count = 3;
    let r = run(&sc);
    assert_eq!(r.placed, 1, "static host port 8080 fits once per instance");
    // Dynamic ports never conflict.
    td.containers[0].ports[0].host = Some(0);
    let mut sc = one_task_scenario(big("i-1", "a"), td.clone());
    sc.tasks[0].count = 200;
    assert_eq!(run(&sc).placed, 200);
    // 94 static ports fit beside the 6 reserved ones, then the instance is full of ports.
    td.containers[0].ports = vec![];
    let mut sc = one_task_scenario(big("i-1", "a"), td);
    sc.task_definitions.clear();
    for p in 0..95u16 {
        let mut t = TaskDef::new(&format!("p{p}"), 16, 16);
        t.network_mode = NetworkMode::Host;
        t.containers.push(Container {
            ports: vec![Port {
                container: 10_000 + p,
                host: None,
            }],
            ..Container::default()
        });
        sc.task_definitions.push(t);
    }
    sc.tasks = (0..95)
        .map(|k| RunTask {
            task_definition: k,
            count: 1,
            group: None,
            strategy: vec![],
            constraints: vec![],
        })
        .collect();
    let r = run(&sc);
    assert_eq!(r.placed, 94);
    assert_eq!(reasons(&r), [("RESOURCE:PORTS".to_string(), 1)]);
}

fn strategy_scenario(strategy: Vec<Strategy>, count: u32) -> Scenario {
    let mut sc = Scenario::default();
    for (k, az) in ["a", "a", "a", "b", "c"].iter().enumerate() {
        let mut i = Instance::sized(&format!("i-{}", k + 1), 4096, 8192 + 1024 * k as u32, az);
        i.eni_tasks = 50;
        sc.instances.push(i);
    }
    sc.task_definitions.push(TaskDef::new("t", 256, 512));
    let mut s = Service::new("web", 0, count);
    s.strategy = strategy;
    sc.services.push(s);
    sc
}

#[test]
fn spread_az_then_binpack_memory() {
    let sc = strategy_scenario(
        vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())),
            Strategy::Binpack(Resource::Memory),
        ],
        6,
    );
    let r = run(&sc);
    let g = &r.groups[0];
    assert_eq!(g.by_az.values().copied().collect::<Vec<_>>(), [2, 2, 2]);
    // Inside AZ a both tasks go to i-1, the instance with the least memory.
    assert_eq!(g.by_instance.get("i-1"), Some(&2));
}

#[test]
fn binpack_fills_the_tightest_instance_first() {
    let r = run(&strategy_scenario(
        vec![Strategy::Binpack(Resource::Memory)],
        10,
    ));
    assert_eq!(r.groups[0].by_instance.get("i-1"), Some(&10));
}

#[test]
fn service_default_spreads_over_azs_then_instances() {
    let r = run(&strategy_scenario(Strategy::service_default(), 9));
    let g = &r.groups[0];
    assert_eq!(g.by_az.values().copied().collect::<Vec<_>>(), [3, 3, 3]);
    for id in ["i-1", "i-2", "i-3"] {
        assert_eq!(g.by_instance.get(id), Some(&1), "{id}");
    }
}

#[test]
fn random_is_seeded() {
    let mut sc = strategy_scenario(vec![Strategy::Random], 20);
    let a = run(&sc);
    let b = run(&sc);
    assert_eq!(a, b);
    sc.seed = 99;
    let c = run(&sc);
    assert_ne!(a.groups[0].by_instance, c.groups[0].by_instance);
}

#[test]
fn task_groups_default_to_the_family_and_spread_counts_the_group() {
    let mut sc = strategy_scenario(vec![], 0);
    sc.services.clear();
    sc.tasks.push(RunTask {
        task_definition: 0,
        count: 3,
        group: None,
        strategy: vec![Strategy::Spread(SpreadField::InstanceId)],
        constraints: vec![],
    });
    let r = run(&sc);
    assert_eq!(r.groups[0].name, "family:t");
    assert!(r.groups[0].by_instance.values().all(|&n| n == 1));
}

#[test]
fn scale_in_stops_from_the_fullest_az() {
    let mut sc = strategy_scenario(Strategy::service_default(), 9);
    sc.events.push(Event {
        at: 10,
        kind: EventKind::Scale {
            service: 0,
            desired: 6,
        },
    });
    let r = run(&sc);
    assert_eq!(
        r.groups[0].by_az.values().copied().collect::<Vec<_>>(),
        [2, 2, 2]
    );
}

#[test]
fn binpack_scale_in_stops_where_most_memory_will_be_left() {
    let mut sc = Scenario::default();
    sc.instances.push(Instance::sized("i-1", 4096, 1024, "a"));
    sc.instances.push(Instance::sized("i-2", 4096, 65536, "a"));
    sc.task_definitions.push(TaskDef::new("t", 256, 512));
    let mut s = Service::new("web", 0, 3);
    s.strategy = vec![Strategy::Binpack(Resource::Memory)];
    sc.services.push(s);
    let r = run(&sc);
    assert_eq!(r.groups[0].by_instance.get("i-1"), Some(&2));
    sc.events.push(Event {
        at: 10,
        kind: EventKind::Scale {
            service: 0,
            desired: 2,
        },
    });
    let r = run(&sc);
    assert_eq!(r.groups[0].by_instance.get("i-1"), Some(&2));
    assert_eq!(r.groups[0].by_instance.get("i-2"), None);
}

#[test]
fn daemon_runs_one_task_per_matching_active_instance() {
    let mut sc = strategy_scenario(vec![], 0);
    sc.services[0].scheduling = Scheduling::Daemon;
    sc.services[0].constraints =
        vec![Constraint::member_of("attribute:ecs.availability-zone != c").unwrap()];
    sc.instances[1].status = Status::Draining;
    let r = run(&sc);
    let g = &r.groups[0];
    assert_eq!((g.desired, g.placed), (3, 3));
    assert!(!g.by_instance.contains_key("i-2"));
}

#[test]
fn az_failure_reschedules_service_tasks() {
    let mut sc = strategy_scenario(Strategy::service_default(), 6);
    sc.events.push(Event {
        at: 120,
        kind: EventKind::FailAz("a".into()),
    });
    let r = run(&sc);
    let g = &r.groups[0];
    assert_eq!(g.placed, 6);
    assert_eq!(g.by_az.get("a"), None);
    assert_eq!(g.by_az.values().copied().collect::<Vec<_>>(), [3, 3]);
    assert!(r
        .instances
        .iter()
        .filter(|i| i.az == "a")
        .all(|i| i.status == "INACTIVE"));
}

#[test]
fn draining_moves_service_tasks_and_keeps_standalone_ones() {
    let mut sc = strategy_scenario(vec![Strategy::Binpack(Resource::Memory)], 2);
    sc.tasks.push(RunTask {
        task_definition: 0,
        count: 1,
        group: Some("etl".into()),
        strategy: vec![Strategy::Binpack(Resource::Memory)],
        constraints: vec![],
    });
    sc.events.push(Event {
        at: 130,
        kind: EventKind::DrainInstance("i-1".into()),
    });
    let r = run(&sc);
    assert_eq!(r.groups[0].by_instance.get("i-1"), None);
    assert_eq!(r.groups[0].placed, 2);
    assert_eq!(r.groups[1].by_instance.get("i-1"), Some(&1));
    assert_eq!(r.instances[0].status, "DRAINING");
}

fn scaling_scenario() -> Scenario {
    let mut sc = strategy_scenario(Strategy::service_default(), 8);
    sc.services[0].autoscaling = Some(Autoscaling {
        min: 2,
        max: 20,
        target_cpu: Some(60.0),
        target_memory: None,
        target_requests: None,
        cooldown_out: 300,
        cooldown_in: 300,
    });
    sc
}

fn metric(at: u64, cpu: f64) -> Event {
    Event {
        at,
        kind: EventKind::Metric {
            service: 0,
            cpu: Some(cpu),
            memory: None,
            requests: None,
        },
    }
}

#[test]
fn target_tracking_scales_out_and_in_with_cooldowns() {
    let mut sc = scaling_scenario();
    sc.events = vec![
        metric(240, 85.0),  // ceil(8 x 85/60) = 12
        metric(300, 90.0),  // inside the scale-out cooldown: nothing
        metric(600, 20.0),  // in: floor(12 x 20/60) = 4
        metric(700, 10.0),  // inside the scale-in cooldown
        metric(1000, 57.0), // above 0.9 x 60 = 54: stays
        metric(1300, 1.0),  // floor(4/60) = 0, clamped to min 2
    ];
    let r = run(&sc);
    let moves: Vec<(u64, u32, u32)> = r.scaling.iter().map(|s| (s.at, s.from, s.to)).collect();
    assert_eq!(moves, [(240, 8, 12), (600, 12, 4), (1300, 4, 2)]);
    assert_eq!(r.scaling[0].reason, "cpu 85 > 60");
    assert_eq!(r.groups[0].placed, 2);
}

#[test]
fn several_policies_out_if_any_in_only_if_all() {
    let mut sc = scaling_scenario();
    if let Some(a) = &mut sc.services[0].autoscaling {
        a.target_memory = Some(50.0);
    }
    sc.events = vec![Event {
        at: 10,
        kind: EventKind::Metric {
            service: 0,
            cpu: Some(10.0),
            memory: Some(49.0),
            requests: None,
        },
    }];
    // cpu asks in, memory does not (49 >= 45): no scale-in.
    assert!(run(&sc).scaling.is_empty());
    sc.events = vec![Event {
        at: 10,
        kind: EventKind::Metric {
            service: 0,
            cpu: Some(10.0),
            memory: Some(90.0),
            requests: None,
        },
    }];
    // memory asks out: out wins.
    let r = run(&sc);
    assert_eq!((r.scaling[0].from, r.scaling[0].to), (8, 15));
}

#[test]
fn no_scale_in_during_a_deployment() {
    let mut sc = scaling_scenario();
    sc.task_definitions.push(TaskDef::new("t2", 256, 512));
    sc.events = vec![
        Event {
            at: 100,
            kind: EventKind::Deploy {
                service: 0,
                task_definition: 1,
                fail_tasks: 0,
            },
        },
        metric(110, 5.0),
    ];
    let r = run(&sc);
    assert!(r.scaling.is_empty());
    assert!(r.rollouts[0].duration_seconds > 10);
}

#[test]
fn fargate_spreads_over_azs_and_prices_the_month() {
    let mut sc = Scenario::default();
    let mut td = TaskDef::new("api", 1024, 2048);
    td.requires = LaunchType::Fargate;
    sc.task_definitions.push(td);
    let mut s = Service::new("api", 0, 301);
    s.launch_type = LaunchType::Fargate;
    s.azs = vec!["a".into(), "b".into(), "c".into()];
    sc.services.push(s);
    let r = run(&sc);
    assert_eq!(
        r.groups[0].by_az.values().copied().collect::<Vec<_>>(),
        [101, 100, 100]
    );
    let f = r.fargate.as_ref().unwrap();
    // Burst 100, then 20 per second: 201 more take 10.05 s.
    assert_eq!(f.launch_seconds, 10.05);
    let per_task = 0.04048 + 2.0 * 0.004445;
    assert!((f.price_per_hour - 301.0 * per_task).abs() < 1e-3);
    assert!((f.price_per_month - 301.0 * per_task * 720.0).abs() < 0.01);
}

#[test]
fn chaining_first_ignores_later_strategies() {
    let mut sc = strategy_scenario(
        vec![
            Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())),
            Strategy::Binpack(Resource::Memory),
        ],
        6,
    );
    sc.options.chaining = Chaining::First;
    let r = run(&sc);
    assert_eq!(
        r.groups[0].by_az.values().copied().collect::<Vec<_>>(),
        [2, 2, 2]
    );
}

#[test]
fn dynamic_member_of_is_evaluated_per_placement() {
    let mut sc = strategy_scenario(Strategy::service_default(), 0);
    sc.services.clear();
    sc.tasks.push(RunTask {
        task_definition: 0,
        count: 5,
        group: None,
        strategy: vec![Strategy::Binpack(Resource::Memory)],
        constraints: vec![Constraint::member_of("runningTasksCount < 2").unwrap()],
    });
    let r = run(&sc);
    assert!(r.groups[0].by_instance.values().all(|&n| n <= 2));
    assert_eq!(r.placed, 5);
}

mod prop {
    use super::*;
    use proptest::collection::vec as vec_of;
    use proptest::prelude::{
        any, prop_assert, prop_assert_eq, prop_compose, proptest, ProptestConfig,
    };

    fn strategy_of(k: u8) -> Vec<Strategy> {
        let az = || Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into()));
        let rack = || Strategy::Spread(SpreadField::Attribute("rack".into()));
        match k % 9 {
            0 => vec![],
            1 => Strategy::service_default(),
            2 => vec![az(), Strategy::Binpack(Resource::Memory)],
            3 => vec![Strategy::Binpack(Resource::Cpu)],
            4 => vec![Strategy::Random],
            5 => vec![az(), Strategy::Random],
            6 => vec![Strategy::Binpack(Resource::Memory), rack()],
            7 => vec![
                rack(),
                Strategy::Spread(SpreadField::InstanceId),
                Strategy::Binpack(Resource::Cpu),
            ],
            _ => vec![
                Strategy::Spread(SpreadField::InstanceId),
                Strategy::Binpack(Resource::Memory),
            ],
        }
    }

    fn constraints_of(k: u8) -> Vec<Constraint> {
        let c = |e: &str| Constraint::member_of(e).unwrap();
        match k % 6 {
            0 | 1 => vec![],
            2 => vec![Constraint::DistinctInstance],
            3 => vec![c("attribute:rack in [r1, r2]")],
            4 => vec![c("runningTasksCount < 3")],
            _ => vec![
                c("not(task:group == family:t0)"),
                Constraint::DistinctInstance,
            ],
        }
    }

    prop_compose! {
        fn scenario()(
            seed in any::<u64>(),
            insts in vec_of((1u32..=8, 1u32..=16, 0u8..3, 0u8..3, 0u32..4), 1..24),
            tds in vec_of((1u32..=8, 1u32..=8, 0u8..4, 0u16..3, 0u8..4), 1..4),
            svcs in vec_of((0usize..4, 0u32..30, any::<u8>(), any::<u8>()), 0..3),
            runs in vec_of((0usize..4, 1u32..12, any::<u8>(), any::<u8>()), 0..3),
            events in vec_of((0u8..4, 0usize..24, 0u32..30), 0..4),
            first_only in proptest::bool::weighted(0.2),
        ) -> Scenario {
            let mut sc = Scenario { seed, ..Scenario::default() };
            if first_only {
                sc.options.chaining = Chaining::First;
            }
            for (k, (cpu, mem, az, rack, eni)) in insts.iter().enumerate() {
                let mut i = Instance::sized(&format!("i-{k}"), cpu * 512, mem * 512, ["a", "b", "c"][*az as usize]);
                if *rack > 0 {
                    i.set_attribute("rack", &format!("r{rack}"));
                }
                i.eni_tasks = eni * 3;
                sc.instances.push(i);
            }
            for (k, (cpu, mem, mode, port, gpu)) in tds.iter().enumerate() {
                let mut td = TaskDef::new(&format!("t{k}"), cpu * 128, mem * 256);
                td.network_mode = [NetworkMode::Awsvpc, NetworkMode::Bridge, NetworkMode::Host, NetworkMode::Bridge][*mode as usize];
                td.containers.push(Container {
                    ports: if *port > 0 { vec![Port { container: 8000 + port, host: Some(if *mode == 3 { 0 } else { 8000 + port }) }] } else { vec![] },
                    gpu: u32::from(*gpu == 3 && k == 0),
                    ..Container::default()
                });
                sc.task_definitions.push(td);
            }
            let n_td = sc.task_definitions.len();
            for (k, (td, desired, st, cs)) in svcs.iter().enumerate() {
                let mut s = Service::new(&format!("s{k}"), td % n_td, *desired);
                s.strategy = strategy_of(*st);
                s.constraints = constraints_of(*cs);
                sc.services.push(s);
            }
            for (td, count, st, cs) in runs {
                sc.tasks.push(RunTask {
                    task_definition: td % n_td,
                    count,
                    group: None,
                    strategy: strategy_of(st),
                    constraints: constraints_of(cs),
                });
            }
            let n_inst = sc.instances.len();
            let n_svc = sc.services.len();
            for (k, (kind, target, n)) in events.iter().enumerate() {
                let at = 10 * (k as u64 + 1);
                let kind = match kind {
                    0 => EventKind::DrainInstance(format!("i-{}", target % n_inst)),
                    1 => EventKind::FailAz(["a", "b", "c"][target % 3].into()),
                    2 if n_svc > 0 => EventKind::Scale { service: target % n_svc, desired: *n },
                    _ if n_svc > 0 => EventKind::Deploy { service: target % n_svc, task_definition: target % n_td, fail_tasks: n % 4 },
                    _ => continue,
                };
                sc.events.push(Event { at, kind });
            }
            sc
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn fast_placer_matches_the_reference(sc in scenario()) {
            let (fast, v) = run_checked(&sc, sc.seed, PlacerKind::Fast);
            prop_assert!(v.is_empty(), "fast: {:?}", v);
            let (reference, v) = run_checked(&sc, sc.seed, PlacerKind::Reference);
            prop_assert!(v.is_empty(), "reference: {:?}", v);
            prop_assert_eq!(fast, reference);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        /// With room for every task, spreading over AZs keeps them within one of each other.
        #[test]
        fn spread_is_even_when_capacity_allows(seed in any::<u64>(), per_az in vec_of(1usize..6, 3), desired in 0u32..60, binpack in any::<bool>()) {
            let mut sc = Scenario { seed, ..Scenario::default() };
            for (a, n) in per_az.iter().enumerate() {
                for k in 0..*n {
                    let mut i = Instance::sized(&format!("i-{a}-{k}"), 65536, 262_144, ["a", "b", "c"][a]);
                    i.eni_tasks = 100;
                    sc.instances.push(i);
                }
            }
            sc.task_definitions.push(TaskDef::new("t", 256, 512));
            let mut s = Service::new("web", 0, desired);
            if binpack {
                s.strategy = vec![Strategy::Spread(SpreadField::Attribute("ecs.availability-zone".into())), Strategy::Binpack(Resource::Memory)];
            }
            sc.services.push(s);
            let (r, v) = run_checked(&sc, seed, PlacerKind::Fast);
            prop_assert!(v.is_empty());
            prop_assert_eq!(r.placed, desired as u64);
            let counts: Vec<u32> = ["a", "b", "c"].iter().map(|a| r.groups[0].by_az.get(*a).copied().unwrap_or(0)).collect();
            let (lo, hi) = (counts.iter().min().copied().unwrap_or(0), counts.iter().max().copied().unwrap_or(0));
            prop_assert!(hi - lo <= 1, "{:?}", counts);
        }
    }
}
