//! The phase tree: the one walker of nested phases ([`PhaseTree`], on an
//! explicit stack, since nesting depth comes from the input), the phases
//! with pointers and absolute days ([`phase_nodes`]), and where a skill is
//! taught, for a person.

use std::iter::Enumerate;
use std::slice::Iter;

use super::SkillGraph;
use crate::pointer::Pointer;
use crate::{Phase, Roadmap};

/// One phase met by [`PhaseTree`], with its place in the tree.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct PhaseVisit<'r> {
    /// The phase.
    pub phase: &'r Phase,
    /// Its rank in document order (pre-order: a phase before its nested
    /// phases), counting from 0.
    pub index: usize,
    /// The rank of the enclosing phase, `None` at the top level.
    pub parent: Option<usize>,
    /// Nesting depth: 0 for top-level phases.
    pub depth: usize,
    /// Its index in its parent's `phases` list (or the roadmap's).
    pub position: usize,
}

/// Entering a phase (before its nested phases) or leaving it (after them),
/// from [`PhaseTree::events`].
#[derive(Debug, Clone, Copy)]
pub enum PhaseEvent<'r> {
    /// Before the phase's nested phases.
    Enter(PhaseVisit<'r>),
    /// After the phase's nested phases.
    Leave(PhaseVisit<'r>),
}

/// The one walker of nested phases: every phase in document order, with
/// its rank, parent, depth and position, on an explicit stack (nesting
/// depth comes from the input, so no recursion).
///
/// ```
/// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
///     "phases": [{"id": "p1", "title": "P1", "phases": [{"id": "w1", "title": "W1"}]}, {"id": "p2", "title": "P2"}]}"#).roadmap.unwrap();
/// let walked: Vec<_> = trailmap::graph::PhaseTree::new(&roadmap.phases)
///     .map(|v| (v.phase.id.as_str(), v.parent, v.depth, v.position))
///     .collect();
/// assert_eq!(walked, [("p1", None, 0, 0), ("w1", Some(0), 1, 0), ("p2", None, 0, 1)]);
/// ```
#[derive(Debug, Clone)]
pub struct PhaseTree<'r> {
    events: PhaseEvents<'r>,
}

impl<'r> PhaseTree<'r> {
    /// Walks `phases` (a roadmap's or a phase's `phases`) and everything
    /// nested in them.
    pub fn new(phases: &'r [Phase]) -> Self {
        PhaseTree { events: PhaseTree::events(phases) }
    }

    /// The same walk as enter and leave events, for output that wraps a
    /// phase's nested phases (sections, headings).
    ///
    /// ```
    /// use trailmap::graph::{PhaseEvent, PhaseTree};
    ///
    /// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
    ///     "phases": [{"id": "p1", "title": "P1", "phases": [{"id": "w1", "title": "W1"}]}]}"#).roadmap.unwrap();
    /// let events: Vec<String> = PhaseTree::events(&roadmap.phases)
    ///     .map(|e| match e {
    ///         PhaseEvent::Enter(v) => format!("+{}", v.phase.id),
    ///         PhaseEvent::Leave(v) => format!("-{}", v.phase.id),
    ///     })
    ///     .collect();
    /// assert_eq!(events, ["+p1", "+w1", "-w1", "-p1"]);
    /// ```
    pub fn events(phases: &'r [Phase]) -> PhaseEvents<'r> {
        PhaseEvents { stack: vec![(phases.iter().enumerate(), None)], next_index: 0 }
    }
}

impl<'r> Iterator for PhaseTree<'r> {
    type Item = PhaseVisit<'r>;

    fn next(&mut self) -> Option<PhaseVisit<'r>> {
        self.events.find_map(|e| match e {
            PhaseEvent::Enter(visit) => Some(visit),
            PhaseEvent::Leave(_) => None,
        })
    }
}

/// The enter and leave events of a phase walk (see [`PhaseTree::events`]).
#[derive(Debug, Clone)]
pub struct PhaseEvents<'r> {
    /// Each open list of phases, with the phase that holds it.
    stack: Vec<(Enumerate<Iter<'r, Phase>>, Option<PhaseVisit<'r>>)>,
    next_index: usize,
}

impl<'r> Iterator for PhaseEvents<'r> {
    type Item = PhaseEvent<'r>;

    fn next(&mut self) -> Option<PhaseEvent<'r>> {
        let (list, holder) = self.stack.last_mut()?;
        let holder = *holder;
        match list.next() {
            Some((position, phase)) => {
                let visit = PhaseVisit {
                    phase,
                    index: self.next_index,
                    parent: holder.map(|h| h.index),
                    depth: self.stack.len() - 1,
                    position,
                };
                self.next_index += 1;
                self.stack.push((phase.phases.iter().enumerate(), Some(visit)));
                Some(PhaseEvent::Enter(visit))
            }
            None => {
                self.stack.pop();
                // No holder: the top-level list is done, and so is the walk.
                holder.map(PhaseEvent::Leave)
            }
        }
    }
}

