//! Carrying a learner's progress from one version of a roadmap to the next.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;
use trailmap::{Progress, Roadmap};

/// A progress entry moved to a skill's new id.
///
/// ```
/// let r = trailmap_diff::Renamed { from: "pandas".into(), to: "dataframes".into() };
/// assert_eq!(r.to, "dataframes");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renamed {
    /// The id the entry had.
    pub from: String,
    /// The id it has now.
    pub to: String,
}

/// A renamed entry whose new id already has progress, or one of several
/// entries merged into the same new id: every entry is kept as it is, for
/// the learner to merge.
///
/// ```
/// let c = trailmap_diff::Conflict { from: "pandas".into(), to: "dataframes".into() };
/// assert_eq!(c.from, "pandas");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The old id, whose entry stays under it.
    pub from: String,
    /// The new id, which already had an entry.
    pub to: String,
}

/// The result of [`migrate_progress`]: the new progress and what happened
/// to each entry that did not simply stay.
///
/// No entry is ever dropped: `progress` holds exactly as many skill
/// entries as the input, each with its original content.
///
/// ```
/// let m = trailmap_diff::Migration::default();
/// assert!(!m.changed());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Migration {
    /// The migrated progress.
    pub progress: Progress,
    /// Entries moved to a new id, in id order.
    pub renamed: Vec<Renamed>,
    /// Entries on skills the new version removed, kept as they are: one
    /// progress file serves every roadmap sharing the skill vocabulary, so
    /// another roadmap may still teach the skill.
    pub removed: Vec<String>,
    /// Entries that could not move because the new id already had progress,
    /// or because several entries would move to the same id (skills
    /// merged); all kept as they are.
    pub conflicts: Vec<Conflict>,
    /// Entries on skills neither version has, kept as they are.
    pub unknown: Vec<String>,
    /// The roadmap's id, updated in `roadmaps` when the roadmap was renamed.
    pub roadmap_renamed: Option<Renamed>,
}

impl Migration {
    /// `true` when the progress file must be rewritten.
    ///
    /// ```
    /// assert!(!trailmap_diff::Migration::default().changed());
    /// ```
    pub fn changed(&self) -> bool {
        !self.renamed.is_empty() || self.roadmap_renamed.is_some()
    }

    /// Applies the migration to the progress file's JSON document itself,
    /// so that everything else in it keeps its exact value (numbers stay
    /// `3`, not `3.0`). An entry is never written over another.
    ///
    /// ```
    /// use trailmap::{Progress, Roadmap};
    ///
    /// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    ///     "skills": [{"id": "a", "name": "A"}]}"#).roadmap.unwrap();
    /// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.1.0",
    ///     "skills": [{"id": "b", "name": "B", "former_ids": ["a"]}]}"#).roadmap.unwrap();
    /// let text = r#"{"skills": {"a": {"status": "done", "hours": 3}}}"#;
    /// let progress = Progress::from_json_str(text).progress.unwrap();
    /// let migration = trailmap_diff::migrate_progress(&old, &new, &progress);
    /// let mut document: serde_json::Value = serde_json::from_str(text).unwrap();
    /// migration.apply_to(&mut document);
    /// assert_eq!(document.to_string(), r#"{"skills":{"b":{"hours":3,"status":"done"}}}"#);
    /// ```
    pub fn apply_to(&self, document: &mut serde_json::Value) {
        if let Some(skills) = document.get_mut("skills").and_then(serde_json::Value::as_object_mut) {
            for r in &self.renamed {
                if skills.contains_key(&r.to) {
                    continue;
                }
                if let Some(entry) = skills.remove(&r.from) {
                    skills.insert(r.to.clone(), entry);
                }
            }
        }
        if self.roadmap_renamed.is_some() {
            if let Some(object) = document.as_object_mut() {
                object.insert("roadmaps".to_owned(), serde_json::json!(self.progress.roadmaps));
            }
        }
    }

