//! The rules of `storage.volumes`, sidecar `mount_points` and `logging`: each case is a
//! manifest with one mistake, and the located diagnostic it gets (code, message, line:col).

use super::render_rules_tests::{one, workload_diags};
use crate::diag::Diagnostic;

const API: &str = "name: api\ntype: Backend Service\nimage:\n  location: nginx\n";

/// `API` with one volume `d` mounted at /d whose `efs` map is `efs` (from line 10).
fn efs(efs: &str) -> String {
    format!("{API}storage:\n  volumes:\n    d:\n      path: /d\n      efs:\n{efs}")
}

fn valid(yaml: &str) {
    let d = workload_diags(yaml);
    assert!(!d.iter().any(Diagnostic::is_error), "{d:#?}");
}

#[test]
fn efs_ids_are_checked_before_aws_sees_them() {
    one(
        workload_diags(&efs("        id: fs1234\n")),
        "bad-efs-id",
        "not an EFS file system id",
        (10, 13),
    );
    one(
        workload_diags(&efs("        id: fs-12zz\n")),
        "bad-efs-id",
        "\"fs-12zz\"",
        (10, 13),
    );
    let ap = efs("        id: fs-1234abcd\n        auth:\n          iam: true\n          access_point_id: ap-1\n");
    one(
        workload_diags(&ap),
        "bad-efs-id",
        "not an EFS access point id",
        (13, 28),
    );
    valid(&efs("        id: fs-1234abcd\n        auth:\n          iam: true\n          access_point_id: fsap-0abc\n"));
    valid(&efs("        id:\n          from_cfn: shop-fs\n"));
}

#[test]
fn uid_and_gid_go_together_and_exclude_an_existing_file_system() {
    one(
        workload_diags(&efs("        uid: 1000\n")),
        "missing-field",
        "`gid` must be set with `uid`",
        (10, 14),
    );
    one(
        workload_diags(&efs("        gid: 1000\n")),
        "missing-field",
        "`uid` must be set with `gid`",
        (10, 14),
    );
    one(
        workload_diags(&efs("        uid: 0\n        gid: 0\n")),
        "bad-value",
        "must not be 0",
        (10, 14),
    );
    one(
        workload_diags(&efs(
            "        uid: 1000\n        gid: 1000\n        id: fs-1234abcd\n",
        )),
        "efs-exclusive",
        "cannot be used together",
        (10, 9),
    );
    valid(&efs("        uid: 1000\n        gid: 1000\n"));
}

#[test]
fn an_access_point_takes_the_root_directory_and_needs_iam() {
    let with = |extra: &str| {
        efs(&format!(
            "        id: fs-1234abcd\n{extra}        auth:\n          access_point_id: fsap-0abc\n"
        ))
    };
    one(
        workload_diags(&with("        root_dir: /data\n")),
        "efs-access-point",
        "`root_dir` must be empty or \"/\"",
        (11, 19),
    );
    let no_iam = efs("        id: fs-1234abcd\n        auth:\n          iam: false\n          access_point_id: fsap-0abc\n");
    one(
        workload_diags(&no_iam),
        "efs-access-point",
        "`auth.iam` must be true",
        (12, 16),
    );
    valid(&with("        root_dir: /\n"));
    valid(&with(""));
}

#[test]
fn an_existing_file_system_needs_its_id_and_a_plain_root_directory() {
    one(
        workload_diags(&efs("        root_dir: /data\n")),
        "missing-field",
        "needs `id`",
        (10, 9),
    );
    one(
        workload_diags(&efs(
            "        id: fs-1234abcd\n        root_dir: /my data\n",
        )),
        "bad-path",
        "\"/my data\"",
        (11, 19),
    );
}

#[test]
fn one_managed_volume_per_service() {
    let two = format!(
        "{API}storage:\n  volumes:\n    a:\n      path: /a\n      efs: true\n    b:\n      path: /b\n      efs: true\n"
    );
    one(
        workload_diags(&two),
        "duplicate-managed-efs",
        "volumes `a` and `b`",
        (12, 12),
    );
}

#[test]
fn sidecar_mount_points_name_a_declared_volume() {
    let side = |mp: &str| {
        format!(
            "{API}storage:\n  volumes:\n    d:\n      path: /d\nsidecars:\n  s:\n    image: busybox\n    mount_points:\n{mp}"
        )
    };
    one(
        workload_diags(&side("      - source_volume: nope\n        path: /x\n")),
        "unknown-volume",
        "mounts volume `nope`",
        (13, 24),
    );
    one(
        workload_diags(&side("      - path: /x\n")),
        "missing-field",
        "has no `source_volume`",
        (13, 9),
    );
    one(
        workload_diags(&side("      - source_volume: d\n")),
        "missing-field",
        "has no `path`",
        (13, 9),
    );
    one(
        workload_diags(&side("      - source_volume: d\n        path: /a b\n")),
        "bad-path",
        "\"/a b\"",
        (14, 15),
    );
    valid(&side(
        "      - source_volume: d\n        path: /x\n        read_only: false\n",
    ));
}

#[test]
fn windows_tasks_mount_no_efs() {
    let w = format!(
        "{API}platform: windows/x86_64\ncpu: 1024\nmemory: 2048\nstorage:\n  volumes:\n    d:\n      path: /d\n      efs: true\n"
    );
    one(
        workload_diags(&w),
        "windows-unsupported",
        "cannot mount EFS",
        (12, 12),
    );
}

#[test]
fn logging_destination_options_are_text_and_the_router_may_be_waited_for() {
    let nested = format!("{API}logging:\n  destination:\n    Name:\n      deep: true\n");
    one(
        workload_diags(&nested),
        "bad-value",
        "`logging.destination.Name`",
        (8, 7),
    );
    let bad_secret = format!("{API}logging:\n  secretOptions:\n    key: arn:aws:s3:::bucket/key\n");
    one(
        workload_diags(&bad_secret),
        "bad-secret",
        "logging.secretOptions.key",
        (7, 10),
    );
    // The main container may wait for the router, which is essential.
    valid(&format!(
        "{API}  depends_on:\n    firelens_log_router: start\nlogging:\n  destination: {{Name: cloudwatch}}\n"
    ));
}

#[test]
fn logging_fields_use_copilots_spelling() {
    valid(&format!(
        "{API}logging:\n  enableMetadata: false\n  configFilePath: /extra.conf\n  secretOptions: {{k: /p}}\n"
    ));
    let d = workload_diags(&format!("{API}logging:\n  enable_metadata: false\n"));
    assert!(d.iter().any(|d| d.code == "unknown-field"), "{d:#?}");
}
