//! Proto3 JSON field decoding: bytes as base64 (standard or URL-safe, padded or not, as
//! protojson accepts), int64 as decimal strings, with the field path in every error.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

use super::BundleError;

/// Decodes a protojson `bytes` field. Line breaks are skipped, as Go's `encoding/base64`
/// (behind sigstore-go's protojson) skips them: real bundles carry `base64`-wrapped blobs.
pub(super) fn bytes(field: &str, value: &str) -> Result<Vec<u8>, BundleError> {
    let unwrapped: String;
    let value = if value.contains(['\r', '\n']) {
        unwrapped = value.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        unwrapped.as_str()
    } else {
        value
    };
    if let Ok(decoded) = crate::base64_bulk::decode(value) {
        return Ok(decoded);
    }
    for engine in [&URL_SAFE, &STANDARD_NO_PAD, &URL_SAFE_NO_PAD] {
        if let Ok(decoded) = engine.decode(value) {
            return Ok(decoded);
        }
    }
    Err(BundleError::InvalidField {
        field: field.to_owned(),
        reason: "not valid base64".to_owned(),
    })
}

/// Decodes a protojson `bytes` field that must hold exactly `N` bytes.
pub(super) fn fixed<const N: usize>(field: &str, value: &str) -> Result<[u8; N], BundleError> {
    let decoded = bytes(field, value)?;
    decoded
        .as_slice()
        .try_into()
        .map_err(|_| BundleError::InvalidField {
            field: field.to_owned(),
            reason: format!("expected {N} bytes, got {}", decoded.len()),
        })
}

/// Decodes a protojson `int64` (a decimal string, or a JSON number) that must not be negative.
pub(super) fn non_negative(field: &str, value: &serde_json::Value) -> Result<u64, BundleError> {
    let invalid = |reason: &str| BundleError::InvalidField {
        field: field.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed: i64 = match value {
        serde_json::Value::String(s) => s.parse().map_err(|_| invalid("not a decimal int64"))?,
        serde_json::Value::Number(n) => n.as_i64().ok_or_else(|| invalid("not an int64"))?,
        _ => return Err(invalid("not an int64")),
    };
    u64::try_from(parsed).map_err(|_| invalid("negative"))
}

/// Encodes bytes for protojson output (standard, padded).
pub(super) fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}
