//! Rekor v1 entries in bundles (sigstore-conformance still carries them): the body kinds
//! `hashedrekord` 0.0.1, `dsse` 0.0.1 and `intoto` 0.0.2 checked against the bundle, and the
//! signed entry timestamp (SET) checked against the log key.
//!
//! The SET is an ECDSA signature by the log over the RFC 8785 canonical JSON of
//! `{"body", "integratedTime", "logID", "logIndex"}` (rekor `pkg/api` `VerifySET`), where
//! `body` is the base64 canonicalized body and `logID` the hex log id.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{Check, VerifyError};
use crate::bundle::model::{Content, TlogEntry};
use crate::bundle::trusted_root::TransparencyLog;

fn entry_error(detail: impl Into<String>) -> VerifyError {
    VerifyError::new(Check::LogEntry, detail)
}

fn b64(field: &str, value: &str) -> Result<Vec<u8>, VerifyError> {
    STANDARD
        .decode(value)
        .map_err(|_| entry_error(format!("{field} is not base64")))
}

/// What the verifier holds to compare the entry with.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The bundle's content (message signature or DSSE envelope).
    pub content: &'a Content,
    /// SHA-256 of the artifact, for message signatures.
    pub artifact_sha256: Option<[u8; 32]>,
    /// The leaf certificate DER, or the SPKI DER of a self-managed key.
    pub verifier_der: &'a [u8],
}

/// Decodes the base64 of a PEM block the body holds and returns its DER (leniently, as Go
/// does: see [`super::pem`]).
fn pem_der(field: &str, b64_pem: &str) -> Result<Vec<u8>, VerifyError> {
    let pem = b64(field, b64_pem)?;
    let text =
        std::str::from_utf8(&pem).map_err(|_| entry_error(format!("{field} is not UTF-8 PEM")))?;
    super::pem::decode(text)
        .map(|(_, der)| der)
        .ok_or_else(|| entry_error(format!("{field} is not a PEM block")))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    api_version: String,
    kind: String,
    spec: serde_json::Value,
}

#[derive(Deserialize)]
struct HashValue {
    algorithm: String,
    value: String,
}

#[derive(Deserialize)]
struct HashedRekordSpec {
    data: HashedRekordData,
    signature: HashedRekordSignature,
}

