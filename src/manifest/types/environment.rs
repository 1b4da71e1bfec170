//! Environment manifests (`tug/environments/<env>/manifest.yml`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EnvironmentType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<EnvNetwork>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<EnvHttp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cdn: Option<BoolOrMap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observability: Option<EnvObservability>,
    /// tug: NAT gateways for private subnets: `per-az`, `single` or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat: Option<String>,
    /// tug: EC2 instance groups, for the simulator and EC2 capacity providers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Vec<CapacityGroup>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum EnvironmentType {
    Environment,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvNetwork {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<EnvVpc>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvVpc {
    /// An existing VPC to import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The CIDR of a VPC tug creates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<EnvSubnets>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group: Option<Map<Any>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_logs: Option<BoolOrMap>,
    /// tug: interface/gateway endpoints for ECR, S3 and CloudWatch Logs, so image pulls
    /// and logs skip the NAT gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvSubnets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<Vec<EnvSubnet>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<Vec<EnvSubnet>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvSubnet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvHttp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<PublicHttp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<PrivateHttp>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicHttp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificates: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_logs: Option<BoolOrMap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Map<Any>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Map<Any>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivateHttp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificates: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Map<Any>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Map<Any>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvObservability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_insights: Option<BoolOrString>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum BoolOrString {
    Bool(bool),
    String(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityGroup {
    /// The group's name: workloads choose it with `capacity_provider`; its ECS capacity
    /// provider is `tug-<app>-<env>-<name>`. Default `ec2-<n>`, n its place in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub instance_type: String,
    /// Instances the group keeps running (its Auto Scaling group's minimum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The most instances ECS's managed scaling may run; default `count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Spot Instances (a mixed-instances policy with no On-Demand capacity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Map<String>>,
    /// What one instance costs per hour, in USD (`tug sim plan`'s cost; default tug's
    /// table of us-east-1 On-Demand prices, less the Spot estimate for a Spot group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
}

impl CapacityGroup {
    /// The group's name (`name`, else `ec2-<n>` for the `index`th group, from 0).
    pub fn name_at(&self, index: usize) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| format!("ec2-{}", index + 1))
    }
}

impl Environment {
    /// The capacity groups with their names.
    pub fn capacity_groups(&self) -> impl Iterator<Item = (String, &CapacityGroup)> {
        self.capacity
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, g)| (g.name_at(i), g))
    }

    /// Whether the environment has (public, private) subnets: an imported VPC has the ones
    /// it lists; a VPC tug creates has the ones it lists, or two of each when it lists none.
    pub fn has_subnets(&self) -> (bool, bool) {
        let vpc = self.network.as_ref().and_then(|n| n.vpc.as_ref());
        let subnets = vpc.and_then(|v| v.subnets.as_ref());
        let listed = |list: Option<&Vec<EnvSubnet>>| list.is_some_and(|l| !l.is_empty());
        let public = listed(subnets.and_then(|s| s.public.as_ref()));
        let private = listed(subnets.and_then(|s| s.private.as_ref()));
        let imported = vpc.is_some_and(|v| v.id.is_some());
        if !imported && !public && !private {
            return (true, true);
        }
        (public, private)
    }

    /// Whether tug creates the VPC (rather than importing one with `network.vpc.id`).
    pub fn creates_vpc(&self) -> bool {
        let vpc = self.network.as_ref().and_then(|n| n.vpc.as_ref());
        vpc.and_then(|v| v.id.as_ref()).is_none()
    }
}
