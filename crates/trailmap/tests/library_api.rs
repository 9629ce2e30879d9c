//! The library's promises to other tools: a partial model is never handed
//! out by accident, and the queries agree on goals and errors.

use trailmap::query::{NextOptions, QueryError};
use trailmap::{Progress, Roadmap, SkillGraph};

/// `prerequisities` is misspelt: the lenient loader drops the key, so the
/// partial model says `numpy` needs nothing.
const MISSPELT: &str = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    {"id": "python", "name": "Python"},
    {"id": "numpy", "name": "NumPy", "prerequisities": ["python"]}
]}"#;

#[test]
fn a_misspelt_key_gives_no_model_to_query() {
    let loaded = Roadmap::from_json_str(MISSPELT);
    assert!(!loaded.is_whole(), "a schema error breaks the model");
    let diagnostics = loaded.into_result().expect_err("an invalid file has no model to query");
    assert!(diagnostics.iter().any(|d| d.code == "TM002" && d.pointer == "/skills/1/prerequisities"));

    // The same roadmap spelt right: numpy waits for python.
    let fixed = Roadmap::from_json_str(&MISSPELT.replace("prerequisities", "prerequisites"));
    let (roadmap, warnings) = fixed.into_result().expect("valid");
    assert!(warnings.is_empty());
    let graph = SkillGraph::new(&roadmap);
    let next = graph.next(&Progress::default(), &NextOptions::default()).unwrap();
    let ids: Vec<&str> = next.iter().map(|s| s.skill.id.as_str()).collect();
    assert_eq!(ids, ["python"]);
}

#[test]
fn warnings_come_with_the_model() {
    let loaded = Roadmap::from_slice_with(
        b"\xef\xbb\xbf{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": []}",
        "bom.json",
        &Default::default(),
    );
    let (_, warnings) = loaded.into_result().expect("a byte-order mark is only a warning");
    assert_eq!(warnings[0].code, "TM012");
}

#[test]
fn next_and_plan_take_the_same_goals_and_reject_the_same_unknown_goal() {
    let (roadmap, _) =
        Roadmap::from_json_str(&MISSPELT.replace("prerequisities", "prerequisites")).into_result().unwrap();
    let graph = SkillGraph::new(&roadmap);
    let progress = Progress::default();
    let goals: Vec<String> = vec!["numpi".into()];
    let next = graph.next(&progress, &NextOptions::default().with_goals(goals.iter().cloned()));
    let plan = graph.plan(&goals, &progress);
    let expected = QueryError::UnknownSkill { id: "numpi".into(), suggestion: Some("numpy".into()) };
    assert_eq!(next.unwrap_err(), expected);
    assert_eq!(plan.unwrap_err(), expected);

    let goals = ["numpy"];
    let next = graph.next(&progress, &NextOptions::default().with_goals(goals)).unwrap();
    assert_eq!(next[0].reasons[0].to_string(), "needed for NumPy");
    let plan = graph.plan(&goals, &progress).unwrap();
    assert_eq!(plan.goals, ["numpy"]);
    assert_eq!(plan.schedule(10.0).unwrap().items.len(), 2);
}

/// A `.yaml` file whose text is JSON (as `json.dump` writes one) is read
/// as JSON, which is what YAML makes of it: the same model and the same
/// diagnostics at the same places as the `.json` file, on one line or
/// indented, after a byte-order mark or not. Text that only starts like
/// JSON (a comment, a plain scalar) is still read as YAML.
#[test]
fn a_yaml_file_of_json_text_reads_as_its_json() {
    let broken = MISSPELT.replace("\"python\"]", "\"python\", \"nowhere\"]");
    let one_line: String = broken.split('\n').map(str::trim).collect();
    for text in [MISSPELT.to_owned(), broken.clone(), one_line, format!("\u{feff}{broken}")] {
        let json = Roadmap::from_slice_with(text.as_bytes(), "r.json", &Default::default());
        let yaml = Roadmap::from_slice_with(text.as_bytes(), "r.yaml", &Default::default());
        assert_eq!(yaml.roadmap, json.roadmap, "{text}");
        let said = |loaded: &trailmap::Loaded| -> Vec<(String, String, Option<trailmap::Location>)> {
            loaded.diagnostics.iter().map(|d| (d.code.to_owned(), d.message.clone(), d.location)).collect()
        };
        assert_eq!(said(&yaml), said(&json), "{text}");
        assert!(!json.diagnostics.is_empty() || text == MISSPELT);
    }
    let yaml_only = "{\"id\": \"r\", \"title\": R, \"version\": \"1.0.0\", \"skills\": []} # a comment\n";
    let loaded = Roadmap::from_slice_with(yaml_only.as_bytes(), "r.yaml", &Default::default());
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.roadmap.expect("a model").title, "R");
}
