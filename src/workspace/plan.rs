//! The simulator run against a workspace: from an environment and the workloads as they
//! apply to it ([`EnvView`]), builds the scenario (`scenario.rs`), places every task,
//! and turns what cannot place into diagnostics that point at the manifests.

use std::sync::Arc;

use super::load::EnvView;
use super::scenario::{self, Planned};
use crate::diag::{Diagnostic, SourceFile};
use crate::sim::{self, PlacerKind, Report};
use crate::yaml::Node;

/// The outcome of planning one environment.
pub struct EnvPlan {
    /// None when the manifests had errors and nothing could be simulated.
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Places the tasks of `view`'s environment. Returns no report when its manifests have
/// errors (they are in `view.diagnostics`); the diagnostics returned are the simulator's.
pub fn environment(view: &EnvView<'_>) -> EnvPlan {
    let mut diagnostics = Vec::new();
    let (Some(environment), Some(env_loaded), false) =
        (&view.environment, view.env_loaded, view.has_errors())
    else {
        return EnvPlan {
            report: None,
            diagnostics,
        };
    };
    let env = view.name.as_str();
    let mut effective = Vec::new();
    for w in &view.workloads {
        let placement = w.effective.tree.get("placement").map(|node| {
            let (strategy, constraints, d) = sim::scenario::placement(&w.loaded.source, node);
            diagnostics.extend(d);
            (strategy, constraints)
        });
        effective.push((w.loaded, &w.effective, placement));
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return EnvPlan {
            report: None,
            diagnostics,
        };
    }
    let planned: Vec<Planned<'_>> = effective
        .iter()
        .map(|(_, e, p)| Planned {
            workload: &e.workload,
            placement: p.clone(),
        })
        .collect();
    let scenario = match scenario::scenario(environment, &planned) {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                let d = Diagnostic::error("cannot-plan", e.message).help(e.help);
                let located = match e
                    .workload
                    .and_then(|w| effective.iter().find(|(_, x, _)| x.workload.name == w))
                {
                    Some((l, x, _)) => at_key(d, &l.source, &x.tree, "placement"),
                    None => at_key(d, &env_loaded.source, &env_loaded.root, "capacity"),
                };
                diagnostics.push(located);
            }
            return EnvPlan {
                report: None,
                diagnostics,
            };
        }
    };
    let report = sim::run(&scenario, scenario.seed, PlacerKind::Fast);
    for group in report.groups.iter().filter(|g| g.unplaced > 0) {
        let name = group.name.strip_prefix("service:").unwrap_or(&group.name);
        let reasons: Vec<String> = group
            .reasons
            .iter()
            .map(|(r, n)| format!("{r} ({n})"))
            .collect();
        let d = Diagnostic::error(
            "cannot-place",
            format!(
                "in environment `{env}`, {} of {} tasks of `{name}` cannot be placed: {}",
                group.unplaced,
                group.desired,
                reasons.join(", ")
            ),
        )
        .help(format!(
            "add instances to `capacity` in {}, loosen `placement`, or ask for less cpu/memory; `tug sim plan -e {env}` shows the whole placement",
            env_loaded.source.name
        ));
        let located = match effective.iter().find(|(_, x, _)| x.workload.name == name) {
            Some((l, x, _)) => at_key(d, &l.source, &x.tree, "placement"),
            None => d,
        };
        diagnostics.push(located);
    }
    EnvPlan {
        report: Some(report),
        diagnostics,
    }
}

/// Points `d` at `key` in a manifest, or at the file when the key is not there.
fn at_key(d: Diagnostic, source: &Arc<SourceFile>, tree: &Node, key: &str) -> Diagnostic {
    match tree.entry(key) {
        Some(entry) => d.at(source, entry.key_span),
        None => d.in_file(source),
    }
}
