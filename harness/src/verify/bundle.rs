//! Offline verification of a parsed bundle against a trusted root (FORMATS.md §0–5,
//! INTEROP.md; the checks of sigstore-python / sigstore-go `verify`), each failure naming its
//! [`Check`].
//!
//! Order: trusted-root sanity; verified time sources (RFC 3161 timestamps against the
//! `timestampAuthorities`, Rekor v1 integrated times with a verified SET; at least one); the
//! certificate chain and SCT at every verified time; the artifact signature; the log entry's
//! consistency with the bundle; the inclusion proof; the checkpoint signature; the identity.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use der::Decode;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::checkpoint::{self, OriginRule};
use super::{Check, VerifyError, rekor_v1};
use crate::bundle::model::{Content, Material, TlogEntry};
use crate::bundle::trusted_root::{TransparencyLog, TrustedRoot};
use crate::bundle::{Bundle, model::HashAlgorithm};
use crate::entry::{HashedRekordV002, VerifierMaterial};
use crate::pki::verify::verify_fulcio_leaf;
use crate::pki::{OidcIdentity, PkiError};

/// What was signed, as the verifier holds it.
#[derive(Debug, Clone, Copy)]
pub enum Artifact<'a> {
    /// The artifact bytes.
    Bytes(&'a [u8]),
    /// Only the artifact's SHA-256 (message signatures then cannot be verified: the registry
    /// verifies over messages, not prehashes).
    Sha256([u8; 32]),
}

impl Artifact<'_> {
    fn sha256(&self) -> [u8; 32] {
        match self {
            Artifact::Bytes(b) => Sha256::digest(b).into(),
            Artifact::Sha256(d) => *d,
        }
    }
}

/// Who must have signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Policy {
    /// A Fulcio certificate for this SAN (email or URI) and OIDC issuer.
    Identity {
        /// The SAN.
        identity: String,
        /// The OIDC issuer URL.
        issuer: String,
    },
    /// A self-managed key (SPKI DER).
    Key(Vec<u8>),
}

/// What a successful verification established.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The verified signing times (timestamps and integrated times).
    pub signing_times: Vec<SystemTime>,
    /// The certificate identity, for certificate bundles.
    pub identity: Option<OidcIdentity>,
    /// The log index of the entry.
    pub log_index: u64,
}

fn fail(check: Check, detail: impl Into<String>) -> VerifyError {
    VerifyError::new(check, detail)
}

fn to_offset(t: SystemTime) -> Result<OffsetDateTime, VerifyError> {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map_err(|_| fail(Check::Timestamp, "time before 1970"))?
        .as_secs();
    let secs = i64::try_from(secs).map_err(|_| fail(Check::Timestamp, "time out of range"))?;
    OffsetDateTime::from_unix_timestamp(secs)
        .map_err(|_| fail(Check::Timestamp, "time out of range"))
}

/// Verifies `bundle` for `artifact` under `policy` with the keys of `root`, at `now`.
///
/// # Errors
/// The [`VerifyError`] of the first check that failed.
pub fn verify_bundle(
    bundle: &Bundle,
    root: &TrustedRoot,
    artifact: Artifact<'_>,
    policy: &Policy,
    now: SystemTime,
) -> Result<Verified, VerifyError> {
    check_root(root)?;
    let [entry] = bundle.tlog_entries.as_slice() else {
        return Err(fail(
            Check::Bundle,
            format!(
                "{} transparency log entries, expected exactly one",
                bundle.tlog_entries.len()
            ),
        ));
    };
    let log = root
        .tlogs
        .iter()
        .find(|t| t.log_id == entry.log_id)
        .ok_or_else(|| {
            fail(
                Check::TrustedRoot,
                format!(
                    "log id {} is not a log of the trusted root",
                    hex::encode(&entry.log_id)
                ),
            )
        })?;
    let signature = bundle
        .signature_bytes()
        .ok_or_else(|| fail(Check::Bundle, "the DSSE envelope has no signature"))?;

    let signing_times = verified_times(bundle, entry, log, root, signature, now)?;

    let (verifier_der, verifier_spki, identity) = match (&bundle.material, policy) {
        (Material::PublicKey { .. }, Policy::Key(spki)) => (spki.clone(), spki.clone(), None),
        (Material::PublicKey { .. }, Policy::Identity { .. }) => {
            return Err(fail(
                Check::CertificateChain,
                "the bundle carries a key hint, not a certificate; a key is needed",
            ));
        }
        (material, _) => {
            let leaf = check_certificate(material, root, &signing_times)?;
            (material_leaf(material)?.to_vec(), leaf.0, Some(leaf.1))
        }
    };

    check_signature(bundle, artifact, &verifier_spki, signature)?;
    check_entry(bundle, entry, artifact, &verifier_der, signature)?;
    check_proof(entry, log)?;

    if let (Policy::Identity { identity, issuer }, Some(found)) = (policy, &identity) {
        if found.subject.as_str() != identity {
            return Err(fail(
                Check::Identity,
                format!(
                    "certificate SAN `{}` is not `{identity}`",
                    found.subject.as_str()
                ),
            ));
        }
        if found.issuer != *issuer {
            return Err(fail(
                Check::Identity,
                format!("OIDC issuer `{}` is not `{issuer}`", found.issuer),
            ));
        }
    }
    Ok(Verified {
        signing_times,
        identity,
        log_index: entry.log_index,
    })
}

