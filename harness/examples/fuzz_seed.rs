//! Writes the fuzz seed corpora made of pqlab's own output (`scripts/fuzz-seed` runs it):
//! bundles, trusted roots, checkpoints, tiles, proofs, certificates, timestamps, entries and
//! TOML files from simulated deployments with a fixed seed and clock, so the seeds are the
//! same on every run. Also writes `fixtures/` (the trusted root, artifact and signature the
//! `verify_bundle`, `note` and `timestamp` targets check against).
//!
//! Usage: `cargo run -p pqlab-harness --example fuzz_seed -- <fuzz-dir>`; the seeds go to
//! `<fuzz-dir>/seeds/<target>/` and the fixtures to `<fuzz-dir>/fixtures/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use anyhow::{Context, Result};
use pqlab_harness::bundle::Bundle;
use pqlab_harness::log::storage::MemoryStorage;
use pqlab_harness::log::{CheckpointAuthority, Log, layout};
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::runner::suite::DEFAULT_SUITE;

/// The fixed signing time of every seed (2026-01-01T00:00:00Z).
const SIGN_TIME: u64 = 1_767_225_600;
/// The artifact every seed bundle signs (the fuzz targets hold the same bytes).
const ARTIFACT: &[u8] = b"hello pqlab\n";
const IDENTITY: &str = "alice@example.org";
const ISSUER: &str = "https://oidc.example.org";
/// The profile of the fixture deployment the verifying targets check against.
const FIXTURE_PROFILE: &str = "sigstore-today";
/// Further profiles whose output seeds the parsers (post-quantum keys, witnesses, two
/// checkpoint signatures).
const SEED_PROFILES: [&str; 4] = [
    "sigstore-today",
    "sigstore-today-witnessed",
    "pq-all-ml-dsa-44",
    "dual-checkpoint",
];

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) -> Result<()> {
    let dir = dir.join("seeds").join(target);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(name), bytes).with_context(|| format!("writing {target}/{name}"))
}

/// Every file under `dir`, with its path relative to `dir`.
fn files_under(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files_under(&path, base, out)?;
        } else {
            let rel = path
                .strip_prefix(base)?
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    Ok(())
}

/// A checkpoint authority that signs with a fixed fake line and accepts any well-formed note
/// (the proof seeds need a tree, not signatures).
struct Unsigned;

impl CheckpointAuthority for Unsigned {
    fn origin(&self) -> &str {
        "fuzz.pqlab.example"
    }
    fn sign(&self, body: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(format!("{body}\n\u{2014} fuzz AAAAAAA=\n"))
    }
    fn verify(&self, note: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(pqlab_harness::note::Note::parse(note)?.text().to_owned())
    }
}

/// The objects of `storage` as a `log_storage` seed: repeated `u8 name length ‖ name ‖ u16
/// BE length ‖ data` (`fuzz/src/targets.rs`, `storage_records`).
fn storage_seed(storage: &MemoryStorage) -> Result<Vec<u8>> {
    use pqlab_harness::log::storage::LogStorage;
    let mut out = Vec::new();
    for name in storage.names() {
        let data = storage.read(&name)?.context("listed object")?;
        out.push(u8::try_from(name.len())?);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&u16::try_from(data.len())?.to_be_bytes());
        out.extend_from_slice(&data);
    }
    Ok(out)
}

