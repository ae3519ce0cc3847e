//! Falcon round 3 as PQClean ships it (`pqcrypto-falcon`): NOT registered.
//!
//! Every registered implementation must derive its key pair from the caller's RNG (the
//! conformance suite's same-seed test; pqlab runs are reproducible from one seed).
//! `pqcrypto-falcon` 0.4.1 exposes only `keypair()`, which draws from the operating system
//! (PQClean has no seeded Falcon keypair), and no other crate here produces Falcon round-3
//! keys: `fn-dsa`'s key encodings differ (bits packed least-significant first, a public-key
//! hash appended to the signing key), and re-packing its f, g, F into the round-3 layout did
//! not reproduce the public key PQClean derives from them, so that route was dropped rather
//! than ship keys of unproven format. Falcon round 3 stays out of the registry until a seeded
//! round-3 keygen exists; `tests/fn_dsa.rs` still shows, with PQClean's own keys, that it does
//! not interoperate with FN-DSA ([`crate::fn_dsa`]).

use crate::registry::Algorithm;

/// No Falcon round-3 algorithm is registered (see the module documentation).
pub static ALGORITHMS: &[Algorithm] = &[];
