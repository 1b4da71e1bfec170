//! The application's domain and which listeners of an environment serve HTTPS, from
//! `.workspace` and the environment manifest: what validation and the renders agree on
//! (`render::domain` holds the stack side: parameters and outputs).

use crate::manifest::types::{Alias, Environment, HttpOrBool, Workload, WorkloadType};

/// What the render of an environment, and of each workload in it, needs to know of the
/// application's domain and of the listeners: pure, from `.workspace` and the environment
/// manifest, so `package`, `validate` and every deploy agree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvTraffic {
    /// The application's domain (`example.com`), from `.workspace`.
    pub domain: Option<String>,
    /// The public load balancer has an HTTPS listener: the application has a domain (a
    /// managed certificate) or `http.public.certificates` lists certificates.
    pub public_https: bool,
    /// The internal load balancer has an HTTPS listener (`http.private.certificates`).
    pub internal_https: bool,
}

impl EnvTraffic {
    /// The traffic of environment `env` of an application with `domain`.
    pub fn new(env: &Environment, domain: Option<&str>) -> EnvTraffic {
        let http = env.http.as_ref();
        let listed = |c: Option<&Vec<String>>| c.is_some_and(|c| !c.is_empty());
        let public_certs = listed(
            http.and_then(|h| h.public.as_ref())
                .and_then(|p| p.certificates.as_ref()),
        );
        let private_certs = listed(
            http.and_then(|h| h.private.as_ref())
                .and_then(|p| p.certificates.as_ref()),
        );
        EnvTraffic {
            domain: domain.map(str::to_string),
            public_https: domain.is_some() || public_certs,
            internal_https: private_certs,
        }
    }

    /// `<env>.<app>.<domain>`, when the application has a domain.
    pub fn env_domain(&self, app: &str, env: &str) -> Option<String> {
        self.domain.as_ref().map(|d| env_domain(app, env, d))
    }

    /// `<svc>-nlb.<env>.<app>.<domain>`, when the application has a domain: the name of
    /// workload `svc`'s Network Load Balancer, as Copilot names it (its TLS certificate's).
    pub fn nlb_domain(&self, app: &str, env: &str, svc: &str) -> Option<String> {
        self.env_domain(app, env).map(|d| format!("{svc}-nlb.{d}"))
    }

    /// Whether `name` (an alias) is the application's domain or under it, where tug creates
    /// its record without being told a hosted zone.
    pub fn in_domain(&self, name: &str) -> bool {
        self.domain.as_deref().is_some_and(|d| in_domain(name, d))
    }
}

/// A name of a workload's `http.alias` (of its main rule or of an additional rule), with the
/// hosted zone its record goes in when the manifest names one (`{name, hosted_zone}`, else
/// the rule's `hosted_zone`, else `http.hosted_zone`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasName {
    pub name: String,
    pub hosted_zone: Option<String>,
    /// The manifest field it is written at (`http.alias`, `http.alias[1]`,
    /// `http.additional_rules[0].alias`).
    pub field: String,
}

/// Every alias of workload `w` (its `http` rules), in manifest order, each name once.
pub fn aliases(w: &Workload) -> Vec<AliasName> {
    let Some(HttpOrBool::Config(http)) = &w.http else {
        return Vec::new();
    };
    let mut rules = vec![(http.as_ref(), "http".to_string())];
    for (i, r) in http.additional_rules.iter().flatten().enumerate() {
        rules.push((r, format!("http.additional_rules[{i}]")));
    }
    let mut out: Vec<AliasName> = Vec::new();
    for (rule, at) in rules {
        let zone = rule
            .hosted_zone
            .clone()
            .or_else(|| http.hosted_zone.clone());
        if let Some(alias) = &rule.alias {
            push_aliases(&mut out, alias, &format!("{at}.alias"), zone);
        }
    }
    out
}

/// Every name of workload `w`'s `nlb.alias`, in manifest order, each once. Its records go
/// in the application's hosted zone (`hosted_zone` is refused for them, as in Copilot).
pub fn nlb_aliases(w: &Workload) -> Vec<AliasName> {
    let mut out = Vec::new();
    if let Some(alias) = w.nlb.as_ref().and_then(|n| n.alias.as_ref()) {
        push_aliases(&mut out, alias, "nlb.alias", None);
    }
    out
}

/// Adds the names of `alias` (written at `at`) not in `out` yet, lowercased and without a
/// final dot; each goes in its own `hosted_zone`, else in `zone`.
fn push_aliases(out: &mut Vec<AliasName>, alias: &Alias, at: &str, zone: Option<String>) {
    let items: Vec<(String, Option<String>, String)> = match alias {
        Alias::Name(n) => vec![(n.clone(), None, at.to_string())],
        Alias::Names(ns) => ns
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), None, format!("{at}[{i}]")))
            .collect(),
        Alias::Args(args) => args
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.clone(), a.hosted_zone.clone(), format!("{at}[{i}]")))
            .collect(),
    };
    for (name, own_zone, field) in items {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if out.iter().any(|a| a.name == name) {
            continue;
        }
        out.push(AliasName {
            name,
            hosted_zone: own_zone.or_else(|| zone.clone()),
            field,
        });
    }
}

/// Whether `w` is served by the public load balancer (a Load Balanced Web Service with
/// `http`), rather than the internal one.
pub fn is_public(w: &Workload) -> bool {
    w.kind == WorkloadType::LoadBalancedWebService
}

/// Whether a certificate for `wildcard`'s names (`*.x`) covers `name`: one label more
/// than `x`.
pub fn covered_by_wildcard(name: &str, base: &str) -> bool {
    name.strip_suffix(base)
        .and_then(|head| head.strip_suffix('.'))
        .is_some_and(|label| !label.is_empty() && !label.contains('.') && label != "*")
}

/// `<env>.<app>.<domain>`: the environment's domain name, as Copilot names it.
pub fn env_domain(app: &str, env: &str, domain: &str) -> String {
    format!("{env}.{app}.{domain}")
}

/// Whether `name` is `domain` or a name under it (`*.example.com`, `www.example.com`).
pub fn in_domain(name: &str, domain: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    name == domain || name.ends_with(&format!(".{domain}"))
}

/// Whether `name` is a valid DNS domain name for `--domain`: two labels or more, each of
/// letters, digits and hyphens (not at either end), at most 63 characters, 253 in all.
pub fn valid_domain(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    name.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_under_the_domain() {
        assert!(in_domain("example.com", "example.com"));
        assert!(in_domain("www.example.com", "example.com"));
        assert!(in_domain("*.app.example.com.", "example.com"));
        assert!(!in_domain("example.org", "example.com"));
        assert!(!in_domain("badexample.com", "example.com"));
        assert!(covered_by_wildcard(
            "web.test.shop.example.com",
            "test.shop.example.com"
        ));
        assert!(!covered_by_wildcard(
            "a.web.test.shop.example.com",
            "test.shop.example.com"
        ));
        assert!(!covered_by_wildcard(
            "test.shop.example.com",
            "test.shop.example.com"
        ));
        assert_eq!(
            env_domain("shop", "test", "example.com"),
            "test.shop.example.com"
        );
    }

    #[test]
    fn domain_names() {
        assert!(valid_domain("example.com"));
        assert!(valid_domain("my-app.example.co.uk"));
        assert!(!valid_domain("example"));
        assert!(!valid_domain("-bad.example.com"));
        assert!(!valid_domain("a..b"));
        assert!(!valid_domain("https://example.com"));
    }
}
