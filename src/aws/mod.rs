//! The only code that calls AWS: one SDK configuration, the clients made from it, and
//! errors turned into one line a person can act on.
//!
//! Credentials, region and profile come from the SDK's standard chain; `--region` and
//! `--profile` override it. Endpoints come from the SDK's own `AWS_ENDPOINT_URL` (and
//! `AWS_ENDPOINT_URL_<SERVICE>`), which is how the tests reach moto.

pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod listener;
pub mod logs;
pub mod route53;
pub mod s3;
pub mod stack;
pub mod states;
pub mod status;

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};

use crate::error::Error;
use crate::suggest::did_you_mean;

/// Attempts per call, the first included; throttling and 5xx answers are retried with
/// exponential backoff and, in adaptive mode, a client-side rate limit.
const MAX_ATTEMPTS: u32 = 6;

/// The clients tug uses, all made from one [`SdkConfig`].
#[derive(Clone, Debug)]
pub struct Aws {
    pub config: SdkConfig,
    pub cfn: aws_sdk_cloudformation::Client,
    pub ecs: aws_sdk_ecs::Client,
    pub elb: aws_sdk_elasticloadbalancingv2::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub ec2: aws_sdk_ec2::Client,
    pub ecr: aws_sdk_ecr::Client,
    pub cloudwatch: aws_sdk_cloudwatch::Client,
    pub s3: aws_sdk_s3::Client,
    pub sfn: aws_sdk_sfn::Client,
    pub route53: aws_sdk_route53::Client,
}

impl Aws {
    /// Loads the configuration from the SDK chain with the `--region` and `--profile`
    /// overrides. Fails with a clear message when no region is set or it is misspelt.
    pub async fn load(region: Option<&str>, profile: Option<&str>) -> Result<Aws, Error> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(
                RetryConfig::adaptive()
                    .with_max_attempts(MAX_ATTEMPTS)
                    .with_initial_backoff(Duration::from_millis(200))
                    .with_max_backoff(Duration::from_secs(5)),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_attempt_timeout(Duration::from_secs(60))
                    .build(),
            );
        if let Some(profile) = profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = region {
            loader = loader.region(Region::new(region.to_string()));
        }
        let config = loader.load().await;
        let Some(region) = config.region() else {
            return Err(Error::user("no AWS Region is set").with_help(
                "pass --region REGION, set AWS_REGION, or set `region` in your AWS profile",
            ));
        };
        check_region(region.as_ref())?;
        Ok(Aws {
            cfn: aws_sdk_cloudformation::Client::new(&config),
            ecs: aws_sdk_ecs::Client::new(&config),
            elb: aws_sdk_elasticloadbalancingv2::Client::new(&config),
            logs: aws_sdk_cloudwatchlogs::Client::new(&config),
            ec2: aws_sdk_ec2::Client::new(&config),
            ecr: aws_sdk_ecr::Client::new(&config),
            cloudwatch: aws_sdk_cloudwatch::Client::new(&config),
            s3: aws_sdk_s3::Client::new(&config),
            sfn: aws_sdk_sfn::Client::new(&config),
            route53: aws_sdk_route53::Client::new(&config),
            config,
        })
    }

    pub fn region(&self) -> String {
        self.config
            .region()
            .map(|r| r.to_string())
            .unwrap_or_default()
    }
}

/// The public AWS Regions, for "did you mean" on a misspelt `--region`. A well-formed name
/// that is not here (a new Region) is let through.
const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

fn check_region(region: &str) -> Result<(), Error> {
    if REGIONS.contains(&region) {
        return Ok(());
    }
    let well_formed = {
        let parts: Vec<&str> = region.split('-').collect();
        parts.len() >= 3
            && parts[..parts.len() - 1]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
            && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
            && !parts[parts.len() - 1].is_empty()
    };
    let near = did_you_mean(region, REGIONS);
    match (well_formed, near) {
        (true, None) => Ok(()),
        (_, Some(near)) => Err(Error::user(format!("`{region}` is not an AWS Region"))
            .with_help(format!("did you mean `--region {near}`?"))),
        (false, None) => Err(Error::user(format!("`{region}` is not an AWS Region"))
            .with_help("Region names look like `us-east-1` or `eu-west-2`")),
    }
}

/// Where requests go, for messages: `AWS_ENDPOINT_URL` when set, else AWS itself.
fn endpoint_label() -> String {
    match std::env::var("AWS_ENDPOINT_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => "AWS".to_string(),
    }
}

/// An AWS call that failed, with the service's error code when there is one.
#[derive(Debug, Clone)]
pub struct AwsError {
    /// The service's error code (`ValidationError`, `ThrottlingException`, ...).
    pub code: Option<String>,
    pub message: String,
    /// What to do about it, when tug knows.
    pub help: Option<String>,
}

