//! What happens to a file's diagnostics once its rules have run: the
//! configuration (rules off, severities), the inline suppressions and their
//! own findings (TM116, TM117), the rules that yield to narrower ones,
//! locations, the fixes' edits, reading order, and the handing over, a
//! part at a time, with the compact findings made as they go.

use std::sync::{Mutex, PoisonError};

use trailmap::codes::Code;
use trailmap::parallel;
use trailmap::{Diagnostic, Format};

use crate::config::Config;
use crate::findings::{Place, SkillFindings};
use crate::registry::Check;
use crate::{SourceFile, fix, rules, suppress};

mod narrower;
use narrower::yield_to_narrower;

/// A file's findings once the rules have run: its diagnostics, and the
/// findings its rules keep compact.
pub(crate) type Found<'a> = (Vec<Diagnostic>, Vec<SkillFindings<'a>>);

/// Each file's findings of a batch, finished ([`file`](fn@file)), in the batch's
/// order: each file on one thread, as the batch's files were linted
/// (locating a folder's findings on one thread was a quarter of its run).
pub(crate) fn batch<'a>(files: &[SourceFile], per_file: Vec<Found<'a>>, config: &Config) -> Vec<Finished<'a>> {
    let threads = config.thread_count();
    if files.len() < 2 || threads < 2 {
        return files.iter().zip(per_file).map(|(f, found)| file(f, found, config)).collect();
    }
    let per_file: Vec<Mutex<Found<'a>>> = per_file.into_iter().map(Mutex::new).collect();
    let take = |i: usize| std::mem::take(&mut *per_file[i].lock().unwrap_or_else(PoisonError::into_inner));
    let parts = parallel::ranges(files.len(), threads);
    parallel::map(&parts, |part| part.clone().map(|i| file(&files[i], take(i), config)).collect::<Vec<_>>())
        .into_iter()
        .flatten()
        .collect()
}

/// A file's findings, finished: its diagnostics located and in reading
/// order, and its compact findings, each rule's in reading order.
/// [`Finished::write_parts`] locates the compact ones and merges them.
pub(crate) struct Finished<'a> {
    format: Format,
    plain: Vec<Diagnostic>,
    compact: Vec<Located<'a>>,
    /// The entries suppressions name by index ([`fix::pinned_entries`]).
    pinned: Vec<(String, usize)>,
}

/// One rule's compact findings.
struct Located<'a> {
    found: SkillFindings<'a>,
    /// [`rank`] of the rule.
    rank: usize,
}

/// Applies the configuration and the inline suppressions to one file's
/// findings, locates them, fills the fixes' edits, and puts them in
/// reading order.
pub(crate) fn file<'a>(f: &SourceFile, found: Found<'a>, config: &Config) -> Finished<'a> {
    let (mut diagnostics, mut compact) = found;
    let format = trailmap::Format::from_path(&f.name).for_text(&f.text);
    let mut problems = Vec::new();
    let mut suppressions = suppress::collect(&f.name, &f.text, &mut problems);
    let pinned = fix::pinned_entries(&suppressions);
    // What is kept is decided on pointers and codes alone, before
    // anything is located: a finding dropped here costs no location.
    // Configuration: drop what is off, set severities.
    let severities = config.severities_for(&f.name);
    diagnostics.retain_mut(|d| severities.apply(d.code, &mut d.severity));
    compact.retain_mut(|c| severities.apply(c.rule.code, &mut c.severity));
    // Inline suppressions.
    suppress::apply_all(&mut suppressions, &mut diagnostics, &mut compact, trailmap::codes::breaks_model);
    yield_to_narrower(&mut diagnostics, &mut compact);
    {
        let rule = &rules::TM116;
        if let Some(Some(severity)) = severities.get(rule.code) {
            // A suppression of a rule that did not run this time is not
            // known to be unused.
            let ran = |code: &str| matches!(severities.get(code), Some(Some(_)));
            for s in suppressions.iter().filter(|s| s.used == 0 && ran(s.code)) {
                let mut d = Diagnostic::new(
                    rule.code,
                    rule.name,
                    severity,
                    format!("this suppression of {} suppresses nothing", s.code),
                )
                .at(s.at.clone())
                .with_help("remove the entry: the problem it hid is gone");
                d.file = f.name.as_str().into();
                problems.push(d);
            }
        }
    }
    {
        let rule = &rules::TM117;
        problems.retain_mut(|d| match severities.get(rule.code).flatten() {
            Some(severity) => {
                if d.code == rule.code {
                    d.severity = severity;
                }
                true
            }
            None => d.code != rule.code,
        });
    }
    // Compact findings are located as they are written, by one pass each
    // that follows their entries (`Finished::write_parts`).
    let located: Vec<Located<'_>> = compact
        .into_iter()
        .filter(|c| !c.items.is_empty())
        .map(|found| Located { rank: rank(found.rule.code), found })
        .collect();
    // One parse of the file for every location below; a YAML tree of
    // only the nodes asked about (the whole tree is eleven times the file).
    let mut locator = trailmap::locate::Locator::new(&f.text, format);
    locator.expect(diagnostics.iter().chain(&problems).map(|d| d.pointer.as_str()));
    locator.locate(&mut diagnostics);
    fix::fill_removals(&f.text, format, &mut locator, &mut diagnostics);
    for d in &mut diagnostics {
        fix::withhold_if_shifting(d, &pinned);
    }
    locator.locate(&mut problems);
    diagnostics.extend(problems);
    trailmap::diagnostic::sort_by_position(&mut diagnostics);
    Finished { format, plain: diagnostics, compact: located, pinned }
}

