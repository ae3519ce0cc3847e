//! A storage wrapper that "kills the process" after the k-th write: that write and every later
//! one fail, leaving the inner storage exactly as a crash between writes k and k + 1 would.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use pqlab_harness::log::storage::{LogStorage, StorageError};

pub struct FailAfter<S> {
    pub inner: S,
    pub remaining: usize,
    pub writes: usize,
}

impl<S> FailAfter<S> {
    pub fn new(inner: S, allowed_writes: usize) -> Self {
        Self {
            inner,
            remaining: allowed_writes,
            writes: 0,
        }
    }
}

fn killed() -> StorageError {
    StorageError::Io {
        op: "write",
        path: "(injected crash)".into(),
        source: std::io::Error::other("injected crash"),
    }
}

impl<S: LogStorage> LogStorage for FailAfter<S> {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        self.inner.read(name)
    }

    fn write(&mut self, name: &str, data: &[u8]) -> Result<(), StorageError> {
        if self.remaining == 0 {
            return Err(killed());
        }
        self.remaining -= 1;
        self.writes += 1;
        self.inner.write(name, data)
    }

    fn sync(&mut self) -> Result<(), StorageError> {
        if self.remaining == 0 {
            return Err(killed());
        }
        self.inner.sync()
    }
}

/// A fresh directory under cargo's per-test temporary directory.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
