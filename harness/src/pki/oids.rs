//! Object identifiers the PKI emits and checks, with their sources.

use der::asn1::ObjectIdentifier as Oid;

/// Fulcio OIDC issuer, deprecated v1 form: raw UTF-8 bytes (Fulcio `oid-info.md`).
pub(crate) const FULCIO_ISSUER_V1: Oid = Oid::new_unwrap("1.3.6.1.4.1.57264.1.1");
/// Fulcio OIDC issuer v2: DER UTF8String (Fulcio `oid-info.md`).
pub(crate) const FULCIO_ISSUER_V2: Oid = Oid::new_unwrap("1.3.6.1.4.1.57264.1.8");
/// Sigstore TSA policy arc, used as the TSTInfo policy (`INTEROP.md`).
pub(crate) const SIGSTORE_TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.57264.2");
/// Embedded SCT list (RFC 6962 §3.3).
pub(crate) const CT_PRECERT_SCTS: Oid = Oid::new_unwrap("1.3.6.1.4.1.11129.2.4.2");
/// CT precertificate poison (RFC 6962 §3.1); rejected in final certificates.
pub(crate) const CT_POISON: Oid = Oid::new_unwrap("1.3.6.1.4.1.11129.2.4.3");

/// RFC 5280 §4.2.1.x certificate extensions.
pub(crate) const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub(crate) const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub(crate) const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
pub(crate) const AUTHORITY_KEY_ID: Oid = Oid::new_unwrap("2.5.29.35");
pub(crate) const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
pub(crate) const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");

/// id-kp-codeSigning and id-kp-timeStamping (RFC 5280 §4.2.1.12).
pub(crate) const KP_CODE_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.3");
pub(crate) const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");

/// SHA-256 and SHA-512 (NIST CSOR; RFC 5754).
pub(crate) const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

/// CMS content types and attributes (RFC 5652 §4, §11; RFC 3161 §2.4.2; RFC 5816 §2).
pub(crate) const CT_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
pub(crate) const ATTR_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const ATTR_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const ATTR_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub(crate) const ATTR_SIGNING_CERT_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
