//! The stable codes of the diagnostics the core produces.
//!
//! Codes `TM0xx` are validation problems: the file is not a valid roadmap
//! (or progress file). Lint rules (`TM1xx` and up) live in the
//! `trailmap-lint` crate. A code is never reused for another meaning.
//!
//! Each code is a variant of [`Code`], so a misspelt code does not compile.
//! Its documentation is one Markdown file per code in `src/codes/` (named
//! like the lint rules' files: `tm007_prerequisite_cycle.md`), which is both
//! the variant's rustdoc and what [`Code::documentation`] returns
//! (`trailmap rule TM007`, `docs/rules.md`).

use crate::diagnostic::{Diagnostic, Severity};

macro_rules! codes {
    ($( $variant:ident = $code:literal, $name:literal, $file:literal, $severity:ident, $breaks:literal, $summary:literal; )*) => {
        /// A core diagnostic code.
        ///
        /// ```
        /// use trailmap::codes::Code;
        /// assert_eq!(Code::PrerequisiteCycle.code(), "TM007");
        /// assert_eq!(Code::find("prerequisite-cycle"), Some(Code::PrerequisiteCycle));
        /// assert!(Code::DuplicateKey.breaks_model());
        /// assert!(!Code::UnknownReference.breaks_model());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = include_str!(concat!("codes/", $file))]
                $variant,
            )*
        }

        impl Code {
            /// Every core code, in code order.
            pub const ALL: &'static [Code] = &[$( Code::$variant ),*];

            /// The stable code, e.g. `TM007`.
            pub const fn code(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The stable kebab-case name, e.g. `prerequisite-cycle`.
            pub const fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The severity the core reports it with.
            pub const fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// `true` when the code means the file could not be read into a
            /// whole model (it does not parse, does not match the schema,
            /// repeats a key, is too large or is not UTF-8): the model, if
            /// any, is partial. The one predicate for "the model is whole"
            /// ([`Loaded::is_whole`](crate::Loaded::is_whole)) and for
            /// "cannot be turned off or suppressed" (lint configuration).
            pub const fn breaks_model(self) -> bool {
                match self { $( Code::$variant => $breaks, )* }
            }

            /// A one-line summary.
            pub const fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            /// The documentation in Markdown, with the sections of the lint
            /// rules' ("What it does", "Why it matters", "Example", "Fix").
            ///
            /// ```
            /// let doc = trailmap::codes::Code::PrerequisiteCycle.documentation();
            /// assert!(doc.starts_with("## What it does"));
            /// ```
            pub fn documentation(self) -> &'static str {
                match self { $( Code::$variant => include_str!(concat!("codes/", $file)).trim_end(), )* }
            }

            /// The name of the file in `src/codes/` that documents it.
            #[doc(hidden)]
            pub const fn doc_file(self) -> &'static str {
                match self { $( Code::$variant => $file, )* }
            }
        }
    };
}

codes! {
    JsonSyntax = "TM001", "json-syntax", "tm001_json_syntax.md", Error, true,
        "The text is not valid JSON.";
    Schema = "TM002", "schema", "tm002_schema.md", Error, true,
        "The document does not match the JSON Schema.";
    DuplicateKey = "TM003", "duplicate-key", "tm003_duplicate_key.md", Error, true,
        "An object repeats a key.";
    DuplicateId = "TM004", "duplicate-id", "tm004_duplicate_id.md", Error, false,
        "Two items of one kind share an id.";
    UnknownReference = "TM005", "unknown-reference", "tm005_unknown_reference.md", Error, false,
        "A reference names an item that does not exist.";
    SelfPrerequisite = "TM006", "self-prerequisite", "tm006_self_prerequisite.md", Error, false,
        "A skill lists itself as a prerequisite.";
    PrerequisiteCycle = "TM007", "prerequisite-cycle", "tm007_prerequisite_cycle.md", Error, false,
        "Prerequisites form a cycle that makes skills unlearnable.";
    InvalidVersion = "TM008", "invalid-version", "tm008_invalid_version.md", Error, false,
        "`version` is not a semantic version.";
    InputTooLarge = "TM009", "input-too-large", "tm009_input_too_large.md", Error, true,
        "The input is larger than the configured limit.";
    InvalidEncoding = "TM010", "invalid-encoding", "tm010_invalid_encoding.md", Error, true,
        "The input is not UTF-8.";
    EmptyAnyOf = "TM011", "empty-any-of", "tm011_empty_any_of.md", Error, false,
        "An `any_of` group has no member.";
    // A byte-order mark is ignored, so only a warning.
    ByteOrderMark = "TM012", "byte-order-mark", "tm012_byte_order_mark.md", Warning, false,
        "The input starts with a UTF-8 byte-order mark.";
    ReversedSpan = "TM013", "reversed-span", "tm013_reversed_span.md", Error, false,
        "A span ends before it starts.";
    // Nothing of the file can be shown then, so it cannot be turned off.
    SourceChanged = "TM014", "source-changed", "tm014_source_changed.md", Error, true,
        "The file changed while it was linted.";
    UnknownProgressSkill = "TM050", "unknown-progress-skill", "tm050_unknown_progress_skill.md", Warning, false,
        "A progress file names a skill no loaded roadmap has.";
    InvalidProgressEntry = "TM051", "invalid-progress-entry", "tm051_invalid_progress_entry.md", Error, false,
        "A progress entry has an impossible date or negative hours.";
}

impl Code {
    /// Finds a code by its code (`TM007`, any case) or its name
    /// (`prerequisite-cycle`).
    ///
    /// ```
    /// use trailmap::codes::Code;
    /// assert_eq!(Code::find("tm003"), Some(Code::DuplicateKey));
    /// assert_eq!(Code::find("TM107"), None);
    /// ```
    pub fn find(key: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.code().eq_ignore_ascii_case(key) || c.name() == key)
    }

    /// `true` for the codes of progress files (`TM05x`), which `trailmap
    /// lint` never reports.
    ///
    /// ```
    /// assert!(trailmap::codes::Code::UnknownProgressSkill.is_progress_code());
    /// ```
    pub const fn is_progress_code(self) -> bool {
        matches!(self, Code::UnknownProgressSkill | Code::InvalidProgressEntry)
    }

    /// A diagnostic with this code at the given severity, about the whole
    /// document; chain [`Diagnostic::at`] to point at a value.
    ///
    /// ```
    /// use trailmap::{Severity, codes::Code};
    /// let d = Code::InvalidVersion.diagnostic(Severity::Error, "`1.0` is not a semantic version");
    /// assert_eq!((d.code, d.name), ("TM008", "invalid-version"));
    /// ```
    pub fn diagnostic(self, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code(), self.name(), severity, message)
    }

    /// A diagnostic with this code at its [default
    /// severity](Self::default_severity).
    pub fn report(self, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(self.default_severity(), message)
    }
}

/// `true` when `code` is a core code that [breaks the
/// model](Code::breaks_model).
///
/// ```
/// assert!(trailmap::codes::breaks_model("TM003"));
/// assert!(!trailmap::codes::breaks_model("TM107"));
/// ```
pub fn breaks_model(code: &str) -> bool {
    Code::ALL.iter().any(|c| c.breaks_model() && c.code() == code)
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
