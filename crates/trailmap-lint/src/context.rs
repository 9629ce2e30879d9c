//! What every rule sees: one loaded roadmap, its graph, its phases in
//! document order with pointers and day ranges, and where each skill is
//! first taught.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

// Id tables with foldhash: SipHash on a million ids was a tenth of a lint.
use foldhash::{HashMap, HashMapExt};

use trailmap::diagnostic::preview_str;
use trailmap::graph::phase_nodes;
use trailmap::pointer::Pointer;
use trailmap::{Diagnostic, PhaseNode, Roadmap, Severity, SkillGraph};

use crate::registry::Rule;

/// Sources of at least this many bytes have [`Context::memory_to_spare`].
/// Below it the rules' tables, partly of fixed size, are a large share of
/// the run's memory (the two heavy rules side by side took a 13 MB roadmap
/// of 100k skills from 3.9 to 4.3 times its size; TM109's hashing on two
/// threads, to 4.05); above it they are a small share, and side by side is up to a
/// third faster (a 650 MB roadmap of 1M skills with power-law hubs: 5.4 s,
/// 8.0 s one after the other).
pub const MEMORY_TO_SPARE_FROM: usize = 64 << 20;

/// Whether a source of `source_len` bytes has memory to spare
/// ([`MEMORY_TO_SPARE_FROM`]; see [`Context::memory_to_spare`]): also
/// asked of a file before its context is made, to estimate its run's peak.
pub(crate) fn memory_to_spare(source_len: usize) -> bool {
    source_len >= MEMORY_TO_SPARE_FROM
}

/// Below [`MEMORY_TO_SPARE_FROM`], sources that spell a skill in at least
/// this many bytes still run the two memory-heavy rules side by side (see
/// [`Context::heavy_rules_side_by_side`]): what the second rule's tables
/// add, 70-110 bytes a skill, is then at most 0.6 times the file. Bare
/// `hubs` at 100k skills (195 bytes a skill): `lint` 3.00 → 2.58 times
/// `validate`, 3.15 → 3.53 times the file; files spelled in fewer bytes,
/// as bare `star-in` (127 bytes a skill, 3.7 times the file one rule after
/// the other), keep them apart.
const SIDE_BY_SIDE_FROM_BYTES_PER_SKILL: usize = 180;

/// One roadmap prepared for the rules. Built by [`Context::new`]; it gains
/// fields as rules need them.
#[non_exhaustive]
pub struct Context<'a> {
    /// The file, as the user named it.
    pub file: &'a str,
    /// The length in bytes of its text. The rules do not read the text: a
    /// large file's may be let go of while they run
    /// ([`crate::SourceFile::with_path`]).
    pub source_len: usize,
    /// The model.
    pub roadmap: &'a Roadmap,
    /// The prerequisite graph.
    pub graph: SkillGraph<'a>,
    /// Every phase, in document order.
    pub phases: Vec<PhaseNode<'a>>,
    /// Phase id → index in `phases`.
    pub phase_index: HashMap<&'a str, usize>,
    /// How many threads the rules may use on this roadmap: one below 2,000
    /// skills (they take well under a millisecond, less than starting
    /// threads), else the machine's (see [`Context::limit_threads`]).
    pub threads: usize,
    /// [`Context::file`] as every diagnostic of the file holds it.
    file_name: Arc<str>,
    /// Whether the run's memory is tight beside the file (see
    /// [`Context::memory_tight`]).
    memory_tight: bool,
    /// How many memory-heavy rules are running side by side now (see
    /// [`Context::heavy_rule_beside`]).
    heavy_running: AtomicUsize,
}

impl<'a> Context<'a> {
    /// Prepares `roadmap` (loaded from `source`) for linting.
    pub fn new(file: &'a str, source: &str, roadmap: &'a Roadmap) -> Self {
        Self::with_resolved_ids(file, source, roadmap, None)
    }

    /// [`Context::new`], its graph built from validation's lookup of the
    /// prerequisite ids when given ([`SkillGraph::with_resolved_ids`]).
    ///
    /// ```
    /// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}]}"#;
    /// let options = trailmap::LoadOptions::default().with_resolved_ids(true);
    /// let mut loaded = trailmap::Roadmap::from_json_str_with(text, "r.json", &options);
    /// let ids = loaded.take_resolved_ids();
    /// let roadmap = loaded.roadmap.unwrap();
    /// let ctx = trailmap_lint::context::Context::with_resolved_ids("r.json", text, &roadmap, ids);
    /// assert_eq!(ctx.graph.len(), 1);
    /// ```
    pub fn with_resolved_ids(
        file: &'a str,
        source: &str,
        roadmap: &'a Roadmap,
        resolved: Option<trailmap::ResolvedIds>,
    ) -> Self {
        Self::of_source_len(file, source.len(), roadmap, resolved)
    }

