//! ECDSA P-256 and P-384 with the RustCrypto `p256` / `p384` crates (implementation id
//! `rustcrypto`). Deterministic signing is RFC 6979 §3.2; hedged signing is RFC 6979 with
//! 32 / 48 bytes of added entropy from the caller's RNG (RFC 6979 §3.6, as `ecdsa`'s
//! `RandomizedSigner` does). Verification accepts both `s` and `n - s`, as FIPS 186-5 and
//! Wycheproof do; the DER decoder is strict (RustCrypto `ecdsa::der`).

use rand_core::CryptoRng;

use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey, SignOptions,
    SignatureAlgorithm, check_context,
};

use super::ecdsa::{Curve, generate_scalar};

/// Generates the implementation of one curve; `$krate` is `p256` or `p384`.
macro_rules! rustcrypto_ecdsa {
    ($name:ident, $verifier:ident, $imp:ident, $krate:ident, $curve:expr, $version:literal) => {
        static $imp: Implementation = Implementation {
            id: "rustcrypto",
            crate_name: stringify!($krate),
            crate_version: $version,
            limitations: &[],
        };

        #[doc = concat!("ECDSA via the RustCrypto `", stringify!($krate), "` crate.")]
        pub struct $name;

        impl $name {
            fn signing_key(key: &SecretKey) -> Result<$krate::ecdsa::SigningKey, Error> {
                let scalar = $curve.secret_scalar(key)?;
                $krate::ecdsa::SigningKey::from_slice(scalar).map_err(|_| Error::InvalidSecretKey {
                    algorithm: $curve.info().id,
                    reason: "scalar is zero or not below the group order".to_owned(),
                })
            }

            fn encode_public(key: &$krate::ecdsa::VerifyingKey) -> Vec<u8> {
                key.to_sec1_point(false).as_bytes().to_vec()
            }
        }

        struct $verifier($krate::ecdsa::VerifyingKey);

        impl PreparedVerifier for $verifier {
            fn verify(
                &self,
                message: &[u8],
                context: &[u8],
                signature: &[u8],
            ) -> Result<(), Error> {
                use $krate::ecdsa::signature::Verifier;
                check_context(&$name, context)?;
                $curve.check_signature_len(signature)?;
                let signature =
                    $krate::ecdsa::DerSignature::from_bytes(signature).map_err(|_| {
                        Error::MalformedSignature {
                            algorithm: $curve.info().id,
                            reason: "not a DER ECDSA-Sig-Value with 0 < r, s < n".to_owned(),
                        }
                    })?;
                self.0
                    .verify(message, &signature)
                    .map_err(|_| Error::VerificationFailed {
                        algorithm: $curve.info().id,
                    })
            }
        }

        impl SignatureAlgorithm for $name {
            fn info(&self) -> &'static AlgorithmInfo {
                $curve.info()
            }

            fn implementation(&self) -> &'static Implementation {
                &$imp
            }

            fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
                let secret = generate_scalar($curve, rng);
                let public = Self::encode_public(Self::signing_key(&secret)?.verifying_key());
                Ok(KeyPair { public, secret })
            }

            fn sign(
                &self,
                key: &SecretKey,
                message: &[u8],
                options: SignOptions<'_>,
                mut rng: &mut dyn CryptoRng,
            ) -> Result<Vec<u8>, Error> {
                use $krate::ecdsa::signature::{RandomizedSigner, Signer};
                check_context(self, options.context)?;
                let key = Self::signing_key(key)?;
                let backend = |e: $krate::ecdsa::Error| Error::Backend {
                    algorithm: $curve.info().id,
                    implementation: $imp.id,
                    message: e.to_string(),
                };
                let signature: $krate::ecdsa::DerSignature = if options.deterministic {
                    key.try_sign(message).map_err(backend)?
                } else {
                    key.try_sign_with_rng(&mut rng, message).map_err(backend)?
                };
                Ok(signature.as_bytes().to_vec())
            }

            fn prepare_verifier(
                &self,
                public_key: &[u8],
            ) -> Result<Box<dyn PreparedVerifier>, Error> {
                $curve.check_public_key_shape(public_key)?;
                let key =
                    $krate::ecdsa::VerifyingKey::from_sec1_bytes(public_key).map_err(|_| {
                        Error::InvalidPublicKey {
                            algorithm: $curve.info().id,
                            reason: "not a point on the curve".to_owned(),
                        }
                    })?;
                Ok(Box::new($verifier(key)))
            }

            fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
                Ok(Self::encode_public(Self::signing_key(key)?.verifying_key()))
            }
        }
    };
}

rustcrypto_ecdsa!(
    RustCryptoP256,
    P256Verifier,
    RUSTCRYPTO_P256,
    p256,
    Curve::P256,
    "0.14.0"
);
rustcrypto_ecdsa!(
    RustCryptoP384,
    P384Verifier,
    RUSTCRYPTO_P384,
    p384,
    Curve::P384,
    "0.14.0"
);
