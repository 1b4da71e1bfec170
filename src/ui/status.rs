//! `svc status` as text: the stack, the ECS service and its deployments, tasks, target
//! health, stopped tasks and alarms.

use crate::aws::ecs::ServiceStatus;
use crate::aws::stack::StackInfo;

fn short(id: &str) -> &str {
    crate::text::prefix(id, 8)
}

/// The whole status report.
pub fn render(name: &str, env: &str, stack: &StackInfo, st: Option<&ServiceStatus>) -> String {
    let mut t = format!(
        "Service {name} in {env}\n  stack: {} ({})\n",
        stack.name, stack.status
    );
    if let Some(r) = stack.reason.as_deref().filter(|r| !r.is_empty()) {
        t.push_str(&format!("  reason: {r}\n"));
    }
    if let Some(image) = stack.parameters.get("ContainerImage") {
        t.push_str(&format!("  image: {image}\n"));
    }
    if let Some(count) = crate::deploy::scale::Counts::of(stack).describe() {
        t.push_str(&format!("  count: {count}\n"));
    }
    let Some(st) = st else {
        t.push_str("  ECS service: none (the stack has no running service)\n");
        if stack.status == crate::aws::status::StackStatus::RollbackComplete {
            t.push_str(&format!(
                "  help: the first deployment failed and was rolled back; `tug svc logs -n {name} -e {env}` shows what its tasks wrote while the log group lasts\n"
            ));
        }
        return t;
    };
    t.push_str(&format!(
        "  ECS service: {} in cluster {} ({})\n  tasks: {} desired, {} running, {} pending\n",
        st.service, st.cluster, st.status, st.desired, st.running, st.pending
    ));
    t.push_str("\nDeployments\n");
    if st.deployments.is_empty() {
        t.push_str("  (none)\n");
    }
    for d in &st.deployments {
        t.push_str(&format!(
            "  {:<8} {:<12} {:<26} running {}/{}, pending {}, failed {}\n",
            d.status,
            d.rollout_state.as_deref().unwrap_or("-"),
            d.task_definition.as_deref().unwrap_or("-"),
            d.running,
            d.desired,
            d.pending,
            d.failed
        ));
        if let Some(r) = &d.rollout_reason {
            t.push_str(&format!("           {r}\n"));
        }
    }
    t.push_str("\nTasks\n");
    if st.tasks.is_empty() {
        t.push_str("  (none running)\n");
    }
    for task in &st.tasks {
        t.push_str(&format!(
            "  {}  {:<8} {:<9} started {}  {}  {}  {}\n",
            short(&task.id),
            task.status,
            task.health.as_deref().unwrap_or("-"),
            task.started.as_deref().unwrap_or("-"),
            task.availability_zone.as_deref().unwrap_or("-"),
            task.private_ip.as_deref().unwrap_or("-"),
            task.capacity_provider.as_deref().unwrap_or("-"),
        ));
    }
    if !st.target_health.is_empty() {
        t.push_str("\nTarget health\n");
        for h in &st.target_health {
            t.push_str(&format!(
                "  {}  {}:{}  {}{}\n",
                h.task.as_deref().map(short).unwrap_or("-"),
                h.target,
                h.port.map(|p| p.to_string()).unwrap_or_default(),
                h.state,
                h.reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ));
        }
    }
    if !st.stopped_tasks.is_empty() {
        t.push_str("\nStopped tasks (latest first)\n");
        for task in &st.stopped_tasks {
            t.push_str(&format!(
                "  {}  stopped {}  {}\n",
                short(&task.id),
                task.stopped.as_deref().unwrap_or("-"),
                task.stopped_reason.as_deref().unwrap_or("-")
            ));
            for c in &task.containers {
                if c.reason.is_some() || c.exit_code.is_some_and(|x| x != 0) {
                    t.push_str(&format!(
                        "            {}: {}{}\n",
                        c.name,
                        c.reason.as_deref().unwrap_or(""),
                        c.exit_code
                            .map(|x| format!(" (exit {x})"))
                            .unwrap_or_default()
                    ));
                }
            }
        }
    }
    if !st.alarms.is_empty() {
        t.push_str("\nAlarms\n");
        for a in &st.alarms {
            t.push_str(&format!("  {:<10} {}\n", a.state, a.name));
        }
    }
    t
}
