//! `pqlab run`: runs a suite and writes `results.json` and the HTML report (issue 6).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use pqlab_harness::runner::{self, Progress, Suite};
use pqlab_reports::Results;
use pqlab_reports::html::{self, HtmlOptions};

/// Arguments of `pqlab run`.
///
/// The run writes `results.json` (schema `pqlab.results/2`: environment, per-profile bundles
/// of the message-signature and DSSE workloads, primitive latencies, log storage growth with
/// its projection, log throughput, notes) and the HTML
/// report `index.html` into `target/pqlab/<run-id>/` or `--out DIR`. Progress goes to stderr.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Suite file (TOML) replacing the built-in default suite; `--print-default-suite` shows
    /// the default to copy. Unknown profiles, algorithms, workloads or keys are rejected,
    /// naming the line, before anything runs.
    #[arg(long, value_name = "FILE")]
    suite: Option<PathBuf>,
    /// Run only these profiles of the suite (comma-separated names).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    profiles: Option<Vec<String>>,
    /// Quick run (target < 60 s): at most 10 samples and 200 ms per operation, primitives and
    /// bundle workloads alike (slow signers get one sample), only default implementations,
    /// log sizes up to 10^4, throughput over 10^4 appends.
    #[arg(long)]
    quick: bool,
    /// Output directory (default `target/pqlab/<run-id>`, the run id being the start time).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Seed of every RNG in the run (default: the suite's); sizes are identical for a seed.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Print the built-in default suite and exit.
    #[arg(long, conflicts_with_all = ["suite", "profiles", "quick", "out", "seed"])]
    print_default_suite: bool,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
}

/// The run id: the UTC start time, `20261127T081500Z`.
fn run_id() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.print_default_suite {
        print!("{}", runner::suite::DEFAULT_SUITE);
        return Ok(ExitCode::SUCCESS);
    }
    let mut suite = match &args.suite {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Suite::parse(&text, &path.display().to_string())?
        }
        None => Suite::default_suite()?,
    };
    if let Some(names) = &args.profiles {
        suite.narrow_profiles(names)?;
    }
    if args.quick {
        suite.make_quick();
        suite.name = format!("{}-quick", suite.name);
    }
    if let Some(seed) = args.seed {
        suite.seed = seed;
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("target/pqlab").join(run_id()));
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut progress = Progress::stderr(args.quiet);
    let results = runner::run(&suite, &out.join("scratch"), &mut progress)?;
    let json = results.to_json()?;
    // What `pqlab report` and `pqlab compare` will read: check it reads back.
    Results::from_json(&json).context("the results do not read back")?;
    let path = out.join("results.json");
    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    let page = html::render(&results, &HtmlOptions { criterion: None })?;
    let index = out.join("index.html");
    std::fs::write(&index, page).with_context(|| format!("writing {}", index.display()))?;
    progress.line(&format!(
        "wrote {} and {} ({:.1} s)",
        path.display(),
        index.display(),
        results.environment.duration_s
    ));
    Ok(ExitCode::SUCCESS)
}
