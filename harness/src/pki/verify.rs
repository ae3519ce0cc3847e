//! Verification of what the PKI issues: chain building to trust anchors (RFC 5280 §6, the
//! subset Sigstore clients apply), the Fulcio leaf profile, the embedded SCT (RFC 6962 §5.2)
//! and RFC 3161 timestamp tokens (§2.4.2, RFC 5652 §5.6, RFC 5816). Every failure is a
//! [`PkiError`] naming the check.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cms::signed_data::SignerIdentifier;
use der::asn1::{ObjectIdentifier, OctetString, Utf8StringRef};
use der::{Decode, Encode, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};

use super::asn1::{
    Certificate, CertificateBytes, SignedDataRawCertificates, SigningCertificateV2, TimeStampResp,
    TstInfo,
};
use super::ct::{self, CtLogKeys, Sct};
use super::identity::{OidcIdentity, SubjectName};
use super::signer_key::SignerKey;
use super::trust_cache::TrustCache;
use super::{PkiError, oids, time, tsa};
use crate::bundle::limits;

/// Longest chain followed (leaf, intermediates, anchor).
pub const MAX_CHAIN: usize = 5;

/// What a leaf certificate must be good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Purpose {
    /// Code signing (Fulcio leaves): EKU id-kp-codeSigning.
    CodeSigning,
    /// Timestamping (TSA leaves): EKU id-kp-timeStamping, critical and alone (RFC 3161 §2.3).
    TimeStamping,
}

impl Purpose {
    fn oid(self) -> ObjectIdentifier {
        match self {
            Purpose::CodeSigning => oids::KP_CODE_SIGNING,
            Purpose::TimeStamping => oids::KP_TIME_STAMPING,
        }
    }
}

/// The signature of `subject` (DER `subject_der`) by `issuer_key`, over the TBSCertificate
/// as received (the signature algorithm must match that key's registry entry).
///
/// # Errors
/// [`PkiError::BadSignature`] or [`PkiError::SignatureAlgorithmMismatch`] naming `subject`.
pub(crate) fn verify_certificate_signature(
    subject_der: &[u8],
    subject: &Certificate,
    issuer_key: &SignerKey,
) -> Result<(), PkiError> {
    issuer_key
        .verify(
            "certificate",
            &subject.signature_algorithm,
            CertificateBytes::find(subject_der)?.tbs,
            subject.signature.raw_bytes(),
        )
        .map_err(|e| naming(e, subject))
}

fn check_validity(cert: &Certificate, at: u64) -> Result<(), PkiError> {
    let validity = &cert.tbs_certificate.validity;
    let nb = time::time_seconds(&validity.not_before);
    let na = time::time_seconds(&validity.not_after);
    if at < nb {
        return Err(PkiError::NotYetValid {
            subject: cert.describe(),
            not_before: time::display(nb),
            at: time::display(at),
        });
    }
    if at > na {
        return Err(PkiError::Expired {
            subject: cert.describe(),
            not_after: time::display(na),
            at: time::display(at),
        });
    }
    Ok(())
}

fn key_usage(cert: &Certificate) -> Result<KeyUsage, PkiError> {
    match cert.decoded_extension::<KeyUsage>(oids::KEY_USAGE)? {
        Some((_, ku)) => Ok(ku),
        None => Err(PkiError::KeyUsage {
            subject: cert.describe(),
            reason: "no keyUsage extension".to_owned(),
        }),
    }
}

