//! Latency statistics: the summary of a set of raw nanosecond samples that every timing in a
//! results file carries (DESIGN.md § Metrics, "latency": p50, p95, p99, max and sample count).
//!
//! Percentiles use the **nearest-rank** definition: for `n` samples sorted ascending
//! (`x[1] <= … <= x[n]`), the p-th percentile is `x[ceil(p/100 · n)]` (with rank 1 for p = 0).
//! It is always one of the measured samples, never an interpolation, so p50 of `[1, 2, 3, 4]`
//! is 2 and p99 of 10 samples is the maximum.

use serde::{Deserialize, Serialize};

/// Why a [`Stats`] could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// No samples: there is no percentile of nothing.
    #[error("no samples")]
    Empty,
    /// A histogram was asked for with zero buckets.
    #[error("a histogram needs at least one bucket")]
    NoBuckets,
    /// The summary is not ordered (`p50 <= p95 <= p99 <= max`, `min <= p50`).
    #[error("percentiles out of order: {0}")]
    Unordered(&'static str),
    /// The histogram's shape disagrees with the summary.
    #[error("histogram: {0}")]
    Histogram(&'static str),
}

/// A summary of latency samples, in nanoseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// Number of samples.
    pub n: u64,
    /// Smallest sample.
    pub min_ns: u64,
    /// Median (nearest rank).
    pub p50_ns: u64,
    /// 95th percentile (nearest rank).
    pub p95_ns: u64,
    /// 99th percentile (nearest rank).
    pub p99_ns: u64,
    /// Largest sample.
    pub max_ns: u64,
    /// Arithmetic mean.
    pub mean_ns: f64,
    /// Distribution of the samples, recorded for operations whose time varies (rejection
    /// sampling in ML-DSA and FN-DSA signing).
    pub histogram: Option<Histogram>,
}

/// Equal-width buckets over `[min_ns, max_ns]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Histogram {
    /// `counts.len() + 1` ascending bucket edges; bucket `i` holds samples in
    /// `[edges_ns[i], edges_ns[i+1])`, the last bucket also holds `edges_ns[last]`.
    pub edges_ns: Vec<u64>,
    /// Samples per bucket; they add up to `n`.
    pub counts: Vec<u64>,
}

/// The nearest-rank percentile of ascending `sorted` (non-empty).
fn nearest_rank(sorted: &[u64], percent: u64) -> u64 {
    let n = sorted.len() as u64;
    // rank = ceil(percent * n / 100), at least 1.
    let rank = (percent * n).div_ceil(100).max(1);
    let index = usize::try_from(rank - 1)
        .unwrap_or(usize::MAX)
        .min(sorted.len() - 1);
    sorted[index]
}

