//! Consistency checks on a parsed results file: figures that contradict each other are an
//! error naming the field, so a report never draws a bundle whose parts do not add up.

use std::collections::BTreeSet;

use super::{BUNDLE_WORKLOADS, BundleResult, LogGrowth, ProfileResult, Results, SchemaError};
use crate::Stats;

fn invalid(path: impl Into<String>, reason: impl Into<String>) -> SchemaError {
    SchemaError::Invalid {
        path: path.into(),
        reason: reason.into(),
    }
}

fn stats(path: &str, s: &Stats) -> Result<(), SchemaError> {
    s.validate().map_err(|e| invalid(path, e.to_string()))
}

fn log(path: &str, log: &LogGrowth) -> Result<(), SchemaError> {
    if log.points.windows(2).any(|w| w[0].entries >= w[1].entries) {
        return Err(invalid(
            format!("{path}.points"),
            "entries must strictly ascend",
        ));
    }
    for (i, p) in log.points.iter().enumerate() {
        let parts = p.tile_bytes + p.partial_tile_bytes + p.entry_bundle_bytes + p.checkpoint_bytes;
        if parts != p.total_bytes {
            return Err(invalid(
                format!("{path}.points[{i}].total_bytes"),
                format!("{} but the parts add up to {parts}", p.total_bytes),
            ));
        }
    }
    if log
        .projection
        .points
        .windows(2)
        .any(|w| w[0].entries >= w[1].entries)
    {
        return Err(invalid(
            format!("{path}.projection.points"),
            "entries must strictly ascend",
        ));
    }
    Ok(())
}

fn bundle_result(at: &str, bundle: &BundleResult, p: &ProfileResult) -> Result<(), SchemaError> {
    let sum = bundle.components.total();
    if sum != bundle.total_bytes {
        return Err(invalid(
            format!("{at}.total_bytes"),
            format!("{} but the components add up to {sum}", bundle.total_bytes),
        ));
    }
    let checkpoint = &bundle.components.checkpoint;
    if checkpoint.log_signatures.len() != p.roles.log_checkpoint.len() {
        return Err(invalid(
            format!("{at}.components.checkpoint.log_signatures"),
            "needs one signature per roles.log_checkpoint algorithm",
        ));
    }
    if checkpoint.cosignatures.len() as u64 != u64::from(p.roles.witness_count) {
        return Err(invalid(
            format!("{at}.components.checkpoint.cosignatures"),
            "needs one cosignature per witness (roles.witness_count)",
        ));
    }
    if bundle.log_index >= bundle.tree_size {
        return Err(invalid(
            format!("{at}.log_index"),
            format!(
                "{} is not below tree_size {}",
                bundle.log_index, bundle.tree_size
            ),
        ));
    }
    stats(&format!("{at}.sign_e2e"), &bundle.sign_e2e)?;
    if let Some(s) = &bundle.verify_full {
        stats(&format!("{at}.verify_full"), s)?;
    }
    if let Some(s) = &bundle.verify_prepared {
        stats(&format!("{at}.verify_prepared"), s)?;
    }
    Ok(())
}

impl Results {
    /// Checks that the figures are consistent: unique profile and implementation names,
    /// known bundle workloads, bundle components that add up to the total, one cosignature per witness, ordered
    /// percentiles, ascending log points whose parts add up.
    ///
    /// # Errors
    /// [`SchemaError::Invalid`] naming the first inconsistent field.
    pub fn validate(&self) -> Result<(), SchemaError> {
        if !self.environment.duration_s.is_finite() || self.environment.duration_s < 0.0 {
            return Err(invalid(
                "environment.duration_s",
                "must be a non-negative number",
            ));
        }
        let mut names = BTreeSet::new();
        for (i, p) in self.profiles.iter().enumerate() {
            let at = format!("profiles[{i}]");
            if !names.insert(p.name.as_str()) {
                return Err(invalid(
                    format!("{at}.name"),
                    format!("duplicate profile {:?}", p.name),
                ));
            }
            for (workload, bundle) in &p.bundles {
                let at = format!("{at}.bundles.{workload}");
                if !BUNDLE_WORKLOADS.contains(&workload.as_str()) {
                    return Err(invalid(
                        at,
                        format!(
                            "unknown bundle workload; known: {}",
                            BUNDLE_WORKLOADS.join(", ")
                        ),
                    ));
                }
                bundle_result(&at, bundle, p)?;
            }
            if let Some(log_growth) = &p.log {
                log(&format!("{at}.log"), log_growth)?;
            }
        }
        let mut implementations = BTreeSet::new();
        for (i, a) in self.algorithms.iter().enumerate() {
            let at = format!("algorithms[{i}]");
            if !implementations.insert((a.algorithm.as_str(), a.implementation.as_str())) {
                return Err(invalid(
                    format!("{at}.implementation"),
                    format!("duplicate {}@{}", a.algorithm, a.implementation),
                ));
            }
            stats(&format!("{at}.keygen"), &a.keygen)?;
            stats(&format!("{at}.sign"), &a.sign)?;
            stats(&format!("{at}.verify"), &a.verify)?;
        }
        for (i, m) in self.model_signing.iter().enumerate() {
            stats(&format!("model_signing[{i}].sign"), &m.sign)?;
            stats(&format!("model_signing[{i}].verify"), &m.verify)?;
        }
        for (i, m) in self.monitoring.iter().enumerate() {
            stats(
                &format!("monitoring[{i}].time_per_entry"),
                &m.time_per_entry,
            )?;
            if let Some(f) = &m.fetched
                && f.total() != m.bytes_fetched
            {
                return Err(invalid(
                    format!("monitoring[{i}].fetched"),
                    format!(
                        "parts add up to {}, bytes_fetched is {}",
                        f.total(),
                        m.bytes_fetched
                    ),
                ));
            }
        }
        Ok(())
    }
}
