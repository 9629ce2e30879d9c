//! TM107 (redundant prerequisites) and TM109 (similar skill names) held to
//! brute force on random roadmaps of up to 2,000 skills: every generator
//! shape, and random graphs of random width and degree.

use proptest::prelude::*;
use trailmap::{Prerequisite, Roadmap, SkillGraph};
use trailmap_bench::generate::generate_shaped;
use trailmap_bench::rng::Rng;
use trailmap_bench::shape::ALL;

/// `(skill, entry, via)` of every redundant plain prerequisite, by brute
/// force: ancestor sets over plain edges, then for each entry the first
/// other plain prerequisite (in entry order) whose ancestors hold it.
fn redundant_by_brute_force(roadmap: &Roadmap) -> Vec<(usize, usize, usize)> {
    let n = roadmap.skills.len();
    let index: std::collections::HashMap<&str, usize> =
        roadmap.skills.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let plain: Vec<Vec<(usize, usize)>> = roadmap
        .skills
        .iter()
        .map(|s| {
            s.prerequisites
                .iter()
                .enumerate()
                .filter_map(|(entry, p)| match p {
                    Prerequisite::Skill(id) => index.get(id.as_str()).map(|&m| (entry, m)),
                    Prerequisite::AnyOf(_) => None,
                })
                .collect()
        })
        .collect();
    // Every edge of these roadmaps goes back in the file: file order is topological.
    let words = n.div_ceil(64);
    let mut ancestors = vec![0u64; n * words];
    for i in 0..n {
        for &(_, m) in &plain[i] {
            assert!(m < i, "generated edges go back in the file");
            for w in 0..words {
                ancestors[i * words + w] |= ancestors[m * words + w];
            }
            ancestors[i * words + m / 64] |= 1 << (m % 64);
        }
    }
    let needs = |a: usize, b: usize| ancestors[a * words + b / 64] >> (b % 64) & 1 == 1;
    let mut out = Vec::new();
    for (v, list) in plain.iter().enumerate() {
        for &(entry, target) in list {
            if let Some(&(_, via)) = list.iter().find(|&&(_, via)| via != target && needs(via, target)) {
                out.push((v, entry, via));
            }
        }
    }
    out
}

fn redundant_found(roadmap: &Roadmap) -> Vec<(usize, usize, usize)> {
    let graph = SkillGraph::new(roadmap);
    let at = |id: &str| graph.skill_index(id).unwrap();
    graph.redundant_prerequisites().iter().map(|r| (at(r.skill), r.entry, at(r.via))).collect()
}

/// A random roadmap: each skill has up to `degree` plain prerequisites
/// among the previous `window` skills, and sometimes an `any_of` group.
fn random_graph(n: usize, window: usize, degree: usize, seed: u64) -> Roadmap {
    let mut rng = Rng::new(seed);
    let skills: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let from = i.saturating_sub(window);
            let mut prerequisites: Vec<serde_json::Value> = Vec::new();
            if i > 0 {
                for _ in 0..rng.below(degree + 1) {
                    prerequisites.push(serde_json::json!(format!("s{}", from + rng.below(i - from))));
                }
                if rng.percent(10) {
                    let (a, b) = (from + rng.below(i - from), from + rng.below(i - from));
                    prerequisites.push(serde_json::json!({ "any_of": [format!("s{a}"), format!("s{b}")] }));
                }
            }
            serde_json::json!({ "id": format!("s{i}"), "name": format!("Skill {i}"), "prerequisites": prerequisites })
        })
        .collect();
    serde_json::from_value(serde_json::json!({ "id": "r", "title": "R", "version": "1.0.0", "skills": skills }))
        .unwrap()
}

