//! The in-process benchmarks: each operation of trailmap timed on one
//! generated roadmap (and its mutated copy, for diff), relative to the
//! parse floor (`serde_json::from_slice` into the typed model, nothing
//! else).

use std::path::Path;

use trailmap::query::NextOptions;
use trailmap::{LoadOptions, Progress, Roadmap, SkillGraph};
use trailmap_lint::SourceFile;
use trailmap_lint::config::Config;
use trailmap_lint::context::Context;
use trailmap_lint::registry::Check;

use crate::measure::{Budget, Sample, measure};

/// Every operation, in run order, with what exactly is timed.
pub const OPS: &[(&str, &str)] = &[
    ("parse-floor", "`serde_json::from_slice` into `trailmap::Roadmap`, nothing else"),
    ("load", "`Roadmap::from_slice_with`: encoding, typed parse, meaning checks (ids, references, cycles)"),
    (
        "schema",
        "parse to a `serde_json::Value`, then jsonschema's validator with the roadmap schema, every error collected: what a plain JSON Schema validator does (`load` runs it only for files the typed parse rejects)",
    ),
    ("graph-build", "`SkillGraph::new` on the loaded model"),
    (
        "graph-resolved",
        "`SkillGraph::with_resolved_ids` on the loaded model, from `load`'s lookup of its prerequisite ids (a copy of it each run), as `lint` builds its graph",
    ),
    ("cycles", "`SkillGraph::cycles`"),
    ("redundant", "`SkillGraph::redundant_prerequisites`"),
    ("lint", "`trailmap_lint::lint_with`, default configuration: load, every rule, suppressions"),
    ("next", "`SkillGraph::next` with the first 10% of skills done, no limit"),
    ("plan", "`SkillGraph::plan` to the last skill, first 10% done"),
    ("schedule", "`plan_all` then `schedule` at 10 h a week, first 10% done"),
    ("diff", "`trailmap_diff::diff` of the loaded base and mutated models"),
    ("parse-both", "parse floor of the base and the mutated file"),
    ("diff-e2e", "load both files with validation, then diff"),
    ("context", "`trailmap_lint::context::Context::new`: the graph and phase tables every rule shares"),
    ("rules", "each per-file lint rule alone on a built context, one row per rule code (one thread)"),
];

/// One timed operation at one size.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// The generator shape of the roadmap (`layered`, `window-5000`, ...).
    pub shape: String,
    /// Number of skills in the roadmap.
    pub skills: usize,
    /// Size of the base file in bytes.
    pub bytes: u64,
    /// Operation name, one of [`OPS`].
    pub op: &'static str,
    /// The timings.
    pub sample: Sample,
}

/// Looks an operation up by name.
///
/// ```
/// assert_eq!(trailmap_bench::suite::op("lint"), Some("lint"));
/// assert_eq!(trailmap_bench::suite::op("nope"), None);
/// ```
pub fn op(name: &str) -> Option<&'static str> {
    OPS.iter().map(|(n, _)| *n).find(|n| *n == name)
}

fn load_options() -> LoadOptions {
    // Benchmarks go past the default 256 MiB input limit at 1M skills.
    LoadOptions::default().with_max_bytes(u64::MAX)
}

