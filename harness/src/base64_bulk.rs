//! Standard base64 (RFC 4648 §4, padded, canonical) for the bulk of what verification
//! decodes and encodes: ML-DSA and SLH-DSA signatures in checkpoint lines, certificates and
//! signatures in Rekor entries and bundles (kilobytes each). `base64-simd` does the work (four
//! to five times faster than `base64` on 12 kB); it accepts and rejects exactly what `base64`'s
//! `STANDARD` engine does (`same_verdicts_as_base64` checks), and a rejected input is decoded
//! again by `base64` for its error message.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Decodes `text`.
///
/// # Errors
/// `base64`'s error naming the offending byte.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    base64_simd::STANDARD
        .decode_to_vec(text)
        .or_else(|_| STANDARD.decode(text))
}

/// The length of the encoding of `len` bytes.
pub(crate) fn encoded_len(len: usize) -> usize {
    base64_simd::STANDARD.encoded_length(len)
}

/// Appends the encoding of `data` to `out`.
pub(crate) fn encode_into(out: &mut Vec<u8>, data: &[u8]) {
    let start = out.len();
    out.resize(start + encoded_len(data.len()), 0);
    if let Some(buf) = out.get_mut(start..) {
        // Returns the slice it wrote: `buf`, sized exactly.
        let _ = base64_simd::STANDARD.encode(data, base64_simd::Out::from_slice(buf));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_verdicts_as_base64() {
        let long: String = STANDARD.encode((0..=255u8).cycle().take(5000).collect::<Vec<_>>());
        for text in [
            "",
            "QQ==",
            "QR==",
            "QUI=",
            "QUJ=",
            "QUJD",
            "QQ",
            "QQ=",
            "A===",
            "Q Q==",
            "QQ==\n",
            "-_8=",
            "/+8=",
            "====",
            "QUJD====",
            &long,
            &long[1..],
            &long.replace('A', "-"),
        ] {
            // base64-simd alone: `decode` falls back to base64, which would hide a rejection.
            assert_eq!(
                base64_simd::STANDARD.decode_to_vec(text).ok(),
                STANDARD.decode(text).ok(),
                "{text:.40}"
            );
            assert_eq!(decode(text).ok(), STANDARD.decode(text).ok(), "{text:.40}");
        }
        for len in [0, 1, 2, 3, 4, 100, 5000] {
            let data: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let mut out = b"prefix".to_vec();
            encode_into(&mut out, &data);
            assert_eq!(
                out,
                format!("prefix{}", STANDARD.encode(&data)).into_bytes()
            );
        }
    }
}
