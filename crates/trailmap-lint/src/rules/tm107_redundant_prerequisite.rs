//! ## What it does
//!
//! Finds a prerequisite that another prerequisite of the same skill already
//! implies: `pandas` needs `python` and `numpy`, but `numpy` already needs
//! `python`. A prerequisite listed twice is reported at its first entry;
//! its repeats are TM120's while that rule is on.
//!
//! A skill with several redundant prerequisites gets one finding, at the
//! first of them, naming them all (the first ten in its message) and
//! removing them all in its fix, as rustc reports a line's unused imports.
//! A suppression may still name one entry: the others are reported.
//!
//! The answer costs a few entries looked at per entry on most roadmaps,
//! but on a very large one whose skills draw many prerequisites from all
//! over the graph it grows with skills times entries. Past a bound on that
//! work the check stops, and one warning names the first skill it did not
//! check and how many it left; what it reported for the others is exact.
//!
//! ## Why it matters
//!
//! Redundant edges clutter the rendered graph and hide the real structure.
//! When the chain changes later (say `numpy` stops needing `python`), the
//! stale edge silently keeps a dependency nobody meant to state.
//!
//! ## Example
//!
//! ```json
//! { "id": "numpy", "name": "NumPy", "prerequisites": ["python"] },
//! { "id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"] }
//! ```
//!
//! ## Fix
//!
//! Remove the redundant entry. `trailmap lint --fix` does it, editing only
//! that entry in the file.

use trailmap::{Diagnostic, Fix, ReductionMemory, RedundantEntries};

use crate::context::Context;
use crate::findings::{Findings, Group, InSkill, Quoted, Quoting, SkillFinding, SkillFindings, Texts, distinct_firsts, push_counted, LISTED};
use crate::registry::Rule;

/// How much work the search may do, in prerequisite entries looked at
/// (15-50 ns each, as the graph fits the cache or not; those far back in
/// a graph past the caches count twice, as each is a miss to memory):
/// [`WORK_PER_ENTRY`]
/// per skill and prerequisite entry of the roadmap, and at least this
/// much. Of the generator's shapes at 100k and 1M skills, `dense` at 1M
/// (up to twenty prerequisites among the previous 5,000) uses the most,
/// 77M of its 88M; a million skills drawing twenty prerequisites each from
/// everything before them ran over eleven minutes without a bound. The
/// bound is a share of the roadmap, not this floor added to it: a million
/// skills drawing up to five prerequisites from everything before (1.0 s
/// to validate) searched 2.1 s when the floor was added to twelve an
/// entry, 1.6-1.9 s at eight an entry all counted alike, and 1.1 s with
/// those far back counted twice (checking seven skills in ten of those
/// with two or more prerequisites, where it checked 94%).
pub(crate) const MIN_WORK: u64 = 1 << 24;

/// See [`MIN_WORK`].
pub(crate) const WORK_PER_ENTRY: u64 = 8;

pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    // By indices: 16 bytes a finding where the named form took 64, beside
    // the 16 of each compact finding made from it (2M findings at most
    // entries of 100k skills).
    // Narrower rows where the model is most of the memory the run may
    // hold: 0-5 to 0-10 prerequisites from everything before, 100k skills
    // on one line, peaked at 4.2-4.3 times the file with rows of eight
    // words, at 3.9 with four.
    let memory = if ctx.memory_tight() { ReductionMemory::Tight } else { ReductionMemory::Ample };
    let result = ctx.graph.redundant_entries_within_memory(work_bound(ctx), ctx.threads, memory);
    report(ctx, rule, result, out);
}

/// The work the check may spend on `ctx`'s roadmap (see [`MIN_WORK`]).
fn work_bound(ctx: &Context<'_>) -> u64 {
    ctx.work_budget(0, WORK_PER_ENTRY).max(MIN_WORK)
}