    /// The migration for a person, one line each, ending with a summary
    /// line. Text from the files is escaped for a terminal.
    ///
    /// ```
    /// let text = trailmap_diff::Migration::default().report();
    /// assert_eq!(text, "nothing to migrate\n");
    /// ```
    pub fn report(&self) -> String {
        let t = |s: &str| trailmap::escape::terminal(s);
        let mut out = String::new();
        if let Some(r) = &self.roadmap_renamed {
            let _ = writeln!(out, "  ~ roadmap `{}` -> `{}` in `roadmaps`", t(&r.from), t(&r.to));
        }
        for r in &self.renamed {
            let _ = writeln!(out, "  ~ `{}` -> `{}`", t(&r.from), t(&r.to));
        }
        out.push_str(&self.conflicts_report());
        for id in &self.removed {
            let _ = writeln!(
                out,
                "  ! `{}`: skill removed from the roadmap; entry kept as it is (other roadmaps may still teach it)",
                t(id)
            );
        }
        for id in &self.unknown {
            let _ = writeln!(out, "  ? `{}`: neither version has this skill; entry kept as it is", t(id));
        }
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut parts = Vec::new();
        if !self.renamed.is_empty() {
            let n = self.renamed.len();
            parts.push(if n == 1 { "1 entry renamed".to_owned() } else { format!("{n} entries renamed") });
        }
        if !self.conflicts.is_empty() {
            parts.push(plural(self.conflicts.len(), "conflict"));
        }
        if !self.removed.is_empty() {
            parts.push(format!("{} kept for removed skills", self.removed.len()));
        }
        if !self.unknown.is_empty() {
            parts.push(format!("{} kept for unknown skills", self.unknown.len()));
        }
        if parts.is_empty() && self.roadmap_renamed.is_none() {
            out.push_str("nothing to migrate\n");
        } else if parts.is_empty() {
            out.push_str("roadmap id updated\n");
        } else {
            out.push_str(&parts.join(", "));
            out.push('\n');
        }
        out
    }

    /// Only the conflicts, one line each (a merge of several entries is one
    /// line): what `--quiet` still shows, since they fail the command.
    /// Empty without conflicts.
    ///
    /// ```
    /// assert_eq!(trailmap_diff::Migration::default().conflicts_report(), "");
    /// ```
    pub fn conflicts_report(&self) -> String {
        let t = |s: &str| trailmap::escape::terminal(s);
        let mut out = String::new();
        // How many entries move to each id, counted once.
        let mut moving: HashMap<&str, usize> = HashMap::new();
        for c in &self.conflicts {
            *moving.entry(c.to.as_str()).or_default() += 1;
        }
        let mut merged_reported: HashSet<&str> = HashSet::new();
        for c in &self.conflicts {
            if self.progress.skills.0.contains_key(&c.to) || moving[c.to.as_str()] < 2 {
                let _ = writeln!(
                    out,
                    "  ! `{}` was renamed to `{}`, which already has progress: both entries kept; merge them by hand",
                    t(&c.from),
                    t(&c.to)
                );
            } else if merged_reported.insert(c.to.as_str()) {
                let siblings = self.conflicts.iter().filter(|d| d.to == c.to);
                let froms: Vec<String> = siblings.map(|d| format!("`{}`", t(&d.from))).collect();
                let _ = writeln!(
                    out,
                    "  ! {} were merged into `{}`: all {} entries kept under their old ids; merge them into one under `{}` by hand",
                    froms.join(", "),
                    t(&c.to),
                    froms.len(),
                    t(&c.to)
                );
            }
        }
        out
    }
}

