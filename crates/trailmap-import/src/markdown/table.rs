//! Markdown tables: a two-column summary ("Area | Tools") becomes areas; a
//! table with a name column (Course, Skill, Topic, …) becomes skills, with
//! effort from Duration/Effort/Hours columns, a phase per value of a Week
//! column ("1", "2-3"), and prerequisites from a Prerequisites column,
//! matched by name once every skill is known.

use std::collections::HashMap;

use trailmap::SkillMention;
use trailmap::pointer::Pointer;

use super::parse::Inline;
use crate::builder::Builder;
use crate::ids::normalize;
use crate::prerequisites::{Dependent, Stated};
use crate::report::{Element, Outcome};
use crate::{span, text};

fn column(header: &[Inline], words: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = normalize(&h.text);
        words.iter().any(|w| h.split(' ').any(|x| x.starts_with(w)))
    })
}

/// Whether a text counts hours: "40 hours", "70h", "5 hrs".
fn says_hours(text: &str) -> bool {
    text.contains("hour")
        || text.contains("hr")
        || text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
            w.strip_suffix('h').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) || w == "h"
        })
}

/// Hours in an effort: "6-9 hours/week" over "13 weeks" is 97.5 hours;
/// "40 hours" and "70h" are 40 and 70; a bare "100" in an "Hours" column
/// is 100 (each cell read with its column's header, lowercase); a Duration
/// of "20 hours" is 20.
fn effort(duration: Option<(&str, &str)>, effort: Option<(&str, &str)>) -> Option<f64> {
    let numbers = |s: &str| -> Vec<f64> {
        s.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|n| n.parse::<f64>().ok())
            .filter(|n| n.is_finite())
            .collect()
    };
    let mean = |v: &[f64]| if v.is_empty() { None } else { Some(v.iter().sum::<f64>() / v.len() as f64) };
    let (effort_header, effort_text) = effort.map(|(h, t)| (h.to_lowercase(), t.to_lowercase())).unwrap_or_default();
    let (duration_header, duration_text) =
        duration.map(|(h, t)| (h.to_lowercase(), t.to_lowercase())).unwrap_or_default();
    let per_week = |text: &str| text.contains("week") || text.contains("/w");
    let hours = mean(&numbers(&effort_text));
    let weekly = per_week(&effort_text) || per_week(&effort_header);
    let weeks = (duration_text.contains("week") || (duration_header.contains("week") && !says_hours(&duration_text)))
        .then(|| mean(&numbers(&duration_text)))
        .flatten();
    let total = match (hours, weekly, weeks) {
        (Some(h), true, Some(w)) => h * w,
        (Some(h), false, _) if says_hours(&effort_text) || says_hours(&effort_header) => h,
        // "Duration: 20 hours": the whole effort.
        _ if says_hours(&duration_text) && !per_week(&duration_text) => mean(&numbers(&duration_text))?,
        _ => return None,
    };
    (total > 0.0 && total < 1.0e6).then_some(total)
}

