//! The simulated Certificate Transparency log: it signs SCTs over precertificate TBS data
//! (RFC 6962 §3.2) and the CA embeds them as a `SignedCertificateTimestampList` (§3.3).
//!
//! The TLS structures are written here byte by byte because `x509-cert`'s `sct` types use
//! closed enums for the signature algorithm and cannot carry the experimental codes below.
//!
//! **Signature codes** (`SignatureAndHashAlgorithm`, RFC 5246 §7.4.1.4.1):
//! ECDSA: hash = the ECDSA digest (4 = SHA-256 for P-256 as RFC 6962 requires; 5 = SHA-384
//! for P-384, outside RFC 6962), signature 3. Ed25519: hash 8 (intrinsic), signature 7
//! (RFC 8422 §5.1.3). RFC 6962 has no code for any post-quantum or composite algorithm, so
//! pqlab uses hash 8 (intrinsic: the algorithm hashes internally) and a signature code from
//! the TLS **private-use range 224–255**: 224 ML-DSA, 225 SLH-DSA, 226 FN-DSA / Falcon,
//! 227 LMS/HSS, 228 composite ML-DSA, 229 SPHINCS+ r3.1. These are pqlab's own experimental
//! values; no CT log or client assigns them.

use pqlab_algorithms::rand_core::CryptoRng;
use pqlab_algorithms::{AlgorithmInfo, Family};
use sha2::{Digest, Sha256};

use super::PkiError;
use super::keys::{KeyMaterial, RoleKey};
use super::signer_key::SignerKey;
use crate::pki::asn1::to_der;

/// RFC 6962 `SignedCertificateTimestamp` (v1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sct {
    /// SHA-256 of the log's SPKI DER.
    pub log_id: [u8; 32],
    /// Milliseconds since the epoch.
    pub timestamp_ms: u64,
    /// CT extensions (empty).
    pub extensions: Vec<u8>,
    /// TLS HashAlgorithm code.
    pub hash_code: u8,
    /// TLS SignatureAlgorithm code.
    pub signature_code: u8,
    /// The log's signature.
    pub signature: Vec<u8>,
}

/// The `(hash, signature)` codes an SCT from a log with `info`'s key carries (module docs).
#[must_use]
pub fn sct_signature_codes(info: &AlgorithmInfo) -> (u8, u8) {
    match info.family {
        Family::Ecdsa => {
            let hash = match info.oids.signature {
                "1.2.840.10045.4.3.3" => 5,
                "1.2.840.10045.4.3.4" => 6,
                _ => 4,
            };
            (hash, 3)
        }
        Family::EdDsa => (8, 7),
        Family::MlDsa => (8, 224),
        Family::SlhDsa => (8, 225),
        Family::FnDsa | Family::FalconR3 => (8, 226),
        Family::Lms => (8, 227),
        Family::CompositeMlDsa => (8, 228),
        Family::SphincsPlusR3 => (8, 229),
        _ => (8, 255),
    }
}

fn u16_len(len: usize, what: &str) -> Result<[u8; 2], PkiError> {
    u16::try_from(len)
        .map(u16::to_be_bytes)
        .map_err(|_| PkiError::MalformedSct(format!("{what} of {len} bytes exceeds 65535")))
}

impl Sct {
    /// The TLS encoding of the SCT.
    ///
    /// # Errors
    /// [`PkiError::MalformedSct`] for a signature longer than a TLS `opaque<0..2^16-1>`.
    pub fn to_tls(&self) -> Result<Vec<u8>, PkiError> {
        let mut out = vec![0u8];
        out.extend_from_slice(&self.log_id);
        out.extend_from_slice(&self.timestamp_ms.to_be_bytes());
        out.extend_from_slice(&u16_len(self.extensions.len(), "extensions")?);
        out.extend_from_slice(&self.extensions);
        out.push(self.hash_code);
        out.push(self.signature_code);
        out.extend_from_slice(&u16_len(self.signature.len(), "signature")?);
        out.extend_from_slice(&self.signature);
        Ok(out)
    }

