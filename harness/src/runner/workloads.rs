//! The [`Workload`] implementations of this build: primitives, the bundle workloads (message
//! signature, DSSE), log growth, log throughput.

use super::log_growth::{self, GrowthPlan};
use super::{
    RunContext, RunError, Workload, WorkloadKind, bundles, log_throughput, monitor_cost, primitives,
};

/// Keygen, sign and verify latency ([`primitives`]).
#[derive(Debug)]
pub(super) struct Primitives;

impl Workload for Primitives {
    fn kind(&self) -> WorkloadKind {
        WorkloadKind::Primitives
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let config = &ctx.suite.primitives;
        let specs = primitives::selected(config);
        let total = specs.len() as u64;
        let mut reduced = Vec::new();
        let mut skipped = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            ctx.progress.update("primitives", i as u64, total);
            let Some(result) = primitives::measure(spec, config, ctx.suite.seed)? else {
                skipped.push(spec.clone());
                continue;
            };
            let fewest = result.keygen.n.min(result.sign.n).min(result.verify.n);
            if fewest < u64::from(config.samples) {
                reduced.push(format!(
                    "{spec} (keygen {}, sign {}, verify {})",
                    result.keygen.n, result.sign.n, result.verify.n
                ));
            }
            ctx.draft.algorithms.push(result);
        }
        ctx.progress.update("primitives", total, total);
        ctx.progress
            .line(&format!("primitives: {total} implementations"));
        ctx.draft.notes.push(format!(
            "primitives: {} samples per operation after {} warm-up runs, or as many as fit {} ms \
             (at least {})",
            config.samples, config.warmup, config.budget_ms, config.min_samples
        ));
        if config.default_implementations_only {
            ctx.draft.notes.push(
                "primitives: only each algorithm's default implementation (--quick)".to_owned(),
            );
        }
        let left_out = primitives::left_out_slow(config);
        if !left_out.is_empty() {
            ctx.draft.notes.push(format!(
                "primitives: SLH-DSA/SPHINCS+ `s` sets (signing 0.3-8 s) measured with their \
                 default implementation only (suite key slow-sets-default-only); left out: {}",
                left_out.join(", ")
            ));
        }
        if !skipped.is_empty() {
            ctx.draft.notes.push(format!(
                "primitives: skipped under --quick (SLH-DSA/SPHINCS+ `s` sets, signing 0.3-8 s): {}",
                skipped.join(", ")
            ));
        }
        if !reduced.is_empty() {
            ctx.draft.notes.push(format!(
                "primitives: fewer samples for slow operations: {}",
                reduced.join("; ")
            ));
        }
        Ok(())
    }
}

/// A bundle workload ([`bundles`]): one bundle per suite profile.
#[derive(Debug)]
pub(super) struct BundleWorkload {
    kind: WorkloadKind,
    dsse: bool,
}

/// `message-signature`.
pub(super) const MESSAGE_SIGNATURE: BundleWorkload = BundleWorkload {
    kind: WorkloadKind::MessageSignature,
    dsse: false,
};

/// `dsse`.
pub(super) const DSSE: BundleWorkload = BundleWorkload {
    kind: WorkloadKind::Dsse,
    dsse: true,
};

impl Workload for BundleWorkload {
    fn kind(&self) -> WorkloadKind {
        self.kind
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let config = &ctx.suite.bundles;
        let name = self.kind.name();
        let total = ctx.draft.profiles.len() as u64;
        let mut reduced = Vec::new();
        for (i, slot) in ctx.draft.profiles.iter_mut().enumerate() {
            ctx.progress.update(name, i as u64, total);
            let dir = ctx.scratch.join(format!("{name}-{}", slot.profile.name));
            let m = bundles::measure(&slot.profile, self.dsse, config, ctx.suite.seed, &dir)?;
            ctx.progress.line(&format!(
                "{name} {}: {} bytes (gzip {}), sign p50 {:.2} ms",
                slot.profile.name,
                m.result.total_bytes,
                m.result.gzip_bytes,
                m.result.sign_e2e.p50_ns as f64 / 1e6
            ));
            let n = m.result.sign_e2e.n;
            let v = m.result.verify_full.as_ref().map_or(0, |s| s.n);
            if n < u64::from(config.samples) || v < u64::from(config.samples) {
                reduced.push(format!("{} (sign {n}, verify {v})", slot.profile.name));
            }
            slot.trusted_root_bytes = Some(m.trusted_root_bytes);
            if !matches!(slot.entry, Some((_, WorkloadKind::MessageSignature))) {
                slot.entry = Some((m.entry, self.kind));
            }
            slot.bundles.insert(name.to_owned(), m.result);
        }
        ctx.progress.update(name, total, total);
        ctx.draft.notes.push(format!(
            "{name}: sizes from the first bundle of a fresh instance per profile (log index 0, \
             tree size 1: no inclusion proof hash), seed {}, clock {}; end-to-end sign and \
             full verify: {} samples after {} warm-up runs, or as many as fit {} ms (at least \
             {})",
            ctx.suite.seed,
            bundles::clock()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            config.samples,
            config.warmup,
            config.budget_ms,
            config.min_samples
        ));
        if !reduced.is_empty() {
            ctx.draft.notes.push(format!(
                "{name}: fewer samples for slow profiles: {}",
                reduced.join("; ")
            ));
        }
        Ok(())
    }
}

