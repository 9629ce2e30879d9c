//! The prerequisite graph as a standalone SVG picture, laid out in Rust by
//! `layout-rs` (a Graphviz-style layered layout), so no Graphviz is needed.
//!
//! `layout-rs` places the nodes and routes the edges and calls a drawing
//! backend; the backend here ([`Canvas`]) writes the SVG itself, so every
//! string from the file goes through [`trailmap::escape::xml`] and every
//! attribute value is generated.

use std::fmt::Write as _;

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use trailmap::Roadmap;
use trailmap::escape;

use crate::diagram::Diagram;

mod canvas;

use canvas::Canvas;

/// How [`svg`] draws the graph.
///
/// ```
/// let mut options = trailmap_render::SvgOptions::default();
/// options.group_by_phase = false;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SvgOptions {
    /// Lay the top-level phases out left to right in time order, colour
    /// each skill by its phase and draw a labelled box behind each phase's
    /// skills. Default: `true`.
    pub group_by_phase: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions { group_by_phase: true }
    }
}

/// Names are wrapped at this many characters a line (at spaces).
const WRAP: usize = 22;
/// Groups with more nodes than this are laid out without the crossing
/// optimisation, which grows much faster than the graph.
const OPTIMISE_UP_TO: usize = 150;
/// Groups with more skills than this are drawn as several boxes of at
/// most this many: `layout-rs` places a group's nodes in time that grows
/// about as the cube of its size once edges are long (250 skills with
/// prerequisites drawn from anywhere before them: 0.09 s; 1,000: 11 s;
/// 2,000: 108 s). Edges between boxes are drawn across them.
const BAND: usize = 150;
const FONT_PX: f64 = 13.0;
const CHAR_PX: f64 = 7.4;
const LINE_PX: f64 = 16.0;
const MARGIN: f64 = 16.0;
/// Space between a phase's box and what it holds, and between boxes.
const PAD: f64 = 12.0;
const GAP: f64 = 28.0;

/// Fills for the phase boxes, light enough for dark text.
const PALETTE: [&str; 8] = ["#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#e0e7ff", "#ccfbf1", "#ffedd5", "#ede9fe"];

