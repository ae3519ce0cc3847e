//! The simulated OIDC identity a leaf certificate binds (Fulcio
//! `docs/certificate-specification.md`): a subject that becomes the SAN, and the issuer URL
//! that goes into the `1.3.6.1.4.1.57264.1.1` and `.1.8` extensions. No network: the identity
//! is asserted by the caller, as if the OIDC token had been checked.

use serde::{Deserialize, Serialize};

use super::PkiError;

/// The SAN a leaf certificate carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectName {
    /// An email address (`rfc822Name`), e.g. a Google or GitHub account.
    Email(String),
    /// A URI (`uniformResourceIdentifier`), e.g. a GitHub Actions workflow identity.
    Uri(String),
}

impl SubjectName {
    /// The SAN value.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            SubjectName::Email(s) | SubjectName::Uri(s) => s,
        }
    }
}

/// An OIDC identity: who (SAN) and which issuer vouched for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OidcIdentity {
    /// The SAN.
    pub subject: SubjectName,
    /// The OIDC issuer URL, e.g. `https://oauth2.sigstore.dev/auth`.
    pub issuer: String,
}

impl OidcIdentity {
    /// An email identity.
    #[must_use]
    pub fn email(email: &str, issuer: &str) -> Self {
        OidcIdentity {
            subject: SubjectName::Email(email.to_owned()),
            issuer: issuer.to_owned(),
        }
    }

    /// A URI identity.
    #[must_use]
    pub fn uri(uri: &str, issuer: &str) -> Self {
        OidcIdentity {
            subject: SubjectName::Uri(uri.to_owned()),
            issuer: issuer.to_owned(),
        }
    }

    /// Checks that the identity can be encoded: non-empty ASCII SAN (IA5String), email with
    /// an `@`, URI with a scheme, non-empty issuer.
    ///
    /// # Errors
    /// [`PkiError::Identity`] naming the problem.
    pub fn validate(&self) -> Result<(), PkiError> {
        let san = self.subject.as_str();
        if san.is_empty() || !san.is_ascii() {
            return Err(PkiError::Identity(format!(
                "SAN `{san}` must be non-empty ASCII"
            )));
        }
        match &self.subject {
            SubjectName::Email(e) if !e.contains('@') => {
                return Err(PkiError::Identity(format!("email `{e}` has no @")));
            }
            SubjectName::Uri(u) if !u.contains(':') => {
                return Err(PkiError::Identity(format!("URI `{u}` has no scheme")));
            }
            _ => {}
        }
        if self.issuer.is_empty() {
            return Err(PkiError::Identity("empty OIDC issuer".to_owned()));
        }
        Ok(())
    }
}
