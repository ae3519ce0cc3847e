//! Import of criterion's estimates (`target/criterion/<group>/<function>/<value>/new/`), so
//! the report's primitive tables can use the benchmarks' medians instead of the suite's own
//! samples. pqlab's benchmarks name groups `keygen`, `sign`, `verify` and ids
//! `<algorithm>/<implementation>` (`benches/benches/benchmarks/primitives.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Why criterion's directory could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CriterionError {
    /// A directory or file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An `estimates.json` or `benchmark.json` is not what criterion writes.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

/// Which primitive operation a benchmark measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operation {
    /// Key generation.
    Keygen,
    /// Signing.
    Sign,
    /// Verification.
    Verify,
}

impl Operation {
    fn from_group(group: &str) -> Option<Self> {
        match group {
            "keygen" => Some(Self::Keygen),
            "sign" => Some(Self::Sign),
            "verify" => Some(Self::Verify),
            _ => None,
        }
    }
}

/// Median estimates (ns) by (operation, algorithm, implementation).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CriterionEstimates {
    /// Where they were read from.
    pub source: PathBuf,
    medians: BTreeMap<(Operation, String, String), f64>,
}

#[derive(Deserialize)]
struct Benchmark {
    group_id: String,
    function_id: Option<String>,
    value_str: Option<String>,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
}

#[derive(Deserialize)]
struct Estimates {
    median: Estimate,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, CriterionError> {
    let text = std::fs::read_to_string(path).map_err(|source| CriterionError::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| CriterionError::Format {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), CriterionError> {
    let io = |source| CriterionError::Io {
        path: dir.to_owned(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "new") {
                if path.join("estimates.json").is_file() {
                    found.push(path);
                }
            } else if path.file_name().is_none_or(|n| n != "report") {
                walk(&path, found)?;
            }
        }
    }
    Ok(())
}

impl CriterionEstimates {
    /// Reads every `<…>/new/estimates.json` (with its `benchmark.json`) under `dir`.
    /// Benchmarks outside the `keygen`/`sign`/`verify` groups are ignored.
    ///
    /// # Errors
    /// [`CriterionError`] when a directory cannot be listed or a file is malformed.
    pub fn load(dir: &Path) -> Result<Self, CriterionError> {
        let mut found = Vec::new();
        walk(dir, &mut found)?;
        let mut medians = BTreeMap::new();
        for new in found {
            let bench: Benchmark = read_json(&new.join("benchmark.json"))?;
            let estimates: Estimates = read_json(&new.join("estimates.json"))?;
            let (Some(op), Some(algorithm), Some(implementation)) = (
                Operation::from_group(&bench.group_id),
                bench.function_id,
                bench.value_str,
            ) else {
                continue;
            };
            if !estimates.median.point_estimate.is_finite() {
                return Err(CriterionError::Format {
                    path: new.join("estimates.json"),
                    message: "median.point_estimate is not a number".to_owned(),
                });
            }
            medians.insert(
                (op, algorithm, implementation),
                estimates.median.point_estimate,
            );
        }
        Ok(Self {
            source: dir.to_owned(),
            medians,
        })
    }

    /// The median (ns) of `op` for `algorithm@implementation`, when benchmarked.
    #[must_use]
    pub fn median(&self, op: Operation, algorithm: &str, implementation: &str) -> Option<f64> {
        self.medians
            .get(&(op, algorithm.to_owned(), implementation.to_owned()))
            .copied()
    }

    /// Number of estimates read.
    #[must_use]
    pub fn len(&self) -> usize {
        self.medians.len()
    }

    /// Whether none were read.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.medians.is_empty()
    }
}
