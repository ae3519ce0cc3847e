//! The simulated RFC 3161 timestamp authority (`INTEROP.md` "Minimal RFC 3161 TSA that
//! passes"): a TSA root and a TSA leaf with a critical timeStamping EKU; each response is a
//! granted `TimeStampResp` whose token is CMS SignedData v3 (RFC 5652 §5) over a `TSTInfo`,
//! with signed attributes contentType, signingTime, messageDigest and the ESS
//! `signingCertificateV2` (RFC 5816 §2), signed by the TSA leaf.
//!
//! Digest algorithm of the signed attributes: SHA-256 for ECDSA TSA keys; SHA-512 for Ed25519
//! (RFC 8419 §3.1 requires it) and for post-quantum ones (RFC 9882 §3 asks ML-DSA signers for SHA-512, RFC 9814 §4 a digest of
//! the parameter set's strength for SLH-DSA; SHA-512 covers every category). The
//! messageImprint is always SHA-256 of the signature bytes, as Sigstore requires.

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Int, OctetString, SetOfVec, Uint};
use der::{Any, Decode as _, Encode as _};
use pqlab_algorithms::AlgorithmInfo;
use pqlab_algorithms::rng::SeededRng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;

use super::asn1::{
    EssCertIdV2, MessageImprint, PkiStatusInfo, SigningCertificateV2, TimeStampResp, TstInfo,
    sha256_algorithm, to_der,
};
use super::cert::{self, CertificateTemplate};
use super::keys::{KeyMaterial, RoleKey};
use super::{PkiError, oids, time};

/// Common name of the TSA root.
pub const TSA_ROOT_COMMON_NAME: &str = "sim-tsa-root";
/// Common name of the TSA leaf.
pub const TSA_LEAF_COMMON_NAME: &str = "sim-tsa";

/// Everything the bundle step persists to restore a [`Tsa`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TsaState {
    /// TSA root key.
    pub root_key: KeyMaterial,
    /// TSA leaf (signing) key.
    pub leaf_key: KeyMaterial,
    /// Base64 TSA root certificate DER.
    pub root_certificate: String,
    /// Base64 TSA leaf certificate DER.
    pub leaf_certificate: String,
}

/// A timestamp authority.
#[derive(Debug)]
pub struct Tsa {
    root_key: RoleKey,
    leaf_key: RoleKey,
    root_der: Vec<u8>,
    leaf_der: Vec<u8>,
    rng: SeededRng,
}

/// The digest algorithm a CMS signer with `info`'s key uses over its signed attributes.
pub(crate) fn cms_digest_algorithm(info: &AlgorithmInfo) -> AlgorithmIdentifierOwned {
    if info.family.is_post_quantum() || info.family == pqlab_algorithms::Family::EdDsa {
        AlgorithmIdentifierOwned {
            oid: oids::SHA512,
            parameters: None,
        }
    } else {
        sha256_algorithm()
    }
}

/// Digest of `data` with a SHA-256 or SHA-512 `AlgorithmIdentifier`; `None` for others.
pub(crate) fn digest(alg: &AlgorithmIdentifierOwned, data: &[u8]) -> Option<Vec<u8>> {
    if alg.oid == oids::SHA256 {
        Some(Sha256::digest(data).to_vec())
    } else if alg.oid == oids::SHA512 {
        Some(Sha512::digest(data).to_vec())
    } else {
        None
    }
}

fn attribute(oid: der::asn1::ObjectIdentifier, value: Any) -> Result<Attribute, PkiError> {
    let mut values = SetOfVec::new();
    values
        .insert(value)
        .map_err(|e| PkiError::der("attribute values", e))?;
    Ok(Attribute { oid, values })
}

fn any<T: der::Encode>(what: &'static str, value: &T) -> Result<Any, PkiError> {
    Any::from_der(&to_der(what, value)?).map_err(|e| PkiError::der(what, e))
}