#[derive(Deserialize)]
struct HashedRekordData {
    hash: HashValue,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HashedRekordSignature {
    content: String,
    public_key: PublicKeyContent,
}

#[derive(Deserialize)]
struct PublicKeyContent {
    content: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DsseSpec {
    payload_hash: HashValue,
    signatures: Vec<DsseSignature>,
}

#[derive(Deserialize)]
struct DsseSignature {
    signature: String,
    verifier: String,
}

#[derive(Deserialize)]
struct IntotoSpec {
    content: IntotoContent,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IntotoContent {
    envelope: IntotoEnvelope,
    payload_hash: HashValue,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IntotoEnvelope {
    payload_type: String,
    signatures: Vec<IntotoSignature>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IntotoSignature {
    public_key: String,
    sig: String,
}

fn sha256_hex(field: &str, hash: &HashValue) -> Result<[u8; 32], VerifyError> {
    if hash.algorithm != "sha256" {
        return Err(entry_error(format!(
            "{field}.algorithm is `{}`, expected sha256",
            hash.algorithm
        )));
    }
    let bytes =
        hex::decode(&hash.value).map_err(|_| entry_error(format!("{field}.value is not hex")))?;
    bytes
        .try_into()
        .map_err(|_| entry_error(format!("{field}.value is not 32 bytes")))
}

fn spec<T: serde::de::DeserializeOwned>(body: &Body) -> Result<T, VerifyError> {
    serde_json::from_value(body.spec.clone())
        .map_err(|e| entry_error(format!("{} {} spec: {e}", body.kind, body.api_version)))
}

/// Checks that a Rekor v1 entry's body describes the bundle's signature, artifact and
/// verifier.
///
/// # Errors
/// [`Check::LogEntry`] naming the field that differs or is malformed.
pub fn check_body(entry: &TlogEntry, expected: Expected<'_>) -> Result<(), VerifyError> {
    let body: Body = serde_json::from_slice(&entry.canonicalized_body)
        .map_err(|e| entry_error(format!("canonicalizedBody is not a Rekor entry: {e}")))?;
    if body.kind != entry.kind || body.api_version != entry.version {
        return Err(entry_error(format!(
            "body is {} {}, kindVersion says {} {}",
            body.kind, body.api_version, entry.kind, entry.version
        )));
    }
    match (
        body.kind.as_str(),
        body.api_version.as_str(),
        expected.content,
    ) {
        ("hashedrekord", "0.0.1", Content::MessageSignature { signature, .. }) => {
            let spec: HashedRekordSpec = spec(&body)?;
            let digest = sha256_hex("spec.data.hash", &spec.data.hash)?;
            if Some(digest) != expected.artifact_sha256 {
                return Err(entry_error("spec.data.hash is not the artifact's digest"));
            }
            if b64("spec.signature.content", &spec.signature.content)? != *signature {
                return Err(entry_error(
                    "spec.signature.content is not the bundle's signature",
                ));
            }
            let key = pem_der(
                "spec.signature.publicKey.content",
                &spec.signature.public_key.content,
            )?;
            if key != expected.verifier_der {
                return Err(entry_error(
                    "spec.signature.publicKey is not the bundle's verifier",
                ));
            }
            Ok(())
        }
        ("dsse", "0.0.1", Content::Dsse(envelope)) => {
            let spec: DsseSpec = spec(&body)?;
            let payload_hash = sha256_hex("spec.payloadHash", &spec.payload_hash)?;
            if payload_hash != <[u8; 32]>::from(Sha256::digest(&envelope.payload)) {
                return Err(entry_error(
                    "spec.payloadHash is not the envelope payload's digest",
                ));
            }
            let [logged] = spec.signatures.as_slice() else {
                return Err(entry_error(
                    "spec.signatures must hold exactly one signature",
                ));
            };
            let sig = b64("spec.signatures[0].signature", &logged.signature)?;
            if envelope.signatures.len() != 1 || envelope.signatures[0].sig != sig {
                return Err(entry_error(
                    "spec.signatures[0] is not the envelope's signature",
                ));
            }
            if pem_der("spec.signatures[0].verifier", &logged.verifier)? != expected.verifier_der {
                return Err(entry_error(
                    "spec.signatures[0].verifier is not the bundle's verifier",
                ));
            }
            Ok(())
        }
        ("intoto", "0.0.2", Content::Dsse(envelope)) => {
            let spec: IntotoSpec = spec(&body)?;
            let content = spec.content;
            let payload_hash = sha256_hex("spec.content.payloadHash", &content.payload_hash)?;
            if payload_hash != <[u8; 32]>::from(Sha256::digest(&envelope.payload)) {
                return Err(entry_error(
                    "spec.content.payloadHash is not the payload's digest",
                ));
            }
            if content.envelope.payload_type != envelope.payload_type {
                return Err(entry_error("spec.content.envelope.payloadType differs"));
            }
            let [logged] = content.envelope.signatures.as_slice() else {
                return Err(entry_error(
                    "spec.content.envelope.signatures must hold one signature",
                ));
            };
            // intoto 0.0.2 stores the signature base64-encoded twice.
            let sig = b64(
                "spec.content.envelope.signatures[0].sig",
                &String::from_utf8_lossy(&b64(
                    "spec.content.envelope.signatures[0].sig",
                    &logged.sig,
                )?),
            )?;
            if envelope.signatures.len() != 1 || envelope.signatures[0].sig != sig {
                return Err(entry_error(
                    "spec.content.envelope.signatures[0] is not the envelope's signature",
                ));
            }
            let key = pem_der(
                "spec.content.envelope.signatures[0].publicKey",
                &logged.public_key,
            )?;
            if key != expected.verifier_der {
                return Err(entry_error(
                    "spec.content.envelope.signatures[0].publicKey is not the bundle's verifier",
                ));
            }
            Ok(())
        }
        (kind, version, _) => Err(entry_error(format!(
            "unsupported Rekor v1 entry {kind} {version} for this bundle content"
        ))),
    }
}

/// The bytes a Rekor v1 SET signs: RFC 8785 JSON with keys in code-point order.
#[must_use]
pub fn set_payload(entry: &TlogEntry) -> Vec<u8> {
    // Every value is a JSON string or integer with no characters needing escapes beyond
    // base64 and hex, and the keys are written in sorted order: this is the JCS form.
    format!(
        r#"{{"body":"{}","integratedTime":{},"logID":"{}","logIndex":{}}}"#,
        STANDARD.encode(&entry.canonicalized_body),
        entry.integrated_time.unwrap_or(0),
        hex::encode(&entry.log_id),
        entry.log_index
    )
    .into_bytes()
}

/// Verifies the entry's signed entry timestamp with the log's key.
///
/// # Errors
/// [`Check::InclusionPromise`] when the SET is absent, the key unusable, or the signature
/// does not verify.
pub fn verify_set(entry: &TlogEntry, log: &TransparencyLog) -> Result<(), VerifyError> {
    let err = |detail: String| VerifyError::new(Check::InclusionPromise, detail);
    let set = entry
        .inclusion_promise
        .as_deref()
        .ok_or_else(|| err("the entry has no signed entry timestamp".to_owned()))?;
    if entry.integrated_time.is_none() {
        return Err(err("the entry has no integrated time".to_owned()));
    }
    let (algorithm, key) = pqlab_algorithms::encoding::parse_spki_der(&log.public_key)
        .map_err(|e| err(format!("log key: {e}")))?;
    algorithm
        .default_implementation()
        .verify(&key, &set_payload(entry), b"", set)
        .map_err(|e| err(format!("SET: {e}")))
}
