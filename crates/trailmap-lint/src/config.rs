//! `trailmap.toml`: which rules run, at which severity, per file, and
//! from which severity a run fails.
//!
//! ```toml
//! [lint]
//! ignore = ["phase-gap"]          # codes or names
//! fail-on = "warning"             # error (default), warning or info
//!
//! [lint.severity]
//! TM103 = "error"                 # error, warning, info or off
//!
//! [[lint.overrides]]
//! files = ["roadmaps/legacy/*.json"]
//! ignore = ["TM108"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use trailmap::Severity;

use crate::registry::{self, Rule};

/// The name of the configuration file.
pub const FILE_NAME: &str = "trailmap.toml";

/// The `$id` of the configuration schema.
pub const SCHEMA_ID: &str = "https://trailmap.dev/schemas/trailmap-toml.schema.json";

/// The whole `trailmap.toml`.
///
/// ```
/// let config: trailmap_lint::config::ConfigFile = toml::from_str("[lint]\nfail-on = \"warning\"").unwrap();
/// assert_eq!(config.lint.fail_on, Some(trailmap_lint::config::Level::Warning));
/// ```
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "trailmap.toml")]
#[serde(rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Which files a directory walk checks (globs relative to this file's
    /// directory; a pattern without `/` matches a name anywhere). Replaces
    /// the default: `*.roadmap.json`, `*.roadmap.yaml`, `*.roadmap.yml`,
    /// files under a folder named `roadmaps`, and `*.progress.*` files.
    /// Files whose `$schema` names trailmap's schemas are always included.
    #[serde(default)]
    pub include: Option<Vec<String>>,
    /// Files and folders a directory walk skips. Replaces the default:
    /// `.git`, `node_modules`, `target`, `.venv`, `venv`, `__pycache__`,
    /// `.tox`.
    #[serde(default)]
    pub exclude: Option<Vec<String>>,
    /// More files and folders to skip, on top of `exclude`.
    #[serde(default)]
    pub extend_exclude: Vec<String>,
    /// Settings of `trailmap lint`.
    #[serde(default)]
    pub lint: LintSection,
}

/// The `[lint]` table.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSection {
    /// Rules to run (codes or names; `"ALL"` for every rule). Default: all.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules not to run (codes or names).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule (code or name): `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    /// The lowest severity that fails the run (exit 1). Default: `error`.
    #[serde(default)]
    pub fail_on: Option<Level>,
    /// Settings for some files only, applied in order after the above.
    #[serde(default)]
    pub overrides: Vec<Override>,
}

/// Settings for the files matching `files`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Glob patterns, relative to the directory of `trailmap.toml`; a
    /// pattern without `/` matches file names.
    pub files: Vec<String>,
    /// Replaces the rule selection for these files.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// More rules not to run for these files.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule for these files.
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
}

/// A severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Turn the rule off.
    Off,
    /// Informational.
    Info,
    /// A warning.
    Warning,
    /// An error.
    Error,
}

impl Level {
    /// The severity, or `None` for `off`.
    ///
    /// ```
    /// assert_eq!(trailmap_lint::config::Level::Off.severity(), None);
    /// ```
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A configuration ready to use: where it came from and its settings.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// Its settings.
    pub file: ConfigFile,
    /// How many threads a run may use: to read and lint small files a few
    /// at a time, and for the per-file rules on a large roadmap (`None`:
    /// [`std::thread::available_parallelism`]). Not a file setting: the
    /// output is the same on any number (`tests/parallel.rs`,
    /// `tests/across_files.rs`).
    pub threads: Option<std::num::NonZeroUsize>,
}

