//! The fuzz targets of pqlab (cargo-fuzz). Each binary in `fuzz_targets/` runs one function
//! of [`targets`] on libFuzzer's input; `harness/tests/no_panic.rs` runs the same functions
//! over the seed corpora and the shared test data.

pub mod targets;
