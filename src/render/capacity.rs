//! The environment's EC2 capacity (`capacity:` groups), as the simulator models it.
//!
//! Per group: a launch template on the ECS-optimized Amazon Linux 2023 AMI of the type's
//! architecture (the GPU variant for types with GPUs), read from AWS's public SSM parameter
//! through a stack parameter of type `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`; an
//! Auto Scaling group across the private subnets (the public ones when there are none) with
//! `count` instances at least and `max` at most; and an ECS capacity provider with managed
//! scaling (target capacity 100%), managed termination protection (which needs the group's
//! `NewInstancesProtectedFromScaleIn`) and managed draining. Spot groups use a
//! mixed-instances policy with no On-Demand capacity. One instance role and profile
//! (`AmazonEC2ContainerServiceforEC2Role`) serve every group. The ECS agent's configuration
//! (user data) names the cluster and sets the group's `attributes` as custom instance
//! attributes; the agent itself registers the built-in ones (`ecs.instance-type`,
//! `ecs.availability-zone`, `ecs.ami-id`, ...), so a `memberOf` expression means on AWS what
//! it means to the simulator.

use serde::Serialize;

use crate::fargate::Arch;
use crate::manifest::types::{Environment, Map, Workload, WorkloadPlacement};
use crate::sim::catalog;
use crate::sim::model::{Constraint, EcsPlacement, Strategy};

/// The public SSM parameters of the ECS-optimized AMIs, by variant.
const AMI_X86_64: &str = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
const AMI_ARM64: &str =
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id";
const AMI_GPU: &str = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id";

/// The environment's export of the EC2 instances' own security group
/// (`CapacitySecurityGroup`): the load balancers reach the instances' dynamic host ports
/// (the ephemeral range) through it, and a service's static host port through an ingress
/// rule of its own stack.
pub(super) const SECURITY_GROUP_EXPORT: &str = "CapacitySecurityGroup";

/// One capacity group, as the template lays it out.
#[derive(Debug, Serialize)]
pub(super) struct Group {
    /// Logical id prefix: `CapacityEc21` for group `ec2-1`.
    pub logical: String,
    /// The ECS capacity provider's name.
    pub provider: String,
    pub instance_type: String,
    pub min: u32,
    pub max: u32,
    pub spot: bool,
    /// The stack parameter holding the AMI id.
    pub ami_parameter: &'static str,
    /// The user data script (plain text; the template base64-encodes it).
    pub user_data: String,
    /// YAML fragments: the subnets the group's instances are in.
    pub subnets: Vec<String>,
}

/// An AMI stack parameter: its name and the SSM parameter it reads.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct AmiParameter {
    pub name: &'static str,
    pub ssm: &'static str,
}

/// The capacity groups of `env` and the AMI parameters they use. `subnets` are the subnets
/// instances may go in: a YAML fragment (`!Ref PrivateSubnet1` or an imported id) and the
/// AZ the manifest gives it. A group with `azs` takes those of them in its AZs (all of them
/// when none names its AZ: `tug validate` warns).
pub(super) fn groups(
    app: &str,
    env: &Environment,
    subnets: &[(String, Option<String>)],
) -> (Vec<Group>, Vec<AmiParameter>) {
    let cluster = crate::names::stack_name(app, &env.name, None);
    let mut amis = Vec::new();
    let groups = env
        .capacity_groups()
        .map(|(name, g)| {
            let ami = ami(&g.instance_type);
            if !amis.contains(&ami) {
                amis.push(ami);
            }
            let spot = g.spot.unwrap_or(false);
            let min = g.count.unwrap_or(1);
            Group {
                logical: format!("Capacity{}", crate::names::logical_id(&name)),
                provider: crate::names::capacity_provider_name(app, &env.name, &name),
                instance_type: g.instance_type.clone(),
                min,
                max: g.max.unwrap_or(min).max(min),
                spot,
                ami_parameter: ami.name,
                user_data: user_data(&cluster, &name, g.attributes.as_ref(), spot),
                subnets: group_subnets(subnets, g.azs.as_deref()),
            }
        })
        .collect();
    amis.sort();
    (groups, amis)
}

