//! What a per-file rule reports: [`Findings`], its diagnostics, and
//! findings at entries of a skill's list or at one of its fields (or of a
//! project's or practice's: `ItemList`) kept compact until they are
//! written.
//!
//! A diagnostic holds its texts (about 550 bytes and five allocations a
//! finding); a rule can find something on most skills of a million. Such
//! a rule keeps a skill, an entry and the indices of the two texts it
//! quotes (16 bytes), or where a run of them starts and ends (a group of
//! similar names quotes each member), and its diagnostics are made a part
//! at a time as they are written, located by one scan that follows the
//! entries.

use std::sync::Arc;

use trailmap::pointer::Pointer;
use trailmap::{Diagnostic, Format, Roadmap, Severity};

use crate::registry::Rule;

mod detach;
mod grouping;
mod lists;
use detach::Copied;
pub(crate) use grouping::{LISTED, distinct_firsts, list_by_second_text, push_counted};
pub(crate) use lists::ItemList;

/// The findings of one rule on one roadmap.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let mut out = trailmap_lint::findings::Findings::default();
/// out.push(Diagnostic::new("TM101", "x", Severity::Warning, "m"));
/// assert_eq!(out.len(), 1);
/// ```
#[derive(Default)]
pub struct Findings<'a> {
    /// Diagnostics made as they were found.
    pub(crate) plain: Vec<Diagnostic>,
    /// Findings kept compact; each rule's come after its plain ones.
    pub(crate) compact: Vec<SkillFindings<'a>>,
}

impl<'a> Findings<'a> {
    /// Adds a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.plain.push(diagnostic);
    }

    /// Reserves room for `additional` more diagnostics.
    pub fn reserve(&mut self, additional: usize) {
        self.plain.reserve(additional);
    }

    /// How many diagnostics there are, compact or not (a rule that groups
    /// a skill's findings makes one of them).
    pub fn len(&self) -> usize {
        self.plain.len() + self.compact.iter().map(SkillFindings::count).sum::<usize>()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds findings kept compact until written.
    pub(crate) fn push_compact(&mut self, found: SkillFindings<'a>) {
        if !found.items.is_empty() {
            self.compact.push(found);
        }
    }

    /// Every finding as a diagnostic, each rule's compact ones after its
    /// others: what a compact one is written as, without its location and
    /// fix edits.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        let mut all = self.plain;
        crate::finish::into_diagnostics(&mut all, self.compact);
        all
    }

    /// Every finding as a diagnostic, each made as [`into_diagnostics`](Self::into_diagnostics)
    /// makes it (the plain ones first, then each rule's compact ones, not
    /// merged in rule order), handed to `part` at most `max` at a time and
    /// the compact ones made part by part, each part in the room of the one before, as
    /// `lint` writes a file's findings: what making them costs without
    /// holding them all (a rule with a finding on most of 100k skills made
    /// 60 MB of diagnostics at once).
    ///
    /// ```
    /// use trailmap::{Diagnostic, Severity};
    ///
    /// let mut out = trailmap_lint::findings::Findings::default();
    /// out.push(Diagnostic::new("TM101", "x", Severity::Warning, "m"));
    /// let mut seen = 0;
    /// out.into_parts(4_096, |part| seen += part.len());
    /// assert_eq!(seen, 1);
    /// ```
    pub fn into_parts(self, max: usize, mut part: impl FnMut(&[Diagnostic])) {
        let max = max.max(1);
        let mut room: Vec<Diagnostic> = Vec::with_capacity(max.min(self.len()));
        let mut hand = |d: Diagnostic, room: &mut Vec<Diagnostic>| {
            room.push(d);
            if room.len() == max {
                part(room);
                room.clear();
            }
        };
        for d in self.plain {
            hand(d, &mut room);
        }
        for found in &self.compact {
            for range in found.groups() {
                hand(found.diagnostic_of(range), &mut room);
            }
        }
        if !room.is_empty() {
            part(&room);
        }
    }
}

impl<'a> Extend<Diagnostic> for Findings<'a> {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.plain.extend(iter);
    }
}

