//! `tug storage init`: the CloudFormation templates of a storage addon (an S3 bucket, a
//! DynamoDB table or an Aurora Serverless v2 cluster), from answers the command has
//! checked with the rules here. Templates are under `templates/addons/` (embedded).
//!
//! Storage deployed with a workload is one file, `<ws>/<workload>/addons/<name>.yml`.
//! Storage deployed with the environment is `<ws>/environments/addons/<name>.yml` and, for
//! S3 and DynamoDB, `<ws>/<workload>/addons/<name>-access-policy.yml`, which gives the
//! workload access. Every template imports what it needs from the environment's exports
//! (`tug-<app>-<env>-<Output>`), so none needs an `addons.parameters.yml`.
//!
//! What the workload gets follows the addons contract: an output whose value is a `!Ref`
//! of an `AWS::IAM::ManagedPolicy` is attached to the task role, one that is a `!Ref` of an
//! `AWS::SecretsManager::Secret` becomes a secret, and every other output becomes an
//! environment variable named in upper snake case ([`crate::addons::snake_case`]).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

use crate::error::Result;

/// The kinds of storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StorageKind {
    /// An S3 bucket
    #[value(name = "S3")]
    S3,
    /// A DynamoDB table
    #[value(name = "DynamoDB")]
    DynamoDB,
    /// An Aurora Serverless v2 cluster (MySQL or PostgreSQL)
    #[value(name = "Aurora")]
    Aurora,
}

impl StorageKind {
    pub const ALL: [StorageKind; 3] = [StorageKind::S3, StorageKind::DynamoDB, StorageKind::Aurora];

    /// Its name on the command line: `S3`, `DynamoDB`, `Aurora`.
    pub fn name(self) -> &'static str {
        match self {
            StorageKind::S3 => "S3",
            StorageKind::DynamoDB => "DynamoDB",
            StorageKind::Aurora => "Aurora",
        }
    }

    /// What it is, in a few words: "S3 bucket".
    pub fn noun(self) -> &'static str {
        match self {
            StorageKind::S3 => "S3 bucket",
            StorageKind::DynamoDB => "DynamoDB table",
            StorageKind::Aurora => "Aurora Serverless v2 cluster",
        }
    }

    /// What it is, with its article: "an S3 bucket".
    pub fn a_noun(self) -> &'static str {
        match self {
            StorageKind::S3 => "an S3 bucket",
            StorageKind::DynamoDB => "a DynamoDB table",
            StorageKind::Aurora => "an Aurora Serverless v2 cluster",
        }
    }

    /// One sentence, for select lists.
    pub fn describe(self) -> &'static str {
        match self {
            StorageKind::S3 => "an object store: files of any size, by key",
            StorageKind::DynamoDB => "a key-value and document database, billed per request",
            StorageKind::Aurora => "a MySQL or PostgreSQL database that scales with its load",
        }
    }
}

/// When the storage is created and deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lifecycle {
    /// With the workload: one per environment the workload is deployed to
    Workload,
    /// With the environment; the workload gets access to it
    Environment,
}

/// The database engine of an Aurora cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    #[value(name = "PostgreSQL", alias = "postgres")]
    PostgreSql,
    #[value(name = "MySQL")]
    MySql,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::PostgreSql => "PostgreSQL",
            Engine::MySql => "MySQL",
        }
    }

    fn port(self) -> u16 {
        match self {
            Engine::PostgreSql => 5432,
            Engine::MySql => 3306,
        }
    }

    /// `Engine` of `AWS::RDS::DBCluster`.
    fn id(self) -> &'static str {
        match self {
            Engine::PostgreSql => "aurora-postgresql",
            Engine::MySql => "aurora-mysql",
        }
    }

    /// The engine version: the current long-term support release of each engine (Aurora
    /// PostgreSQL 16.8, Aurora MySQL 3.10), both of which run Serverless v2.
    fn version(self) -> &'static str {
        match self {
            Engine::PostgreSql => "16.8",
            Engine::MySql => "8.0.mysql_aurora.3.10.0",
        }
    }

    /// The parameter group family of that version.
    fn family(self) -> &'static str {
        match self {
            Engine::PostgreSql => "aurora-postgresql16",
            Engine::MySql => "aurora-mysql8.0",
        }
    }

    fn parameters(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Engine::PostgreSql => vec![("client_encoding", "UTF8")],
            Engine::MySql => vec![("character_set_client", "utf8mb4")],
        }
    }

    fn username(self) -> &'static str {
        match self {
            Engine::PostgreSql => "postgres",
            Engine::MySql => "admin",
        }
    }

    /// The longest database name the engine takes.
    fn max_db_name(self) -> usize {
        match self {
            Engine::PostgreSql => 63,
            Engine::MySql => 64,
        }
    }
}

