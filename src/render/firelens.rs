//! FireLens `logging` as Copilot renders it: a `firelens_log_router` container running
//! Fluent Bit (its own logs go to the workload's log group), and the main container's
//! `awsfirelens` log driver with the `destination` options and `secretOptions`. Sidecars
//! keep `awslogs`.

use serde::Serialize;

use super::task::{environment, lit, secrets, Container};
use super::RenderError;
use crate::manifest::types::{Logging, FIRELENS_CONTAINER};

/// Copilot's default log router image.
pub const DEFAULT_IMAGE: &str = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable";

/// The router's `FirelensConfiguration` (type `fluentbit`).
#[derive(Serialize)]
pub(super) struct Firelens {
    /// `"true"` or `"false"`: FireLens options are text.
    pub(super) enable_metadata: String,
    /// A config file inside the router's image (`config-file-type: file`).
    pub(super) config_file: Option<String>,
}

/// The main container's `awsfirelens` log configuration.
#[derive(Serialize)]
pub(super) struct FirelensLog {
    /// (option, YAML fragment)
    pub(super) options: Vec<(String, String)>,
    /// (name, YAML fragment)
    pub(super) secret_options: Vec<(String, String)>,
}

/// The log router container: the workload's common variables and `logging.variables`,
/// `logging.secrets`, and its FireLens configuration (ECS metadata on unless
/// `enableMetadata: false`).
pub(super) fn router(
    common: &[(String, String)],
    l: &Logging,
    ssm: &mut Vec<String>,
    sm: &mut Vec<String>,
) -> Result<Container, RenderError> {
    let mut c = Container::new(
        FIRELENS_CONTAINER,
        lit(l.image.as_deref().unwrap_or(DEFAULT_IMAGE)),
    );
    c.environment = environment(common, l.variables.as_ref(), false);
    c.secrets = secrets(l.secrets.as_ref(), "logging.secrets", ssm, sm)?;
    c.firelens = Some(Firelens {
        enable_metadata: l.enable_metadata.unwrap_or(true).to_string(),
        config_file: l.config_file.clone(),
    });
    Ok(c)
}

/// The main container's log configuration when its logs go through the router.
pub(super) fn main_log(
    l: &Logging,
    ssm: &mut Vec<String>,
    sm: &mut Vec<String>,
) -> Result<FirelensLog, RenderError> {
    let mut options = Vec::new();
    for (k, v) in l.destination.iter().flatten() {
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => {
                return Err(RenderError::unchecked(
                    format!("logging.destination.{k}"),
                    "a destination option must be a string, number or boolean",
                ))
            }
        };
        options.push((k.clone(), lit(&text)));
    }
    Ok(FirelensLog {
        options,
        secret_options: secrets(l.secret_options.as_ref(), "logging.secretOptions", ssm, sm)?,
    })
}
