//! Primitive latency (issue 6 § 4, DESIGN.md § Metrics "latency"): keygen, sign and verify of
//! every algorithm implementation (or those the suite names), summarised as p50/p95/p99/max
//! with the sample count, and a histogram for signers whose time varies (ML-DSA and FN-DSA
//! rejection sampling). Slow operations get fewer samples: after the warm-up, an operation
//! whose first timed run is slow gets `budget / first run` samples, never fewer than the
//! suite's minimum; the sample count in the results says what was done.

use std::time::{Duration, Instant};

use pqlab_algorithms::Family;
use pqlab_algorithms::{
    MemoryStateStore, SignOptions, SignatureAlgorithm, encoding, registry, rng,
};
use pqlab_reports::Stats;
use pqlab_reports::schema::{AlgorithmResult, KeySizes};

use super::RunError;
use crate::runner::suite::PrimitivesConfig;

/// The message every signature covers (32 bytes, a digest's size).
const MESSAGE: &[u8; 32] = b"pqlab runner primitive message!!";

/// Whether signers of `family` take a variable time by design (rejection sampling).
fn variable_time_family(family: Family) -> bool {
    matches!(
        family,
        Family::MlDsa | Family::FnDsa | Family::FalconR3 | Family::CompositeMlDsa
    )
}

/// Whether the signer's time varies by design (rejection sampling).
fn variable_time(imp: &dyn SignatureAlgorithm) -> bool {
    variable_time_family(imp.info().family)
}

/// Whether the algorithm `id` (or `id@implementation`) signs in variable time (ML-DSA, FN-DSA,
/// Falcon and composite ML-DSA rejection sampling); `false` for an unknown id.
#[must_use]
pub fn is_variable_time(id: &str) -> bool {
    let base = id.split('@').next().unwrap_or(id);
    registry::lookup(base).is_ok_and(|alg| variable_time_family(alg.info.family))
}

/// The implementations to measure, as `id@implementation`.
#[must_use]
pub fn selected(config: &PrimitivesConfig) -> Vec<String> {
    config.implementations.clone().unwrap_or_else(|| {
        registry::all()
            .flat_map(|alg| {
                let default_only = config.default_implementations_only
                    || (config.slow_sets_default_only
                        && alg
                            .implementations
                            .first()
                            .is_some_and(|imp| is_slow_hash_based(*imp)));
                let count = if default_only {
                    1
                } else {
                    alg.implementations.len()
                };
                alg.implementations
                    .iter()
                    .take(count)
                    .map(move |imp| format!("{}@{}", alg.id(), imp.implementation().id))
            })
            .collect()
    })
}

/// The implementations [`selected`] leaves out because of
/// [`PrimitivesConfig::slow_sets_default_only`], as `id@implementation`.
#[must_use]
pub fn left_out_slow(config: &PrimitivesConfig) -> Vec<String> {
    if config.implementations.is_some()
        || config.default_implementations_only
        || !config.slow_sets_default_only
    {
        return Vec::new();
    }
    registry::all()
        .filter(|alg| {
            alg.implementations
                .first()
                .is_some_and(|imp| is_slow_hash_based(*imp))
        })
        .flat_map(|alg| {
            alg.implementations
                .iter()
                .skip(1)
                .map(move |imp| format!("{}@{}", alg.id(), imp.implementation().id))
        })
        .collect()
}

fn elapsed_ns(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// How many times to run an operation: `warmup` untimed runs, then `samples` timed ones or
/// as many as fit `budget_ms`, never fewer than `min_samples`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sampling {
    /// Timed samples wanted.
    pub samples: u32,
    /// Untimed runs first.
    pub warmup: u32,
    /// Time budget, milliseconds (warm-up and timing each).
    pub budget_ms: u64,
    /// Fewest timed samples.
    pub min_samples: u32,
}

impl From<&PrimitivesConfig> for Sampling {
    fn from(c: &PrimitivesConfig) -> Self {
        Sampling {
            samples: c.samples,
            warmup: c.warmup,
            budget_ms: c.budget_ms,
            min_samples: c.min_samples,
        }
    }
}

