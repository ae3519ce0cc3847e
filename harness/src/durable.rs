//! Durable, atomic replacement of a small file (key files, a log's configuration): write a
//! temporary file beside it, fsync, rename over it, fsync the directory. After a crash at any
//! point the file holds its old bytes or its new ones, never a mix; a crash before the rename
//! leaves `FILE.tmp`, which the next replacement overwrites. Each step is a
//! [`crate::crash_point`].

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` (created with permission bits `mode`), durably and atomically.
///
/// # Errors
/// The failed I/O operation and the file it concerned; `path` then still holds its old bytes
/// (unless only the final directory fsync failed).
pub fn replace_file(path: &Path, bytes: &[u8], mode: u32) -> Result<(), (PathBuf, std::io::Error)> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(".tmp");
    let temp = PathBuf::from(temp);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let on = |p: &Path| {
        let p = p.to_path_buf();
        move |e| (p, e)
    };
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode)
        .open(&temp)
        .map_err(on(&temp))?;
    file.write_all(bytes).map_err(on(&temp))?;
    crate::crash_point::reached("file: temporary file written");
    file.sync_all().map_err(on(&temp))?;
    crate::crash_point::reached("file: temporary file synced");
    fs::rename(&temp, path).map_err(on(path))?;
    crate::crash_point::reached("file: renamed");
    File::open(&dir)
        .and_then(|d| d.sync_all())
        .map_err(on(&dir))?;
    crate::crash_point::reached("file: directory synced");
    Ok(())
}