/// A DynamoDB attribute used as a key: `name:S`, `name:N` or `name:B`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Key {
    pub name: String,
    /// `S` (string), `N` (number) or `B` (binary).
    pub kind: String,
}

pub const KEY_FORMAT: &str = "NAME:TYPE, where TYPE is S (string), N (number) or B (binary)";

/// Parses `name:T`: a name of letters, digits, `_`, `.` and `-` (1 to 255), and a type of
/// S, N or B (either case).
pub fn parse_key(text: &str) -> std::result::Result<Key, String> {
    let Some((name, kind)) = text.trim().rsplit_once(':') else {
        return Err(format!(
            "`{text}` is not a key: write {KEY_FORMAT}, such as `email:S`"
        ));
    };
    let kind = kind.to_ascii_uppercase();
    if !matches!(kind.as_str(), "S" | "N" | "B") {
        return Err(format!(
            "`{text}`: the type `{kind}` is not S (string), N (number) or B (binary)"
        ));
    }
    if name.is_empty() || name.len() > 255 {
        return Err(format!(
            "`{text}`: an attribute name has 1 to 255 characters"
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
    {
        return Err(format!(
            "`{text}`: `{bad}` cannot be in a key name; use letters, digits, `_`, `.` and `-`"
        ));
    }
    Ok(Key {
        name: name.to_string(),
        kind,
    })
}

/// The keys of a DynamoDB table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub partition_key: Key,
    pub sort_key: Option<Key>,
    /// Alternate sort keys: each makes a local secondary index named after the attribute.
    pub lsis: Vec<Key>,
}

/// The largest number of local secondary indexes a table can have.
pub const MAX_LSIS: usize = 5;

/// A problem with the keys of a table, and the flag it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    pub flag: &'static str,
    pub message: String,
}

impl Table {
    /// Checks that the keys make a table DynamoDB accepts.
    pub fn check(&self) -> std::result::Result<(), KeyProblem> {
        let problem = |flag, message: String| Err(KeyProblem { flag, message });
        if let Some(sort) = &self.sort_key {
            if sort.name == self.partition_key.name {
                return problem(
                    "--sort-key",
                    format!(
                        "`{}` is already the partition key; the sort key is another attribute",
                        sort.name
                    ),
                );
            }
        }
        if self.lsis.is_empty() {
            return Ok(());
        }
        let Some(sort) = &self.sort_key else {
            return problem(
                "--lsi",
                "alternate sort keys need a sort key on the table: pass --sort-key too".into(),
            );
        };
        if self.lsis.len() > MAX_LSIS {
            return problem(
                "--lsi",
                format!(
                    "a table has at most {MAX_LSIS} alternate sort keys, {} were given",
                    self.lsis.len()
                ),
            );
        }
        for (i, lsi) in self.lsis.iter().enumerate() {
            if lsi.name == self.partition_key.name || lsi.name == sort.name {
                return problem(
                    "--lsi",
                    format!(
                        "`{}` is already a key of the table; an alternate sort key is another attribute",
                        lsi.name
                    ),
                );
            }
            if self.lsis[..i].iter().any(|k| k.name == lsi.name) {
                return problem("--lsi", format!("`{}` is given twice", lsi.name));
            }
            if lsi.name.len() < 3 {
                return problem(
                    "--lsi",
                    format!(
                        "`{}`: an alternate sort key names its index, and an index name has 3 to 255 characters",
                        lsi.name
                    ),
                );
            }
        }
        Ok(())
    }

    /// Every key attribute once, in the order given.
    fn attributes(&self) -> Vec<&Key> {
        let mut out = vec![&self.partition_key];
        out.extend(self.sort_key.iter());
        out.extend(self.lsis.iter());
        out
    }
}

/// An Aurora cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub engine: Engine,
    /// The database created with the cluster.
    pub db_name: String,
}

