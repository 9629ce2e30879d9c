//! A schedule as an iCalendar file (RFC 5545) to import into a calendar.
//!
//! One all-day event per study week, `Week 3: NumPy, Pandas`, spanning the
//! week, its description listing the hours of each skill; or, with
//! [`IcsOptions::sessions_per_week`], that many timed study sessions a
//! week, each naming the skills it covers. `DTSTAMP` is the time the file
//! was generated (the caller passes it, so `SOURCE_DATE_EPOCH` can make the
//! output reproducible); UIDs are stable for the same roadmap, start and
//! week, under the reserved domain `trailmap.invalid` (RFC 6761), so
//! importing a regenerated file updates events rather than duplicating
//! them. Every string from the roadmap goes through [`trailmap::escape::ics`]
//! and every line is folded at 75 octets.

use std::fmt::Write as _;

use trailmap::Date;
use trailmap::Roadmap;
use trailmap::escape;
use trailmap::query::Schedule;
use trailmap::query::effort::format_hours;

use crate::learner::week_start;

/// The domain of every UID: reserved, so it can never clash with a real one.
pub const UID_DOMAIN: &str = "trailmap.invalid";

/// When timed sessions start, local (floating) time: an evening slot.
pub const SESSION_START_HOUR: u32 = 18;

/// How to lay the schedule out.
///
/// ```
/// let start = trailmap::Date::parse("2027-01-04").unwrap();
/// let options = trailmap_render::ics::IcsOptions::new(start, 0);
/// assert_eq!(options.sessions_per_week, None);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IcsOptions {
    /// The first day of week 1.
    pub start: Date,
    /// When the file is generated, in Unix seconds (UTC): the `DTSTAMP`.
    pub generated_at: i64,
    /// Timed sessions per week (1 to 7) instead of one all-day event.
    pub sessions_per_week: Option<u32>,
}

impl IcsOptions {
    /// All-day weekly events from `start`, stamped `generated_at`.
    pub fn new(start: Date, generated_at: i64) -> Self {
        IcsOptions { start, generated_at, sessions_per_week: None }
    }
}

/// What one event covers: skills and their hours, in order.
struct Block<'s> {
    parts: Vec<(&'s str, f64, bool)>,
}

impl Block<'_> {
    fn hours(&self) -> f64 {
        self.parts.iter().map(|p| p.1).sum()
    }

    fn names(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        for (name, _, _) in &self.parts {
            if !names.contains(name) {
                names.push(name);
            }
        }
        names.join(", ")
    }

    fn description(&self, title: &str) -> String {
        let mut lines: Vec<String> = self
            .parts
            .iter()
            .map(|(name, h, estimated)| {
                format!("{}: {}{}", escape::ics(name), format_hours(*h), if *estimated { " (estimated)" } else { "" })
            })
            .collect();
        lines.push(format!("{} in all ({})", format_hours(self.hours()), escape::ics(title)));
        lines.join("\\n")
    }
}

