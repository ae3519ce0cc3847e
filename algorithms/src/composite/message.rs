//! The composite message representative `M'` (draft-ietf-lamps-pq-composite-sigs §2.2
//! "Prefix, Label, and CTX" and §3.2 "Sign", step 2):
//!
//! ```text
//! M' := Prefix || Label || len(ctx) || ctx || PH(M)
//! ```
//!
//! Every algorithm this crate registers uses SHA-512 as `PH` (§6 "Algorithm Identifiers and
//! Parameters").

use sha2::{Digest, Sha512};

/// The fixed prefix: the ASCII bytes of `CompositeAlgorithmSignatures2025` (§2.2).
pub(crate) const PREFIX: &[u8; 32] = b"CompositeAlgorithmSignatures2025";

/// Builds `M'` for `label` and the application context `ctx`, pre-hashing `message` with
/// SHA-512. The caller has checked `ctx.len() <= 255` (§3.2 step 1); a longer context is
/// never truncated silently: `None` comes back instead.
pub(crate) fn representative(label: &[u8], ctx: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    let ctx_len = u8::try_from(ctx.len()).ok()?;
    let digest = Sha512::digest(message);
    let mut out = Vec::with_capacity(PREFIX.len() + label.len() + 1 + ctx.len() + digest.len());
    out.extend_from_slice(PREFIX);
    out.extend_from_slice(label);
    out.push(ctx_len);
    out.extend_from_slice(ctx);
    out.extend_from_slice(&digest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The draft's worked example (Appendix "Message Representative Examples",
    /// `src/messageFormatSample_ctx.md`): MLDSA65-ECDSA-P256-SHA512, M = 00..09, an 8-byte
    /// context.
    #[test]
    fn matches_the_drafts_example_with_context() {
        let m: Vec<u8> = (0u8..10).collect();
        let ctx = hex_bytes("0813061205162623");
        let got = representative(b"COMPSIG-MLDSA65-ECDSA-P256-SHA512", &ctx, &m).unwrap();
        let want = hex_bytes(concat!(
            "436f6d706f73697465416c676f726974686d5369676e61747572657332303235",
            "434f4d505349472d4d4c44534136352d45434453412d503235362d534841353132",
            "080813061205162623",
            "0f89ee1fcb7b0a4f7809d1267a029719004c5a5e5ec323a7c3523a20974f9a3f",
            "202f56fadba4cd9e8d654ab9f2e96dc5c795ea176fa20ede8d854c342f903533",
        ));
        assert_eq!(got, want);
    }

    #[test]
    fn refuses_an_overlong_context() {
        assert!(representative(b"L", &[0u8; 256], b"m").is_none());
        assert_eq!(
            representative(b"L", &[0u8; 255], b"m").map(|v| v.len()),
            Some(32 + 1 + 1 + 255 + 64)
        );
    }

    fn hex_bytes(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }
}
