//! The model-transparency v1.0 statement (FORMATS.md §7; model_signing 1.1.1
//! `_signing/signing.py` `Payload` and `dsse_payload_to_manifest`, `manifest.py`).
//!
//! ```json
//! {"_type": "https://in-toto.io/Statement/v1",
//!  "subject": [{"name": MODEL, "digest": {"sha256": SHA-256 of the concatenated raw digests}}],
//!  "predicateType": "https://model_signing/signature/v1.0",
//!  "predicate": {"serialization": {"method": "files", "hash_type": "sha256",
//!                                  "allow_symlinks": false, "ignore_paths": [...]},
//!                "resources": [{"name": PATH, "algorithm": "sha256", "digest": HEX}, ...]}}
//! ```
//!
//! Written as `MessageToJson` writes it (module [`super::json`]). Byte-for-byte equality with
//! model_signing holds except where its own output varies from run to run: the keys of
//! `serialization` and of each resource come out of a protobuf `Struct` in hash order, and
//! `ignore_paths` out of a Python `frozenset`; pqlab writes them in the order above and the
//! ignore paths sorted. Nothing verifies those bytes except the signature over them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::walk::{compare_names, is_normal_name};
use super::{ManifestDiff, ModelError, PREDICATE_TYPE};
use crate::dsse::STATEMENT_V1;

/// One file and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The POSIX path relative to the model.
    pub name: String,
    /// Its SHA-256.
    pub digest: [u8; 32],
}

/// The statement's `serialization`: how the manifest was made, so a verifier can redo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serialization {
    /// Whether symbolic links were followed.
    pub allow_symlinks: bool,
    /// The ignored paths, relative to the model.
    pub ignore_paths: BTreeSet<String>,
}

/// A model's manifest: its name, how it was serialized, and its files in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The model's name (informative: the directory's last component).
    pub model_name: String,
    /// How it was serialized.
    pub serialization: Serialization,
    /// The files, sorted by [`compare_names`], names unique.
    resources: Vec<Resource>,
}

impl Manifest {
    /// A manifest of `resources` (sorted here).
    ///
    /// # Errors
    /// [`ModelError::DuplicateResource`] for a name given twice.
    pub fn new(
        model_name: String,
        serialization: Serialization,
        mut resources: Vec<Resource>,
    ) -> Result<Self, ModelError> {
        resources.sort_by(|a, b| compare_names(&a.name, &b.name));
        if let Some(pair) = resources.windows(2).find(|w| w[0].name == w[1].name) {
            return Err(ModelError::DuplicateResource(pair[0].name.clone()));
        }
        Ok(Manifest {
            model_name,
            serialization,
            resources,
        })
    }

    /// The files in manifest order.
    #[must_use]
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// The subject digest: SHA-256 over every resource's raw digest, in order.
    #[must_use]
    pub fn root_digest(&self) -> [u8; 32] {
        let mut hasher = Sha256::new();
        for r in &self.resources {
            hasher.update(r.digest);
        }
        hasher.finalize().into()
    }

    /// The statement's JSON, the DSSE payload (`application/vnd.in-toto+json`).
    #[must_use]
    pub fn to_payload(&self) -> Vec<u8> {
        let statement = StatementOut {
            statement_type: STATEMENT_V1,
            subject: [SubjectOut {
                name: &self.model_name,
                digest: DigestOut {
                    sha256: hex::encode(self.root_digest()),
                },
            }],
            predicate_type: PREDICATE_TYPE,
            predicate: PredicateOut {
                serialization: SerializationOut {
                    method: "files",
                    hash_type: "sha256",
                    allow_symlinks: self.serialization.allow_symlinks,
                    ignore_paths: self.serialization.ignore_paths.iter().collect(),
                },
                resources: self
                    .resources
                    .iter()
                    .map(|r| ResourceOut {
                        name: &r.name,
                        algorithm: "sha256",
                        digest: hex::encode(r.digest),
                    })
                    .collect(),
            },
        };
        // Plain structs of strings, booleans and lists always serialize.
        super::json::to_python_json(&statement).unwrap_or_default()
    }

