//! ## What it does
//!
//! Finds skills with different ids but the same or nearly the same name,
//! one finding per group of such skills. The same: equal once case,
//! spaces, punctuation and a plural `s` are ignored ("Design Patterns",
//! "design-pattern"). Nearly the same: one letter inserted, deleted,
//! replaced, or two neighbours swapped ("Kubernetes" and "Kubernets"), but
//! only between names of 8 or more letters and digits, never when one
//! name is the start of the other (HTTP, HTTPS), and never inside a word
//! of fewer than four characters (AWS SQS, AWS SNS) or in a number
//! (Python 2, Python 3). Short names that differ by a letter are usually
//! different things: MySQL and MS SQL, Next.js and Nuxt.js, bcrypt and
//! scrypt, NUnit and XUnit.
//!
//! ## Why it matters
//!
//! Two ids for one skill split the roadmap: prerequisites point at one,
//! phases teach the other, and a learner's progress on one does not count
//! for the other.
//!
//! ## Example
//!
//! ```json
//! { "id": "pytorch", "name": "PyTorch" },
//! { "id": "torch", "name": "Pytorch" },
//! { "id": "kubernetes", "name": "Kubernetes" },
//! { "id": "k8s", "name": "Kubernets" }
//! ```
//!
//! ## Fix
//!
//! Merge them into one skill, keeping the other ids in `former_ids`; or, if
//! they really differ, give them names that say how.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

use trailmap::diagnostic::preview_str;
use trailmap::{Diagnostic, Skill};

use crate::context::Context;
use crate::names::search::{self, Groups};
use crate::names::sort::sort_by_top_bytes_on;
use crate::names::{Names, push_key, same_key};
use crate::findings::{Findings, InSkill, Quoting, Render, SkillFindings, Texts};
use crate::registry::Rule;

/// How many other members of a group a finding names.
const LISTED: usize = 5;

/// From this many skills the names are hashed on every thread: below,
/// starting a thread costs about what hashing a thousand names does.
const HASHING_THREADS_FROM: usize = 8_192;

/// The most threads the search for names one edit apart runs on.
const SEARCH_THREADS_MAX: usize = 4;

pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    let skills = &ctx.roadmap.skills;
    // From `HASHING_THREADS_FROM` skills the names are hashed on several
    // threads: normalized with their sameness hashes, then their token
    // keys, a range of names a thread, each with bitmaps of its own (a few
    // bits a key). On every thread when TM109 runs before TM107, the
    // others then busy only with the light rules; on half of them while
    // TM107 runs beside it on a file under `MEMORY_TO_SPARE_FROM` (with one
    // each on two cores: TM109 on two threads there made bare `dense-all`
    // 2.80 -> 2.90 times `validate`); on every thread again once TM107 is
    // done. From it, on every thread: at 1M bare skills TM109 alone
    // 338-353 -> 193-231 ms, and whole `lint` of bare `layered` and `hubs`
    // the same (8 interleaved runs, 1.70 s and 3.21 s either way), the
    // rules on the other core filling its gaps. Asked at each pass.
    let hashing_threads = || match skills.len() >= HASHING_THREADS_FROM {
        false => 1,
        true if ctx.heavy_rule_beside() && !ctx.memory_to_spare() => (ctx.threads / 2).max(1),
        true => ctx.threads,
    };
    // Every name normalized, and the hash of its sameness key made in the
    // same pass (`names::normalize`); then one word per name: that hash in
    // the high bits, the index in the low `bits`; sorted.
    let bits = usize::BITS - skills.len().leading_zeros();
    let index_mask = u64::MAX.checked_shr(64 - bits).unwrap_or(0);
    let name_of: fn(&Skill) -> &str = |skill| skill.name.as_str();
    let (names, mut keyed) = Names::with_key_hashes(skills, name_of, hashing_threads());
    for (i, word) in keyed.iter_mut().enumerate() {
        *word = word.checked_shl(bits).unwrap_or(0) | i as u64;
    }
    sort_by_top_bytes_on(&mut keyed, 56, 2, hashing_threads());
    let groups = Groups::new(skills.len());
    // The same names: every member of a hash group joined to the first
    // with the same key (hashes can collide; keys decide). Only the first
    // of each distinct spaced text takes part in the edit search below:
    // its copies are in its group already, and ten thousand skills named
    // alike cost one name's variants.
    let mut first_of_text = vec![true; skills.len()];
    let mut key = String::new();
    for group in keyed.chunk_by(|x, y| x & !index_mask == y & !index_mask).filter(|g| g.len() > 1) {
        // The first skill of each distinct key (keys differ here only where
        // their hashes collide), of each distinct name as written, and of
        // each distinct spaced text.
        let (mut keys, mut written, mut texts) = (FirstOf::new(), FirstOf::new(), FirstOf::new());
        for &k in group {
            let i = (k & index_mask) as usize;
            let name = names.get(i);
            // A name written as one before it has that one's key: no key
            // made (most duplicates are copies).
            let first = written.first(name.text, i, |text| text).or_else(|| {
                key.clear();
                push_key(name, &mut key);
                keys.first(key.as_str(), i, str::to_owned)
            });
            if let Some(first) = first {
                groups.join(first, i);
            }
            if texts.first(&name.spaced, i, |spaced| *spaced).is_some() {
                first_of_text[i] = false;
            }
        }
    }
    drop(keyed);
    // One edit apart (see `names::search`), on at most four threads, all
    // joining into the same groups. On one while TM107 runs beside it on
    // a file without memory to spare: each thread sorts keys of its own.
    // Before TM107 the other threads have only the light rules: on the
    // bare `log-distance` file of 100k skills on one line the search took
    // 22 ms on one thread, 10-11 on two.
    let search_threads = match ctx.memory_to_spare() || !ctx.heavy_rule_beside() {
        true => ctx.threads.min(SEARCH_THREADS_MAX),
        false => 1,
    };
    search::join_one_edit_apart(&names, &first_of_text, hashing_threads(), search_threads, &groups);
    drop(first_of_text);
    report(ctx, rule, names, &groups, out);
}

/// [`FirstOf`] keeps at most this many values in a list, read value by
/// value; more in a map.
const LISTED_MAX: usize = 16;

/// The first member of each distinct value among a group's members: in a
/// list while they are few (the usual case: copies of one name), then in
/// a map (100,000 names, one word split at different places, made lists
/// of 100,000 read for each name: 13.3 s).
struct FirstOf<K> {
    listed: Vec<(K, usize)>,
    mapped: HashMap<K, usize>,
}

impl<K: Hash + Eq> FirstOf<K> {
    fn new() -> Self {
        FirstOf { listed: Vec::new(), mapped: HashMap::new() }
    }

