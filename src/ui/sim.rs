//! The simulator's report as text.

use std::fmt::Write as _;

use crate::fargate;
use crate::sim;

/// The readable summary: totals, a line per group, rollouts, scaling, warnings, and the
/// instance table when it is short.
/// `shown`: leading warnings already printed as located diagnostics.
pub fn report(r: &sim::Report, shown: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "placed {} task(s), unplaced {}", r.placed, r.unplaced);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<32} {:>8} {:>8} {:>8}  by AZ",
        "GROUP", "DESIRED", "PLACED", "UNPLACED"
    );
    for g in &r.groups {
        let azs = g
            .by_az
            .iter()
            .map(|(a, n)| format!("{a}={n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(
            s,
            "{:<32} {:>8} {:>8} {:>8}  {azs}",
            g.name, g.desired, g.placed, g.unplaced
        );
        for (reason, n) in &g.reasons {
            let _ = writeln!(s, "    {n} unplaced: {reason}");
        }
    }
    for ro in &r.rollouts {
        let state = if ro.failed {
            "FAILED (rolled back)"
        } else if ro.stuck {
            "STUCK"
        } else {
            "completed"
        };
        let _ = writeln!(
            s,
            "\nrollout of {} at {}s: {state} in {} step(s), ~{}s",
            ro.service,
            ro.at,
            ro.steps.len(),
            ro.duration_seconds
        );
        for (k, st) in ro.steps.iter().enumerate() {
            let _ = writeln!(
                s,
                "  step {}: started {}, stopped {}{}, running old {} new {}",
                k + 1,
                st.started,
                st.stopped,
                if st.failed > 0 {
                    format!(", {} failed", st.failed)
                } else {
                    String::new()
                },
                st.running_old,
                st.running_new
            );
        }
        if let Some(reason) = &ro.reason {
            let _ = writeln!(s, "  {reason}");
        }
    }
    for sc in &r.scaling {
        let _ = writeln!(
            s,
            "\nscaled {} at {}s: {} -> {} ({})",
            sc.service, sc.at, sc.from, sc.to, sc.reason
        );
    }
    if let Some(f) = &r.fargate {
        let _ = writeln!(
            s,
            "\nFargate: {} task(s) launched in {:.1}s; ${:.4}/hour, ${:.2} per 30-day month",
            f.tasks, f.launch_seconds, f.price_per_hour, f.price_per_month
        );
    }
    if let Some(e) = &r.ec2 {
        s.push_str(&ec2(e));
    }
    if r.instances.len() <= 50 && !r.instances.is_empty() {
        let _ = writeln!(
            s,
            "\n{:<16} {:<12} {:<12} {:<9} {:>8} {:>10} {:>6}",
            "INSTANCE", "AZ", "TYPE", "STATUS", "CPU FREE", "MEM FREE", "TASKS"
        );
        for i in &r.instances {
            let _ = writeln!(
                s,
                "{:<16} {:<12} {:<12} {:<9} {:>8} {:>10} {:>6}",
                i.id,
                i.az,
                i.r#type.as_deref().unwrap_or("-"),
                i.status,
                i.cpu_free,
                i.memory_free,
                i.tasks
            );
        }
    } else if !r.instances.is_empty() {
        let _ = writeln!(
            s,
            "\n{} instances (--json lists them all)",
            r.instances.len()
        );
    }
    for w in r.warnings.iter().skip(shown) {
        let _ = writeln!(s, "\nwarning: {w}");
    }
    s
}

/// `sim fargate`: whether `cpu`/`memory` is a Fargate size on `platform`, its price, or the
/// nearest valid sizes with theirs.
pub fn fargate(
    cpu: u32,
    memory: u32,
    platform: &str,
    arch: fargate::Arch,
    result: &Result<(), fargate::SizeError>,
    prices: &fargate::Prices,
) -> String {
    match result {
        Ok(()) => {
            let p = prices.per_hour(cpu, memory, arch, 20);
            format!(
                "cpu {cpu} / memory {memory} on {platform} is a valid Fargate size: ${p:.6}/hour, ${:.2} per 30-day month",
                p * fargate::HOURS_PER_MONTH
            )
        }
        Err(e) => {
            let mut text = format!("{} ({platform})\n{}\n", e.message, e.detail);
            for (c, m) in &e.suggestions {
                let p = prices.per_hour(*c, *m, arch, 20);
                let _ = writeln!(text, "  try cpu {c} / memory {m}: ${p:.6}/hour");
            }
            text
        }
    }
}

/// The EC2 instances' cost, their Spot estimate, and their tasks' price on Fargate.
fn ec2(e: &sim::cost::Ec2Report) -> String {
    let mut s = String::new();
    let types: Vec<String> = e
        .instances
        .iter()
        .map(|g| {
            let spot = if g.spot { " Spot" } else { "" };
            match g.price_per_instance_hour {
                Some(p) => format!("{} x {}{spot} (${p:.4})", g.count, g.r#type),
                None => format!("{} x {}{spot} (no price)", g.count, g.r#type),
            }
        })
        .collect();
    let _ = writeln!(
        s,
        "\nEC2: {}: ${:.4}/hour, ${:.2} per 30-day month",
        types.join(", "),
        e.price_per_hour,
        e.price_per_month
    );
    if !e.unpriced.is_empty() {
        let _ = writeln!(
            s,
            "  no price known for {}: left out of the total (give one: `prices.instances` in a scenario, `price` on the capacity group)",
            e.unpriced.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "  all on Spot (an estimate: {:.0}% off On-Demand): ${:.4}/hour, ${:.2} per 30-day month",
        e.spot_discount * 100.0,
        e.spot_per_hour,
        e.spot_per_hour * fargate::HOURS_PER_MONTH
    );
    if e.tasks > 0 {
        let left_out = if e.no_fargate_size > 0 {
            format!(" ({} with no Fargate size left out)", e.no_fargate_size)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  the same {} task(s) on Fargate: ${:.4}/hour, ${:.2} per 30-day month{left_out}",
            e.tasks, e.fargate_per_hour, e.fargate_per_month
        );
    }
    s
}
