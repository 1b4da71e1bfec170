//! `tug storage init`: an S3 bucket, a DynamoDB table or an Aurora Serverless v2 cluster
//! for a workload, written as addon templates (`crate::init::storage`). Every question has
//! a flag; flags are checked before anything is asked.

use clap::{Args, Subcommand};

use crate::cli::{AnswerArgs, Context};
use crate::error::{Error, Result};
use crate::init::storage::{
    self, check_db_name, check_name, default_db_name, parse_key, Cluster, Engine, Key, Lifecycle,
    Resource, StorageKind, StorageSpec, Table, MAX_LSIS,
};
use crate::init::Plan;
use crate::ui::prompt::{Choice, Prompter};
use crate::workspace::{display_path, Workspace};

#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// Write the CloudFormation of an S3 bucket, DynamoDB table or Aurora cluster that a
    /// workload uses: tug/<workload>/addons/<name>.yml
    Init(InitArgs),
}

impl StorageCommand {
    pub fn run(self, ctx: &Context) -> Result<u8> {
        match self {
            StorageCommand::Init(args) => args.run(ctx),
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The storage's name: the bucket's, table's or cluster's, and its file's
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,
    /// The type of storage
    #[arg(
        long = "storage-type",
        visible_alias = "type",
        short = 't',
        value_name = "TYPE",
        value_enum,
        ignore_case = true
    )]
    pub kind: Option<StorageKind>,
    /// The service or job that uses the storage
    #[arg(long, short = 'w', value_name = "WORKLOAD")]
    pub workload: Option<String>,
    /// Create and delete the storage with the workload or with the environment
    /// [default: workload]
    #[arg(long, short = 'l', value_enum, value_name = "LIFECYCLE")]
    pub lifecycle: Option<Lifecycle>,
    /// DynamoDB: the partition key, NAME:TYPE where TYPE is S, N or B (e.g. email:S)
    #[arg(long, value_name = "NAME:TYPE", value_parser = parse_key)]
    pub partition_key: Option<Key>,
    /// DynamoDB: the sort key, NAME:TYPE (e.g. createdAt:N)
    #[arg(long, value_name = "NAME:TYPE", value_parser = parse_key, conflicts_with = "no_sort")]
    pub sort_key: Option<Key>,
    /// DynamoDB: no sort key, and no question about one
    #[arg(long)]
    pub no_sort: bool,
    /// DynamoDB: an alternate sort key (a local secondary index), NAME:TYPE; up to 5
    #[arg(long, value_name = "NAME:TYPE", value_parser = parse_key, conflicts_with = "no_lsi")]
    pub lsi: Vec<Key>,
    /// DynamoDB: no alternate sort keys, and no question about them
    #[arg(long)]
    pub no_lsi: bool,
    /// Aurora: the database engine
    #[arg(long, value_enum, ignore_case = true, value_name = "ENGINE")]
    pub engine: Option<Engine>,
    /// Aurora: the database created with the cluster [default: the storage's name, with _
    /// for punctuation]
    #[arg(long, value_name = "NAME")]
    pub initial_db: Option<String>,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

impl InitArgs {
    fn run(self, ctx: &Context) -> Result<u8> {
        let p = self.answers.prompter(ctx);
        let ws = ctx.workspace()?;
        let workloads: Vec<String> = ws.workloads().into_iter().map(|(n, _)| n).collect();

        // Everything the flags say is checked before the first question.
        if let Some(kind) = self.kind {
            self.check_flags_fit(kind)?;
            if let Some(name) = &self.name {
                check_name_flag(kind, name)?;
            }
        }
        if let (Some(engine), Some(db)) = (self.engine, &self.initial_db) {
            check_db_name(engine, db)
                .map_err(|why| Error::usage(format!("--initial-db \"{db}\": {why}")))?;
        }
        if let Some(w) = &self.workload {
            check_workload(&ws, &workloads, w)?;
        }
        if workloads.is_empty() {
            return Err(Error::user(format!(
                "{} has no service or job to give the storage to",
                display_path(&ws.dir, &ctx.cwd)
            ))
            .with_help("create one first with `tug svc init` or `tug job init`"));
        }

        let kind = match self.kind {
            Some(kind) => kind,
            None => {
                let choices: Vec<Choice> = StorageKind::ALL
                    .iter()
                    .map(|k| Choice::new(k.name(), k.describe()))
                    .collect();
                let kind = StorageKind::ALL[p.select(
                    "Which type of storage?",
                    "the storage type",
                    "--storage-type TYPE",
                    &choices,
                    None,
                )?];
                self.check_flags_fit(kind)?;
                kind
            }
        };
        let name = match &self.name {
            Some(name) => {
                check_name_flag(kind, name)?;
                name.clone()
            }
            None => p.text(
                &format!("What should the {} be called?", kind.noun()),
                "the storage name",
                "--name NAME",
                None,
                |s| check_name(kind, s),
            )?,
        };
        let workload = match &self.workload {
            Some(w) => w.clone(),
            None => match workloads.as_slice() {
                [only] => only.clone(),
                many if !p.asks() => {
                    return Err(p
                        .missing("the workload", "--workload WORKLOAD")
                        .with_help(format!("this workspace has: {}", many.join(", "))))
                }
                many => {
                    let choices: Vec<Choice> = many.iter().map(|w| Choice::new(w, "")).collect();
                    many[p.select(
                        &format!("Which workload uses the {}?", kind.noun()),
                        "the workload",
                        "--workload WORKLOAD",
                        &choices,
                        None,
                    )?]
                    .clone()
                }
            },
        };
        let lifecycle = match self.lifecycle {
            Some(l) => l,
            None if p.asks() => {
                let choices = [
                    Choice::new(
                        "workload",
                        format!("created and deleted with {workload}, one per environment"),
                    ),
                    Choice::new(
                        "environment",
                        format!("created and deleted with the environment; {workload} gets access"),
                    ),
                ];
                match p.select(
                    "When should it be created and deleted?",
                    "the lifecycle",
                    "--lifecycle LIFECYCLE",
                    &choices,
                    Some(0),
                )? {
                    0 => Lifecycle::Workload,
                    _ => Lifecycle::Environment,
                }
            }
            None => Lifecycle::Workload,
        };

        // Before the questions about the resource: would anything be overwritten?
        let paths = storage::paths(&ws.dir, &name, &workload, lifecycle, kind);
        refuse_existing(ctx, &paths, self.answers.force)?;
        for path in &paths {
            if let Some(other) = storage::clashing_file(path, &name) {
                return Err(Error::usage(format!(
                    "--name {name}: {} beside it makes the same CloudFormation names ({}...)",
                    display_path(&other, &ctx.cwd),
                    storage::logical_id(&name)
                ))
                .with_help("pick a name that differs in its letters or digits"));
            }
        }

        let resource = match kind {
            StorageKind::S3 => Resource::S3,
            StorageKind::DynamoDB => Resource::DynamoDB(self.ask_table(&p)?),
            StorageKind::Aurora => Resource::Aurora(self.ask_cluster(&p, &name)?),
        };
        let spec = StorageSpec {
            name,
            workload,
            lifecycle,
            resource,
        };
        let mut plan = Plan::default();
        for (path, text) in storage::files(&ws.dir, &spec)? {
            plan.add(path, text);
        }
        plan.write(&ctx.cwd, self.answers.force)?;
        report(ctx, &ws, &spec, &plan)?;
        Ok(0)
    }

