//! Holding the `version` field to the bump the changes require.

use semver::Version;
use serde::Serialize;

use crate::Bump;

/// A `version` that is not a semantic version.
///
/// ```
/// let err = trailmap_diff::suggest_version("one", trailmap_diff::Bump::Patch).unwrap_err();
/// assert_eq!(err.version, "one");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidVersion {
    /// The text that did not parse.
    pub version: String,
    /// Why, from the semver parser.
    pub reason: String,
}

impl std::fmt::Display for InvalidVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a semantic version: {}", self.version, self.reason)
    }
}

impl std::error::Error for InvalidVersion {}

fn parse(text: &str) -> Result<Version, InvalidVersion> {
    Version::parse(text.trim()).map_err(|err| InvalidVersion { version: text.to_owned(), reason: err.to_string() })
}

/// What is wrong with the new version.
///
/// ```
/// let check = trailmap_diff::check_version("1.0.0", "1.0.0", trailmap_diff::Bump::Patch).unwrap();
/// assert_eq!(check.problem, Some(trailmap_diff::VersionProblem::Unchanged));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VersionProblem {
    /// The new version is lower than the old one.
    Decreased,
    /// The version did not change although the content did.
    Unchanged,
    /// The version rose, but by less than the changes require.
    TooSmall,
}

/// The verdict on a version change.
///
/// ```
/// use trailmap_diff::{Bump, check_version};
///
/// let check = check_version("1.4.0", "1.5.0", Bump::Major).unwrap();
/// assert!(!check.ok);
/// assert_eq!(check.suggested, "2.0.0");
/// assert_eq!(check.message, "version 1.4.0 -> 1.5.0 is a minor bump, but the changes need a major bump (suggested: 1.4.0 -> 2.0.0)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionCheck {
    /// `true` when the new version is acceptable.
    pub ok: bool,
    /// The old `version`.
    pub old: String,
    /// The new `version`.
    pub new: String,
    /// The bump from old to new; `None` when the version decreased.
    pub actual: Option<Bump>,
    /// The bump the changes need, after the `0.x` rule (a major change
    /// needs only a minor bump before 1.0.0).
    pub required: Bump,
    /// The lowest version that satisfies the changes.
    pub suggested: String,
    /// What is wrong, when not `ok`.
    pub problem: Option<VersionProblem>,
    /// The verdict in one line.
    pub message: String,
}

/// The bump that turns `old` into `new`: the first of major, minor and patch
/// that differs. A pre-release old version makes no compatibility promise,
/// so any increase from it counts as major.
fn bump_between(old: &Version, new: &Version) -> Bump {
    if !old.pre.is_empty() {
        return Bump::Major;
    }
    if new.major != old.major {
        Bump::Major
    } else if new.minor != old.minor {
        Bump::Minor
    } else if new.patch != old.patch {
        Bump::Patch
    } else {
        Bump::None
    }
}

/// Before 1.0.0 the minor number is the breaking one: a major change needs
/// only a minor bump.
fn effective(old: &Version, required: Bump) -> Bump {
    if old.major == 0 && required == Bump::Major { Bump::Minor } else { required }
}

fn next(old: &Version, required: Bump) -> Version {
    let required = effective(old, required);
    if !old.pre.is_empty() && required != Bump::None {
        // 2.0.0-rc.1 is released as 2.0.0, whatever it contains.
        return Version::new(old.major, old.minor, old.patch);
    }
    match required {
        Bump::None => Version::new(old.major, old.minor, old.patch),
        Bump::Patch => Version::new(old.major, old.minor, old.patch.saturating_add(1)),
        Bump::Minor => Version::new(old.major, old.minor.saturating_add(1), 0),
        Bump::Major if old.major == 0 => Version::new(0, old.minor.saturating_add(1), 0),
        Bump::Major => Version::new(old.major.saturating_add(1), 0, 0),
    }
}

/// The lowest version after `old` that a change requiring `required`
/// allows: `1.4.0` with a major change gives `2.0.0`, `0.3.2` with a major
/// change gives `0.4.0`. With no change the old version stays (without
/// build metadata).
///
/// ```
/// use trailmap_diff::{Bump, suggest_version};
/// assert_eq!(suggest_version("1.4.0", Bump::Major).unwrap(), "2.0.0");
/// assert_eq!(suggest_version("1.4.0", Bump::Minor).unwrap(), "1.5.0");
/// assert_eq!(suggest_version("1.4.0", Bump::Patch).unwrap(), "1.4.1");
/// assert_eq!(suggest_version("0.3.2", Bump::Major).unwrap(), "0.4.0");
/// assert_eq!(suggest_version("2.0.0-rc.1", Bump::Major).unwrap(), "2.0.0");
/// ```
pub fn suggest_version(old: &str, required: Bump) -> Result<String, InvalidVersion> {
    let old = parse(old)?;
    if required == Bump::None {
        return Ok(old.to_string());
    }
    Ok(next(&old, required).to_string())
}