/// Renders the prerequisite graph as a standalone SVG document: one box
/// per skill with its name (wrapped at spaces) in a `<text>`, an arrow
/// from each prerequisite to the skill that needs it, each `any_of` group
/// as a dashed "or" circle that its alternatives join with dashed lines,
/// and optional skills with a dashed border. With
/// [`group_by_phase`](SvgOptions::group_by_phase), each top-level phase is
/// a labelled, coloured box holding the skills it teaches first, laid out
/// on its own, and the boxes run left to right in time order; arrows
/// between phases are drawn across the boxes. Skills in no phase come last.
///
/// Each box's inside is laid out by `layout-rs`; every string from the file
/// is escaped with [`trailmap::escape::xml`], so the output is well-formed
/// XML whatever the names hold. Each skill's `<g>` carries
/// `data-skill-id`. Deterministic.
///
/// ```
/// use trailmap::Roadmap;
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R & D", "version": "1.0.0",
///   "skills": [{"id": "python", "name": "Python"}, {"id": "numpy", "name": "<NumPy>", "prerequisites": ["python"]}]}"#,
/// ).roadmap.unwrap();
///
/// let svg = trailmap_render::svg(&roadmap, &Default::default());
/// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
/// assert!(svg.contains(">R &amp; D</title>"));
/// assert!(svg.contains(">&lt;NumPy&gt;</tspan>"));
/// ```
pub fn svg(roadmap: &Roadmap, options: &SvgOptions) -> String {
    let diagram = Diagram::new(roadmap, options.group_by_phase);
    let mut groups: Vec<(Option<&str>, Vec<usize>)> =
        diagram.top_level().into_iter().map(|(title, skills)| (Some(title), skills)).collect();
    if !diagram.loose.is_empty() {
        let title = if groups.is_empty() { None } else { Some("Not in a phase") };
        groups.push((title, diagram.loose.clone()));
    }
    let groups = in_bands(groups);
    let mut group_of = vec![usize::MAX; roadmap.skills.len()];
    for (g, (_, skills, _)) in groups.iter().enumerate() {
        for &i in skills {
            group_of[i] = g;
        }
    }
    let boxes: Vec<Laid> = groups
        .iter()
        .enumerate()
        .map(|(g, (title, skills, _))| lay_out(roadmap, &diagram, &group_of, g, title.as_deref(), skills))
        .collect();

    // Place the boxes left to right, in time order.
    let mut out_body = String::new();
    let mut at = vec![None; roadmap.skills.len()];
    let mut junction_at = vec![None; diagram.junctions.len()];
    let (mut x, mut bottom) = (MARGIN, MARGIN);
    for (laid, &(_, _, colour)) in boxes.iter().zip(&groups) {
        let header = laid.title.len() as f64 * LINE_PX + if laid.title.is_empty() { 0.0 } else { 10.0 };
        let inner = (laid.extent.2 - laid.extent.0, laid.extent.3 - laid.extent.1);
        let width = inner.0.max(laid.title_width) + 2.0 * PAD;
        let height = inner.1 + header + 2.0 * PAD;
        let dx = x + (width - inner.0) / 2.0 - laid.extent.0;
        let dy = MARGIN + header + PAD - laid.extent.1;
        if !laid.title.is_empty() {
            let _ = write!(
                out_body,
                "<g class=\"phase\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">",
                num(x),
                num(MARGIN),
                num(width),
                num(height),
                PALETTE[colour % PALETTE.len()],
                num(x + PAD),
                num(MARGIN + PAD / 2.0 + LINE_PX / 2.0)
            );
            for (n, line) in laid.title.iter().enumerate() {
                let dy = if n == 0 { "0".to_owned() } else { num(LINE_PX) };
                let _ = write!(out_body, "<tspan x=\"{}\" dy=\"{dy}\">{}</tspan>", num(x + PAD), escape::xml(line));
            }
            out_body.push_str("</text></g>\n");
        }
        let _ = writeln!(out_body, "<g transform=\"translate({},{})\">", num(dx), num(dy));
        out_body.push_str(&laid.body);
        out_body.push_str("</g>\n");
        for &(i, p, size) in &laid.rects {
            at[i] = Some((Point::new(p.x + dx, p.y + dy), size));
        }
        for &(k, c) in &laid.circles {
            junction_at[k] = Some(Point::new(c.x + dx, c.y + dy));
        }
        x += width + GAP;
        bottom = bottom.max(MARGIN + height);
    }
    let right = (x - GAP + MARGIN).max(360.0);

    // Arrows between boxes: from the right of the prerequisite to the left
    // of what needs it.
    let cross = |out: &mut String, from: Point, to: Point, class: &str, head: bool| {
        let bend = ((to.x - from.x).abs() / 2.0).max(40.0);
        let marker = if head { " marker-end=\"url(#trailmap-arrow)\"" } else { "" };
        let _ = writeln!(
            out,
            "<path class=\"{class} cross\" d=\"M {} {} C {} {}, {} {}, {} {}\"{marker}/>",
            num(from.x),
            num(from.y),
            num(from.x + bend),
            num(from.y),
            num(to.x - bend),
            num(to.y),
            num(to.x),
            num(to.y)
        );
    };
    let right_of = |(p, size): (Point, Point)| Point::new(p.x + size.x, p.y + size.y / 2.0);
    let left_of = |(p, size): (Point, Point)| Point::new(p.x, p.y + size.y / 2.0);
    for edge in &diagram.edges {
        if group_of[edge.from] != group_of[edge.to] {
            if let (Some(from), Some(to)) = (at[edge.from], at[edge.to]) {
                cross(&mut out_body, right_of(from), left_of(to), "edge", true);
            }
        }
    }
    for (k, junction) in diagram.junctions.iter().enumerate() {
        for &m in &junction.members {
            if group_of[m] != group_of[junction.to] {
                if let (Some(from), Some(center)) = (at[m], junction_at[k]) {
                    cross(&mut out_body, right_of(from), Point::new(center.x - 13.0, center.y), "alt", false);
                }
            }
        }
    }

    // The legend: what the marks mean.
    let mut legend = String::new();
    let mut y = bottom + 28.0;
    let key = [
        ("<rect x=\"0\" y=\"-11\" width=\"26\" height=\"14\" rx=\"4\" class=\"optional-key\"/>", "optional skill"),
        ("<circle cx=\"13\" cy=\"-4\" r=\"9\" class=\"junction-key\"/>", "or: any one of the dashed lines is enough"),
        ("<path d=\"M 0 -4 L 26 -4\" class=\"edge\" marker-end=\"url(#trailmap-arrow)\"/>", "learn this first"),
    ];
    for (mark, text) in key {
        let _ = writeln!(
            legend,
            "<g transform=\"translate({},{})\">{mark}<text x=\"34\" y=\"0\">{text}</text></g>",
            num(MARGIN),
            num(y)
        );
        y += 20.0;
    }
    let height = y;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"trailmap-graph-title\" font-family=\"system-ui, sans-serif\" font-size=\"{FONT_PX}\">",
        w = num(right),
        h = num(height),
    );
    let _ = writeln!(out, "<title id=\"trailmap-graph-title\">{}</title>", escape::xml(&roadmap.title));
    out.push_str(concat!(
        "<style>",
        ".skill rect{fill:#fff;stroke:#333;stroke-width:1.2}",
        ".skill.optional rect{stroke-dasharray:5 3;stroke:#666}",
        ".skill text,.junction text{fill:#111;text-anchor:middle;dominant-baseline:central}",
        ".junction ellipse,.junction-key{fill:#fff;stroke:#8a5a00;stroke-dasharray:3 2;stroke-width:1.2}",
        ".junction text{font-size:11px;fill:#8a5a00}",
        ".edge{stroke:#333;fill:none;stroke-width:1.2}",
        ".alt{stroke:#8a5a00;fill:none;stroke-width:1.2;stroke-dasharray:5 4}",
        ".cross{stroke-opacity:0.55}",
        ".optional-key{fill:#fff;stroke:#666;stroke-dasharray:5 3}",
        ".phase rect{stroke:#9ca3af}.phase text{font-weight:600;fill:#222}",
        "</style>\n",
        "<defs><marker id=\"trailmap-arrow\" markerWidth=\"10\" markerHeight=\"7\" refX=\"10\" refY=\"3.5\" orient=\"auto\">",
        "<polygon points=\"0 0, 10 3.5, 0 7\" fill=\"#333\"/></marker></defs>\n",
    ));
    out.push_str(&out_body);
    out.push_str(&legend);
    out.push_str("</svg>\n");
    out
}

