//! Listener rule priorities: no two rules on a listener may share one (ELB refuses the
//! second with `PriorityInUse`), and a request goes to the rule with the lowest priority
//! whose conditions it matches.
//!
//! The scheme. Priorities 1-50000 are cut into 100 buckets of 500, one per path length:
//! paths of 99 characters or more share the first bucket, a length of 2 the 98th, and the
//! catch-all `/` has the last (49501-50000), so longer, more specific paths are evaluated
//! first (`/api/v1` before `/api` before `/`). Each bucket is two bands of 250: rules with
//! host-header or source-ip conditions take the first, plain rules the second, so
//! `example.com/` is evaluated before `/`. A rule's priority always lies in its band.
//!
//! Inside the band, the priority is chosen where it is known which are free:
//! - at deploy time ([`choose`], called by `src/deploy/rules.rs`, which reads the listener's
//!   rules with DescribeRules and the rules the service's own stack holds): a rule keeps
//!   the priority its stack already holds for it (same logical ID, still in its band), so
//!   a redeploy changes nothing; a new rule takes its preferred slot if free, else the next
//!   free one in its band (wrapping). Rules of other services are never moved. `tug deploy
//!   -e` chooses for every service in turn before any of them deploys, so services that
//!   deploy at the same time cannot pick the same free priority.
//! - offline (`svc package`, `tug validate`, the template's parameter defaults): the
//!   preferred slot, a stable FNV-1a hash of the service name, path and rule index, moved
//!   to the next free slot when two rules of the service meet. Without the listener this
//!   cannot know other services' rules; the deploy overrides the defaults.
//!
//! Each rule's priority is a template parameter (`<Rule>Priority`), so the template stays
//! the same whatever the listener holds, and a deploy that keeps every priority is "no
//! changes".

use std::collections::{BTreeMap, BTreeSet};

/// Priorities in a band (half a bucket).
pub const BAND: u32 = 250;

/// The first priority of the band of a rule on `path` (a manifest path as `path_patterns`
/// gives it: `/` or `/api`), with host-header or source-ip conditions or not.
pub fn band(path: &str, has_conditions: bool) -> u32 {
    let length = path.chars().count();
    let bucket: u32 = if path == "/" {
        99
    } else {
        99 - (length.clamp(2, 99) as u32)
    };
    let half = if has_conditions { 0 } else { BAND };
    bucket * 500 + half + 1
}

/// The preferred priority of a rule (see the module): its band and a stable slot in it.
pub fn rule_priority(service: &str, path: &str, has_conditions: bool, index: usize) -> u32 {
    band(path, has_conditions) + slot(service, path, index)
}

fn slot(service: &str, path: &str, index: usize) -> u32 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in service
        .bytes()
        .chain([0])
        .chain(path.bytes())
        .chain([0])
        .chain(index.to_le_bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    (h % BAND as u64) as u32
}

/// The priorities of `band` from `from` on, wrapping around to the band's start.
fn cycle(band: u32, from: u32) -> impl Iterator<Item = u32> {
    let offset = from.saturating_sub(band) % BAND;
    (0..BAND).map(move |k| band + (offset + k) % BAND)
}

/// The first priority of `band`, from `preferred` on, that is not in `taken`.
pub(super) fn first_free(band: u32, preferred: u32, taken: &BTreeSet<u32>) -> Option<u32> {
    cycle(band, preferred).find(|p| !taken.contains(p))
}

/// One listener rule of a service stack: what a deploy needs to choose its priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSlot {
    /// The rule's logical ID in the stack (`ListenerRule`, `ListenerRule2Part2`).
    pub logical: String,
    /// The stack parameter that sets its priority.
    pub parameter: String,
    /// The export of the environment stack that names the listener.
    pub listener_export: String,
    /// The first priority of its band (see [`band`]).
    pub band: u32,
    /// Its preferred priority, and the template's default.
    pub preferred: u32,
}

/// A band with no free priority left.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no free listener rule priority for {logical} in {first}-{last}: the listener holds {BAND} rules of that kind and path length"
)]
pub struct NoFreePriority {
    pub logical: String,
    pub first: u32,
    pub last: u32,
}

