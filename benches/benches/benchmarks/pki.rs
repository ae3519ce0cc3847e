//! The simulated PKI per algorithm: leaf issuance (precertificate TBS, SCT by the CT log,
//! final certificate signed by the intermediate) and Fulcio-leaf verification (chain of three
//! signatures, profile, SCT). Every role uses the same algorithm; the leaf key is ECDSA P-256
//! as Sigstore clients use today. Ids: `pki_issue_leaf/<algorithm>`,
//! `pki_verify_leaf/<algorithm>`.

use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{BenchmarkId, Criterion};
use pqlab_algorithms::{encoding, registry, rng};
use pqlab_harness::pki::verify;
use pqlab_harness::pki::{Authority, CtLog, OidcIdentity};

const ALGORITHMS: &[&str] = &[
    "ecdsa-p256-sha256",
    "ecdsa-p384-sha384",
    "ed25519",
    "ml-dsa-44",
    "ml-dsa-65",
    "ml-dsa-87",
    "composite-ml-dsa-65-ecdsa-p256",
];

pub(crate) fn bench(c: &mut Criterion) {
    let now = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let identity = OidcIdentity::email("alice@simulated.example", "https://oidc.simulated.example");
    let leaf_imp = registry::lookup("ecdsa-p256-sha256")
        .expect("registered")
        .default_implementation();
    let leaf_pair = leaf_imp.generate(&mut rng::seeded(1)).expect("keygen");
    let leaf_spki = encoding::spki_der(leaf_imp.info(), &leaf_pair.public).expect("spki");
    let mut issue = c.benchmark_group("pki_issue_leaf");
    issue.sample_size(20);
    issue.measurement_time(Duration::from_secs(3));
    let mut verify_group_inputs = Vec::new();
    for &alg in ALGORITHMS {
        if registry::lookup(alg).is_err() {
            continue;
        }
        let mut ca = Authority::generate(alg, alg, 2, now).expect("authority");
        let mut ct = CtLog::generate(alg, 3).expect("ct log");
        issue.bench_function(BenchmarkId::from_parameter(alg), |b| {
            b.iter(|| {
                ca.issue_leaf(&identity, black_box(&leaf_spki), &mut ct, now)
                    .expect("issue")
            });
        });
        let leaf = ca
            .issue_leaf(&identity, &leaf_spki, &mut ct, now)
            .expect("issue");
        verify_group_inputs.push((alg, ca, ct, leaf.der));
    }
    issue.finish();
    let mut check = c.benchmark_group("pki_verify_leaf");
    check.sample_size(20);
    check.measurement_time(Duration::from_secs(3));
    let at: SystemTime = now + Duration::from_secs(60);
    for (alg, ca, ct, leaf) in &verify_group_inputs {
        let inter = [ca.intermediate_der().to_vec()];
        let root = [ca.root_der().to_vec()];
        let logs = [ct.spki_der().to_vec()];
        check.bench_function(BenchmarkId::from_parameter(alg), |b| {
            b.iter(|| {
                verify::verify_fulcio_leaf(black_box(leaf), &inter, &root, &logs, at)
                    .expect("verify")
            });
        });
    }
    check.finish();
}
