//! The PQClean backend (`pqcrypto-falcon`, compressed format), one generated type per degree.

use crate::{Implementation, Limitation};

/// PQClean via `pqcrypto-falcon`: signing draws its nonce from the operating system, so
/// signatures are neither deterministic nor reproducible from a seed.
static PQCLEAN: Implementation = Implementation {
    id: "pqclean",
    crate_name: "pqcrypto-falcon",
    crate_version: "0.4.1",
    limitations: &[
        Limitation::NoDeterministicSigning,
        Limitation::NoSeededSigning,
    ],
};

/// A decoded PQClean public key.
struct Verifier<K>(K);

/// Generates the backend `$name` for `pqcrypto_falcon::$module` (keygen through `fn-dsa` at
/// `$logn`).
macro_rules! falcon_backend {
    ($name:ident, $module:ident, $info:path, $logn:expr) => {
        /// Falcon round 3 via PQClean, one degree.
        pub(super) struct $name;

        impl $name {
            /// Checks the private key's length and structure (`fn-dsa` decodes f, g, F and
            /// recomputes G): PQClean signs garbage rather than failing on a bad key, so a key
            /// must be valid before it reaches it.
            fn checked_key(
                key: &crate::SecretKey,
            ) -> Result<
                (
                    pqcrypto_falcon::$module::SecretKey,
                    fn_dsa::SigningKeyStandard,
                ),
                crate::Error,
            > {
                use pqcrypto_traits::sign::SecretKey as _;
                let bytes = key.as_bytes();
                let invalid = |reason: String| crate::Error::InvalidSecretKey {
                    algorithm: $info.id,
                    reason,
                };
                if bytes.len() != $info.sizes.secret_key {
                    return Err(invalid(format!(
                        "expected {} bytes, got {}",
                        $info.sizes.secret_key,
                        bytes.len()
                    )));
                }
                // fn-dsa's layout ends with the public-key hash, which its decoder does not
                // check (zeros stand in).
                let mut extended = zeroize::Zeroizing::new(
                    super::encoding::fn_dsa_private_from_falcon(bytes, $logn).unwrap_or_default(),
                );
                extended.extend_from_slice(&[0u8; 64]);
                let decoded = <fn_dsa::SigningKeyStandard as fn_dsa::SigningKey>::decode(&extended)
                    .ok_or_else(|| invalid("not a valid Falcon private key encoding".to_owned()))?;
                let key = pqcrypto_falcon::$module::SecretKey::from_bytes(bytes)
                    .map_err(|e| invalid(e.to_string()))?;
                Ok((key, decoded))
            }

            fn backend(message: &str) -> crate::Error {
                crate::Error::Backend {
                    algorithm: $info.id,
                    implementation: PQCLEAN.id,
                    message: message.to_owned(),
                }
            }
        }

        impl crate::SignatureAlgorithm for $name {
            fn info(&self) -> &'static crate::AlgorithmInfo {
                &$info
            }

            fn implementation(&self) -> &'static crate::Implementation {
                &PQCLEAN
            }

            /// `fn-dsa`'s NTRUGen keygen from `rng`, re-encoded in the Falcon round-3
            /// encodings ([`super::encoding`]).
            fn generate(
                &self,
                rng: &mut dyn rand_core::CryptoRng,
            ) -> Result<crate::KeyPair, crate::Error> {
                use fn_dsa::KeyPairGenerator as _;
                let mut secret = zeroize::Zeroizing::new(vec![0u8; fn_dsa::sign_key_size($logn)]);
                let mut public = vec![0u8; fn_dsa::vrfy_key_size($logn)];
                fn_dsa::KeyPairGeneratorStandard::default().keygen(
                    $logn,
                    &mut crate::slh_dsa::rand06::Rng06(rng),
                    &mut secret,
                    &mut public,
                );
                let secret = super::encoding::falcon_private_from_fn_dsa(&secret, $logn)
                    .ok_or_else(|| Self::backend("re-encoding the private key failed"))?;
                let public = super::encoding::falcon_public_from_fn_dsa(&public, $logn)
                    .ok_or_else(|| Self::backend("re-encoding the public key failed"))?;
                Ok(crate::KeyPair {
                    public,
                    secret: crate::SecretKey::new(secret),
                })
            }

            fn sign(
                &self,
                key: &crate::SecretKey,
                message: &[u8],
                options: crate::SignOptions<'_>,
                _rng: &mut dyn rand_core::CryptoRng,
            ) -> Result<Vec<u8>, crate::Error> {
                use pqcrypto_traits::sign::DetachedSignature as _;
                crate::check_context(self, options.context)?;
                if options.deterministic {
                    return Err(crate::Error::Unsupported {
                        algorithm: $info.id,
                        implementation: PQCLEAN.id,
                        limitation: Limitation::NoDeterministicSigning,
                    });
                }
                let (key, _) = Self::checked_key(key)?;
                let signature = pqcrypto_falcon::$module::detached_sign(message, &key);
                if signature.as_bytes().is_empty() {
                    return Err(Self::backend("signing failed"));
                }
                Ok(signature.as_bytes().to_vec())
            }

            fn prepare_verifier(
                &self,
                public_key: &[u8],
            ) -> Result<Box<dyn crate::PreparedVerifier>, crate::Error> {
                use pqcrypto_traits::sign::PublicKey as _;
                if !super::encoding::is_valid_falcon_public(public_key, $logn) {
                    return Err(crate::Error::InvalidPublicKey {
                        algorithm: $info.id,
                        reason: format!(
                            "{} bytes: not a Falcon public key of degree {}",
                            public_key.len(),
                            1u32 << $logn
                        ),
                    });
                }
                let key =
                    pqcrypto_falcon::$module::PublicKey::from_bytes(public_key).map_err(|e| {
                        crate::Error::InvalidPublicKey {
                            algorithm: $info.id,
                            reason: e.to_string(),
                        }
                    })?;
                Ok(Box::new(Verifier(key)))
            }

            fn public_key(&self, key: &crate::SecretKey) -> Result<Vec<u8>, crate::Error> {
                use fn_dsa::SigningKey as _;
                let (_, decoded) = Self::checked_key(key)?;
                let mut public = vec![0u8; fn_dsa::vrfy_key_size($logn)];
                decoded.to_verifying_key(&mut public);
                super::encoding::falcon_public_from_fn_dsa(&public, $logn)
                    .ok_or_else(|| Self::backend("re-encoding the public key failed"))
            }
        }

        impl crate::PreparedVerifier for Verifier<pqcrypto_falcon::$module::PublicKey> {
            fn verify(
                &self,
                message: &[u8],
                context: &[u8],
                signature: &[u8],
            ) -> Result<(), crate::Error> {
                use pqcrypto_traits::sign::DetachedSignature as _;
                crate::check_context(&$name, context)?;
                // Header 0x30 + logn, a 40-byte nonce and at least one byte of s2.
                if signature.len() < 42 || signature[0] != 0x30 + $logn as u8 {
                    return Err(crate::Error::MalformedSignature {
                        algorithm: $info.id,
                        reason: format!(
                            "{} bytes: not a compressed Falcon signature",
                            signature.len()
                        ),
                    });
                }
                let signature = pqcrypto_falcon::$module::DetachedSignature::from_bytes(signature)
                    .map_err(|e| crate::Error::MalformedSignature {
                        algorithm: $info.id,
                        reason: e.to_string(),
                    })?;
                pqcrypto_falcon::$module::verify_detached_signature(&signature, message, &self.0)
                    .map_err(|_| crate::Error::VerificationFailed {
                        algorithm: $info.id,
                    })
            }
        }
    };
}

falcon_backend!(
    Falcon512,
    falcon512,
    super::FALCON_512_R3_INFO,
    fn_dsa::FN_DSA_LOGN_512
);
falcon_backend!(
    Falcon1024,
    falcon1024,
    super::FALCON_1024_R3_INFO,
    fn_dsa::FN_DSA_LOGN_1024
);
