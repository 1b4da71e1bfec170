//! The cluster query language parser (`memberOf` expressions): any text parses or gives an
//! error at a column inside it (or just past its end).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tug::sim::query::{Expr, Precedence};

fuzz_target!(|text: &str| {
    for precedence in [Precedence::NotAndOr, Precedence::LeftToRight] {
        if let Err(e) = Expr::parse_with(text, precedence) {
            assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{e:?}");
        }
    }
});