impl std::fmt::Display for AwsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl AwsError {
    /// Turns an SDK error into one line. `what` names the call (`describing stack X`).
    pub fn from_sdk<E, R>(what: &str, err: SdkError<E, R>) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        let chain = aws_sdk_cloudformation::error::DisplayErrorContext(&err).to_string();
        match &err {
            SdkError::ServiceError(se) => {
                let e = se.err();
                let code = e.code().map(str::to_string);
                let msg = e.message().unwrap_or("no message").to_string();
                let help = match code.as_deref() {
                    Some("ExpiredToken" | "ExpiredTokenException" | "RequestExpired") => Some(
                        "refresh your credentials (for SSO: `aws sso login`) and run tug again"
                            .to_string(),
                    ),
                    Some(
                        "InvalidClientTokenId"
                        | "UnrecognizedClientException"
                        | "SignatureDoesNotMatch"
                        | "AuthFailure",
                    ) => Some(
                        "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or --profile".to_string(),
                    ),
                    Some("AccessDenied" | "AccessDeniedException") => Some(
                        "the credentials tug uses lack a permission; see the message".to_string(),
                    ),
                    _ => None,
                };
                let message = match code.as_deref() {
                    Some("ExpiredToken" | "ExpiredTokenException" | "RequestExpired") => {
                        format!("{what}: the AWS credentials have expired ({msg})")
                    }
                    Some(c) => format!("{what}: {c}: {msg}"),
                    None => format!("{what}: {msg}"),
                };
                AwsError {
                    code,
                    message,
                    help,
                }
            }
            _ => classify_transport(what, &chain),
        }
    }

    pub fn is(&self, code: &str) -> bool {
        self.code.as_deref() == Some(code)
    }
}

/// Whether a call that failed (after the SDK's own retries) may succeed when tried again
/// later: no answer at all (a connection refused or dropped, a timeout) or a throttling or
/// server error. Credentials, validation and permission errors are not.
pub fn is_transient<E, R>(err: &SdkError<E, R>) -> bool
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            !classify_transport(
                "",
                &aws_sdk_cloudformation::error::DisplayErrorContext(err).to_string(),
            )
            .message
            .starts_with("no AWS credentials")
        }
        SdkError::ServiceError(se) => matches!(
            se.err().code(),
            Some(
                "Throttling"
                    | "ThrottlingException"
                    | "RequestLimitExceeded"
                    | "TooManyRequestsException"
                    | "ServiceUnavailable"
                    | "InternalFailure"
                    | "InternalError"
                    | "RequestTimeout"
            )
        ),
        _ => false,
    }
}

/// Errors before or without an answer from the service: no credentials, no connection,
/// timeouts.
fn classify_transport(what: &str, chain: &str) -> AwsError {
    let lower = chain.to_ascii_lowercase();
    let (message, help) = if lower.contains("no credentials found")
        || lower.contains("credentialsnotloaded")
        || lower.contains("credentials")
            && (lower.contains("no providers")
                || lower.contains("not loaded")
                || lower.contains("failed to load")
                || lower.contains("could not find"))
    {
        (
            "no AWS credentials found".to_string(),
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile NAME, or run `aws sso login`".to_string(),
        )
    } else if lower.contains("expired") && lower.contains("credentials") {
        (
            "the AWS credentials have expired".to_string(),
            "refresh your credentials (for SSO: `aws sso login`) and run tug again".to_string(),
        )
    } else if lower.contains("connection refused") || lower.contains("connectionrefused") {
        (
            format!("cannot reach {}: connection refused", endpoint_label()),
            "check AWS_ENDPOINT_URL and your network".to_string(),
        )
    } else if lower.contains("dns") || lower.contains("lookup") || lower.contains("resolve") {
        (
            format!(
                "cannot reach {}: the host name does not resolve",
                endpoint_label()
            ),
            "check --region, AWS_ENDPOINT_URL and your network".to_string(),
        )
    } else if lower.contains("timeout") || lower.contains("timed out") {
        (
            format!("{what}: {} did not answer in time", endpoint_label()),
            "check your network and try again".to_string(),
        )
    } else {
        // The chain reads "dispatch failure: other: <what went wrong> (<debug dump>)".
        let head = chain.split(" (").next().unwrap_or(chain);
        let head = head.lines().next().unwrap_or(head);
        let last = head
            .trim_start_matches("dispatch failure: ")
            .trim_start_matches("other: ")
            .to_string();
        (
            format!("{what}: {last}"),
            "check your AWS configuration (profile, credentials, AWS_ENDPOINT_URL)".to_string(),
        )
    };
    AwsError {
        code: None,
        message: if message.starts_with(what) {
            message
        } else {
            format!("{message} ({what})")
        },
        help: Some(help),
    }
}

impl From<AwsError> for Error {
    fn from(e: AwsError) -> Error {
        let err = Error::user(e.message);
        match e.help {
            Some(h) => err.with_help(h),
            None => err,
        }
    }
}

pub type AwsResult<T> = Result<T, AwsError>;

/// RFC 3339 UTC with seconds, from seconds since the epoch.
pub fn rfc3339(secs: f64) -> String {
    aws_smithy_types::DateTime::from_secs(secs.floor() as i64)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_else(|_| format!("{secs}"))
}

/// A runtime for one command: single-threaded, since tug waits on the network, not the CPU.
pub fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("starting the async runtime", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000.5), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400.0), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn regions() {
        assert!(check_region("us-east-1").is_ok());
        assert!(check_region("xx-newplace-9").is_ok());
        let e = check_region("us-esat-1").unwrap_err().to_string();
        assert!(e.contains("not an AWS Region"), "{e}");
        assert!(check_region("useast1").is_err());
    }
}