/// Issuer checks: BasicConstraints CA (and the path length over `below` intermediates),
/// KeyUsage keyCertSign, and an EKU that, when present, allows `purpose`.
fn check_issuer(cert: &Certificate, below: usize, purpose: Purpose) -> Result<(), PkiError> {
    // Formatted only on failure: a good chain formats no names.
    let subject = || cert.describe();
    let bc = cert.decoded_extension::<BasicConstraints>(oids::BASIC_CONSTRAINTS)?;
    match bc {
        Some((false, _)) => {
            return Err(PkiError::BasicConstraints {
                subject: subject(),
                reason: "basicConstraints of a CA must be critical (RFC 5280 4.2.1.9)".to_owned(),
            });
        }
        Some((_, bc)) if bc.ca => {
            if let Some(max) = bc.path_len_constraint
                && below > usize::from(max)
            {
                return Err(PkiError::BasicConstraints {
                    subject: subject(),
                    reason: format!("path length {max} exceeded by {below} intermediates below"),
                });
            }
        }
        _ => {
            return Err(PkiError::BasicConstraints {
                subject: subject(),
                reason: "issuer is not a CA".to_owned(),
            });
        }
    }
    if !key_usage(cert)?.key_cert_sign() {
        return Err(PkiError::KeyUsage {
            subject: subject(),
            reason: "issuer lacks keyCertSign".to_owned(),
        });
    }
    if let Some((_, eku)) = cert.decoded_extension::<ExtendedKeyUsage>(oids::EXT_KEY_USAGE)?
        && !eku.0.contains(&purpose.oid())
    {
        return Err(PkiError::ExtendedKeyUsage {
            subject: subject(),
            reason: format!("CA EKU does not allow {}", purpose.oid()),
        });
    }
    Ok(())
}

/// End-entity checks: not a CA, KeyUsage digitalSignature, EKU with `purpose`.
fn check_end_entity(cert: &Certificate, purpose: Purpose) -> Result<(), PkiError> {
    // Formatted only on failure: a good certificate formats no names.
    let subject = || cert.describe();
    if let Some((_, bc)) = cert.decoded_extension::<BasicConstraints>(oids::BASIC_CONSTRAINTS)?
        && bc.ca
    {
        return Err(PkiError::BasicConstraints {
            subject: subject(),
            reason: "end-entity certificate is a CA".to_owned(),
        });
    }
    if !key_usage(cert)?.digital_signature() {
        return Err(PkiError::KeyUsage {
            subject: subject(),
            reason: "lacks digitalSignature".to_owned(),
        });
    }
    match cert.decoded_extension::<ExtendedKeyUsage>(oids::EXT_KEY_USAGE)? {
        None => Err(PkiError::ExtendedKeyUsage {
            subject: subject(),
            reason: "no extendedKeyUsage extension".to_owned(),
        }),
        Some((_, eku)) if !eku.0.contains(&purpose.oid()) => Err(PkiError::ExtendedKeyUsage {
            subject: subject(),
            reason: format!("{} not among the purposes", purpose.oid()),
        }),
        Some((critical, eku)) if purpose == Purpose::TimeStamping => {
            if !critical || eku.0.len() != 1 {
                Err(PkiError::ExtendedKeyUsage {
                    subject: subject(),
                    reason: "timeStamping EKU must be critical and the only purpose".to_owned(),
                })
            } else {
                Ok(())
            }
        }
        Some(_) => Ok(()),
    }
}

/// The issuer rules of [`verify_chain`] alone, on one certificate (no signature, no time):
/// BasicConstraints CA and critical, KeyUsage keyCertSign, EKU allowing `purpose` if present.
///
/// # Errors
/// The failed rule.
pub fn check_ca_certificate(cert_der: &[u8], purpose: Purpose) -> Result<(), PkiError> {
    check_issuer(&Certificate::from_der_checked(cert_der)?, 0, purpose)
}

/// The end-entity rules of [`verify_chain`] alone, on one certificate (no signature, no
/// time): not a CA, KeyUsage digitalSignature, EKU with `purpose`.
///
/// # Errors
/// The failed rule.
pub fn check_end_entity_certificate(cert_der: &[u8], purpose: Purpose) -> Result<(), PkiError> {
    check_end_entity(&Certificate::from_der_checked(cert_der)?, purpose)
}