/// What kind of storage, with its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    S3,
    DynamoDB(Table),
    Aurora(Cluster),
}

impl Resource {
    pub fn kind(&self) -> StorageKind {
        match self {
            Resource::S3 => StorageKind::S3,
            Resource::DynamoDB(_) => StorageKind::DynamoDB,
            Resource::Aurora(_) => StorageKind::Aurora,
        }
    }
}

/// Everything the templates are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageSpec {
    pub name: String,
    /// The workload that uses it.
    pub workload: String,
    pub lifecycle: Lifecycle,
    pub resource: Resource,
}

/// Why `name` cannot name storage of `kind`, by Copilot's rules: an S3 bucket's name is
/// what S3 allows in a bucket name, a DynamoDB table's is what DynamoDB allows in a table
/// name, an Aurora cluster's starts with a letter and fits in a cluster identifier. The
/// name is also a file name and, without its punctuation, a CloudFormation logical ID, so it
/// needs a letter or digit.
pub fn check_name(kind: StorageKind, name: &str) -> std::result::Result<(), String> {
    let len = name.chars().count();
    let only =
        |allowed: &dyn Fn(char) -> bool, what: &str| match name.chars().find(|c| !allowed(*c)) {
            Some(c) => Err(format!("`{c}` cannot be in it; use {what}")),
            None => Ok(()),
        };
    match kind {
        StorageKind::S3 => {
            if !(3..=63).contains(&len) {
                return Err("an S3 bucket name has 3 to 63 characters".into());
            }
            only(
                &|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-',
                "lowercase letters, digits, `.` and `-`",
            )?;
            if name.contains("..")
                || name.contains("--")
                || name.contains(".-")
                || name.contains("-.")
            {
                return Err("it must not have two `.` or `-` in a row".into());
            }
            if name.ends_with('-') || name.ends_with('.') {
                return Err("it must not end with `-` or `.`".into());
            }
            let parts: Vec<&str> = name.split('.').collect();
            if parts.len() == 4 && parts.iter().all(|p| p.parse::<u8>().is_ok()) {
                return Err("it must not look like an IP address".into());
            }
        }
        StorageKind::DynamoDB => {
            if !(3..=255).contains(&len) {
                return Err("a DynamoDB table name has 3 to 255 characters".into());
            }
            only(
                &|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'),
                "letters, digits, `.`, `-` and `_`",
            )?;
        }
        StorageKind::Aurora => {
            let max = 63 - "DBCluster".len();
            if !(1..=max).contains(&len) {
                return Err(format!("an Aurora cluster name has 1 to {max} characters"));
            }
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return Err("an Aurora cluster name starts with a letter".into());
            }
            only(
                &|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'),
                "letters, digits, `.`, `-` and `_`",
            )?;
        }
    }
    if logical_id(name).is_empty() {
        return Err("it needs at least one letter or digit".into());
    }
    Ok(())
}

/// A valid name of `kind` close to `name`: lowercase for S3, punctuation other than `-`
/// made `-`, repeats and trailing ones dropped; `None` when that is not valid either.
pub fn suggest_name(kind: StorageKind, name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.trim().chars() {
        let c = match c {
            c if c.is_ascii_alphanumeric() => {
                if kind == StorageKind::S3 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            }
            '.' | '_' if kind != StorageKind::S3 => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    let out = out.trim_end_matches('-').to_string();
    (out != name && check_name(kind, &out).is_ok()).then_some(out)
}

/// Why `db` cannot name the database created in a cluster of `engine`.
pub fn check_db_name(engine: Engine, db: &str) -> std::result::Result<(), String> {
    let max = engine.max_db_name();
    if db.is_empty() || db.len() > max {
        return Err(format!(
            "a {} database name has 1 to {max} characters",
            engine.name()
        ));
    }
    if !db.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("a database name starts with a letter".into());
    }
    if let Some(c) = db
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Err(format!(
            "`{c}` cannot be in a database name; use letters, digits and `_`"
        ));
    }
    Ok(())
}

/// The database name proposed for a cluster: its name with `_` for punctuation (`my-db`
/// makes `my_db`), cut to fit.
pub fn default_db_name(engine: Engine, name: &str) -> String {
    let mut db: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    db.truncate(engine.max_db_name());
    db
}

