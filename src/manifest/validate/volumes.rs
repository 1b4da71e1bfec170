//! The rules for `storage.volumes` (EFS, managed or existing, and bind volumes), the
//! sidecars' `mount_points`, and FireLens `logging`: Copilot's, plus the ids AWS would
//! refuse, so a mistake fails before anything is built.

use super::*;

/// An EFS file system id: `fs-` then hex digits.
fn is_fs_id(id: &str) -> bool {
    hex_id(id, "fs-")
}

/// An EFS access point id: `fsap-` then hex digits.
fn is_access_point_id(id: &str) -> bool {
    hex_id(id, "fsap-")
}

fn hex_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A path Copilot accepts for volumes and EFS root directories: `^[a-zA-Z0-9\-\._/]+$`.
pub(super) fn is_volume_path(path: &str) -> bool {
    !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
}

fn path_rule(r: &mut Rules<'_>, at: &str, path: &str) {
    if !is_volume_path(path) {
        r.error(
            at,
            "bad-path",
            format!("path \"{path}\" may hold only letters, digits, `-`, `.`, `_` and `/`"),
            "use a plain absolute path such as `/var/data`",
        );
    }
}

pub(super) fn volume_rules(r: &mut Rules<'_>, w: &Workload) {
    let volumes = w.storage.as_ref().and_then(|s| s.volumes.as_ref());
    let mut managed: Option<&str> = None;
    for (name, v) in volumes.into_iter().flatten() {
        let at = format!("storage.volumes.{name}.efs");
        match &v.efs {
            Some(Efs::Args(a)) => efs_rules(r, &at, a),
            Some(Efs::Managed(_)) | None => {}
        }
        if v.efs.as_ref().is_some_and(Efs::is_managed) {
            if let Some(first) = managed {
                r.error(
                    &at,
                    "duplicate-managed-efs",
                    format!("volumes `{first}` and `{name}` both use the environment's file system; a service gets one managed volume"),
                    "keep `efs: true` on one volume, or give this one an existing file system's `id`",
                );
            }
            managed.get_or_insert(name);
        }
    }
    for (sidecar, s) in w.sidecars.iter().flatten() {
        for (i, mp) in s.mount_points.iter().flatten().enumerate() {
            let at = format!("sidecars.{sidecar}.mount_points[{i}]");
            match &mp.source_volume {
                None => r.error(
                    &at,
                    "missing-field",
                    format!("mount point {i} of sidecar `{sidecar}` has no `source_volume`"),
                    "add `source_volume:` with the name of a volume under `storage.volumes`",
                ),
                Some(v) if !volumes.is_some_and(|vs| vs.contains_key(v)) => {
                    let declared: Vec<&str> = volumes
                        .into_iter()
                        .flatten()
                        .map(|(k, _)| k.as_str())
                        .collect();
                    r.error(
                        &format!("{at}.source_volume"),
                        "unknown-volume",
                        format!("sidecar `{sidecar}` mounts volume `{v}`, which `storage.volumes` does not declare"),
                        if declared.is_empty() {
                            "declare it under `storage.volumes` (a volume without `efs` is shared by the task's containers)".to_string()
                        } else {
                            format!("volumes here: {}", declared.join(", "))
                        },
                    );
                }
                Some(_) => {}
            }
            match &mp.path {
                Some(p) => path_rule(r, &format!("{at}.path"), p),
                None => r.error(
                    &at,
                    "missing-field",
                    format!("mount point {i} of sidecar `{sidecar}` has no `path`"),
                    "add `path:` with where the volume is mounted in the sidecar",
                ),
            }
        }
    }
}

