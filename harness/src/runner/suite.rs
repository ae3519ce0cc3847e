//! Suites (issue 6 § Suites): a TOML file naming profiles, workloads, log sizes, sample counts,
//! warm-up and seed. The built-in default is `default-suite.toml` beside this module; every
//! name and key is validated before anything runs, and an error names the file and line.

use pqlab_algorithms::registry;
use serde::Deserialize;
use toml::Spanned;

use crate::profile::{self, EntryShape, Profile, ProfileError};

/// The built-in suite's TOML text (users copy it to start their own).
pub const DEFAULT_SUITE: &str = include_str!("default-suite.toml");

/// Largest log size a `--quick` run measures.
pub const QUICK_MAX_LOG_SIZE: u64 = 10_000;
/// Samples per operation in a `--quick` run (at most).
pub const QUICK_SAMPLES: u32 = 10;
/// Time budget per operation in a `--quick` run, milliseconds (at most).
pub const QUICK_BUDGET_MS: u64 = 200;
/// Appends of the throughput workload in a `--quick` run (at most).
pub const QUICK_THROUGHPUT_ENTRIES: u64 = 10_000;
/// Default synthetic hashedrekord entry size, bytes (a typical Rekor v2 hashedrekord v0.0.2
/// entry, REFERENCE-NUMBERS.md §C4). Log growth uses it only for a profile no bundle workload
/// measured: otherwise the pipeline's real canonicalized entry sets the size.
pub const DEFAULT_HASHEDREKORD_ENTRY_BYTES: u64 = 3180;

/// Largest suite file accepted, in bytes (the default suite is about 3 kB). Listed in
/// `docs/LIMITS.md`.
pub const MAX_SUITE_BYTES: usize = 1 << 20;

/// A suite that is wrong, with the file and line of the problem.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SuiteError {
    /// Not valid TOML, an unknown key or a value of the wrong type (the message carries the
    /// line and column).
    #[error("{file}: {message}")]
    Toml {
        /// The suite file.
        file: String,
        /// The TOML parser's message, with line and column.
        message: String,
    },
    /// A value that is well-typed but wrong.
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The suite file.
        file: String,
        /// 1-based line of the value.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// The file is larger than [`MAX_SUITE_BYTES`]; nothing of it was parsed.
    #[error("{file}: {size} bytes exceeds the suite file limit of {limit} bytes")]
    TooLarge {
        /// The suite file.
        file: String,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// An inline `[[profile]]` table is wrong.
    #[error(transparent)]
    Profile(#[from] ProfileError),
}

/// A workload of a suite (issue 6). The runner implements those whose
/// [`WorkloadKind::is_available`] is true; the others (model signing, monitor) are known
/// names that plug in through [`crate::runner::Workload`] when they land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WorkloadKind {
    /// Keygen, sign and verify latency per algorithm implementation.
    Primitives,
    /// Log storage bytes after N entries on the filesystem driver, with the projection.
    LogGrowth,
    /// Log append throughput per storage driver.
    LogThroughput,
    /// A message-signature bundle per profile: size breakdown, end-to-end sign, full verify.
    MessageSignature,
    /// A DSSE bundle per profile.
    Dsse,
    /// Model signing (model-transparency v1.0).
    ModelSigning,
    /// What following the log costs a monitor.
    Monitor,
}

impl WorkloadKind {
    /// Every workload with its suite name.
    pub const ALL: [(WorkloadKind, &'static str); 7] = [
        (WorkloadKind::Primitives, "primitives"),
        (WorkloadKind::LogGrowth, "log-growth"),
        (WorkloadKind::LogThroughput, "log-throughput"),
        (WorkloadKind::MessageSignature, "message-signature"),
        (WorkloadKind::Dsse, "dsse"),
        (WorkloadKind::ModelSigning, "model-signing"),
        (WorkloadKind::Monitor, "monitor"),
    ];

    /// The suite name (`log-growth`).
    #[must_use]
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("unknown", |(_, n)| n)
    }

    /// Whether this build implements the workload.
    #[must_use]
    pub fn is_available(self) -> bool {
        crate::runner::workload(self).is_some()
    }
}

