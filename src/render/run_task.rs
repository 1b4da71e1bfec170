//! The stack of a task group (`tug task run`): one Fargate task definition, its log group,
//! an execution role (image pulls, logs, the secrets it names) and, without `--task-role`,
//! a task role with no permissions. Copilot deploys the same for its `task run`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::task::secrets;
use super::{RenderError, Rendered};
use crate::manifest::types::Secret;
use crate::names;

const TEMPLATE: &str = "cfn/run-task.yml.j2";

/// Days a task group's log lines are kept (as a workload's by default).
pub const TASK_LOG_RETENTION_DAYS: u32 = 30;

/// What one `task run` asks for, already checked (sizes, names).
#[derive(Debug, Clone, Default)]
pub struct TaskSpec {
    pub app: String,
    pub group: String,
    pub cpu: u32,
    pub memory: u32,
    /// `LINUX` / `X86_64` or `ARM64`, when a platform was asked for.
    pub platform: Option<(String, String)>,
    pub command: Vec<String>,
    pub entrypoint: Vec<String>,
    pub env_vars: BTreeMap<String, String>,
    /// Name to an SSM parameter (name or ARN) or a Secrets Manager ARN.
    pub secrets: BTreeMap<String, String>,
    pub task_role: Option<String>,
}

#[derive(Serialize)]
struct Platform {
    os: String,
    arch: String,
}

#[derive(Serialize)]
struct Context<'a> {
    app: &'a str,
    group: &'a str,
    family: String,
    log_group: String,
    log_retention: u32,
    cpu: u32,
    memory: u32,
    platform: Option<Platform>,
    command: &'a [String],
    entrypoint: &'a [String],
    env_vars: &'a BTreeMap<String, String>,
    secrets: Vec<(String, String)>,
    ssm_resources: Vec<String>,
    secretsmanager_resources: Vec<String>,
    task_role: Option<&'a str>,
    tags: BTreeMap<String, String>,
}

fn templates() -> &'static minijinja::Environment<'static> {
    static ENV: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        crate::templates::environment(&[(
            TEMPLATE,
            include_str!("../../templates/cfn/run-task.yml.j2"),
        )])
    })
}

/// The tags of a task group's stack: `tug:application` and `tug:task-group`.
pub fn task_tags(app: &str, group: &str) -> BTreeMap<String, String> {
    let mut tags = names::app_tags(app);
    tags.insert(names::TAG_TASK_GROUP.to_string(), group.to_string());
    tags
}

/// The stack of `spec`'s task group, deployed with `image` as `ContainerImage`.
pub fn run_task(spec: &TaskSpec, image: &str) -> Result<Rendered, RenderError> {
    let given: BTreeMap<String, Secret> = spec
        .secrets
        .iter()
        .map(|(k, v)| (k.clone(), Secret::Ssm(v.clone())))
        .collect();
    let (mut ssm, mut sm) = (Vec::new(), Vec::new());
    let secrets = secrets(Some(&given), "--secrets", &mut ssm, &mut sm)?;
    let tags = task_tags(&spec.app, &spec.group);
    let ctx = Context {
        app: &spec.app,
        group: &spec.group,
        family: names::task_stack_name(&spec.app, &spec.group),
        log_group: names::task_log_group_name(&spec.app, &spec.group),
        log_retention: TASK_LOG_RETENTION_DAYS,
        cpu: spec.cpu,
        memory: spec.memory,
        platform: spec.platform.as_ref().map(|(os, arch)| Platform {
            os: os.clone(),
            arch: arch.clone(),
        }),
        command: &spec.command,
        entrypoint: &spec.entrypoint,
        env_vars: &spec.env_vars,
        secrets,
        ssm_resources: ssm,
        secretsmanager_resources: sm,
        task_role: spec.task_role.as_deref(),
        tags: tags.clone(),
    };
    let template = templates().get_template(TEMPLATE)?.render(&ctx)?;
    Ok(Rendered {
        template,
        parameters: BTreeMap::from([("ContainerImage".to_string(), image.to_string())]),
        tags,
        listener_rules: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> TaskSpec {
        TaskSpec {
            app: "shop".into(),
            group: "migrate".into(),
            cpu: 256,
            memory: 512,
            ..Default::default()
        }
    }

    #[test]
    fn a_plain_task_has_its_roles_log_group_and_family() {
        let r = run_task(&spec(), "nginx@sha256:ab").unwrap();
        let t = &r.template;
        assert!(t.contains("Family: \"tug-shop-task-migrate\""), "{t}");
        assert!(
            t.contains("LogGroupName: \"/tug/shop/task/migrate\""),
            "{t}"
        );
        assert!(t.contains("TaskRoleArn: !GetAtt TaskRole.Arn"), "{t}");
        assert!(t.contains("Cpu: \"256\""), "{t}");
        assert!(!t.contains("Secrets:"), "{t}");
        assert!(!t.contains("RuntimePlatform"), "{t}");
        assert_eq!(r.parameters["ContainerImage"], "nginx@sha256:ab");
        assert_eq!(r.tags[names::TAG_TASK_GROUP], "migrate");
        assert!(!r.tags.contains_key(names::TAG_ENVIRONMENT));
    }

    #[test]
    fn user_text_is_quoted_and_secrets_are_granted() {
        let mut s = spec();
        s.command = vec!["sh".into(), "-c".into(), "echo \"hi\": ${X}".into()];
        s.env_vars.insert("GREETING".into(), "a: b # c".into());
        s.secrets.insert("DB".into(), "/shop/db".into());
        s.secrets.insert(
            "KEY".into(),
            "arn:aws:secretsmanager:us-east-1:1:secret:k-AbCdEf:pw::".into(),
        );
        s.task_role = Some("arn:aws:iam::1:role/r".into());
        s.platform = Some(("LINUX".into(), "ARM64".into()));
        let t = run_task(&s, "i").unwrap().template;
        assert!(
            t.contains(r#"Command: ["sh","-c","echo \"hi\": ${X}"]"#),
            "{t}"
        );
        assert!(t.contains(r#"Value: "a: b # c""#), "{t}");
        assert!(t.contains("ssm:GetParameters"), "{t}");
        assert!(
            t.contains(r#""arn:aws:secretsmanager:us-east-1:1:secret:k-AbCdEf""#),
            "{t}"
        );
        assert!(t.contains(r#"TaskRoleArn: "arn:aws:iam::1:role/r""#), "{t}");
        assert!(!t.contains("  TaskRole:"), "{t}");
        assert!(t.contains("CpuArchitecture: \"ARM64\""), "{t}");
    }
}
