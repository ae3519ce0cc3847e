//! RFC 6962 / RFC 9162 §2.1.1 Merkle tree hashing: leaf = SHA-256(0x00 ‖ entry), interior
//! node = SHA-256(0x01 ‖ left ‖ right), the empty tree = SHA-256("").

use sha2::{Digest, Sha256};

/// The size of every hash in the tree, in bytes.
pub const HASH_SIZE: usize = 32;

/// A SHA-256 tree hash.
pub type Hash = [u8; HASH_SIZE];

/// The root of the empty tree: SHA-256 of the empty string
/// (`47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=`).
#[must_use]
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The leaf hash of `entry`: SHA-256(0x00 ‖ entry).
#[must_use]
pub fn leaf_hash(entry: &[u8]) -> Hash {
    Sha256::new()
        .chain_update([0x00])
        .chain_update(entry)
        .finalize()
        .into()
}

/// The interior node hash: SHA-256(0x01 ‖ left ‖ right).
#[must_use]
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut buf = [0u8; 1 + 2 * HASH_SIZE];
    buf[0] = 0x01;
    buf[1..=HASH_SIZE].copy_from_slice(left);
    buf[1 + HASH_SIZE..].copy_from_slice(right);
    Sha256::digest(buf).into()
}

/// MTH (RFC 9162 §2.1.1) over `hashes` taken as the leaves of a (sub)tree: the largest power
/// of two smaller than the count splits left from right. The empty slice gives the empty root.
#[must_use]
pub fn subtree_root(hashes: &[Hash]) -> Hash {
    match hashes.len() {
        0 => empty_root(),
        1 => hashes[0],
        n => {
            let k = split_point(n as u64) as usize;
            node_hash(&subtree_root(&hashes[..k]), &subtree_root(&hashes[k..]))
        }
    }
}

/// The largest power of two strictly smaller than `n` (for `n >= 2`), where RFC 9162 splits
/// a tree of `n` leaves.
#[must_use]
pub fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}
