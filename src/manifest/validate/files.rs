//! The rules that read the repository: every env file (`env_file`, `sidecars.*.env_file`,
//! `logging.env_file`) is a file inside the repository. Copilot reads them relative to the
//! repository root (the folder holding `tug/` or `copilot/`), and so does tug.

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
    r.out
}

fn env_file(r: &mut Rules<'_>, field: &str, file: &str, root: &Path) {
    let root = normalize(root).unwrap_or_else(|| root.to_path_buf());
    let given = Path::new(file);
    let inside = normalize(&root.join(given)).filter(|p| p.starts_with(&root));
    let Some(path) = inside else {
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
    };
    if !path.is_file() {
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
    let real_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    if path
        .canonicalize()
        .is_ok_and(|real| !real.starts_with(&real_root))
    {
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