/// Builds and checks the chain from `leaf_der` through `intermediates` to one of `anchors`,
/// at time `at`: signatures (signature algorithm must match the issuer key's registry entry),
/// validity of every certificate, BasicConstraints, KeyUsage and EKU for `purpose`. Returns
/// the chain as DER, leaf first, anchor last.
///
/// # Errors
/// The first failed check.
pub fn verify_chain(
    leaf_der: &[u8],
    intermediates: &[Vec<u8>],
    anchors: &[Vec<u8>],
    at: SystemTime,
    purpose: Purpose,
) -> Result<Vec<Vec<u8>>, PkiError> {
    let leaf = Certificate::from_der_checked(leaf_der)?;
    let trust = TrustCache::none();
    let built = verify_parsed_chain(
        Cow::Owned(leaf),
        leaf_der,
        intermediates,
        anchors,
        &trust,
        at,
        purpose,
    )?;
    Ok(built.der)
}

/// A chain [`verify_parsed_chain`] built.
struct BuiltChain<'t> {
    /// DER, leaf first, anchor last.
    der: Vec<Vec<u8>>,
    /// The leaf, as parsed.
    leaf: Cow<'t, Certificate>,
    /// Its issuer, as parsed (borrowed from the trust cache when held there).
    issuer: Cow<'t, Certificate>,
}

/// A decoded chain-building candidate and its DER.
type Candidate<'t, 'd> = (Cow<'t, Certificate>, &'d [u8]);

/// [`verify_chain`] from the parsed leaf, with the certificates and links of `trust` taken as
/// decoded and verified: also returns the leaf and its issuer as parsed, so that the callers'
/// profile checks do not decode them again.
fn verify_parsed_chain<'t, D: AsRef<[u8]>>(
    leaf: Cow<'t, Certificate>,
    leaf_der: &[u8],
    intermediates: &[D],
    anchors: &[Vec<u8>],
    trust: &'t TrustCache<'_>,
    at: SystemTime,
    purpose: Purpose,
) -> Result<BuiltChain<'t>, PkiError> {
    let at = time::unix_seconds(at)?;
    check_validity(&leaf, at)?;
    check_end_entity(&leaf, purpose)?;
    let anchors = decode_all(trust, anchors)?;
    let pool = decode_all(trust, intermediates)?;
    let mut chain = vec![leaf_der.to_vec()];
    let mut issuers: Vec<Cow<'t, Certificate>> = Vec::new();
    for depth in 0..MAX_CHAIN {
        let current: &Certificate = issuers.last().map_or(&*leaf, |c| c);
        let current_der = chain.last().map_or(&[][..], Vec::as_slice);
        let candidates = anchors
            .iter()
            .map(|a| (a, true))
            .chain(pool.iter().map(|p| (p, false)))
            .filter(|((c, _), _)| c.tbs_certificate.subject == current.tbs_certificate.issuer);
        let mut last_error = None;
        let mut found = None;
        for ((candidate, der), is_anchor) in candidates {
            let verified = if trust.verified(current_der, der) {
                Ok(())
            } else {
                let mut slot = None;
                trust
                    .key(der, &mut slot)
                    .and_then(|key| verify_certificate_signature(current_der, current, key))
            };
            match verified {
                Ok(()) => {
                    found = Some((candidate, *der, is_anchor));
                    break;
                }
                Err(e) => last_error = Some(e),
            }
        }
        let Some((issuer, der, is_anchor)) = found else {
            return Err(last_error.unwrap_or_else(|| PkiError::IssuerNotFound {
                subject: current.describe(),
                issuer: current.tbs_certificate.issuer.to_string(),
            }));
        };
        check_validity(issuer, at)?;
        check_issuer(issuer, depth, purpose)?;
        chain.push(der.to_vec());
        issuers.push(issuer.clone());
        if is_anchor {
            let issuer = issuers.swap_remove(0);
            return Ok(BuiltChain {
                der: chain,
                leaf,
                issuer,
            });
        }
    }
    Err(PkiError::ChainTooLong { max: MAX_CHAIN })
}

