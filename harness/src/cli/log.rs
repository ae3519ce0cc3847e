//! `pqlab log`: a Rekor v2 tile log in a directory (C2SP tlog-tiles, served as-is by any
//! static file server; keys and configuration in `DIR/.pqlab/`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::{Args as ClapArgs, Subcommand};
use pqlab_harness::log::dir::{self, InitOptions};

/// Arguments of `pqlab log`.
#[derive(Debug, ClapArgs)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a log in DIR: generate the log key (and witness keys), write the empty signed
    /// checkpoint. Public keys go to DIR/.pqlab/log.json, secret keys to
    /// DIR/.pqlab/secret-keys.json (mode 0600).
    Init {
        /// The log directory (created if missing).
        dir: PathBuf,
        /// The checkpoint origin and log key name (scheme-less URL prefix, no trailing '/').
        #[arg(long, default_value = "log.pqlab.example")]
        origin: String,
        /// Registry id of the checkpoint signature algorithm (see `pqlab algorithms`).
        #[arg(long, default_value = "ed25519")]
        checkpoint_alg: String,
        /// Number of witnesses cosigning every checkpoint (all are required to verify).
        #[arg(long, default_value_t = 0)]
        witnesses: usize,
        /// Registry id of the witnesses' cosignature algorithm.
        #[arg(long, default_value = "ed25519")]
        witness_alg: String,
    },
    /// Append one entry per FILE (at most 65,535 bytes each) in one batch, integrate it and
    /// write the new signed checkpoint; prints the index of each entry.
    Append {
        /// The log directory.
        dir: PathBuf,
        /// Files whose bytes become entries.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the log's current signed checkpoint (verified first).
    Checkpoint {
        /// The log directory.
        dir: PathBuf,
    },
    /// Print the inclusion proof of entry INDEX as JSON (the Sigstore bundle's
    /// `inclusionProof` shape: logIndex, rootHash, treeSize, hashes base64, checkpoint
    /// envelope). The proof is built from tiles and checked against the checkpoint first.
    Prove {
        /// The log directory.
        dir: PathBuf,
        /// The entry's index.
        index: u64,
        /// Prove against this earlier tree size (default: the checkpoint's); the output then
        /// also carries the consistency proof to the checkpoint.
        #[arg(long)]
        tree_size: Option<u64>,
    },
    /// Re-verify the whole log with its public keys only: the checkpoint signatures, every
    /// entry bundle against the level-0 tiles, every tile against the level below, the root.
    Verify {
        /// The log directory.
        dir: PathBuf,
    },
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Init {
            dir,
            origin,
            checkpoint_alg,
            witnesses,
            witness_alg,
        } => {
            let config = dir::init(
                &dir,
                &InitOptions {
                    origin,
                    checkpoint_alg,
                    witnesses,
                    witness_alg,
                },
            )
            .with_context(|| format!("init {}", dir.display()))?;
            println!("log key: {}", config.log_vkey);
            for vkey in &config.witness_vkeys {
                println!("witness: {vkey}");
            }
        }
        Command::Append { dir, files } => {
            let mut log = dir::open(&dir).with_context(|| format!("open {}", dir.display()))?;
            let mut entries = Vec::with_capacity(files.len());
            for file in &files {
                entries
                    .push(std::fs::read(file).with_context(|| format!("read {}", file.display()))?);
            }
            let first = log.append_batch(&entries)?;
            for (i, file) in files.iter().enumerate() {
                println!("{}\t{}", first + i as u64, file.display());
            }
        }
        Command::Checkpoint { dir } => {
            let log = dir::open(&dir).with_context(|| format!("open {}", dir.display()))?;
            print!("{}", log.checkpoint());
        }
        Command::Prove {
            dir,
            index,
            tree_size,
        } => {
            let log = dir::open(&dir).with_context(|| format!("open {}", dir.display()))?;
            let proof = log.prove_inclusion(index, tree_size)?;
            let b64 = |h: &[u8; 32]| STANDARD.encode(h);
            let mut json = serde_json::json!({
                "logIndex": proof.log_index.to_string(),
                "rootHash": b64(&proof.root_hash),
                "treeSize": proof.tree_size.to_string(),
                "hashes": proof.hashes.iter().map(b64).collect::<Vec<_>>(),
                "checkpoint": { "envelope": proof.checkpoint },
            });
            if let Some(consistency) = &proof.consistency {
                json["consistencyToCheckpoint"] =
                    serde_json::json!(consistency.iter().map(b64).collect::<Vec<_>>());
            }
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
        Command::Verify { dir } => {
            let report = dir::verify(&dir).with_context(|| format!("verify {}", dir.display()))?;
            println!(
                "ok: {} entries, {} entry bundles, {} tiles, checkpoint signatures valid",
                report.checkpoint.size, report.bundles, report.tiles
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
