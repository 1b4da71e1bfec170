//! A manifest file's bytes through the loader and every check `tug validate` makes, its
//! diagnostics rendered as a person sees them.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tug::manifest::{self, Kind, Options};

fuzz_target!(|bytes: &[u8]| {
    let diags = match manifest::parse(Path::new("fuzz.yml"), "fuzz.yml", bytes.to_vec()) {
        Err(d) => vec![*d],
        Ok(loaded) => match loaded.kind {
            Kind::Environment => manifest::environment(&loaded).1,
            Kind::Workload(_) => {
                let envs = loaded.override_names();
                let opts = Options {
                    app: "fuzz",
                    env: envs.first().map(String::as_str),
                    unset_is_error: false,
                    lookup: &|_| None,
                    root: None,
                    domain: None,
                };
                let (effective, mut diags) = manifest::workload(&loaded, &opts);
                let placement = effective.as_ref().and_then(|e| e.tree.get("placement"));
                if let (Some(e), Some(node)) = (&effective, placement) {
                    diags.extend(tug::sim::scenario::placement(&e.source, node).2);
                }
                diags
            }
        },
    };
    for d in &diags {
        d.render(false);
    }
});
