//! Signed notes, checkpoints, verifier keys and the bundle verifier's checkpoint check
//! (against the fixture log key, with both origin rules).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::note(data));
