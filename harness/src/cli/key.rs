//! `pqlab key`: a signing key in a file, for any registry algorithm, stateful ones (LMS/HSS)
//! included: the key file is rewritten durably before each signature is printed, so a killed
//! signer never reuses a one-time key (see `pqlab_harness::keyfile`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::{Args as ClapArgs, Subcommand};
use pqlab_algorithms::encoding;
use pqlab_harness::keyfile::{self, KeySigner};

/// Arguments of `pqlab key`.
#[derive(Debug, ClapArgs)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a key (randomness from the OS) into FILE (mode 0600; never overwritten);
    /// print its public key as SPKI PEM.
    Generate {
        /// Registry id, or ID@IMPLEMENTATION (see `pqlab algorithms`).
        #[arg(long)]
        algorithm: String,
        /// The key file to create.
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign each MESSAGE file in turn; print one line per signature, its base64. A stateful
    /// key's file holds the advanced state (written to a temporary file, fsynced, renamed
    /// over FILE, directory fsynced) before its signature is printed. Holds FILE.lock while
    /// signing, refusing when another signer holds it.
    Sign {
        /// The key file.
        #[arg(long)]
        key: PathBuf,
        /// Files to sign.
        #[arg(required = true)]
        messages: Vec<PathBuf>,
    },
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Generate { algorithm, out } => {
            let generated = keyfile::generate(&algorithm, &out)
                .with_context(|| format!("generate {}", out.display()))?;
            print!(
                "{}",
                encoding::spki_pem(generated.info, &generated.public_key)?
            );
        }
        Command::Sign { key, messages } => {
            let mut signer =
                KeySigner::open(&key).with_context(|| format!("open {}", key.display()))?;
            let mut stdout = std::io::stdout().lock();
            for message in &messages {
                let bytes = std::fs::read(message)
                    .with_context(|| format!("read {}", message.display()))?;
                let signature = signer
                    .sign(&bytes)
                    .with_context(|| format!("sign {}", message.display()))?;
                // One write per line, flushed before the next signature.
                let line = format!("{}\n", STANDARD.encode(&signature));
                stdout.write_all(line.as_bytes())?;
                stdout.flush()?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
