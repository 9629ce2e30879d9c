//! Spans and phase kinds from heading and label text: "Week 1-3",
//! "Weeks 5–6", "Month 4", "Days 1 to 3", "(Day 1 - Day 5)", "0–3 Months",
//! "After Month 9", "Phase 1 (Months 1–3)", "Stage 2", "Level 3 → …".

use std::sync::LazyLock;

use regex::Regex;
use trailmap::{PhaseKind, TimeUnit};

/// Time stated in a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Time {
    /// A numbered range: "Week 1-3" (start 1, end 3), "After Month 9" (start 10).
    Range {
        /// The unit.
        unit: TimeUnit,
        /// First unit, 1-based.
        start: u32,
        /// Last unit, when not the same as `start`.
        end: Option<u32>,
        /// The text as written.
        label: String,
    },
    /// A length only: "2 Weeks", "-1 Month"; placed after the previous sibling.
    Length {
        /// The unit.
        unit: TimeUnit,
        /// How many units.
        count: u32,
        /// The text as written.
        label: String,
    },
}

/// What a heading or label says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heading {
    /// "Phase", "Stage", "Level", … or the time unit.
    pub kind: Option<PhaseKind>,
    /// The time it states.
    pub time: Option<Time>,
    /// The text without emoji, ordinal prefix and time.
    pub title: String,
    /// The text without emoji only.
    pub clean: String,
    /// "(4 Months Each Stage)": the length of each phase under this one.
    pub each: Option<(TimeUnit, u32)>,
    /// The text opens with its kind or place in time ("Phase 2: …",
    /// "Week 1: …"): a phase, never the document's title.
    pub labelled: bool,
}

const DASH: &str = r"(?:-|–|—|to|&|and)";
const UNIT: &str = r"(day|week|month)s?";

static UNIT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(after\s+)?{UNIT}\s*(\d{{1,4}})(?:\s*{DASH}\s*(?:(?:day|week|month)s?\s*)?(\d{{1,4}}))?\b"
    ))
    .expect("valid pattern")
});
static NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(\d{{1,4}})\s*{DASH}\s*(\d{{1,4}})\s*{UNIT}\b")).expect("valid pattern")
});
static LENGTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^[-~≈]?\s*(\d{{1,4}})\s*{UNIT}\b")).expect("valid pattern"));
static KIND_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(phase|stage|level|tier|block|part|step|module)\s*(\d{1,3}|[ivx]{1,5})\b\s*")
        .expect("valid pattern")
});
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:q|quarter\s*)([1-4])(?:\s*{DASH}\s*(?:q|quarter\s*)?([1-4]))?\b"))
        .expect("valid pattern")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^year\s*(\d{{1,2}})(?:\s*{DASH}\s*(?:year\s*)?(\d{{1,2}}))?\b")).expect("valid pattern")
});
/// "(4 Months Each Stage)": the length of every phase below.
static EACH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(\d{{1,3}})\s*{UNIT}\s+(?:each|per|for\s+each|every)\b")).expect("valid pattern")
});
static PARENTHESIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^()]{1,60})\)").expect("valid pattern"));

fn unit(word: &str) -> TimeUnit {
    match word.to_ascii_lowercase().as_str() {
        "day" => TimeUnit::Day,
        "week" => TimeUnit::Week,
        _ => TimeUnit::Month,
    }
}

fn number(text: &str) -> u32 {
    text.parse().unwrap_or(0)
}

