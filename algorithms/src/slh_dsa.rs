//! SLH-DSA (FIPS 205), all twelve parameter sets, and SPHINCS+ round 3.1 as a separate pre-standard algorithm.

use crate::registry::Algorithm;

/// The algorithms of this family.
pub static ALGORITHMS: &[Algorithm] = &[];
