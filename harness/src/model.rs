//! Model signing as model-transparency v1.0 does it (FORMATS.md §7; model_signing 1.1.1
//! `_signing/signing.py`, `manifest.py`, `_serialization/file.py`, `sign_ec_key.py`): every
//! file of a model directory with its SHA-256 in an in-toto Statement v1 (predicate type
//! `https://model_signing/signature/v1.0`), the statement in a DSSE envelope, the envelope in
//! a Sigstore bundle v0.3, written as `model.sig`.
//!
//! * [`walk`]: which files make up the model (ignore rules, symlinks, special files);
//! * [`hash`]: their SHA-256, streamed through a fixed buffer on parallel workers;
//! * [`manifest`]: the statement, byte-compatible with model_signing's, and its parser;
//! * [`key`]: the self-managed key of key mode (`model_signing sign key`);
//! * [`sign`] and [`verify`]: both modes, Sigstore (through the simulated pipeline) and key.

mod error;
pub mod hash;
pub mod json;
pub mod key;
pub mod manifest;
pub mod sign;
pub mod verify;
pub mod walk;

pub use error::{ManifestDiff, ModelError};
pub use manifest::{Manifest, Resource, Serialization};
pub use walk::HashingConfig;

/// The signature file's default name (`model_signing sign --signature`).
pub const DEFAULT_SIGNATURE_NAME: &str = "model.sig";

/// The in-toto predicate type of model-transparency v1.0.
pub const PREDICATE_TYPE: &str = "https://model_signing/signature/v1.0";

/// The paths `model_signing` ignores unless told `--no-ignore-git-paths` (`hashing.py`
/// `Config.hash`).
pub const GIT_PATHS: [&str; 4] = [".git", ".gitattributes", ".github", ".gitignore"];
