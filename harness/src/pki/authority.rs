//! The Fulcio-like certificate authority: a self-signed root, an intermediate (codeSigning,
//! path length 0) and short-lived leaf certificates with one embedded SCT
//! (`FORMATS.md` §4, `INTEROP.md` "Leaf certificate").

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use der::Decode as _;
use pqlab_algorithms::encoding;
use pqlab_algorithms::rng::SeededRng;
use serde::{Deserialize, Serialize};
use spki::SubjectPublicKeyInfoOwned;

use super::asn1::Certificate;
use super::cert::{self, CertificateTemplate};
use super::ct::{self, CtLog, Sct};
use super::identity::OidcIdentity;
use super::keys::{KeyMaterial, RoleKey};
use super::{PkiError, oids, time};

/// Common name of the simulated root.
pub const ROOT_COMMON_NAME: &str = "sim-fulcio-root";
/// Common name of the simulated intermediate.
pub const INTERMEDIATE_COMMON_NAME: &str = "sim-fulcio-intermediate";

/// Everything the bundle step persists to restore an [`Authority`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AuthorityState {
    /// Root key.
    pub root_key: KeyMaterial,
    /// Intermediate key.
    pub intermediate_key: KeyMaterial,
    /// Base64 root certificate DER.
    pub root_certificate: String,
    /// Base64 intermediate certificate DER.
    pub intermediate_certificate: String,
}

/// An issued leaf certificate.
#[derive(Debug, Clone)]
pub struct LeafCertificate {
    /// The final certificate DER (with the SCT list).
    pub der: Vec<u8>,
    /// The embedded SCT.
    pub sct: Sct,
    /// The precertificate TBS the SCT signs.
    pub precertificate_tbs: Vec<u8>,
}

/// Root + intermediate CA.
#[derive(Debug)]
pub struct Authority {
    root_key: RoleKey,
    intermediate_key: RoleKey,
    root_der: Vec<u8>,
    intermediate_der: Vec<u8>,
    rng: SeededRng,
}

impl Authority {
    /// Creates a root (`root_algorithm`) and an intermediate (`intermediate_algorithm`), both
    /// valid for ten years from `now`, everything drawn from `seed`.
    ///
    /// # Errors
    /// Unknown algorithms, key generation or signing failures.
    pub fn generate(
        root_algorithm: &str,
        intermediate_algorithm: &str,
        seed: u64,
        now: SystemTime,
    ) -> Result<Self, PkiError> {
        let mut rng = pqlab_algorithms::rng::seeded(seed);
        let now = time::unix_seconds(now)?;
        let mut root_key = RoleKey::generate(root_algorithm, &mut rng)?;
        let intermediate_key = RoleKey::generate(intermediate_algorithm, &mut rng)?;
        let root_der = cert::self_signed_root(&mut root_key, ROOT_COMMON_NAME, now, &mut rng)?;
        let root_spki = root_key.spki()?;
        let inter_spki = intermediate_key.spki()?;
        let template = CertificateTemplate {
            serial: cert::random_serial(&mut rng)?,
            issuer: cert::subject_of(&root_der)?,
            not_before: now,
            not_after: now + cert::CA_LIFETIME_SECS,
            subject: cert::ca_name(INTERMEDIATE_COMMON_NAME)?,
            extensions: cert::ca_extensions(
                &inter_spki,
                &root_spki,
                0,
                Some(oids::KP_CODE_SIGNING),
            )?,
            spki: inter_spki,
        };
        let tbs = template.tbs(&root_key)?;
        let intermediate_der = cert::sign(tbs, &mut root_key, &mut rng)?;
        Ok(Authority {
            root_key,
            intermediate_key,
            root_der,
            intermediate_der,
            rng,
        })
    }

    /// Restores an authority; `seed` drives serial numbers and hedged signatures from here on.
    ///
    /// # Errors
    /// Invalid key material or certificates, or certificates not matching the keys.
    pub fn from_state(state: &AuthorityState, seed: u64) -> Result<Self, PkiError> {
        let (root_key, root_der) = restore_role(&state.root_key, &state.root_certificate, "root")?;
        let (intermediate_key, intermediate_der) = restore_role(
            &state.intermediate_key,
            &state.intermediate_certificate,
            "intermediate",
        )?;
        Ok(Authority {
            root_key,
            intermediate_key,
            root_der,
            intermediate_der,
            rng: pqlab_algorithms::rng::seeded(seed),
        })
    }

