//! Rendering a roadmap for people.
//!
//! - [`markdown`]: a readable document from the data alone, in the order of
//!   the roadmap: title, summary, principles, the phases as nested headings
//!   with what belongs to each (goal, skills, tasks, projects, practices,
//!   milestones, exclusions), then what belongs to no phase, the area table
//!   and a skills reference.
//! - [`mermaid`]: the prerequisite graph as a Mermaid `flowchart`, which
//!   GitHub draws inside a ```` ```mermaid ```` code fence.
//! - [`dot`]: the same graph as Graphviz DOT.
//! - [`svg`]: the same graph as a standalone SVG picture, laid out in Rust.
//! - [`html`]: one self-contained page with the whole roadmap, the SVG,
//!   a checkbox per skill, a "What next" panel and progress files.
//!
//! Roadmaps come from strangers' pull requests, so every string taken from
//! the file goes through [`trailmap::escape`] for its format, and diagram
//! node ids are generated, never taken from the file.
//!
//! ```
//! use trailmap::Roadmap;
//!
//! let roadmap = Roadmap::from_json_str(r#"{"id": "ml", "title": "ML", "version": "1.0.0", "skills": [
//!     {"id": "python", "name": "Python"},
//!     {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]}
//! ]}"#).roadmap.unwrap();
//!
//! assert!(trailmap_render::markdown(&roadmap).starts_with("# ML\n"));
//! let chart = trailmap_render::mermaid(&roadmap, &Default::default());
//! assert!(chart.contains("n0 --> n1"));
//! let dot = trailmap_render::dot(&roadmap, &Default::default());
//! assert!(dot.contains(r#""python" -> "numpy";"#));
//! ```
//!
//! Nothing here prints or exits: each function returns the text.
#![forbid(unsafe_code)]

mod diagram;
mod dot;
mod facts;
mod html;
pub mod ics;
pub mod learner;
mod markdown;
mod mermaid;
mod svg;

pub use dot::{DotOptions, dot};
pub use html::{HtmlOptions, html};
pub use markdown::markdown;
pub use mermaid::{MermaidOptions, mermaid};
pub use svg::{SvgOptions, svg};

use trailmap::{Phase, PhaseKind};

/// A phase's heading, unescaped: `Week 3-4: Basic Tools` for stretches of
/// time, `Core Foundations (Week 1–3)` for phases, stages, levels and
/// sections, as roadmaps usually write them; the title alone when it
/// already says the span.
fn phase_title(phase: &Phase) -> String {
    let Some(label) = phase.span.as_ref().map(ToString::to_string).filter(|l| !l.trim().is_empty()) else {
        return phase.title.clone();
    };
    if phase.title.contains(&label) {
        return phase.title.clone();
    }
    let time_first =
        !matches!(phase.kind, Some(PhaseKind::Phase | PhaseKind::Stage | PhaseKind::Level | PhaseKind::Section));
    if time_first {
        format!("{label}: {}", phase.title)
    } else if label.contains(['(', ')']) {
        format!("{} · {label}", phase.title)
    } else {
        format!("{} ({label})", phase.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(json: &str) -> Phase {
        let roadmap = trailmap::Roadmap::from_json_str(&format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [], "phases": [{json}]}}"#
        ));
        roadmap.roadmap.and_then(|r| r.phases.into_iter().next()).expect("a phase")
    }

    #[test]
    fn spans_read_like_roadmaps_write_them() {
        let week = phase(
            r#"{"id": "w", "title": "Basic Tools", "kind": "block", "span": {"unit": "week", "start": 3, "end": 4}}"#,
        );
        assert_eq!(phase_title(&week), "Week 3-4: Basic Tools");
        let stage = phase(
            r#"{"id": "s", "title": "Core Foundations", "kind": "phase", "span": {"unit": "week", "start": 1, "end": 3, "label": "Week 1–3"}}"#,
        );
        assert_eq!(phase_title(&stage), "Core Foundations (Week 1–3)");
        let same =
            phase(r#"{"id": "d", "title": "Day 1-2", "kind": "day", "span": {"unit": "day", "start": 1, "end": 2}}"#);
        assert_eq!(phase_title(&same), "Day 1-2");
        let nested = phase(
            r#"{"id": "l", "title": "Core", "kind": "level", "span": {"unit": "month", "start": 1, "end": 4, "label": "Months 1–4 (4 each)"}}"#,
        );
        assert_eq!(phase_title(&nested), "Core · Months 1–4 (4 each)");
        let bare = phase(r#"{"id": "b", "title": "Bare"}"#);
        assert_eq!(phase_title(&bare), "Bare");
    }
}
