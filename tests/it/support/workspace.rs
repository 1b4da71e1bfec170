//! Temporary workspaces and repositories for the tests to run tug in.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::root;

/// Writes `bytes` to `dir/rel`, creating its parent folders; the file's path.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Writes each `(relative path, text)` under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        write(dir, rel, text);
    }
}

/// A temporary folder with these files.
pub fn tree(files: &[(&str, &str)]) -> TempDir {
    tree_named("", files)
}

/// A temporary folder whose name starts with `prefix` (what tug proposes as the
/// application's name), with these files.
pub fn tree_named(prefix: &str, files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    write_files(dir.path(), files);
    dir
}

/// A copy of examples/hello named `app`, its services switched to `image.location`.
pub fn hello(app: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_dir(&root().join("examples/hello/tug"), &dir.path().join("tug"));
    write(
        dir.path(),
        "tug/.workspace",
        format!("application: {app}\n"),
    );
    for svc in ["web", "api"] {
        set_image(dir.path(), svc, "public.ecr.aws/nginx/nginx:1.27");
    }
    dir
}

/// Points a service of the workspace at `image` (`image.location`).
pub fn set_image(ws: &Path, svc: &str, image: &str) {
    set_image_line(ws, svc, &format!("  location: {image}"));
}

/// Replaces the `image.build` or `image.location` line of service `svc` with `line`.
pub fn set_image_line(ws: &Path, svc: &str, line: &str) {
    let path = ws.join("tug").join(svc).join("manifest.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("build:") || t.starts_with("location:") {
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text + "\n").unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
