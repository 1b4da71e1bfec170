//! Bad input at scale: the manifest and scenario loaders and the cluster query parser fed
//! mutated fixtures (bytes flipped, lines duplicated, deep nesting, huge numbers, odd
//! Unicode, files cut short). Whatever comes in, each gives its result without a panic,
//! every diagnostic points at a real place in the file (its line and column are those of
//! its byte offset) and renders, and each input is done in bounded time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::{any, prop_oneof, proptest, ProptestConfig, Strategy};
use tug::diag::{Diagnostic, SourceFile};
use tug::manifest::{self, Kind, Options};
use tug::sim::query::{Expr, Precedence};

use crate::support;
use crate::support::workspace::tree;

/// Generous for a debug build on a busy machine; the inputs are a few KiB, so even a
/// quadratic path would stay far below it and only a blow-up reaches it.
const BOUND: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
enum Mutation {
    /// Flips one bit of the byte at `at` (modulo the length).
    FlipBit { at: usize, bit: u8 },
    /// Repeats the line holding byte `at` `times` more times.
    DuplicateLine { at: usize, times: usize },
    /// Puts `depth` levels of nesting in front of the line holding byte `at`: flow
    /// brackets, or block maps indented two more spaces each.
    Nest { at: usize, depth: usize, flow: bool },
    /// Replaces the value after the next `: ` from `at` with a number no field can hold.
    HugeNumber { at: usize, which: usize },
    /// Inserts a character that is rarely in a manifest at byte `at`.
    OddUnicode { at: usize, which: usize },
    /// Cuts the file at byte `at`.
    Truncate { at: usize },
}

const HUGE: [&str; 6] = [
    "99999999999999999999999999999999999999999",
    "-9223372036854775809",
    "1e999",
    "0x10000000000000000",
    "340282366920938463463374607431768211456.5",
    "-.inf",
];

const ODD: [&str; 10] = [
    "\u{FEFF}", // byte order mark
    "\u{202E}", // right-to-left override
    "\u{0085}", // next line (a YAML line break)
    "\u{2028}", // line separator
    "\u{0301}", // combining acute accent
    "\u{1F680}",
    "\u{FFFD}",
    "\r",
    "\t",
    "\u{0000}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        (at, 1usize..50).prop_map(|(at, times)| Mutation::DuplicateLine { at, times }),
        (at, 1usize..300, any::<bool>()).prop_map(|(at, depth, flow)| Mutation::Nest {
            at,
            depth,
            flow
        }),
        (at, 0..HUGE.len()).prop_map(|(at, which)| Mutation::HugeNumber { at, which }),
        (at, 0..ODD.len()).prop_map(|(at, which)| Mutation::OddUnicode { at, which }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

/// The start of the line holding byte `at` and the end of that line (after its `\n`).
fn line_around(bytes: &[u8], at: usize) -> (usize, usize) {
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1);
    (start, end)
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match *m {
        Mutation::FlipBit { at, bit } => bytes[at % len] ^= 1 << bit,
        Mutation::DuplicateLine { at, times } => {
            let (start, end) = line_around(bytes, at % len);
            let line = bytes[start..end].to_vec();
            for _ in 0..times {
                bytes.splice(end..end, line.iter().copied());
            }
        }
        Mutation::Nest { at, depth, flow } => {
            let (start, _) = line_around(bytes, at % len);
            let nest: String = if flow {
                "[".repeat(depth) + "1" + &"]".repeat(depth) + "\n"
            } else {
                (0..depth)
                    .map(|d| format!("{}k{d}:\n", "  ".repeat(d)))
                    .collect()
            };
            bytes.splice(start..start, nest.bytes());
        }
        Mutation::HugeNumber { at, which } => {
            let from = at % len;
            if let Some(i) = bytes[from..].windows(2).position(|w| w == b": ") {
                let value = from + i + 2;
                let (_, end) = line_around(bytes, value);
                let end = if bytes[end - 1] == b'\n' {
                    end - 1
                } else {
                    end
                };
                bytes.splice(value..end.max(value), HUGE[which].bytes());
            }
        }
        Mutation::OddUnicode { at, which } => {
            let at = at % len;
            bytes.splice(at..at, ODD[which].bytes());
        }
        Mutation::Truncate { at } => bytes.truncate(at % len),
    }
}

fn fixtures(dir: &str, pick: impl Fn(&Path) -> bool) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![support::root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if pick(&path) {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no fixtures under {dir}");
    out
}

fn is_yaml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "yml")
}

