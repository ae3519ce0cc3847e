//! `pqlab report`: renders a results file as a self-contained HTML page, Markdown or CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::ValueEnum;
use pqlab_reports::Results;
use pqlab_reports::criterion::CriterionEstimates;
use pqlab_reports::export::{csv::to_csv, markdown::to_markdown};
use pqlab_reports::html::{self, HtmlOptions};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// `index.html` with inline SVG charts, written into the `-o` directory.
    Html,
    /// Markdown tables (for pull-request comments), to stdout or the `-o` file.
    Markdown,
    /// Every figure as one CSV row (for spreadsheets), to stdout or the `-o` file.
    Csv,
}

/// Arguments of `pqlab report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Results file written by `pqlab run` (schema `pqlab.results/2`).
    results: PathBuf,
    /// Output: a directory for `--format html` (default `target/pqlab/report`), a file for
    /// markdown and csv (default: stdout).
    #[arg(short, long)]
    out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "html")]
    format: Format,
    /// Criterion output directory whose medians replace the suite's primitive latencies
    /// (default: `target/criterion` or `$CARGO_TARGET_DIR/criterion` when present).
    #[arg(long)]
    criterion: Option<PathBuf>,
    /// Do not import criterion estimates even when present.
    #[arg(long, conflicts_with = "criterion")]
    no_criterion: bool,
}

/// The criterion directory to import: the one named, else a default that exists.
fn criterion_dir(args: &Args) -> Option<PathBuf> {
    if args.no_criterion {
        return None;
    }
    if let Some(dir) = &args.criterion {
        return Some(dir.clone());
    }
    let mut candidates = vec![PathBuf::from("target/criterion")];
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        candidates.push(Path::new(&target).join("criterion"));
    }
    candidates.into_iter().find(|d| d.is_dir())
}

fn write(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let results = Results::from_path(&args.results)
        .with_context(|| format!("reading {}", args.results.display()))?;
    let criterion = criterion_dir(args)
        .map(|dir| {
            CriterionEstimates::load(&dir)
                .with_context(|| format!("reading criterion estimates in {}", dir.display()))
        })
        .transpose()?;
    match args.format {
        Format::Html => {
            let page = html::render(
                &results,
                &HtmlOptions {
                    criterion: criterion.as_ref(),
                },
            )?;
            let dir = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("target/pqlab/report"));
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let index = dir.join("index.html");
            write(Some(&index), &page)?;
            eprintln!("wrote {}", index.display());
        }
        Format::Markdown => write(
            args.out.as_deref(),
            &to_markdown(&results, criterion.as_ref()),
        )?,
        Format::Csv => write(args.out.as_deref(), &to_csv(&results)?)?,
    }
    Ok(ExitCode::SUCCESS)
}
