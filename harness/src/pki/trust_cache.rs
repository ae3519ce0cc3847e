//! What a verifier computes once from its trusted root's certificates rather than for every
//! bundle: each certificate decoded, its public key prepared ([`SignerKey`]), the SHA-256 of
//! its DER (the RFC 5035 ESS certHash of a TSA certificate, on first use), and the signature
//! of each chain certificate by the next one verified (signature and algorithm match, as
//! chain building checks them; RFC 5280 §6.1.3 (a)(1)). Chain building then takes a held
//! certificate as decoded and a held link's signature as verified; every certificate's validity, constraints and usage are still
//! checked at each signing time. What fails here is simply not held, so chain building meets
//! it and reports it as it would without the cache.

use std::borrow::Cow;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::PkiError;
use super::asn1::{Certificate, CertificateBytes};
use super::signer_key::SignerKey;
use super::verify::verify_certificate_signature;

/// A held certificate and what was computed from it.
#[derive(Debug)]
struct Held<'r> {
    /// Borrowed from the trusted root, so that a lookup with the root's own slice is found by
    /// address.
    der: &'r [u8],
    certificate: Certificate,
    /// Computed on first use: only a TSA signer certificate's is ever needed.
    der_sha256: OnceLock<[u8; 32]>,
    /// `None` when the key does not decode: its use then decodes it again and fails.
    key: Option<SignerKey>,
}

/// Decoded certificates and verified (subject, issuer) links, by DER (borrowed from the
/// trusted root for `'r`).
#[derive(Debug, Default)]
pub struct TrustCache<'r> {
    certificates: Vec<Held<'r>>,
    /// Indexes into `certificates`: (subject, issuer).
    links: Vec<(usize, usize)>,
}

impl TrustCache<'static> {
    /// Holds nothing: every certificate is decoded and every signature verified when used.
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }
}

impl<'r> TrustCache<'r> {
    /// Decodes the certificates of `chain` (DER, subject first, root last) and verifies each
    /// by the next.
    pub fn add_chain(&mut self, chain: &'r [Vec<u8>]) {
        let indexes: Vec<Option<usize>> = chain.iter().map(|der| self.hold(der)).collect();
        for pair in indexes.windows(2) {
            let [Some(subject), Some(issuer)] = *pair else {
                continue;
            };
            if self.links.contains(&(subject, issuer)) {
                continue;
            }
            let (Some(s), Some(Held { key: Some(key), .. })) = (
                self.certificates.get(subject),
                self.certificates.get(issuer),
            ) else {
                continue;
            };
            if verify_certificate_signature(s.der, &s.certificate, key).is_ok() {
                self.links.push((subject, issuer));
            }
        }
    }

    /// How many verified links are held.
    #[must_use]
    pub fn verified_links(&self) -> usize {
        self.links.len()
    }

    /// The index of `der` among the held certificates, decoding and adding it when new;
    /// `None` when it does not decode.
    fn hold(&mut self, der: &'r [u8]) -> Option<usize> {
        if let Some(i) = self.index(der) {
            return Some(i);
        }
        let certificate = Certificate::from_der_checked(der).ok()?;
        let key = CertificateBytes::find(der)
            .and_then(|bytes| SignerKey::new(bytes.spki))
            .ok();
        self.certificates.push(Held {
            der,
            certificate,
            der_sha256: OnceLock::new(),
            key,
        });
        Some(self.certificates.len() - 1)
    }

    fn held(&self, der: &[u8]) -> Option<&Held<'r>> {
        self.index(der).and_then(|i| self.certificates.get(i))
    }

    /// Where `der` is held: by address first (the verifier passes the trusted root's own
    /// slices, which the cache borrows), then by content.
    fn index(&self, der: &[u8]) -> Option<usize> {
        self.certificates
            .iter()
            .position(|h| std::ptr::eq(h.der, der))
            .or_else(|| self.certificates.iter().position(|h| h.der == der))
    }

    /// `der` decoded: borrowed when held, decoded now otherwise.
    ///
    /// # Errors
    /// As [`Certificate::from_der_checked`].
    pub(crate) fn decode(&self, der: &[u8]) -> Result<Cow<'_, Certificate>, PkiError> {
        match self.held(der) {
            Some(held) => Ok(Cow::Borrowed(&held.certificate)),
            None => Certificate::from_der_checked(der).map(Cow::Owned),
        }
    }

    /// The public key of `der`'s certificate: held, or decoded now into `slot`.
    ///
    /// # Errors
    /// DER or key errors of a certificate not held.
    pub(crate) fn key<'s>(
        &'s self,
        der: &[u8],
        slot: &'s mut Option<SignerKey>,
    ) -> Result<&'s SignerKey, PkiError> {
        if let Some(key) = self.held(der).and_then(|h| h.key.as_ref()) {
            return Ok(key);
        }
        Ok(slot.insert(SignerKey::new(CertificateBytes::find(der)?.spki)?))
    }

    /// SHA-256 of `der`: held, or computed now.
    pub(crate) fn der_sha256(&self, der: &[u8]) -> [u8; 32] {
        match self.held(der) {
            Some(held) => *held.der_sha256.get_or_init(|| Sha256::digest(der).into()),
            None => Sha256::digest(der).into(),
        }
    }

    /// Whether the signature of `subject_der` by `issuer_der` is held as verified.
    pub(crate) fn verified(&self, subject_der: &[u8], issuer_der: &[u8]) -> bool {
        // A bundle's leaf is never held: its lookup ends the check.
        self.index(subject_der)
            .zip(self.index(issuer_der))
            .is_some_and(|link| self.links.contains(&link))
    }
}