/// Where in a skill a rule's compact findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InSkill {
    /// At entries of a list, e.g. `prerequisites`: the JSON Pointer
    /// `/skills/{skill}/{list}/{entry}` (`/projects/…` for findings
    /// [`in_list`](SkillFindings::in_list) `projects`).
    Entries(&'static str),
    /// At a field itself, e.g. `id`: `/skills/{skill}/{field}` (the
    /// entry is 0).
    Field(&'static str),
    /// At a member of entries of a list, e.g. each resource's `url`:
    /// `/skills/{skill}/{list}/{entry}/{member}`.
    EntryMembers(&'static str, &'static str),
}

/// One rule's findings at entries of a list of the roadmap's skills, or
/// at one field of them ([`InSkill`]), in the order of their pointer,
/// each place once.
pub(crate) struct SkillFindings<'a> {
    pub(crate) rule: Rule,
    /// Their severity once the configuration is applied; the rule's
    /// default until then.
    pub(crate) severity: Severity,
    /// Where in each skill they are.
    pub(crate) place: InSkill,
    /// The list whose items hold them: skills, unless
    /// [`SkillFindings::in_list`] says otherwise.
    pub(crate) list: ItemList,
    pub(crate) items: Vec<SkillFinding>,
    /// Where the texts they quote are: the model, or copies of them once
    /// [`SkillFindings::detach`]ed.
    quotes: Quotes<'a>,
    /// Whether a finding quotes its entry's prerequisite id
    /// ([`SkillFindings::quoting_entries`]).
    quotes_entries: bool,
    /// Whether a finding quotes a run of the rule's texts
    /// ([`SkillFindings::quoting_runs`]).
    quotes_runs: bool,
    /// Makes the diagnostic of one finding, but for its pointer, severity
    /// and file.
    render: Render,
    /// For a rule that reports a skill's findings as one diagnostic (at
    /// its first), makes that diagnostic of two findings or more.
    group: Option<RenderGroup>,
    /// The file's name, as every diagnostic of the file holds it.
    file: Arc<str>,
}

/// What a compact finding's diagnostic says: the texts it quotes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quoting<'s> {
    /// The id of the finding's skill (or project, or practice).
    pub(crate) skill: &'s str,
    /// The prerequisite id at the finding's entry, for a rule
    /// [`SkillFindings::quoting_entries`] (`None` for an `any_of` group,
    /// and for other rules).
    pub(crate) entry: Option<&'s str>,
    /// The two texts of the rule's [`Texts`] (`""` for none).
    pub(crate) texts: [&'s str; 2],
    /// The run of the rule's texts, for a rule
    /// [`SkillFindings::quoting_runs`] (empty for others, whose `texts`
    /// say what they quote).
    pub(crate) run: &'s [&'s str],
}

/// What makes a compact finding's diagnostic (see [`SkillFindings`]).
pub(crate) type Render = fn(&Rule, Quoting<'_>) -> Diagnostic;

/// What makes the one diagnostic of a skill's (or item's) compact
/// findings, for a rule that groups them: from the skill's id and the
/// [`Group`] of its findings.
pub(crate) type RenderGroup = fn(&Rule, &str, &Group<'_, '_>) -> Diagnostic;

/// A skill's (or item's) findings that a rule reports as one diagnostic,
/// and what they quote. Texts are read only for what the message quotes:
/// on 2,000 skills each needing all before it, quoting every finding's
/// two texts was nearly half of making the findings.
pub(crate) struct Group<'g, 't> {
    /// The findings, in entry order: two or more.
    pub(crate) each: &'g [SkillFinding],
    quoted: &'g dyn Fn(u32) -> Quoted<'t>,
    entry: &'g dyn Fn(&SkillFinding) -> Option<&'t str>,
}

impl<'g, 't> Group<'g, 't> {
    /// The findings `each`, text `i` of the rule's [`Texts`] being
    /// `quoted(i)`, and the id at a finding's entry `entry(finding)`.
    pub(crate) fn new(
        each: &'g [SkillFinding],
        quoted: &'g dyn Fn(u32) -> Quoted<'t>,
        entry: &'g dyn Fn(&SkillFinding) -> Option<&'t str>,
    ) -> Self {
        Group { each, quoted, entry }
    }

    /// Text `index` of the rule's [`Texts`].
    pub(crate) fn quoted(&self, index: u32) -> Quoted<'t> {
        (self.quoted)(index)
    }

    /// The id at `found`'s entry, for a rule
    /// [`SkillFindings::quoting_entries`]; `None` for others, and at an
    /// `any_of` group.
    pub(crate) fn entry(&self, found: &SkillFinding) -> Option<&'t str> {
        (self.entry)(found)
    }
}

/// A text a grouped finding quotes, with its index in the rule's
/// [`Texts`]: one index is one text, so a group can tell its texts apart
/// by index (comparing them was a fifth of making TM107's grouped
/// findings on bare `dense-all`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quoted<'a> {
    /// The index in the rule's [`Texts`].
    pub(crate) index: u32,
    /// The text.
    pub(crate) text: &'a str,
}

