//! Signature algorithms for pqlab behind one object-safe trait, and their registry.
//!
//! Every algorithm is described once by an [`AlgorithmInfo`] (family, parameter set, NIST
//! category, declared sizes, Sigstore `PublicKeyDetails` name, X.509 OIDs, statefulness) and
//! backed by one or more implementations of [`SignatureAlgorithm`], a trait over byte strings
//! built on top of each crate's typed keys. The [`registry`] is a static table, looked up by
//! stable ids such as `ml-dsa-65` or `slh-dsa-sha2-128s` (the rustls provider pattern: no
//! runtime registration).
//!
//! Out of scope: I/O of any kind (stateful keys persist through the [`StateStore`] the caller
//! passes in), certificates and bundles (those live in `pqlab-harness`).

pub mod classical;
pub mod composite;
pub mod encoding;
mod error;
pub mod falcon;
pub mod fn_dsa;
mod info;
pub mod lms;
pub mod ml_dsa;
pub mod registry;
pub mod rng;
mod scheme;
pub mod slh_dsa;

pub use error::{Error, Limitation};
pub use info::{AlgorithmInfo, Family, Implementation, Oids, Sizes};
pub use registry::{Algorithm, all, lookup};
pub use scheme::{
    KeyPair, MemoryStateStore, PreparedVerifier, SecretKey, SignOptions, SignatureAlgorithm,
    StateStore, check_context,
};

/// The `rand_core` version the trait's RNG parameters come from.
pub use rand_core;