/// A configuration problem (exit 2).
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads and checks a configuration file: every rule it names must
    /// exist.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        Self::parse(&text, Some(path.to_path_buf()))
    }

    /// Parses configuration text.
    ///
    /// ```
    /// let err = trailmap_lint::config::Config::parse("[lint]\nignore = [\"TM999\"]", None).unwrap_err();
    /// assert!(err.to_string().contains("unknown rule `TM999`"));
    /// ```
    pub fn parse(text: &str, path: Option<PathBuf>) -> Result<Config, ConfigError> {
        let name = path.as_ref().map_or_else(|| FILE_NAME.to_owned(), |p| p.display().to_string());
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError(format!("{name}: {e}")))?;
        let mut names: Vec<&String> = file.lint.ignore.iter().chain(file.lint.severity.keys()).collect();
        names.extend(file.lint.select.iter().flatten());
        for o in &file.lint.overrides {
            names.extend(o.ignore.iter().chain(o.severity.keys()).chain(o.select.iter().flatten()));
        }
        for o in &file.lint.overrides {
            for pattern in &o.files {
                crate::glob::check(pattern).map_err(|e| ConfigError(format!("{name}: {e}")))?;
            }
        }
        for n in names {
            if n != "ALL" && registry::find(n).is_none() {
                return Err(ConfigError(format!("{name}: {}", registry::unknown_rule(n))));
            }
        }
        Ok(Config { path, file, threads: None })
    }

    /// Finds `trailmap.toml` in `start` or its ancestors.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        match Self::nearest(start) {
            Some(file) => Self::load(&file),
            None => Ok(Config::default()),
        }
    }

    /// The `trailmap.toml` [`Config::discover`] reads for `start` (a file
    /// or a folder): the one in its folder or the nearest above.
    ///
    /// ```
    /// let found = trailmap_lint::config::Config::nearest(std::path::Path::new("/"));
    /// assert!(found.is_none_or(|f| f.ends_with("trailmap.toml")));
    /// ```
    pub fn nearest(start: &Path) -> Option<PathBuf> {
        let start = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        // `file.json` has the empty parent: the working directory.
        let start = if start.as_os_str().is_empty() { PathBuf::from(".") } else { start };
        let absolute = std::path::absolute(&start).unwrap_or(start);
        absolute.ancestors().map(|dir| dir.join(FILE_NAME)).find(|candidate| candidate.is_file())
    }

    /// The file selection this configuration asks for, with command-line
    /// `exclude` (replacing the configured one) and `extend_exclude`.
    ///
    /// ```
    /// let config = trailmap_lint::config::Config::parse("extend-exclude = [\"old\"]", None).unwrap();
    /// let discovery = config.discovery(None, &[]).unwrap();
    /// assert!(discovery.is_excluded(std::path::Path::new("old/roadmaps/a.json")));
    /// ```
    pub fn discovery(
        &self,
        exclude: Option<&[String]>,
        extend_exclude: &[String],
    ) -> Result<crate::discover::Discovery, ConfigError> {
        let base = match self.path.as_ref().and_then(|p| p.parent()) {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut extend = self.file.extend_exclude.clone();
        extend.extend(extend_exclude.iter().cloned());
        let exclude = exclude.or(self.file.exclude.as_deref());
        crate::discover::Discovery::new(&base, self.file.include.as_deref(), exclude, &extend).map_err(|e| {
            let name = self.path.as_ref().map_or_else(|| FILE_NAME.to_owned(), |p| p.display().to_string());
            ConfigError(format!("{name}: {e}"))
        })
    }

    /// How many threads a run may use: [`Config::threads`], else the
    /// machine's.
    ///
    /// ```
    /// let config = trailmap_lint::config::Config { threads: std::num::NonZeroUsize::new(3), ..Default::default() };
    /// assert_eq!(config.thread_count(), 3);
    /// assert!(trailmap_lint::config::Config::default().thread_count() >= 1);
    /// ```
    pub fn thread_count(&self) -> usize {
        self.threads.map_or_else(trailmap::parallel::cores, |n| n.get())
    }

    /// The failing severity.
    pub fn fail_on(&self) -> Severity {
        self.file.lint.fail_on.and_then(Level::severity).unwrap_or(Severity::Error)
    }

    /// The severity of `rule` in `file`, or `None` when the rule is off.
    /// Structural validation codes are always on.
    pub fn severity_for(&self, rule: &Rule, file: &str) -> Option<Severity> {
        self.severity_at(rule, &self.overrides_matching(file))
    }

    /// Which of the overrides apply to `file`, in order.
    fn overrides_matching(&self, file: &str) -> Vec<bool> {
        let overrides = &self.file.lint.overrides;
        if overrides.is_empty() {
            return Vec::new();
        }
        let relative = self.relative(file);
        overrides.iter().map(|o| o.files.iter().any(|g| crate::glob::matches(g, &relative))).collect()
    }

    /// [`Config::severity_for`] with the overrides that apply to the file
    /// ([`Config::overrides_matching`]).
    fn severity_at(&self, rule: &Rule, applies: &[bool]) -> Option<Severity> {
        let lint = &self.file.lint;
        let named =
            |list: &[String]| list.iter().any(|n| n == "ALL" || registry::find(n).is_some_and(|r| r.code == rule.code));
        let mut on = lint.select.as_deref().is_none_or(named) && !named(&lint.ignore);
        let mut severity = rule.default_severity;
        let mut set = |map: &BTreeMap<String, Level>, on: &mut bool| {
            for (key, level) in map {
                if registry::find(key).is_some_and(|r| r.code == rule.code) {
                    match level.severity() {
                        Some(s) => {
                            severity = s;
                            *on = true;
                        }
                        None => *on = false,
                    }
                }
            }
        };
        set(&lint.severity, &mut on);
        for (o, _) in lint.overrides.iter().zip(applies).filter(|(_, applies)| **applies) {
            if let Some(select) = &o.select {
                on = named(select);
            }
            if named(&o.ignore) {
                on = false;
            }
            set(&o.severity, &mut on);
        }
        // A file the model cannot be read from has no lint result at all:
        // its error stays on, and an error, whatever the configuration says
        // (lowered to a note, the run passed on a file that does not parse).
        if rule.breaks_model() {
            return Some(rule.default_severity);
        }
        on.then_some(severity)
    }

    /// Every rule's severity in `file` ([`Config::severity_for`] of each),
    /// resolved once: a run looks it up per finding.
    ///
    /// ```
    /// let config = trailmap_lint::config::Config::default();
    /// let severities = config.severities_for("roadmap.json");
    /// assert_eq!(severities.get("TM107"), Some(Some(trailmap::Severity::Warning)));
    /// assert_eq!(severities.get("TM999"), None);
    /// ```
    pub fn severities_for(&self, file: &str) -> Severities {
        // Matched once for every rule: working out the file's path asks
        // the system for the working directory twice, which on a folder of
        // 40,000 roadmaps, once per rule and file, was a fifth of `lint`.
        let applies = self.overrides_matching(file);
        Severities { by_code: registry::all().iter().map(|r| (r.code, self.severity_at(r, &applies))).collect() }
    }

    /// `file` relative to the configuration's directory, with `/`.
    fn relative(&self, file: &str) -> String {
        let path = Path::new(file);
        let base =
            self.path.as_ref().and_then(|p| p.parent()).map(|p| std::path::absolute(p).unwrap_or(p.to_path_buf()));
        let absolute = std::path::absolute(path).unwrap_or(path.to_path_buf());
        let rel = match &base {
            Some(base) => absolute.strip_prefix(base).map(Path::to_path_buf).unwrap_or(absolute.clone()),
            None => path.to_path_buf(),
        };
        rel.to_string_lossy().replace('\\', "/")
    }
}

