//! Falcon round 3 as PQClean ships it (`pqcrypto-falcon`); not interoperable with FN-DSA.

use crate::registry::Algorithm;

/// The algorithms of this family.
pub static ALGORITHMS: &[Algorithm] = &[];
