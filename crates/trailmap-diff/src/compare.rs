//! The comparison itself: match items by id, follow renames, compare what
//! matched field by field.

use std::collections::BTreeSet;

// Id tables with foldhash: SipHash was a tenth of a 100k-skill diff.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use trailmap::diagnostic::push_token;
use trailmap::suggest::levenshtein;
use trailmap::{Phase, Prerequisite, Resource, Roadmap, Skill, SkillMention, Span, TimeUnit};

use crate::{Change, ChangeKind};

/// Above this many removed × added pairs, rename hints only look for equal
/// names (a hash lookup) instead of comparing every pair by edit distance.
const FUZZY_PAIR_BUDGET: usize = 250_000;

/// Quoted text from a file is cut to this many characters in messages.
const QUOTE_CHARS: usize = 60;

pub(crate) fn diff(old: &Roadmap, new: &Roadmap) -> Vec<Change> {
    let mut d = Differ::new(old, new);
    d.roadmap();
    d.skills();
    d.phases();
    d.projects();
    d.practices();
    d.milestones();
    d.exclusions();
    d.areas();
    d.out
}

/// Which items of two lists share an id.
struct Matching {
    /// `(old index, new index)`, in old order.
    pairs: Vec<(usize, usize)>,
    /// Old indices without a partner.
    removed: Vec<usize>,
    /// New indices without a partner.
    added: Vec<usize>,
}

fn match_ids<'a>(old: impl Iterator<Item = &'a str>, new: impl Iterator<Item = &'a str>) -> Matching {
    let new: Vec<&str> = new.collect();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(new.len());
    for (j, id) in new.iter().enumerate() {
        index.entry(id).or_insert(j);
    }
    let mut taken = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for (i, id) in old.enumerate() {
        match index.get(id) {
            Some(&j) if !taken[j] => {
                taken[j] = true;
                pairs.push((i, j));
            }
            _ => removed.push(i),
        }
    }
    let added = (0..new.len()).filter(|&j| !taken[j]).collect();
    Matching { pairs, removed, added }
}

/// Positions in `seq` outside one longest increasing subsequence: the
/// fewest items whose move explains the new order.
fn moved_positions(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < x);
        if k > 0 {
            prev[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    (0..seq.len()).filter(|&i| !keep[i]).collect()
}

/// Edit distance between two names or ids when they are the same or very
/// similar (case-insensitive; within a third of the shorter one's length,
/// for names of three characters or more).
fn similarity(a: &str, b: &str) -> Option<usize> {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let shorter = a.chars().count().min(b.chars().count());
    if shorter < 3 {
        return None;
    }
    let limit = (shorter / 3).max(1);
    if a.chars().count().abs_diff(b.chars().count()) > limit {
        return None;
    }
    let d = levenshtein(&a, &b, limit);
    (d <= limit).then_some(d)
}

/// For each removed `(id, name)`, the index in `added` of the closest added
/// item with the same or a very similar name or id, if any.
fn rename_candidates(removed: &[(&str, &str)], added: &[(&str, &str)]) -> Vec<Option<usize>> {
    if removed.len().saturating_mul(added.len()) > FUZZY_PAIR_BUDGET {
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (j, (_, name)) in added.iter().enumerate() {
            by_name.entry(name.trim().to_lowercase()).or_insert(j);
        }
        return removed.iter().map(|(_, name)| by_name.get(&name.trim().to_lowercase()).copied()).collect();
    }
    removed
        .iter()
        .map(|(old_id, old_name)| {
            let mut best: Option<(usize, usize)> = None;
            for (j, (new_id, new_name)) in added.iter().enumerate() {
                let d = [similarity(old_name, new_name), similarity(old_id, new_id)].into_iter().flatten().min();
                if let Some(d) = d {
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, j));
                    }
                }
            }
            best.map(|(_, j)| j)
        })
        .collect()
}

/// Hints for removed and added items that look like one renamed item:
/// `(hints for removed, hints for added)`, indexed like the inputs.
fn rename_hints(
    removed: &[(&str, &str)],
    added: &[(&str, &str)],
    former_ids: bool,
) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let candidates = rename_candidates(removed, added);
    let mut added_hints: Vec<Option<String>> = vec![None; added.len()];
    let removed_hints = candidates
        .iter()
        .enumerate()
        .map(|(i, candidate)| {
            let j = (*candidate)?;
            let (old_id, new_id) = (removed[i].0, added[j].0);
            if added_hints[j].is_none() {
                added_hints[j] = Some(if former_ids {
                    format!("possibly renamed from {}: add {} to its former_ids", code(old_id), code(old_id))
                } else {
                    format!(
                        "possibly renamed from {}: if so, keep the old id (only skills can list former ids)",
                        code(old_id)
                    )
                });
            }
            Some(if former_ids {
                format!("possibly renamed to {}: add {} to its former_ids", code(new_id), code(old_id))
            } else {
                format!(
                    "possibly renamed to {}: if so, keep the old id (only skills can list former ids)",
                    code(new_id)
                )
            })
        })
        .collect();
    (removed_hints, added_hints)
}

/// Cuts text for a message.
fn cut(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(QUOTE_CHARS - 1).collect();
    out.push('…');
    out
}

/// An id in a message: `` `id` ``.
fn code(id: &str) -> String {
    format!("`{}`", cut(id))
}

/// Text from a file in a message: `"text"`, or `none`.
fn quote(text: Option<&str>) -> String {
    match text {
        Some(t) => format!("\"{}\"", cut(t)),
        None => "none".to_owned(),
    }
}

fn ids_list<'x>(ids: impl IntoIterator<Item = &'x str>) -> String {
    let all: Vec<String> = ids.into_iter().map(code).collect();
    if all.len() > 5 { format!("{} and {} more", all[..5].join(", "), all.len() - 5) } else { all.join(", ") }
}

/// `/base/token/token…` with RFC 6901 escaping.
fn ptr(base: &str, tokens: &[&str]) -> String {
    let mut out = base.to_owned();
    for t in tokens {
        push_token(&mut out, t);
    }
    out
}

fn item(list: &str, i: usize) -> String {
    format!("/{list}/{i}")
}

fn span_text(span: Option<&Span>) -> String {
    let Some(span) = span else { return "none".to_owned() };
    if let Some(label) = &span.label {
        return format!("\"{}\"", cut(label));
    }
    let unit = match span.unit {
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
    };
    if span.end() == span.start {
        format!("{unit} {}", span.start)
    } else {
        format!("{unit} {}-{}", span.start, span.end())
    }
}

fn hours_text(h: Option<f64>) -> String {
    h.map_or_else(|| "none".to_owned(), |h| format!("{h} h"))
}

/// A phase in a flattened, pre-order list.
struct PhaseEntry<'a> {
    phase: &'a Phase,
    pointer: String,
    parent: Option<&'a str>,
}

/// A level of the walk: the phases left in one list, their parent's id
/// and the list's pointer.
type PhaseLevel<'a> = (std::iter::Enumerate<std::slice::Iter<'a, Phase>>, Option<&'a str>, String);

