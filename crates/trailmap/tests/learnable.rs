//! Any-of aware learnability against a brute-force oracle on small graphs.

use proptest::prelude::*;
use trailmap::{Roadmap, SkillGraph};

/// Per skill: plain prerequisites and `any_of` groups, by index.
type Spec = Vec<(Vec<usize>, Vec<Vec<usize>>)>;

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=8).prop_flat_map(|n| {
        prop::collection::vec(
            (prop::collection::vec(0..n, 0..3), prop::collection::vec(prop::collection::vec(0..n, 1..4), 0..3)),
            n,
        )
    })
}

fn json(spec: &Spec) -> String {
    let skills: Vec<String> = spec
        .iter()
        .enumerate()
        .map(|(i, (plain, groups))| {
            let mut prereqs: Vec<String> = plain.iter().map(|p| format!("\"s{p}\"")).collect();
            for g in groups {
                let members: Vec<String> = g.iter().map(|m| format!("\"s{m}\"")).collect();
                prereqs.push(format!("{{\"any_of\": [{}]}}", members.join(", ")));
            }
            format!("{{\"id\": \"s{i}\", \"name\": \"S{i}\", \"prerequisites\": [{}]}}", prereqs.join(", "))
        })
        .collect();
    format!("{{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": [{}]}}", skills.join(", "))
}

fn roadmap(spec: &Spec) -> Roadmap {
    Roadmap::from_json_str(&json(spec)).roadmap.expect("generated roadmap parses")
}

/// The naive definition, iterated until nothing changes.
fn oracle(spec: &Spec) -> Vec<bool> {
    oracle_without(spec, None)
}

/// The naive definition with skill `removed` never learned.
fn oracle_without(spec: &Spec, removed: Option<usize>) -> Vec<bool> {
    let mut learned = vec![false; spec.len()];
    loop {
        let mut changed = false;
        for (i, (plain, groups)) in spec.iter().enumerate() {
            if !learned[i]
                && Some(i) != removed
                && plain.iter().all(|&p| learned[p])
                && groups.iter().all(|g| g.iter().any(|&m| learned[m]))
            {
                learned[i] = true;
                changed = true;
            }
        }
        if !changed {
            return learned;
        }
    }
}

