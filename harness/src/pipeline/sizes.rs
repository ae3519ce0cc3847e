//! Where a bundle's bytes go (DESIGN.md § Metrics, "bundle size"; the `reports` schema's
//! `BundleComponents`): the raw sizes of the leaf certificate, the artifact signature, the
//! log entry, the inclusion proof hashes, the checkpoint (body, each log signature line,
//! each cosignature line) and the timestamp response; everything else (JSON syntax, field
//! names, base64 expansion, and for DSSE the in-toto statement payload) is the overhead.

use pqlab_reports::schema::{BundleComponents, CheckpointSize};

use crate::bundle::Bundle;
use crate::bundle::model::Content;

/// Splits a signed note into its body (with the blank separator line) and its signature
/// lines (each with its newline).
fn split_note(note: &str) -> (u64, Vec<u64>) {
    match note.find("\n\n") {
        Some(at) => {
            let body = at + 2;
            let lines = note[body..]
                .split_inclusive('\n')
                .map(|l| l.len() as u64)
                .collect();
            (body as u64, lines)
        }
        None => (note.len() as u64, Vec::new()),
    }
}

/// The components of `bundle`, whose JSON is `total` bytes and whose checkpoint carries
/// `log_keys` log signature lines before the cosignatures.
pub(super) fn components(bundle: &Bundle, total: usize, log_keys: usize) -> BundleComponents {
    let len = |b: &[u8]| b.len() as u64;
    let leaf_certificate = bundle.material.leaf_certificate().map_or(0, len);
    let artifact_signature = match &bundle.content {
        Content::MessageSignature { signature, .. } => len(signature),
        Content::Dsse(envelope) => envelope.signatures.iter().map(|s| len(&s.sig)).sum(),
    };
    let log_entry = bundle
        .tlog_entries
        .iter()
        .map(|e| len(&e.canonicalized_body))
        .sum();
    let proofs = || {
        bundle
            .tlog_entries
            .iter()
            .filter_map(|e| e.inclusion_proof.as_ref())
    };
    let inclusion_proof = proofs().map(|p| 32 * p.hashes.len() as u64).sum();
    let (body, mut lines) = proofs()
        .filter_map(|p| p.checkpoint.as_deref())
        .map(split_note)
        .next()
        .unwrap_or((0, Vec::new()));
    let cosignatures = lines.split_off(log_keys.min(lines.len()));
    let checkpoint = CheckpointSize {
        body,
        log_signatures: lines,
        cosignatures,
    };
    let timestamp_token = bundle.timestamps.iter().map(|t| len(t)).sum();
    let raw = leaf_certificate
        + artifact_signature
        + log_entry
        + inclusion_proof
        + checkpoint.total()
        + timestamp_token;
    BundleComponents {
        leaf_certificate,
        artifact_signature,
        log_entry,
        inclusion_proof,
        checkpoint,
        timestamp_token,
        json_base64_overhead: (total as u64).saturating_sub(raw),
    }
}