/// Runs `ops` (all when empty) on the roadmap at `base` and its mutated
/// copy at `mutated`. Fails when a file cannot be read or is not a valid
/// roadmap (a benchmark of the error path would measure something else).
///
/// ```
/// use trailmap_bench::{generate, measure::Budget, suite};
///
/// let dir = std::env::temp_dir().join("trailmap-bench-doc-suite");
/// let (base, mutated) = generate::ensure(&dir, 300, 1).unwrap();
/// let quick = Budget { warmup: 0, min_runs: 1, max_runs: 1, time: std::time::Duration::ZERO };
/// let results = suite::run("layered", &base, &mutated, &["parse-floor", "next", "rules"], &quick).unwrap();
/// assert_eq!(results.len(), 2 + 18);
/// assert!(results.iter().any(|m| m.op == "TM107"));
/// assert_eq!(results[0].skills, 300);
/// ```
pub fn run(
    shape: &str,
    base: &Path,
    mutated: &Path,
    ops: &[&str],
    budget: &Budget,
) -> Result<Vec<Measurement>, String> {
    let wanted = |name: &str| ops.is_empty() || ops.contains(&name);
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let bytes = read(base)?;
    let name = base.display().to_string();
    let loaded = Roadmap::from_slice_with(&bytes, &name, &load_options());
    if !loaded.is_valid() {
        return Err(format!("{name} is not a valid roadmap: {:?}", loaded.diagnostics.first()));
    }
    let Some(roadmap) = loaded.roadmap else { return Err(format!("{name} did not load")) };
    let skills = roadmap.skills.len();
    let size = bytes.len() as u64;
    let mut out = Vec::new();
    let mut record = |op: &'static str, sample: Sample| {
        out.push(Measurement { shape: shape.to_owned(), skills, bytes: size, op, sample });
    };

    if wanted("parse-floor") {
        record("parse-floor", measure(budget, || serde_json::from_slice::<Roadmap>(&bytes)));
    }
    if wanted("load") {
        record("load", measure(budget, || Roadmap::from_slice_with(&bytes, &name, &load_options())));
    }
    if wanted("schema") {
        let schema = trailmap::schema::roadmap_schema();
        let validator =
            jsonschema::validator_for(&schema).map_err(|e| format!("the roadmap schema does not compile: {e}"))?;
        record(
            "schema",
            measure(budget, || {
                serde_json::from_slice::<serde_json::Value>(&bytes).map(|value| validator.iter_errors(&value).count())
            }),
        );
    }
    if wanted("graph-build") {
        record("graph-build", measure(budget, || SkillGraph::new(&roadmap)));
    }
    if wanted("graph-resolved") {
        let mut loaded = Roadmap::from_slice_with(&bytes, &name, &load_options().with_resolved_ids(true));
        let ids = loaded.take_resolved_ids().ok_or_else(|| format!("{name}: no lookup kept"))?;
        record("graph-resolved", measure(budget, || SkillGraph::with_resolved_ids(&roadmap, ids.clone())));
    }
    let graph = SkillGraph::new(&roadmap);
    if wanted("cycles") {
        record("cycles", measure(budget, || graph.cycles()));
    }
    if wanted("redundant") {
        record("redundant", measure(budget, || graph.redundant_prerequisites()));
    }
    if wanted("lint") {
        let text = String::from_utf8(bytes.clone()).map_err(|e| format!("{name}: {e}"))?;
        let files = [SourceFile::new(name.clone(), text)];
        let config = Config::default();
        record("lint", measure(budget, || trailmap_lint::lint_with(&files, &config, &load_options())));
    }
    if wanted("context") || wanted("rules") {
        let text = String::from_utf8(bytes.clone()).map_err(|e| format!("{name}: {e}"))?;
        if wanted("context") {
            record("context", measure(budget, || Context::new(&name, &text, &roadmap)));
        }
        if wanted("rules") {
            let ctx = Context::new(&name, &text, &roadmap);
            for rule in trailmap_lint::registry::all() {
                if let Check::File(check) = rule.check {
                    record(
                        rule.code,
                        // With its diagnostics made, as `lint` makes them
                        // when it writes them: a part at a time.
                        measure(budget, || {
                            let mut found = trailmap_lint::findings::Findings::default();
                            check(&ctx, rule, &mut found);
                            let mut made = 0;
                            found.into_parts(trailmap_lint::PART_MAX, |part| made += std::hint::black_box(part).len());
                            made
                        }),
                    );
                }
            }
        }
    }
    let progress = Progress::with_done(roadmap.skills.iter().take(skills / 10).map(|s| s.id.as_str()));
    if wanted("next") {
        record("next", measure(budget, || graph.next(&progress, &NextOptions::default())));
    }
    if wanted("plan") {
        let goal = roadmap.skills.last().map_or("", |s| s.id.as_str());
        record("plan", measure(budget, || graph.plan(&[goal], &progress)));
    }
    if wanted("schedule") {
        record(
            "schedule",
            measure(budget, || graph.plan_all(&progress).and_then(|plan| plan.schedule(10.0).map(|s| s.weeks))),
        );
    }
    if ["diff", "parse-both", "diff-e2e"].iter().any(|o| wanted(o)) {
        let new_bytes = read(mutated)?;
        let new_name = mutated.display().to_string();
        let new_loaded = Roadmap::from_slice_with(&new_bytes, &new_name, &load_options());
        if !new_loaded.is_valid() {
            return Err(format!("{new_name} is not a valid roadmap: {:?}", new_loaded.diagnostics.first()));
        }
        let Some(new) = new_loaded.roadmap else { return Err(format!("{new_name} did not load")) };
        if wanted("diff") {
            record("diff", measure(budget, || trailmap_diff::diff(&roadmap, &new)));
        }
        drop(new);
        if wanted("parse-both") {
            record(
                "parse-both",
                measure(budget, || {
                    (serde_json::from_slice::<Roadmap>(&bytes), serde_json::from_slice::<Roadmap>(&new_bytes))
                }),
            );
        }
        if wanted("diff-e2e") {
            record(
                "diff-e2e",
                measure(budget, || {
                    let old = Roadmap::from_slice_with(&bytes, &name, &load_options());
                    let new = Roadmap::from_slice_with(&new_bytes, &new_name, &load_options());
                    match (&old.roadmap, &new.roadmap) {
                        (Some(a), Some(b)) => trailmap_diff::diff(a, b).len(),
                        _ => 0,
                    }
                }),
            );
        }
    }
    Ok(out)
}

