//! Per-profile results: the bundle and its byte breakdown, the trusted root, end-to-end
//! latency and the log (DESIGN.md § Metrics: bundle size, trusted root size, latency, log
//! storage growth).

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

/// One profile's measurements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileResult {
    /// Profile name (e.g. `sigstore-today`, `pq-all-ml-dsa-65`).
    pub name: String,
    /// What runs in each role.
    pub roles: Roles,
    /// The bundle and its composition (absent when the run had no bundle workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<BundleSize>,
    /// Bytes of `trusted_root.json`: CA chain, log, CT and TSA keys a verifier must hold
    /// (absent when the run had no bundle workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trusted_root_bytes: Option<u64>,
    /// End-to-end sign: every role, from artifact to bundle (absent without a bundle
    /// workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_e2e: Option<Stats>,
    /// Full offline bundle verification (chain, SCT, TSA, signature, inclusion, checkpoint,
    /// cosignatures; absent without a bundle workload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_full: Option<Stats>,
    /// Log storage growth on the filesystem driver with this profile's entries.
    pub log: LogGrowth,
}

/// Bundle size (DESIGN.md § Metrics, "bundle size").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleSize {
    /// Bytes of the bundle JSON as written. Equals the sum of the components.
    pub total_bytes: u64,
    /// Bytes of the bundle JSON gzip-compressed (level 9).
    pub gzip_bytes: u64,
    /// Where the bytes go.
    pub components: BundleComponents,
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
