//! `schedule --format ics`: one event per study week (or timed sessions),
//! a reproducible DTSTAMP, UIDs under a reserved domain, and text that a
//! strict RFC 5545 reader accepts. Set `TRAILMAP_TEST_PYTHON` to a Python
//! with the `icalendar` package (or have `python3` import it) to parse the
//! file with it too.

mod util;

use util::{run_in, stdout};

const SMALL: &str = "tests/fixtures/valid/small.json";

fn calendar(extra: &[&str]) -> String {
    let mut args = vec!["schedule", SMALL, "--hours-per-week", "8", "--start", "2027-01-04", "--format", "ics"];
    args.extend_from_slice(extra);
    let out = run_in(&util::root(), &args, &[("SOURCE_DATE_EPOCH", "1798761600")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    stdout(&out)
}

/// Content lines as RFC 5545 §3.1 wants them: CRLF, at most 75 octets,
/// continuation lines starting with a space, `NAME[;PARAM]:VALUE` once
/// unfolded, and balanced BEGIN/END.
fn assert_strict(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    let body = &ics[..ics.len() - 2];
    assert!(!body.replace("\r\n", "").contains(['\r', '\n']), "bare CR or LF");
    let mut unfolded: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
        match line.strip_prefix(' ') {
            Some(rest) => unfolded.last_mut().expect("a continuation needs a line").push_str(rest),
            None => unfolded.push(line.to_owned()),
        }
    }
    let mut stack = Vec::new();
    for line in &unfolded {
        let colon = line.find(':').unwrap_or_else(|| panic!("no colon: {line}"));
        let name = line[..colon].split(';').next().unwrap();
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{line}");
        let value = &line[colon + 1..];
        if name == "BEGIN" {
            stack.push(value.to_owned());
        } else if name == "END" {
            assert_eq!(stack.pop().as_deref(), Some(value), "unbalanced END:{value}");
        } else if matches!(name, "SUMMARY" | "DESCRIPTION") {
            // TEXT: every comma and semicolon escaped.
            let bytes = value.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b',' || b == b';' {
                    assert!(i > 0 && bytes[i - 1] == b'\\', "unescaped {} in {line}", b as char);
                }
            }
        }
    }
    assert!(stack.is_empty());
    unfolded
}

#[test]
fn one_event_per_study_week() {
    let ics = calendar(&[]);
    let lines = assert_strict(&ics);
    insta::assert_snapshot!("schedule-small.ics", ics);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 5);
    assert!(lines.contains(&"SUMMARY:Week 2: Python\\, Git\\, NumPy".to_owned()), "{lines:#?}");
    assert!(lines.iter().any(|l| l.starts_with("DESCRIPTION:Python: 2 h\\nGit: 4 h\\nNumPy: 2 h\\n8 h in all")));
    assert!(lines.iter().filter(|l| l.starts_with("DTSTAMP:")).all(|l| l == "DTSTAMP:20270101T000000Z"));
    let uids: Vec<&String> = lines.iter().filter(|l| l.starts_with("UID:")).collect();
    assert!(uids.iter().all(|u| u.ends_with("@trailmap.invalid")));
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len());
    assert_eq!(calendar(&[]), ics, "SOURCE_DATE_EPOCH makes it reproducible");
}