/// Primitive latency settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimitivesConfig {
    /// Implementations to measure (`None`: every registered one), as `id@implementation`.
    pub implementations: Option<Vec<String>>,
    /// Timed samples per operation.
    pub samples: u32,
    /// Untimed runs before timing.
    pub warmup: u32,
    /// Time budget per operation, milliseconds.
    pub budget_ms: u64,
    /// Fewest samples an operation gets, however slow.
    pub min_samples: u32,
    /// Histogram buckets for variable-time signers.
    pub histogram_buckets: usize,
    /// Skip the small-signature (`s`) parameter sets of SLH-DSA and SPHINCS+, whose signing
    /// takes 0.3-3 s (set by `--quick`; a fixed rule, so quick runs always cover the same
    /// algorithms; the results note every skip).
    pub skip_slow_hash_based: bool,
    /// Measure only each algorithm's default implementation when the suite names none
    /// (set by `--quick`).
    pub default_implementations_only: bool,
    /// Measure only the default implementation of the SLH-DSA and SPHINCS+ `s` sets when the
    /// suite names no implementations (suite key `slow-sets-default-only`): their signing
    /// takes 0.3-8 s per signature; the results note which implementations were left out.
    pub slow_sets_default_only: bool,
}

/// Settings of the bundle workloads (`message-signature`, `dsse`): samples of end-to-end
/// sign and full verify per profile, with the same warm-up and budget rule as primitives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundlesConfig {
    /// Timed samples per operation.
    pub samples: u32,
    /// Untimed runs before timing.
    pub warmup: u32,
    /// Time budget per operation, milliseconds.
    pub budget_ms: u64,
    /// Fewest samples an operation gets, however slow.
    pub min_samples: u32,
    /// Histogram buckets for profiles with a variable-time signer.
    pub histogram_buckets: usize,
}

/// Log growth settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogGrowthConfig {
    /// The suite profiles to grow a log for, in suite order (`None`: every suite profile).
    pub profiles: Option<Vec<String>>,
    /// Measured sizes, ascending.
    pub sizes: Vec<u64>,
    /// Projected sizes, ascending.
    pub project: Vec<u64>,
    /// Entries per batch.
    pub batch: u64,
    /// Synthetic hashedrekord entry size, bytes.
    pub hashedrekord_entry_bytes: u64,
    /// Synthetic hash-only entry size, bytes (`None`: the identity leaf's own size).
    pub hash_only_entry_bytes: Option<u64>,
    /// Largest log to write, bytes (`None`: no limit): a measured size whose projected
    /// storage exceeds it is projected only, and the results note it (disk and time of a
    /// log grow with its entries' size: 10^6 ML-DSA-65 entries are ~10 GB).
    pub max_bytes: Option<u64>,
}

/// Log throughput settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogThroughputConfig {
    /// Entries appended per driver.
    pub entries: u64,
    /// Entries per batch.
    pub batch: u64,
    /// Entry size, bytes.
    pub entry_bytes: u64,
}

/// Monitor workload settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorConfig {
    /// Entries appended between two monitor runs, ascending.
    pub batches: Vec<u64>,
    /// Monitor runs per batch size.
    pub runs: u32,
    /// Entries in the log before the first measured run.
    pub backlog: u64,
}

/// Largest monitor batch a `--quick` run measures.
pub const QUICK_MAX_MONITOR_BATCH: u64 = 256;
/// Monitor runs per batch size in a `--quick` run (at most).
pub const QUICK_MONITOR_RUNS: u32 = 3;

