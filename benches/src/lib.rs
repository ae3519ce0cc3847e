//! Benchmarks live in `benches/`; this library holds what they share with the profiling
//! examples in `examples/`.

pub mod verify_inputs;
