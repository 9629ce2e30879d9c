//! On a large roadmap the per-file rules run on several threads; what they
//! report must be exactly what each rule reports when it runs alone (on
//! the calling thread).

use serde_json::{Value, json};
use trailmap::Diagnostic;
use trailmap_lint::config::Config;
use trailmap_lint::registry::{self, Check};
use trailmap_lint::{SourceFile, lint};

/// 2,500 skills (past the size where rules go parallel) in chains of ten,
/// with problems for several rules planted at known places.
fn large_roadmap() -> String {
    let n = 2_500;
    let mut skills: Vec<Value> = (0..n)
        .map(|i| {
            let prerequisites = if i % 10 == 0 { json!([]) } else { json!([format!("s{}", i - 1)]) };
            json!({"id": format!("s{i}"), "name": format!("Skill {}", words(i)), "prerequisites": prerequisites})
        })
        .collect();
    // TM107: s12 already needs s11, which needs s10.
    skills[12]["prerequisites"] = json!(["s10", "s11"]);
    // TM109: two names one letter apart.
    skills[500]["name"] = json!("Gradient Boosting");
    skills[900]["name"] = json!("Gradient Bosting");
    // TM114: a required skill needs an optional one.
    skills[40]["optional"] = json!(true);
    // TM108: an id that is not kebab-case (nothing refers to it).
    skills[2_499]["id"] = json!("Last_Skill");
    // Phases of 100 skills; s205 is taught before its prerequisite s204
    // (TM101), and the last ten skills are in no phase (TM102).
    let mut phases: Vec<Value> = (0..24)
        .map(|p| {
            let ids: Vec<String> = (p * 100..(p + 1) * 100).map(|i| format!("s{i}")).collect();
            json!({"id": format!("p{p}"), "title": format!("Phase {p}"), "skills": ids})
        })
        .collect();
    phases[2]["skills"].as_array_mut().unwrap().retain(|id| id != "s205");
    phases[1]["skills"].as_array_mut().unwrap().push(json!("s205"));
    let last: Vec<String> = (2_400..2_490).map(|i| format!("s{i}")).collect();
    phases.push(json!({"id": "p24", "title": "Phase 24", "skills": last}));
    let roadmap = json!({"id": "large", "title": "Large", "version": "1.0.0", "skills": skills, "phases": phases});
    serde_json::to_string_pretty(&roadmap).unwrap()
}

/// Distinct names: a skill index spelled as letters.
fn words(mut i: usize) -> String {
    let mut out = String::new();
    loop {
        out.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return out;
        }
    }
}

fn key(d: &Diagnostic) -> (usize, &'static str, String) {
    (d.location.map_or(0, |l| l.offset), d.code, d.message.clone())
}

#[test]
fn parallel_rules_report_what_each_rule_reports_alone() {
    let files = [SourceFile::new("large.json", large_roadmap())];
    let all = lint(&files, &Config::default());
    let codes: Vec<&str> = all.iter().map(|d| d.code).collect();
    for code in ["TM101", "TM102", "TM107", "TM108", "TM109", "TM114"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    // In position order, as promised.
    assert!(all.windows(2).all(|w| key(&w[0]).0 <= key(&w[1]).0));

    let mut alone = Vec::new();
    for rule in registry::all().iter().filter(|r| matches!(r.check, Check::File(_))) {
        let mut config = Config::default();
        config.file.lint.select = Some(vec![rule.code.to_owned()]);
        alone.extend(lint(&files, &config));
    }
    let mut expected: Vec<_> = alone.iter().map(key).collect();
    expected.sort();
    let mut got: Vec<_> = all.iter().map(key).collect();
    got.sort();
    assert_eq!(got, expected);
}