fn flatten_phases(phases: &[Phase]) -> Vec<PhaseEntry<'_>> {
    let mut out = Vec::new();
    // Explicit stack: nesting depth comes from the input.
    let mut stack: Vec<PhaseLevel<'_>> = vec![(phases.iter().enumerate(), None, "/phases".to_owned())];
    while let Some(top) = stack.last_mut() {
        let Some((k, phase)) = top.0.next() else {
            stack.pop();
            continue;
        };
        let pointer = format!("{}/{k}", top.2);
        let parent = top.1;
        out.push(PhaseEntry { phase, pointer: pointer.clone(), parent });
        stack.push((phase.phases.iter().enumerate(), Some(phase.id.as_str()), format!("{pointer}/phases")));
    }
    out
}

/// Where a skill is first taught: the phase id, its pre-order rank, and a
/// pointer to the skill's entry in that phase's `skills`.
#[derive(Clone)]
struct Taught<'a> {
    phase: &'a str,
    /// Index of the phase in the flattened list.
    rank: usize,
    /// Index of the skill in the phase's `skills`.
    entry: usize,
}

fn taught_map<'a>(phases: &[PhaseEntry<'a>]) -> HashMap<&'a str, Taught<'a>> {
    let mut out: HashMap<&str, Taught<'_>> = HashMap::new();
    for (rank, entry) in phases.iter().enumerate() {
        for (k, id) in entry.phase.skills.iter().enumerate() {
            out.entry(id.as_str()).or_insert(Taught { phase: entry.phase.id.as_str(), rank, entry: k });
        }
    }
    out
}

/// A skill of the new version, in file order: its index, the old index it
/// matched (and whether through a rename), or the rename hint if it is new.
type NewSkill = (usize, Option<(usize, bool)>, Option<String>);

/// One side of a change: the item's id and pointer there.
type Side<'s> = Option<(&'s str, String)>;

