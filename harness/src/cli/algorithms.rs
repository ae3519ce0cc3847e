//! `pqlab algorithms`.

use std::process::ExitCode;

use clap::ValueEnum;
use pqlab_harness::catalog;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// An aligned table.
    Text,
    /// A Markdown table (the one in the README).
    Markdown,
    /// A JSON array of objects, one per algorithm.
    Json,
}

/// Arguments of `pqlab algorithms`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let out = match args.format {
        Format::Text => catalog::text(),
        Format::Markdown => catalog::markdown(),
        Format::Json => catalog::json()? + "\n",
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