/// The JSON Schema of `trailmap.toml` (for editors with TOML schema
/// support, such as Taplo/Even Better TOML).
///
/// ```
/// let schema = trailmap_lint::config::schema();
/// assert_eq!(schema["$id"], trailmap_lint::config::SCHEMA_ID);
/// ```
pub fn schema() -> serde_json::Value {
    trailmap::schema::schema_for::<ConfigFile>(SCHEMA_ID)
}

/// The severity of every rule in one file: see [`Config::severities_for`].
#[derive(Debug, Clone)]
pub struct Severities {
    by_code: foldhash::HashMap<&'static str, Option<Severity>>,
}

impl Severities {
    /// `None` for a code that is no rule; `Some(None)` for a rule that is
    /// off; else its severity.
    pub fn get(&self, code: &str) -> Option<Option<Severity>> {
        self.by_code.get(code).copied()
    }

    /// Applies the configuration to a finding of `code` whose severity is
    /// `severity`: sets its rule's configured severity and returns `true`,
    /// or returns `false` when the rule is off. A code that is no rule is
    /// left as it is.
    ///
    /// ```
    /// use trailmap::Severity;
    /// let config = trailmap_lint::config::Config::parse("[lint]\nignore = [\"TM108\"]\n", None).unwrap();
    /// let severities = config.severities_for("r.json");
    /// let mut severity = Severity::Info;
    /// assert!(severities.apply("TM107", &mut severity));
    /// assert_eq!(severity, Severity::Warning);
    /// assert!(!severities.apply("TM108", &mut severity));
    /// ```
    pub fn apply(&self, code: &str, severity: &mut Severity) -> bool {
        match self.get(code) {
            Some(Some(configured)) => {
                *severity = configured;
                true
            }
            Some(None) => false,
            None => true,
        }
    }
}
