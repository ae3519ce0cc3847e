//! Opening, auditing and proving from a tile log whose storage holds hostile objects
//! (`storage_records` format; the checkpoint is accepted unsigned so the fuzzer reaches the
//! tile code).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::log_storage(data));
