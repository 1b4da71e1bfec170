//! Manifests to CloudFormation: the environment stack and the service stacks, rendered from
//! the minijinja templates under `templates/cfn/` (embedded in the binary). The names they
//! use on AWS come from [`crate::names`].
//!
//! Pure: no network, no terminal, no tokio. Rust code computes everything a template needs
//! (subnet lists, listener rule priorities, container definitions, scaling policies) into a
//! context struct; the templates only lay it out, quoting every user value with `tojson`.

mod alarms;
mod bootstrap;
mod capacity;
mod discovery;
pub mod domain;
mod duration;
mod env;
mod firelens;
mod job;
mod messaging;
mod nlb;
mod priority;
mod run_task;
mod scaling;
mod service;
mod task;
pub mod volumes;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::names;

pub use crate::manifest::schedule::expression as schedule_expression;
pub use bootstrap::{bootstrap, bootstrap_version, VERSION_OUTPUT as BOOTSTRAP_VERSION_OUTPUT};
pub use capacity::{ec2_placement, placement};
pub use domain::EnvTraffic;
pub use duration::{parse_seconds, parse_whole_seconds};
pub use env::{environment, environment_in, EveryPortRule, EVERY_PORT_RULES};
pub use priority::{choose as choose_priorities, rule_priority, NoFreePriority, RuleSlot};
pub use run_task::{run_task, task_tags, TaskSpec, TASK_LOG_RETENTION_DAYS};
pub use scaling::{manifest_output, COUNT_PARAMETERS, DESIRED_COUNT, MAX_COUNT, MIN_COUNT};
pub use service::{service, service_in, EVERY_PORT_OUTPUT};
pub use task::{env_files, EnvFile};

/// A rendered stack: the template (YAML) and the parameter values and stack tags to deploy
/// it with.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rendered {
    /// The CloudFormation template, as YAML.
    #[serde(skip)]
    pub template: String,
    /// Parameter values by name.
    #[serde(rename = "Parameters")]
    pub parameters: BTreeMap<String, String>,
    /// Stack tags (see [`names::stack_tags`]).
    #[serde(rename = "Tags")]
    pub tags: BTreeMap<String, String>,
    /// A service's listener rules, whose priority parameters a deploy chooses
    /// (`priority.rs`); empty for other stacks.
    #[serde(skip)]
    pub listener_rules: Vec<RuleSlot>,
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

/// Why a workload or environment could not be rendered: always a bug in tug, never a
/// mistake in a manifest.
/// `manifest::validate` reports every mistake a manifest can hold, with its file, line and
/// column, before anything is rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("internal template error: {0}; this is a bug in tug, please report it")]
    Template(#[from] minijinja::Error),
    /// Something validation guarantees did not hold when rendering (`field`: what was wrong).
    #[error(
        "internal error: {field}: {message}; validation should have rejected this, \
         this is a bug in tug, please report it"
    )]
    Unchecked { field: String, message: String },
}

impl RenderError {
    /// A manifest value that validation should have rejected (see [`RenderError::Unchecked`]).
    pub(crate) fn unchecked(field: impl Into<String>, message: impl Into<String>) -> Self {
        RenderError::Unchecked {
            field: field.into(),
            message: message.into(),
        }
    }
}

const ENV_TEMPLATE: &str = "cfn/env.yml.j2";
const BOOTSTRAP_TEMPLATE: &str = "cfn/bootstrap.yml.j2";
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
        let sources: [(&str, &str); 6] = [
            (ENV_TEMPLATE, include_str!("../../templates/cfn/env.yml.j2")),
            (
                BOOTSTRAP_TEMPLATE,
                include_str!("../../templates/cfn/bootstrap.yml.j2"),
            ),
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

/// A workload stack: `template` rendered with `ctx`, deployed with `images` (the
/// `ContainerImage` parameter and one per built sidecar) and the workload's tags.
pub(crate) fn workload_stack<S: serde::Serialize>(
    template: &str,
    ctx: &S,
    app: &str,
    env: &str,
    workload: &str,
    images: &Images,
) -> Result<Rendered, RenderError> {
    let mut rendered = Rendered {
        template: [TASK_TEMPLATE, template, TASK_OUTPUTS_TEMPLATE]
            .iter()
            .map(|t| render_template(t, ctx))
            .collect::<Result<String, _>>()?,
        parameters: BTreeMap::from([("DeploymentToken".to_string(), String::new())]),
        tags: names::stack_tags(app, env, Some(workload)),
        listener_rules: Vec::new(),
    };
    rendered.set_images(images);
    Ok(rendered)
}

impl Rendered {
    /// Sets the image parameters of a workload stack: the template does not depend on the
    /// images, so a deploy renders once and sets the pushed digests here.
    pub fn set_images(&mut self, images: &Images) {
        self.parameters
            .insert("ContainerImage".to_string(), images.main.clone());
        for (sidecar, uri) in &images.sidecars {
            self.parameters
                .insert(task::sidecar_image_parameter(sidecar), uri.clone());
        }
    }
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
    fn templates_parse() {
        for name in [
            ENV_TEMPLATE,
            BOOTSTRAP_TEMPLATE,
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
mod domain_tests;
#[cfg(test)]
mod render_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod storage_tests;
