//! The rules that read the repository: every path a deploy reads from the repository
//! stays inside it. Env files (`env_file`, `sidecars.*.env_file`, `logging.env_file`) are
//! files there; build paths (`image.build`, `image.build.context`, `image.build.dockerfile`,
//! and a sidecar's) do not climb out with `..`, an absolute path or a link. Copilot reads
//! them relative to the repository root (the folder holding `tug/` or `copilot/`), and so
//! does tug.

use std::path::{Component, Path, PathBuf};

use super::workload::env_files;
use super::*;

/// The file rules for workload `w`, whose repository is at `root`.
pub fn workload_files(
    w: &Workload,
    tree: &Node,
    src: &Arc<SourceFile>,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut r = Rules {
        tree,
        src,
        out: Vec::new(),
    };
    for (field, file) in env_files(w) {
        // A name without `.env` is the `bad-env-file` rule's.
        if file.ends_with(".env") {
            env_file(&mut r, &field, &file, root);
        }
    }
    for (field, path) in build_paths(w) {
        build_path(&mut r, &field, &path, root);
    }
    r.out
}

/// Every build path of `w` (its image's and its sidecars'), with its field.
fn build_paths(w: &Workload) -> Vec<(String, String)> {
    let main = w.built_image().map(|i| (String::from("image"), i));
    let sidecars = w
        .built_sidecars()
        .map(|(name, i)| (format!("sidecars.{name}.image"), i));
    let mut out = Vec::new();
    for (at, image) in main.into_iter().chain(sidecars) {
        match &image.build {
            Some(Build::Dockerfile(df)) => out.push((format!("{at}.build"), df.clone())),
            Some(Build::Args(b)) => {
                if let Some(c) = &b.context {
                    out.push((format!("{at}.build.context"), c.clone()));
                }
                if let Some(d) = &b.dockerfile {
                    out.push((format!("{at}.build.dockerfile"), d.clone()));
                }
            }
            None => {}
        }
    }
    out
}

/// A build path names a place inside the repository: the engine reads the context (every
/// file under it) and the Dockerfile from there, and a path outside would send files the
/// repository does not hold to the build.
fn build_path(r: &mut Rules<'_>, field: &str, given: &str, root: &Path) {
    let why = match inside(root, given) {
        Inside::Yes => return,
        Inside::Escapes => "a folder outside the repository",
        Inside::Links => "a link to a folder outside the repository",
    };
    r.error(
        field,
        "build-outside-repo",
        format!("`{field}` names {why}: \"{given}\""),
        "build paths are relative to the repository root (the folder holding the workspace); \
         move what the build needs into the repository",
    );
}

/// Where a path from a manifest leads.
#[derive(Debug, PartialEq)]
enum Inside {
    Yes,
    /// Outside by its text: `..` above the root, or an absolute path elsewhere.
    Escapes,
    /// Inside by its text, outside once links are followed.
    Links,
}

/// Whether `given` (relative to `root`, or absolute) stays inside `root`, by its text and
/// once the links on the way are followed (for the part of it that exists).
fn inside(root: &Path, given: &str) -> Inside {
    let root = normalize(root).unwrap_or_else(|| root.to_path_buf());
    if !normalize(&root.join(given)).is_some_and(|p| p.starts_with(&root)) {
        return Inside::Escapes;
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    // The longest part of the path as written that exists, its links followed (`link/..`
    // is the link's parent, as the engine and the upload see it).
    let written = root.join(given);
    let real = written
        .ancestors()
        .take_while(|p| p.starts_with(&root))
        .find_map(|p| p.canonicalize().ok());
    if real.is_some_and(|real| !real.starts_with(&real_root)) {
        return Inside::Links;
    }
    Inside::Yes
}

fn env_file(r: &mut Rules<'_>, field: &str, file: &str, root: &Path) {
    let given = Path::new(file);
    let where_ = inside(root, file);
    if where_ == Inside::Escapes {
        let relative = given
            .strip_prefix("/")
            .ok()
            .filter(|rel| root.join(rel).is_file());
        let help = match relative {
            Some(rel) => format!(
                "env files are read from the repository, relative to its root: did you mean `{}`?",
                rel.display()
            ),
            None => "env files are uploaded from the repository: move the file into it and \
                     write its path relative to the repository root"
                .to_string(),
        };
        r.error(
            field,
            "env-file-outside-repo",
            format!("`{field}` names a file outside the repository: \"{file}\""),
            help,
        );
        return;
    }
    if !root.join(given).is_file() {
        r.error(
            field,
            "missing-env-file",
            format!("`{field}`: there is no file \"{file}\" in the repository"),
            "the path is relative to the repository root (the folder holding the workspace); \
             create the file or fix the path",
        );
        return;
    }
    // A link inside the repository to a file outside it would upload that file.
    if where_ == Inside::Links {
        r.error(
            field,
            "env-file-outside-repo",
            format!("`{field}` is a link to a file outside the repository: \"{file}\""),
            "copy the file into the repository instead of linking to it",
        );
    }
}

/// `path` with `.` and `..` resolved without reading the disk; `None` when `..` climbs
/// above the filesystem root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}
