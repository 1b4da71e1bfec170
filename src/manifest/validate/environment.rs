//! The rules for an environment manifest: its name, NAT, VPC and subnets, capacity.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// The semantic rules for an environment manifest.
pub fn environment(env: &Environment, tree: &Node, src: &Arc<SourceFile>) -> Vec<Diagnostic> {
    let mut r = Rules {
        tree,
        src,
        out: Vec::new(),
    };
    if let Err(why) = check_name(&env.name) {
        r.error(
            "name",
            "bad-name",
            format!("`{}` is not a valid environment name: {why}", env.name),
            name_help(&env.name),
        );
    }
    if env.name == crate::names::BOOTSTRAP {
        r.error(
            "name",
            "bad-name",
            "`bootstrap` is not a valid environment name: tug's stack `tug-<app>-bootstrap` \
             holds the application's artifacts bucket"
                .to_string(),
            "rename the environment's folder and its `name`, e.g. `staging`",
        );
    }
    if let Some(nat) = &env.nat {
        if !matches!(nat.as_str(), "per-az" | "single" | "none") {
            r.error(
                "nat",
                "bad-value",
                format!("`nat` must be `per-az`, `single` or `none`, not \"{nat}\""),
                "`per-az` survives an AZ outage; `single` costs less",
            );
        }
    }
    if let Some(vpc) = env.network.as_ref().and_then(|n| n.vpc.as_ref()) {
        vpc_rules(&mut r, vpc);
    }
    subnet_use_rules(&mut r, env);
    super::traffic::ssl_policy_rules(&mut r, env);
    let insights = env.observability.as_ref();
    if let Some(BoolOrString::String(s)) = insights.and_then(|o| o.container_insights.as_ref()) {
        if !matches!(
            s.as_str(),
            "enhanced" | "enabled" | "true" | "disabled" | "false"
        ) {
            r.error(
                "observability.container_insights",
                "bad-value",
                format!("`observability.container_insights` must be true, false or `enhanced`, not \"{s}\""),
                "`enhanced` adds task and container level metrics",
            );
        }
    }
    let mut names = std::collections::BTreeSet::new();
    let subnet_azs = subnet_azs(env);
    for (i, (name, group)) in env.capacity_groups().enumerate() {
        if group.count == Some(0) {
            r.error(
                &format!("capacity[{i}].count"),
                "bad-value",
                "a capacity group needs at least 1 instance".into(),
                "remove the group, or set `count: 1` or more",
            );
        }
        if let Some(azs) = &group.azs {
            if !azs.iter().any(|az| subnet_azs.contains(az)) {
                r.warning(
                    &format!("capacity[{i}].azs"),
                    "not-implemented",
                    format!("`capacity[{i}].azs` is read but not acted on yet: no subnet of the environment names one of these AZs, so the instances go in every private subnet"),
                    "give the subnets their `az` (network.vpc.subnets) to keep the group in these AZs; `tug sim plan` uses `azs` as written",
                );
            }
        }
        if group
            .price
            .is_some_and(|p| !(0.0..=1000.0).contains(&p) || p.is_nan())
        {
            r.error(
                &format!("capacity[{i}].price"),
                "bad-value",
                "`price` must be a number of USD per instance-hour from 0 to 1000".into(),
                "give what one instance of the group costs per hour, such as `price: 0.096`",
            );
        }
        if group.max.is_some_and(|m| m < group.count.unwrap_or(1)) {
            r.error(
                &format!("capacity[{i}].max"),
                "bad-value",
                "`max` is below the group's `count`".into(),
                "set `max` to `count` or more, or remove it (it defaults to `count`)",
            );
        }
        let valid = !name.is_empty()
            && name.len() <= 32
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            r.error(
                &format!("capacity[{i}].name"),
                "bad-value",
                format!("`{name}` is not a capacity group name"),
                "use 1 to 32 letters, digits and hyphens, such as `spot` or `gpu`",
            );
        } else if !names.insert(name.clone()) {
            r.error(
                &format!("capacity[{i}].name"),
                "duplicate-capacity-group",
                format!("two capacity groups are named `{name}`"),
                "give each group its own `name` (workloads choose one with `capacity_provider`)",
            );
        }
    }
    r.out
}

