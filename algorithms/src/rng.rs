//! Seedable randomness: every key and hedged signature in a pqlab run derives from one seed.

use rand_core::SeedableRng;

/// The generator pqlab uses wherever a run must be reproducible from a seed.
pub type SeededRng = rand_chacha::ChaCha20Rng;

/// A generator seeded from a 64-bit run seed.
#[must_use]
pub fn seeded(seed: u64) -> SeededRng {
    SeededRng::seed_from_u64(seed)
}
