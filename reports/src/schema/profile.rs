//! Per-profile results: the bundle and its byte breakdown, the trusted root, end-to-end
//! latency and the log (DESIGN.md § Metrics: bundle size, trusted root size, latency, log
//! storage growth).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::LogGrowth;
use crate::Stats;

/// The algorithm chosen for every role (DESIGN.md § What the harness simulates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Fulcio root CA.
    pub root: String,
    /// Fulcio intermediate CA.
    pub intermediate: String,
    /// The signer's leaf key.
    pub leaf: String,
    /// CT log (SCT signature).
    pub ct_log: String,
    /// Timestamp authority.
    pub tsa: String,
    /// Log checkpoint signature(s): one entry, or two for a dual-signed checkpoint.
    pub log_checkpoint: Vec<String>,
    /// Witness cosignature algorithm.
    pub witness: String,
    /// Number of witnesses cosigning each checkpoint.
    pub witness_count: u32,
    /// Log entry shape (`hashedrekord` or the hash-only identity entry).
    pub entry_shape: String,
}

/// The bundle workloads, as suite names and keys of [`ProfileResult::bundles`]: a message
/// signature over the artifact, and a DSSE envelope over an in-toto statement.
pub const BUNDLE_WORKLOADS: [&str; 2] = [MESSAGE_SIGNATURE, DSSE];
/// The message-signature bundle workload.
pub const MESSAGE_SIGNATURE: &str = "message-signature";
/// The DSSE bundle workload.
pub const DSSE: &str = "dsse";

/// One profile's measurements. A profile is in the results when at least one workload
/// measured it: the bundle workloads fill [`ProfileResult::bundles`] and
/// [`ProfileResult::trusted_root_bytes`], `log-growth` fills [`ProfileResult::log`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileResult {
    /// Profile name (e.g. `sigstore-today`, `pq-all-ml-dsa-65`).
    pub name: String,
    /// What runs in each role.
    pub roles: Roles,
    /// One bundle per bundle workload the run had, keyed by workload name
    /// ([`BUNDLE_WORKLOADS`]: `message-signature`, `dsse`); empty (absent) without one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bundles: BTreeMap<String, BundleResult>,
    /// Bytes of `trusted_root.json`: CA chain, log, CT and TSA keys a verifier must hold
    /// (absent when the run had no bundle workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trusted_root_bytes: Option<u64>,
    /// Log storage growth on the filesystem driver with this profile's entries (absent when
    /// the run did not grow a log for this profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<LogGrowth>,
}

impl ProfileResult {
    /// The bundle of `workload` (`message-signature`, `dsse`), when measured.
    #[must_use]
    pub fn bundle(&self, workload: &str) -> Option<&BundleResult> {
        self.bundles.get(workload)
    }

    /// The bundles in [`BUNDLE_WORKLOADS`] order, with their workload name.
    pub fn bundles_in_order(&self) -> impl Iterator<Item = (&'static str, &BundleResult)> {
        BUNDLE_WORKLOADS
            .iter()
            .filter_map(|w| self.bundles.get(*w).map(|b| (*w, b)))
    }
}

/// One bundle workload on one profile (DESIGN.md § Metrics: "bundle size", "latency:
/// end-to-end sign (all roles) and full bundle verify per profile").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleResult {
    /// Bytes of the bundle JSON as written. Equals the sum of the components. Exact and
    /// identical for a seed: measured on the first bundle a fresh instance signs, at a fixed
    /// clock.
    pub total_bytes: u64,
    /// Bytes of the bundle JSON gzip-compressed (level 9).
    pub gzip_bytes: u64,
    /// Where the bytes go.
    pub components: BundleComponents,
    /// Index of the measured bundle's entry in its log (0: the first entry).
    pub log_index: u64,
    /// Tree size of the measured bundle's inclusion proof (its hash count is the proof's
    /// depth in a tree of this size).
    pub tree_size: u64,
    /// End-to-end sign, every role: leaf keygen, certificate with SCT, artifact signature
    /// (or DSSE envelope), timestamp, log append and integration, checkpoint and
    /// cosignatures, inclusion proof, bundle JSON.
    pub sign_e2e: Stats,
    /// Full offline verification of the parsed bundle against the parsed trusted root
    /// (chain, SCT, timestamp, signature, entry, inclusion proof, checkpoint and cosignature
    /// policy, identity). `pqlab run` always records it (it refuses to report a bundle it
    /// cannot verify); optional so that results of bundles no verifier read stay valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_full: Option<Stats>,
    /// The same verification with the trusted root prepared beforehand (its certificates
    /// decoded, the signatures inside its chains verified, its log keys prepared once), as a
    /// client verifying many bundles does: the per-bundle cost. `verify_full` is the one-shot
    /// cost, preparation included. Absent in results written before pqlab measured it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_prepared: Option<Stats>,
}

/// The bundle's bytes by component: raw (decoded) sizes, with everything JSON and base64 add
/// counted once in `json_base64_overhead`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleComponents {
    /// Leaf certificate, DER.
    pub leaf_certificate: u64,
    /// Signature over the artifact.
    pub artifact_signature: u64,
    /// Log entry, canonicalised body.
    pub log_entry: u64,
    /// Inclusion proof hashes.
    pub inclusion_proof: u64,
    /// Checkpoint: note body and signatures.
    pub checkpoint: CheckpointSize,
    /// RFC 3161 timestamp token, DER.
    pub timestamp_token: u64,
    /// Everything else: JSON syntax, field names, base64 expansion.
    pub json_base64_overhead: u64,
}

/// The checkpoint inside a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointSize {
    /// The note body (origin, size, root hash lines).
    pub body: u64,
    /// The log's signature line(s), one per checkpoint algorithm.
    pub log_signatures: Vec<u64>,
    /// Each witness cosignature line.
    pub cosignatures: Vec<u64>,
}

impl CheckpointSize {
    /// Body plus every signature.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.body + self.log_signatures.iter().sum::<u64>() + self.cosignatures.iter().sum::<u64>()
    }
}

impl BundleComponents {
    /// The named components in display order, the checkpoint split into body, log
    /// signatures and cosignatures.
    #[must_use]
    pub fn named(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("leaf certificate", self.leaf_certificate),
            ("artifact signature", self.artifact_signature),
            ("log entry", self.log_entry),
            ("inclusion proof", self.inclusion_proof),
            ("checkpoint body", self.checkpoint.body),
            (
                "checkpoint log signature",
                self.checkpoint.log_signatures.iter().sum(),
            ),
            ("cosignatures", self.checkpoint.cosignatures.iter().sum()),
            ("timestamp token", self.timestamp_token),
            ("JSON/base64 overhead", self.json_base64_overhead),
        ]
    }

    /// Sum of every component.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.named().iter().map(|(_, b)| b).sum()
    }
}
