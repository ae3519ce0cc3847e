//! The bundle (`dev.sigstore.bundle.v1.Bundle`) as validated types, its proto3 JSON form, and
//! the conversion both ways.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::limits;
use super::protojson;

/// Media type of v0.3 bundles as pqlab writes them.
pub const MEDIA_TYPE_V0_3: &str = "application/vnd.dev.sigstore.bundle.v0.3+json";

/// Why a bundle was refused while parsing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The input is larger than [`limits::MAX_BUNDLE_BYTES`] (or another input cap).
    #[error("{what} of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON, or JSON of the wrong shape.
    #[error("malformed JSON at {path}: {message}")]
    MalformedJson {
        /// Path of the offending value (`.` for the document).
        path: String,
        /// The parser's message.
        message: String,
    },
    /// A media type no version of the format has.
    #[error("unknown media type `{0}`")]
    UnknownMediaType(String),
    /// A required field is absent.
    #[error("missing field {0}")]
    MissingField(String),
    /// A field has a value the format does not allow.
    #[error("invalid field {field}: {reason}")]
    InvalidField {
        /// Path of the field.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A list holds more elements than its limit.
    #[error("{field} has {count} elements, more than the limit of {limit}")]
    TooMany {
        /// Path of the list.
        field: String,
        /// How many it has.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// Bundle format versions (told apart by media type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BundleVersion {
    /// v0.1: inclusion promise (SET) required.
    V0_1,
    /// v0.2: inclusion proof required.
    V0_2,
    /// v0.3: a single leaf `certificate` instead of a chain.
    V0_3,
}

impl BundleVersion {
    fn from_media_type(media_type: &str) -> Result<Self, BundleError> {
        match media_type {
            "application/vnd.dev.sigstore.bundle+json;version=0.1" => Ok(Self::V0_1),
            "application/vnd.dev.sigstore.bundle+json;version=0.2" => Ok(Self::V0_2),
            "application/vnd.dev.sigstore.bundle+json;version=0.3" | MEDIA_TYPE_V0_3 => {
                Ok(Self::V0_3)
            }
            other => Err(BundleError::UnknownMediaType(other.to_owned())),
        }
    }
}

/// What the verifier checks the signature with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Material {
    /// A self-managed key, named by a hint (`publicKey.hint`).
    PublicKey {
        /// The hint (may be empty).
        hint: String,
    },
    /// v0.1/v0.2: leaf first, possibly followed by intermediates.
    Chain(Vec<Vec<u8>>),
    /// v0.3: the leaf certificate alone (DER).
    Certificate(Vec<u8>),
}

impl Material {
    /// The leaf certificate DER, if the material carries one.
    #[must_use]
    pub fn leaf_certificate(&self) -> Option<&[u8]> {
        match self {
            Material::Certificate(der) => Some(der),
            Material::Chain(chain) => chain.first().map(Vec::as_slice),
            Material::PublicKey { .. } => None,
        }
    }
}

/// `HashAlgorithm` of protobuf-specs `sigstore_common.proto`: one type for the bundle and
/// the log entries.
pub use crate::entry::HashAlgorithm;

/// Parses a `HashAlgorithm` enum name found at `field`.
///
/// # Errors
/// [`BundleError::InvalidField`] for a name the enum does not have.
pub(super) fn parse_hash_algorithm(field: &str, name: &str) -> Result<HashAlgorithm, BundleError> {
    HashAlgorithm::from_name(name).map_err(|_| BundleError::InvalidField {
        field: field.to_owned(),
        reason: format!("unknown hash algorithm `{name}`"),
    })
}

/// `messageSignature.messageDigest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageDigest {
    /// The hash algorithm.
    pub algorithm: HashAlgorithm,
    /// The digest (length checked against the algorithm).
    pub digest: Vec<u8>,
}

/// One DSSE signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DsseSignature {
    /// The signature bytes.
    pub sig: Vec<u8>,
    /// The key id (usually empty).
    pub keyid: String,
}

/// A DSSE envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The payload bytes.
    pub payload: Vec<u8>,
    /// Its type, e.g. `application/vnd.in-toto+json`.
    pub payload_type: String,
    /// Its signatures (at most [`limits::MAX_DSSE_SIGNATURES`]).
    pub signatures: Vec<DsseSignature>,
}

