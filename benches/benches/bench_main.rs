//! pqlab's criterion benchmarks: one entry point, one module per operation.

#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{criterion_group, criterion_main};

mod benchmarks {
    pub(crate) mod log;
    pub(crate) mod primitives;
}

criterion_group!(primitives, benchmarks::primitives::bench);
criterion_group!(log, benchmarks::log::bench);
criterion_main!(primitives, log);
