//! `trailmap-bench`: generate synthetic roadmaps, run the in-process
//! benchmarks, or parse files as the whole-process parse floor for
//! `bench/compare.sh`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use trailmap_bench::generate::{self, parse_size};
use trailmap_bench::measure::{Budget, loadavg};
use trailmap_bench::shape::{self, Shape};
use trailmap_bench::suite;

// The same allocator as the `trailmap` binary, so that the parse floor and
// the operations are measured under the same conditions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "trailmap-bench",
    about = "Synthetic roadmaps and benchmarks for trailmap (not part of the user CLI)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a synthetic roadmap and its mutated copy; print their paths.
    #[command(
        after_help = "Examples:\n  trailmap-bench generate --skills 100k --seed 1 --out bench/out\n  trailmap-bench generate --skills 100k --shape window-5000,chain,dense\n  trailmap-bench generate --skills 100k --shape hubs,fan --bare\n  trailmap-bench generate --skills 10 --files 40000 --bare"
    )]
    Generate {
        /// Number of skills: 1000, 1k, 100k, 1M (repeatable).
        #[arg(long, value_parser = parse_size, required = true)]
        skills: Vec<usize>,
        /// Graph and name shapes, comma-separated: layered, window-100,
        /// window-5000, window-all (or window-W), chain, fan, fan-direct, dense, dense-window, dense-all, consecutive, hubs,
        /// star-in, any-chain, names-numbers, names-edits, bare, grid, log-distance, or `all`.
        #[arg(long, value_delimiter = ',', default_value = "layered")]
        shape: Vec<String>,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "bench/out")]
        out: PathBuf,
        /// Keep only each skill's id, name and prerequisites (no texts,
        /// phases or activities): the shape's graph written as the issue's
        /// own kind of file, about 130-170 bytes a skill. Files are named
        /// `synthetic-<shape>-bare-…`.
        #[arg(long)]
        bare: bool,
        /// Write this many roadmaps of `--skills` skills each (seeds
        /// `--seed` and up) into one folder instead of one file and its
        /// mutated copy; prints the folder.
        #[arg(long)]
        files: Option<usize>,
    },
    /// Run the in-process benchmarks (generating the files when missing).
    #[command(
        after_help = "Examples:\n  trailmap-bench run\n  trailmap-bench run --sizes 1k,10k,100k,1M\n  trailmap-bench run --sizes 100k --ops parse-floor,lint\n  trailmap-bench run --sizes 1M --shape chain,hubs --bare --ops parse-floor,rules"
    )]
    Run {
        /// Sizes to run, comma-separated.
        #[arg(long, value_delimiter = ',', value_parser = parse_size, default_value = "1k,10k,100k")]
        sizes: Vec<usize>,
        /// Shapes, comma-separated (as for `generate`; `all` for every one).
        #[arg(long, value_delimiter = ',', default_value = "layered")]
        shape: Vec<String>,
        /// Operations to run, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        ops: Vec<String>,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder of the generated files and of results.json.
        #[arg(long, default_value = "bench/out")]
        out: PathBuf,
        /// Stop repeating an operation after this many milliseconds (at least 3 runs).
        #[arg(long, default_value_t = 2000)]
        budget_ms: u64,
        /// Run on each shape's bare file (as `generate --bare` writes it),
        /// reported as `<shape>-bare`.
        #[arg(long)]
        bare: bool,
    },
    /// Parse files into the typed model and nothing else: the parse floor
    /// as a whole process. Exit 1 when a file does not parse.
    Parse {
        /// Roadmap files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// The shapes named on the command line (`all`: every one), or the exit
/// code of a usage error.
fn shapes(names: &[String]) -> Result<Vec<Shape>, ExitCode> {
    let mut out = Vec::new();
    for name in names {
        if name == "all" {
            out.extend_from_slice(shape::ALL);
            continue;
        }
        match Shape::parse(name) {
            Ok(shape) => out.push(shape),
            Err(err) => {
                eprintln!("error: {err}");
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { skills, shape, seed, out, bare, files } => {
            let shapes = match shapes(&shape) {
                Ok(shapes) => shapes,
                Err(code) => return code,
            };
            for n in skills {
                if n > generate::max_skills() {
                    eprintln!("error: at most {} skills", generate::max_skills());
                    return ExitCode::from(2);
                }
                for &shape in &shapes {
                    if let Some(files) = files {
                        match generate::ensure_folder(&out, n, seed, shape, bare, files) {
                            Ok(folder) => println!("{}", folder.display()),
                            Err(err) => {
                                eprintln!("error: cannot write into {}: {err}", out.display());
                                return ExitCode::from(2);
                            }
                        }
                        continue;
                    }
                    let written = if bare {
                        generate::ensure_bare(&out, n, seed, shape)
                    } else {
                        generate::ensure_shaped(&out, n, seed, shape)
                    };
                    match written {
                        Ok((base, mutated)) => println!("{}\n{}", base.display(), mutated.display()),
                        Err(err) => {
                            eprintln!("error: cannot write into {}: {err}", out.display());
                            return ExitCode::from(2);
                        }
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Run { sizes, shape, ops, seed, out, budget_ms, bare } => {
            let shapes = match shapes(&shape) {
                Ok(shapes) => shapes,
                Err(code) => return code,
            };
            let mut names = Vec::new();
            for name in &ops {
                match suite::op(name) {
                    Some(op) => names.push(op),
                    None => {
                        let known: Vec<&str> = suite::OPS.iter().map(|(n, _)| *n).collect();
                        eprintln!("error: unknown operation `{name}` (known: {})", known.join(", "));
                        return ExitCode::from(2);
                    }
                }
            }
            // Two warm-up runs: the first run of an operation also pays for growing the
            // allocator's heap, which would inflate whichever operation runs first.
            let budget = Budget { warmup: 2, min_runs: 3, max_runs: 50, time: Duration::from_millis(budget_ms) };
            let before = loadavg();
            let mut results = Vec::new();
            for n in sizes {
                for &shape in &shapes {
                    let files = if bare {
                        generate::ensure_bare(&out, n, seed, shape)
                    } else {
                        generate::ensure_shaped(&out, n, seed, shape)
                    };
                    let label = if bare { format!("{}-bare", shape.label()) } else { shape.label() };
                    let (base, mutated) = match files {
                        Ok(paths) => paths,
                        Err(err) => {
                            eprintln!("error: cannot write into {}: {err}", out.display());
                            return ExitCode::from(2);
                        }
                    };
                    eprintln!("running {} (load {})", base.display(), loadavg());
                    match suite::run(&label, &base, &mutated, &names, &budget) {
                        Ok(r) => {
                            // Print as we go: the 1M size takes minutes.
                            eprint!("{}", suite::markdown(&r));
                            results.extend(r);
                        }
                        Err(err) => {
                            eprintln!("error: {err}");
                            return ExitCode::from(2);
                        }
                    }
                }
            }
            let after = loadavg();
            let load = format!("{before} before, {after} after");
            println!("load average (1 5 15 min): {load}\n");
            print!("{}\n{}", suite::markdown(&results), suite::targets(&results));
            let json = suite::to_json(&results, &load);
            let path = out.join("inprocess.json");
            if let Err(err) = std::fs::write(&path, format!("{json:#}\n")) {
                eprintln!("error: cannot write {}: {err}", path.display());
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Command::Parse { files } => {
            let mut failed = false;
            for path in files {
                let parsed = std::fs::read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| serde_json::from_slice::<trailmap::Roadmap>(&bytes).map_err(|e| e.to_string()));
                match parsed {
                    // Parsing alone: the model is not freed (the process
                    // exit reclaims it), as `trailmap lint` leaves freeing
                    // its models to a thread it does not wait for.
                    Ok(roadmap) => std::mem::forget(roadmap),
                    Err(err) => {
                        eprintln!("{}: {err}", path.display());
                        failed = true;
                    }
                }
            }
            if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
    }
}
