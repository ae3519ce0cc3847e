//! The tile log: append throughput (memory and filesystem drivers, 10^3..10^6 entries), proof
//! generation and verification, each beside its floor measured in the same run: the raw
//! SHA-256 work of the same leaves and nodes, and (filesystem) the raw durable write of the
//! same bytes (per batch: the entries, length-prefixed, and their leaf hashes, written to two
//! files and fsynced).
//!
//! Entries are 3 KB on the filesystem (the throughput target) and 128 B in memory (the
//! memory driver keeps every entry bundle resident). Batches of 1,024 entries, one signed
//! (Ed25519) checkpoint per batch. 10^6 runs as one-shot samples (`sample_size(10)`); the
//! filesystem 10^6 case writes 3 GB and runs only with `PQLAB_BENCH_LARGE=1`.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use pqlab_harness::log::hash::{leaf_hash, node_hash};
use pqlab_harness::log::proof::verify_inclusion;
use pqlab_harness::log::storage::{FsStorage, MemoryStorage};
use pqlab_harness::log::{CheckpointAuthority, Log};
use pqlab_harness::note::{Clock, LogAuthority, WitnessPolicy};

const BATCH: usize = 1024;
const MEMORY_ENTRY: usize = 128;
const FS_ENTRY: usize = 3 * 1024;

fn authority() -> Arc<dyn CheckpointAuthority> {
    Arc::new(
        LogAuthority::generate(
            "bench.pqlab.example/log",
            "ed25519",
            &[],
            WitnessPolicy::NONE,
            Clock::Fixed(1_700_000_000),
            1,
        )
        .expect("authority"),
    )
}

fn entries(n: usize, size: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| {
            let mut e = vec![0u8; size];
            e[..8].copy_from_slice(&(i as u64).to_be_bytes());
            e
        })
        .collect()
}

/// The SHA-256 work of a tree of these leaves: one leaf hash per entry, n - 1 node hashes.
fn raw_sha256(entries: &[Vec<u8>]) -> [u8; 32] {
    let mut acc = [0u8; 32];
    for e in entries {
        let leaf = leaf_hash(e);
        acc = node_hash(&acc, &leaf);
    }
    acc
}

fn bench_dir(tag: &str) -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join("pqlab-log-bench");
    let dir = base.join(format!("{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
}

/// Per batch: entries (length-prefixed) to one file, leaf-hash bytes to another, both fsynced.
fn raw_write(dir: &Path, entries: &[Vec<u8>]) {
    for (b, batch) in entries.chunks(BATCH).enumerate() {
        let mut bytes = Vec::with_capacity(batch.len() * (FS_ENTRY + 2));
        for e in batch {
            bytes.extend_from_slice(&(e.len() as u16).to_be_bytes());
            bytes.extend_from_slice(e);
        }
        for (name, data) in [
            (format!("e{b}"), bytes),
            (format!("h{b}"), vec![0u8; batch.len() * 32]),
        ] {
            let mut f = std::fs::File::create(dir.join(name)).expect("raw file");
            f.write_all(&data).expect("raw write");
            f.sync_data().expect("raw fsync");
        }
    }
}

fn append_all<S: pqlab_harness::log::storage::LogStorage>(log: &mut Log<S>, entries: &[Vec<u8>]) {
    for batch in entries.chunks(BATCH) {
        log.append_batch(batch).expect("append");
    }
}

pub(crate) fn bench(c: &mut Criterion) {
    let authority = authority();
    let large = std::env::var_os("PQLAB_BENCH_LARGE").is_some();

    let mut group = c.benchmark_group("log_append_memory");
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let data = entries(n, MEMORY_ENTRY);
        group.throughput(Throughput::Elements(n as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("log", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let mut log =
                        Log::create(MemoryStorage::new(), authority.clone()).expect("log");
                    let start = Instant::now();
                    append_all(&mut log, &data);
                    total += start.elapsed();
                    black_box(log.root());
                }
                total
            });
        });
        group.bench_function(BenchmarkId::new("raw_sha256", n), |b| {
            b.iter(|| black_box(raw_sha256(&data)));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("log_append_fs");
    let mut sizes = vec![1_000usize, 10_000, 100_000];
    if large {
        sizes.push(1_000_000);
    }
    for n in sizes {
        let data = entries(n, FS_ENTRY);
        group.throughput(Throughput::Elements(n as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("log", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let dir = bench_dir("fs");
                    let mut log =
                        Log::create(FsStorage::open(&dir).expect("fs"), authority.clone())
                            .expect("log");
                    let start = Instant::now();
                    append_all(&mut log, &data);
                    total += start.elapsed();
                    drop(log);
                    let _ = std::fs::remove_dir_all(&dir);
                }
                total
            });
        });
        group.bench_function(BenchmarkId::new("raw_write", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let dir = bench_dir("raw");
                    let start = Instant::now();
                    raw_write(&dir, &data);
                    total += start.elapsed();
                    let _ = std::fs::remove_dir_all(&dir);
                }
                total
            });
        });
    }
    group.finish();

    // Proofs on a 100,000-entry log: build (from tiles, self-checked) and verify, beside the
    // SHA-256 work of the verification (one leaf hash plus one node hash per proof hash).
    let n = 100_000u64;
    let mut log = Log::create(MemoryStorage::new(), authority.clone()).expect("log");
    append_all(&mut log, &entries(n as usize, MEMORY_ENTRY));
    let index = 77_777u64;
    let proof = log.prove_inclusion(index, None).expect("proof");
    let leaf = leaf_hash(&log.entry(index).expect("entry"));
    let mut group = c.benchmark_group("log_proof");
    group.bench_function("inclusion_build_100k", |b| {
        b.iter(|| black_box(log.prove_inclusion(black_box(index), None).expect("proof")));
    });
    group.bench_function("inclusion_verify_100k", |b| {
        b.iter(|| {
            verify_inclusion(index, n, &leaf, &proof.hashes, &proof.root_hash).expect("verify")
        });
    });
    group.bench_function("raw_sha256_same_nodes", |b| {
        b.iter(|| {
            let mut h = leaf_hash(black_box(&[0u8; MEMORY_ENTRY]));
            for p in &proof.hashes {
                h = node_hash(&h, p);
            }
            black_box(h)
        });
    });
    group.bench_function("consistency_build_100k", |b| {
        b.iter(|| {
            black_box(
                log.prove_consistency(black_box(12_345), None)
                    .expect("proof"),
            )
        });
    });
    group.finish();
}
