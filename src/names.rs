//! Every name tug gives AWS: stacks, exports, tags, log groups, repositories, logical ids
//! (DESIGN.md, "Names on AWS"). A leaf: it imports nothing else of tug.

use std::collections::BTreeMap;

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

/// The longest stack name CloudFormation accepts; the names made from it (task definition
/// families, ECR repositories, log groups, exports) fit their own limits when it does.
pub const MAX_STACK_NAME: usize = 128;

/// The longest label of a DNS name: the application, environment and service names are
/// labels of `<svc>.<env>.<app>.local` and `<svc>.<env>.<app>.internal`.
pub const MAX_DNS_LABEL: usize = 63;

/// Why the names tug makes for environment `env` of `app` (or workload `workload` in it)
/// would not fit AWS's limits; `None` when they fit.
pub fn over_limits(app: &str, env: &str, workload: Option<&str>) -> Option<String> {
    let stack = stack_name(app, env, workload);
    if stack.len() > MAX_STACK_NAME {
        return Some(format!(
            "its stack name `{stack}` is {} characters long; CloudFormation takes at most {MAX_STACK_NAME}",
            stack.len()
        ));
    }
    [("application", Some(app)), ("environment", Some(env)), ("workload", workload)]
        .into_iter()
        .find_map(|(what, name)| {
            let name = name?;
            (name.len() > MAX_DNS_LABEL).then(|| {
                format!(
                    "the {what} name `{name}` is {} characters long; as a part of DNS names (`{}`) it may have at most {MAX_DNS_LABEL}",
                    name.len(),
                    service_discovery_namespace(app, env)
                )
            })
        })
}

/// Every stack the environments `envs` of `app` and the workloads `workloads` (each
/// deployed in every environment) take, with what takes it: `(env, None)` for an
/// environment, `(env, Some(workload))` for a workload. A name with two owners would be
/// one stack for two things (service `api` in `test` and environment `test-api`).
pub fn stack_owners<'a>(
    app: &str,
    envs: &'a [String],
    workloads: &'a [String],
) -> BTreeMap<String, Vec<(&'a str, Option<&'a str>)>> {
    let mut out: BTreeMap<String, Vec<(&str, Option<&str>)>> = BTreeMap::new();
    for env in envs {
        out.entry(stack_name(app, env, None))
            .or_default()
            .push((env, None));
        for w in workloads {
            out.entry(stack_name(app, env, Some(w)))
                .or_default()
                .push((env, Some(w)));
        }
    }
    out
}

/// `environment test`, `workload api in environment test`.
pub fn owner_title(env: &str, workload: Option<&str>) -> String {
    match workload {
        Some(w) => format!("workload {w} in environment {env}"),
        None => format!("environment {env}"),
    }
}

/// The application's bootstrap stack, one per application and Region: `tug-<app>-bootstrap`.
/// It holds the artifacts bucket (env files; later addons templates) and is deleted last.
/// An environment may not be named `bootstrap`, so no environment stack takes this name.
pub fn bootstrap_stack_name(app: &str) -> String {
    format!("tug-{app}-{BOOTSTRAP}")
}

/// The name no environment may take: the bootstrap stack has it.
pub const BOOTSTRAP: &str = "bootstrap";

/// The bootstrap stack's outputs, exported as `tug-<app>-<output>` (see [`app_export_name`]):
/// the artifacts bucket's name and ARN.
pub const ARTIFACTS_BUCKET_NAME: &str = "ArtifactsBucketName";
pub const ARTIFACTS_BUCKET_ARN: &str = "ArtifactsBucketArn";

/// The export name of an application-wide output (the bootstrap stack's):
/// `tug-<app>-<output>`. Outputs are capitalised, environment names are not, so these never
/// meet an environment's `tug-<app>-<env>-<Output>`.
pub fn app_export_name(app: &str, output: &str) -> String {
    format!("tug-{app}-{output}")
}

/// The key of an env file in the artifacts bucket: `env-files/<sha256 of its bytes>.env`.
/// The key changes exactly when the content does, and ECS wants the `.env` extension.
pub fn env_file_key(sha256_hex: &str) -> String {
    format!("env-files/{sha256_hex}.env")
}

/// The key of a merged addons template in the artifacts bucket:
/// `addons/<sha256 of its bytes>.yml`.
pub fn addons_key(sha256_hex: &str) -> String {
    format!("addons/{sha256_hex}.yml")
}

