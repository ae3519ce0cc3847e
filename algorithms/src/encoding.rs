//! Public keys as X.509 `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7) in DER and PEM.
//!
//! The SPKI algorithm identifier comes from the registry ([`crate::Oids`]): for ECDSA it is
//! `id-ecPublicKey` with the named curve as parameter (RFC 5480 §2.1.1); for every other
//! family the OID alone with parameters absent (RFC 8410, RFC 9881, RFC 9909, the composite
//! draft). The BIT STRING holds the raw public key as the trait returns it.

use der::asn1::{BitString, ObjectIdentifier};
use der::{Decode, Encode};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::registry::{self, Algorithm};
use crate::{AlgorithmInfo, Error};

fn oid(dotted: &str) -> Result<ObjectIdentifier, Error> {
    ObjectIdentifier::new(dotted).map_err(|e| Error::Encoding(format!("OID {dotted}: {e}")))
}

/// The SPKI `AlgorithmIdentifier` of an algorithm's public keys.
///
/// # Errors
/// [`Error::Encoding`] if the registry holds a malformed OID (a bug the tests catch).
pub fn spki_algorithm(info: &AlgorithmInfo) -> Result<AlgorithmIdentifierOwned, Error> {
    let parameters = match info.oids.public_key_parameters {
        Some(p) => Some(der::Any::from(oid(p)?)),
        None => None,
    };
    Ok(AlgorithmIdentifierOwned {
        oid: oid(info.oids.public_key)?,
        parameters,
    })
}

/// The SPKI of `public_key` for `info`.
///
/// # Errors
/// [`Error::InvalidPublicKey`] when the key has the wrong length for a fixed-size algorithm.
pub fn spki(info: &AlgorithmInfo, public_key: &[u8]) -> Result<SubjectPublicKeyInfoOwned, Error> {
    if public_key.len() != info.sizes.public_key {
        return Err(Error::InvalidPublicKey {
            algorithm: info.id,
            reason: format!(
                "expected {} bytes, got {}",
                info.sizes.public_key,
                public_key.len()
            ),
        });
    }
    Ok(SubjectPublicKeyInfoOwned {
        algorithm: spki_algorithm(info)?,
        subject_public_key: BitString::from_bytes(public_key)
            .map_err(|e| Error::Encoding(e.to_string()))?,
    })
}

/// The SPKI DER of `public_key`.
///
/// # Errors
/// As [`spki`].
pub fn spki_der(info: &AlgorithmInfo, public_key: &[u8]) -> Result<Vec<u8>, Error> {
    spki(info, public_key)?
        .to_der()
        .map_err(|e| Error::Encoding(e.to_string()))
}

/// The SPKI as PEM (`-----BEGIN PUBLIC KEY-----`).
///
/// # Errors
/// As [`spki`].
pub fn spki_pem(info: &AlgorithmInfo, public_key: &[u8]) -> Result<String, Error> {
    let der = spki_der(info, public_key)?;
    der::pem::encode_string("PUBLIC KEY", der::pem::LineEnding::LF, &der)
        .map_err(|e| Error::Encoding(e.to_string()))
}

/// Decodes an SPKI DER into the registered algorithm it names and the raw public key.
///
/// # Errors
/// [`Error::Encoding`] for bad DER or an algorithm no registry entry has;
/// [`Error::InvalidPublicKey`] for a key of the wrong length.
pub fn parse_spki_der(der_bytes: &[u8]) -> Result<(&'static Algorithm, Vec<u8>), Error> {
    let spki = SubjectPublicKeyInfoOwned::from_der(der_bytes)
        .map_err(|e| Error::Encoding(format!("SubjectPublicKeyInfo: {e}")))?;
    let key_oid = spki.algorithm.oid.to_string();
    let param_oid = match &spki.algorithm.parameters {
        Some(any) => Some(
            any.decode_as::<ObjectIdentifier>()
                .map_err(|e| Error::Encoding(format!("SPKI parameters: {e}")))?
                .to_string(),
        ),
        None => None,
    };
    let algorithm = registry::all()
        .find(|alg| {
            alg.info.oids.public_key == key_oid
                && alg.info.oids.public_key_parameters.map(str::to_owned) == param_oid
        })
        .ok_or_else(|| {
            Error::Encoding(format!(
                "no registered algorithm has SPKI algorithm {key_oid}{}",
                param_oid
                    .map(|p| format!(" with parameters {p}"))
                    .unwrap_or_default()
            ))
        })?;
    let raw = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::Encoding("SPKI BIT STRING has unused bits".to_owned()))?
        .to_vec();
    if raw.len() != algorithm.info.sizes.public_key {
        return Err(Error::InvalidPublicKey {
            algorithm: algorithm.info.id,
            reason: format!(
                "expected {} bytes, got {}",
                algorithm.info.sizes.public_key,
                raw.len()
            ),
        });
    }
    Ok((algorithm, raw))
}

/// Decodes a PEM `PUBLIC KEY` block as [`parse_spki_der`] does.
///
/// # Errors
/// [`Error::Encoding`] for a bad PEM block or label, then as [`parse_spki_der`].
pub fn parse_spki_pem(pem: &str) -> Result<(&'static Algorithm, Vec<u8>), Error> {
    let (label, der_bytes) =
        der::pem::decode_vec(pem.as_bytes()).map_err(|e| Error::Encoding(format!("PEM: {e}")))?;
    if label != "PUBLIC KEY" {
        return Err(Error::Encoding(format!(
            "PEM label `{label}`, expected `PUBLIC KEY`"
        )));
    }
    parse_spki_der(&der_bytes)
}
