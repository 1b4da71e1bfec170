//! Removing the login folders ([`super::Session`]) on every path out of the process.
//!
//! While a folder lives, Ctrl-C (SIGINT), SIGTERM and SIGHUP first remove every live folder,
//! then go where they went before (the default action, which ends the process, or the
//! handler that was there: the runtime's Ctrl-C). The signal handler only writes the
//! signal's number to a socket; a thread started with the first login reads it, removes the
//! folders, puts the previous handlers back and raises the signal again.
//!
//! SIGKILL cannot be caught, so each login first removes the folders a killed tug left
//! behind: `tug-engine-<pid>-*` folders in the temporary folder, owned by this user, whose
//! process no longer runs.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The start of every login folder's name; the process id follows.
pub(super) const PREFIX: &str = "tug-engine-";

/// The folders of the sessions alive in this process.
struct Live {
    dirs: Vec<PathBuf>,
    #[cfg(unix)]
    handlers: Option<signals::Previous>,
}

static LIVE: Mutex<Live> = Mutex::new(Live {
    dirs: Vec::new(),
    #[cfg(unix)]
    handlers: None,
});

fn live() -> MutexGuard<'static, Live> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Creates a folder with `create` and registers it for removal on a signal. The handlers
/// are in place before the folder exists.
pub(super) fn register<E>(create: impl FnOnce() -> Result<PathBuf, E>) -> Result<PathBuf, E> {
    let mut live = live();
    #[cfg(unix)]
    if live.handlers.is_none() {
        live.handlers = signals::install();
    }
    let made = create();
    if let Ok(dir) = &made {
        live.dirs.push(dir.clone());
    }
    #[cfg(unix)]
    if live.dirs.is_empty() {
        signals::restore(live.handlers.take());
    }
    made
}

/// Removes `dir` and forgets it; the last one puts the previous signal handlers back.
pub(super) fn remove(dir: &Path) {
    let mut live = live();
    let _ = std::fs::remove_dir_all(dir);
    live.dirs.retain(|d| d != dir);
    #[cfg(unix)]
    if live.dirs.is_empty() {
        signals::restore(live.handlers.take());
    }
}

