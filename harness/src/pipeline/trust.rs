//! The instance's `trusted_root.json` (media type 0.1, INTEROP.md "Trusted root"): the
//! Fulcio chain, the CT log (`logId` = SHA-256 of its SPKI), the log's checkpoint key(s)
//! (`logId` = the note key hash, baseUrl `https://<origin>`) and the TSA chain (leaf, root),
//! all valid from `start` with no end.

use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::{encoding, registry};
use time::OffsetDateTime;

use super::{Instance, PipelineError};
use crate::bundle::model::HashAlgorithm;
use crate::bundle::trusted_root::{
    CertificateAuthority, MEDIA_TYPE_V0_1, TransparencyLog, TrustedRoot, ValidityPeriod,
};
use crate::pki::{Authority, CtLog, ROOT_COMMON_NAME, TSA_ROOT_COMMON_NAME, Tsa};

/// The CT log's URL in the trusted root.
pub const CT_LOG_URL: &str = "https://ct.pqlab.example";
/// The CA's URL in the trusted root.
pub const FULCIO_URL: &str = "https://fulcio.pqlab.example";
/// The TSA's URL in the trusted root.
pub const TSA_URL: &str = "https://tsa.pqlab.example";
/// The organisation named in the CA and TSA subjects.
const ORGANIZATION: &str = "pqlab";

pub(super) fn trusted_root(
    instance: &Instance,
    ca: &Authority,
    ct_log: &CtLog,
    tsa: &Tsa,
    start: SystemTime,
) -> Result<TrustedRoot, PipelineError> {
    let valid_for = ValidityPeriod {
        start: OffsetDateTime::from(start),
        end: None,
    };
    let authority = instance.authority(0, 0)?;
    let tlogs = authority
        .logs()
        .iter()
        .zip(&instance.secrets().checkpoint)
        .map(|(signer, material)| {
            let info = registry::lookup(&material.algorithm)?.info;
            let public = STANDARD.decode(&material.public_key).map_err(|e| {
                PipelineError::KeyMaterial(format!("checkpoint public key base64: {e}"))
            })?;
            Ok(TransparencyLog {
                base_url: format!("https://{}", instance.origin()),
                hash_algorithm: HashAlgorithm::Sha2_256,
                public_key: encoding::spki_der(info, &public)?,
                key_details: info.key_details_name(),
                valid_for,
                log_id: signer.verifier_key().key_hash().to_vec(),
            })
        })
        .collect::<Result<Vec<_>, PipelineError>>()?;
    Ok(TrustedRoot {
        media_type: MEDIA_TYPE_V0_1.to_owned(),
        tlogs,
        certificate_authorities: vec![CertificateAuthority {
            organization: ORGANIZATION.to_owned(),
            common_name: ROOT_COMMON_NAME.to_owned(),
            uri: FULCIO_URL.to_owned(),
            chain: ca.chain(),
            valid_for,
        }],
        ctlogs: vec![TransparencyLog {
            base_url: CT_LOG_URL.to_owned(),
            hash_algorithm: HashAlgorithm::Sha2_256,
            public_key: ct_log.spki_der().to_vec(),
            key_details: ct_log.algorithm().key_details_name(),
            valid_for,
            log_id: ct_log.log_id().to_vec(),
        }],
        timestamp_authorities: vec![CertificateAuthority {
            organization: ORGANIZATION.to_owned(),
            common_name: TSA_ROOT_COMMON_NAME.to_owned(),
            uri: TSA_URL.to_owned(),
            chain: tsa.chain(),
            valid_for,
        }],
    })
}