/// Each DER of `ders` decoded (borrowed from `trust` when it holds it).
fn decode_all<'t, 'd, D: AsRef<[u8]>>(
    trust: &'t TrustCache<'_>,
    ders: &'d [D],
) -> Result<Vec<Candidate<'t, 'd>>, PkiError> {
    ders.iter()
        .map(|d| trust.decode(d.as_ref()).map(|c| (c, d.as_ref())))
        .collect()
}

/// `error` of a signature check on `cert`, naming the certificate. The name is formatted
/// only on failure: verification of a good chain formats nothing.
fn naming(error: PkiError, cert: &Certificate) -> PkiError {
    let what = || format!("certificate `{}`", cert.describe());
    match error {
        PkiError::BadSignature { .. } => PkiError::BadSignature { what: what() },
        PkiError::SignatureAlgorithmMismatch { oid, expected, .. } => {
            PkiError::SignatureAlgorithmMismatch {
                what: what(),
                oid,
                expected,
            }
        }
        other => other,
    }
}

/// A leaf that passed [`verify_fulcio_leaf`].
#[derive(Debug, Clone)]
pub struct VerifiedLeaf {
    /// SAN and OIDC issuer.
    pub identity: OidcIdentity,
    /// The leaf's SPKI DER (the signing key).
    pub public_key_spki: Vec<u8>,
    /// The embedded SCT.
    pub sct: Sct,
    /// The chain, leaf first.
    pub chain: Vec<Vec<u8>>,
}

fn profile(check: &'static str, reason: impl Into<String>) -> PkiError {
    PkiError::Profile {
        check,
        reason: reason.into(),
    }
}

/// Checks a Fulcio leaf: the chain for code signing at `at`, the profile (empty subject,
/// critical SAN with one email or URI, critical KeyUsage, SKI, AKI matching the issuer's SKI,
/// OIDC issuer in `.1.1` and `.1.8` agreeing, no CT poison), and exactly one SCT from one of
/// `ct_logs` (SPKI DER) over the precertificate TBS.
///
/// # Errors
/// The first failed check.
pub fn verify_fulcio_leaf(
    leaf_der: &[u8],
    intermediates: &[Vec<u8>],
    anchors: &[Vec<u8>],
    ct_logs: &[Vec<u8>],
    at: SystemTime,
) -> Result<VerifiedLeaf, PkiError> {
    verify_fulcio_leaf_trusting(
        leaf_der,
        intermediates,
        anchors,
        &TrustCache::none(),
        &CtLogKeys::new(ct_logs.iter().map(Vec::as_slice)),
        at,
    )
}

