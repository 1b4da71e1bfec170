//! What EC2 capacity costs, next to what the same tasks would cost on Fargate: a built-in
//! table of On-Demand instance prices that a scenario's `prices: {instances: ...}` or a
//! capacity group's `price` overrides, and a Spot discount estimate.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{Instance, LaunchType, Scenario, TaskDef};
use super::report::Report;
use crate::fargate::{self, Prices};

/// On-Demand price per instance-hour of common ECS instance types: us-east-1 list prices,
/// Linux, June 2026 (the rates have not changed since each type's launch).
#[rustfmt::skip]
pub const ON_DEMAND: &[(&str, f64)] = &[
    ("t2.micro", 0.0116), ("t2.small", 0.023), ("t2.medium", 0.0464), ("t2.large", 0.0928),
    ("t3.micro", 0.0104), ("t3.small", 0.0208), ("t3.medium", 0.0416), ("t3.large", 0.0832),
    ("t3.xlarge", 0.1664), ("t3.2xlarge", 0.3328),
    ("t4g.micro", 0.0084), ("t4g.small", 0.0168), ("t4g.medium", 0.0336), ("t4g.large", 0.0672),
    ("t4g.xlarge", 0.1344), ("t4g.2xlarge", 0.2688),
    ("m5.large", 0.096), ("m5.xlarge", 0.192), ("m5.2xlarge", 0.384), ("m5.4xlarge", 0.768),
    ("m5.8xlarge", 1.536), ("m5.12xlarge", 2.304), ("m5.16xlarge", 3.072), ("m5.24xlarge", 4.608),
    ("m6i.large", 0.096), ("m6i.xlarge", 0.192), ("m6i.2xlarge", 0.384), ("m6i.4xlarge", 0.768),
    ("m6i.8xlarge", 1.536),
    ("m6g.large", 0.077), ("m6g.xlarge", 0.154), ("m6g.2xlarge", 0.308), ("m6g.4xlarge", 0.616),
    ("m6g.8xlarge", 1.232),
    ("m7g.large", 0.0816), ("m7g.xlarge", 0.1632), ("m7g.2xlarge", 0.3264), ("m7g.4xlarge", 0.6528),
    ("m7g.8xlarge", 1.3056),
    ("c5.large", 0.085), ("c5.xlarge", 0.17), ("c5.2xlarge", 0.34), ("c5.4xlarge", 0.68),
    ("c5.9xlarge", 1.53), ("c5.18xlarge", 3.06),
    ("c6i.large", 0.085), ("c6i.xlarge", 0.17), ("c6i.2xlarge", 0.34), ("c6i.4xlarge", 0.68),
    ("c6i.8xlarge", 1.36),
    ("c6g.large", 0.068), ("c6g.xlarge", 0.136), ("c6g.2xlarge", 0.272), ("c6g.4xlarge", 0.544),
    ("c6g.8xlarge", 1.088),
    ("c7g.large", 0.0725), ("c7g.xlarge", 0.145), ("c7g.2xlarge", 0.29), ("c7g.4xlarge", 0.58),
    ("c7g.8xlarge", 1.16),
    ("r5.large", 0.126), ("r5.xlarge", 0.252), ("r5.2xlarge", 0.504), ("r5.4xlarge", 1.008),
    ("r5.8xlarge", 2.016),
    ("r6i.large", 0.126), ("r6i.xlarge", 0.252), ("r6i.2xlarge", 0.504), ("r6i.4xlarge", 1.008),
    ("r6i.8xlarge", 2.016),
    ("r6g.large", 0.1008), ("r6g.xlarge", 0.2016), ("r6g.2xlarge", 0.4032), ("r6g.4xlarge", 0.8064),
    ("r6g.8xlarge", 1.6128),
    ("g4dn.xlarge", 0.526), ("g4dn.2xlarge", 0.752), ("g4dn.4xlarge", 1.204),
    ("g4dn.8xlarge", 2.176), ("g4dn.12xlarge", 3.912), ("g4dn.16xlarge", 4.352),
    ("g5.xlarge", 1.006), ("g5.2xlarge", 1.212), ("g5.4xlarge", 1.624), ("g5.8xlarge", 2.448),
    ("g5.12xlarge", 5.672), ("g5.16xlarge", 4.096),
    ("p3.2xlarge", 3.06),
];

/// What Spot Instances cost less than On-Demand, as an estimate: Spot prices move with
/// demand, by type and AZ (often 60-70% less for these families).
pub const SPOT_DISCOUNT: f64 = 0.65;

/// Instance prices: the built-in table with the user's own prices on top.
#[derive(Debug, Clone, PartialEq)]
pub struct InstancePrices {
    /// Price per instance-hour by instance type, over [`ON_DEMAND`].
    pub overrides: BTreeMap<String, f64>,
    /// Spot's discount on the On-Demand price, 0.0-0.9.
    pub spot_discount: f64,
}

impl Default for InstancePrices {
    fn default() -> Self {
        InstancePrices {
            overrides: BTreeMap::new(),
            spot_discount: SPOT_DISCOUNT,
        }
    }
}