struct Differ<'a> {
    old: &'a Roadmap,
    new: &'a Roadmap,
    /// Old skill id → new skill id, for renames and merges.
    renames: HashMap<&'a str, &'a str>,
    /// New skill id → the old ids renamed or merged into it.
    absorbed: HashMap<&'a str, Vec<&'a str>>,
    skills: Matching,
    renamed: Vec<(usize, usize)>,
    merged: Vec<(usize, usize)>,
    old_phases: Vec<PhaseEntry<'a>>,
    new_phases: Vec<PhaseEntry<'a>>,
    old_taught: HashMap<&'a str, Taught<'a>>,
    new_taught: HashMap<&'a str, Taught<'a>>,
    out: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn new(old: &'a Roadmap, new: &'a Roadmap) -> Self {
        let mut skills = match_ids(old.skills.iter().map(|s| s.id.as_str()), new.skills.iter().map(|s| s.id.as_str()));
        // A removed skill whose id a new skill lists in `former_ids` was
        // renamed (into a new id) or merged (into a skill that already existed).
        let mut claims: HashMap<&str, usize> = HashMap::new();
        for (j, skill) in new.skills.iter().enumerate() {
            for f in &skill.former_ids {
                claims.entry(f.as_str()).or_insert(j);
            }
        }
        let added: HashSet<usize> = skills.added.iter().copied().collect();
        let mut taken: HashSet<usize> = HashSet::new();
        let (mut renamed, mut merged, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        let mut renames = HashMap::new();
        for &i in &skills.removed {
            let id = old.skills[i].id.as_str();
            match claims.get(id) {
                Some(&j) if added.contains(&j) && taken.insert(j) => renamed.push((i, j)),
                Some(&j) => merged.push((i, j)),
                None => {
                    removed.push(i);
                    continue;
                }
            }
            if let Some(&j) = claims.get(id) {
                renames.insert(id, new.skills[j].id.as_str());
            }
        }
        skills.removed = removed;
        skills.added.retain(|j| !taken.contains(j));
        let mut absorbed: HashMap<&str, Vec<&str>> = HashMap::new();
        for (from, to) in &renames {
            absorbed.entry(*to).or_default().push(*from);
        }
        let old_phases = flatten_phases(&old.phases);
        let new_phases = flatten_phases(&new.phases);
        let old_taught = taught_map(&old_phases);
        let new_taught = taught_map(&new_phases);
        Differ {
            old,
            new,
            renames,
            absorbed,
            skills,
            renamed,
            merged,
            old_phases,
            new_phases,
            old_taught,
            new_taught,
            out: Vec::new(),
        }
    }

    /// An old skill id as the new version calls it.
    fn map_old(&self, id: &'a str) -> &'a str {
        self.renames.get(id).copied().unwrap_or(id)
    }

    fn push(&mut self, kind: ChangeKind, id: &str, old: Side<'_>, new: Side<'_>, message: String) -> &mut Change {
        let (old_id, old_pointer) = old.map_or((None, None), |(i, p)| (Some(i.to_owned()), Some(p)));
        let (new_id, new_pointer) = new.map_or((None, None), |(i, p)| (Some(i.to_owned()), Some(p)));
        self.out.push(Change {
            kind,
            bump: kind.bump(),
            id: id.to_owned(),
            old_id,
            new_id,
            old_pointer,
            new_pointer,
            message,
            hint: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// Reports a reordering of the matched items of a list, if any. `pairs`
    /// are `(old index, new index)`; `ids` names the item at a new index.
    fn order(
        &mut self,
        pairs: &[(usize, usize)],
        owner: &str,
        what: &str,
        old_list: String,
        new_list: String,
        ids: impl Fn(usize) -> String,
    ) {
        let mut sorted = pairs.to_vec();
        sorted.sort_unstable();
        let seq: Vec<usize> = sorted.iter().map(|p| p.1).collect();
        let moved = moved_positions(&seq);
        if moved.is_empty() {
            return;
        }
        let names: Vec<String> = moved.iter().map(|&k| ids(seq[k])).collect();
        let message = format!("order of {what} changed: {} moved", ids_list(names.iter().map(String::as_str)));
        self.push(ChangeKind::OrderChanged, owner, Some((owner, old_list)), Some((owner, new_list)), message);
    }

    fn roadmap(&mut self) {
        let (old, new) = (self.old, self.new);
        if old.id != new.id {
            self.push(
                ChangeKind::RoadmapIdChanged,
                &new.id,
                Some((&old.id, "/id".into())),
                Some((&new.id, "/id".into())),
                format!("roadmap id changed from {} to {}", code(&old.id), code(&new.id)),
            );
        }
        let mut fields = Vec::new();
        let mut field = |name: &'static str, differs: bool| {
            if differs {
                fields.push(name);
            }
        };
        field("title", old.title != new.title);
        field("summary", old.summary != new.summary);
        field("audience", old.audience != new.audience);
        field("target_role", old.target_role != new.target_role);
        field("duration", old.duration != new.duration);
        field("hours_per_week", old.hours_per_week != new.hours_per_week);
        field("source", old.source != new.source);
        field("license", old.license != new.license);
        field("tags", old.tags != new.tags);
        field("principles", old.principles != new.principles);
        if let Some(first) = fields.first() {
            let message = if fields == ["title"] {
                format!("roadmap title changed from {} to {}", quote(Some(&old.title)), quote(Some(&new.title)))
            } else {
                format!("roadmap: {} changed", fields.join(", "))
            };
            // A field one side lacks points at the whole document there.
            let at = |r: &Roadmap| if has_field(r, first) { format!("/{first}") } else { String::new() };
            let (old_at, new_at) = (at(old), at(new));
            self.push(ChangeKind::RoadmapChanged, &new.id, Some((&old.id, old_at)), Some((&new.id, new_at)), message);
        }
    }

    fn skills(&mut self) {
        let (old, new) = (self.old, self.new);
        let mut pairs: Vec<(usize, usize, bool)> = self.skills.pairs.iter().map(|&(i, j)| (i, j, false)).collect();
        pairs.extend(self.renamed.iter().map(|&(i, j)| (i, j, true)));
        pairs.sort_by_key(|p| p.1);
        let added: Vec<usize> = self.skills.added.clone();
        let removed: Vec<usize> = self.skills.removed.clone();
        let removed_names: Vec<(&str, &str)> =
            removed.iter().map(|&i| (old.skills[i].id.as_str(), old.skills[i].name.as_str())).collect();
        let added_names: Vec<(&str, &str)> =
            added.iter().map(|&j| (new.skills[j].id.as_str(), new.skills[j].name.as_str())).collect();
        let (removed_hints, added_hints) = rename_hints(&removed_names, &added_names, true);

        // New-file order: matched and added skills as they appear.
        let mut in_new_order: Vec<NewSkill> =
            pairs.iter().map(|&(i, j, renamed)| (j, Some((i, renamed)), None)).collect();
        in_new_order.extend(added.iter().copied().zip(added_hints).map(|(j, hint)| (j, None, hint)));
        in_new_order.sort_by_key(|entry| entry.0);
        for (j, matched, hint) in in_new_order {
            match matched {
                Some((i, renamed)) => self.skill_pair(&old.skills[i], i, &new.skills[j], j, renamed),
                None => self.skill_added(j, hint),
            }
        }
        for (i, j) in self.merged.clone() {
            let (o, n) = (&old.skills[i], &new.skills[j]);
            self.push(
                ChangeKind::SkillMerged,
                &n.id,
                Some((&o.id, item("skills", i))),
                Some((&n.id, former_pointer(n, j, &o.id))),
                format!("skill {} merged into {} (kept as a former id)", code(&o.id), code(&n.id)),
            );
        }
        for (&i, hint) in removed.iter().zip(removed_hints) {
            let s = &old.skills[i];
            let message = format!("skill {} ({}) removed", code(&s.id), quote(Some(&s.name)));
            self.push(ChangeKind::SkillRemoved, &s.id, Some((&s.id, item("skills", i))), None, message).hint = hint;
        }
        let order_pairs: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
        self.order(&order_pairs, &new.id, "skills", "/skills".into(), "/skills".into(), |j| {
            new.skills.get(j).map_or_else(String::new, |s| s.id.clone())
        });
    }

    fn skill_added(&mut self, j: usize, hint: Option<String>) {
        let Some(s) = self.new.skills.get(j) else { return };
        let message = format!("skill {} ({}) added", code(&s.id), quote(Some(&s.name)));
        self.push(ChangeKind::SkillAdded, &s.id, None, Some((&s.id, item("skills", j))), message).hint = hint;
    }

    fn skill_pair(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize, renamed: bool) {
        let (ob, nb) = (item("skills", i), item("skills", j));
        let old_side =
            |field: &str, present: bool| Some((o.id.as_str(), if present { ptr(&ob, &[field]) } else { ob.clone() }));
        let new_side =
            |field: &str, present: bool| Some((n.id.as_str(), if present { ptr(&nb, &[field]) } else { nb.clone() }));
        let id = n.id.as_str();
        if renamed {
            self.push(
                ChangeKind::SkillRenamed,
                id,
                old_side("id", true),
                Some((id, former_pointer(n, j, &o.id))),
                format!("skill {} renamed to {} (the old id is kept in former_ids)", code(&o.id), code(id)),
            );
        }
        if o.name != n.name {
            let message =
                format!("skill {}: name changed from {} to {}", code(id), quote(Some(&o.name)), quote(Some(&n.name)));
            self.push(ChangeKind::SkillNameChanged, id, old_side("name", true), new_side("name", true), message);
        }
        if o.description != n.description {
            let message = format!(
                "skill {}: description changed from {} to {}",
                code(id),
                quote(o.description.as_deref()),
                quote(n.description.as_deref())
            );
            self.push(
                ChangeKind::SkillDescriptionChanged,
                id,
                old_side("description", o.description.is_some()),
                new_side("description", n.description.is_some()),
                message,
            );
        }
        if o.effort_hours != n.effort_hours {
            let message = format!(
                "skill {}: effort changed from {} to {}",
                code(id),
                hours_text(o.effort_hours),
                hours_text(n.effort_hours)
            );
            self.push(
                ChangeKind::SkillEffortChanged,
                id,
                old_side("effort_hours", o.effort_hours.is_some()),
                new_side("effort_hours", n.effort_hours.is_some()),
                message,
            );
        }
        // Former ids gained through a rename or merge in this diff are not a
        // details change: they are reported as the rename or merge.
        let absorbed: HashSet<&str> = self.absorbed.get(id).into_iter().flatten().copied().collect();
        let old_former: BTreeSet<&str> =
            o.former_ids.iter().map(String::as_str).filter(|f| !absorbed.contains(f)).collect();
        let new_former: BTreeSet<&str> =
            n.former_ids.iter().map(String::as_str).filter(|f| !absorbed.contains(f)).collect();
        let details: Vec<Field> = [
            ("note", o.note != n.note, o.note.is_some(), n.note.is_some()),
            ("area", o.area != n.area, o.area.is_some(), n.area.is_some()),
            ("level", o.level != n.level, o.level.is_some(), n.level.is_some()),
            ("topics", o.topics != n.topics, !o.topics.is_empty(), !n.topics.is_empty()),
            ("aliases", o.aliases != n.aliases, !o.aliases.is_empty(), !n.aliases.is_empty()),
            ("former_ids", old_former != new_former, !o.former_ids.is_empty(), !n.former_ids.is_empty()),
        ]
        .into_iter()
        .filter(|d| d.1)
        .collect();
        if let Some(&(first, _, in_old, in_new)) = details.first() {
            let names: Vec<&str> = details.iter().map(|d| d.0).collect();
            let message = format!("skill {}: {} changed", code(id), names.join(", "));
            self.push(ChangeKind::SkillDetailsChanged, id, old_side(first, in_old), new_side(first, in_new), message);
        }
        if o.optional != n.optional {
            let (kind, message) = if n.optional {
                (ChangeKind::SkillMadeOptional, format!("skill {} made optional", code(id)))
            } else {
                (ChangeKind::SkillMadeRequired, format!("skill {} made required (was optional)", code(id)))
            };
            self.push(kind, id, old_side("optional", o.optional), new_side("optional", n.optional), message);
        }
        let before = self.prerequisites(o, i, n, j);
        self.placement(o, i, n, j, before);
        self.resources(o, i, n, j);
    }

    /// Compares prerequisite entries (each a set of alternatives, old ids
    /// mapped through renames). Returns the first kept entry that the
    /// skill is now taught before, if any.
    fn prerequisites(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize) -> Option<usize> {
        let id = n.id.as_str();
        let old_sets: Vec<BTreeSet<&str>> =
            o.prerequisites.iter().map(|p| p.skill_ids().map(|s| self.map_old(s)).collect()).collect();
        let new_sets: Vec<BTreeSet<&str>> = n.prerequisites.iter().map(|p| p.skill_ids().collect()).collect();
        let mut old_used = vec![false; old_sets.len()];
        let mut new_used = vec![false; new_sets.len()];
        let mut exact: Vec<(usize, usize)> = Vec::new();
        // Hashed, so a skill with very many prerequisites stays linear.
        let mut by_set: HashMap<&BTreeSet<&str>, std::collections::VecDeque<usize>> = HashMap::new();
        for (l, set) in old_sets.iter().enumerate() {
            by_set.entry(set).or_default().push_back(l);
        }
        for (k, set) in new_sets.iter().enumerate() {
            if let Some(l) = by_set.get_mut(set).and_then(std::collections::VecDeque::pop_front) {
                old_used[l] = true;
                new_used[k] = true;
                exact.push((l, k));
            }
        }
        // A group that gained or lost alternatives is the same entry,
        // loosened or tightened (looked for within the pair budget).
        let mut loosened: Vec<(usize, usize)> = Vec::new();
        let unpaired = |used: &[bool]| used.iter().filter(|u| !**u).count();
        let within_budget = unpaired(&old_used).saturating_mul(unpaired(&new_used)) <= FUZZY_PAIR_BUDGET;
        for k in 0..new_sets.len() {
            if new_used[k] || !within_budget {
                continue;
            }
            let found = (0..old_sets.len()).find(|&l| {
                !old_used[l] && (old_sets[l].is_subset(&new_sets[k]) || new_sets[k].is_subset(&old_sets[l]))
            });
            if let Some(l) = found {
                old_used[l] = true;
                new_used[k] = true;
                loosened.push((l, k));
            }
        }
        let (ob, nb) = (item("skills", i), item("skills", j));
        let old_list = if o.prerequisites.is_empty() { ob.clone() } else { ptr(&ob, &["prerequisites"]) };
        let new_list = if n.prerequisites.is_empty() { nb.clone() } else { ptr(&nb, &["prerequisites"]) };
        for &(l, k) in &loosened {
            let (was, now) =
                (entry_text(&o.prerequisites[l], |s| self.map_old(s)), entry_text(&n.prerequisites[k], |s| s));
            let kind = if old_sets[l].is_subset(&new_sets[k]) {
                ChangeKind::PrerequisiteAlternativeAdded
            } else {
                ChangeKind::PrerequisiteAlternativeRemoved
            };
            let verb = if kind == ChangeKind::PrerequisiteAlternativeAdded { "accepts" } else { "needs" };
            self.push(
                kind,
                id,
                Some((&o.id, ptr(&ob, &["prerequisites", &l.to_string()]))),
                Some((id, ptr(&nb, &["prerequisites", &k.to_string()]))),
                format!("skill {} now {verb} {now} (was {was})", code(id)),
            );
        }
        for k in (0..new_sets.len()).filter(|&k| !new_used[k]) {
            let now = entry_text(&n.prerequisites[k], |s| s);
            self.push(
                ChangeKind::PrerequisiteAdded,
                id,
                Some((&o.id, old_list.clone())),
                Some((id, ptr(&nb, &["prerequisites", &k.to_string()]))),
                format!("skill {} now needs {now}", code(id)),
            );
        }
        for l in (0..old_sets.len()).filter(|&l| !old_used[l]) {
            let was = entry_text(&o.prerequisites[l], |s| self.map_old(s));
            self.push(
                ChangeKind::PrerequisiteRemoved,
                id,
                Some((&o.id, ptr(&ob, &["prerequisites", &l.to_string()]))),
                Some((id, new_list.clone())),
                format!("skill {} no longer needs {was}", code(id)),
            );
        }
        let mut kept = exact.clone();
        kept.extend(&loosened);
        self.order(&kept, id, &format!("prerequisites of {}", code(id)), old_list, new_list, |k| {
            n.prerequisites.get(k).map_or_else(String::new, |p| p.skill_ids().collect::<Vec<_>>().join("|"))
        });
        // Only entries the skill had before: a new prerequisite taught later
        // is already reported (and major) as prerequisite-added.
        exact.sort_unstable_by_key(|p| p.1);
        exact.into_iter().find_map(|(l, k)| {
            let now = self.taught_before(&self.new_taught, id, n.prerequisites[k].skill_ids());
            let then = self.taught_before(&self.old_taught, &o.id, o.prerequisites[l].skill_ids());
            (now && !then).then_some(k)
        })
    }

    /// `true` when `skill` is taught in a phase before every member of the
    /// entry (each member taught somewhere).
    fn taught_before<'x>(
        &self,
        taught: &HashMap<&str, Taught<'_>>,
        skill: &str,
        mut members: impl Iterator<Item = &'x str>,
    ) -> bool {
        let Some(at) = taught.get(skill) else { return false };
        let mut any = false;
        // An empty group (invalid, but possible here) is never "after".
        members.all(|m| {
            any = true;
            taught.get(m).is_some_and(|t| t.rank > at.rank)
        }) && any
    }

    /// Reports a skill taught in another phase, or now before a prerequisite.
    fn placement(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize, before: Option<usize>) {
        let id = n.id.as_str();
        let then = self.old_taught.get(o.id.as_str()).cloned();
        let now = self.new_taught.get(id).cloned();
        // The skill's entry in its phase's list, else the skill itself.
        // Built only for a change: most skills stay where they were.
        let side = |phases: &[PhaseEntry<'_>], taught: &Option<Taught<'_>>, skill: usize| match taught {
            Some(t) => ptr(&phases[t.rank].pointer, &["skills", &t.entry.to_string()]),
            None => item("skills", skill),
        };
        let old_side = || Some((o.id.as_str(), side(&self.old_phases, &then, i)));
        let new_side = || Some((id, side(&self.new_phases, &now, j)));
        if let (Some(k), Some(at)) = (before, &now) {
            let entry = n.prerequisites.get(k);
            let mut phases: Vec<&str> = Vec::new();
            for m in entry.into_iter().flat_map(|p| p.skill_ids()) {
                if let Some(t) = self.new_taught.get(m) {
                    if !phases.contains(&t.phase) {
                        phases.push(t.phase);
                    }
                }
            }
            let what = match entry {
                Some(Prerequisite::AnyOf(group)) if group.any_of.len() > 1 => "every alternative of its prerequisite, ",
                _ => "its prerequisite ",
            };
            let message = format!(
                "skill {} is now taught in phase {}, before {what}{} (phase {})",
                code(id),
                code(at.phase),
                entry.map_or_else(String::new, |e| entry_text(e, |s| s)),
                ids_list(phases)
            );
            let (old_side, new_side) = (old_side(), new_side());
            self.push(ChangeKind::SkillMovedBeforePrerequisite, id, old_side, new_side, message);
            return;
        }
        let (a, b) = (then.as_ref().map(|t| t.phase), now.as_ref().map(|t| t.phase));
        if a == b {
            return;
        }
        let message = match (a, b) {
            (Some(a), Some(b)) => format!("skill {} moved from phase {} to phase {}", code(id), code(a), code(b)),
            (None, Some(b)) => format!("skill {} is now taught in phase {} (was in no phase)", code(id), code(b)),
            (Some(a), None) => format!("skill {} is no longer in any phase (was in {})", code(id), code(a)),
            (None, None) => return,
        };
        let (old_side, new_side) = (old_side(), new_side());
        self.push(ChangeKind::SkillMoved, id, old_side, new_side, message);
    }

    fn resources(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize) {
        let id = n.id.as_str();
        let key = |r: &Resource| r.url.clone().unwrap_or_else(|| format!("title:{}", r.title));
        let old_keys: Vec<String> = o.resources.iter().map(key).collect();
        let new_keys: Vec<String> = n.resources.iter().map(key).collect();
        let mut m = match_ids(old_keys.iter().map(String::as_str), new_keys.iter().map(String::as_str));
        // Same title, new link: the link was corrected.
        let by_title = match_ids(
            m.removed.iter().map(|&l| o.resources[l].title.as_str()),
            m.added.iter().map(|&k| n.resources[k].title.as_str()),
        );
        let relinked: Vec<(usize, usize)> = by_title.pairs.iter().map(|&(a, b)| (m.removed[a], m.added[b])).collect();
        m.removed = by_title.removed.iter().map(|&a| m.removed[a]).collect();
        m.added = by_title.added.iter().map(|&b| m.added[b]).collect();
        m.pairs.extend(relinked);
        let (ob, nb) = (item("skills", i), item("skills", j));
        let at = |base: &str, k: usize| ptr(base, &["resources", &k.to_string()]);
        for &(l, k) in &m.pairs {
            let (a, b) = (&o.resources[l], &n.resources[k]);
            let fields: Vec<&str> =
                [("title", a.title != b.title), ("url", a.url != b.url), ("kind", a.kind != b.kind)]
                    .into_iter()
                    .filter(|f| f.1)
                    .map(|f| f.0)
                    .collect();
            if !fields.is_empty() {
                let message =
                    format!("skill {}: resource {} changed ({})", code(id), quote(Some(&b.title)), fields.join(", "));
                self.push(ChangeKind::ResourceChanged, id, Some((&o.id, at(&ob, l))), Some((id, at(&nb, k))), message);
            }
        }
        for &k in &m.added {
            let message = format!("skill {}: resource {} added", code(id), quote(Some(&n.resources[k].title)));
            let old_at = if o.resources.is_empty() { ob.clone() } else { ptr(&ob, &["resources"]) };
            self.push(ChangeKind::ResourceAdded, id, Some((&o.id, old_at)), Some((id, at(&nb, k))), message);
        }
        for &l in &m.removed {
            let message = format!("skill {}: resource {} removed", code(id), quote(Some(&o.resources[l].title)));
            let new_at = if n.resources.is_empty() { nb.clone() } else { ptr(&nb, &["resources"]) };
            self.push(ChangeKind::ResourceRemoved, id, Some((&o.id, at(&ob, l))), Some((id, new_at)), message);
        }
        let (old_list, new_list) = (ptr(&ob, &["resources"]), ptr(&nb, &["resources"]));
        self.order(&m.pairs, id, &format!("resources of {}", code(id)), old_list, new_list, |k| {
            n.resources.get(k).map_or_else(String::new, |r| r.title.clone())
        });
    }

    fn phases(&mut self) {
        let m = match_ids(
            self.old_phases.iter().map(|p| p.phase.id.as_str()),
            self.new_phases.iter().map(|p| p.phase.id.as_str()),
        );
        let (old_phases, new_phases) = (std::mem::take(&mut self.old_phases), std::mem::take(&mut self.new_phases));
        let new = self.new;
        let mut pairs = m.pairs.clone();
        pairs.sort_by_key(|p| p.1);
        for &(i, j) in &pairs {
            self.phase_pair(&old_phases[i], &new_phases[j]);
        }
        let names = |list: &[PhaseEntry<'a>], idx: &[usize]| -> Vec<(&'a str, &'a str)> {
            idx.iter().map(|&i| (list[i].phase.id.as_str(), list[i].phase.title.as_str())).collect()
        };
        let (removed_hints, added_hints) =
            rename_hints(&names(&old_phases, &m.removed), &names(&new_phases, &m.added), false);
        for (&j, hint) in m.added.iter().zip(added_hints) {
            let p = &new_phases[j];
            let message = format!("phase {} ({}) added", code(&p.phase.id), quote(Some(&p.phase.title)));
            self.push(ChangeKind::PhaseAdded, &p.phase.id, None, Some((&p.phase.id, p.pointer.clone())), message)
                .hint = hint;
        }
        for (&i, hint) in m.removed.iter().zip(removed_hints) {
            let p = &old_phases[i];
            let message = format!("phase {} ({}) removed", code(&p.phase.id), quote(Some(&p.phase.title)));
            self.push(ChangeKind::PhaseRemoved, &p.phase.id, Some((&p.phase.id, p.pointer.clone())), None, message)
                .hint = hint;
        }
        // Sibling order, per parent present in both (top level included),
        // grouped in one pass.
        let mut parents: Vec<Option<&str>> = Vec::new();
        let mut siblings_of: HashMap<Option<&str>, Vec<(usize, usize)>> = HashMap::new();
        for &(i, j) in &pairs {
            let parent = new_phases[j].parent;
            if old_phases[i].parent != parent {
                continue;
            }
            let siblings = siblings_of.entry(parent).or_default();
            if siblings.is_empty() {
                parents.push(parent);
            }
            siblings.push((i, j));
        }
        for parent in parents {
            let Some(siblings) = siblings_of.remove(&parent) else { continue };
            if siblings.len() < 2 {
                continue;
            }
            let list_of = |list: &[PhaseEntry<'_>], at: usize| {
                list[at].pointer.rsplit_once('/').map_or_else(|| "/phases".to_owned(), |(base, _)| base.to_owned())
            };
            let (old_list, new_list) = (list_of(&old_phases, siblings[0].0), list_of(&new_phases, siblings[0].1));
            let owner = parent.unwrap_or(new.id.as_str());
            let what = match parent {
                Some(p) => format!("phases in {}", code(p)),
                None => "top-level phases".to_owned(),
            };
            self.order(&siblings, owner, &what, old_list, new_list, |j| {
                new_phases.get(j).map_or_else(String::new, |p| p.phase.id.clone())
            });
        }
        self.old_phases = old_phases;
        self.new_phases = new_phases;
    }

    fn phase_pair(&mut self, a: &PhaseEntry<'a>, b: &PhaseEntry<'a>) {
        let (o, n) = (a.phase, b.phase);
        let id = n.id.as_str();
        if a.parent != b.parent {
            let place =
                |p: Option<&str>| p.map_or_else(|| "the top level".to_owned(), |p| format!("phase {}", code(p)));
            let message = format!("phase {} moved from {} to {}", code(id), place(a.parent), place(b.parent));
            self.push(
                ChangeKind::PhaseMoved,
                id,
                Some((&o.id, a.pointer.clone())),
                Some((id, b.pointer.clone())),
                message,
            );
        }
        let old_tasks: Vec<TaskKey<'_>> = o.tasks.iter().map(|t| task_key(t, |s| self.map_old(s))).collect();
        let new_tasks: Vec<TaskKey<'_>> = n.tasks.iter().map(|t| task_key(t, |s| s)).collect();
        let text: Vec<(&str, bool, bool, bool)> = [
            ("title", o.title != n.title, true, true),
            ("kind", o.kind != n.kind, o.kind.is_some(), n.kind.is_some()),
            ("goal", o.goal != n.goal, o.goal.is_some(), n.goal.is_some()),
            ("description", o.description != n.description, o.description.is_some(), n.description.is_some()),
            ("topics", o.topics != n.topics, !o.topics.is_empty(), !n.topics.is_empty()),
            ("tasks", old_tasks != new_tasks, !o.tasks.is_empty(), !n.tasks.is_empty()),
        ]
        .into_iter()
        .filter(|f| f.1)
        .collect();
        if let Some(&(first, _, in_old, in_new)) = text.first() {
            let message = if text.len() == 1 && first == "title" {
                format!("phase {}: title changed from {} to {}", code(id), quote(Some(&o.title)), quote(Some(&n.title)))
            } else {
                format!("phase {}: {} changed", code(id), text.iter().map(|f| f.0).collect::<Vec<_>>().join(", "))
            };
            let old_at = present(in_old, &a.pointer, first);
            let new_at = present(in_new, &b.pointer, first);
            self.push(ChangeKind::PhaseChanged, id, Some((&o.id, old_at)), Some((id, new_at)), message);
        }
        let schedule: Vec<(&str, bool, bool, bool)> = [
            ("span", o.span != n.span, o.span.is_some(), n.span.is_some()),
            ("parallel", o.parallel != n.parallel, o.parallel, n.parallel),
            ("ongoing", o.ongoing != n.ongoing, o.ongoing, n.ongoing),
        ]
        .into_iter()
        .filter(|f| f.1)
        .collect();
        if let Some(&(first, _, in_old, in_new)) = schedule.first() {
            let mut parts: Vec<String> = Vec::new();
            for f in &schedule {
                parts.push(match f.0 {
                    "span" => format!("span {} -> {}", span_text(o.span.as_ref()), span_text(n.span.as_ref())),
                    "parallel" => format!("parallel {} -> {}", o.parallel, n.parallel),
                    _ => format!("ongoing {} -> {}", o.ongoing, n.ongoing),
                });
            }
            let message = format!("phase {}: {}", code(id), parts.join(", "));
            let old_at = present(in_old, &a.pointer, first);
            let new_at = present(in_new, &b.pointer, first);
            self.push(ChangeKind::PhaseScheduleChanged, id, Some((&o.id, old_at)), Some((id, new_at)), message);
        }
        // Order of the skills this phase lists (membership changes are
        // reported per skill, as skill-moved).
        let old_ids: Vec<&str> = o.skills.iter().map(|s| self.map_old(s)).collect();
        let m = match_ids(old_ids.into_iter(), n.skills.iter().map(String::as_str));
        let (old_list, new_list) = (ptr(&a.pointer, &["skills"]), ptr(&b.pointer, &["skills"]));
        self.order(&m.pairs, id, &format!("skills in phase {}", code(id)), old_list, new_list, |k| {
            n.skills.get(k).cloned().unwrap_or_default()
        });
    }

    fn projects(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "projects", noun: "project", kinds: PROJECT_KINDS };
        self.items(
            &spec,
            &old.projects,
            &new.projects,
            |p| (&p.id, &p.title),
            |d, o, n| {
                let skills = (d.old_refs(&o.skills), d.new_refs(&n.skills));
                vec![
                    ("title", o.title != n.title, true, true),
                    ("number", o.number != n.number, o.number.is_some(), n.number.is_some()),
                    ("description", o.description != n.description, o.description.is_some(), n.description.is_some()),
                    ("phase", o.phase != n.phase, o.phase.is_some(), n.phase.is_some()),
                    ("skills", skills.0 != skills.1, !o.skills.is_empty(), !n.skills.is_empty()),
                    (
                        "deliverables",
                        o.deliverables != n.deliverables,
                        !o.deliverables.is_empty(),
                        !n.deliverables.is_empty(),
                    ),
                    ("optional", o.optional != n.optional, o.optional, n.optional),
                ]
            },
        );
    }

    fn practices(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "practices", noun: "practice", kinds: PRACTICE_KINDS };
        self.items(
            &spec,
            &old.practices,
            &new.practices,
            |p| (&p.id, &p.activity),
            |d, o, n| {
                let old_skills: Vec<&str> = o.skills.iter().map(|s| d.map_old(s)).collect();
                let new_skills: Vec<&str> = n.skills.iter().map(String::as_str).collect();
                vec![
                    ("cadence", o.cadence != n.cadence, true, true),
                    ("activity", o.activity != n.activity, true, true),
                    ("topics", o.topics != n.topics, !o.topics.is_empty(), !n.topics.is_empty()),
                    ("phase", o.phase != n.phase, o.phase.is_some(), n.phase.is_some()),
                    ("skills", old_skills != new_skills, !o.skills.is_empty(), !n.skills.is_empty()),
                ]
            },
        );
    }

    fn milestones(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "milestones", noun: "milestone", kinds: MILESTONE_KINDS };
        let pairs = self.items(
            &spec,
            &old.milestones,
            &new.milestones,
            |m| (&m.id, &m.title),
            |_, o, n| {
                vec![
                    ("title", o.title != n.title, true, true),
                    ("kind", o.kind != n.kind, o.kind.is_some(), n.kind.is_some()),
                    ("description", o.description != n.description, o.description.is_some(), n.description.is_some()),
                    ("phase", o.phase != n.phase, o.phase.is_some(), n.phase.is_some()),
                ]
            },
        );
        for (i, j) in pairs {
            self.criteria(i, j);
        }
    }

    /// Criteria have no ids: matched by equal text, then by similar text.
    fn criteria(&mut self, i: usize, j: usize) {
        let (o, n) = (&self.old.milestones[i], &self.new.milestones[j]);
        let id = n.id.as_str();
        let mut m = match_ids(o.criteria.iter().map(|c| c.text.as_str()), n.criteria.iter().map(|c| c.text.as_str()));
        let mut edited: Vec<(usize, usize)> = Vec::new();
        let mut still_added: Vec<usize> = Vec::new();
        let mut free: Vec<usize> = m.removed.clone();
        let within_budget = free.len().saturating_mul(m.added.len()) <= FUZZY_PAIR_BUDGET;
        for &k in &m.added {
            let text = n.criteria[k].text.as_str();
            let similar = |&l: &usize| within_budget && similarity(&o.criteria[l].text, text).is_some();
            match free.iter().position(similar) {
                Some(at) => edited.push((free.remove(at), k)),
                None => still_added.push(k),
            }
        }
        m.removed = free;
        m.added = still_added;
        m.pairs.extend(&edited);
        let (ob, nb) = (item("milestones", i), item("milestones", j));
        let at = |base: &str, k: usize| ptr(base, &["criteria", &k.to_string()]);
        let mut sorted = m.pairs.clone();
        sorted.sort_by_key(|p| p.1);
        for &(l, k) in &sorted {
            let (a, b) = (&o.criteria[l], &n.criteria[k]);
            let fields: Vec<&str> = [
                ("text", a.text != b.text),
                ("skills", self.old_refs(&a.skills) != self.new_refs(&b.skills)),
                ("target", a.target != b.target),
                ("done", a.done != b.done),
            ]
            .into_iter()
            .filter(|f| f.1)
            .map(|f| f.0)
            .collect();
            if fields.is_empty() {
                continue;
            }
            let message = if fields == ["text"] {
                format!(
                    "milestone {}: criterion {} reworded to {}",
                    code(id),
                    quote(Some(&a.text)),
                    quote(Some(&b.text))
                )
            } else {
                format!("milestone {}: criterion {} changed ({})", code(id), quote(Some(&b.text)), fields.join(", "))
            };
            self.push(ChangeKind::CriterionChanged, id, Some((&o.id, at(&ob, l))), Some((id, at(&nb, k))), message);
        }
        for &k in &m.added {
            let message = format!("milestone {}: criterion {} added", code(id), quote(Some(&n.criteria[k].text)));
            let old_at = ptr(&ob, &["criteria"]);
            self.push(ChangeKind::CriterionAdded, id, Some((&o.id, old_at)), Some((id, at(&nb, k))), message);
        }
        for &l in &m.removed {
            let message = format!("milestone {}: criterion {} removed", code(id), quote(Some(&o.criteria[l].text)));
            let new_at = ptr(&nb, &["criteria"]);
            self.push(ChangeKind::CriterionRemoved, id, Some((&o.id, at(&ob, l))), Some((id, new_at)), message);
        }
        let (old_list, new_list) = (ptr(&ob, &["criteria"]), ptr(&nb, &["criteria"]));
        self.order(&m.pairs, id, &format!("criteria of milestone {}", code(id)), old_list, new_list, |k| {
            n.criteria.get(k).map_or_else(String::new, |c| cut(&c.text))
        });
    }

    fn exclusions(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "exclusions", noun: "exclusion", kinds: EXCLUSION_KINDS };
        self.items(
            &spec,
            &old.exclusions,
            &new.exclusions,
            |e| (&e.id, &e.title),
            |d, o, n| {
                let skill = (o.skill.as_deref().map(|s| d.map_old(s)), n.skill.as_deref());
                vec![
                    ("title", o.title != n.title, true, true),
                    ("reason", o.reason != n.reason, o.reason.is_some(), n.reason.is_some()),
                    ("phase", o.phase != n.phase, o.phase.is_some(), n.phase.is_some()),
                    ("skill", skill.0 != skill.1, o.skill.is_some(), n.skill.is_some()),
                ]
            },
        );
    }

    fn areas(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "areas", noun: "area", kinds: AREA_KINDS };
        self.items(
            &spec,
            &old.areas,
            &new.areas,
            |a| (&a.id, &a.name),
            |d, o, n| {
                let mention = |m: &'a SkillMention, map: &dyn Fn(&'a str) -> &'a str| match m {
                    SkillMention::Id(id) => (map(id), None, None),
                    SkillMention::Noted(noted) => (map(&noted.skill), noted.note.as_deref(), noted.label.as_deref()),
                };
                let old_skills: Vec<_> = o.skills.iter().map(|m| mention(m, &|s| d.map_old(s))).collect();
                let new_skills: Vec<_> = n.skills.iter().map(|m| mention(m, &|s| s)).collect();
                vec![
                    ("name", o.name != n.name, true, true),
                    ("description", o.description != n.description, o.description.is_some(), n.description.is_some()),
                    ("skills", old_skills != new_skills, true, true),
                ]
            },
        );
    }

    /// Compares an id-keyed list: added, removed (with rename hints),
    /// changed fields and order. Returns the matched pairs.
    fn items<T>(
        &mut self,
        spec: &ItemSpec,
        old: &'a [T],
        new: &'a [T],
        names: impl Fn(&'a T) -> (&'a String, &'a String),
        fields: impl Fn(&Self, &'a T, &'a T) -> Vec<Field>,
    ) -> Vec<(usize, usize)> {
        let m = match_ids(old.iter().map(|t| names(t).0.as_str()), new.iter().map(|t| names(t).0.as_str()));
        let [added_kind, removed_kind, changed_kind] = spec.kinds;
        let mut pairs = m.pairs.clone();
        pairs.sort_by_key(|p| p.1);
        for &(i, j) in &pairs {
            let (o, n) = (&old[i], &new[j]);
            let id = names(n).0.as_str();
            let changed: Vec<Field> = fields(self, o, n).into_iter().filter(|f| f.1).collect();
            let Some(&(first, _, in_old, in_new)) = changed.first() else { continue };
            let message = if changed.len() == 1 && ["title", "name"].contains(&first) {
                format!(
                    "{} {}: {first} changed from {} to {}",
                    spec.noun,
                    code(id),
                    quote(Some(names(o).1)),
                    quote(Some(names(n).1))
                )
            } else {
                format!(
                    "{} {}: {} changed",
                    spec.noun,
                    code(id),
                    changed.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
                )
            };
            let old_at = present(in_old, &item(spec.list, i), first);
            let new_at = present(in_new, &item(spec.list, j), first);
            self.push(changed_kind, id, Some((names(o).0, old_at)), Some((id, new_at)), message);
        }
        let label = |t: &'a T| (names(t).0.as_str(), names(t).1.as_str());
        let removed_names: Vec<(&str, &str)> = m.removed.iter().map(|&i| label(&old[i])).collect();
        let added_names: Vec<(&str, &str)> = m.added.iter().map(|&j| label(&new[j])).collect();
        let (removed_hints, added_hints) = rename_hints(&removed_names, &added_names, false);
        for (&j, hint) in m.added.iter().zip(added_hints) {
            let (id, name) = label(&new[j]);
            let message = format!("{} {} ({}) added", spec.noun, code(id), quote(Some(name)));
            self.push(added_kind, id, None, Some((id, item(spec.list, j))), message).hint = hint;
        }
        for (&i, hint) in m.removed.iter().zip(removed_hints) {
            let (id, name) = label(&old[i]);
            let message = format!("{} {} ({}) removed", spec.noun, code(id), quote(Some(name)));
            self.push(removed_kind, id, Some((id, item(spec.list, i))), None, message).hint = hint;
        }
        let list = format!("/{}", spec.list);
        let owner = self.new.id.clone();
        self.order(&m.pairs, &owner, spec.list, list.clone(), list, |j| {
            new.get(j).map_or_else(String::new, |t| names(t).0.clone())
        });
        m.pairs
    }

    /// Skill references of an old item, mapped to the new ids.
    fn old_refs(&self, list: &'a [Prerequisite]) -> Vec<BTreeSet<&'a str>> {
        list.iter().map(|p| p.skill_ids().map(|s| self.map_old(s)).collect()).collect()
    }

    fn new_refs(&self, list: &'a [Prerequisite]) -> Vec<BTreeSet<&'a str>> {
        list.iter().map(|p| p.skill_ids().collect()).collect()
    }
}

/// A compared field: name, differs, present in the old item, present in the new.
type Field = (&'static str, bool, bool, bool);

/// How an id-keyed list is reported.
struct ItemSpec {
    list: &'static str,
    noun: &'static str,
    /// `[added, removed, changed]`.
    kinds: [ChangeKind; 3],
}

const PROJECT_KINDS: [ChangeKind; 3] =
    [ChangeKind::ProjectAdded, ChangeKind::ProjectRemoved, ChangeKind::ProjectChanged];
const PRACTICE_KINDS: [ChangeKind; 3] =
    [ChangeKind::PracticeAdded, ChangeKind::PracticeRemoved, ChangeKind::PracticeChanged];
const MILESTONE_KINDS: [ChangeKind; 3] =
    [ChangeKind::MilestoneAdded, ChangeKind::MilestoneRemoved, ChangeKind::MilestoneChanged];
const EXCLUSION_KINDS: [ChangeKind; 3] =
    [ChangeKind::ExclusionAdded, ChangeKind::ExclusionRemoved, ChangeKind::ExclusionChanged];
const AREA_KINDS: [ChangeKind; 3] = [ChangeKind::AreaAdded, ChangeKind::AreaRemoved, ChangeKind::AreaChanged];

type TaskKey<'t> = (&'t str, Vec<BTreeSet<&'t str>>, &'t [String], Option<&'t str>);

fn task_key<'t>(task: &'t trailmap::Task, map: impl Fn(&'t str) -> &'t str) -> TaskKey<'t> {
    let skills = task.skills.iter().map(|p| p.skill_ids().map(&map).collect()).collect();
    (task.text.as_str(), skills, task.deliverables.as_slice(), task.project.as_deref())
}

/// `` `a` `` or `one of `a`, `b`` for a prerequisite entry.
fn entry_text<'x>(entry: &'x Prerequisite, map: impl Fn(&'x str) -> &'x str) -> String {
    match entry {
        Prerequisite::Skill(id) => code(map(id)),
        Prerequisite::AnyOf(group) if group.any_of.len() == 1 => ids_list(group.any_of.iter().map(|s| map(s))),
        Prerequisite::AnyOf(group) => format!("one of {}", ids_list(group.any_of.iter().map(|s| map(s)))),
    }
}

/// `base/field` when the field is present, else `base`.
fn present(is_present: bool, base: &str, field: &str) -> String {
    if is_present && !field.is_empty() { ptr(base, &[field]) } else { base.to_owned() }
}

/// Whether the roadmap sets a top-level field (for pointers).
fn has_field(roadmap: &Roadmap, field: &str) -> bool {
    match field {
        "title" => true,
        "summary" => roadmap.summary.is_some(),
        "audience" => roadmap.audience.is_some(),
        "target_role" => roadmap.target_role.is_some(),
        "duration" => roadmap.duration.is_some(),
        "hours_per_week" => roadmap.hours_per_week.is_some(),
        "source" => roadmap.source.is_some(),
        "license" => roadmap.license.is_some(),
        "tags" => !roadmap.tags.is_empty(),
        "principles" => !roadmap.principles.is_empty(),
        _ => false,
    }
}

/// Pointer to `former` in the skill's `former_ids`, or to the skill.
fn former_pointer(skill: &Skill, j: usize, former: &str) -> String {
    let base = item("skills", j);
    match skill.former_ids.iter().position(|f| f == former) {
        Some(k) => ptr(&base, &["former_ids", &k.to_string()]),
        None => base,
    }
}

// Every field of the model is either compared above or deliberately left
// out: a field added to the model fails to compile here until the diff
// decides what it means.
const _: fn(&Roadmap) = |r| {
    let Roadmap {
        schema: _,
        id: _,
        title: _,
        version: _,
        summary: _,
        audience: _,
        target_role: _,
        duration: _,
        hours_per_week: _,
        source: _,
        license: _,
        tags: _,
        principles: _,
        skills: _,
        phases: _,
        projects: _,
        practices: _,
        milestones: _,
        exclusions: _,
        areas: _,
        extensions: _,
    } = r;
};
const _: fn(&Skill) = |s| {
    let Skill {
        id: _,
        name: _,
        description: _,
        note: _,
        area: _,
        level: _,
        effort_hours: _,
        optional: _,
        topics: _,
        prerequisites: _,
        resources: _,
        aliases: _,
        former_ids: _,
        extensions: _,
    } = s;
};
const _: fn(&Phase) = |p| {
    let Phase {
        id: _,
        title: _,
        kind: _,
        span: _,
        parallel: _,
        ongoing: _,
        goal: _,
        description: _,
        topics: _,
        skills: _,
        tasks: _,
        phases: _,
        extensions: _,
    } = p;
};
const _: fn(&trailmap::Project, &trailmap::Practice, &trailmap::Milestone, &trailmap::Criterion) = |p, r, m, c| {
    let trailmap::Project {
        id: _,
        title: _,
        number: _,
        description: _,
        phase: _,
        skills: _,
        deliverables: _,
        optional: _,
        extensions: _,
    } = p;
    let trailmap::Practice { id: _, cadence: _, activity: _, topics: _, phase: _, skills: _, extensions: _ } = r;
    let trailmap::Milestone { id: _, title: _, kind: _, description: _, phase: _, criteria: _, extensions: _ } = m;
    let trailmap::Criterion { text: _, skills: _, target: _, done: _, extensions: _ } = c;
};
const _: fn(&trailmap::Exclusion, &trailmap::Area, &Resource, &trailmap::Task) = |e, a, r, t| {
    let trailmap::Exclusion { id: _, title: _, reason: _, phase: _, skill: _, extensions: _ } = e;
    let trailmap::Area { id: _, name: _, description: _, skills: _, extensions: _ } = a;
    let Resource { title: _, url: _, kind: _, extensions: _ } = r;
    let trailmap::Task { text: _, skills: _, deliverables: _, project: _, extensions: _ } = t;
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_positions_finds_the_fewest_moves() {
        assert!(moved_positions(&[0, 1, 2]).is_empty());
        assert_eq!(moved_positions(&[1, 2, 0]), [2]);
        assert_eq!(moved_positions(&[2, 0, 1]), [0]);
        assert_eq!(moved_positions(&[3, 2, 1, 0]).len(), 3);
        assert!(moved_positions(&[]).is_empty());
    }

    #[test]
    fn similarity_is_case_insensitive_and_bounded() {
        assert_eq!(similarity("NumPy", "numpy"), Some(0));
        assert_eq!(similarity("Python", "Python 3"), Some(2));
        assert_eq!(similarity("Pandas", "Polars"), None);
        assert_eq!(similarity("C", "R"), None, "one-letter names are never fuzzy matches");
        assert_eq!(similarity("", ""), None);
    }

    #[test]
    fn hints_fall_back_to_equal_names_on_huge_inputs() {
        let removed: Vec<(String, String)> = (0..600).map(|i| (format!("r{i}"), format!("Name {i}"))).collect();
        let added: Vec<(String, String)> = (0..600).map(|i| (format!("a{i}"), format!("name {i}"))).collect();
        let r: Vec<(&str, &str)> = removed.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let a: Vec<(&str, &str)> = added.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let found = rename_candidates(&r, &a);
        assert_eq!(found[7], Some(7));
    }
}