/// [`verify_fulcio_leaf`] with what `trust` holds (its certificates decoded, their keys
/// prepared, its links verified) and the CT log keys prepared.
///
/// # Errors
/// The first failed check.
pub fn verify_fulcio_leaf_trusting(
    leaf_der: &[u8],
    intermediates: &[Vec<u8>],
    anchors: &[Vec<u8>],
    trust: &TrustCache<'_>,
    ct_logs: &CtLogKeys,
    at: SystemTime,
) -> Result<VerifiedLeaf, PkiError> {
    let BuiltChain {
        der: chain,
        leaf,
        issuer,
    } = verify_parsed_chain(
        Cow::Owned(Certificate::from_der_checked(leaf_der)?),
        leaf_der,
        intermediates,
        anchors,
        trust,
        at,
        Purpose::CodeSigning,
    )?;
    if !leaf.tbs_certificate.subject.is_empty() {
        return Err(profile(
            "empty subject",
            leaf.tbs_certificate.subject.to_string(),
        ));
    }
    if leaf.extension(oids::CT_POISON)?.is_some() {
        return Err(profile(
            "no CT poison",
            "final certificate carries the poison",
        ));
    }
    match leaf.extension(oids::KEY_USAGE)? {
        Some(e) if e.critical => {}
        _ => return Err(profile("keyUsage critical", "missing or not critical")),
    }
    let subject = match leaf.decoded_extension::<SubjectAltName>(oids::SUBJECT_ALT_NAME)? {
        None => return Err(profile("SAN", "no subjectAltName")),
        Some((false, _)) => return Err(profile("SAN critical", "SAN not critical")),
        Some((true, san)) => match san.0.as_slice() {
            [GeneralName::Rfc822Name(s)] => SubjectName::Email(s.to_string()),
            [GeneralName::UniformResourceIdentifier(s)] => SubjectName::Uri(s.to_string()),
            _ => return Err(profile("SAN", "expected exactly one email or URI")),
        },
    };
    let ski = leaf.decoded_extension::<SubjectKeyIdentifier>(oids::SUBJECT_KEY_ID)?;
    if ski.is_none() {
        return Err(profile("SKI", "no subjectKeyIdentifier"));
    }
    let aki = leaf
        .decoded_extension::<AuthorityKeyIdentifier>(oids::AUTHORITY_KEY_ID)?
        .and_then(|(_, a)| a.key_identifier);
    let issuer_ski = issuer
        .decoded_extension::<SubjectKeyIdentifier>(oids::SUBJECT_KEY_ID)?
        .map(|(_, s)| s.0);
    match (aki, issuer_ski) {
        (None, _) => return Err(profile("AKI", "no authorityKeyIdentifier keyIdentifier")),
        (Some(a), Some(s)) if a != s => {
            return Err(profile("AKI", "does not match the issuer's SKI"));
        }
        _ => {}
    }
    let v1 = leaf
        .extension(oids::FULCIO_ISSUER_V1)?
        .map(|e| String::from_utf8_lossy(e.extn_value.as_bytes()).into_owned());
    let v2 = match leaf.extension(oids::FULCIO_ISSUER_V2)? {
        None => None,
        Some(e) => Some(
            Utf8StringRef::from_der(e.extn_value.as_bytes())
                .map_err(|err| profile("OIDC issuer .1.8", format!("not a UTF8String: {err}")))?
                .to_string(),
        ),
    };
    let issuer_url = match (v1, v2) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => {
            return Err(profile(
                "OIDC issuer",
                format!(".1.1 `{a}` differs from .1.8 `{b}`"),
            ));
        }
        _ => return Err(profile("OIDC issuer", "needs both .1.1 and .1.8")),
    };
    let issuer_der = chain.get(1).map_or(&[][..], Vec::as_slice);
    let mut slot = None;
    let leaf_bytes = CertificateBytes::find(leaf_der)?;
    let sct = verify_sct(
        &leaf,
        leaf_bytes,
        trust.key(issuer_der, &mut slot)?,
        ct_logs,
    )?;
    Ok(VerifiedLeaf {
        identity: OidcIdentity {
            subject,
            issuer: issuer_url,
        },
        public_key_spki: leaf_bytes.spki.to_vec(),
        sct,
        chain,
    })
}

/// Checks the embedded SCT of `leaf_der` alone (exactly one, from one of `ct_logs`, with the
/// codes of the log key's algorithm, signed over the precertificate TBS with `issuer_der`'s
/// key hash). [`verify_fulcio_leaf`] runs it after the chain.
///
/// # Errors
/// [`PkiError::SctCount`], [`PkiError::MalformedSct`], [`PkiError::UnknownCtLog`],
/// [`PkiError::SctAlgorithm`], [`PkiError::BadSignature`], DER errors.
pub fn verify_embedded_sct(
    leaf_der: &[u8],
    issuer_der: &[u8],
    ct_logs: &[Vec<u8>],
) -> Result<Sct, PkiError> {
    verify_sct(
        &Certificate::from_der_checked(leaf_der)?,
        CertificateBytes::find(leaf_der)?,
        &SignerKey::new(CertificateBytes::find(issuer_der)?.spki)?,
        &CtLogKeys::new(ct_logs.iter().map(Vec::as_slice)),
    )
}

