//! The signing flow (FORMATS.md §0–5, INTEROP.md "Bundle"): leaf key, Fulcio-like
//! certificate with one embedded SCT, the artifact signature (message signature, or a DSSE
//! envelope over an in-toto Statement v1), an RFC 3161 timestamp over the signature bytes,
//! the log entry appended and integrated, and the bundle v0.3 with its inclusion proof and
//! signed checkpoint.
//!
//! Everything that can fail is built before the entry is appended, so a failed sign leaves
//! the log unchanged.

use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::state::{subseed, unix_seconds};
use super::{Instance, PipelineError, sizes};
use crate::bundle::Bundle;
use crate::bundle::model::{
    BundleVersion, Content, DsseSignature, Envelope, HashAlgorithm as BundleHash, InclusionProof,
    MEDIA_TYPE_V0_3, Material, MessageDigest, TlogEntry,
};
use crate::dsse::{IN_TOTO_PAYLOAD_TYPE, Statement, pae};
use crate::entry::{
    EntryShape as _, HashAlgorithm, HashedRekordV002, IdentityLeaf, VerifierMaterial,
};
use crate::pki::{Authority, CtLog, OidcIdentity, RoleKey, Tsa};
use crate::profile::EntryShape;
use pqlab_reports::schema::BundleComponents;

/// `kindVersion.kind` of a hash-only identity leaf (not a Rekor kind: the leaf proposed in
/// rekor-tiles #827 has none yet; real verifiers reject it, pqlab's verifier knows it).
pub const HASH_ONLY_KIND: &str = "pqlab-identity-leaf";
/// `kindVersion.version` of a hash-only identity leaf.
pub const HASH_ONLY_VERSION: &str = "0.0.1";
/// The in-toto predicate type of the DSSE statements `sign` makes: the statement only binds
/// the artifact's name and digest.
pub const DSSE_PREDICATE_TYPE: &str = "https://pqlab.example/attestation/signed-artifact/v1";

/// What a sign produced.
#[derive(Debug, Clone)]
pub struct SignOutcome {
    /// The bundle.
    pub bundle: Bundle,
    /// `bundle.to_json()`, the bytes written.
    pub json: String,
    /// The bytes by component (their sum is `json.len()`).
    pub sizes: BundleComponents,
}

/// What a sign covers: the artifact bytes (message signature) or an in-toto statement (DSSE).
enum ToSign<'a> {
    Message(&'a [u8]),
    InToto(Vec<u8>),
}

/// The signature and what the log entry's digest covers.
struct Signed {
    content: Content,
    signature: Vec<u8>,
    /// SHA-256 of the artifact (message) or of the PAE (DSSE).
    entry_digest: [u8; 32],
}

impl Instance {
    /// Signs `artifact` (named `name` in a DSSE statement) for `identity` at `now` and logs
    /// it; returns the bundle and its size breakdown.
    ///
    /// # Errors
    /// A refused identity, key generation, signing, timestamping, entry or log errors. Every
    /// error before the append leaves the log unchanged.
    pub fn sign(
        &self,
        artifact: &[u8],
        name: &str,
        identity: &OidcIdentity,
        dsse: bool,
        now: SystemTime,
    ) -> Result<SignOutcome, PipelineError> {
        let input = if dsse {
            let digest: [u8; 32] = Sha256::digest(artifact).into();
            let statement =
                Statement::for_artifact(name, &digest, DSSE_PREDICATE_TYPE, serde_json::json!({}));
            ToSign::InToto(statement.to_payload())
        } else {
            ToSign::Message(artifact)
        };
        self.sign_input(input, identity, now)
    }

    /// Signs a ready in-toto statement (the DSSE payload, `application/vnd.in-toto+json`) for
    /// `identity` at `now` and logs it, as [`Instance::sign`] does with `dsse`: for statements
    /// the caller builds, such as model-signing manifests (`crate::model`).
    ///
    /// # Errors
    /// As [`Instance::sign`].
    pub fn sign_in_toto(
        &self,
        payload: Vec<u8>,
        identity: &OidcIdentity,
        now: SystemTime,
    ) -> Result<SignOutcome, PipelineError> {
        self.sign_input(ToSign::InToto(payload), identity, now)
    }