    /// Refuses the flags of another type of storage, naming the first one given.
    fn check_flags_fit(&self, kind: StorageKind) -> Result<()> {
        let dynamodb = [
            ("--partition-key", self.partition_key.is_some()),
            ("--sort-key", self.sort_key.is_some()),
            ("--no-sort", self.no_sort),
            ("--lsi", !self.lsi.is_empty()),
            ("--no-lsi", self.no_lsi),
        ];
        let aurora = [
            ("--engine", self.engine.is_some()),
            ("--initial-db", self.initial_db.is_some()),
        ];
        let misfits = dynamodb
            .iter()
            .filter(|_| kind != StorageKind::DynamoDB)
            .map(|(flag, given)| (flag, given, StorageKind::DynamoDB))
            .chain(
                aurora
                    .iter()
                    .filter(|_| kind != StorageKind::Aurora)
                    .map(|(flag, given)| (flag, given, StorageKind::Aurora)),
            );
        for (flag, given, owner) in misfits {
            if *given {
                return Err(Error::usage(format!(
                    "{flag} is for {}, not {}",
                    owner.a_noun(),
                    kind.a_noun()
                ))
                .with_help(format!(
                    "leave out {flag}, or pass --storage-type {}",
                    owner.name()
                )));
            }
        }
        Ok(())
    }