/// The SCT of `leaf` (`leaf_bytes`: its DER's slices).
fn verify_sct(
    leaf: &Certificate,
    leaf_bytes: CertificateBytes<'_>,
    issuer_key: &SignerKey,
    ct_logs: &CtLogKeys,
) -> Result<Sct, PkiError> {
    let ext = leaf
        .extension(oids::CT_PRECERT_SCTS)?
        .ok_or(PkiError::SctCount { found: 0 })?;
    let scts = ct::parse_sct_list(ext.extn_value.as_bytes())?;
    let [sct] = scts.as_slice() else {
        return Err(PkiError::SctCount { found: scts.len() });
    };
    let log_key = ct_logs
        .find(&sct.log_id)
        .ok_or_else(|| PkiError::UnknownCtLog {
            log_id: sct.log_id.iter().map(|b| format!("{b:02x}")).collect(),
        })??;
    let alg = log_key.registry_algorithm()?;
    let expected = ct::sct_signature_codes(alg.info);
    if (sct.hash_code, sct.signature_code) != expected {
        return Err(PkiError::SctAlgorithm {
            hash: sct.hash_code,
            signature: sct.signature_code,
            algorithm: alg.info.id,
        });
    }
    let data = ct::precert_signed_data(
        sct.timestamp_ms,
        issuer_key.spki_sha256(),
        &ct::precertificate_tbs_bytes(leaf_bytes.tbs)?,
        &sct.extensions,
    )?;
    log_key.verify_bare("SCT", &data, &sct.signature)?;
    Ok(sct.clone())
}

/// A timestamp that passed [`verify_timestamp`].
#[derive(Debug, Clone)]
pub struct VerifiedTimestamp {
    /// TSTInfo genTime.
    pub gen_time: SystemTime,
    /// TSTInfo serial number (big-endian, no leading zeros; a negative serial, as some real
    /// TSAs emit, is its two's complement bytes).
    pub serial: Vec<u8>,
    /// The TSA chain, signer first.
    pub chain: Vec<Vec<u8>>,
}

fn ts_err(check: &'static str, reason: impl Into<String>) -> PkiError {
    PkiError::Timestamp {
        check,
        reason: reason.into(),
    }
}

fn single_attr<'a>(
    attrs: &'a x509_cert::attr::Attributes,
    oid: ObjectIdentifier,
    name: &'static str,
) -> Result<&'a der::Any, PkiError> {
    let mut matching = attrs.iter().filter(|a| a.oid == oid);
    let attr = matching
        .next()
        .ok_or_else(|| ts_err("signed attributes", format!("missing {name}")))?;
    if matching.next().is_some() || attr.values.len() != 1 {
        return Err(ts_err(
            "signed attributes",
            format!("{name} must appear once with one value"),
        ));
    }
    attr.values
        .get(0)
        .ok_or_else(|| ts_err("signed attributes", format!("{name} has no value")))
}

/// Verifies an RFC 3161 `TimeStampResp` over `signed_bytes`: status granted, SignedData over
/// a TSTInfo, messageImprint = SHA-256(`signed_bytes`), exactly one SignerInfo whose signer
/// certificate (from the token or `certificates`) is named by its sid, signed attributes
/// contentType / messageDigest / ESS signingCertificateV2 all consistent, the signature, and
/// the signer's chain to `anchors` for timestamping at genTime.
///
/// # Errors
/// The first failed check.
pub fn verify_timestamp(
    response_der: &[u8],
    signed_bytes: &[u8],
    certificates: &[Vec<u8>],
    anchors: &[Vec<u8>],
) -> Result<VerifiedTimestamp, PkiError> {
    verify_timestamp_trusting(
        response_der,
        signed_bytes,
        certificates,
        anchors,
        &TrustCache::none(),
    )
}

