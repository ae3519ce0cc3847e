//! Profiles: one signature algorithm for every role of the simulated pipeline, the number of
//! witnesses, and the shape of log entries (DESIGN.md "What the harness simulates").
//!
//! Built-in profiles are a static table ([`BUILT_IN`]); user profiles come from a TOML file
//! (see [`parse_profiles_toml`]), validated before any work starts: unknown keys, unknown
//! algorithm ids and duplicate names are refused with the line they are on.

use pqlab_algorithms::registry;
use serde::{Deserialize, Serialize};

/// The shape of the entries the log stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryShape {
    /// `hashedrekord` v0.0.2 as Rekor v2 stores it: the certificate and signature inside the
    /// canonical JSON entry (FORMATS.md §2).
    Hashedrekord,
    /// The identity-based hash-only leaf proposed for Rekor (REFERENCE-NUMBERS.md §C4): the
    /// entry holds hashes only, so its size does not depend on the algorithms.
    HashOnly,
}

impl EntryShape {
    /// The name used in profiles and results.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            EntryShape::Hashedrekord => "hashedrekord",
            EntryShape::HashOnly => "hash-only",
        }
    }
}

/// Algorithm ids (registry ids, optionally `id@implementation`) for every role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Stable profile name.
    pub name: String,
    /// One line saying what the profile models.
    pub description: String,
    /// Fulcio root CA (self-signed, long-lived).
    pub root: String,
    /// Fulcio intermediate CA (issues the leaves).
    pub intermediate: String,
    /// The signer's short-lived leaf key (signs the artifact).
    pub leaf: String,
    /// The CT log that issues the embedded SCT.
    pub ct_log: String,
    /// The timestamp authority (its leaf and root certificates).
    pub tsa: String,
    /// The log's checkpoint keys: one signature line each (two for a dual-signed checkpoint).
    pub checkpoint: Vec<String>,
    /// Number of witnesses cosigning each checkpoint.
    pub witnesses: u8,
    /// The witnesses' algorithm.
    pub witness: String,
    /// Shape of log entries.
    pub entry_shape: EntryShape,
}

/// A built-in profile as a const row; [`BuiltIn::profile`] makes the owned [`Profile`].
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// Name.
    pub name: &'static str,
    /// Description.
    pub description: &'static str,
    /// Root CA algorithm.
    pub root: &'static str,
    /// Intermediate CA algorithm.
    pub intermediate: &'static str,
    /// Leaf algorithm.
    pub leaf: &'static str,
    /// CT log algorithm.
    pub ct_log: &'static str,
    /// TSA algorithm.
    pub tsa: &'static str,
    /// Checkpoint algorithms.
    pub checkpoint: &'static [&'static str],
    /// Witness count.
    pub witnesses: u8,
    /// Witness algorithm.
    pub witness: &'static str,
    /// Entry shape.
    pub entry_shape: EntryShape,
}

/// What public-good Sigstore runs today: an ECDSA P-384 CA chain, ECDSA P-256 leaf, CT log
/// and TSA, an Ed25519 checkpoint (FORMATS.md §0, §4, §5), no witnesses in the bundle.
const SIGSTORE_TODAY: BuiltIn = BuiltIn {
    name: "sigstore-today",
    description: "public-good Sigstore today: ECDSA P-384 CA, ECDSA P-256 leaf/CT/TSA, Ed25519 checkpoint",
    root: "ecdsa-p384-sha384",
    intermediate: "ecdsa-p384-sha384",
    leaf: "ecdsa-p256-sha256",
    ct_log: "ecdsa-p256-sha256",
    tsa: "ecdsa-p256-sha256",
    checkpoint: &["ed25519"],
    witnesses: 0,
    witness: "ed25519",
    entry_shape: EntryShape::Hashedrekord,
};

/// Every profile the same algorithm in every role, with two witnesses of that algorithm.
const fn all(name: &'static str, description: &'static str, alg: &'static str) -> BuiltIn {
    BuiltIn {
        name,
        description,
        root: alg,
        intermediate: alg,
        leaf: alg,
        ct_log: alg,
        tsa: alg,
        checkpoint: &[],
        witnesses: 2,
        witness: alg,
        entry_shape: EntryShape::Hashedrekord,
    }
}