/// Trusted-root sanity: something to verify with.
fn check_root(root: &TrustedRoot) -> Result<(), VerifyError> {
    if root.tlogs.is_empty() {
        return Err(fail(Check::TrustedRoot, "no transparency logs"));
    }
    if let Some(ca) = root
        .certificate_authorities
        .iter()
        .chain(&root.timestamp_authorities)
        .find(|ca| ca.chain.is_empty())
    {
        return Err(fail(
            Check::TrustedRoot,
            format!("authority `{}` has an empty chain", ca.uri),
        ));
    }
    Ok(())
}

fn material_leaf(material: &Material) -> Result<&[u8], VerifyError> {
    material
        .leaf_certificate()
        .ok_or_else(|| fail(Check::CertificateChain, "no leaf certificate"))
}

/// The verified signing times: every RFC 3161 timestamp must verify against a trusted TSA
/// valid at its genTime; a Rekor v1 integrated time counts once its SET verifies.
fn verified_times(
    bundle: &Bundle,
    entry: &TlogEntry,
    log: &TransparencyLog,
    root: &TrustedRoot,
    signature: &[u8],
    now: SystemTime,
) -> Result<Vec<SystemTime>, VerifyError> {
    let mut times = Vec::new();
    for (i, response) in bundle.timestamps.iter().enumerate() {
        let mut last = format!("timestamp {i}: no timestamp authority in the trusted root");
        let mut found = None;
        for tsa in &root.timestamp_authorities {
            let Some((anchor, rest)) = tsa.chain.split_last() else {
                continue;
            };
            match crate::pki::verify::verify_timestamp(
                response,
                signature,
                rest,
                std::slice::from_ref(anchor),
            ) {
                Ok(ts) => {
                    if tsa.valid_for.contains(to_offset(ts.gen_time)?) {
                        found = Some(ts.gen_time);
                        break;
                    }
                    last = format!(
                        "timestamp {i}: genTime outside the validity of TSA `{}`",
                        tsa.uri
                    );
                }
                Err(e) => last = format!("timestamp {i}: {e}"),
            }
        }
        match found {
            Some(t) => times.push(t),
            None => return Err(fail(Check::Timestamp, last)),
        }
    }
    if entry.inclusion_promise.is_some() {
        rekor_v1::verify_set(entry, log)?;
        let t = entry.integrated_time.unwrap_or(0);
        let t = UNIX_EPOCH + Duration::from_secs(t);
        if t > now {
            return Err(fail(
                Check::InclusionPromise,
                "the integrated time is in the future",
            ));
        }
        if !log.valid_for.contains(to_offset(t)?) {
            return Err(fail(
                Check::InclusionPromise,
                "the integrated time is outside the log key's validity",
            ));
        }
        times.push(t);
    }
    if times.is_empty() {
        return Err(fail(
            Check::Timestamp,
            "no verified time source (RFC 3161 timestamp or Rekor v1 integrated time)",
        ));
    }
    Ok(times)
}

