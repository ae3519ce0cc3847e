//! Crash safety of the real `pqlab log append` process: it is killed with SIGKILL after a
//! random delay, or stopped at a random crash point inside the filesystem driver (after the
//! N-th temporary-file write, fsync, rename or directory fsync; `PQLAB_CRASH_AT_STEP`), over
//! many iterations on one growing log. After each kill the log must:
//!
//! - pass `pqlab log verify`'s audit (checkpoint signatures, every tile and entry bundle);
//! - open for writing (recovery included) without error;
//! - hold every acknowledged entry with its exact bytes. An entry is acknowledged when
//!   `pqlab log append` printed its line `INDEX<TAB>FILE` on stdout: the command prints
//!   them only after the checkpoint covering the whole batch is synced;
//! - never change a tile or entry bundle once it was seen on disk (SHA-256 of every file under
//!   `tile/`, full and partial, before and after recovery);
//! - prove the inclusion of an acknowledged entry, and accept a further append.
//!
//! Some kills are chained (no check or recovery in between), so later processes are killed
//! during recovery too. The seed is printed (`PQLAB_CRASH_SEED` replays it); the iteration
//! count is 200 by default, `PQLAB_CRASH_ITERATIONS` for long runs.

#![allow(clippy::unwrap_used, reason = "test code unwraps")]

#[path = "support/fail_after.rs"]
mod fail_after;
#[path = "support/fate.rs"]
mod fate;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use fate::{Fate, iterations, pqlab, run_ok, seed};

use pqlab_algorithms::rand_core::Rng;
use pqlab_harness::crash_point;
use pqlab_harness::log::dir;
use sha2::{Digest, Sha256};

#[derive(Debug, Default)]
struct Stats {
    killed: u64,
    crash_points_hit: u64,
    completed: u64,
    chained: u64,
    checks: u64,
    adopted: u64,
    temp_left: u64,
    acknowledged: u64,
}

struct Harness {
    seed: u64,
    rng: pqlab_algorithms::rng::SeededRng,
    log: PathBuf,
    files: PathBuf,
    next_file: u64,
    /// Acknowledged entries: index → bytes.
    expected: BTreeMap<u64, Vec<u8>>,
    /// Every file ever seen under `tile/`: path → (inode, length, mtime), SHA-256.
    tiles: BTreeMap<String, (Stamp, [u8; 32])>,
    /// A moving average of how long a complete one-entry append takes (scales the random
    /// kill delays).
    typical: Duration,
    stats: Stats,
}

/// What identifies one version of a file without reading it.
type Stamp = (u64, u64, i64, i64);

