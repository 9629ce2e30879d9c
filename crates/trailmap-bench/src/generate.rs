//! Synthetic roadmaps: N skills in layers with 0-4 prerequisites each (some
//! `any_of` groups), nested phases (phase > week > day), projects,
//! practices, milestones, exclusions, areas and resources, and a mutated
//! copy (renames with `former_ids`, removals, added edges, text edits) for
//! diff benchmarks.
//!
//! The output is valid (no cycle, no dangling id) and lint-clean by
//! construction, so a benchmark measures checking rather than printing:
//!
//! - plain prerequisites come from the layer just before, so none implies
//!   another (`TM107`); `any_of` groups reach up to three layers back;
//! - skills are placed in phases in file order and prerequisites always
//!   come earlier in the file, so nothing is taught before what it needs
//!   (`TM101`, `TM110`);
//! - names are built from word lists whose words are far apart, so no two
//!   names are one edit apart (`TM109`);
//! - efforts fit each phase's span at the roadmap's pace (`TM111`).
//!
//! ```
//! let roadmap = trailmap_bench::generate::generate(200, 1);
//! assert_eq!(roadmap.skills.len(), 200);
//! let text = serde_json::to_string(&roadmap).unwrap();
//! assert!(trailmap::Roadmap::from_json_str(&text).is_valid());
//! ```

use std::collections::{HashMap, HashSet};
use std::path::Path;

use trailmap::{
    AnyOf, Area, Cadence, Criterion, Exclusion, Milestone, MilestoneKind, NotedSkill, Phase, PhaseKind, Practice,
    Prerequisite, Project, Resource, ResourceKind, Roadmap, Skill, SkillLevel, SkillMention, Source, Span, Task,
    TimeUnit,
};

use crate::rng::Rng;
use crate::shape::{Picker, Shape};

/// Bump when the generator's output changes, so cached files are not
/// mistaken for current ones (the version is part of the file name).
pub const GENERATOR_VERSION: u32 = 2;

/// The pace the synthetic roadmaps state; skill efforts are sized to fit it.
pub const HOURS_PER_WEEK: f64 = 40.0;

const DOMAINS: &[&str] = &[
    "Tensor",
    "Graph",
    "Stream",
    "Vector",
    "Kernel",
    "Cloud",
    "Signal",
    "Matrix",
    "Query",
    "Cache",
    "Packet",
    "Sensor",
    "Robot",
    "Speech",
    "Vision",
    "Market",
    "Ledger",
    "Genome",
    "Climate",
    "Traffic",
    "Retail",
    "Energy",
    "Health",
    "Audio",
    "Image",
    "Search",
    "Fraud",
    "Credit",
    "Supply",
    "Weather",
    "Mobile",
    "Browser",
    "Compiler",
    "Network",
    "Storage",
    "Security",
    "Privacy",
    "Payment",
    "Chemistry",
    "Physics",
    "Finance",
    "Logistics",
    "Marketing",
    "Medical",
    "Satellite",
    "Drone",
    "Battery",
    "Language",
    "Document",
    "Factory",
    "Insurance",
    "Agriculture",
    "Transit",
    "Gaming",
    "Video",
];

const TECHNIQUES: &[&str] = &[
    "Modeling",
    "Pipelines",
    "Serving",
    "Indexing",
    "Forecasting",
    "Clustering",
    "Ranking",
    "Tuning",
    "Monitoring",
    "Testing",
    "Profiling",
    "Sampling",
    "Labeling",
    "Scaling",
    "Parsing",
    "Encoding",
    "Hashing",
    "Routing",
    "Scheduling",
    "Auditing",
    "Debugging",
    "Deployment",
    "Inference",
    "Training",
    "Analytics",
    "Visualization",
    "Compression",
    "Retrieval",
    "Embeddings",
    "Optimization",
    "Simulation",
    "Calibration",
    "Segmentation",
    "Detection",
    "Tracking",
    "Alignment",
    "Evaluation",
    "Governance",
    "Orchestration",
    "Benchmarking",
    "Annotation",
    "Augmentation",
    "Distillation",
    "Quantization",
    "Regression",
    "Classification",
    "Generation",
    "Replication",
    "Federation",
    "Validation",
    "Recovery",
];

