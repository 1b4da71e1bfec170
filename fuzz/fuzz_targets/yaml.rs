//! The located YAML reader, as manifests and CloudFormation templates use it: any text
//! gives a tree or an error whose span lies inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for result in [tug::yaml::parse(text), tug::yaml::parse_cloudformation(text)] {
        if let Err(e) = result {
            let end = e.span.offset + e.span.len;
            assert!(end <= text.len(), "{e:?} past the end");
            assert!(text.is_char_boundary(e.span.offset) && text.is_char_boundary(end));
        }
    }
});
