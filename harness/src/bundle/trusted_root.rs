//! `trusted_root.json` (`dev.sigstore.trustroot.v1.TrustedRoot`, FORMATS.md §5): the keys and
//! certificate chains a verifier holds, each with its validity period.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::limits;
use super::model::{BundleError, HashAlgorithm, parse_hash_algorithm, parse_json};
use super::protojson;

/// The media type pqlab writes. Both sigstore-python and sigstore-go reject the newer
/// `…trustedroot.v0.2+json` (FORMATS.md §0), so the old form is the one real clients take.
pub const MEDIA_TYPE_V0_1: &str = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

/// The newer media type, accepted when reading.
pub const MEDIA_TYPE_V0_2: &str = "application/vnd.dev.sigstore.trustedroot.v0.2+json";

/// A validity period: `start` inclusive, `end` (if any) as the format states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidityPeriod {
    /// Start (required: a root without it is refused, as sigstore-python does).
    pub start: OffsetDateTime,
    /// End, if the key or chain is retired.
    pub end: Option<OffsetDateTime>,
}

impl ValidityPeriod {
    /// Whether `time` lies in the period (`start <= time <= end`; sigstore-go and the
    /// conformance suite treat the end as inclusive).
    #[must_use]
    pub fn contains(&self, time: OffsetDateTime) -> bool {
        self.start <= time && self.end.is_none_or(|end| time <= end)
    }
}

/// A log (Rekor) or CT log instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransparencyLog {
    /// `baseUrl`.
    pub base_url: String,
    /// `hashAlgorithm` of the tree.
    pub hash_algorithm: HashAlgorithm,
    /// SPKI DER of the log key.
    pub public_key: Vec<u8>,
    /// `publicKey.keyDetails` (a `PublicKeyDetails` name or a pqlab experimental name).
    pub key_details: String,
    /// When the key is valid.
    pub valid_for: ValidityPeriod,
    /// `logId.keyId`.
    pub log_id: Vec<u8>,
}

impl TransparencyLog {
    /// The checkpoint origin this log signs with: the host of `baseUrl` (sigstore-go uses
    /// `url.Hostname()`, FORMATS.md §0).
    #[must_use]
    pub fn origin(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        host.rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(host, |(h, _)| h)
    }
}

/// A certificate authority (Fulcio) or timestamp authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateAuthority {
    /// `subject.organization`.
    pub organization: String,
    /// `subject.commonName`.
    pub common_name: String,
    /// `uri`.
    pub uri: String,
    /// `certChain.certificates`, DER, leaf (or intermediate) first, root last.
    pub chain: Vec<Vec<u8>>,
    /// When the chain is valid.
    pub valid_for: ValidityPeriod,
}

/// A parsed trusted root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedRoot {
    /// Media type as written.
    pub media_type: String,
    /// Rekor logs.
    pub tlogs: Vec<TransparencyLog>,
    /// Fulcio CAs.
    pub certificate_authorities: Vec<CertificateAuthority>,
    /// CT logs.
    pub ctlogs: Vec<TransparencyLog>,
    /// Timestamp authorities.
    pub timestamp_authorities: Vec<CertificateAuthority>,
}