/// One finding per skill with redundant entries, and one for the skills left unchecked
/// if the work ran out. A graph with many long edges has a redundant
/// entry on most skills: they are kept compact until written.
fn report<'a>(ctx: &Context<'a>, rule: &Rule, result: RedundantEntries, out: &mut Findings<'a>) {
    out.extend(ctx.stopped(
        rule,
        "redundant prerequisites",
        &result.unchecked,
        "skills with two or more prerequisites",
        "the prerequisites form a graph too densely connected to check every pair quickly; remove the redundant ones reported, then lint again",
    ));
    let mut compact = SkillFindings::new(ctx, rule, InSkill::Entries("prerequisites"), Texts::SkillIds, diagnostic)
        .grouped(group_diagnostic);
    // In the answer's own room: an entry and a finding are the same four
    // numbers (at 100k skills each needing the twenty before, 1.9M of
    // them, 30 MB that a copy faulted in afresh). Indices are skills' and
    // entries' (below `u32::MAX`, which would be "no text").
    compact.items = result
        .found
        .into_iter()
        .map(|r| SkillFinding { skill: r.skill_index, entry: r.entry, texts: [r.prerequisite_index, r.via_index] })
        .collect();
    out.push_compact(compact);
}

/// The diagnostic of a redundant entry of a skill (`texts`: the
/// prerequisite, and the other prerequisite that needs it).
fn diagnostic(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let Quoting { skill, texts: [prerequisite, via], .. } = quoting;
    // Texts joined at their exact size: a graph with long edges can have a
    // few redundant entries per skill, and each `format!` here grew its
    // string once or twice.
    let message = ["prerequisite `", prerequisite, "` of `", skill, "` is redundant: `", via, "` already needs it"].concat();
    let mut d = Diagnostic::new(rule.code, rule.name, rule.default_severity, message)
        .with_help(["remove `", prerequisite, "` from the prerequisites of `", skill, "`"].concat());
    // The edits come from the entry's location (`fix::REMOVES_ELEMENT`).
    let message = ["remove the redundant prerequisite `", prerequisite, "`"].concat();
    d.fix = Some(Fix { message, edits: Vec::new() });
    d
}

/// The diagnostic of two or more redundant entries of the skill whose id
/// is `skill` (the findings of `group`, whose texts are the prerequisite
/// and the other prerequisite that needs it). Skills are told apart by
/// index: validation resolves each id to one skill.
fn group_diagnostic(rule: &Rule, skill: &str, group: &Group<'_, '_>) -> Diagnostic {
    let (each, quoted) = (group.each, |index: u32| group.quoted(index));
    // Each prerequisite once, with how many entries name it (TM120 off
    // leaves a repeat to this rule) and the first that needs it.
    let mut distinct = distinct_prerequisites(each);
    lift_vias(&mut distinct);
    // On the stack: one of these a skill, by the hundred thousand.
    const UNQUOTED: Quoted<'static> = Quoted { index: u32::MAX, text: "" };
    let mut room = [(UNQUOTED, UNQUOTED, 0); LISTED];
    for (slot, &(p, via, times)) in room.iter_mut().zip(&distinct) {
        *slot = (quoted(p), quoted(via), times);
    }
    let listed = &room[..distinct.len().min(LISTED)];
    let first_via = listed[0].1;
    let one_via = distinct.iter().all(|&(_, via, _)| via == first_via.index);
    // Whether listed prerequisite `k` is the first its `via` needs: where
    // that `via`'s clause of the message starts.
    let first_of_via = |k: usize| !listed[..k].iter().any(|&(_, earlier, _)| earlier.index == listed[k].1.index);
    // One string written at its size at most (each piece and its longest
    // separator): at 100k skills with twenty prerequisites each, the
    // pieces joined here were a third of making the findings, and making
    // them was on the run's critical path. Little room to spare: the
    // thousands of findings of a part are held while it is written.
    let listed_len: usize = listed.iter().map(|&(p, _, times)| p.text.len() + 7 + if times > 1 { 32 } else { 0 }).sum();
    let vias_len = if one_via {
        first_via.text.len() + 22
    } else {
        let each: usize =
            (0..listed.len()).map(|k| listed[k].0.text.len() + 4 + if first_of_via(k) { listed[k].1.text.len() + 20 } else { 0 }).sum();
        each + 11
    };
    // "prerequisites ", " and N more", " of `", the skill, "` are redundant: ".
    let bound = 14 + listed_len + 32 + 5 + skill.len() + 17 + vias_len;
    let mut message = String::with_capacity(bound);
    message.push_str(if distinct.len() == 1 { "prerequisite " } else { "prerequisites " });
    push_counted(&mut message, listed.iter().map(|&(prerequisite, _, times)| (prerequisite.text, times)), distinct.len(), "entries");
    message.push_str(" of `");
    message.push_str(skill);
    message.push_str(if distinct.len() == 1 { "` is redundant: " } else { "` are redundant: " });
    if one_via {
        message.push('`');
        message.push_str(first_via.text);
        message.push_str(if distinct.len() == 1 { "` already needs it" } else { "` already needs them" });
    } else {
        // Which other prerequisite needs each one listed, in the order of
        // the first each needs.
        for (k, &(_, via, _)) in listed.iter().enumerate().filter(|&(k, _)| first_of_via(k)) {
            if k > 0 {
                message.push_str("; ");
            }
            message.push('`');
            message.push_str(via.text);
            message.push_str("` already needs ");
            for (n, &(prerequisite, _, _)) in listed[k..].iter().filter(|&&(_, v, _)| v.index == via.index).enumerate() {
                message.push_str(if n == 0 { "`" } else { ", `" });
                message.push_str(prerequisite.text);
                message.push('`');
            }
        }
        if distinct.len() > listed.len() {
            message.push_str("; and so on");
        }
    }
    debug_assert!(message.len() <= bound, "{} of {bound}: {message}", message.len());
    let help = if distinct.len() == 1 { "remove its entries from the prerequisites of `" } else { "remove them from the prerequisites of `" };
    let mut d =
        Diagnostic::new(rule.code, rule.name, rule.default_severity, message).with_help([help, skill, "`"].concat());
    // The edits come from the entries' locations (`fix::REMOVES_ELEMENT`).
    let message = ["remove the ", itoa::Buffer::new().format(each.len()), " redundant entries"].concat();
    d.fix = Some(Fix { message, edits: Vec::new() });
    d
}

