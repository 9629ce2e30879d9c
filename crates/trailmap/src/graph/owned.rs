//! A graph that owns its roadmap, for long-lived users (a server, a
//! language server, a cache): [`SkillGraph`] borrows the roadmap, so the
//! two cannot otherwise live in one struct. `self_cell` keeps the pair
//! together without unsafe code in this crate.

use std::sync::Arc;

use super::SkillGraph;
use crate::Roadmap;

self_cell::self_cell!(
    struct Cell {
        owner: Arc<Roadmap>,
        #[covariant]
        dependent: SkillGraph,
    }
);

/// A [`SkillGraph`] together with the roadmap it is built on, shared
/// through an [`Arc`]: `'static`, `Send` and `Sync`, so it can be kept in
/// a struct, a cache or another thread.
///
/// ```
/// use std::sync::Arc;
/// use trailmap::{OwnedGraph, Roadmap};
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///     {"id": "python", "name": "Python"},
///     {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]}
/// ]}"#).roadmap.unwrap();
/// let owned = OwnedGraph::new(Arc::new(roadmap));
/// let kept: Box<dyn Fn() -> Vec<String> + Send + Sync> =
///     Box::new(move || owned.graph().learning_order().unwrap().iter().map(|s| s.to_string()).collect());
/// assert_eq!(kept(), ["python", "numpy"]);
/// ```
pub struct OwnedGraph(Cell);

impl OwnedGraph {
    /// Builds the graph of `roadmap` (linear in its size, as
    /// [`SkillGraph::new`]).
    pub fn new(roadmap: Arc<Roadmap>) -> Self {
        OwnedGraph(Cell::new(roadmap, |roadmap| SkillGraph::new(roadmap)))
    }

    /// The graph, for every query of [`SkillGraph`].
    pub fn graph(&self) -> &SkillGraph<'_> {
        self.0.borrow_dependent()
    }

    /// The roadmap the graph is built on.
    pub fn roadmap(&self) -> &Arc<Roadmap> {
        self.0.borrow_owner()
    }
}

impl std::fmt::Debug for OwnedGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnedGraph").field("roadmap", &self.roadmap().id).field("skills", &self.graph().len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::OwnedGraph;

    #[test]
    fn it_is_send_sync_and_static_and_answers_like_a_borrowed_graph() {
        fn shareable<T: Send + Sync + 'static>(_: &T) {}
        let roadmap = crate::Roadmap::from_json_str(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
                {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
                {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}"#,
        )
        .roadmap
        .unwrap();
        let borrowed = crate::SkillGraph::new(&roadmap).redundant_prerequisites();
        let owned = OwnedGraph::new(std::sync::Arc::new(roadmap.clone()));
        shareable(&owned);
        // Owned copies: the thread's findings borrow from its graph.
        fn owned_copies(found: &[crate::Redundant<'_>]) -> Vec<(String, String, String, usize)> {
            found.iter().map(|r| (r.skill.to_owned(), r.prerequisite.to_owned(), r.via.to_owned(), r.entry)).collect()
        }
        let from_thread =
            std::thread::spawn(move || owned_copies(&owned.graph().redundant_prerequisites())).join().unwrap();
        assert_eq!(from_thread, owned_copies(&borrowed));
    }
}