/// Where the two texts of a rule's compact findings come from: each
/// finding holds two indices into it, 8 bytes where two `&str` took 32
/// (two million findings on 100k skills held 76 MB of them).
pub(crate) enum Texts<'a> {
    /// Index `i` is the id of skill `i`.
    SkillIds,
    /// Index `i` is the `i`th text.
    Listed(Vec<&'a str>),
    /// Index `i` is the text of a skill `of[i]` names: for `2s`, the id
    /// of skill `s`; for `2s + 1`, its name. Four bytes a text where a
    /// `&str` takes sixteen, for a rule quoting several texts of a skill
    /// ([`SkillFindings::quoting_runs`]).
    OfSkills(Vec<u32>),
}

impl Texts<'_> {
    /// How many texts there are, of `roadmap`.
    fn count(&self, roadmap: &Roadmap) -> usize {
        match self {
            Texts::SkillIds => roadmap.skills.len(),
            Texts::Listed(texts) => texts.len(),
            Texts::OfSkills(of) => of.len(),
        }
    }

    /// Text `i`, of `roadmap` (`""` past the end).
    fn get<'s>(&'s self, roadmap: &'s Roadmap, i: usize) -> &'s str {
        match self {
            Texts::SkillIds => ItemList::Skills.id_in(roadmap, i),
            Texts::Listed(texts) => texts.get(i).copied().unwrap_or(""),
            Texts::OfSkills(of) => match of.get(i).and_then(|&t| Some((t, roadmap.skills.get(t as usize / 2)?))) {
                Some((t, skill)) if t % 2 == 1 => skill.name.as_str(),
                Some((_, skill)) => skill.id.as_str(),
                None => "",
            },
        }
    }
}

/// Where compact findings' texts are read.
enum Quotes<'a> {
    /// In the model, while it lives.
    Model { roadmap: &'a Roadmap, texts: Texts<'a> },
    /// In copies of the texts the findings quote, and only those: the
    /// model can be freed before they are written.
    Copied(Box<Copied>),
}

/// The index of no text (`""`), for a finding that quotes fewer than two:
/// past the end of every table, as `u32::MAX` is where it is kept.
pub(crate) const NO_TEXT: usize = usize::MAX;

/// One compact finding: a skill, an entry of its list (0 at a field), and
/// what the rule's message says of it, as indices into the rule's
/// [`Texts`] (`u32::MAX` for none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SkillFinding {
    /// Index in `roadmap.skills`.
    pub(crate) skill: u32,
    /// Index in the skill's list; 0 for a finding at a field.
    pub(crate) entry: u32,
    pub(crate) texts: [u32; 2],
}

/// Where a compact finding is, as its file's pass finds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pub(crate) at: trailmap::Location,
    /// How the YAML sequence that holds an entry is written, for the fix
    /// that cuts the entry; `None` in JSON, at a field, or where the pass
    /// did not find the entry.
    pub(crate) shape: Option<trailmap::locate::SequenceShape>,
}

impl<'a> SkillFindings<'a> {
    /// No findings yet, of `rule` on `ctx`'s roadmap, at `place` in skills,
    /// quoting `texts`.
    pub(crate) fn new(
        ctx: &crate::context::Context<'a>,
        rule: &Rule,
        place: InSkill,
        texts: Texts<'a>,
        render: Render,
    ) -> Self {
        SkillFindings {
            rule: *rule,
            severity: rule.default_severity,
            place,
            list: ItemList::Skills,
            items: Vec::new(),
            quotes: Quotes::Model { roadmap: ctx.roadmap, texts },
            quotes_entries: false,
            quotes_runs: false,
            render,
            group: None,
            file: ctx.file_name(),
        }
    }

    /// The same, reporting each skill's findings as one diagnostic made
    /// by `group`, at the first of them, whose fix does what each of
    /// theirs would (a skill listing twenty redundant prerequisites gets
    /// one warning, as rustc reports a line's unused imports).
    pub(crate) fn grouped(mut self, group: RenderGroup) -> Self {
        self.group = Some(group);
        self
    }

    /// The same, at items of `list` rather than skills: each finding's
    /// skill index is an item's, [`Quoting::skill`] its id, and
    /// [`Quoting::entry`] the skill id at its entry.
    pub(crate) fn in_list(mut self, list: ItemList) -> Self {
        self.list = list;
        self
    }

    /// The same, each finding quoting the prerequisite id at its entry
    /// ([`Quoting::entry`]).
    pub(crate) fn quoting_entries(mut self) -> Self {
        self.quotes_entries = true;
        self
    }

