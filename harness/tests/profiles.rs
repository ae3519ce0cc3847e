//! Profiles: the built-in table and user profiles from TOML, refused with the line named.

use pqlab_harness::profile::{self, EntryShape, ProfileError, parse_profiles_toml};

#[test]
fn built_in_profiles_cover_the_design_and_are_unique() {
    let profiles = profile::built_in();
    let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
    for required in [
        "sigstore-today",
        "pq-leaf-ml-dsa-65",
        "pq-all-ml-dsa-44",
        "pq-all-ml-dsa-65",
        "pq-all-ml-dsa-87",
        "slh-dsa-roots",
        "composite-ml-dsa-65-ed25519",
        "dual-checkpoint",
        "fn-dsa-512",
    ] {
        assert!(
            names.contains(&required),
            "missing built-in profile {required}"
        );
    }
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "duplicate profile names");
    assert!(
        profiles
            .iter()
            .any(|p| p.entry_shape == EntryShape::HashOnly)
    );
    let dual = profile::find(&profiles, "dual-checkpoint").unwrap();
    assert_eq!(dual.checkpoint, ["ed25519", "ml-dsa-44"]);
    let today = profile::find(&profiles, "sigstore-today").unwrap();
    assert_eq!(
        (
            today.root.as_str(),
            today.leaf.as_str(),
            today.checkpoint[0].as_str()
        ),
        ("ecdsa-p384-sha384", "ecdsa-p256-sha256", "ed25519")
    );
}

#[test]
fn every_built_in_profile_names_registered_algorithms() {
    profile::validate_built_in().unwrap();
}

#[test]
fn user_profiles_inherit_from_a_base() {
    let toml = r#"
[[profile]]
name = "my-leaf"
description = "ML-DSA-44 leaf"
base = "sigstore-today"
leaf = "ed25519@ed25519-dalek"
witnesses = 3
"#;
    let profiles = parse_profiles_toml(toml, "p.toml").unwrap();
    assert_eq!(profiles.len(), 1);
    let p = &profiles[0];
    assert_eq!(p.leaf, "ed25519@ed25519-dalek");
    assert_eq!(p.root, "ecdsa-p384-sha384");
    assert_eq!(p.witnesses, 3);
}

#[test]
fn bad_profile_files_name_the_line() {
    let unknown_alg = "[[profile]]\nname = \"x\"\n\nleaf = \"rot13\"\n";
    let err = parse_profiles_toml(unknown_alg, "p.toml").unwrap_err();
    assert!(
        matches!(
            err,
            ProfileError::Algorithm {
                line: 4,
                role: "leaf",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with("p.toml:4:"), "{err}");
    assert!(
        err.to_string().contains("ed25519"),
        "lists known ids: {err}"
    );

    let unknown_key = "[[profile]]\nname = \"x\"\nleef = \"ed25519\"\n";
    let err = parse_profiles_toml(unknown_key, "p.toml").unwrap_err();
    assert!(matches!(err, ProfileError::Toml { .. }), "{err}");
    assert!(err.to_string().contains("line 3"), "{err}");

    let clash = "[[profile]]\nname = \"sigstore-today\"\n";
    let err = parse_profiles_toml(clash, "p.toml").unwrap_err();
    assert!(
        matches!(err, ProfileError::Invalid { line: 2, .. }),
        "{err}"
    );

    let no_checkpoint = "[[profile]]\nname = \"y\"\ncheckpoint = []\n";
    let err = parse_profiles_toml(no_checkpoint, "p.toml").unwrap_err();
    assert!(
        matches!(err, ProfileError::Invalid { line: 3, .. }),
        "{err}"
    );

    let too_many = "[[profile]]\nname = \"z\"\nwitnesses = 200\n";
    let err = parse_profiles_toml(too_many, "p.toml").unwrap_err();
    assert!(
        matches!(err, ProfileError::Invalid { line: 3, .. }),
        "{err}"
    );

    let bad_base = "[[profile]]\nname = \"w\"\nbase = \"nope\"\n";
    let err = parse_profiles_toml(bad_base, "p.toml").unwrap_err();
    assert!(
        matches!(err, ProfileError::Invalid { line: 3, .. }),
        "{err}"
    );

    let err = profile::find(&profile::built_in(), "nope").unwrap_err();
    assert!(err.to_string().contains("sigstore-today"), "{err}");
}
