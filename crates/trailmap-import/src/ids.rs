//! Ids from names: kebab-case, unique within their kind, and mapped onto an
//! existing vocabulary when one is given.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use trailmap::Roadmap;

/// Longest id built from a name, in bytes; longer names are cut at a word.
const MAX_ID_LEN: usize = 60;

/// Longest id built from a name even inside one long word, leaving room
/// for a `-N` suffix under trailmap's 128-character limit (found by the
/// `import_markdown` fuzz target: a 136-character word became an id).
const HARD_MAX_ID_LEN: usize = 100;

/// Kebab-case from a name: ASCII letters and digits, words joined by `-`.
/// `C++` gives `cpp`, `C#` gives `csharp`; a name with no ASCII letter or
/// digit gives `fallback`.
pub fn kebab(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        let piece: Option<&str> = match c {
            '+' => Some("p"),
            '#' => Some("sharp"),
            '&' => Some("and"),
            _ => None,
        };
        if c.is_ascii_alphanumeric() || piece.is_some() {
            if pending_dash && !out.is_empty() && (piece.is_none() || c == '&') {
                out.push('-');
            }
            pending_dash = false;
            match piece {
                Some(p) => {
                    if c == '&' {
                        out.push_str(p);
                        pending_dash = true;
                    } else {
                        out.push_str(p);
                    }
                }
                None => out.push(c.to_ascii_lowercase()),
            }
        } else if c == '\'' || c == '’' {
            // "What You'll" gives "youll", not "you-ll".
        } else {
            pending_dash = true;
        }
        if out.len() >= MAX_ID_LEN && chars.peek().is_some_and(|c| !c.is_ascii_alphanumeric()) {
            break;
        }
        if out.len() >= HARD_MAX_ID_LEN {
            out.truncate(HARD_MAX_ID_LEN);
            break;
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() { fallback.to_owned() } else { out }
}

/// Name normalisation for matching: lower case, letters, digits and `+#`
/// only, single spaces.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_into(&mut out, name);
    out
}

/// [`normalize`], appended to `out` (which lookups reuse as a key buffer).
pub fn normalize_into(out: &mut String, name: &str) {
    let start = out.len();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '+' || c == '#' {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if out.len() > start && !out.ends_with(' ') && c != '\'' && c != '’' && c != '.' {
            out.push(' ');
        }
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

/// Hands out ids unique within one kind: `x`, then `x-2`, `x-3`, …
#[derive(Debug, Default)]
pub struct IdSet {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl IdSet {
    /// A fresh id based on `base`.
    pub fn fresh(&mut self, base: &str) -> String {
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let n = self.next_suffix.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Marks an id as taken; false if it already was.
    pub fn take(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }

    /// Gives back an id handed out for something since undone.
    pub fn release(&mut self, id: &str) {
        self.used.remove(id);
    }
}

/// Known skills from existing roadmaps: normalised names, aliases and ids
/// map to the id, so that imports reuse a shared vocabulary.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    by_name: HashMap<String, String>,
    /// Prerequisites the known roadmaps state, by skill id, with the roadmap
    /// that states them (for `--infer-prerequisites`).
    requires: HashMap<String, Vec<(trailmap::Prerequisite, String)>>,
}

impl Vocabulary {
    /// Reads every `.json` roadmap in `path` (a file or a folder, not
    /// recursive). Invalid roadmaps are errors: a vocabulary must be sound.
    pub fn from_path(path: &Path) -> Result<Vocabulary, String> {
        let mut files = Vec::new();
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
            for entry in entries {
                let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
                let file = entry.path();
                if file.extension().is_some_and(|e| e == "json") {
                    files.push(file);
                }
            }
            files.sort();
        } else {
            files.push(path.to_path_buf());
        }
        let mut vocabulary = Vocabulary::default();
        for file in files {
            let loaded = Roadmap::from_path(&file).map_err(|e| e.to_string())?;
            let valid = loaded.is_valid();
            let Some(roadmap) = loaded.roadmap.filter(|_| valid) else {
                return Err(format!("{}: not a valid roadmap (run trailmap validate)", file.display()));
            };
            vocabulary.add(&roadmap);
        }
        Ok(vocabulary)
    }

    /// Adds a roadmap's skills; the first roadmap to name a skill wins.
    pub fn add(&mut self, roadmap: &Roadmap) {
        for skill in &roadmap.skills {
            for name in [skill.name.as_str()]
                .into_iter()
                .chain(skill.aliases.iter().map(String::as_str))
                .chain([skill.id.as_str()])
            {
                let key = normalize(name);
                if !key.is_empty() {
                    self.by_name.entry(key).or_insert_with(|| String::from(&skill.id));
                }
            }
            let stated = self.requires.entry(String::from(&skill.id)).or_default();
            for prerequisite in &skill.prerequisites {
                if !stated.iter().any(|(p, _)| p == prerequisite) {
                    stated.push((prerequisite.clone(), roadmap.id.clone()));
                }
            }
        }
    }

    /// The prerequisites known roadmaps state for a skill id, each with the
    /// id of the roadmap that states it.
    pub fn requires(&self, id: &str) -> &[(trailmap::Prerequisite, String)] {
        self.requires.get(id).map_or(&[], Vec::as_slice)
    }

    /// The id of a known skill with this name or alias.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.by_name.get(&normalize(name)).map(String::as_str)
    }

    /// How many names are known.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether no name is known.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_long_word_is_cut_to_a_valid_id() {
        let id = kebab(&format!("Data {} basics", "x".repeat(300)), "x");
        assert!(id.len() <= HARD_MAX_ID_LEN, "{}", id.len());
        assert_eq!(trailmap::ids::problem(&id), None);
        let mut set = IdSet::default();
        set.fresh(&id);
        assert_eq!(trailmap::ids::problem(&set.fresh(&id)), None, "with its suffix too");
    }

    #[test]
    fn kebab_cases() {
        assert_eq!(kebab("Git & GitHub", "x"), "git-and-github");
        assert_eq!(kebab("C++", "x"), "cpp");
        assert_eq!(kebab("C#", "x"), "csharp");
        assert_eq!(kebab("What You'll Have", "x"), "what-youll-have");
        assert_eq!(kebab("🚀 ", "skill"), "skill");
        assert_eq!(kebab("Scikit-learn", "x"), "scikit-learn");
        assert!(kebab(&"word ".repeat(100), "x").len() <= MAX_ID_LEN + 5);
    }

    #[test]
    fn fresh_ids_are_unique() {
        let mut ids = IdSet::default();
        assert_eq!(ids.fresh("a"), "a");
        assert_eq!(ids.fresh("a"), "a-2");
        assert!(ids.take("a-3"));
        assert_eq!(ids.fresh("a"), "a-4");
    }

    #[test]
    fn normalize_ignores_case_and_punctuation() {
        assert_eq!(normalize("Scikit-Learn"), normalize("scikit learn"));
        assert_eq!(normalize("C++"), "c++");
    }
}