/// A time expression at the start of `text`, and how many bytes it took.
pub fn time_at_start(text: &str) -> Option<(Time, usize)> {
    if let Some(c) = UNIT_FIRST.captures(text) {
        let whole = c.get(0)?;
        let unit = unit(&c[2]);
        let a = number(&c[3]);
        let b = c.get(4).map(|m| number(m.as_str()));
        let label = whole.as_str().trim().to_owned();
        let time = if c.get(1).is_some() {
            Time::Range { unit, start: a.saturating_add(1), end: None, label }
        } else {
            let end = b.filter(|&b| b > a);
            Time::Range { unit, start: a.max(1), end, label }
        };
        return Some((time, whole.end()));
    }
    if let Some(c) = NUMBER_FIRST.captures(text) {
        let whole = c.get(0)?;
        let (a, b) = (number(&c[1]), number(&c[2]));
        if b > a {
            // "3–6 Months" counts elapsed time: months 4 to 6.
            let time = Time::Range {
                unit: unit(&c[3]),
                start: a + 1,
                end: Some(b).filter(|&b| b > a + 1),
                label: whole.as_str().trim().to_owned(),
            };
            return Some((time, whole.end()));
        }
    }
    // "Q2" is months 4-6, "Year 2" months 13-24.
    for (pattern, months) in [(&*QUARTER, 3u32), (&*YEAR, 12u32)] {
        if let Some(c) = pattern.captures(text) {
            let whole = c.get(0)?;
            let a = number(&c[1]);
            let b = c.get(2).map_or(a, |m| number(m.as_str())).max(a);
            if a == 0 || b > 99 {
                continue;
            }
            let time = Time::Range {
                unit: TimeUnit::Month,
                start: (a - 1) * months + 1,
                end: Some(b * months),
                label: whole.as_str().trim().to_owned(),
            };
            return Some((time, whole.end()));
        }
    }
    if let Some(c) = LENGTH.captures(text) {
        let whole = c.get(0)?;
        let count = number(&c[1]);
        if count > 0 {
            return Some((
                Time::Length { unit: unit(&c[2]), count, label: whole.as_str().trim().to_owned() },
                whole.end(),
            ));
        }
    }
    None
}

/// A time expression filling all of `text` (but for whitespace).
fn whole_time(text: &str) -> Option<Time> {
    let text = text.trim();
    let (time, used) = time_at_start(text)?;
    text[used..].trim().is_empty().then_some(time)
}

/// Emoji, variation selectors and keycap numbering removed, spaces collapsed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A keycap "1️⃣" is a digit, an optional variation selector and U+20E3.
        if c.is_ascii_digit() {
            let next = chars.get(i + 1).copied();
            let after = chars.get(i + 2).copied();
            if next == Some('\u{20E3}') {
                i += 2;
                continue;
            }
            if next == Some('\u{FE0F}') && after == Some('\u{20E3}') {
                i += 3;
                continue;
            }
        }
        let code = c as u32;
        let emoji = code >= 0x1F000
            || (0x2600..=0x27BF).contains(&code)
            || (0x2B00..=0x2BFF).contains(&code)
            || (0xFE00..=0xFE0F).contains(&code)
            || code == 0x200D
            || code == 0x20E3;
        if emoji || c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out.trim().to_owned()
}

/// Separators between a prefix and a title.
pub fn trim_separators(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '→' | '|' | '.' | ',' | '*'))
}