/// Makes `compact` findings into diagnostics among a file's others (in
/// rank order, as lint gathers them), where their rules' would have been.
pub(crate) fn into_diagnostics(diagnostics: &mut Vec<Diagnostic>, compact: Vec<SkillFindings<'_>>) {
    for found in compact {
        let rank = rank(found.rule.code);
        let end = diagnostics.partition_point(|d| self::rank(d.code) <= rank);
        diagnostics.splice(end..end, found.groups().map(|range| found.diagnostic_of(range)));
    }
}

/// Where a code's diagnostics are in a file's list before it is put in
/// reading order: validation first, then the per-file rules in registry
/// order (each rule's compact findings after its others), then the rest.
/// Diagnostics at the same place keep that order.
fn rank(code: &str) -> usize {
    let per_file = rules::RULES.iter().filter(|r| matches!(r.check, Check::File(_)));
    match per_file.clone().position(|r| r.code == code) {
        Some(i) => 1 + i,
        None if Code::find(code).is_some() => 0,
        None => usize::MAX,
    }
}

impl Finished<'_> {
    /// How many diagnostics the file has.
    pub(crate) fn len(&self) -> usize {
        self.plain.len() + self.compact.iter().map(|c| c.found.count()).sum::<usize>()
    }

    /// The file's diagnostics in reading order, handed to `part` at most
    /// `max` at a time (once at least, empty or not): the compact findings
    /// are made as they are handed over, so a file's diagnostics are never
    /// all held at once. With `threads` above one, a rule's compact findings
    /// over a part are located on a thread of their own, the parts made
    /// from what it has found so far.
    ///
    /// `part` hands back the room for the next part: a vector whose
    /// diagnostics, if it still has any, the next part's replace one by
    /// one (see [`replace_or_push`] and [`hand_over`]).
    pub(crate) fn write_parts(
        self,
        source: &str,
        max: usize,
        threads: usize,
        part: &mut dyn FnMut(Vec<Diagnostic>) -> Vec<Diagnostic>,
    ) {
        let max = max.max(1);
        let total = self.len();
        let Finished { format, plain, compact, pinned } = self;
        std::thread::scope(|scope| {
            let mut places: Vec<Places> = compact
                .iter()
                .map(|c| Places::start(scope, source, format, &c.found, threads > 1 && c.found.items.len() > max))
                .collect();
            let mut plain = plain.into_iter().peekable();
            let mut next = vec![0usize; compact.len()];
            let mut out = Vec::with_capacity(total.min(max));
            // Diagnostics of the part being made; past them, `out` may
            // still hold a part written before (see `replace_or_push`).
            let mut filled = 0;
            let mut handed = 0;
            // The entries and locations of the findings of one diagnostic.
            let mut members = Vec::new();
            let offset = |d: &Diagnostic| d.location.map_or(0, |l| l.offset);
            loop {
                // The compact finding that comes first, of every rule's next.
                let first = (0..compact.len())
                    .filter(|&s| next[s] < compact[s].found.items.len())
                    .map(|s| (places[s].of(next[s], &compact[s].found).at.offset, compact[s].rank, s))
                    .min();
                let plain_first = match (plain.peek(), first) {
                    (Some(d), Some((at, rank, _))) => offset(d) < at || (offset(d) == at && self::rank(d.code) <= rank),
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                match (plain_first, first) {
                    (false, Some((_, _, s))) => {
                        let c = &compact[s].found;
                        let group = next[s]..c.group_end(next[s]);
                        let mut d = c.diagnostic_of(group.clone());
                        members.clear();
                        members.extend(group.clone().map(|k| (c.items[k].entry as usize, places[s].of(k, c))));
                        d.location = members.first().map(|&(_, place)| place.at);
                        fix::fill_compact_removal(source, format, &mut d, &members);
                        fix::withhold_if_shifting(&mut d, &pinned);
                        replace_or_push(&mut out, &mut filled, d);
                        next[s] = group.end;
                    }
                    _ => {
                        if let Some(d) = plain.next() {
                            replace_or_push(&mut out, &mut filled, d);
                        }
                    }
                }
                if filled >= max {
                    out.truncate(filled);
                    handed += filled;
                    out = part(std::mem::take(&mut out));
                    filled = 0;
                    let wanted = total.saturating_sub(handed).min(max);
                    if out.capacity() < wanted {
                        out.reserve_exact(wanted - out.len());
                    }
                }
            }
            out.truncate(filled);
            if !out.is_empty() || handed == 0 {
                part(out);
            }
        });
    }
}