/// What was signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A signature over an artifact.
    MessageSignature {
        /// The artifact digest (always written by pqlab; optional in the format).
        digest: Option<MessageDigest>,
        /// The signature bytes.
        signature: Vec<u8>,
    },
    /// A DSSE envelope.
    Dsse(Envelope),
}

/// `inclusionProof` (RFC 9162 audit path with the checkpoint it leads to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    /// Index of the entry.
    pub log_index: u64,
    /// Root hash the proof leads to.
    pub root_hash: [u8; 32],
    /// Tree size of that root.
    pub tree_size: u64,
    /// The audit path, leaf to root.
    pub hashes: Vec<[u8; 32]>,
    /// The signed checkpoint (C2SP signed note), as text. Mandatory for Rekor v2 entries
    /// (the verifier's rule); older Rekor v1 proofs may lack it.
    pub checkpoint: Option<String>,
}

/// One `TransparencyLogEntry`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlogEntry {
    /// `logIndex`.
    pub log_index: u64,
    /// `logId.keyId`.
    pub log_id: Vec<u8>,
    /// `kindVersion.kind`, e.g. `hashedrekord`.
    pub kind: String,
    /// `kindVersion.version`, e.g. `0.0.2`.
    pub version: String,
    /// `integratedTime` (Rekor v1; absent or 0 for v2).
    pub integrated_time: Option<u64>,
    /// `inclusionPromise.signedEntryTimestamp` (Rekor v1 SET).
    pub inclusion_promise: Option<Vec<u8>>,
    /// `inclusionProof`.
    pub inclusion_proof: Option<InclusionProof>,
    /// `canonicalizedBody`: the exact bytes that were logged.
    pub canonicalized_body: Vec<u8>,
}

/// A parsed, structurally valid bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The media type as written.
    pub media_type: String,
    /// The version it names.
    pub version: BundleVersion,
    /// Verification material.
    pub material: Material,
    /// Transparency-log entries (at most [`limits::MAX_TLOG_ENTRIES`]).
    pub tlog_entries: Vec<TlogEntry>,
    /// RFC 3161 `TimeStampResp` DER blobs (at most [`limits::MAX_TIMESTAMPS`]).
    pub timestamps: Vec<Vec<u8>>,
    /// What was signed.
    pub content: Content,
}

