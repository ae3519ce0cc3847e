//! Why an instance could not be created, opened or sign.

use std::path::PathBuf;

/// Every failure of the pipeline, naming the step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// A state file is malformed.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: serde_json::Error,
    },
    /// The directory already holds an instance.
    #[error("{0} already holds a pqlab instance")]
    Exists(PathBuf),
    /// The intermediate, CT log, TSA, checkpoint and witness keys are reloaded from a file
    /// for every signature; a stateful algorithm would reuse one-time keys.
    #[error("{0} is stateful and cannot sign repeatedly from a reloaded key file")]
    Stateful(String),
    /// The profile has no checkpoint key.
    #[error("profile {0} has no checkpoint key")]
    NoCheckpointKey(String),
    /// A key in the state does not decode.
    #[error("key material: {0}")]
    KeyMaterial(String),
    /// A time before 1970 or past what the formats hold.
    #[error("time out of range: {0}")]
    Time(String),
    /// The CA, CT log or TSA failed (including a refused identity).
    #[error("pki: {0}")]
    Pki(#[from] crate::pki::PkiError),
    /// A checkpoint key failed.
    #[error("checkpoint key: {0}")]
    Note(#[from] crate::note::NoteError),
    /// The log failed.
    #[error("log: {0}")]
    Log(#[from] crate::log::LogError),
    /// The log entry could not be built.
    #[error("log entry: {0}")]
    Entry(#[from] crate::entry::EntryError),
    /// The registry refused.
    #[error("algorithm: {0}")]
    Algorithm(#[from] pqlab_algorithms::Error),
    /// The written bundle does not parse back.
    #[error("bundle: {0}")]
    Bundle(#[from] crate::bundle::BundleError),
}