fn is_self_signed(der: &[u8]) -> Result<bool, VerifyError> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| fail(Check::CertificateChain, format!("certificate DER: {e}")))?;
    Ok(cert.tbs_certificate().subject() == cert.tbs_certificate().issuer())
}

fn pki_check(e: &PkiError) -> Check {
    match e {
        PkiError::SctCount { .. }
        | PkiError::MalformedSct { .. }
        | PkiError::UnknownCtLog { .. }
        | PkiError::SctAlgorithm { .. } => Check::Sct,
        PkiError::BadSignature { what } if what == "SCT" => Check::Sct,
        _ => Check::CertificateChain,
    }
}

/// The leaf chains to a trusted CA valid at every signing time, with its SCT; returns the
/// leaf's SPKI and identity.
fn check_certificate(
    material: &Material,
    root: &TrustedRoot,
    times: &[SystemTime],
) -> Result<(Vec<u8>, OidcIdentity), VerifyError> {
    let leaf = material_leaf(material)?;
    let bundle_intermediates: &[Vec<u8>] = match material {
        Material::Chain(chain) => chain.get(1..).unwrap_or_default(),
        _ => &[],
    };
    for der in bundle_intermediates {
        if is_self_signed(der)? {
            return Err(fail(
                Check::CertificateChain,
                "the bundle's chain carries a root certificate",
            ));
        }
    }
    let ct_logs: Vec<Vec<u8>> = root.ctlogs.iter().map(|l| l.public_key.clone()).collect();
    let mut result = None;
    for &at in times {
        let at_offset = to_offset(at)?;
        let mut last: Option<VerifyError> = None;
        let mut ok = None;
        for ca in &root.certificate_authorities {
            if !ca.valid_for.contains(at_offset) {
                continue;
            }
            let Some((anchor, rest)) = ca.chain.split_last() else {
                continue;
            };
            let mut intermediates = bundle_intermediates.to_vec();
            intermediates.extend(rest.iter().cloned());
            match verify_fulcio_leaf(
                leaf,
                &intermediates,
                std::slice::from_ref(anchor),
                &ct_logs,
                at,
            ) {
                Ok(v) => {
                    ok = Some(v);
                    break;
                }
                Err(e) => {
                    // An SCT failure beats a chain failure from a CA that was not the issuer.
                    let check = pki_check(&e);
                    if last.as_ref().is_none_or(|l| l.check != Check::Sct) {
                        last = Some(fail(check, e.to_string()));
                    }
                }
            }
        }
        match ok {
            Some(v) => result = Some((v.public_key_spki, v.identity)),
            None => {
                return Err(last.unwrap_or_else(|| {
                    fail(
                        Check::CertificateChain,
                        "no certificate authority of the trusted root is valid at the signing time",
                    )
                }));
            }
        }
    }
    result.ok_or_else(|| fail(Check::CertificateChain, "no signing time"))
}

fn verify_with_spki(spki: &[u8], message: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let (algorithm, key) = pqlab_algorithms::encoding::parse_spki_der(spki)
        .map_err(|e| fail(Check::ArtifactSignature, format!("verification key: {e}")))?;
    algorithm
        .default_implementation()
        .verify(&key, message, b"", signature)
        .map_err(|e| fail(Check::ArtifactSignature, e.to_string()))
}

/// The artifact (message signature) or PAE (DSSE) signature, and the digests binding them to
/// the artifact.
fn check_signature(
    bundle: &Bundle,
    artifact: Artifact<'_>,
    spki: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let digest = artifact.sha256();
    match &bundle.content {
        Content::MessageSignature {
            digest: Some(md), ..
        } if md.algorithm == HashAlgorithm::Sha2_256 && md.digest != digest => Err(fail(
            Check::ArtifactSignature,
            "messageDigest is not the artifact's SHA-256",
        )),
        Content::MessageSignature { .. } => match artifact {
            Artifact::Bytes(bytes) => verify_with_spki(spki, bytes, signature),
            Artifact::Sha256(_) => Err(fail(
                Check::ArtifactSignature,
                "a message signature needs the artifact bytes (prehash verification is not supported)",
            )),
        },
        Content::Dsse(envelope) => {
            if envelope.signatures.len() != 1 {
                return Err(fail(
                    Check::ArtifactSignature,
                    "the DSSE envelope must carry exactly one signature",
                ));
            }
            let pae = crate::dsse::pae(&envelope.payload_type, &envelope.payload);
            verify_with_spki(spki, &pae, signature)?;
            check_subject(&envelope.payload, &digest)
        }
    }
}

