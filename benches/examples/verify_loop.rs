//! Verifies one built-in profile's bundle N times (or runs its primitive signature checks N
//! times), for instruction-count profiling:
//! `verify_loop <profile> <prepared|parsed|json|primitives|all-primitives> <n>`, the modes of
//! the criterion group `verify_bundle`. Under callgrind, compare the `prepared` and
//! `primitives` totals (minus the setup, measured with n = 0) for the issue-5 ratio.

#![allow(
    clippy::expect_used,
    reason = "a profiling driver: any failure is fatal"
)]

use pqlab_benches::verify_inputs::VerifyInputs;
use pqlab_harness::bundle::Bundle;
use pqlab_harness::profile;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).expect("profile name");
    let mode = args.get(2).expect("mode");
    let n: usize = args.get(3).expect("count").parse().expect("count");
    let p = profile::built_in()
        .into_iter()
        .find(|p| &p.name == name)
        .expect("a built-in profile");
    let i = VerifyInputs::new(&p);
    let verifier = i.verifier();
    let verify = |bundle: &Bundle| {
        i.verify_one_shot(bundle).expect("verifies");
    };
    for _ in 0..n {
        match mode.as_str() {
            "parsed" => verify(std::hint::black_box(&i.out.bundle)),
            "json" => {
                verify(&Bundle::parse(std::hint::black_box(i.out.json.as_bytes())).expect("parses"))
            }
            "prepared" => {
                i.verify_prepared(&verifier, std::hint::black_box(&i.out.bundle))
                    .expect("verifies");
            }
            "primitives" => {
                VerifyInputs::run_checks(std::hint::black_box(&i.checks));
            }
            "all-primitives" => {
                VerifyInputs::run_checks(std::hint::black_box(&i.all_checks));
            }
            other => panic!("unknown mode {other}"),
        }
    }
}