/// The storage's name made into a CloudFormation logical ID: its letters and digits
/// (`my-bucket` makes `mybucket`), as Copilot's `logicalIDSafe`.
pub fn logical_id(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// What the workload's containers get: the variable holding the bucket's or table's name,
/// or the secret holding the cluster's credentials.
pub fn workload_variable(spec: &StorageSpec) -> String {
    let id = logical_id(&spec.name);
    match spec.resource {
        Resource::Aurora(_) => crate::addons::snake_case(&format!("{id}Secret")),
        _ => crate::addons::snake_case(&format!("{id}Name")),
    }
}

/// The name of the export that holds the secret of an Aurora cluster deployed with the
/// environment, as a manifest names it in `secrets: ... from_cfn:`.
pub fn aurora_secret_export(name: &str) -> String {
    format!(
        "tug-${{TUG_APPLICATION_NAME}}-${{TUG_ENVIRONMENT_NAME}}-{}AuroraSecret",
        logical_id(name)
    )
}

/// The folder of a workload's addons.
pub fn workload_addons(ws_dir: &Path, workload: &str) -> PathBuf {
    ws_dir.join(workload).join("addons")
}

/// The folder of the environments' addons.
pub fn environment_addons(ws_dir: &Path) -> PathBuf {
    ws_dir.join("environments").join("addons")
}

/// The templates under `templates/addons/`. The S3 and DynamoDB ones also write the
/// access policy of a workload that uses the environment's storage (`access`).
const SOURCES: [(&str, &str); 3] = [
    ("s3", include_str!("../../templates/addons/s3.yml.j2")),
    (
        "dynamodb",
        include_str!("../../templates/addons/dynamodb.yml.j2"),
    ),
    (
        "aurora",
        include_str!("../../templates/addons/aurora.yml.j2"),
    ),
];

fn templates() -> &'static minijinja::Environment<'static> {
    static ENV: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| crate::templates::environment(&SOURCES))
}

fn render(template: &str, ctx: minijinja::Value) -> Result<String> {
    crate::templates::render(templates(), "addons", template, ctx)
}

/// Where the files of storage `name` go under the workspace folder `ws_dir`: its template,
/// and for S3 or DynamoDB deployed with the environment, the workload's access policy.
pub fn paths(
    ws_dir: &Path,
    name: &str,
    workload: &str,
    lifecycle: Lifecycle,
    kind: StorageKind,
) -> Vec<PathBuf> {
    let file = format!("{name}.yml");
    match (lifecycle, kind) {
        (Lifecycle::Workload, _) => vec![workload_addons(ws_dir, workload).join(file)],
        (Lifecycle::Environment, StorageKind::Aurora) => {
            vec![environment_addons(ws_dir).join(file)]
        }
        (Lifecycle::Environment, _) => vec![
            environment_addons(ws_dir).join(file),
            workload_addons(ws_dir, workload).join(format!("{name}-access-policy.yml")),
        ],
    }
}

/// The files of `spec` under the workspace folder `ws_dir` (see [`paths`]), each with
/// its text.
pub fn files(ws_dir: &Path, spec: &StorageSpec) -> Result<Vec<(PathBuf, String)>> {
    let kind = spec.resource.kind();
    let workload = spec.lifecycle == Lifecycle::Workload;
    let template = match kind {
        StorageKind::S3 => "s3",
        StorageKind::DynamoDB => "dynamodb",
        StorageKind::Aurora => "aurora",
    };
    let mut ctx = minijinja::context! {
        name => spec.name,
        id => logical_id(&spec.name),
        workload => workload,
        env_var => workload_variable(spec),
    };
    match &spec.resource {
        Resource::S3 => {}
        Resource::DynamoDB(table) => {
            ctx = minijinja::context! {
                attributes => table.attributes(),
                partition_key => table.partition_key,
                sort_key => table.sort_key,
                lsis => table.lsis,
                ..ctx
            };
        }
        Resource::Aurora(cluster) => {
            let e = cluster.engine;
            ctx = minijinja::context! {
                engine => e.name(),
                engine_id => e.id(),
                engine_version => e.version(),
                family => e.family(),
                cluster_parameters => e.parameters(),
                port => e.port(),
                username => e.username(),
                db_name => cluster.db_name,
                ..ctx
            };
        }
    }
    paths(ws_dir, &spec.name, &spec.workload, spec.lifecycle, kind)
        .into_iter()
        .zip([false, true])
        .map(|(path, access)| {
            let ctx = minijinja::context! { access => access, ..ctx.clone() };
            Ok((path, render(template, ctx)?))
        })
        .collect()
}

