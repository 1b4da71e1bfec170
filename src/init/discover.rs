//! What `tug init` can work out from the repository: its Dockerfiles, the port each one
//! exposes, a service name for each, and an existing Copilot workspace.

use std::path::{Path, PathBuf};

use crate::manifest::{self, Kind};
use crate::workspace::Workspace;

/// Folders never searched for Dockerfiles (besides anything git ignores).
pub const SKIPPED_DIRS: [&str; 5] = [".git", "node_modules", "target", "vendor", ".venv"];

/// Whether a file name is a Dockerfile: `Dockerfile`, `*.Dockerfile` or `Dockerfile.*`.
pub fn is_dockerfile_name(name: &str) -> bool {
    name == "Dockerfile"
        || (name.len() > ".Dockerfile".len() && name.ends_with(".Dockerfile"))
        || (name.len() > "Dockerfile.".len() && name.starts_with("Dockerfile."))
}

/// The Dockerfiles under `root`, relative to it and sorted (shallowest first, then by
/// path), skipping [`SKIPPED_DIRS`] and what `.gitignore` files ignore.
pub fn dockerfiles(root: &Path) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(false)
        .filter_entry(|e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && e.depth() > 0 && SKIPPED_DIRS.iter().any(|s| e.file_name() == *s))
        })
        .build();
    let mut found: Vec<PathBuf> = walker
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(is_dockerfile_name))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    found.sort_by(|a, b| {
        a.components()
            .count()
            .cmp(&b.components().count())
            .then_with(|| a.cmp(b))
    });
    found
}

/// The first port a Dockerfile `EXPOSE`s (`EXPOSE 8080`, `EXPOSE 8080/tcp`); ports given
/// by a build argument (`EXPOSE $PORT`) are not known.
pub fn exposed_port(text: &str) -> Option<u16> {
    text.lines()
        .map(str::trim)
        .filter_map(|line| {
            let (word, rest) = line.split_once(char::is_whitespace)?;
            word.eq_ignore_ascii_case("EXPOSE").then_some(rest)
        })
        .flat_map(str::split_whitespace)
        .find_map(|port| {
            let number = port.split('/').next()?;
            number.parse::<u16>().ok().filter(|p| *p > 0)
        })
}

/// The port the Dockerfile at `path` exposes, if it can be read and says so.
pub fn dockerfile_port(path: &Path) -> Option<u16> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| exposed_port(&t))
}

/// Turns any folder name into a valid tug name (`My_API` -> `my-api`), or `None` when too
/// little is left.
pub fn sanitize_name(raw: &str) -> Option<String> {
    let mut s = String::new();
    for c in raw.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    let s: String = s.chars().take(255).collect();
    let s = s.trim_end_matches('-').to_string();
    manifest::validate::check_name(&s).is_ok().then_some(s)
}

/// A service name for the Dockerfile at `rel` (relative to `root`): its folder's name, or
/// the repository folder's name for a Dockerfile at the root.
pub fn propose_name(root: &Path, rel: &Path) -> Option<String> {
    let folder = root.join(rel);
    let folder = folder.parent()?;
    let name = folder.file_name()?.to_str()?;
    sanitize_name(name)
}

/// An existing Copilot workspace: its application and how many services and jobs it has.
#[derive(Debug, Clone)]
pub struct CopilotApp {
    pub workspace: Workspace,
    pub services: usize,
    pub jobs: usize,
}

/// The Copilot workspace `ws` is, when it is one (its folder is `copilot/`).
pub fn copilot_app(ws: &Workspace) -> Option<CopilotApp> {
    if ws.dir.file_name()? != "copilot" {
        return None;
    }
    let (mut services, mut jobs) = (0, 0);
    for (_, path) in ws.workloads() {
        match manifest::read(&path, &path.display().to_string()).map(|l| l.kind) {
            Ok(Kind::Workload(t)) if !t.is_service() => jobs += 1,
            Ok(Kind::Environment) => {}
            _ => services += 1,
        }
    }
    Some(CopilotApp {
        workspace: ws.clone(),
        services,
        jobs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        for yes in ["Dockerfile", "api.Dockerfile", "Dockerfile.dev"] {
            assert!(is_dockerfile_name(yes), "{yes}");
        }
        for no in [
            "dockerfile",
            ".Dockerfile",
            "Dockerfile.",
            "Dockerfiles",
            "Containerfile",
        ] {
            assert!(!is_dockerfile_name(no), "{no}");
        }
    }

    #[test]
    fn expose() {
        assert_eq!(exposed_port("FROM x\nEXPOSE 8080\n"), Some(8080));
        assert_eq!(exposed_port("from x\n  expose 53/udp 80\n"), Some(53));
        assert_eq!(exposed_port("EXPOSE $PORT\nEXPOSE 3000/tcp"), Some(3000));
        assert_eq!(exposed_port("FROM x\n# EXPOSE 80\n"), None);
        assert_eq!(exposed_port("EXPOSE 99999"), None);
    }

    #[test]
    fn names() {
        assert_eq!(sanitize_name("My_API").as_deref(), Some("my-api"));
        assert_eq!(sanitize_name("2fast--4u-").as_deref(), Some("fast-4u"));
        assert_eq!(sanitize_name("x"), None);
        assert_eq!(sanitize_name("__"), None);
        assert_eq!(
            propose_name(Path::new("/repo/Shop"), Path::new("Dockerfile")).as_deref(),
            Some("shop")
        );
        assert_eq!(
            propose_name(
                Path::new("/repo"),
                Path::new("services/web_front/Dockerfile")
            )
            .as_deref(),
            Some("web-front")
        );
    }
}