#[test]
fn timed_sessions() {
    let ics = calendar(&["--sessions-per-week", "2"]);
    let lines = assert_strict(&ics);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 10);
    assert!(lines.contains(&"DTSTART:20270104T180000".to_owned()));
    assert!(lines.contains(&"DTSTART:20270107T180000".to_owned()), "second session mid-week");
    assert!(lines.iter().filter(|l| l.starts_with("DURATION:")).all(|l| l == "DURATION:PT4H0M"));
    assert!(lines.contains(&"SUMMARY:Week 2\\, session 1: Python\\, Git".to_owned()), "{lines:#?}");
    assert_eq!(
        run_in(&util::root(), &["schedule", SMALL, "--hours-per-week", "8", "--sessions-per-week", "9"], &[])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn python_icalendar_reads_it() {
    let asked = std::env::var("TRAILMAP_TEST_PYTHON").ok();
    let python = asked.clone().unwrap_or_else(|| "python3".into());
    let probe = std::process::Command::new(&python).args(["-c", "import icalendar"]).output();
    let usable = probe.is_ok_and(|o| o.status.success());
    // CI names a Python on purpose (.ci/run): then it must work.
    assert!(usable || asked.is_none(), "TRAILMAP_TEST_PYTHON={python} cannot import icalendar");
    if !usable {
        eprintln!(
            "skipped: {python} cannot import icalendar (set TRAILMAP_TEST_PYTHON); the strict check above still runs"
        );
        return;
    }
    for extra in [&[][..], &["--sessions-per-week", "3"][..]] {
        let dir = std::env::temp_dir().join(format!("trailmap-ics-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("plan.ics");
        std::fs::write(&file, calendar(extra)).unwrap();
        let script = "import sys, icalendar\n\
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
events = cal.walk('VEVENT')\n\
assert all(str(e['UID']).endswith('@trailmap.invalid') for e in events)\n\
print(len(events), str(events[1]['SUMMARY']), str(events[1]['DESCRIPTION']).splitlines()[0])\n";
        let out = std::process::Command::new(&python).args(["-c", script, file.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if extra.is_empty() {
            assert_eq!(text.trim(), "5 Week 2: Python, Git, NumPy Python: 2 h");
        } else {
            assert!(text.starts_with("15 Week 1, session 2: Python"), "{text}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn dates_past_year_9999_are_refused_and_a_bad_source_date_epoch_named() {
    let root = util::root();
    for (start, format) in [("9999-12-20", "ics"), ("9999-12-20", "json"), ("0000-01-01", "text")] {
        let out = run_in(
            &root,
            &["schedule", SMALL, "--hours-per-week", "1", "--start", start, "--format", format],
            &[("SOURCE_DATE_EPOCH", "0")],
        );
        assert_eq!(out.status.code(), Some(2), "{start} {format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("outside years 1 to 9999"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    // Within range up to the last day.
    let out = run_in(&root, &["schedule", SMALL, "--hours-per-week", "100", "--start", "9999-12-25"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // In iCalendar the week ends on the day after it (`DTEND` is exclusive):
    // 10000-01-01, which cannot be written.
    let args = ["schedule", SMALL, "--hours-per-week", "100", "--start", "9999-12-25", "--format", "ics"];
    let out = run_in(&root, &args, &[("SOURCE_DATE_EPOCH", "0")]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let args = ["schedule", SMALL, "--hours-per-week", "100", "--start", "9999-12-24", "--format", "ics"];
    let out = run_in(&root, &args, &[("SOURCE_DATE_EPOCH", "0")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("DTEND;VALUE=DATE:99991231"), "{}", stdout(&out));
    for epoch in ["abc", "-5", "99999999999999", "1.5"] {
        let args = ["schedule", SMALL, "--hours-per-week", "8", "--start", "2027-01-04", "--format", "ics"];
        let out = run_in(&root, &args, &[("SOURCE_DATE_EPOCH", epoch)]);
        assert_eq!(out.status.code(), Some(0), "{epoch}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("SOURCE_DATE_EPOCH `{epoch}`")), "{epoch}: {stderr}");
        let stamp = stdout(&out).lines().find(|l| l.starts_with("DTSTAMP:")).unwrap_or_default().to_owned();
        assert_eq!(stamp.trim_end().len(), "DTSTAMP:20270101T000000Z".len(), "{epoch}: {stamp}");
    }
}

#[test]
fn sessions_per_week_without_ics_is_named_in_a_warning() {
    let out = run_in(&util::root(), &["schedule", SMALL, "--hours-per-week", "8", "--sessions-per-week", "3"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--sessions-per-week only shapes --format ics"), "{stderr}");
    let out =
        run_in(&util::root(), &["-q", "schedule", SMALL, "--hours-per-week", "8", "--sessions-per-week", "3"], &[]);
    assert!(out.stderr.is_empty());
}
