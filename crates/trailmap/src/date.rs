//! Calendar dates (proleptic Gregorian, UTC days): progress entries'
//! `date`, and the first day of a schedule.

use std::fmt;

/// A calendar date, for schedules that start on a given day.
///
/// ```
/// let d = trailmap::Date::parse("2026-12-28").unwrap();
/// assert_eq!(d.add_days(7).to_string(), "2027-01-04");
/// assert!(trailmap::Date::parse("2026-02-30").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    days: i64,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates.
    ///
    /// ```
    /// assert!(trailmap::Date::parse("2024-02-29").is_some());
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let y: i64 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let d: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || text.len() != 10 || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date { days: days_from_civil(y, m, d) })
    }

    /// The day (UTC) of a Unix time in seconds.
    ///
    /// ```
    /// assert_eq!(trailmap::Date::from_unix_seconds(86_400 * 365).to_string(), "1971-01-01");
    /// ```
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date { days: seconds.div_euclid(86_400) }
    }

    /// Today in UTC, from the system clock (1970-01-01 if the clock is
    /// before it).
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Date::from_unix_seconds(seconds)
    }

    /// The date `n` days later.
    ///
    /// ```
    /// let d = trailmap::Date::parse("2026-01-31").unwrap();
    /// assert_eq!(d.add_days(1).to_string(), "2026-02-01");
    /// ```
    pub fn add_days(self, n: i64) -> Date {
        Date { days: self.days + n }
    }

    /// `(year, month, day)`.
    ///
    /// ```
    /// assert_eq!(trailmap::Date::parse("2026-11-25").unwrap().ymd(), (2026, 11, 25));
    /// ```
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    /// Whether the year is within 1 to 9999: what `YYYY-MM-DD` and
    /// iCalendar's dates (four digits, RFC 5545) can write.
    ///
    /// ```
    /// use trailmap::Date;
    /// assert!(Date::parse("9999-12-31").unwrap().has_four_digit_year());
    /// assert!(!Date::parse("9999-12-31").unwrap().add_days(1).has_four_digit_year());
    /// assert!(!Date::parse("0000-12-31").unwrap().has_four_digit_year());
    /// ```
    pub fn has_four_digit_year(self) -> bool {
        (1..=9999).contains(&self.ymd().0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil calendar algorithms (public domain).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, u32::try_from(m).unwrap_or(1), u32::try_from(d).unwrap_or(1))
}