/// The subnets of a group with `azs`: those in its AZs, or all when none names its AZ.
fn group_subnets(subnets: &[(String, Option<String>)], azs: Option<&[String]>) -> Vec<String> {
    let all = || subnets.iter().map(|(s, _)| s.clone()).collect();
    let Some(azs) = azs else {
        return all();
    };
    let chosen: Vec<String> = subnets
        .iter()
        .filter(|(_, az)| az.as_ref().is_some_and(|az| azs.contains(az)))
        .map(|(s, _)| s.clone())
        .collect();
    if chosen.is_empty() {
        all()
    } else {
        chosen
    }
}

/// The AMI variant of an instance type: GPU, ARM64 or x86-64 (an unknown type, which
/// `tug validate` refuses, gets x86-64).
fn ami(instance_type: &str) -> AmiParameter {
    match catalog::find(instance_type) {
        Some(t) if t.gpus > 0 => AmiParameter {
            name: "EcsAmiGpu",
            ssm: AMI_GPU,
        },
        Some(t) if t.arch == Arch::Arm64 => AmiParameter {
            name: "EcsAmiArm64",
            ssm: AMI_ARM64,
        },
        _ => AmiParameter {
            name: "EcsAmiX8664",
            ssm: AMI_X86_64,
        },
    }
}

/// The ECS agent's configuration (`/etc/ecs/ecs.config`): the cluster, the custom
/// attributes (`ECS_INSTANCE_ATTRIBUTES`, a JSON object: the group's name and its
/// `attributes`) and, on Spot, draining on the two-minute interruption notice.
fn user_data(cluster: &str, group: &str, attributes: Option<&Map<String>>, spot: bool) -> String {
    let mut all = attributes.cloned().unwrap_or_default();
    all.insert(crate::names::CAPACITY_GROUP_ATTRIBUTE.into(), group.into());
    let json = serde_json::to_string(&all).unwrap_or_default();
    let mut config = vec![
        format!("ECS_CLUSTER={cluster}"),
        format!("ECS_INSTANCE_ATTRIBUTES={json}"),
    ];
    if spot {
        config.push("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true".into());
    }
    format!(
        "#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\n{}\nEOF\n",
        config.join("\n")
    )
}

/// Where a workload on EC2 capacity runs: its capacity provider strategy
/// (`capacity_provider`; empty: the EC2 launch type, any instance of the cluster, which is
/// also what a daemon uses: ECS refuses a strategy with DAEMON scheduling), its placement
/// strategies and constraints, exactly the simulator's (`ec2_placement`), and how its
/// tasks are networked and scheduled.
#[derive(Debug, Serialize)]
pub(super) struct Ec2 {
    pub providers: Vec<ProviderWeight>,
    pub strategies: Vec<EcsPlacement>,
    pub constraints: Vec<EcsPlacement>,
    /// The task definition's `NetworkMode` (`awsvpc`, `bridge`, `host`).
    pub network_mode: &'static str,
    /// `scheduling: daemon`: one task per instance.
    pub daemon: bool,
}

/// One entry of a service's `CapacityProviderStrategy`.
#[derive(Debug, Serialize)]
pub(super) struct ProviderWeight {
    pub name: String,
    pub weight: u32,
    pub base: Option<u32>,
}