/// A validated suite.
#[derive(Debug, Clone)]
pub struct Suite {
    /// Suite name.
    pub name: String,
    /// RNG seed.
    pub seed: u64,
    /// Profiles to run, in suite order.
    pub profiles: Vec<Profile>,
    /// Workloads to run, in suite order.
    pub workloads: Vec<WorkloadKind>,
    /// Primitive latency settings.
    pub primitives: PrimitivesConfig,
    /// Bundle workload settings.
    pub bundles: BundlesConfig,
    /// Log growth settings.
    pub log_growth: LogGrowthConfig,
    /// Log throughput settings.
    pub log_throughput: LogThroughputConfig,
    /// Monitor settings.
    pub monitor: MonitorConfig,
    /// Model signing sweep settings.
    pub model_signing: super::model_signing::ModelSigningConfig,
    /// Whether the suite was narrowed by `--quick`.
    pub quick: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSuite {
    name: String,
    #[serde(default)]
    seed: u64,
    profiles: Vec<Spanned<String>>,
    workloads: Vec<Spanned<String>>,
    /// Read by [`profile::parse_embedded_profiles`].
    #[serde(default)]
    #[allow(dead_code, reason = "parsed strictly by the profile module")]
    profile: Vec<toml::Table>,
    primitives: Option<RawPrimitives>,
    bundles: Option<RawBundles>,
    log_growth: Option<RawLogGrowth>,
    log_throughput: Option<RawLogThroughput>,
    model_signing: Option<super::model_signing::RawModelSigning>,
    monitor: Option<RawMonitor>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawMonitor {
    batches: Option<Spanned<Vec<u64>>>,
    runs: Option<Spanned<u64>>,
    backlog: Option<Spanned<u64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPrimitives {
    #[serde(default)]
    algorithms: Vec<Spanned<String>>,
    samples: Option<Spanned<u32>>,
    warmup: Option<u32>,
    budget_ms: Option<u64>,
    min_samples: Option<Spanned<u32>>,
    histogram_buckets: Option<Spanned<usize>>,
    slow_sets_default_only: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBundles {
    samples: Option<Spanned<u32>>,
    warmup: Option<u32>,
    budget_ms: Option<u64>,
    min_samples: Option<Spanned<u32>>,
    histogram_buckets: Option<Spanned<usize>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLogGrowth {
    profiles: Option<Vec<Spanned<String>>>,
    sizes: Option<Spanned<Vec<u64>>>,
    project: Option<Spanned<Vec<u64>>>,
    batch: Option<Spanned<u64>>,
    hashedrekord_entry_bytes: Option<Spanned<u64>>,
    hash_only_entry_bytes: Option<Spanned<u64>>,
    max_bytes: Option<Spanned<u64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLogThroughput {
    entries: Option<Spanned<u64>>,
    batch: Option<Spanned<u64>>,
    entry_bytes: Option<Spanned<u64>>,
}

fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

struct Checker<'a> {
    source: &'a str,
    file: &'a str,
}

impl Checker<'_> {
    fn error<T>(&self, span: std::ops::Range<usize>, message: String) -> Result<T, SuiteError> {
        Err(SuiteError::Invalid {
            file: self.file.to_owned(),
            line: line_of(self.source, span.start),
            message,
        })
    }

    /// A positive size that fits an entry (1..=65,535 bytes) or a count.
    fn positive(
        &self,
        v: Option<&Spanned<u64>>,
        key: &str,
        default: u64,
    ) -> Result<u64, SuiteError> {
        match v {
            Some(s) if *s.get_ref() == 0 => {
                self.error(s.span(), format!("`{key}` must be positive"))
            }
            Some(s) => Ok(*s.get_ref()),
            None => Ok(default),
        }
    }

    fn entry_size(&self, v: Option<&Spanned<u64>>, key: &str) -> Result<Option<u64>, SuiteError> {
        match v {
            Some(s) if *s.get_ref() == 0 || *s.get_ref() > crate::entry::MAX_ENTRY_SIZE as u64 => {
                self.error(
                    s.span(),
                    format!(
                        "`{key}` must be 1..={} bytes (the log's entry limit)",
                        crate::entry::MAX_ENTRY_SIZE
                    ),
                )
            }
            Some(s) => Ok(Some(*s.get_ref())),
            None => Ok(None),
        }
    }

    /// `samples`, `min-samples` and `histogram-buckets`: positive, `min-samples` at most
    /// `samples`.
    fn sampling(
        &self,
        samples: Option<&Spanned<u32>>,
        min_samples: Option<&Spanned<u32>>,
        buckets: Option<&Spanned<usize>>,
    ) -> Result<(u32, u32, usize), SuiteError> {
        let samples = match samples {
            Some(s) if *s.get_ref() == 0 => {
                return self.error(s.span(), "`samples` must be positive".into());
            }
            Some(s) => *s.get_ref(),
            None => 100,
        };
        let min_samples = match min_samples {
            Some(s) if *s.get_ref() == 0 || *s.get_ref() > samples => {
                return self.error(s.span(), "`min-samples` must be 1..=samples".into());
            }
            Some(s) => *s.get_ref(),
            None => 3.min(samples),
        };
        let buckets = match buckets {
            Some(s) if *s.get_ref() == 0 => {
                return self.error(s.span(), "`histogram-buckets` must be positive".into());
            }
            Some(s) => *s.get_ref(),
            None => 20,
        };
        Ok((samples, min_samples, buckets))
    }

    fn ascending(&self, v: &Spanned<Vec<u64>>, key: &str) -> Result<Vec<u64>, SuiteError> {
        let values = v.get_ref();
        if values.is_empty()
            || values.first() == Some(&0)
            || values.windows(2).any(|w| w[0] >= w[1])
        {
            return self.error(
                v.span(),
                format!("`{key}` must be non-empty, positive and strictly ascending"),
            );
        }
        Ok(values.clone())
    }
}

/// The implementations a suite entry names: `id` (all of them) or `id@implementation`.
fn implementations_of(spec: &str) -> Result<Vec<String>, pqlab_algorithms::Error> {
    if spec.contains('@') {
        let imp = registry::lookup_implementation(spec)?;
        return Ok(vec![format!(
            "{}@{}",
            imp.info().id,
            imp.implementation().id
        )]);
    }
    let alg = registry::lookup(spec)?;
    Ok(alg
        .implementations
        .iter()
        .map(|imp| format!("{}@{}", alg.id(), imp.implementation().id))
        .collect())
}

impl Suite {
    /// The built-in default suite.
    ///
    /// # Errors
    /// Only if the built-in file is wrong (a test keeps it right).
    pub fn default_suite() -> Result<Suite, SuiteError> {
        Suite::parse(DEFAULT_SUITE, "default-suite.toml")
    }

    /// Parses and validates a suite; `file` names it in errors.
    ///
    /// # Errors
    /// [`SuiteError`] naming the line of the first unknown key, profile, algorithm or
    /// workload, or bad value.
    pub fn parse(source: &str, file: &str) -> Result<Suite, SuiteError> {
        if source.len() > MAX_SUITE_BYTES {
            return Err(SuiteError::TooLarge {
                file: file.to_owned(),
                size: source.len(),
                limit: MAX_SUITE_BYTES,
            });
        }
        let raw: RawSuite = toml::from_str(source).map_err(|e| SuiteError::Toml {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        let check = Checker { source, file };
        let mut known = profile::built_in();
        known.extend(profile::parse_embedded_profiles(source, file)?);

        let mut profiles = Vec::new();
        for name in &raw.profiles {
            match profile::find(&known, name.get_ref()) {
                Ok(p) if profiles.iter().any(|q: &Profile| q.name == p.name) => {
                    return check.error(name.span(), format!("profile `{}` named twice", p.name));
                }
                Ok(p) => profiles.push(p.clone()),
                Err(e) => return check.error(name.span(), e.to_string()),
            }
        }
        let mut workloads = Vec::new();
        for name in &raw.workloads {
            let Some((kind, _)) = WorkloadKind::ALL.iter().find(|(_, n)| n == name.get_ref())
            else {
                let known: Vec<&str> = WorkloadKind::ALL.iter().map(|(_, n)| *n).collect();
                return check.error(
                    name.span(),
                    format!(
                        "unknown workload `{}`; known: {}",
                        name.get_ref(),
                        known.join(", ")
                    ),
                );
            };
            if !kind.is_available() {
                return check.error(
                    name.span(),
                    format!(
                        "workload `{}` is not available in this build yet",
                        name.get_ref()
                    ),
                );
            }
            if workloads.contains(kind) {
                return check.error(
                    name.span(),
                    format!("workload `{}` named twice", name.get_ref()),
                );
            }
            workloads.push(*kind);
        }

        let p = raw.primitives.unwrap_or_default();
        let mut implementations = Vec::new();
        for spec in &p.algorithms {
            match implementations_of(spec.get_ref()) {
                Ok(list) => implementations.extend(list),
                Err(e) => {
                    return check
                        .error(spec.span(), format!("algorithm `{}`: {e}", spec.get_ref()));
                }
            }
        }
        let (samples, min_samples, histogram_buckets) = check.sampling(
            p.samples.as_ref(),
            p.min_samples.as_ref(),
            p.histogram_buckets.as_ref(),
        )?;
        let primitives = PrimitivesConfig {
            implementations: (!implementations.is_empty()).then_some(implementations),
            samples,
            warmup: p.warmup.unwrap_or(5),
            budget_ms: p.budget_ms.unwrap_or(2000),
            min_samples,
            histogram_buckets,
            skip_slow_hash_based: false,
            default_implementations_only: false,
            slow_sets_default_only: p.slow_sets_default_only.unwrap_or(false),
        };

        let b = raw.bundles.unwrap_or_default();
        let (samples, min_samples, histogram_buckets) = check.sampling(
            b.samples.as_ref(),
            b.min_samples.as_ref(),
            b.histogram_buckets.as_ref(),
        )?;
        let bundles = BundlesConfig {
            samples,
            warmup: b.warmup.unwrap_or(3),
            budget_ms: b.budget_ms.unwrap_or(2000),
            min_samples,
            histogram_buckets,
        };

        let g = raw.log_growth.unwrap_or_default();
        let growth_profiles = match &g.profiles {
            None => None,
            Some(names) => {
                let mut chosen = Vec::new();
                for name in names {
                    if !profiles.iter().any(|p| &p.name == name.get_ref()) {
                        return check.error(
                            name.span(),
                            format!(
                                "log-growth profile `{}` is not one of the suite's profiles",
                                name.get_ref()
                            ),
                        );
                    }
                    if chosen.contains(name.get_ref()) {
                        return check.error(
                            name.span(),
                            format!("log-growth profile `{}` named twice", name.get_ref()),
                        );
                    }
                    chosen.push(name.get_ref().clone());
                }
                Some(chosen)
            }
        };
        let log_growth = LogGrowthConfig {
            profiles: growth_profiles,
            sizes: match &g.sizes {
                Some(s) => check.ascending(s, "sizes")?,
                None => vec![1_000, 10_000, 100_000, 1_000_000],
            },
            project: match &g.project {
                Some(s) => check.ascending(s, "project")?,
                None => vec![1_000_000_000, 10_000_000_000],
            },
            batch: check.positive(g.batch.as_ref(), "batch", 1024)?,
            hashedrekord_entry_bytes: check
                .entry_size(
                    g.hashedrekord_entry_bytes.as_ref(),
                    "hashedrekord-entry-bytes",
                )?
                .unwrap_or(DEFAULT_HASHEDREKORD_ENTRY_BYTES),
            hash_only_entry_bytes: check
                .entry_size(g.hash_only_entry_bytes.as_ref(), "hash-only-entry-bytes")?,
            max_bytes: match &g.max_bytes {
                Some(m) => Some(check.positive(Some(m), "max-bytes", 0)?),
                None => None,
            },
        };
        let t = raw.log_throughput.unwrap_or_default();
        let log_throughput = LogThroughputConfig {
            entries: check.positive(t.entries.as_ref(), "entries", 100_000)?,
            batch: check.positive(t.batch.as_ref(), "batch", 1024)?,
            entry_bytes: check
                .entry_size(t.entry_bytes.as_ref(), "entry-bytes")?
                .unwrap_or(DEFAULT_HASHEDREKORD_ENTRY_BYTES),
        };
        let m = raw.monitor.unwrap_or_default();
        let runs = check.positive(m.runs.as_ref(), "runs", 5)?;
        let monitor = MonitorConfig {
            batches: match &m.batches {
                Some(b) => check.ascending(b, "batches")?,
                None => vec![1, 10, 100, 1000],
            },
            runs: match u32::try_from(runs) {
                Ok(r) => r,
                Err(_) => {
                    let span = m.runs.as_ref().map(Spanned::span).unwrap_or_default();
                    return check.error(span, "`runs` is too large".into());
                }
            },
            backlog: check.positive(m.backlog.as_ref(), "backlog", 1152)?,
        };
        let model_signing =
            match super::model_signing::ModelSigningConfig::from_raw(raw.model_signing) {
                Ok(config) => config,
                Err((span, message)) => return check.error(span, message),
            };
        Ok(Suite {
            name: raw.name,
            seed: raw.seed,
            profiles,
            workloads,
            primitives,
            bundles,
            log_growth,
            log_throughput,
            monitor,
            model_signing,
            quick: false,
        })
    }

    /// Keeps only the named profiles (`--profiles a,b`), in the suite's order.
    ///
    /// # Errors
    /// [`SuiteError::Profile`] for a name the suite does not run.
    pub fn narrow_profiles(&mut self, names: &[String]) -> Result<(), SuiteError> {
        for name in names {
            profile::find(&self.profiles, name)?;
        }
        self.profiles.retain(|p| names.contains(&p.name));
        if let Some(growth) = &mut self.log_growth.profiles {
            growth.retain(|p| names.contains(p));
        }
        Ok(())
    }

    /// Narrows the suite for `--quick`: only each algorithm's default implementation (unless
    /// the suite names implementations), at most [`QUICK_SAMPLES`] samples and
    /// [`QUICK_BUDGET_MS`] per operation (primitives and bundle workloads alike), no warm-up,
    /// one sample minimum, the SLH-DSA and SPHINCS+ `s` parameter sets skipped, log sizes up to
    /// [`QUICK_MAX_LOG_SIZE`] and throughput over at most [`QUICK_THROUGHPUT_ENTRIES`]
    /// appends.
    pub fn make_quick(&mut self) {
        self.quick = true;
        let p = &mut self.primitives;
        p.samples = p.samples.min(QUICK_SAMPLES);
        p.budget_ms = p.budget_ms.min(QUICK_BUDGET_MS);
        p.warmup = 0;
        p.min_samples = 1;
        p.skip_slow_hash_based = true;
        p.default_implementations_only = true;
        let b = &mut self.bundles;
        b.samples = b.samples.min(QUICK_SAMPLES);
        b.budget_ms = b.budget_ms.min(QUICK_BUDGET_MS);
        b.warmup = 0;
        b.min_samples = 1;
        let g = &mut self.log_growth;
        g.sizes.retain(|&n| n <= QUICK_MAX_LOG_SIZE);
        if g.sizes.is_empty() {
            g.sizes.push(QUICK_MAX_LOG_SIZE);
        }
        let t = &mut self.log_throughput;
        t.entries = t.entries.min(QUICK_THROUGHPUT_ENTRIES);
        let m = &mut self.monitor;
        m.batches.retain(|&b| b <= QUICK_MAX_MONITOR_BATCH);
        if m.batches.is_empty() {
            m.batches.push(QUICK_MAX_MONITOR_BATCH);
        }
        m.runs = m.runs.min(QUICK_MONITOR_RUNS);
        m.backlog = m.backlog.min(QUICK_MAX_LOG_SIZE);
        self.model_signing.make_quick();
    }

    /// The profiles log growth runs for, in suite order.
    pub fn log_growth_profiles(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.iter().filter(|p| {
            self.log_growth
                .profiles
                .as_ref()
                .is_none_or(|names| names.contains(&p.name))
        })
    }

    /// The synthetic entry size for `shape` and where it comes from (for the results): the
    /// fallback of log growth for a profile no bundle workload measured.
    ///
    /// # Errors
    /// Only if the identity leaf cannot be encoded.
    pub fn entry_size(&self, shape: EntryShape) -> Result<(u64, String), crate::entry::EntryError> {
        let g = &self.log_growth;
        match shape {
            EntryShape::Hashedrekord => Ok((
                g.hashedrekord_entry_bytes,
                if g.hashedrekord_entry_bytes == DEFAULT_HASHEDREKORD_ENTRY_BYTES {
                    format!(
                        "synthetic: suite default {DEFAULT_HASHEDREKORD_ENTRY_BYTES} B hashedrekord entry (no bundle workload ran for this profile)"
                    )
                } else {
                    format!(
                        "synthetic: {} B hashedrekord entry from the suite",
                        g.hashedrekord_entry_bytes
                    )
                },
            )),
            EntryShape::HashOnly => match g.hash_only_entry_bytes {
                Some(n) => Ok((
                    n,
                    format!("synthetic: {n} B hash-only entry from the suite"),
                )),
                None => {
                    use crate::entry::EntryShape as _;
                    let leaf = crate::entry::IdentityLeaf::new(
                        b"root of trust",
                        &[0; 32],
                        &[
                            (b"san", b"user@example.com"),
                            (b"issuer", b"https://accounts.example"),
                        ],
                    )?;
                    let n = leaf.encode()?.len() as u64;
                    Ok((
                        n,
                        format!("entry module: identity leaf v1 with two claims ({n} B)"),
                    ))
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_suite_is_valid() {
        let suite = Suite::default_suite().unwrap();
        assert_eq!(suite.name, "default");
        assert!(suite.log_growth.sizes.contains(&1_000_000));
    }
}
