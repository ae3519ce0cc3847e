//! DSSE envelopes (secure-systems-lab DSSE v1.0 `protocol.md`) and the in-toto Statement v1
//! they carry in Sigstore attestations.

use serde::Serialize;

/// The payload type of in-toto statements.
pub const IN_TOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// The in-toto Statement v1 type URI.
pub const STATEMENT_V1: &str = "https://in-toto.io/Statement/v1";

/// The DSSE pre-authentication encoding: what a DSSE signature signs, and what Rekor v2's
/// `hashedrekord` 0.0.2 digests for a DSSE bundle (FORMATS.md §2):
/// `"DSSEv1" SP len(type) SP type SP len(payload) SP payload`, lengths in ASCII decimal.
#[must_use]
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload_type.len() + payload.len() + 32);
    out.extend_from_slice(b"DSSEv1 ");
    out.extend_from_slice(payload_type.len().to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload_type.as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload.len().to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload);
    out
}

/// One subject of an in-toto statement.
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    /// The artifact's name.
    pub name: String,
    /// Its digests by algorithm name (`sha256` → lowercase hex).
    pub digest: std::collections::BTreeMap<String, String>,
}

/// An in-toto Statement v1 with a JSON predicate.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// Always [`STATEMENT_V1`].
    #[serde(rename = "_type")]
    pub statement_type: String,
    /// What the statement is about.
    pub subject: Vec<Subject>,
    /// The predicate's type URI.
    #[serde(rename = "predicateType")]
    pub predicate_type: String,
    /// The predicate.
    pub predicate: serde_json::Value,
}

impl Statement {
    /// A statement about one artifact, given its name and SHA-256.
    #[must_use]
    pub fn for_artifact(
        name: &str,
        sha256: &[u8; 32],
        predicate_type: &str,
        predicate: serde_json::Value,
    ) -> Self {
        Statement {
            statement_type: STATEMENT_V1.to_owned(),
            subject: vec![Subject {
                name: name.to_owned(),
                digest: [("sha256".to_owned(), hex::encode(sha256))].into(),
            }],
            predicate_type: predicate_type.to_owned(),
            predicate,
        }
    }

    /// The statement as the JSON bytes a DSSE payload carries.
    #[must_use]
    pub fn to_payload(&self) -> Vec<u8> {
        // Serialising owned plain data cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pae_matches_the_dsse_spec_example() {
        // DSSE protocol.md test vector: type "http://example.com/HelloWorld", payload
        // "hello world".
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
        assert_eq!(pae("", b""), b"DSSEv1 0  0 ".to_vec());
    }

    #[test]
    fn statement_json_has_the_in_toto_field_names() {
        let s = Statement::for_artifact(
            "a.txt",
            &[0xab; 32],
            "https://example/p",
            serde_json::json!({}),
        );
        let v: serde_json::Value = serde_json::from_slice(&s.to_payload()).unwrap();
        assert_eq!(v["_type"], STATEMENT_V1);
        assert_eq!(v["subject"][0]["digest"]["sha256"], "ab".repeat(32));
        assert_eq!(v["predicateType"], "https://example/p");
    }
}
