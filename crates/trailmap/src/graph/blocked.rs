//! Why a skill on a blocked cycle can never be learned, for TM007: each of
//! its requirements that no learnable skill meets, named exactly.

use std::fmt::Write as _;

use super::{Cycle, SkillGraph};

/// The TM007 report of one blocked cycle, written at its first skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Blocked {
    /// Index of the entry, in the first skill's `prerequisites`, that
    /// leads to the cycle's second skill.
    pub(crate) entry: usize,
    /// "`a` can never be learned: it requires `b` (blocked: cycle of 2
    /// skills: `a` → `b` → `a`) and every alternative of any_of [`x`, `y`]
    /// is blocked".
    pub(crate) message: String,
}

/// How many members of a blocked `any_of` group a message names.
const SHOWN_MEMBERS: usize = 12;

/// Explains `cycle` (from [`SkillGraph::blocked_cycles`]) at its first
/// skill; `learnable` is [`SkillGraph::learnable`]. `None` when the
/// cycle's skills are not in the graph.
pub(crate) fn explain(graph: &SkillGraph<'_>, learnable: &[bool], cycle: &Cycle) -> Option<Blocked> {
    let first = graph.index_of(cycle.skills.first()?)?;
    let next = graph.index_of(cycle.skills.get(1).unwrap_or(&cycle.skills[0]))?;
    let path: Vec<String> = cycle.steps().map(|step| step.to_string()).collect();
    let path = path.join(" → ");
    let on_cycle = format!("cycle of {} skills: {path}", cycle.skills.len());
    let mut entry = None;
    let mut plain = Vec::new();
    let mut groups = Vec::new();
    for r in graph.requirements_of(first) {
        if r.members.iter().any(|&m| learnable[m as usize]) {
            continue;
        }
        let leads_on = r.members.contains(&next);
        if leads_on && entry.is_none() {
            entry = Some(r.entry as usize);
        }
        if r.any_of {
            // A group of thousands is named by its first few.
            let mut names: Vec<String> =
                r.members.iter().take(SHOWN_MEMBERS).map(|&m| format!("`{}`", graph.id(m))).collect();
            if r.members.len() > SHOWN_MEMBERS {
                names.push(format!("… {} more", r.members.len() - SHOWN_MEMBERS));
            }
            let mut part = format!("every alternative of any_of [{}] is blocked", names.join(", "));
            if leads_on {
                let _ = write!(part, " (`{}`: {on_cycle})", graph.id(next));
            }
            groups.push(part);
        } else if leads_on {
            plain.push(format!("`{}` (blocked: {on_cycle})", graph.id(next)));
        } else {
            plain.push(format!("`{}` (blocked)", graph.id(r.members[0])));
        }
    }
    let mut parts = Vec::new();
    if !plain.is_empty() {
        parts.push(format!("it requires {}", plain.join(", ")));
    }
    parts.extend(groups);
    Some(Blocked {
        entry: entry.unwrap_or(0),
        message: format!("`{}` can never be learned: {}", graph.id(first), parts.join(" and ")),
    })
}
