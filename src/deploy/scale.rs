//! A service's task count as a stack setting: `tug svc scale` changes the count parameters
//! of the deployed stack (`DesiredCount`, or `MinCount` and `MaxCount`) through a change
//! set on its current template, and a deploy keeps them while the manifest's count is the
//! one it recorded at the last deploy (the `Manifest<Parameter>` outputs).

use serde::Serialize;

use crate::aws::stack::{Follow, Request, StackInfo};
use crate::error::{Error, Result};
use crate::render::{self, Rendered, DESIRED_COUNT, MAX_COUNT, MIN_COUNT};

use super::Job;

/// What `svc scale` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// `--count N`.
    Count(u32),
    /// `--range MIN-MAX`.
    Range(u32, u32),
}

impl Scale {
    fn parameters(self) -> Vec<(&'static str, u32)> {
        match self {
            Scale::Count(n) => vec![(DESIRED_COUNT, n)],
            Scale::Range(min, max) => vec![(MIN_COUNT, min), (MAX_COUNT, max)],
        }
    }
}

/// One count of a deployed service: the stack's value and the manifest's at the last
/// deploy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CountValue {
    pub live: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<String>,
}

impl CountValue {
    /// Whether `svc scale` set it away from the manifest's value.
    pub fn scaled(&self) -> bool {
        self.manifest.as_ref().is_some_and(|m| *m != self.live)
    }
}

/// The count settings of a deployed service stack: `desired` without autoscaling, `min`
/// and `max` with it. All `None` for a stack deployed by an earlier tug.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired: Option<CountValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<CountValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<CountValue>,
}

