//! LMS/HSS stateful hash-based signatures (RFC 8554, SP 800-208).

use crate::registry::Algorithm;

/// The algorithms of this family.
pub static ALGORITHMS: &[Algorithm] = &[];
