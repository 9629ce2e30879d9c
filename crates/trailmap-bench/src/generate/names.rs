//! Skill names and ids: word lists whose words are far apart and code
//! words, so that no two generated names are one edit apart (`TM109`).

const DOMAINS: &[&str] = &[
    "Tensor",
    "Graph",
    "Stream",
    "Vector",
    "Kernel",
    "Cloud",
    "Signal",
    "Matrix",
    "Query",
    "Cache",
    "Packet",
    "Sensor",
    "Robot",
    "Speech",
    "Vision",
    "Market",
    "Ledger",
    "Genome",
    "Climate",
    "Traffic",
    "Retail",
    "Energy",
    "Health",
    "Audio",
    "Image",
    "Search",
    "Fraud",
    "Credit",
    "Supply",
    "Weather",
    "Mobile",
    "Browser",
    "Compiler",
    "Network",
    "Storage",
    "Security",
    "Privacy",
    "Payment",
    "Chemistry",
    "Physics",
    "Finance",
    "Logistics",
    "Marketing",
    "Medical",
    "Satellite",
    "Drone",
    "Battery",
    "Language",
    "Document",
    "Factory",
    "Insurance",
    "Agriculture",
    "Transit",
    "Gaming",
    "Video",
];

const TECHNIQUES: &[&str] = &[
    "Modeling",
    "Pipelines",
    "Serving",
    "Indexing",
    "Forecasting",
    "Clustering",
    "Ranking",
    "Tuning",
    "Monitoring",
    "Testing",
    "Profiling",
    "Sampling",
    "Labeling",
    "Scaling",
    "Parsing",
    "Encoding",
    "Hashing",
    "Routing",
    "Scheduling",
    "Auditing",
    "Debugging",
    "Deployment",
    "Inference",
    "Training",
    "Analytics",
    "Visualization",
    "Compression",
    "Retrieval",
    "Embeddings",
    "Optimization",
    "Simulation",
    "Calibration",
    "Segmentation",
    "Detection",
    "Tracking",
    "Alignment",
    "Evaluation",
    "Governance",
    "Orchestration",
    "Benchmarking",
    "Annotation",
    "Augmentation",
    "Distillation",
    "Quantization",
    "Regression",
    "Classification",
    "Generation",
    "Replication",
    "Federation",
    "Validation",
    "Recovery",
];

const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";

/// Levenshtein distance, for building word lists with words far apart.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The words of `list` (case-insensitively) at least 3 edits from every
/// word kept before them.
fn far_apart(list: &[&'static str]) -> Vec<&'static str> {
    let mut kept: Vec<&'static str> = Vec::new();
    for &word in list {
        let lower = word.to_lowercase();
        if kept.iter().all(|k| distance(&k.to_lowercase(), &lower) >= 3) {
            kept.push(word);
        }
    }
    kept
}

/// Five-letter code words (consonant, vowel, consonant, vowel, check
/// consonant). The check letter is `(i + j + k) mod 14` of the first three
/// letters' indices: changing any one of them changes it, so any two code
/// words of equal length differ in at least two letters, and no two names
/// are one edit apart.
fn code_words() -> Vec<String> {
    let mut out = Vec::with_capacity(CONSONANTS.len() * VOWELS.len() * CONSONANTS.len());
    for (i, &c1) in CONSONANTS.iter().enumerate() {
        for (j, &v1) in VOWELS.iter().enumerate() {
            for (k, &c2) in CONSONANTS.iter().enumerate() {
                let v2 = VOWELS[(i + 2 * j + 3 * k) % VOWELS.len()];
                let check = CONSONANTS[(i + j + k) % CONSONANTS.len()];
                let word = [c1.to_ascii_uppercase(), v1, c2, v2, check];
                out.push(String::from_utf8_lossy(&word).into_owned());
            }
        }
    }
    out
}

/// Skill names and ids: every skill index maps to a distinct combination
/// of a domain, a technique and a code word.
pub(super) struct Names {
    pub(super) domains: Vec<&'static str>,
    pub(super) techniques: Vec<&'static str>,
    codes: Vec<String>,
    stride: u128,
}

impl Names {
    pub(super) fn new() -> Self {
        let domains = far_apart(DOMAINS);
        let techniques = far_apart(TECHNIQUES);
        let codes = code_words();
        let total = (domains.len() * techniques.len() * codes.len()) as u128;
        // A stride coprime with the total makes `i * stride % total` a
        // bijection that scatters neighbours across the word lists.
        let mut stride: u128 = 1_000_003;
        while gcd(stride, total) != 1 {
            stride += 2;
        }
        Names { domains, techniques, codes, stride }
    }

    pub(super) fn capacity(&self) -> usize {
        self.domains.len() * self.techniques.len() * self.codes.len()
    }

    /// `(domain, technique, code)` of skill `i`.
    pub(super) fn parts(&self, i: usize) -> (usize, usize, usize) {
        let k = (i as u128 * self.stride % self.capacity() as u128) as usize;
        let d = k % self.domains.len();
        let t = (k / self.domains.len()) % self.techniques.len();
        let c = k / (self.domains.len() * self.techniques.len());
        (d, t, c)
    }

    pub(super) fn name(&self, (d, t, c): (usize, usize, usize)) -> String {
        format!("{} {} {}", self.domains[d], self.techniques[t], self.codes[c])
    }

    pub(super) fn id(&self, (d, t, c): (usize, usize, usize)) -> String {
        format!("{}-{}-{}", self.domains[d], self.techniques[t], self.codes[c]).to_lowercase()
    }
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The largest number of skills [`generate`](super::generate) can name.
///
/// ```
/// assert!(trailmap_bench::generate::max_skills() >= 1_000_000);
/// ```
pub fn max_skills() -> usize {
    Names::new().capacity()
}
