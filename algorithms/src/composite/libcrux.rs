//! The ML-DSA component through `libcrux-ml-dsa` (formally verified, AVX2 when the CPU has
//! it): `generate_key_pair(ξ)` is FIPS 204 `ML-DSA.KeyGen_internal`, and `sign` takes the
//! 32-byte `rnd` explicitly (all zero for the deterministic variant, FIPS 204 §3.4), so it
//! fits the composite's seed private key and seedable hedging.

use rand_core::CryptoRng;

use super::mldsa::{MlDsaBackend, MlDsaLevel, MlDsaVerifier, SEED_LEN};

/// `libcrux-ml-dsa`.
pub(crate) struct LibcruxMlDsa;

macro_rules! level {
    ($module:ident, $verifier:ident, $vk:ident, $sig:ident) => {
        mod $module {
            use super::*;
            use libcrux_ml_dsa::$module::{generate_key_pair, sign, verify, $sig, $vk};

            pub(super) struct $verifier(pub(super) $vk);

            impl MlDsaVerifier for $verifier {
                fn verify(&self, message: &[u8], ctx: &[u8], signature: &[u8]) -> bool {
                    let Ok(bytes) = signature.try_into() else {
                        return false;
                    };
                    verify(&self.0, message, ctx, &$sig::new(bytes)).is_ok()
                }
            }

            pub(super) fn public_key(seed: &[u8; SEED_LEN]) -> Vec<u8> {
                generate_key_pair(*seed)
                    .verification_key
                    .as_slice()
                    .to_vec()
            }

            pub(super) fn signature(
                seed: &[u8; SEED_LEN],
                message: &[u8],
                ctx: &[u8],
                rnd: [u8; 32],
            ) -> Result<Vec<u8>, String> {
                let pair = generate_key_pair(*seed);
                sign(&pair.signing_key, message, ctx, rnd)
                    .map(|sig| sig.as_slice().to_vec())
                    .map_err(|e| format!("libcrux ML-DSA signing: {e:?}"))
            }

            pub(super) fn verifier(public_key: &[u8]) -> Result<Box<dyn MlDsaVerifier>, String> {
                let bytes = public_key
                    .try_into()
                    .map_err(|_| format!("ML-DSA public key of {} bytes", public_key.len()))?;
                Ok(Box::new($verifier($vk::new(bytes))))
            }
        }
    };
}

level!(
    ml_dsa_44,
    Verifier44,
    MLDSA44VerificationKey,
    MLDSA44Signature
);
level!(
    ml_dsa_65,
    Verifier65,
    MLDSA65VerificationKey,
    MLDSA65Signature
);
level!(
    ml_dsa_87,
    Verifier87,
    MLDSA87VerificationKey,
    MLDSA87Signature
);

impl MlDsaBackend for LibcruxMlDsa {
    fn public_key(&self, level: MlDsaLevel, seed: &[u8; SEED_LEN]) -> Vec<u8> {
        match level {
            MlDsaLevel::L44 => ml_dsa_44::public_key(seed),
            MlDsaLevel::L65 => ml_dsa_65::public_key(seed),
            MlDsaLevel::L87 => ml_dsa_87::public_key(seed),
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
        let mut rnd = [0u8; 32];
        if let Some(rng) = rng {
            rng.fill_bytes(&mut rnd);
        }
        match level {
            MlDsaLevel::L44 => ml_dsa_44::signature(seed, message, ctx, rnd),
            MlDsaLevel::L65 => ml_dsa_65::signature(seed, message, ctx, rnd),
            MlDsaLevel::L87 => ml_dsa_87::signature(seed, message, ctx, rnd),
        }
    }

    fn verifier(
        &self,
        level: MlDsaLevel,
        public_key: &[u8],
    ) -> Result<Box<dyn MlDsaVerifier>, String> {
        match level {
            MlDsaLevel::L44 => ml_dsa_44::verifier(public_key),
            MlDsaLevel::L65 => ml_dsa_65::verifier(public_key),
            MlDsaLevel::L87 => ml_dsa_87::verifier(public_key),
        }
    }
}