/// The built-in profiles (DESIGN.md lists the required ones).
pub static BUILT_IN: &[BuiltIn] = &[
    SIGSTORE_TODAY,
    BuiltIn {
        name: "sigstore-today-witnessed",
        description: "sigstore-today with two Ed25519 witness cosignatures (C2SP tlog-cosignature 0x04)",
        witnesses: 2,
        ..SIGSTORE_TODAY
    },
    BuiltIn {
        name: "pq-leaf-ml-dsa-65",
        description: "only the signer moves: ML-DSA-65 leaf key, everything else as today",
        leaf: "ml-dsa-65",
        ..SIGSTORE_TODAY
    },
    BuiltIn {
        checkpoint: &["ml-dsa-44"],
        ..all(
            "pq-all-ml-dsa-44",
            "ML-DSA-44 in every role, two ML-DSA-44 witnesses",
            "ml-dsa-44",
        )
    },
    BuiltIn {
        checkpoint: &["ml-dsa-65"],
        ..all(
            "pq-all-ml-dsa-65",
            "ML-DSA-65 in every role, two ML-DSA-65 witnesses",
            "ml-dsa-65",
        )
    },
    BuiltIn {
        checkpoint: &["ml-dsa-87"],
        ..all(
            "pq-all-ml-dsa-87",
            "ML-DSA-87 in every role, two ML-DSA-87 witnesses",
            "ml-dsa-87",
        )
    },
    BuiltIn {
        name: "slh-dsa-roots",
        description: "SLH-DSA-SHA2-128s for the long-lived roots, ML-DSA-65 below, ML-DSA-44 checkpoint and witnesses",
        root: "slh-dsa-sha2-128s",
        intermediate: "ml-dsa-65",
        leaf: "ml-dsa-65",
        ct_log: "ml-dsa-65",
        tsa: "ml-dsa-65",
        checkpoint: &["ml-dsa-44"],
        witnesses: 2,
        witness: "ml-dsa-44",
        entry_shape: EntryShape::Hashedrekord,
    },
    BuiltIn {
        checkpoint: &["composite-ml-dsa-65-ed25519"],
        ..all(
            "composite-ml-dsa-65-ed25519",
            "composite ML-DSA-65 + Ed25519 (IETF LAMPS draft) in every role",
            "composite-ml-dsa-65-ed25519",
        )
    },
    BuiltIn {
        name: "dual-checkpoint",
        description: "sigstore-today with the checkpoint signed by Ed25519 and ML-DSA-44 (rekor-tiles #425/#879)",
        checkpoint: &["ed25519", "ml-dsa-44"],
        ..SIGSTORE_TODAY
    },
    BuiltIn {
        checkpoint: &["fn-dsa-512"],
        ..all(
            "fn-dsa-512",
            "FN-DSA-512 in every role, two FN-DSA-512 witnesses",
            "fn-dsa-512",
        )
    },
    BuiltIn {
        name: "hash-only-today",
        description: "sigstore-today with the identity-based hash-only log entry (rekor-tiles #827)",
        entry_shape: EntryShape::HashOnly,
        ..SIGSTORE_TODAY
    },
    BuiltIn {
        name: "hash-only-ml-dsa-44",
        description: "pq-all-ml-dsa-44 with the hash-only log entry: entry size independent of the algorithm",
        entry_shape: EntryShape::HashOnly,
        checkpoint: &["ml-dsa-44"],
        ..all("", "", "ml-dsa-44")
    },
];

impl BuiltIn {
    /// The owned profile.
    #[must_use]
    pub fn profile(&self) -> Profile {
        Profile {
            name: self.name.to_owned(),
            description: self.description.to_owned(),
            root: self.root.to_owned(),
            intermediate: self.intermediate.to_owned(),
            leaf: self.leaf.to_owned(),
            ct_log: self.ct_log.to_owned(),
            tsa: self.tsa.to_owned(),
            checkpoint: self.checkpoint.iter().map(|s| (*s).to_owned()).collect(),
            witnesses: self.witnesses,
            witness: self.witness.to_owned(),
            entry_shape: self.entry_shape,
        }
    }
}

/// Why a profile or profile file was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// No profile has this name.
    #[error("unknown profile `{name}`; known profiles: {}", known.join(", "))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The known names.
        known: Vec<String>,
    },
    /// The TOML is malformed or has an unknown key (the message names the line).
    #[error("{file}: {message}")]
    Toml {
        /// The file.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A role names an algorithm the registry does not have.
    #[error("{file}:{line}: profile `{profile}`, role `{role}`: {source}")]
    Algorithm {
        /// The file.
        file: String,
        /// The line of the value.
        line: usize,
        /// The profile.
        profile: String,
        /// The role.
        role: &'static str,
        /// The registry's error (lists the known ids).
        #[source]
        source: Box<pqlab_algorithms::Error>,
    },
    /// The file is larger than [`MAX_PROFILE_FILE_BYTES`] or has more than [`MAX_PROFILES`]
    /// profiles; nothing of it was validated.
    #[error("{file}: {what} {count} exceeds the limit of {limit}")]
    TooLarge {
        /// The file.
        file: String,
        /// `"size in bytes"` or `"profile count"`.
        what: &'static str,
        /// The size or count.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A structural rule is broken (duplicate name, no checkpoint key, ...).
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// The line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Largest profile file accepted, in bytes. Listed in `docs/LIMITS.md`.
pub const MAX_PROFILE_FILE_BYTES: usize = 1 << 20;

/// Most `[[profile]]` tables in one file (names are checked against each other).
pub const MAX_PROFILES: usize = 256;

/// Most witnesses a profile may have (C2SP signed-note verifiers accept at least 16
/// signature lines; the log line is one of them).
pub const MAX_WITNESSES: u8 = 15;

/// Every built-in profile.
#[must_use]
pub fn built_in() -> Vec<Profile> {
    BUILT_IN.iter().map(BuiltIn::profile).collect()
}

/// Looks a profile up by name among `profiles`.
///
/// # Errors
/// [`ProfileError::Unknown`] listing the known names.
pub fn find<'a>(profiles: &'a [Profile], name: &str) -> Result<&'a Profile, ProfileError> {
    profiles
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| ProfileError::Unknown {
            name: name.to_owned(),
            known: profiles.iter().map(|p| p.name.clone()).collect(),
        })
}

