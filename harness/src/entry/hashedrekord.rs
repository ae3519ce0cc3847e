//! Rekor v2 `hashedrekord` 0.0.2 (sigstore/rekor-tiles `pkg/types/hashedrekord`,
//! protobuf-specs `rekor/v2/hashedrekord.proto`, `entry.proto`): the protojson of
//! `Entry{kind, apiVersion, spec{hashedRekordV002{data{algorithm, digest}, signature{content,
//! verifier{publicKey{rawBytes} | x509Certificate{rawBytes}, keyDetails}}}}}`, canonicalized
//! with RFC 8785 (JCS), byte for byte what rekor-tiles logs (FORMATS.md §2).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::{EntryError, EntryShape, check_size};

const API_VERSION: &str = "0.0.2";
const KIND: &str = "hashedrekord";

/// The `dev.sigstore.common.v1.HashAlgorithm` of the artifact digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// `SHA2_256`.
    Sha2_256,
    /// `SHA2_384`.
    Sha2_384,
    /// `SHA2_512`.
    Sha2_512,
    /// `SHA3_256`.
    Sha3_256,
    /// `SHA3_384`.
    Sha3_384,
}

impl HashAlgorithm {
    /// The protobuf enum name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            HashAlgorithm::Sha2_256 => "SHA2_256",
            HashAlgorithm::Sha2_384 => "SHA2_384",
            HashAlgorithm::Sha2_512 => "SHA2_512",
            HashAlgorithm::Sha3_256 => "SHA3_256",
            HashAlgorithm::Sha3_384 => "SHA3_384",
        }
    }

    /// The digest length in bytes.
    #[must_use]
    pub fn digest_len(self) -> usize {
        match self {
            HashAlgorithm::Sha2_256 | HashAlgorithm::Sha3_256 => 32,
            HashAlgorithm::Sha2_384 | HashAlgorithm::Sha3_384 => 48,
            HashAlgorithm::Sha2_512 => 64,
        }
    }

    /// Parses a protobuf enum name.
    ///
    /// # Errors
    /// [`EntryError::UnknownHashAlgorithm`].
    pub fn from_name(name: &str) -> Result<Self, EntryError> {
        Ok(match name {
            "SHA2_256" => HashAlgorithm::Sha2_256,
            "SHA2_384" => HashAlgorithm::Sha2_384,
            "SHA2_512" => HashAlgorithm::Sha2_512,
            "SHA3_256" => HashAlgorithm::Sha3_256,
            "SHA3_384" => HashAlgorithm::Sha3_384,
            other => return Err(EntryError::UnknownHashAlgorithm(other.to_owned())),
        })
    }
}

/// The `Verifier` oneof: a leaf certificate or a raw key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifierMaterial {
    /// `x509Certificate.rawBytes`: the leaf certificate DER.
    X509Certificate(Vec<u8>),
    /// `publicKey.rawBytes`: the SPKI DER of a self-managed key.
    PublicKey(Vec<u8>),
}

/// A validated `hashedrekord` 0.0.2 entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedRekordV002 {
    algorithm: HashAlgorithm,
    digest: Vec<u8>,
    signature: Vec<u8>,
    key_details: String,
    verifier: VerifierMaterial,
}

impl HashedRekordV002 {
    /// An entry for `signature` over an artifact with `digest`, verified by `verifier` whose
    /// Sigstore `PublicKeyDetails` name is `key_details` (for pqlab algorithms without one,
    /// `AlgorithmInfo::key_details_name`).
    ///
    /// # Errors
    /// [`EntryError::DigestLength`] or [`EntryError::Empty`].
    pub fn new(
        algorithm: HashAlgorithm,
        digest: Vec<u8>,
        signature: Vec<u8>,
        key_details: &str,
        verifier: VerifierMaterial,
    ) -> Result<Self, EntryError> {
        if digest.len() != algorithm.digest_len() {
            return Err(EntryError::DigestLength {
                algorithm: algorithm.name(),
                expected: algorithm.digest_len(),
                got: digest.len(),
            });
        }
        if signature.is_empty() {
            return Err(EntryError::Empty {
                field: "signature.content",
            });
        }
        if key_details.is_empty() {
            return Err(EntryError::Empty {
                field: "verifier.keyDetails",
            });
        }
        let material = match &verifier {
            VerifierMaterial::X509Certificate(b) | VerifierMaterial::PublicKey(b) => b,
        };
        if material.is_empty() {
            return Err(EntryError::Empty {
                field: "verifier.rawBytes",
            });
        }
        Ok(HashedRekordV002 {
            algorithm,
            digest,
            signature,
            key_details: key_details.to_owned(),
            verifier,
        })
    }

    /// The digest algorithm.
    #[must_use]
    pub fn algorithm(&self) -> HashAlgorithm {
        self.algorithm
    }

    /// The artifact digest.
    #[must_use]
    pub fn digest(&self) -> &[u8] {
        &self.digest
    }

