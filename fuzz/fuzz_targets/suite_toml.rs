//! Suite TOML (with inline `[[profile]]` tables).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::suite_toml(data));
