//! Listener rule priorities chosen at deploy time, from what the listener holds: the
//! scheme is in `src/render/priority.rs`; this reads the listener's rules and the rules
//! each service's stack owns, and sets the priority parameters of the deploy.

use std::collections::{BTreeMap, BTreeSet};

use super::{Job, ServicePlan};
use crate::aws::stack::StackInfo;
use crate::aws::{listener, Aws};
use crate::error::{Error, Result};
use crate::names;
use crate::render::{self, RuleSlot};

/// The priority parameters chosen for one service's deploy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Priorities(pub BTreeMap<String, u32>);

impl Priorities {
    /// Sets the priority parameters of `job`.
    pub fn apply(&self, job: &mut Job) {
        let params = &mut job.request.parameters;
        for (name, value) in &self.0 {
            let value = value.to_string();
            match params.iter_mut().find(|(k, _)| k == name) {
                Some(slot) => slot.1 = value,
                None => params.push((name.clone(), value)),
            }
        }
    }
}

/// The priorities of the listener rules of `plans`, services of environment `env` (its
/// stack `env_stack`), one after the other: each service keeps the priorities its stack
/// holds and takes free ones for new rules, avoiding every other rule on the listener and
/// those chosen for the services before it, so services that then deploy at the same time
/// never meet. A rule whose listener the environment does not export keeps its default
/// (its deploy fails on the import, saying so).
pub async fn choose(
    aws: &Aws,
    app: &str,
    env: &str,
    env_stack: &StackInfo,
    plans: &[&ServicePlan],
) -> Result<Vec<Priorities>> {
    let listener_arn = |export: &str| {
        env_stack
            .outputs
            .iter()
            .find(|(output, _)| names::export_name(app, env, output) == export)
            .map(|(_, arn)| arn.clone())
    };
    // Listener ARN to its rules (rule ARN to priority), read once.
    let mut listeners: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    // Listener ARN to the priorities chosen for the services before.
    let mut claimed: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut out = Vec::new();
    for plan in plans {
        let slots = &plan.rendered.listener_rules;
        let mut chosen = BTreeMap::new();
        if slots.is_empty() {
            out.push(Priorities(chosen));
            continue;
        }
        let mut by_listener: BTreeMap<String, Vec<RuleSlot>> = BTreeMap::new();
        for s in slots {
            match listener_arn(&s.listener_export) {
                Some(arn) => by_listener.entry(arn).or_default().push(s.clone()),
                None => {
                    chosen.insert(s.parameter.clone(), s.preferred);
                }
            }
        }
        let stack = names::stack_name(app, env, Some(&plan.name));
        let owned = listener::stack_rules(aws, &stack).await?;
        let owned_arns: BTreeSet<&String> = owned.values().collect();
        for (arn, slots) in by_listener {
            if !listeners.contains_key(&arn) {
                let rules = listener::rule_priorities(aws, &arn).await?;
                listeners.insert(arn.clone(), rules);
            }
            let rules = &listeners[&arn];
            let own: BTreeMap<String, u32> = owned
                .iter()
                .filter_map(|(logical, rule)| rules.get(rule).map(|p| (logical.clone(), *p)))
                .collect();
            let mut others: BTreeSet<u32> = rules
                .iter()
                .filter(|(rule, _)| !owned_arns.contains(rule))
                .map(|(_, p)| *p)
                .collect();
            others.extend(claimed.get(&arn).into_iter().flatten());
            let got = render::choose_priorities(&slots, &own, &others).map_err(|e| {
                Error::user(format!("service {}: {e}", plan.name)).with_help(
                    "remove rules of other services from this listener, or give this rule a path of another length",
                )
            })?;
            claimed.entry(arn).or_default().extend(got.values());
            chosen.extend(got);
        }
        out.push(Priorities(chosen));
    }
    Ok(out)
}
