//! A starting roadmap for a new author (`trailmap init`): valid, lint-clean,
//! and commented in YAML so that each part says what it is for.

use crate::diagnostic::Diagnostic;
use crate::format::Format;

/// Why a starting roadmap could not be written.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum StarterError {
    /// The schema path holds a character that would end or corrupt the
    /// `# yaml-language-server:` comment line it is written on (a line
    /// break, another control character, a Unicode line separator).
    SchemaCharacter(char),
    /// The YAML text did not convert to JSON (never expected: the text is
    /// valid by construction; reported rather than written as nothing).
    Convert(Box<Diagnostic>),
}

impl std::fmt::Display for StarterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StarterError::SchemaCharacter(c) => write!(
                f,
                "the schema path holds the character U+{:04X}; a path or URL on one line of printable characters is needed",
                *c as u32
            ),
            StarterError::Convert(diagnostic) => {
                write!(f, "the starting roadmap did not convert to JSON: {diagnostic}")
            }
        }
    }
}

impl std::error::Error for StarterError {}

/// What the starting roadmap is about.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Starter {
    /// The roadmap's title; its id is derived from it.
    pub title: String,
    /// Its length in weeks (at least 1).
    pub weeks: u32,
}

impl Starter {
    /// A starter with a title and a length in weeks.
    pub fn new(title: impl Into<String>, weeks: u32) -> Self {
        Starter { title: title.into(), weeks }
    }

    /// The id derived from the title: lower-case ASCII letters and digits
    /// joined by single hyphens (`roadmap` when nothing is left).
    ///
    /// ```
    /// assert_eq!(trailmap::scaffold::Starter::new("Data Engineer (2027)", 16).id(), "data-engineer-2027");
    /// assert_eq!(trailmap::scaffold::Starter::new("Инженер", 4).id(), "roadmap");
    /// ```
    pub fn id(&self) -> String {
        let mut id = String::new();
        for c in self.title.chars() {
            if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
            } else if !id.is_empty() && !id.ends_with('-') {
                id.push('-');
            }
        }
        id.truncate(64);
        let id = id.trim_end_matches('-');
        if id.is_empty() { "roadmap".to_owned() } else { id.to_owned() }
    }

    /// The roadmap text in `format`: YAML with comments, or JSON (which
    /// has none) with the same members in the same order. `schema` is the
    /// path or URL of the roadmap schema for editors, if any; it must be
    /// one line of printable characters ([`StarterError::SchemaCharacter`]
    /// otherwise), since YAML carries it in a comment line.
    ///
    /// ```
    /// use trailmap::{Format, Roadmap, scaffold::Starter};
    /// let starter = Starter::new("Data engineer", 16);
    /// for format in [Format::Yaml, Format::Json] {
    ///     let text = starter.render(format, None).unwrap();
    ///     let loaded = Roadmap::from_slice_in(text.as_bytes(), format, "new", &Default::default());
    ///     assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    ///     assert_eq!(loaded.roadmap.unwrap().skills.len(), 2);
    /// }
    /// assert!(starter.render(Format::Json, Some("s.json\nextra")).is_err());
    /// ```
    pub fn render(&self, format: Format, schema: Option<&str>) -> Result<String, StarterError> {
        if let Some(c) = schema.and_then(|s| s.chars().find(|&c| !crate::convert::is_plain_printable(c))) {
            return Err(StarterError::SchemaCharacter(c));
        }
        let weeks = self.weeks.max(1);
        let title = crate::convert::yaml_string(&self.title);
        let id = self.id();
        let schema_line = schema.map(|s| format!("# yaml-language-server: $schema={s}\n")).unwrap_or_default();
        let schema_member =
            schema.map(|s| format!("$schema: {}\n", crate::convert::yaml_string(s))).unwrap_or_default();
        let yaml = format!(
            "{schema_line}\
# A trailmap roadmap. Check it with `trailmap lint FILE`; the format is
# described by the roadmap JSON Schema (`trailmap schema`).
{schema_member}id: {id}
title: {title}
# Semantic version: bump it when the roadmap changes (`trailmap diff --check-version`).
version: 0.1.0
summary: What a learner can do at the end, in a sentence or two.
duration:
  unit: week
  start: 1
  end: {weeks}
hours_per_week: 10

# Every skill once, with a stable id (lower-case, digits and hyphens).
# `prerequisites` lists skill ids; `{{any_of: [a, b]}}` means either one.
skills:
  - id: first-skill
    name: First skill
    effort_hours: 4
  - id: second-skill
    name: Second skill
    effort_hours: 6
    prerequisites: [first-skill]

# Phases place skills in time; they may nest (`phases:` inside a phase).
phases:
  - id: phase-1
    title: Foundations
    span:
      unit: week
      start: 1
      end: {weeks}
    goal: What this phase is for.
    skills: [first-skill, second-skill]

# Milestones say how a learner knows they got there.
milestones:
  - id: ready
    title: Ready for the next step
    kind: checklist
    phase: phase-1
    criteria:
      - text: Built a small project with the second skill.
        skills: [second-skill]
"
        );
        match format {
            Format::Yaml => Ok(yaml),
            // The YAML above is valid by construction (tested): its JSON
            // form keeps the order of the members.
            _ => crate::convert::convert(&yaml, Format::Yaml, Format::Json)
                .map(|c| c.text)
                .map_err(StarterError::Convert),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_path_that_would_break_its_comment_line_is_refused() {
        let starter = Starter::new("T", 4);
        for bad in
            ["s.json\nextra: 1", "s.json\rx", "a\u{2028}b", "a\u{2029}b", "a\u{85}b", "\u{feff}s", "a\u{7}b", "a\tb"]
        {
            for format in [Format::Yaml, Format::Json] {
                let err = starter.render(format, Some(bad)).unwrap_err();
                assert!(matches!(err, StarterError::SchemaCharacter(_)), "{bad:?}");
            }
        }
        let yaml = starter.render(Format::Yaml, Some("../schemas/roadmap.schema.json")).unwrap();
        assert!(yaml.starts_with("# yaml-language-server: $schema=../schemas/roadmap.schema.json\n"));
        let json = starter.render(Format::Json, Some("https://example.org/s #1.json")).unwrap();
        assert!(json.contains("\"$schema\": \"https://example.org/s #1.json\""), "{json}");
    }
}
