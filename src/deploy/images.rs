//! The images a deploy runs: what to build from `image.build` (the main container's and
//! the sidecars'), then a build of each, one login and concurrent pushes, pinned by digest.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::aws::{self, Aws};
use crate::error::{Error, Result};
use crate::image::{self, BuildRequest, Engine, ImageError, Line, PushedImage, Registry};
use crate::manifest::types::Workload;
use crate::names;
use crate::render::Images;

/// The output of one image's engine runs (drawn by the ui).
pub trait ImageOutput: Send + Sync {
    /// One line of the engine's output.
    fn line(&self, line: Line);
    /// A step between engine runs ("built; waiting to push").
    fn note(&self, text: &str);
    /// The end, with a summary line (empty for none).
    fn finish(self: Box<Self>, summary: &str);
}

/// Where image builds and pushes are shown.
pub trait ImageProgress: Sync {
    /// The output of image `name` (`web`, `web/proxy`).
    fn output(&self, name: &str) -> Box<dyn ImageOutput>;
    /// Whether the registry login's own lines are shown too.
    fn verbose(&self) -> bool;
}

/// The container image a service deploys: `image.location`, with `--tag` replacing its
/// tag. A service with `image.build` gets its image from [`build_and_push_all`] instead.
pub fn image_for(w: &Workload, tag: Option<&str>) -> Result<String> {
    let image = w.image.as_ref();
    match image.and_then(|i| i.location.clone()) {
        Some(location) => Ok(match tag {
            None => location,
            Some(tag) => {
                let repo = match location.rsplit_once(':') {
                    Some((repo, t)) if !t.contains('/') => repo.to_string(),
                    _ => location.clone(),
                };
                let repo = repo.split('@').next().unwrap_or(&repo).to_string();
                format!("{repo}:{tag}")
            }
        }),
        None if image.is_some_and(|i| i.build.is_some()) => Err(Error::user(format!(
            "service {} builds its image from `image.build`, which needs building and pushing first",
            w.name
        ))),
        None => Err(Error::user(format!("service {} has no image", w.name))
            .with_help("set `image.location` in its manifest")),
    }
}

/// The images one service deploys: its `image.location` (with `--tag`), or what tug builds
/// from `image.build` for the main container, plus each sidecar that builds its image.
#[derive(Debug, Clone)]
pub struct ServiceImages {
    /// The main container's image when it is not built.
    pub location: Option<String>,
    /// What is built, all into the service's repository `<app>/<workload>`: the main
    /// container's image tagged `tag`, each sidecar's tagged `<sidecar>-<tag>`.
    pub builds: Vec<BuildRequest>,
}

impl ServiceImages {
    /// What `w` deploys. `tag` is `--tag` (it retags an `image.location`); `build_tag` the
    /// tag images are built with; `root` the folder `image.build` paths are relative to.
    pub fn new(
        app: &str,
        w: &Workload,
        root: &Path,
        tag: Option<&str>,
        build_tag: &str,
    ) -> Result<ServiceImages> {
        let repository = names::ecr_repository_name(app, &w.name);
        let platform = w.platform.as_ref();
        let main = w.built_image().and_then(|i| {
            BuildRequest::from_manifest(root, &w.name, i, platform, &repository, build_tag)
        });
        let location = match main {
            Some(_) => None,
            None => Some(image_for(w, tag)?),
        };
        let mut builds: Vec<BuildRequest> = main.into_iter().collect();
        for (sidecar, image) in w.built_sidecars() {
            let tag = format!("{sidecar}-{build_tag}");
            image::check_tag(&tag)?;
            let name = format!("{}/{sidecar}", w.name);
            if let Some(req) =
                BuildRequest::from_manifest(root, &name, image, platform, &repository, &tag)
            {
                builds.push(BuildRequest {
                    sidecar: Some(sidecar.to_string()),
                    ..req
                });
            }
        }
        Ok(ServiceImages { location, builds })
    }

    /// The images to deploy, given what was pushed for [`ServiceImages::builds`] (in the
    /// same order).
    pub fn images(&self, pushed: &[PushedImage]) -> Images {
        self.with(|i, _| pushed[i].uri_with_digest.clone())
    }

    /// The images named by tag in the registry `host`, as they would be pushed.
    pub fn tagged(&self, host: &str) -> Images {
        self.with(|_, req| req.reference(host))
    }

