//! An exclusive advisory lock on a file (`flock`), held by one writer at a time.
//!
//! The lock belongs to the open file description, which a child process shares between its
//! fork and its exec (the descriptor is close-on-exec, but not before the exec). Closing our
//! descriptor while another thread of this process is spawning a command would therefore leave
//! the lock held for a moment by the child, and an immediate re-open by this process would be
//! refused. [`ExclusiveLock`] releases the lock explicitly on drop, which releases it for every
//! descriptor sharing the description.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another holder has the lock.
    Held,
    /// The lock file could not be created or locked.
    Io {
        /// What failed: "create" or "lock".
        op: &'static str,
        /// The error.
        source: std::io::Error,
    },
}

/// An exclusive lock on a file, released when dropped.
#[derive(Debug)]
pub struct ExclusiveLock {
    file: File,
}

impl ExclusiveLock {
    /// Creates `path` if needed (with permissions `mode`) and takes its exclusive lock
    /// without waiting.
    ///
    /// # Errors
    /// [`LockError::Held`] when another holder has it; [`LockError::Io`] otherwise.
    pub fn try_acquire(path: &Path, mode: u32) -> Result<Self, LockError> {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(mode)
            .open(path)
            .map_err(|source| LockError::Io {
                op: "create",
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Self { file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held),
            Err(TryLockError::Error(source)) => Err(LockError::Io { op: "lock", source }),
        }
    }
}

impl Drop for ExclusiveLock {
    fn drop(&mut self) {
        // Best effort: closing the descriptor releases it too, once no child shares it.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_refused_until_first_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let first = ExclusiveLock::try_acquire(&path, 0o600).unwrap();
        assert!(matches!(
            ExclusiveLock::try_acquire(&path, 0o600),
            Err(LockError::Held)
        ));
        drop(first);
        ExclusiveLock::try_acquire(&path, 0o600).unwrap();
    }

    #[test]
    fn released_on_drop_even_while_a_duplicate_descriptor_lives() {
        // A duplicate stands for the copy a child holds between fork and exec.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let first = ExclusiveLock::try_acquire(&path, 0o600).unwrap();
        let duplicate = first.file.try_clone().unwrap();
        drop(first);
        ExclusiveLock::try_acquire(&path, 0o600).unwrap();
        drop(duplicate);
    }
}
