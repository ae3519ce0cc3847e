//! pqlab's criterion benchmarks: one entry point, one module per operation (STYLE.md §12).
//!
//! `cargo bench -p pqlab-benches -- <filter>`; `cargo test --benches` runs each once as a
//! smoke test. Benchmark ids are stable: `<group>/<algorithm>/<implementation>`.

use criterion::{criterion_group, criterion_main};

mod benchmarks {
    pub(crate) mod dispatch;
    pub(crate) mod interop;
    pub(crate) mod log;
    pub(crate) mod log_growth;
    pub(crate) mod note;
    pub(crate) mod pipeline;
    pub(crate) mod pki;
    pub(crate) mod primitives;
    pub(crate) mod verify;
}

criterion_group!(
    primitives,
    benchmarks::primitives::keygen,
    benchmarks::primitives::sign,
    benchmarks::primitives::verify,
    benchmarks::dispatch::bench
);
criterion_group!(interop, benchmarks::interop::bench);
criterion_group!(log, benchmarks::log::bench, benchmarks::log_growth::bench);
criterion_group!(note, benchmarks::note::bench);
criterion_group!(pki, benchmarks::pki::bench);
criterion_group!(pipeline, benchmarks::pipeline::bench);
criterion_group!(verify, benchmarks::verify::bench);
criterion_main!(primitives, interop, log, note, pki, pipeline, verify);