/// The 1-based line and column (in characters) of byte `offset`, lines counted at `\n`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A diagnostic that points into its file points at characters of it, with the line and
/// column of that place, and renders.
fn check_located(d: &Diagnostic, input: &[u8]) {
    if let (Some(src), Some(span)) = (&d.source, d.span) {
        let text = &src.text;
        let end = span.offset + span.len;
        assert!(
            end <= text.len() && text.is_char_boundary(span.offset) && text.is_char_boundary(end),
            "{span:?} is not a place in the {} bytes of text: {}\ninput: {:?}",
            text.len(),
            d.message,
            String::from_utf8_lossy(input)
        );
        assert_eq!(
            (span.line, span.column),
            line_col(text, span.offset),
            "the line and column of {span:?} are not those of its offset: {}\ninput: {:?}",
            d.message,
            String::from_utf8_lossy(input)
        );
    }
    d.render(false);
}

fn load_manifest(bytes: &[u8]) -> Vec<Diagnostic> {
    let loaded = match manifest::parse(Path::new("m.yml"), "m.yml", bytes.to_vec()) {
        Ok(loaded) => loaded,
        Err(d) => return vec![*d],
    };
    match loaded.kind {
        Kind::Environment => manifest::environment(&loaded).1,
        Kind::Workload(_) => {
            let names = loaded.override_names();
            let mut diags = Vec::new();
            for env in std::iter::once(None).chain(names.iter().map(|n| Some(n.as_str()))) {
                let opts = Options {
                    app: "app",
                    env,
                    unset_is_error: false,
                    lookup: &|_| None,
                    root: None,
                    domain: None,
                };
                let (effective, found) = manifest::workload(&loaded, &opts);
                diags.extend(found);
                if let Some(e) = &effective {
                    if let Some(node) = e.tree.get("placement") {
                        diags.extend(tug::sim::scenario::placement(&e.source, node).2);
                    }
                }
            }
            diags
        }
    }
}

fn load_scenario(bytes: &[u8]) -> Vec<Diagnostic> {
    let path = Path::new("s.yml");
    match SourceFile::from_bytes(path, "s.yml".into(), bytes.to_vec(), "scenario files") {
        Err(d) => vec![d],
        Ok(src) => match tug::sim::scenario::load(&src) {
            Ok(loaded) => loaded.warnings,
            Err(diags) => diags,
        },
    }
}

