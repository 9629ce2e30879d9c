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
/// (through the dependents of each id, known or not).
fn same_graph(a: &SkillGraph<'_>, b: &SkillGraph<'_>, roadmap: &Roadmap) -> Result<(), TestCaseError> {
    prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
    for id in roadmap.skills.iter().map(|s| s.id.as_str()).chain(["s12", "s13"]) {
        prop_assert_eq!(a.dependents(id), b.dependents(id));
    }
    Ok(())
}

proptest! {
    /// Plain and `any_of` prerequisites, repeated entries, unknown ids
    /// (12 and 13) and a repeated skill id (the last). Then the first
    /// prerequisite id renamed (or the first skill's id, when there is
    /// none): the counts stay, the lookup is stale.
    #[test]
    fn resolved_ids_build_the_graph_built_anew(
        plain in prop::collection::vec((0..12usize, 0..14usize), 0..40),
        groups in prop::collection::vec((0..12usize, 0..14usize, 0..14usize), 0..6),
        renamed in 0..14usize,
    ) {
        let mut roadmap = Roadmap::new("r", "R", "1.0.0");
        roadmap.skills = (0..12).map(|i| Skill::new(format!("s{}", i.min(10)), "x")).collect();
        for (skill, needed) in plain {
            roadmap.skills[skill].prerequisites.push(Prerequisite::Skill(format!("s{needed}").into()));
        }
        for (skill, a, b) in groups {
            roadmap.skills[skill].prerequisites.push(AnyOf::new([format!("s{a}"), format!("s{b}")]).into());
        }
        let (roadmap, ids) = reloaded(&roadmap);
        same_graph(&SkillGraph::with_resolved_ids(&roadmap, ids.clone()), &SkillGraph::new(&roadmap), &roadmap)?;

        let mut changed = roadmap.clone();
        match changed.skills.iter_mut().flat_map(|s| s.prerequisites.iter_mut()).next() {
            Some(p) => *p = Prerequisite::Skill(format!("s{renamed}").into()),
            None => changed.skills[0].id = format!("s{renamed}").into(),
        }
        same_graph(&SkillGraph::with_resolved_ids(&changed, ids), &SkillGraph::new(&changed), &changed)?;
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