/// The key of a stack template too large to send inline, in the artifacts bucket:
/// `templates/<sha256 of its bytes>.yml`.
pub fn template_key(sha256_hex: &str) -> String {
    format!("templates/{sha256_hex}.yml")
}

/// Where the deploy records of stack `stack` live in the artifacts bucket:
/// `deploys/<stack>/`. A record is written after each successful deploy of a workload stack,
/// one per task definition revision (see [`deploy_record_key`]).
pub fn deploy_records_prefix(stack: &str) -> String {
    format!("deploys/{stack}/")
}

/// The deploy record of revision `revision` of the task definition of stack `stack`:
/// `deploys/<stack>/<revision>.json`, holding the key of the template that stack ran
/// (`templates/<sha256>.yml`, see [`template_key`]) and its parameters and tags.
/// `svc rollback` reads it, since CloudFormation keeps no template history.
pub fn deploy_record_key(stack: &str, revision: i32) -> String {
    format!("{}{revision}.json", deploy_records_prefix(stack))
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

/// The name of a rollback alarm tug creates for a service (`deployment.rollback_alarms`):
/// `tug-<app>-<env>-<workload>-<kind>`, kind `RollbackCPUAlarm`, `RollbackMemAlarm` or
/// `RollbackMsgsDelayedAlarm` (Copilot's `<app>-<env>-<svc>-CopilotRollback...Alarm`, with
/// tug's prefix). CloudWatch takes at most 255 characters: past that, the application,
/// environment and workload names are cut to an equal length, as Copilot does.
pub fn rollback_alarm_name(app: &str, env: &str, workload: &str, kind: &str) -> String {
    const MAX: usize = 255;
    let name = format!("tug-{app}-{env}-{workload}-{kind}");
    if name.len() <= MAX {
        return name;
    }
    let each = (MAX - "tug-".len() - kind.len() - 3) / 3;
    let cut = |s: &str| s.chars().take(each).collect::<String>();
    format!("tug-{}-{}-{}-{kind}", cut(app), cut(env), cut(workload))
}

/// The Cloud Map private DNS namespace of an environment, Copilot's service discovery
/// endpoint: `<env>.<app>.local`. Every service registers in it as `<svc>.<env>.<app>.local`,
/// and Service Connect uses it.
pub fn service_discovery_namespace(app: &str, env: &str) -> String {
    format!("{env}.{app}.local")
}

/// The private hosted zone of the services behind an environment's internal load balancer:
/// `<env>.<app>.internal`, holding `<svc>.<env>.<app>.internal`.
pub fn internal_hosted_zone(app: &str, env: &str) -> String {
    format!("{env}.{app}.internal")
}

/// The ECS capacity provider of an environment's EC2 capacity group:
/// `tug-<app>-<env>-<group>` (ECS refuses names that start with `aws`, `ecs` or `fargate`).
pub fn capacity_provider_name(app: &str, env: &str, group: &str) -> String {
    format!("tug-{app}-{env}-{group}")
}

/// The custom attribute the ECS agent of each EC2 capacity group's instances registers,
/// valued with the group's name: `memberOf` constraints keep a service on its group.
pub const CAPACITY_GROUP_ATTRIBUTE: &str = "tug.capacity-group";

/// The CloudWatch Logs group of a workload: `/tug/<app>/<env>/<workload>`.
pub fn log_group_name(app: &str, env: &str, workload: &str) -> String {
    format!("/tug/{app}/{env}/{workload}")
}

/// The ECR repository of a workload: `<app>/<workload>`.
pub fn ecr_repository_name(app: &str, workload: &str) -> String {
    format!("{app}/{workload}")
}

/// The tag that marks a task group's stack (`tug task run`) with the group's name.
pub const TAG_TASK_GROUP: &str = "tug:task-group";

/// The stack of a task group that `tug task run` deploys, `tug-<app>-task-<group>`, which
/// is also the family of its task definition. It holds no `tug:environment` tag: a group
/// runs in any environment.
pub fn task_stack_name(app: &str, group: &str) -> String {
    format!("tug-{app}-task-{group}")
}

/// The CloudWatch Logs group of a task group: `/tug/<app>/task/<group>`; streams are
/// `<group>/<group>/<task-id>`, as a service's.
pub fn task_log_group_name(app: &str, group: &str) -> String {
    format!("/tug/{app}/task/{group}")
}

/// The ECR repository a task group's built images go to: `<app>/task-<group>` (the
/// workload part of [`ecr_repository_name`] is `task-<group>`).
pub fn task_repository_workload(group: &str) -> String {
    format!("task-{group}")
}

/// The stack tags: `tug:application`, `tug:environment` and, for workloads, `tug:workload`.
pub fn stack_tags(app: &str, env: &str, workload: Option<&str>) -> BTreeMap<String, String> {
    let mut tags = BTreeMap::from([
        (TAG_APPLICATION.to_string(), app.to_string()),
        (TAG_ENVIRONMENT.to_string(), env.to_string()),
    ]);
    if let Some(w) = workload {
        tags.insert(TAG_WORKLOAD.to_string(), w.to_string());
    }
    tags
}

/// The tags of an application-wide stack (the bootstrap stack): `tug:application` only, so
/// the listings, which read `tug:environment` and `tug:workload`, never take it for an
/// environment or a workload.
pub fn app_tags(app: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(TAG_APPLICATION.to_string(), app.to_string())])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_on_aws() {
        assert_eq!(stack_name("shop", "test", None), "tug-shop-test");
        assert_eq!(stack_name("shop", "test", Some("api")), "tug-shop-test-api");
        assert_eq!(export_name("shop", "test", "VpcId"), "tug-shop-test-VpcId");
        assert_eq!(log_group_name("shop", "test", "api"), "/tug/shop/test/api");
        assert_eq!(
            service_discovery_namespace("shop", "test"),
            "test.shop.local"
        );
        assert_eq!(internal_hosted_zone("shop", "test"), "test.shop.internal");
        assert_eq!(ecr_repository_name("shop", "api"), "shop/api");
        assert_eq!(bootstrap_stack_name("shop"), "tug-shop-bootstrap");
        assert_eq!(
            app_export_name("shop", ARTIFACTS_BUCKET_NAME),
            "tug-shop-ArtifactsBucketName"
        );
        assert_eq!(env_file_key("ab12"), "env-files/ab12.env");
        assert_eq!(
            deploy_record_key("tug-shop-test-api", 12),
            "deploys/tug-shop-test-api/12.json"
        );
        assert_eq!(app_tags("shop").len(), 1);
        assert_eq!(logical_id("fluent-bit"), "FluentBit");
        assert_eq!(logical_id("api_v2.x"), "ApiV2X");
        assert_eq!(task_stack_name("shop", "migrate"), "tug-shop-task-migrate");
        assert_eq!(
            task_log_group_name("shop", "migrate"),
            "/tug/shop/task/migrate"
        );
        assert_eq!(
            ecr_repository_name("shop", &task_repository_workload("migrate")),
            "shop/task-migrate"
        );
        let tags = stack_tags("shop", "test", Some("api"));
        assert_eq!(tags[TAG_WORKLOAD], "api");
        assert!(!stack_tags("shop", "test", None).contains_key(TAG_WORKLOAD));
    }

    #[test]
    fn two_things_never_share_a_stack_name() {
        let envs = ["test".to_string(), "test-api".to_string()];
        let workloads = ["api".to_string(), "web".to_string()];
        let owners = stack_owners("shop", &envs, &workloads);
        assert_eq!(
            owners["tug-shop-test-api"],
            vec![("test", Some("api")), ("test-api", None)]
        );
        assert_eq!(owners["tug-shop-test-web"].len(), 1);
        assert_eq!(over_limits("shop", "test", Some("api")), None);
        let long = "a".repeat(60);
        let why = over_limits(&long, &long, Some("api")).unwrap();
        assert!(why.contains("at most 128"), "{why}");
        let why = over_limits("shop", &"e".repeat(64), None).unwrap();
        assert!(
            why.contains("environment name") && why.contains("at most 63"),
            "{why}"
        );
    }

    #[test]
    fn rollback_alarm_names_fit_cloudwatch() {
        assert_eq!(
            rollback_alarm_name("shop", "test", "api", "RollbackCPUAlarm"),
            "tug-shop-test-api-RollbackCPUAlarm"
        );
        let long = "a".repeat(100);
        let name = rollback_alarm_name(&long, &long, &long, "RollbackMemAlarm");
        assert!(name.len() <= 255, "{}", name.len());
        // Each part cut to (255 - 4 - 16 - 3) / 3 = 77 characters.
        let a77 = "a".repeat(77);
        assert_eq!(name, format!("tug-{a77}-{a77}-{a77}-RollbackMemAlarm"));
    }
}