    /// The artifact signature (`signature.content`).
    #[must_use]
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The `PublicKeyDetails` name.
    #[must_use]
    pub fn key_details(&self) -> &str {
        &self.key_details
    }

    /// The verifier material.
    #[must_use]
    pub fn verifier(&self) -> &VerifierMaterial {
        &self.verifier
    }

    /// Parses a logged entry and checks that it is in canonical form (re-encoding gives the
    /// same bytes, so the leaf hash is reproducible).
    ///
    /// # Errors
    /// The [`EntryError`] naming the field or rule that failed.
    pub fn parse(bytes: &[u8]) -> Result<Self, EntryError> {
        if bytes.len() > super::MAX_ENTRY_SIZE {
            return Err(EntryError::TooLarge {
                len: bytes.len(),
                max: super::MAX_ENTRY_SIZE,
            });
        }
        let json: EntryJson = serde_json::from_slice(bytes)?;
        // Canonical form, checked on the parsed strings: the structs declare their fields in
        // JCS order (RFC 8785 §3.2.3) and hold only strings, so serde_json writes what
        // serde_jcs would (`parse_checks_canonical_form_as_jcs_does` compares the two); base64
        // decoding below is strict, so equal JSON means equal bytes once re-encoded.
        if serde_json::to_vec(&json)? != bytes {
            return Err(EntryError::NotCanonical);
        }
        if json.api_version != API_VERSION {
            return Err(EntryError::ApiVersion(json.api_version));
        }
        if json.kind != KIND {
            return Err(EntryError::Kind(json.kind));
        }
        let spec = json.spec.hashed_rekord_v002;
        let algorithm = HashAlgorithm::from_name(&spec.data.algorithm)?;
        let verifier = match (
            spec.signature.verifier.public_key,
            spec.signature.verifier.x509_certificate,
        ) {
            (Some(k), None) => VerifierMaterial::PublicKey(decode(&k.raw_bytes, "publicKey")?),
            (None, Some(c)) => {
                VerifierMaterial::X509Certificate(decode(&c.raw_bytes, "x509Certificate")?)
            }
            _ => return Err(EntryError::VerifierOneof),
        };
        HashedRekordV002::new(
            algorithm,
            decode(&spec.data.digest, "data.digest")?,
            decode(&spec.signature.content, "signature.content")?,
            &spec.signature.verifier.key_details,
            verifier,
        )
    }

    /// The entry's fields, borrowed.
    #[must_use]
    pub fn parts(&self) -> HashedRekordParts<'_> {
        HashedRekordParts {
            algorithm: self.algorithm,
            digest: &self.digest,
            signature: &self.signature,
            key_details: &self.key_details,
            verifier: match &self.verifier {
                VerifierMaterial::X509Certificate(d) => VerifierRef::X509Certificate(d),
                VerifierMaterial::PublicKey(d) => VerifierRef::PublicKey(d),
            },
        }
    }

    #[cfg(test)]
    fn to_json(&self) -> EntryJson {
        let raw = |b: &[u8]| {
            Some(RawBytes {
                raw_bytes: STANDARD.encode(b),
            })
        };
        let (public_key, x509_certificate) = match &self.verifier {
            VerifierMaterial::PublicKey(b) => (raw(b), None),
            VerifierMaterial::X509Certificate(b) => (None, raw(b)),
        };
        EntryJson {
            api_version: API_VERSION.to_owned(),
            kind: KIND.to_owned(),
            spec: SpecJson {
                hashed_rekord_v002: HashedRekordJson {
                    data: DataJson {
                        algorithm: self.algorithm.name().to_owned(),
                        digest: STANDARD.encode(&self.digest),
                    },
                    signature: SignatureJson {
                        content: STANDARD.encode(&self.signature),
                        verifier: VerifierJson {
                            key_details: self.key_details.clone(),
                            public_key,
                            x509_certificate,
                        },
                    },
                },
            },
        }
    }
}

/// [`VerifierMaterial`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifierRef<'a> {
    /// The leaf certificate DER.
    X509Certificate(&'a [u8]),
    /// The SPKI DER of a self-managed key.
    PublicKey(&'a [u8]),
}

/// The fields of a `hashedrekord` 0.0.2 entry, borrowed: what a verifier expects the logged
/// entry to hold, written out by [`HashedRekordParts::canonical_json`] to compare with the
/// logged bytes without parsing them.
#[derive(Debug, Clone, Copy)]
pub struct HashedRekordParts<'a> {
    /// The digest algorithm.
    pub algorithm: HashAlgorithm,
    /// The artifact digest.
    pub digest: &'a [u8],
    /// The artifact signature.
    pub signature: &'a [u8],
    /// The `PublicKeyDetails` name.
    pub key_details: &'a str,
    /// The verifier material.
    pub verifier: VerifierRef<'a>,
}

