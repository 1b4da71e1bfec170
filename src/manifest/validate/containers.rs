//! The rules for the containers of a task: storage, sidecars and their dependencies.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

pub(super) fn storage_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(storage) = &w.storage else { return };
    if let Some(e) = storage.ephemeral {
        if !(20..=200).contains(&e) {
            r.error(
                "storage.ephemeral",
                "bad-ephemeral",
                format!("`storage.ephemeral` must be 20 to 200 GiB, not {e}"),
                "Fargate gives 20 GiB by default; ask for up to 200",
            );
        }
    }
    for (name, v) in storage.volumes.iter().flatten() {
        if let Some(path) = &v.path {
            let ok = !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c));
            if !ok {
                r.error(
                    &format!("storage.volumes.{name}.path"),
                    "bad-path",
                    format!("volume path \"{path}\" may hold only letters, digits, `-`, `.`, `_` and `/`"),
                    "use a plain absolute path such as `/var/data`",
                );
            }
        } else {
            r.error(
                &format!("storage.volumes.{name}"),
                "missing-field",
                format!("volume `{name}` has no `path`"),
                "add `path:` with where the volume is mounted in the container",
            );
        }
    }
}

pub(super) fn dependency_rules(r: &mut Rules<'_>, w: &Workload) {
    // Container name -> (essential, depends_on, path of its depends_on).
    let mut containers: BTreeMap<String, (bool, BTreeMap<String, String>, String)> =
        BTreeMap::new();
    let main_deps = w
        .image
        .as_ref()
        .and_then(|i| i.depends_on.clone())
        .unwrap_or_default();
    containers.insert(
        w.name.clone(),
        (
            true,
            main_deps.into_iter().collect(),
            "image.depends_on".into(),
        ),
    );
    if w.routes_logs() {
        // The FireLens log router tug adds; containers may wait for it.
        let router = crate::manifest::types::FIRELENS_CONTAINER.to_string();
        containers.insert(router, (true, BTreeMap::new(), "logging".into()));
    }
    for (name, s) in w.sidecars.iter().flatten() {
        containers.insert(
            name.clone(),
            (
                s.essential.unwrap_or(true),
                s.depends_on
                    .clone()
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
                format!("sidecars.{name}.depends_on"),
            ),
        );
        if s.image.is_none() {
            r.error(
                &format!("sidecars.{name}"),
                "missing-field",
                format!("sidecar `{name}` has no `image`"),
                "add `image:` with the sidecar's image URI",
            );
        }
    }
    for (name, (_, deps, path)) in &containers {
        for (target, condition) in deps {
            let at = format!("{path}.{target}");
            let Some((essential, _, _)) = containers.get(target) else {
                r.error_at_key(
                    &at,
                    "unknown-container",
                    format!(
                        "`{name}` depends on `{target}`, which is not a container of this workload"
                    ),
                    format!(
                        "containers here: {}",
                        containers.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            };
            let cond = condition.to_ascii_lowercase();
            if !matches!(cond.as_str(), "start" | "healthy" | "complete" | "success") {
                r.error(
                    &at,
                    "bad-condition",
                    format!("unknown dependency condition \"{condition}\""),
                    "use start, healthy, complete or success",
                );
            } else if *essential && !matches!(cond.as_str(), "start" | "healthy") {
                r.error(
                    &at,
                    "bad-condition",
                    format!("`{target}` is essential, so `{name}` can only wait for it to `start` or be `healthy`"),
                    format!("use `start` or `healthy`, or set `essential: false` on `{target}`"),
                );
            }
        }
    }
    // Cycles: depth-first search over the dependency graph.
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in containers.keys() {
        let mut stack: Vec<&str> = Vec::new();
        if let Some(cycle) = find_cycle(start, &containers, &mut stack, &mut done) {
            let first = cycle[0].clone();
            let path = containers
                .get(&first)
                .map(|c| c.2.clone())
                .unwrap_or_default();
            r.error(
                &path,
                "dependency-cycle",
                format!(
                    "containers depend on each other in a cycle: {}",
                    cycle.join(" -> ")
                ),
                "remove one of these `depends_on` entries",
            );
            break;
        }
    }
}

fn find_cycle<'a>(
    node: &'a str,
    graph: &'a BTreeMap<String, (bool, BTreeMap<String, String>, String)>,
    stack: &mut Vec<&'a str>,
    done: &mut BTreeSet<&'a str>,
) -> Option<Vec<String>> {
    if let Some(i) = stack.iter().position(|n| *n == node) {
        let mut cycle: Vec<String> = stack[i..].iter().map(|s| s.to_string()).collect();
        cycle.push(node.to_string());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    stack.push(node);
    if let Some((_, deps, _)) = graph.get(node) {
        for dep in deps.keys() {
            if let Some(c) = find_cycle(dep, graph, stack, done) {
                return Some(c);
            }
        }
    }
    stack.pop();
    done.insert(node);
    None
}

/// What render needs of each container: health check commands, sidecar images and ports,
/// and secrets that name a store.
pub(super) fn container_rules(r: &mut Rules<'_>, w: &Workload) {
    let main = w.image.as_ref();
    healthcheck_rule(r, main.and_then(|i| i.healthcheck.as_ref()), "image");
    secret_rules(r, w.secrets.as_ref(), "secrets");
    for (name, s) in w.sidecars.iter().flatten() {
        let at = format!("sidecars.{name}");
        healthcheck_rule(r, s.healthcheck.as_ref(), &at);
        secret_rules(r, s.secrets.as_ref(), &format!("{at}.secrets"));
        if let Some(SidecarImage::Args(i)) = &s.image {
            sidecar_image_rule(r, i, &at);
            if i.location.is_none() && i.build.is_none() {
                r.error(
                    &format!("{at}.image"),
                    "missing-image",
                    format!("sidecar `{name}` has no image: set `image.location` or `image.build`"),
                    "`location: public.ecr.aws/nginx/nginx:1.27` runs an existing image",
                );
            }
        }
        if let Some(port) = &s.port {
            if port.parse().is_none() {
                r.error(
                    &format!("{at}.port"),
                    "bad-port",
                    format!("`{at}.port` is not a port"),
                    "write the port as `8080` or `8080/tcp`",
                );
            }
        }
    }
}

fn healthcheck_rule(r: &mut Rules<'_>, hc: Option<&ContainerHealthcheck>, at: &str) {
    if hc.is_some_and(|hc| hc.command.is_none()) {
        r.error(
            &format!("{at}.healthcheck"),
            "missing-field",
            "a container health check needs `command`".into(),
            "add `command: [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]`",
        );
    }
}

pub(super) fn secret_rules(r: &mut Rules<'_>, secrets: Option<&Map<Secret>>, at: &str) {
    for (name, s) in secrets.into_iter().flatten() {
        let Secret::Ssm(v) = s else { continue };
        if !v.starts_with("arn:") {
            continue;
        }
        let service = v.split(':').nth(2).unwrap_or("");
        if !matches!(service, "ssm" | "secretsmanager") {
            r.error(
                &format!("{at}.{name}"),
                "bad-secret",
                format!("`{at}.{name}` is the ARN of neither an SSM parameter nor a Secrets Manager secret"),
                "give an `arn:aws:ssm:...:parameter/...` or `arn:aws:secretsmanager:...` ARN, or a parameter name",
            );
        }
    }
}

/// A sidecar's `image` map takes `build` and `location` only, as in Copilot; the main
/// container's other image settings belong to the sidecar itself, where they are acted on.
fn sidecar_image_rule(r: &mut Rules<'_>, i: &Image, at: &str) {
    let misplaced = [
        ("port", i.port.is_some(), "port"),
        (
            "credentials",
            i.credentials.is_some(),
            "credentials_parameter",
        ),
        ("healthcheck", i.healthcheck.is_some(), "healthcheck"),
        ("depends_on", i.depends_on.is_some(), "depends_on"),
        ("labels", i.labels.is_some(), "labels"),
    ];
    for (field, set, instead) in misplaced {
        if set {
            r.error(
                &format!("{at}.image.{field}"),
                "misplaced-field",
                format!("a sidecar's `image` takes `build` or `location`, not `{field}`"),
                format!("move it to `{at}.{instead}`"),
            );
        }
    }
}