/// Reads a heading or a list label.
pub fn heading(text: &str) -> Heading {
    let clean = clean(text);
    let mut rest: &str = &clean;
    let mut kind = None;
    if let Some(c) = KIND_PREFIX.captures(rest) {
        kind = Some(match c[1].to_ascii_lowercase().as_str() {
            "phase" => PhaseKind::Phase,
            "stage" => PhaseKind::Stage,
            "level" | "tier" => PhaseKind::Level,
            _ => PhaseKind::Block,
        });
        rest = trim_separators(&rest[c.get(0).map_or(0, |m| m.end())..]);
    }
    let mut time = None;
    let mut title = rest.to_owned();
    let mut labelled = kind.is_some();
    if let Some((t, used)) = time_at_start(rest) {
        // "Week 1: …" places a phase; "100 Days of ML Code" only says how long.
        labelled |= matches!(t, Time::Range { .. });
        time = Some(t);
        let mut after = trim_separators(&rest[used..]);
        // "Month 7 (Weeks 25-28): …": the second time only restates the first.
        if let Some(m) = PARENTHESIS.find(after).filter(|m| m.start() == 0) {
            if whole_time(&after[1..m.end() - 1]).is_some() {
                after = trim_separators(&after[m.end()..]);
            } else if trim_separators(&after[m.end()..]).is_empty() {
                // "Week 25-26 (Docker):" titles the phase "Docker".
                after = &after[1..m.end() - 1];
            }
        }
        title = after.to_owned();
    } else if let Some((t, range)) = PARENTHESIS
        .captures_iter(rest)
        .filter_map(|c| {
            let m = c.get(0)?;
            let inner = c.get(1)?.as_str();
            whole_time(inner).map(|t| (t, m.range()))
        })
        .next()
    {
        time = Some(t);
        title = format!("{} {}", rest[..range.start].trim(), rest[range.end..].trim());
        title = trim_separators(title.trim()).to_owned();
    } else if let Some(pos) = rest.rfind([':', '—', '–', '|']) {
        // "Deep Learning — Month 4".
        let tail = trim_separators(&rest[pos..]);
        if let Some(t) = whole_time(tail) {
            time = Some(t);
            title = trim_separators(&rest[..pos]).to_owned();
        }
    }
    if kind.is_none() {
        if let Some(Time::Range { unit, .. }) = &time {
            kind = Some(PhaseKind::from(*unit));
        }
    }
    let title = trim_separators(&title).to_owned();
    let each =
        EACH.captures(&clean).and_then(|c| Some((unit(c.get(2)?.as_str()), number(&c[1]))).filter(|(_, n)| *n > 0));
    Heading { kind, time, title, clean, each, labelled }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> Option<(TimeUnit, u32, Option<u32>)> {
        match heading(text).time? {
            Time::Range { unit, start, end, .. } => Some((unit, start, end)),
            Time::Length { .. } => None,
        }
    }

    #[test]
    fn spans_in_many_spellings() {
        assert_eq!(range("Week 1-3: Foundations"), Some((TimeUnit::Week, 1, Some(3))));
        assert_eq!(range("Weeks 5–6"), Some((TimeUnit::Week, 5, Some(6))));
        assert_eq!(range("📅 Month 4"), Some((TimeUnit::Month, 4, None)));
        assert_eq!(range("Day 1-2"), Some((TimeUnit::Day, 1, Some(2))));
        assert_eq!(range("Days 1 to 3: Setup"), Some((TimeUnit::Day, 1, Some(3))));
        assert_eq!(range("Orientation (Day 1 - Day 5)"), Some((TimeUnit::Day, 1, Some(5))));
        assert_eq!(range("Phase 1 (Months 1–3)"), Some((TimeUnit::Month, 1, Some(3))));
        assert_eq!(range("STAGE 3 — CLASSICAL ML (3–6 Months)"), Some((TimeUnit::Month, 4, Some(6))));
        assert_eq!(range("STAGE 1 — FOUNDATION (0–3 Months)"), Some((TimeUnit::Month, 1, Some(3))));
        assert_eq!(range("Portfolio (After Month 9)"), Some((TimeUnit::Month, 10, None)));
        assert!(matches!(heading("-1 Month").time, Some(Time::Length { count: 1, unit: TimeUnit::Month, .. })));
        assert_eq!(range("Week-by-Week Breakdown"), None);
        assert_eq!(range("Skills Tracker (4 Months Each Stage)"), None);
        assert_eq!(heading("Skills Tracker (4 Months Each Stage)").each, Some((TimeUnit::Month, 4)));
        assert_eq!(range("Q1: Foundations"), Some((TimeUnit::Month, 1, Some(3))));
        assert_eq!(range("Q2-Q3"), Some((TimeUnit::Month, 4, Some(9))));
        assert_eq!(range("Year 2"), Some((TimeUnit::Month, 13, Some(24))));
        assert_eq!(range("Week 1 & 2"), Some((TimeUnit::Week, 1, Some(2))));
        assert_eq!(range("Day 10"), Some((TimeUnit::Day, 10, None)));
        assert_eq!(range("Months 4–6: Deep Learning"), Some((TimeUnit::Month, 4, Some(6))));
    }

    #[test]
    fn titles_and_kinds() {
        let h = heading("✅ PHASE 1: Core Foundations (Week 1–3)");
        assert_eq!(h.title, "Core Foundations");
        assert_eq!(h.kind, Some(PhaseKind::Phase));
        let h = heading("Level 3 → Junior Engineer");
        assert_eq!((h.kind, h.title.as_str()), (Some(PhaseKind::Level), "Junior Engineer"));
        assert_eq!(heading("Tier 2").kind, Some(PhaseKind::Level));
        assert_eq!(heading("Month 7 (Weeks 25-28): Containers").title, "Containers");
        assert_eq!(heading("Week 25-26 (Docker):").title, "Docker");
        assert_eq!(heading("1️⃣ Python (Production-Level)").title, "Python (Production-Level)");
        assert_eq!(heading("Deep Learning — Month 4").title, "Deep Learning");
    }
}
