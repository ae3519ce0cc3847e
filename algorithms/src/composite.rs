//! Composite ML-DSA (IETF LAMPS composite signatures draft).

use crate::registry::Algorithm;

/// The algorithms of this family.
pub static ALGORITHMS: &[Algorithm] = &[];