const AREAS: &[(&str, &str)] = &[
    ("programming", "Programming"),
    ("data", "Data"),
    ("machine-learning", "Machine Learning"),
    ("deep-learning", "Deep Learning"),
    ("mlops", "MLOps"),
    ("cloud", "Cloud"),
    ("mathematics", "Mathematics"),
    ("systems", "Systems"),
    ("security", "Security"),
    ("product", "Product"),
    ("research", "Research"),
    ("career", "Career"),
];

const TOPICS: &[&str] = &[
    "fundamentals",
    "data formats",
    "error analysis",
    "testing",
    "performance",
    "tooling",
    "best practices",
    "case studies",
    "debugging",
    "deployment",
    "monitoring",
    "security",
    "cost",
    "scaling",
    "interfaces",
    "documentation",
    "trade-offs",
    "reproducibility",
    "benchmarks",
    "edge cases",
];

const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";

/// Levenshtein distance, for building word lists with words far apart.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The words of `list` (case-insensitively) at least 3 edits from every
/// word kept before them.
fn far_apart(list: &[&'static str]) -> Vec<&'static str> {
    let mut kept: Vec<&'static str> = Vec::new();
    for &word in list {
        let lower = word.to_lowercase();
        if kept.iter().all(|k| distance(&k.to_lowercase(), &lower) >= 3) {
            kept.push(word);
        }
    }
    kept
}

/// Five-letter code words (consonant, vowel, consonant, vowel, check
/// consonant). The check letter is `(i + j + k) mod 14` of the first three
/// letters' indices: changing any one of them changes it, so any two code
/// words of equal length differ in at least two letters, and no two names
/// are one edit apart.
fn code_words() -> Vec<String> {
    let mut out = Vec::with_capacity(CONSONANTS.len() * VOWELS.len() * CONSONANTS.len());
    for (i, &c1) in CONSONANTS.iter().enumerate() {
        for (j, &v1) in VOWELS.iter().enumerate() {
            for (k, &c2) in CONSONANTS.iter().enumerate() {
                let v2 = VOWELS[(i + 2 * j + 3 * k) % VOWELS.len()];
                let check = CONSONANTS[(i + j + k) % CONSONANTS.len()];
                let word = [c1.to_ascii_uppercase(), v1, c2, v2, check];
                out.push(String::from_utf8_lossy(&word).into_owned());
            }
        }
    }
    out
}

/// Skill names and ids: every skill index maps to a distinct combination
/// of a domain, a technique and a code word.
struct Names {
    domains: Vec<&'static str>,
    techniques: Vec<&'static str>,
    codes: Vec<String>,
    stride: u128,
}

impl Names {
    fn new() -> Self {
        let domains = far_apart(DOMAINS);
        let techniques = far_apart(TECHNIQUES);
        let codes = code_words();
        let total = (domains.len() * techniques.len() * codes.len()) as u128;
        // A stride coprime with the total makes `i * stride % total` a
        // bijection that scatters neighbours across the word lists.
        let mut stride: u128 = 1_000_003;
        while gcd(stride, total) != 1 {
            stride += 2;
        }
        Names { domains, techniques, codes, stride }
    }

    fn capacity(&self) -> usize {
        self.domains.len() * self.techniques.len() * self.codes.len()
    }

    /// `(domain, technique, code)` of skill `i`.
    fn parts(&self, i: usize) -> (usize, usize, usize) {
        let k = (i as u128 * self.stride % self.capacity() as u128) as usize;
        let d = k % self.domains.len();
        let t = (k / self.domains.len()) % self.techniques.len();
        let c = k / (self.domains.len() * self.techniques.len());
        (d, t, c)
    }

    fn name(&self, (d, t, c): (usize, usize, usize)) -> String {
        format!("{} {} {}", self.domains[d], self.techniques[t], self.codes[c])
    }

    fn id(&self, (d, t, c): (usize, usize, usize)) -> String {
        format!("{}-{}-{}", self.domains[d], self.techniques[t], self.codes[c]).to_lowercase()
    }
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The largest number of skills [`generate`] can name.
///
/// ```
/// assert!(trailmap_bench::generate::max_skills() >= 1_000_000);
/// ```
pub fn max_skills() -> usize {
    Names::new().capacity()
}

fn span(unit: TimeUnit, start: u32, end: Option<u32>, label: Option<String>) -> Span {
    let mut span = Span::new(unit, start);
    span.end_at = end;
    span.label = label;
    span
}

fn phase(id: String, title: String, kind: PhaseKind, span: Span) -> Phase {
    let mut phase = Phase::new(id, title);
    phase.kind = Some(kind);
    phase.span = Some(span);
    phase
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Generates a roadmap of `skills` skills (at most [`max_skills`]) from
/// `seed`. The same arguments give the same roadmap, byte for byte once
/// serialized.
///
/// ```
/// use trailmap_bench::generate::generate;
///
/// let a = generate(300, 7);
/// assert_eq!(a, generate(300, 7));
/// assert_ne!(a, generate(300, 8));
/// assert!(a.skills.iter().any(|s| s.prerequisites.iter().any(|p| matches!(p, trailmap::Prerequisite::AnyOf(_)))));
/// ```
pub fn generate(skills: usize, seed: u64) -> Roadmap {
    generate_shaped(skills, seed, Shape::Layered)
}

/// [`generate`] with another graph or name [`Shape`]. The layered shape is
/// [`generate`]'s roadmap; other shapes keep its phases, texts and
/// activities, with their own prerequisites or names, and may have lint
/// findings (redundant prerequisites, similar names) by design.
///
/// ```
/// use trailmap_bench::{generate::generate_shaped, shape::Shape};
///
/// let chain = generate_shaped(300, 1, Shape::Chain);
/// assert_eq!(chain.skills[20].prerequisites[0], trailmap::Prerequisite::Skill(chain.skills[12].id.clone()));
/// assert_eq!(generate_shaped(300, 1, Shape::Layered), trailmap_bench::generate::generate(300, 1));
/// ```
pub fn generate_shaped(skills: usize, seed: u64, shape: Shape) -> Roadmap {
    let names = Names::new();
    let n = skills.min(names.capacity());
    let mut rng = Rng::new(seed);

    // Layers of 60-140 skills; a skill's prerequisites come from earlier layers.
    let mut layer_start: Vec<usize> = Vec::new();
    let mut layer_of: Vec<usize> = Vec::with_capacity(n);
    while layer_of.len() < n {
        let width = 60 + rng.below(81);
        layer_start.push(layer_of.len());
        let layer = layer_start.len() - 1;
        layer_of.extend(std::iter::repeat_n(layer, width.min(n - layer_of.len())));
    }
    layer_start.push(n);
    let layers = layer_start.len() - 1;

    let parts: Vec<(usize, usize, usize)> = (0..n).map(|i| names.parts(i)).collect();
    let ids: Vec<String> = parts.iter().map(|&p| names.id(p)).collect();
    // Layer 0 is what everything starts from: never optional.
    let optional: Vec<bool> =
        layer_of.iter().map(|&l| shape.has_optional_skills() && l > 0 && rng.percent(3)).collect();
    let mut picker = Picker::new(shape, n);

    let mut skill_list = Vec::with_capacity(n);
    for i in 0..n {
        let layer = layer_of[i];
        let (d, t, _) = parts[i];
        let prerequisites = match shape {
            Shape::Layered | Shape::NamesEdits if layer > 0 => {
                prerequisites_of(i, layer, &layer_start, &optional, &ids, &mut rng)
            }
            _ => picker.prerequisites(i, &ids, &mut rng),
        };
        let own = names.name(parts[i]);
        let name = crate::shape::name(shape, i, &own, &mut rng).unwrap_or(own);
        let description = rng.percent(70).then(|| {
            format!(
                "Applying {} to {} systems, from first principles to production practice.",
                names.techniques[t].to_lowercase(),
                names.domains[d].to_lowercase()
            )
        });
        let note = rng.percent(10).then(|| "Covered with a worked example and a short exercise.".to_owned());
        let level = match layer * 4 / layers.max(1) {
            0 => SkillLevel::Beginner,
            1 => SkillLevel::Intermediate,
            2 => SkillLevel::Advanced,
            _ => SkillLevel::Expert,
        };
        let topics: Vec<String> = {
            let count = rng.below(5);
            let mut picked: Vec<String> = Vec::new();
            for _ in 0..count {
                let topic = TOPICS[rng.below(TOPICS.len())].to_owned();
                if !picked.contains(&topic) {
                    picked.push(topic);
                }
            }
            picked
        };
        let resources: Vec<Resource> = if rng.percent(30) {
            (0..1 + rng.below(2))
                .map(|k| {
                    let mut resource =
                        Resource::new(format!("{name}: {}", if k == 0 { "course notes" } else { "reference" }));
                    resource.url = Some(format!("https://learn.example.org/{}/{}", ids[i], k + 1));
                    resource.kind = Some(if k == 0 { ResourceKind::Course } else { ResourceKind::Docs });
                    resource
                })
                .collect()
        } else {
            Vec::new()
        };
        let aliases = if rng.percent(5) {
            vec![name.split(' ').filter_map(|w| w.chars().next()).collect::<String>()]
        } else {
            Vec::new()
        };
        let mut skill = Skill::new(ids[i].clone(), name);
        skill.description = description;
        skill.note = note;
        skill.area = Some(AREAS[d % AREAS.len()].0.to_owned());
        skill.level = Some(level);
        skill.effort_hours = rng.percent(70).then(|| [0.5, 1.0, 1.5][rng.below(3)]);
        skill.optional = optional[i];
        skill.topics = topics;
        skill.prerequisites = prerequisites;
        skill.resources = resources;
        skill.aliases = aliases;
        skill_list.push(skill);
    }

    let (phases, weeks, sections) = phases_for(&skill_list, &mut rng);
    let mut roadmap = Roadmap::new(
        format!("synthetic-{}", size_label(n).to_lowercase()),
        format!("Synthetic roadmap of {n} skills"),
        "1.0.0",
    );
    roadmap.schema = Some("../../schemas/roadmap.schema.json".to_owned());
    roadmap.summary = Some(
        "A generated roadmap for benchmarks: layered skills with prerequisites, nested phases, projects and milestones."
            .to_owned(),
    );
    roadmap.audience = Some("Benchmarks".to_owned());
    roadmap.target_role = Some("Synthetic engineer".to_owned());
    roadmap.duration = Some(span(TimeUnit::Week, 1, Some(weeks.max(1)), Some(format!("{weeks} weeks"))));
    roadmap.hours_per_week = Some(HOURS_PER_WEEK);
    let mut source = Source::default();
    source.title = Some(format!("trailmap-bench generator v{GENERATOR_VERSION}"));
    source.file = Some(format!("seed {seed}"));
    roadmap.source = Some(source);
    roadmap.license = Some("CC0-1.0".to_owned());
    roadmap.tags = vec!["synthetic".to_owned(), "benchmark".to_owned()];
    roadmap.principles = vec![
        "Learn what a skill needs before the skill.".to_owned(),
        "Build something at the end of every stage.".to_owned(),
    ];
    roadmap.phases = phases;
    add_activities(&mut roadmap, &skill_list, &sections, &mut rng);
    roadmap.skills = skill_list;
    roadmap
}

/// 0-4 prerequisites of skill `i` in `layer` (at least 1): plain ones from
/// the previous layer, sometimes one `any_of` group reaching three layers
/// back with at least one required member.
fn prerequisites_of(
    i: usize,
    layer: usize,
    layer_start: &[usize],
    optional: &[bool],
    ids: &[String],
    rng: &mut Rng,
) -> Vec<Prerequisite> {
    let count = match rng.below(100) {
        0..2 => 0,
        2..30 => 1,
        30..65 => 2,
        65..88 => 3,
        _ => 4,
    };
    let mut used: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(count);
    let mut plain = count;
    if count > 0 && rng.percent(12) {
        let from = layer_start[layer.saturating_sub(3)];
        let to = layer_start[layer];
        let mut members: Vec<usize> = Vec::new();
        let wanted = 2 + rng.below(2);
        for _ in 0..wanted * 8 {
            if members.len() == wanted {
                break;
            }
            let m = from + rng.below(to - from);
            // The first member is required, so the group never forces an optional skill.
            if m != i && !members.contains(&m) && (!members.is_empty() || !optional[m]) {
                members.push(m);
            }
        }
        if members.len() >= 2 {
            used.extend(&members);
            out.push(Prerequisite::AnyOf(AnyOf::new(members.iter().map(|&m| ids[m].clone()))));
            plain -= 1;
        }
    }
    let (from, to) = (layer_start[layer - 1], layer_start[layer]);
    let mut tries = 0;
    while plain > 0 && tries < 64 {
        tries += 1;
        let m = from + rng.below(to - from);
        if !optional[m] && !used.contains(&m) {
            used.push(m);
            out.push(Prerequisite::Skill(ids[m].clone()));
            plain -= 1;
        }
    }
    // Plain entries first, as people tend to write them.
    out.sort_by_key(|p| matches!(p, Prerequisite::AnyOf(_)));
    out
}

/// A top-level phase: its index in `roadmap.phases`, the weeks it spans
/// (ids and numbers) and the range of skill indices it teaches.
struct Section {
    id: String,
    week_ids: Vec<String>,
    skills: std::ops::Range<usize>,
    first_week_skills: std::ops::Range<usize>,
}

/// Places the skills, in file order, into weeks of three day ranges
/// (days 1-2, 3-4 and 5-6, 3-7 skills each) and sometimes the week itself,
/// and groups 4-8 weeks into a top-level phase. Returns the phases, the
/// number of weeks and what each top-level phase covers.
fn phases_for(skills: &[Skill], rng: &mut Rng) -> (Vec<Phase>, u32, Vec<Section>) {
    let n = skills.len();
    let mut next = 0usize;
    let mut weeks: Vec<(Phase, std::ops::Range<usize>)> = Vec::new();
    while next < n {
        let w = u32_of(weeks.len() + 1);
        let start = next;
        let mut week = phase(
            format!("week-{w}"),
            format!("Week {w}: {} and more", skills[next].name),
            PhaseKind::Week,
            span(TimeUnit::Week, w, None, None),
        );
        for _ in 0..rng.below(3) {
            if next < n {
                week.skills.push(skills[next].id.clone());
                next += 1;
            }
        }
        for (a, b) in [(1u32, 2u32), (3, 4), (5, 6)] {
            if next >= n {
                break;
            }
            let count = (3 + rng.below(5)).min(n - next);
            let mut day = phase(
                format!("week-{w}-day-{a}-{b}"),
                format!("{} and {}", skills[next].name, if count > 1 { "friends" } else { "review" }),
                PhaseKind::Day,
                span(TimeUnit::Day, a, Some(b), Some(format!("Day {a}-{b}"))),
            );
            day.skills = skills[next..next + count].iter().map(|s| s.id.clone()).collect();
            if rng.percent(50) {
                day.topics.push(TOPICS[rng.below(TOPICS.len())].to_owned());
            }
            next += count;
            week.phases.push(day);
        }
        if rng.percent(20) {
            week.description = Some("Practise every day; keep notes of what was hard.".to_owned());
        }
        if let Some(s) = skills.get(start) {
            let mut task = Task::new(format!("Build a small exercise with {}", s.name));
            task.skills = vec![Prerequisite::Skill(s.id.clone())];
            task.deliverables = vec!["a notebook".to_owned(), "a short write-up".to_owned()];
            week.tasks.push(task);
        }
        weeks.push((week, start..next));
    }
    let total_weeks = u32_of(weeks.len());
    let mut phases = Vec::new();
    let mut sections = Vec::new();
    let mut weeks = weeks.into_iter().peekable();
    while weeks.peek().is_some() {
        let p = phases.len() + 1;
        let take = 4 + rng.below(5);
        let group: Vec<(Phase, std::ops::Range<usize>)> = weeks.by_ref().take(take).collect();
        let (Some(first), Some(last)) = (group.first(), group.last()) else { break };
        let (ws, we) = (first.0.span.as_ref().map_or(1, |s| s.start), last.0.span.as_ref().map_or(1, |s| s.start));
        let skills_range = first.1.start..last.1.end;
        let first_week_skills = first.1.clone();
        let id = format!("stage-{p}");
        let mut top = phase(
            id.clone(),
            format!("Stage {p}: {}", skills[skills_range.start].name),
            PhaseKind::Phase,
            span(TimeUnit::Week, ws, (we > ws).then_some(we), Some(format!("Weeks {ws}-{we}"))),
        );
        top.goal = Some(format!("Apply the skills of weeks {ws}-{we} without help."));
        let week_ids = group.iter().map(|(w, _)| w.id.clone()).collect();
        top.phases = group.into_iter().map(|(w, _)| w).collect();
        phases.push(top);
        sections.push(Section { id, week_ids, skills: skills_range, first_week_skills });
    }
    (phases, total_weeks, sections)
}

/// Projects, practices and milestones per top-level phase, a few
/// exclusions, and an areas table; each only uses skills its phase (or an
/// earlier one) teaches.
fn add_activities(roadmap: &mut Roadmap, skills: &[Skill], sections: &[Section], rng: &mut Rng) {
    let pick = |rng: &mut Rng, range: &std::ops::Range<usize>| range.start + rng.below(range.len());
    for (k, section) in sections.iter().enumerate() {
        let p = k + 1;
        let last_week = section.week_ids.last().cloned().unwrap_or_else(|| section.id.clone());
        let mut used: Vec<String> = Vec::new();
        for _ in 0..3 + rng.below(4) {
            let id = &skills[pick(rng, &section.skills)].id;
            if !used.contains(id) {
                used.push(id.clone());
            }
        }
        let lead = &skills[section.skills.start];
        let mut project = Project::new(format!("project-{p}"), format!("Capstone {p}: {} service", lead.name));
        project.number = Some(u32_of(p));
        project.description = Some("An end-to-end project that uses what this stage teaches.".to_owned());
        project.phase = Some(last_week.clone());
        project.skills = used.into_iter().map(Prerequisite::Skill).collect();
        project.deliverables = vec!["source code".to_owned(), "a README with results".to_owned()];
        project.optional = rng.percent(10);
        roadmap.projects.push(project);
        let cadence = if rng.percent(50) { Cadence::Daily } else { Cadence::Weekly };
        let mut practice = Practice::new(
            format!("practice-{p}"),
            cadence,
            format!("Review {}", skills[section.first_week_skills.start].name),
        );
        practice.topics = vec![TOPICS[rng.below(TOPICS.len())].to_owned()];
        practice.phase = Some(section.id.clone());
        practice.skills = vec![skills[pick(rng, &section.first_week_skills)].id.clone()];
        roadmap.practices.push(practice);
        let criteria = (0..2 + rng.below(3))
            .map(|c| {
                let a = &skills[pick(rng, &section.skills)];
                let b = &skills[pick(rng, &section.skills)];
                let group = c == 1 && a.id != b.id;
                let mut criterion = Criterion::new(if group {
                    format!("Can use {} or {}", a.name, b.name)
                } else {
                    format!("Can explain {}", a.name)
                });
                criterion.skills = vec![if group {
                    Prerequisite::AnyOf(AnyOf::new([a.id.clone(), b.id.clone()]))
                } else {
                    Prerequisite::Skill(a.id.clone())
                }];
                criterion.target = (c == 0).then_some(10);
                criterion
            })
            .collect();
        let mut milestone = Milestone::new(format!("milestone-{p}"), format!("Ready for stage {}", p + 1));
        milestone.kind = Some(MilestoneKind::Checklist);
        milestone.phase = Some(last_week);
        milestone.criteria = criteria;
        roadmap.milestones.push(milestone);
    }
    if let Some(first) = sections.first() {
        for k in 1..=3 {
            let mut exclusion = Exclusion::new(format!("exclusion-{k}"), format!("Research-level topic {k}"));
            exclusion.reason = Some("Not needed to apply the skills in practice".to_owned());
            exclusion.phase = Some(first.id.clone());
            exclusion.skill = (k == 1).then(|| skills[first.skills.start].id.clone());
            roadmap.exclusions.push(exclusion);
        }
    }
    let mut by_area: HashMap<&str, Vec<SkillMention>> = HashMap::new();
    for skill in skills {
        let Some(area) = skill.area.as_deref() else { continue };
        let list = by_area.entry(area).or_default();
        if list.len() < 12 {
            list.push(if list.len().is_multiple_of(4) {
                let mut noted = NotedSkill::new(skill.id.clone());
                noted.note = Some("core".to_owned());
                SkillMention::Noted(noted)
            } else {
                SkillMention::Id(skill.id.clone())
            });
        }
    }
    for (id, name) in AREAS {
        if let Some(mentions) = by_area.remove(id) {
            let mut area = Area::new(*id, *name);
            area.skills = mentions;
            roadmap.areas.push(area);
        }
    }
}

/// What [`mutate`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mutations {
    /// Skills removed (with every reference to them).
    pub removed: usize,
    /// Skills renamed (old id kept in `former_ids`, references updated).
    pub renamed: usize,
    /// Plain prerequisites added.
    pub edges_added: usize,
    /// Names or descriptions edited.
    pub texts_edited: usize,
}

/// A changed copy of `roadmap`, as a next version might be: 0.5% of the
/// skills removed, 1% renamed (with `former_ids`), 1% gaining a
/// prerequisite, 2% with a new name or description, and a major version.
/// Stays valid: new edges go from an earlier skill to a later one, as every
/// edge of a generated roadmap does, so no cycle can appear.
///
/// ```
/// use trailmap_bench::generate::{generate, mutate};
///
/// let old = generate(400, 3);
/// let (new, done) = mutate(&old, 3);
/// assert_eq!(new.skills.len(), old.skills.len() - done.removed);
/// assert!(!trailmap_diff::diff(&old, &new).is_empty());
/// ```
pub fn mutate(roadmap: &Roadmap, seed: u64) -> (Roadmap, Mutations) {
    let mut rng = Rng::new(seed ^ 0x6D75_7461_7465);
    let mut new = roadmap.clone();
    let mut done = Mutations::default();
    let n = new.skills.len();
    new.version = "2.0.0".to_owned();

    let mut removed: HashSet<String> = HashSet::new();
    for _ in 0..(n / 200).max(1).min(n / 2) {
        removed.insert(new.skills[rng.below(n)].id.clone());
    }
    done.removed = removed.len();
    new.skills.retain(|s| !removed.contains(&s.id));
    let mut renames: HashMap<String, String> = HashMap::new();
    let m = new.skills.len();
    for _ in 0..(m / 100).max(1).min(m) {
        let skill = &mut new.skills[rng.below(m)];
        if skill.former_ids.is_empty() {
            let renamed = format!("{}-2", skill.id);
            let old = std::mem::replace(&mut skill.id, renamed);
            renames.insert(old.clone(), skill.id.clone());
            skill.former_ids.push(old);
        }
    }
    done.renamed = renames.len();
    rewrite_references(&mut new, &removed, &renames);

    for _ in 0..(m / 100).max(1) {
        if m < 2 {
            break;
        }
        let i = 1 + rng.below(m - 1);
        let j = i - 1 - rng.below(i.min(200));
        let target = new.skills[j].id.clone();
        let skill = &mut new.skills[i];
        if !skill.prerequisites.iter().any(|p| p.skill_ids().any(|id| id == target)) {
            skill.prerequisites.push(Prerequisite::Skill(target));
            done.edges_added += 1;
        }
    }
    for _ in 0..(m / 50).max(1) {
        if m == 0 {
            break;
        }
        let skill = &mut new.skills[rng.below(m)];
        if rng.percent(25) {
            skill.name.push_str(" Essentials");
        } else {
            skill.description = Some(format!(
                "{} Now with a section on failure modes.",
                skill.description.as_deref().unwrap_or("Updated.")
            ));
        }
        done.texts_edited += 1;
    }
    (new, done)
}

/// Drops references to removed skills and follows renames, everywhere a
/// skill id can appear.
fn rewrite_references(roadmap: &mut Roadmap, removed: &HashSet<String>, renames: &HashMap<String, String>) {
    let keep = |id: &String| !removed.contains(id);
    let rename = |id: &mut String| {
        if let Some(new) = renames.get(id) {
            id.clone_from(new);
        }
    };
    let fix_list = |list: &mut Vec<Prerequisite>| {
        list.retain_mut(|p| match p {
            Prerequisite::Skill(id) => {
                rename(id);
                keep(id)
            }
            Prerequisite::AnyOf(group) => {
                group.any_of.retain(keep);
                group.any_of.iter_mut().for_each(rename);
                !group.any_of.is_empty()
            }
        });
    };
    let fix_ids = |list: &mut Vec<String>| {
        list.retain(keep);
        list.iter_mut().for_each(rename);
    };
    for skill in &mut roadmap.skills {
        fix_list(&mut skill.prerequisites);
    }
    let mut stack: Vec<&mut Phase> = roadmap.phases.iter_mut().collect();
    while let Some(phase) = stack.pop() {
        fix_ids(&mut phase.skills);
        for task in &mut phase.tasks {
            fix_list(&mut task.skills);
        }
        stack.extend(phase.phases.iter_mut());
    }
    for project in &mut roadmap.projects {
        fix_list(&mut project.skills);
    }
    for practice in &mut roadmap.practices {
        fix_ids(&mut practice.skills);
    }
    for milestone in &mut roadmap.milestones {
        for criterion in &mut milestone.criteria {
            fix_list(&mut criterion.skills);
        }
    }
    for exclusion in &mut roadmap.exclusions {
        if exclusion.skill.as_ref().is_some_and(|id| !keep(id)) {
            exclusion.skill = None;
        }
        if let Some(id) = &mut exclusion.skill {
            rename(id);
        }
    }
    for area in &mut roadmap.areas {
        area.skills.retain(|m| keep(&m.skill_id().to_owned()));
        for mention in &mut area.skills {
            match mention {
                SkillMention::Id(id) | SkillMention::Noted(NotedSkill { skill: id, .. }) => rename(id),
            }
        }
    }
}

/// `1k`, `10k`, `1M` for round sizes, the plain number otherwise.
///
/// ```
/// use trailmap_bench::generate::size_label;
/// assert_eq!(size_label(100_000), "100k");
/// assert_eq!(size_label(1_000_000), "1M");
/// assert_eq!(size_label(1500), "1500");
/// ```
pub fn size_label(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// Parses a size: `1000`, `1k`, `10k`, `1M`.
///
/// ```
/// use trailmap_bench::generate::parse_size;
/// assert_eq!(parse_size("10k"), Ok(10_000));
/// assert_eq!(parse_size("1M"), Ok(1_000_000));
/// assert!(parse_size("ten").is_err());
/// ```
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, factor) = match text.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1000),
        None => match text.strip_suffix('M') {
            Some(d) => (d, 1_000_000),
            None => (text, 1),
        },
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("`{text}` is not a size (examples: 1000, 1k, 100k, 1M)"))
}

