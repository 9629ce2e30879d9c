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

use trailmap::{
    AnyOf, Phase, PhaseKind, Prerequisite, Resource, ResourceKind, Roadmap, Skill, SkillLevel, Source, Span, TimeUnit,
};

use crate::rng::Rng;
use crate::shape::{Picker, Shape};

/// Bump when the generator's output changes, so cached files are not
/// mistaken for current ones (the version is part of the file name).
pub const GENERATOR_VERSION: u32 = 2;

/// The pace the synthetic roadmaps state; skill efforts are sized to fit it.
pub const HOURS_PER_WEEK: f64 = 40.0;
mod activities;
mod files;
mod mutate;
mod names;
mod phases;

pub use files::{
    ensure, ensure_bare, ensure_folder, ensure_shaped, file_name, parse_size, shaped_file_name, size_label, write,
};
pub use mutate::{Mutations, mutate};
pub use names::max_skills;

use activities::add_activities;
use names::Names;
use phases::phases_for;

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

/// `roadmap`'s skills with their ids, names and prerequisites only, and
/// nothing else: the graph of a shape as the issue's own kind of file
/// (ids, names, 0-3 prerequisites; about 130-170 bytes a skill, where the
/// generator's files spell about 650).
///
/// ```
/// use trailmap_bench::{generate::{bare, generate_shaped}, shape::Shape};
///
/// let full = generate_shaped(300, 1, Shape::Hubs);
/// let bare = bare(&full);
/// assert_eq!(bare.skills.len(), 300);
/// assert_eq!(bare.skills[40].prerequisites, full.skills[40].prerequisites);
/// assert!(bare.phases.is_empty() && bare.projects.is_empty());
/// ```
pub fn bare(roadmap: &Roadmap) -> Roadmap {
    let mut out = Roadmap::new(roadmap.id.clone(), roadmap.title.clone(), roadmap.version.clone());
    out.skills = roadmap
        .skills
        .iter()
        .map(|skill| {
            let mut kept = Skill::new(skill.id.clone(), skill.name.clone());
            kept.prerequisites = skill.prerequisites.clone();
            kept
        })
        .collect();
    out
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
        if shape == Shape::Bare {
            let mut skill = Skill::new(ids[i].clone(), name);
            skill.prerequisites = prerequisites;
            skill_list.push(skill);
            continue;
        }
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

    let mut roadmap = Roadmap::new(
        format!("synthetic-{}", size_label(n).to_lowercase()),
        format!("Synthetic roadmap of {n} skills"),
        "1.0.0",
    );
    if shape == Shape::Bare {
        roadmap.skills = skill_list;
        return roadmap;
    }
    let (phases, weeks, sections) = phases_for(&skill_list, &mut rng);
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
            out.push(Prerequisite::from(AnyOf::new(members.iter().map(|&m| ids[m].clone()))));
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
            out.push(Prerequisite::Skill(ids[m].as_str().into()));
            plain -= 1;
        }
    }
    // Plain entries first, as people tend to write them.
    out.sort_by_key(|p| matches!(p, Prerequisite::AnyOf(_)));
    out
}