impl InstancePrices {
    /// The On-Demand price per hour of `instance_type`: the user's, else the table's;
    /// `None` for a type neither knows (a price is never guessed).
    pub fn on_demand(&self, instance_type: &str) -> Option<f64> {
        self.overrides.get(instance_type).copied().or_else(|| {
            ON_DEMAND
                .iter()
                .find(|(t, _)| *t == instance_type)
                .map(|(_, p)| *p)
        })
    }

    /// How `inst` is paid for: On-Demand, at its type's price.
    pub fn on_demand_of(&self, inst: &Instance) -> Priced {
        Priced {
            per_hour: inst.type_name.as_deref().and_then(|t| self.on_demand(t)),
            spot: false,
        }
    }

    /// The Spot estimate per hour of `instance_type`.
    pub fn spot(&self, instance_type: &str) -> Option<f64> {
        self.on_demand(instance_type)
            .map(|p| p * (1.0 - self.spot_discount))
    }
}

/// How one instance is paid for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Priced {
    /// Per hour; `None`: no price known.
    pub per_hour: Option<f64>,
    pub spot: bool,
}

/// What a simulation's EC2 instances cost, beside what its EC2 tasks would cost on Fargate.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Ec2Report {
    /// The instances by type (and Spot, and price), in the order they first appear.
    pub instances: Vec<Ec2Instances>,
    /// The instances with a price, per hour.
    pub price_per_hour: f64,
    /// 30-day month (720 hours).
    pub price_per_month: f64,
    /// Every instance at the Spot estimate, per hour (those with a price).
    pub spot_per_hour: f64,
    pub spot_discount: f64,
    /// Instance types with no price (left out of the totals).
    pub unpriced: Vec<String>,
    /// Tasks running on EC2 instances.
    pub tasks: u64,
    /// The same tasks on Fargate, each at the smallest Fargate size that holds its cpu and
    /// memory, per hour.
    pub fargate_per_hour: f64,
    pub fargate_per_month: f64,
    /// Tasks no Fargate size holds (GPUs, more than 16 vCPU or 120 GiB), left out of the
    /// Fargate price.
    pub no_fargate_size: u64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema, PartialEq)]
pub struct Ec2Instances {
    pub r#type: String,
    pub spot: bool,
    pub count: u32,
    pub price_per_instance_hour: Option<f64>,
}

