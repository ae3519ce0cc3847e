//! The ML-DSA component of a composite (FIPS 204, pure ML-DSA with a context string), behind a
//! small backend trait so a composite can use any ML-DSA implementation that supports seeds
//! and context strings.
//!
//! The composite draft stores the ML-DSA private key as the 32-byte `ML-DSA.KeyGen_internal`
//! seed ξ (draft-ietf-lamps-pq-composite-sigs §3.1 and §4.2) and signs `M'` with the
//! algorithm's label as the FIPS 204 context (§3.2 step 4).

use ml_dsa::{EncodedSignature, EncodedVerifyingKey, ExpandedSigningKey, MlDsaParams, Signature};
use rand_core::CryptoRng;

/// An ML-DSA parameter set with its fixed FIPS 204 sizes (§4, table "ML-DSA Sizes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MlDsaLevel {
    /// ML-DSA-44.
    L44,
    /// ML-DSA-65.
    L65,
    /// ML-DSA-87.
    L87,
}

impl MlDsaLevel {
    /// Encoded public key size.
    pub(crate) const fn public_key_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 1312,
            MlDsaLevel::L65 => 1952,
            MlDsaLevel::L87 => 2592,
        }
    }

    /// Signature size.
    pub(crate) const fn signature_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 2420,
            MlDsaLevel::L65 => 3309,
            MlDsaLevel::L87 => 4627,
        }
    }
}

/// Size of the ML-DSA private key in a composite: the keygen seed ξ.
pub(crate) const SEED_LEN: usize = 32;

/// A decoded ML-DSA public key.
pub(crate) trait MlDsaVerifier: Send + Sync {
    /// FIPS 204 `ML-DSA.Verify(pk, M, σ, ctx)`; false for a malformed signature too.
    fn verify(&self, message: &[u8], ctx: &[u8], signature: &[u8]) -> bool;
}

/// An ML-DSA implementation usable as a composite component.
pub(crate) trait MlDsaBackend: Send + Sync {
    /// The public key of `ML-DSA.KeyGen_internal(seed)`.
    fn public_key(&self, level: MlDsaLevel, seed: &[u8; SEED_LEN]) -> Vec<u8>;

    /// `ML-DSA.Sign(sk, M, ctx)` with the key from `seed`; hedged with randomness from `rng`,
    /// or the deterministic variant when `rng` is `None`. `ctx` is at most 255 bytes.
    ///
    /// # Errors
    /// The backend's message when signing fails.
    fn sign(
        &self,
        level: MlDsaLevel,
        seed: &[u8; SEED_LEN],
        message: &[u8],
        ctx: &[u8],
        rng: Option<&mut dyn CryptoRng>,
    ) -> Result<Vec<u8>, String>;

    /// Decodes a public key of exactly [`MlDsaLevel::public_key_len`] bytes.
    ///
    /// # Errors
    /// What is wrong with the key.
    fn verifier(
        &self,
        level: MlDsaLevel,
        public_key: &[u8],
    ) -> Result<Box<dyn MlDsaVerifier>, String>;
}

/// RustCrypto `ml-dsa`.
pub(crate) struct RustCryptoMlDsa;

struct RustCryptoVerifier<P: MlDsaParams>(ml_dsa::VerifyingKey<P>);

impl<P: MlDsaParams> MlDsaVerifier for RustCryptoVerifier<P> {
    fn verify(&self, message: &[u8], ctx: &[u8], signature: &[u8]) -> bool {
        let Ok(encoded) = EncodedSignature::<P>::try_from(signature) else {
            return false;
        };
        match Signature::<P>::decode(&encoded) {
            Some(sig) => self.0.verify_with_context(message, ctx, &sig),
            None => false,
        }
    }
}

fn rc_public_key<P: MlDsaParams>(seed: &[u8; SEED_LEN]) -> Vec<u8> {
    let key = ExpandedSigningKey::<P>::from_seed(&(*seed).into());
    key.verifying_key().encode().to_vec()
}

fn rc_sign<P: MlDsaParams>(
    seed: &[u8; SEED_LEN],
    message: &[u8],
    ctx: &[u8],
    rng: Option<&mut dyn CryptoRng>,
) -> Result<Vec<u8>, String> {
    let key = ExpandedSigningKey::<P>::from_seed(&(*seed).into());
    let sig = match rng {
        Some(rng) => key.sign_randomized(message, ctx, rng),
        None => key.sign_deterministic(message, ctx),
    }
    .map_err(|e| format!("ML-DSA signing: {e}"))?;
    Ok(sig.encode().to_vec())
}

fn rc_verifier<P: MlDsaParams + 'static>(
    public_key: &[u8],
) -> Result<Box<dyn MlDsaVerifier>, String> {
    let encoded = EncodedVerifyingKey::<P>::try_from(public_key)
        .map_err(|_| format!("ML-DSA public key of {} bytes", public_key.len()))?;
    Ok(Box::new(RustCryptoVerifier(
        ml_dsa::VerifyingKey::<P>::decode(&encoded),
    )))
}

impl MlDsaBackend for RustCryptoMlDsa {
    fn public_key(&self, level: MlDsaLevel, seed: &[u8; SEED_LEN]) -> Vec<u8> {
        match level {
            MlDsaLevel::L44 => rc_public_key::<ml_dsa::MlDsa44>(seed),
            MlDsaLevel::L65 => rc_public_key::<ml_dsa::MlDsa65>(seed),
            MlDsaLevel::L87 => rc_public_key::<ml_dsa::MlDsa87>(seed),
        }
    }

    fn sign(
        &self,
        level: MlDsaLevel,
        seed: &[u8; SEED_LEN],
        message: &[u8],
        ctx: &[u8],
        rng: Option<&mut dyn CryptoRng>,
    ) -> Result<Vec<u8>, String> {
        match level {
            MlDsaLevel::L44 => rc_sign::<ml_dsa::MlDsa44>(seed, message, ctx, rng),
            MlDsaLevel::L65 => rc_sign::<ml_dsa::MlDsa65>(seed, message, ctx, rng),
            MlDsaLevel::L87 => rc_sign::<ml_dsa::MlDsa87>(seed, message, ctx, rng),
        }
    }

    fn verifier(
        &self,
        level: MlDsaLevel,
        public_key: &[u8],
    ) -> Result<Box<dyn MlDsaVerifier>, String> {
        match level {
            MlDsaLevel::L44 => rc_verifier::<ml_dsa::MlDsa44>(public_key),
            MlDsaLevel::L65 => rc_verifier::<ml_dsa::MlDsa65>(public_key),
            MlDsaLevel::L87 => rc_verifier::<ml_dsa::MlDsa87>(public_key),
        }
    }
}
