//! Resource bounds on untrusted bundles and trusted roots. Inputs beyond them are refused
//! while parsing, before any cryptography runs, with an error naming the limit. Every limit of
//! pqlab (these and those of the note, log, PKI and runner modules) is listed with its reason
//! in `docs/LIMITS.md`.

/// Largest bundle JSON accepted, in bytes. The largest pqlab profile (SLH-DSA-256f in every
/// role) writes bundles of about 0.5 MB; real bundles are about 10 kB.
pub const MAX_BUNDLE_BYTES: usize = 4 << 20;

/// Largest trusted root JSON accepted, in bytes.
pub const MAX_TRUSTED_ROOT_BYTES: usize = 8 << 20;

/// Most transparency-log entries in one bundle (sigstore-go `limits.MaxAllowedTlogEntries`).
pub const MAX_TLOG_ENTRIES: usize = 32;

/// Most RFC 3161 timestamps in one bundle (sigstore-go `limits.MaxAllowedTimestamps`).
pub const MAX_TIMESTAMPS: usize = 32;

/// Largest RFC 3161 `TimeStampResp` accepted, in bytes (in a bundle and by
/// [`crate::pki::verify::verify_timestamp`]). A token signed with SLH-DSA-256f that carries
/// its signer and root certificates is about 150 kB; real tokens are about 1 to 5 kB.
pub const MAX_TIMESTAMP_BYTES: usize = 512 << 10;

/// Most certificates a timestamp token's `SignedData.certificates` may carry (each is a
/// chain-building candidate, so each may cost a signature verification).
pub const MAX_TIMESTAMP_CERTIFICATES: usize = MAX_CHAIN_CERTIFICATES;

/// Most hashes in one inclusion proof: a proof in a tree of 2^64 leaves has at most 64.
pub const MAX_PROOF_HASHES: usize = 64;

/// Most certificates in an `x509CertificateChain` or a trusted-root chain.
pub const MAX_CHAIN_CERTIFICATES: usize = 10;

/// Largest DER certificate accepted, in bytes (in a bundle, a trusted root, a timestamp
/// token, and by every certificate decoder of [`crate::pki`]). A certificate signed with
/// SLH-DSA-256f is about 50 kB.
pub const MAX_CERTIFICATE_BYTES: usize = 256 << 10;

/// Largest checkpoint envelope (a signed note with its cosignatures), in bytes: the note
/// module's [`crate::note::MAX_NOTE_BYTES`].
pub const MAX_CHECKPOINT_BYTES: usize = crate::note::MAX_NOTE_BYTES;

/// Most DSSE signatures in an envelope (Sigstore requires exactly one; the cap applies first).
pub const MAX_DSSE_SIGNATURES: usize = 16;

/// Most entries in each list of a trusted root (tlogs, CAs, CT logs, TSAs).
pub const MAX_TRUST_ROOT_ENTRIES: usize = 64;