/// The AZs the manifest gives the environment's subnets.
fn subnet_azs(env: &Environment) -> Vec<String> {
    let subnets = env
        .network
        .as_ref()
        .and_then(|n| n.vpc.as_ref())
        .and_then(|v| v.subnets.as_ref());
    subnets
        .into_iter()
        .flat_map(|s| s.public.iter().flatten().chain(s.private.iter().flatten()))
        .filter_map(|s| s.az.clone())
        .collect()
}

/// What needs subnets of a kind the environment does not have: NAT gateways (public) and
/// the load balancers `http.public` and `http.private` ask for.
fn subnet_use_rules(r: &mut Rules<'_>, env: &Environment) {
    let (public, private) = env.has_subnets();
    let nat = env.nat.as_deref();
    if env.creates_vpc() && private && !public && matches!(nat, Some("per-az" | "single")) {
        r.error(
            "nat",
            "needs-subnets",
            "NAT gateways need public subnets, and this VPC has none".into(),
            "add `network.vpc.subnets.public`, or set `nat: none`",
        );
    }
    let http = env.http.as_ref();
    for (kind, wanted, has) in [
        ("public", http.is_some_and(|h| h.public.is_some()), public),
        (
            "private",
            http.is_some_and(|h| h.private.is_some()),
            private,
        ),
    ] {
        if wanted && !has {
            let alb = if kind == "public" {
                "a public"
            } else {
                "an internal"
            };
            r.error_at_key(
                &format!("http.{kind}"),
                "needs-subnets",
                format!("{alb} load balancer needs {kind} subnets, and this VPC has none"),
                format!("add `network.vpc.subnets.{kind}`, or remove `http.{kind}`"),
            );
        }
    }
}