pub(super) fn import(
    b: &mut Builder<'_>,
    phase: Option<usize>,
    line: usize,
    header: &[Inline],
    rows: &[(usize, Vec<Inline>)],
) {
    let first = header.first().map(|h| normalize(&h.text)).unwrap_or_default();
    let summary = header.len() == 2
        && ["area", "category", "domain", "field", "stage", "topic area"].iter().any(|w| first.contains(w));
    if summary {
        for (row_line, cells) in rows {
            let (Some(name), Some(list)) = (cells.first(), cells.get(1)) else {
                b.report.not_placed(*row_line, Element::TableRow, "", "row without two cells");
                continue;
            };
            let a = b.area(&text::tidy(&name.text));
            let mut at = vec![format!("/areas/{a}")];
            for named in text::names(&list.text) {
                for skill_name in named.names.iter().filter(|n| text::words(n) <= text::MAX_NAME_WORDS) {
                    let s = b.skill(skill_name);
                    if b.skills[s].area.is_none() {
                        b.skills[s].area = Some(b.areas[a].id.clone());
                    }
                    let id = b.skills[s].id.clone();
                    if !b.areas[a].skills.iter().any(|m| m.skill_id() == id) {
                        b.areas[a].skills.push(SkillMention::Id(id));
                    }
                    if !named.topics.is_empty() {
                        at.push(Pointer::item("skills", s).into_string());
                    }
                }
            }
            let text = format!("{} | {}", name.text, list.text);
            b.report.push(*row_line, Element::TableRow, &text, Outcome::Placed { at });
        }
        return;
    }
    let name_col = column(
        header,
        &["course", "skill", "topic", "subject", "name", "module", "title", "lesson", "tool", "technolog"],
    );
    let Some(name_col) = name_col else {
        for (row_line, cells) in rows {
            let text: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
            b.report.not_placed(
                *row_line,
                Element::TableRow,
                &text.join(" | "),
                "table without a name column (Course, Skill, Topic, …)",
            );
        }
        let _ = line;
        return;
    };
    let duration_col = column(header, &["duration", "length", "weeks", "time"]);
    let effort_col = column(header, &["effort", "hours", "workload"]);
    let prereq_col = column(header, &["prereq", "require", "depend"]);
    // "Week" (singular) holds when: "1", "2-3"; "Weeks" is a duration.
    let week_col = header.iter().position(|h| {
        let h = normalize(&h.text);
        h == "week" || h.starts_with("week ") || h == "when"
    });
    let mut week_phases: HashMap<String, usize> = HashMap::new();
    for (row_line, cells) in rows {
        let Some(cell) = cells.get(name_col) else {
            b.report.not_placed(*row_line, Element::TableRow, "", "row without a name cell");
            continue;
        };
        // "Segmentation (U-Net, Mask R-CNN)": topics in parentheses, as in a list.
        let (name, topics) = match cell.links.first() {
            Some(link) => (text::tidy(&link.text), Vec::new()),
            None => text::split_parenthesis(&cell.text),
        };
        let name = text::tidy(&name);
        if name.is_empty() {
            b.report.not_placed(*row_line, Element::TableRow, &cell.text, "empty name cell");
            continue;
        }
        let s = b.skill(&name);
        for topic in &topics {
            b.add_topic(s, topic);
        }
        let week = week_col.and_then(|i| cells.get(i)).map(|c| c.text.trim()).filter(|w| !w.is_empty());
        let when = week.and_then(|w| {
            let label = if w.to_lowercase().starts_with("week") { w.to_owned() } else { format!("Week {w}") };
            let heading = span::heading(&label);
            heading.time.as_ref()?;
            let p = *week_phases
                .entry(label.clone())
                .or_insert_with(|| b.phase(phase, &label, heading.kind, heading.time.as_ref()));
            Some(p)
        });
        if let Some(p) = when.or(phase) {
            b.add_to_phase(p, s);
        }
        let cell_text = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| c.text.as_str());
        let with_header = |i: Option<usize>| Some((header.get(i?).map_or("", |h| h.text.as_str()), cell_text(i)?));
        if let Some(hours) = effort(with_header(duration_col), with_header(effort_col)) {
            b.skills[s].effort_hours = Some(hours);
        }
        if let Some(prereq) = cell_text(prereq_col).filter(|p| !p.trim().is_empty()) {
            b.stated.push(Stated {
                dependent: Dependent::Skill(s),
                text: prereq.to_owned(),
                line: *row_line,
                element: Element::TableRow,
                quiet: false,
            });
        }
        let mut at = vec![Builder::skill_pointer(s)];
        for cell in cells {
            for link in &cell.links {
                match b.resource(s, &link.text, &link.url, None) {
                    Some(pointer) => at.push(pointer),
                    None => b.report.not_placed(
                        *row_line,
                        Element::Link,
                        &link.shown(),
                        "not a web link (unsafe scheme), not kept",
                    ),
                }
            }
        }
        let text: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        b.report.push(*row_line, Element::TableRow, &text.join(" | "), Outcome::Placed { at });
    }
}

#[cfg(test)]
mod tests {
    use super::effort;

    #[test]
    fn effort_in_hours() {
        assert_eq!(effort(Some(("Duration", "13 weeks")), Some(("Effort", "6-9 hours/week"))), Some(97.5));
        assert_eq!(effort(None, Some(("Effort", "40 hours"))), Some(40.0));
        assert_eq!(effort(Some(("Duration", "-")), Some(("Effort", "-"))), None);
        assert_eq!(effort(None, Some(("Hours", "100"))), Some(100.0));
        assert_eq!(effort(None, Some(("Effort", "70h"))), Some(70.0));
        assert_eq!(effort(Some(("Duration", "20 hours")), None), Some(20.0));
        assert_eq!(effort(Some(("Weeks", "4")), Some(("Hours per week", "5"))), Some(20.0));
        assert_eq!(effort(Some(("Duration", "4 weeks")), None), None);
        assert_eq!(effort(None, Some(("Effort", "high"))), None);
    }
}
