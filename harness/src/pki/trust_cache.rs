//! What a verifier computes once from its trusted root's certificates rather than for every
//! bundle: each certificate decoded, and the signature of each chain certificate by the next
//! one verified (signature and algorithm match, as chain building checks them; RFC 5280
//! §6.1.3 (a)(1)). Chain building then takes a held certificate as decoded and a held link's
//! signature as verified; every certificate's validity, constraints and usage are still
//! checked at each signing time. What fails here is simply not held, so chain building meets
//! it and reports it as it would without the cache.

use std::borrow::Cow;

use super::PkiError;
use super::asn1::Certificate;
use super::verify::verify_certificate_signature;

/// Decoded certificates and verified (subject, issuer) links, by DER.
#[derive(Debug, Clone, Default)]
pub struct TrustCache {
    certificates: Vec<(Vec<u8>, Certificate)>,
    /// Indexes into `certificates`: (subject, issuer).
    links: Vec<(usize, usize)>,
}

impl TrustCache {
    /// Holds nothing: every certificate is decoded and every signature verified when used.
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }

    /// Decodes the certificates of `chain` (DER, subject first, root last) and verifies each
    /// by the next.
    pub fn add_chain(&mut self, chain: &[Vec<u8>]) {
        let indexes: Vec<Option<usize>> = chain.iter().map(|der| self.hold(der)).collect();
        for pair in indexes.windows(2) {
            let [Some(subject), Some(issuer)] = *pair else {
                continue;
            };
            if self.links.contains(&(subject, issuer)) {
                continue;
            }
            let (Some((_, s)), Some((_, i))) = (
                self.certificates.get(subject),
                self.certificates.get(issuer),
            ) else {
                continue;
            };
            if verify_certificate_signature(s, i).is_ok() {
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
    fn hold(&mut self, der: &[u8]) -> Option<usize> {
        if let Some(i) = self.index(der) {
            return Some(i);
        }
        let certificate = Certificate::from_der_checked(der).ok()?;
        self.certificates.push((der.to_vec(), certificate));
        Some(self.certificates.len() - 1)
    }

    fn index(&self, der: &[u8]) -> Option<usize> {
        self.certificates
            .iter()
            .position(|(d, _)| d.as_slice() == der)
    }

    /// `der` decoded: borrowed when held, decoded now otherwise.
    ///
    /// # Errors
    /// As [`Certificate::from_der_checked`].
    pub(crate) fn decode(&self, der: &[u8]) -> Result<Cow<'_, Certificate>, PkiError> {
        match self.index(der).and_then(|i| self.certificates.get(i)) {
            Some((_, certificate)) => Ok(Cow::Borrowed(certificate)),
            None => Certificate::from_der_checked(der).map(Cow::Owned),
        }
    }

    /// Whether the signature of `subject_der` by `issuer_der` is held as verified.
    pub(crate) fn verified(&self, subject_der: &[u8], issuer_der: &[u8]) -> bool {
        match (self.index(subject_der), self.index(issuer_der)) {
            (Some(s), Some(i)) => self.links.contains(&(s, i)),
            _ => false,
        }
    }
}
