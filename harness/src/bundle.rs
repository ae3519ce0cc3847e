//! Sigstore bundles and trusted roots as data: validated parsing of bundle v0.1–v0.3 and
//! `trusted_root.json` (protobuf-specs `sigstore_bundle.proto`, `sigstore_rekor.proto`,
//! `sigstore_common.proto`, `sigstore_trustroot.proto`; FORMATS.md §1 and §5), and writing of
//! v0.3 bundles in proto3 JSON.
//!
//! Everything read here is untrusted: [`model::Bundle::parse`] and
//! [`trusted_root::TrustedRoot::parse`] turn JSON into types whose fields are already decoded
//! (base64, int64 strings, enums) and bounded by the [`limits`], or return a
//! [`BundleError`] naming the field. Verifying what the types hold (chains, proofs,
//! signatures) is the verifier's job, not this module's.

pub mod limits;
pub mod model;
mod protojson;
pub mod trusted_root;

pub use model::{Bundle, BundleError};
