//! ML-DSA (FIPS 204, pure, with context strings).

use crate::registry::Algorithm;

/// The algorithms of this family.
pub static ALGORITHMS: &[Algorithm] = &[];