    /// Parses one TLS-encoded SCT (the whole input).
    ///
    /// # Errors
    /// [`PkiError::MalformedSct`] naming what is wrong.
    pub fn from_tls(bytes: &[u8]) -> Result<Self, PkiError> {
        let mut r = Reader(bytes);
        let version = r.take(1, "version")?[0];
        if version != 0 {
            return Err(PkiError::MalformedSct(format!(
                "version {version}, expected v1 (0)"
            )));
        }
        let mut log_id = [0u8; 32];
        log_id.copy_from_slice(r.take(32, "log id")?);
        let mut ts = [0u8; 8];
        ts.copy_from_slice(r.take(8, "timestamp")?);
        let ext_len = r.u16("extensions length")?;
        let extensions = r.take(ext_len, "extensions")?.to_vec();
        let hash_code = r.take(1, "hash algorithm")?[0];
        let signature_code = r.take(1, "signature algorithm")?[0];
        let sig_len = r.u16("signature length")?;
        let signature = r.take(sig_len, "signature")?.to_vec();
        if !r.0.is_empty() {
            return Err(PkiError::MalformedSct(format!(
                "{} trailing bytes",
                r.0.len()
            )));
        }
        Ok(Sct {
            log_id,
            timestamp_ms: u64::from_be_bytes(ts),
            extensions,
            hash_code,
            signature_code,
            signature,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], PkiError> {
        if self.0.len() < n {
            return Err(PkiError::MalformedSct(format!("truncated {what}")));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn u16(&mut self, what: &str) -> Result<usize, PkiError> {
        let b = self.take(2, what)?;
        Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
    }
}

/// The data an SCT signs for a precertificate entry (RFC 6962 §3.2 `digitally-signed`
/// struct): `0 ‖ 0 ‖ u64 timestamp ‖ u16 1 (precert_entry) ‖ SHA-256(issuer SPKI) ‖
/// u24 len ‖ TBS ‖ u16 extlen ‖ extensions`.
///
/// # Errors
/// [`PkiError::MalformedSct`] for a TBS longer than 2²⁴−1 bytes.
pub(crate) fn precert_signed_data(
    timestamp_ms: u64,
    issuer_key_hash: &[u8; 32],
    tbs_der: &[u8],
    extensions: &[u8],
) -> Result<Vec<u8>, PkiError> {
    let len = u32::try_from(tbs_der.len())
        .ok()
        .filter(|l| *l < (1 << 24))
        .ok_or_else(|| PkiError::MalformedSct("TBS longer than 2^24-1 bytes".to_owned()))?;
    let mut out = vec![0u8, 0u8];
    out.extend_from_slice(&timestamp_ms.to_be_bytes());
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(issuer_key_hash);
    out.extend_from_slice(&len.to_be_bytes()[1..]);
    out.extend_from_slice(tbs_der);
    out.extend_from_slice(&u16_len(extensions.len(), "extensions")?);
    out.extend_from_slice(extensions);
    Ok(out)
}

/// The extnValue of the SCT list extension: DER OCTET STRING wrapping the TLS
/// `SignedCertificateTimestampList` (`u16 total ‖ (u16 len ‖ SCT)*`).
///
/// # Errors
/// Oversized SCTs.
pub(crate) fn sct_list_extension_value(scts: &[Sct]) -> Result<Vec<u8>, PkiError> {
    let mut list = Vec::new();
    for sct in scts {
        let tls = sct.to_tls()?;
        list.extend_from_slice(&u16_len(tls.len(), "SCT")?);
        list.extend_from_slice(&tls);
    }
    let mut tls_list = u16_len(list.len(), "SCT list")?.to_vec();
    tls_list.extend_from_slice(&list);
    let octets = der::asn1::OctetString::new(tls_list).map_err(|e| PkiError::der("SCT list", e))?;
    to_der("SCT list", &octets)
}

/// Parses the extnValue of the SCT list extension into its SCTs.
///
/// # Errors
/// [`PkiError::Der`] or [`PkiError::MalformedSct`].
pub(crate) fn parse_sct_list(extn_value: &[u8]) -> Result<Vec<Sct>, PkiError> {
    use der::Decode as _;
    let octets = der::asn1::OctetString::from_der(extn_value)
        .map_err(|e| PkiError::der("SignedCertificateTimestampList", e))?;
    let mut r = Reader(octets.as_bytes());
    let total = r.u16("SCT list length")?;
    if total != r.0.len() {
        return Err(PkiError::MalformedSct(format!(
            "list length {total} but {} bytes follow",
            r.0.len()
        )));
    }
    let mut scts = Vec::new();
    while !r.0.is_empty() {
        let len = r.u16("SCT length")?;
        scts.push(Sct::from_tls(r.take(len, "SCT")?)?);
    }
    Ok(scts)
}

/// SHA-256 of the log's SPKI DER (RFC 6962 §3.2 `LogID`).
#[must_use]
pub(crate) fn log_id(spki_der: &[u8]) -> [u8; 32] {
    Sha256::digest(spki_der).into()
}

/// The CT log keys a verifier trusts, each with its `LogID` computed and its key prepared
/// once ([`super::verify::verify_fulcio_leaf_trusting`] finds an SCT's log among them).
#[derive(Debug, Default)]
pub struct CtLogKeys(Vec<CtLogKey>);

#[derive(Debug)]
struct CtLogKey {
    log_id: [u8; 32],
    spki: Vec<u8>,
    /// `None` when the key does not decode: its use decodes it again and fails.
    key: Option<SignerKey>,
}

impl CtLogKeys {
    /// Prepares the logs' keys (SPKI DER each).
    #[must_use]
    pub fn new<'k>(spkis: impl IntoIterator<Item = &'k [u8]>) -> Self {
        Self(
            spkis
                .into_iter()
                .map(|spki| CtLogKey {
                    log_id: log_id(spki),
                    spki: spki.to_vec(),
                    key: SignerKey::new(spki).ok(),
                })
                .collect(),
        )
    }

    /// The key of the log with `log_id` (`None` when no log has it; an error when its key
    /// does not decode).
    pub(crate) fn find(&self, log_id: &[u8; 32]) -> Option<Result<&SignerKey, PkiError>> {
        let log = self.0.iter().find(|l| l.log_id == *log_id)?;
        Some(match &log.key {
            Some(key) => Ok(key),
            None => Err(SignerKey::new(&log.spki)
                .err()
                .unwrap_or_else(|| PkiError::KeyMaterial("CT log key".to_owned()))),
        })
    }
}

/// A simulated CT log: a key and a clock, no Merkle tree (only its SCT promises matter to
/// the certificate).
#[derive(Debug)]
pub struct CtLog {
    key: RoleKey,
    spki_der: Vec<u8>,
    rng: pqlab_algorithms::rng::SeededRng,
}

impl CtLog {
    /// A new log with a fresh `algorithm` key, everything drawn from `seed`.
    ///
    /// # Errors
    /// Unknown algorithm or key generation failure.
    pub fn generate(algorithm: &str, seed: u64) -> Result<Self, PkiError> {
        let mut rng = pqlab_algorithms::rng::seeded(seed);
        let key = RoleKey::generate(algorithm, &mut rng)?;
        Self::with_key(key, rng)
    }

    /// A log from persisted key material; `seed` drives hedged signatures.
    ///
    /// # Errors
    /// Invalid key material.
    pub fn from_material(material: &KeyMaterial, seed: u64) -> Result<Self, PkiError> {
        Self::with_key(
            RoleKey::from_material(material)?,
            pqlab_algorithms::rng::seeded(seed),
        )
    }

    fn with_key(key: RoleKey, rng: pqlab_algorithms::rng::SeededRng) -> Result<Self, PkiError> {
        Ok(CtLog {
            spki_der: key.spki_der()?,
            key,
            rng,
        })
    }

    /// The key material to persist.
    #[must_use]
    pub fn material(&self) -> KeyMaterial {
        self.key.material()
    }

    /// The log's SPKI DER (for the trusted root's `ctlogs[].publicKey.rawBytes`).
    #[must_use]
    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The log id, SHA-256 of the SPKI DER.
    #[must_use]
    pub fn log_id(&self) -> [u8; 32] {
        log_id(&self.spki_der)
    }

    /// The log key's algorithm.
    #[must_use]
    pub fn algorithm(&self) -> &'static AlgorithmInfo {
        self.key.info()
    }

    /// Signs an SCT for a precertificate whose TBS (without the SCT extension) is
    /// `tbs_der`, issued by the CA with `issuer_spki_der`, at `timestamp_ms`.
    ///
    /// # Errors
    /// Signing failure or an oversized TBS.
    pub fn sign_precertificate(
        &mut self,
        issuer_spki_der: &[u8],
        tbs_der: &[u8],
        timestamp_ms: u64,
    ) -> Result<Sct, PkiError> {
        let issuer_key_hash = Sha256::digest(issuer_spki_der).into();
        let data = precert_signed_data(timestamp_ms, &issuer_key_hash, tbs_der, &[])?;
        let rng: &mut dyn CryptoRng = &mut self.rng;
        let signature = self.key.sign(&data, rng)?;
        let (hash_code, signature_code) = sct_signature_codes(self.key.info());
        Ok(Sct {
            log_id: self.log_id(),
            timestamp_ms,
            extensions: Vec::new(),
            hash_code,
            signature_code,
            signature,
        })
    }
}

/// The precertificate TBS of a final certificate (RFC 6962 §3.2): its TBS with the SCT-list
/// extension removed and every other extension kept in order (what
/// `tbs_precertificate_bytes` recomputes in the verifiers, `INTEROP.md`). Spliced from the
/// TBSCertificate DER as received (`tbs`, as [`super::asn1::CertificateBytes::find`] slices
/// it) without decoding it: the other extensions are kept byte for byte and only the lengths
/// of the three enclosing structures (TBSCertificate, `[3]`, Extensions) are written anew.
///
/// # Errors
/// [`PkiError::Der`] when `tbs` is not a TBSCertificate with well-formed extensions.
pub(crate) fn precertificate_tbs_bytes(tbs: &[u8]) -> Result<Vec<u8>, PkiError> {
    splice_out_sct_list(tbs).map_err(|e| PkiError::der("precertificate TBS", e))
}

/// `[3]` EXPLICIT, the tag of a TBSCertificate's extensions (RFC 5280 §4.1).
const EXTENSIONS_TAG: der::Tag = der::Tag::ContextSpecific {
    constructed: true,
    number: der::TagNumber(3),
};

fn splice_out_sct_list(tbs: &[u8]) -> der::Result<Vec<u8>> {
    use der::{Reader, SliceReader, Tag};
    let mut fields = SliceReader::new(contents(tbs, Tag::Sequence)?)?;
    let mut before = Vec::with_capacity(tbs.len());
    let mut extensions = None;
    while !fields.is_finished() {
        let field = fields.tlv_bytes()?;
        if extensions.is_some() {
            // Nothing follows `[3] extensions` in a TBSCertificate.
            return Err(der::ErrorKind::TrailingData {
                decoded: fields.position(),
                remaining: fields.remaining_len(),
            }
            .into());
        }
        if Tag::peek(&SliceReader::new(field)?)? == EXTENSIONS_TAG {
            extensions = Some(field);
        } else {
            before.extend_from_slice(field);
        }
    }
    let Some(extensions) = extensions else {
        return Ok(tbs.to_vec());
    };
    let list = contents(contents(extensions, EXTENSIONS_TAG)?, Tag::Sequence)?;
    let mut kept = Vec::with_capacity(list.len());
    let mut reader = SliceReader::new(list)?;
    while !reader.is_finished() {
        let extension = reader.tlv_bytes()?;
        let oid = SliceReader::new(extension)?.sequence(|r| {
            let oid: der::asn1::ObjectIdentifier = r.decode()?;
            r.read_slice(r.remaining_len())?;
            Ok::<_, der::Error>(oid)
        })?;
        if oid != super::oids::CT_PRECERT_SCTS {
            kept.extend_from_slice(extension);
        }
    }
    append_tlv(&mut before, EXTENSIONS_TAG, &tlv(Tag::Sequence, &kept)?)?;
    tlv(Tag::Sequence, &before)
}

/// The contents of `tlv`, which must be one `tag` element.
fn contents(tlv: &[u8], tag: der::Tag) -> der::Result<&[u8]> {
    use der::{Decode, Reader, SliceReader};
    let mut reader = SliceReader::new(tlv)?;
    let header = der::Header::decode(&mut reader)?;
    header.tag().assert_eq(tag)?;
    let body = reader.read_slice(header.length())?;
    reader.finish()?;
    Ok(body)
}

fn tlv(tag: der::Tag, body: &[u8]) -> der::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() + 8);
    append_tlv(&mut out, tag, body)?;
    Ok(out)
}