fn proof_seeds(fuzz: &Path) -> Result<()> {
    // Logs of a few sizes (partial tiles, one full tile, a second level) as log_storage
    // seeds; the Unsigned origin is the fuzz target's.
    for (size, batches) in [(5u32, 1u32), (256, 2), (300, 3)] {
        let storage = MemoryStorage::new();
        let mut log = Log::create(storage.clone(), Arc::new(Unsigned))?;
        let per = size.div_ceil(batches);
        for b in 0..batches {
            let batch: Vec<Vec<u8>> = (b * per..((b + 1) * per).min(size))
                .map(|i| format!("entry {i}").into_bytes())
                .collect();
            log.append_batch(&batch)?;
        }
        write(
            fuzz,
            "log_storage",
            &format!("log-{size}"),
            &storage_seed(&storage)?,
        )?;
    }
    let mut log = Log::create(MemoryStorage::new(), Arc::new(Unsigned))?;
    let entries: Vec<Vec<u8>> = (0u32..300).map(|i| i.to_be_bytes().to_vec()).collect();
    log.append_batch(&entries)?;
    // Inclusion: mode 0 ‖ index ‖ size ‖ leaf hash ‖ root ‖ proof hashes.
    for (index, size) in [(0u64, 1u64), (3, 7), (255, 256), (256, 300), (17, 300)] {
        let proof = log.prove_inclusion(index, Some(size))?;
        let mut seed = vec![0u8];
        seed.extend_from_slice(&index.to_be_bytes());
        seed.extend_from_slice(&size.to_be_bytes());
        seed.extend_from_slice(&pqlab_harness::entry::leaf_hash(&entries[index as usize]));
        seed.extend_from_slice(&proof.root_hash);
        for h in &proof.hashes {
            seed.extend_from_slice(h);
        }
        write(fuzz, "proofs", &format!("inclusion-{index}-{size}"), &seed)?;
    }
    // Consistency: mode 1 ‖ size1 ‖ size2 ‖ root1 ‖ root2 ‖ proof hashes.
    for (size1, size2) in [(1u64, 2u64), (3, 7), (256, 300), (100, 300), (300, 300)] {
        let (proof, root1, root2) = log.prove_consistency(size1, Some(size2))?;
        let mut seed = vec![1u8];
        seed.extend_from_slice(&size1.to_be_bytes());
        seed.extend_from_slice(&size2.to_be_bytes());
        seed.extend_from_slice(&root1);
        seed.extend_from_slice(&root2);
        for h in &proof {
            seed.extend_from_slice(h);
        }
        write(
            fuzz,
            "proofs",
            &format!("consistency-{size1}-{size2}"),
            &seed,
        )?;
    }
    Ok(())
}

