//! The reference sections: the area table and every skill with its
//! facts, prerequisites and resources.

use trailmap::{Prerequisite, Skill, SkillMention};

use super::{Doc, bold, link, md};

impl Doc<'_> {
    /// The summary table: one row per area, with the skills as the table
    /// names them (`LeetCode (Daily Practice)`).
    pub(super) fn areas(&mut self) {
        let areas = &self.roadmap.areas;
        if areas.is_empty() {
            return;
        }
        // A description that only repeats the skills cell is left out.
        let rows: Vec<(String, Option<&str>, String)> = areas
            .iter()
            .map(|area| {
                let (raw, escaped) = self.area_skills(&area.skills);
                let description = area.description.as_deref().filter(|d| d.trim() != raw && !d.trim().is_empty());
                (md(&area.name), description, escaped)
            })
            .collect();
        let described = rows.iter().any(|(_, description, _)| description.is_some());
        let mut table = String::from(if described {
            "| Area | Description | Skills |\n| --- | --- | --- |\n"
        } else {
            "| Area | Skills |\n| --- | --- |\n"
        });
        for (name, description, skills) in rows {
            let row = if described {
                format!("| {name} | {} | {skills} |\n", description.map(md).unwrap_or_default())
            } else {
                format!("| {name} | {skills} |\n")
            };
            table.push_str(&row);
        }
        self.heading(2, "Areas");
        self.block(&table);
    }

    /// An area's skills as the table names them (`PyTorch (main)`): the
    /// plain text, to compare with the area's description, and escaped.
    pub(super) fn area_skills(&self, mentions: &[SkillMention]) -> (String, String) {
        let (mut raw, mut escaped) = (Vec::new(), Vec::new());
        for mention in mentions {
            let (label, note) = match mention {
                SkillMention::Id(id) => (self.skills.get(id.as_str()).map_or(id.as_str(), |s| s.name.as_str()), None),
                SkillMention::Noted(n) => (
                    n.label
                        .as_deref()
                        .unwrap_or_else(|| self.skills.get(n.skill.as_str()).map_or(&n.skill, |s| &s.name)),
                    n.note.as_deref(),
                ),
            };
            match note {
                Some(note) => {
                    raw.push(format!("{} ({})", label.trim(), note.trim()));
                    escaped.push(format!("{} ({})", bold(&md(label)), md(note)));
                }
                None => {
                    raw.push(label.trim().to_owned());
                    escaped.push(bold(&md(label)));
                }
            }
        }
        (raw.join(", "), escaped.join(", "))
    }

    /// Every skill, as a list: name, id, area, level, effort, whether it is
    /// optional; then its description and note, what it needs (one entry a
    /// line, alternatives joined by "or") and its resources as links.
    pub(super) fn skills(&mut self) {
        if self.roadmap.skills.is_empty() {
            return;
        }
        let mut items = Vec::with_capacity(self.roadmap.skills.len());
        for skill in &self.roadmap.skills {
            items.push(self.skill_entry(skill));
        }
        self.heading(2, "Skills");
        // Items with paragraphs inside are "loose": a blank line between them.
        self.block(&items.join("\n\n"));
    }

    pub(super) fn skill_entry(&self, skill: &Skill) -> String {
        let mut facts = vec![format!("id: {}", md(&skill.id))];
        if let Some(area) = skill.area.as_deref().filter(|a| !a.trim().is_empty()) {
            facts.push(format!("area: {}", md(area)));
        }
        if let Some(level) = skill.level {
            facts.push(format!("level: {}", level.as_str()));
        }
        if let Some(hours) = skill.effort_hours {
            let unit = if hours == 1.0 { "hour" } else { "hours" };
            facts.push(format!("effort: {hours} {unit}"));
        }
        if skill.optional {
            facts.push("optional".to_owned());
        }
        let mut entry = format!("- {} ({})", bold(&md(&skill.name)), facts.join(" · "));
        for text in [&skill.description, &skill.note].into_iter().flatten() {
            let text = md(text);
            if !text.is_empty() {
                entry.push_str(&format!("\n\n  {text}"));
            }
        }
        let mut details = Vec::new();
        for prerequisite in &skill.prerequisites {
            let names = self.prerequisites(std::slice::from_ref(prerequisite));
            match prerequisite {
                Prerequisite::Skill(_) => details.push(format!("Needs {names}")),
                // A group of one skill (or of one skill repeated) is no choice.
                Prerequisite::AnyOf(_)
                    if prerequisite.skill_ids().collect::<std::collections::BTreeSet<_>>().len() <= 1 =>
                {
                    details.push(format!("Needs {names}"))
                }
                Prerequisite::AnyOf(_) => details.push(format!("Needs one of {names}")),
            }
        }
        for resource in &skill.resources {
            let kind = resource.kind.map(|k| format!(" ({})", k.label())).unwrap_or_default();
            details.push(format!("Resource: {}{kind}", link(&resource.title, resource.url.as_deref())));
        }
        if !details.is_empty() {
            entry.push_str("\n\n");
            entry.push_str(&details.iter().map(|d| format!("  - {d}")).collect::<Vec<_>>().join("\n"));
        }
        entry
    }
}
