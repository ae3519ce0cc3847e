//! C2SP signed notes, checkpoints and witness cosignatures, for every registry algorithm.
//!
//! Implements [c2sp.org/signed-note] (note syntax, key IDs, vkeys), [c2sp.org/tlog-checkpoint]
//! (the checkpoint body), [c2sp.org/tlog-cosignature] (timestamped cosignatures) and the key
//! hashes Rekor v2 uses as `logId` (sigstore/rekor-tiles `pkg/note`). Out of scope: the Merkle
//! tree, tiles and proofs (`crate::log`), and fetching anything over the network.
//!
//! # Signature types
//!
//! | type | used for | key material (vkey payload after the type byte) | signed message | signature bytes |
//! |---|---|---|---|---|
//! | `0x01` | Ed25519 log key | 32-byte public key | note text | 64-byte Ed25519 |
//! | `0x02` | ECDSA log key (P-256, P-384) | SPKI DER | note text (the registry's ECDSA hashes it with the curve's SHA-2) | DER ECDSA |
//! | `0x04` | Ed25519 cosigner | 32-byte public key | `cosignature/v1\ntime <t>\n` ‖ note text | u64 BE `t` ‖ 64-byte sig |
//! | `0x06` | ML-DSA-44 log key or cosigner | 1312-byte public key | `subtree/v1` TLS struct (below) | u64 BE `t` ‖ 2420-byte sig |
//! | `0xff` | every other algorithm, log key | `"pqlab/<alg-id>"` ‖ `0x0A` ‖ SPKI DER | note text | the algorithm's signature |
//! | `0xff` | every other algorithm, cosigner | `"pqlab-cosignature/<alg-id>"` ‖ `0x0A` ‖ SPKI DER | as `0x04` | u64 BE `t` ‖ the algorithm's signature |
//!
//! ## Key IDs and key hashes
//!
//! The *key hash* is 32 bytes; the note key ID is its first 4 bytes, big-endian, and Rekor v2's
//! `logId.keyId` is the whole hash (FORMATS.md §2):
//!
//! * `0x02`: `SHA-256(SPKI DER)` (no name, as rekor-tiles and transparency-dev/formats do);
//! * every other type: `SHA-256(name ‖ 0x0A ‖ type ‖ key material)`, the signed-note rule. For
//!   `0xff` that is `SHA-256(name ‖ 0x0A ‖ 0xFF ‖ "pqlab/<alg-id>" ‖ 0x0A ‖ SPKI DER)` (or
//!   `"pqlab-cosignature/<alg-id>"` for a cosigner): signed-note's "private type followed by a
//!   long identifier", where the identifier names the pqlab registry algorithm and the newline
//!   separates it unambiguously from the SPKI that follows (algorithm ids contain digits, and
//!   `'0'` is the DER SEQUENCE tag `0x30`). The two `0xff` identifiers keep a key used for plain
//!   note signatures from verifying as a cosigner and the other way round.
//!
//! ## The `0x06` signed message (tlog-cosignature §"ML-DSA-44 signed message")
//!
//! `"subtree/v1\n\0"` ‖ u8 len ‖ cosigner name ‖ u64 timestamp ‖ u8 len ‖ origin ‖ u64 start (0) ‖
//! u64 end (tree size) ‖ root hash\[32\]. The note text must therefore be a checkpoint; extension
//! lines are not covered by the signature.
//!
//! Signing uses an empty context string and hedged randomness from the signer's seeded RNG.
//!
//! [c2sp.org/signed-note]: https://c2sp.org/signed-note
//! [c2sp.org/tlog-checkpoint]: https://c2sp.org/tlog-checkpoint
//! [c2sp.org/tlog-cosignature]: https://c2sp.org/tlog-cosignature

mod authority;
mod checkpoint;
mod cosignature;
mod keys;
mod name;
mod policy;
mod signed;
mod signer;
mod verifier;

pub use authority::{Clock, LogAuthority};
pub use checkpoint::{Checkpoint, EMPTY_TREE_ROOT};
pub(crate) use cosignature::signed_message;
pub use cosignature::{cosignature_v1_message, subtree_v1_message};
pub use keys::{KeyId, SignatureType, VerifierKey, key_hash};
pub use name::KeyName;
pub use policy::{CheckpointVerifier, VerifiedCheckpoint, WitnessPolicy};
pub use signed::{MAX_SIGNATURES, Note, NoteSignature};
pub use signer::{NoteSigner, SignerRole};
pub use verifier::{NoteVerifier, VerifiedNote, VerifiedSignature, VerifierSet};

