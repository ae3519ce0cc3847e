//! The `hbs-lms` backend (SHA-256, m = n = 32) for one HSS parameter list.

use hbs_lms::{HssParameter, LmotsAlgorithm, LmsAlgorithm, Seed, Sha256_256};
use rand_core::CryptoRng;

use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey, SignOptions,
    SignatureAlgorithm, StateStore, check_context,
};

static HBS_LMS: Implementation = Implementation {
    id: "hbs-lms",
    crate_name: "hbs-lms",
    crate_version: "0.2.0-alpha.1",
    limitations: &[],
};

/// Secret key layout (`hbs-lms` reference encoding): used-leaf count, parameters, seed.
const COUNT: std::ops::Range<usize> = 0..8;
const PARAMETERS: std::ops::Range<usize> = 8..16;
const SECRET_KEY_LEN: usize = 48;

/// One HSS parameter list (top level first).
pub(super) struct Hss {
    pub(super) info: &'static AlgorithmInfo,
    pub(super) levels: &'static [(LmotsAlgorithm, LmsAlgorithm)],
}

impl Hss {
    fn parameters(&self) -> Vec<HssParameter<Sha256_256>> {
        self.levels
            .iter()
            .map(|&(ots, lms)| HssParameter::new(ots, lms))
            .collect()
    }

    /// The parameter bytes of the secret key: per level `lms_type << 4 | lmots_type`
    /// (RFC 8554 type codes); unused levels are 0xff, up to eight levels.
    fn parameter_bytes(&self) -> [u8; 8] {
        let mut out = [0xffu8; 8];
        for (slot, &(ots, lms)) in out.iter_mut().zip(self.levels) {
            *slot = ((lms_type(lms) << 4) + ots_type(ots)) as u8;
        }
        out
    }

    /// Total one-time signatures: 2^(sum of tree heights).
    fn capacity(&self) -> u64 {
        let height: u32 = self.levels.iter().map(|&(_, lms)| tree_height(lms)).sum();
        1u64 << height
    }

    /// Validates a secret key and returns its used-leaf count.
    fn parse(&self, key: &SecretKey) -> Result<u64, Error> {
        let bytes = key.as_bytes();
        let invalid = |reason: String| Error::InvalidSecretKey {
            algorithm: self.info.id,
            reason,
        };
        if bytes.len() != SECRET_KEY_LEN {
            return Err(invalid(format!(
                "expected {SECRET_KEY_LEN} bytes, got {}",
                bytes.len()
            )));
        }
        if bytes[PARAMETERS] != self.parameter_bytes() {
            return Err(invalid(
                "parameter set differs from this algorithm".to_owned(),
            ));
        }
        let mut count = [0u8; 8];
        count.copy_from_slice(&bytes[COUNT]);
        Ok(u64::from_be_bytes(count))
    }

    fn backend(&self, message: &str) -> Error {
        Error::Backend {
            algorithm: self.info.id,
            implementation: HBS_LMS.id,
            message: message.to_owned(),
        }
    }
}

fn lms_type(lms: LmsAlgorithm) -> u32 {
    match lms {
        LmsAlgorithm::LmsH5 => 5,
        LmsAlgorithm::LmsH10 => 6,
        LmsAlgorithm::LmsH15 => 7,
        LmsAlgorithm::LmsH20 => 8,
        LmsAlgorithm::LmsH25 => 9,
        _ => 0,
    }
}

fn tree_height(lms: LmsAlgorithm) -> u32 {
    match lms {
        LmsAlgorithm::LmsH5 => 5,
        LmsAlgorithm::LmsH10 => 10,
        LmsAlgorithm::LmsH15 => 15,
        LmsAlgorithm::LmsH20 => 20,
        LmsAlgorithm::LmsH25 => 25,
        _ => 0,
    }
}

fn ots_type(ots: LmotsAlgorithm) -> u32 {
    match ots {
        LmotsAlgorithm::LmotsW1 => 1,
        LmotsAlgorithm::LmotsW2 => 2,
        LmotsAlgorithm::LmotsW4 => 3,
        LmotsAlgorithm::LmotsW8 => 4,
        _ => 0,
    }
}

struct Verifier {
    info: &'static AlgorithmInfo,
    public_key: Vec<u8>,
}

