//! A Rekor v2 transparency log on C2SP tlog-tiles (<https://c2sp.org/tlog-tiles>): RFC 6962
//! hashing, full and partial tiles at every level, entry bundles, checkpoints signed through a
//! [`CheckpointAuthority`], inclusion and consistency proofs built from tiles.
//!
//! Layering (as in Tessera): [`Log`] is the only code that holds a storage driver
//! ([`storage::LogStorage`]); the tree, tile and proof code ([`hash`], [`bundle`], [`proof`])
//! sees hashes and bytes only; every object name comes from [`layout`].
//!
//! Crash safety (checked by `tests/log_crash.rs` in process, for every write, and by
//! `tests/log_kill.rs` by killing `pqlab log append` at random): an append is *acknowledged*
//! once [`Log::integrate`] (or [`Log::append_batch`]) returns, which is after the entry
//! bundles and tiles were synced and then the new signed checkpoint was synced. A writer
//! killed at any point leaves a log that [`Log::open`] opens: the checkpoint verifies, every
//! acknowledged entry keeps its index and bytes, no tile or entry bundle once written changes,
//! and entries of the killed batch that reached an entry bundle are adopted (recovery), the
//! rest lost whole. This rests on the [`storage::LogStorage`] contract (atomic writes,
//! durable after `sync`) and on one writer at a time.
//!
//! Out of scope: signed-note parsing and signing (the `note` module implements
//! [`CheckpointAuthority`]), entry formats (the `entry` module).

pub mod audit;
pub mod authority;
pub mod bundle;
pub mod checkpoint;
pub mod dir;
mod edge;
pub mod error;
pub mod hash;
pub mod layout;
pub mod proof;
pub mod storage;
pub mod tlog;

pub use checkpoint::{CheckpointAuthority, CheckpointBody};
pub use error::LogError;
pub use hash::Hash;
pub use tlog::{InclusionProof, Log};
