//! Where and when a run happened (issue 6, "Results ... including the environment").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The machine, toolchain and inputs of a run. Timings are only comparable between runs whose
/// [`Environment::timing_key`] agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// CPU model string (`/proc/cpuinfo` "model name").
    pub cpu_model: String,
    /// CPU feature flags relevant to the implementations (e.g. `avx2`, `bmi2`, `aes`).
    pub cpu_flags: Vec<String>,
    /// Logical cores available to the run.
    pub cores: u32,
    /// Operating system and kernel (e.g. `linux 6.1.0 x86_64`).
    pub os: String,
    /// `rustc --version` of the build.
    pub rustc: String,
    /// Crate versions of every algorithm implementation, crate name to version.
    pub crate_versions: BTreeMap<String, String>,
    /// Git commit of the pqlab tree that ran (with `-dirty` when modified).
    pub git_commit: String,
    /// Seed of every RNG in the run; sizes are identical for the same seed.
    pub seed: u64,
    /// Start time, RFC 3339 UTC.
    pub started_at: String,
    /// Wall-clock duration of the whole run, seconds.
    pub duration_s: f64,
    /// Whether the run was `--quick` (fewer samples and smaller N).
    pub quick: bool,
}

impl Environment {
    /// The fields that must agree for timings to be comparable: CPU model, CPU flags, core
    /// count, OS and rustc, as `(name, value)` pairs.
    #[must_use]
    pub fn timing_key(&self) -> Vec<(&'static str, String)> {
        vec![
            ("cpu_model", self.cpu_model.clone()),
            ("cpu_flags", self.cpu_flags.join(" ")),
            ("cores", self.cores.to_string()),
            ("os", self.os.clone()),
            ("rustc", self.rustc.clone()),
        ]
    }
}
