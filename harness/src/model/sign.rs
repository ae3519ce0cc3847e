//! Signing a model (model_signing 1.1.1 `signing.py` `Config.sign`): hash it into a
//! [`Manifest`], then sign the statement either through the simulated Sigstore pipeline
//! (`sign sigstore`: a Fulcio-like certificate, a Rekor v2 entry, a timestamp) or with a
//! self-managed key (`sign key`: a bundle with a `publicKey.hint`, no log entry and no
//! timestamp, exactly as `sign_ec_key.py` writes it).

use std::path::Path;
use std::time::SystemTime;

use super::hash::hash_files;
use super::key::{PrivateKey, public_key_hint};
use super::walk::{HashingConfig, list, model_name};
use super::{Manifest, ModelError, Resource, Serialization};
use crate::bundle::Bundle;
use crate::bundle::model::{
    BundleVersion, Content, DsseSignature, Envelope, MEDIA_TYPE_V0_3, Material,
};
use crate::dsse::{IN_TOTO_PAYLOAD_TYPE, pae};
use crate::pipeline::{Instance, SignOutcome};
use crate::pki::OidcIdentity;

/// Hashes the model at `model` (a directory, or a single file) into its manifest.
///
/// # Errors
/// The [`ModelError`] of the first path that cannot be used or read.
pub fn manifest_of(model: &Path, config: &HashingConfig) -> Result<Manifest, ModelError> {
    let files = list(model, config)?;
    let digests = hash_files(&files, config.workers)?;
    let resources = files
        .into_iter()
        .zip(digests)
        .map(|(f, digest)| Resource {
            name: f.name,
            digest,
        })
        .collect();
    Manifest::new(
        model_name(model),
        Serialization {
            allow_symlinks: config.allow_symlinks,
            ignore_paths: config.ignore_paths.clone(),
        },
        resources,
    )
}

/// Signs `manifest` through `instance` for `identity` at `now` (model_signing `sign
/// sigstore`): the bundle carries the certificate, the Rekor v2 entry and a timestamp.
///
/// # Errors
/// [`ModelError::Pipeline`] for whatever the pipeline refuses.
pub fn sign_sigstore(
    instance: &Instance,
    manifest: &Manifest,
    identity: &OidcIdentity,
    now: SystemTime,
) -> Result<SignOutcome, ModelError> {
    Ok(instance.sign_in_toto(manifest.to_payload(), identity, now)?)
}

/// Signs `manifest` with a self-managed key (model_signing `sign key`): a bundle v0.3 with
/// `verificationMaterial.publicKey.hint`, no log entries, no timestamps.
///
/// # Errors
/// Key encoding or signing errors.
pub fn sign_key(
    manifest: &Manifest,
    key: &PrivateKey,
    rng: &mut dyn rand_core::CryptoRng,
) -> Result<Bundle, ModelError> {
    let payload = manifest.to_payload();
    let signature = key.sign(&pae(IN_TOTO_PAYLOAD_TYPE, &payload), rng)?;
    Ok(Bundle {
        media_type: MEDIA_TYPE_V0_3.to_owned(),
        version: BundleVersion::V0_3,
        material: Material::PublicKey {
            hint: public_key_hint(key.spki_der())?,
        },
        tlog_entries: Vec::new(),
        timestamps: Vec::new(),
        content: Content::Dsse(Envelope {
            payload,
            payload_type: IN_TOTO_PAYLOAD_TYPE.to_owned(),
            signatures: vec![DsseSignature {
                sig: signature,
                keyid: String::new(),
            }],
        }),
    })
}
