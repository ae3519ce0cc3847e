//! `pqlab compare`: a Markdown diff of two results files and an exit code CI can gate on
//! (0 unchanged, 1 a size changed or a timing regressed, 2 not comparable or unreadable).
//! The rule is documented in `pqlab_reports::compare`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use pqlab_reports::Results;
use pqlab_reports::compare::{CompareOptions, DEFAULT_THRESHOLD, compare};

/// Arguments of `pqlab compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Baseline results file.
    baseline: PathBuf,
    /// Current results file.
    current: PathBuf,
    /// Relative timing threshold t: a timing regresses when its p50 exceeds the baseline p50
    /// by more than t·p50 plus the larger p95−p50 spread of the two runs.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// Compare timings even when the environments (CPU, cores, OS, rustc) differ.
    #[arg(long)]
    force: bool,
    /// Compare sizes only.
    #[arg(long, conflicts_with = "force")]
    sizes_only: bool,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !(args.threshold.is_finite() && args.threshold >= 0.0) {
        bail!(
            "--threshold must be a non-negative number, got {}",
            args.threshold
        );
    }
    let read = |path: &PathBuf| {
        Results::from_path(path).with_context(|| format!("reading {}", path.display()))
    };
    let baseline = read(&args.baseline)?;
    let current = read(&args.current)?;
    let comparison = compare(
        &baseline,
        &current,
        CompareOptions {
            threshold: args.threshold,
            force: args.force,
            sizes_only: args.sizes_only,
        },
    );
    print!("{}", comparison.markdown());
    Ok(ExitCode::from(comparison.verdict.exit_code()))
}