/// Removes the login folders in `base` that a tug process killed before it could remove
/// them left: named `tug-engine-<pid>-...`, a folder (not a link), owned by this user, and
/// `<pid>` no longer running. Best effort: what cannot be read or removed stays.
pub(super) fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.is_dir() && owned_by_me(&meta) && !running(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_me(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

#[cfg(unix)]
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    // EPERM: it runs, as another user.
    alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn owned_by_me(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(not(unix))]
fn running(_: u32) -> bool {
    true
}

#[cfg(unix)]
mod signals {
    use std::io::Read;
    use std::os::fd::IntoRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::sync::OnceLock;

    /// The signals that end a process when nobody handles them.
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// The handlers [`install`] replaced, in the order of [`SIGNALS`].
    pub(super) struct Previous([libc::sigaction; 3]);

    // SAFETY: plain data (function addresses and masks), only read under the LIVE lock.
    unsafe impl Send for Previous {}

    /// The socket the handler writes to; -1 until the reading thread runs.
    static NOTIFY: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_signal(sig: libc::c_int) {
        // Only async-signal-safe calls: write, and errno kept as it was.
        let fd = NOTIFY.load(Ordering::SeqCst);
        if fd >= 0 {
            let errno = std::io::Error::last_os_error();
            let byte = sig as u8;
            // SAFETY: writes one byte from a valid buffer; a full socket drops it, which is
            // fine (a signal is already waiting there).
            unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
            if let Some(code) = errno.raw_os_error() {
                set_errno(code);
            }
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn set_errno(code: libc::c_int) {
        // SAFETY: the thread's own errno.
        unsafe { *libc::__errno_location() = code };
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn set_errno(code: libc::c_int) {
        // SAFETY: the thread's own errno.
        unsafe { *libc::__error() = code };
    }

    /// Starts the reading thread once; false when it could not start.
    fn reader() -> bool {
        static STARTED: OnceLock<bool> = OnceLock::new();
        *STARTED.get_or_init(|| {
            let Ok((mut read, write)) = UnixStream::pair() else {
                return false;
            };
            if write.set_nonblocking(true).is_err() {
                return false;
            }
            let spawned = std::thread::Builder::new()
                .name("tug-signals".into())
                .spawn(move || {
                    let mut byte = [0u8; 1];
                    while read.read_exact(&mut byte).is_ok() {
                        on_signal_thread(libc::c_int::from(byte[0]));
                    }
                });
            if spawned.is_err() {
                return false;
            }
            NOTIFY.store(write.into_raw_fd(), Ordering::SeqCst);
            true
        })
    }

    /// A signal arrived: remove the live folders, put the previous handlers back, and
    /// raise it again for them. With no folder live, the signal came in as the last one
    /// was removed (raised again when its action is the default, to end the process), or
    /// through a handler installed since that chains to this one (which has seen it).
    fn on_signal_thread(sig: libc::c_int) {
        let mut live = super::live();
        let Some(previous) = live.handlers.take() else {
            // SAFETY: reading a signal's disposition, then raising it.
            unsafe {
                let mut current: libc::sigaction = std::mem::zeroed();
                libc::sigaction(sig, std::ptr::null(), &mut current);
                if current.sa_sigaction == libc::SIG_DFL {
                    libc::raise(sig);
                }
            }
            return;
        };
        for dir in live.dirs.drain(..) {
            let _ = std::fs::remove_dir_all(dir);
        }
        restore(Some(previous));
        drop(live);
        // SAFETY: raising a signal; its disposition is the one in place before tug's.
        unsafe { libc::raise(sig) };
    }

    /// Installs the handler for [`SIGNALS`]; returns what it replaced, or `None` when
    /// nothing was installed (no reading thread).
    pub(super) fn install() -> Option<Previous> {
        if !reader() {
            return None;
        }
        // SAFETY: sigaction with a zeroed, then filled, struct; the handler is
        // async-signal-safe.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            let handler: extern "C" fn(libc::c_int) = on_signal;
            action.sa_sigaction = handler as libc::sighandler_t;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: [libc::sigaction; 3] = std::mem::zeroed();
            for (sig, old) in SIGNALS.iter().zip(previous.iter_mut()) {
                libc::sigaction(*sig, &action, old);
            }
            Some(Previous(previous))
        }
    }

    /// Puts back the handlers `install` replaced, where tug's is still the one in place
    /// (a handler installed since chains to tug's and stays).
    pub(super) fn restore(previous: Option<Previous>) {
        let Some(Previous(previous)) = previous else {
            return;
        };
        let ours = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        for (sig, old) in SIGNALS.iter().zip(previous.iter()) {
            // SAFETY: reading, then setting, a signal's disposition.
            unsafe {
                let mut current: libc::sigaction = std::mem::zeroed();
                libc::sigaction(*sig, std::ptr::null(), &mut current);
                if current.sa_sigaction == ours {
                    libc::sigaction(*sig, old, std::ptr::null_mut());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn stale_folders_of_dead_processes_are_removed_and_live_ones_kept() {
        let base = tempfile::tempdir().unwrap();
        // A process that has ended: its id runs no process now.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = base.path().join(format!("{PREFIX}{dead}-0001-0"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("config.json"), r#"{"auths":{"h":{"auth":"x"}}}"#).unwrap();
        let alive = base
            .path()
            .join(format!("{PREFIX}{}-0001-0", std::process::id()));
        std::fs::create_dir(&alive).unwrap();
        let other = base.path().join(format!("not-{PREFIX}{dead}-0001-0"));
        std::fs::create_dir(&other).unwrap();
        // A link named like a folder of a dead process: never followed, never removed.
        let target = base.path().join("target");
        std::fs::create_dir(&target).unwrap();
        let link = base.path().join(format!("{PREFIX}{dead}-0002-0"));
        std::os::unix::fs::symlink(&target, &link).unwrap();

        remove_stale(base.path());
        assert!(!stale.exists(), "the dead process's folder is removed");
        assert!(alive.is_dir(), "a running process's folder stays");
        assert!(other.is_dir() && target.is_dir() && link.is_symlink());
    }
}
