//! The signature verifications a pqlab bundle (certificate, Rekor v2 entry) contains, as bare
//! [`SignatureCheck`]s. [`bundle_signature_checks`] lists those
//! [`super::bundle::Verifier::verify`] performs for each bundle: the leaf certificate's
//! signature, the SCT, each RFC 3161 token, the artifact (or DSSE PAE) signature, and every
//! checkpoint line a verification checks (the log key(s) and, under a witness policy, the
//! witnesses' cosignatures). [`root_signature_checks`] lists those
//! [`super::bundle::Verifier::new`] performs once per trusted root: each CA and TSA chain
//! certificate by the next. Their sums are the floors under the verifier's costs; the
//! benchmarks compare them.

use super::witnesses::Witnesses;
use super::{Check, VerifyError};
use crate::bundle::Bundle;
use crate::bundle::model::Content;
use crate::bundle::trusted_root::TrustedRoot;
use crate::note::{KeyName, Note, NoteVerifier, SignerRole, VerifierKey, signed_message};
use crate::pki::primitives::{
    SignatureCheck, certificate_signature, sct_signature, timestamp_signature,
};

fn bad(detail: impl std::fmt::Display) -> VerifyError {
    VerifyError::new(Check::Bundle, format!("signature checks: {detail}"))
}

/// A checkpoint line's check: the key's signed message and the bare signature.
fn note_check(
    what: String,
    key: &VerifierKey,
    text: &str,
    raw: &[u8],
) -> Result<SignatureCheck, VerifyError> {
    let (algorithm, public_key) = key.algorithm().map_err(bad)?;
    let (timestamp, signature) = if key.sig_type().is_timestamped() {
        let (t, rest) = raw
            .split_at_checked(8)
            .ok_or_else(|| bad("short cosignature"))?;
        let mut be = [0u8; 8];
        be.copy_from_slice(t);
        (u64::from_be_bytes(be), rest)
    } else {
        (0, raw)
    };
    let message = signed_message(key.sig_type(), key.name(), timestamp, text).map_err(bad)?;
    Ok(SignatureCheck {
        what,
        algorithm,
        public_key,
        message,
        signature: signature.to_vec(),
    })
}

/// Every signature verification in `bundle` (signed `artifact`) that verifying it against
/// `root` (and `witnesses`) performs once the trusted root is prepared.
///
/// # Errors
/// [`Check::Bundle`] when the bundle is not a certificate bundle with one Rekor v2 entry or a
/// part does not decode.
pub fn bundle_signature_checks(
    bundle: &Bundle,
    root: &TrustedRoot,
    witnesses: Option<&Witnesses>,
    artifact: &[u8],
) -> Result<Vec<SignatureCheck>, VerifyError> {
    let leaf = bundle
        .material
        .leaf_certificate()
        .ok_or_else(|| bad("no leaf certificate"))?;
    let ca = root
        .certificate_authorities
        .first()
        .ok_or_else(|| bad("no CA"))?;
    let mut checks = Vec::new();
    let issuer = ca.chain.first().ok_or_else(|| bad("empty CA chain"))?;
    checks.push(certificate_signature("leaf certificate", leaf, issuer).map_err(bad)?);
    let ct_log = root.ctlogs.first().ok_or_else(|| bad("no CT log"))?;
    checks.push(sct_signature(leaf, issuer, &ct_log.public_key).map_err(bad)?);
    let tsa = root
        .timestamp_authorities
        .first()
        .ok_or_else(|| bad("no TSA"))?;
    let tsa_leaf = tsa.chain.first().ok_or_else(|| bad("empty TSA chain"))?;
    for response in &bundle.timestamps {
        checks.push(timestamp_signature(response, tsa_leaf).map_err(bad)?);
    }
    let signature = bundle
        .signature_bytes()
        .ok_or_else(|| bad("no signature"))?
        .to_vec();
    let message = match &bundle.content {
        Content::MessageSignature { .. } => artifact.to_vec(),
        Content::Dsse(env) => crate::dsse::pae(&env.payload_type, &env.payload),
    };
    let spki = {
        use der::{Decode as _, Encode as _};
        let cert = x509_cert::Certificate::from_der(leaf).map_err(bad)?;
        cert.tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(bad)?
    };
    let (algorithm, public_key) = pqlab_algorithms::encoding::parse_spki_der(&spki).map_err(bad)?;
    checks.push(SignatureCheck {
        what: "artifact signature".to_owned(),
        algorithm,
        public_key,
        message,
        signature,
    });

    let entry = bundle.tlog_entries.first().ok_or_else(|| bad("no entry"))?;
    let envelope = entry
        .inclusion_proof
        .as_ref()
        .and_then(|p| p.checkpoint.as_deref())
        .ok_or_else(|| bad("no checkpoint"))?;
    let note = Note::parse(envelope).map_err(bad)?;
    let log = root
        .tlogs
        .iter()
        .find(|t| t.log_id == entry.log_id)
        .ok_or_else(|| bad("unknown log"))?;
    let name = KeyName::new(log.origin()).map_err(bad)?;
    for line in &note.signatures {
        let log_key = root.tlogs.iter().find(|t| {
            t.base_url == log.base_url
                && line.name == name
                && t.log_id.get(..4) == Some(&line.key_id.0[..])
        });
        if let Some(t) = log_key {
            let (algorithm, key) =
                pqlab_algorithms::encoding::parse_spki_der(&t.public_key).map_err(bad)?;
            let sig_type = SignerRole::Log.signature_type(algorithm);
            let vkey = VerifierKey::from_public_key(name.clone(), sig_type, algorithm, &key)
                .map_err(bad)?;
            checks.push(note_check(
                "checkpoint signature".to_owned(),
                &vkey,
                note.text(),
                &line.signature,
            )?);
        } else if let Some(w) = witnesses.and_then(|w| w.find(line)) {
            checks.push(note_check(
                format!("cosignature of {}", line.name),
                NoteVerifier::key(w),
                note.text(),
                &line.signature,
            )?);
        }
    }
    Ok(checks)
}

/// The signature verifications preparing `root` performs: in every CA and TSA chain, each
/// certificate by the next (the anchor's self-signature is not checked).
///
/// # Errors
/// [`Check::Bundle`] when a chain certificate does not decode.
pub fn root_signature_checks(root: &TrustedRoot) -> Result<Vec<SignatureCheck>, VerifyError> {
    let mut checks = Vec::new();
    for (what, authorities) in [
        ("CA certificate", &root.certificate_authorities),
        ("TSA certificate", &root.timestamp_authorities),
    ] {
        for authority in authorities {
            for pair in authority.chain.windows(2) {
                if let [subject, issuer] = pair {
                    checks.push(certificate_signature(what, subject, issuer).map_err(bad)?);
                }
            }
        }
    }
    Ok(checks)
}