proptest! {
    #[test]
    fn learnable_set_and_order_match_the_oracle(spec in spec()) {
        let roadmap = roadmap(&spec);
        let graph = SkillGraph::new(&roadmap);
        let expected = oracle(&spec);
        prop_assert_eq!(graph.learnable(), expected.clone());
        match graph.learning_order() {
            Ok(order) => {
                prop_assert!(expected.iter().all(|&l| l));
                let position: Vec<usize> = (0..spec.len())
                    .map(|i| order.iter().position(|id| *id == format!("s{i}")).expect("every skill ordered"))
                    .collect();
                for (i, (plain, groups)) in spec.iter().enumerate() {
                    prop_assert!(plain.iter().all(|&p| position[p] < position[i]));
                    prop_assert!(groups.iter().all(|g| g.iter().any(|&m| position[m] < position[i])));
                }
            }
            Err(cycles) => {
                prop_assert!(!expected.iter().all(|&l| l));
                prop_assert!(!cycles.is_empty());
                for cycle in &cycles {
                    for id in &cycle.skills {
                        let i: usize = id[1..].parse().unwrap();
                        prop_assert!(!expected[i], "{} on a blocked cycle is learnable", id);
                    }
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn cyclic_alternatives_match_the_oracle(spec in spec()) {
        let roadmap = roadmap(&spec);
        let graph = SkillGraph::new(&roadmap);
        let learnable = oracle(&spec);
        // (skill, group, alternative, the group's members learnable without the skill)
        let mut expected = Vec::new();
        for (a, (_, groups)) in spec.iter().enumerate() {
            if !learnable[a] {
                continue;
            }
            let without = oracle_without(&spec, Some(a));
            for (g, group) in groups.iter().enumerate() {
                let mut through: Vec<String> = Vec::new();
                for &m in group {
                    if without[m] && !through.contains(&format!("s{m}")) {
                        through.push(format!("s{m}"));
                    }
                }
                let mut seen = Vec::new();
                for &m in group {
                    if m != a && learnable[m] && !without[m] && !seen.contains(&m) {
                        seen.push(m);
                        expected.push((a, spec[a].0.len() + g, format!("s{m}"), through.clone()));
                    }
                }
            }
        }
        let found = graph.cyclic_alternatives();
        let actual: Vec<_> =
            found.iter().map(|c| (c.skill, c.entry, c.alternative.clone(), c.through.clone())).collect();
        prop_assert_eq!(actual, expected);
        for c in &found {
            // The cycle starts at the skill, goes to the alternative, and
            // each skill on it needs the next (the last needs the first).
            prop_assert_eq!(&c.cycle.skills[0], &format!("s{}", c.skill));
            prop_assert_eq!(&c.cycle.skills[1], &c.alternative);
            let index = |id: &String| id[1..].parse::<usize>().unwrap();
            let k = c.cycle.skills.len();
            for step in 0..k {
                let (from, to) = (index(&c.cycle.skills[step]), index(&c.cycle.skills[(step + 1) % k]));
                let (plain, groups) = &spec[from];
                prop_assert!(plain.contains(&to) || groups.iter().any(|g| g.contains(&to)), "{} does not need {}", from, to);
            }
            prop_assert!(!c.through.is_empty());
            prop_assert_eq!(&spec[c.skill].1[c.entry - spec[c.skill].0.len()][c.position], &index(&c.alternative));
        }
    }

    /// With its work bounded, the search reports exactly the full search's
    /// findings for the skills it checked and names every skill it did not:
    /// each finding is either found or its skill is unchecked.
    #[test]
    fn bounded_cyclic_alternatives_are_the_full_ones_up_to_where_they_stop(spec in spec(), max_work in 0u64..200) {
        let roadmap = roadmap(&spec);
        let graph = SkillGraph::new(&roadmap);
        let full = graph.cyclic_alternatives();
        let bounded = graph.cyclic_alternatives_within(max_work);
        let expected: Vec<_> = full.iter().filter(|c| !bounded.unchecked.contains(&c.skill)).cloned().collect();
        prop_assert_eq!(&bounded.found, &expected);
        for &skill in &bounded.unchecked {
            prop_assert!(bounded.found.iter().all(|c| c.skill < skill));
        }
        prop_assert_eq!(graph.cyclic_alternatives_within(u64::MAX).found, full);
    }
}

#[test]
fn cycle_through_one_alternative_is_learnable() {
    let spec: Spec = vec![(vec![], vec![vec![1, 2]]), (vec![0], vec![]), (vec![], vec![])];
    let roadmap = roadmap(&spec);
    let graph = SkillGraph::new(&roadmap);
    assert_eq!(graph.learning_order().unwrap(), ["s2", "s0", "s1"]);
    assert!(roadmap_diagnostics(&spec).iter().all(|code| code != "TM007"));
}

fn roadmap_diagnostics(spec: &Spec) -> Vec<String> {
    Roadmap::from_json_str(&json(spec)).diagnostics.iter().map(|d| d.code.to_string()).collect()
}

/// TM007 names each blocked requirement of the cycle's first skill: the
/// plain one leading on along the cycle, and a group none of whose
/// alternatives can be learned.
#[test]
fn tm007_names_exactly_which_requirements_are_blocked() {
    let json = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
        {"id": "a", "name": "A", "prerequisites": [{"any_of": ["x", "y"]}, "b", "c"]},
        {"id": "b", "name": "B", "prerequisites": ["a"]},
        {"id": "c", "name": "C"},
        {"id": "x", "name": "X", "prerequisites": ["y"]},
        {"id": "y", "name": "Y", "prerequisites": ["x"]}]}"#;
    let loaded = Roadmap::from_json_str(json);
    let cycles: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == "TM007").collect();
    assert_eq!(cycles.len(), 2, "{cycles:?}");
    assert_eq!(
        cycles[0].message,
        "`a` can never be learned: it requires `b` (blocked: cycle of 2 skills: `a` → `b` → `a`) \
         and every alternative of any_of [`x`, `y`] is blocked"
    );
    assert_eq!(cycles[0].pointer, "/skills/0/prerequisites/1");
    assert_eq!(
        cycles[1].message,
        "`x` can never be learned: it requires `y` (blocked: cycle of 2 skills: `x` → `y` → `x`)"
    );
}

/// A long blocked cycle and a large blocked group are named by their ends
/// and first members, with how many are left out.
#[test]
fn tm007_shortens_long_cycles_and_large_groups() {
    // s0 → s1 → … → s39 → s0, and s0 also needs one of g0 … g29, each of
    // which needs s1 (so every alternative is blocked).
    let mut skills: Vec<String> = (0..40)
        .map(|i| {
            let mut needs = vec![format!("\"s{}\"", (i + 1) % 40)];
            if i == 0 {
                let group: Vec<String> = (0..30).map(|g| format!("\"g{g}\"")).collect();
                needs.push(format!("{{\"any_of\": [{}]}}", group.join(", ")));
            }
            format!(r#"{{"id": "s{i}", "name": "S{i}", "prerequisites": [{}]}}"#, needs.join(", "))
        })
        .collect();
    skills.extend((0..30).map(|g| format!(r#"{{"id": "g{g}", "name": "G{g}", "prerequisites": ["s1"]}}"#)));
    let json = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
    let loaded = Roadmap::from_json_str(&json);
    let message = &loaded.diagnostics.iter().find(|d| d.code == "TM007").expect("a blocked cycle").message;
    assert!(
        message.contains("cycle of 40 skills: `s0` → `s1` → `s2` → `s3` → `s4` → `s5` → … 28 more … → `s34` → `s35` → `s36` → `s37` → `s38` → `s39` → `s0`"),
        "{message}"
    );
    assert!(
        message
            .contains("any_of [`g0`, `g1`, `g2`, `g3`, `g4`, `g5`, `g6`, `g7`, `g8`, `g9`, `g10`, `g11`, … 18 more]"),
        "{message}"
    );
}
