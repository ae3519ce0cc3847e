//! Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4): verification here, generation
//! from tiles in [`builder`].

pub mod builder;

pub use builder::{HashTileSource, ProofBuilder};

use super::hash::{HASH_SIZE, Hash, node_hash};

/// A proof that failed a check; each variant names the check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// The leaf index is not below the tree size.
    #[error("leaf index {index} is not below tree size {size}")]
    IndexBeyondSize {
        /// The leaf index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The first tree is larger than the second.
    #[error("size1 {size1} is larger than size2 {size2}")]
    SizesReversed {
        /// The old size.
        size1: u64,
        /// The new size.
        size2: u64,
    },
    /// A consistency proof from the empty tree is meaningless.
    #[error("consistency with the empty tree (size1 = 0) is meaningless")]
    EmptyTree,
    /// The proof has the wrong number of hashes for its sizes.
    #[error("proof has {actual} hashes, {expected} expected")]
    WrongLength {
        /// What the sizes require.
        expected: usize,
        /// What was given.
        actual: usize,
    },
    /// A hash (leaf, root or proof element) is not 32 bytes.
    #[error("{what} is {len} bytes, not 32")]
    HashLength {
        /// Which hash.
        what: &'static str,
        /// Its length.
        len: usize,
    },
    /// The root recomputed from the proof differs from the expected root.
    #[error("recomputed {which} root differs from the expected root")]
    RootMismatch {
        /// `"tree"`, `"old"` or `"new"`.
        which: &'static str,
    },
}

/// Converts `bytes` into a hash.
///
/// # Errors
/// [`ProofError::HashLength`] naming `what` when it is not 32 bytes.
pub fn to_hash(what: &'static str, bytes: &[u8]) -> Result<Hash, ProofError> {
    <Hash>::try_from(bytes).map_err(|_| ProofError::HashLength {
        what,
        len: bytes.len(),
    })
}

fn bit_len(x: u64) -> u32 {
    64 - x.leading_zeros()
}

/// The inclusion proof length for `index` in a tree of `size` leaves, split into the inner
/// part (below the split with the right border) and the border part.
fn decompose_inclusion(index: u64, size: u64) -> (usize, usize) {
    let inner = bit_len(index ^ (size - 1));
    // In trees of more than 2^63 leaves `inner` can be 64: every bit is shifted out (as Go's
    // `index >> inner` gives), where a plain `>>` would overflow.
    let border = index.checked_shr(inner).unwrap_or(0).count_ones() as usize;
    let inner = inner as usize;
    (inner, border)
}

/// The number of hashes in an inclusion proof for `index` in a tree of `size` leaves.
#[must_use]
pub fn inclusion_proof_len(index: u64, size: u64) -> usize {
    if index >= size {
        return 0;
    }
    let (inner, border) = decompose_inclusion(index, size);
    inner + border
}

/// The root implied by an inclusion proof (RFC 9162 §2.1.3.2), after checking its length.
///
/// # Errors
/// [`ProofError::IndexBeyondSize`], [`ProofError::WrongLength`], [`ProofError::HashLength`].
pub fn root_from_inclusion<H: AsRef<[u8]>>(
    index: u64,
    size: u64,
    leaf_hash: &[u8],
    proof: &[H],
) -> Result<Hash, ProofError> {
    if index >= size {
        return Err(ProofError::IndexBeyondSize { index, size });
    }
    let leaf = to_hash("leaf hash", leaf_hash)?;
    let expected = inclusion_proof_len(index, size);
    if proof.len() != expected {
        return Err(ProofError::WrongLength {
            expected,
            actual: proof.len(),
        });
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = leaf;
    for p in proof {
        let p = to_hash("proof hash", p.as_ref())?;
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(&p, &r);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            r = node_hash(&r, &p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    Ok(r)
}

/// Verifies that `leaf_hash` is at `index` in the tree of `size` leaves with root `root`.
///
/// # Errors
/// The [`ProofError`] naming the failed check.
pub fn verify_inclusion<H: AsRef<[u8]>>(
    index: u64,
    size: u64,
    leaf_hash: &[u8],
    proof: &[H],
    root: &[u8],
) -> Result<(), ProofError> {
    let root = to_hash("root", root)?;
    if root_from_inclusion(index, size, leaf_hash, proof)? == root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch { which: "tree" })
    }
}

/// The number of hashes in a consistency proof between sizes `0 < size1 < size2`.
#[must_use]
pub fn consistency_proof_len(size1: u64, size2: u64) -> usize {
    if size1 == 0 || size1 >= size2 {
        return 0;
    }
    let level = size1.trailing_zeros();
    let index = (size1 - 1) >> level;
    let (inner, border) = decompose_inclusion(index, ((size2 - 1) >> level) + 1);
    usize::from(index != 0) + inner + border
}

/// Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1`
/// leaves with root `root1` (RFC 9162 §2.1.4.2).
///
/// # Errors
/// The [`ProofError`] naming the failed check.
pub fn verify_consistency<H: AsRef<[u8]>>(
    size1: u64,
    size2: u64,
    proof: &[H],
    root1: &[u8],
    root2: &[u8],
) -> Result<(), ProofError> {
    if size1 > size2 {
        return Err(ProofError::SizesReversed { size1, size2 });
    }
    if size1 == 0 {
        return Err(ProofError::EmptyTree);
    }
    if size1 == size2 {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength {
                expected: 0,
                actual: proof.len(),
            });
        }
        return if root1 == root2 {
            Ok(())
        } else {
            Err(ProofError::RootMismatch { which: "new" })
        };
    }
    let expected = consistency_proof_len(size1, size2);
    if proof.len() != expected {
        return Err(ProofError::WrongLength {
            expected,
            actual: proof.len(),
        });
    }
    let root1 = to_hash("old root", root1)?;
    let root2 = to_hash("new root", root2)?;
    let mut hashes = Vec::with_capacity(proof.len() + 1);
    if size1.is_power_of_two() {
        hashes.push(root1);
    }
    for p in proof {
        hashes.push(to_hash("proof hash", p.as_ref())?);
    }
    let (mut fnode, mut snode) = (size1 - 1, size2 - 1);
    while fnode & 1 == 1 {
        fnode >>= 1;
        snode >>= 1;
    }
    let (mut fr, mut sr) = (hashes[0], hashes[0]);
    for c in &hashes[1..] {
        if snode == 0 {
            return Err(ProofError::WrongLength {
                expected,
                actual: proof.len(),
            });
        }
        if fnode & 1 == 1 || fnode == snode {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fnode & 1 == 0 && fnode != 0 {
                fnode >>= 1;
                snode >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    if fr != root1 {
        return Err(ProofError::RootMismatch { which: "old" });
    }
    if sr != root2 || snode != 0 {
        return Err(ProofError::RootMismatch { which: "new" });
    }
    Ok(())
}

const _: () = assert!(HASH_SIZE == 32);