fn find<'a>(results: &'a [Measurement], shape: &str, skills: usize, op: &str) -> Option<&'a Measurement> {
    results.iter().find(|m| m.shape == shape && m.skills == skills && m.op == op)
}

/// The results as a Markdown table: one row per size and operation, with
/// the ratio to the parse floor at the same size.
///
/// ```
/// use trailmap_bench::{measure::Sample, suite::{markdown, Measurement}};
/// let ms = |n| Sample::from_runs(vec![std::time::Duration::from_millis(n)]);
/// let results = [
///     Measurement { shape: "layered".into(), skills: 1000, bytes: 500_000, op: "parse-floor", sample: ms(2) },
///     Measurement { shape: "layered".into(), skills: 1000, bytes: 500_000, op: "lint", sample: ms(5) },
/// ];
/// assert!(markdown(&results).contains("| layered | 1k | 0.5 | lint | 5.00 | 5.00 | 1 | 2.50× |"));
/// ```
pub fn markdown(results: &[Measurement]) -> String {
    let mut out = String::from(
        "| shape | skills | file MB | operation | median ms | min ms | runs | × parse floor |\n|---|---:|---:|---|---:|---:|---:|---:|\n",
    );
    for m in results {
        let floor = find(results, &m.shape, m.skills, "parse-floor").map(|f| f.sample.median.as_secs_f64());
        let ratio = match (floor, m.op) {
            (Some(f), op) if f > 0.0 && op != "parse-both" && op != "diff-e2e" => {
                format!("{:.2}×", m.sample.median.as_secs_f64() / f)
            }
            _ => String::new(),
        };
        out.push_str(&format!(
            "| {} | {} | {:.1} | {} | {} | {} | {} | {} |\n",
            m.shape,
            crate::generate::size_label(m.skills),
            m.bytes as f64 / 1e6,
            m.op,
            ms(m.sample.median),
            ms(m.sample.min),
            m.sample.runs,
            ratio
        ));
    }
    out
}

