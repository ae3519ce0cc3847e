//! Certificate construction: extensions of the Fulcio profile (`FORMATS.md` §4), key
//! identifiers, serial numbers, and signing a TBSCertificate with a [`RoleKey`].

use der::Encode;
use der::asn1::{BitString, Ia5String, ObjectIdentifier, OctetString, Utf8StringRef};
use der::flagset::FlagSet;
use pqlab_algorithms::rand_core::CryptoRng;
use sha2::{Digest, Sha256};
use spki::SubjectPublicKeyInfoOwned;
use std::str::FromStr;
use x509_cert::certificate::Version;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

use super::asn1::{Certificate, TbsCertificate, to_der};
use super::identity::{OidcIdentity, SubjectName};
use super::keys::RoleKey;
use super::{PkiError, oids, time};

/// Leaf lifetime: ten minutes, as Fulcio issues (`FORMATS.md` §4).
pub(crate) const LEAF_LIFETIME_SECS: u64 = 600;
/// CA and TSA certificate lifetime: ten years.
pub(crate) const CA_LIFETIME_SECS: u64 = 3650 * 24 * 3600;
/// The organisation in every simulated CA name (as the reference generator).
pub(crate) const ORGANIZATION: &str = "simulated.example";

/// `O=simulated.example, CN=<cn>` (RDN order O then CN, as Fulcio's and the reference's).
pub(crate) fn ca_name(common_name: &str) -> Result<Name, PkiError> {
    // RFC 4514 strings list the RDNs last-first.
    Name::from_str(&format!("CN={common_name},O={ORGANIZATION}"))
        .map_err(|e| PkiError::der("Name", e))
}

/// A key identifier by RFC 7093 §2 method 1: the leftmost 160 bits of SHA-256 over the
/// subjectPublicKey BIT STRING value (what Go ≥ 1.25 and so Fulcio compute).
pub(crate) fn key_identifier(spki: &SubjectPublicKeyInfoOwned) -> Vec<u8> {
    let digest = Sha256::digest(spki.subject_public_key.raw_bytes());
    digest[..20].to_vec()
}

/// A random positive serial number of at most 159 bits (20 bytes, top bit clear), as
/// RFC 5280 §4.1.2.2 bounds it and Fulcio draws it.
pub(crate) fn random_serial(rng: &mut dyn CryptoRng) -> Result<SerialNumber, PkiError> {
    loop {
        let mut bytes = [0u8; 20];
        rng.fill_bytes(&mut bytes);
        bytes[0] &= 0x7f;
        if bytes.iter().any(|b| *b != 0) {
            return SerialNumber::new(&bytes).map_err(|e| PkiError::der("serialNumber", e));
        }
    }
}

/// An extension with a DER-encoded value.
pub(crate) fn extension<T: Encode>(
    oid: ObjectIdentifier,
    critical: bool,
    value: &T,
) -> Result<Extension, PkiError> {
    raw_extension(oid, critical, to_der("extension value", value)?)
}

/// An extension whose extnValue holds `bytes` as they are.
pub(crate) fn raw_extension(
    oid: ObjectIdentifier,
    critical: bool,
    bytes: Vec<u8>,
) -> Result<Extension, PkiError> {
    Ok(Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(bytes).map_err(|e| PkiError::der("extnValue", e))?,
    })
}

fn key_usage(usages: FlagSet<KeyUsages>) -> Result<Extension, PkiError> {
    extension(oids::KEY_USAGE, true, &KeyUsage(usages))
}

fn ski(spki: &SubjectPublicKeyInfoOwned) -> Result<Extension, PkiError> {
    let id = OctetString::new(key_identifier(spki)).map_err(|e| PkiError::der("SKI", e))?;
    extension(oids::SUBJECT_KEY_ID, false, &SubjectKeyIdentifier(id))
}

fn aki(issuer: &SubjectPublicKeyInfoOwned) -> Result<Extension, PkiError> {
    let id = OctetString::new(key_identifier(issuer)).map_err(|e| PkiError::der("AKI", e))?;
    extension(
        oids::AUTHORITY_KEY_ID,
        false,
        &AuthorityKeyIdentifier {
            key_identifier: Some(id),
            authority_cert_issuer: None,
            authority_cert_serial_number: None,
        },
    )
}

fn eku(purpose: ObjectIdentifier, critical: bool) -> Result<Extension, PkiError> {
    extension(
        oids::EXT_KEY_USAGE,
        critical,
        &ExtendedKeyUsage(vec![purpose]),
    )
}

/// CA extensions in the reference generator's order: BasicConstraints (critical, CA, path
/// length), KeyUsage (critical, keyCertSign|cRLSign), SKI, AKI, then EKU when given (the
/// Fulcio intermediate carries codeSigning).
pub(crate) fn ca_extensions(
    subject: &SubjectPublicKeyInfoOwned,
    issuer: &SubjectPublicKeyInfoOwned,
    path_len: u8,
    purpose: Option<ObjectIdentifier>,
) -> Result<Vec<Extension>, PkiError> {
    let mut exts = vec![
        extension(
            oids::BASIC_CONSTRAINTS,
            true,
            &BasicConstraints {
                ca: true,
                path_len_constraint: Some(path_len),
            },
        )?,
        key_usage(KeyUsages::KeyCertSign | KeyUsages::CRLSign)?,
        ski(subject)?,
        aki(issuer)?,
    ];
    if let Some(p) = purpose {
        exts.push(eku(p, false)?);
    }
    Ok(exts)
}

