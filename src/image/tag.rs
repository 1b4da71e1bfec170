//! The image tag: `--tag`, else the git short SHA (`-dirty` with uncommitted changes), else a
//! UTC timestamp outside git.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use super::ImageError;

/// The tag to push: `flag` when given (checked against the registry's tag rules), else
/// [`default_tag`] for the repository at `repo_root`.
pub fn image_tag(flag: Option<&str>, repo_root: &Path) -> Result<String, ImageError> {
    match flag {
        Some(tag) => {
            check_tag(tag)?;
            Ok(tag.to_string())
        }
        None => Ok(default_tag(repo_root)),
    }
}

/// The git short SHA of `HEAD` in `dir`, with `-dirty` when the work tree has uncommitted
/// changes (untracked files count); outside git (or without git), a UTC timestamp
/// `YYYYMMDDTHHMMSSZ`.
pub fn default_tag(dir: &Path) -> String {
    match git(dir, &["rev-parse", "--short", "HEAD"]) {
        Some(sha) if !sha.is_empty() => {
            let dirty = git(dir, &["status", "--porcelain"]).is_none_or(|s| !s.is_empty());
            if dirty {
                format!("{sha}-dirty")
            } else {
                sha
            }
        }
        _ => timestamp_tag(SystemTime::now()),
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
pub fn timestamp_tag(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    aws_smithy_types::DateTime::from_secs(secs as i64)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default()
        .replace(['-', ':'], "")
}

/// A registry tag: 1 to 128 of `[A-Za-z0-9_.-]`, not starting with `.` or `-`.
pub fn check_tag(tag: &str) -> Result<(), ImageError> {
    let ok = !tag.is_empty()
        && tag.len() <= 128
        && !tag.starts_with(['.', '-'])
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(ImageError::BadTag(tag.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp_tag(UNIX_EPOCH), "19700101T000000Z");
        // 2024-02-29 23:59:59 UTC, a leap day.
        let t = UNIX_EPOCH + Duration::from_secs(1_709_251_199);
        assert_eq!(timestamp_tag(t), "20240229T235959Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
        assert_eq!(timestamp_tag(t), "20260101T000000Z");
    }

    #[test]
    fn tags_follow_the_registry_rules() {
        for good in ["v1", "abc1234-dirty", "1.2.3", "_x", "20260101T000000Z"] {
            assert!(check_tag(good).is_ok(), "{good}");
        }
        for bad in ["", "-x", ".x", "a/b", "a:b", "a b", &"x".repeat(129)] {
            assert!(check_tag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn outside_git_the_tag_is_a_timestamp() {
        let dir = std::env::temp_dir();
        let fake = dir.join(format!("tug-tag-test-{}", std::process::id()));
        std::fs::create_dir_all(&fake).unwrap();
        let tag = default_tag(&fake);
        std::fs::remove_dir_all(&fake).unwrap();
        // /tmp is normally outside any repository.
        if git(&dir, &["rev-parse", "--git-dir"]).is_none() {
            assert!(tag.ends_with('Z') && tag.len() == 16, "{tag}");
        }
    }
}