impl Tsa {
    /// Creates a TSA root (`root_algorithm`) and TSA leaf (`leaf_algorithm`), both valid for
    /// ten years from `now`, everything drawn from `seed`.
    ///
    /// # Errors
    /// Unknown algorithms, key generation or signing failures.
    pub fn generate(
        root_algorithm: &str,
        leaf_algorithm: &str,
        seed: u64,
        now: SystemTime,
    ) -> Result<Self, PkiError> {
        let mut rng = pqlab_algorithms::rng::seeded(seed);
        let now = time::unix_seconds(now)?;
        let mut root_key = RoleKey::generate(root_algorithm, &mut rng)?;
        let leaf_key = RoleKey::generate(leaf_algorithm, &mut rng)?;
        let root_der = cert::self_signed_root(&mut root_key, TSA_ROOT_COMMON_NAME, now, &mut rng)?;
        let root_spki = root_key.spki()?;
        let leaf_spki = leaf_key.spki()?;
        let template = CertificateTemplate {
            serial: cert::random_serial(&mut rng)?,
            issuer: cert::subject_of(&root_der)?,
            not_before: now,
            not_after: now + cert::CA_LIFETIME_SECS,
            subject: cert::ca_name(TSA_LEAF_COMMON_NAME)?,
            extensions: cert::tsa_leaf_extensions(&leaf_spki, &root_spki)?,
            spki: leaf_spki,
        };
        let tbs = template.tbs(&root_key)?;
        let leaf_der = cert::sign(tbs, &mut root_key, &mut rng)?;
        Ok(Tsa {
            root_key,
            leaf_key,
            root_der,
            leaf_der,
            rng,
        })
    }

    /// Restores a TSA; `seed` drives serial numbers and hedged signatures from here on.
    ///
    /// # Errors
    /// Invalid key material or certificates not matching the keys.
    pub fn from_state(state: &TsaState, seed: u64) -> Result<Self, PkiError> {
        let (root_key, root_der) =
            super::authority::restore_role(&state.root_key, &state.root_certificate, "TSA root")?;
        let (leaf_key, leaf_der) =
            super::authority::restore_role(&state.leaf_key, &state.leaf_certificate, "TSA leaf")?;
        Ok(Tsa {
            root_key,
            leaf_key,
            root_der,
            leaf_der,
            rng: pqlab_algorithms::rng::seeded(seed),
        })
    }

    /// The state to persist.
    #[must_use]
    pub fn state(&self) -> TsaState {
        TsaState {
            root_key: self.root_key.material(),
            leaf_key: self.leaf_key.material(),
            root_certificate: STANDARD.encode(&self.root_der),
            leaf_certificate: STANDARD.encode(&self.leaf_der),
        }
    }

    /// The TSA root certificate DER (trust anchor).
    #[must_use]
    pub fn root_der(&self) -> &[u8] {
        &self.root_der
    }

    /// The TSA leaf certificate DER.
    #[must_use]
    pub fn leaf_der(&self) -> &[u8] {
        &self.leaf_der
    }

    /// The chain for `timestampAuthorities[].certChain`: leaf then root.
    #[must_use]
    pub fn chain(&self) -> Vec<Vec<u8>> {
        vec![self.leaf_der.clone(), self.root_der.clone()]
    }