fn ms(d: std::time::Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// The in-process targets of the performance issue that these results
/// can answer, one line each with the measured ratio.
///
/// ```
/// use trailmap_bench::{measure::Sample, suite::{targets, Measurement}};
/// let ms = |n| Sample::from_runs(vec![std::time::Duration::from_millis(n)]);
/// let results = [
///     Measurement { shape: "layered".into(), skills: 100_000, bytes: 1, op: "parse-floor", sample: ms(100) },
///     Measurement { shape: "layered".into(), skills: 100_000, bytes: 1, op: "next", sample: ms(20) },
///     Measurement { shape: "layered".into(), skills: 100_000, bytes: 1, op: "TM107", sample: ms(60) },
/// ];
/// let text = targets(&results);
/// assert!(text.contains("layered next at 100k: 0.20× the parse floor (target ≤ 0.5×): met"));
/// assert!(text.contains("layered TM107 at 100k: 0.60× the parse floor (target ≤ 0.5×): missed"));
/// ```
pub fn targets(results: &[Measurement]) -> String {
    let mut out = String::new();
    let ratio =
        |a: &Measurement, b: &Measurement| a.sample.median.as_secs_f64() / b.sample.median.as_secs_f64().max(1e-12);
    let verdict = |ok: bool| if ok { "met" } else { "missed" };
    let mut runs: Vec<(&str, usize)> = results.iter().map(|m| (m.shape.as_str(), m.skills)).collect();
    runs.dedup();
    for &(shape, n) in &runs {
        let label = crate::generate::size_label(n);
        let Some(floor) = find(results, shape, n, "parse-floor") else { continue };
        let rules = results.iter().filter(|m| m.shape == shape && m.skills == n && m.op.starts_with("TM"));
        for (op, limit) in [("next", 0.5), ("plan", 0.5)].into_iter().chain(rules.map(|m| (m.op, 0.5))) {
            if let Some(m) = find(results, shape, n, op) {
                let r = ratio(m, floor);
                out.push_str(&format!(
                    "{shape} {op} at {label}: {r:.2}× the parse floor (target ≤ {limit}×): {}\n",
                    verdict(r <= limit)
                ));
            }
        }
        if let Some(m) = find(results, shape, n, "lint") {
            out.push_str(&format!("{shape} lint at {label} (in-process): {:.2}× the parse floor\n", ratio(m, floor)));
        }
        if let (Some(e2e), Some(both)) = (find(results, shape, n, "diff-e2e"), find(results, shape, n, "parse-both")) {
            let r = ratio(e2e, both);
            out.push_str(&format!(
                "{shape} diff at {label} (load both + diff): {r:.2}× parsing both (target ≤ 3×): {}\n",
                verdict(r <= 3.0)
            ));
        }
        let growth = (find(results, shape, n, "lint"), find(results, shape, 100_000, "lint"));
        if let (1_000_000, (Some(big), Some(small))) = (n, growth) {
            let r = ratio(big, small);
            out.push_str(&format!(
                "{shape} lint 1M / 100k (in-process): {r:.1} (target ≤ 12): {}\n",
                verdict(r <= 12.0)
            ));
        }
    }
    out
}

/// The results as JSON, for scripts.
///
/// ```
/// let json = trailmap_bench::suite::to_json(&[], "0.00 0.00 0.00");
/// assert_eq!(json["results"].as_array().unwrap().len(), 0);
/// ```
pub fn to_json(results: &[Measurement], loadavg: &str) -> serde_json::Value {
    serde_json::json!({
        "loadavg": loadavg,
        "results": results.iter().map(|m| serde_json::json!({
            "shape": m.shape,
            "skills": m.skills,
            "bytes": m.bytes,
            "op": m.op,
            "median_ms": m.sample.median.as_secs_f64() * 1000.0,
            "min_ms": m.sample.min.as_secs_f64() * 1000.0,
            "max_ms": m.sample.max.as_secs_f64() * 1000.0,
            "runs": m.sample.runs,
        })).collect::<Vec<_>>(),
    })
}