impl Stats {
    /// Summarises raw samples (nanoseconds), without a histogram.
    ///
    /// # Errors
    /// [`StatsError::Empty`] when `samples` is empty.
    pub fn from_samples(samples: &[u64]) -> Result<Self, StatsError> {
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return Err(StatsError::Empty);
        };
        let sum: u128 = sorted.iter().map(|&s| u128::from(s)).sum();
        #[allow(clippy::cast_precision_loss, reason = "a mean in f64 is the intent")]
        let mean_ns = sum as f64 / sorted.len() as f64;
        Ok(Stats {
            n: sorted.len() as u64,
            min_ns: min,
            p50_ns: nearest_rank(&sorted, 50),
            p95_ns: nearest_rank(&sorted, 95),
            p99_ns: nearest_rank(&sorted, 99),
            max_ns: max,
            mean_ns,
            histogram: None,
        })
    }

    /// Summarises raw samples and records their distribution in `buckets` equal-width buckets
    /// from the smallest to the largest sample.
    ///
    /// # Errors
    /// [`StatsError::Empty`] without samples, [`StatsError::NoBuckets`] when `buckets` is 0.
    pub fn with_histogram(samples: &[u64], buckets: usize) -> Result<Self, StatsError> {
        if buckets == 0 {
            return Err(StatsError::NoBuckets);
        }
        let mut stats = Self::from_samples(samples)?;
        let (lo, hi) = (stats.min_ns, stats.max_ns);
        let span = u128::from(hi - lo);
        let b = buckets as u128;
        let edges_ns: Vec<u64> = (0..=b)
            .map(|i| lo + u64::try_from(span * i / b).unwrap_or(u64::MAX))
            .collect();
        let mut counts = vec![0u64; buckets];
        for &s in samples {
            let index = (u128::from(s - lo) * b)
                .checked_div(span)
                .map_or(0, |i| usize::try_from(i).unwrap_or(buckets - 1));
            counts[index.min(buckets - 1)] += 1;
        }
        stats.histogram = Some(Histogram { edges_ns, counts });
        Ok(stats)
    }

    /// Checks the invariants a summary read from a file must hold.
    ///
    /// # Errors
    /// A [`StatsError`] naming the broken invariant.
    pub fn validate(&self) -> Result<(), StatsError> {
        if self.n == 0 {
            return Err(StatsError::Empty);
        }
        if !(self.min_ns <= self.p50_ns
            && self.p50_ns <= self.p95_ns
            && self.p95_ns <= self.p99_ns
            && self.p99_ns <= self.max_ns)
        {
            return Err(StatsError::Unordered(
                "expected min <= p50 <= p95 <= p99 <= max",
            ));
        }
        #[allow(clippy::cast_precision_loss, reason = "bounds check on a mean")]
        if !(self.mean_ns >= self.min_ns as f64 && self.mean_ns <= self.max_ns as f64) {
            return Err(StatsError::Unordered("expected min <= mean <= max"));
        }
        if let Some(h) = &self.histogram {
            if h.counts.is_empty() || h.edges_ns.len() != h.counts.len() + 1 {
                return Err(StatsError::Histogram("needs counts.len() + 1 edges"));
            }
            if h.edges_ns.windows(2).any(|w| w[0] > w[1]) {
                return Err(StatsError::Histogram("edges must ascend"));
            }
            if h.counts.iter().sum::<u64>() != self.n {
                return Err(StatsError::Histogram("counts must add up to n"));
            }
        }
        Ok(())
    }

    /// The spread `p95 - p50`, the noise allowance used by [`crate::compare`].
    #[must_use]
    pub fn spread_ns(&self) -> u64 {
        self.p95_ns.saturating_sub(self.p50_ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let s = Stats::from_samples(&[4, 1, 3, 2]).unwrap();
        assert_eq!(
            (s.min_ns, s.p50_ns, s.p95_ns, s.p99_ns, s.max_ns),
            (1, 2, 4, 4, 4)
        );
        assert!((s.mean_ns - 2.5).abs() < 1e-9);
        let hundred: Vec<u64> = (1..=100).collect();
        let s = Stats::from_samples(&hundred).unwrap();
        assert_eq!((s.p50_ns, s.p95_ns, s.p99_ns, s.max_ns), (50, 95, 99, 100));
        let s = Stats::from_samples(&[7]).unwrap();
        assert_eq!((s.p50_ns, s.p99_ns), (7, 7));
        let thousand: Vec<u64> = (1..=1000).rev().collect();
        let s = Stats::from_samples(&thousand).unwrap();
        assert_eq!((s.p50_ns, s.p95_ns, s.p99_ns), (500, 950, 990));
        s.validate().unwrap();
    }

    #[test]
    fn empty_is_an_error() {
        assert_eq!(Stats::from_samples(&[]), Err(StatsError::Empty));
        assert_eq!(Stats::with_histogram(&[1], 0), Err(StatsError::NoBuckets));
    }

    #[test]
    fn histogram_counts_every_sample() {
        let samples = [10, 10, 11, 15, 19, 20];
        let s = Stats::with_histogram(&samples, 2).unwrap();
        let h = s.histogram.as_ref().unwrap();
        assert_eq!(h.edges_ns, vec![10, 15, 20]);
        assert_eq!(h.counts, vec![3, 3]);
        s.validate().unwrap();
        let flat = Stats::with_histogram(&[5, 5, 5], 4).unwrap();
        assert_eq!(flat.histogram.unwrap().counts, vec![3, 0, 0, 0]);
    }

    #[test]
    fn validate_rejects_unordered() {
        let mut s = Stats::from_samples(&[1, 2, 3]).unwrap();
        s.p95_ns = 0;
        assert!(matches!(s.validate(), Err(StatsError::Unordered(_))));
    }
}
