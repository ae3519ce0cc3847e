//! Which entries a monitor reports (rekor-monitor `pkg/identity`, FORMATS.md §8):
//!
//! * `hashedrekord` 0.0.2 entries with a certificate: the SAN (email, URI or DNS name) must
//!   match one of the identity regexes and the OIDC issuer (`1.3.6.1.4.1.57264.1.8`, else
//!   `.1.1`) one of the issuer regexes (each list only when given); or the hex SHA-256 of
//!   the certificate DER (or of the public key's SPKI DER, for a key verifier) is one of the
//!   fingerprints.
//! * hash-only identity leaves (`crate::entry::IdentityLeaf`): they hold
//!   `SHA-256(SHA-256(claim))` only, so a regex cannot be evaluated; an identity or issuer
//!   regex that is a plain literal (optionally anchored, `^alice@example\.com$`) is hashed
//!   and compared with the `sub` and `iss` claims. Non-literal regexes never match them
//!   (the CLI says so).

use der::Decode;
use der::asn1::Utf8StringRef;
use regex::Regex;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::pkix::name::GeneralName;

use crate::entry::{HashedRekordV002, IdentityLeaf, VerifierMaterial};

const SAN_OID: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.29.17");
const ISSUER_V1: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.57264.1.1");
const ISSUER_V2: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.57264.1.8");

/// Claim keys of the identity leaf as the pipeline writes them.
const SUBJECT_CLAIM: &[u8] = b"sub";
const ISSUER_CLAIM: &[u8] = b"iss";

/// A criterion that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MatcherError {
    /// A regex that does not compile.
    #[error("regex {pattern:?}: {source}")]
    Regex {
        /// The pattern.
        pattern: String,
        /// The compiler's error.
        #[source]
        source: regex::Error,
    },
    /// A fingerprint that is not 64 hex digits.
    #[error("fingerprint {0:?} is not the hex of a SHA-256 (64 hex digits)")]
    Fingerprint(String),
}

/// A regex and, when it is a plain literal, the literal (for hash-only leaves).
#[derive(Debug, Clone)]
struct Pattern {
    regex: Regex,
    literal: Option<String>,
}

impl Pattern {
    fn new(pattern: &str) -> Result<Self, MatcherError> {
        let regex = Regex::new(pattern).map_err(|source| MatcherError::Regex {
            pattern: pattern.to_owned(),
            source,
        })?;
        Ok(Self {
            regex,
            literal: literal_of(pattern),
        })
    }
}

/// The string a regex matches exactly when it is a literal: `^`/`$` anchors stripped and
/// `\`-escapes of metacharacters resolved; `None` when anything else is left.
#[must_use]
pub fn literal_of(pattern: &str) -> Option<String> {
    let inner = pattern.strip_prefix('^').unwrap_or(pattern);
    let inner = inner.strip_suffix('$').unwrap_or(inner);
    let mut literal = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            literal.push(chars.next()?);
        } else {
            literal.push(c);
        }
    }
    (regex::escape(&literal) == inner).then_some(literal)
}

/// What the monitor looks for.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    identities: Vec<Pattern>,
    issuers: Vec<Pattern>,
    fingerprints: Vec<[u8; 32]>,
}

/// A reported entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Match {
    /// Its index in the log.
    pub index: u64,
    /// `hashedrekord-0.0.2` or `identity-v1`.
    pub shape: &'static str,
    /// The matched identity (SAN, or the literal whose hash is the leaf's `sub` claim).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The OIDC issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The matched fingerprint (hex SHA-256 of the certificate or key DER).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

/// The identity a leaf certificate carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertIdentity {
    /// SAN values (email, URI, DNS).
    pub sans: Vec<String>,
    /// The OIDC issuer.
    pub issuer: Option<String>,
}

/// Reads the SANs and the OIDC issuer of a certificate.
///
/// # Errors
/// A DER error when the certificate or its SAN does not decode.
pub fn cert_identity(der_bytes: &[u8]) -> Result<CertIdentity, der::Error> {
    let cert = Certificate::from_der(der_bytes)?;
    let mut identity = CertIdentity::default();
    let (mut v1, mut v2) = (None, None);
    for ext in cert.tbs_certificate().extensions().into_iter().flatten() {
        let value = ext.extn_value.as_bytes();
        if ext.extn_id == SAN_OID {
            for name in SubjectAltName::from_der(value)?.0 {
                match name {
                    GeneralName::Rfc822Name(s) => identity.sans.push(s.to_string()),
                    GeneralName::UniformResourceIdentifier(s) => {
                        identity.sans.push(s.to_string());
                    }
                    GeneralName::DnsName(s) => identity.sans.push(s.to_string()),
                    _ => {}
                }
            }
        } else if ext.extn_id == ISSUER_V2 {
            v2 = Some(Utf8StringRef::from_der(value)?.to_string());
        } else if ext.extn_id == ISSUER_V1 {
            v1 = Some(String::from_utf8_lossy(value).into_owned());
        }
    }
    identity.issuer = v2.or(v1);
    Ok(identity)
}

fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

impl Matcher {
    /// A matcher for SAN regexes, issuer regexes and hex SHA-256 fingerprints.
    ///
    /// # Errors
    /// [`MatcherError`] naming the bad criterion.
    pub fn new<S: AsRef<str>>(
        identities: &[S],
        issuers: &[S],
        fingerprints: &[S],
    ) -> Result<Self, MatcherError> {
        let patterns = |list: &[S]| {
            list.iter()
                .map(|p| Pattern::new(p.as_ref()))
                .collect::<Result<Vec<_>, _>>()
        };
        let fingerprints = fingerprints
            .iter()
            .map(|f| {
                let f = f.as_ref();
                hex::decode(f.to_ascii_lowercase().replace(':', ""))
                    .ok()
                    .and_then(|b| <[u8; 32]>::try_from(b).ok())
                    .ok_or_else(|| MatcherError::Fingerprint(f.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            identities: patterns(identities)?,
            issuers: patterns(issuers)?,
            fingerprints,
        })
    }

    /// Whether anything is looked for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty() && self.issuers.is_empty() && self.fingerprints.is_empty()
    }

    /// The regexes that cannot match hash-only leaves (not plain literals).
    #[must_use]
    pub fn non_literal_patterns(&self) -> Vec<String> {
        self.identities
            .iter()
            .chain(&self.issuers)
            .filter(|p| p.literal.is_none())
            .map(|p| p.regex.as_str().to_owned())
            .collect()
    }

    fn has_identity_criteria(&self) -> bool {
        !self.identities.is_empty() || !self.issuers.is_empty()
    }

    /// Matches a `hashedrekord` entry.
    ///
    /// # Errors
    /// A DER error when its certificate does not decode.
    pub fn match_hashedrekord(
        &self,
        index: u64,
        entry: &HashedRekordV002,
    ) -> Result<Option<Match>, der::Error> {
        let (der_bytes, cert) = match entry.verifier() {
            VerifierMaterial::X509Certificate(der_bytes) => (der_bytes, true),
            VerifierMaterial::PublicKey(spki) => (spki, false),
        };
        let digest = sha256(der_bytes);
        let fingerprint = self
            .fingerprints
            .contains(&digest)
            .then(|| hex::encode(digest));
        let mut found = Match {
            index,
            shape: "hashedrekord-0.0.2",
            identity: None,
            issuer: None,
            fingerprint,
        };
        if cert && self.has_identity_criteria() {
            let id = cert_identity(der_bytes)?;
            let san = if self.identities.is_empty() {
                id.sans.first().cloned()
            } else {
                id.sans
                    .iter()
                    .find(|s| self.identities.iter().any(|p| p.regex.is_match(s)))
                    .cloned()
            };
            let issuer_ok = self.issuers.is_empty()
                || id
                    .issuer
                    .as_deref()
                    .is_some_and(|i| self.issuers.iter().any(|p| p.regex.is_match(i)));
            let san_ok = self.identities.is_empty() || san.is_some();
            if san_ok && issuer_ok {
                found.identity = san;
                found.issuer = id.issuer;
            }
        }
        Ok(
            (found.identity.is_some() || found.issuer.is_some() || found.fingerprint.is_some())
                .then_some(found),
        )
    }

    /// Matches a hash-only identity leaf by the hashes of the literal criteria.
    #[must_use]
    pub fn match_identity_leaf(&self, index: u64, leaf: &IdentityLeaf) -> Option<Match> {
        if !self.has_identity_criteria() {
            return None;
        }
        let claim = |key: &[u8], patterns: &[Pattern]| -> Option<Option<String>> {
            if patterns.is_empty() {
                return Some(None);
            }
            let key_hash = sha256(&sha256(key));
            patterns
                .iter()
                .filter_map(|p| p.literal.as_ref())
                .find(|lit| {
                    let value_hash = sha256(&sha256(lit.as_bytes()));
                    leaf.claims
                        .iter()
                        .any(|(k, v)| *k == key_hash && *v == value_hash)
                })
                .map(|lit| Some(lit.clone()))
        };
        let identity = claim(SUBJECT_CLAIM, &self.identities)?;
        let issuer = claim(ISSUER_CLAIM, &self.issuers)?;
        Some(Match {
            index,
            shape: "identity-v1",
            identity,
            issuer,
            fingerprint: None,
        })
    }
}