/// Splits each group of more than [`BAND`] skills into boxes of at most
/// that many, in order, titled "Week 3 (2 of 5)" or "Skills 151-300";
/// each box keeps its group's index, which picks its colour.
fn in_bands(groups: Vec<(Option<&str>, Vec<usize>)>) -> Vec<(Option<String>, Vec<usize>, usize)> {
    let mut out = Vec::with_capacity(groups.len());
    for (colour, (title, skills)) in groups.into_iter().enumerate() {
        if skills.len() <= BAND {
            out.push((title.map(str::to_owned), skills, colour));
            continue;
        }
        let parts = skills.len().div_ceil(BAND);
        for (k, band) in skills.chunks(BAND).enumerate() {
            let title = match title {
                Some(t) => format!("{t} ({} of {parts})", k + 1),
                None => format!("Skills {}-{}", k * BAND + 1, k * BAND + band.len()),
            };
            out.push((Some(title), band.to_vec(), colour));
        }
    }
    out
}

/// One group laid out on its own, in its own coordinates.
struct Laid {
    body: String,
    /// Bounding box of what is drawn: min x, min y, max x, max y.
    extent: (f64, f64, f64, f64),
    /// Each skill's box: index, top-left, size.
    rects: Vec<(usize, Point, Point)>,
    /// Each junction's centre.
    circles: Vec<(usize, Point)>,
    /// The group's title, wrapped; empty for none.
    title: Vec<String>,
    title_width: f64,
}