    fn sign_input(
        &self,
        input: ToSign<'_>,
        identity: &OidcIdentity,
        now: SystemTime,
    ) -> Result<SignOutcome, PipelineError> {
        identity.validate()?;
        let time = unix_seconds(now)?;
        let counter = self.open_log(time, 0)?.size();
        let seed = |role: &str| subseed(self.seed(), role, counter);
        let profile = self.profile();
        let secrets = self.secrets();

        let mut leaf_rng = pqlab_algorithms::rng::seeded(seed("leaf"));
        let mut leaf_key = RoleKey::generate(&profile.leaf, &mut leaf_rng)?;
        let mut ca = Authority::from_state(&secrets.ca, seed("ca-sign"))?;
        let mut ct_log = CtLog::from_material(&secrets.ct_log, seed("ct-log-sign"))?;
        let leaf = ca.issue_leaf(identity, &leaf_key.spki_der()?, &mut ct_log, now)?;

        let signed = match input {
            ToSign::InToto(payload) => {
                let pae = pae(IN_TOTO_PAYLOAD_TYPE, &payload);
                let signature = leaf_key.sign(&pae, &mut leaf_rng)?;
                Signed {
                    content: Content::Dsse(Envelope {
                        payload,
                        payload_type: IN_TOTO_PAYLOAD_TYPE.to_owned(),
                        signatures: vec![DsseSignature {
                            sig: signature.clone(),
                            keyid: String::new(),
                        }],
                    }),
                    signature,
                    entry_digest: Sha256::digest(&pae).into(),
                }
            }
            ToSign::Message(artifact) => {
                let artifact_digest: [u8; 32] = Sha256::digest(artifact).into();
                let signature = leaf_key.sign(artifact, &mut leaf_rng)?;
                Signed {
                    content: Content::MessageSignature {
                        digest: Some(MessageDigest {
                            algorithm: BundleHash::Sha2_256,
                            digest: artifact_digest.to_vec(),
                        }),
                        signature: signature.clone(),
                    },
                    signature,
                    entry_digest: artifact_digest,
                }
            }
        };

        let mut tsa = Tsa::from_state(&secrets.tsa, seed("tsa-sign"))?;
        let timestamp = tsa.timestamp(&signed.signature, now)?;

        let (entry, kind, version) = match profile.entry_shape {
            EntryShape::Hashedrekord => (
                HashedRekordV002::new(
                    HashAlgorithm::Sha2_256,
                    signed.entry_digest.to_vec(),
                    signed.signature.clone(),
                    &leaf_key.info().key_details_name(),
                    VerifierMaterial::X509Certificate(leaf.der.clone()),
                )?
                .encode()?,
                "hashedrekord",
                "0.0.2",
            ),
            EntryShape::HashOnly => {
                let root = RoleKey::from_material(&secrets.ca.root_key)?.spki_der()?;
                let issuer = identity.issuer.as_bytes();
                let subject = identity.subject.as_str().as_bytes();
                (
                    IdentityLeaf::new(
                        &root,
                        &signed.entry_digest,
                        &[(b"iss".as_slice(), issuer), (b"sub".as_slice(), subject)],
                    )?
                    .encode()?,
                    HASH_ONLY_KIND,
                    HASH_ONLY_VERSION,
                )
            }
        };

        // Everything above may fail without touching the log; from here on it changes.
        let mut log = self.open_log(time, counter)?;
        let log_id = log_key_hash(self, time, counter)?;
        let index = log.append(&entry)?;
        log.integrate()?;
        let proof = log.prove_inclusion(index, None)?;
        let bundle = Bundle {
            media_type: MEDIA_TYPE_V0_3.to_owned(),
            version: BundleVersion::V0_3,
            material: Material::Certificate(leaf.der),
            tlog_entries: vec![TlogEntry {
                log_index: index,
                log_id,
                kind: kind.to_owned(),
                version: version.to_owned(),
                integrated_time: None,
                inclusion_promise: None,
                inclusion_proof: Some(InclusionProof {
                    log_index: proof.log_index,
                    root_hash: proof.root_hash,
                    tree_size: proof.tree_size,
                    hashes: proof.hashes,
                    checkpoint: Some(proof.checkpoint),
                }),
                canonicalized_body: entry,
            }],
            timestamps: vec![timestamp],
            content: signed.content,
        };
        let json = bundle.to_json();
        let sizes = sizes::components(&bundle, json.len(), profile.checkpoint.len());
        Ok(SignOutcome {
            bundle,
            json,
            sizes,
        })
    }
}

/// The bundle's `logId.keyId`: the key hash of the first checkpoint key.
fn log_key_hash(instance: &Instance, time: u64, counter: u64) -> Result<Vec<u8>, PipelineError> {
    let authority = instance.authority(time, counter)?;
    authority
        .logs()
        .first()
        .map(|s| s.verifier_key().key_hash().to_vec())
        .ok_or_else(|| PipelineError::NoCheckpointKey(instance.profile().name.clone()))
}
