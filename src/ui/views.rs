//! Text views of what is deployed (`app show`, `env show`, `svc show`); `--json` prints
//! the same facts as one document.

use crate::aws::stack::StackInfo;
use crate::names::{TAG_ENVIRONMENT, TAG_WORKLOAD};

/// `env show`: the environment's stack, its outputs and the workloads deployed in it.
pub fn env_show(
    app: &str,
    name: &str,
    region: &str,
    env: &StackInfo,
    services: &[&StackInfo],
) -> String {
    let mut text = format!(
        "Environment {name} of application {}\n  region: {}\n  stack:  {} ({})\n",
        app, region, env.name, env.status
    );
    if let Some(r) = &env.reason {
        text.push_str(&format!("  reason: {r}\n"));
    }
    text.push_str("Outputs:\n");
    for (k, v) in &env.outputs {
        text.push_str(&format!("  {k}: {v}\n"));
    }
    text.push_str("Workloads:\n");
    if services.is_empty() {
        text.push_str("  (none deployed)\n");
    }
    for s in services {
        text.push_str(&format!(
            "  {} ({})\n",
            s.tag(TAG_WORKLOAD).unwrap_or_default(),
            s.status
        ));
    }
    text
}

/// `svc show`: each environment a service is deployed in, its stack, image and outputs.
pub fn svc_show(what: &str, app: &str, name: &str, stacks: &[&StackInfo]) -> String {
    let mut what = what.to_string();
    if let Some(first) = what.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let mut text = format!("{what} {name} of application {app}\n");
    for s in stacks {
        text.push_str(&format!(
            "  {}: {} ({})\n",
            s.tag(TAG_ENVIRONMENT).unwrap_or_default(),
            s.status,
            s.name
        ));
        if let Some(image) = s.parameters.get("ContainerImage") {
            text.push_str(&format!("    image: {image}\n"));
        }
        for (k, v) in &s.outputs {
            text.push_str(&format!("    {k}: {v}\n"));
        }
    }
    text
}

/// `app show`: the environments and workloads of an application.
pub fn app_show(app: &str, region: &str, envs: &[&StackInfo], wls: &[&StackInfo]) -> String {
    let mut t = format!("Application {app} (region {})\nEnvironments\n", region);
    for s in envs {
        t.push_str(&format!(
            "  {:<16} {}\n",
            s.tag(TAG_ENVIRONMENT).unwrap_or_default(),
            s.status
        ));
    }
    t.push_str("Workloads\n");
    if wls.is_empty() {
        t.push_str("  (none)\n");
    }
    for s in wls {
        t.push_str(&format!(
            "  {:<16} {:<16} {}\n",
            s.tag(TAG_WORKLOAD).unwrap_or_default(),
            s.tag(TAG_ENVIRONMENT).unwrap_or_default(),
            s.status
        ));
    }
    t
}
