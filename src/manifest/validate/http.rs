//! The rules for `http` (listener rules) and `nlb`.

use super::*;

pub(super) fn http_rules(r: &mut Rules<'_>, w: &Workload, http: &Http, at: &str) {
    if let Some(v) = &http.version {
        if !matches!(v.to_ascii_uppercase().as_str(), "GRPC" | "HTTP1" | "HTTP2") {
            r.error(
                &format!("{at}.version"),
                "bad-value",
                format!("`{at}.version` must be GRPC, HTTP1 or HTTP2, not \"{v}\""),
                "HTTP1 is the default",
            );
        }
    }
    let aliases = http.alias.as_ref().map_or(0, |a| a.names().len());
    let ips = http.allowed_source_ips.as_ref().map_or(0, Vec::len);
    let conditions = 1 + aliases + ips;
    if conditions > 5 {
        r.error(
            at,
            "too-many-conditions",
            format!(
                "this listener rule would have {conditions} conditions (1 path, {aliases} aliases, {ips} source IPs); a load balancer allows 5"
            ),
            "move some aliases or source IPs to `additional_rules`, or use a wider CIDR",
        );
    }
    for (i, ip) in http.allowed_source_ips.iter().flatten().enumerate() {
        if !is_cidr(ip) {
            r.error(
                &format!("{at}.allowed_source_ips[{i}]"),
                "bad-cidr",
                format!("\"{ip}\" is not a CIDR block"),
                "write an IPv4 block such as `203.0.113.0/24` or `198.51.100.7/32`",
            );
        }
    }
    if let Some(target) = &http.target_container {
        let known =
            w.name == *target || w.sidecars.as_ref().is_some_and(|s| s.contains_key(target));
        if !known {
            r.error(
                &format!("{at}.target_container"),
                "unknown-container",
                format!("`{at}.target_container` names `{target}`, which is not a container of this workload"),
                format!("use `{}` or the name of a sidecar", w.name),
            );
        }
    }
}

pub(super) fn nlb_rules(r: &mut Rules<'_>, nlb: &Nlb, at: &str) {
    let Some(port) = &nlb.port else {
        if at == "nlb" {
            r.error(
                at,
                "missing-field",
                "`nlb` needs a `port`, such as `443/tls` or `8080/tcp`".into(),
                "add `port:` under `nlb`",
            );
        }
        return;
    };
    let ok = PortSpec::Text(port.clone())
        .parse()
        .is_some_and(|(p, proto)| p > 0 && matches!(proto.as_str(), "tcp" | "udp" | "tls"));
    if !ok {
        r.error(
            &format!("{at}.port"),
            "bad-port",
            format!(
                "`{at}.port` must be a port and TCP, UDP or TLS, such as `443/tls`; not \"{port}\""
            ),
            "write `PORT/PROTOCOL`",
        );
    }
}