    /// [`Context::with_resolved_ids`] from the length of the source alone
    /// (its text may have been let go of).
    pub(crate) fn of_source_len(
        file: &'a str,
        source_len: usize,
        roadmap: &'a Roadmap,
        resolved: Option<trailmap::ResolvedIds>,
    ) -> Self {
        let graph_of = move || match resolved {
            Some(ids) => SkillGraph::with_resolved_ids(roadmap, ids),
            None => SkillGraph::new(roadmap),
        };
        // Skill lookups go through the graph's id table: a second and third
        // table of a million ids cost more than every rule but one at 1M
        // skills (BENCHMARKS.md). On a large roadmap the graph is built
        // beside the phase list.
        let phases_of = || {
            let phases = phase_nodes(roadmap);
            let mut phase_index = HashMap::with_capacity(phases.len());
            for (i, node) in phases.iter().enumerate() {
                phase_index.entry(node.phase.id.as_str()).or_insert(i);
            }
            (phases, phase_index)
        };
        let small = roadmap.skills.len() < crate::PARALLEL_MIN_SKILLS;
        let (graph, (phases, phase_index)) =
            if small { (graph_of(), phases_of()) } else { trailmap::parallel::join(graph_of, phases_of) };
        let threads = if small { 1 } else { trailmap::parallel::cores() };
        Context {
            file,
            source_len,
            roadmap,
            graph,
            phases,
            phase_index,
            threads,
            file_name: Arc::from(file),
            memory_tight: false,
            heavy_running: AtomicUsize::new(0),
        }
    }

    /// Whether the run's memory is tight beside the file: its model is
    /// most of what the run may hold (its text was let go of while the
    /// rules run), or TM107's widest rows would be a large share of it
    /// beside the text. Rules that can trade time for memory then take
    /// less (TM107's rows).
    ///
    /// ```
    /// let source = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#;
    /// let roadmap = trailmap::Roadmap::from_json_str(source).roadmap.unwrap();
    /// let ctx = trailmap_lint::context::Context::new("r.json", source, &roadmap);
    /// assert!(!ctx.memory_tight());
    /// ```
    pub fn memory_tight(&self) -> bool {
        self.memory_tight
    }

    /// Says the run's memory is tight beside the file (see [`Context::memory_tight`]).
    pub(crate) fn set_memory_tight(&mut self, tight: bool) {
        self.memory_tight = tight;
    }

    /// Uses at most `threads` threads, when given ([`crate::config::Config::threads`]).
    pub fn limit_threads(&mut self, threads: Option<std::num::NonZeroUsize>) {
        if let Some(limit) = threads {
            self.threads = self.threads.min(limit.get());
        }
    }

    /// Whether the source is large enough ([`MEMORY_TO_SPARE_FROM`] bytes)
    /// that the rules' tables are a small share of the run's memory: there
    /// the memory-heavy rules run side by side (as they also do on sources
    /// that spell a skill in many bytes), and TM109 compares names on
    /// several threads, each with a copy of its groups.
    ///
    /// ```
    /// let source = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#;
    /// let roadmap = trailmap::Roadmap::from_json_str(source).roadmap.unwrap();
    /// let ctx = trailmap_lint::context::Context::new("r.json", source, &roadmap);
    /// assert!(!ctx.memory_to_spare());
    /// ```
    pub fn memory_to_spare(&self) -> bool {
        memory_to_spare(self.source_len)
    }

    /// Whether the memory-heavy rules (TM109 and TM107) run side by side:
    /// with [`memory_to_spare`](Self::memory_to_spare), or when the source
    /// spells a skill in enough bytes ([`SIDE_BY_SIDE_FROM_BYTES_PER_SKILL`])
    /// that both rules' tables at once stay a small share of it.
    pub(crate) fn heavy_rules_side_by_side(&self) -> bool {
        self.memory_to_spare()
            || self.source_len >= SIDE_BY_SIDE_FROM_BYTES_PER_SKILL.saturating_mul(self.roadmap.skills.len())
    }

    /// Whether another memory-heavy rule (TM109, TM107) is running beside
    /// the caller now: the rules run side by side
    /// ([`Context::heavy_rules_side_by_side`]; only then are they counted)
    /// and the other has not finished. TM109 asks at each of its passes,
    /// taking every thread once TM107 is done: where TM107 took a tenth of
    /// TM109's time, the other core had sat idle through the rest.
    pub(crate) fn heavy_rule_beside(&self) -> bool {
        self.heavy_running.load(Ordering::Acquire) > 1
    }

    /// Says that `running` memory-heavy rules start side by side now (0
    /// when they run one after the other).
    pub(crate) fn heavy_rules_start(&self, running: usize) {
        self.heavy_running.store(running, Ordering::Release);
    }

