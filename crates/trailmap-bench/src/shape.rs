//! Graph and name shapes of the synthetic roadmaps. The rules were first
//! tuned on one shape (layers, short edges); each shape here stresses
//! something else: long-range edges, deep chains, one skill needed by
//! everything, many prerequisites per skill, power-law hubs, and names
//! that differ only in numbers or by one edit.
//!
//! ```
//! use trailmap_bench::shape::Shape;
//!
//! assert_eq!(Shape::parse("window-5000"), Ok(Shape::Window(5000)));
//! assert_eq!(Shape::Window(5000).label(), "window-5000");
//! assert!(Shape::parse("triangle").is_err());
//! ```

use trailmap::{AnyOf, Prerequisite};

use crate::rng::Rng;

/// The shape of a generated roadmap's prerequisite graph and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// Layers of 60-140 skills, plain prerequisites from the layer before,
    /// `any_of` groups up to three layers back (the original generator).
    Layered,
    /// 0-3 plain prerequisites uniform among the previous `W` skills
    /// (`usize::MAX`: all of them). Long edges, redundant ones included.
    Window(usize),
    /// Eight interleaved chains (skill `i` needs `i - 8`), 10% of skills
    /// with a cross-link to another chain within the previous 2,000 skills.
    Chain,
    /// One skill needed directly by every other; 30% also with an `any_of`
    /// group of two earlier skills.
    Fan,
    /// One skill needed directly by every other, besides 0-2 plain
    /// prerequisites among the previous 5,000 skills, as a script written
    /// to try a fan makes it: the hub is redundant wherever another
    /// prerequisite already needs it (about two skills in three), so
    /// `redundant-prerequisite` fires on most skills.
    FanDirect,
    /// Layers of 64; each skill has 0-20 plain prerequisites from one
    /// earlier layer picked uniformly (long edges, mixed depths, no
    /// redundancy: skills of one layer never need each other).
    Dense,
    /// 0-20 plain prerequisites uniform among the previous 5,000 skills:
    /// many prerequisites over long edges, most of them redundant (about
    /// ten findings of `redundant-prerequisite` per skill).
    DenseWindow,
    /// 0-20 plain prerequisites uniform among all previous skills: most
    /// pairs of one skill's prerequisites far apart in rank, and about four
    /// in ten entries redundant.
    DenseAll,
    /// Each skill needs the twenty before it (fewer at the start): every
    /// entry but the nearest is redundant, so `redundant-prerequisite`
    /// fires at nineteen entries in twenty, almost two million at 100k
    /// skills. A run that is its report.
    Consecutive,
    /// 1-3 plain prerequisites by preferential attachment (a skill is
    /// picked in proportion to one plus how many skills need it): a few
    /// hubs needed by tens of thousands.
    Hubs,
    /// The last skill needs every other one; the others need nothing.
    /// One list of a hundred thousand entries: anything pairwise within a
    /// skill's prerequisites shows.
    StarIn,
    /// Skill `i` needs one of its two neighbours (`any_of` of `i - 1` and
    /// `i + 1`): every skill is learnable, and all of them lie on one
    /// cycle of groups, each neighbour after `i` a cyclic alternative
    /// (TM119, whose search is quadratic here and stops at its bound).
    AnyChain,
    /// The `window-5000` graph with names "Skill number N": names that
    /// differ only in their numbers.
    NamesNumbers,
    /// The layered graph with names in families of 16 that differ by one
    /// edit inside short tokens ("AWS SQS family 12", "AWS SNS family
    /// 12") or only in numbers; one family in 20 has a real near-duplicate
    /// (a letter dropped from a long word) and one in 100 a plural.
    NamesEdits,
    /// A lattice as wide as the square root of the skill count (316 at
    /// 100k): a skill needs the one before it in its row and the one
    /// above it; one in ten also the one above and before, which both of
    /// those already need (redundant). Any two skills of a row are joined
    /// by many paths, none of them a shortcut.
    Grid,
    /// 0-4 plain prerequisites at distances spread evenly on a log scale,
    /// from the skill just before to the first one: edges of every
    /// length at once, short ones most.
    LogDistance,
    /// The `names-numbers` roadmap with nothing else: skills of an id, a
    /// name and their prerequisites, no texts, phases or activities
    /// (about 135 bytes a skill, a fifth of the others). The issue's own
    /// file, where a fixed cost per skill weighs most against the file.
    Bare,
}

