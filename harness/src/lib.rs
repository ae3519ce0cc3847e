//! The simulated Sigstore pipeline and its measurements: Fulcio-like CA, CT log, timestamp
//! authority, a Rekor v2 log on C2SP tlog-tiles, bundles and trusted roots, profiles, the
//! suite runner, model signing, the monitor, and what the `pqlab` command line prints.
//!
//! Out of scope: the cryptography itself (`pqlab-algorithms`) and rendering results
//! (`pqlab-reports`).
mod base64_bulk;
pub mod bundle;
pub mod catalog;
pub mod crash_point;
pub mod dsse;
pub mod durable;
pub mod entry;
pub mod keyfile;
pub mod lockfile;
pub mod log;
pub mod model;
pub mod monitor;
pub mod note;
pub mod pipeline;
pub mod pki;
pub mod profile;
pub mod runner;
pub mod verify;
