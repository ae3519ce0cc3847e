//! Key names (c2sp.org/signed-note §"Signatures": non-empty, no Unicode white space, no `+`).

use std::fmt;

use super::NoteError;

/// A validated signed-note key name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyName(String);

impl KeyName {
    /// Validates `name`.
    ///
    /// # Errors
    /// [`NoteError::InvalidKeyName`] when it is empty, contains white space or a `+`.
    pub fn new(name: &str) -> Result<Self, NoteError> {
        let reason = if name.is_empty() {
            Some("empty")
        } else if name.chars().any(char::is_whitespace) {
            Some("contains white space")
        } else if name.contains('+') {
            Some("contains '+'")
        } else if name.chars().any(char::is_control) {
            Some("contains a control character")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(NoteError::InvalidKeyName {
                name: name.to_owned(),
                reason,
            }),
            None => Ok(KeyName(name.to_owned())),
        }
    }

    /// The name.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KeyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