/// The in-toto statement names the artifact among its subjects (by SHA-256).
fn check_subject(payload: &[u8], digest: &[u8; 32]) -> Result<(), VerifyError> {
    let statement: serde_json::Value = serde_json::from_slice(payload).map_err(|e| {
        fail(
            Check::ArtifactSignature,
            format!("DSSE payload is not JSON: {e}"),
        )
    })?;
    let want = hex::encode(digest);
    let found = statement
        .get("subject")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|subjects| {
            subjects.iter().any(|s| {
                s.pointer("/digest/sha256")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|d| d.eq_ignore_ascii_case(&want))
            })
        });
    if found {
        Ok(())
    } else {
        Err(fail(
            Check::ArtifactSignature,
            "no in-toto subject has the artifact's SHA-256",
        ))
    }
}

/// The log entry describes this signature, artifact and verifier.
fn check_entry(
    bundle: &Bundle,
    entry: &TlogEntry,
    artifact: Artifact<'_>,
    verifier_der: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let err = |d: String| fail(Check::LogEntry, d);
    if entry.kind == "hashedrekord" && entry.version == "0.0.2" {
        let body = HashedRekordV002::parse(&entry.canonicalized_body)
            .map_err(|e| err(format!("canonicalizedBody: {e}")))?;
        let expected_digest: [u8; 32] = match &bundle.content {
            Content::MessageSignature { .. } => artifact.sha256(),
            Content::Dsse(env) => {
                Sha256::digest(crate::dsse::pae(&env.payload_type, &env.payload)).into()
            }
        };
        if body.digest() != expected_digest {
            return Err(err("the entry's digest is not the signed content's".into()));
        }
        if body.signature() != signature {
            return Err(err("the entry's signature is not the bundle's".into()));
        }
        let logged = match body.verifier() {
            VerifierMaterial::X509Certificate(d) | VerifierMaterial::PublicKey(d) => d,
        };
        if logged != verifier_der {
            return Err(err("the entry's verifier is not the bundle's".into()));
        }
        return Ok(());
    }
    rekor_v1::check_body(
        entry,
        rekor_v1::Expected {
            content: &bundle.content,
            artifact_sha256: Some(artifact.sha256()),
            verifier_der,
        },
    )
}

/// The inclusion proof leads from the entry to the proof's root, and the log-signed
/// checkpoint commits to that root.
fn check_proof(entry: &TlogEntry, log: &TransparencyLog) -> Result<(), VerifyError> {
    let err = |d: String| fail(Check::InclusionProof, d);
    let v2 = entry.inclusion_promise.is_none();
    let proof = entry
        .inclusion_proof
        .as_ref()
        .ok_or_else(|| err("the entry has no inclusion proof".into()))?;
    if v2 && proof.log_index != entry.log_index {
        return Err(err(format!(
            "proof logIndex {} differs from the entry's {}",
            proof.log_index, entry.log_index
        )));
    }
    let leaf = crate::entry::leaf_hash(&entry.canonicalized_body);
    crate::log::proof::verify_inclusion(
        proof.log_index,
        proof.tree_size,
        &leaf,
        &proof.hashes,
        &proof.root_hash,
    )
    .map_err(|e| err(e.to_string()))?;
    let envelope = match &proof.checkpoint {
        Some(c) => c,
        None if v2 => {
            return Err(fail(
                Check::Checkpoint,
                "a Rekor v2 entry needs a checkpoint",
            ));
        }
        None => return Ok(()),
    };
    let rule = if v2 {
        OriginRule::Exact
    } else {
        OriginRule::RekorV1
    };
    let body = checkpoint::verify(envelope, log, rule)?;
    if body.root_hash != proof.root_hash || body.size != proof.tree_size {
        return Err(fail(
            Check::Checkpoint,
            "the checkpoint's size and root are not the proof's",
        ));
    }
    Ok(())
}