impl HashedRekordParts<'_> {
    /// The entry's canonical JSON (RFC 8785), written directly: every value is a string, the
    /// keys are written in JCS order (UTF-16 code unit order, §3.2.3), base64 never needs
    /// escaping, and `keyDetails` is escaped by serde_json as JCS escapes (§3.2.2.2). The
    /// test `canonical_json_is_what_serde_jcs_writes` holds it to serde_jcs.
    #[must_use]
    pub fn canonical_json(&self) -> Vec<u8> {
        let (verifier_key, verifier) = match self.verifier {
            VerifierRef::PublicKey(d) => ("publicKey", d),
            VerifierRef::X509Certificate(d) => ("x509Certificate", d),
        };
        use crate::base64_bulk::{encode_into as base64, encoded_len};
        let mut out = Vec::with_capacity(
            256 + self.key_details.len()
                + encoded_len(self.digest.len())
                + encoded_len(self.signature.len())
                + encoded_len(verifier.len()),
        );
        for piece in [
            "{\"apiVersion\":\"",
            API_VERSION,
            "\",\"kind\":\"",
            KIND,
            "\",\"spec\":{\"hashedRekordV002\":{\"data\":{\"algorithm\":\"",
            self.algorithm.name(),
            "\",\"digest\":\"",
        ] {
            out.extend_from_slice(piece.as_bytes());
        }
        base64(&mut out, self.digest);
        out.extend_from_slice(b"\"},\"signature\":{\"content\":\"");
        base64(&mut out, self.signature);
        out.extend_from_slice(b"\",\"verifier\":{\"keyDetails\":");
        // Writing a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, self.key_details);
        out.extend_from_slice(b",\"");
        out.extend_from_slice(verifier_key.as_bytes());
        out.extend_from_slice(b"\":{\"rawBytes\":\"");
        base64(&mut out, verifier);
        out.extend_from_slice(b"\"}}}}}}");
        out
    }
}

impl EntryShape for HashedRekordV002 {
    fn shape_name(&self) -> &'static str {
        "hashedrekord-0.0.2"
    }

    fn encode(&self) -> Result<Vec<u8>, EntryError> {
        check_size(self.parts().canonical_json())
    }
}

fn decode(b64: &str, field: &'static str) -> Result<Vec<u8>, EntryError> {
    let bytes = STANDARD
        .decode(b64)
        .map_err(|_| EntryError::Base64 { field })?;
    if bytes.is_empty() {
        return Err(EntryError::Empty { field });
    }
    Ok(bytes)
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EntryJson {
    api_version: String,
    kind: String,
    spec: SpecJson,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SpecJson {
    #[serde(rename = "hashedRekordV002")]
    hashed_rekord_v002: HashedRekordJson,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HashedRekordJson {
    data: DataJson,
    signature: SignatureJson,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataJson {
    algorithm: String,
    digest: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureJson {
    content: String,
    verifier: VerifierJson,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct VerifierJson {
    key_details: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    public_key: Option<RawBytes>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    x509_certificate: Option<RawBytes>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawBytes {
    raw_bytes: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct writer and serde_jcs agree, whatever the lengths (base64 padding) and
    /// whatever `keyDetails` holds (escapes).
    #[test]
    fn canonical_json_is_what_serde_jcs_writes() {
        let details = [
            "PKIX_ECDSA_P256_SHA_256",
            "ML_DSA_44",
            "quote \" backslash \\ tab \t nul \u{0} del \u{7f} e\u{301} \u{1F600}",
        ];
        for (i, key_details) in details.iter().enumerate() {
            for len in [1, 2, 3, 4, 32, 65, 700] {
                for verifier in [
                    VerifierMaterial::PublicKey(vec![0xfb; len + i]),
                    VerifierMaterial::X509Certificate((0..=255).cycle().take(len).collect()),
                ] {
                    let entry = HashedRekordV002::new(
                        HashAlgorithm::Sha2_256,
                        vec![0x3e; 32],
                        vec![0xff; len],
                        key_details,
                        verifier,
                    )
                    .unwrap();
                    assert_eq!(
                        entry.parts().canonical_json(),
                        serde_jcs::to_vec(&entry.to_json()).unwrap(),
                        "{key_details} {len}"
                    );
                }
            }
        }
    }

    /// `parse` checks canonical form with serde_json on the parsed strings; that is only
    /// right while serde_json writes these structs as serde_jcs does.
    #[test]
    fn parse_checks_canonical_form_as_jcs_does() {
        for verifier in [
            VerifierMaterial::PublicKey(vec![1; 91]),
            VerifierMaterial::X509Certificate(vec![0xff; 700]),
        ] {
            let entry = HashedRekordV002::new(
                HashAlgorithm::Sha2_384,
                vec![7; 48],
                vec![9; 2420],
                "ML_DSA_44",
                verifier,
            )
            .unwrap();
            let json = entry.to_json();
            assert_eq!(
                serde_json::to_vec(&json).unwrap(),
                serde_jcs::to_vec(&json).unwrap()
            );
            assert_eq!(
                HashedRekordV002::parse(&entry.encode().unwrap()).unwrap(),
                entry
            );
        }
    }
}