/// Puts `d` at `out[*filled]`, in place of a diagnostic of a part written
/// before, or after the rest. A part made in the room of one written
/// before frees that one's diagnostics one at a time, as its own are
/// made: their memory is used again at once. Freed all together, it went
/// back to the system and was faulted in again for the next part.
fn replace_or_push(out: &mut Vec<Diagnostic>, filled: &mut usize, d: Diagnostic) {
    match out.get_mut(*filled) {
        Some(slot) => *slot = d,
        None => out.push(d),
    }
    *filled += 1;
}

/// Locations of one rule's compact findings, in their order, as the pass
/// that follows their entries finds them.
struct Places<'s> {
    source: &'s str,
    format: Format,
    /// `(item, place)` of the items found, in item order.
    found: Box<dyn Iterator<Item = (usize, Place)> + 's>,
    /// The place of `head.0`, once asked.
    head: Option<(usize, Place)>,
    /// The next of `found`, when it was taken to answer an item before it.
    ahead: Option<(usize, Place)>,
    /// The YAML tree of the items the pass did not find (behind an alias),
    /// parsed at the first of them.
    missed: Option<trailmap::locate::Locator<'s>>,
}

/// Locations a scan sends together.
const PLACES_SENT_TOGETHER: usize = 1_024;

/// Batches of locations a scan may send before the parts take them.
const BATCHES_AHEAD: usize = 4;

impl<'s> Places<'s> {
    /// Starts locating `found` in `source`, read as `format`: on a thread
    /// of its own when `aside` (and one starts), else here, at once.
    fn start<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        source: &'scope str,
        format: Format,
        found: &'scope SkillFindings<'_>,
        aside: bool,
    ) -> Places<'scope> {
        let places = |found| Places { source, format, found, head: None, ahead: None, missed: None };
        if aside {
            // Bounded: a scan faster than the parts are made held every
            // location it found, 3.8 MB of a 41 MB heap on 100k findings
            // (script-written `hub` on one line: peak 4.70 -> 4.50 times
            // the file; 16 batches ahead, 4.77).
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(usize, Place)>>(BATCHES_AHEAD);
            let scan = move || {
                let mut batch = Vec::with_capacity(PLACES_SENT_TOGETHER);
                found.locate_each(source, format, |k, place| {
                    batch.push((k, place));
                    if batch.len() == PLACES_SENT_TOGETHER {
                        // Nobody to send to: the parts are no longer wanted.
                        let _ = send.send(std::mem::replace(&mut batch, Vec::with_capacity(PLACES_SENT_TOGETHER)));
                    }
                });
                let _ = send.send(batch);
            };
            if std::thread::Builder::new().name("trailmap-locate".into()).spawn_scoped(scope, scan).is_ok() {
                return places(Box::new(receive.into_iter().flatten()));
            }
        }
        let mut all = Vec::with_capacity(found.items.len());
        found.locate_each(source, format, |k, place| all.push((k, place)));
        places(Box::new(all.into_iter()))
    }

    /// The place of item `k` of `found`, asked with `k` never going back:
    /// where the pass found it, or, for an item it did not find (not met
    /// in a file the model was read from, or behind a YAML alias), where
    /// locating its pointer does, with no shape (its entry is not cut).
    fn of(&mut self, k: usize, found: &SkillFindings<'_>) -> Place {
        if let Some((at, place)) = self.head {
            if at == k {
                return place;
            }
        }
        let mut next = self.ahead.take().or_else(|| self.found.next());
        while next.is_some_and(|(i, _)| i < k) {
            next = self.found.next();
        }
        let place = match next {
            Some((i, place)) if i == k => place,
            other => {
                self.ahead = other;
                let mut d = [found.diagnostic(&found.items[k])];
                match self.format {
                    Format::Yaml => {
                        // One tree for every item missed: each of the
                        // rest may be (a whole list behind one alias).
                        let (source, format) = (self.source, self.format);
                        let locator = self.missed.get_or_insert_with(|| {
                            let mut locator = trailmap::locate::Locator::new(source, format);
                            let rest: Vec<String> = found.items[k..]
                                .iter()
                                .map(|item| found.pointer(item.skill as usize, item.entry as usize).into())
                                .collect();
                            locator.expect(rest.iter().map(String::as_str));
                            locator
                        });
                        locator.locate(&mut d);
                    }
                    _ => trailmap::locate::locate_as(self.source, self.format, &mut d),
                }
                // The start of the text, as for text that does not parse.
                let at = d[0].location.unwrap_or_else(|| trailmap::locate::LineIndex::new("").location("", 0, 0));
                Place { at, shape: None }
            }
        };
        self.head = Some((k, place));
        place
    }
}

