//! Verification of arbitrary inclusion (mode 0) and consistency (mode 1) proofs:
//! `mode ‖ u64 ‖ u64 ‖ hash ‖ hash ‖ proof hashes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::proofs(data));
