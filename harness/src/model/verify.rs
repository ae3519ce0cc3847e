//! Verifying a model against its signature (model_signing 1.1.1 `verifying.py`
//! `Config.verify`): the bundle first (Sigstore mode: [`verify_bundle`] with the statement's
//! subject digest as the DSSE artifact; key mode: the key hint and the DSSE signature, as
//! `sign_ec_key.py` `Verifier` does), then the statement as a manifest, then the model on disk
//! hashed with the signature's serialization (its ignore paths added to the local ones) and
//! compared file by file: extra, missing and changed files fail, named.

use std::path::Path;
use std::time::SystemTime;

use super::key::public_key_hint;
use super::sign::manifest_of;
use super::walk::HashingConfig;
use super::{Manifest, ModelError};
use crate::bundle::Bundle;
use crate::bundle::model::{Content, Material};
use crate::bundle::trusted_root::TrustedRoot;
use crate::dsse::{IN_TOTO_PAYLOAD_TYPE, pae};
use crate::verify::bundle::{Artifact, Policy, verify_bundle};

/// Who must have signed the model.
#[derive(Debug, Clone, Copy)]
pub enum Trust<'a> {
    /// Sigstore mode: a certificate for `identity` from `issuer`, chaining to `root`, logged
    /// in one of its logs.
    Sigstore {
        /// The trusted root.
        root: &'a TrustedRoot,
        /// The certificate SAN (email or URI).
        identity: &'a str,
        /// The OIDC issuer.
        issuer: &'a str,
    },
    /// Key mode: this public key (SPKI DER).
    Key(&'a [u8]),
}

/// Verifies the model at `model` against the signature bundle `bundle`, hashing with `config`
/// (the local ignore paths and symlink choice; the signature's ignore paths are added) at
/// `now`. Returns the signed manifest.
///
/// # Errors
/// [`ModelError::Bundle`] / [`ModelError::Verify`] / [`ModelError::KeyHint`] /
/// [`ModelError::Signature`] when the signature does not hold, the manifest errors of
/// [`Manifest::from_payload`], the hashing errors of [`manifest_of`], and
/// [`ModelError::Mismatch`] naming every extra, missing or changed file.
pub fn verify_model(
    model: &Path,
    bundle: &[u8],
    trust: Trust<'_>,
    config: &HashingConfig,
    now: SystemTime,
) -> Result<Manifest, ModelError> {
    let bundle = Bundle::parse(bundle).map_err(|e| ModelError::Bundle(e.to_string()))?;
    let Content::Dsse(envelope) = &bundle.content else {
        return Err(ModelError::Bundle(
            "a message signature, expected a DSSE envelope".into(),
        ));
    };
    if envelope.payload_type != IN_TOTO_PAYLOAD_TYPE {
        return Err(ModelError::Bundle(format!(
            "DSSE payload type `{}`, expected `{IN_TOTO_PAYLOAD_TYPE}`",
            envelope.payload_type
        )));
    }
    let signed = Manifest::from_payload(&envelope.payload)?;
    match trust {
        Trust::Sigstore {
            root,
            identity,
            issuer,
        } => {
            let policy = Policy::Identity {
                identity: identity.to_owned(),
                issuer: issuer.to_owned(),
            };
            verify_bundle(
                &bundle,
                root,
                Artifact::Sha256(signed.root_digest()),
                &policy,
                now,
            )?;
        }
        Trust::Key(spki_der) => verify_key_bundle(&bundle, spki_der)?,
    }
    let mut config = config.clone();
    config.ignore_names(signed.serialization.ignore_paths.iter().map(String::as_str));
    let actual = manifest_of(model, &config)?;
    let diff = signed.diff(&actual);
    if diff.is_empty() {
        Ok(signed)
    } else {
        Err(ModelError::Mismatch(diff))
    }
}

/// Key mode: the hint (when present) names this key, and the one DSSE signature verifies
/// over the PAE with it.
fn verify_key_bundle(bundle: &Bundle, spki_der: &[u8]) -> Result<(), ModelError> {
    let Material::PublicKey { hint } = &bundle.material else {
        return Err(ModelError::Bundle(
            "the bundle carries a certificate; key mode needs a public key hint".into(),
        ));
    };
    if !hint.is_empty() {
        let expected = public_key_hint(spki_der)?;
        if *hint != expected {
            return Err(ModelError::KeyHint {
                expected,
                found: hint.clone(),
            });
        }
    }
    let Content::Dsse(envelope) = &bundle.content else {
        return Err(ModelError::Bundle("no DSSE envelope".into()));
    };
    let [signature] = envelope.signatures.as_slice() else {
        return Err(ModelError::Bundle(format!(
            "{} DSSE signatures, expected one",
            envelope.signatures.len()
        )));
    };
    let (algorithm, key) = pqlab_algorithms::encoding::parse_spki_der(spki_der)?;
    algorithm
        .default_implementation()
        .verify(
            &key,
            &pae(&envelope.payload_type, &envelope.payload),
            b"",
            &signature.sig,
        )
        .map_err(|e| ModelError::Signature(e.to_string()))
}