    /// Timestamps `signature_bytes` at `now`: a DER `TimeStampResp` (status granted) whose
    /// TSTInfo imprint is SHA-256(`signature_bytes`).
    ///
    /// # Errors
    /// Encoding or signing failures.
    pub fn timestamp(
        &mut self,
        signature_bytes: &[u8],
        now: SystemTime,
    ) -> Result<Vec<u8>, PkiError> {
        let now = time::unix_seconds(now)?;
        let mut serial = [0u8; 16];
        let rng: &mut dyn pqlab_algorithms::rand_core::CryptoRng = &mut self.rng;
        rng.fill_bytes(&mut serial);
        serial[0] &= 0x7f;
        let tst = TstInfo {
            version: 1,
            policy: oids::SIGSTORE_TSA_POLICY,
            message_imprint: MessageImprint {
                hash_algorithm: sha256_algorithm(),
                hashed_message: OctetString::new(Sha256::digest(signature_bytes).to_vec())
                    .map_err(|e| PkiError::der("messageImprint", e))?,
            },
            serial_number: Uint::new(&serial)
                .and_then(|u| u.to_der())
                .and_then(|d| Int::from_der(&d))
                .map_err(|e| PkiError::der("TSTInfo serial", e))?,
            gen_time: time::generalized_time(now)?,
            accuracy: None,
            ordering: false,
            nonce: None,
            tsa: None,
            extensions: None,
        };
        let econtent = to_der("TSTInfo", &tst)?;
        let leaf = x509_cert::Certificate::from_der(&self.leaf_der)
            .map_err(|e| PkiError::der("TSA leaf certificate", e))?;
        let digest_alg = cms_digest_algorithm(self.leaf_key.info());
        let econtent_digest =
            digest(&digest_alg, &econtent).ok_or_else(|| PkiError::Timestamp {
                check: "digest algorithm",
                reason: "unsupported".to_owned(),
            })?;
        let ess = SigningCertificateV2 {
            certs: vec![EssCertIdV2 {
                hash_algorithm: None,
                cert_hash: OctetString::new(Sha256::digest(&self.leaf_der).to_vec())
                    .map_err(|e| PkiError::der("ESS certHash", e))?,
                issuer_serial: None,
            }],
            policies: None,
        };
        let mut signed_attrs = SetOfVec::new();
        for attr in [
            attribute(
                oids::ATTR_CONTENT_TYPE,
                any("contentType", &oids::CT_TST_INFO)?,
            )?,
            attribute(
                oids::ATTR_SIGNING_TIME,
                any("signingTime", &time::x509_time(now)?)?,
            )?,
            attribute(
                oids::ATTR_MESSAGE_DIGEST,
                any(
                    "messageDigest",
                    &OctetString::new(econtent_digest)
                        .map_err(|e| PkiError::der("messageDigest", e))?,
                )?,
            )?,
            attribute(
                oids::ATTR_SIGNING_CERT_V2,
                any("signingCertificateV2", &ess)?,
            )?,
        ] {
            signed_attrs
                .insert(attr)
                .map_err(|e| PkiError::der("signedAttrs", e))?;
        }
        let signature = self
            .leaf_key
            .sign(&to_der("signedAttrs", &signed_attrs)?, &mut self.rng)?;
        let signer = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: leaf.tbs_certificate().issuer().clone(),
                serial_number: leaf.tbs_certificate().serial_number().clone(),
            }),
            digest_alg: digest_alg.clone(),
            signed_attrs: Some(signed_attrs),
            signature_algorithm: self.leaf_key.signature_algorithm()?,
            signature: OctetString::new(signature).map_err(|e| PkiError::der("signature", e))?,
            unsigned_attrs: None,
        };
        let mut digest_algorithms = SetOfVec::new();
        digest_algorithms
            .insert(digest_alg)
            .map_err(|e| PkiError::der("digestAlgorithms", e))?;
        let mut certs = SetOfVec::new();
        certs
            .insert(CertificateChoices::Certificate(leaf))
            .map_err(|e| PkiError::der("certificates", e))?;
        let mut signer_infos = SetOfVec::new();
        signer_infos
            .insert(signer)
            .map_err(|e| PkiError::der("signerInfos", e))?;
        let signed_data = SignedData {
            version: CmsVersion::V3,
            digest_algorithms,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: oids::CT_TST_INFO,
                econtent: Some(any(
                    "eContent",
                    &OctetString::new(econtent).map_err(|e| PkiError::der("eContent", e))?,
                )?),
            },
            certificates: Some(CertificateSet(certs)),
            crls: None,
            signer_infos: SignerInfos(signer_infos),
        };
        let response = TimeStampResp {
            status: PkiStatusInfo {
                status: 0,
                status_string: None,
                fail_info: None,
            },
            time_stamp_token: Some(ContentInfo {
                content_type: oids::CT_SIGNED_DATA,
                content: any("SignedData", &signed_data)?,
            }),
        };
        to_der("TimeStampResp", &response)
    }
}
