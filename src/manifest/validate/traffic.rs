//! The rules for a workload's names and listeners in one environment (its aliases under the
//! application's domain, a protocol version that needs HTTPS, a public service without
//! HTTPS) and for an environment's `ssl_policy`.

use super::*;
use crate::manifest::domain::{aliases, in_domain, nlb_aliases, EnvTraffic};
use crate::suggest::did_you_mean;

/// The security policies an Application Load Balancer's HTTPS listener takes: Elastic Load
/// Balancing's predefined policies ("Security policies for your Application Load Balancer";
/// ALBs take no custom policy), the TLS 1.3 (with their FIPS and post-quantum variants),
/// forward secrecy and TLS families.
pub const ELB_SSL_POLICIES: &[&str] = &[
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-1-2019-08",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-2015-05",
];

/// `http.public.ssl_policy` and `http.private.ssl_policy` name predefined ELB policies.
pub(super) fn ssl_policy_rules(r: &mut Rules<'_>, env: &Environment) {
    let http = env.http.as_ref();
    let policies = [
        (
            "http.public.ssl_policy",
            http.and_then(|h| h.public.as_ref())
                .and_then(|p| p.ssl_policy.as_ref()),
        ),
        (
            "http.private.ssl_policy",
            http.and_then(|h| h.private.as_ref())
                .and_then(|p| p.ssl_policy.as_ref()),
        ),
    ];
    for (at, policy) in policies {
        let Some(policy) = policy else { continue };
        if ELB_SSL_POLICIES.contains(&policy.as_str()) {
            continue;
        }
        let help = match did_you_mean(policy, ELB_SSL_POLICIES) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "use one of Elastic Load Balancing's predefined policies, such as `{}` (the default)",
                ELB_SSL_POLICIES[0]
            ),
        };
        r.error(
            at,
            "bad-ssl-policy",
            format!("`{policy}` is not a security policy of Elastic Load Balancing"),
            help,
        );
    }
}

/// `nlb.alias`: with the application's domain (which `nlb_rules` requires), names under it,
/// where tug creates their records, and none that `http.alias` already points at the
/// Application Load Balancer.
fn nlb_alias_rules(r: &mut Rules<'_>, w: &Workload, traffic: &EnvTraffic) {
    let Some(d) = &traffic.domain else { return };
    let http = aliases(w);
    for a in nlb_aliases(w) {
        if !in_domain(&a.name, d) {
            r.error(
                &a.field,
                "alias-outside-domain",
                format!(
                    "alias `{}` is outside the application's domain `{d}`, where the records of `nlb.alias` go",
                    a.name
                ),
                format!("use a name under `{d}`"),
            );
        } else if let Some(h) = http.iter().find(|h| h.name == a.name) {
            r.error(
                &a.field,
                "duplicate-alias",
                format!(
                    "alias `{}` is also `{}`, which points it at the Application Load Balancer",
                    a.name, h.field
                ),
                "a name has one record, to one load balancer: keep it in one of the two",
            );
        }
    }
}

/// The rules for workload `w` (its effective tree `tree`, read from `src`) in environment
/// `env` whose listeners and domain are `traffic`.
pub fn workload_traffic(
    w: &Workload,
    tree: &Node,
    src: &Arc<SourceFile>,
    env: &str,
    traffic: &EnvTraffic,
) -> Vec<Diagnostic> {
    let mut r = Rules {
        tree,
        src,
        out: Vec::new(),
    };
    nlb_alias_rules(&mut r, w, traffic);
    let Some(HttpOrBool::Config(http)) = &w.http else {
        return r.out;
    };
    let public = w.kind == WorkloadType::LoadBalancedWebService;
    if !public && w.kind != WorkloadType::BackendService {
        return r.out;
    }
    // Without a domain an alias is a host header, and its DNS is the user's.
    if let Some(d) = &traffic.domain {
        for a in aliases(w) {
            if a.hosted_zone.is_some() || in_domain(&a.name, d) {
                continue;
            }
            r.error(
                &a.field,
                "alias-outside-domain",
                format!(
                    "alias `{}` is outside the application's domain `{d}`, and no hosted zone is named for its record",
                    a.name
                ),
                format!(
                    "use a name under `{d}`, or write it as `{{name: {}, hosted_zone: Z...}}` with the id of the hosted zone it belongs in",
                    a.name
                ),
            );
        }
    }
    let https = if public {
        traffic.public_https
    } else {
        traffic.internal_https
    };
    let mut rules = vec![(http.as_ref(), "http".to_string())];
    for (i, rule) in http.additional_rules.iter().flatten().enumerate() {
        rules.push((rule, format!("http.additional_rules[{i}]")));
    }
    if !https {
        for (rule, at) in &rules {
            let Some(v) = rule.version.as_ref().or(http.version.as_ref()) else {
                continue;
            };
            let upper = v.to_ascii_uppercase();
            if !matches!(upper.as_str(), "GRPC" | "HTTP2") {
                continue;
            }
            let field = if rule.version.is_some() {
                format!("{at}.version")
            } else {
                "http.version".to_string()
            };
            let (lb, how) = if public {
                (
                    "public",
                    "give the application a domain (`tug app init --domain`) or list certificates in `http.public.certificates` of the environment",
                )
            } else {
                (
                    "internal",
                    "list certificates in `http.private.certificates` of the environment",
                )
            };
            r.error(
                &field,
                "needs-https",
                format!(
                    "`version: {v}` needs an HTTPS listener, and the {lb} load balancer of environment `{env}` has none"
                ),
                how,
            );
        }
    }
    if !https && http.redirect_to_https.is_some() {
        let span = r.key_span("http.redirect_to_https");
        r.out.push(
            Diagnostic::warning(
                "no-effect",
                format!(
                    "`http.redirect_to_https` has no effect: environment `{env}` serves no HTTPS"
                ),
            )
            .at(r.src, span)
            .help("HTTP is redirected only where the load balancer has a certificate"),
        );
    }
    for (rule, at) in &rules {
        if rule.hosted_zone.is_some() && rule.alias.is_none() && http.alias.is_none() {
            let span = r.key_span(&format!("{at}.hosted_zone"));
            r.out.push(
                Diagnostic::warning(
                    "no-effect",
                    format!("`{at}.hosted_zone` has no effect: it holds the records of `alias`, which is not set"),
                )
                .at(r.src, span)
                .help("add the names to `alias`, or remove `hosted_zone`"),
            );
        }
    }
    if public && !https {
        let span = r.key_span("http");
        r.out.push(
            Diagnostic::warning(
                "no-https",
                format!(
                    "service `{}` is served over plain HTTP: environment `{env}` has no certificate",
                    w.name
                ),
            )
            .at(r.src, span)
            .help("give the application a domain (`tug app init --domain example.com`) or list certificates in the environment's `http.public.certificates`"),
        );
    }
    r.out
}