fn append_tlv(out: &mut Vec<u8>, tag: der::Tag, body: &[u8]) -> der::Result<()> {
    use der::Encode;
    der::Header::new(tag, der::Length::try_from(body.len())?).encode_to_vec(out)?;
    out.extend_from_slice(body);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::pki::asn1::{self, CertificateBytes};
    use crate::pki::{Authority, OidcIdentity};

    /// The precertificate TBS by re-encoding the decoded TBS without the SCT list: the
    /// oracle for [`precertificate_tbs_bytes`].
    fn precertificate_tbs(cert: &asn1::Certificate) -> Result<Vec<u8>, PkiError> {
        let mut tbs = cert.tbs_certificate.clone();
        tbs.extensions
            .retain(|e| e.extn_id != super::super::oids::CT_PRECERT_SCTS);
        to_der("precertificate TBS", &tbs)
    }

    /// Splicing the SCT list out of the TBS as received gives the precertificate TBS the CA
    /// had the log sign, and what re-encoding the decoded TBS without it gives.
    #[test]
    fn precertificate_tbs_bytes_is_what_the_log_signed() {
        let now = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
        for (ca, leaf) in [
            ("ecdsa-p384-sha384", "ecdsa-p256-sha256"),
            ("ml-dsa-44", "ml-dsa-65"),
            ("fn-dsa-512", "ed25519"),
        ] {
            let mut authority = Authority::generate(ca, ca, 1, now).unwrap();
            let mut log = CtLog::generate(leaf, 2).unwrap();
            let key = RoleKey::generate(leaf, &mut pqlab_algorithms::rng::seeded(3)).unwrap();
            let issued = authority
                .issue_leaf(
                    &OidcIdentity::email("a@example.com", "https://issuer.example"),
                    &key.spki_der().unwrap(),
                    &mut log,
                    now,
                )
                .unwrap();
            let tbs = CertificateBytes::find(&issued.der).unwrap().tbs;
            let spliced = precertificate_tbs_bytes(tbs).unwrap();
            assert_eq!(spliced, issued.precertificate_tbs, "{ca}/{leaf}");
            let decoded = asn1::Certificate::from_der_checked(&issued.der).unwrap();
            assert_eq!(
                spliced,
                precertificate_tbs(&decoded).unwrap(),
                "{ca}/{leaf}"
            );
            // Without the SCT list there is nothing to remove.
            assert_eq!(precertificate_tbs_bytes(&spliced).unwrap(), spliced);
            // Truncated, followed by bytes, or with a field after the extensions: a DER
            // error, no panic.
            let body = contents(tbs, der::Tag::Sequence).unwrap();
            let field_after = tlv(der::Tag::Sequence, &[body, &[0x05, 0x00]].concat()).unwrap();
            for bad in [
                &tbs[..tbs.len() - 1],
                &[tbs, &[0x05, 0x00]].concat()[..],
                &field_after[..],
            ] {
                assert!(matches!(
                    precertificate_tbs_bytes(bad),
                    Err(PkiError::Der { .. })
                ));
            }
        }
    }
}
