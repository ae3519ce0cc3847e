//! Strict reading of a results file: syntax, then version, then shape (with the path of the
//! offending field), then the consistency checks of [`super::Results::validate`].

use std::path::Path;

use serde_json::Value;

use super::{Results, SCHEMA_VERSION, SchemaError};

impl Results {
    /// Reads and validates a results file.
    ///
    /// # Errors
    /// [`SchemaError::Io`] when the file cannot be read, else as [`Results::from_json`].
    pub fn from_path(path: &Path) -> Result<Self, SchemaError> {
        let text = std::fs::read_to_string(path).map_err(|source| SchemaError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_json(&text)
    }

    /// Parses and validates results JSON.
    ///
    /// # Errors
    /// [`SchemaError::Truncated`] or [`SchemaError::Syntax`] for malformed JSON,
    /// [`SchemaError::MissingVersion`] / [`SchemaError::UnsupportedVersion`] for another
    /// schema, [`SchemaError::Field`] for a missing, unknown or mistyped field and
    /// [`SchemaError::Invalid`] for contradictory figures.
    pub fn from_json(text: &str) -> Result<Self, SchemaError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            if e.is_eof() {
                SchemaError::Truncated {
                    line: e.line(),
                    column: e.column(),
                }
            } else {
                SchemaError::Syntax {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                }
            }
        })?;
        match value.get("schema_version").and_then(Value::as_str) {
            None => return Err(SchemaError::MissingVersion),
            Some(v) if v != SCHEMA_VERSION => {
                return Err(SchemaError::UnsupportedVersion {
                    found: v.to_owned(),
                    expected: SCHEMA_VERSION,
                });
            }
            Some(_) => {}
        }
        let results: Results = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            SchemaError::Field {
                path,
                message: e.into_inner().to_string(),
            }
        })?;
        results.validate()?;
        Ok(results)
    }
}
