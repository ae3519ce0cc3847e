//! The filesystem driver, the embedded default. Objects are files under the log directory at
//! exactly their tlog-tiles names (`DIR/checkpoint`, `DIR/tile/...`), so a static file server
//! can serve the directory as-is. Each write goes to a temporary file under `DIR/.pqlab/tmp`
//! (never served), is fsynced and renamed over the target; [`LogStorage::sync`] fsyncs the
//! directories whose entries changed.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::{LogStorage, StorageError, check_name};

/// Where temporary files live, relative to the log directory (outside `tile/`).
pub const TEMP_DIR: &str = ".pqlab/tmp";

/// Objects stored as files under one directory.
#[derive(Debug)]
pub struct FsStorage {
    root: PathBuf,
    temp: PathBuf,
    counter: u64,
    dirty_dirs: BTreeSet<PathBuf>,
    read_only: bool,
}

fn io(op: &'static str, path: &Path, source: std::io::Error) -> StorageError {
    StorageError::Io {
        op,
        path: path.display().to_string(),
        source,
    }
}

impl FsStorage {
    /// Opens (creating if needed) the log directory `root`, removing temporary files a crash
    /// left behind.
    ///
    /// # Errors
    /// [`StorageError::Io`] when the directories cannot be created or cleaned.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self, StorageError> {
        let root = root.into();
        let temp = root.join(TEMP_DIR);
        fs::create_dir_all(&temp).map_err(|e| io("create", &temp, e))?;
        for entry in fs::read_dir(&temp).map_err(|e| io("list", &temp, e))? {
            let entry = entry.map_err(|e| io("list", &temp, e))?;
            let path = entry.path();
            fs::remove_file(&path).map_err(|e| io("remove", &path, e))?;
        }
        Ok(Self {
            root,
            temp,
            counter: 0,
            dirty_dirs: BTreeSet::new(),
            read_only: false,
        })
    }

    /// Opens `root` for reading only: nothing in the directory is created or removed, and
    /// every write fails.
    #[must_use]
    pub fn open_read_only(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Self {
            temp: root.join(TEMP_DIR),
            root,
            counter: 0,
            dirty_dirs: BTreeSet::new(),
            read_only: true,
        }
    }

    /// The log directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}

fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("sync", dir, e))
}

impl LogStorage for FsStorage {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        check_name(name)?;
        let path = self.root.join(name);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == ErrorKind::NotFound || e.kind() == ErrorKind::NotADirectory => {
                Ok(None)
            }
            Err(e) => Err(io("read", &path, e)),
        }
    }

    fn write(&mut self, name: &str, data: &[u8]) -> Result<(), StorageError> {
        check_name(name)?;
        let target = self.root.join(name);
        if self.read_only {
            return Err(io(
                "write",
                &target,
                std::io::Error::new(ErrorKind::PermissionDenied, "opened read-only"),
            ));
        }
        let parent = target.parent().unwrap_or(&self.root).to_path_buf();
        if !parent.is_dir() {
            fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
            // New directories must reach the disk too: mark every ancestor up to the root.
            let mut dir = parent.as_path();
            while let Some(up) = dir.parent() {
                self.dirty_dirs.insert(up.to_path_buf());
                if up == self.root {
                    break;
                }
                dir = up;
            }
        }
        self.counter += 1;
        let temp = self
            .temp
            .join(format!("{}.{}.tmp", std::process::id(), self.counter));
        let result = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)?;
            file.write_all(data)?;
            file.sync_data()?;
            fs::rename(&temp, &target)
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            return Err(io("write", &target, e));
        }
        self.dirty_dirs.insert(parent);
        Ok(())
    }

    fn sync(&mut self) -> Result<(), StorageError> {
        for dir in std::mem::take(&mut self.dirty_dirs) {
            sync_dir(&dir)?;
        }
        Ok(())
    }
}
