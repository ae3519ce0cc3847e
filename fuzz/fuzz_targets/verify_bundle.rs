//! `verify_bundle` of arbitrary bundle JSON against the fixture trusted root, for the fixture
//! artifact and identity, and for a key policy.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::verify_bundle_target(data));
