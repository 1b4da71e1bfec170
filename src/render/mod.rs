//! Manifests to CloudFormation: the environment stack and the service stacks, rendered from
//! the minijinja templates under `templates/cfn/` (embedded in the binary), plus the names
//! tug gives stacks, exports and log groups on AWS (DESIGN.md, "Names on AWS").
//!
//! Pure: no network, no terminal, no tokio. Rust code computes everything a template needs
//! (subnet lists, listener rule priorities, container definitions, scaling policies) into a
//! context struct; the templates only lay it out, quoting every user value with `tojson`.

mod duration;
mod env;
mod job;
mod messaging;
mod schedule;
mod service;
mod task;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{json, Value};

pub use duration::{parse_seconds, parse_whole_seconds};
pub use env::environment;
pub use schedule::schedule_expression;
pub use service::{rule_priority, service};

/// A rendered stack: the template (YAML) and the parameter values and stack tags to deploy
/// it with.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The CloudFormation template, as YAML.
    pub template: String,
    /// `{"Parameters": {name: value}, "Tags": {key: value}}`.
    pub parameters: Value,
}

/// The images a workload's containers run: the main container's (the stack's
/// `ContainerImage` parameter) and, by sidecar name, those of the sidecars tug builds from
/// `image.build`. A sidecar with `image.location` runs that and needs no entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Images {
    pub main: String,
    pub sidecars: BTreeMap<String, String>,
}

impl Images {
    /// Only the main container's image (no sidecar is built).
    pub fn main(image: impl Into<String>) -> Images {
        Images {
            main: image.into(),
            sidecars: BTreeMap::new(),
        }
    }
}

/// Why a manifest could not be rendered. Each message says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("internal template error: {0}; this is a bug in tug, please report it")]
    Template(#[from] minijinja::Error),
}

impl RenderError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        RenderError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The tag keys tug puts on every stack (and so on every taggable resource).
pub const TAG_APPLICATION: &str = "tug:application";
pub const TAG_ENVIRONMENT: &str = "tug:environment";
pub const TAG_WORKLOAD: &str = "tug:workload";

/// `tug-<app>-<env>` for an environment, `tug-<app>-<env>-<workload>` for a service or job.
pub fn stack_name(app: &str, env: &str, workload: Option<&str>) -> String {
    match workload {
        Some(w) => format!("tug-{app}-{env}-{w}"),
        None => format!("tug-{app}-{env}"),
    }
}

/// The export name of an environment stack output: `tug-<app>-<env>-<output>`.
pub fn export_name(app: &str, env: &str, output: &str) -> String {
    format!("tug-{app}-{env}-{output}")
}

/// The export of the ARN of topic `topic` that service `service` publishes (`publish.topics`):
/// `tug-<app>-<env>-<service>-<topic>Topic`, or `...-<topic>FifoTopic` for a FIFO topic.
/// A Worker Service subscribing to the topic (`subscribe.topics`) imports it.
pub fn topic_export_name(app: &str, env: &str, service: &str, topic: &str, fifo: bool) -> String {
    let fifo = if fifo { "Fifo" } else { "" };
    format!("tug-{app}-{env}-{service}-{topic}{fifo}Topic")
}

/// The CloudWatch Logs group of a workload: `/tug/<app>/<env>/<workload>`.
pub fn log_group_name(app: &str, env: &str, workload: &str) -> String {
    format!("/tug/{app}/{env}/{workload}")
}

/// The ECR repository of a workload: `<app>/<workload>`.
pub fn ecr_repository_name(app: &str, workload: &str) -> String {
    format!("{app}/{workload}")
}

/// A CloudFormation logical id made from a name (`fluent-bit` -> `FluentBit`): ASCII letters
/// and digits only, each run of other characters starting a new capitalised word.
pub fn logical_id(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

/// The stack tags: `tug:application`, `tug:environment` and, for workloads, `tug:workload`.
pub(crate) fn tags(app: &str, env: &str, workload: Option<&str>) -> Value {
    let mut tags = json!({ TAG_APPLICATION: app, TAG_ENVIRONMENT: env });
    if let Some(w) = workload {
        tags[TAG_WORKLOAD] = json!(w);
    }
    tags
}

const ENV_TEMPLATE: &str = "cfn/env.yml.j2";
const SERVICE_TEMPLATE: &str = "cfn/service.yml.j2";
const JOB_TEMPLATE: &str = "cfn/job.yml.j2";
/// Around the service or job template (this minijinja has no `include`): the template's
/// head and the task definition with what it uses, then the outputs every workload has.
const TASK_TEMPLATE: &str = "cfn/task.yml.j2";
const TASK_OUTPUTS_TEMPLATE: &str = "cfn/task-outputs.yml.j2";

/// The template environment, built on first use so that commands that render nothing
/// (`tug --version`) don't pay for parsing templates.
fn templates() -> &'static minijinja::Environment<'static> {
    static ENV: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        // The templates are part of the binary; a syntax error in them fails the unit tests.
        let sources: [(&str, &str); 5] = [
            (ENV_TEMPLATE, include_str!("../../templates/cfn/env.yml.j2")),
            (
                SERVICE_TEMPLATE,
                include_str!("../../templates/cfn/service.yml.j2"),
            ),
            (JOB_TEMPLATE, include_str!("../../templates/cfn/job.yml.j2")),
            (
                TASK_TEMPLATE,
                include_str!("../../templates/cfn/task.yml.j2"),
            ),
            (
                TASK_OUTPUTS_TEMPLATE,
                include_str!("../../templates/cfn/task-outputs.yml.j2"),
            ),
        ];
        crate::templates::environment(&sources)
    })
}

/// A workload stack: `template` rendered with `ctx`, deployed with the main container's
/// `image` (the `ContainerImage` parameter) and the workload's tags.
pub(crate) fn workload_stack<S: serde::Serialize>(
    template: &str,
    ctx: &S,
    app: &str,
    env: &str,
    workload: &str,
    image: &str,
) -> Result<Rendered, RenderError> {
    Ok(Rendered {
        template: [TASK_TEMPLATE, template, TASK_OUTPUTS_TEMPLATE]
            .iter()
            .map(|t| render_template(t, ctx))
            .collect::<Result<String, _>>()?,
        parameters: json!({
            "Parameters": { "ContainerImage": image, "DeploymentToken": "" },
            "Tags": tags(app, env, Some(workload)),
        }),
    })
}

pub(crate) fn render_template<S: serde::Serialize>(
    name: &str,
    ctx: &S,
) -> Result<String, RenderError> {
    Ok(templates().get_template(name)?.render(ctx)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_on_aws() {
        assert_eq!(stack_name("shop", "test", None), "tug-shop-test");
        assert_eq!(stack_name("shop", "test", Some("api")), "tug-shop-test-api");
        assert_eq!(export_name("shop", "test", "VpcId"), "tug-shop-test-VpcId");
        assert_eq!(log_group_name("shop", "test", "api"), "/tug/shop/test/api");
        assert_eq!(ecr_repository_name("shop", "api"), "shop/api");
        assert_eq!(logical_id("fluent-bit"), "FluentBit");
        assert_eq!(logical_id("api_v2.x"), "ApiV2X");
    }

    #[test]
    fn templates_parse() {
        for name in [
            ENV_TEMPLATE,
            SERVICE_TEMPLATE,
            JOB_TEMPLATE,
            TASK_TEMPLATE,
            TASK_OUTPUTS_TEMPLATE,
        ] {
            assert!(templates().get_template(name).is_ok(), "{name}");
        }
    }
}

#[cfg(test)]
mod render_tests;
