//! Bytes -> `Roadmap::from_slice_with` -> every output format; then the
//! graph queries the loader itself relies on, on whatever model came out
//! (the graph built from validation's lookup of the ids being the graph
//! built anew), and the locators on whatever text came in.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use trailmap::{Roadmap, SkillGraph};

fuzz_target!(|data: &[u8]| {
    let options = common::options().with_resolved_ids(true);
    let mut loaded = Roadmap::from_slice_with(data, "fuzz/roadmap.json", &options);
    let resolved = loaded.take_resolved_ids();
    let source = std::str::from_utf8(data).ok();
    common::check_diagnostics(source, data.len(), &loaded.diagnostics);

    // Locating again from the pointers alone agrees with the loader.
    if let Some(source) = source {
        let mut again = loaded.diagnostics.clone();
        for d in &mut again {
            d.location = None;
        }
        trailmap::locate(source, &mut again);
        for d in &again {
            let loc = d.location.expect("located");
            assert!(loc.offset <= loc.end_offset && loc.end_offset <= source.len());
            assert!(source.is_char_boundary(loc.offset) && source.is_char_boundary(loc.end_offset));
        }
        // The scan that follows index pairs finds what locating their
        // pointers finds, in JSON without repeated keys (where it keeps
        // the first, and locating the last).
        let repeats = loaded.diagnostics.iter().any(|d| matches!(d.code, "TM001" | "TM003"));
        let pairs = [(0, 0), (0, 2), (1, 0), (2, 1), (7, 0)];
        let found = trailmap::locate::list_items(source, "skills", "prerequisites", &pairs);
        for (&(i, j), found) in pairs.iter().zip(found) {
            let Some(found) = found.filter(|_| !repeats) else { continue };
            let mut d = [trailmap::Diagnostic::new("T", "t", trailmap::Severity::Info, "m")
                .at(format!("/skills/{i}/prerequisites/{j}"))];
            trailmap::locate::locate_as(source, trailmap::Format::Json, &mut d);
            assert_eq!(d[0].location, Some(found), "/skills/{i}/prerequisites/{j}");
        }
        // So does the scan that finds each element's field itself.
        let elements = [0, 1, 2, 7];
        let mut fields = [None; 4];
        trailmap::locate::list_fields_each(source, "skills", "id", &elements, |k, at| fields[k] = Some(at));
        for (&i, found) in elements.iter().zip(fields) {
            let Some(found) = found.filter(|_| !repeats) else { continue };
            let mut d =
                [trailmap::Diagnostic::new("T", "t", trailmap::Severity::Info, "m").at(format!("/skills/{i}/id"))];
            trailmap::locate::locate_as(source, trailmap::Format::Json, &mut d);
            assert_eq!(d[0].location, Some(found), "/skills/{i}/id");
        }
    }

    if loaded.is_valid() {
        assert!(loaded.roadmap.is_some(), "a valid file has a model");
    }
    if let Some(roadmap) = &loaded.roadmap {
        let graph = SkillGraph::new(roadmap);
        if let Some(ids) = resolved {
            assert_eq!(format!("{:?}", SkillGraph::with_resolved_ids(roadmap, ids)), format!("{graph:?}"));
        }
        let _ = graph.cycles();
        let order = graph.learning_order();
        if loaded.is_valid() {
            let order = order.expect("a valid roadmap has no cycle");
            assert_eq!(order.len(), graph.len());
        }
        let _ = graph.redundant_prerequisites();
        for skill in roadmap.skills.iter().take(8) {
            let _ = graph.all_prerequisites(&skill.id);
            let _ = graph.all_dependents(&skill.id);
            let _ = graph.where_taught(&skill.id);
        }
    }
});
