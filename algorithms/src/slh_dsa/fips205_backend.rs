//! SLH-DSA through the `fips205` crate. `fips205` has one module per parameter set, so this
//! generates one backend module per set.

use crate::Implementation;

/// `fips205`.
pub(super) static FIPS205: Implementation = Implementation {
    id: "fips205",
    crate_name: "fips205",
    crate_version: "0.5.0",
    limitations: &[],
};

/// Generates `mod $module { struct Backend }` for the `fips205::$module` parameter set.
macro_rules! fips205_backend {
    ($module:ident) => {
        pub(super) mod $module {
            use fips205::traits::{KeyGen, SerDes, Signer, Verifier as _};
            use fips205::$module::{KG, N, PK_LEN, PrivateKey, PublicKey, SIG_LEN, SK_LEN};
            use rand_core::CryptoRng;
            use zeroize::Zeroizing;

            use super::FIPS205;
            use crate::slh_dsa::rand06::Rng06;
            use crate::slh_dsa::{
                backend_error, invalid_public_key, invalid_secret_key, malformed_signature,
            };
            use crate::{
                AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey,
                SignOptions, SignatureAlgorithm, check_context,
            };

            /// SLH-DSA via `fips205`, this parameter set.
            pub(crate) struct Backend(pub(crate) &'static AlgorithmInfo);

            impl Backend {
                fn private_key(&self, key: &SecretKey) -> Result<PrivateKey, Error> {
                    let bytes: [u8; SK_LEN] = key.as_bytes().try_into().map_err(|_| {
                        invalid_secret_key(
                            self.0,
                            format!("expected {SK_LEN} bytes, got {}", key.as_bytes().len()),
                        )
                    })?;
                    // `try_from_bytes` recomputes PK.root from the seeds and rejects a
                    // mismatch.
                    PrivateKey::try_from_bytes(bytes)
                        .map_err(|e| invalid_secret_key(self.0, e.to_owned()))
                }
            }

            struct Verifier(&'static AlgorithmInfo, PublicKey);

            impl PreparedVerifier for Verifier {
                fn verify(
                    &self,
                    message: &[u8],
                    context: &[u8],
                    signature: &[u8],
                ) -> Result<(), Error> {
                    if context.len() > 255 {
                        return Err(Error::ContextTooLong { len: context.len() });
                    }
                    let signature: &[u8; SIG_LEN] = signature
                        .try_into()
                        .map_err(|_| malformed_signature(self.0, signature.len()))?;
                    if self.1.verify(message, signature, context) {
                        Ok(())
                    } else {
                        Err(Error::VerificationFailed {
                            algorithm: self.0.id,
                        })
                    }
                }
            }

            impl SignatureAlgorithm for Backend {
                fn info(&self) -> &'static AlgorithmInfo {
                    self.0
                }

                fn implementation(&self) -> &'static Implementation {
                    &FIPS205
                }

                /// FIPS 205 Algorithm 21: SK.seed, SK.prf, PK.seed drawn from `rng` in that
                /// order (one 3n-byte draw, as the `slh-dsa` backend does), then Algorithm 18.
                fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
                    let mut seeds = Zeroizing::new([0u8; 3 * N]);
                    rng.fill_bytes(seeds.as_mut_slice());
                    let part = |i: usize| -> [u8; N] {
                        let mut out = [0u8; N];
                        out.copy_from_slice(&seeds[i * N..(i + 1) * N]);
                        out
                    };
                    let (sk_seed, sk_prf, pk_seed) =
                        (Zeroizing::new(part(0)), Zeroizing::new(part(1)), part(2));
                    let (public, secret) = KG::keygen_from_seed(&sk_seed, &sk_prf, &pk_seed);
                    Ok(KeyPair {
                        public: public.into_bytes().to_vec(),
                        secret: SecretKey::new(secret.into_bytes().to_vec()),
                    })
                }

                /// FIPS 205 Algorithm 22 (pure); `hedged = false` signs with
                /// `opt_rand = PK.seed`.
                fn sign(
                    &self,
                    key: &SecretKey,
                    message: &[u8],
                    options: SignOptions<'_>,
                    rng: &mut dyn CryptoRng,
                ) -> Result<Vec<u8>, Error> {
                    check_context(self, options.context)?;
                    let key = self.private_key(key)?;
                    let signature = key
                        .try_sign_with_rng(
                            &mut Rng06(rng),
                            message,
                            options.context,
                            !options.deterministic,
                        )
                        .map_err(|e| backend_error(self.0, &FIPS205, e))?;
                    Ok(signature.to_vec())
                }

                fn prepare_verifier(
                    &self,
                    public_key: &[u8],
                ) -> Result<Box<dyn PreparedVerifier>, Error> {
                    let bytes: [u8; PK_LEN] = public_key.try_into().map_err(|_| {
                        invalid_public_key(
                            self.0,
                            format!("expected {PK_LEN} bytes, got {}", public_key.len()),
                        )
                    })?;
                    let key = PublicKey::try_from_bytes(bytes)
                        .map_err(|e| invalid_public_key(self.0, e.to_owned()))?;
                    Ok(Box::new(Verifier(self.0, key)))
                }

                fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
                    Ok(self
                        .private_key(key)?
                        .get_public_key()
                        .into_bytes()
                        .to_vec())
                }
            }
        }
    };
}

fips205_backend!(slh_dsa_sha2_128s);
fips205_backend!(slh_dsa_sha2_128f);
fips205_backend!(slh_dsa_sha2_192s);
fips205_backend!(slh_dsa_sha2_192f);
fips205_backend!(slh_dsa_sha2_256s);
fips205_backend!(slh_dsa_sha2_256f);
fips205_backend!(slh_dsa_shake_128s);
fips205_backend!(slh_dsa_shake_128f);
fips205_backend!(slh_dsa_shake_192s);
fips205_backend!(slh_dsa_shake_192f);
fips205_backend!(slh_dsa_shake_256s);
fips205_backend!(slh_dsa_shake_256f);