/// Finishes a batch's files (`range` of `files`) and hands each one's
/// diagnostics over.
pub(crate) fn hand_over_batch(
    files: &[SourceFile],
    range: std::ops::Range<usize>,
    per_file: Vec<Found<'_>>,
    config: &Config,
    found: &mut crate::HandOver<'_>,
) {
    let start = range.start;
    for (k, finished) in batch(&files[range], per_file, config).into_iter().enumerate() {
        hand_over(files, start + k, finished, config.thread_count(), found);
    }
}

/// Hands the diagnostics of `files[index]` to `found` a part at a time.
/// When it has more than a part, they are made on a thread of their own
/// while the caller writes the part before (making and writing took about
/// as long each, one after the other on one thread).
///
/// What the caller leaves of a part is freed on the thread that made it,
/// as the next part is made in its room. Freed on another thread, a
/// part's memory went back to the system and was faulted in again for
/// the next part: the making thread spent more time in the kernel than in
/// its own code.
fn hand_over(
    files: &[SourceFile],
    index: usize,
    finished: Finished<'_>,
    threads: usize,
    found: &mut crate::HandOver<'_>,
) {
    let text = files[index].text.as_str();
    if threads < 2 || finished.len() <= crate::PART_MAX {
        finished.write_parts(text, crate::PART_MAX, threads, &mut lend_here(files, index, found));
        return;
    }
    let finished = Mutex::new(Some(finished));
    let take = || finished.lock().unwrap_or_else(PoisonError::into_inner).take();
    std::thread::scope(|scope| {
        // One part made ahead, at most: the parts in hand stay few.
        let (send, receive) = std::sync::mpsc::sync_channel(1);
        // The parts written, back to the thread that made them.
        let (give_back, given_back) = std::sync::mpsc::channel::<Vec<Diagnostic>>();
        let maker = std::thread::Builder::new().name("trailmap-parts".into()).spawn_scoped(scope, move || {
            if let Some(finished) = take() {
                finished.write_parts(text, crate::PART_MAX, threads, &mut |part| {
                    // The caller stopped taking parts (it panicked): the
                    // rest are dropped.
                    let _ = send.send(part);
                    // The first part written back is the next one's room;
                    // any other is freed here.
                    let mut room = Vec::new();
                    for written in given_back.try_iter() {
                        if room.capacity() == 0 {
                            room = written;
                        }
                    }
                    room
                });
            }
        });
        if maker.is_ok() {
            for mut part in receive {
                found(files, index, &mut part);
                // A maker that ended leaves the part to be freed here.
                let _ = give_back.send(part);
            }
        } else if let Some(finished) = take() {
            // No thread to be had (a thread limit): made here.
            finished.write_parts(text, crate::PART_MAX, 1, &mut lend_here(files, index, found));
        }
    });
}

/// Lends each part to `found` on this thread, and hands its room back.
fn lend_here<'f>(
    files: &'f [SourceFile],
    index: usize,
    found: &'f mut crate::HandOver<'_>,
) -> impl FnMut(Vec<Diagnostic>) -> Vec<Diagnostic> + 'f {
    move |mut part| {
        found(files, index, &mut part);
        part
    }
}

#[cfg(test)]
mod tests;
