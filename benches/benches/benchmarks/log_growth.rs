//! Log storage growth (issue 6 § 6): the runner's streaming growth workload on the filesystem
//! driver (10^3 and 10^4 entries of the default 3,180-byte synthetic hashedrekord entry,
//! batches of 1,024, measured directory walk included) and the analytic projection to 10^9
//! and 10^10 entries. The bytes themselves are in `pqlab run` results; this times producing
//! them.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput};
use pqlab_harness::profile;
use pqlab_harness::runner::log_growth::{self, GrowthPlan};

pub(crate) fn bench(c: &mut Criterion) {
    let profiles = profile::built_in();
    let today = profile::find(&profiles, "sigstore-today").expect("built-in profile");
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("pqlab-log-growth-bench-{}", std::process::id()));

    let mut group = c.benchmark_group("log_growth_fs");
    group.sample_size(10);
    for n in [1_000u64, 10_000] {
        let plan = GrowthPlan {
            sizes: vec![n],
            batch: 1024,
            entry_bytes: 3180,
        };
        group.throughput(Throughput::Elements(n));
        group.bench_function(BenchmarkId::new("grow", n), |b| {
            b.iter(|| black_box(log_growth::grow(today, &plan, 1, &dir, |_| {}).expect("grow")));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("log_growth_projection");
    group.sample_size(10);
    let plan = GrowthPlan {
        sizes: vec![1_000_000],
        batch: 1024,
        entry_bytes: 3180,
    };
    for n in [1_000_000_000u64, 10_000_000_000] {
        group.bench_function(BenchmarkId::new("project", n), |b| {
            b.iter(|| black_box(log_growth::project(&plan, black_box(n), (1_000_000, 300))));
        });
    }
    group.finish();
}