/// The priority of each of a service's rules `slots` on one listener (by parameter), given
/// the priorities its stack holds there now (`own`, by logical ID) and those of every other
/// rule on the listener (`others`). See the module for the scheme.
pub fn choose(
    slots: &[RuleSlot],
    own: &BTreeMap<String, u32>,
    others: &BTreeSet<u32>,
) -> Result<BTreeMap<String, u32>, NoFreePriority> {
    let mut chosen = BTreeMap::new();
    let mut kept = BTreeSet::new();
    for s in slots {
        if let Some(&p) = own.get(&s.logical) {
            let in_band = (s.band..s.band + BAND).contains(&p);
            if in_band && !others.contains(&p) && kept.insert(p) {
                chosen.insert(s.parameter.clone(), p);
            }
        }
    }
    // A new rule is created before the stack's old rules are deleted: it avoids them too.
    let mut taken: BTreeSet<u32> = others.iter().chain(own.values()).copied().collect();
    taken.extend(&kept);
    for s in slots {
        if chosen.contains_key(&s.parameter) {
            continue;
        }
        let p = first_free(s.band, s.preferred, &taken).ok_or_else(|| NoFreePriority {
            logical: s.logical.clone(),
            first: s.band,
            last: s.band + BAND - 1,
        })?;
        taken.insert(p);
        chosen.insert(s.parameter.clone(), p);
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(logical: &str, path: &str, hosts: bool, index: usize) -> RuleSlot {
        RuleSlot {
            logical: logical.into(),
            parameter: format!("{logical}Priority"),
            listener_export: "tug-shop-test-HTTPListenerArn".into(),
            band: band(path, hosts),
            preferred: rule_priority("web", path, hosts, index),
        }
    }

    #[test]
    fn bands_order_longer_paths_and_conditions_first() {
        assert!(band("/api/v1", false) < band("/api", false));
        assert!(band("/api", false) < band("/", true));
        assert!(band("/", true) < band("/", false));
        // The last band ends at 50000, the highest priority ELB takes.
        assert_eq!(band("/", false) + BAND - 1, 50_000);
        assert_eq!(band(&format!("/{}", "a".repeat(200)), true), 1);
    }

    #[test]
    fn a_new_rule_avoids_every_taken_priority_in_its_band() {
        let s = slot("ListenerRule", "/", true, 0);
        // Every priority of the band but the last one before the preferred is taken.
        let free = if s.preferred == s.band {
            s.band + BAND - 1
        } else {
            s.preferred - 1
        };
        let others: BTreeSet<u32> = (s.band..s.band + BAND).filter(|p| *p != free).collect();
        let got = choose(std::slice::from_ref(&s), &BTreeMap::new(), &others).unwrap();
        assert_eq!(got["ListenerRulePriority"], free);
        let full: BTreeSet<u32> = (s.band..s.band + BAND).collect();
        let err = choose(&[s], &BTreeMap::new(), &full).unwrap_err();
        assert_eq!(err.first + BAND - 1, err.last);
    }

    #[test]
    fn a_redeploy_keeps_the_priorities_its_stack_holds() {
        let slots = [
            slot("ListenerRule", "/", true, 0),
            slot("ListenerRulePart2", "/", true, 0),
        ];
        let b = slots[0].band;
        let own = BTreeMap::from([
            ("ListenerRule".to_string(), b + 7),
            ("ListenerRulePart2".to_string(), b + 9),
        ]);
        let others = BTreeSet::from([slots[0].preferred, b + 8]);
        let got = choose(&slots, &own, &others).unwrap();
        assert_eq!(got["ListenerRulePriority"], b + 7);
        assert_eq!(got["ListenerRulePart2Priority"], b + 9);
    }

    #[test]
    fn a_rule_that_changed_band_moves_and_avoids_the_old_priorities() {
        // `/` became `/api`: the old priority is outside the new band.
        let s = slot("ListenerRule", "/api", false, 0);
        let old = band("/", false) + 3;
        let own = BTreeMap::from([("ListenerRule".to_string(), old)]);
        let got = choose(std::slice::from_ref(&s), &own, &BTreeSet::new()).unwrap();
        assert_eq!(got["ListenerRulePriority"], s.preferred);
        // A rule the stack drops still holds its priority until the update ends.
        let n = slot("ListenerRule2", "/", false, 1);
        let own = BTreeMap::from([("ListenerRuleGone".to_string(), n.preferred)]);
        let got = choose(std::slice::from_ref(&n), &own, &BTreeSet::new()).unwrap();
        assert_ne!(got["ListenerRule2Priority"], n.preferred);
    }

    #[test]
    fn two_rules_of_one_service_never_share_a_priority() {
        let slots: Vec<RuleSlot> = (0..300)
            .map(|i| {
                let mut s = slot(&format!("R{i}"), "/", false, 0);
                s.preferred = s.band + 5;
                s
            })
            .take(BAND as usize)
            .collect();
        let got = choose(&slots, &BTreeMap::new(), &BTreeSet::new()).unwrap();
        let unique: BTreeSet<u32> = got.values().copied().collect();
        assert_eq!(unique.len(), BAND as usize);
    }
}
