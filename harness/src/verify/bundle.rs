//! Offline verification of a parsed bundle against a trusted root (FORMATS.md §0–5,
//! INTEROP.md; the checks of sigstore-python / sigstore-go `verify`), each failure naming its
//! [`Check`].
//!
//! Order: trusted-root sanity; verified time sources (RFC 3161 timestamps against the
//! `timestampAuthorities`, Rekor v1 integrated times with a verified SET; at least one); the
//! certificate chain and SCT at every verified time; the artifact signature; the log entry's
//! consistency with the bundle; the inclusion proof; the checkpoint signature; the identity.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use der::Decode;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::checkpoint::{self, LogKeys, OriginRule};
use super::witnesses::Witnesses;
use super::{Check, VerifyError, rekor_v1};
use crate::bundle::model::{Content, Material, TlogEntry};
use crate::bundle::trusted_root::{TransparencyLog, TrustedRoot};
use crate::bundle::{Bundle, model::HashAlgorithm};
use crate::entry::{
    HashedRekordParts, HashedRekordV002, IdentityLeaf, VerifierMaterial, VerifierRef,
};
use crate::pipeline::{HASH_ONLY_KIND, HASH_ONLY_VERSION};
use crate::pki::CtLogKeys;
use crate::pki::trust_cache::TrustCache;
use crate::pki::verify::{verify_fulcio_leaf_trusting, verify_timestamp_trusting};
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

/// Verifies `bundle` for `artifact` under `policy` with the keys of `root`, at `now`, with
/// no witness policy (witness cosignatures are ignored, as Rekor v2 clients do today).
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
    verify_bundle_witnessed(bundle, root, None, artifact, policy, now)
}

/// As [`verify_bundle`], and when `witnesses` is given the checkpoint must carry its
/// threshold of valid witness cosignatures ([`Check::Cosignatures`]). One call prepares a
/// [`Verifier`] and verifies one bundle with it: the whole cost a client pays for one bundle.
///
/// # Errors
/// The [`VerifyError`] of the first check that failed.
pub fn verify_bundle_witnessed(
    bundle: &Bundle,
    root: &TrustedRoot,
    witnesses: Option<&Witnesses>,
    artifact: Artifact<'_>,
    policy: &Policy,
    now: SystemTime,
) -> Result<Verified, VerifyError> {
    Verifier::new(root, witnesses)?.verify(bundle, artifact, policy, now)
}

/// A trusted root (and witness policy) prepared for verifying many bundles, as
/// sigstore-verify's `Verifier::new` and sigstore-go's verifier are: its sanity is checked,
/// its certificates decoded and the signatures inside its own chains (intermediate by root,
/// TSA signer by TSA root) verified once, here, and its log keys prepared as note verifiers.
/// Per bundle, [`Verifier::verify`] then verifies only the signatures the bundle brings;
/// every certificate's validity, constraints and usage are still checked at each signing
/// time, and a trusted-root link whose signature failed here is verified (and reported) per
/// bundle as before.
#[derive(Debug)]
pub struct Verifier<'a> {
    root: &'a TrustedRoot,
    witnesses: Option<&'a Witnesses>,
    trust: TrustCache<'a>,
    log_keys: LogKeys,
    ct_logs: CtLogKeys,
}

impl<'a> Verifier<'a> {
    /// Checks `root` and verifies its chains' signatures.
    ///
    /// # Errors
    /// [`Check::TrustedRoot`] when it has no transparency log or an authority has an empty
    /// chain.
    pub fn new(
        root: &'a TrustedRoot,
        witnesses: Option<&'a Witnesses>,
    ) -> Result<Self, VerifyError> {
        check_root(root)?;
        let mut trust = TrustCache::none();
        for authority in root
            .certificate_authorities
            .iter()
            .chain(&root.timestamp_authorities)
        {
            trust.add_chain(&authority.chain);
        }
        Ok(Self {
            root,
            witnesses,
            trust,
            log_keys: LogKeys::prepare(&root.tlogs),
            ct_logs: CtLogKeys::new(root.ctlogs.iter().map(|l| l.public_key.as_slice())),
        })
    }