/// The rules for `network.vpc`: `id` and `cidr` exclusive, then those of an imported VPC's
/// subnets or of the VPC and subnets tug creates.
fn vpc_rules(r: &mut Rules<'_>, vpc: &EnvVpc) {
    let subnets = vpc.subnets.clone().unwrap_or_default();
    let public = subnets.public.unwrap_or_default();
    let private = subnets.private.unwrap_or_default();
    if vpc.id.is_some() && vpc.cidr.is_some() {
        r.error_at_key(
            "network.vpc.cidr",
            "exclusive-fields",
            "`network.vpc.id` imports a VPC and `network.vpc.cidr` creates one: set only one"
                .into(),
            "remove `cidr` to import the VPC, or `id` to have tug create it",
        );
        return;
    }
    if vpc.id.is_some() {
        imported_subnet_rules(r, &public, &private);
        return;
    }
    if let Some(cidr) = &vpc.cidr {
        if !is_cidr(cidr) {
            r.error(
                "network.vpc.cidr",
                "bad-cidr",
                format!("\"{cidr}\" is not a CIDR block"),
                "write an IPv4 block such as `10.0.0.0/16`",
            );
        }
    }
    let public_azs = created_subnet_rules(r, "public", &public);
    let private_azs = created_subnet_rules(r, "private", &private);
    let a: BTreeSet<&String> = public_azs.iter().collect();
    let b: BTreeSet<&String> = private_azs.iter().collect();
    if !a.is_empty() && !b.is_empty() && a != b {
        r.error(
            "network.vpc.subnets",
            "az-mismatch",
            "public and private subnets must be in the same Availability Zones".into(),
            format!(
                "public: {}; private: {}",
                a.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                b.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
        );
    }
}

/// The subnets of an imported VPC: each given by `id`, at least 2 of a kind given, and
/// some given at all.
fn imported_subnet_rules(r: &mut Rules<'_>, public: &[EnvSubnet], private: &[EnvSubnet]) {
    for (kind, list) in [("public", public), ("private", private)] {
        for (i, s) in list.iter().enumerate() {
            match &s.id {
                None => r.error(
                    &format!("network.vpc.subnets.{kind}[{i}]"),
                    "missing-field",
                    "an imported VPC's subnets are given by `id`".into(),
                    "write `- id: subnet-0123456789abcdef0`",
                ),
                // The ids reach Scheduled Jobs' state machine definitions (JSON).
                Some(id) if !super::workload::is_id_text(id) => r.error(
                    &format!("network.vpc.subnets.{kind}[{i}].id"),
                    "bad-resource-id",
                    format!("\"{id}\" is not a subnet id"),
                    "write the id as AWS shows it, e.g. `subnet-0123456789abcdef0`",
                ),
                Some(_) => {}
            }
        }
        if list.len() == 1 {
            r.error(
                &format!("network.vpc.subnets.{kind}"),
                "too-few-subnets",
                format!("an imported VPC needs at least 2 {kind} subnets (in 2 AZs), found 1"),
                format!("add another {kind} subnet in a second Availability Zone"),
            );
        }
    }
    if public.is_empty() && private.is_empty() {
        r.error(
            "network.vpc",
            "too-few-subnets",
            "an imported VPC needs its subnets: at least 2 public or 2 private".into(),
            "add `subnets:` with `public:` and/or `private:` lists of `- id: subnet-...`",
        );
    }
}

/// The subnets of one `kind` (public or private) that tug creates: a valid `cidr` and no
/// `id` each, at least 2, `az` on all or none, one per AZ. Returns the AZs given.
fn created_subnet_rules(r: &mut Rules<'_>, kind: &str, list: &[EnvSubnet]) -> Vec<String> {
    let mut kind_azs = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let at = format!("network.vpc.subnets.{kind}[{i}]");
        if s.id.is_some() {
            r.error(
                &format!("{at}.id"),
                "exclusive-fields",
                "a subnet `id` can only be used with an imported VPC (`network.vpc.id`)".into(),
                "give `cidr` and `az` for subnets tug creates",
            );
            continue;
        }
        match &s.cidr {
            Some(c) if !is_cidr(c) => r.error(
                &format!("{at}.cidr"),
                "bad-cidr",
                format!("\"{c}\" is not a CIDR block"),
                "write an IPv4 block such as `10.0.0.0/24`",
            ),
            None => r.error(
                &at,
                "missing-field",
                "a subnet tug creates needs `cidr`".into(),
                "add `cidr: 10.0.4.0/24` (inside the VPC's CIDR)",
            ),
            _ => {}
        }
        if let Some(az) = &s.az {
            kind_azs.push(az.clone());
        }
    }
    if !list.is_empty() && list.len() < 2 {
        r.error(
            &format!("network.vpc.subnets.{kind}"),
            "too-few-subnets",
            format!(
                "at least 2 {kind} subnets are needed (in 2 AZs), found {}",
                list.len()
            ),
            "add a subnet in a second Availability Zone",
        );
    }
    if !kind_azs.is_empty() && kind_azs.len() != list.len() {
        r.error(
            &format!("network.vpc.subnets.{kind}"),
            "missing-field",
            "give `az` for every subnet, or for none".into(),
            "add `az:` to each subnet",
        );
    } else {
        same_az_rules(r, kind, list);
    }
    kind_azs
}

/// Spec: "CIDR count = AZ count >= 2". tug creates one subnet of each kind per
/// Availability Zone, so two subnets of one kind in the same AZ are an error (and subnets
/// all in one AZ never span the 2 AZs a load balancer needs).
fn same_az_rules(r: &mut Rules<'_>, kind: &str, list: &[EnvSubnet]) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in list.iter().enumerate() {
        let Some(az) = s.az.as_deref() else { continue };
        match first.get(az) {
            None => {
                first.insert(az, i);
            }
            Some(&j) => {
                let distinct = list
                    .iter()
                    .filter_map(|s| s.az.as_deref())
                    .collect::<BTreeSet<_>>()
                    .len();
                let help = if distinct < 2 {
                    format!(
                        "the {kind} subnets must span at least 2 Availability Zones: \
                         move this one to another AZ"
                    )
                } else {
                    format!(
                        "tug creates one {kind} subnet per Availability Zone: \
                         move this one to another AZ, or remove it"
                    )
                };
                r.error(
                    &format!("network.vpc.subnets.{kind}[{i}].az"),
                    "duplicate-az",
                    format!(
                        "a second {kind} subnet in `{az}` \
                         (the first is `network.vpc.subnets.{kind}[{j}]`)"
                    ),
                    help,
                );
            }
        }
    }
}