/// Fulcio leaf extensions without the SCT, in the order real Fulcio certificates carry them:
/// KeyUsage (critical, digitalSignature), EKU codeSigning, SKI, AKI, SAN (critical: the
/// subject is empty, RFC 5280 §4.2.1.6), OIDC issuer `.1.1` (raw bytes) and `.1.8`
/// (UTF8String).
pub(crate) fn fulcio_leaf_extensions(
    subject: &SubjectPublicKeyInfoOwned,
    issuer: &SubjectPublicKeyInfoOwned,
    identity: &OidcIdentity,
) -> Result<Vec<Extension>, PkiError> {
    identity.validate()?;
    let ia5 = |s: &str| Ia5String::new(s).map_err(|e| PkiError::Identity(e.to_string()));
    let san = match &identity.subject {
        SubjectName::Email(e) => GeneralName::Rfc822Name(ia5(e)?),
        SubjectName::Uri(u) => GeneralName::UniformResourceIdentifier(ia5(u)?),
    };
    let issuer_v2 =
        Utf8StringRef::new(&identity.issuer).map_err(|e| PkiError::Identity(e.to_string()))?;
    Ok(vec![
        key_usage(KeyUsages::DigitalSignature.into())?,
        eku(oids::KP_CODE_SIGNING, false)?,
        ski(subject)?,
        aki(issuer)?,
        extension(oids::SUBJECT_ALT_NAME, true, &SubjectAltName(vec![san]))?,
        raw_extension(
            oids::FULCIO_ISSUER_V1,
            false,
            identity.issuer.as_bytes().to_vec(),
        )?,
        extension(oids::FULCIO_ISSUER_V2, false, &issuer_v2)?,
    ])
}

/// TSA leaf extensions (RFC 3161 §2.3, `INTEROP.md` "Minimal RFC 3161 TSA"): BasicConstraints
/// CA:false (critical), KeyUsage digitalSignature (critical), EKU timeStamping (critical,
/// the only purpose), SKI, AKI.
pub(crate) fn tsa_leaf_extensions(
    subject: &SubjectPublicKeyInfoOwned,
    issuer: &SubjectPublicKeyInfoOwned,
) -> Result<Vec<Extension>, PkiError> {
    Ok(vec![
        extension(
            oids::BASIC_CONSTRAINTS,
            true,
            &BasicConstraints {
                ca: false,
                path_len_constraint: None,
            },
        )?,
        key_usage(KeyUsages::DigitalSignature.into())?,
        eku(oids::KP_TIME_STAMPING, true)?,
        ski(subject)?,
        aki(issuer)?,
    ])
}

/// What goes into one certificate, before signing.
pub(crate) struct CertificateTemplate {
    pub(crate) serial: SerialNumber,
    pub(crate) issuer: Name,
    pub(crate) not_before: u64,
    pub(crate) not_after: u64,
    pub(crate) subject: Name,
    pub(crate) spki: SubjectPublicKeyInfoOwned,
    pub(crate) extensions: Vec<Extension>,
}

impl CertificateTemplate {
    /// The TBSCertificate signed by `issuer_key`'s algorithm.
    pub(crate) fn tbs(&self, issuer_key: &RoleKey) -> Result<TbsCertificate, PkiError> {
        Ok(TbsCertificate {
            version: Version::V3,
            serial_number: self.serial.clone(),
            signature: issuer_key.signature_algorithm()?,
            issuer: self.issuer.clone(),
            validity: Validity::new(
                time::x509_time(self.not_before)?,
                time::x509_time(self.not_after)?,
            ),
            subject: self.subject.clone(),
            subject_public_key_info: self.spki.clone(),
            extensions: self.extensions.clone(),
        })
    }
}

/// Signs `tbs` with `issuer_key` and returns the certificate DER.
pub(crate) fn sign(
    tbs: TbsCertificate,
    issuer_key: &mut RoleKey,
    rng: &mut dyn CryptoRng,
) -> Result<Vec<u8>, PkiError> {
    let tbs_der = to_der("TBSCertificate", &tbs)?;
    let signature = issuer_key.sign(&tbs_der, rng)?;
    let cert = Certificate {
        signature_algorithm: tbs.signature.clone(),
        tbs_certificate: tbs,
        signature: BitString::from_bytes(&signature).map_err(|e| PkiError::der("signature", e))?,
    };
    to_der("Certificate", &cert)
}

/// A self-signed root (`O`+`CN`, BasicConstraints CA with path length 1).
pub(crate) fn self_signed_root(
    key: &mut RoleKey,
    common_name: &str,
    now: u64,
    rng: &mut dyn CryptoRng,
) -> Result<Vec<u8>, PkiError> {
    let spki = key.spki()?;
    let name = ca_name(common_name)?;
    let template = CertificateTemplate {
        serial: random_serial(rng)?,
        issuer: name.clone(),
        not_before: now,
        not_after: now + CA_LIFETIME_SECS,
        subject: name,
        extensions: ca_extensions(&spki, &spki, 1, None)?,
        spki,
    };
    let tbs = template.tbs(key)?;
    sign(tbs, key, rng)
}

/// The subject name of a certificate we issued (decoded back from DER).
pub(crate) fn subject_of(cert_der: &[u8]) -> Result<Name, PkiError> {
    Ok(Certificate::from_der_checked(cert_der)?
        .tbs_certificate
        .subject)
}
