//! The command line: clap definitions turned into validated configuration, one module per
//! subcommand.

mod algorithms;
mod compare;
mod key;
mod log;
mod model;
mod monitor;
mod profiles;
mod report;
mod run;
mod sign;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Post-quantum signature experiments on a simulated Sigstore pipeline.
///
/// pqlab runs the real formats (Fulcio-style certificates, Rekor v2 entries on C2SP
/// tlog-tiles, signed-note checkpoints, witness cosignatures, RFC 3161 timestamps, Sigstore
/// bundles) with any signature algorithm in each role, and measures what they cost in bytes
/// and time.
#[derive(Debug, Parser)]
#[command(name = "pqlab", version, about, long_about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the signature algorithms in the registry with their sizes, OIDs and
    /// implementations.
    Algorithms(algorithms::Args),
    /// List the pipeline profiles: the algorithm of every role, witnesses and entry shape.
    Profiles(profiles::Args),
    /// Run a suite (default or `--suite FILE`): primitives, log growth, throughput; writes
    /// results.json and the HTML report.
    Run(run::Args),
    /// Render a results file as a self-contained HTML report, Markdown or CSV.
    Report(report::Args),
    /// Compare two results files; exit 1 when a size changed or a timing regressed.
    Compare(compare::Args),
    /// A Rekor v2 transparency log on C2SP tlog-tiles in a directory: init, append,
    /// checkpoint, prove, verify.
    Log(log::Args),
    /// A signing key in a file, any registry algorithm: generate, sign. Stateful keys
    /// (LMS/HSS) persist their state durably before each signature is printed.
    Key(key::Args),
    /// Sign an artifact through a simulated Sigstore deployment (CA, CT log, TSA, Rekor v2
    /// tile log) of a profile; writes a bundle v0.3 and the deployment's trusted root.
    ///
    /// The first sign with a state directory creates the deployment there (CA, CT log, TSA,
    /// the tile log under DIR/log/, DIR/trusted_root.json, keys in DIR/secret-keys.json with
    /// mode 0600); later signs reuse it, so their entries go into the same log. Verify a
    /// bundle with any Sigstore client against DIR/trusted_root.json with the identity and
    /// issuer given here (e.g. `sigstore verify identity --trust-config`).
    Sign(Box<sign::Args>),
    /// Verify a bundle offline against a trusted root; print OK or the failed check (exit 0
    /// / 1).
    Verify(verify::Args),
    /// Sign and verify ML models (model-transparency v1.0, as model-signing 1.1.1): a
    /// manifest of every file's SHA-256 in a DSSE bundle, through the simulated Sigstore
    /// deployment or with a key.
    Model(model::Args),
    /// Monitor a Rekor v2 tile log like rekor-monitor: verify the checkpoint and its
    /// consistency with the stored one from tiles alone, scan new entries for identities,
    /// save the state atomically. Exit 1 with both checkpoints when the log rolled back or
    /// forked.
    Monitor(Box<monitor::Args>),
}

/// Runs the parsed command.
pub(crate) fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Algorithms(args) => algorithms::run(&args),
        Command::Profiles(args) => profiles::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Log(args) => log::run(args),
        Command::Key(args) => key::run(args),
        Command::Sign(args) => sign::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Model(args) => model::run(&args),
        Command::Monitor(args) => monitor::run(&args),
    }
}