impl<'r> SkillGraph<'r> {
    /// Where a skill is taught, for a person: `Week 4: DL Foundations +
    /// PyTorch`, or `Week 1, Day 3: OOP` for a day range inside a week.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "oop", "name": "OOP"}], "phases": [{"id": "w1", "title": "Python + Git", "span": {"unit": "week", "start": 1},
    /// #   "phases": [{"id": "d3", "title": "OOP", "span": {"unit": "day", "start": 3}, "skills": ["oop"]}]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.where_taught("oop").unwrap(), "Week 1, Day 3: OOP");
    /// ```
    pub fn where_taught(&self, id: &str) -> Option<String> {
        let rank = self.phase_rank[self.index.get(id)? as usize];
        (rank != u32::MAX).then(|| self.phase_label(rank, true))
    }

    fn phase_label(&self, rank: u32, with_title: bool) -> String {
        let info = &self.phases[rank as usize];
        let phase = info.phase;
        let own = phase.span.as_ref().map(ToString::to_string);
        let nested_detail = phase.span.as_ref().is_none_or(|s| s.unit == crate::TimeUnit::Day);
        let mut label = String::new();
        if let (Some(parent), true) = (info.parent, nested_detail) {
            label.push_str(&self.phase_label(parent, false));
            label.push_str(", ");
        }
        match own {
            Some(own) => {
                label.push_str(&own);
                if with_title && phase.title != own {
                    label.push_str(": ");
                    label.push_str(&shorten(&phase.title, 48));
                }
            }
            None => label.push_str(&shorten(&phase.title, 48)),
        }
        label
    }
}

/// A phase with its place in the roadmap: JSON Pointer, parent, depth and
/// absolute day range.
///
/// ```
/// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
///     "phases": [{"id": "w2", "title": "Week 2", "span": {"unit": "week", "start": 2},
///                 "phases": [{"id": "d1", "title": "Day 1-2", "span": {"unit": "day", "start": 1, "end": 2}}]}]}"#).roadmap.unwrap();
/// let nodes = trailmap::graph::phase_nodes(&roadmap);
/// assert_eq!(nodes[1].pointer, "/phases/0/phases/0");
/// assert_eq!(nodes[1].parent, Some(0));
/// assert_eq!(nodes[1].days, Some((8, 9)));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PhaseNode<'r> {
    /// The phase.
    pub phase: &'r Phase,
    /// JSON Pointer to it.
    pub pointer: String,
    /// Index of the enclosing phase in the same list.
    pub parent: Option<usize>,
    /// Nesting depth: 0 for top-level phases.
    pub depth: usize,
    /// Inclusive range of absolute days (day 1 = the roadmap's first day),
    /// when the phase has a span. Day spans count from the enclosing
    /// phase's first day.
    pub days: Option<(u64, u64)>,
}

/// Every phase of a roadmap in document order (a phase before its nested
/// phases), with pointers and absolute day ranges.
pub fn phase_nodes(roadmap: &Roadmap) -> Vec<PhaseNode<'_>> {
    let mut out: Vec<PhaseNode<'_>> = Vec::new();
    for visit in PhaseTree::new(&roadmap.phases) {
        let pointer = match visit.parent {
            Some(parent) => format!("{}/phases/{}", out[parent].pointer, visit.position),
            None => Pointer::item("phases", visit.position).into_string(),
        };
        // Day spans count from the nearest enclosing phase with a span.
        let mut first_day = 1;
        let mut ancestor = visit.parent;
        while let Some(a) = ancestor {
            if let Some((start, _)) = out[a].days {
                first_day = start;
                break;
            }
            ancestor = out[a].parent;
        }
        let days = visit.phase.span.as_ref().map(|span| span.in_days(first_day));
        out.push(PhaseNode { phase: visit.phase, pointer, parent: visit.parent, depth: visit.depth, days });
    }
    out
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Visits every phase in document order (pre-order: a phase before its
/// nested phases).
///
/// ```
/// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
///     "phases": [{"id": "p1", "title": "P1", "phases": [{"id": "w1", "title": "W1"}]}, {"id": "p2", "title": "P2"}]}"#).roadmap.unwrap();
/// let mut ids = Vec::new();
/// trailmap::graph::walk_phases(&roadmap.phases, &mut |p| ids.push(p.id.clone()));
/// assert_eq!(ids, ["p1", "w1", "p2"]);
/// ```
pub fn walk_phases<'a>(phases: &'a [Phase], visit: &mut impl FnMut(&'a Phase)) {
    PhaseTree::new(phases).for_each(|v| visit(v.phase));
}