    /// Parses and checks a DSSE payload: a Statement v1 with one subject, predicate type v1.0,
    /// serialization by files with SHA-256, resource names inside the model, and a subject
    /// digest equal to the digest of the resources (model_signing `dsse_payload_to_manifest`).
    ///
    /// # Errors
    /// [`ModelError::Payload`] for malformed JSON or fields, [`ModelError::Unsupported`] for
    /// other serializations or hashes, [`ModelError::UnsafeResourceName`],
    /// [`ModelError::DuplicateResource`], [`ModelError::RootDigest`].
    pub fn from_payload(payload: &[u8]) -> Result<Self, ModelError> {
        let statement: StatementIn = serde_json::from_slice(payload)
            .map_err(|e| ModelError::Payload(format!("not a statement: {e}")))?;
        if statement.statement_type != STATEMENT_V1 {
            return Err(ModelError::Payload(format!(
                "_type is `{}`, expected `{STATEMENT_V1}`",
                statement.statement_type
            )));
        }
        if statement.predicate_type != PREDICATE_TYPE {
            return Err(ModelError::Unsupported {
                what: "predicateType",
                value: statement.predicate_type,
            });
        }
        let [subject] = statement.subject.as_slice() else {
            return Err(ModelError::Payload(format!(
                "{} subjects, expected one",
                statement.subject.len()
            )));
        };
        let serialization = &statement.predicate.serialization;
        if serialization.method != "files" {
            return Err(ModelError::Unsupported {
                what: "serialization method",
                value: serialization.method.clone(),
            });
        }
        if serialization.hash_type != "sha256" {
            return Err(ModelError::Unsupported {
                what: "hash_type",
                value: serialization.hash_type.clone(),
            });
        }
        let mut resources = Vec::with_capacity(statement.predicate.resources.len());
        for r in &statement.predicate.resources {
            if r.algorithm != "sha256" {
                return Err(ModelError::Unsupported {
                    what: "resource algorithm",
                    value: r.algorithm.clone(),
                });
            }
            if !is_normal_name(&r.name) && r.name != "." {
                return Err(ModelError::UnsafeResourceName(r.name.clone()));
            }
            let mut digest = [0u8; 32];
            hex::decode_to_slice(&r.digest, &mut digest).map_err(|_| {
                ModelError::Payload(format!(
                    "digest of `{}` is not 64 hex digits: `{}`",
                    r.name, r.digest
                ))
            })?;
            resources.push(Resource {
                name: r.name.clone(),
                digest,
            });
        }
        let manifest = Manifest::new(
            subject.name.clone(),
            Serialization {
                allow_symlinks: serialization.allow_symlinks,
                ignore_paths: serialization.ignore_paths.iter().cloned().collect(),
            },
            resources,
        )?;
        let found = hex::encode(manifest.root_digest());
        if !subject.digest.sha256.eq_ignore_ascii_case(&found) {
            return Err(ModelError::RootDigest {
                expected: subject.digest.sha256.clone(),
                found,
            });
        }
        Ok(manifest)
    }

    /// How `actual` (the model on disk) differs from this manifest, by file name.
    #[must_use]
    pub fn diff(&self, actual: &Manifest) -> ManifestDiff {
        let signed: std::collections::BTreeMap<&str, &[u8; 32]> = self
            .resources
            .iter()
            .map(|r| (r.name.as_str(), &r.digest))
            .collect();
        let found: std::collections::BTreeMap<&str, &[u8; 32]> = actual
            .resources
            .iter()
            .map(|r| (r.name.as_str(), &r.digest))
            .collect();
        let mut diff = ManifestDiff {
            model_name: self.model_name.clone(),
            ..ManifestDiff::default()
        };
        for (name, digest) in &found {
            match signed.get(name) {
                None => diff.extra.push((*name).to_owned()),
                Some(want) if want != digest => diff.changed.push((*name).to_owned()),
                Some(_) => {}
            }
        }
        diff.missing = signed
            .keys()
            .filter(|name| !found.contains_key(*name))
            .map(|name| (*name).to_owned())
            .collect();
        diff
    }
}

