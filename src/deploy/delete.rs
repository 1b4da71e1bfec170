//! Deleting a stack and watching it go.

use std::time::Duration;

use super::{DeployEvent, Observer};
use crate::aws::{stack, Aws};
use crate::error::Result;

/// Deletes `stack_name` and watches it go; true when it is gone.
pub async fn delete_stack(
    aws: &Aws,
    stack_name: &str,
    timeout: Duration,
    observer: &dyn Observer,
) -> Result<bool> {
    observer.report(DeployEvent::Step("deleting"));
    let start = stack::delete(aws, stack_name).await?;
    let outcome = stack::watch(aws, stack_name, start, None, observer, timeout).await?;
    if outcome.success {
        observer.report(DeployEvent::Finished {
            ok: true,
            text: "deleted",
        });
        return Ok(true);
    }
    let why = outcome
        .first_failure
        .map(|f| {
            format!(
                "{} ({}): {}",
                f.logical_id,
                f.resource_type,
                f.reason.unwrap_or_default()
            )
        })
        .unwrap_or_else(|| format!("the stack is {}", outcome.status));
    let text = format!("could not delete: {why}");
    observer.report(DeployEvent::Finished {
        ok: false,
        text: &text,
    });
    Ok(false)
}
