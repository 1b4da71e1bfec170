//! Writing files so that a reader or a crash sees the old file or the new one, never half
//! of one, and nothing planted on the way is written through: the new content goes to a
//! temporary file beside the target, created with `create_new` (it fails on any existing
//! name, a link included, so a link cannot send the write elsewhere), then moved into place.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Numbers the temporary files of this process.
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Writes `contents` to `path`, replacing the file (or link) there, if any.
pub fn write_replacing(path: &Path, contents: &[u8], sync: bool) -> io::Result<()> {
    let tmp = write_temp(path, contents, sync)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Writes `contents` to `path`, which must not exist: an `AlreadyExists` error when it
/// does, even when it appears while this runs (the move into place is a hard link, which
/// never replaces).
pub fn write_new(path: &Path, contents: &[u8], sync: bool) -> io::Result<()> {
    let tmp = write_temp(path, contents, sync)?;
    let placed = match std::fs::hard_link(&tmp, path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
            // A file system without hard links: the check and the move are two steps.
            if path.symlink_metadata().is_ok() {
                Err(io::ErrorKind::AlreadyExists.into())
            } else {
                std::fs::rename(&tmp, path)
            }
        }
        linked => linked,
    };
    let _ = std::fs::remove_file(&tmp);
    placed
}

/// Creates a new temporary file beside `path` (a name no file has), writes `contents`,
/// and returns its path. Creates the parent folders first.
fn write_temp(path: &Path, contents: &[u8], sync: bool) -> io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tries = 0;
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.tug-{}-{n}.tmp", std::process::id()));
        match File::options().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(contents)
        .and_then(|()| if sync { file.sync_all() } else { Ok(()) });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/manifest.yml");
        write_new(&path, b"one", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let err = write_new(&path, b"two", true).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_replacing(&path, b"three", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["manifest.yml"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        // A link where the file goes: write_new refuses, write_replacing replaces the link.
        let path = dir.path().join("out.yml");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let err = write_new(&path, b"new", false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        write_replacing(&path, b"new", false).unwrap();
        assert!(!path.is_symlink());
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        // Links planted at every temporary name this process could pick next.
        let next = COUNTER.load(Ordering::Relaxed);
        for n in next..next + 50 {
            let tmp = dir
                .path()
                .join(format!(".other.yml.tug-{}-{n}.tmp", std::process::id()));
            std::os::unix::fs::symlink(&victim, tmp).unwrap();
        }
        write_replacing(&dir.path().join("other.yml"), b"x", false).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(dir.path().join("other.yml")).unwrap(), b"x");
    }
}
