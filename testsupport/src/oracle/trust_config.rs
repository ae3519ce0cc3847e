//! The `ClientTrustConfig` wrapper that the sigstore-python command line needs for
//! `--trust-config` (INTEROP.md "trusted_root.json"; the same JSON as
//! `shared/tools/reference/make_trust_config.py`): the trusted root plus a mandatory
//! `signingConfig`, which is a placeholder because verification never uses it.

use std::path::Path;

use serde_json::{Value, json};

use super::{OracleError, read, write};

/// Media type of a `ClientTrustConfig` (sigstore protobuf-specs `dev.sigstore.trustroot.v1`).
pub const CLIENT_TRUST_CONFIG_MEDIA_TYPE: &str =
    "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json";

/// Wraps a parsed trusted root into a `ClientTrustConfig` with a placeholder signing config.
#[must_use]
pub fn client_trust_config(trusted_root: Value) -> Value {
    let placeholder = |url: &str| {
        json!({
            "url": url,
            "majorApiVersion": 1,
            "operator": "",
            "validFor": {"start": "1970-01-01T01:01:01Z"}
        })
    };
    json!({
        "mediaType": CLIENT_TRUST_CONFIG_MEDIA_TYPE,
        "trustedRoot": trusted_root,
        "signingConfig": {
            "mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
            "caUrls": [placeholder("https://fulcio.example.com")],
            "oidcUrls": [],
            "rekorTlogUrls": [placeholder("https://rekor.example.com")],
            "tsaUrls": [],
            "rekorTlogConfig": {"selector": "ANY"},
            "tsaConfig": {"selector": "ANY"}
        }
    })
}

/// Reads `trusted_root` and writes its `ClientTrustConfig` to `out`.
///
/// # Errors
/// [`OracleError::Io`] when a file cannot be read or written, [`OracleError::Json`] when the
/// trusted root is not JSON.
pub fn write_client_trust_config(trusted_root: &Path, out: &Path) -> Result<(), OracleError> {
    let root: Value =
        serde_json::from_slice(&read(trusted_root)?).map_err(|source| OracleError::Json {
            path: trusted_root.to_path_buf(),
            source,
        })?;
    let config = client_trust_config(root);
    write(out, config.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_the_trusted_root_unchanged() {
        let root = json!({"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1", "tlogs": []});
        let config = client_trust_config(root.clone());
        assert_eq!(config["trustedRoot"], root);
        assert_eq!(config["mediaType"], CLIENT_TRUST_CONFIG_MEDIA_TYPE);
        assert_eq!(
            config["signingConfig"]["mediaType"],
            "application/vnd.dev.sigstore.signingconfig.v0.2+json"
        );
    }
}
