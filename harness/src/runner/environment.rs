//! Where and when a run happened (issue 6 § 5): CPU model and flags from `/proc/cpuinfo`, core
//! count, OS (`uname`, `/etc/os-release`), the build's rustc, the crate versions of every
//! algorithm implementation, the git commit, seed, start time and duration.

use std::collections::BTreeMap;
use std::process::Command;

use pqlab_algorithms::registry;
use pqlab_reports::schema::Environment;

/// CPU flags that change what the implementations run (SIMD paths, SHA and AES extensions).
const RELEVANT_FLAGS: &[&str] = &[
    "sse2",
    "ssse3",
    "sse4_1",
    "sse4_2",
    "avx",
    "avx2",
    "avx512f",
    "avx512bw",
    "avx512vl",
    "bmi1",
    "bmi2",
    "adx",
    "aes",
    "pclmulqdq",
    "sha_ni",
    "vaes",
    "vpclmulqdq",
    "neon",
    "asimd",
    "sha2",
    "sha3",
    "pmull",
];

fn command(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// `(model, relevant flags)` from `/proc/cpuinfo` ("unknown" elsewhere).
fn cpu() -> (String, Vec<String>) {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let field = |name: &str| {
        info.lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    let model = field("model name")
        .or_else(|| field("Model"))
        .or_else(|| field("CPU part"))
        .unwrap_or_else(|| "unknown".to_owned());
    let flags = field("flags")
        .or_else(|| field("Features"))
        .unwrap_or_default();
    let flags = flags
        .split_whitespace()
        .filter(|f| RELEVANT_FLAGS.contains(f))
        .map(str::to_owned)
        .collect();
    (model, flags)
}

/// `uname -srm` and the os-release `PRETTY_NAME`.
fn os() -> String {
    let uname = command("uname", &["-srm"]).unwrap_or_else(|| std::env::consts::OS.to_owned());
    let release = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_owned())
        });
    match release {
        Some(r) => format!("{uname} ({r})"),
        None => uname,
    }
}

/// `git rev-parse HEAD` (with `-dirty` when the tree is modified), "unknown" outside a
/// checkout.
fn git_commit() -> String {
    let Some(head) = command("git", &["rev-parse", "HEAD"]) else {
        return "unknown".to_owned();
    };
    let dirty = command("git", &["status", "--porcelain", "--untracked-files=no"]).is_some();
    if dirty { format!("{head}-dirty") } else { head }
}

/// Crate name to version of every registered implementation.
fn crate_versions() -> BTreeMap<String, String> {
    registry::all()
        .flat_map(|a| a.implementations.iter())
        .map(|imp| {
            let i = imp.implementation();
            (i.crate_name.to_owned(), i.crate_version.to_owned())
        })
        .collect()
}

/// The environment of a run starting now; `duration_s` is filled in at the end.
#[must_use]
pub fn collect(seed: u64, quick: bool, started_at: String) -> Environment {
    let (cpu_model, cpu_flags) = cpu();
    Environment {
        cpu_model,
        cpu_flags,
        cores: std::thread::available_parallelism()
            .map_or(1, |n| u32::try_from(n.get()).unwrap_or(u32::MAX)),
        os: os(),
        rustc: env!("PQLAB_RUSTC_VERSION").to_owned(),
        crate_versions: crate_versions(),
        git_commit: git_commit(),
        seed,
        started_at,
        duration_s: 0.0,
        quick,
    }
}
