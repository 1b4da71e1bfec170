//! `events:`: the timeline (deployments, AZ failure, draining, scaling, metrics).

use crate::yaml::PathSeg;

use super::input::{items, DeployIn, EventIn, List, MetricIn, ScaleIn};
use super::*;

/// The kinds of event; an event has exactly one.
const KINDS: &[&str] = &["deploy", "fail_az", "drain_instance", "scale", "metric"];

impl Check<'_> {
    /// The events, sorted by `at` (stable).
    pub(super) fn events(&mut self, list: &List<EventIn>, sc: &Scenario) -> Vec<Event> {
        let base = [key("events")];
        let mut out: Vec<Event> = items(list)
            .filter_map(|(i, e)| self.event(&nth(&base, i), e, sc))
            .collect();
        out.sort_by_key(|e| e.at);
        out
    }

    fn event(&mut self, p: &[PathSeg], e: &EventIn, sc: &Scenario) -> Option<Event> {
        let span = self.span(p);
        let at_path = at(p, "at");
        let at_seconds = match e.at {
            Some(v) => self.int(&at_path, Some(v))?,
            None if self.node(&at_path).is_some() => return None,
            None => {
                self.error(
                    "missing-key",
                    span,
                    "an event needs `at` (seconds from the start)",
                    "add `at: 60`",
                );
                return None;
            }
        };
        let present: Vec<&str> = self
            .node(p)
            .and_then(Node::as_map)
            .unwrap_or(&[])
            .iter()
            .map(|x| x.key.as_str())
            .filter(|k| KINDS.contains(k))
            .collect();
        let [kind] = present[..] else {
            self.error(
                "invalid-value",
                span,
                "an event needs exactly one of deploy, fail_az, drain_instance, scale, metric",
                "split it into one event per line",
            );
            return None;
        };
        let kp = at(p, kind);
        let kind = match kind {
            "deploy" => self.deploy(&kp, e.deploy.as_ref()?, sc)?,
            "fail_az" => EventKind::FailAz(self.text(&kp, e.fail_az.as_ref())?),
            "drain_instance" => self.drain(&kp, e, sc)?,
            "scale" => self.scale(&kp, e.scale.as_ref()?, sc)?,
            _ => self.metric(&kp, e.metric.as_ref()?, sc)?,
        };
        Some(Event {
            at: at_seconds,
            kind,
        })
    }

    fn deploy(&mut self, p: &[PathSeg], d: &DeployIn, sc: &Scenario) -> Option<EventKind> {
        let (Some(sv), Some(tv)) = (&d.service, &d.task_definition) else {
            self.missing_unless_bad(
                p,
                &["service", "task_definition"],
                "deploy needs `service` and `task_definition`",
                "write `deploy: {service: api, task_definition: api-v2}`",
            );
            return None;
        };
        let service = self.service_ref(&at(p, "service"), sv, sc)?;
        let tp = at(p, "task_definition");
        let task_definition = self.td_ref(&tp, tv, sc)?;
        let fail_tasks = self.u32(&at(p, "fail_tasks"), d.fail_tasks).unwrap_or(0);
        let s = &sc.services[service];
        let new = &sc.task_definitions[task_definition];
        if (s.launch_type == LaunchType::Fargate) != (new.requires == LaunchType::Fargate) {
            self.error(
                "invalid-value",
                self.span(&tp),
                format!(
                    "task definition `{}` does not suit service `{}`'s launch type",
                    new.name, s.name
                ),
                "deploy a task definition with the same `requires`",
            );
        }
        Some(EventKind::Deploy {
            service,
            task_definition,
            fail_tasks,
        })
    }

    fn drain(&mut self, p: &[PathSeg], e: &EventIn, sc: &Scenario) -> Option<EventKind> {
        let id = self.text(p, e.drain_instance.as_ref())?;
        if sc.instances.iter().any(|i| i.id == id) {
            return Some(EventKind::DrainInstance(id));
        }
        let help = sc
            .instances
            .iter()
            .map(|i| (i.id.as_str(), strsim::jaro_winkler(&i.id, &id)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, s)| *s > 0.7)
            .map(|(n, _)| format!("did you mean `{n}`?"))
            .unwrap_or_else(|| "name an instance id (id_prefix + number, or i-1, i-2, ...)".into());
        self.error(
            "invalid-value",
            self.span(p),
            format!("no instance with id `{id}`"),
            help,
        );
        None
    }

    fn scale(&mut self, p: &[PathSeg], d: &ScaleIn, sc: &Scenario) -> Option<EventKind> {
        let (Some(sv), Some(dv)) = (&d.service, d.desired) else {
            self.missing_unless_bad(
                p,
                &["service", "desired"],
                "scale needs `service` and `desired`",
                "write `scale: {service: api, desired: 12}`",
            );
            return None;
        };
        let sp = at(p, "service");
        let service = self.service_ref(&sp, sv, sc)?;
        if sc.services[service].scheduling == Scheduling::Daemon {
            self.error(
                "invalid-value",
                self.span(&sp),
                "a daemon service cannot be scaled",
                "add or drain instances instead",
            );
        }
        Some(EventKind::Scale {
            service,
            desired: self.u32(&at(p, "desired"), Some(dv))?,
        })
    }

    fn metric(&mut self, p: &[PathSeg], d: &MetricIn, sc: &Scenario) -> Option<EventKind> {
        let Some(sv) = &d.service else {
            self.missing_unless_bad(
                p,
                &["service"],
                "metric needs `service`",
                "write `metric: {service: api, cpu: 85}`",
            );
            return None;
        };
        let sp = at(p, "service");
        let service = self.service_ref(&sp, sv, sc)?;
        let cpu = self.float(&at(p, "cpu"), d.cpu);
        let memory = self.float(&at(p, "memory"), d.memory);
        let requests = self.float(&at(p, "requests"), d.requests);
        if sc.services[service].autoscaling.is_none() {
            self.warn(
                self.span(&sp),
                format!(
                    "service `{}` has no autoscaling; this metric changes nothing",
                    sc.services[service].name
                ),
            );
        }
        Some(EventKind::Metric {
            service,
            cpu,
            memory,
            requests,
        })
    }

    /// A missing-key error, unless every key is written (one was of the wrong kind, and the
    /// checker said so).
    fn missing_unless_bad(&mut self, p: &[PathSeg], keys: &[&str], msg: &str, help: &str) {
        if keys.iter().all(|k| self.node(&at(p, k)).is_some()) {
            return;
        }
        self.error("missing-key", self.span(p), msg, help);
    }

    fn service_ref(&mut self, p: &[PathSeg], v: &Text, sc: &Scenario) -> Option<usize> {
        let name = self.text(p, Some(v))?;
        let found = sc.services.iter().position(|s| s.name == name);
        if found.is_none() {
            let names: Vec<&str> = sc.services.iter().map(|s| s.name.as_str()).collect();
            let help = names
                .iter()
                .find(|n| strsim::jaro_winkler(n, &name) > 0.7)
                .map(|n| format!("did you mean `{n}`?"))
                .unwrap_or_else(|| format!("services: {}", names.join(", ")));
            self.error(
                "invalid-value",
                self.span(p),
                format!("no service named `{name}`"),
                help,
            );
        }
        found
    }
}