/// Lays out group `g` (its skills, and the junctions leading into them)
/// with `layout-rs`: top to bottom inside a phase's box, left to right for
/// the whole graph when nothing is grouped.
fn lay_out(
    roadmap: &Roadmap,
    diagram: &Diagram,
    group_of: &[usize],
    g: usize,
    title: Option<&str>,
    skills: &[usize],
) -> Laid {
    let orientation = if title.is_some() { Orientation::TopToBottom } else { Orientation::LeftToRight };
    let mut graph = VisualGraph::new(orientation);
    let mut nodes = vec![None; roadmap.skills.len()];
    for &i in skills {
        let lines = wrap(&roadmap.skills[i].name, WRAP);
        let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1).max(3) as f64 * CHAR_PX + 20.0;
        let height = lines.len() as f64 * LINE_PX + 14.0;
        let look = StyleAttr::new(Color::fast("black"), 1, None, 6, FONT_PX as usize);
        nodes[i] = Some(graph.add_node(Element::create_with_properties(
            ShapeKind::new_box(&lines.join("\n")),
            look,
            orientation,
            Point::new(width, height),
            format!("s{i}"),
        )));
    }
    let plain = StyleAttr::new(Color::fast("black"), 1, None, 0, FONT_PX as usize);
    let arrow = |style: LineStyleKind, end: LineEndKind, class: &str| {
        Arrow::with_properties(LineEndKind::None, end, style, "", &plain, class, &None, &None)
    };
    for edge in &diagram.edges {
        if let (Some(from), Some(to)) = (nodes[edge.from], nodes[edge.to]) {
            graph.add_edge(arrow(LineStyleKind::Normal, LineEndKind::Arrow, "edge"), from, to);
        }
    }
    for (k, junction) in diagram.junctions.iter().enumerate() {
        let Some(to) = nodes[junction.to] else { continue };
        let look = StyleAttr::new(Color::fast("black"), 1, None, 0, 11);
        let or = graph.add_node(Element::create_with_properties(
            ShapeKind::new_circle("or"),
            look,
            orientation,
            Point::new(26.0, 26.0),
            format!("j{k}"),
        ));
        for &m in &junction.members {
            if group_of[m] == g {
                if let Some(from) = nodes[m] {
                    graph.add_edge(arrow(LineStyleKind::Dashed, LineEndKind::None, "alt"), from, or);
                }
            }
        }
        graph.add_edge(arrow(LineStyleKind::Normal, LineEndKind::Arrow, "edge"), or, to);
    }
    let mut canvas = Canvas::new(roadmap);
    if graph.num_nodes() > 0 {
        let fast = graph.num_nodes() > OPTIMISE_UP_TO;
        graph.do_it(false, fast, false, &mut canvas);
    }
    canvas.close();
    if canvas.extent.0 > canvas.extent.2 {
        canvas.extent = (0.0, 0.0, 0.0, 0.0);
    }
    // A title wraps to the width of the box, but at least 24 characters.
    let inner = canvas.extent.2 - canvas.extent.0;
    let title = title.map(|t| wrap(t, ((inner / CHAR_PX) as usize).max(24))).unwrap_or_default();
    let title_width = title.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * CHAR_PX;
    Laid { body: canvas.body, extent: canvas.extent, rects: canvas.rects, circles: canvas.circles, title, title_width }
}

