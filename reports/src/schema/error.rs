//! Errors reading a results file.

use std::path::PathBuf;

/// Why a results file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The JSON ends early (a truncated file).
    #[error("truncated JSON at line {line}, column {column}")]
    Truncated {
        /// Line where the input ended.
        line: usize,
        /// Column where the input ended.
        column: usize,
    },
    /// Not JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The top level is not an object with a string `schema_version`.
    #[error("field `schema_version`: missing (not a pqlab results file)")]
    MissingVersion,
    /// A results file of another schema version.
    #[error("field `schema_version`: found {found:?}, this pqlab reads {expected:?}")]
    UnsupportedVersion {
        /// The version in the file.
        found: String,
        /// The version this crate reads.
        expected: &'static str,
    },
    /// A field is missing, unknown or has the wrong type.
    #[error("field `{path}`: {message}")]
    Field {
        /// Dotted path of the field (`profiles[2].bundle.total_bytes`).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// Well-formed, but the figures contradict each other.
    #[error("field `{path}`: {reason}")]
    Invalid {
        /// Dotted path of the field.
        path: String,
        /// What was wrong.
        reason: String,
    },
    /// The results could not be written as JSON.
    #[error("cannot serialise results: {0}")]
    Serialize(String),
}