/// Every shape, in the order the runner reports them.
pub const ALL: &[Shape] = &[
    Shape::Layered,
    Shape::Window(100),
    Shape::Window(5000),
    Shape::Window(usize::MAX),
    Shape::Chain,
    Shape::Fan,
    Shape::FanDirect,
    Shape::Dense,
    Shape::DenseWindow,
    Shape::DenseAll,
    Shape::Consecutive,
    Shape::Hubs,
    Shape::StarIn,
    Shape::AnyChain,
    Shape::NamesNumbers,
    Shape::NamesEdits,
    Shape::Bare,
    Shape::Grid,
    Shape::LogDistance,
];

impl Shape {
    /// The shape's name on the command line and in file names.
    pub fn label(self) -> String {
        match self {
            Shape::Layered => "layered".into(),
            Shape::Window(usize::MAX) => "window-all".into(),
            Shape::Window(w) => format!("window-{w}"),
            Shape::Chain => "chain".into(),
            Shape::Fan => "fan".into(),
            Shape::FanDirect => "fan-direct".into(),
            Shape::Dense => "dense".into(),
            Shape::DenseWindow => "dense-window".into(),
            Shape::DenseAll => "dense-all".into(),
            Shape::Consecutive => "consecutive".into(),
            Shape::Hubs => "hubs".into(),
            Shape::StarIn => "star-in".into(),
            Shape::AnyChain => "any-chain".into(),
            Shape::NamesNumbers => "names-numbers".into(),
            Shape::NamesEdits => "names-edits".into(),
            Shape::Bare => "bare".into(),
            Shape::Grid => "grid".into(),
            Shape::LogDistance => "log-distance".into(),
        }
    }

    /// Parses a label of [`Shape::label`]; `window-W` takes any `W` ≥ 1.
    pub fn parse(text: &str) -> Result<Shape, String> {
        if let Some(shape) = ALL.iter().find(|s| s.label() == text) {
            return Ok(*shape);
        }
        if let Some(w) = text.strip_prefix("window-").and_then(|w| w.parse::<usize>().ok()).filter(|&w| w > 0) {
            return Ok(Shape::Window(w));
        }
        let known: Vec<String> = ALL.iter().map(|s| s.label()).collect();
        Err(format!("unknown shape `{text}` (known: {}, or window-W for any W)", known.join(", ")))
    }

    /// Whether skills may be optional: only the layered graphs keep
    /// prerequisites off optional skills by construction.
    pub(crate) fn has_optional_skills(self) -> bool {
        matches!(self, Shape::Layered | Shape::NamesEdits)
    }
}

/// Picks the prerequisites of skill `i` for the non-layered shapes, as
/// skill indices below `i` (plain entries) and `any_of` groups.
pub(crate) struct Picker {
    shape: Shape,
    skills: usize,
    /// Preferential attachment: each skill once, plus once per dependent.
    endpoints: Vec<u32>,
}

impl Picker {
    pub(crate) fn new(shape: Shape, skills: usize) -> Self {
        let endpoints = if shape == Shape::Hubs { Vec::with_capacity(skills * 3) } else { Vec::new() };
        Picker { shape, skills, endpoints }
    }

