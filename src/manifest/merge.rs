//! The `environments.<env>` override merge (specs/copilot-manifest.md, "Override merge
//! rules"): scalars replaced when set, lists replaced, maps merged key by key, and a field
//! that changes shape (int to map, string to map, `false` to map) replaces the old shape.

use crate::yaml::{Node, Value};

/// Keys that are two shapes of one setting: setting one in an override drops the others
/// from the base. Each entry: (the map's key in its parent, the groups of exclusive keys).
const EXCLUSIVE: &[(&str, &[&[&str]])] = &[
    ("image", &[&["build"], &["location"]]),
    // A managed file system's `uid`/`gid`, or an existing one's `id`/`root_dir`/`auth`.
    ("efs", &[&["uid", "gid"], &["id", "root_dir", "auth"]]),
    (
        "count",
        &[
            &["spot"],
            &[
                "range",
                "cpu_percentage",
                "memory_percentage",
                "requests",
                "response_time",
                "queue_delay",
            ],
        ],
    ),
];

/// The groups of mutually exclusive keys for a map found under `key`.
pub fn exclusive_groups(key: &str) -> &'static [&'static [&'static str]] {
    EXCLUSIVE
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, groups)| *groups)
        .unwrap_or(&[])
}

/// Merges `over` into `base`; `key` is the name `base` has in its parent map.
pub fn merge(base: &mut Node, over: &Node, key: &str) {
    match (&mut base.value, &over.value) {
        (_, Value::Null) => {}
        (Value::Map(base_entries), Value::Map(over_entries)) => {
            for group in exclusive_groups(key) {
                let over_sets_group = over_entries.iter().any(|e| group.contains(&e.key.as_str()));
                if over_sets_group {
                    base_entries.retain(|e| {
                        group.contains(&e.key.as_str())
                            || !exclusive_groups(key)
                                .iter()
                                .any(|g| g.contains(&e.key.as_str()))
                    });
                }
            }
            for entry in over_entries {
                match base_entries.iter_mut().find(|e| e.key == entry.key) {
                    Some(existing) => merge(&mut existing.value, &entry.value, &entry.key),
                    None => base_entries.push(entry.clone()),
                }
            }
        }
        _ => *base = over.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    fn merged(base: &str, over: &str) -> serde_json::Value {
        let mut b = parse(base).unwrap();
        merge(&mut b, &parse(over).unwrap(), "");
        b.to_json()
    }

    #[test]
    fn maps_merge_lists_replace_scalars_win() {
        let out = merged(
            "variables: {A: 1, B: 2}\nlist: [1, 2]\ncpu: 256\n",
            "variables: {B: 3, C: 4}\nlist: [9]\ncpu: 512\n",
        );
        assert_eq!(
            out,
            serde_json::json!({"variables": {"A": 1, "B": 3, "C": 4}, "list": [9], "cpu": 512})
        );
    }

    #[test]
    fn shapes_reset_each_other() {
        let out = merged(
            "count: 2\nhttp: false\n",
            "count: {range: 1-3}\nhttp: {path: /}\n",
        );
        assert_eq!(
            out,
            serde_json::json!({"count": {"range": "1-3"}, "http": {"path": "/"}})
        );
        let out = merged(
            "image: {build: ./Dockerfile, port: 80}\n",
            "image: {location: nginx}\n",
        );
        assert_eq!(
            out,
            serde_json::json!({"image": {"port": 80, "location": "nginx"}})
        );
        let out = merged(
            "count: {range: 2-10, cpu_percentage: 70}\n",
            "count: {spot: 5}\n",
        );
        assert_eq!(out, serde_json::json!({"count": {"spot": 5}}));
        // `efs: true` and a map replace each other; inside the map, a managed file
        // system's uid/gid and an existing one's id/root_dir/auth do.
        let out = merged(
            "storage: {volumes: {d: {path: /d, efs: true}}}
",
            "storage: {volumes: {d: {efs: {id: fs-1234abcd}}}}
",
        );
        assert_eq!(
            out,
            serde_json::json!({"storage": {"volumes": {"d": {"path": "/d", "efs": {"id": "fs-1234abcd"}}}}})
        );
        let out = merged(
            "efs: {uid: 1000, gid: 1000}
",
            "efs: {id: fs-1234abcd, root_dir: /x}
",
        );
        assert_eq!(
            out,
            serde_json::json!({"efs": {"id": "fs-1234abcd", "root_dir": "/x"}})
        );
    }

    #[test]
    fn null_override_keeps_the_base() {
        let out = merged("cpu: 256\n", "cpu:\n");
        assert_eq!(out, serde_json::json!({"cpu": 256}));
    }
}
