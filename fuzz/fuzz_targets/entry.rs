//! Log entry bodies (`canonicalizedBody`): hashedrekord v0.0.2, the hash-only identity leaf,
//! and the Rekor v1 body check of the verifier.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::entry(data));