#[derive(Serialize)]
struct StatementOut<'a> {
    #[serde(rename = "_type")]
    statement_type: &'a str,
    subject: [SubjectOut<'a>; 1],
    #[serde(rename = "predicateType")]
    predicate_type: &'a str,
    predicate: PredicateOut<'a>,
}

#[derive(Serialize)]
struct SubjectOut<'a> {
    name: &'a str,
    digest: DigestOut,
}

#[derive(Serialize, Deserialize)]
struct DigestOut {
    sha256: String,
}

#[derive(Serialize)]
struct PredicateOut<'a> {
    serialization: SerializationOut<'a>,
    resources: Vec<ResourceOut<'a>>,
}

#[derive(Serialize)]
struct SerializationOut<'a> {
    method: &'a str,
    hash_type: &'a str,
    allow_symlinks: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignore_paths: Vec<&'a String>,
}

#[derive(Serialize)]
struct ResourceOut<'a> {
    name: &'a str,
    algorithm: &'a str,
    digest: String,
}

#[derive(Deserialize)]
struct StatementIn {
    #[serde(rename = "_type")]
    statement_type: String,
    subject: Vec<SubjectIn>,
    #[serde(rename = "predicateType")]
    predicate_type: String,
    predicate: PredicateIn,
}

#[derive(Deserialize)]
struct SubjectIn {
    name: String,
    digest: DigestOut,
}

#[derive(Deserialize)]
struct PredicateIn {
    serialization: SerializationIn,
    resources: Vec<ResourceIn>,
}

#[derive(Deserialize)]
struct SerializationIn {
    method: String,
    hash_type: String,
    allow_symlinks: bool,
    #[serde(default)]
    ignore_paths: Vec<String>,
}

#[derive(Deserialize)]
struct ResourceIn {
    name: String,
    algorithm: String,
    digest: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest::new(
            "m".into(),
            Serialization {
                allow_symlinks: false,
                ignore_paths: ["model.sig", ".git"].map(String::from).into(),
            },
            vec![
                Resource {
                    name: "sub/c".into(),
                    digest: [3; 32],
                },
                Resource {
                    name: "a-b".into(),
                    digest: [1; 32],
                },
                Resource {
                    name: "a/x".into(),
                    digest: [2; 32],
                },
            ],
        )
        .unwrap()
    }

    #[test]
    fn payload_round_trips_and_is_sorted_by_component() {
        let m = sample();
        let names: Vec<_> = m.resources().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a/x", "a-b", "sub/c"]);
        let back = Manifest::from_payload(&m.to_payload()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn an_edited_resource_breaks_the_root_digest() {
        let payload = String::from_utf8(sample().to_payload()).unwrap();
        let edited = payload.replacen(&"01".repeat(32), &"02".repeat(32), 1);
        assert!(matches!(
            Manifest::from_payload(edited.as_bytes()),
            Err(ModelError::RootDigest { .. })
        ));
    }

    #[test]
    fn names_outside_the_model_are_refused() {
        let payload = String::from_utf8(sample().to_payload()).unwrap();
        for bad in ["../etc/passwd", "/etc/passwd", "a/../../x", "a//b"] {
            let edited = payload.replace("\"sub/c\"", &format!("\"{bad}\""));
            assert!(
                matches!(
                    Manifest::from_payload(edited.as_bytes()),
                    Err(ModelError::UnsafeResourceName(ref n)) if n == bad
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn diff_names_extra_missing_and_changed_files() {
        let signed = sample();
        let mut resources = signed.resources().to_vec();
        resources[0].digest = [9; 32];
        resources.remove(2);
        resources.push(Resource {
            name: "new".into(),
            digest: [0; 32],
        });
        let actual = Manifest::new("m".into(), signed.serialization.clone(), resources).unwrap();
        let diff = signed.diff(&actual);
        assert_eq!(diff.extra, ["new"]);
        assert_eq!(diff.missing, ["sub/c"]);
        assert_eq!(diff.changed, ["a/x"]);
    }
}