    /// The prerequisites of skill `i`, ids from `ids`.
    pub(crate) fn prerequisites(&mut self, i: usize, ids: &[String], rng: &mut Rng) -> Vec<Prerequisite> {
        let plain = |list: Vec<usize>| list.into_iter().map(|m| Prerequisite::Skill(ids[m].as_str().into())).collect();
        match self.shape {
            Shape::Layered | Shape::NamesEdits => Vec::new(),
            Shape::Window(_) | Shape::NamesNumbers | Shape::Bare if i > 0 => {
                let w = if let Shape::Window(w) = self.shape { w } else { 5000 };
                let from = i.saturating_sub(w);
                plain(distinct(rng.below(4), rng, |rng| from + rng.below(i - from)))
            }
            Shape::Chain if i >= 8 => {
                let mut list = vec![i - 8];
                if rng.percent(10) {
                    let from = i.saturating_sub(2000);
                    let m = from + rng.below(i - from);
                    if m % 8 != i % 8 {
                        list.push(m);
                    }
                }
                plain(list)
            }
            Shape::Fan if i > 0 => {
                let mut out = vec![Prerequisite::Skill(ids[0].as_str().into())];
                if i >= 3 && rng.percent(30) {
                    let a = 1 + rng.below(i - 1);
                    let b = 1 + rng.below(i - 1);
                    if a != b {
                        out.push(Prerequisite::from(AnyOf::new([ids[a].clone(), ids[b].clone()])));
                    }
                }
                out
            }
            Shape::FanDirect if i > 0 => {
                let from = i.saturating_sub(5000);
                let mut list = vec![0];
                list.extend(
                    distinct(rng.below(3), rng, |rng| from + rng.below(i - from)).into_iter().filter(|&m| m != 0),
                );
                plain(list)
            }
            Shape::Dense if i >= 64 => {
                let layer = i / 64;
                let source = rng.below(layer) * 64;
                plain(distinct(rng.below(21), rng, |rng| source + rng.below(64)))
            }
            Shape::DenseWindow | Shape::DenseAll if i > 0 => {
                let from = if self.shape == Shape::DenseAll { 0 } else { i.saturating_sub(5000) };
                plain(distinct(rng.below(21), rng, |rng| from + rng.below(i - from)))
            }
            Shape::Consecutive => plain((i.saturating_sub(CONSECUTIVE)..i).rev().collect()),
            Shape::StarIn if i + 1 == self.skills => plain((0..i).collect()),
            Shape::AnyChain if i > 0 => {
                let next = (i + 1 < self.skills).then(|| ids[i + 1].clone());
                vec![Prerequisite::from(AnyOf::new(std::iter::once(ids[i - 1].clone()).chain(next)))]
            }
            Shape::Hubs => {
                let list = if i == 0 {
                    Vec::new()
                } else {
                    let endpoints = &self.endpoints;
                    distinct(1 + rng.below(3), rng, |rng| endpoints[rng.below(endpoints.len())] as usize)
                };
                for &m in &list {
                    self.endpoints.push(m as u32);
                }
                self.endpoints.push(i as u32);
                plain(list)
            }
            Shape::Grid => {
                let width = self.skills.isqrt().max(1);
                let (row, column) = (i / width, i % width);
                let mut list = Vec::new();
                if column > 0 {
                    list.push(i - 1);
                }
                if row > 0 {
                    list.push(i - width);
                    if column > 0 && rng.percent(10) {
                        list.push(i - width - 1);
                    }
                }
                plain(list)
            }
            Shape::LogDistance if i > 0 => {
                // A distance of 2^x, x uniform in [0, log2(i)], in 1/1024 steps.
                let steps = (i as f64).log2() * 1024.0;
                let distance = |rng: &mut Rng| {
                    let x = rng.below(steps as usize + 1) as f64 / 1024.0;
                    (x.exp2() as usize).clamp(1, i)
                };
                plain(distinct(rng.below(5), rng, |rng| i - distance(rng)))
            }
            _ => Vec::new(),
        }
    }
}

/// How many skills before it each skill of [`Shape::Consecutive`] needs.
const CONSECUTIVE: usize = 20;

/// Up to `count` distinct values of `pick` (a few tries each).
fn distinct(count: usize, rng: &mut Rng, mut pick: impl FnMut(&mut Rng) -> usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(count);
    for _ in 0..count * 4 {
        if out.len() == count {
            break;
        }
        let m = pick(rng);
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

/// Short tokens of the `names-edits` families: any two are one edit apart.
const SHORT: &[&str] = &["SQS", "SNS", "SES", "SQL", "SSL", "SSH", "SDK", "SLA"];

/// The name of skill `i` for the name shapes; `None` keeps the generator's
/// own (distinct, far apart) name `own`.
pub(crate) fn name(shape: Shape, i: usize, own: &str, rng: &mut Rng) -> Option<String> {
    match shape {
        Shape::NamesNumbers | Shape::Bare => Some(format!("Skill number {}", i + 1)),
        Shape::NamesEdits => {
            let family = i / 16;
            Some(match i % 16 {
                0 => format!("Kubernetes operators {family}"),
                k @ 1..=8 => format!("AWS {} family {family}", SHORT[k - 1]),
                9 => format!("Object {family} pool"),
                // A plural of the name before, in one family in a hundred.
                10 if rng.percent(1) => format!("Object {family} pools"),
                11 => format!("Python {family}"),
                12 => format!("Python {family} 3"),
                // A real near-duplicate (one letter dropped from a long
                // word), in one family in twenty.
                13 if rng.percent(5) => format!("Kuberetes operators {family}"),
                _ => format!("{own} {family}"),
            })
        }
        _ => None,
    }
}