// ----- proto3 JSON shape -----

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawBundle {
    #[serde(skip_serializing_if = "Option::is_none")]
    media_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verification_material: Option<RawMaterial>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_signature: Option<RawMessageSignature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dsse_envelope: Option<RawEnvelope>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMaterial {
    #[serde(skip_serializing_if = "Option::is_none")]
    public_key: Option<RawPublicKeyIdentifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x509_certificate_chain: Option<RawChain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<RawCertificate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tlog_entries: Vec<RawTlogEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp_verification_data: Option<RawTimestampData>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawPublicKeyIdentifier {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    hint: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawChain {
    #[serde(default)]
    certificates: Vec<RawCertificate>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCertificate {
    #[serde(default)]
    raw_bytes: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTimestampData {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rfc3161_timestamps: Vec<RawTimestamp>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTimestamp {
    #[serde(default)]
    signed_timestamp: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTlogEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    log_index: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    log_id: Option<RawLogId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind_version: Option<RawKindVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    integrated_time: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inclusion_promise: Option<RawPromise>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inclusion_proof: Option<RawProof>,
    #[serde(skip_serializing_if = "Option::is_none")]
    canonicalized_body: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLogId {
    #[serde(default)]
    key_id: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawKindVersion {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    version: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPromise {
    #[serde(default)]
    signed_entry_timestamp: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawProof {
    #[serde(skip_serializing_if = "Option::is_none")]
    log_index: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    root_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tree_size: Option<Value>,
    #[serde(default)]
    hashes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checkpoint: Option<RawCheckpoint>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawCheckpoint {
    #[serde(default)]
    envelope: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessageSignature {
    #[serde(skip_serializing_if = "Option::is_none")]
    message_digest: Option<RawDigest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawDigest {
    #[serde(default)]
    algorithm: String,
    #[serde(default)]
    digest: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEnvelope {
    #[serde(default)]
    payload: String,
    #[serde(default)]
    payload_type: String,
    #[serde(default)]
    signatures: Vec<RawDsseSignature>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawDsseSignature {
    #[serde(default)]
    sig: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    keyid: String,
}

// ----- parsing -----

fn required<T>(value: Option<T>, field: &str) -> Result<T, BundleError> {
    value.ok_or_else(|| BundleError::MissingField(field.to_owned()))
}

fn cap<T>(items: &[T], field: &str, limit: usize) -> Result<(), BundleError> {
    if items.len() > limit {
        return Err(BundleError::TooMany {
            field: field.to_owned(),
            count: items.len(),
            limit,
        });
    }
    Ok(())
}

fn non_empty_bytes(field: &str, value: &str) -> Result<Vec<u8>, BundleError> {
    let bytes = protojson::bytes(field, value)?;
    if bytes.is_empty() {
        return Err(BundleError::MissingField(field.to_owned()));
    }
    Ok(bytes)
}

/// As [`non_empty_bytes`], refusing more than `limit` decoded bytes (before any DER decoding
/// or cryptography; the base64 itself is bounded by [`limits::MAX_BUNDLE_BYTES`]).
pub(super) fn bounded_bytes(
    field: &str,
    value: &str,
    what: &'static str,
    limit: usize,
) -> Result<Vec<u8>, BundleError> {
    let bytes = non_empty_bytes(field, value)?;
    if bytes.len() > limit {
        return Err(BundleError::TooLarge {
            what,
            size: bytes.len(),
            limit,
        });
    }
    Ok(bytes)
}

/// A certificate's DER, at most [`limits::MAX_CERTIFICATE_BYTES`].
pub(super) fn certificate_bytes(field: &str, value: &str) -> Result<Vec<u8>, BundleError> {
    bounded_bytes(field, value, "certificate", limits::MAX_CERTIFICATE_BYTES)
}

/// Parses JSON of a bounded size into `T`, naming the path of the first error.
pub(super) fn parse_json<T: serde::de::DeserializeOwned>(
    input: &[u8],
    what: &'static str,
    limit: usize,
) -> Result<T, BundleError> {
    if input.len() > limit {
        return Err(BundleError::TooLarge {
            what,
            size: input.len(),
            limit,
        });
    }
    let malformed = |path: String, message: String| BundleError::MalformedJson { path, message };
    let mut de = serde_json::Deserializer::from_slice(input);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| malformed(e.path().to_string(), e.inner().to_string()))?;
    de.end()
        .map_err(|e| malformed(".".to_owned(), e.to_string()))?;
    Ok(value)
}

impl Bundle {
    /// Parses and validates bundle JSON.
    ///
    /// # Errors
    /// A [`BundleError`] naming the first field that is missing, malformed or over a limit.
    pub fn parse(input: &[u8]) -> Result<Self, BundleError> {
        let raw: RawBundle = parse_json(input, "bundle", limits::MAX_BUNDLE_BYTES)?;
        let media_type = required(raw.media_type, "mediaType")?;
        let version = BundleVersion::from_media_type(&media_type)?;
        let material = required(raw.verification_material, "verificationMaterial")?;

        let content = match (raw.message_signature, raw.dsse_envelope) {
            (Some(ms), None) => parse_message_signature(ms)?,
            (None, Some(env)) => Content::Dsse(parse_envelope(env)?),
            (None, None) => return Err(BundleError::MissingField("content".to_owned())),
            (Some(_), Some(_)) => {
                return Err(BundleError::InvalidField {
                    field: "content".to_owned(),
                    reason: "both messageSignature and dsseEnvelope are present".to_owned(),
                });
            }
        };

        let key_material = parse_material(&material, version)?;
        cap(
            &material.tlog_entries,
            "verificationMaterial.tlogEntries",
            limits::MAX_TLOG_ENTRIES,
        )?;
        let tlog_entries = material
            .tlog_entries
            .iter()
            .enumerate()
            .map(|(i, e)| parse_tlog_entry(e, i, version))
            .collect::<Result<Vec<_>, _>>()?;
        let raw_timestamps = material
            .timestamp_verification_data
            .map(|t| t.rfc3161_timestamps)
            .unwrap_or_default();
        let field = "verificationMaterial.timestampVerificationData.rfc3161Timestamps";
        cap(&raw_timestamps, field, limits::MAX_TIMESTAMPS)?;
        let timestamps = raw_timestamps
            .iter()
            .enumerate()
            .map(|(i, t)| {
                bounded_bytes(
                    &format!("{field}[{i}].signedTimestamp"),
                    &t.signed_timestamp,
                    "RFC 3161 timestamp",
                    limits::MAX_TIMESTAMP_BYTES,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;

        Ok(Bundle {
            media_type,
            version,
            material: key_material,
            tlog_entries,
            timestamps,
            content,
        })
    }

    /// The signature bytes the timestamps and log entry cover: the message signature, or the
    /// first DSSE signature.
    #[must_use]
    pub fn signature_bytes(&self) -> Option<&[u8]> {
        match &self.content {
            Content::MessageSignature { signature, .. } => Some(signature),
            Content::Dsse(env) => env.signatures.first().map(|s| s.sig.as_slice()),
        }
    }

    /// Writes the bundle as proto3 JSON (compact; int64 as strings, bytes as padded standard
    /// base64, defaults omitted), the way Sigstore clients write v0.3 bundles.
    #[must_use]
    pub fn to_json(&self) -> String {
        let raw = RawBundle {
            media_type: Some(self.media_type.clone()),
            verification_material: Some(self.raw_material()),
            message_signature: match &self.content {
                Content::MessageSignature { digest, signature } => Some(RawMessageSignature {
                    message_digest: digest.as_ref().map(|d| RawDigest {
                        algorithm: d.algorithm.name().to_owned(),
                        digest: protojson::encode(&d.digest),
                    }),
                    signature: Some(protojson::encode(signature)),
                }),
                Content::Dsse(_) => None,
            },
            dsse_envelope: match &self.content {
                Content::Dsse(env) => Some(RawEnvelope {
                    payload: protojson::encode(&env.payload),
                    payload_type: env.payload_type.clone(),
                    signatures: env
                        .signatures
                        .iter()
                        .map(|s| RawDsseSignature {
                            sig: protojson::encode(&s.sig),
                            keyid: s.keyid.clone(),
                        })
                        .collect(),
                }),
                Content::MessageSignature { .. } => None,
            },
        };
        // Serialising plain owned data into a String cannot fail.
        serde_json::to_string(&raw).unwrap_or_default()
    }

    fn raw_material(&self) -> RawMaterial {
        let mut raw = RawMaterial::default();
        match &self.material {
            Material::PublicKey { hint } => {
                raw.public_key = Some(RawPublicKeyIdentifier { hint: hint.clone() });
            }
            Material::Chain(chain) => {
                raw.x509_certificate_chain = Some(RawChain {
                    certificates: chain
                        .iter()
                        .map(|c| RawCertificate {
                            raw_bytes: protojson::encode(c),
                        })
                        .collect(),
                });
            }
            Material::Certificate(der) => {
                raw.certificate = Some(RawCertificate {
                    raw_bytes: protojson::encode(der),
                });
            }
        }
        raw.tlog_entries = self.tlog_entries.iter().map(raw_tlog_entry).collect();
        if !self.timestamps.is_empty() {
            raw.timestamp_verification_data = Some(RawTimestampData {
                rfc3161_timestamps: self
                    .timestamps
                    .iter()
                    .map(|t| RawTimestamp {
                        signed_timestamp: protojson::encode(t),
                    })
                    .collect(),
            });
        }
        raw
    }
}

fn int64(value: u64) -> Value {
    Value::String(value.to_string())
}

fn raw_tlog_entry(e: &TlogEntry) -> RawTlogEntry {
    RawTlogEntry {
        log_index: Some(int64(e.log_index)),
        log_id: Some(RawLogId {
            key_id: protojson::encode(&e.log_id),
        }),
        kind_version: Some(RawKindVersion {
            kind: e.kind.clone(),
            version: e.version.clone(),
        }),
        integrated_time: e.integrated_time.filter(|t| *t != 0).map(int64),
        inclusion_promise: e.inclusion_promise.as_ref().map(|p| RawPromise {
            signed_entry_timestamp: protojson::encode(p),
        }),
        inclusion_proof: e.inclusion_proof.as_ref().map(|p| RawProof {
            log_index: Some(int64(p.log_index)),
            root_hash: Some(protojson::encode(&p.root_hash)),
            tree_size: Some(int64(p.tree_size)),
            hashes: p.hashes.iter().map(|h| protojson::encode(h)).collect(),
            checkpoint: p.checkpoint.as_ref().map(|c| RawCheckpoint {
                envelope: c.clone(),
            }),
        }),
        canonicalized_body: Some(protojson::encode(&e.canonicalized_body)),
    }
}

fn parse_material(raw: &RawMaterial, version: BundleVersion) -> Result<Material, BundleError> {
    let present = [
        raw.public_key.is_some(),
        raw.x509_certificate_chain.is_some(),
        raw.certificate.is_some(),
    ];
    if present.iter().filter(|p| **p).count() > 1 {
        return Err(BundleError::InvalidField {
            field: "verificationMaterial.content".to_owned(),
            reason: "more than one of publicKey, x509CertificateChain, certificate".to_owned(),
        });
    }
    if let Some(pk) = &raw.public_key {
        return Ok(Material::PublicKey {
            hint: pk.hint.clone(),
        });
    }
    if let Some(chain) = &raw.x509_certificate_chain {
        if version >= BundleVersion::V0_3 {
            return Err(BundleError::InvalidField {
                field: "verificationMaterial.x509CertificateChain".to_owned(),
                reason: "a v0.3 bundle carries the leaf in `certificate`, not a chain".to_owned(),
            });
        }
        let field = "verificationMaterial.x509CertificateChain.certificates";
        if chain.certificates.is_empty() {
            return Err(BundleError::MissingField(format!("{field}[0]")));
        }
        cap(&chain.certificates, field, limits::MAX_CHAIN_CERTIFICATES)?;
        let certs = chain
            .certificates
            .iter()
            .enumerate()
            .map(|(i, c)| certificate_bytes(&format!("{field}[{i}].rawBytes"), &c.raw_bytes))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Material::Chain(certs));
    }
    if let Some(cert) = &raw.certificate {
        let der = certificate_bytes("verificationMaterial.certificate.rawBytes", &cert.raw_bytes)?;
        return Ok(Material::Certificate(der));
    }
    Err(BundleError::MissingField(
        "verificationMaterial.content (publicKey, x509CertificateChain or certificate)".to_owned(),
    ))
}

fn parse_tlog_entry(
    raw: &RawTlogEntry,
    index: usize,
    version: BundleVersion,
) -> Result<TlogEntry, BundleError> {
    let at = |name: &str| format!("verificationMaterial.tlogEntries[{index}].{name}");
    let log_index = protojson::non_negative(
        &at("logIndex"),
        raw.log_index
            .as_ref()
            .ok_or_else(|| BundleError::MissingField(at("logIndex")))?,
    )?;
    let log_id = non_empty_bytes(
        &at("logId.keyId"),
        &required(raw.log_id.as_ref(), &at("logId"))?.key_id,
    )?;
    let kind_version = required(raw.kind_version.as_ref(), &at("kindVersion"))?;
    if kind_version.kind.is_empty() || kind_version.version.is_empty() {
        return Err(BundleError::MissingField(at("kindVersion.kind/version")));
    }
    let integrated_time = raw
        .integrated_time
        .as_ref()
        .map(|t| protojson::non_negative(&at("integratedTime"), t))
        .transpose()?;
    let inclusion_promise = raw
        .inclusion_promise
        .as_ref()
        .map(|p| {
            non_empty_bytes(
                &at("inclusionPromise.signedEntryTimestamp"),
                &p.signed_entry_timestamp,
            )
        })
        .transpose()?;
    let inclusion_proof = raw
        .inclusion_proof
        .as_ref()
        .map(|p| parse_proof(p, &at("inclusionProof")))
        .transpose()?;
    match version {
        BundleVersion::V0_1 if inclusion_promise.is_none() => {
            return Err(BundleError::MissingField(at("inclusionPromise")));
        }
        BundleVersion::V0_2 | BundleVersion::V0_3 if inclusion_proof.is_none() => {
            return Err(BundleError::MissingField(at("inclusionProof")));
        }
        _ => {}
    }
    let canonicalized_body = non_empty_bytes(
        &at("canonicalizedBody"),
        required(raw.canonicalized_body.as_deref(), &at("canonicalizedBody"))?,
    )?;
    Ok(TlogEntry {
        log_index,
        log_id,
        kind: kind_version.kind.clone(),
        version: kind_version.version.clone(),
        integrated_time,
        inclusion_promise,
        inclusion_proof,
        canonicalized_body,
    })
}

fn parse_proof(raw: &RawProof, at: &str) -> Result<InclusionProof, BundleError> {
    let field = |name: &str| format!("{at}.{name}");
    let log_index = protojson::non_negative(
        &field("logIndex"),
        raw.log_index
            .as_ref()
            .ok_or_else(|| BundleError::MissingField(field("logIndex")))?,
    )?;
    let tree_size = protojson::non_negative(
        &field("treeSize"),
        raw.tree_size
            .as_ref()
            .ok_or_else(|| BundleError::MissingField(field("treeSize")))?,
    )?;
    let root_hash = protojson::fixed::<32>(
        &field("rootHash"),
        required(raw.root_hash.as_deref(), &field("rootHash"))?,
    )?;
    cap(&raw.hashes, &field("hashes"), limits::MAX_PROOF_HASHES)?;
    let hashes = raw
        .hashes
        .iter()
        .enumerate()
        .map(|(i, h)| protojson::fixed::<32>(&format!("{at}.hashes[{i}]"), h))
        .collect::<Result<Vec<_>, _>>()?;
    let checkpoint = match &raw.checkpoint {
        None => None,
        Some(c) if c.envelope.is_empty() => {
            return Err(BundleError::MissingField(field("checkpoint.envelope")));
        }
        Some(c) if c.envelope.len() > limits::MAX_CHECKPOINT_BYTES => {
            return Err(BundleError::TooLarge {
                what: "checkpoint envelope",
                size: c.envelope.len(),
                limit: limits::MAX_CHECKPOINT_BYTES,
            });
        }
        Some(c) => Some(c.envelope.clone()),
    };
    Ok(InclusionProof {
        log_index,
        root_hash,
        tree_size,
        hashes,
        checkpoint,
    })
}

fn parse_message_signature(raw: RawMessageSignature) -> Result<Content, BundleError> {
    let signature = non_empty_bytes(
        "messageSignature.signature",
        &required(raw.signature, "messageSignature.signature")?,
    )?;
    let digest = match raw.message_digest {
        Some(d) => {
            let algorithm =
                parse_hash_algorithm("messageSignature.messageDigest.algorithm", &d.algorithm)?;
            let digest = protojson::bytes("messageSignature.messageDigest.digest", &d.digest)?;
            if digest.len() != algorithm.digest_len() {
                return Err(BundleError::InvalidField {
                    field: "messageSignature.messageDigest.digest".to_owned(),
                    reason: format!(
                        "{} bytes for {}, expected {}",
                        digest.len(),
                        algorithm.name(),
                        algorithm.digest_len()
                    ),
                });
            }
            Some(MessageDigest { algorithm, digest })
        }
        None => None,
    };
    Ok(Content::MessageSignature { digest, signature })
}

fn parse_envelope(raw: RawEnvelope) -> Result<Envelope, BundleError> {
    let payload = protojson::bytes("dsseEnvelope.payload", &raw.payload)?;
    if raw.payload_type.is_empty() {
        return Err(BundleError::MissingField(
            "dsseEnvelope.payloadType".to_owned(),
        ));
    }
    cap(
        &raw.signatures,
        "dsseEnvelope.signatures",
        limits::MAX_DSSE_SIGNATURES,
    )?;
    if raw.signatures.is_empty() {
        return Err(BundleError::MissingField(
            "dsseEnvelope.signatures[0]".to_owned(),
        ));
    }
    let signatures = raw
        .signatures
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(DsseSignature {
                sig: non_empty_bytes(&format!("dsseEnvelope.signatures[{i}].sig"), &s.sig)?,
                keyid: s.keyid.clone(),
            })
        })
        .collect::<Result<Vec<_>, BundleError>>()?;
    Ok(Envelope {
        payload,
        payload_type: raw.payload_type,
        signatures,
    })
}