// ----- proto3 JSON shape -----

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRoot {
    #[serde(default)]
    media_type: String,
    #[serde(default)]
    tlogs: Vec<RawLog>,
    #[serde(default)]
    certificate_authorities: Vec<RawAuthority>,
    #[serde(default)]
    ctlogs: Vec<RawLog>,
    #[serde(default)]
    timestamp_authorities: Vec<RawAuthority>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLog {
    #[serde(default)]
    base_url: String,
    #[serde(default)]
    hash_algorithm: String,
    #[serde(default)]
    public_key: Option<RawPublicKey>,
    #[serde(default)]
    log_id: Option<RawLogId>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPublicKey {
    #[serde(default)]
    raw_bytes: String,
    #[serde(default)]
    key_details: String,
    #[serde(default)]
    valid_for: Option<RawValidity>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLogId {
    #[serde(default)]
    key_id: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawValidity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAuthority {
    #[serde(default)]
    subject: RawSubject,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    uri: String,
    #[serde(default)]
    cert_chain: RawChain,
    #[serde(default)]
    valid_for: Option<RawValidity>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSubject {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    common_name: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RawChain {
    #[serde(default)]
    certificates: Vec<RawCertificate>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCertificate {
    #[serde(default)]
    raw_bytes: String,
}

// ----- parsing and writing -----

fn time(field: &str, value: &str) -> Result<OffsetDateTime, BundleError> {
    OffsetDateTime::parse(value, &Rfc3339).map_err(|e| BundleError::InvalidField {
        field: field.to_owned(),
        reason: format!("not an RFC 3339 time: {e}"),
    })
}

fn format_time(t: OffsetDateTime) -> String {
    // RFC 3339 formatting of a valid UTC time cannot fail.
    t.format(&Rfc3339).unwrap_or_default()
}

fn validity(field: &str, raw: Option<&RawValidity>) -> Result<ValidityPeriod, BundleError> {
    let raw = raw.ok_or_else(|| BundleError::MissingField(field.to_owned()))?;
    let start = raw
        .start
        .as_deref()
        .ok_or_else(|| BundleError::MissingField(format!("{field}.start")))?;
    Ok(ValidityPeriod {
        start: time(&format!("{field}.start"), start)?,
        end: raw
            .end
            .as_deref()
            .map(|e| time(&format!("{field}.end"), e))
            .transpose()?,
    })
}

fn raw_validity(v: &ValidityPeriod) -> RawValidity {
    RawValidity {
        start: Some(format_time(v.start)),
        end: v.end.map(format_time),
    }
}

fn parse_log(raw: &RawLog, at: &str) -> Result<TransparencyLog, BundleError> {
    let pk = raw
        .public_key
        .as_ref()
        .ok_or_else(|| BundleError::MissingField(format!("{at}.publicKey")))?;
    let public_key = protojson::bytes(&format!("{at}.publicKey.rawBytes"), &pk.raw_bytes)?;
    if public_key.is_empty() {
        return Err(BundleError::MissingField(format!(
            "{at}.publicKey.rawBytes"
        )));
    }
    let log_id = protojson::bytes(
        &format!("{at}.logId.keyId"),
        &raw.log_id
            .as_ref()
            .ok_or_else(|| BundleError::MissingField(format!("{at}.logId")))?
            .key_id,
    )?;
    Ok(TransparencyLog {
        base_url: raw.base_url.clone(),
        hash_algorithm: parse_hash_algorithm(&format!("{at}.hashAlgorithm"), &raw.hash_algorithm)?,
        public_key,
        key_details: pk.key_details.clone(),
        valid_for: validity(&format!("{at}.publicKey.validFor"), pk.valid_for.as_ref())?,
        log_id,
    })
}

fn parse_authority(raw: &RawAuthority, at: &str) -> Result<CertificateAuthority, BundleError> {
    let field = format!("{at}.certChain.certificates");
    if raw.cert_chain.certificates.is_empty() {
        return Err(BundleError::MissingField(format!("{field}[0]")));
    }
    if raw.cert_chain.certificates.len() > limits::MAX_CHAIN_CERTIFICATES {
        return Err(BundleError::TooMany {
            field,
            count: raw.cert_chain.certificates.len(),
            limit: limits::MAX_CHAIN_CERTIFICATES,
        });
    }
    let chain = raw
        .cert_chain
        .certificates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let der = protojson::bytes(&format!("{field}[{i}].rawBytes"), &c.raw_bytes)?;
            if der.len() > limits::MAX_CERTIFICATE_BYTES {
                return Err(BundleError::TooLarge {
                    what: "certificate",
                    size: der.len(),
                    limit: limits::MAX_CERTIFICATE_BYTES,
                });
            }
            Ok(der)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CertificateAuthority {
        organization: raw.subject.organization.clone(),
        common_name: raw.subject.common_name.clone(),
        uri: raw.uri.clone(),
        chain,
        valid_for: validity(&format!("{at}.validFor"), raw.valid_for.as_ref())?,
    })
}

fn list<R, T>(
    items: &[R],
    name: &str,
    parse: impl Fn(&R, &str) -> Result<T, BundleError>,
) -> Result<Vec<T>, BundleError> {
    if items.len() > limits::MAX_TRUST_ROOT_ENTRIES {
        return Err(BundleError::TooMany {
            field: name.to_owned(),
            count: items.len(),
            limit: limits::MAX_TRUST_ROOT_ENTRIES,
        });
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse(item, &format!("{name}[{i}]")))
        .collect()
}

impl TrustedRoot {
    /// Parses and validates `trusted_root.json`.
    ///
    /// # Errors
    /// A [`BundleError`] naming the first field that is missing or malformed (every
    /// `validFor.start` is required).
    pub fn parse(input: &[u8]) -> Result<Self, BundleError> {
        let raw: RawRoot = parse_json(input, "trusted root", limits::MAX_TRUSTED_ROOT_BYTES)?;
        if raw.media_type != MEDIA_TYPE_V0_1 && raw.media_type != MEDIA_TYPE_V0_2 {
            return Err(BundleError::UnknownMediaType(raw.media_type));
        }
        Ok(TrustedRoot {
            tlogs: list(&raw.tlogs, "tlogs", parse_log)?,
            certificate_authorities: list(
                &raw.certificate_authorities,
                "certificateAuthorities",
                parse_authority,
            )?,
            ctlogs: list(&raw.ctlogs, "ctlogs", parse_log)?,
            timestamp_authorities: list(
                &raw.timestamp_authorities,
                "timestampAuthorities",
                parse_authority,
            )?,
            media_type: raw.media_type,
        })
    }

    /// Writes the trusted root as proto3 JSON (pretty, two-space indent, as Sigstore
    /// publishes it).
    #[must_use]
    pub fn to_json(&self) -> String {
        let log = |l: &TransparencyLog| RawLog {
            base_url: l.base_url.clone(),
            hash_algorithm: l.hash_algorithm.name().to_owned(),
            public_key: Some(RawPublicKey {
                raw_bytes: protojson::encode(&l.public_key),
                key_details: l.key_details.clone(),
                valid_for: Some(raw_validity(&l.valid_for)),
            }),
            log_id: Some(RawLogId {
                key_id: protojson::encode(&l.log_id),
            }),
        };
        let authority = |a: &CertificateAuthority| RawAuthority {
            subject: RawSubject {
                organization: a.organization.clone(),
                common_name: a.common_name.clone(),
            },
            uri: a.uri.clone(),
            cert_chain: RawChain {
                certificates: a
                    .chain
                    .iter()
                    .map(|c| RawCertificate {
                        raw_bytes: protojson::encode(c),
                    })
                    .collect(),
            },
            valid_for: Some(raw_validity(&a.valid_for)),
        };
        let raw = RawRoot {
            media_type: self.media_type.clone(),
            tlogs: self.tlogs.iter().map(log).collect(),
            certificate_authorities: self.certificate_authorities.iter().map(authority).collect(),
            ctlogs: self.ctlogs.iter().map(log).collect(),
            timestamp_authorities: self.timestamp_authorities.iter().map(authority).collect(),
        };
        serde_json::to_string_pretty(&raw).unwrap_or_default()
    }
}