fn files_under(root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(root) else {
        return;
    };
    for entry in read {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

impl Harness {
    fn new(seed: u64) -> Self {
        let root = fail_after::temp_dir("log-kill");
        let log = root.join("log");
        let files = root.join("entries");
        std::fs::create_dir_all(&files).unwrap();
        run_ok(
            pqlab().args(["log", "init"]).arg(&log).args([
                "--origin",
                "example.com/kill",
                "--witnesses",
                "1",
            ]),
            "log init",
        );
        Self {
            seed,
            rng: pqlab_algorithms::rng::seeded(seed),
            log,
            files,
            next_file: 0,
            expected: BTreeMap::new(),
            tiles: BTreeMap::new(),
            typical: Duration::from_millis(10),
            stats: Stats::default(),
        }
    }

    fn below(&mut self, n: u64) -> u64 {
        self.rng.next_u64() % n
    }

    fn context(&self, iteration: u64) -> String {
        format!(
            "seed {} (PQLAB_CRASH_SEED={} replays it), iteration {iteration}",
            self.seed, self.seed
        )
    }

    /// Writes `n` entry files with distinct random contents.
    fn entry_files(&mut self, n: u64) -> Vec<(PathBuf, Vec<u8>)> {
        (0..n)
            .map(|_| {
                self.next_file += 1;
                let mut bytes =
                    format!("entry file {} of seed {}:", self.next_file, self.seed).into_bytes();
                let extra = self.below(1_500) as usize;
                bytes.extend((0..extra).map(|_| self.rng.next_u64() as u8));
                let path = self.files.join(format!("{}.bin", self.next_file));
                std::fs::write(&path, &bytes).unwrap();
                (path, bytes)
            })
            .collect()
    }

    /// Runs `pqlab log append` over `batch` with `fate`; returns its output and how long a
    /// complete run took.
    fn append(&self, batch: &[(PathBuf, Vec<u8>)], fate: Fate) -> (Output, Duration) {
        let mut args: Vec<&OsStr> = vec!["log".as_ref(), "append".as_ref(), self.log.as_os_str()];
        args.extend(batch.iter().map(|(p, _)| p.as_os_str()));
        fate::run(&args, fate)
    }

    /// Records the acknowledged lines of an append's stdout; returns how many there were.
    fn acknowledge(&mut self, batch: &[(PathBuf, Vec<u8>)], out: &Output, ctx: &str) -> u64 {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut count = 0;
        // Only complete lines count: a line cut by the kill acknowledges nothing.
        for line in stdout.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
            let (index, file) = line.trim_end().split_once('\t').unwrap_or_else(|| {
                panic!("{ctx}: unexpected output line {line:?}");
            });
            let index: u64 = index.parse().unwrap();
            let bytes = &batch
                .iter()
                .find(|(p, _)| p.to_str() == Some(file))
                .unwrap_or_else(|| panic!("{ctx}: line {line:?} names no file of the batch"))
                .1;
            if let Some(previous) = self.expected.insert(index, bytes.clone()) {
                panic!(
                    "{ctx}: index {index} acknowledged twice ({} and {} bytes)",
                    previous.len(),
                    bytes.len()
                );
            }
            count += 1;
        }
        self.stats.acknowledged += count;
        count
    }

    /// Hashes every file under `tile/`: a file seen before must have the same bytes. A file
    /// whose inode, length and modification time are unchanged is not read again.
    fn check_tiles(&mut self, ctx: &str, when: &str) {
        let mut files = Vec::new();
        files_under(&self.log.join("tile"), &mut files);
        for path in files {
            let name = path
                .strip_prefix(&self.log)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::metadata(&path).unwrap();
            let stamp = (meta.ino(), meta.len(), meta.mtime(), meta.mtime_nsec());
            if self.tiles.get(&name).is_some_and(|(s, _)| *s == stamp) {
                continue;
            }
            let hash: [u8; 32] = Sha256::digest(std::fs::read(&path).unwrap()).into();
            if let Some((_, seen)) = self.tiles.insert(name.clone(), (stamp, hash)) {
                assert_eq!(seen, hash, "{ctx}: {name} changed ({when})");
            }
        }
    }

    /// The checks after a kill; then a complete append of one entry.
    fn check(&mut self, iteration: u64) {
        let ctx = self.context(iteration);
        self.stats.checks += 1;
        if std::fs::read_dir(self.log.join(".pqlab/tmp"))
            .unwrap()
            .next()
            .is_some()
        {
            self.stats.temp_left += 1;
        }
        self.check_tiles(&ctx, "left by the killed process");
        let report = dir::verify(&self.log).unwrap_or_else(|e| panic!("{ctx}: verify: {e:#}"));
        let acknowledged = self.expected.keys().next_back().map_or(0, |i| i + 1);
        assert!(
            report.checkpoint.size >= acknowledged,
            "{ctx}: checkpoint size {} < {acknowledged} acknowledged entries",
            report.checkpoint.size
        );
        let log = dir::open(&self.log).unwrap_or_else(|e| panic!("{ctx}: reopen: {e:#}"));
        if log.size() > report.checkpoint.size {
            self.stats.adopted += 1;
        }
        // This iteration's acknowledged entries and a sample of older ones (full entry bundles
        // are covered by the tile hashes; every entry is compared at the end).
        let mut sample: Vec<u64> = self.expected.keys().rev().take(16).copied().collect();
        if acknowledged > 0 {
            sample.extend((0..4).map(|_| self.rng.next_u64() % acknowledged));
        }
        for index in sample {
            if let Some(bytes) = self.expected.get(&index) {
                assert_eq!(&log.entry(index).unwrap(), bytes, "{ctx}: entry {index}");
            }
        }
        if let Some((&index, _)) = self.expected.iter().next_back() {
            let proof = log
                .prove_inclusion(index, None)
                .unwrap_or_else(|e| panic!("{ctx}: prove {index}: {e}"));
            assert_eq!(proof.tree_size, log.size());
        }
        let size = log.size();
        drop(log);
        self.check_tiles(&ctx, "by recovery");
        let batch = self.entry_files(1);
        let (out, elapsed) = self.append(&batch, Fate::Complete);
        assert!(
            out.status.success(),
            "{ctx}: append after the kill failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(self.acknowledge(&batch, &out, &ctx), 1);
        assert!(
            self.expected.contains_key(&size),
            "{ctx}: appended at {size}"
        );
        self.typical = (self.typical * 7 + elapsed) / 8;
        self.check_tiles(&ctx, "by the next append");
    }

    fn iteration(&mut self, iteration: u64) {
        let ctx = self.context(iteration);
        // Mostly small batches; sometimes one that crosses a tile boundary.
        let n = if self.below(10) == 0 {
            100 + self.below(200)
        } else {
            1 + self.below(12)
        };
        let fate = match self.below(5) {
            0 | 1 => {
                // Up to 1.5 times a typical run, longer for longer batches.
                let max = self.typical.as_micros() as u64 * 3 / 2 * (1 + n / 50);
                Fate::KillAfter(Duration::from_micros(self.below(max.max(1))))
            }
            2 | 3 if crash_point::ENABLED => Fate::CrashAt(1 + self.below(20)),
            _ => Fate::Complete,
        };
        let batch = self.entry_files(n);
        let (out, _) = self.append(&batch, fate);
        let acknowledged = self.acknowledge(&batch, &out, &ctx);
        match (out.status.code(), out.status.signal()) {
            (Some(0), _) => {
                assert_eq!(
                    acknowledged, n,
                    "{ctx}: exit 0 acknowledges the whole batch"
                );
                self.stats.completed += 1;
            }
            (None, Some(9)) => self.stats.killed += 1,
            (Some(crash_point::CRASH_EXIT_CODE), _) => {
                assert_eq!(acknowledged, 0, "{ctx}: stopped inside the storage driver");
                self.stats.crash_points_hit += 1;
            }
            _ => panic!(
                "{ctx}: append ({fate:?}) failed: {:?}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ),
        }
        for (path, _) in &batch {
            std::fs::remove_file(path).unwrap();
        }
        // One kill in four is followed directly by the next, so recovery gets killed too.
        if out.status.success() || self.below(4) != 0 {
            self.check(iteration);
        } else {
            self.stats.chained += 1;
        }
    }

    /// Every acknowledged entry, compared byte for byte.
    fn check_all(&mut self, ctx: &str) {
        let log = dir::open(&self.log).unwrap_or_else(|e| panic!("{ctx}: reopen: {e:#}"));
        for (&index, bytes) in &self.expected {
            assert_eq!(&log.entry(index).unwrap(), bytes, "{ctx}: entry {index}");
        }
        drop(log);
        dir::verify(&self.log).unwrap_or_else(|e| panic!("{ctx}: verify: {e:#}"));
        self.check_tiles(ctx, "at the end");
    }
}

#[test]
fn log_append_survives_sigkill_anywhere() {
    let seed = seed();
    let iterations = iterations(200);
    eprintln!(
        "log_kill: seed {seed}, {iterations} iterations (PQLAB_CRASH_SEED, PQLAB_CRASH_ITERATIONS)"
    );
    if !crash_point::ENABLED {
        eprintln!("log_kill: release build: no crash points, only timed SIGKILLs");
    }
    let start = Instant::now();
    let mut harness = Harness::new(seed);
    for iteration in 0..iterations {
        harness.iteration(iteration);
    }
    harness.check(iterations);
    harness.check_all(&harness.context(iterations));
    let s = &harness.stats;
    eprintln!(
        "log_kill: {iterations} iterations in {:.1} s: {} SIGKILLed, {} stopped at crash \
         points, {} completed, {} kills chained into the next; {} checks, {} recoveries \
         adopted unacknowledged entries, {} kills left temporary files; {} entries \
         acknowledged, {} tile files hashed",
        start.elapsed().as_secs_f64(),
        s.killed,
        s.crash_points_hit,
        s.completed,
        s.chained,
        s.checks,
        s.adopted,
        s.temp_left,
        s.acknowledged,
        harness.tiles.len()
    );
    assert!(s.killed + s.crash_points_hit > 0 || iterations < 10);
    std::fs::remove_dir_all(harness.log.parent().unwrap()).unwrap();
}

/// `pqlab log init` stopped after each of its durable-write steps in turn: the directory is
/// then either a log (its checkpoint was published: it verifies and appends) or init can be
/// run again and succeeds; a crashed init never leaves a directory that is neither.
#[test]
fn log_init_stopped_at_every_crash_point() {
    if !crash_point::ENABLED {
        eprintln!("log_kill: release build: no crash points, init test skipped");
        return;
    }
    let root = fail_after::temp_dir("log-init-kill");
    let entry = root.join("entry");
    std::fs::write(&entry, b"first entry").unwrap();
    let mut step = 1;
    let (mut reinitialised, mut published) = (0, 0);
    loop {
        let log = root.join(format!("log-{step}"));
        let init = |crash: Option<u64>| {
            let mut command = pqlab();
            command
                .args(["log", "init"])
                .arg(&log)
                .args(["--witnesses", "1"]);
            if let Some(step) = crash {
                command.env(crash_point::CRASH_AT_STEP_VAR, step.to_string());
            }
            command.output().unwrap()
        };
        let out = init(Some(step));
        if out.status.success() {
            break;
        }
        assert_eq!(
            out.status.code(),
            Some(crash_point::CRASH_EXIT_CODE),
            "step {step}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let is_log = log.join("checkpoint").exists();
        if is_log {
            dir::verify(&log).unwrap_or_else(|e| panic!("step {step}: verify: {e:#}"));
        }
        let again = init(None);
        if is_log {
            assert!(!again.status.success(), "step {step}: init over a log");
            published += 1;
        } else {
            assert!(
                again.status.success(),
                "step {step}: init after a crashed init: {}",
                String::from_utf8_lossy(&again.stderr)
            );
            reinitialised += 1;
        }
        run_ok(
            pqlab().args(["log", "append"]).arg(&log).arg(&entry),
            &format!("step {step}: append"),
        );
        dir::verify(&log).unwrap_or_else(|e| panic!("step {step}: verify: {e:#}"));
        step += 1;
        assert!(step < 100, "init never completed");
    }
    eprintln!(
        "log_kill: init stopped after each of its {} steps: {reinitialised} re-initialised, \
         {published} already a log",
        step - 1
    );
    assert!(reinitialised > 0);
    std::fs::remove_dir_all(&root).unwrap();
}

/// One writer at a time: while a writer holds the log, a second writer (in process or a
/// `pqlab log append`) is refused and the first one's state is untouched; readers still work.
#[test]
fn second_writer_is_refused() {
    use pqlab_harness::log::storage::{FsStorage, StorageError};
    let root = fail_after::temp_dir("log-lock");
    let log = root.join("log");
    assert!(
        pqlab()
            .args(["log", "init"])
            .arg(&log)
            .status()
            .unwrap()
            .success()
    );
    let entry = root.join("entry");
    std::fs::write(&entry, b"an entry").unwrap();
    let append = || {
        pqlab()
            .args(["log", "append"])
            .arg(&log)
            .arg(&entry)
            .output()
            .unwrap()
    };
    let writer = dir::open(&log).unwrap();
    assert!(matches!(
        FsStorage::open(&log),
        Err(StorageError::Locked { .. })
    ));
    let out = append();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("locked by another writer"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir::verify(&log).unwrap();
    drop(writer);
    assert!(append().status.success());
    std::fs::remove_dir_all(&root).unwrap();
}
