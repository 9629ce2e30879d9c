//! The files of a lint run and their texts. The rules never read a text
//! (they have the model), so a large file read from disk
//! ([`SourceFile::with_path`]) may have its text let go of once it is
//! loaded, and read back, checked against a snapshot of the text let go
//! of, only if its findings need it. That is worth a second read
//! where the text is a large share of the run's peak memory: on a file
//! written densely (`json.dump` on one line) it took the peak from 4.6 to
//! 3.8-3.9 times the file (BENCHMARKS.md, "Memory").

use trailmap::{Diagnostic, Prerequisite, Roadmap};

use crate::config::Config;
use crate::context::memory_to_spare;
use crate::{HandOver, SourceFile, finish, suppress};

/// The files of a run: held by the caller throughout, or lent, so that a
/// large file's text can be let go of while its rules run.
pub(crate) enum Files<'f> {
    Held(&'f [SourceFile]),
    Lent(&'f mut [SourceFile]),
}

/// The run's memory besides the text and the model: the program's code and
/// data, and its threads (`lint` of a 74-byte file peaks at 10.4 MB).
const PROGRAM_BYTES: usize = 10 << 20;

/// A skill's share of a run's peak besides its text: the skill in the model
/// (80 bytes), its node in the graph, validation's id table and the
/// heaviest rule's tables (measured at 100k skills, BENCHMARKS.md).
const BYTES_PER_SKILL: usize = 160;

/// A prerequisite entry's, plain or a member of an `any_of` group: its id
/// in the model (24 bytes) and its edges.
const BYTES_PER_PREREQUISITE: usize = 36;

/// A skill id another item lists (a phase's, a project's, a milestone
/// criterion's or a practice's skills): the id in the model (24 bytes) and
/// a rule's share of it. Without it 20,000 projects of 30 skills each, on
/// one line (21 MB), were estimated at 2.5 times their file, kept their
/// text and peaked at 4.2.
const BYTES_PER_REFERENCE: usize = 32;

/// The skill ids `roadmap`'s phases, projects, milestones and practices
/// list (an `any_of` group's members each).
fn references(roadmap: &Roadmap) -> usize {
    let listed = |list: &[Prerequisite]| list.iter().map(|p| p.skill_ids().len()).sum::<usize>();
    let phases = roadmap.phases.iter().map(|p| p.skills.len()).sum::<usize>();
    let projects = roadmap.projects.iter().map(|p| listed(&p.skills)).sum::<usize>();
    let milestones = roadmap.milestones.iter().flat_map(|m| &m.criteria).map(|c| listed(&c.skills)).sum::<usize>();
    let practices = roadmap.practices.iter().map(|p| p.skills.len()).sum::<usize>();
    phases.saturating_add(projects).saturating_add(milestones).saturating_add(practices)
}

/// An `any_of` group's own, besides its members: the boxed group and its
/// list in the model, its node in the graph, and the rules' tables of it
/// (TM119's above all). Measured where every skill has a group of two (the
/// generator's `any-chain` shape): the estimate without it missed that
/// peak by 21.5 MB at 100k skills, a third. Measured while validation
/// still built a graph for such a roadmap's cycles; the peak is lower
/// since, so the estimate errs towards letting a text go.
const BYTES_PER_GROUP: usize = 216;

/// A skill's share of the tables of the second memory-heavy rule on a
/// source of [`MEMORY_TO_SPARE_FROM`](crate::context::MEMORY_TO_SPARE_FROM) bytes or more, where TM109 and
/// TM107 run side by side and both rules' tables are held at once:
/// TM109's names and bitmaps (about 56 bytes a skill), and TM107's
/// landmark rows past the first 64 (16 bytes a skill for each 64 more, 48
/// at a million skills). Without it the generator's `window-all` at a
/// million skills on one line (125 MB) was estimated at 2.8 times its
/// file, kept its text and peaked at 4.1 (3.1 with the text let go of).
/// Smaller sources run the two side by side only where they spell a skill
/// in many bytes, and the text outweighs both.
const SIDE_BY_SIDE_BYTES_PER_SKILL: usize = 104;

/// Ids and names of at most this many bytes are held inside the skill or
/// entry (a `SmallString`); longer ones take an allocation of their own.
/// TM109's spaced form of a name up to this long is within
/// [`BYTES_PER_SKILL`].
const INLINE_BYTES: usize = 24;

/// The allocation of an id or name too long to be held inline.
fn heap_bytes(text: &str) -> usize {
    if text.len() > INLINE_BYTES { text.len().next_multiple_of(16) } else { 0 }
}

/// What long names add to the peak beyond [`BYTES_PER_SKILL`], which holds
/// names of a few words: the rest of a name's spaced form in TM109's
/// tables, a byte a character where every name is ASCII and four where
/// one is not (a `char` each). Without it (and without the allocations
/// of long names) 100k names of one made-up word of 40-120 letters, on
/// one line (15 MB), were estimated at 3.1 times their file, kept their
/// text and peaked at 4.2.
fn spaced_name_bytes(roadmap: &Roadmap) -> usize {
    let (mut narrow, mut wide, mut ascii) = (0usize, 0usize, true);
    for skill in &roadmap.skills {
        let name = skill.name.as_str();
        let chars = if name.is_ascii() {
            name.len()
        } else {
            ascii = false;
            name.chars().count()
        };
        narrow = narrow.saturating_add(chars.saturating_sub(INLINE_BYTES));
        wide = wide.saturating_add(chars.saturating_mul(4).saturating_sub(INLINE_BYTES));
    }
    if ascii { narrow } else { wide }
}

/// A text is let go of where the run's peak, estimated from the model,
/// would be at least this many tenths of the text: the estimate runs up to a
/// fifth under the peak measured on files with findings on most skills, so
/// 3.2 takes in every file whose peak may reach 4 times the file; files
/// estimated lower (the generator's bare shapes: 2.2-2.9) keep their text
/// and their speed.
const LET_GO_FROM_TENTHS: usize = 32;

/// Whether the text of a file of `text_len` bytes is worth letting go of
/// while the rules run, the run's peak estimated at `peak`
/// ([`estimated_peak`]).
fn worth_letting_go(text_len: usize, peak: usize) -> bool {
    peak.saturating_mul(10) >= text_len.saturating_mul(LET_GO_FROM_TENTHS)
}

/// TM107's blocks keep narrow rows ([`trailmap::ReductionMemory::Tight`])
/// beside a text that is kept where the run's estimated peak with ample
/// rows on each of `threads` threads would be at least this many tenths
/// of the text. On the 27 files of 100k skills estimated at 3.3 or more
/// with their text kept, the peaks with ample rows were at most 10.4%
/// over the estimate (BENCHMARKS.md, "Memory"), so 3.5 keeps such a
/// file under 3.9 times its size: `layermix` indented (each skill needing
/// three of the layer of 1,000 before and two from anywhere earlier),
/// estimated at 3.60, peaks at 3.89 with ample rows and keeps narrow
/// ones. The generator's bare `dense-all` on one line, estimated at 3.37,
/// peaks at 3.72 with ample rows against 3.56, and its `lint` takes 0.64
/// s rather than 0.76 (narrow rows make the blocks' passes twice as
/// many).
const NARROW_ROWS_FROM_TENTHS: usize = 35;

/// Whether TM107 should keep its rows narrow on a file of `text_len`
/// bytes of `skills` skills whose text the run holds, on `threads`
/// threads, the run's peak without the rows estimated at `peak`
/// ([`estimated_peak`]; see [`NARROW_ROWS_FROM_TENTHS`]). Files of at most
/// [`crate::BATCH_FILE_MAX`] bytes are small beside the program, and keep
/// the widest rows.
pub(crate) fn rows_crowd_text(text_len: usize, peak: usize, skills: usize, threads: usize) -> bool {
    if text_len <= crate::BATCH_FILE_MAX {
        return false;
    }
    let rows = trailmap::ReductionMemory::Ample.rows_bytes(skills).saturating_mul(threads);
    peak.saturating_add(rows).saturating_mul(10) >= text_len.saturating_mul(NARROW_ROWS_FROM_TENTHS)
}

/// The run's peak memory on a file of `text_len` bytes loaded into
/// `roadmap`, estimated from its model (see [`BYTES_PER_SKILL`] and the
/// others): made once for a file alone in its batch, it decides whether
/// its text is let go of ([`Files::let_go`]) and TM107's rows
/// ([`rows_crowd_text`]).
pub(crate) fn estimated_peak(text_len: usize, roadmap: &Roadmap) -> usize {
    // Long ids and names are allocations of their own beside the model's
    // structs (UUID ids: 12 MB at 100k skills).
    let (mut entries, mut groups, mut heap) = (0usize, 0usize, 0usize);
    for skill in &roadmap.skills {
        heap = heap.saturating_add(heap_bytes(&skill.id)).saturating_add(heap_bytes(&skill.name));
        for prerequisite in &skill.prerequisites {
            match prerequisite {
                Prerequisite::Skill(id) => {
                    entries += 1;
                    heap = heap.saturating_add(heap_bytes(id));
                }
                Prerequisite::AnyOf(group) => {
                    entries = entries.saturating_add(group.any_of.len());
                    groups += 1;
                    heap = group.any_of.iter().fold(heap, |heap, id| heap.saturating_add(heap_bytes(id)));
                }
            }
        }
    }
    let skills = roadmap.skills.len();
    let per_skill = match memory_to_spare(text_len) {
        true => BYTES_PER_SKILL + SIDE_BY_SIDE_BYTES_PER_SKILL,
        false => BYTES_PER_SKILL,
    };
    PROGRAM_BYTES
        .saturating_add(text_len)
        .saturating_add(skills.saturating_mul(per_skill))
        .saturating_add(entries.saturating_mul(BYTES_PER_PREREQUISITE))
        .saturating_add(groups.saturating_mul(BYTES_PER_GROUP))
        .saturating_add(heap)
        .saturating_add(references(roadmap).saturating_mul(BYTES_PER_REFERENCE))
        .saturating_add(spaced_name_bytes(roadmap))
}

impl Files<'_> {
    pub(crate) fn all(&self) -> &[SourceFile] {
        match self {
            Files::Held(files) => files,
            Files::Lent(files) => files,
        }
    }

    /// Lets go of file `i`'s text when it is large, can be read again, and
    /// is worth it, the run's peak estimated at `peak` ([`estimated_peak`]).
    pub(crate) fn let_go(&mut self, i: usize, peak: usize) -> Option<LetGo> {
        let Files::Lent(files) = self else { return None };
        let f = &mut files[i];
        let path = f.path.as_deref()?;
        if f.text.len() <= crate::BATCH_FILE_MAX || !worth_letting_go(f.text.len(), peak) {
            return None;
        }
        // The file as it is now, with the text's hash: a file edited since
        // it was read is told apart when read back. A file gone already
        // keeps its text.
        let snapshot = trailmap::fs::FileSnapshot::of(path, f.text.as_bytes()).ok()?;
        let suppressions = suppress::may_have(&f.text);
        f.text = String::new();
        Some(LetGo { snapshot, suppressions })
    }

    /// Reads file `i`'s text back after [`Files::let_go`]; `Err` says why it
    /// could not be (the file's findings are then not shown).
    fn read_back(&mut self, i: usize, let_go: &LetGo) -> Result<(), String> {
        let Files::Lent(files) = self else { return Ok(()) };
        let f = &mut files[i];
        let Some(path) = f.path.as_deref() else { return Ok(()) };
        match let_go.snapshot.read_if_unchanged(path) {
            Ok(Some(bytes)) => match String::from_utf8(bytes) {
                Ok(text) => {
                    f.text = text;
                    Ok(())
                }
                Err(_) => Err(format!("{} changed while it was linted", f.name)),
            },
            Ok(None) => Err(format!("{} changed while it was linted", f.name)),
            Err(err) => Err(format!("{} could not be read again ({err})", f.name)),
        }
    }
}

