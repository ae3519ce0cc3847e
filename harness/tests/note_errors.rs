//! Bad input gets a typed error naming the failed check: malformed notes, bad vkeys, bad
//! checkpoint bodies, bad signatures.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use pqlab_harness::note::{
    Checkpoint, KeyName, MAX_SIGNATURES, Note, NoteError, NoteSigner, NoteVerifier, SignerRole,
    VerifierKey, VerifierSet,
};

/// Checks that an error is the expected variant.
type Check = fn(&NoteError) -> bool;

const SIG: &str = "\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
const VKEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const TEXT: &str = "This is an example message.\n";

fn note(text: &str, sigs: &str) -> String {
    format!("{text}\n{sigs}")
}

#[test]
fn the_spec_example_is_good() {
    let n = Note::parse(&note(TEXT, SIG)).unwrap();
    let set = VerifierSet::new(vec![NoteVerifier::from_vkey(VKEY).unwrap()]);
    assert_eq!(set.verify(&n).unwrap().verified.len(), 1);
}

#[test]
fn malformed_notes() {
    let cases: Vec<(&str, Vec<u8>, Check)> = vec![
        (
            "missing blank line",
            format!("{TEXT}{SIG}").into_bytes(),
            |e| matches!(e, NoteError::MissingBlankLine),
        ),
        (
            "two blank lines",
            format!("{TEXT}\n\n{SIG}").into_bytes(),
            |e| matches!(e, NoteError::ExtraBlankLine),
        ),
        (
            "no final newline",
            note(TEXT, SIG.trim_end()).into_bytes(),
            |e| matches!(e, NoteError::MissingNewline { .. }),
        ),
        ("no signatures", note(TEXT, "").into_bytes(), |e| {
            matches!(e, NoteError::NoSignatures)
        }),
        ("empty text", note("", SIG).into_bytes(), |e| {
            matches!(e, NoteError::EmptyText | NoteError::MissingBlankLine)
        }),
        (
            "bad base64",
            note(TEXT, &SIG.replace("Uw2Q", "Uw2Q!")).into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { line: 1, .. }),
        ),
        (
            "en dash",
            note(TEXT, &SIG.replace('\u{2014}', "\u{2013}")).into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { line: 1, .. }),
        ),
        (
            "ASCII hyphens",
            note(TEXT, &SIG.replace('\u{2014}', "--")).into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { .. }),
        ),
        (
            "no space after name",
            note(TEXT, "\u{2014} example.com/foo\n").into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { .. }),
        ),
        (
            "name with +",
            note(TEXT, &SIG.replace("example.com/foo", "a+b")).into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { .. }),
        ),
        (
            "signature of 4 bytes",
            note(TEXT, "\u{2014} a AAAAAA==\n").into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { .. }),
        ),
        (
            "second line malformed",
            note(TEXT, &format!("{SIG}junk\n")).into_bytes(),
            |e| matches!(e, NoteError::MalformedSignatureLine { line: 2, .. }),
        ),
        (
            "too many signatures",
            note(TEXT, &SIG.repeat(MAX_SIGNATURES + 1)).into_bytes(),
            |e| {
                matches!(
                    e,
                    NoteError::TooManySignatures {
                        count: 101,
                        max: 100
                    }
                )
            },
        ),
        (
            "not UTF-8",
            [b"\xff".as_slice(), note(TEXT, SIG).as_bytes()].concat(),
            |e| matches!(e, NoteError::NotUtf8),
        ),
        (
            "control character",
            note("tab\there\n", SIG).into_bytes(),
            |e| matches!(e, NoteError::ControlCharacter { code: 9, offset: 3 }),
        ),
        (
            "CRLF",
            note(TEXT, SIG).replace('\n', "\r\n").into_bytes(),
            |e| matches!(e, NoteError::ControlCharacter { code: 13, .. }),
        ),
        ("DEL", note("del\u{7f}\n", SIG).into_bytes(), |e| {
            matches!(
                e,
                NoteError::ControlCharacter {
                    code: 0x7f,
                    offset: 3
                }
            )
        }),
        (
            "C1 control in non-ASCII text",
            note("é\u{85}\n", SIG).into_bytes(),
            |e| {
                matches!(
                    e,
                    NoteError::ControlCharacter {
                        code: 0x85,
                        offset: 2
                    }
                )
            },
        ),
    ];
    for (desc, bytes, check) in &cases {
        let err = Note::parse_bytes(bytes).unwrap_err();
        assert!(check(&err), "{desc}: {err:?}");
        assert!(err.to_string().starts_with("malformed"), "{desc}: {err}");
    }
    // Exactly MAX_SIGNATURES lines are accepted (C2SP: at least 16).
    assert_eq!(
        Note::parse(&note(TEXT, &SIG.repeat(MAX_SIGNATURES)))
            .unwrap()
            .signatures
            .len(),
        MAX_SIGNATURES
    );
    eprintln!("malformed_notes: {} cases", cases.len());
}

