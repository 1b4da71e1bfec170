//! `storage.volumes` as Copilot renders them: the task definition's volumes (the
//! environment's managed EFS file system through a per-service access point, existing file
//! systems, and bind volumes the containers share), the containers' mount points with
//! `COPILOT_MOUNT_POINTS`, and the task role's EFS permissions.

use serde::Serialize;

use super::task::{import, lit};
use super::RenderError;
use crate::manifest::types::{Efs, MountPoint as SidecarMount, Sidecar, StringOrFromCfn, Workload};
use crate::names::export_name;

/// The environment stack's output holding the id of its managed file system.
pub const MANAGED_FS_OUTPUT: &str = "ManagedFileSystemID";

/// What the task definition and the task role need for the workload's volumes.
#[derive(Serialize, Default)]
pub(super) struct Storage {
    pub(super) volumes: Vec<TaskVolume>,
    /// The service's access point on the environment's file system (`efs: true`).
    pub(super) access_point: Option<AccessPoint>,
    /// One task role statement per EFS volume.
    pub(super) efs_statements: Vec<EfsStatement>,
}

#[derive(Serialize)]
pub(super) struct TaskVolume {
    pub(super) name: String,
    /// None: a bind volume on the task's storage, shared by the containers that mount it.
    pub(super) efs: Option<EfsVolume>,
}

#[derive(Serialize)]
pub(super) struct EfsVolume {
    /// YAML fragment.
    pub(super) filesystem: String,
    pub(super) root_dir: String,
    /// `ENABLED` or `DISABLED`.
    pub(super) iam: &'static str,
    /// YAML fragment.
    pub(super) access_point: Option<String>,
}

#[derive(Serialize)]
pub(super) struct AccessPoint {
    pub(super) client_token: String,
    /// YAML fragment.
    pub(super) filesystem: String,
    pub(super) uid: u32,
    pub(super) gid: u32,
    pub(super) path: String,
}

