//! `trusted_root.json`: parsing, and re-parsing what pqlab writes back.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::trusted_root_target(data));