/// Runs `op` `warmup` times untimed (fewer once the warm-up has used the budget), then times
/// it until it has `samples` samples or the budget is spent (at least `min_samples`); returns
/// the timed samples in nanoseconds.
///
/// # Errors
/// The first error of `op`.
pub fn sample<E>(config: Sampling, mut op: impl FnMut() -> Result<(), E>) -> Result<Vec<u64>, E> {
    let budget = Duration::from_millis(config.budget_ms);
    // Warm-up runs stop early once they have used the budget (a slow signer warms up once).
    let warming = Instant::now();
    for _ in 0..config.warmup {
        op()?;
        if warming.elapsed() >= budget {
            break;
        }
    }
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < config.samples as usize
        && (samples.len() < config.min_samples as usize || started.elapsed() < budget)
    {
        let t = Instant::now();
        op()?;
        samples.push(elapsed_ns(t.elapsed()));
    }
    Ok(samples)
}

/// Whether `id` is a small-signature (`s`) parameter set of SLH-DSA or SPHINCS+
/// (`slh-dsa-sha2-128s`, `sphincs-plus-r3-shake-128s-simple`): signing takes 0.3-3 s.
#[must_use]
pub fn is_slow_hash_based(imp: &dyn SignatureAlgorithm) -> bool {
    matches!(imp.info().family, Family::SlhDsa | Family::SphincsPlusR3)
        && imp.info().id.split('-').any(|part| {
            part.strip_suffix('s')
                .is_some_and(|bits| matches!(bits, "128" | "192" | "256"))
        })
}

/// Measures one implementation (`id@implementation`) with RNGs from `seed`; `None` when the
/// suite skips it ([`is_slow_hash_based`] under `--quick`).
///
/// # Errors
/// [`RunError::Algorithm`] when the implementation fails an operation or rejects its own
/// signature.
pub fn measure(
    spec: &str,
    config: &PrimitivesConfig,
    seed: u64,
) -> Result<Option<AlgorithmResult>, RunError> {
    let wrap = |source| RunError::Algorithm {
        id: spec.to_owned(),
        source,
    };
    let imp = registry::lookup_implementation(spec).map_err(wrap)?;
    let mut rng = rng::seeded(seed);
    if config.skip_slow_hash_based && is_slow_hash_based(imp) {
        return Ok(None);
    }
    let sampling = Sampling::from(config);
    let keygen = sample(sampling, || imp.generate(&mut rng).map(drop)).map_err(wrap)?;
    let mut pair = imp.generate(&mut rng).map_err(wrap)?;
    let mut store = MemoryStateStore;
    let mut largest = 0usize;
    let mut signature = Vec::new();
    let sign = sample(sampling, || {
        let sig = imp.sign_stateful(
            &mut pair.secret,
            &mut store,
            MESSAGE,
            SignOptions::default(),
            &mut rng,
        )?;
        largest = largest.max(sig.len());
        signature = sig;
        Ok(())
    })
    .map_err(wrap)?;
    let verifier = imp.prepare_verifier(&pair.public).map_err(wrap)?;
    let verify = sample(sampling, || verifier.verify(MESSAGE, b"", &signature)).map_err(wrap)?;
    let spki = encoding::spki_der(imp.info(), &pair.public).map_err(wrap)?;
    // Reported signature size: exact for fixed-length algorithms, the declared maximum for
    // variable-length ones (ECDSA DER, Falcon r3, composites with ECDSA). The largest sample
    // depends on randomness that some implementations do not take from our seed, so it would
    // make sizes irreproducible; every sample is checked against the maximum instead.
    let declared = imp.info().sizes.signature;
    if largest > declared {
        return Err(wrap(pqlab_algorithms::Error::MalformedSignature {
            algorithm: imp.info().id,
            reason: format!(
                "a signature of {largest} bytes exceeds the declared maximum {declared}"
            ),
        }));
    }
    let sign_stats = if variable_time(imp) {
        Stats::with_histogram(&sign, config.histogram_buckets)?
    } else {
        Stats::from_samples(&sign)?
    };
    Ok(Some(AlgorithmResult {
        algorithm: imp.info().id.to_owned(),
        implementation: imp.implementation().id.to_owned(),
        crate_name: imp.implementation().crate_name.to_owned(),
        crate_version: imp.implementation().crate_version.to_owned(),
        sizes: KeySizes {
            public_key: pair.public.len() as u64,
            secret_key: pair.secret.as_bytes().len() as u64,
            signature: declared as u64,
            spki_der: spki.len() as u64,
        },
        keygen: Stats::from_samples(&keygen)?,
        sign: sign_stats,
        verify: Stats::from_samples(&verify)?,
    }))
}