    /// Says that one of the memory-heavy rules running side by side is done.
    pub(crate) fn heavy_rule_done(&self) {
        self.heavy_running.fetch_sub(1, Ordering::AcqRel);
    }

    /// Index in `phases` of the first phase that teaches the skill.
    pub fn taught_at(&self, skill: &str) -> Option<usize> {
        self.graph.phase_index_of_skill(skill)
    }

    /// Index in `roadmap.skills` of the (first) skill with this id.
    pub fn skill_index(&self, skill: &str) -> Option<usize> {
        self.graph.skill_index(skill)
    }

    /// A diagnostic of `rule` with its default severity, in this file.
    pub fn diag(&self, rule: &Rule, message: impl Into<String>) -> Diagnostic {
        self.in_file(Diagnostic::new(rule.code, rule.name, rule.default_severity, message))
    }

    /// `d`, in this file: for a diagnostic made by a rule's own function,
    /// which its compact findings are made by too.
    pub(crate) fn in_file(&self, mut d: Diagnostic) -> Diagnostic {
        d.file = self.file_name();
        d
    }

    /// [`Context::file`] as every diagnostic of the file holds it.
    pub(crate) fn file_name(&self) -> Arc<str> {
        Arc::clone(&self.file_name)
    }

    /// `true` when phase `a` is `b` or encloses it.
    pub fn encloses(&self, a: usize, b: usize) -> bool {
        let mut at = Some(b);
        while let Some(i) = at {
            if i == a {
                return true;
            }
            at = self.phases.get(i).and_then(|n| n.parent);
        }
        false
    }

    /// `true` when phase `later` comes after phase `earlier` in a way that
    /// matters for teaching order: later in document order, and neither
    /// encloses the other (a skill taught at a phase's own level spans its
    /// nested phases), and `earlier` is not a parallel or ongoing phase
    /// (or inside one), which runs alongside everything.
    pub fn strictly_after(&self, later: usize, earlier: usize) -> bool {
        later > earlier
            && !self.encloses(earlier, later)
            && !self.encloses(later, earlier)
            && !self.runs_alongside(later)
    }

    /// `true` for a parallel or ongoing phase, or one nested in such.
    pub fn runs_alongside(&self, phase: usize) -> bool {
        let mut at = Some(phase);
        while let Some(i) = at {
            let Some(node) = self.phases.get(i) else { return false };
            if node.phase.parallel || node.phase.ongoing {
                return true;
            }
            at = node.parent;
        }
        false
    }

    /// JSON Pointer of skill `i`.
    pub fn skill_pointer(&self, i: usize) -> String {
        Pointer::item("skills", i).into_string()
    }

    /// The work a check with a bound may spend on this roadmap: `min` plus
    /// `per_entry` for each skill and each of its prerequisite entries.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
    /// let ctx = trailmap_lint::context::Context::new("r.json", "", &roadmap);
    /// assert_eq!(ctx.work_budget(100, 10), 100 + 10 * 3);
    /// ```
    pub fn work_budget(&self, min: u64, per_entry: u64) -> u64 {
        let entries: usize = self.roadmap.skills.iter().map(|s| 1 + s.prerequisites.len()).sum();
        min.saturating_add(per_entry.saturating_mul(entries as u64))
    }

    /// The one warning of a check that ran out of work: "the search for
    /// `search` stopped at `<first unchecked skill>`: `<count> <left>` were
    /// not checked", at that skill; `None` when nothing was left.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}]}"#).roadmap.unwrap();
    /// let ctx = trailmap_lint::context::Context::new("r.json", "", &roadmap);
    /// let rule = trailmap_lint::registry::find("TM107").unwrap();
    /// let d = ctx.stopped(rule, "redundant prerequisites", &[0], "skills", "lint again").unwrap();
    /// assert_eq!(d.message, "the search for redundant prerequisites stopped at `a`: 1 skills were not checked");
    /// assert_eq!(d.pointer, "/skills/0");
    /// assert!(ctx.stopped(rule, "x", &[], "skills", "h").is_none());
    /// ```
    pub fn stopped(
        &self,
        rule: &Rule,
        search: &str,
        unchecked: &[usize],
        left: &str,
        help: &str,
    ) -> Option<Diagnostic> {
        let &first = unchecked.first()?;
        let skill = preview_str(&self.roadmap.skills[first].id);
        let count = unchecked.len();
        let message = format!("the search for {search} stopped at `{skill}`: {count} {left} were not checked");
        Some(self.diag(rule, message).at(self.skill_pointer(first)).with_help(help))
    }

    /// A readable name for phase `i`: its title.
    pub fn phase_title(&self, i: usize) -> &'a str {
        self.phases.get(i).map_or("", |n| n.phase.title.as_str())
    }
}

/// Severity helper for rule declarations.
pub const WARNING: Severity = Severity::Warning;