    /// The keys of a DynamoDB table: the flags, else asked.
    fn ask_table(&self, p: &Prompter) -> Result<Table> {
        let partition_key = match &self.partition_key {
            Some(k) => k.clone(),
            None => {
                let answer = p.text(
                    "What is the table's partition key? (NAME:TYPE, TYPE is S string, N number or B binary)",
                    "the partition key",
                    "--partition-key NAME:TYPE",
                    None,
                    |s| parse_key(s).map(drop),
                )?;
                parse_key(&answer).map_err(|why| Error::usage(format!("--partition-key: {why}")))?
            }
        };
        let sort_key = match &self.sort_key {
            Some(k) => Some(k.clone()),
            None if self.no_sort || !p.asks() => None,
            None => {
                let partition = partition_key.clone();
                let check = move |s: &str| {
                    let keys = optional_keys(s)?;
                    if keys.len() > 1 {
                        return Err(
                            "a table has one sort key; alternate sort keys come next".into()
                        );
                    }
                    Table {
                        partition_key: partition.clone(),
                        sort_key: keys.into_iter().next(),
                        lsis: Vec::new(),
                    }
                    .check()
                    .map_err(|p| p.message)
                };
                let answer = p.text(
                    "What is the table's sort key? (NAME:TYPE, or none)",
                    "the sort key",
                    "--sort-key NAME:TYPE or --no-sort",
                    Some("none".into()),
                    check,
                )?;
                optional_keys(&answer)
                    .map_err(|why| Error::usage(format!("--sort-key: {why}")))?
                    .pop()
            }
        };
        let lsis = if !self.lsi.is_empty() {
            self.lsi.clone()
        } else if self.no_lsi || sort_key.is_none() || !p.asks() {
            Vec::new()
        } else {
            let partition = partition_key.clone();
            let sort = sort_key.clone();
            let check = move |s: &str| {
                let lsis = optional_keys(s)?;
                Table {
                    partition_key: partition.clone(),
                    sort_key: sort.clone(),
                    lsis,
                }
                .check()
                .map_err(|p| p.message)
            };
            let answer = p.text(
                &format!(
                    "Any alternate sort keys? (NAME:TYPE, comma-separated, up to {MAX_LSIS}; or none)"
                ),
                "the alternate sort keys",
                "--lsi NAME:TYPE or --no-lsi",
                Some("none".into()),
                check,
            )?;
            optional_keys(&answer).map_err(|why| Error::usage(format!("--lsi: {why}")))?
        };
        let table = Table {
            partition_key,
            sort_key,
            lsis,
        };
        table
            .check()
            .map_err(|p| Error::usage(format!("{}: {}", p.flag, p.message)))?;
        Ok(table)
    }

