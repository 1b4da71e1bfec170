//! A scenario file's bytes through the loader `tug sim run` uses, its diagnostics rendered.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tug::diag::SourceFile;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz.yml");
    let diags = match SourceFile::from_bytes(path, "fuzz.yml".into(), bytes.to_vec(), "scenario files") {
        Err(d) => vec![d],
        Ok(src) => match tug::sim::scenario::load(&src) {
            Ok(loaded) => loaded.warnings,
            Err(diags) => diags,
        },
    };
    for d in &diags {
        d.render(false);
    }
});