/// Moves each via of `distinct` (prerequisite, via, entries) up past the
/// vias that are redundant prerequisites of the group themselves: where
/// `b` needs `a` and `c` needs `b`, `c` needs `a` too. Prerequisites
/// listed oldest first, as authors write them, each had the next one as
/// its via ("`numpy` already needs `python`; `pandas` already needs
/// `numpy`"); now the message names the prerequisite that needs them
/// all ("`pandas` already needs them"). Each via is followed once: a
/// skill needing all 2,000 before it has a chain of 1,998.
fn lift_vias(distinct: &mut [(u32, u32, usize)]) {
    let n = distinct.len();
    // Where each prerequisite is in `distinct`: searched in a short list,
    // sorted for a long one.
    let mut sorted: Vec<(u32, usize)> = Vec::new();
    if n > SHORT_GROUP {
        sorted = distinct.iter().enumerate().map(|(k, &(p, _, _))| (p, k)).collect();
        sorted.sort_unstable();
    }
    let place_of = |distinct: &[(u32, u32, usize)], v: u32| {
        if n > SHORT_GROUP {
            sorted.binary_search_by_key(&v, |&(p, _)| p).ok().map(|i| sorted[i].1)
        } else {
            distinct.iter().position(|&(p, _, _)| p == v)
        }
    };
    // Whether entry `k`'s via is lifted already; the places passed on the
    // way to the top.
    let mut lifted = vec![false; n];
    let mut path = Vec::new();
    for k in 0..n {
        let mut j = k;
        path.clear();
        // A via needs its prerequisite, so the chain climbs and ends; the
        // bound only keeps a malformed one from looping.
        while !lifted[j] && path.len() < n {
            match place_of(distinct, distinct[j].1) {
                Some(next) if next != j => {
                    path.push(j);
                    j = next;
                }
                _ => lifted[j] = true,
            }
        }
        let top = distinct[j].1;
        for &i in &path {
            distinct[i].1 = top;
            lifted[i] = true;
        }
    }
}

/// Up to how many distinct prerequisites [`lift_vias`] searches a
/// group's list rather than sorting it.
const SHORT_GROUP: usize = 16;