    /// What [`Verifier::new`] decoded and verified in the trusted root's chains.
    #[must_use]
    pub fn trust_cache(&self) -> &TrustCache<'a> {
        &self.trust
    }

    /// Verifies `bundle` for `artifact` under `policy`, at `now`.
    ///
    /// # Errors
    /// The [`VerifyError`] of the first check that failed.
    pub fn verify(
        &self,
        bundle: &Bundle,
        artifact: Artifact<'_>,
        policy: &Policy,
        now: SystemTime,
    ) -> Result<Verified, VerifyError> {
        let (root, witnesses) = (self.root, self.witnesses);
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

        let signing_times =
            match verified_times(bundle, entry, log, root, &self.trust, signature, now) {
                Ok(times) => times,
                Err(TimeFailure { error, imprint }) => {
                    // A timestamp over other bytes than the bundle's signature: when that signature
                    // does not verify either, the signature is what was changed, and the more useful
                    // failure to report. (Attribution only: this path fails in every case.)
                    if let Some(spki) = imprint
                        .then(|| unverified_key(&bundle.material, policy))
                        .flatten()
                    {
                        check_signature(bundle, artifact, &SigningKey::parse(&spki)?, signature)?;
                    }
                    return Err(error);
                }
            };

        let (verifier_der, verifier_spki, identity, anchor) = match (&bundle.material, policy) {
            (Material::PublicKey { .. }, Policy::Key(spki)) => {
                (spki.clone(), spki.clone(), None, None)
            }
            (Material::PublicKey { .. }, Policy::Identity { .. }) => {
                return Err(fail(
                    Check::CertificateChain,
                    "the bundle carries a key hint, not a certificate; a key is needed",
                ));
            }
            (material, _) => {
                let leaf =
                    check_certificate(material, root, &self.trust, &self.ct_logs, &signing_times)?;
                (
                    material_leaf(material)?.to_vec(),
                    leaf.spki,
                    Some(leaf.identity),
                    Some(leaf.anchor_spki),
                )
            }
        };

        let key = SigningKey::parse(&verifier_spki)?;
        let signed_digest = check_signature(bundle, artifact, &key, signature)?;
        let signer = Signer {
            verifier_der: &verifier_der,
            key_details: key.algorithm.info.key_details_name(),
            identity: identity.as_ref(),
            anchor_spki: anchor.as_deref(),
        };
        check_entry(bundle, entry, artifact, &signer, &signed_digest, signature)?;
        check_proof(entry, log, &root.tlogs, witnesses, &self.log_keys)?;

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

/// A failed time source, and whether a timestamp failed only because its message imprint is
/// not the SHA-256 of the bundle's signature.
struct TimeFailure {
    error: VerifyError,
    imprint: bool,
}

impl From<VerifyError> for TimeFailure {
    fn from(error: VerifyError) -> Self {
        TimeFailure {
            error,
            imprint: false,
        }
    }
}

/// The leaf key the bundle claims, before its chain is verified: the policy's key, or the
/// leaf certificate's SPKI.
fn unverified_key(material: &Material, policy: &Policy) -> Option<Vec<u8>> {
    if let Policy::Key(spki) = policy {
        return Some(spki.clone());
    }
    let cert = x509_cert::Certificate::from_der(material.leaf_certificate()?).ok()?;
    der::Encode::to_der(cert.tbs_certificate().subject_public_key_info()).ok()
}

/// The verified signing times: every RFC 3161 timestamp must verify against a trusted TSA
/// valid at its genTime; a Rekor v1 integrated time counts once its SET verifies.
fn verified_times(
    bundle: &Bundle,
    entry: &TlogEntry,
    log: &TransparencyLog,
    root: &TrustedRoot,
    trust: &TrustCache<'_>,
    signature: &[u8],
    now: SystemTime,
) -> Result<Vec<SystemTime>, TimeFailure> {
    let mut times = Vec::new();
    for (i, response) in bundle.timestamps.iter().enumerate() {
        if bundle.timestamps[..i].contains(response) {
            // A replayed timestamp would count twice towards a threshold of timestamps.
            return Err(fail(
                Check::Timestamp,
                format!("timestamp {i} repeats an earlier timestamp"),
            )
            .into());
        }
        let mut last = format!("timestamp {i}: no timestamp authority in the trusted root");
        let mut imprint = false;
        let mut found = None;
        for tsa in &root.timestamp_authorities {
            let Some((anchor, rest)) = tsa.chain.split_last() else {
                continue;
            };
            match verify_timestamp_trusting(
                response,
                signature,
                rest,
                std::slice::from_ref(anchor),
                trust,
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
                Err(e) => {
                    imprint = matches!(e, PkiError::ImprintMismatch);
                    last = format!("timestamp {i}: {e}");
                }
            }
        }
        match found {
            Some(t) => times.push(t),
            None => {
                return Err(TimeFailure {
                    error: fail(Check::Timestamp, last),
                    imprint,
                });
            }
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
            )
            .into());
        }
        if !log.valid_for.contains(to_offset(t)?) {
            return Err(fail(
                Check::InclusionPromise,
                "the integrated time is outside the log key's validity",
            )
            .into());
        }
        times.push(t);
    }
    if times.is_empty() {
        return Err(fail(
            Check::Timestamp,
            "no verified time source (RFC 3161 timestamp or Rekor v1 integrated time)",
        )
        .into());
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

/// A leaf certificate that chained to a trusted CA.
struct VerifiedLeaf {
    /// The leaf's SPKI DER.
    spki: Vec<u8>,
    /// Its identity.
    identity: OidcIdentity,
    /// The SPKI DER of the trust anchor (root CA) it chained to.
    anchor_spki: Vec<u8>,
}

/// The SPKI DER of a trust anchor (held by `trust` when it holds the anchor).
fn anchor_spki(trust: &TrustCache<'_>, der: &[u8]) -> Result<Vec<u8>, VerifyError> {
    let mut slot = None;
    trust
        .key(der, &mut slot)
        .map(|key| key.spki().to_vec())
        .map_err(|e| fail(Check::CertificateChain, format!("trust anchor: {e}")))
}

/// The leaf chains to a trusted CA valid at every signing time, with its SCT.
fn check_certificate(
    material: &Material,
    root: &TrustedRoot,
    trust: &TrustCache<'_>,
    ct_logs: &CtLogKeys,
    times: &[SystemTime],
) -> Result<VerifiedLeaf, VerifyError> {
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
            // A v0.3 bundle carries the leaf alone: the CA's own certificates are the pool,
            // borrowed rather than copied for every verification.
            let intermediates: Cow<'_, [Vec<u8>]> = if bundle_intermediates.is_empty() {
                Cow::Borrowed(rest)
            } else {
                Cow::Owned([bundle_intermediates, rest].concat())
            };
            match verify_fulcio_leaf_trusting(
                leaf,
                &intermediates,
                std::slice::from_ref(anchor),
                trust,
                ct_logs,
                at,
            ) {
                Ok(v) => {
                    ok = Some((v, anchor));
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
            Some((v, anchor)) => {
                result = Some(VerifiedLeaf {
                    spki: v.public_key_spki,
                    identity: v.identity,
                    anchor_spki: anchor_spki(trust, anchor)?,
                });
            }
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

/// The key that signed the artifact (leaf certificate or self-managed key), decoded once.
struct SigningKey {
    algorithm: &'static pqlab_algorithms::Algorithm,
    key: Vec<u8>,
}

impl SigningKey {
    fn parse(spki: &[u8]) -> Result<Self, VerifyError> {
        let (algorithm, key) = pqlab_algorithms::encoding::parse_spki_der(spki)
            .map_err(|e| fail(Check::ArtifactSignature, format!("verification key: {e}")))?;
        Ok(Self { algorithm, key })
    }

    fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
        self.algorithm
            .default_implementation()
            .verify(&self.key, message, b"", signature)
            .map_err(|e| fail(Check::ArtifactSignature, e.to_string()))
    }
}

/// A message signature verified from the artifact's SHA-256 alone. Only ECDSA P-256 with
/// SHA-256 signs that digest (FIPS 186-5 §6.4.1 hashes the message first, so the digest is
/// all the verifier needs, as sigstore-go's `WithArtifactDigest` and sigstore-python's
/// `Hashed` input do); ECDSA P-384 signs SHA-384(message), and Ed25519, ML-DSA (pure),
/// SLH-DSA, FN-DSA and the composites sign the message itself, so a SHA-256 cannot verify
/// them.
fn verify_prehashed(
    key: &SigningKey,
    digest: &[u8; 32],
    signature: &[u8],
) -> Result<(), VerifyError> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier as _;
    let algorithm = key.algorithm;
    if algorithm.id() != "ecdsa-p256-sha256" {
        return Err(fail(
            Check::ArtifactSignature,
            format!(
                "{} signs {}, so the artifact's SHA-256 cannot verify its signature: give the artifact itself",
                algorithm.info.name,
                if algorithm.id() == "ecdsa-p384-sha384" {
                    "the SHA-384 of the message"
                } else {
                    "the whole message, not a digest"
                }
            ),
        ));
    }
    let bad = |what: &str| fail(Check::ArtifactSignature, format!("ECDSA P-256: {what}"));
    let key =
        p256::ecdsa::VerifyingKey::from_sec1_bytes(&key.key).map_err(|_| bad("bad public key"))?;
    let sig =
        p256::ecdsa::Signature::from_der(signature).map_err(|_| bad("malformed signature"))?;
    key.verify_prehash(digest, &sig)
        .map_err(|_| bad("signature does not verify over the digest"))
}

/// The artifact (message signature) or PAE (DSSE) signature, and the digests binding them to
/// the artifact. Returns the SHA-256 of the signed content (the artifact, or the PAE), which
/// the log entry must hold.
fn check_signature(
    bundle: &Bundle,
    artifact: Artifact<'_>,
    key: &SigningKey,
    signature: &[u8],
) -> Result<[u8; 32], VerifyError> {
    let digest = artifact.sha256();
    match &bundle.content {
        Content::MessageSignature {
            digest: Some(md), ..
        } if md.algorithm == HashAlgorithm::Sha2_256 && md.digest != digest => Err(fail(
            Check::ArtifactSignature,
            "messageDigest is not the artifact's SHA-256",
        )),
        Content::MessageSignature { .. } => {
            match artifact {
                Artifact::Bytes(bytes) => key.verify(bytes, signature)?,
                Artifact::Sha256(digest) => verify_prehashed(key, &digest, signature)?,
            }
            Ok(digest)
        }
        Content::Dsse(envelope) => {
            if envelope.signatures.len() != 1 {
                return Err(fail(
                    Check::ArtifactSignature,
                    "the DSSE envelope must carry exactly one signature",
                ));
            }
            let pae = crate::dsse::pae(&envelope.payload_type, &envelope.payload);
            key.verify(&pae, signature)?;
            check_subject(&envelope.payload, &digest)?;
            Ok(Sha256::digest(&pae).into())
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

/// Who signed, as verified: what the log entry must name.
struct Signer<'a> {
    /// The certificate DER or the key's SPKI DER.
    verifier_der: &'a [u8],
    /// The `PublicKeyDetails` name of its key, as pqlab logs it.
    key_details: String,
    /// The certificate's identity.
    identity: Option<&'a OidcIdentity>,
    /// The trust anchor's SPKI DER.
    anchor_spki: Option<&'a [u8]>,
}

/// The hash-only identity leaf (`pqlab-identity-leaf` 0.0.1, [`IdentityLeaf`]) commits to
/// the trust anchor, the signed content's digest and the identity claims `iss` and `sub`, in
/// that order; it holds no signature, so only those are compared.
fn check_identity_leaf(
    entry: &TlogEntry,
    signer: &Signer<'_>,
    signed_digest: &[u8; 32],
) -> Result<(), VerifyError> {
    let err = |d: &str| fail(Check::LogEntry, d);
    let (Some(identity), Some(anchor)) = (signer.identity, signer.anchor_spki) else {
        return Err(err(
            "a hash-only identity leaf needs a certificate identity, the bundle has a key",
        ));
    };
    let logged = IdentityLeaf::parse(&entry.canonicalized_body)
        .map_err(|e| fail(Check::LogEntry, format!("canonicalizedBody: {e}")))?;
    let expected = IdentityLeaf::new(
        anchor,
        signed_digest,
        &[
            (b"iss".as_slice(), identity.issuer.as_bytes()),
            (b"sub".as_slice(), identity.subject.as_str().as_bytes()),
        ],
    )
    .map_err(|e| fail(Check::LogEntry, e.to_string()))?;
    if logged.root_of_trust_hash != expected.root_of_trust_hash {
        return Err(err(
            "the leaf's root of trust is not the CA the certificate chains to",
        ));
    }
    if logged.message_hash != expected.message_hash {
        return Err(err("the leaf's message is not the signed content's digest"));
    }
    if logged.claims != expected.claims {
        return Err(err("the leaf's identity claims are not the certificate's"));
    }
    Ok(())
}

/// The log entry describes this signature, artifact and verifier (`signed_digest`: the
/// SHA-256 of the signed content).
fn check_entry(
    bundle: &Bundle,
    entry: &TlogEntry,
    artifact: Artifact<'_>,
    signer: &Signer<'_>,
    signed_digest: &[u8; 32],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let err = |d: String| fail(Check::LogEntry, d);
    let verifier_der = signer.verifier_der;
    if entry.inclusion_promise.is_none()
        && entry.kind == HASH_ONLY_KIND
        && entry.version == HASH_ONLY_VERSION
    {
        return check_identity_leaf(entry, signer, signed_digest);
    }
    if entry.kind == "hashedrekord" && entry.version == "0.0.2" {
        // The entry pqlab would log for this signature: when the logged bytes are exactly
        // those, everything below holds. Otherwise the entry is parsed, to name what differs
        // (or to accept an entry another log wrote with other key details).
        let expected = HashedRekordParts {
            algorithm: crate::entry::HashAlgorithm::Sha2_256,
            digest: signed_digest,
            signature,
            key_details: &signer.key_details,
            verifier: match &bundle.material {
                Material::PublicKey { .. } => VerifierRef::PublicKey(verifier_der),
                _ => VerifierRef::X509Certificate(verifier_der),
            },
        };
        if expected.canonical_json() == entry.canonicalized_body {
            return Ok(());
        }
        let body = HashedRekordV002::parse(&entry.canonicalized_body)
            .map_err(|e| err(format!("canonicalizedBody: {e}")))?;
        if body.digest() != signed_digest {
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
fn check_proof(
    entry: &TlogEntry,
    log: &TransparencyLog,
    other_keys: &[TransparencyLog],
    witnesses: Option<&Witnesses>,
    log_keys: &LogKeys,
) -> Result<(), VerifyError> {
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
    let body = checkpoint::verify_with_keys(envelope, log, other_keys, rule, witnesses, log_keys)?;
    if body.root_hash != proof.root_hash || body.size != proof.tree_size {
        return Err(fail(
            Check::Checkpoint,
            "the checkpoint's size and root are not the proof's",
        ));
    }
    Ok(())
}
