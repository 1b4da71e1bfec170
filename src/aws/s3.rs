//! S3: the objects of the application's artifacts bucket (put once under a content-hash
//! key, so an object that exists is never uploaded again), and emptying the bucket before
//! its stack is deleted.

use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{Delete, ObjectIdentifier, ServerSideEncryption};

use super::{Aws, AwsError, AwsResult};

/// Whether object `key` exists in `bucket`.
pub async fn exists(aws: &Aws, bucket: &str, key: &str) -> AwsResult<bool> {
    match aws.s3.head_object().bucket(bucket).key(key).send().await {
        Ok(_) => Ok(true),
        Err(e) if e.as_service_error().is_some_and(|se| se.is_not_found()) => Ok(false),
        Err(e) => Err(AwsError::from_sdk(
            &format!("looking for s3://{bucket}/{key}"),
            e,
        )),
    }
}

/// Uploads `bytes` as object `key` of `bucket`, encrypted with S3-managed keys.
pub async fn put(aws: &Aws, bucket: &str, key: &str, bytes: Vec<u8>) -> AwsResult<()> {
    aws.s3
        .put_object()
        .bucket(bucket)
        .key(key)
        .body(ByteStream::from(bytes))
        .server_side_encryption(ServerSideEncryption::Aes256)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(&format!("uploading s3://{bucket}/{key}"), e))?;
    Ok(())
}

/// Deletes every object version and delete marker of `bucket` (a versioned bucket must be
/// empty of both before CloudFormation can delete it). Returns how many were deleted; a
/// bucket that does not exist is empty.
pub async fn empty(aws: &Aws, bucket: &str) -> AwsResult<usize> {
    let Some(objects) = versions(aws, bucket).await? else {
        return Ok(0);
    };
    // DeleteObjects takes at most 1,000 keys per call.
    for chunk in objects.chunks(1000) {
        let delete = Delete::builder()
            .set_objects(Some(chunk.to_vec()))
            .quiet(true)
            .build()
            .map_err(|e| AwsError {
                code: None,
                message: format!("emptying {bucket}: {e}"),
                help: None,
            })?;
        let out = aws
            .s3
            .delete_objects()
            .bucket(bucket)
            .delete(delete)
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(&format!("emptying {bucket}"), e))?;
        if let Some(err) = out.errors().first() {
            return Err(AwsError {
                code: err.code().map(str::to_string),
                message: format!(
                    "emptying {bucket}: {} could not be deleted: {}",
                    err.key().unwrap_or_default(),
                    err.message().unwrap_or("no reason given")
                ),
                help: Some(
                    "check the bucket's policy and your permissions, then delete again".into(),
                ),
            });
        }
    }
    Ok(objects.len())
}

/// Every object version and delete marker of `bucket`, or `None` when it does not exist.
async fn versions(aws: &Aws, bucket: &str) -> AwsResult<Option<Vec<ObjectIdentifier>>> {
    let mut out = Vec::new();
    let (mut key_marker, mut version_marker): (Option<String>, Option<String>) = (None, None);
    loop {
        let page = match aws
            .s3
            .list_object_versions()
            .bucket(bucket)
            .set_key_marker(key_marker.take())
            .set_version_id_marker(version_marker.take())
            .send()
            .await
        {
            Ok(p) => p,
            Err(e) => {
                let e = AwsError::from_sdk(&format!("listing the objects of {bucket}"), e);
                if e.is("NoSuchBucket") {
                    return Ok(None);
                }
                return Err(e);
            }
        };
        let entries = page
            .versions()
            .iter()
            .map(|v| (v.key(), v.version_id()))
            .chain(
                page.delete_markers()
                    .iter()
                    .map(|m| (m.key(), m.version_id())),
            );
        out.extend(entries.filter_map(|(key, version)| {
            ObjectIdentifier::builder()
                .key(key?)
                .set_version_id(version.map(str::to_string))
                .build()
                .ok()
        }));
        if page.is_truncated() != Some(true) {
            return Ok(Some(out));
        }
        key_marker = page.next_key_marker().map(str::to_string);
        version_marker = page.next_version_id_marker().map(str::to_string);
        if key_marker.is_none() {
            return Ok(Some(out));
        }
    }
}

/// The bytes of object `key` of `bucket`, or `None` when there is no such object.
pub async fn get(aws: &Aws, bucket: &str, key: &str) -> AwsResult<Option<Vec<u8>>> {
    let what = format!("reading s3://{bucket}/{key}");
    let out = match aws.s3.get_object().bucket(bucket).key(key).send().await {
        Ok(out) => out,
        Err(e) if e.as_service_error().is_some_and(|se| se.is_no_such_key()) => return Ok(None),
        Err(e) => return Err(AwsError::from_sdk(&what, e)),
    };
    let bytes = out.body.collect().await.map_err(|e| AwsError {
        code: None,
        message: format!("{what}: {e}"),
        help: None,
    })?;
    Ok(Some(bytes.into_bytes().to_vec()))
}

/// The keys of the objects of `bucket` that start with `prefix`; none when the bucket does
/// not exist.
pub async fn keys(aws: &Aws, bucket: &str, prefix: &str) -> AwsResult<Vec<String>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = match aws
            .s3
            .list_objects_v2()
            .bucket(bucket)
            .prefix(prefix)
            .set_continuation_token(token.take())
            .send()
            .await
        {
            Ok(p) => p,
            Err(e) => {
                let e = AwsError::from_sdk(&format!("listing s3://{bucket}/{prefix}"), e);
                if e.is("NoSuchBucket") {
                    return Ok(out);
                }
                return Err(e);
            }
        };
        out.extend(
            page.contents()
                .iter()
                .filter_map(|o| o.key().map(str::to_string)),
        );
        token = page.next_continuation_token().map(str::to_string);
        if page.is_truncated() != Some(true) || token.is_none() {
            return Ok(out);
        }
    }
}
