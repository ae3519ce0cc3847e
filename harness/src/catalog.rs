//! The algorithm registry as users see it: `pqlab algorithms` in text, Markdown and JSON, and
//! the table in the README (generated from here, checked by a test).

use pqlab_algorithms::{Algorithm, Implementation, Limitation, registry};
use serde::Serialize;

/// One implementation as listed.
#[derive(Debug, Serialize)]
pub struct ImplementationEntry {
    /// Implementation id.
    pub id: &'static str,
    /// Crate providing it.
    pub crate_name: &'static str,
    /// Crate version.
    pub crate_version: &'static str,
    /// What it cannot do.
    pub limitations: &'static [Limitation],
}

/// One algorithm as `pqlab algorithms --format json` lists it.
#[derive(Debug, Serialize)]
pub struct AlgorithmEntry {
    /// Stable id.
    pub id: &'static str,
    /// Specification name.
    pub name: &'static str,
    /// Family name.
    pub family: &'static str,
    /// Parameter set.
    pub parameter_set: &'static str,
    /// NIST category (null for classical).
    pub nist_category: Option<u8>,
    /// Public key bytes.
    pub public_key_bytes: usize,
    /// Secret key bytes as stored.
    pub secret_key_bytes: usize,
    /// Signature bytes (maximum when variable).
    pub signature_bytes: usize,
    /// Whether every signature has exactly `signature_bytes`.
    pub signature_fixed: bool,
    /// Sigstore `PublicKeyDetails` name, or null when Sigstore has none.
    pub sigstore_key_details: Option<&'static str>,
    /// The name pqlab writes into trusted roots (Sigstore's or a documented experimental one).
    pub key_details_name: String,
    /// SPKI algorithm OID.
    pub public_key_oid: &'static str,
    /// Signature algorithm OID.
    pub signature_oid: &'static str,
    /// Where the OIDs come from.
    pub oid_source: &'static str,
    /// Whether the OIDs are pre-standard.
    pub oid_experimental: bool,
    /// Stateful (LMS/HSS).
    pub stateful: bool,
    /// Implementations, default first.
    pub implementations: Vec<ImplementationEntry>,
    /// The default implementation's id.
    pub default_implementation: &'static str,
}

impl AlgorithmEntry {
    fn new(alg: &Algorithm) -> Self {
        let info = alg.info;
        let entry = |imp: &Implementation| ImplementationEntry {
            id: imp.id,
            crate_name: imp.crate_name,
            crate_version: imp.crate_version,
            limitations: imp.limitations,
        };
        AlgorithmEntry {
            id: info.id,
            name: info.name,
            family: info.family.name(),
            parameter_set: info.parameter_set,
            nist_category: info.nist_category,
            public_key_bytes: info.sizes.public_key,
            secret_key_bytes: info.sizes.secret_key,
            signature_bytes: info.sizes.signature,
            signature_fixed: info.sizes.signature_fixed,
            sigstore_key_details: info.sigstore_key_details,
            key_details_name: info.key_details_name(),
            public_key_oid: info.oids.public_key,
            signature_oid: info.oids.signature,
            oid_source: info.oids.source,
            oid_experimental: info.oids.experimental,
            stateful: info.stateful,
            implementations: alg
                .implementations
                .iter()
                .map(|imp| entry(imp.implementation()))
                .collect(),
            default_implementation: alg.default_implementation().implementation().id,
        }
    }
}

/// Every registered algorithm, as listed.
#[must_use]
pub fn entries() -> Vec<AlgorithmEntry> {
    registry::all().map(AlgorithmEntry::new).collect()
}

fn signature_cell(e: &AlgorithmEntry) -> String {
    if e.signature_fixed {
        e.signature_bytes.to_string()
    } else {
        format!("≤{}", e.signature_bytes)
    }
}

fn implementations_cell(e: &AlgorithmEntry) -> String {
    e.implementations
        .iter()
        .map(|imp| {
            let mut s = imp.id.to_owned();
            if imp.id == e.default_implementation {
                s.push('*');
            }
            if !imp.limitations.is_empty() {
                let l: Vec<String> = imp.limitations.iter().map(ToString::to_string).collect();
                s.push_str(&format!(" ({})", l.join("; ")));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The registry as a Markdown table (the README's algorithm table).
#[must_use]
pub fn markdown() -> String {
    let mut out = String::from(
        "| id | family | NIST cat. | public key | secret key | signature | Sigstore key details | OIDs | stateful | implementations (* default) |\n\
         |---|---|---|---:|---:|---:|---|---|---|---|\n",
    );
    for e in entries() {
        let oid = if e.oid_experimental {
            format!("{} (experimental, {})", e.signature_oid, e.oid_source)
        } else {
            format!("{} ({})", e.signature_oid, e.oid_source)
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            e.id,
            e.family,
            e.nist_category.map_or("–".to_owned(), |c| c.to_string()),
            e.public_key_bytes,
            e.secret_key_bytes,
            signature_cell(&e),
            e.sigstore_key_details.map_or_else(
                || format!("none (`{}`)", e.key_details_name),
                |k| format!("`{k}`")
            ),
            oid,
            if e.stateful { "yes" } else { "no" },
            implementations_cell(&e),
        ));
    }
    out
}

/// The registry as an aligned plain-text table.
#[must_use]
pub fn text() -> String {
    let header = [
        "ID",
        "FAMILY",
        "CAT",
        "PK",
        "SK",
        "SIG",
        "KEY DETAILS",
        "STATEFUL",
        "IMPLEMENTATIONS",
    ];
    let rows: Vec<[String; 9]> = entries()
        .iter()
        .map(|e| {
            [
                e.id.to_owned(),
                e.family.to_owned(),
                e.nist_category.map_or("-".to_owned(), |c| c.to_string()),
                e.public_key_bytes.to_string(),
                e.secret_key_bytes.to_string(),
                signature_cell(e),
                e.key_details_name.clone(),
                if e.stateful { "yes" } else { "no" }.to_owned(),
                implementations_cell(e),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(&header.map(str::to_owned));
    for row in &rows {
        out.push_str(&line(row));
    }
    out.push_str("\n* = default implementation (fastest that passes every vector)\n");
    out
}

/// The registry as pretty JSON (an array of [`AlgorithmEntry`]).
///
/// # Errors
/// Never in practice; serialisation of plain data.
pub fn json() -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&entries())
}
