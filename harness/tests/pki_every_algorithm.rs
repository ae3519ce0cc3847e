//! Every registered algorithm can fill every PKI role (root, intermediate, CT log, TSA root,
//! TSA leaf) and as the leaf key: what it issues verifies, with the registry's OIDs in the
//! SPKI and signature `AlgorithmIdentifier`s, and the SCT carries the documented codes.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, UNIX_EPOCH};

use der::Decode;
use pqlab_algorithms::{encoding, registry, rng};
use pqlab_harness::pki::verify;
use pqlab_harness::pki::{Authority, CtLog, OidcIdentity, Tsa, sct_signature_codes};

/// SLH-DSA parameter sets beyond these three differ only in sizes and signing time (the
/// 192/256 "s" and SHAKE sets take minutes here); [`every_slh_dsa_set_fills_every_role`]
/// covers them, ignored by default.
const SLH_DSA_FAST: &[&str] = &[
    "slh-dsa-sha2-128s",
    "slh-dsa-sha2-128f",
    "slh-dsa-shake-128f",
];

fn is_slow(id: &str) -> bool {
    id.starts_with("slh-dsa-") && !SLH_DSA_FAST.contains(&id)
}

#[test]
fn every_registered_algorithm_fills_every_role() {
    fills_every_role(|id| !is_slow(id));
}

#[test]
#[ignore = "minutes of SLH-DSA signing; run with --ignored"]
fn every_slh_dsa_set_fills_every_role() {
    fills_every_role(is_slow);
}

fn fills_every_role(select: impl Fn(&str) -> bool) {
    let now = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let identity = OidcIdentity::email("alice@simulated.example", "https://oidc.simulated.example");
    let mut ran = 0;
    for alg in registry::all().filter(|a| select(a.id())) {
        let id = alg.id();
        let mut ca = Authority::generate(id, id, 1, now).unwrap();
        let mut ct = CtLog::generate(id, 2).unwrap();
        let mut tsa = Tsa::generate(id, id, 3, now).unwrap();
        let imp = alg.default_implementation();
        let pair = imp.generate(&mut rng::seeded(4)).unwrap();
        let spki = encoding::spki_der(imp.info(), &pair.public).unwrap();
        let leaf = ca.issue_leaf(&identity, &spki, &mut ct, now).unwrap();
        let verified = verify::verify_fulcio_leaf(
            &leaf.der,
            &[ca.intermediate_der().to_vec()],
            &[ca.root_der().to_vec()],
            &[ct.spki_der().to_vec()],
            now,
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(verified.public_key_spki, spki, "{id}");
        assert_eq!(
            (leaf.sct.hash_code, leaf.sct.signature_code),
            sct_signature_codes(alg.info),
            "{id}"
        );
        let cert = x509_cert::Certificate::from_der(&leaf.der).unwrap();
        assert_eq!(
            cert.signature_algorithm().oid.to_string(),
            alg.info.oids.signature,
            "{id}"
        );
        assert!(cert.signature_algorithm().parameters.is_none(), "{id}");
        let tsr = tsa.timestamp(b"signature", now).unwrap();
        verify::verify_timestamp(&tsr, b"signature", &[], &[tsa.root_der().to_vec()])
            .unwrap_or_else(|e| panic!("{id} timestamp: {e}"));
        eprintln!(
            "{id} ({}{}): leaf {} B, intermediate {} B, root {} B, TimeStampResp {} B",
            alg.info.oids.source,
            if alg.info.oids.experimental {
                ", experimental OIDs"
            } else {
                ""
            },
            leaf.der.len(),
            ca.intermediate_der().len(),
            ca.root_der().len(),
            tsr.len()
        );
        ran += 1;
    }
    eprintln!("{ran} algorithms filled every role");
}
