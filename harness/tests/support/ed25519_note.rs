//! A test-only checkpoint authority: C2SP signed notes with one Ed25519 signature line
//! (`— <origin> base64(keyID[4] ‖ sig)`, key ID = SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ pk)[:4]),
//! signing and verifying through the algorithm registry. The note module replaces it.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::{SecretKey, SignOptions, registry, rng};
use pqlab_harness::log::CheckpointAuthority;
use sha2::{Digest, Sha256};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub struct Ed25519Note {
    origin: String,
    key_id: [u8; 4],
    public: Vec<u8>,
    secret: Option<SecretKey>,
    rng: Mutex<rng::SeededRng>,
}

fn key_id(origin: &str, public: &[u8]) -> [u8; 4] {
    let digest = Sha256::new()
        .chain_update(origin.as_bytes())
        .chain_update([0x0A, 0x01])
        .chain_update(public)
        .finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

impl Ed25519Note {
    /// A fresh key from a fixed seed.
    pub fn generate(origin: &str, seed: u64) -> Self {
        let imp = registry::lookup("ed25519")
            .unwrap()
            .default_implementation();
        let mut rng = rng::seeded(seed);
        let pair = imp.generate(&mut rng).unwrap();
        Self {
            origin: origin.to_owned(),
            key_id: key_id(origin, &pair.public),
            public: pair.public,
            secret: Some(pair.secret),
            rng: Mutex::new(rng),
        }
    }

    /// Verify-only, from a C2SP vkey `name+hex(id)+base64(0x01 ‖ pk)`.
    pub fn from_vkey(vkey: &str) -> Self {
        let mut parts = vkey.splitn(3, '+');
        let origin = parts.next().unwrap().to_owned();
        let id = hex::decode(parts.next().unwrap()).unwrap();
        let key = STANDARD.decode(parts.next().unwrap()).unwrap();
        assert_eq!(key[0], 0x01, "Ed25519 vkey type");
        let public = key[1..].to_vec();
        assert_eq!(
            key_id(&origin, &public).as_slice(),
            id.as_slice(),
            "vkey key ID"
        );
        Self {
            key_id: key_id(&origin, &public),
            origin,
            public,
            secret: None,
            rng: Mutex::new(rng::seeded(0)),
        }
    }
}

impl CheckpointAuthority for Ed25519Note {
    fn origin(&self) -> &str {
        &self.origin
    }

    fn sign(&self, body: &str) -> Result<String, BoxError> {
        let imp = registry::lookup("ed25519")?.default_implementation();
        let secret = self.secret.as_ref().ok_or("verify-only key")?;
        let mut rng = self.rng.lock().unwrap();
        let sig = imp.sign(secret, body.as_bytes(), SignOptions::default(), &mut *rng)?;
        let mut blob = self.key_id.to_vec();
        blob.extend_from_slice(&sig);
        Ok(format!(
            "{body}\n\u{2014} {} {}\n",
            self.origin,
            STANDARD.encode(blob)
        ))
    }

    fn verify(&self, note: &str) -> Result<String, BoxError> {
        let split = note.rfind("\n\n").ok_or("no blank line")?;
        let (body, sigs) = (&note[..=split], &note[split + 2..]);
        let sigs = sigs.strip_suffix('\n').ok_or("no final newline")?;
        let imp = registry::lookup("ed25519")?.default_implementation();
        for line in sigs.split('\n') {
            let rest = line
                .strip_prefix("\u{2014} ")
                .ok_or("not a signature line")?;
            let (name, b64) = rest.split_once(' ').ok_or("malformed signature line")?;
            let blob = STANDARD.decode(b64)?;
            if name == self.origin && blob.len() == 68 && blob[..4] == self.key_id {
                imp.verify(&self.public, body.as_bytes(), b"", &blob[4..])?;
                return Ok(body.to_owned());
            }
        }
        Err("no signature by the log's key".into())
    }
}