    /// The state to persist.
    #[must_use]
    pub fn state(&self) -> AuthorityState {
        AuthorityState {
            root_key: self.root_key.material(),
            intermediate_key: self.intermediate_key.material(),
            root_certificate: STANDARD.encode(&self.root_der),
            intermediate_certificate: STANDARD.encode(&self.intermediate_der),
        }
    }

    /// The root certificate DER (the trust anchor).
    #[must_use]
    pub fn root_der(&self) -> &[u8] {
        &self.root_der
    }

    /// The intermediate certificate DER.
    #[must_use]
    pub fn intermediate_der(&self) -> &[u8] {
        &self.intermediate_der
    }

    /// The chain a trusted root lists: intermediate then root.
    #[must_use]
    pub fn chain(&self) -> Vec<Vec<u8>> {
        vec![self.intermediate_der.clone(), self.root_der.clone()]
    }

    /// Issues a ten-minute leaf certificate for `identity` over `leaf_spki_der` (any
    /// registered algorithm) valid from `now`, with one SCT from `ct_log` embedded.
    ///
    /// The certificate is built once without the SCT list (the precertificate TBS, which the
    /// log signs), then again with the SCT list appended last and signed by the intermediate.
    ///
    /// # Errors
    /// An SPKI of no registered algorithm, an identity that cannot be encoded, signing
    /// failures.
    pub fn issue_leaf(
        &mut self,
        identity: &OidcIdentity,
        leaf_spki_der: &[u8],
        ct_log: &mut CtLog,
        now: SystemTime,
    ) -> Result<LeafCertificate, PkiError> {
        encoding::parse_spki_der(leaf_spki_der)?;
        let leaf_spki = SubjectPublicKeyInfoOwned::from_der(leaf_spki_der)
            .map_err(|e| PkiError::der("leaf SubjectPublicKeyInfo", e))?;
        let timestamp_ms = time::unix_millis(now)?;
        let now = time::unix_seconds(now)?;
        let issuer_spki = self.intermediate_key.spki()?;
        let mut template = CertificateTemplate {
            serial: cert::random_serial(&mut self.rng)?,
            issuer: cert::subject_of(&self.intermediate_der)?,
            not_before: now,
            not_after: now + cert::LEAF_LIFETIME_SECS,
            subject: x509_cert::name::Name::default(),
            extensions: cert::fulcio_leaf_extensions(&leaf_spki, &issuer_spki, identity)?,
            spki: leaf_spki,
        };
        let precertificate_tbs =
            super::asn1::to_der("precertificate TBS", &template.tbs(&self.intermediate_key)?)?;
        let issuer_spki_der = self.intermediate_key.spki_der()?;
        let sct =
            ct_log.sign_precertificate(&issuer_spki_der, &precertificate_tbs, timestamp_ms)?;
        template.extensions.push(cert::raw_extension(
            oids::CT_PRECERT_SCTS,
            false,
            ct::sct_list_extension_value(std::slice::from_ref(&sct))?,
        )?);
        let tbs = template.tbs(&self.intermediate_key)?;
        let der = cert::sign(tbs, &mut self.intermediate_key, &mut self.rng)?;
        Ok(LeafCertificate {
            der,
            sct,
            precertificate_tbs,
        })
    }
}

/// Restores one role's key and certificate from saved state, checking that the certificate
/// (base64 DER) holds that key. Shared by [`Authority::from_state`] and the TSA's.
///
/// # Errors
/// [`PkiError::KeyMaterial`] for bad base64 or a certificate of another key; certificate
/// parse errors.
pub(super) fn restore_role(
    material: &KeyMaterial,
    certificate_b64: &str,
    what: &str,
) -> Result<(RoleKey, Vec<u8>), PkiError> {
    let key = RoleKey::from_material(material)?;
    let der = STANDARD
        .decode(certificate_b64)
        .map_err(|e| PkiError::KeyMaterial(format!("{what} certificate base64: {e}")))?;
    if Certificate::from_der_checked(&der)?.spki_der()? != key.spki_der()? {
        return Err(PkiError::KeyMaterial(format!(
            "{what} certificate does not hold the {what} key"
        )));
    }
    Ok((key, der))
}