    /// The engine and first database of an Aurora cluster: the flags, else asked.
    fn ask_cluster(&self, p: &Prompter, name: &str) -> Result<Cluster> {
        let engine = match self.engine {
            Some(e) => e,
            None => {
                let engines = [Engine::PostgreSql, Engine::MySql];
                let choices = [
                    Choice::new("PostgreSQL", "Aurora PostgreSQL 16"),
                    Choice::new("MySQL", "Aurora MySQL 3 (MySQL 8.0)"),
                ];
                engines[p.select(
                    "Which database engine?",
                    "the database engine",
                    "--engine ENGINE",
                    &choices,
                    Some(0),
                )?]
            }
        };
        let proposed = default_db_name(engine, name);
        let db_name = match &self.initial_db {
            Some(db) => {
                check_db_name(engine, db)
                    .map_err(|why| Error::usage(format!("--initial-db \"{db}\": {why}")))?;
                db.clone()
            }
            None if p.asks() => p.text(
                "What should the database created in the cluster be called?",
                "the database name",
                "--initial-db NAME",
                Some(proposed),
                |s| check_db_name(engine, s),
            )?,
            None => proposed,
        };
        Ok(Cluster { engine, db_name })
    }
}

/// `--name` checked against the rules of `kind`, with a name that passes them when one is
/// close (`My_Files` makes `my-files` for a bucket).
fn check_name_flag(kind: StorageKind, name: &str) -> Result<()> {
    check_name(kind, name).map_err(|why| {
        let e = Error::usage(format!(
            "--name \"{name}\" is not a valid {} name: {why}",
            kind.noun()
        ));
        match storage::suggest_name(kind, name) {
            Some(s) => e.with_help(format!("try `--name {s}`")),
            None => e,
        }
    })
}

/// `--workload` must name a workload of the workspace.
fn check_workload(ws: &Workspace, workloads: &[String], given: &str) -> Result<()> {
    if workloads.iter().any(|w| w == given) {
        return Ok(());
    }
    let names: Vec<&str> = workloads.iter().map(String::as_str).collect();
    let help = match crate::suggest::suggest(given, &names) {
        Some(s) => format!("did you mean `--workload {s}`?"),
        None if names.is_empty() => format!(
            "{} has none yet: create one with `tug svc init` or `tug job init`",
            ws.dir.display()
        ),
        None => format!("this workspace has: {}", names.join(", ")),
    };
    Err(Error::user(format!(
        "--workload {given}: no service or job named `{given}` in this workspace"
    ))
    .with_help(help))
}

/// Refuses, before any resource question, when a file to write exists and `--force` is off.
fn refuse_existing(ctx: &Context, paths: &[std::path::PathBuf], force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let existing: Vec<String> = paths
        .iter()
        .filter(|p| p.exists())
        .map(|p| display_path(p, &ctx.cwd))
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(Error::user(format!(
        "{} already exists; nothing was written",
        existing.join(" and ")
    ))
    .with_help("pick another name, or pass --force to overwrite it"))
}

/// Keys typed as `a:S, b:N`, or `none`.
fn optional_keys(text: &str) -> std::result::Result<Vec<Key>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    text.split(',').map(parse_key).collect()
}

/// Says what was written, what the workload gets and what to run next.
fn report(ctx: &Context, ws: &Workspace, spec: &StorageSpec, plan: &Plan) -> Result<()> {
    let written: Vec<String> = plan
        .files
        .iter()
        .map(|p| display_path(p, &ctx.cwd))
        .collect();
    let variable = storage::workload_variable(spec);
    let workload = &spec.workload;
    let env_secret =
        spec.lifecycle == Lifecycle::Environment && spec.resource.kind() == StorageKind::Aurora;
    if ctx.printer.json {
        return ctx.printer.json(&crate::ui::json::Written {
            schema: crate::ui::json::SCHEMA_VERSION,
            application: ws.app.clone(),
            written,
            workspace: None,
            copilot: None,
            storage: Some(crate::ui::json::StorageWritten {
                name: spec.name.clone(),
                kind: spec.resource.kind().name().to_string(),
                workload: workload.clone(),
                lifecycle: match spec.lifecycle {
                    Lifecycle::Workload => "workload",
                    Lifecycle::Environment => "environment",
                }
                .to_string(),
                variable: variable.clone(),
            }),
        });
    }
    for w in &written {
        ctx.printer.info(&format!("wrote {w}"));
    }
    let gets = match spec.resource.kind() {
        StorageKind::S3 => format!(
            "{workload} gets {variable}, the bucket's name, and may read and write its objects"
        ),
        StorageKind::DynamoDB => format!(
            "{workload} gets {variable}, the table's name, and may read and write its items"
        ),
        StorageKind::Aurora => format!(
            "{workload} gets the secret {variable}: JSON with host, port, dbname, username and password"
        ),
    };
    if env_secret {
        let manifest = ws.dir.join(workload).join("manifest.yml");
        ctx.printer.info(&format!(
            "{workload} reads the cluster's credentials once its manifest names the secret; add to {}:\n\n  secrets:\n    {variable}:\n      from_cfn: {}\n",
            display_path(&manifest, &ctx.cwd),
            storage::aurora_secret_export(&spec.name)
        ));
    } else {
        ctx.printer.info(&gets);
    }
    ctx.printer.info(&match spec.lifecycle {
        Lifecycle::Workload => format!(
            "next: `tug svc deploy -n {workload}` creates it in the environment {workload} is deployed to"
        ),
        Lifecycle::Environment => format!(
            "next: `tug env deploy` creates it in the environment, then `tug svc deploy -n {workload}`"
        ),
    });
    Ok(())
}