/// Mutates fixture `pick` and loads it: no panic, located diagnostics, bounded time.
fn mutate_and_load(
    fixtures: &[(PathBuf, Vec<u8>)],
    pick: usize,
    mutations: &[Mutation],
    load: fn(&[u8]) -> Vec<Diagnostic>,
) {
    let (path, original) = &fixtures[pick % fixtures.len()];
    let mut bytes = original.clone();
    for m in mutations {
        apply(&mut bytes, m);
    }
    let started = Instant::now();
    let diags = load(&bytes);
    for d in &diags {
        check_located(d, &bytes);
    }
    let took = started.elapsed();
    assert!(
        took < BOUND,
        "{} mutated by {mutations:?} took {took:?}",
        path.display()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_manifests_give_located_diagnostics(
        pick in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        thread_local! {
            static FIXTURES: Vec<(PathBuf, Vec<u8>)> = {
                let mut all = fixtures("tests/ui", is_yaml);
                all.extend(fixtures("examples/hello", |p| p.ends_with("manifest.yml")));
                all
            };
        }
        FIXTURES.with(|f| mutate_and_load(f, pick, &mutations, load_manifest));
    }

    #[test]
    fn mutated_scenarios_give_located_diagnostics(
        pick in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        thread_local! {
            static FIXTURES: Vec<(PathBuf, Vec<u8>)> = fixtures("tests/sim", is_yaml);
        }
        FIXTURES.with(|f| mutate_and_load(f, pick, &mutations, load_scenario));
    }

    #[test]
    fn mutated_queries_parse_or_name_a_column(
        pick in 0..QUERIES.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = QUERIES[pick].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        for precedence in [Precedence::NotAndOr, Precedence::LeftToRight] {
            if let Err(e) = Expr::parse_with(&text, precedence) {
                assert!(
                    (1..=text.chars().count() + 1).contains(&e.column),
                    "{text:?}: {e}"
                );
            }
        }
    }
}

const QUERIES: [&str; 6] = [
    "attribute:ecs.instance-type =~ t2.*",
    "attribute:stack in [prod, qa] and not (task:group == service:web)",
    "runningTasksCount < 2 || agentConnected == true",
    "registeredAt >= 2018-06-18T22:28:28+00:00 and ec2InstanceId != i-1",
    "!(attribute:a exists) && attribute:b !in ['x', \"y\"]",
    "agentVersion > 1.2.0 or attribute:ecs.os-type == linux",
];

/// The issue's case, larger: a map of 1 MB on one line. Reading it took minutes when every
/// key was compared with the earlier ones and every position was found by counting the
/// characters of its line from the start; linear, it takes well under a second, even
/// unoptimised.
#[test]
fn a_one_line_map_of_a_megabyte_is_read_in_linear_time() {
    let entries: Vec<String> = (0..40_000)
        .map(|i| format!("KEY_{i:06}: value-{i:06}-é"))
        .collect();
    let text = format!("{{{}}}\n", entries.join(", "));
    assert!(text.len() > 1_000_000);
    let started = Instant::now();
    let doc = tug::yaml::parse(&text).unwrap();
    let took = started.elapsed();
    assert_eq!(doc.as_map().unwrap().len(), 40_000);
    assert!(took < BOUND, "{took:?}");
    let dup = text.replacen("KEY_039999", "KEY_000000", 1);
    let started = Instant::now();
    let e = tug::yaml::parse(&dup).unwrap_err();
    assert!(started.elapsed() < BOUND);
    assert_eq!(
        e.message,
        "duplicate key `KEY_000000` (first set on line 1)"
    );
}

/// A manifest's `placement` constraint nested too deeply or too long is a located
/// diagnostic of `tug validate` (which places the workspace's tasks), at the expression.
#[test]
fn deep_and_long_member_of_expressions_in_a_manifest_are_located() {
    let deep = "(".repeat(40) + "attribute:a exists" + &")".repeat(40);
    let long = format!("attribute:a in [{}]", vec!["x"; 1100].join(", "));
    for (expression, message) in [(deep, "more than 32 parentheses"), (long, "at most 2000")] {
        let api = format!(
            "name: api\ntype: Backend Service\nimage:\n  location: nginx\nplacement:\n  constraints:\n    - type: memberOf\n      expression: \"{expression}\"\n"
        );
        let ws = tree(&[
            ("tug/.workspace", "application: shop\n"),
            (
                "tug/environments/test/manifest.yml",
                "name: test\ntype: Environment\ncapacity:\n  - type: m5.large\n",
            ),
            ("tug/api/manifest.yml", &api),
        ]);
        let out = support::tug()
            .current_dir(ws.path())
            .args(["validate", "--json"])
            .output()
            .unwrap();
        assert_eq!(support::code(&out), 1, "{}", support::stderr(&out));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let found = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["message"].as_str().unwrap_or("").contains(message))
            .unwrap_or_else(|| panic!("no `{message}` in {report:#}"));
        assert_eq!(found["file"], "tug/api/manifest.yml", "{found:#}");
        assert_eq!(found["line"], 8, "{found:#}");
    }
}

/// A scenario over the size limit is refused with the file and the limit named, having
/// read no more than the limit (a sparse file far larger than memory would allow).
#[test]
fn a_scenario_over_the_size_limit_is_refused_naming_the_file_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 << 30).unwrap();
    let out = support::tug()
        .current_dir(dir.path())
        .args(["sim", "run", "huge.yml"])
        .output()
        .unwrap();
    assert_eq!(support::code(&out), 2);
    let err = support::stderr(&out);
    assert!(
        err.contains("huge.yml is larger than 16 MiB, the limit for scenario files"),
        "{err}"
    );
}
