//! A graph built from validation's lookup of the prerequisite ids
//! (`SkillGraph::with_resolved_ids`) is the graph built anew, and one whose
//! roadmap changed after loading is built anew rather than from the stale
//! lookup.

use proptest::prelude::*;
use trailmap::{AnyOf, LoadOptions, Phase, Prerequisite, ResolvedIds, Roadmap, Skill, SkillGraph};

/// `roadmap` written out and loaded again, keeping the ids' lookup.
fn reloaded(roadmap: &Roadmap) -> (Roadmap, ResolvedIds) {
    let text = serde_json::to_string(roadmap).expect("a model writes");
    let options = LoadOptions::default().with_resolved_ids(true);
    let mut loaded = Roadmap::from_json_str_with(&text, "r.json", &options);
    let ids = loaded.take_resolved_ids().expect("asked for");
    (loaded.roadmap.expect("a model"), ids)
}

/// The same graph: every array (its `Debug`), and every id's lookup
/// (through the dependents of each id of the pool, known or not).
fn same_graph(a: &SkillGraph<'_>, b: &SkillGraph<'_>) -> Result<(), TestCaseError> {
    prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
    for id in (0..16).map(|k| format!("s{k}")) {
        prop_assert_eq!(a.dependents(&id), b.dependents(&id));
    }
    Ok(())
}

proptest! {
    /// Skills drawing their ids from a small pool (repeated ids), with
    /// entries of one id (plain) or several (`any_of`), known or not. Then
    /// the first prerequisite id renamed (or the first skill's id, when
    /// there is none): the counts stay, the lookup is stale.
    #[test]
    fn resolved_ids_build_the_graph_built_anew(
        skills in prop::collection::vec((0..14usize, prop::collection::vec(prop::collection::vec(0..16usize, 1..4), 0..5)), 1..14),
        renamed in 0..16usize,
    ) {
        let mut roadmap = Roadmap::new("r", "R", "1.0.0");
        for (id, entries) in skills {
            let mut skill = Skill::new(format!("s{id}"), "x");
            skill.prerequisites = entries
                .into_iter()
                .map(|ids| match ids.as_slice() {
                    [one] => Prerequisite::Skill(format!("s{one}").into()),
                    many => AnyOf::new(many.iter().map(|m| format!("s{m}"))).into(),
                })
                .collect();
            roadmap.skills.push(skill);
        }
        let (roadmap, ids) = reloaded(&roadmap);
        same_graph(&SkillGraph::with_resolved_ids(&roadmap, ids.clone()), &SkillGraph::new(&roadmap))?;

        let mut changed = roadmap.clone();
        match changed.skills.iter_mut().flat_map(|s| s.prerequisites.iter_mut()).next() {
            Some(p) => *p = Prerequisite::Skill(format!("s{renamed}").into()),
            None => changed.skills[0].id = format!("s{renamed}").into(),
        }
        same_graph(&SkillGraph::with_resolved_ids(&changed, ids), &SkillGraph::new(&changed))?;
    }
}

/// Ids resolved in one roadmap given with another: other counts, or as
/// many ids over fewer skills (an index past the other's skills).
#[test]
fn ids_of_another_roadmap_are_not_used() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
        {"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C", "prerequisites": ["b"]}]}"#;
    let options = LoadOptions::default().with_resolved_ids(true);
    let ids = || Roadmap::from_json_str_with(text, "r.json", &options).take_resolved_ids().expect("asked for");
    let mut other = Roadmap::new("o", "O", "1.0.0");
    other.skills = vec![Skill::new("x", "X")];
    // Phases are resolved through the id table, which came from the other
    // roadmap's three skills.
    let mut phase = Phase::new("p", "P");
    phase.skills = vec!["x".into(), "b".into(), "c".into()];
    other.phases = vec![phase];
    let graph = SkillGraph::with_resolved_ids(&other, ids());
    assert_eq!(graph.len(), 1);
    assert!(graph.dependents("x").is_empty());
    other.skills[0].prerequisites.push(Prerequisite::Skill("y".into()));
    let graph = SkillGraph::with_resolved_ids(&other, ids());
    assert_eq!(format!("{graph:?}"), format!("{:?}", SkillGraph::new(&other)));
}
