//! Names the commit tug is built from, for `tug --version`: `TUG_COMMIT` when the builder
//! sets it, else `git` when the crate is the root of a git checkout. A build from a
//! crates.io tarball (no `.git`) or without git names none.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-env-changed=TUG_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = std::env::var("TUG_COMMIT").ok().filter(|c| !c.is_empty());
    let commit = commit.or_else(|| {
        let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
        let dir = Path::new(&dir);
        // Only this crate's own checkout: a tarball unpacked inside another repository
        // must not take that repository's commit.
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
            return None;
        }
        // A new commit or checkout moves HEAD's reflog: build again then.
        for file in ["HEAD", "logs/HEAD"] {
            let path = git(
                dir,
                &["rev-parse", "--path-format=absolute", "--git-path", file],
            );
            if let Some(path) = path.filter(|p| Path::new(p).exists()) {
                println!("cargo:rerun-if-changed={path}");
            }
        }
        let hash = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
        let date = git(dir, &["log", "-1", "--format=%cs", "HEAD"]);
        Some(match date {
            Some(date) => format!("{hash} {date}"),
            None => hash,
        })
    });
    if let Some(commit) = commit {
        println!("cargo:rustc-env=TUG_COMMIT={commit}");
    }
}