    /// The first member seen with `value`; `None` the first time, when
    /// `member` is kept as its first (`own` makes the kept copy).
    fn first<'q, Q>(&mut self, value: &'q Q, member: usize, own: impl FnOnce(&'q Q) -> K) -> Option<usize>
    where
        Q: Hash + Eq + ?Sized,
        K: Borrow<Q>,
    {
        let listed = self.listed.iter().find(|(other, _)| other.borrow() == value).map(|&(_, first)| first);
        if let found @ Some(_) = listed.or_else(|| self.mapped.get(value).copied()) {
            return found;
        }
        if self.listed.len() < LISTED_MAX {
            self.listed.push((own(value), member));
        } else {
            self.mapped.insert(own(value), member);
        }
        None
    }
}

/// One finding per group of two or more skills: at the second skill of
/// the group in file order, naming the first and listing a few others.
/// Kept compact until written: every name may be in a group of two
/// (names spelled twice in a generated file: 50,000 findings), and a
/// diagnostic each held 550 bytes.
fn report<'a>(ctx: &Context<'a>, rule: &Rule, names: Names<'_, Skill>, groups: &Groups, out: &mut Findings<'a>) {
    let skills = &ctx.roadmap.skills;
    let mut members: Vec<(u32, u32)> = (0..skills.len())
        .filter_map(|i| {
            let root = groups.find(i);
            (root != i).then_some((root as u32, i as u32))
        })
        .collect();
    members.sort_unstable();
    // Each finding quotes a run of texts of skills ([`Texts::OfSkills`],
    // read by [`diagnostic`]): the first skill's id, both names, then the
    // others' ids; among the groups of the same names, or of names one
    // edit apart. Sized at once: on a file of names each spelled twice,
    // doubling held the old room and the new one at TM109's peak.
    let group_count = members.chunk_by(|x, y| x.0 == y.0).count();
    let mut texts = [Vec::new(), Vec::new()];
    // The second skill of each group, and where its run starts and ends,
    // of each kind.
    let mut runs: [Vec<(u32, u32, u32)>; 2] = [Vec::new(), Vec::new()];
    // Within `u32` up to two billion skills, more than a model in memory
    // holds.
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let (id, name) = (|i: usize| index(2 * i), |i: usize| index(2 * i + 1));
    let (mut groups_seen, mut members_seen) = (0, 0);
    for group in members.chunk_by(|x, y| x.0 == y.0) {
        let a = group[0].0 as usize;
        // Room for the rest of the groups, taken by the first of a kind.
        let left = members.len() - members_seen + 3 * (group_count - groups_seen);
        (groups_seen, members_seen) = (groups_seen + 1, members_seen + group.len());
        // Skills sharing an id are one skill (a duplicate id is reported as such).
        let mut others = group.iter().map(|&(_, i)| i as usize).filter(|&i| skills[i].id != skills[a].id);
        let Some(b) = others.next() else { continue };
        let (name_a, name_b) = (names.get(a), names.get(b));
        let kind = usize::from(name_a.text != name_b.text && !same_key(name_a, name_b));
        let texts = &mut texts[kind];
        if texts.capacity() == 0 {
            texts.reserve_exact(left);
            runs[kind].reserve_exact(group_count - groups_seen + 1);
        }
        let start = texts.len();
        texts.extend([id(a), name(b), name(a)]);
        texts.extend(others.map(id));
        runs[kind].push((index(b), index(start), index(texts.len())));
    }
    drop((members, names));
    for ((texts, mut runs), render) in texts.into_iter().zip(runs).zip([SAME, NEARLY]) {
        let mut found =
            SkillFindings::new(ctx, rule, InSkill::Field("name"), Texts::OfSkills(texts), render).quoting_runs();
        // In file order, as compact findings are kept.
        runs.sort_unstable();
        for (b, start, end) in runs {
            out.extend(found.push(b as usize, 0, [start as usize, end as usize]));
        }
        out.push_compact(found);
    }
}

/// The diagnostic of a group of the same names.
const SAME: Render = |rule, quoting| diagnostic(rule, quoting, "the same");

/// The diagnostic of a group of names one edit apart.
const NEARLY: Render = |rule, quoting| diagnostic(rule, quoting, "nearly the same");

/// The diagnostic of a group whose second skill is `quoting.skill`, from
/// its run of texts (see [`report`]), its names `how` alike.
fn diagnostic(rule: &Rule, quoting: Quoting<'_>, how: &str) -> Diagnostic {
    let text = |i: usize| quoting.run.get(i).copied().unwrap_or("");
    let (first_id, name, first_name) = (text(0), text(1), text(2));
    let rest = quoting.run.get(3..).unwrap_or(&[]);
    let b = quoting.skill;
    let mut message = format!(
        "skills `{b}` and `{first_id}` have {how} names: \"{}\" and \"{}\"",
        preview_str(name),
        preview_str(first_name)
    );
    let help = if rest.is_empty() {
        format!("if they are one skill, merge them and keep `{b}` in `former_ids`")
    } else {
        let listed: Vec<String> = rest.iter().take(LISTED).map(|id| format!("`{id}`")).collect();
        let more = if rest.len() > LISTED { format!(" and {} more", rest.len() - LISTED) } else { String::new() };
        message.push_str(&format!(", as do {}{more}", listed.join(", ")));
        "if they are one skill, merge them and keep the other ids in `former_ids`".to_owned()
    };
    Diagnostic::new(rule.code, rule.name, rule.default_severity, message).with_help(help)
}
