//! The lint rules, one per file. A rule's `//!` comment is its
//! documentation (`trailmap rule CODE`, `docs/rules.md`); register a new
//! rule by adding it to the list below.

use trailmap::Severity;

use crate::registry::{Check, Rule};

macro_rules! rules {
    ($( $module:ident: $code:ident, $name:literal, $severity:ident, $fixable:literal, $check:ident; )*) => {
        $( mod $module; )*

        $(
            #[doc = concat!("The rule `", stringify!($code), "` (`", $name, "`).")]
            pub(crate) const $code: Rule = Rule {
                code: stringify!($code),
                name: $name,
                default_severity: Severity::$severity,
                fixable: $fixable,
                source: include_str!(concat!(stringify!($module), ".rs")),
                check: rules!(@check $check $module),
            };
        )*

        /// Every lint rule (validation codes excluded), in code order.
        pub static RULES: &[Rule] = &[$( $code ),*];
    };
    (@check file $module:ident) => { Check::File($module::check) };
    (@check files $module:ident) => { Check::Files($module::start) };
    (@check engine $module:ident) => { Check::Engine };
}

rules! {
    tm101_prerequisite_taught_later: TM101, "prerequisite-taught-later", Warning, false, file;
    tm102_skill_not_in_phase: TM102, "skill-not-in-phase", Warning, false, file;
    tm103_empty_phase: TM103, "empty-phase", Warning, false, file;
    tm104_overlapping_phases: TM104, "overlapping-phases", Warning, false, file;
    tm105_phase_gap: TM105, "phase-gap", Warning, false, file;
    tm106_nested_phase_outside_parent: TM106, "nested-phase-outside-parent", Warning, false, file;
    tm107_redundant_prerequisite: TM107, "redundant-prerequisite", Warning, true, file;
    tm108_id_not_kebab_case: TM108, "id-not-kebab-case", Warning, false, file;
    tm109_similar_skill_names: TM109, "similar-skill-names", Warning, false, file;
    tm110_skill_used_before_taught: TM110, "skill-used-before-taught", Warning, false, file;
    tm111_phase_over_capacity: TM111, "phase-over-capacity", Warning, false, file;
    tm112_invalid_resource_url: TM112, "invalid-resource-url", Warning, false, file;
    tm113_empty_text: TM113, "empty-text", Warning, false, file;
    tm114_optional_prerequisite: TM114, "optional-prerequisite", Warning, false, file;
    tm115_inconsistent_skill: TM115, "inconsistent-skill", Warning, false, files;
    tm116_unused_suppression: TM116, "unused-suppression", Warning, false, engine;
    tm117_invalid_suppression: TM117, "invalid-suppression", Error, false, engine;
    tm118_phase_past_duration: TM118, "phase-past-duration", Warning, false, file;
    tm119_cyclic_alternative: TM119, "cyclic-alternative", Warning, false, file;
    tm120_repeated_entry: TM120, "repeated-entry", Warning, true, file;
    tm121_phase_out_of_order: TM121, "phase-out-of-order", Warning, false, file;
}