// ----- TOML -----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default)]
    profile: Vec<toml::Spanned<RawProfile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawProfile {
    name: toml::Spanned<String>,
    #[serde(default)]
    description: String,
    /// Start from this built-in profile; every role not given is taken from it.
    base: Option<toml::Spanned<String>>,
    root: Option<toml::Spanned<String>>,
    intermediate: Option<toml::Spanned<String>>,
    leaf: Option<toml::Spanned<String>>,
    ct_log: Option<toml::Spanned<String>>,
    tsa: Option<toml::Spanned<String>>,
    checkpoint: Option<toml::Spanned<Vec<String>>>,
    witnesses: Option<toml::Spanned<u8>>,
    witness: Option<toml::Spanned<String>>,
    entry_shape: Option<EntryShape>,
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// Checks that every role of `profile` names a registered algorithm (`id` or
/// `id@implementation`); `line` says where each role was written.
fn validate(
    profile: &Profile,
    file: &str,
    line: impl Fn(&'static str) -> usize,
) -> Result<(), ProfileError> {
    let roles: [(&'static str, &str); 6] = [
        ("root", &profile.root),
        ("intermediate", &profile.intermediate),
        ("leaf", &profile.leaf),
        ("ct-log", &profile.ct_log),
        ("tsa", &profile.tsa),
        ("witness", &profile.witness),
    ];
    let checkpoint = profile
        .checkpoint
        .iter()
        .map(|c| ("checkpoint", c.as_str()));
    for (role, id) in roles.into_iter().chain(checkpoint) {
        registry::lookup_implementation(id).map_err(|source| ProfileError::Algorithm {
            file: file.to_owned(),
            line: line(role),
            profile: profile.name.clone(),
            role,
            source: Box::new(source),
        })?;
    }
    if profile.checkpoint.is_empty() {
        return Err(ProfileError::Invalid {
            file: file.to_owned(),
            line: line("checkpoint"),
            message: format!("profile `{}` has no checkpoint key", profile.name),
        });
    }
    if profile.witnesses > MAX_WITNESSES {
        return Err(ProfileError::Invalid {
            file: file.to_owned(),
            line: line("witnesses"),
            message: format!(
                "profile `{}` has {} witnesses, more than {MAX_WITNESSES}",
                profile.name, profile.witnesses
            ),
        });
    }
    Ok(())
}

/// Parses user profiles from TOML (`[[profile]]` tables; see the README for the keys) and
/// validates them against the registry. `file` names the source in errors. Names must not
/// clash with built-in profiles or each other.
///
/// # Errors
/// A [`ProfileError`] naming the file and line of the first problem.
pub fn parse_profiles_toml(source: &str, file: &str) -> Result<Vec<Profile>, ProfileError> {
    check_file_size(source, file)?;
    let parsed: ProfileFile = toml::from_str(source).map_err(|e| ProfileError::Toml {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    profiles_from_tables(&parsed.profile, source, file)
}

/// Like [`parse_profiles_toml`], for a document that holds other keys beside its
/// `[[profile]]` tables (a suite file): only the profile tables are read, strictly; the
/// caller validates the rest.
///
/// # Errors
/// A [`ProfileError`] naming the file and line of the first problem.
pub fn parse_embedded_profiles(source: &str, file: &str) -> Result<Vec<Profile>, ProfileError> {
    check_file_size(source, file)?;
    #[derive(Deserialize)]
    struct Embedded {
        #[serde(default)]
        profile: Vec<toml::Spanned<RawProfile>>,
    }
    let parsed: Embedded = toml::from_str(source).map_err(|e| ProfileError::Toml {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    profiles_from_tables(&parsed.profile, source, file)
}

fn check_file_size(source: &str, file: &str) -> Result<(), ProfileError> {
    if source.len() > MAX_PROFILE_FILE_BYTES {
        return Err(ProfileError::TooLarge {
            file: file.to_owned(),
            what: "size in bytes",
            count: source.len(),
            limit: MAX_PROFILE_FILE_BYTES,
        });
    }
    Ok(())
}

fn profiles_from_tables(
    tables: &[toml::Spanned<RawProfile>],
    source: &str,
    file: &str,
) -> Result<Vec<Profile>, ProfileError> {
    if tables.len() > MAX_PROFILES {
        return Err(ProfileError::TooLarge {
            file: file.to_owned(),
            what: "profile count",
            count: tables.len(),
            limit: MAX_PROFILES,
        });
    }
    let mut names: Vec<String> = BUILT_IN.iter().map(|b| b.name.to_owned()).collect();
    let mut profiles = Vec::new();
    for spanned in tables {
        let raw = spanned.get_ref();
        let table_line = line_of(source, spanned.span().start);
        let name = raw.name.get_ref().clone();
        let name_line = line_of(source, raw.name.span().start);
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(ProfileError::Invalid {
                file: file.to_owned(),
                line: name_line,
                message: format!(
                    "profile name `{name}` must be non-empty, letters, digits and `-`"
                ),
            });
        }
        if names.contains(&name) {
            return Err(ProfileError::Invalid {
                file: file.to_owned(),
                line: name_line,
                message: format!("profile `{name}` is already defined"),
            });
        }
        let base = match &raw.base {
            Some(b) => BUILT_IN
                .iter()
                .find(|p| p.name == b.get_ref())
                .ok_or_else(|| ProfileError::Invalid {
                    file: file.to_owned(),
                    line: line_of(source, b.span().start),
                    message: format!(
                        "unknown base profile `{}`; built-in profiles: {}",
                        b.get_ref(),
                        BUILT_IN
                            .iter()
                            .map(|p| p.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })?,
            None => &SIGSTORE_TODAY,
        }
        .profile();
        let take = |v: &Option<toml::Spanned<String>>, default: String| {
            v.as_ref().map_or(default, |s| s.get_ref().clone())
        };
        let profile = Profile {
            name: name.clone(),
            description: raw.description.clone(),
            root: take(&raw.root, base.root),
            intermediate: take(&raw.intermediate, base.intermediate),
            leaf: take(&raw.leaf, base.leaf),
            ct_log: take(&raw.ct_log, base.ct_log),
            tsa: take(&raw.tsa, base.tsa),
            checkpoint: raw
                .checkpoint
                .as_ref()
                .map_or(base.checkpoint, |c| c.get_ref().clone()),
            witnesses: raw
                .witnesses
                .as_ref()
                .map_or(base.witnesses, |w| *w.get_ref()),
            witness: take(&raw.witness, base.witness),
            entry_shape: raw.entry_shape.unwrap_or(base.entry_shape),
        };
        let line = |role: &'static str| {
            let span = match role {
                "root" => raw.root.as_ref().map(toml::Spanned::span),
                "intermediate" => raw.intermediate.as_ref().map(toml::Spanned::span),
                "leaf" => raw.leaf.as_ref().map(toml::Spanned::span),
                "ct-log" => raw.ct_log.as_ref().map(toml::Spanned::span),
                "tsa" => raw.tsa.as_ref().map(toml::Spanned::span),
                "witness" => raw.witness.as_ref().map(toml::Spanned::span),
                "witnesses" => raw.witnesses.as_ref().map(toml::Spanned::span),
                "checkpoint" => raw.checkpoint.as_ref().map(toml::Spanned::span),
                _ => None,
            };
            span.map_or(table_line, |s| line_of(source, s.start))
        };
        validate(&profile, file, line)?;
        names.push(name);
        profiles.push(profile);
    }
    Ok(profiles)
}

/// Built-in profiles followed by those of `file`, if given.
///
/// # Errors
/// [`ProfileError::Toml`] if the file cannot be read, then as [`parse_profiles_toml`].
pub fn load(file: Option<&std::path::Path>) -> Result<Vec<Profile>, ProfileError> {
    let mut profiles = built_in();
    if let Some(path) = file {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|e| ProfileError::Toml {
            file: name.clone(),
            message: format!("cannot read: {e}"),
        })?;
        profiles.extend(parse_profiles_toml(&source, &name)?);
    }
    Ok(profiles)
}

/// Checks every built-in profile against the registry.
///
/// # Errors
/// The first profile naming an unregistered algorithm.
pub fn validate_built_in() -> Result<(), ProfileError> {
    for b in BUILT_IN {
        validate(&b.profile(), "built-in", |_| 0)?;
    }
    Ok(())
}
