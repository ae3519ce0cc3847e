//! PEM decoding as lenient as Go's `encoding/pem`: any line length, surrounding text ignored.
//! Real Sigstore material (Rekor v1 entries, `key.pub` files) carries PEM with unwrapped
//! base64 lines that strict RFC 7468 decoders refuse.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Decodes the first PEM block in `text` into its label and DER bytes; `None` if there is no
/// well-formed block.
#[must_use]
pub fn decode(text: &str) -> Option<(String, Vec<u8>)> {
    let (_, after_begin) = text.split_once("-----BEGIN ")?;
    let (label, rest) = after_begin.split_once("-----")?;
    let (body, after_end) = rest.split_once("-----END ")?;
    if !after_end.starts_with(label) || label.contains('\n') {
        return None;
    }
    let base64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD.decode(base64).ok()?;
    Some((label.to_owned(), der))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_wrapped_and_unwrapped_blocks() {
        let wrapped = "-----BEGIN PUBLIC KEY-----\nAAEC\nAwQ=\n-----END PUBLIC KEY-----\n";
        assert_eq!(
            decode(wrapped),
            Some(("PUBLIC KEY".to_owned(), vec![0, 1, 2, 3, 4]))
        );
        let one_line = "x\n-----BEGIN CERTIFICATE-----\nAAECAwQ=\n-----END CERTIFICATE-----";
        assert_eq!(decode(one_line).unwrap().1, vec![0, 1, 2, 3, 4]);
        assert_eq!(decode("-----BEGIN A-----\nAAEC\n-----END B-----"), None);
        assert_eq!(decode("-----BEGIN A-----\n!!\n-----END A-----"), None);
        assert_eq!(decode("no pem here"), None);
    }
}