#[test]
fn key_names() {
    for bad in ["", "a b", "a+b", "tab\t", "nbsp\u{a0}x"] {
        assert!(
            matches!(KeyName::new(bad), Err(NoteError::InvalidKeyName { .. })),
            "{bad:?}"
        );
    }
    assert_eq!(
        KeyName::new("example.com/foo").unwrap().as_str(),
        "example.com/foo"
    );
}

#[test]
fn bad_vkeys() {
    let cases: &[(&str, Check)] = &[
        ("example.com/foo+530d903a", |e| {
            matches!(e, NoteError::InvalidVerifierKey { .. })
        }),
        (
            "example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
            |e| matches!(e, NoteError::InvalidVerifierKey { .. }),
        ),
        (
            "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
            |e| matches!(e, NoteError::KeyIdMismatch { .. }),
        ),
        (
            "example.com/bar+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
            |e| matches!(e, NoteError::KeyIdMismatch { .. }),
        ),
        (
            "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U",
            |e| matches!(e, NoteError::InvalidVerifierKey { .. }),
        ),
        (
            "example.com/foo+530d903a+B+kyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
            |e| matches!(e, NoteError::UnsupportedSignatureType(0x07)),
        ),
        (
            "ex ample+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
            |e| matches!(e, NoteError::InvalidKeyName { .. }),
        ),
        ("x+00000000+/3BxbGFiL25vcGUKMAA=", |e| {
            matches!(e, NoteError::KeyIdMismatch { .. })
        }),
        ("x+00000000+/25vLW5ld2xpbmU=", |e| {
            matches!(e, NoteError::InvalidVerifierKey { .. })
        }),
    ];
    for (vkey, check) in cases {
        let err = VerifierKey::parse(vkey).unwrap_err();
        assert!(check(&err), "{vkey}: {err:?}");
    }
    eprintln!("bad_vkeys: {} cases", cases.len());
}

#[test]
fn bad_signatures() {
    let set = VerifierSet::new(vec![NoteVerifier::from_vkey(VKEY).unwrap()]);
    // Text changed under a known key's signature.
    let n = Note::parse(&note("This is another message.\n", SIG)).unwrap();
    let err = set.verify(&n).unwrap_err();
    assert!(matches!(err, NoteError::InvalidSignature { .. }), "{err:?}");
    assert!(
        err.to_string().contains("example.com/foo+530d903a"),
        "{err}"
    );
    // A timestamped cosignature too short to hold its timestamp.
    let w = NoteSigner::generate(
        "ed25519",
        KeyName::new("w.example").unwrap(),
        SignerRole::Witness,
        1,
    )
    .unwrap();
    let text = Checkpoint::new("log.example", 3, [1; 32]).unwrap().format();
    let mut sig = w.sign(&text, 5).unwrap();
    sig.signature.truncate(6);
    let mut n = Note::new(&text).unwrap();
    n.add_signature(sig).unwrap();
    let set = VerifierSet::new(vec![NoteVerifier::new(w.verifier_key().clone()).unwrap()]);
    let err = set.verify(&n).unwrap_err();
    assert!(matches!(err, NoteError::InvalidSignature { .. }), "{err:?}");
    // A timestamp above 2^63 - 1 is refused.
    assert!(w.sign(&text, u64::MAX).is_err());
}

#[test]
fn bad_checkpoint_bodies() {
    let root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    let cases = [
        ("leading zero", format!("o\n012\n{root}\n")),
        ("plus sign", format!("o\n+12\n{root}\n")),
        ("negative", format!("o\n-1\n{root}\n")),
        ("hex", format!("o\n0x1\n{root}\n")),
        ("spaces", format!("o\n 1\n{root}\n")),
        ("overflow", format!("o\n18446744073709551616\n{root}\n")),
        ("empty size", format!("o\n\n{root}\n")),
        (
            "31-byte root",
            "o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n".to_owned(),
        ),
        (
            "33-byte root",
            "o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n".to_owned(),
        ),
        (
            "unpadded root",
            format!("o\n1\n{}\n", root.trim_end_matches('=')),
        ),
        ("no root line", "o\n1\n".to_owned()),
        ("no final newline", format!("o\n1\n{root}")),
        ("empty origin", format!("\n1\n{root}\n")),
        ("empty extension line", format!("o\n1\n{root}\n\n")),
        (
            "empty extension between",
            format!("o\n1\n{root}\next\n\nmore\n"),
        ),
    ];
    for (desc, text) in &cases {
        let err = Checkpoint::parse(text).unwrap_err();
        assert!(
            matches!(err, NoteError::MalformedCheckpoint { .. }),
            "{desc}: {err:?}"
        );
    }
    // Good ones, with "0" and u64::MAX sizes and an extension line, round trip.
    for text in [
        format!("o\n0\n{root}\n"),
        format!("o\n18446744073709551615\n{root}\n"),
        format!("example.com/log\n7\n{root}\nextension line\n"),
    ] {
        assert_eq!(Checkpoint::parse(&text).unwrap().format(), text);
    }
    eprintln!("bad_checkpoint_bodies: {} cases", cases.len());
}
