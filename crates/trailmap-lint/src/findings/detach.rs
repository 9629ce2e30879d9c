//! Compact findings detached from their model
//! ([`SkillFindings::detach`]): the texts they quote, copied once each, so
//! that the model can be freed before they are located and written.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{ItemList, Quotes, SkillFindings, Texts};

/// The texts a rule's compact findings quote, copied from the model
/// ([`SkillFindings::detach`]); the findings' text indices are indices
/// here.
pub(super) struct Copied {
    /// Every text, one after the other.
    text: String,
    /// Where each ends in `text`.
    ends: Vec<usize>,
    /// The index of each finding's skill's id, by skill index, sorted.
    skill_ids: Vec<(u32, u32)>,
    /// The index of the prerequisite id at each finding's entry, by skill
    /// and entry index, sorted (for a rule [`SkillFindings::quoting_entries`];
    /// an `any_of` group has none).
    entry_ids: Vec<((u32, u32), u32)>,
    /// Where the last lookups in `skill_ids` and `entry_ids` found their
    /// key: findings are made in order, so the next key is nearly always
    /// there or just after (a binary search per finding was a quarter of
    /// the making thread's time on 100,000 findings).
    near: [AtomicUsize; 2],
}

impl Copied {
    /// The place of `key` in `list` (sorted by key), looked for first
    /// where the last lookup `near` found one, then just after it.
    fn find<K: Ord + Copy, V>(list: &[(K, V)], key: K, near: &AtomicUsize) -> Option<usize> {
        let last = near.load(Ordering::Relaxed);
        let found = (last..list.len().min(last + 2))
            .find(|&k| list[k].0 == key)
            .or_else(|| list.binary_search_by_key(&key, |&(k, _)| k).ok())?;
        near.store(found, Ordering::Relaxed);
        Some(found)
    }

    /// How many texts there are.
    pub(super) fn count(&self) -> usize {
        self.ends.len()
    }

    /// The id of skill `skill` (`""` if no finding quotes it).
    pub(super) fn skill_id(&self, skill: usize) -> &str {
        let found = u32::try_from(skill)
            .ok()
            .and_then(|skill| Copied::find(&self.skill_ids, skill, &self.near[0]).map(|k| self.skill_ids[k].1));
        found.map_or("", |i| self.text(i as usize))
    }

    /// The prerequisite id at entry `entry` of skill `skill`, where a
    /// finding quotes it.
    pub(super) fn entry_id(&self, skill: usize, entry: usize) -> Option<&str> {
        let key = (u32::try_from(skill).ok()?, u32::try_from(entry).ok()?);
        let k = Copied::find(&self.entry_ids, key, &self.near[1])?;
        Some(self.text(self.entry_ids[k].1 as usize))
    }

    /// Text `i` (`""` past the end).
    pub(super) fn text(&self, i: usize) -> &str {
        match self.ends.get(i) {
            Some(&end) => &self.text[if i == 0 { 0 } else { self.ends[i - 1] }..end],
            None => "",
        }
    }

    /// Adds `text`, giving its index.
    fn push(&mut self, text: &str) -> u32 {
        self.text.push_str(text);
        self.ends.push(self.text.len());
        // The texts are a model's, indexed by `u32` like its skills.
        u32::try_from(self.ends.len() - 1).unwrap_or(u32::MAX)
    }
}

/// The index among `copied` of text `i` of a table whose copies'
/// indices are `copies` (`u32::MAX` for none yet), copying it the first
/// time; `u32::MAX`, no text, for an index past the table.
fn copy_once<'t>(copied: &mut Copied, copies: &mut [u32], i: usize, text: impl Fn(usize) -> &'t str) -> u32 {
    match copies.get_mut(i) {
        Some(slot) if *slot == u32::MAX => {
            *slot = copied.push(text(i));
            *slot
        }
        Some(slot) => *slot,
        None => u32::MAX,
    }
}

impl SkillFindings<'_> {
    /// The same findings, quoting copies of the texts they quote rather
    /// than the model, so that the model can be freed before they are
    /// located and written: a file with a finding on most skills held
    /// both its model and its text read again (BENCHMARKS.md, "Memory").
    /// Each text quoted is copied once.
    pub(crate) fn detach(self) -> SkillFindings<'static> {
        let SkillFindings {
            rule,
            severity,
            place,
            list,
            mut items,
            quotes,
            quotes_entries,
            quotes_runs,
            render,
            group,
            file,
        } = self;
        let copied = match quotes {
            Quotes::Copied(copied) => copied,
            Quotes::Model { roadmap, texts } => {
                let skill_id = |i: usize| list.id_in(roadmap, i);
                let mut copied = Copied {
                    text: String::new(),
                    ends: Vec::new(),
                    skill_ids: Vec::new(),
                    entry_ids: Vec::new(),
                    near: Default::default(),
                };
                // Each text's index among the copies, by its index in the
                // rule's texts, and each skill id's by skill: one table
                // when the texts are the skills' ids.
                let listed = !(matches!(texts, Texts::SkillIds) && list == ItemList::Skills);
                let text_of = |i: usize| texts.get(roadmap, i);
                let mut copy_of_text = vec![u32::MAX; texts.count(roadmap)];
                let mut copy_of_skill_id = vec![u32::MAX; if listed { list.len(roadmap) } else { 0 }];
                if quotes_runs {
                    // Every text, in order: a run's indices stay as they are.
                    for i in 0..copy_of_text.len() {
                        copy_once(&mut copied, &mut copy_of_text, i, text_of);
                    }
                }
                let mut last_skill = None;
                for item in &mut items {
                    for t in item.texts.iter_mut().filter(|_| !quotes_runs) {
                        *t = copy_once(&mut copied, &mut copy_of_text, *t as usize, text_of);
                    }
                    let skill = item.skill as usize;
                    // Findings are in skill order: a skill's id once for all its entries.
                    if last_skill != Some(item.skill) {
                        last_skill = Some(item.skill);
                        let table = if listed { &mut copy_of_skill_id } else { &mut copy_of_text };
                        let id = copy_once(&mut copied, table, skill, skill_id);
                        copied.skill_ids.push((item.skill, id));
                    }
                    if quotes_entries && let Some(id) = list.entry_id_in(roadmap, skill, item.entry as usize) {
                        let id = copied.push(id);
                        copied.entry_ids.push(((item.skill, item.entry), id));
                    }
                }
                copied.skill_ids.sort_unstable();
                copied.skill_ids.dedup();
                copied.entry_ids.sort_unstable();
                copied.entry_ids.dedup_by_key(|&mut (at, _)| at);
                copied.text.shrink_to_fit();
                copied.ends.shrink_to_fit();
                Box::new(copied)
            }
        };
        SkillFindings {
            rule,
            severity,
            place,
            list,
            items,
            quotes: Quotes::Copied(copied),
            quotes_entries,
            quotes_runs,
            render,
            group,
            file,
        }
    }
}
