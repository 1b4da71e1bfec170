//! "Did you mean": the known name closest to a word the user typed. A leaf module.

/// The known word most similar to `word` by Jaro-Winkler (at least 0.8), as for manifest
/// fields.
pub fn did_you_mean<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (*k, strsim::jaro_winkler(word, k)))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

/// The known name closest to `word`: [`did_you_mean`], or within a small edit distance
/// (`wbe` for `web`), for names of services and environments.
pub fn suggest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    did_you_mean(word, known).or_else(|| {
        let limit = (word.chars().count() / 3).max(1);
        known
            .iter()
            .map(|k| (*k, strsim::osa_distance(word, k)))
            .filter(|(_, d)| *d <= limit)
            .min_by_key(|(_, d)| *d)
            .map(|(k, _)| k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("wbe", &["web", "api"]), Some("web"));
        assert_eq!(suggest("tset", &["test", "prod"]), Some("test"));
        assert_eq!(suggest("staging", &["test", "prod"]), None);
        assert_eq!(did_you_mean("imgae", &["image", "name"]), Some("image"));
    }
}
