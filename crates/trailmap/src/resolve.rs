//! Finding a skill from what a person types: its id, its name or one of
//! its aliases, ignoring case.

use std::fmt;

use crate::Skill;
use crate::graph::{SkillGraph, to_u32};

/// Why a typed skill could not be resolved.
///
/// ```
/// use trailmap::resolve::ResolveError;
/// let e = ResolveError::Unknown { query: "pyton".into(), suggestion: Some(("python".into(), "Python".into())) };
/// assert_eq!(e.to_string(), "no skill `pyton` (did you mean `python`, Python?)");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ResolveError {
    /// Nothing matches.
    Unknown {
        /// What was typed.
        query: String,
        /// The closest skill, as `(id, name)`.
        suggestion: Option<(String, String)>,
    },
    /// Several skills match (two skills share a name, or a name is another
    /// skill's alias).
    Ambiguous {
        /// What was typed.
        query: String,
        /// The matching skills, as `(id, name)`, in file order.
        candidates: Vec<(String, String)>,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Unknown { query, suggestion: Some((id, name)) } => {
                write!(f, "no skill `{query}` (did you mean `{id}`, {name}?)")
            }
            ResolveError::Unknown { query, suggestion: None } => write!(f, "no skill `{query}`"),
            ResolveError::Ambiguous { query, candidates } => {
                write!(f, "`{query}` names {} skills; give one of their ids:", candidates.len())?;
                for (id, name) in candidates {
                    write!(f, "\n  {id}  ({name})")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ResolveError {}

impl<'r> SkillGraph<'r> {
    /// The skill `query` names: an exact id first; else the one skill whose
    /// id, name or an alias equals `query` ignoring case and surrounding
    /// spaces.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "k8s", "name": "Kubernetes", "aliases": ["Kube"]},
    /// #   {"id": "la-1", "name": "Linear Algebra"}, {"id": "la-2", "name": "Linear algebra"}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.resolve("kubernetes").unwrap().id, "k8s");
    /// assert_eq!(graph.resolve(" kube ").unwrap().id, "k8s");
    /// assert!(matches!(graph.resolve("linear algebra"), Err(trailmap::resolve::ResolveError::Ambiguous { .. })));
    /// assert!(graph.resolve("kubernets").unwrap_err().to_string().contains("did you mean `k8s`"));
    /// ```
    pub fn resolve(&self, query: &str) -> Result<&'r Skill, ResolveError> {
        let query = query.trim();
        let skills = &self.roadmap().skills;
        if let Some(i) = self.index_of(query) {
            return Ok(&skills[i as usize]);
        }
        let wanted = query.to_lowercase();
        // The first skill of each id only: a duplicate id is a validation error.
        let first = |i: usize| self.index_of(&skills[i].id) == Some(to_u32(i));
        let matches: Vec<&'r Skill> = skills
            .iter()
            .enumerate()
            .filter(|&(i, s)| {
                first(i)
                    && (s.id.to_lowercase() == wanted
                        || s.name.to_lowercase() == wanted
                        || s.aliases.iter().any(|a| a.to_lowercase() == wanted))
            })
            .map(|(_, s)| s)
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => {
                let words: Vec<(String, usize)> = skills
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| first(i))
                    .flat_map(|(i, s)| {
                        [s.id.as_str(), s.name.as_str()]
                            .into_iter()
                            .chain(s.aliases.iter().map(String::as_str))
                            .map(move |w| (w.to_lowercase(), i))
                    })
                    .collect();
                let best = crate::suggest::did_you_mean(&wanted, words.iter().map(|(w, _)| w.as_str()));
                let suggestion = best
                    .and_then(|b| words.iter().find(|(w, _)| w == b))
                    .map(|&(_, i)| (String::from(&skills[i].id), String::from(&skills[i].name)));
                Err(ResolveError::Unknown { query: query.to_owned(), suggestion })
            }
            many => Err(ResolveError::Ambiguous {
                query: query.to_owned(),
                candidates: many.iter().map(|s| (String::from(&s.id), String::from(&s.name))).collect(),
            }),
        }
    }
}