/// The schedule as iCalendar text, CRLF line ends, lines folded.
///
/// ```
/// use trailmap::{Progress, Roadmap, SkillGraph};
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///     {"id": "a", "name": "A", "effort_hours": 6}, {"id": "b", "name": "B", "effort_hours": 6}]}"#).roadmap.unwrap();
/// let graph = SkillGraph::new(&roadmap);
/// let schedule = graph.plan_all(&Progress::default()).unwrap().schedule(8.0).unwrap();
/// let start = trailmap::Date::parse("2027-01-04").unwrap();
/// let text = trailmap_render::ics::ics(&roadmap, &schedule, &trailmap_render::ics::IcsOptions::new(start, 0));
/// assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
/// assert!(text.contains("SUMMARY:Week 1: A\\, B\r\n"));
/// assert!(text.contains("DTSTAMP:19700101T000000Z\r\n"));
/// ```
pub fn ics(roadmap: &Roadmap, schedule: &Schedule<'_>, options: &IcsOptions) -> String {
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//trailmap//schedule//EN", "CALSCALE:GREGORIAN"] {
        fold_into(&mut out, line);
    }
    fold_into(&mut out, &format!("X-WR-CALNAME:{}", escape::ics(&roadmap.title)));
    let stamp = utc_stamp(options.generated_at);
    let uid_base = format!("{}-{}", escape::ics(&roadmap.id), compact(options.start));
    for week in 1..=schedule.weeks {
        let week_block = Block {
            parts: schedule
                .items
                .iter()
                .filter(|s| s.start_week <= week && week <= s.end_week)
                .map(|s| {
                    let h = s.hours_by_week[(week - s.start_week) as usize];
                    (s.skill.name.as_str(), h, s.effort.is_estimated())
                })
                .filter(|p| p.1 > 0.0)
                .collect(),
        };
        if week_block.parts.is_empty() {
            continue;
        }
        let first = week_start(options.start, week);
        match options.sessions_per_week.filter(|n| *n > 0) {
            None => {
                let when = [
                    format!("DTSTART;VALUE=DATE:{}", compact(first)),
                    format!("DTEND;VALUE=DATE:{}", compact(first.add_days(7))),
                ];
                let summary = format!("Week {week}: {}", week_block.names());
                event(&mut out, &format!("{uid_base}-week-{week}"), &stamp, &when, &summary, &week_block, roadmap);
            }
            Some(n) => {
                let n = n.min(7);
                for (i, session) in split(&week_block, n).iter().enumerate() {
                    let i = i as u32;
                    // Spread over the week: 3 sessions on days 1, 3 and 5.
                    let day = first.add_days(i64::from(i * 7 / n));
                    let minutes = (session.hours() * 60.0).round().max(1.0) as u64;
                    let when = [
                        format!("DTSTART:{}T{SESSION_START_HOUR:02}0000", compact(day)),
                        format!("DURATION:PT{}H{}M", minutes / 60, minutes % 60),
                    ];
                    let summary = format!("Week {week}, session {}: {}", i + 1, session.names());
                    let uid = format!("{uid_base}-week-{week}-session-{}", i + 1);
                    event(&mut out, &uid, &stamp, &when, &summary, session, roadmap);
                }
            }
        }
    }
    fold_into(&mut out, "END:VCALENDAR");
    out
}

fn event(
    out: &mut String,
    uid: &str,
    stamp: &str,
    when: &[String],
    summary: &str,
    block: &Block<'_>,
    roadmap: &Roadmap,
) {
    fold_into(out, "BEGIN:VEVENT");
    fold_into(out, &format!("UID:{uid}@{UID_DOMAIN}"));
    fold_into(out, &format!("DTSTAMP:{stamp}"));
    for line in when {
        fold_into(out, line);
    }
    fold_into(out, &format!("SUMMARY:{}", escape::ics(summary)));
    fold_into(out, &format!("DESCRIPTION:{}", block.description(&roadmap.title)));
    // A week-long banner must not mark the week busy; a session should.
    fold_into(out, if when[0].contains("VALUE=DATE") { "TRANSP:TRANSPARENT" } else { "TRANSP:OPAQUE" });
    fold_into(out, "END:VEVENT");
}

/// Cuts a week's hours into `n` equal sessions, in order; a skill that
/// straddles two sessions appears in both with its share.
fn split<'s>(week: &Block<'s>, n: u32) -> Vec<Block<'s>> {
    const EPS: f64 = 1e-9;
    let size = week.hours() / f64::from(n);
    let mut sessions: Vec<Block<'s>> = (0..n).map(|_| Block { parts: Vec::new() }).collect();
    let mut at = 0usize;
    let mut room = size;
    for &(name, hours, estimated) in &week.parts {
        let mut left = hours;
        while left > EPS {
            let take = if at + 1 == sessions.len() { left } else { left.min(room) };
            sessions[at].parts.push((name, trailmap::query::effort::round_hours(take), estimated));
            left -= take;
            room -= take;
            if room <= EPS && at + 1 < sessions.len() {
                at += 1;
                room = size;
            }
        }
    }
    sessions.retain(|s| !s.parts.is_empty());
    sessions
}

fn compact(d: Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{y:04}{m:02}{day:02}")
}

/// `YYYYMMDDTHHMMSSZ` for a Unix time.
fn utc_stamp(seconds: i64) -> String {
    let day = Date::from_unix_seconds(seconds);
    let secs = seconds.rem_euclid(86_400);
    format!("{}T{:02}{:02}{:02}Z", compact(day), secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Appends a content line folded at 75 octets (RFC 5545 §3.1), never
/// inside a UTF-8 sequence, with CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc() {
        assert_eq!(utc_stamp(1_798_761_600 + 3_723), "20270101T010203Z");
    }

    #[test]
    fn sessions_share_a_week_in_order() {
        let week = Block { parts: vec![("A", 3.0, false), ("B", 3.0, true)] };
        let sessions = split(&week, 3);
        let names: Vec<String> = sessions.iter().map(Block::names).collect();
        assert_eq!(names, ["A", "A, B", "B"]);
        assert!(sessions.iter().all(|s| (s.hours() - 2.0).abs() < 1e-9));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }
}
