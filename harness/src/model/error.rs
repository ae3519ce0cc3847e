//! Why a model could not be hashed, signed or verified.

use std::fmt;
use std::path::PathBuf;

/// How a model on disk differs from its signed manifest, by file name (as model_signing's
/// `verifying.py` `_get_manifest_diff` reports it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestDiff {
    /// The model's name in the signature.
    pub model_name: String,
    /// Files on disk that the signature does not list.
    pub extra: Vec<String>,
    /// Files the signature lists that are not on disk.
    pub missing: Vec<String>,
    /// Files whose SHA-256 differs.
    pub changed: Vec<String>,
}

impl ManifestDiff {
    /// Whether the model matches its manifest.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.extra.is_empty() && self.missing.is_empty() && self.changed.is_empty()
    }

    /// Every file named by the difference.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.extra
            .iter()
            .chain(&self.missing)
            .chain(&self.changed)
            .map(String::as_str)
    }
}

impl fmt::Display for ManifestDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.extra.is_empty() {
            parts.push(format!(
                "extra files found in model '{}': {}",
                self.model_name,
                self.extra.join(", ")
            ));
        }
        if !self.missing.is_empty() {
            parts.push(format!(
                "missing files in model '{}': {}",
                self.model_name,
                self.missing.join(", ")
            ));
        }
        for name in &self.changed {
            parts.push(format!("hash mismatch for '{name}'"));
        }
        write!(f, "{}", parts.join("; "))
    }
}

/// Every failure of model hashing, signing and verification, naming the file or field.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A symbolic link in the model while symlinks are not allowed (model_signing's default).
    #[error("cannot use '{}' because it is a symlink (allow symlinks to follow it)", .0.display())]
    Symlink(PathBuf),
    /// Neither a regular file nor a directory (a pipe, socket, device or broken symlink).
    #[error("cannot use '{}' as file or directory: a special file, a broken symlink or missing", .0.display())]
    NotFileOrDirectory(PathBuf),
    /// A path under the model whose name is not UTF-8 (the manifest names files in JSON).
    #[error("'{}' has a name that is not UTF-8", .0.display())]
    NonUtf8Name(PathBuf),
    /// The DSSE payload is not a model-transparency statement pqlab can check.
    #[error("model signature payload: {0}")]
    Payload(String),
    /// A serialization or hash the statement asks for that pqlab does not implement.
    #[error("unsupported {what} `{value}` (pqlab implements method files with sha256)")]
    Unsupported {
        /// The field.
        what: &'static str,
        /// Its value.
        value: String,
    },
    /// A resource name that is not a normalized path inside the model (absolute, `..`, empty
    /// or `.` components): it could name a file outside the model directory.
    #[error("resource name `{0}` is not a relative path inside the model")]
    UnsafeResourceName(String),
    /// The same resource twice.
    #[error("resource `{0}` is listed twice")]
    DuplicateResource(String),
    /// The subject digest is not the digest of the listed resources.
    #[error("manifest is inconsistent: root digest is {expected}, the resources hash to {found}")]
    RootDigest {
        /// The subject's digest.
        expected: String,
        /// What the resources hash to.
        found: String,
    },
    /// The model on disk differs from the signed manifest.
    #[error("model does not match its signature: {0}")]
    Mismatch(ManifestDiff),
    /// A key could not be read or is of an unsupported kind.
    #[error("key: {0}")]
    Key(String),
    /// Key mode: the bundle's `publicKey.hint` is not the given key's.
    #[error(
        "key mismatch: the signature's public key hint {found} is not the given key's {expected}"
    )]
    KeyHint {
        /// SHA-256 of the given key's PEM.
        expected: String,
        /// The bundle's hint.
        found: String,
    },
    /// The bundle is not a DSSE bundle of the right shape for the mode.
    #[error("model signature bundle: {0}")]
    Bundle(String),
    /// The DSSE signature does not verify (key mode).
    #[error("signature: {0}")]
    Signature(String),
    /// Sigstore mode: bundle verification failed.
    #[error("bundle verification: {0}")]
    Verify(#[from] crate::verify::VerifyError),
    /// Sigstore mode: the pipeline failed to sign.
    #[error("pipeline: {0}")]
    Pipeline(#[from] crate::pipeline::PipelineError),
    /// The registry refused (key mode signing or verification).
    #[error("algorithm: {0}")]
    Algorithm(#[from] pqlab_algorithms::Error),
}

impl ModelError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ModelError::Io {
            path: path.into(),
            source,
        }
    }
}
