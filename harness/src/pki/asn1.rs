//! ASN.1 structures the RustCrypto crates do not expose for construction, declared with the
//! `der` derive macros over `x509-cert`/`spki`/`cms` component types (no hand-built DER).
//!
//! * [`TbsCertificate`] and [`Certificate`] mirror RFC 5280 §4.1 (x509-cert 0.3 keeps its
//!   fields crate-private and offers only a profile-driven builder; we need exact control of the
//!   extension order of the Fulcio profile and signing through our own trait).
//! * [`TstInfo`], [`MessageImprint`], [`TimeStampResp`], [`PkiStatusInfo`]: RFC 3161 §2.4.
//! * [`SigningCertificateV2`], [`EssCertIdV2`]: RFC 5035 §3 / RFC 5816 §2.

use der::asn1::{BitString, GeneralizedTime, Int, ObjectIdentifier, OctetString, Uint};
use der::{Decode, Encode, Sequence};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::certificate::Version;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::{Extension, Extensions};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

use super::{PkiError, oids};

/// RFC 5280 §4.1 `TBSCertificate`, v3 with extensions, no unique identifiers.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct TbsCertificate {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub(crate) version: Version,
    pub(crate) serial_number: SerialNumber,
    pub(crate) signature: AlgorithmIdentifierOwned,
    pub(crate) issuer: Name,
    pub(crate) validity: Validity,
    pub(crate) subject: Name,
    pub(crate) subject_public_key_info: SubjectPublicKeyInfoOwned,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT")]
    pub(crate) extensions: Extensions,
}

/// RFC 5280 §4.1 `Certificate` over [`TbsCertificate`].
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct Certificate {
    pub(crate) tbs_certificate: TbsCertificate,
    pub(crate) signature_algorithm: AlgorithmIdentifierOwned,
    pub(crate) signature: BitString,
}

impl Certificate {
    /// Decodes a certificate in the profile pqlab issues (v3, extensions present).
    /// Larger inputs than [`crate::bundle::limits::MAX_CERTIFICATE_BYTES`] are refused
    /// undecoded.
    pub(crate) fn from_der_checked(bytes: &[u8]) -> Result<Self, PkiError> {
        let limit = crate::bundle::limits::MAX_CERTIFICATE_BYTES;
        if bytes.len() > limit {
            return Err(PkiError::TooLarge {
                what: "certificate",
                size: bytes.len(),
                limit,
            });
        }
        Certificate::from_der(bytes).map_err(|e| PkiError::der("Certificate", e))
    }

    /// The extension with `oid`, if present exactly once.
    pub(crate) fn extension(&self, oid: ObjectIdentifier) -> Result<Option<&Extension>, PkiError> {
        let mut found = self
            .tbs_certificate
            .extensions
            .iter()
            .filter(|e| e.extn_id == oid);
        let first = found.next();
        if found.next().is_some() {
            return Err(PkiError::Extension {
                subject: self.describe(),
                oid: oid.to_string(),
                reason: "appears more than once".to_owned(),
            });
        }
        Ok(first)
    }

    /// The extension with `oid` decoded as `T`.
    pub(crate) fn decoded_extension<T: for<'a> Decode<'a>>(
        &self,
        oid: ObjectIdentifier,
    ) -> Result<Option<(bool, T)>, PkiError> {
        match self.extension(oid)? {
            None => Ok(None),
            Some(ext) => T::from_der(ext.extn_value.as_bytes())
                .map(|v| Some((ext.critical, v)))
                .map_err(|e| PkiError::Extension {
                    subject: self.describe(),
                    oid: oid.to_string(),
                    reason: format!("does not decode: {e}"),
                }),
        }
    }

    /// The subject for messages: the DN, or the SAN for an empty subject.
    pub(crate) fn describe(&self) -> String {
        let subject = self.tbs_certificate.subject.to_string();
        if !subject.is_empty() {
            return subject;
        }
        for ext in &self.tbs_certificate.extensions {
            if ext.extn_id == oids::SUBJECT_ALT_NAME
                && let Ok(names) = Vec::<GeneralName>::from_der(ext.extn_value.as_bytes())
            {
                for name in names {
                    match name {
                        GeneralName::Rfc822Name(s) | GeneralName::UniformResourceIdentifier(s) => {
                            return format!("SAN {s}");
                        }
                        _ => {}
                    }
                }
            }
        }
        "(empty subject)".to_owned()
    }

    /// DER of the SPKI.
    pub(crate) fn spki_der(&self) -> Result<Vec<u8>, PkiError> {
        self.tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| PkiError::der("SubjectPublicKeyInfo", e))
    }
}

/// Slices of a certificate's DER as received: the TBSCertificate the signature covers
/// (RFC 5280 §4.1.1.3: the DER as it is, not a re-encoding) and its SubjectPublicKeyInfo
/// (§4.1.2.7).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CertificateBytes<'a> {
    pub(crate) tbs: &'a [u8],
    pub(crate) spki: &'a [u8],
}

