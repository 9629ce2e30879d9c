//! "Did you mean …?" suggestions for misspelled ids and keys.

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo (at most a third of the word's length, at least 1).
///
/// ```
/// use trailmap::suggest::did_you_mean;
/// assert_eq!(did_you_mean("pytorh", ["python", "pytorch"]), Some("pytorch"));
/// assert_eq!(did_you_mean("kubernetes", ["python"]), None);
/// ```
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut unlimited = u64::MAX;
    closest(word, candidates, &mut unlimited).ok().flatten()
}

/// Nobody mistypes an id this long; comparing such words would cost the
/// product of their lengths (a 50 MB id against another).
const MAX_WORD_BYTES: usize = 256;

/// The budget of a [`Suggester`] ran out during a search.
struct GaveUp;

/// [`did_you_mean`], charging `budget` for the work: one unit per
/// candidate, plus the product of the lengths for each edit distance
/// computed. Gives up when the budget runs out.
fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut u64,
) -> Result<Option<&'a str>, GaveUp> {
    if word.len() > MAX_WORD_BYTES {
        return Ok(None);
    }
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        *budget = budget.checked_sub(1).ok_or(GaveUp)?;
        if candidate == word {
            continue;
        }
        // Cheap bound first: the length difference is a lower bound.
        if candidate.len().abs_diff(word.len()) > limit {
            continue;
        }
        *budget = budget.checked_sub((word.len() * candidate.len()) as u64).ok_or(GaveUp)?;
        let d = levenshtein(word, candidate, limit);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc)) {
            best = Some((d, candidate));
        }
    }
    Ok(best.map(|(_, c)| c))
}

/// Suggestions for many words from one file, with a shared bound on the
/// work: without it, a file with many distinct unknown ids and many skills
/// costs their product (a million of each is hours). Answers are cached
/// per word and kind, so a million references to one missing id cost one
/// search. Once the budget is spent, no more suggestions are made, and
/// nothing more is cached: 600,000 distinct unknown ids each kept an entry
/// (about 100 bytes), searched for nothing.
pub(crate) struct Suggester {
    budget: u64,
    /// The answers of the searches made, by kind, then word.
    cache: std::collections::HashMap<&'static str, std::collections::HashMap<Box<str>, Option<Box<str>>>>,
}

impl Suggester {
    /// About a second of work in a debug build; far more than any real
    /// roadmap needs (a thousand unknown ids against a thousand skills).
    pub(crate) const BUDGET: u64 = 50_000_000;

    pub(crate) fn new(budget: u64) -> Self {
        Suggester { budget, cache: Default::default() }
    }

    /// The closest of `candidates` to `word`, among items of `kind`.
    pub(crate) fn suggest<'a>(
        &mut self,
        kind: &'static str,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<String> {
        if let Some(found) = self.cache.get(kind).and_then(|answers| answers.get(word)) {
            return found.as_deref().map(str::to_owned);
        }
        let found = closest(word, candidates, &mut self.budget).ok()?;
        self.cache.entry(kind).or_default().insert(word.into(), found.map(Box::from));
        found.map(str::to_owned)
    }
}

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment), giving up (returning `limit + 1`) past `limit`.
///
/// ```
/// assert_eq!(trailmap::suggest::levenshtein("kitten", "sitting", 10), 3);
/// assert_eq!(trailmap::suggest::levenshtein("gti", "git", 10), 1);
/// ```
pub fn levenshtein(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 0..a.len() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for j in 0..b.len() {
            let cost = usize::from(a[i] != b[j]);
            let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn very_long_words_are_not_compared() {
        // Comparing these would take 10^10 steps and gigabytes.
        let long = "a".repeat(100_000);
        let near = format!("{}b", &long[1..]);
        assert_eq!(did_you_mean(&long, [near.as_str()]), None);
        let short = "a".repeat(MAX_WORD_BYTES - 1);
        let near = format!("{short}b");
        assert_eq!(did_you_mean(&short, [near.as_str()]), Some(near.as_str()));
    }

    #[test]
    fn the_budget_bounds_the_work_and_answers_are_cached() {
        let skills: Vec<String> = (0..1000).map(|i| format!("skill-{i}")).collect();
        let ids = || skills.iter().map(String::as_str);
        // 1000 candidates, 10 of length 7 and 90 of length 8 compared: 5740 units.
        let mut hints = Suggester::new(10_000);
        assert_eq!(hints.suggest("skill", "skil-1", ids()).as_deref(), Some("skill-1"));
        // Cached: free, however often it is asked.
        for _ in 0..100 {
            assert_eq!(hints.suggest("skill", "skil-1", ids()).as_deref(), Some("skill-1"));
        }
        // Another word would cost more than what is left: no suggestion,
        // and none kept.
        assert_eq!(hints.suggest("skill", "skil-2", ids()), None);
        assert_eq!(hints.cache["skill"].len(), 1);
        assert_eq!(Suggester::new(Suggester::BUDGET).suggest("skill", "skil-2", ids()).as_deref(), Some("skill-2"));
    }
}
