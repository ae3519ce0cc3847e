//! FN-DSA as the `fn-dsa` crate implements it (draft FIPS 206).

use crate::registry::Algorithm;

/// The algorithms of this family.
pub static ALGORITHMS: &[Algorithm] = &[];