/// Text on lines of about `width` characters, broken at whitespace;
/// control characters count as spaces, so lines join back to the text.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A coordinate as SVG writes it: one decimal, never `NaN`.
fn num(x: f64) -> String {
    if x.is_finite() { format!("{x:.1}") } else { "0".to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_at_spaces_and_join_back() {
        assert_eq!(wrap("Python", WRAP), ["Python"]);
        assert_eq!(wrap("Object-Oriented Programming in Python", WRAP), ["Object-Oriented", "Programming in Python"]);
        assert_eq!(wrap("a\nb\u{1b}c", WRAP), ["a b c"]);
        assert_eq!(wrap("", WRAP), [""]);
        let long = "x".repeat(50);
        assert_eq!(wrap(&long, WRAP), [long.as_str()], "a long word stays whole");
    }

    /// A chain of `n` skills, each needing the one before, in one phase
    /// when `phase` is given.
    fn chain(n: usize, phase: Option<&str>) -> Roadmap {
        let skills: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                let needs: Vec<String> = (i > 0).then(|| format!("s{}", i - 1)).into_iter().collect();
                serde_json::json!({"id": format!("s{i}"), "name": format!("Skill {i}"), "prerequisites": needs})
            })
            .collect();
        let phases: Vec<serde_json::Value> = phase
            .map(|title| {
                let ids: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
                serde_json::json!({"id": "p", "title": title, "skills": ids})
            })
            .into_iter()
            .collect();
        let text = serde_json::json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills, "phases": phases});
        Roadmap::from_json_str(&text.to_string()).roadmap.unwrap()
    }

    /// Every skill once, every prerequisite drawn, and the boxes a large
    /// group is split into, in order, with their titles and fills.
    fn drawn(svg: &str) -> (usize, usize, Vec<String>, Vec<String>) {
        let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
        let skills = doc.descendants().filter(|n| n.attribute("data-skill-id").is_some()).count();
        let arrows = doc
            .descendants()
            .filter(|n| n.attribute("class").is_some_and(|c| c.split(' ').next() == Some("edge")))
            .count();
        let phases: Vec<roxmltree::Node<'_, '_>> =
            doc.descendants().filter(|n| n.attribute("class") == Some("phase")).collect();
        let titles = phases
            .iter()
            .map(|g| g.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect::<Vec<_>>().join(" "))
            .collect();
        let fills = phases
            .iter()
            .filter_map(|g| g.children().find(|n| n.has_tag_name("rect")))
            .filter_map(|r| r.attribute("fill").map(str::to_owned))
            .collect();
        (skills, arrows, titles, fills)
    }

    #[test]
    fn a_large_group_is_drawn_in_boxes_of_at_most_a_band() {
        let roadmap = chain(2 * BAND + 100, None);
        let (skills, arrows, titles, _) = drawn(&svg(&roadmap, &SvgOptions::default()));
        assert_eq!(skills, 2 * BAND + 100);
        // Every prerequisite, inside a box or across two, and the legend's.
        assert_eq!(arrows, 2 * BAND + 100 - 1 + 1);
        assert_eq!(titles, ["Skills 1-150", "Skills 151-300", "Skills 301-400"]);
    }

    #[test]
    fn a_large_phase_keeps_its_title_and_colour_in_each_box() {
        let roadmap = chain(BAND + 1, Some("Week 1"));
        let (skills, _, titles, fills) = drawn(&svg(&roadmap, &SvgOptions::default()));
        assert_eq!(skills, BAND + 1);
        assert_eq!(titles, ["Week 1 (1 of 2)", "Week 1 (2 of 2)"]);
        assert_eq!(fills[0], fills[1]);
        let small = chain(BAND, Some("Week 1"));
        assert_eq!(drawn(&svg(&small, &SvgOptions::default())).2, ["Week 1"]);
    }
}