/// The EC2 placement of `w` in environment `env`, or `None` for a Fargate workload.
pub(super) fn ec2(app: &str, env: &str, w: &Workload) -> Option<Ec2> {
    let (strategies, constraints) = ec2_placement(w, None)?;
    let daemon = w.is_daemon();
    let providers = match &w.capacity_provider {
        Some(cp) if !daemon => cp
            .entries()
            .into_iter()
            .map(|(group, weight, base)| ProviderWeight {
                name: crate::names::capacity_provider_name(app, env, group),
                weight,
                base,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(Ec2 {
        providers,
        strategies: strategies.iter().map(Strategy::to_ecs).collect(),
        constraints: constraints.iter().map(Constraint::to_ecs).collect(),
        network_mode: w.network_mode().as_str(),
        daemon,
    })
}

/// What a workload on EC2 is placed by, in the simulator and on AWS alike (`None` on
/// Fargate): its `placement` as [`placement`] reads it (`parsed`: as the caller read it,
/// with its diagnostics), and with `capacity_provider` a `memberOf` constraint on the
/// groups' instances (`names::CAPACITY_GROUP_ATTRIBUTE`), which is what the capacity
/// providers do on AWS. With several groups the tasks may go on any of their instances:
/// ECS splits them by the strategy's bases and weights, which the simulator does not
/// model. A daemon has no placement strategies (ECS refuses them with DAEMON scheduling).
pub fn ec2_placement(
    w: &Workload,
    parsed: Option<(Vec<Strategy>, Vec<Constraint>)>,
) -> Option<(Vec<Strategy>, Vec<Constraint>)> {
    if !w.runs_on_ec2() {
        return None;
    }
    let (mut strategies, mut constraints) =
        parsed.unwrap_or_else(|| placement(w.placement.as_ref()));
    if w.is_daemon() {
        strategies.clear();
    }
    if let Some(cp) = &w.capacity_provider {
        let groups: Vec<&str> = cp.entries().into_iter().map(|(g, _, _)| g).collect();
        let attribute = crate::names::CAPACITY_GROUP_ATTRIBUTE;
        let expression = match groups.as_slice() {
            [group] => format!("attribute:{attribute} == {group}"),
            _ => format!("attribute:{attribute} in [{}]", groups.join(", ")),
        };
        constraints.extend(Constraint::member_of(&expression).ok());
    }
    Some((strategies, constraints))
}

/// A workload's `placement` as the simulator reads it (`sim::scenario::placement`: the
/// service default strategy when none is given), so what is deployed is what was
/// simulated. The manifest was validated before rendering, so nothing here is reported.
pub fn placement(p: Option<&WorkloadPlacement>) -> (Vec<Strategy>, Vec<Constraint>) {
    let text = p
        .and_then(|p| serde_json::to_string(p).ok())
        .unwrap_or_else(|| "{}".into());
    let src = crate::diag::SourceFile::new(
        std::path::Path::new("placement"),
        "placement".into(),
        text.clone(),
    );
    match crate::yaml::parse(&text) {
        Ok(node) => {
            let (strategies, constraints, _) = crate::sim::scenario::placement(&src, &node);
            (strategies, constraints)
        }
        Err(_) => (Strategy::service_default(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agent_config_names_the_cluster_and_the_custom_attributes() {
        let mut a = Map::new();
        a.insert("stack".to_string(), "prod".to_string());
        let u = user_data("tug-app-test", "steady", Some(&a), true);
        assert!(u.contains("ECS_CLUSTER=tug-app-test\n"), "{u}");
        assert!(
            u.contains(r#"ECS_INSTANCE_ATTRIBUTES={"stack":"prod","tug.capacity-group":"steady"}"#),
            "{u}"
        );
        assert!(u.contains("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true"), "{u}");
        let plain = user_data("c", "ec2-1", None, false);
        assert!(plain.contains(r#"ECS_INSTANCE_ATTRIBUTES={"tug.capacity-group":"ec2-1"}"#));
        assert!(!plain.contains("SPOT"));
    }

    #[test]
    fn each_group_is_a_launch_template_an_auto_scaling_group_and_a_capacity_provider() {
        let env: Environment = serde_yaml_ng::from_str(
            "name: test\ntype: Environment\ncapacity:\n  - {name: steady, type: m5.large, count: 2, max: 4}\n  - {type: m6g.large, spot: true}\n",
        )
        .unwrap();
        let t = crate::render::environment("shop", &env, &[], None)
            .unwrap()
            .template;
        for logical in ["CapacitySteady", "CapacityEc22"] {
            for kind in ["LaunchTemplate:", "AutoScalingGroup:", "Provider:"] {
                assert!(t.contains(&format!("  {logical}{kind}")), "{logical}{kind}");
            }
            assert!(
                t.contains(&format!("- !Ref {logical}Provider")),
                "{logical}"
            );
        }
        assert!(t.contains("Name: \"tug-shop-test-steady\""));
        assert!(t.contains("Name: \"tug-shop-test-ec2-2\""));
        assert!(t.contains("MinSize: 2\n      MaxSize: 4\n"), "{t}");
        assert_eq!(t.matches("MixedInstancesPolicy:").count(), 1);
        assert_eq!(
            t.matches("NewInstancesProtectedFromScaleIn: true").count(),
            2
        );
        // One AMI parameter per variant used; instances in private subnets behind NAT.
        assert!(t.contains("EcsAmiX8664:") && t.contains("EcsAmiArm64:"));
        assert!(!t.contains("EcsAmiGpu"));
        assert!(t.contains("AWS::EC2::NatGateway"));
        assert!(t.contains("- !Ref PrivateSubnet1"));
    }

    #[test]
    fn a_group_with_azs_takes_the_subnets_in_them() {
        let subnets = [
            ("!Ref A".to_string(), Some("us-east-1a".to_string())),
            ("!Ref B".to_string(), Some("us-east-1b".to_string())),
        ];
        let b = ["us-east-1b".to_string()];
        assert_eq!(group_subnets(&subnets, Some(&b)), ["!Ref B"]);
        assert_eq!(group_subnets(&subnets, None), ["!Ref A", "!Ref B"]);
        let none = ["eu-west-1a".to_string()];
        assert_eq!(group_subnets(&subnets, Some(&none)).len(), 2);
    }

    /// The service stack of manifest `yaml` in environment `test` of `shop`.
    fn service(yaml: &str) -> String {
        let w: Workload = serde_yaml_ng::from_str(yaml).unwrap();
        crate::render::service(
            "shop",
            "test",
            &w,
            &crate::render::Images::main("img"),
            None,
        )
        .unwrap()
        .template
    }

    #[test]
    fn a_static_host_port_is_mapped_targeted_by_instance_and_let_in_from_the_load_balancer() {
        let t = service(
            "name: api\ntype: Backend Service\nimage: {location: nginx, port: 8080}\nhttp: {path: /}\ncapacity_provider: [{name: steady, base: 1}, {name: spot, weight: 3}]\nnetwork_mode: bridge\nhost_port: 80\ngpu: 2\n",
        );
        assert!(t.contains("NetworkMode: bridge\n"), "{t}");
        assert!(
            t.contains("- ContainerPort: 8080\n              HostPort: 80\n"),
            "{t}"
        );
        assert!(t.contains("TargetType: instance"), "{t}");
        assert!(!t.contains("AwsvpcConfiguration"), "{t}");
        // Cloud Map: SRV only, to the container's host port.
        assert!(!t.contains("- TTL: 10\n            Type: A\n"), "{t}");
        assert!(t.contains("- TTL: 10\n            Type: SRV\n"), "{t}");
        assert!(
            t.contains("ContainerName: \"api\"\n          ContainerPort: 8080"),
            "{t}"
        );
        // The load balancer reaches port 80 of the instances.
        assert!(
            t.contains("HostPortIngress:") && t.contains("HostPortEgress:"),
            "{t}"
        );
        assert!(t.contains("FromPort: 80\n      ToPort: 80\n"), "{t}");
        assert!(t.contains("tug-shop-test-CapacitySecurityGroup"), "{t}");
        assert!(
            t.contains("tug-shop-test-InternalLoadBalancerSecurityGroup"),
            "{t}"
        );
        assert!(t.contains("Type: GPU\n              Value: \"2\""), "{t}");
        assert!(
            t.contains("- CapacityProvider: tug-shop-test-steady\n          Base: 1\n          Weight: 1\n        - CapacityProvider: tug-shop-test-spot\n          Weight: 3\n"),
            "{t}"
        );
    }

    #[test]
    fn a_daemon_has_no_count_strategy_or_capacity_provider_and_host_mode_maps_its_ports() {
        let t = service(
            "name: agent\ntype: Backend Service\nimage: {location: busybox, port: 9100}\ncapacity_provider: steady\nscheduling: daemon\nnetwork_mode: host\ndeployment: {rolling: default}\n",
        );
        assert!(t.contains("SchedulingStrategy: DAEMON"), "{t}");
        assert!(!t.contains("DesiredCount"), "{t}");
        assert!(!t.contains("CapacityProviderStrategy"), "{t}");
        assert!(t.contains("LaunchType: EC2"), "{t}");
        assert!(!t.contains("PlacementStrategies"), "{t}");
        assert!(t.contains("tug.capacity-group == steady"), "{t}");
        assert!(
            t.contains("MinimumHealthyPercent: 0\n        MaximumPercent: 100\n"),
            "{t}"
        );
        assert!(t.contains("NetworkMode: host\n"), "{t}");
        assert!(
            t.contains("- ContainerPort: 9100\n              HostPort: 9100\n"),
            "{t}"
        );
        // No load balancer: no ingress of its own.
        assert!(!t.contains("HostPortIngress"), "{t}");
    }

    #[test]
    fn the_ami_follows_the_architecture_and_gpus() {
        assert_eq!(ami("m5.large").ssm, AMI_X86_64);
        assert_eq!(ami("m6g.large").ssm, AMI_ARM64);
        assert_eq!(ami("g4dn.xlarge").ssm, AMI_GPU);
    }
}