/// [`verify_timestamp`] with what `trust` holds: its certificates decoded, their keys
/// prepared and DER hashed, its links verified.
///
/// # Errors
/// The first failed check.
pub fn verify_timestamp_trusting(
    response_der: &[u8],
    signed_bytes: &[u8],
    certificates: &[Vec<u8>],
    anchors: &[Vec<u8>],
    trust: &TrustCache<'_>,
) -> Result<VerifiedTimestamp, PkiError> {
    if response_der.len() > limits::MAX_TIMESTAMP_BYTES {
        return Err(PkiError::TooLarge {
            what: "TimeStampResp",
            size: response_der.len(),
            limit: limits::MAX_TIMESTAMP_BYTES,
        });
    }
    let resp =
        TimeStampResp::from_der(response_der).map_err(|e| PkiError::der("TimeStampResp", e))?;
    if resp.status.status > 1 {
        return Err(PkiError::TimestampStatus {
            status: resp.status.status,
        });
    }
    let token = resp
        .time_stamp_token
        .ok_or_else(|| ts_err("timeStampToken", "absent"))?;
    if token.content_type != oids::CT_SIGNED_DATA {
        return Err(ts_err(
            "contentType",
            format!("{} is not signedData", token.content_type),
        ));
    }
    let sd: SignedDataRawCertificates = token
        .content
        .decode_as()
        .map_err(|e| PkiError::der("SignedData", e))?;
    if sd.encap_content_info.econtent_type != oids::CT_TST_INFO {
        return Err(ts_err("eContentType", "not id-ct-TSTInfo"));
    }
    let econtent: OctetString = sd
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or_else(|| ts_err("eContent", "absent"))?
        .decode_as()
        .map_err(|e| PkiError::der("eContent", e))?;
    let econtent = econtent.as_bytes();
    let tst = TstInfo::from_der(econtent).map_err(|e| PkiError::der("TSTInfo", e))?;
    if tst.version != 1 {
        return Err(ts_err("TSTInfo version", tst.version.to_string()));
    }
    if tst.message_imprint.hash_algorithm.oid != oids::SHA256 {
        return Err(ts_err("messageImprint algorithm", "not SHA-256"));
    }
    if tst.message_imprint.hashed_message.as_bytes() != sha2::Sha256::digest_bytes(signed_bytes) {
        return Err(PkiError::ImprintMismatch);
    }
    let signers: Vec<_> = sd.signer_infos.0.iter().collect();
    let [signer] = signers.as_slice() else {
        return Err(ts_err(
            "signerInfos",
            format!("{} signers, expected 1", signers.len()),
        ));
    };
    // The token's own certificates first: a signer certificate it embeds is the one the
    // signature and the ESS certHash must bind (as sigstore-go requires the embedded leaf to
    // be the trusted one), so a corrupted embedded copy is not silently replaced by ours.
    let mut embedded: Vec<Vec<u8>> = Vec::new();
    if let Some(set) = &sd.certificates {
        // Each certificate is a chain-building candidate: bound the signature checks.
        if set.len() > limits::MAX_TIMESTAMP_CERTIFICATES {
            return Err(PkiError::TooMany {
                what: "timestamp token certificates",
                count: set.len(),
                limit: limits::MAX_TIMESTAMP_CERTIFICATES,
            });
        }
        // CertificateChoices (RFC 5652 §10.2.2): only the untagged `certificate` choice is a
        // chain-building candidate; each stays undecoded until used.
        for choice in set.iter().filter(|c| c.tag() == der::Tag::Sequence) {
            embedded.push(
                choice
                    .to_der()
                    .map_err(|e| PkiError::der("certificates", e))?,
            );
        }
    }
    let pool: Vec<&[u8]> = embedded
        .iter()
        .chain(certificates)
        .map(Vec::as_slice)
        .collect();
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(ts_err("sid", "only issuerAndSerialNumber is supported"));
    };
    let mut signer_cert = None;
    for der in &pool {
        let cert = trust.decode(der)?;
        if cert.tbs_certificate.issuer == sid.issuer
            && cert.tbs_certificate.serial_number.as_bytes() == sid.serial_number.as_bytes()
        {
            signer_cert = Some((cert, *der));
            break;
        }
    }
    let (signer_cert, signer_der) = signer_cert
        .ok_or_else(|| ts_err("signer certificate", "no certificate matches the sid"))?;
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or_else(|| ts_err("signed attributes", "absent"))?;
    let content_type: ObjectIdentifier =
        single_attr(attrs, oids::ATTR_CONTENT_TYPE, "contentType")?
            .decode_as()
            .map_err(|e| PkiError::der("contentType attribute", e))?;
    if content_type != oids::CT_TST_INFO {
        return Err(ts_err("contentType attribute", "not id-ct-TSTInfo"));
    }
    let message_digest: OctetString =
        single_attr(attrs, oids::ATTR_MESSAGE_DIGEST, "messageDigest")?
            .decode_as()
            .map_err(|e| PkiError::der("messageDigest attribute", e))?;
    let expected = tsa::digest(&signer.digest_alg, econtent).ok_or_else(|| {
        ts_err(
            "digestAlgorithm",
            format!("{} unsupported", signer.digest_alg.oid),
        )
    })?;
    if message_digest.as_bytes() != expected.as_slice() {
        return Err(ts_err("messageDigest", "does not match the TSTInfo"));
    }
    let ess: SigningCertificateV2 =
        single_attr(attrs, oids::ATTR_SIGNING_CERT_V2, "signingCertificateV2")?
            .decode_as()
            .map_err(|e| PkiError::der("signingCertificateV2", e))?;
    let first = ess
        .certs
        .first()
        .ok_or_else(|| ts_err("ESS certHash", "no ESSCertIDv2"))?;
    let cert_hash = match &first.hash_algorithm {
        // Absent is the DEFAULT, SHA-256 (RFC 5035 §4); the cache holds that hash.
        None => trust.der_sha256(signer_der).to_vec(),
        Some(alg) => tsa::digest(alg, signer_der)
            .ok_or_else(|| ts_err("ESS certHash", "unsupported hash algorithm"))?,
    };
    if first.cert_hash.as_bytes() != cert_hash.as_slice() {
        return Err(ts_err(
            "ESS certHash",
            "does not match the signer certificate",
        ));
    }
    let attrs_der = attrs
        .to_der()
        .map_err(|e| PkiError::der("signedAttrs", e))?;
    let mut slot = None;
    trust.key(signer_der, &mut slot)?.verify(
        "timestamp token",
        &signer.signature_algorithm,
        &attrs_der,
        signer.signature.as_bytes(),
    )?;
    let gen_time = UNIX_EPOCH + Duration::from_secs(tst.gen_time.to_unix_duration().as_secs());
    let gen_secs = time::unix_seconds(gen_time)?;
    if check_validity(&signer_cert, gen_secs).is_err() {
        return Err(PkiError::GenTimeOutsideValidity {
            gen_time: time::display(gen_secs),
            subject: signer_cert.describe(),
        });
    }
    let chain = verify_parsed_chain(
        signer_cert,
        signer_der,
        &pool,
        anchors,
        trust,
        gen_time,
        Purpose::TimeStamping,
    )?
    .der;
    Ok(VerifiedTimestamp {
        gen_time,
        serial: match tst.serial_number.as_bytes() {
            [0, rest @ ..] if !rest.is_empty() => rest.to_vec(),
            bytes => bytes.to_vec(),
        },
        chain,
    })
}

trait DigestBytes {
    fn digest_bytes(data: &[u8]) -> Vec<u8>;
}

impl DigestBytes for sha2::Sha256 {
    fn digest_bytes(data: &[u8]) -> Vec<u8> {
        use sha2::Digest as _;
        sha2::Sha256::digest(data).to_vec()
    }
}