#[derive(Serialize)]
pub(super) struct EfsStatement {
    pub(super) write: bool,
    /// YAML fragment: the file system's ARN.
    pub(super) resource: String,
    /// YAML fragment: the access point the statement is limited to.
    pub(super) access_point_arn: Option<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub(super) struct MountPoint {
    pub(super) source: String,
    pub(super) path: String,
    pub(super) read_only: bool,
}

/// The uid and gid of a service's access point when `efs: true` gives none: the CRC-32
/// (IEEE) of the service's name, as Copilot derives them.
pub fn managed_uid_gid(service: &str) -> u32 {
    crc32fast::hash(service.as_bytes())
}

/// The volumes of workload `w` of `app` in `env`.
pub(super) fn storage(app: &str, env: &str, w: &Workload) -> Result<Storage, RenderError> {
    let mut out = Storage::default();
    let volumes = w.storage.as_ref().and_then(|s| s.volumes.as_ref());
    for (name, v) in volumes.into_iter().flatten() {
        let field = format!("storage.volumes.{name}.efs");
        let efs = match &v.efs {
            Some(e) if e.is_managed() => {
                if out.access_point.is_some() {
                    return Err(RenderError::unchecked(
                        field,
                        "a service gets one volume on the environment's file system",
                    ));
                }
                let (uid, gid) = match e {
                    Efs::Args(a) => match (a.uid, a.gid) {
                        (Some(u), Some(g)) => (u, g),
                        _ => return Err(RenderError::unchecked(field, "set `uid` and `gid`")),
                    },
                    Efs::Managed(_) => {
                        let id = managed_uid_gid(&w.name);
                        (id, id)
                    }
                };
                let filesystem = import(&export_name(app, env, MANAGED_FS_OUTPUT));
                let token: String = format!("{app}-{env}-{}", w.name).chars().take(64).collect();
                out.access_point = Some(AccessPoint {
                    client_token: token,
                    filesystem: filesystem.clone(),
                    uid,
                    gid,
                    path: format!("/{}", w.name),
                });
                out.efs_statements.push(EfsStatement {
                    write: true,
                    resource: file_system_arn(&filesystem),
                    access_point_arn: Some("!GetAtt AccessPoint.Arn".into()),
                });
                Some(EfsVolume {
                    filesystem,
                    root_dir: "/".into(),
                    iam: "ENABLED",
                    access_point: Some("!Ref AccessPoint".into()),
                })
            }
            Some(e) => match e.imported().and_then(|a| Some((a, a.id.as_ref()?))) {
                Some((a, id)) => {
                    let filesystem = match id {
                        StringOrFromCfn::String(id) => lit(id),
                        StringOrFromCfn::FromCfn(f) => import(&f.from_cfn),
                    };
                    let auth = a.auth.as_ref();
                    let access_point = auth.and_then(|x| x.access_point_id.clone());
                    out.efs_statements.push(EfsStatement {
                        write: v.read_only == Some(false),
                        resource: file_system_arn(&filesystem),
                        access_point_arn: access_point.as_deref().map(access_point_arn),
                    });
                    Some(EfsVolume {
                        filesystem,
                        root_dir: a
                            .root_dir
                            .clone()
                            .filter(|d| !d.is_empty())
                            .unwrap_or_else(|| "/".into()),
                        iam: if auth.and_then(|x| x.iam) == Some(true) {
                            "ENABLED"
                        } else {
                            "DISABLED"
                        },
                        access_point: access_point.as_deref().map(lit),
                    })
                }
                // `efs: false`, or a map that names neither kind: a bind volume, unless it
                // sets an existing file system's fields without its id.
                None => match e {
                    Efs::Args(a) if a.root_dir.is_some() || a.auth.is_some() => {
                        return Err(RenderError::unchecked(
                            format!("{field}.id"),
                            "an existing file system needs `id`",
                        ))
                    }
                    _ => None,
                },
            },
            None => None,
        };
        out.volumes.push(TaskVolume {
            name: name.clone(),
            efs,
        });
    }
    Ok(out)
}

/// `arn:<partition>:elasticfilesystem:<region>:<account>:file-system/<id>`.
fn file_system_arn(filesystem: &str) -> String {
    format!(
        "!Join [\"\", [\"arn:\", !Ref AWS::Partition, \":elasticfilesystem:\", !Ref AWS::Region, \":\", !Ref AWS::AccountId, \":file-system/\", {filesystem}]]"
    )
}

fn access_point_arn(id: &str) -> String {
    format!(
        "!Join [\"\", [\"arn:\", !Ref AWS::Partition, \":elasticfilesystem:\", !Ref AWS::Region, \":\", !Ref AWS::AccountId, \":access-point/\", {}]]",
        lit(id)
    )
}

/// The main container's mount points: every volume at its `path`, read-only unless
/// `read_only: false` (Copilot's default).
pub(super) fn main_mount_points(w: &Workload) -> Vec<MountPoint> {
    let volumes = w.storage.as_ref().and_then(|s| s.volumes.as_ref());
    volumes
        .into_iter()
        .flatten()
        .filter_map(|(name, v)| {
            Some(MountPoint {
                source: name.clone(),
                path: v.path.clone()?,
                read_only: v.read_only.unwrap_or(true),
            })
        })
        .collect()
}

/// A sidecar's `mount_points`, read-only unless `read_only: false`.
pub(super) fn sidecar_mount_points(sc: &Sidecar) -> Vec<MountPoint> {
    sc.mount_points
        .iter()
        .flatten()
        .filter_map(|m: &SidecarMount| {
            Some(MountPoint {
                source: m.source_volume.clone()?,
                path: m.path.clone()?,
                read_only: m.read_only.unwrap_or(true),
            })
        })
        .collect()
}

/// `COPILOT_MOUNT_POINTS` (and `TUG_MOUNT_POINTS`) for a container with `mounts`: a JSON
/// object from each volume's name to the path it is mounted at in that container, keys in
/// order and no spaces (what Copilot's Go `json.Marshal` of a map writes), e.g.
/// `{"data":"/var/data","shared":"/srv"}`. Nothing for a container that mounts nothing.
pub(super) fn mount_points_environment(mounts: &[MountPoint]) -> Vec<(String, String)> {
    if mounts.is_empty() {
        return Vec::new();
    }
    let map: std::collections::BTreeMap<&str, &str> = mounts
        .iter()
        .map(|m| (m.source.as_str(), m.path.as_str()))
        .collect();
    let json = serde_json::to_string(&map).unwrap_or_default();
    vec![
        ("TUG_MOUNT_POINTS".to_string(), lit(&json)),
        ("COPILOT_MOUNT_POINTS".to_string(), lit(&json)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_gid_is_the_crc32_of_the_service_name_as_copilot_derives_it() {
        // Go: crc32.ChecksumIEEE([]byte("123456789")) is the CRC-32 check value.
        assert_eq!(managed_uid_gid("123456789"), 0xCBF4_3926);
        // The same name always gets the same owner; another name another.
        assert_eq!(managed_uid_gid("web"), managed_uid_gid("web"));
        assert_ne!(managed_uid_gid("web"), managed_uid_gid("api"));
        assert_eq!(managed_uid_gid("web"), 365_508_689);
    }

    #[test]
    fn mount_points_are_a_compact_json_object_of_volume_to_path() {
        let m = |source: &str, path: &str| MountPoint {
            source: source.into(),
            path: path.into(),
            read_only: true,
        };
        // Copilot's documented example: `{"myEFSVolume": "/var/www", "myEBSVolume": "/usr/data"}`,
        // written by Go's json.Marshal: keys sorted, no spaces.
        let env = mount_points_environment(&[
            m("myEFSVolume", "/var/www"),
            m("myEBSVolume", "/usr/data"),
        ]);
        let expected = r#""{\"myEBSVolume\":\"/usr/data\",\"myEFSVolume\":\"/var/www\"}""#;
        assert_eq!(
            env,
            vec![
                ("TUG_MOUNT_POINTS".to_string(), expected.to_string()),
                ("COPILOT_MOUNT_POINTS".to_string(), expected.to_string()),
            ]
        );
        assert!(mount_points_environment(&[]).is_empty());
    }
}