/// The EC2 cost of `sc` as `report` ran it, each instance priced by `price`; `None` when
/// no instance has an instance type (a scenario of bare cpu/memory instances, or none).
pub fn ec2(
    sc: &Scenario,
    report: &Report,
    price: impl Fn(&Instance) -> Priced,
) -> Option<Ec2Report> {
    if sc.instances.iter().all(|i| i.type_name.is_none()) {
        return None;
    }
    let mut r = Ec2Report::default();
    for inst in &sc.instances {
        let name = inst.type_name.clone().unwrap_or_else(|| "(no type)".into());
        let p = price(inst);
        match r.instances.iter_mut().find(|g| {
            g.r#type == name && g.spot == p.spot && g.price_per_instance_hour == p.per_hour
        }) {
            Some(g) => g.count += 1,
            None => r.instances.push(Ec2Instances {
                r#type: name.clone(),
                spot: p.spot,
                count: 1,
                price_per_instance_hour: p.per_hour,
            }),
        }
        match p.per_hour {
            Some(h) => {
                r.price_per_hour += h;
                // A Spot price is already the Spot one.
                r.spot_per_hour += if p.spot {
                    h
                } else {
                    h * (1.0 - sc.instance_prices.spot_discount)
                };
            }
            None if !r.unpriced.contains(&name) => r.unpriced.push(name),
            None => {}
        }
    }
    r.spot_discount = sc.instance_prices.spot_discount;
    // The tasks on EC2: each service's and each task group's, by the task definition
    // that placed them.
    let mut placed: Vec<(usize, u64)> = Vec::new();
    for s in sc
        .services
        .iter()
        .filter(|s| s.launch_type == LaunchType::Ec2)
    {
        if let Some(g) = report.group(&format!("service:{}", s.name)) {
            placed.push((s.task_definition, u64::from(g.placed)));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for t in &sc.tasks {
        let td = &sc.task_definitions[t.task_definition];
        let group = t
            .group
            .clone()
            .unwrap_or_else(|| format!("family:{}", td.family));
        if seen.contains(&group) {
            continue;
        }
        if let Some(g) = report.group(&group) {
            placed.push((t.task_definition, u64::from(g.placed)));
        }
        seen.push(group);
    }
    for (td, n) in placed {
        r.tasks += n;
        match fargate_price(&sc.task_definitions[td], &sc.prices) {
            Some(p) => r.fargate_per_hour += p * n as f64,
            None => r.no_fargate_size += n,
        }
    }
    r.price_per_hour = round6(r.price_per_hour);
    r.spot_per_hour = round6(r.spot_per_hour);
    r.fargate_per_hour = round6(r.fargate_per_hour);
    r.price_per_month = round2(r.price_per_hour * fargate::HOURS_PER_MONTH);
    r.fargate_per_month = round2(r.fargate_per_hour * fargate::HOURS_PER_MONTH);
    Some(r)
}

/// What one task of `td` would cost per hour on Fargate: the cheapest Fargate size with
/// at least its cpu and memory; `None` when none holds it or it needs GPUs.
pub fn fargate_price(td: &TaskDef, prices: &Prices) -> Option<f64> {
    let need = td.demand();
    if need.gpu > 0 {
        return None;
    }
    fargate::pairs(td.os)
        .filter(|(c, m)| *c >= need.cpu && *m >= need.memory)
        .map(|(c, m)| prices.per_hour(c, m, td.arch, td.ephemeral_gib))
        .min_by(f64::total_cmp)
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::model::{Service, TaskDef};
    use crate::sim::{self, PlacerKind};

    #[test]
    fn the_table_prices_common_types_and_the_user_overrides_them() {
        let mut p = InstancePrices::default();
        assert_eq!(p.on_demand("m5.large"), Some(0.096));
        assert_eq!(p.on_demand("m5.2xlarge"), Some(0.384));
        assert_eq!(p.on_demand("c7g.xlarge"), Some(0.145));
        assert_eq!(p.on_demand("g5.xlarge"), Some(1.006));
        // Unknown: no price, never a guess.
        assert_eq!(p.on_demand("x2iedn.32xlarge"), None);
        assert_eq!(p.spot("x2iedn.32xlarge"), None);
        p.overrides.insert("m5.large".into(), 0.1);
        p.overrides.insert("x2iedn.32xlarge".into(), 26.676);
        assert_eq!(p.on_demand("m5.large"), Some(0.1));
        assert_eq!(p.on_demand("x2iedn.32xlarge"), Some(26.676));
        p.spot_discount = 0.5;
        assert_eq!(p.spot("m5.large"), Some(0.05));
    }

    #[test]
    fn every_large_to_4xlarge_size_of_the_families_is_priced() {
        let p = InstancePrices::default();
        for family in [
            "m5", "m6i", "m6g", "m7g", "c5", "c6i", "c6g", "c7g", "r5", "r6i", "r6g",
        ] {
            for size in ["large", "xlarge", "2xlarge", "4xlarge"] {
                let t = format!("{family}.{size}");
                assert!(p.on_demand(&t).is_some(), "{t}");
            }
            // Prices double with each size.
            let large = p.on_demand(&format!("{family}.large")).unwrap();
            let x4 = p.on_demand(&format!("{family}.4xlarge")).unwrap();
            assert!((x4 - 8.0 * large).abs() < 1e-9, "{family}");
        }
        for t in ["t3.large", "t4g.large", "g4dn.4xlarge", "g5.4xlarge"] {
            assert!(p.on_demand(t).is_some(), "{t}");
        }
    }

    #[test]
    fn a_task_costs_the_smallest_fargate_size_that_holds_it() {
        let prices = Prices::default();
        let exact = fargate_price(&TaskDef::new("a", 512, 1024), &prices).unwrap();
        assert!((exact - prices.per_hour(512, 1024, td_arch(), 20)).abs() < 1e-12);
        // 300 units and 600 MiB take 512 / 1024.
        let up = fargate_price(&TaskDef::new("b", 300, 600), &prices).unwrap();
        assert!((up - exact).abs() < 1e-12);
        assert_eq!(
            fargate_price(&TaskDef::new("c", 32768, 1024), &prices),
            None
        );
    }

    fn td_arch() -> fargate::Arch {
        fargate::Arch::X86_64
    }

    #[test]
    fn instances_cost_beside_their_tasks_on_fargate() {
        let mut sc = Scenario::default();
        for i in 0..2 {
            sc.instances.push(Instance::of_type(
                &format!("i-{i}"),
                crate::sim::catalog::find("m5.large").unwrap(),
                "us-east-1a",
            ));
        }
        sc.task_definitions.push(TaskDef::new("web", 512, 1024));
        sc.services.push(Service::new("web", 0, 4));
        let report = sim::run(&sc, 1, PlacerKind::Fast);
        assert_eq!(report.placed, 4);
        let r = ec2(&sc, &report, |i| sc.instance_prices.on_demand_of(i)).unwrap();
        assert_eq!(r.instances.len(), 1);
        assert_eq!(r.instances[0].count, 2);
        assert_eq!(r.price_per_hour, 0.192);
        assert_eq!(r.price_per_month, 138.24);
        assert_eq!(r.spot_per_hour, 0.0672);
        assert_eq!(r.tasks, 4);
        // 4 x (0.5 x 0.04048 + 1 x 0.004445)
        assert_eq!(r.fargate_per_hour, 0.09874);
        assert!(r.unpriced.is_empty());

        // A type with no price is named, left out of the total, and never guessed.
        sc.instances[1].type_name = Some("x9.large".into());
        let r = ec2(&sc, &report, |i| sc.instance_prices.on_demand_of(i)).unwrap();
        assert_eq!(r.instances.len(), 2);
        assert_eq!(r.instances[1].price_per_instance_hour, None);
        assert_eq!(r.price_per_hour, 0.096);
        assert_eq!(r.unpriced, ["x9.large"]);
    }
}
