//! Sizes, file names and writing generated roadmaps to disk.

use std::path::Path;

use trailmap::Roadmap;

use super::{GENERATOR_VERSION, generate_shaped, mutate};
use crate::shape::Shape;

/// `1k`, `10k`, `1M` for round sizes, the plain number otherwise.
///
/// ```
/// use trailmap_bench::generate::size_label;
/// assert_eq!(size_label(100_000), "100k");
/// assert_eq!(size_label(1_000_000), "1M");
/// assert_eq!(size_label(1500), "1500");
/// ```
pub fn size_label(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// Parses a size: `1000`, `1k`, `10k`, `1M`.
///
/// ```
/// use trailmap_bench::generate::parse_size;
/// assert_eq!(parse_size("10k"), Ok(10_000));
/// assert_eq!(parse_size("1M"), Ok(1_000_000));
/// assert!(parse_size("ten").is_err());
/// ```
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, factor) = match text.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1000),
        None => match text.strip_suffix('M') {
            Some(d) => (d, 1_000_000),
            None => (text, 1),
        },
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("`{text}` is not a size (examples: 1000, 1k, 100k, 1M)"))
}

/// The file name of a generated roadmap: size, seed and generator version,
/// so a stale file is never reused.
///
/// ```
/// assert_eq!(trailmap_bench::generate::file_name(1000, 1, false), "synthetic-1k-seed1-v2.json");
/// assert_eq!(trailmap_bench::generate::file_name(1000, 1, true), "synthetic-1k-seed1-v2-mutated.json");
/// ```
pub fn file_name(skills: usize, seed: u64, mutated: bool) -> String {
    shaped_file_name(Shape::Layered, skills, seed, mutated)
}

/// [`file_name`] for a shape: the layered shape keeps the plain name.
///
/// ```
/// use trailmap_bench::{generate::shaped_file_name, shape::Shape};
/// assert_eq!(shaped_file_name(Shape::Chain, 1000, 1, false), "synthetic-chain-1k-seed1-v2.json");
/// ```
pub fn shaped_file_name(shape: Shape, skills: usize, seed: u64, mutated: bool) -> String {
    let kind = if shape == Shape::Layered { String::new() } else { format!("{}-", shape.label()) };
    named(&kind, skills, seed, mutated)
}

/// `synthetic-{kind}{size}-seed{seed}-v{version}[-mutated].json`: the one
/// spelling of the generator's file names.
fn named(kind: &str, skills: usize, seed: u64, mutated: bool) -> String {
    let suffix = if mutated { "-mutated" } else { "" };
    format!("synthetic-{kind}{}-seed{seed}-v{GENERATOR_VERSION}{suffix}.json", size_label(skills))
}

/// Writes `roadmap` as pretty-printed JSON (two-space indent, as people
/// and editors write roadmaps) to `path`.
///
/// ```
/// let path = std::env::temp_dir().join("trailmap-bench-doc-write.json");
/// trailmap_bench::generate::write(&trailmap_bench::generate::generate(50, 1), &path).unwrap();
/// assert!(trailmap::Roadmap::from_path(&path).unwrap().is_valid());
/// ```
pub fn write(roadmap: &Roadmap, path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer_pretty(&mut out, roadmap).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Generates (if not already there) the roadmap of `skills` skills and its
/// mutated copy into `dir`, and returns their paths.
///
/// ```
/// let dir = std::env::temp_dir().join("trailmap-bench-doc-ensure");
/// let (base, mutated) = trailmap_bench::generate::ensure(&dir, 100, 1).unwrap();
/// assert!(base.exists() && mutated.exists());
/// ```
pub fn ensure(dir: &Path, skills: usize, seed: u64) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    ensure_shaped(dir, skills, seed, Shape::Layered)
}

/// [`ensure`] for a shape.
pub fn ensure_shaped(
    dir: &Path,
    skills: usize,
    seed: u64,
    shape: Shape,
) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    let names = (shaped_file_name(shape, skills, seed, false), shaped_file_name(shape, skills, seed, true));
    ensure_named(dir, names, || generate_shaped(skills, seed, shape), seed)
}

/// [`ensure_shaped`] with every skill [`bare`](super::bare), into files
/// named `synthetic-<shape>-bare-…`.
///
/// ```
/// use trailmap_bench::shape::Shape;
///
/// let dir = std::env::temp_dir().join("trailmap-bench-doc-ensure-bare");
/// let (base, _) = trailmap_bench::generate::ensure_bare(&dir, 300, 1, Shape::Hubs).unwrap();
/// assert!(base.ends_with("synthetic-hubs-bare-300-seed1-v2.json"));
/// let roadmap = trailmap::Roadmap::from_path(&base).unwrap().roadmap.unwrap();
/// assert!(roadmap.phases.is_empty() && roadmap.skills.iter().all(|s| s.description.is_none()));
/// ```
pub fn ensure_bare(
    dir: &Path,
    skills: usize,
    seed: u64,
    shape: Shape,
) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    let kind = format!("{}-bare-", shape.label());
    let name = |mutated| named(&kind, skills, seed, mutated);
    ensure_named(dir, (name(false), name(true)), || super::bare(&generate_shaped(skills, seed, shape)), seed)
}

/// A folder of `files` roadmaps of `skills` skills each (seeds `seed`,
/// `seed + 1`, …; bare when asked), named `*.roadmap.json` so that a walk
/// of the folder checks them all: a repository of many small roadmaps
/// rather than one large one. Returns the folder.
pub fn ensure_folder(
    dir: &Path,
    skills: usize,
    seed: u64,
    shape: Shape,
    bare: bool,
    files: usize,
) -> std::io::Result<std::path::PathBuf> {
    let kind = format!("{}-{}", shape.label(), if bare { "bare-" } else { "" });
    let folder = dir.join(format!("synthetic-{kind}{}-x{files}-seed{seed}-v{GENERATOR_VERSION}", size_label(skills)));
    let done = folder.join(".complete");
    if !done.exists() {
        std::fs::create_dir_all(&folder)?;
        for k in 0..files {
            let seed = seed.wrapping_add(k as u64);
            let roadmap = generate_shaped(skills, seed, shape);
            let roadmap = if bare { super::bare(&roadmap) } else { roadmap };
            write(&roadmap, &folder.join(format!("roadmap-{k:06}.roadmap.json")))?;
        }
        // Written last: a folder cut short by an error is made again.
        std::fs::write(&done, "")?;
    }
    Ok(folder)
}

/// Writes the roadmap `make` builds and its mutated copy under `names` in
/// `dir`, unless both are there already.
fn ensure_named(
    dir: &Path,
    names: (String, String),
    make: impl FnOnce() -> Roadmap,
    seed: u64,
) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    std::fs::create_dir_all(dir)?;
    let base = dir.join(names.0);
    let mutated = dir.join(names.1);
    if !base.exists() || !mutated.exists() {
        let roadmap = make();
        let (changed, _) = mutate(&roadmap, seed);
        // Write under temporary names first so an interrupted run leaves no
        // half file under the final name.
        for (model, path) in [(&roadmap, &base), (&changed, &mutated)] {
            let partial = path.with_extension("json.partial");
            write(model, &partial)?;
            std::fs::rename(&partial, path)?;
        }
    }
    Ok((base, mutated))
}
