//! Bridges the registry's `rand_core` 0.10 generator to crates still on `rand_core` 0.6
//! (`fips205`, `fn-dsa`): every byte they draw comes from the caller's generator, so a seeded
//! run stays reproducible and draws the same stream as the 0.10-native implementations.

use fips205::{CryptoRng, RngCore, RngError};

/// A `rand_core` 0.6 view of a `rand_core` 0.10 [`rand_core::CryptoRng`].
pub(crate) struct Rng06<'a>(pub(crate) &'a mut dyn rand_core::CryptoRng);

impl RngCore for Rng06<'_> {
    fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        self.0.fill_bytes(dest);
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), RngError> {
        self.0.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for Rng06<'_> {}
