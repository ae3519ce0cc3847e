//! Every registry algorithm as a log key and as a witness: sign, serialize, parse, verify;
//! vkey round trips; key-ID and type choices; k-of-n witness policies.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use pqlab_algorithms::{Family, registry};
use pqlab_harness::note::{
    Checkpoint, CheckpointVerifier, Clock, KeyName, LogAuthority, Note, NoteError, NoteSigner,
    NoteVerifier, SignatureType, SignerRole, VerifierKey, VerifierSet, WitnessPolicy,
};

const ORIGIN: &str = "log.pqlab.example";
const T: u64 = 1_764_200_000;

fn body(size: u64) -> String {
    Checkpoint::new(ORIGIN, size, [size as u8; 32])
        .unwrap()
        .format()
}

fn expected_type(alg_id: &str, family: Family, role: SignerRole) -> SignatureType {
    match (role, alg_id, family) {
        (SignerRole::Log, "ed25519", _) => SignatureType::Ed25519,
        (SignerRole::Log, _, Family::Ecdsa) => SignatureType::Ecdsa,
        (SignerRole::Witness, "ed25519", _) => SignatureType::CosignatureEd25519,
        (_, "ml-dsa-44", _) => SignatureType::CosignatureMlDsa44,
        (SignerRole::Log, _, _) => SignatureType::PrivateNote,
        (SignerRole::Witness, _, _) => SignatureType::PrivateCosignature,
    }
}

#[test]
fn every_algorithm_as_log_key_and_as_witness() {
    let mut count = 0;
    for alg in registry::all() {
        let id = alg.id();
        let authority = LogAuthority::generate(
            ORIGIN,
            id,
            &[id, "ed25519"],
            WitnessPolicy::at_least(2),
            Clock::Fixed(T),
            7,
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let log_key = authority.log_signer().verifier_key();
        assert_eq!(
            log_key.sig_type(),
            expected_type(id, alg.info.family, SignerRole::Log),
            "{id}"
        );
        let witness_key = authority.witnesses()[0].verifier_key();
        assert_eq!(
            witness_key.sig_type(),
            expected_type(id, alg.info.family, SignerRole::Witness),
            "{id}"
        );
        // vkeys round trip and name the same key hash.
        for key in [log_key, witness_key] {
            let parsed = VerifierKey::parse(&key.to_string()).unwrap();
            assert_eq!(&parsed, key, "{id}");
            assert_eq!(parsed.key_hash(), key.key_hash());
            assert_eq!(parsed.key_id().0, key.key_hash()[..4]);
        }
        assert_eq!(authority.log_id(), log_key.key_hash());

        let text = body(42);
        let signed = authority.sign_checkpoint(&text).unwrap();
        let note = Note::parse(&signed).unwrap();
        assert_eq!(note.serialize(), signed);
        assert_eq!(note.signatures.len(), 3, "{id}");
        // Timestamped types carry the clock's time.
        for (sig, key) in note.signatures.iter().zip([log_key, witness_key]) {
            if key.sig_type().is_timestamped() {
                assert_eq!(sig.signature[..8], T.to_be_bytes(), "{id}");
            }
        }
        assert_eq!(authority.verify_checkpoint(&signed).unwrap(), text);
        let verified = authority.verifier().verify(&signed).unwrap();
        assert_eq!(verified.witnesses.len(), 2, "{id}");

        // The same signatures over another body fail with the log key named.
        let forged = signed.replacen("\n42\n", "\n43\n", 1);
        let err = authority.verify_checkpoint(&forged).unwrap_err();
        assert!(
            matches!(err, NoteError::InvalidSignature { .. }),
            "{id}: {err:?}"
        );
        count += 1;
    }
    eprintln!("every_algorithm_as_log_key_and_as_witness: {count} algorithms");
}

/// A 0xff key used for note signatures is not a cosigner key, and the other way round: the
/// long identifier is part of the key hash.
#[test]
fn private_identifiers_separate_roles() {
    for alg in registry::all() {
        let id = alg.id();
        let name = KeyName::new("k.example").unwrap();
        let log = NoteSigner::generate(id, name.clone(), SignerRole::Log, 3).unwrap();
        let wit = NoteSigner::generate(id, name, SignerRole::Witness, 3).unwrap();
        if log.verifier_key().sig_type() == SignatureType::PrivateNote {
            assert_ne!(
                log.verifier_key().key_id(),
                wit.verifier_key().key_id(),
                "{id}"
            );
            let text = body(1);
            let sig = log.sign(&text, 0).unwrap();
            let mut note = Note::new(&text).unwrap();
            note.add_signature(sig).unwrap();
            let set =
                VerifierSet::new(vec![NoteVerifier::new(wit.verifier_key().clone()).unwrap()]);
            assert!(
                matches!(set.verify(&note), Err(NoteError::NoVerifiableSignatures)),
                "{id}"
            );
        }
    }
}

fn authority(witnesses: usize, required: usize, seed: u64) -> LogAuthority {
    let algs = vec!["ed25519"; witnesses];
    LogAuthority::generate(
        ORIGIN,
        "ed25519",
        &algs,
        WitnessPolicy::at_least(required),
        Clock::Fixed(T),
        seed,
    )
    .unwrap()
}

/// Drops the signature lines of the witnesses whose index is not in `keep`.
fn keep_witnesses(signed: &str, a: &LogAuthority, keep: &[usize]) -> String {
    let mut note = Note::parse(signed).unwrap();
    note.signatures.retain(
        |s| match a.witnesses().iter().position(|w| *w.name() == s.name) {
            Some(i) => keep.contains(&i),
            None => true,
        },
    );
    note.serialize()
}

#[test]
fn k_of_n_witness_policy() {
    let a = authority(3, 2, 11);
    let signed = a.sign_checkpoint(&body(9)).unwrap();
    assert_eq!(a.verifier().verify(&signed).unwrap().witnesses.len(), 3);
    // 2 of 3: enough.
    let two = keep_witnesses(&signed, &a, &[0, 2]);
    assert_eq!(a.verifier().verify(&two).unwrap().witnesses.len(), 2);
    // 1 of 3: not enough, and the error says how many verified.
    let one = keep_witnesses(&signed, &a, &[1]);
    let err = a.verifier().verify(&one).unwrap_err();
    assert!(
        matches!(
            err,
            NoteError::InsufficientWitnesses {
                required: 2,
                verified: 1
            }
        ),
        "{err:?}"
    );
    // A witness line repeated counts once.
    let mut dup = Note::parse(&one).unwrap();
    let line = dup.signatures[1].clone();
    dup.add_signature(line).unwrap();
    let err = a.verifier().verify(&dup.serialize()).unwrap_err();
    assert!(
        matches!(err, NoteError::InsufficientWitnesses { verified: 1, .. }),
        "{err:?}"
    );
    // Cosignatures from witnesses the client does not know are ignored, not counted.
    let stranger = authority(2, 0, 12);
    let foreign = stranger.sign_checkpoint(&body(9)).unwrap();
    let mut mixed = Note::parse(&one).unwrap();
    for sig in Note::parse(&foreign)
        .unwrap()
        .signatures
        .into_iter()
        .skip(1)
    {
        mixed.add_signature(sig).unwrap();
    }
    let err = a.verifier().verify(&mixed.serialize()).unwrap_err();
    assert!(
        matches!(err, NoteError::InsufficientWitnesses { verified: 1, .. }),
        "{err:?}"
    );
    // A known witness whose cosignature is corrupted rejects the note.
    let mut bad = Note::parse(&signed).unwrap();
    let last = bad.signatures.last_mut().unwrap();
    let n = last.signature.len();
    last.signature[n - 1] ^= 1;
    let err = a.verifier().verify(&bad.serialize()).unwrap_err();
    assert!(matches!(err, NoteError::InvalidSignature { .. }), "{err:?}");
    // Witness lines without the log's line: the log check fails first.
    let mut no_log = Note::parse(&signed).unwrap();
    no_log.signatures.remove(0);
    let err = a.verifier().verify(&no_log.serialize()).unwrap_err();
    assert!(
        matches!(err, NoteError::MissingLogSignature { .. }),
        "{err:?}"
    );
    // Policies that cannot be met are refused up front.
    let err = LogAuthority::generate(
        ORIGIN,
        "ed25519",
        &["ed25519"],
        WitnessPolicy::at_least(2),
        Clock::Fixed(T),
        1,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            NoteError::InvalidPolicy {
                required: 2,
                available: 1
            }
        ),
        "{err:?}"
    );
    // 0-of-n: witnesses optional (Rekor v2 today).
    let optional = authority(2, 0, 13);
    let signed = optional.sign_checkpoint(&body(1)).unwrap();
    let bare = keep_witnesses(&signed, &optional, &[]);
    assert!(
        optional
            .verifier()
            .verify(&bare)
            .unwrap()
            .witnesses
            .is_empty()
    );
}