fn deployment_seeds(fuzz: &Path, work: &Path, name: &str) -> Result<()> {
    let profiles = profile::built_in();
    let profile = profile::find(&profiles, name)?;
    let now = UNIX_EPOCH + Duration::from_secs(SIGN_TIME);
    let dir = work.join(name);
    let instance = Instance::create(&dir, profile, 7, now)?;
    let identity = OidcIdentity::email(IDENTITY, ISSUER);
    let root_json = std::fs::read(instance.trusted_root_path())?;
    write(fuzz, "trusted_root", &format!("{name}.json"), &root_json)?;
    let witnesses = dir.join(pqlab_harness::pipeline::WITNESSES_PATH);
    if witnesses.exists() {
        let policy = std::fs::read(&witnesses)?;
        write(
            fuzz,
            "trusted_root",
            &format!("{name}-witnesses.json"),
            &policy,
        )?;
    }
    let root = pqlab_harness::bundle::trusted_root::TrustedRoot::parse(&root_json)?;
    for ca in root
        .certificate_authorities
        .iter()
        .chain(&root.timestamp_authorities)
    {
        for (i, der) in ca.chain.iter().enumerate() {
            write(
                fuzz,
                "x509",
                &format!("{name}-ca-{}-{i}.der", ca.uri.len()),
                der,
            )?;
        }
    }
    for (i, log) in root.tlogs.iter().chain(&root.ctlogs).enumerate() {
        write(
            fuzz,
            "x509",
            &format!("{name}-spki-{i}.der"),
            &log.public_key,
        )?;
    }
    for dsse in [false, true] {
        let kind = if dsse { "dsse" } else { "message" };
        let outcome = instance.sign(ARTIFACT, "a.txt", &identity, dsse, now)?;
        let json = outcome.json.as_bytes();
        write(fuzz, "bundle", &format!("{name}-{kind}.json"), json)?;
        write(fuzz, "verify_bundle", &format!("{name}-{kind}.json"), json)?;
        let bundle: Bundle = outcome.bundle;
        if let Some(leaf) = bundle.material.leaf_certificate() {
            write(fuzz, "x509", &format!("{name}-{kind}-leaf.der"), leaf)?;
        }
        for (i, ts) in bundle.timestamps.iter().enumerate() {
            write(fuzz, "timestamp", &format!("{name}-{kind}-{i}.der"), ts)?;
        }
        for (i, entry) in bundle.tlog_entries.iter().enumerate() {
            write(
                fuzz,
                "entry",
                &format!("{name}-{kind}-{i}.json"),
                &entry.canonicalized_body,
            )?;
            if let Some(cp) = entry
                .inclusion_proof
                .as_ref()
                .and_then(|p| p.checkpoint.as_ref())
            {
                write(
                    fuzz,
                    "note",
                    &format!("{name}-{kind}-{i}.txt"),
                    cp.as_bytes(),
                )?;
            }
        }
        if name == FIXTURE_PROFILE && !dsse {
            let fixtures = fuzz.join("fixtures");
            std::fs::create_dir_all(&fixtures)?;
            std::fs::write(fixtures.join("trusted_root.json"), &root_json)?;
            std::fs::write(fixtures.join("artifact.txt"), ARTIFACT)?;
            let signature = bundle.signature_bytes().context("no signature")?;
            std::fs::write(fixtures.join("signature.bin"), signature)?;
        }
    }
    // The log's objects: the checkpoint as a note seed, tiles and entry bundles as
    // `width - 1 ‖ bytes` tile seeds.
    let log_dir = dir.join(pqlab_harness::pipeline::LOG_DIR);
    let mut files = Vec::new();
    files_under(&log_dir, &log_dir, &mut files)?;
    for (rel, path) in files {
        let bytes = std::fs::read(&path)?;
        if rel == layout::CHECKPOINT_PATH {
            write(fuzz, "note", &format!("{name}-checkpoint.txt"), &bytes)?;
        } else if let Ok(tile) = layout::parse_path(&rel) {
            let mut seed = vec![u8::try_from(tile.width - 1).unwrap_or(u8::MAX)];
            seed.extend_from_slice(&bytes);
            write(
                fuzz,
                "tiles",
                &format!("{name}-{}", rel.replace('/', "_")),
                &seed,
            )?;
            write(
                fuzz,
                "tiles",
                &format!("path-{}", rel.replace('/', "_")),
                rel.as_bytes(),
            )?;
        }
    }
    Ok(())
}

fn toml_seeds(fuzz: &Path) -> Result<()> {
    write(
        fuzz,
        "suite_toml",
        "default-suite.toml",
        DEFAULT_SUITE.as_bytes(),
    )?;
    let profiles = r#"[[profile]]
name = "ml-dsa-44-leaf-witnessed"
description = "ML-DSA-44 signer, three ML-DSA-44 witnesses"
base = "sigstore-today"
leaf = "ml-dsa-44"
checkpoint = ["ed25519", "ml-dsa-44"]
witnesses = 3
witness = "ml-dsa-44"
entry-shape = "hashedrekord"
"#;
    write(fuzz, "profile_toml", "profiles.toml", profiles.as_bytes())?;
    let suite = format!(
        "name = \"inline\"\nseed = 3\nprofiles = [\"ml-dsa-44-leaf-witnessed\"]\n\
         workloads = [\"log-growth\"]\n[log-growth]\nsizes = [10, 100]\nproject = [1000]\n\
         batch = 8\n\n{profiles}"
    );
    write(fuzz, "suite_toml", "inline-profile.toml", suite.as_bytes())?;
    Ok(())
}

fn main() -> Result<()> {
    let fuzz = PathBuf::from(
        std::env::args()
            .nth(1)
            .context("usage: fuzz_seed <fuzz-dir>")?,
    );
    let work = tempfile::tempdir()?;
    for name in SEED_PROFILES {
        deployment_seeds(&fuzz, work.path(), name).with_context(|| format!("profile {name}"))?;
    }
    proof_seeds(&fuzz)?;
    toml_seeds(&fuzz)?;
    println!("fuzz seeds written under {}", fuzz.display());
    Ok(())
}