#[test]
fn redundant_prerequisites_match_brute_force_on_every_shape() {
    for &shape in ALL {
        for (n, seed) in [(300, 1), (2_000, 2)] {
            let roadmap = generate_shaped(n, seed, shape);
            assert_eq!(redundant_found(&roadmap), redundant_by_brute_force(&roadmap), "{shape:?} {n}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn redundant_prerequisites_match_brute_force_on_random_graphs(
        n in 1usize..2_000,
        window in prop_oneof![1usize..10, 10usize..200, Just(usize::MAX)],
        degree in prop_oneof![0usize..4, 4usize..40],
        seed in any::<u64>(),
    ) {
        let roadmap = random_graph(n, window, degree, seed);
        let found = redundant_found(&roadmap);
        prop_assert_eq!(&found, &redundant_by_brute_force(&roadmap));
        // On threads (the blocks of targets shared among them): the same.
        let graph = SkillGraph::new(&roadmap);
        prop_assert_eq!(graph.redundant_prerequisites_within(u64::MAX, 3).found, graph.redundant_prerequisites());
    }

    #[test]
    fn similar_names_match_brute_force(names in proptest::collection::vec(name(), 1..400)) {
        let _groups = check_names(&names);
    }
}

#[test]
fn similar_names_match_brute_force_on_2000_names() {
    let mut rng = Rng::new(7);
    let names: Vec<String> = (0..2_000).map(|_| random_name(&mut rng)).collect();
    let groups = check_names(&names);
    assert!(groups.iter().any(|(_, size)| *size > 10), "large groups are exercised");
    // Some group is joined by an edit alone, not by sameness.
    let one_edit_only = (0..2_000)
        .any(|a| (0..a).any(|b| key(&names[a]) != key(&names[b]) && one_edit(&spaced(&names[a]), &spaced(&names[b]))));
    assert!(one_edit_only);
}

/// Names of random words over six letters, most of whose token keys no
/// other name shares (so that TM109 keeps only some of them), a third of
/// them followed by a copy one random edit away.
#[test]
fn similar_names_match_brute_force_on_words_of_their_own() {
    let mut rng = Rng::new(11);
    let word = |rng: &mut Rng| (0..3 + rng.below(6)).map(|_| char::from(b'a' + rng.below(6) as u8)).collect::<String>();
    let mut names = Vec::new();
    while names.len() < 1_500 {
        let name = (0..1 + rng.below(3)).map(|_| word(&mut rng)).collect::<Vec<_>>().join(" ");
        let mut edited: Vec<char> = name.chars().collect();
        let at = rng.below(edited.len());
        match rng.below(4) {
            0 => edited.insert(at, 'b'),
            1 => drop(edited.remove(at)),
            2 => edited[at] = 'c',
            _ => {
                let next = (at + 1).min(edited.len() - 1);
                edited.swap(at, next);
            }
        }
        names.push(name);
        if rng.below(3) == 0 {
            names.push(edited.into_iter().collect());
        }
    }
    let groups = check_names(&names);
    assert!(groups.len() > 50, "{} groups", groups.len());
}

/// Words split at random places, in random case, some with a letter
/// changed: hundreds of spellings of one sameness key (and of its plural
/// written in capitals, another key), more than TM109 keeps in a list.
#[test]
fn similar_names_match_brute_force_on_words_split_many_ways() {
    let mut rng = Rng::new(13);
    let mut names = Vec::new();
    while names.len() < 600 {
        let word = ["kubernetesorchestration", "kubernetesorchestratiom", "elasticsearch"][rng.below(3)];
        let mut name = String::new();
        for (k, c) in word.chars().enumerate() {
            if k > 0 {
                name.push_str(["", "", " ", "-", "."][rng.below(5)]);
            }
            name.push(if rng.below(2) == 0 { c.to_ascii_uppercase() } else { c });
        }
        names.push(name);
    }
    let groups = check_names(&names);
    assert!(groups.iter().any(|(_, size)| *size > 100), "{groups:?}");
    // Forty spellings of "elasticsearch" split elsewhere, then the one
    // split where a name one edit from it is: that text, past the first
    // sixteen, is still searched for names one edit apart.
    let word: Vec<char> = "elasticsearch".chars().collect();
    let mut names: Vec<String> = (1..=40u32)
        .map(|mask| {
            let mut name = String::new();
            for (k, c) in word.iter().enumerate() {
                // Never after "elastic", nor after an `s` (a token ending
                // in one may be a plural: another key).
                let split = [1, 2, 3, 5, 6, 9, 10, 11].iter().position(|&at| at == k);
                if split.is_some_and(|bit| mask >> bit & 1 == 1) {
                    name.push(' ');
                }
                name.push(*c);
            }
            name
        })
        .collect();
    names.extend(["Elastic search".to_owned(), "Elastic Searcj".to_owned()]);
    let groups = check_names(&names);
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].1, 42, "{groups:?}");
}

/// Pieces that normalize alike, one edit apart, plural, prefixes, short
/// tokens and numbers.
const PIECES: &[&str] = &[
    "Kubernetes",
    "Kubernets",
    "Kuberentes",
    "kubernetes",
    "Graph",
    "Graphs",
    "HTTP",
    "HTTPS",
    "SQS",
    "SNS",
    "SES",
    "Design",
    "Patterns",
    "Paterns",
    "Pattern",
    "2",
    "3",
    "12",
    "Python",
    "Pyhton",
    "abcdefgh",
    "abcdefgx",
    "Big",
    "O",
    "θ",
    "Élan",
    "Elan",
    "ss",
    "Class",
    "Classes",
];
const SEPARATORS: &[&str] = &[" ", "-", "", ".", "  "];