    fn with(&self, uri: impl Fn(usize, &BuildRequest) -> String) -> Images {
        let mut images = Images::main(self.location.clone().unwrap_or_default());
        for (i, req) in self.builds.iter().enumerate() {
            match &req.sidecar {
                Some(sidecar) => {
                    images.sidecars.insert(sidecar.clone(), uri(i, req));
                }
                None => images.main = uri(i, req),
            }
        }
        images
    }
}

/// Makes sure the ECR repository of every workload in `workloads` exists, then returns the
/// registry credentials (with `TUG_REGISTRY_OVERRIDE` applied). The password is never
/// printed.
pub async fn prepare_registry(aws: &Aws, app: &str, workloads: &[&str]) -> Result<Registry> {
    let repositories = workloads
        .iter()
        .map(|workload| aws::ecr::ensure_repository(aws, app, workload));
    futures_util::future::try_join_all(repositories).await?;
    let auth = aws::ecr::registry_credentials(aws).await?;
    let registry = Registry {
        host: auth.host,
        username: auth.username,
        password: auth.password,
    };
    Ok(registry.with_override()?)
}

/// Builds `requests` one after another (the engine parallelises each build), logs in once,
/// then pushes up to `parallel` images at a time, showing the engine's output. Returns the
/// images pinned by digest, in request order. A failed build stops before anything is
/// pushed and is an error carrying the engine's last lines.
pub fn build_and_push_all(
    progress: &dyn ImageProgress,
    engine: &Engine,
    requests: &[&BuildRequest],
    registry: &Registry,
    parallel: usize,
) -> Result<Vec<PushedImage>> {
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    let mut built = Vec::new();
    for req in requests {
        let out = progress.output(&req.name);
        let image = image::build(engine, req, &registry.host, &|l| out.line(l))?;
        out.note("built; waiting to push");
        built.push(Mutex::new(Some((out, image))));
    }
    // The login's own lines (docker's warning about the credentials file it writes, in a
    // folder tug deletes afterwards) only with -v; a failed login shows them in its error.
    let login = progress.output(&registry.host);
    let (session, _) = image::login(engine, registry, &|l| {
        if progress.verbose() {
            login.line(l)
        }
    })?;
    login.finish("logged in");
    let results: Vec<Mutex<Option<Result<PushedImage, ImageError>>>> =
        requests.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..parallel.clamp(1, requests.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = built.get(i) else { break };
                let Some((out, image)) = slot.lock().ok().and_then(|mut s| s.take()) else {
                    continue;
                };
                let result = image::push(engine, &session, &image.reference, &|l| out.line(l));
                match &result {
                    Ok(pushed) => out.finish(&format!("pushed {}", pushed.uri_with_digest)),
                    Err(_) => drop(out),
                }
                if let Ok(mut r) = results[i].lock() {
                    *r = Some(result);
                }
            });
        }
    });
    drop(session);
    let mut pushed = Vec::new();
    for result in results {
        let result = result.into_inner().ok().flatten().ok_or_else(|| {
            Error::user("an image push ended without a result; this is a bug in tug")
        })?;
        pushed.push(result?);
    }
    Ok(pushed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_replaces_the_tag_of_image_location() {
        let w: Workload = serde_json::from_value(serde_json::json!({
            "name": "web", "type": "Backend Service",
            "image": {"location": "registry:5000/team/web:1.0"},
        }))
        .unwrap();
        assert_eq!(image_for(&w, None).unwrap(), "registry:5000/team/web:1.0");
        assert_eq!(
            image_for(&w, Some("2.0")).unwrap(),
            "registry:5000/team/web:2.0"
        );
        let w: Workload = serde_json::from_value(serde_json::json!({
            "name": "web", "type": "Backend Service",
            "image": {"location": "nginx@sha256:abc"},
        }))
        .unwrap();
        assert_eq!(image_for(&w, Some("1.27")).unwrap(), "nginx:1.27");
        let w: Workload = serde_json::from_value(serde_json::json!({
            "name": "web", "type": "Backend Service",
            "image": {"build": "web/Dockerfile"},
        }))
        .unwrap();
        assert!(image_for(&w, None)
            .unwrap_err()
            .to_string()
            .contains("image.build"));
    }
}
