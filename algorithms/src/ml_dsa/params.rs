//! ML-DSA parameter sets (FIPS 204 §4, Table 1 and Table 2), the shared input checks every
//! implementation runs before handing bytes to its crate, and the external message prefix.

use crate::{AlgorithmInfo, Error, Sizes};

/// One of the three FIPS 204 parameter sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParameterSet {
    /// ML-DSA-44: (k, l) = (4, 4), η = 2.
    MlDsa44,
    /// ML-DSA-65: (k, l) = (6, 5), η = 4.
    MlDsa65,
    /// ML-DSA-87: (k, l) = (8, 7), η = 2.
    MlDsa87,
}

impl ParameterSet {
    /// All three, in order.
    pub const ALL: [ParameterSet; 3] = [Self::MlDsa44, Self::MlDsa65, Self::MlDsa87];

    /// The registry description.
    #[must_use]
    pub fn info(self) -> &'static AlgorithmInfo {
        match self {
            Self::MlDsa44 => &super::ML_DSA_44_INFO,
            Self::MlDsa65 => &super::ML_DSA_65_INFO,
            Self::MlDsa87 => &super::ML_DSA_87_INFO,
        }
    }

    /// The parameter set named as in FIPS 204 and ACVP (`ML-DSA-44`, ...).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|set| set.info().name == name)
    }

    /// FIPS 204 Table 2 sizes; the secret key is the expanded `skEncode` output.
    #[must_use]
    pub const fn sizes(self) -> Sizes {
        let (public_key, secret_key, signature) = match self {
            Self::MlDsa44 => (1312, 2560, 2420),
            Self::MlDsa65 => (1952, 4032, 3309),
            Self::MlDsa87 => (2592, 4896, 4627),
        };
        Sizes {
            public_key,
            secret_key,
            signature,
            signature_fixed: true,
        }
    }

    /// (k, l, η).
    const fn dimensions(self) -> (usize, usize, u8) {
        match self {
            Self::MlDsa44 => (4, 4, 2),
            Self::MlDsa65 => (6, 5, 4),
            Self::MlDsa87 => (8, 7, 2),
        }
    }
}

/// `rho ‖ K ‖ tr`, the fixed prefix of an expanded secret key (FIPS 204 Algorithm 24).
const SECRET_KEY_SEEDS: usize = 32 + 32 + 64;

/// Checks an expanded secret key before any implementation sees it: exact length, and every
/// coefficient of `s1` and `s2` within `[-η, η]` (FIPS 204 §7.2 `skDecode` with the range check
/// of `BitUnpack`). Out-of-range coefficients are not a valid key, and would let the rejection
/// loop of `ML-DSA.Sign_internal` (Algorithm 7) run without end in implementations that do not
/// bound it.
///
/// # Errors
/// [`Error::InvalidSecretKey`] saying what is wrong.
pub(crate) fn check_secret_key(set: ParameterSet, key: &[u8]) -> Result<(), Error> {
    let info = set.info();
    let invalid = |reason: String| Error::InvalidSecretKey {
        algorithm: info.id,
        reason,
    };
    if key.len() != info.sizes.secret_key {
        return Err(invalid(format!(
            "expected {} bytes (expanded FIPS 204 encoding), got {}",
            info.sizes.secret_key,
            key.len()
        )));
    }
    let (k, l, eta) = set.dimensions();
    // η = 2 packs each coefficient η - s into 3 bits, η = 4 into 4 bits (FIPS 204 Algorithm 24).
    let bits: usize = if eta == 2 { 3 } else { 4 };
    let packed = (k + l) * 256 * bits / 8;
    let s = &key[SECRET_KEY_SEEDS..SECRET_KEY_SEEDS + packed];
    let mut acc: u32 = 0;
    let mut have = 0;
    let mut index = 0usize;
    for &byte in s {
        acc |= u32::from(byte) << have;
        have += 8;
        while have >= bits {
            let value = acc & ((1 << bits) - 1);
            if value > 2 * u32::from(eta) {
                let which = if index < l * 256 { "s1" } else { "s2" };
                return Err(invalid(format!(
                    "{which} coefficient {} out of range [-{eta}, {eta}]",
                    index % (l * 256)
                )));
            }
            acc >>= bits;
            have -= bits;
            index += 1;
        }
    }
    Ok(())
}

