//! SHA-256 of every model file, streamed and in parallel (model_signing 1.1.1
//! `_hashing/io.py` `SimpleFileHasher`: 1 MiB reads; `file.py`: a thread pool over the files).
//!
//! Each worker owns one fixed [`CHUNK_SIZE`] buffer and takes the next unhashed file from a
//! shared counter, so memory stays at `workers × CHUNK_SIZE` whatever the file sizes, and a
//! large file does not hold up the small ones behind it.

use std::io::Read;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use super::ModelError;
use super::walk::ModelFile;

/// Bytes read at a time (model_signing's default `chunk_size`, 1 MiB).
pub const CHUNK_SIZE: usize = 1 << 20;

/// The SHA-256 of one file, read through `buffer`.
///
/// # Errors
/// [`ModelError::Io`] naming the file when it cannot be opened or read.
pub fn hash_file(path: &std::path::Path, buffer: &mut [u8]) -> Result<[u8; 32], ModelError> {
    let mut file = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let mut hasher = Sha256::new();
    loop {
        match file.read(buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(buffer.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ModelError::io(path, e)),
        }
    }
    Ok(hasher.finalize().into())
}

/// The SHA-256 of every file, in the order given, on up to `workers` threads.
///
/// # Errors
/// The first [`ModelError::Io`] a worker met; the others stop at their next file.
pub fn hash_files(files: &[ModelFile], workers: usize) -> Result<Vec<[u8; 32]>, ModelError> {
    let workers = workers.clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let first_error: Mutex<Option<ModelError>> = Mutex::new(None);
    let results: Vec<Vec<(usize, [u8; 32])>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut buffer = vec![0u8; CHUNK_SIZE];
                    let mut done = Vec::new();
                    while !failed.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(index) else { break };
                        match hash_file(&file.path, &mut buffer) {
                            Ok(digest) => done.push((index, digest)),
                            Err(e) => {
                                failed.store(true, Ordering::Relaxed);
                                if let Ok(mut slot) = first_error.lock() {
                                    slot.get_or_insert(e);
                                }
                                break;
                            }
                        }
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e);
    }
    let mut digests = vec![[0u8; 32]; files.len()];
    let mut filled = 0;
    for (index, digest) in results.into_iter().flatten() {
        if let Some(slot) = digests.get_mut(index) {
            *slot = digest;
            filled += 1;
        }
    }
    if filled != files.len() {
        // Only a panicking worker (joined as an empty list) leaves a file unhashed.
        return Err(ModelError::io(
            files.first().map(|f| f.path.clone()).unwrap_or_default(),
            std::io::Error::other("a hashing worker failed"),
        ));
    }
    Ok(digests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_hashing_gives_each_file_its_digest_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<ModelFile> = (0..23)
            .map(|i| {
                let path = dir.path().join(format!("f{i}"));
                std::fs::write(&path, vec![u8::try_from(i).unwrap(); i * 1000 + 1]).unwrap();
                ModelFile {
                    name: format!("f{i}"),
                    path,
                }
            })
            .collect();
        for workers in [1, 3, 64] {
            let digests = hash_files(&files, workers).unwrap();
            for (i, d) in digests.iter().enumerate() {
                let expected: [u8; 32] =
                    Sha256::digest(vec![u8::try_from(i).unwrap(); i * 1000 + 1]).into();
                assert_eq!(*d, expected, "file {i} with {workers} workers");
            }
        }
        assert!(hash_files(&[], 4).unwrap().is_empty());
    }

    #[test]
    fn a_missing_file_is_named() {
        let files = [ModelFile {
            name: "gone".into(),
            path: "/nonexistent/pqlab/gone".into(),
        }];
        let err = hash_files(&files, 2).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/pqlab/gone"), "{err}");
    }
}