/// A text let go of while its file's rules run.
pub(crate) struct LetGo {
    /// The file when the text was let go of, and the text's hash.
    snapshot: trailmap::fs::FileSnapshot,
    /// Whether it has suppressions (read when the findings are finished,
    /// even if there are none: an unused one is reported).
    suppressions: bool,
}

/// What a file's findings become when its text could not be read back.
fn source_changed(f: &SourceFile, why: &str) -> Diagnostic {
    let mut diagnostic = trailmap::codes::Code::SourceChanged
        .report(format!("{why}, so its findings cannot be shown at their lines; run `trailmap lint` again"));
    diagnostic.file = f.name.as_str().into();
    diagnostic
}

/// Whether [`hand_over`] will read back a text let go of: there is one,
/// and its file has findings or suppressions.
pub(crate) fn reads_back(let_go: Option<&LetGo>, per_file: &[finish::Found<'_>]) -> bool {
    let nothing = |(plain, compact): &finish::Found<'_>| plain.is_empty() && compact.iter().all(|c| c.items.is_empty());
    let_go.is_some_and(|l| l.suppressions || !per_file.iter().all(nothing))
}

/// Reads back the text let go of, if any and if needed, then finishes the
/// batch's files and hands their diagnostics over; a text not read back as
/// it was has a `TM014` error handed over in place of its file's findings.
pub(crate) fn hand_over(
    files: &mut Files<'_>,
    batch: std::ops::Range<usize>,
    let_go: Option<LetGo>,
    per_file: Vec<finish::Found<'_>>,
    config: &Config,
    found: &mut HandOver<'_>,
) {
    if let_go.is_some() && !reads_back(let_go.as_ref(), &per_file) {
        // Nothing to show: the text is not needed again.
        found(files.all(), batch.start, &mut Vec::new());
        return;
    }
    if let Some(why) = let_go.and_then(|let_go| files.read_back(batch.start, &let_go).err()) {
        // Its findings were made against a text no longer there.
        drop(per_file);
        let all = files.all();
        found(all, batch.start, &mut vec![source_changed(&all[batch.start], &why)]);
    } else {
        finish::hand_over_batch(files.all(), batch, per_file, config, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lets_go(text_len: usize, roadmap: &Roadmap) -> bool {
        worth_letting_go(text_len, estimated_peak(text_len, roadmap))
    }

    fn crowd(text_len: usize, roadmap: &Roadmap, threads: usize) -> bool {
        rows_crowd_text(text_len, estimated_peak(text_len, roadmap), roadmap.skills.len(), threads)
    }

    fn roadmap(skills: usize, prerequisites_each: usize) -> Roadmap {
        let mut roadmap = Roadmap::new("r", "R", "1.0.0");
        for i in 0..skills {
            let mut skill = trailmap::Skill::new(format!("s{i}"), format!("S {i}"));
            skill.prerequisites =
                (0..prerequisites_each.min(i)).map(|k| trailmap::Prerequisite::Skill(format!("s{k}").into())).collect();
            roadmap.skills.push(skill);
        }
        roadmap
    }

    /// A text let go of is read back when the file is as it was, and not
    /// when it changed or is gone, each saying so.
    #[test]
    fn a_text_is_read_back_only_as_it_was() {
        let dir = std::env::temp_dir().join(format!("trailmap-read-back-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.json");
        let text = "x".repeat(crate::BATCH_FILE_MAX + 1);
        let model = roadmap(1_000, 1);
        for change in ["none", "changed while it was linted", "could not be read again"] {
            std::fs::write(&path, &text).unwrap();
            let mut lent = [SourceFile::new("r.json", text.clone()).with_path(&path)];
            let mut files = Files::Lent(&mut lent);
            let let_go = files.let_go(0, estimated_peak(text.len(), &model)).expect("let go of");
            assert_eq!(files.all()[0].text, "");
            match change {
                "none" => {}
                "changed while it was linted" => std::fs::write(&path, text.replace('x', "y")).unwrap(),
                _ => std::fs::remove_file(&path).unwrap(),
            }
            match files.read_back(0, &let_go) {
                Ok(()) => assert_eq!((change, files.all()[0].text.len()), ("none", text.len())),
                Err(why) => assert!(why.starts_with(&format!("r.json {change}")), "{why}"),
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The issue's kind of file on one line (89 bytes a skill, one and a
    /// half prerequisites) is let go of; a generator's bare file (157 bytes
    /// a skill) and a densely linked one (453 bytes a skill, ten
    /// prerequisites) keep their text.
    #[test]
    fn only_texts_small_beside_their_model_are_let_go_of() {
        let one_line = roadmap(100_000, 1);
        assert!(lets_go(8_900_000, &one_line));
        assert!(!lets_go(15_700_000, &one_line));
        let dense = roadmap(100_000, 10);
        assert!(!lets_go(45_300_000, &dense));
        assert!(lets_go(20_000_000, &dense), "ten prerequisites in 200 bytes");
    }

    /// A million skills of one prerequisite each in 125 bytes a skill (on
    /// one line) are let go of: TM109's and TM107's tables, side by side on
    /// a source that large, count both; in 650 bytes a skill the text is
    /// kept.
    #[test]
    fn large_sources_count_both_heavy_rules() {
        let million = roadmap(1_000_000, 1);
        const { assert!(125_000_000 >= crate::context::MEMORY_TO_SPARE_FROM) };
        assert!(lets_go(125_000_000, &million));
        assert!(!lets_go(650_000_000, &million));
    }

    /// A text kept beside its model has TM107 narrow its rows where ample
    /// rows would crowd it: five prerequisites a skill in 220 bytes (on
    /// two threads; on one the rows weigh half), not in 230 bytes, nor in
    /// 333 bytes with ten, nor in 475 bytes with ten; a small file never.
    #[test]
    fn rows_are_narrowed_where_they_would_crowd_the_text() {
        let five = roadmap(100_000, 5);
        assert!(crowd(22_000_000, &five, 2));
        assert!(!crowd(22_000_000, &five, 1));
        assert!(!crowd(23_000_000, &five, 2));
        let ten = roadmap(100_000, 10);
        assert!(!crowd(33_300_000, &ten, 2));
        assert!(!crowd(47_500_000, &ten, 2));
        assert!(!crowd(crate::BATCH_FILE_MAX, &roadmap(1_000, 5), 2));
    }

    /// Long names weigh in the model and in TM109's tables: 100k names of
    /// 80 letters on one line (151 bytes a skill) are let go of, as are
    /// names of 14 Cyrillic letters (4 bytes a character in TM109's
    /// tables) in 140 bytes a skill; names of "Skill number N" in 140
    /// bytes a skill keep their text.
    #[test]
    fn long_names_count() {
        let named = |name: &dyn Fn(usize) -> String| {
            let mut roadmap = roadmap(100_000, 1);
            for (i, skill) in roadmap.skills.iter_mut().enumerate() {
                skill.name = name(i).into();
            }
            roadmap
        };
        assert!(lets_go(15_100_000, &named(&|i| format!("{:a<80}", format!("w{i}")))));
        assert!(!lets_go(15_100_000, &named(&|i| format!("Skill number {i}"))));
        assert!(lets_go(14_000_000, &named(&|i| format!("Навык номер {i}"))));
        assert!(!lets_go(14_000_000, &named(&|i| format!("Skill number {i}"))));
    }

    /// Skills listed by projects count: 20,000 projects of 30 skills
    /// beside 100k skills of one prerequisite, on one line (21 MB), are let
    /// go of; without the projects (15 MB) the text is kept.
    #[test]
    fn projects_skills_count() {
        let mut projects = roadmap(100_000, 1);
        for p in 0..20_000 {
            let skills = (0..30).map(|k| trailmap::Prerequisite::Skill(format!("s{}", (p * 30 + k) % 100_000).into()));
            let mut project = trailmap::Project::new(format!("p{p}"), "P");
            project.skills = skills.collect();
            projects.projects.push(project);
        }
        assert!(lets_go(21_000_000, &projects));
        assert!(!lets_go(15_000_000, &roadmap(100_000, 1)));
    }

    /// Long ids are allocations of their own: 100k skills of UUID ids (36
    /// bytes), each needing one, on one line (167 bytes a skill), are let
    /// go of; with ids `s<N>` they keep their text.
    #[test]
    fn long_ids_count() {
        let uuid = |i: usize| format!("{i:08x}-0000-4000-8000-000000000000");
        let mut long = roadmap(100_000, 0);
        for (i, skill) in long.skills.iter_mut().enumerate() {
            skill.id = uuid(i).into();
            skill.prerequisites =
                (i > 0).then(|| trailmap::Prerequisite::Skill(uuid(i - 1).into())).into_iter().collect();
        }
        assert!(lets_go(16_700_000, &long));
        assert!(!lets_go(16_700_000, &roadmap(100_000, 1)));
    }

    /// An `any_of` group weighs more than its members: every skill needing
    /// one of its two neighbours, on one line (157 bytes a skill), is let go
    /// of; indented (257 bytes a skill) it keeps its text.
    #[test]
    fn groups_count_beside_their_members() {
        let mut groups = roadmap(100_000, 0);
        for (i, skill) in groups.skills.iter_mut().enumerate() {
            let group = trailmap::AnyOf::new([format!("s{}", i.saturating_sub(1)), format!("s{}", i + 1)]);
            skill.prerequisites = vec![trailmap::Prerequisite::AnyOf(Box::new(group))];
        }
        assert!(lets_go(15_700_000, &groups));
        assert!(!lets_go(25_700_000, &groups));
    }
}
