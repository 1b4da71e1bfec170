//! Listener rules: the priorities a listener's rules hold (DescribeRules), and which of
//! them a stack owns (ListStackResources), for choosing new rules' priorities.

use std::collections::BTreeMap;

use super::{Aws, AwsError, AwsResult};

/// The resource type of a listener rule.
const RULE_TYPE: &str = "AWS::ElasticLoadBalancingV2::ListenerRule";

/// Every rule of listener `arn` but its default one: rule ARN to priority.
pub async fn rule_priorities(aws: &Aws, arn: &str) -> AwsResult<BTreeMap<String, u32>> {
    let mut rules = BTreeMap::new();
    let mut marker: Option<String> = None;
    loop {
        let out = aws
            .elb
            .describe_rules()
            .listener_arn(arn)
            .page_size(400)
            .set_marker(marker.take())
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(&format!("reading the rules of listener {arn}"), e))?;
        for r in out.rules() {
            if r.is_default() == Some(true) {
                continue;
            }
            let priority = r.priority().and_then(|p| p.parse().ok());
            if let (Some(rule), Some(p)) = (r.rule_arn(), priority) {
                rules.insert(rule.to_string(), p);
            }
        }
        match out.next_marker() {
            Some(m) if !m.is_empty() => marker = Some(m.to_string()),
            _ => return Ok(rules),
        }
    }
}

/// The listener rules of stack `stack`: logical ID to rule ARN (none when the stack does
/// not exist).
pub async fn stack_rules(aws: &Aws, stack: &str) -> AwsResult<BTreeMap<String, String>> {
    let mut rules = BTreeMap::new();
    let mut token: Option<String> = None;
    loop {
        let out = aws
            .cfn
            .list_stack_resources()
            .stack_name(stack)
            .set_next_token(token.take())
            .send()
            .await;
        let out = match out {
            Ok(out) => out,
            Err(e) => {
                let e = AwsError::from_sdk(&format!("listing the resources of stack {stack}"), e);
                if e.is("ValidationError") && e.message.contains("does not exist") {
                    return Ok(rules);
                }
                return Err(e);
            }
        };
        for r in out.stack_resource_summaries() {
            if r.resource_type() != Some(RULE_TYPE) {
                continue;
            }
            if let (Some(logical), Some(physical)) =
                (r.logical_resource_id(), r.physical_resource_id())
            {
                if !physical.is_empty() {
                    rules.insert(logical.to_string(), physical.to_string());
                }
            }
        }
        match out.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => return Ok(rules),
        }
    }
}
