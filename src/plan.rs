//! The simulator run against a workspace: reads an environment's manifest and the
//! workloads as they apply to it, builds the scenario (`sim::plan`), places every task,
//! and turns what cannot place into diagnostics that point at the manifests.

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};
use crate::error::{Error, Result};
use crate::manifest::{self, Kind, Options};
use crate::sim::{self, plan::Planned, PlacerKind, Report};
use crate::workspace::{display_path, Workspace};
use crate::yaml::Node;

/// The outcome of planning one environment.
pub struct EnvPlan {
    /// None when the manifests had errors and nothing could be simulated.
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Plans environment `env` of the workspace. Manifest problems come back as diagnostics;
/// only a missing environment is an `Err`.
pub fn environment(ws: &Workspace, env: &str, cwd: &Path) -> Result<EnvPlan> {
    let env_path = ws.environment(env)?;
    let mut diagnostics = Vec::new();
    let env_loaded = match manifest::read(&env_path, &display_path(&env_path, cwd)) {
        Ok(l) if l.kind == Kind::Environment => l,
        Ok(_) => {
            return Err(Error::user(format!(
                "{} is not an environment manifest",
                env_path.display()
            )))
        }
        Err(d) => {
            return Ok(EnvPlan {
                report: None,
                diagnostics: vec![*d],
            })
        }
    };
    let (environment, d) = manifest::environment(&env_loaded);
    diagnostics.extend(d);
    let Some(environment) = environment else {
        return Ok(EnvPlan {
            report: None,
            diagnostics,
        });
    };

    let mut loaded = Vec::new();
    for (_, path) in ws.workloads() {
        match manifest::read(&path, &display_path(&path, cwd)) {
            Ok(l) if matches!(l.kind, Kind::Workload(_)) => loaded.push(l),
            Ok(_) => {}
            Err(d) => diagnostics.push(*d),
        }
    }
    let opts = Options {
        app: &ws.app,
        env: Some(env),
        unset_is_error: false,
        lookup: &manifest::process_env,
    };
    let mut effective = Vec::new();
    for l in &loaded {
        let (e, d) = manifest::workload(l, &opts);
        diagnostics.extend(d);
        if let Some(e) = e {
            let placement = e.tree.get("placement").map(|node| {
                let (strategy, constraints, d) = sim::scenario::placement(&l.source, node);
                diagnostics.extend(d);
                (strategy, constraints)
            });
            effective.push((l, e, placement));
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(EnvPlan {
            report: None,
            diagnostics,
        });
    }
    let planned: Vec<Planned<'_>> = effective
        .iter()
        .map(|(_, e, p)| Planned {
            workload: &e.workload,
            placement: p.clone(),
        })
        .collect();
    let scenario = match sim::plan::scenario(&environment, &planned) {
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
            return Ok(EnvPlan {
                report: None,
                diagnostics,
            });
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
            display_path(&env_path, cwd)
        ));
        let located = match effective.iter().find(|(_, x, _)| x.workload.name == name) {
            Some((l, x, _)) => at_key(d, &l.source, &x.tree, "placement"),
            None => d,
        };
        diagnostics.push(located);
    }
    Ok(EnvPlan {
        report: Some(report),
        diagnostics,
    })
}

/// Points `d` at `key` in a manifest, or at the file when the key is not there.
fn at_key(d: Diagnostic, source: &Arc<SourceFile>, tree: &Node, key: &str) -> Diagnostic {
    match tree.entry(key) {
        Some(entry) => d.at(source, entry.key_span),
        None => d.in_file(source),
    }
}