/// Another storage file in the folder of `path` whose name makes the same logical IDs as
/// `name` (`my-bucket.yml` beside a new `mybucket`): the two could not be deployed
/// together.
pub fn clashing_file(path: &Path, name: &str) -> Option<PathBuf> {
    let dir = path.parent()?;
    let id = logical_id(name);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries.into_iter().find(|other| {
        let Some(stem) = other
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".yml"))
        else {
            return false;
        };
        let stem = stem.strip_suffix("-access-policy").unwrap_or(stem);
        stem != name && logical_id(stem) == id
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml_ng::Value;

    fn key(text: &str) -> Key {
        parse_key(text).unwrap()
    }

    fn spec(name: &str, lifecycle: Lifecycle, resource: Resource) -> StorageSpec {
        StorageSpec {
            name: name.into(),
            workload: "api".into(),
            lifecycle,
            resource,
        }
    }

    fn table(pk: &str, sk: Option<&str>, lsis: &[&str]) -> Table {
        Table {
            partition_key: key(pk),
            sort_key: sk.map(key),
            lsis: lsis.iter().map(|l| key(l)).collect(),
        }
    }

    /// The files of a spec, parsed; CloudFormation's short tags are kept as YAML tags.
    fn rendered(spec: &StorageSpec) -> Vec<(String, Value)> {
        files(Path::new("tug"), spec)
            .unwrap()
            .into_iter()
            .map(|(p, text)| {
                let v: Value = serde_yaml_ng::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}\n{text}", p.display()));
                (p.to_string_lossy().into_owned(), v)
            })
            .collect()
    }

    fn text(v: &Value) -> String {
        serde_yaml_ng::to_string(v).unwrap().trim().to_string()
    }

    #[test]
    fn every_template_parses() {
        for (name, source) in SOURCES {
            let mut env = minijinja::Environment::new();
            if let Err(e) = env.add_template(name, source) {
                panic!("templates/addons/{name}: {e:#}");
            }
        }
    }

    #[test]
    fn names_follow_copilots_rules_per_kind() {
        use StorageKind::*;
        assert!(check_name(S3, "my-bucket.logs").is_ok());
        assert!(check_name(S3, "My-Bucket").is_err());
        assert!(check_name(S3, "ab").is_err());
        assert!(check_name(S3, "my--bucket").is_err());
        assert!(check_name(S3, "bucket-").is_err());
        assert!(check_name(S3, "192.168.1.1").is_err());
        assert!(check_name(DynamoDB, "Users_v2.table").is_ok());
        assert!(check_name(DynamoDB, "users table").is_err());
        assert!(check_name(DynamoDB, "...").is_err(), "no letter or digit");
        assert!(check_name(Aurora, "db").is_ok());
        assert!(check_name(Aurora, "1db").is_err());
        assert!(check_name(Aurora, &"a".repeat(55)).is_err());
        assert_eq!(
            check_name(S3, "my_bucket").unwrap_err(),
            "`_` cannot be in it; use lowercase letters, digits, `.` and `-`"
        );
    }

    #[test]
    fn close_valid_names_are_suggested() {
        use StorageKind::*;
        assert_eq!(suggest_name(S3, "My_Files").as_deref(), Some("my-files"));
        assert_eq!(suggest_name(S3, "my--files-").as_deref(), Some("my-files"));
        assert_eq!(
            suggest_name(DynamoDB, "user table").as_deref(),
            Some("user-table")
        );
        assert_eq!(suggest_name(Aurora, "1db"), None);
        assert_eq!(suggest_name(S3, "files"), None);
    }

    #[test]
    fn keys_are_name_and_type() {
        assert_eq!(
            key("email:s"),
            Key {
                name: "email".into(),
                kind: "S".into()
            }
        );
        assert_eq!(key("user.id:N").name, "user.id");
        assert!(parse_key("email").unwrap_err().contains("NAME:TYPE"));
        assert!(parse_key("email:X").unwrap_err().contains("`X`"));
        assert!(parse_key(":S").is_err());
        assert!(parse_key("e mail:S").is_err());
    }

    #[test]
    fn tables_need_distinct_keys_and_a_sort_key_for_lsis() {
        assert!(table("id:S", Some("ts:N"), &["score:N"]).check().is_ok());
        let p = table("id:S", Some("id:N"), &[]).check().unwrap_err();
        assert_eq!(p.flag, "--sort-key");
        let p = table("id:S", None, &["score:N"]).check().unwrap_err();
        assert_eq!(p.flag, "--lsi");
        assert!(p.message.contains("--sort-key"), "{p:?}");
        let six = ["aaa:N", "bbb:N", "ccc:N", "ddd:N", "eee:N", "fff:N"];
        assert!(table("id:S", Some("ts:N"), &six).check().is_err());
        assert!(table("id:S", Some("ts:N"), &["ts:S"]).check().is_err());
        assert!(table("id:S", Some("ts:N"), &["abc:S", "abc:N"])
            .check()
            .is_err());
        assert!(table("id:S", Some("ts:N"), &["ab:S"]).check().is_err());
    }

    #[test]
    fn database_names() {
        assert!(check_db_name(Engine::PostgreSql, "orders_db").is_ok());
        assert!(check_db_name(Engine::PostgreSql, "_orders").is_err());
        assert!(check_db_name(Engine::MySql, "orders-db").is_err());
        assert!(check_db_name(Engine::PostgreSql, &"a".repeat(64)).is_err());
        assert!(check_db_name(Engine::MySql, &"a".repeat(64)).is_ok());
        assert_eq!(default_db_name(Engine::MySql, "my-db.v2"), "my_db_v2");
    }

    #[test]
    fn a_workload_bucket_is_private_and_gives_the_workload_a_policy() {
        let files = rendered(&spec("my-bucket", Lifecycle::Workload, Resource::S3));
        assert_eq!(files.len(), 1);
        let (path, t) = &files[0];
        assert_eq!(path, "tug/api/addons/my-bucket.yml");
        for p in ["App", "Env", "Name"] {
            assert_eq!(t["Parameters"][p]["Type"].as_str(), Some("String"), "{p}");
        }
        let bucket = &t["Resources"]["mybucketBucket"]["Properties"];
        let block = &bucket["PublicAccessBlockConfiguration"];
        for k in [
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        ] {
            assert_eq!(block[k].as_bool(), Some(true), "{k}");
        }
        assert!(text(&bucket["BucketEncryption"]).contains("AES256"));
        let deny =
            &t["Resources"]["mybucketBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
        assert_eq!(deny["Effect"].as_str(), Some("Deny"));
        assert_eq!(
            deny["Condition"]["Bool"]["aws:SecureTransport"].as_bool(),
            Some(false)
        );
        assert_eq!(
            t["Resources"]["mybucketAccessPolicy"]["Type"].as_str(),
            Some("AWS::IAM::ManagedPolicy")
        );
        assert_eq!(
            text(&t["Outputs"]["mybucketAccessPolicy"]["Value"]),
            "!Ref mybucketAccessPolicy"
        );
        assert_eq!(
            text(&t["Outputs"]["mybucketName"]["Value"]),
            "!Ref mybucketBucket"
        );
    }

    #[test]
    fn environment_storage_exports_and_the_workload_imports() {
        let resource = Resource::DynamoDB(table("id:S", None, &[]));
        let files = rendered(&spec("orders", Lifecycle::Environment, resource));
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "tug/environments/addons/orders.yml",
                "tug/api/addons/orders-access-policy.yml"
            ]
        );
        let env = &files[0].1;
        assert!(env["Parameters"].get("Name").is_none());
        assert!(env["Resources"].get("ordersAccessPolicy").is_none());
        assert_eq!(
            text(&env["Outputs"]["ordersTableArn"]["Export"]["Name"]),
            "!Sub tug-${App}-${Env}-ordersTableArn"
        );
        let access = &files[1].1;
        assert_eq!(
            access["Parameters"]["Name"]["Type"].as_str(),
            Some("String")
        );
        let policy = text(&access["Resources"]["ordersAccessPolicy"]);
        assert!(
            policy.contains("tug-${App}-${Env}-ordersTableArn"),
            "{policy}"
        );
        assert!(!policy.contains("dynamodb:DeleteTable"), "{policy}");
        assert!(text(&access["Outputs"]["ordersName"]["Value"])
            .contains("tug-${App}-${Env}-ordersTableName"));
    }

    #[test]
    fn a_table_has_its_keys_and_indexes() {
        let resource = Resource::DynamoDB(table("email:S", Some("ts:N"), &["score:N"]));
        let files = rendered(&spec("users", Lifecycle::Workload, resource));
        let props = &files[0].1["Resources"]["usersTable"]["Properties"];
        assert_eq!(props["BillingMode"].as_str(), Some("PAY_PER_REQUEST"));
        assert_eq!(
            props["SSESpecification"]["SSEEnabled"].as_bool(),
            Some(true)
        );
        assert_eq!(
            props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"].as_bool(),
            Some(true)
        );
        let attrs = text(&props["AttributeDefinitions"]);
        assert_eq!(
            attrs,
            "- AttributeName: email\n  AttributeType: S\n- AttributeName: ts\n  AttributeType: N\n- AttributeName: score\n  AttributeType: N"
        );
        assert_eq!(props["KeySchema"][1]["KeyType"].as_str(), Some("RANGE"));
        let lsi = &props["LocalSecondaryIndexes"][0];
        assert_eq!(lsi["IndexName"].as_str(), Some("score"));
        assert_eq!(lsi["KeySchema"][1]["AttributeName"].as_str(), Some("score"));
    }

    #[test]
    fn an_aurora_cluster_is_private_encrypted_and_its_secret_is_an_output() {
        let resource = Resource::Aurora(Cluster {
            engine: Engine::MySql,
            db_name: "shop".into(),
        });
        let files = rendered(&spec("main-db", Lifecycle::Workload, resource));
        let t = &files[0].1;
        let cluster = &t["Resources"]["maindbDBCluster"];
        assert_eq!(cluster["DeletionPolicy"].as_str(), Some("Snapshot"));
        let props = &cluster["Properties"];
        assert_eq!(props["Engine"].as_str(), Some("aurora-mysql"));
        assert_eq!(props["StorageEncrypted"].as_bool(), Some(true));
        assert_eq!(props["Port"].as_u64(), Some(3306));
        assert!(text(&props["MasterUserPassword"])
            .contains("{{resolve:secretsmanager:${maindbAuroraSecret}:SecretString:password}}"));
        let sg = text(&t["Resources"]["maindbDBClusterSecurityGroup"]["Properties"]);
        assert!(sg.contains("FromPort: 3306"), "{sg}");
        assert!(
            sg.contains("tug-${App}-${Env}-EnvironmentSecurityGroup"),
            "{sg}"
        );
        assert!(!sg.contains("CidrIp"), "{sg}");
        assert_eq!(
            t["Resources"]["maindbDBWriterInstance"]["Properties"]["PubliclyAccessible"].as_bool(),
            Some(false)
        );
        assert_eq!(
            text(&t["Outputs"]["maindbSecret"]["Value"]),
            "!Ref maindbAuroraSecret"
        );
        assert_eq!(
            t["Parameters"]["maindbDBName"]["Default"].as_str(),
            Some("shop")
        );
    }

    #[test]
    fn environment_aurora_is_one_file_and_exports_its_secret() {
        let resource = Resource::Aurora(Cluster {
            engine: Engine::PostgreSql,
            db_name: "db".into(),
        });
        let files = rendered(&spec("db", Lifecycle::Environment, resource));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "tug/environments/addons/db.yml");
        assert_eq!(
            text(&files[0].1["Outputs"]["dbSecret"]["Export"]["Name"]),
            "!Sub tug-${App}-${Env}-dbAuroraSecret"
        );
    }

    #[test]
    fn a_name_clashes_with_another_that_makes_the_same_ids() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("my-bucket.yml"), "").unwrap();
        std::fs::write(dir.path().join("other.yml"), "").unwrap();
        let new = dir.path().join("mybucket.yml");
        assert_eq!(
            clashing_file(&new, "mybucket"),
            Some(dir.path().join("my-bucket.yml"))
        );
        assert_eq!(
            clashing_file(&dir.path().join("my-bucket.yml"), "my-bucket"),
            None
        );
        assert_eq!(clashing_file(&dir.path().join("x/none.yml"), "none"), None);
    }
}
