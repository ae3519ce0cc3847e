//! Which files make up a model (model_signing 1.1.1 `_serialization/file.py` `serialize`,
//! `serialization.py` `check_file_or_directory` / `should_ignore`, `hashing.py` `Config.hash`).
//!
//! Every path under the model directory is checked, ignored ones included (as model_signing's
//! `glob("**/*")` does): a symbolic link is an error unless symlinks are allowed, anything that
//! is neither a regular file nor a directory (pipe, socket, device, broken link) is an error.
//! Regular files not under an ignored path are the model's files. With symlinks allowed, a
//! link to a file is hashed as the file it points to (wherever that is) and a link to a
//! directory is not descended (Python's recursive glob does not follow directory links).
//! Directories that cannot be listed are an error (model_signing's glob silently skips them,
//! which signs an incomplete model).
//!
//! Names are POSIX paths relative to the model directory, sorted as Python sorts
//! `PurePosixPath`s: component by component (`a/b` before `a-b`). A model that is a single
//! file has one resource named `.`.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use super::{GIT_PATHS, ModelError};

/// How a model is turned into a manifest: the options of model_signing's `hashing.Config`
/// that pqlab implements (serialization by files, SHA-256).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashingConfig {
    /// Follow symbolic links to files instead of failing on them.
    pub allow_symlinks: bool,
    /// Paths relative to the model (POSIX, normalized) whose files are left out; a directory
    /// leaves out everything under it. Recorded in the statement's `ignore_paths`.
    pub ignore_paths: BTreeSet<String>,
    /// Hashing threads (at least 1).
    pub workers: usize,
}

impl Default for HashingConfig {
    /// model_signing's defaults: no symlinks, the git paths ignored; one worker per core.
    fn default() -> Self {
        HashingConfig {
            allow_symlinks: false,
            ignore_paths: GIT_PATHS.iter().map(|p| (*p).to_owned()).collect(),
            workers: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        }
    }
}

impl HashingConfig {
    /// Ignores `path` (relative to the current directory, or absolute) if it lies inside
    /// `model`, as the model_signing CLI does for `--ignore-paths` and for the signature file
    /// (`_cli.py` `_resolve_ignore_paths`); a path outside the model is dropped.
    pub fn ignore_path(&mut self, model: &Path, path: &Path) {
        let (Some(root), Some(candidate)) = (resolve(model), resolve(path)) else {
            return;
        };
        if let Ok(relative) = candidate.strip_prefix(&root)
            && let Some(name) = posix_name(relative)
            && !name.is_empty()
        {
            self.ignore_paths.insert(name);
        }
    }

    /// Adds ignore paths recorded in a signature (relative POSIX names); names that are not
    /// normalized relative paths could only match nothing and are dropped.
    pub fn ignore_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            if is_normal_name(name) {
                self.ignore_paths.insert(name.to_owned());
            }
        }
    }

    fn ignored(&self, name: &str) -> bool {
        self.ignore_paths.iter().any(|ignored| {
            name == ignored
                || name
                    .strip_prefix(ignored.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

/// One file of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFile {
    /// The resource name: the POSIX path relative to the model (`.` for a single-file model).
    pub name: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// The model's name in the statement: the last component of `model` (model_signing
/// `file.py`: `model_path.name`, or the resolved directory's name for `.` and `..`).
#[must_use]
pub fn model_name(model: &Path) -> String {
    let named = match model.components().next_back() {
        Some(Component::Normal(name)) => Some(name.to_string_lossy().into_owned()),
        _ => None,
    };
    named
        .or_else(|| {
            model
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_default()
}

/// The model's files in manifest order.
///
/// # Errors
/// [`ModelError::Symlink`], [`ModelError::NotFileOrDirectory`], [`ModelError::NonUtf8Name`]
/// naming the path; [`ModelError::Io`] when the model or a directory cannot be read.
pub fn list(model: &Path, config: &HashingConfig) -> Result<Vec<ModelFile>, ModelError> {
    let mut files = Vec::new();
    match check(model, config)? {
        Kind::File => files.push(ModelFile {
            name: ".".to_owned(),
            path: model.to_path_buf(),
        }),
        Kind::Directory => walk(model, "", config, &mut files)?,
        Kind::LinkedDirectory => {}
    }
    files.sort_by(|a, b| compare_names(&a.name, &b.name));
    Ok(files)
}

/// Python's `PurePosixPath` order: by components.
#[must_use]
pub fn compare_names(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

enum Kind {
    File,
    Directory,
    /// A symlink to a directory (symlinks allowed): not descended.
    LinkedDirectory,
}

fn check(path: &Path, config: &HashingConfig) -> Result<Kind, ModelError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| ModelError::io(path, e))?;
    if meta.file_type().is_symlink() {
        if !config.allow_symlinks {
            return Err(ModelError::Symlink(path.to_path_buf()));
        }
        return match std::fs::metadata(path) {
            Ok(target) if target.is_file() => Ok(Kind::File),
            Ok(target) if target.is_dir() => Ok(Kind::LinkedDirectory),
            _ => Err(ModelError::NotFileOrDirectory(path.to_path_buf())),
        };
    }
    if meta.is_file() {
        Ok(Kind::File)
    } else if meta.is_dir() {
        Ok(Kind::Directory)
    } else {
        Err(ModelError::NotFileOrDirectory(path.to_path_buf()))
    }
}

fn walk(
    dir: &Path,
    prefix: &str,
    config: &HashingConfig,
    files: &mut Vec<ModelFile>,
) -> Result<(), ModelError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ModelError::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| ModelError::io(dir, e))?;
        let path = entry.path();
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            return Err(ModelError::NonUtf8Name(path));
        };
        let name = if prefix.is_empty() {
            file_name.to_owned()
        } else {
            format!("{prefix}/{file_name}")
        };
        match check(&path, config)? {
            Kind::File => {
                if !config.ignored(&name) {
                    files.push(ModelFile { name, path });
                }
            }
            Kind::Directory => walk(&path, &name, config, files)?,
            Kind::LinkedDirectory => {}
        }
    }
    Ok(())
}

/// An absolute path with symlinks resolved as far as it exists (Python's non-strict
/// `Path.resolve()`): a file that does not exist yet resolves through its parent.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    if let Ok(real) = absolute.canonicalize() {
        return Some(real);
    }
    let parent = absolute.parent()?;
    let name = absolute.file_name()?;
    Some(resolve(parent)?.join(name))
}

/// `relative` as a POSIX name, if every component is a plain UTF-8 name.
fn posix_name(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// A normalized relative POSIX path: non-empty components, none `.` or `..`, no leading `/`.
#[must_use]
pub fn is_normal_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_component_like_pure_posix_path() {
        let mut names = vec!["a-b", "a/b", "a.txt", "a", "sub/c", "sub/b.bin"];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(names, ["a", "a/b", "a-b", "a.txt", "sub/b.bin", "sub/c"]);
    }

    #[test]
    fn ignore_matches_the_path_and_what_is_under_it() {
        let config = HashingConfig::default();
        assert!(config.ignored(".git"));
        assert!(config.ignored(".git/HEAD"));
        assert!(!config.ignored(".gitx"));
        assert!(!config.ignored("a/.git"));
    }

    #[test]
    fn normal_names() {
        for good in ["a", "a/b", "é/ü.bin", ".hidden"] {
            assert!(is_normal_name(good), "{good}");
        }
        for bad in ["", "/a", "a/", "a//b", "./a", "a/..", "../x", "."] {
            assert!(!is_normal_name(bad), "{bad}");
        }
    }
}