/// The file name of a generated roadmap: size, seed and generator version,
/// so a stale file is never reused.
///
/// ```
/// assert_eq!(trailmap_bench::generate::file_name(1000, 1, false), "synthetic-1k-seed1-v2.json");
/// assert_eq!(trailmap_bench::generate::file_name(1000, 1, true), "synthetic-1k-seed1-v2-mutated.json");
/// ```
pub fn file_name(skills: usize, seed: u64, mutated: bool) -> String {
    shaped_file_name(Shape::Layered, skills, seed, mutated)
}

/// [`file_name`] for a shape: the layered shape keeps the plain name.
///
/// ```
/// use trailmap_bench::{generate::shaped_file_name, shape::Shape};
/// assert_eq!(shaped_file_name(Shape::Chain, 1000, 1, false), "synthetic-chain-1k-seed1-v2.json");
/// ```
pub fn shaped_file_name(shape: Shape, skills: usize, seed: u64, mutated: bool) -> String {
    let suffix = if mutated { "-mutated" } else { "" };
    let shape = if shape == Shape::Layered { String::new() } else { format!("{}-", shape.label()) };
    format!("synthetic-{shape}{}-seed{seed}-v{GENERATOR_VERSION}{suffix}.json", size_label(skills))
}

/// Writes `roadmap` as pretty-printed JSON (two-space indent, as people
/// and editors write roadmaps) to `path`.
///
/// ```
/// let path = std::env::temp_dir().join("trailmap-bench-doc-write.json");
/// trailmap_bench::generate::write(&trailmap_bench::generate::generate(50, 1), &path).unwrap();
/// assert!(trailmap::Roadmap::from_path(&path).unwrap().is_valid());
/// ```
pub fn write(roadmap: &Roadmap, path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer_pretty(&mut out, roadmap).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Generates (if not already there) the roadmap of `skills` skills and its
/// mutated copy into `dir`, and returns their paths.
///
/// ```
/// let dir = std::env::temp_dir().join("trailmap-bench-doc-ensure");
/// let (base, mutated) = trailmap_bench::generate::ensure(&dir, 100, 1).unwrap();
/// assert!(base.exists() && mutated.exists());
/// ```
pub fn ensure(dir: &Path, skills: usize, seed: u64) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    ensure_shaped(dir, skills, seed, Shape::Layered)
}

/// [`ensure`] for a shape.
pub fn ensure_shaped(
    dir: &Path,
    skills: usize,
    seed: u64,
    shape: Shape,
) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    std::fs::create_dir_all(dir)?;
    let base = dir.join(shaped_file_name(shape, skills, seed, false));
    let mutated = dir.join(shaped_file_name(shape, skills, seed, true));
    if !base.exists() || !mutated.exists() {
        let roadmap = generate_shaped(skills, seed, shape);
        let (changed, _) = mutate(&roadmap, seed);
        // Write under temporary names first so an interrupted run leaves no
        // half file under the final name.
        for (model, path) in [(&roadmap, &base), (&changed, &mutated)] {
            let partial = path.with_extension("json.partial");
            write(model, &partial)?;
            std::fs::rename(&partial, path)?;
        }
    }
    Ok((base, mutated))
}
