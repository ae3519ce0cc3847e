//! The signature verifications inside certificates, SCTs and RFC 3161 tokens, as bare
//! `(algorithm, key, message, signature)` tuples: what a bundle verification costs in
//! signature checks alone, for the benchmarks that compare full verification with the sum of
//! its primitives (RFC 5280 §4.1.1.3, RFC 6962 §3.2, RFC 5652 §5.4).

use cms::signed_data::SignedData;
use der::{Decode, Encode};
use pqlab_algorithms::encoding;
use pqlab_algorithms::registry::Algorithm;

use super::asn1::{Certificate, CertificateBytes, TimeStampResp};
use super::{PkiError, ct};

/// One signature verification.
#[derive(Debug, Clone)]
pub struct SignatureCheck {
    /// What is signed (`leaf certificate`, `SCT`, ...).
    pub what: String,
    /// The signer's algorithm.
    pub algorithm: &'static Algorithm,
    /// The raw public key.
    pub public_key: Vec<u8>,
    /// The signed message.
    pub message: Vec<u8>,
    /// The signature.
    pub signature: Vec<u8>,
}

impl SignatureCheck {
    /// Verifies with the algorithm's default implementation (the one the verifier uses).
    ///
    /// # Errors
    /// The algorithm's error when the signature does not verify.
    pub fn verify(&self) -> Result<(), pqlab_algorithms::Error> {
        self.algorithm.default_implementation().verify(
            &self.public_key,
            &self.message,
            &[],
            &self.signature,
        )
    }
}

fn check(
    what: &str,
    spki: &[u8],
    message: Vec<u8>,
    signature: Vec<u8>,
) -> Result<SignatureCheck, PkiError> {
    let (algorithm, public_key) = encoding::parse_spki_der(spki)?;
    Ok(SignatureCheck {
        what: what.to_owned(),
        algorithm,
        public_key,
        message,
        signature,
    })
}

/// `cert_der`'s signature by `issuer_der`'s key, over its TBSCertificate.
///
/// # Errors
/// DER or key errors.
pub fn certificate_signature(
    what: &str,
    cert_der: &[u8],
    issuer_der: &[u8],
) -> Result<SignatureCheck, PkiError> {
    let cert = Certificate::from_der_checked(cert_der)?;
    let issuer = Certificate::from_der_checked(issuer_der)?;
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|e| PkiError::der("TBSCertificate", e))?;
    check(
        what,
        &issuer.spki_der()?,
        tbs,
        cert.signature.raw_bytes().to_vec(),
    )
}

/// The SCT embedded in `leaf_der`, signed by `ct_log_spki` over the precertificate entry.
///
/// # Errors
/// DER, SCT or key errors; [`PkiError::SctCount`] without exactly one SCT.
pub fn sct_signature(
    leaf_der: &[u8],
    issuer_der: &[u8],
    ct_log_spki: &[u8],
) -> Result<SignatureCheck, PkiError> {
    let leaf = Certificate::from_der_checked(leaf_der)?;
    let issuer = Certificate::from_der_checked(issuer_der)?;
    let ext = leaf
        .extension(super::oids::CT_PRECERT_SCTS)?
        .ok_or(PkiError::SctCount { found: 0 })?;
    let scts = ct::parse_sct_list(ext.extn_value.as_bytes())?;
    let [sct] = scts.as_slice() else {
        return Err(PkiError::SctCount { found: scts.len() });
    };
    let issuer_key_hash: [u8; 32] =
        <sha2::Sha256 as sha2::Digest>::digest(issuer.spki_der()?).into();
    let data = ct::precert_signed_data(
        sct.timestamp_ms,
        &issuer_key_hash,
        &ct::precertificate_tbs_bytes(CertificateBytes::find(leaf_der)?.tbs)?,
        &sct.extensions,
    )?;
    check("SCT", ct_log_spki, data, sct.signature.clone())
}

/// The RFC 3161 token's signature by `tsa_leaf_der`'s key, over its DER signed attributes.
///
/// # Errors
/// DER or key errors.
pub fn timestamp_signature(
    response_der: &[u8],
    tsa_leaf_der: &[u8],
) -> Result<SignatureCheck, PkiError> {
    let resp =
        TimeStampResp::from_der(response_der).map_err(|e| PkiError::der("TimeStampResp", e))?;
    let token = resp.time_stamp_token.ok_or(PkiError::Timestamp {
        check: "timeStampToken",
        reason: "absent".to_owned(),
    })?;
    let sd: SignedData = token
        .content
        .decode_as()
        .map_err(|e| PkiError::der("SignedData", e))?;
    let signer = sd.signer_infos.0.iter().next().ok_or(PkiError::Timestamp {
        check: "signerInfos",
        reason: "none".to_owned(),
    })?;
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or(PkiError::Timestamp {
            check: "signed attributes",
            reason: "absent".to_owned(),
        })?
        .to_der()
        .map_err(|e| PkiError::der("signedAttrs", e))?;
    let leaf = Certificate::from_der_checked(tsa_leaf_der)?;
    check(
        "timestamp token",
        &leaf.spki_der()?,
        attrs,
        signer.signature.as_bytes().to_vec(),
    )
}