impl Counts {
    pub fn of(stack: &StackInfo) -> Counts {
        let value = |p: &str| {
            stack.parameters.get(p).map(|live| CountValue {
                live: live.clone(),
                manifest: stack.outputs.get(&render::manifest_output(p)).cloned(),
            })
        };
        Counts {
            desired: value(DESIRED_COUNT),
            min: value(MIN_COUNT),
            max: value(MAX_COUNT),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.desired.is_none() && self.min.is_none() && self.max.is_none()
    }

    /// One line for people: `3 tasks (manifest: 1; set by tug svc scale)`,
    /// `autoscaling 2-6 tasks (manifest: 1-4; ...)`.
    pub fn describe(&self) -> Option<String> {
        let note = |scaled: bool, manifest: Option<String>| match (scaled, manifest) {
            (true, Some(m)) => format!(" (manifest: {m}; set by `tug svc scale`)"),
            _ => String::new(),
        };
        if let Some(d) = &self.desired {
            return Some(format!(
                "{} tasks{}",
                d.live,
                note(d.scaled(), d.manifest.clone())
            ));
        }
        let (min, max) = (self.min.as_ref()?, self.max.as_ref()?);
        let manifest = match (&min.manifest, &max.manifest) {
            (Some(a), Some(b)) => Some(format!("{a}-{b}")),
            _ => None,
        };
        Some(format!(
            "autoscaling {}-{} tasks{}",
            min.live,
            max.live,
            note(min.scaled() || max.scaled(), manifest)
        ))
    }
}

/// Keeps the count a `tug svc scale` set on the `existing` stack in `rendered` (the next
/// deploy of it), unless the manifest's count changed since the last deploy: every count
/// parameter of `rendered` holds the manifest's value, and the stack's outputs hold the
/// manifest's values of the last deploy. Returns the parameters kept, with their values.
pub fn keep_scaled(rendered: &mut Rendered, existing: Option<&StackInfo>) -> Vec<(String, String)> {
    let Some(existing) = existing else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    for p in render::COUNT_PARAMETERS {
        let Some(manifest) = rendered.parameters.get(p) else {
            continue;
        };
        let recorded = existing.outputs.get(&render::manifest_output(p));
        match (recorded, existing.parameters.get(p)) {
            (Some(recorded), Some(live)) if recorded == manifest => {
                kept.push((p.to_string(), live.clone()));
            }
            // One count the manifest changed: its whole count applies.
            _ => return Vec::new(),
        }
    }
    for (p, v) in &kept {
        rendered.parameters.insert(p.clone(), v.clone());
    }
    kept.retain(|(p, v)| existing.outputs.get(&render::manifest_output(p)) != Some(v));
    kept
}

/// The service stack output a daemon service has (`scheduling: daemon`), `DAEMON`.
const DAEMON_OUTPUT: &str = "SchedulingStrategy";

/// The change `scale` makes to the deployed service stack `stack`: the parameters to set,
/// or an error saying why it cannot (a count where the service autoscales, a range where
/// it does not, a stack from an earlier tug). `name` and `env` name the service for the
/// messages. `None` when the stack already has these values.
pub fn scale_parameters(
    stack: &StackInfo,
    scale: Scale,
    name: &str,
    env: &str,
) -> Result<Option<Vec<(String, String)>>> {
    if stack.outputs.get(DAEMON_OUTPUT).map(String::as_str) == Some("DAEMON") {
        return Err(Error::usage(format!(
            "service {name} in {env} is a daemon (`scheduling: daemon`): ECS runs one task on each instance of its capacity, so it has no count to scale"
        ))
        .with_help(
            "scale the instances instead: `count` and `max` of the environment's `capacity:` group, then `tug env deploy`",
        ));
    }
    let counts = Counts::of(stack);
    if counts.is_empty() {
        return Err(Error::user(format!(
            "service {name} in {env} was deployed by an earlier tug, whose stack has no count parameters"
        ))
        .with_help(format!(
            "deploy it once with `tug svc deploy -n {name} -e {env}`, then scale it"
        )));
    }
    match (scale, &counts.desired) {
        (Scale::Count(_), None) => {
            let range = counts.describe().unwrap_or_default();
            return Err(Error::usage(format!(
                "service {name} autoscales ({range}): its count is a range"
            ))
            .with_help(format!(
                "change the range with `tug svc scale -n {name} -e {env} --range MIN-MAX`"
            )));
        }
        (Scale::Range(..), Some(_)) => {
            return Err(Error::usage(format!(
                "service {name} does not autoscale: it runs a fixed count"
            ))
            .with_help(format!(
                "change the count with `--count N`; autoscaling needs `count.range` and a metric in its manifest, then `tug svc deploy -n {name} -e {env}`"
            )));
        }
        _ => {}
    }
    let wanted = scale.parameters();
    if wanted
        .iter()
        .all(|(p, v)| stack.parameters.get(*p) == Some(&v.to_string()))
    {
        return Ok(None);
    }
    let mut parameters: Vec<(String, String)> = stack
        .parameters
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (p, v) in wanted {
        match parameters.iter_mut().find(|(k, _)| k == p) {
            Some(slot) => slot.1 = v.to_string(),
            None => parameters.push((p.to_string(), v.to_string())),
        }
    }
    Ok(Some(parameters))
}

/// The job that applies `parameters` to service stack `stack` on its current template,
/// following the rollout in `cluster`.
pub fn scale_job(
    stack: &StackInfo,
    parameters: Vec<(String, String)>,
    cluster: Option<String>,
    name: &str,
    env: &str,
) -> Job {
    Job {
        title: format!("service {name} in {env}"),
        request: Request {
            stack: stack.name.clone(),
            // Empty: the stack's current template (UsePreviousTemplate).
            template: String::new(),
            template_url: None,
            parameters,
            tags: stack
                .tags
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        },
        follow: cluster.map(|c| Follow {
            cluster: c,
            logical_id: "Service".into(),
        }),
        resume: format!("tug svc status -n {name} -e {env}"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::aws::status::StackStatus;

    fn stack(params: &[(&str, &str)], outputs: &[(&str, &str)]) -> StackInfo {
        let map = |kv: &[(&str, &str)]| -> BTreeMap<String, String> {
            kv.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        StackInfo {
            name: "tug-shop-test-web".into(),
            id: "id".into(),
            status: StackStatus::parse("UPDATE_COMPLETE"),
            reason: None,
            outputs: map(outputs),
            tags: BTreeMap::new(),
            parameters: map(params),
            updated: None,
        }
    }

    fn rendered(params: &[(&str, &str)]) -> Rendered {
        Rendered {
            template: String::new(),
            parameters: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            tags: BTreeMap::new(),
            listener_rules: Vec::new(),
        }
    }

    #[test]
    fn a_deploy_keeps_a_scaled_count_until_the_manifest_changes_it() {
        let scaled = stack(&[("DesiredCount", "5")], &[("ManifestDesiredCount", "1")]);
        // Same manifest count as last time: the scaled 5 stays.
        let mut r = rendered(&[("DesiredCount", "1")]);
        let kept = keep_scaled(&mut r, Some(&scaled));
        assert_eq!(r.parameters["DesiredCount"], "5");
        assert_eq!(kept, vec![("DesiredCount".to_string(), "5".to_string())]);
        // The manifest now says 2: the manifest wins.
        let mut r = rendered(&[("DesiredCount", "2")]);
        assert!(keep_scaled(&mut r, Some(&scaled)).is_empty());
        assert_eq!(r.parameters["DesiredCount"], "2");
        // A first deploy, and a stack from an earlier tug (no recorded value): the manifest.
        let mut r = rendered(&[("DesiredCount", "1")]);
        keep_scaled(&mut r, None);
        assert_eq!(r.parameters["DesiredCount"], "1");
        keep_scaled(&mut r, Some(&stack(&[("DesiredCount", "5")], &[])));
        assert_eq!(r.parameters["DesiredCount"], "1");
    }

    #[test]
    fn a_range_is_kept_or_replaced_whole() {
        let scaled = stack(
            &[("MinCount", "3"), ("MaxCount", "9")],
            &[("ManifestMinCount", "1"), ("ManifestMaxCount", "4")],
        );
        let mut r = rendered(&[("MinCount", "1"), ("MaxCount", "4")]);
        keep_scaled(&mut r, Some(&scaled));
        assert_eq!(
            (&*r.parameters["MinCount"], &*r.parameters["MaxCount"]),
            ("3", "9")
        );
        // Only the max changed in the manifest: min 3 with max 2 would not do; the
        // manifest's range applies.
        let mut r = rendered(&[("MinCount", "1"), ("MaxCount", "2")]);
        keep_scaled(&mut r, Some(&scaled));
        assert_eq!(
            (&*r.parameters["MinCount"], &*r.parameters["MaxCount"]),
            ("1", "2")
        );
        // A service that switched from a count to a range takes the manifest's range.
        let fixed = stack(&[("DesiredCount", "5")], &[("ManifestDesiredCount", "1")]);
        let mut r = rendered(&[("MinCount", "1"), ("MaxCount", "4")]);
        keep_scaled(&mut r, Some(&fixed));
        assert_eq!(r.parameters["MinCount"], "1");
    }

    #[test]
    fn scale_checks_the_kind_of_count() {
        let fixed = stack(&[("DesiredCount", "1"), ("ContainerImage", "x")], &[]);
        let p = scale_parameters(&fixed, Scale::Count(3), "web", "test")
            .unwrap()
            .unwrap();
        assert!(p.contains(&("DesiredCount".into(), "3".into())));
        assert!(
            p.contains(&("ContainerImage".into(), "x".into())),
            "others unchanged"
        );
        assert!(scale_parameters(&fixed, Scale::Count(1), "web", "test")
            .unwrap()
            .is_none());
        let e = scale_parameters(&fixed, Scale::Range(1, 3), "web", "test").unwrap_err();
        assert!(e.to_string().contains("does not autoscale"), "{e}");
        let ranged = stack(&[("MinCount", "1"), ("MaxCount", "4")], &[]);
        let e = scale_parameters(&ranged, Scale::Count(3), "web", "test").unwrap_err();
        assert!(e.to_string().contains("autoscales"), "{e}");
        let old = stack(&[("ContainerImage", "x")], &[]);
        let e = scale_parameters(&old, Scale::Count(3), "web", "test").unwrap_err();
        assert!(e.to_string().contains("earlier tug"), "{e}");
    }

    #[test]
    fn a_daemon_is_not_scaled_by_count() {
        let daemon = stack(&[], &[("SchedulingStrategy", "DAEMON")]);
        let e = scale_parameters(&daemon, Scale::Count(3), "agent", "test").unwrap_err();
        assert!(e.to_string().contains("is a daemon"), "{e}");
        assert!(!e.to_string().contains("earlier tug"), "{e}");
    }

    #[test]
    fn counts_say_what_was_scaled() {
        let s = stack(&[("DesiredCount", "5")], &[("ManifestDesiredCount", "1")]);
        assert_eq!(
            Counts::of(&s).describe().unwrap(),
            "5 tasks (manifest: 1; set by `tug svc scale`)"
        );
        let s = stack(
            &[("MinCount", "1"), ("MaxCount", "4")],
            &[("ManifestMinCount", "1"), ("ManifestMaxCount", "4")],
        );
        assert_eq!(Counts::of(&s).describe().unwrap(), "autoscaling 1-4 tasks");
    }
}
