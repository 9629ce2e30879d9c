//! The drawing backend `layout-rs` calls for one box of the graph: it
//! writes the SVG elements itself, every string from the file through
//! [`trailmap::escape::xml`], and records where each skill and junction
//! went, for the arrows drawn between boxes.

use std::fmt::Write as _;

use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use trailmap::Roadmap;
use trailmap::escape;

use super::{LINE_PX, num};

/// The drawing backend for one group: collects SVG elements, the extent
/// of what is drawn and where each skill and junction went.
pub(super) struct Canvas<'a> {
    roadmap: &'a Roadmap,
    pub(super) body: String,
    pub(super) extent: (f64, f64, f64, f64),
    pub(super) rects: Vec<(usize, Point, Point)>,
    pub(super) circles: Vec<(usize, Point)>,
    /// A shape's `<g>` is open, waiting for its label.
    open: bool,
}

fn grow(bounds: &mut (f64, f64, f64, f64), a: Point, b: Point) {
    for p in [a, b] {
        if p.x.is_finite() && p.y.is_finite() {
            bounds.0 = bounds.0.min(p.x);
            bounds.1 = bounds.1.min(p.y);
            bounds.2 = bounds.2.max(p.x);
            bounds.3 = bounds.3.max(p.y);
        }
    }
}

impl<'a> Canvas<'a> {
    pub(super) fn new(roadmap: &'a Roadmap) -> Self {
        Canvas {
            roadmap,
            body: String::new(),
            extent: (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
            rects: Vec::new(),
            circles: Vec::new(),
            open: false,
        }
    }

    /// Closes a shape's group that got no label.
    pub(super) fn close(&mut self) {
        if std::mem::take(&mut self.open) {
            self.body.push_str("</g>\n");
        }
    }

    /// The index a generated property names (`s12`, `j3`), if any.
    fn index(properties: &Option<String>, prefix: char) -> Option<usize> {
        properties.as_deref()?.strip_prefix(prefix)?.parse().ok()
    }
}

impl RenderBackend for Canvas<'_> {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        grow(&mut self.extent, xy, Point::new(xy.x + size.x, xy.y + size.y));
        self.close();
        self.open = true;
        let (x, y, w, h) = (num(xy.x), num(xy.y), num(size.x), num(size.y));
        match Self::index(&properties, 's').and_then(|i| self.roadmap.skills.get(i).map(|s| (i, s))) {
            Some((i, skill)) => {
                self.rects.push((i, xy, size));
                let class = if skill.optional { "skill optional" } else { "skill" };
                let _ = write!(
                    self.body,
                    "<g class=\"{class}\" data-skill-id=\"{}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\"/>",
                    escape::xml(&skill.id)
                );
            }
            None => {
                let _ = write!(self.body, "<g><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"none\"/>");
            }
        }
    }

    fn draw_line(&mut self, start: Point, stop: Point, _look: &StyleAttr, _properties: Option<String>) {
        self.close();
        grow(&mut self.extent, start, stop);
        let _ = writeln!(
            self.body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"edge\"/>",
            num(start.x),
            num(start.y),
            num(stop.x),
            num(stop.y)
        );
    }

    fn draw_circle(&mut self, xy: Point, size: Point, _look: &StyleAttr, properties: Option<String>) {
        let half = Point::new(size.x / 2.0, size.y / 2.0);
        grow(&mut self.extent, xy.sub(half), xy.add(half));
        self.close();
        self.open = true;
        let junction = Self::index(&properties, 'j');
        if let Some(k) = junction {
            self.circles.push((k, xy));
        }
        let _ = write!(
            self.body,
            "<g class=\"{}\"><ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/>",
            if junction.is_some() { "junction" } else { "point" },
            num(xy.x),
            num(xy.y),
            num(half.x),
            num(half.y)
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, _look: &StyleAttr) {
        let lines: Vec<&str> = text.lines().collect();
        let first = xy.y - lines.len().saturating_sub(1) as f64 * LINE_PX / 2.0;
        let _ = write!(self.body, "<text x=\"{}\" y=\"{}\">", num(xy.x), num(first));
        for (n, line) in lines.iter().enumerate() {
            let dy = if n == 0 { "0".to_owned() } else { num(LINE_PX) };
            let _ = write!(self.body, "<tspan x=\"{}\" dy=\"{dy}\">{}</tspan>", num(xy.x), escape::xml(line));
        }
        self.body.push_str("</text>");
        self.close();
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        _properties: Option<String>,
        _text: &str,
    ) {
        self.close();
        let [(m, c1), (c2, p), rest @ ..] = path else { return };
        let mut d = format!(
            "M {} {} C {} {}, {} {}, {} {}",
            num(m.x),
            num(m.y),
            num(c1.x),
            num(c1.y),
            num(c2.x),
            num(c2.y),
            num(p.x),
            num(p.y)
        );
        for (c, p) in rest {
            let _ = write!(d, " S {} {}, {} {}", num(c.x), num(c.y), num(p.x), num(p.y));
        }
        for (a, b) in path {
            grow(&mut self.extent, *a, *b);
        }
        let class = if dashed { "alt" } else { "edge" };
        let marker = if head.1 { " marker-end=\"url(#trailmap-arrow)\"" } else { "" };
        let _ = writeln!(self.body, "<path class=\"{class}\" d=\"{d}\"{marker}/>");
    }

    fn create_clip(&mut self, _xy: Point, _size: Point, _rounded_px: usize) -> ClipHandle {
        0
    }
}