/// Bytes on the filesystem driver after N entries ([`log_growth`]).
#[derive(Debug)]
pub(super) struct LogGrowthWorkload;

impl Workload for LogGrowthWorkload {
    fn kind(&self) -> WorkloadKind {
        WorkloadKind::LogGrowth
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let config = &ctx.suite.log_growth;
        let chosen: Vec<String> = ctx
            .suite
            .log_growth_profiles()
            .map(|p| p.name.clone())
            .collect();
        for slot in &mut ctx.draft.profiles {
            if !chosen.contains(&slot.profile.name) {
                continue;
            }
            let (entry_bytes, source) = match &slot.entry {
                Some((entry, kind)) => (
                    entry.len() as u64,
                    format!(
                        "real: the {} B canonicalized {} entry of this profile's {} bundle \
                         (entries of that size)",
                        entry.len(),
                        slot.profile.entry_shape.name(),
                        kind.name()
                    ),
                ),
                None => ctx.suite.entry_size(slot.profile.entry_shape)?,
            };
            ctx.draft.notes.push(format!(
                "log growth {}: entry size {source}",
                slot.profile.name
            ));
            let mut plan = GrowthPlan {
                sizes: config.sizes.clone(),
                batch: config.batch,
                entry_bytes,
            };
            let mut project_to = config.project.clone();
            if let Some(max) = config.max_bytes {
                let (kept, dropped) = log_growth::sizes_within(&plan, max);
                if !dropped.is_empty() {
                    ctx.draft.notes.push(format!(
                        "log growth {}: sizes {dropped:?} projected only, not measured: their \
                         projected storage exceeds the suite's max-bytes {max}",
                        slot.profile.name
                    ));
                    project_to.extend(&dropped);
                    project_to.sort_unstable();
                    plan.sizes = kept;
                }
            }
            let dir = ctx.scratch.join(format!("growth-{}", slot.profile.name));
            let largest = plan.sizes.last().copied().unwrap_or(0);
            let what = format!("log growth {}", slot.profile.name);
            let progress = &mut *ctx.progress;
            let points = log_growth::grow(&slot.profile, &plan, ctx.suite.seed, &dir, |done| {
                progress.update(&what, done, largest);
            })?;
            let growth = log_growth::growth_result(&plan, points, &project_to, source);
            if let Some(last) = growth.points.last() {
                ctx.progress.line(&format!(
                    "log growth {}: {} entries, {} bytes",
                    slot.profile.name, last.entries, last.total_bytes
                ));
            }
            if slot.profile.checkpoint.len() > 1 {
                ctx.draft.notes.push(format!(
                    "log growth {}: checkpoints signed with the first checkpoint key only ({})",
                    slot.profile.name, slot.profile.checkpoint[0]
                ));
            }
            slot.log = Some(growth);
        }
        Ok(())
    }
}

/// Append throughput per driver ([`log_throughput`]), with the first profile's checkpoint
/// keys.
#[derive(Debug)]
pub(super) struct LogThroughputWorkload;

impl Workload for LogThroughputWorkload {
    fn kind(&self) -> WorkloadKind {
        WorkloadKind::LogThroughput
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let Some(profile) = ctx.suite.profiles.first() else {
            ctx.draft
                .notes
                .push("log-throughput: skipped, the suite has no profile".to_owned());
            return Ok(());
        };
        let config = &ctx.suite.log_throughput;
        let dir = ctx.scratch.join("throughput");
        let measured = log_throughput::measure(profile, config, ctx.suite.seed, &dir)?;
        for m in &measured {
            ctx.progress.line(&format!(
                "log throughput {}: {:.0} appends/s",
                m.driver,
                m.appends_per_second()
            ));
        }
        ctx.draft.notes.push(format!(
            "log-throughput: {} entries of {} B in batches of {}, checkpoints signed with profile {}'s keys",
            config.entries, config.entry_bytes, config.batch, profile.name
        ));
        ctx.draft.log_throughput.extend(measured);
        Ok(())
    }
}

/// Bytes and time a monitor spends per new entry ([`monitor_cost`]).
#[derive(Debug)]
pub(super) struct MonitorWorkload;

impl Workload for MonitorWorkload {
    fn kind(&self) -> WorkloadKind {
        WorkloadKind::Monitor
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let config = &ctx.suite.monitor;
        for profile in &ctx.suite.profiles {
            let dir = ctx.scratch.join(format!("monitor-{}", profile.name));
            let what = format!("monitor {}", profile.name);
            let progress = &mut *ctx.progress;
            let results = monitor_cost::measure(profile, config, ctx.suite.seed, &dir, |d, t| {
                progress.update(&what, d, t);
            })?;
            if let Some(r) = results.last() {
                ctx.progress.line(&format!(
                    "monitor {}: {:.0} bytes / entry at batch {}",
                    profile.name,
                    r.bytes_per_entry(),
                    r.batch_size.unwrap_or(0)
                ));
            }
            ctx.draft.monitoring.extend(results);
        }
        ctx.draft.notes.push(format!(
            "monitor: {} runs per batch size {:?} after a backlog of {} entries (its partial entry bundle holds {}; small batches re-fetch the partial bundle and level-0 tile each run); the log holds the profile's real entry, checkpoints signed with its first checkpoint key and cosigned by its witnesses; the monitor verifies the log key, watches one identity and saves its state each run",
            config.runs,
            config.batches,
            config.backlog,
            config.backlog % 256
        ));
        Ok(())
    }
}
