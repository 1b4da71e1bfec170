//! The Copilot manifests the compatibility tests read: tug's own corpus,
//! `tests/fixtures/copilot`, always; and the shared corpus beside the checkout,
//! `../shared/fixtures/copilot`, as an extra one when that folder exists.
//!
//! `tests/fixtures/corpora.json` says, for each corpus, which file plays which part.

use std::path::PathBuf;

use serde::Deserialize;

use super::root;

#[derive(Deserialize)]
struct Corpora {
    corpora: Vec<Corpus>,
}

#[derive(Deserialize)]
pub struct Corpus {
    /// Relative to the repository root.
    pub dir: String,
    /// tug's own corpus must be there; the shared one is read when it is.
    pub required: bool,
    /// Put before the name of each render case (and so of its snapshot).
    pub case_prefix: String,
    /// Files valid today (warnings allowed). A regression in any shows.
    pub valid: Vec<String>,
    /// Files rejected, with the exact error codes (placeholder values, unsupported types).
    pub rejected: Vec<Rejected>,
    /// A Request-Driven Web Service and a Static Site: types tug does not deploy.
    pub unsupported: Vec<String>,
    /// A service using `publish` (rendered) and `storage.volumes` (not yet).
    pub publish_and_volumes: String,
    pub environments: Environments,
    /// The render cases pinned as insta snapshots (without the prefix).
    pub snapshots: Vec<String>,
    /// Three workloads of a Copilot application, (folder, file): two services, one job.
    pub copilot_app: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct Rejected {
    pub file: String,
    pub codes: Vec<String>,
}

/// The environment manifests of a corpus, by shape.
#[derive(Deserialize)]
pub struct Environments {
    pub default: String,
    /// Its own VPC CIDR, subnets and AZs (as placeholders).
    pub adjust_vpc: String,
    /// An imported VPC with public and private subnets.
    pub import_vpc: String,
    /// An imported VPC with private subnets only.
    pub private_subnets: String,
}

impl Environments {
    pub fn contains(&self, file: &str) -> bool {
        [
            &self.default,
            &self.adjust_vpc,
            &self.import_vpc,
            &self.private_subnets,
        ]
        .iter()
        .any(|f| *f == file)
    }
}

impl Corpus {
    pub fn path(&self) -> PathBuf {
        root().join(&self.dir)
    }

    /// Every `.yml` file of the corpus, sorted.
    pub fn files(&self) -> Vec<String> {
        let dir = self.path();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".yml"))
            .collect();
        names.sort();
        names
    }

    /// The text of one of its files.
    pub fn read(&self, file: &str) -> String {
        super::read(&self.path().join(file))
    }
}

/// tug's own corpus, then the shared one when its folder exists.
pub fn corpora() -> Vec<Corpus> {
    let list = root().join("tests/fixtures/corpora.json");
    let all: Corpora = serde_json::from_str(&super::read(&list))
        .unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    all.corpora
        .into_iter()
        .filter(|c| {
            assert!(
                !c.required || c.path().is_dir(),
                "{} is missing",
                c.path().display()
            );
            c.path().is_dir()
        })
        .collect()
}