/// Rewrites `progress`, recorded against `old`, for `new`: entries follow
/// skill renames (the new skill lists the old id in `former_ids`, also
/// through a rename the old version already recorded), and the roadmap's id
/// in `roadmaps` follows a roadmap rename.
///
/// Nothing is lost: entries on removed or unknown skills stay as they are
/// (reported in `removed` and `unknown`), and when the new id already has
/// an entry, or several entries would move to it (a merge), all stay
/// (reported in `conflicts`).
///
/// ```
/// use trailmap::{Progress, Roadmap};
///
/// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
///     "skills": [{"id": "pandas", "name": "Pandas"}, {"id": "theano", "name": "Theano"}]}"#).roadmap.unwrap();
/// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "2.0.0",
///     "skills": [{"id": "dataframes", "name": "DataFrames", "former_ids": ["pandas"]}]}"#).roadmap.unwrap();
/// let progress = Progress::with_done(["pandas", "theano"]);
/// let m = trailmap_diff::migrate_progress(&old, &new, &progress);
/// assert!(m.progress.is_satisfied("dataframes"));
/// assert_eq!(m.removed, ["theano"]);
/// assert!(m.progress.is_satisfied("theano"), "kept, never dropped");
/// ```
pub fn migrate_progress(old: &Roadmap, new: &Roadmap, progress: &Progress) -> Migration {
    let new_ids: HashSet<&str> = new.skills.iter().map(|s| s.id.as_str()).collect();
    let old_ids: HashSet<&str> = old.skills.iter().map(|s| s.id.as_str()).collect();
    let mut new_former: HashMap<&str, &str> = HashMap::new();
    for skill in &new.skills {
        for f in &skill.former_ids {
            new_former.entry(f.as_str()).or_insert(skill.id.as_str());
        }
    }
    let mut old_former: HashMap<&str, &str> = HashMap::new();
    for skill in &old.skills {
        for f in &skill.former_ids {
            old_former.entry(f.as_str()).or_insert(skill.id.as_str());
        }
    }
    // Where an id lives in the new version, if anywhere.
    let resolve = |id: &str| -> Option<String> {
        if new_ids.contains(id) {
            return Some(id.to_owned());
        }
        if let Some(to) = new_former.get(id) {
            return Some((*to).to_owned());
        }
        // Renamed once already in the old version, then again (or not) in the new.
        let current = old_former.get(id)?;
        if new_ids.contains(current) {
            return Some((*current).to_owned());
        }
        new_former.get(current).map(|to| (*to).to_owned())
    };

    let mut migration = Migration::default();
    let mut skills: BTreeMap<String, trailmap::SkillProgress> = BTreeMap::new();
    let mut moves: Vec<(String, String)> = Vec::new();
    for (id, entry) in &progress.skills.0 {
        match resolve(id) {
            Some(to) if to == *id => {
                skills.insert(id.clone(), entry.clone());
            }
            Some(to) => moves.push((id.clone(), to)),
            None => {
                if old_ids.contains(id.as_str()) || old_former.contains_key(id.as_str()) {
                    migration.removed.push(id.clone());
                } else {
                    migration.unknown.push(id.clone());
                }
                skills.insert(id.clone(), entry.clone());
            }
        }
    }
    // Entries already under their current id win. Two or more entries
    // moving to the same id (skills merged) are a conflict too: which one
    // holds the learner's progress is for them to say, so all stay.
    let mut movers: HashMap<&str, usize> = HashMap::new();
    for (_, to) in &moves {
        *movers.entry(to.as_str()).or_default() += 1;
    }
    let crowded: HashSet<String> = movers.into_iter().filter(|(_, n)| *n > 1).map(|(to, _)| to.to_owned()).collect();
    for (from, to) in moves {
        let Some(entry) = progress.skills.0.get(&from) else { continue };
        if crowded.contains(&to) || skills.contains_key(&to) || progress.skills.0.contains_key(&to) {
            migration.conflicts.push(Conflict { from: from.clone(), to });
            skills.insert(from, entry.clone());
        } else {
            skills.insert(to.clone(), entry.clone());
            migration.renamed.push(Renamed { from, to });
        }
    }
    let mut result = progress.clone();
    result.skills.0 = skills;
    if old.id != new.id && result.roadmaps.contains(&old.id) {
        if result.roadmaps.contains(&new.id) {
            result.roadmaps.retain(|r| *r != old.id);
        } else {
            for r in &mut result.roadmaps {
                if *r == old.id {
                    r.clone_from(&new.id);
                }
            }
        }
        migration.roadmap_renamed = Some(Renamed { from: old.id.clone(), to: new.id.clone() });
    }
    migration.progress = result;
    migration
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roadmap(json: &str) -> Roadmap {
        let loaded = Roadmap::from_json_str(json);
        assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
        loaded.roadmap.unwrap()
    }

    #[test]
    fn conflicts_keep_both_entries() {
        let old = roadmap(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}]}"#);
        let new = roadmap(
            r#"{"id": "r", "title": "R", "version": "2.0.0", "skills": [{"id": "b", "name": "B", "former_ids": ["a"]}]}"#,
        );
        let mut progress = Progress::with_done(["a"]);
        progress.mark_all(["b"], trailmap::Status::Learning);
        let m = migrate_progress(&old, &new, &progress);
        assert_eq!(m.conflicts, [Conflict { from: "a".into(), to: "b".into() }]);
        assert_eq!(m.progress, progress, "nothing moved, nothing lost");
        assert!(!m.changed());
    }

    #[test]
    fn renames_recorded_in_the_old_version_are_followed() {
        let old = roadmap(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "b", "name": "B", "former_ids": ["a"]}]}"#,
        );
        let new = roadmap(
            r#"{"id": "r2", "title": "R", "version": "2.0.0", "skills": [{"id": "c", "name": "C", "former_ids": ["b"]}]}"#,
        );
        let mut progress = Progress::with_done(["a"]);
        progress.roadmaps = vec!["r".into()];
        let m = migrate_progress(&old, &new, &progress);
        assert_eq!(m.renamed, [Renamed { from: "a".into(), to: "c".into() }]);
        assert_eq!(m.progress.roadmaps, ["r2"]);
        assert!(m.report().contains("`a` -> `c`"));
        assert!(m.report().ends_with("1 entry renamed\n"));
    }

    /// Skills `a` and `b`, then one skill `c` that was both.
    fn a_and_b_merged_into_c() -> (Roadmap, Roadmap) {
        let old = roadmap(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}"#,
        );
        let new = roadmap(
            r#"{"id": "r", "title": "R", "version": "2.0.0", "skills": [{"id": "c", "name": "C", "former_ids": ["a", "b"]}]}"#,
        );
        (old, new)
    }

    #[test]
    fn two_entries_merging_into_one_skill_conflict() {
        let (old, new) = a_and_b_merged_into_c();
        let mut progress = Progress::with_done(["b"]);
        progress.mark_all(["a"], trailmap::Status::Learning);
        let m = migrate_progress(&old, &new, &progress);
        assert!(m.renamed.is_empty(), "neither moves: the `done` is never hidden under an old id");
        assert_eq!(
            m.conflicts,
            [Conflict { from: "a".into(), to: "c".into() }, Conflict { from: "b".into(), to: "c".into() }]
        );
        assert_eq!(m.progress, progress, "nothing moved, nothing lost");
        assert!(!m.changed());
        let report = m.report();
        assert!(report.contains("`a`, `b` were merged into `c`: all 2 entries kept"), "{report}");
        assert!(!report.contains("already has progress"), "{report}");
        assert!(report.ends_with("2 conflicts\n"), "{report}");
    }

    #[test]
    fn a_single_entry_merged_into_a_skill_moves() {
        let (old, new) = a_and_b_merged_into_c();
        let m = migrate_progress(&old, &new, &Progress::with_done(["b"]));
        assert_eq!(m.renamed, [Renamed { from: "b".into(), to: "c".into() }]);
        assert!(m.conflicts.is_empty());
    }
}
