//! The [`Workload`] implementations of this build: primitives, log growth, log throughput.

use super::log_growth::{self, GrowthPlan};
use super::{
    RunContext, RunError, Workload, WorkloadKind, log_throughput, monitor_cost, primitives,
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
        if !skipped.is_empty() {
            ctx.draft.notes.push(format!(
                "primitives: skipped under --quick (SLH-DSA/SPHINCS+ `s` sets, signing 0.3-3 s): {}",
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

/// Bytes on the filesystem driver after N entries ([`log_growth`]).
#[derive(Debug)]
pub(super) struct LogGrowthWorkload;

impl Workload for LogGrowthWorkload {
    fn kind(&self) -> WorkloadKind {
        WorkloadKind::LogGrowth
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let config = &ctx.suite.log_growth;
        for slot in &mut ctx.draft.profiles {
            let (entry_bytes, source) = ctx.suite.entry_size(slot.profile.entry_shape)?;
            let plan = GrowthPlan {
                sizes: config.sizes.clone(),
                batch: config.batch,
                entry_bytes,
            };
            let dir = ctx.scratch.join(format!("growth-{}", slot.profile.name));
            let largest = config.sizes.last().copied().unwrap_or(0);
            let what = format!("log growth {}", slot.profile.name);
            let progress = &mut *ctx.progress;
            let points = log_growth::grow(&slot.profile, &plan, ctx.suite.seed, &dir, |done| {
                progress.update(&what, done, largest);
            })?;
            let growth = log_growth::growth_result(&plan, points, &config.project, source);
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
