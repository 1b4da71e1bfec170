//! The account's default VPC, for `task run --default-vpc`: its default subnets (one per
//! Availability Zone) and its `default` security group.

use aws_sdk_ec2::types::Filter;

use super::{Aws, AwsError, AwsResult};

/// Where tasks run in the default VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultNetwork {
    pub vpc: String,
    /// The default subnet of each Availability Zone, sorted.
    pub subnets: Vec<String>,
    pub security_group: String,
}

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// The default VPC of the Region, its default subnets and its default security group;
/// an error that says what to do when the Region has none of one of them.
pub async fn default_network(aws: &Aws) -> AwsResult<DefaultNetwork> {
    let region = aws.region();
    let vpcs = aws
        .ec2
        .describe_vpcs()
        .filters(filter("is-default", "true"))
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("finding the default VPC", e))?;
    let Some(vpc) = vpcs.vpcs().iter().find_map(|v| v.vpc_id()) else {
        return Err(AwsError {
            code: None,
            message: format!("{region} has no default VPC"),
            help: Some(
                "create one with `aws ec2 create-default-vpc`, or run the task in an \
                 environment with -e ENV"
                    .to_string(),
            ),
        });
    };
    let vpc = vpc.to_string();

    let mut subnets = Vec::new();
    let mut pages = aws
        .ec2
        .describe_subnets()
        .filters(filter("vpc-id", &vpc))
        .filters(filter("default-for-az", "true"))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| AwsError::from_sdk("listing the default VPC's subnets", e))?;
        subnets.extend(
            page.subnets()
                .iter()
                .filter_map(|s| s.subnet_id().map(str::to_string)),
        );
    }
    subnets.sort();
    if subnets.is_empty() {
        return Err(AwsError {
            code: None,
            message: format!("the default VPC {vpc} has no default subnets"),
            help: Some(
                "create them with `aws ec2 create-default-subnet --availability-zone AZ`, or \
                 run the task in an environment with -e ENV"
                    .to_string(),
            ),
        });
    }

    let groups = aws
        .ec2
        .describe_security_groups()
        .filters(filter("vpc-id", &vpc))
        .filters(filter("group-name", "default"))
        .send()
        .await
        .map_err(|e| AwsError::from_sdk("finding the default VPC's security group", e))?;
    let Some(security_group) = groups
        .security_groups()
        .iter()
        .find_map(|g| g.group_id().map(str::to_string))
    else {
        return Err(AwsError {
            code: None,
            message: format!("the default VPC {vpc} has no `default` security group"),
            help: Some("run the task in an environment with -e ENV".to_string()),
        });
    };
    Ok(DefaultNetwork {
        vpc,
        subnets,
        security_group,
    })
}