/// Everything that can be wrong with a note, a key, a checkpoint or its signatures; each
/// variant names the check that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NoteError {
    /// The note is not valid UTF-8.
    #[error("malformed note: not valid UTF-8")]
    NotUtf8,
    /// An ASCII control character other than newline.
    #[error("malformed note: control character U+{code:04X} at byte {offset}")]
    ControlCharacter {
        /// The character.
        code: u32,
        /// Its byte offset.
        offset: usize,
    },
    /// The note (or its text) does not end with a newline.
    #[error("malformed note: {what} does not end with a newline")]
    MissingNewline {
        /// What lacks it.
        what: &'static str,
    },
    /// No blank line separates text and signatures.
    #[error("malformed note: no blank line separates the text from the signatures")]
    MissingBlankLine,
    /// More than one blank line before the signatures.
    #[error("malformed note: more than one blank line before the signatures")]
    ExtraBlankLine,
    /// The text is empty.
    #[error("malformed note: empty text")]
    EmptyText,
    /// No signature lines.
    #[error("malformed note: no signature lines")]
    NoSignatures,
    /// More signature lines than [`MAX_SIGNATURES`].
    #[error("malformed note: {count} signature lines, at most {max} accepted")]
    TooManySignatures {
        /// Lines found.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A signature line that does not have the form `— <name> <base64>`.
    #[error("malformed signature line {line}: {reason}")]
    MalformedSignatureLine {
        /// 1-based index among the signature lines.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A key name that is empty, has white space or a `+`.
    #[error("invalid key name {name:?}: {reason}")]
    InvalidKeyName {
        /// The name.
        name: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A verifier key string that is not `name+hex8+base64`.
    #[error("invalid verifier key: {reason}")]
    InvalidVerifierKey {
        /// What is wrong.
        reason: String,
    },
    /// A vkey whose key ID is not the one its key material hashes to.
    #[error("verifier key {name}: key ID {stated} does not match the key (computed {computed})")]
    KeyIdMismatch {
        /// Key name.
        name: String,
        /// The ID in the vkey.
        stated: KeyId,
        /// The ID computed from the key.
        computed: KeyId,
    },
    /// A signature type byte pqlab does not implement.
    #[error("unsupported signature type 0x{0:02x}")]
    UnsupportedSignatureType(u8),
    /// A key whose algorithm cannot be used with this signature type.
    #[error("signature type 0x{sig_type:02x} cannot use algorithm {algorithm}")]
    AlgorithmMismatch {
        /// The type byte.
        sig_type: u8,
        /// The registry id.
        algorithm: String,
    },
    /// The algorithm layer refused a key or failed to sign.
    #[error(transparent)]
    Algorithm(#[from] pqlab_algorithms::Error),
    /// Two verifier keys share one (name, key ID) and a signature line uses it.
    #[error("ambiguous key {name}+{key_id}")]
    AmbiguousKey {
        /// Key name.
        name: String,
        /// Key ID.
        key_id: KeyId,
    },
    /// A signature line for a known key does not verify.
    #[error("invalid signature for key {name}+{key_id}: {reason}")]
    InvalidSignature {
        /// Key name.
        name: String,
        /// Key ID.
        key_id: KeyId,
        /// Why (malformed timestamp, or the algorithm's opaque failure).
        reason: String,
    },
    /// No signature line belongs to a known key.
    #[error("note has no verifiable signatures")]
    NoVerifiableSignatures,
    /// A checkpoint body that breaks tlog-checkpoint.
    #[error("malformed checkpoint: {reason}")]
    MalformedCheckpoint {
        /// What is wrong.
        reason: String,
    },
    /// An origin pqlab refuses to create a log with.
    #[error("invalid origin {origin:?}: {reason}")]
    InvalidOrigin {
        /// The origin.
        origin: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The checkpoint is for another log.
    #[error("checkpoint origin {found:?}, expected {expected:?}")]
    OriginMismatch {
        /// Expected origin.
        expected: String,
        /// Origin in the checkpoint.
        found: String,
    },
    /// No signature from the log's key.
    #[error("checkpoint has no valid signature from the log key {name}")]
    MissingLogSignature {
        /// The log key name.
        name: String,
    },
    /// Fewer witness cosignatures than the policy requires.
    #[error("{verified} of the required {required} witness cosignatures verified")]
    InsufficientWitnesses {
        /// Required by the policy.
        required: usize,
        /// Distinct witnesses that verified.
        verified: usize,
    },
    /// A witness policy that can never be satisfied.
    #[error("witness policy requires {required} of {available} witnesses")]
    InvalidPolicy {
        /// Required.
        required: usize,
        /// Configured.
        available: usize,
    },
    /// A signer's lock was poisoned by a panic in another thread.
    #[error("signer state lock poisoned")]
    Poisoned,
}