/// Checks that `new` is an acceptable version after `old` for changes that
/// require `required`: it fails when the version decreased, did not change
/// although something changed, or rose by less than required (in `0.x` a
/// required major counts as a minor). Rising by more than required is fine.
///
/// ```
/// use trailmap_diff::{Bump, check_version};
///
/// assert!(check_version("1.4.0", "2.0.0", Bump::Major).unwrap().ok);
/// assert!(check_version("0.4.0", "0.5.0", Bump::Major).unwrap().ok);
/// assert!(check_version("1.4.0", "1.4.0", Bump::None).unwrap().ok);
/// assert!(!check_version("1.4.0", "1.3.9", Bump::None).unwrap().ok);
/// assert!(check_version("1.4.0", "x", Bump::None).is_err());
/// ```
pub fn check_version(old: &str, new: &str, required: Bump) -> Result<VersionCheck, InvalidVersion> {
    let (old_v, new_v) = (parse(old)?, parse(new)?);
    let needed = effective(&old_v, required);
    let suggested = suggest_version(old, required)?;
    // Precedence ignores build metadata.
    let order =
        (old_v.major, old_v.minor, old_v.patch, &old_v.pre).cmp(&(new_v.major, new_v.minor, new_v.patch, &new_v.pre));
    let hint = format!("(suggested: {old_v} -> {suggested})");
    let (actual, problem, message) = match order {
        std::cmp::Ordering::Greater => {
            (None, Some(VersionProblem::Decreased), format!("version decreased from {old_v} to {new_v} {hint}"))
        }
        std::cmp::Ordering::Equal if needed > Bump::None => (
            Some(Bump::None),
            Some(VersionProblem::Unchanged),
            format!("version {old_v} did not change, but the changes need a {needed} bump {hint}"),
        ),
        std::cmp::Ordering::Equal => {
            (Some(Bump::None), None, format!("version {old_v} unchanged; no change needs a bump"))
        }
        std::cmp::Ordering::Less => {
            let actual = bump_between(&old_v, &new_v);
            if actual < needed {
                (
                    Some(actual),
                    Some(VersionProblem::TooSmall),
                    format!(
                        "version {old_v} -> {new_v} is a {actual} bump, but the changes need a {needed} bump {hint}"
                    ),
                )
            } else {
                let need = if needed == Bump::None { "no bump".to_owned() } else { format!("a {needed} bump") };
                (Some(actual), None, format!("version {old_v} -> {new_v} is a {actual} bump; the changes need {need}"))
            }
        }
    };
    Ok(VersionCheck {
        ok: problem.is_none(),
        old: old.to_owned(),
        new: new.to_owned(),
        actual,
        required: needed,
        suggested,
        problem,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_x_majors_are_minors() {
        let check = check_version("0.4.0", "0.4.1", Bump::Major).unwrap();
        assert_eq!(check.problem, Some(VersionProblem::TooSmall));
        assert_eq!(check.required, Bump::Minor);
        assert_eq!(check.suggested, "0.5.0");
        assert!(check_version("0.4.0", "1.0.0", Bump::Major).unwrap().ok);
    }

    #[test]
    fn unchanged_decreased_and_build_metadata() {
        assert_eq!(check_version("1.0.0", "1.0.0", Bump::Patch).unwrap().problem, Some(VersionProblem::Unchanged));
        assert_eq!(check_version("1.0.0", "0.9.0", Bump::Patch).unwrap().problem, Some(VersionProblem::Decreased));
        assert!(check_version("1.0.0+a", "1.0.0+b", Bump::None).unwrap().ok);
        assert_eq!(check_version("1.0.0", "1.0.0+b", Bump::Patch).unwrap().problem, Some(VersionProblem::Unchanged));
    }

    #[test]
    fn pre_releases_promise_nothing() {
        assert!(check_version("2.0.0-rc.1", "2.0.0-rc.2", Bump::Major).unwrap().ok);
        assert!(check_version("2.0.0-rc.1", "2.0.0", Bump::Major).unwrap().ok);
        assert_eq!(
            check_version("2.0.0", "2.0.0-rc.1", Bump::None).unwrap().problem,
            Some(VersionProblem::Decreased),
            "a pre-release sorts before its release"
        );
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let max = u64::MAX.to_string();
        assert_eq!(suggest_version(&format!("{max}.0.0"), Bump::Major).unwrap(), format!("{max}.0.0"));
    }
}