/// Each prerequisite of `each` once (by index), in the order of its
/// first entry: with the other prerequisite that needs it there, and how
/// many entries name it.
fn distinct_prerequisites(each: &[SkillFinding]) -> Vec<(u32, u32, usize)> {
    distinct_firsts(each)
        .into_iter()
        .map(|(first, times)| {
            let [prerequisite, via] = each[first].texts;
            (prerequisite, via, times)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 9,000 skills, each needing up to six of everything before it: too
    /// wide for the ring of exact answers, so the questions go to the
    /// searches, which have no work to spend here.
    fn wide_roadmap() -> (String, trailmap::Roadmap) {
        // Up to six prerequisites a skill, spread over everything before
        // it by a multiplicative hash of the skill and entry.
        let skills: Vec<String> = (0..9_000usize)
            .map(|i| {
                let pick = |k: usize| (i.wrapping_mul(0x9E37_79B9) ^ k.wrapping_mul(0x85EB_CA6B)) >> 3;
                let count = if i == 0 { 0 } else { pick(7) % 7 };
                let needs: Vec<String> = (0..count).map(|k| format!("\"s{}\"", pick(k) % i)).collect();
                format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": [{}]}}"#, needs.join(", "))
            })
            .collect();
        let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
        let roadmap = trailmap::Roadmap::from_json_str(&text).roadmap.expect("a valid roadmap");
        (text, roadmap)
    }

    /// The bound is a share of the roadmap or the floor, whichever is
    /// more: never the two added (at 1M skills the floor added to the
    /// share ran the searches twice as long as `validate`).
    #[test]
    fn the_bound_is_a_share_of_the_roadmap_or_the_floor() {
        let (text, roadmap) = wide_roadmap();
        let ctx = Context::new("r.json", &text, &roadmap);
        // The share of these 9,000 skills is under the floor.
        assert!(ctx.work_budget(0, WORK_PER_ENTRY) < MIN_WORK);
        assert_eq!(work_bound(&ctx), MIN_WORK);
    }

    /// Findings of one skill quoting texts `[prerequisite, via]` (indices).
    fn findings(texts: impl IntoIterator<Item = [u32; 2]>) -> Vec<SkillFinding> {
        texts.into_iter().zip(0..).map(|(texts, entry)| SkillFinding { skill: 0, entry, texts }).collect()
    }

    /// Repeats are counted alike whether the group is searched (4
    /// entries) or sorted (66).
    #[test]
    fn a_group_names_each_prerequisite_once_with_its_entries() {
        let (_, roadmap) = wide_roadmap();
        let rule = crate::registry::find("TM107").expect("TM107");
        let texts = ["", "x", "y", "v"];
        let quoted = |index: u32| Quoted { index, text: texts[index as usize] };
        for size in [4, 66] {
            let each = findings((0..size).map(|k| [if k % 2 == 0 { 1 } else { 2 }, 3]));
            let d = group_diagnostic(rule, &roadmap.skills[0].id, &Group::new(&each, &quoted, &|_| None));
            let half = size / 2;
            assert_eq!(
                d.message,
                format!("prerequisites `x` ({half} entries) and `y` ({half} entries) of `s0` are redundant: `v` already needs them")
            );
            assert_eq!(d.fix.map(|f| f.message), Some(format!("remove the {size} redundant entries")));
        }
    }

    /// A via that is itself a redundant prerequisite of the group gives
    /// way to the one that needs it: listed oldest first, each entry's
    /// via is the next, and the message names the last, once. Alike in a
    /// short group (searched) and a long one (sorted).
    #[test]
    fn a_group_names_the_prerequisite_that_needs_them_all() {
        let (_, roadmap) = wide_roadmap();
        let rule = crate::registry::find("TM107").expect("TM107");
        let texts: Vec<String> = (0..100).map(|k| format!("t{k}")).collect();
        let quoted = |index: u32| Quoted { index, text: &texts[index as usize] };
        for size in [3u32, 40] {
            // Entry k is `t{k}`, needed by `t{k + 1}`; the last needed by
            // `t{size}`, which is not redundant.
            let d = group_diagnostic(rule, &roadmap.skills[0].id, &Group::new(&findings((0..size).map(|k| [k, k + 1])), &quoted, &|_| None));
            let shown: Vec<String> = (0..size.min(LISTED as u32)).map(|k| format!("`t{k}`")).collect();
            let names = match size {
                3 => format!("{} and {}", shown[..2].join(", "), shown[2]),
                _ => format!("{} and {} more", shown.join(", "), size as usize - LISTED),
            };
            assert_eq!(d.message, format!("prerequisites {names} of `s0` are redundant: `t{size}` already needs them"));
        }
        // Two chains: each names its own top.
        let d = group_diagnostic(rule, &roadmap.skills[0].id, &Group::new(&findings([[0, 1], [2, 3], [1, 4]]), &quoted, &|_| None));
        assert_eq!(
            d.message,
            "prerequisites `t0`, `t2` and `t1` of `s0` are redundant: `t4` already needs `t0`, `t1`; `t3` already needs `t2`"
        );
    }

    /// Past ten prerequisites the message says how many more; with
    /// several vias, which needs which, and that the list goes on. The
    /// message fits the room reserved for it (a debug assertion).
    #[test]
    fn a_long_group_lists_ten_and_counts_the_rest() {
        let (_, roadmap) = wide_roadmap();
        let rule = crate::registry::find("TM107").expect("TM107");
        let names: Vec<String> = (0..12).map(|k| format!("prerequisite-number-{k}")).collect();
        // Texts 0-11 the prerequisites, 12 and 13 the vias.
        let quoted = |index: u32| Quoted {
            index,
            text: match index {
                12 => "v",
                13 => "w",
                _ => &names[index as usize],
            },
        };
        let mut each = findings((0..12).map(|k| [k, 12 + k % 2]));
        each.extend(findings([[0, 12]]));
        let d = group_diagnostic(rule, &roadmap.skills[0].id, &Group::new(&each, &quoted, &|_| None));
        let listed = |from: usize| {
            let them: Vec<String> = (from..10).step_by(2).map(|k| format!("`{}`", names[k])).collect();
            them.join(", ")
        };
        let first: Vec<String> = (1..10).map(|k| format!(", `{}`", names[k])).collect();
        assert_eq!(
            d.message,
            format!(
                "prerequisites `{}` (2 entries){} and 2 more of `s0` are redundant: `v` already needs {}; `w` already needs {}; and so on",
                names[0],
                first.concat(),
                listed(0),
                listed(1)
            )
        );
        assert_eq!(d.fix.map(|f| f.message), Some("remove the 13 redundant entries".to_owned()));
    }

    #[test]
    fn a_search_out_of_work_says_where_it_stopped() {
        let (text, roadmap) = wide_roadmap();
        let ctx = Context::new("r.json", &text, &roadmap);
        let rule = crate::registry::find("TM107").expect("TM107");
        let result = ctx.graph.redundant_entries_within(0, 1);
        let (first, count) = (result.unchecked[0], result.unchecked.len());
        // One finding per skill with redundant entries.
        let skills_with = |skills: &mut dyn Iterator<Item = usize>| {
            let mut skills: Vec<usize> = skills.collect();
            skills.dedup();
            skills.len()
        };
        let checked = skills_with(&mut result.found.iter().map(|r| r.skill_index as usize));
        let mut out = Findings::default();
        report(&ctx, rule, result, &mut out);
        let out = out.into_diagnostics();
        assert_eq!(
            out[0].message,
            format!(
                "the search for redundant prerequisites stopped at `s{first}`: {count} skills with two or more prerequisites were not checked"
            )
        );
        assert_eq!(out[0].pointer, format!("/skills/{first}"));
        assert_eq!(out.len(), 1 + checked);
        // The rule's own bound is far above what this roadmap needs.
        let mut all = Findings::default();
        check(&ctx, rule, &mut all);
        let exact = skills_with(&mut ctx.graph.redundant_prerequisites().iter().map(|r| r.skill_index));
        assert!(exact > checked);
        assert_eq!(all.len(), exact);
    }
}