#[test]
fn cosigning_an_existing_note() {
    let a = authority(0, 0, 14);
    let signed = a.sign_checkpoint(&body(5)).unwrap();
    let witness = NoteSigner::generate(
        "ed25519",
        KeyName::new("witness.example/w1").unwrap(),
        SignerRole::Witness,
        99,
    )
    .unwrap();
    let mut note = Note::parse(&signed).unwrap();
    let cosig = witness.sign(note.text(), T).unwrap();
    assert_eq!(
        cosig.signature.len(),
        8 + 64,
        "tlog-cosignature: timestamp + Ed25519"
    );
    note.add_signature(cosig).unwrap();
    let cv = CheckpointVerifier::new(
        ORIGIN,
        vec![NoteVerifier::new(a.log_signer().verifier_key().clone()).unwrap()],
        vec![NoteVerifier::new(witness.verifier_key().clone()).unwrap()],
        WitnessPolicy::at_least(1),
    )
    .unwrap();
    let verified = cv.verify(&note.serialize()).unwrap();
    assert_eq!(verified.witnesses, vec![witness.name().clone()]);
    let ts: Vec<_> = verified
        .signatures
        .verified
        .iter()
        .map(|v| v.timestamp)
        .collect();
    assert_eq!(ts, vec![None, Some(T)]);
}

#[test]
fn authority_refuses_foreign_bodies_and_bad_origins() {
    let a = authority(1, 1, 15);
    let other = Checkpoint::new("other.example", 1, [0; 32])
        .unwrap()
        .format();
    assert!(matches!(
        a.sign_checkpoint(&other),
        Err(NoteError::OriginMismatch { .. })
    ));
    assert!(matches!(
        a.sign_checkpoint("not a checkpoint\n"),
        Err(NoteError::MalformedCheckpoint { .. })
    ));
    for origin in [
        "rekor.sigstore.dev - 2605736670972794746",
        "",
        "has space",
        "trailing/",
    ] {
        let err = LogAuthority::generate(
            origin,
            "ed25519",
            &[],
            WitnessPolicy::NONE,
            Clock::Fixed(T),
            1,
        )
        .unwrap_err();
        assert!(
            matches!(err, NoteError::InvalidOrigin { .. }),
            "{origin:?}: {err:?}"
        );
    }
}