impl<'a> CertificateBytes<'a> {
    /// Finds the two slices in `der` (a certificate that [`Certificate::from_der_checked`]
    /// accepted; anything else is a DER error).
    ///
    /// # Errors
    /// [`PkiError::Der`] naming the structure.
    pub(crate) fn find(der: &'a [u8]) -> Result<Self, PkiError> {
        use der::{Reader, SliceReader, Tag, TagNumber};
        let version_tag = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber(0),
        };
        let skip_rest = |r: &mut SliceReader<'a>| r.read_slice(r.remaining_len()).map(|_| ());
        let tbs = SliceReader::new(der)
            .and_then(|mut r| {
                r.sequence(|c| {
                    let tbs = c.tlv_bytes()?;
                    skip_rest(c)?;
                    Ok(tbs)
                })
            })
            .map_err(|e| PkiError::der("Certificate", e))?;
        let spki = SliceReader::new(tbs)
            .and_then(|mut r| {
                r.sequence(|t| {
                    if Tag::peek(t)? == version_tag {
                        t.tlv_bytes()?;
                    }
                    // serialNumber, signature, issuer, validity, subject
                    for _ in 0..5 {
                        t.tlv_bytes()?;
                    }
                    let spki = t.tlv_bytes()?;
                    skip_rest(t)?;
                    Ok(spki)
                })
            })
            .map_err(|e| PkiError::der("TBSCertificate", e))?;
        Ok(Self { tbs, spki })
    }
}

/// RFC 5652 §5.1 `SignedData` with its `certificates` left as raw DER (each element's TLV
/// kept, none decoded): a timestamp verifier decodes only the certificate it uses, or
/// borrows it from the trust cache, instead of decoding every embedded certificate here and
/// re-encoding it to compare. Otherwise as `cms::signed_data::SignedData`.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct SignedDataRawCertificates {
    pub(crate) version: cms::content_info::CmsVersion,
    pub(crate) digest_algorithms: cms::signed_data::DigestAlgorithmIdentifiers,
    pub(crate) encap_content_info: cms::signed_data::EncapsulatedContentInfo,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub(crate) certificates: Option<der::asn1::SetOfVec<der::Any>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub(crate) crls: Option<cms::revocation::RevocationInfoChoices>,
    pub(crate) signer_infos: cms::signed_data::SignerInfos,
}

/// RFC 3161 §2.4.2 `MessageImprint`.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct MessageImprint {
    pub(crate) hash_algorithm: AlgorithmIdentifierOwned,
    pub(crate) hashed_message: OctetString,
}

/// RFC 3161 §2.4.2 `Accuracy` (decoded, never emitted).
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct Accuracy {
    pub(crate) seconds: Option<u64>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub(crate) millis: Option<u16>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub(crate) micros: Option<u16>,
}

/// RFC 3161 §2.4.2 `TSTInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct TstInfo {
    pub(crate) version: u8,
    pub(crate) policy: ObjectIdentifier,
    pub(crate) message_imprint: MessageImprint,
    /// Signed: real TSAs emit serials with the top bit set (negative in DER), which
    /// sigstore-python accepts.
    pub(crate) serial_number: Int,
    pub(crate) gen_time: GeneralizedTime,
    pub(crate) accuracy: Option<Accuracy>,
    #[asn1(default = "Default::default")]
    pub(crate) ordering: bool,
    pub(crate) nonce: Option<Uint>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) tsa: Option<GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub(crate) extensions: Option<Extensions>,
}

/// RFC 3161 §2.4.2 `PKIStatusInfo` (statusString and failInfo decoded, never emitted).
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct PkiStatusInfo {
    pub(crate) status: u8,
    pub(crate) status_string: Option<Vec<String>>,
    pub(crate) fail_info: Option<BitString>,
}

/// RFC 3161 §2.4.2 `TimeStampResp`.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct TimeStampResp {
    pub(crate) status: PkiStatusInfo,
    pub(crate) time_stamp_token: Option<cms::content_info::ContentInfo>,
}

/// The `AlgorithmIdentifier` of SHA-256, parameters absent (RFC 5754 §2).
pub(crate) fn sha256_algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: oids::SHA256,
        parameters: None,
    }
}

/// RFC 5035 §4 `ESSCertIDv2` (hashAlgorithm DEFAULT SHA-256, so omitted for SHA-256 in DER).
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct EssCertIdV2 {
    /// Absent means SHA-256 (the DEFAULT, which DER omits).
    pub(crate) hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub(crate) cert_hash: OctetString,
    pub(crate) issuer_serial: Option<der::Any>,
}

/// RFC 5035 §3 `SigningCertificateV2` (policies decoded, never emitted).
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct SigningCertificateV2 {
    pub(crate) certs: Vec<EssCertIdV2>,
    pub(crate) policies: Option<Vec<der::Any>>,
}

/// Encodes `value` to DER, naming the structure on failure.
pub(crate) fn to_der<T: Encode>(what: &'static str, value: &T) -> Result<Vec<u8>, PkiError> {
    value.to_der().map_err(|e| PkiError::der(what, e))
}
