//! Finds `../shared/testdata` from the repository root for tests.
//!
//! A checkout without the corpora still passes its tests: [`corpus`] returns `None` and says
//! on stderr which test skipped and why. When `CI=true`, a missing corpus is a failure
//! instead (it panics), so CI can never pass by skipping.
//!
//! [`oracle`] runs the independent Sigstore verifiers (sigstore-python, `sigstore-verify`) and
//! the reference bundle generator that the interoperability tests use.

pub mod oracle;

use std::path::PathBuf;

/// The repository root (the workspace directory).
#[must_use]
pub fn repository_root() -> PathBuf {
    // This crate lives at `<root>/testsupport`.
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// `../shared/testdata` relative to the repository root, or the directory named by the
/// environment variable `PQLAB_TESTDATA` when that is set (for checkouts elsewhere, such as
/// git worktrees).
#[must_use]
pub fn testdata_root() -> PathBuf {
    match std::env::var_os("PQLAB_TESTDATA") {
        Some(dir) => PathBuf::from(dir),
        None => repository_root().join("..").join("shared").join("testdata"),
    }
}

/// The path of `relative` inside the shared test data, or `None` (with a message on stderr)
/// when it is absent outside CI.
///
/// # Panics
/// When the corpus is missing and the environment variable `CI` is `true`.
#[must_use]
pub fn corpus(test: &str, relative: &str) -> Option<PathBuf> {
    let path = testdata_root().join(relative);
    if path.exists() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "{test}: corpus {} is missing and CI=true: a missing corpus is a failure in CI",
        path.display()
    );
    eprintln!(
        "{test}: SKIPPED: corpus {} not found (checkout without ../shared/testdata)",
        path.display()
    );
    None
}