impl PreparedVerifier for Verifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        if !context.is_empty() {
            return Err(Error::Unsupported {
                algorithm: self.info.id,
                implementation: HBS_LMS.id,
                limitation: crate::Limitation::NoContextString,
            });
        }
        if signature.len() != self.info.sizes.signature {
            return Err(Error::MalformedSignature {
                algorithm: self.info.id,
                reason: format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.signature,
                    signature.len()
                ),
            });
        }
        hbs_lms::verify::<Sha256_256>(message, signature, &self.public_key).map_err(|_| {
            Error::VerificationFailed {
                algorithm: self.info.id,
            }
        })
    }
}

impl SignatureAlgorithm for Hss {
    fn info(&self) -> &'static AlgorithmInfo {
        self.info
    }

    fn implementation(&self) -> &'static Implementation {
        &HBS_LMS
    }

    /// The 32-byte HSS seed comes from `rng` (RFC 8554 Appendix A pseudorandom key
    /// generation, as the reference implementation derives I and SEED).
    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let mut seed = Seed::<Sha256_256>::default();
        rng.fill_bytes(seed.as_mut_slice());
        let (secret, public) = hbs_lms::keygen::<Sha256_256>(&self.parameters(), &seed, None)
            .map_err(|_| self.backend("key generation failed"))?;
        Ok(KeyPair {
            public: public.as_slice().to_vec(),
            secret: SecretKey::new(secret.as_slice().to_vec()),
        })
    }

    fn sign(
        &self,
        _key: &SecretKey,
        _message: &[u8],
        _options: SignOptions<'_>,
        _rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        Err(Error::StatefulKeyRequiresStore {
            algorithm: self.info.id,
        })
    }

    fn sign_stateful(
        &self,
        key: &mut SecretKey,
        store: &mut dyn StateStore,
        message: &[u8],
        options: SignOptions<'_>,
        _rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        let used = self.parse(key)?;
        let capacity = self.capacity();
        if used >= capacity {
            return Err(Error::KeyExhausted {
                algorithm: self.info.id,
                capacity,
            });
        }
        let mut reported = None;
        let signature = hbs_lms::sign::<Sha256_256>(
            message,
            key.as_bytes(),
            &mut |new_key: &[u8]| {
                reported = Some(new_key.to_vec());
                Ok(())
            },
            None,
        )
        .map_err(|_| self.backend("signing failed"))?;
        // The advanced state: `hbs-lms` reports count + 1, except after the last leaf, where
        // it wipes the key; pqlab keeps the key with count = capacity, which every later
        // signing attempt refuses as exhausted.
        let mut new_state = key.as_bytes().to_vec();
        new_state[COUNT].copy_from_slice(&(used + 1).to_be_bytes());
        if used + 1 < capacity && reported.as_deref() != Some(new_state.as_slice()) {
            return Err(self.backend("unexpected state update from hbs-lms"));
        }
        key.replace(new_state.clone());
        store
            .persist(&new_state)
            .map_err(|source| Error::StatePersistence {
                algorithm: self.info.id,
                source,
            })?;
        Ok(signature.as_ref().to_vec())
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        let invalid = |reason: String| Error::InvalidPublicKey {
            algorithm: self.info.id,
            reason,
        };
        if public_key.len() != self.info.sizes.public_key {
            return Err(invalid(format!(
                "expected {} bytes, got {}",
                self.info.sizes.public_key,
                public_key.len()
            )));
        }
        // u32 L, u32 LMS type, u32 LMOTS type (RFC 8554 §5.3, §6.1).
        let word = |i: usize| {
            u32::from_be_bytes([
                public_key[4 * i],
                public_key[4 * i + 1],
                public_key[4 * i + 2],
                public_key[4 * i + 3],
            ])
        };
        let (levels, lms, ots) = (word(0), word(1), word(2));
        let (top_ots, top_lms) = self.levels[0];
        if usize::try_from(levels).ok() != Some(self.levels.len())
            || lms != lms_type(top_lms)
            || ots != ots_type(top_ots)
        {
            return Err(invalid(format!(
                "L = {levels}, LMS type {lms}, LMOTS type {ots}: not this parameter set"
            )));
        }
        Ok(Box::new(Verifier {
            info: self.info,
            public_key: public_key.to_vec(),
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        self.parse(key)?;
        let mut seed = Seed::<Sha256_256>::default();
        seed.as_mut_slice()
            .copy_from_slice(&key.as_bytes()[PARAMETERS.end..]);
        let (_, public) = hbs_lms::keygen::<Sha256_256>(&self.parameters(), &seed, None)
            .map_err(|_| self.backend("public key derivation failed"))?;
        Ok(public.as_slice().to_vec())
    }
}