/// Checks the public key length (every bit pattern of the right length decodes, FIPS 204
/// Algorithm 23).
///
/// # Errors
/// [`Error::InvalidPublicKey`].
pub(crate) fn check_public_key(set: ParameterSet, key: &[u8]) -> Result<(), Error> {
    let info = set.info();
    if key.len() == info.sizes.public_key {
        Ok(())
    } else {
        Err(Error::InvalidPublicKey {
            algorithm: info.id,
            reason: format!(
                "expected {} bytes, got {}",
                info.sizes.public_key,
                key.len()
            ),
        })
    }
}

/// Checks the signature length (FIPS 204 Algorithm 3 step 1 compares lengths before
/// decoding).
///
/// # Errors
/// [`Error::MalformedSignature`].
pub(crate) fn check_signature(set: ParameterSet, signature: &[u8]) -> Result<(), Error> {
    let info = set.info();
    if signature.len() == info.sizes.signature {
        Ok(())
    } else {
        Err(Error::MalformedSignature {
            algorithm: info.id,
            reason: format!(
                "expected {} bytes, got {}",
                info.sizes.signature,
                signature.len()
            ),
        })
    }
}

/// `IntegerToBytes(0, 1) ‖ IntegerToBytes(|ctx|, 1)`, the prefix of `M'` in FIPS 204
/// Algorithms 2 and 3 (pure ML-DSA), after checking `|ctx| ≤ 255`.
///
/// # Errors
/// [`Error::ContextTooLong`].
pub(crate) fn external_prefix(context: &[u8]) -> Result<[u8; 2], Error> {
    let len =
        u8::try_from(context.len()).map_err(|_| Error::ContextTooLong { len: context.len() })?;
    Ok([0, len])
}

/// Copies `bytes` into an array of the length a crate's type wants (lengths were checked
/// before; a mismatch still becomes a typed error, not a panic).
pub(crate) fn array<const N: usize>(
    bytes: &[u8],
    error: impl FnOnce() -> Error,
) -> Result<[u8; N], Error> {
    bytes.try_into().map_err(|_| error())
}

/// The error for a backend failure that the crate does not explain.
pub(crate) fn backend(
    set: ParameterSet,
    implementation: &'static str,
    message: impl std::fmt::Display,
) -> Error {
    Error::Backend {
        algorithm: set.info().id,
        implementation,
        message: message.to_string(),
    }
}

/// The error for a well-formed signature that does not verify.
pub(crate) fn failed(set: ParameterSet) -> Error {
    Error::VerificationFailed {
        algorithm: set.info().id,
    }
}

/// The error for something an implementation cannot do.
pub(crate) fn unsupported(
    set: ParameterSet,
    implementation: &'static str,
    limitation: crate::Limitation,
) -> Error {
    Error::Unsupported {
        algorithm: set.info().id,
        implementation,
        limitation,
    }
}

/// Draws 32 bytes (ξ for key generation or `rnd` for hedged signing).
pub(crate) fn draw32(rng: &mut dyn rand_core::CryptoRng) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    rng.fill_bytes(&mut bytes);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_key_range_check_names_the_coefficient() {
        // 3-bit value 7 (> 2η = 4) in the first s1 coefficient.
        let mut key = vec![0u8; 2560];
        key[SECRET_KEY_SEEDS] = 0b0000_0111;
        let err = check_secret_key(ParameterSet::MlDsa44, &key).unwrap_err();
        assert!(err.to_string().contains("s1 coefficient 0"), "{err}");
        // 4-bit value 9 (> 2η = 8) in the first s2 coefficient of ML-DSA-65.
        let mut key = vec![0u8; 4032];
        key[SECRET_KEY_SEEDS + 5 * 128] = 0x09;
        let err = check_secret_key(ParameterSet::MlDsa65, &key).unwrap_err();
        assert!(err.to_string().contains("s2 coefficient 0"), "{err}");
        // All-zero coefficients encode s = η, in range.
        check_secret_key(ParameterSet::MlDsa87, &[0u8; 4896]).unwrap();
        assert!(check_secret_key(ParameterSet::MlDsa87, &[0u8; 4895]).is_err());
    }
}
