//! The filesystem driver, the embedded default. Objects are files under the log directory at
//! exactly their tlog-tiles names (`DIR/checkpoint`, `DIR/tile/...`), so a static file server
//! can serve the directory as-is. Each write goes to a temporary file under `DIR/.pqlab/tmp`
//! (never served); [`LogStorage::sync`] fsyncs every staged file (concurrently, so the
//! filesystem journal can group the commits), renames each over its target, then fsyncs the
//! directories whose entries changed. A crash before `sync` leaves only temporary files, which
//! the next [`FsStorage::open`] removes; reads through the driver see staged writes.
//!
//! One writer at a time: [`FsStorage::open`] takes an exclusive lock on `DIR/.pqlab/lock`
//! (held until the driver is dropped, released by the kernel if the process dies) before it
//! removes temporary files, so a second writer, which would delete the first one's staged
//! files and race its checkpoint, is refused with [`StorageError::Locked`]. Read-only opens
//! take no lock: every object they read is replaced atomically.

use std::collections::{BTreeSet, HashMap};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use crate::lockfile::{ExclusiveLock, LockError};

use super::{LogStorage, MAX_OBJECT_BYTES, StorageError, check_name};

/// Where temporary files live, relative to the log directory (outside `tile/`).
pub const TEMP_DIR: &str = ".pqlab/tmp";
/// The writer's lock file, relative to the log directory.
pub const LOCK_PATH: &str = ".pqlab/lock";

/// Objects stored as files under one directory.
#[derive(Debug)]
pub struct FsStorage {
    root: PathBuf,
    temp: PathBuf,
    counter: u64,
    dirty_dirs: BTreeSet<PathBuf>,
    read_only: bool,
    /// Written but not yet synced and renamed: (file, temporary path, target), in write order.
    staged: Vec<(File, PathBuf, PathBuf)>,
    /// Object name → index into `staged` of its latest write.
    staged_names: HashMap<String, usize>,
    /// The open lock file holding the exclusive lock (writers only).
    _lock: Option<ExclusiveLock>,
}

/// How many threads fsync staged files at once.
const SYNC_THREADS: usize = 8;

fn io(op: &'static str, path: &Path, source: std::io::Error) -> StorageError {
    StorageError::Io {
        op,
        path: path.display().to_string(),
        source,
    }
}

impl FsStorage {
    /// Opens (creating if needed) the log directory `root` for writing: locks it, then
    /// removes temporary files a crash left behind.
    ///
    /// # Errors
    /// [`StorageError::Locked`] when another writer holds the lock; [`StorageError::Io`]
    /// when the directories cannot be created, locked or cleaned.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self, StorageError> {
        let root = root.into();
        let temp = root.join(TEMP_DIR);
        fs::create_dir_all(&temp).map_err(|e| io("create", &temp, e))?;
        let lock_path = root.join(LOCK_PATH);
        let lock = ExclusiveLock::try_acquire(&lock_path, 0o644).map_err(|e| match e {
            LockError::Held => StorageError::Locked {
                path: lock_path.display().to_string(),
            },
            LockError::Io { op, source } => io(op, &lock_path, source),
        })?;
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
            staged: Vec::new(),
            staged_names: HashMap::new(),
            _lock: Some(lock),
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
            staged: Vec::new(),
            staged_names: HashMap::new(),
            _lock: None,
        }
    }

    /// The log directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Runs `f` over `items` on up to [`SYNC_THREADS`] threads; the first error wins.
fn parallel<T: Sync>(
    items: &[T],
    f: impl Fn(&T) -> Result<(), StorageError> + Sync,
) -> Result<(), StorageError> {
    if items.len() <= 1 {
        return items.iter().try_for_each(&f);
    }
    let chunk = items.len().div_ceil(SYNC_THREADS);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().try_for_each(&f)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(StorageError::Io {
                        op: "sync",
                        path: String::new(),
                        source: std::io::Error::other("sync thread panicked"),
                    })
                })
            })
            .collect::<Result<Vec<()>, StorageError>>()
            .map(|_| ())
    })
}

fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("sync", dir, e))?;
    crate::crash_point::reached("storage: directory synced");
    Ok(())
}

impl LogStorage for FsStorage {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        check_name(name)?;
        let path = match self.staged_names.get(name) {
            Some(&i) => self.staged[i].1.clone(),
            None => self.root.join(name),
        };
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == ErrorKind::NotFound || e.kind() == ErrorKind::NotADirectory => {
                return Ok(None);
            }
            Err(e) => return Err(io("read", &path, e)),
        };
        // Read at most one byte past the limit, so a huge (or growing) file costs no memory.
        let mut bytes = Vec::new();
        file.take(MAX_OBJECT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io("read", &path, e))?;
        if bytes.len() > MAX_OBJECT_BYTES {
            return Err(StorageError::TooLarge {
                path: path.display().to_string(),
                limit: MAX_OBJECT_BYTES,
            });
        }
        Ok(Some(bytes))
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
            Ok::<File, std::io::Error>(file)
        })();
        match result {
            Ok(file) => {
                self.staged_names.insert(name.to_owned(), self.staged.len());
                self.staged.push((file, temp, target));
                crate::crash_point::reached("storage: temporary file written");
            }
            Err(e) => {
                let _ = fs::remove_file(&temp);
                return Err(io("write", &target, e));
            }
        }
        self.dirty_dirs.insert(parent);
        Ok(())
    }

    fn sync(&mut self) -> Result<(), StorageError> {
        let staged = std::mem::take(&mut self.staged);
        self.staged_names.clear();
        // 1. Every staged file's data reaches the disk (concurrent fsyncs).
        parallel(&staged, |(file, temp, _)| {
            file.sync_data().map_err(|e| io("sync", temp, e))?;
            crate::crash_point::reached("storage: temporary file synced");
            Ok(())
        })?;
        // 2. Publish them in write order.
        for (_, temp, target) in &staged {
            fs::rename(temp, target).map_err(|e| io("rename", target, e))?;
            crate::crash_point::reached("storage: renamed");
        }
        // 3. The renames (and new directories) reach the disk.
        let dirs: Vec<PathBuf> = std::mem::take(&mut self.dirty_dirs).into_iter().collect();
        parallel(&dirs, |dir| sync_dir(dir))
    }
}
