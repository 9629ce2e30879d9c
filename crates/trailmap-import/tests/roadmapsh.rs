//! roadmap.sh editor graphs: a small hand-written graph of the published shape.

use std::path::Path;

use trailmap::{Roadmap, SkillLevel};
use trailmap_import::{Element, Options, Outcome};

#[test]
fn graph_imports_to_a_valid_roadmap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmapsh/small.json");
    let imported =
        trailmap_import::roadmapsh::import(&std::fs::read_to_string(path).unwrap(), &Options::default()).unwrap();
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    let r = &imported.roadmap;
    assert_eq!(r.title, "Gardening");
    let names: Vec<&str> = r.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Soil", "Watering", "Grafting", "Compost", "pH", "Drip irrigation"]);
    // Paragraph and section become phases; topics go where they sit.
    assert_eq!(r.phases[0].title, "Start here");
    assert_eq!(r.phases[0].skills, ["soil", "watering", "compost", "ph", "drip-irrigation"]);
    assert_eq!(r.phases[1].title, "Advanced");
    assert_eq!(r.phases[1].skills, ["grafting"]);
    // Subtopics hang off their topic: by edge, or beside it.
    let soil = &r.skills[0];
    assert_eq!(soil.topics, ["Compost", "pH"]);
    assert_eq!(r.skills[1].topics, ["Drip irrigation"]);
    assert!(r.skills[4].optional);
    assert_eq!(r.skills[2].level, Some(SkillLevel::Advanced));
    assert_eq!(soil.extensions.get("x-roadmap-sh-node").and_then(|v| v.as_str()), Some("a"));
    assert_eq!(r.milestones[0].criteria.len(), 2);
    // The dangling edge is reported; every node is accounted for.
    let dangling: Vec<_> =
        imported.report.of(Element::Edge).filter(|e| matches!(e.outcome, Outcome::NotPlaced { .. })).collect();
    assert_eq!(dangling.len(), 1);
    assert_eq!(dangling[0].text, "e3");
    assert_eq!(imported.report.of(Element::Node).count(), 12);
}

#[test]
fn bad_graphs_are_errors_or_reported() {
    assert!(trailmap_import::roadmapsh::import("{", &Options::default()).unwrap_err().contains("line 1"));
    assert!(trailmap_import::roadmapsh::import("{\"edges\": []}", &Options::default()).is_err());
    let imported =
        trailmap_import::roadmapsh::import("{\"nodes\": [{\"type\": \"topic\"}, 3]}", &Options::default()).unwrap();
    assert_eq!(imported.report.counts().not_placed, 2);
    // Many subtopics and topics: geometry stays bounded.
    let nodes: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"id": "n{i}", "type": "{}", "position": {{"x": {}, "y": {i}}}, "data": {{"label": "N{i}"}}}}"#,
                if i % 2 == 0 { "topic" } else { "subtopic" },
                i % 7
            )
        })
        .collect();
    let imported =
        trailmap_import::roadmapsh::import(&format!("{{\"nodes\": [{}]}}", nodes.join(",")), &Options::default())
            .unwrap();
    assert_eq!(imported.roadmap.skills.len(), 20_000);
}

#[test]
fn content_files_give_descriptions_and_resources() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roadmapsh");
    let mut options = Options::default();
    options.content_dir = Some(dir.join("content"));
    let imported =
        trailmap_import::roadmapsh::import(&std::fs::read_to_string(dir.join("small.json")).unwrap(), &options)
            .unwrap();
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    let r = &imported.roadmap;
    let soil = r.skills.iter().find(|s| s.name == "Soil").unwrap();
    assert!(soil.description.as_deref().unwrap().starts_with("Soil is the mix"));
    let kinds: Vec<_> = soil.resources.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, [Some(trailmap::ResourceKind::Article), Some(trailmap::ResourceKind::Video)]);
    let compost = r.skills.iter().find(|s| s.name == "Compost").unwrap();
    assert_eq!(compost.description.as_deref(), Some("Decomposed organic matter that feeds the soil."));
    // A file whose node is not in the graph is reported with its name.
    let orphan = imported.report.entries.iter().find(|e| e.file.as_deref() == Some("orchids@zz.md")).unwrap();
    assert!(matches!(orphan.outcome, Outcome::NotPlaced { .. }));
    assert_eq!(imported.report.of(Element::Resource).count(), 3);
}

#[test]
fn topics_with_one_label_stay_one_skill_each_with_their_files() {
    let graph = r#"{"nodes": [
        {"id": "a", "type": "topic", "position": {"x": 0, "y": 0}, "data": {"label": "Git"}},
        {"id": "b", "type": "topic", "position": {"x": 0, "y": 100}, "data": {"label": "Git"}},
        {"id": "c", "type": "topic", "position": {"x": 0, "y": 200}, "data": {"label": "Git"}},
        {"id": "s", "type": "subtopic", "position": {"x": 200, "y": 0}, "data": {"label": ""}}
    ], "edges": []}"#;
    let dir = std::env::temp_dir().join(format!("trailmap-rsh-same-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("git@a.md"), "# Git\n\nFirst.\n\n- [@video@A](https://a.com/x)\n").unwrap();
    std::fs::write(dir.join("git@b.md"), "# Git\n\nSecond.\n").unwrap();
    let mut options = trailmap_import::Options::default();
    options.content_dir = Some(dir.clone());
    let imported = trailmap_import::roadmapsh::import(graph, &options).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(trailmap::Roadmap::from_json_str(&imported.to_json()).is_valid());
    let r = &imported.roadmap;
    let gits: Vec<_> = r.skills.iter().filter(|s| s.name == "Git").collect();
    assert_eq!(gits.len(), 3);
    let nodes: Vec<_> = gits.iter().map(|s| s.extensions.get("x-roadmap-sh-node").unwrap().as_str().unwrap()).collect();
    assert_eq!(nodes, ["a", "b", "c"]);
    assert_eq!(gits[0].description.as_deref(), Some("First."));
    assert_eq!(gits[1].description.as_deref(), Some("Second."));
    assert_eq!(gits[0].resources.len(), 1);
    assert!(!imported.report.entries.iter().any(|e| matches!(e.outcome, trailmap_import::Outcome::NotPlaced { .. })));
    // A subtopic without a label adds no empty topic.
    assert!(r.skills.iter().all(|s| s.topics.iter().all(|t| !t.is_empty())));
}