fn random_name(rng: &mut Rng) -> String {
    let mut name = String::new();
    for k in 0..1 + rng.below(3) {
        if k > 0 {
            name.push_str(SEPARATORS[rng.below(SEPARATORS.len())]);
        }
        name.push_str(PIECES[rng.below(PIECES.len())]);
    }
    name
}

fn name() -> impl Strategy<Value = String> {
    any::<u64>().prop_map(|seed| random_name(&mut Rng::new(seed)))
}

/// Tokens: runs of letters and digits, lower case; `s` written in lower
/// case ends a plural in tokens of four or more, not after another `s`.
fn tokens(name: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let plural = word.ends_with('s') && chars.len() >= 4 && !lower.ends_with("ss");
        out.push((lower, plural));
    }
    out
}

/// The same name: tokens without plural `s`, joined.
fn key(name: &str) -> String {
    tokens(name).into_iter().map(|(t, plural)| if plural { t[..t.len() - 1].to_owned() } else { t }).collect()
}

/// Tokens joined by spaces.
fn spaced(name: &str) -> String {
    tokens(name).into_iter().map(|(t, _)| t).collect::<Vec<_>>().join(" ")
}

/// The specification, spelled out with the edit distance, on spaced names.
fn one_edit(x: &str, y: &str) -> bool {
    let letters = |s: &str| s.chars().filter(|c| *c != ' ').count();
    if x == y || letters(x) < 8 || letters(y) < 8 || x.starts_with(y) || y.starts_with(x) {
        return false;
    }
    if trailmap::suggest::levenshtein(x, y, 2) != 1 {
        return false;
    }
    let (xc, yc): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let prefix = xc.iter().zip(&yc).take_while(|(p, q)| p == q).count();
    let suffix = xc[prefix..].iter().rev().zip(yc[prefix..].iter().rev()).take_while(|(p, q)| p == q).count();
    let edited = |s: &[char]| {
        let middle = &s[prefix..s.len() - suffix];
        let word_start = s[..prefix].iter().rposition(|c| *c == ' ').map_or(0, |p| p + 1);
        let word_end = s[s.len() - suffix..].iter().position(|c| *c == ' ').map_or(s.len(), |p| s.len() - suffix + p);
        middle.iter().all(|c| c.is_alphabetic()) && word_end - word_start >= 4
    };
    edited(&xc) && edited(&yc)
}

/// Asserts that TM109's groups are the brute-force ones; returns them
/// (the finding's head and the group's size).
fn check_names(names: &[String]) -> Vec<(String, usize)> {
    let n = names.len();
    // Groups by brute force: every pair, then connected components.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            i = parent[i];
        }
        i
    }
    let keys: Vec<String> = names.iter().map(|n| key(n)).collect();
    let texts: Vec<String> = names.iter().map(|n| spaced(n)).collect();
    for a in 0..n {
        for b in a + 1..n {
            if keys[a] == keys[b] || one_edit(&texts[a], &texts[b]) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut expected: Vec<(String, usize)> = groups
        .values()
        .filter(|g| g.len() > 1)
        .map(|g| (format!("skills `s{}` and `s{}`", g[1], g[0]), g.len()))
        .collect();
    expected.sort();

    let skills: Vec<serde_json::Value> =
        names.iter().enumerate().map(|(i, name)| serde_json::json!({ "id": format!("s{i}"), "name": name })).collect();
    let text = serde_json::json!({ "id": "r", "title": "R", "version": "1.0.0", "skills": skills }).to_string();
    let config = trailmap_lint::config::Config::parse("[lint]\nselect = [\"TM109\"]\n", None).unwrap();
    let found = trailmap_lint::lint(&[trailmap_lint::SourceFile::new("r.json", text)], &config);
    let mut got: Vec<(String, usize)> = found
        .iter()
        .map(|d| {
            let head = d.message.split(" have ").next().unwrap().to_owned();
            // Group size: the two named, the listed ones, and "and N more".
            let listed = d.message.split(", as do ").nth(1).map_or(0, |rest| {
                let (ids, more) = rest.split_once(" and ").unwrap_or((rest, ""));
                ids.split(", ").count() + more.trim_end_matches(" more").parse::<usize>().unwrap_or(0)
            });
            (head, 2 + listed)
        })
        .collect();
    got.sort();
    assert_eq!(got, expected, "{names:?}");
    expected
}