    /// The same, each finding quoting a run of the rule's texts, as many
    /// as it needs: its two text indices are where the run starts and
    /// ends ([`Quoting::run`]). Each text is in one finding's run, so the
    /// texts are copied whole when the findings are
    /// [`detach`](SkillFindings::detach)ed (a group of similar names
    /// quotes two names and every member's id).
    pub(crate) fn quoting_runs(mut self) -> Self {
        self.quotes_runs = true;
        self
    }

    /// How many diagnostics the findings make.
    pub(crate) fn count(&self) -> usize {
        match self.group {
            None => self.items.len(),
            Some(_) => {
                let starts = self.items.windows(2).filter(|pair| pair[0].skill != pair[1].skill).count();
                starts + usize::from(!self.items.is_empty())
            }
        }
    }

    /// Where the diagnostic whose first finding is `items[start]` ends:
    /// after the skill's last finding for a rule that groups them, else
    /// after that one finding.
    pub(crate) fn group_end(&self, start: usize) -> usize {
        match (self.group, self.items.get(start)) {
            (Some(_), Some(first)) => {
                start + self.items[start..].iter().take_while(|item| item.skill == first.skill).count()
            }
            _ => start + 1,
        }
    }

    /// Each diagnostic's findings, as ranges of `items`, in order.
    pub(crate) fn groups(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let mut start = 0;
        std::iter::from_fn(move || {
            (start < self.items.len()).then(|| {
                let end = self.group_end(start);
                let range = start..end;
                start = end;
                range
            })
        })
    }

    /// The diagnostic of `items[range]` (one finding, or a skill's
    /// findings grouped), unlocated; at the first of them.
    pub(crate) fn diagnostic_of(&self, range: std::ops::Range<usize>) -> Diagnostic {
        let items = &self.items[range];
        match (self.group, items) {
            (Some(group), [first, _, ..]) => {
                let quoted = |index: u32| Quoted { index, text: self.text(index as usize) };
                let entry = |item: &SkillFinding| self.entry_id(item.skill as usize, item.entry as usize);
                let skill = first.skill as usize;
                let mut d = group(&self.rule, self.skill_id(skill), &Group::new(items, &quoted, &entry))
                    .at(self.pointer(skill, first.entry as usize));
                d.severity = self.severity;
                d.file = Arc::clone(&self.file);
                d
            }
            (_, [first, ..]) => self.diagnostic(first),
            // Not asked: every range `groups` and `group_end` give holds one.
            (_, []) => self.made(0, 0, [NO_TEXT, NO_TEXT]),
        }
    }

    /// Adds the finding at entry `entry` of skill `skill`, quoting texts
    /// `texts` of the rule's [`Texts`] ([`NO_TEXT`] for none). Indices past
    /// what is kept compact (four billion) come back as the finding's
    /// diagnostic, for the rule to report as it is.
    pub(crate) fn push(&mut self, skill: usize, entry: usize, texts: [usize; 2]) -> Option<Diagnostic> {
        // `u32::MAX` is no text: a text index must be below it.
        let text =
            |i: usize| if i == NO_TEXT { Some(u32::MAX) } else { u32::try_from(i).ok().filter(|&i| i != u32::MAX) };
        match (u32::try_from(skill), u32::try_from(entry), text(texts[0]), text(texts[1])) {
            (Ok(skill), Ok(entry), Some(a), Some(b)) => {
                self.items.push(SkillFinding { skill, entry, texts: [a, b] });
                None
            }
            _ => Some(self.made(skill, entry, texts)),
        }
    }

    /// Text `i` of the rule's [`Texts`] (`""` past its end: for [`NO_TEXT`]
    /// and `u32::MAX` too).
    fn text(&self, i: usize) -> &str {
        match &self.quotes {
            Quotes::Model { roadmap, texts } => texts.get(roadmap, i),
            Quotes::Copied(copied) => copied.text(i),
        }
    }

    /// Texts `start..end` of the rule's [`Texts`], for a rule
    /// [`quoting_runs`](SkillFindings::quoting_runs).
    fn run(&self, start: usize, end: usize) -> Vec<&str> {
        // Never past the texts there are, whatever the indices say.
        let count = match &self.quotes {
            Quotes::Model { roadmap, texts } => texts.count(roadmap),
            Quotes::Copied(copied) => copied.count(),
        };
        (start.min(count)..end.min(count)).map(|i| self.text(i)).collect()
    }

