//! `deployment.rollback_alarms`: the CloudWatch alarms that fail a service's deployment, and
//! roll it back, when one of them goes into ALARM while ECS watches it (the deployment
//! and its bake time). The service's `DeploymentConfiguration.Alarms` names them, with
//! `Enable` and `Rollback` true; the deployment circuit breaker stays on beside them, as in
//! Copilot: either one fails a deployment.
//!
//! The list form names existing alarms. The map form has tug create them as Copilot does
//! (`rollback-alarms.yml`): the service's average `CPUUtilization` or `MemoryUtilization`
//! in `AWS/ECS` (dimensions `ClusterName`, `ServiceName`), or for a Worker Service the
//! average `ApproximateNumberOfMessagesDelayed` of its events queue in `AWS/SQS`; each at or
//! above its threshold for 2 of 3 one-minute periods. Their names
//! ([`crate::names::rollback_alarm_name`]) are known before the service exists, so the
//! service lists them as text: a `Ref` would make the service wait for the alarms, which
//! wait for the service (their `ServiceName` dimension).

use serde::Serialize;

use super::RenderError;
use crate::manifest::types::{RollbackAlarms, Workload, WorkloadType};
use crate::names::rollback_alarm_name;

/// A CloudWatch alarm tug creates (`AWS::CloudWatch::Alarm`).
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct Alarm {
    logical: &'static str,
    name: String,
    description: String,
    namespace: &'static str,
    metric: &'static str,
    /// YAML fragments.
    dimensions: Vec<(&'static str, String)>,
    threshold: f64,
    unit: &'static str,
}

/// The alarms a deployment watches: the ones to create, and the names of all of them.
#[derive(Serialize, Debug, Default, PartialEq)]
pub(super) struct RollbackAlarmSet {
    pub(super) create: Vec<Alarm>,
    pub(super) names: Vec<String>,
}

/// Copilot's alarm settings: statistic, period, and M of N periods at or above threshold.
pub(super) const STATISTIC: &str = "Average";
pub(super) const PERIOD: u32 = 60;
pub(super) const EVALUATION_PERIODS: u32 = 3;
pub(super) const DATAPOINTS_TO_ALARM: u32 = 2;

/// The rollback alarms of service `w` in environment `env` of `app`; `cluster` is a YAML
/// fragment for the cluster's name.
pub(super) fn rollback_alarms(
    app: &str,
    env: &str,
    w: &Workload,
    cluster: &str,
) -> Result<RollbackAlarmSet, RenderError> {
    let Some(alarms) = w
        .deployment
        .as_ref()
        .and_then(|d| d.rollback_alarms.as_ref())
    else {
        return Ok(RollbackAlarmSet::default());
    };
    let args = match alarms {
        RollbackAlarms::Names(names) => {
            return Ok(RollbackAlarmSet {
                create: Vec::new(),
                names: names.clone(),
            })
        }
        RollbackAlarms::Args(a) => a,
    };
    let service = || {
        vec![
            ("ClusterName", cluster.to_string()),
            ("ServiceName", "!GetAtt Service.Name".to_string()),
        ]
    };
    let mut create = Vec::new();
    let utilization = [
        (
            "cpu_utilization",
            args.cpu_utilization,
            "CPU",
            "CPURollbackAlarm",
            "RollbackCPUAlarm",
            "CPUUtilization",
        ),
        (
            "memory_utilization",
            args.memory_utilization,
            "memory",
            "MemoryRollbackAlarm",
            "RollbackMemAlarm",
            "MemoryUtilization",
        ),
    ];
    for (field, value, what, logical, kind, metric) in utilization {
        let Some(threshold) = value else { continue };
        if !(threshold > 0.0 && threshold <= 100.0) {
            return Err(RenderError::unchecked(
                format!("deployment.rollback_alarms.{field}"),
                format!("{threshold} is not a percentage above 0 and at most 100"),
            ));
        }
        create.push(Alarm {
            logical,
            name: rollback_alarm_name(app, env, &w.name, kind),
            description: format!(
                "Roll back the ECS service if its {what} utilization is at or above \
                 {threshold}% twice in 3 minutes."
            ),
            namespace: "AWS/ECS",
            metric,
            dimensions: service(),
            threshold,
            unit: "Percent",
        });
    }
    if let Some(n) = args.messages_delayed {
        if w.kind != WorkloadType::WorkerService || n == 0 {
            return Err(RenderError::unchecked(
                "deployment.rollback_alarms.messages_delayed",
                "a Worker Service's threshold of 1 message or more",
            ));
        }
        create.push(Alarm {
            logical: "MessagesDelayedRollbackAlarm",
            name: rollback_alarm_name(app, env, &w.name, "RollbackMsgsDelayedAlarm"),
            description: format!(
                "Roll back the worker service if its queue holds {n} or more delayed \
                 messages twice in 3 minutes."
            ),
            namespace: "AWS/SQS",
            metric: "ApproximateNumberOfMessagesDelayed",
            dimensions: vec![("QueueName", "!GetAtt EventsQueue.QueueName".into())],
            threshold: n as f64,
            unit: "Count",
        });
    }
    let names = create.iter().map(|a| a.name.clone()).collect();
    Ok(RollbackAlarmSet { create, names })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alarms(yaml: &str) -> Result<RollbackAlarmSet, RenderError> {
        let w: Workload = serde_yaml_ng::from_str(yaml).expect("a test manifest");
        rollback_alarms(
            "shop",
            "test",
            &w,
            "!ImportValue \"tug-shop-test-ClusterName\"",
        )
    }

    const WORKER: &str = "name: jobs\ntype: Worker Service\nimage: {build: Dockerfile}\n";

    #[test]
    fn existing_alarms_are_named_and_none_is_created() {
        let set = alarms(&format!(
            "{WORKER}deployment:\n  rollback_alarms: [\"5xx\", \"latency\"]\n"
        ))
        .unwrap();
        assert!(set.create.is_empty());
        assert_eq!(set.names, ["5xx", "latency"]);
        assert_eq!(alarms(WORKER).unwrap(), RollbackAlarmSet::default());
    }

    #[test]
    fn created_alarms_are_copilots() {
        let set = alarms(&format!(
            "{WORKER}deployment:\n  rollback_alarms: {{cpu_utilization: 70, memory_utilization: 50.5, messages_delayed: 5}}\n"
        ))
        .unwrap();
        let names: Vec<&str> = set.create.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "tug-shop-test-jobs-RollbackCPUAlarm",
                "tug-shop-test-jobs-RollbackMemAlarm",
                "tug-shop-test-jobs-RollbackMsgsDelayedAlarm"
            ]
        );
        assert_eq!(set.names, names, "the service watches what is created");
        let cpu = &set.create[0];
        assert_eq!(
            (cpu.namespace, cpu.metric, cpu.threshold, cpu.unit),
            ("AWS/ECS", "CPUUtilization", 70.0, "Percent")
        );
        assert_eq!(cpu.dimensions[0].0, "ClusterName");
        assert_eq!(
            cpu.dimensions[1],
            ("ServiceName", "!GetAtt Service.Name".into())
        );
        assert_eq!(set.create[1].threshold, 50.5);
        let delayed = &set.create[2];
        assert_eq!(
            (delayed.namespace, delayed.metric, delayed.unit),
            ("AWS/SQS", "ApproximateNumberOfMessagesDelayed", "Count")
        );
        assert_eq!(
            delayed.dimensions,
            [("QueueName", "!GetAtt EventsQueue.QueueName".to_string())]
        );
    }

    #[test]
    fn what_validation_rejects_is_a_bug_here() {
        for bad in [
            "{cpu_utilization: 0}",
            "{memory_utilization: 120}",
            "{messages_delayed: 0}",
        ] {
            let yaml = format!("{WORKER}deployment:\n  rollback_alarms: {bad}\n");
            assert!(alarms(&yaml).is_err(), "{bad}");
        }
        let web = "name: web\ntype: Backend Service\nimage: {build: Dockerfile}\n\
                   deployment:\n  rollback_alarms: {messages_delayed: 3}\n";
        assert!(alarms(web).is_err());
    }
}
