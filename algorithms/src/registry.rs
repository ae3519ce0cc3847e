//! The static table of algorithms, looked up by stable id.
//!
//! Each family module contributes a `static ALGORITHMS: &[Algorithm]`; this module only
//! concatenates them. The first implementation listed for an algorithm is its default: the
//! fastest one on the reference machine that passes every test vector (the benchmark group
//! `implementations` measures the choice; `REFERENCE-NUMBERS.md` §C6).

use crate::{AlgorithmInfo, Error, SignatureAlgorithm};

/// A registered algorithm and its implementations.
#[derive(Clone, Copy)]
pub struct Algorithm {
    /// What the algorithm is.
    pub info: &'static AlgorithmInfo,
    /// Its implementations; the first is the default.
    pub implementations: &'static [&'static dyn SignatureAlgorithm],
}

impl std::fmt::Debug for Algorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Algorithm")
            .field("id", &self.info.id)
            .field(
                "implementations",
                &self
                    .implementations
                    .iter()
                    .map(|i| i.implementation().id)
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Algorithm {
    /// The stable id.
    #[must_use]
    pub fn id(&self) -> &'static str {
        self.info.id
    }

    /// The default implementation (the first listed).
    #[must_use]
    pub fn default_implementation(&self) -> &'static dyn SignatureAlgorithm {
        // Invariant checked by the `every_algorithm_has_an_implementation` test: the slice
        // is never empty.
        self.implementations[0]
    }

    /// The implementation with this id.
    ///
    /// # Errors
    /// [`Error::UnknownImplementation`] listing the known ones.
    pub fn implementation(&self, id: &str) -> Result<&'static dyn SignatureAlgorithm, Error> {
        self.implementations
            .iter()
            .copied()
            .find(|imp| imp.implementation().id == id)
            .ok_or_else(|| Error::UnknownImplementation {
                algorithm: self.info.id,
                id: id.to_owned(),
                known: self
                    .implementations
                    .iter()
                    .map(|imp| imp.implementation().id)
                    .collect(),
            })
    }
}

/// Every family's table, in the order the registry lists them.
static FAMILIES: &[&[Algorithm]] = &[
    crate::classical::ALGORITHMS,
    crate::ml_dsa::ALGORITHMS,
    crate::slh_dsa::ALGORITHMS,
    crate::fn_dsa::ALGORITHMS,
    crate::falcon::ALGORITHMS,
    crate::lms::ALGORITHMS,
    crate::composite::ALGORITHMS,
];

/// Every registered algorithm.
pub fn all() -> impl Iterator<Item = &'static Algorithm> {
    FAMILIES.iter().flat_map(|family| family.iter())
}

/// Every registered id.
#[must_use]
pub fn ids() -> Vec<&'static str> {
    all().map(Algorithm::id).collect()
}

/// Looks an algorithm up by its stable id.
///
/// # Errors
/// [`Error::UnknownAlgorithm`] listing every known id.
pub fn lookup(id: &str) -> Result<&'static Algorithm, Error> {
    all()
        .find(|alg| alg.info.id == id)
        .ok_or_else(|| Error::UnknownAlgorithm {
            id: id.to_owned(),
            known: ids(),
        })
}

/// Looks up an algorithm and one of its implementations, written `ID` (the default) or
/// `ID@IMPLEMENTATION`.
///
/// # Errors
/// [`Error::UnknownAlgorithm`] or [`Error::UnknownImplementation`].
pub fn lookup_implementation(spec: &str) -> Result<&'static dyn SignatureAlgorithm, Error> {
    match spec.split_once('@') {
        Some((id, imp)) => lookup(id)?.implementation(imp),
        None => Ok(lookup(spec)?.default_implementation()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_has_an_implementation() {
        for alg in all() {
            assert!(!alg.implementations.is_empty(), "{} has none", alg.id());
        }
    }

    #[test]
    fn unknown_id_lists_known_ids() {
        let err = lookup("rot13").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("rot13"), "{text}");
        assert!(text.contains("ed25519"), "{text}");
        assert!(matches!(err, Error::UnknownAlgorithm { .. }));
    }
}
