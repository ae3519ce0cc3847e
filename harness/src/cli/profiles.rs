//! `pqlab profiles`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use pqlab_harness::profile::{self, Profile};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One block per profile.
    Text,
    /// A JSON array of profiles.
    Json,
}

/// Arguments of `pqlab profiles`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also load user profiles from this TOML file (`[[profile]]` tables, see the README).
    #[arg(long, value_name = "FILE")]
    profiles_file: Option<PathBuf>,
}

fn text(p: &Profile) -> String {
    let witnesses = if p.witnesses == 0 {
        "none".to_owned()
    } else {
        format!("{} × {}", p.witnesses, p.witness)
    };
    format!(
        "{}\n  {}\n  root {} · intermediate {} · leaf {}\n  CT log {} · TSA {}\n  checkpoint {} · witnesses {} · entries {}\n",
        p.name,
        p.description,
        p.root,
        p.intermediate,
        p.leaf,
        p.ct_log,
        p.tsa,
        p.checkpoint.join(" + "),
        witnesses,
        p.entry_shape.name(),
    )
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let profiles = profile::load(args.profiles_file.as_deref())?;
    match args.format {
        Format::Text => {
            let blocks: Vec<String> = profiles.iter().map(text).collect();
            print!("{}", blocks.join("\n"));
        }
        Format::Json => println!("{}", serde_json::to_string_pretty(&profiles)?),
    }
    Ok(ExitCode::SUCCESS)
}
