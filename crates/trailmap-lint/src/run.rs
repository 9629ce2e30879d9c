//! Running the per-file rules on one roadmap: those the configuration
//! enables, on the threads the roadmap is worth, the two memory-heavy rules
//! kept apart where memory is tight.

use std::sync::atomic::{AtomicUsize, Ordering};

use trailmap::Diagnostic;

use crate::config::Config;
use crate::context::Context;
use crate::findings::Findings;
use crate::registry::{Check, Rule};
use crate::rules;

/// The rules that hold the most memory while they run: TM109's name tables
/// and TM107's reachability rows and labels, about 7-11 MB each at 100k
/// skills. Unless [`Context::heavy_rules_side_by_side`], one thread runs
/// them one after the other, the longest (TM109) first, so that the run
/// never holds both; the other rules run beside them.
const MEMORY_HEAVY: [Rule; 2] = [rules::TM109, rules::TM107];

/// What a per-file rule runs.
type FileCheck = for<'a> fn(&Context<'a>, &Rule, &mut Findings<'a>);

/// Runs the per-file rules the configuration enables on `ctx`, appending
/// their diagnostics in rule order. On a large roadmap the rules run on up
/// [`Config::threads`] threads (else [`std::thread::available_parallelism`]), each taking the next
/// job not yet started (the [`MEMORY_HEAVY`] rules are one job); the result is the same as one
/// thread's.
pub(crate) fn run_file_rules<'a>(ctx: &Context<'a>, config: &Config, out: &mut Findings<'a>) {
    let severities = config.severities_for(ctx.file);
    let checks: Vec<(usize, &Rule, FileCheck)> = rules::RULES
        .iter()
        .filter_map(|rule| match rule.check {
            Check::File(check) if matches!(severities.get(rule.code), Some(Some(_))) => Some((rule, check)),
            _ => None,
        })
        .enumerate()
        .map(|(i, (rule, check))| (i, rule, check))
        .collect();
    let threads = ctx.threads.min(checks.len());
    if threads <= 1 {
        for (_, rule, check) in checks {
            check(ctx, rule, out);
        }
        return;
    }
    let mut by_rule: Vec<Findings<'a>> = (0..checks.len()).map(|_| Findings::default()).collect();
    // The memory-heavy rules start first, the longest (TM109) first: they
    // would otherwise run alone at the end while the other threads wait.
    // Unless `Context::heavy_rules_side_by_side`, they are one job.
    let (mut heavy, light): (Vec<_>, Vec<_>) =
        checks.into_iter().partition(|(_, rule, _)| MEMORY_HEAVY.iter().any(|h| h.code == rule.code));
    heavy.sort_by_key(|(_, rule, _)| MEMORY_HEAVY.iter().position(|h| h.code == rule.code));
    let side_by_side = ctx.heavy_rules_side_by_side();
    let heavy_jobs: Vec<Vec<_>> = if !side_by_side {
        std::iter::once(heavy).filter(|job| !job.is_empty()).collect()
    } else {
        heavy.into_iter().map(|c| vec![c]).collect()
    };
    // Side by side, each heavy rule says when it is done: TM109 then
    // takes the threads TM107 leaves (`Context::heavy_rule_beside`).
    let heavy_side_by_side = if side_by_side { heavy_jobs.len() } else { 0 };
    ctx.heavy_rules_start(heavy_side_by_side);
    let jobs: Vec<Vec<(usize, &Rule, FileCheck)>> =
        heavy_jobs.into_iter().chain(light.into_iter().map(|c| vec![c])).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            for &(index, rule, check) in job {
                let mut found = Findings::default();
                check(ctx, rule, &mut found);
                done.push((index, found));
            }
            if i < heavy_side_by_side {
                ctx.heavy_rule_done();
            }
        }
        done
    };
    std::thread::scope(|scope| {
        // The calling thread works too; a helper that cannot start (a
        // thread limit) leaves its share to the others.
        let helpers: Vec<_> =
            (1..threads).filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok()).collect();
        let mut results = vec![work()];
        for helper in helpers {
            // A rule that panics panics the run, as it would on one thread.
            results.push(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        for (i, found) in results.into_iter().flatten() {
            by_rule[i] = found;
        }
    });
    // Compact findings in rule order (they are few lists).
    for found in &mut by_rule {
        out.compact.append(&mut found.compact);
    }
    let mut by_rule: Vec<Vec<Diagnostic>> = by_rule.into_iter().map(|found| found.plain).collect();
    let out = &mut out.plain;
    // In rule order, moving the largest list rather than copying it: a
    // rule with hundreds of thousands of findings would otherwise need
    // room for them twice. Every reservation is exact: a list that grows
    // by doubling holds up to twice the room it needs.
    let largest = (0..by_rule.len()).max_by_key(|&i| by_rule[i].len()).unwrap_or(0);
    if out.is_empty() && by_rule.get(largest).is_some_and(|found| !found.is_empty()) {
        // Each list is freed once moved (`append` would keep its room).
        let mut before = Vec::with_capacity(by_rule[..largest].iter().map(Vec::len).sum());
        for found in &mut by_rule[..largest] {
            before.extend(std::mem::take(found));
        }
        let mut all = std::mem::take(&mut by_rule[largest]);
        // Often within the room the list already has.
        all.reserve_exact(before.len() + by_rule[largest + 1..].iter().map(Vec::len).sum::<usize>());
        all.splice(0..0, before);
        for found in &mut by_rule[largest + 1..] {
            all.extend(std::mem::take(found));
        }
        *out = all;
        return;
    }
    out.reserve_exact(by_rule.iter().map(Vec::len).sum());
    for found in by_rule {
        out.extend(found);
    }
}
