//! Profile TOML (`--profiles-file`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::profile_toml(data));