    /// The id of skill `skill` (`""` if it is not known).
    fn skill_id(&self, skill: usize) -> &str {
        match &self.quotes {
            Quotes::Model { roadmap, .. } => self.list.id_in(roadmap, skill),
            Quotes::Copied(copied) => copied.skill_id(skill),
        }
    }

    /// The prerequisite id at entry `entry` of skill `skill`, for a rule
    /// that quotes it.
    fn entry_id(&self, skill: usize, entry: usize) -> Option<&str> {
        if !self.quotes_entries {
            return None;
        }
        match &self.quotes {
            Quotes::Model { roadmap, .. } => self.list.entry_id_in(roadmap, skill, entry),
            Quotes::Copied(copied) => copied.entry_id(skill, entry),
        }
    }

    /// The diagnostic of `item`, unlocated.
    pub(crate) fn diagnostic(&self, item: &SkillFinding) -> Diagnostic {
        self.made(item.skill as usize, item.entry as usize, item.texts.map(|i| i as usize))
    }

    /// The diagnostic at entry `entry` of skill `skill` quoting texts
    /// `texts` (two texts, or where a run starts and ends for a rule
    /// [`quoting_runs`](SkillFindings::quoting_runs)), with its pointer,
    /// severity and file.
    fn made(&self, skill: usize, entry: usize, texts: [usize; 2]) -> Diagnostic {
        let (texts, run) = match self.quotes_runs {
            true => (["", ""], self.run(texts[0], texts[1])),
            false => (texts.map(|i| self.text(i)), Vec::new()),
        };
        let quoting = Quoting { skill: self.skill_id(skill), entry: self.entry_id(skill, entry), texts, run: &run };
        let mut d = (self.render)(&self.rule, quoting).at(self.pointer(skill, entry));
        d.severity = self.severity;
        d.file = Arc::clone(&self.file);
        d
    }

    /// The pointer of entry `entry` of skill `skill` (of the field).
    pub(crate) fn pointer(&self, skill: usize, entry: usize) -> Pointer {
        let item = Pointer::item(self.list.key(), skill);
        match self.place {
            InSkill::Entries(list) => item.with(list).with_index(entry),
            InSkill::Field(field) => item.with(field),
            InSkill::EntryMembers(list, member) => item.with(list).with_index(entry).with(member),
        }
    }

    /// Locates the findings in `source`, read as `format`, in one pass,
    /// handing each one found to `found` (its index in `items`, where it
    /// is, and in YAML how the sequence that holds an entry is written) in
    /// their order.
    pub(crate) fn locate_each(&self, source: &str, format: Format, mut found: impl FnMut(usize, Place)) {
        let (yaml, top) = (format == Format::Yaml, self.list.key());
        match self.place {
            InSkill::Entries(list) => {
                let pairs: Vec<(u32, u32)> = self.items.iter().map(|item| (item.skill, item.entry)).collect();
                if yaml {
                    trailmap::locate::yaml_list_items_each(source, top, list, &pairs, |k, at, shape| {
                        found(k, Place { at, shape: Some(shape) })
                    });
                } else {
                    trailmap::locate::list_items_each(source, top, list, &pairs, |k, at| {
                        found(k, Place { at, shape: None })
                    });
                }
            }
            InSkill::EntryMembers(list, member) => {
                let pairs: Vec<(u32, u32)> = self.items.iter().map(|item| (item.skill, item.entry)).collect();
                let mut found = |k, at| found(k, Place { at, shape: None });
                if yaml {
                    trailmap::locate::yaml_list_item_members_each(source, top, list, member, &pairs, &mut found);
                } else {
                    trailmap::locate::list_item_members_each(source, top, list, member, &pairs, &mut found);
                }
            }
            InSkill::Field(field) => {
                let skills: Vec<u32> = self.items.iter().map(|item| item.skill).collect();
                let mut found = |k, at| found(k, Place { at, shape: None });
                if yaml {
                    trailmap::locate::yaml_list_fields_each(source, top, field, &skills, &mut found);
                } else {
                    trailmap::locate::list_fields_each(source, top, field, &skills, &mut found);
                }
            }
        }
    }

    /// Keeps the findings whose pointer `keep` keeps.
    pub(crate) fn retain_at(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.retain(|_, pointer| keep(pointer().as_str()));
    }

    /// Keeps the findings `keep` keeps, given each finding and a way to
    /// make its pointer (made only if asked).
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&SkillFinding, &mut dyn FnMut() -> Pointer) -> bool) {
        let mut items = std::mem::take(&mut self.items);
        items.retain(|item| keep(item, &mut || self.pointer(item.skill as usize, item.entry as usize)));
        self.items = items;
    }
}