/// Copilot's rules for `efs` as a map, and the ids AWS would refuse.
fn efs_rules(r: &mut Rules<'_>, at: &str, a: &EfsArgs) {
    let managed_fields = a.uid.is_some() || a.gid.is_some();
    let existing_fields = a.id.is_some() || a.root_dir.is_some() || a.auth.is_some();
    if managed_fields && existing_fields {
        r.error(
            at,
            "efs-exclusive",
            "`uid`/`gid` (the environment's file system) and `id`/`root_dir`/`auth` (an existing one) cannot be used together".into(),
            "keep `uid` and `gid` for the managed file system, or `id` for an existing one",
        );
        return;
    }
    match (a.uid, a.gid) {
        (Some(_), None) => r.error(
            &format!("{at}.uid"),
            "missing-field",
            "`gid` must be set with `uid`".into(),
            "add `gid:` next to `uid:` (the owner of the service's directory)",
        ),
        (None, Some(_)) => r.error(
            &format!("{at}.gid"),
            "missing-field",
            "`uid` must be set with `gid`".into(),
            "add `uid:` next to `gid:` (the owner of the service's directory)",
        ),
        (Some(0), Some(_)) => r.error(
            &format!("{at}.uid"),
            "bad-value",
            "`uid` must not be 0 (root)".into(),
            "give the user id your container runs as, such as 1000",
        ),
        _ => {}
    }
    if !existing_fields {
        return;
    }
    match &a.id {
        None => r.error(
            at,
            "missing-field",
            "an existing file system needs `id`".into(),
            "add `id: fs-...`, or use `efs: true` for the environment's own file system",
        ),
        Some(StringOrFromCfn::String(id)) if !is_fs_id(id) => r.error(
            &format!("{at}.id"),
            "bad-efs-id",
            format!("\"{id}\" is not an EFS file system id"),
            "a file system id is `fs-` followed by hex digits, such as `fs-0123456789abcdef0`",
        ),
        Some(_) => {}
    }
    let auth = a.auth.as_ref();
    if let Some(ap) = auth.and_then(|x| x.access_point_id.as_deref()) {
        if !is_access_point_id(ap) {
            r.error(
                &format!("{at}.auth.access_point_id"),
                "bad-efs-id",
                format!("\"{ap}\" is not an EFS access point id"),
                "an access point id is `fsap-` followed by hex digits, such as `fsap-0123456789abcdef0`",
            );
        }
        let root_ok = matches!(a.root_dir.as_deref(), None | Some("") | Some("/"));
        let iam_ok = auth.and_then(|x| x.iam) != Some(false);
        if !root_ok || !iam_ok {
            let field = if root_ok { "auth.iam" } else { "root_dir" };
            r.error(
                &format!("{at}.{field}"),
                "efs-access-point",
                "with `auth.access_point_id`, `root_dir` must be empty or \"/\" and `auth.iam` must be true".into(),
                "the access point sets the directory; remove `root_dir` and set `auth.iam: true`",
            );
        }
    }
    if let Some(dir) = a.root_dir.as_deref().filter(|d| !d.is_empty()) {
        path_rule(r, &format!("{at}.root_dir"), dir);
    }
}

/// FireLens `logging`: destination options are strings, and secrets name a store.
pub(super) fn logging_rules(r: &mut Rules<'_>, w: &Workload) {
    let Some(l) = &w.logging else { return };
    for (k, v) in l.destination.iter().flatten() {
        if v.is_object() || v.is_array() || v.is_null() {
            r.error(
                &format!("logging.destination.{k}"),
                "bad-value",
                format!("`logging.destination.{k}` must be a string, number or boolean"),
                "the FireLens log driver takes one text value per option, such as `Name: cloudwatch`",
            );
        }
    }
    super::containers::secret_rules(r, l.secret_options.as_ref(), "logging.secretOptions");
    super::containers::secret_rules(r, l.secrets.as_ref(), "logging.secrets");
    if let Some(key) = l.kms_key.as_deref().filter(|k| !is_kms_key_arn(k)) {
        r.error(
            "logging.kms_key",
            "bad-value",
            format!("`logging.kms_key`: \"{key}\" is not the ARN of a KMS key"),
            "CloudWatch Logs takes the key's ARN (not an alias or a bare id), such as \
             `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`",
        );
    }
}

/// `arn:<partition>:kms:<region>:<account>:key/<id>`, the form CloudWatch Logs takes.
fn is_kms_key_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match parts[..] {
        ["arn", partition, "kms", region, account, resource] => {
            partition.starts_with("aws")
                && word(partition)
                && word(region)
                && account.len() == 12
                && account.chars().all(|c| c.is_ascii_digit())
                && resource.strip_prefix("key/").is_some_and(word)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kms_keys_are_key_arns() {
        assert!(is_kms_key_arn(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        ));
        assert!(is_kms_key_arn(
            "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1"
        ));
        for bad in [
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "alias/logs",
            "arn:aws:kms:us-east-1:111122223333:alias/logs",
            "arn:aws:kms:us-east-1:1111:key/1",
            "arn:aws:kms:us-east-1:111122223333:key/\"}",
            "arn:aws:s3:us-east-1:111122223333:key/1",
        ] {
            assert!(!is_kms_key_arn(bad), "{bad}");
        }
    }

    #[test]
    fn ids_are_a_prefix_and_hex() {
        assert!(is_fs_id("fs-0123456789abcdef0"));
        assert!(is_fs_id("fs-1234ABCD"));
        assert!(!is_fs_id("fs-"));
        assert!(!is_fs_id("fs-12g4"));
        assert!(!is_fs_id("fsap-1234"));
        assert!(is_access_point_id("fsap-0123456789abcdef0"));
        assert!(!is_access_point_id("fs-1234"));
    }

    #[test]
    fn volume_paths_are_copilots() {
        assert!(is_volume_path("/var/www/html-1.2_x"));
        assert!(!is_volume_path("/var/my data"));
        assert!(!is_volume_path("/var/$HOME"));
        assert!(!is_volume_path(""));
    }
}
