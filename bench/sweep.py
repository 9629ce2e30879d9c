#!/usr/bin/env python3
"""Whole-process sweep of every generator shape (or of given files):
`trailmap validate` against `trailmap lint`, wall time and peak RSS, in
rounds that alternate the two on each file. Writes a Markdown table per
size to bench/out/sweep-<size>.md and prints it; a row that misses one of
issue 17's bounds (lint within 3x validate, peak RSS within 4x the file) is
marked, and the exit code is 1 when any row misses one.

Usage, from a fresh clone (needs cargo and python3, nothing else):
  python3 bench/sweep.py                          # 100k, every shape, full and bare files
  python3 bench/sweep.py --sizes 100k,1M --rounds 3
  python3 bench/sweep.py --sizes 1M --spelling bare --shapes dense-all,consecutive
  python3 bench/sweep.py --spelling bare,one-line  # also the bare files on one line,
                                                   # as Python's json.dump writes them
  python3 bench/sweep.py --files my-roadmap.json   # any files (table: bench/out/sweep-files.md)

Peak RSS is the child's own maximum resident set, as wait4(2) returns it.
Each figure is the median over the rounds; the ratio column gives the
median of each round's lint / validate and, in brackets, its range.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPELLINGS = ("full", "bare", "one-line")
# The bounds of issue 17's "Done means".
MAX_RATIO = 3.0
MAX_RSS = 4.0
SIZE_AND_SEED = re.compile(r"-?\d+[kM]?-seed\d+-v\d+.*$")
# A concise finding: `file:line:col: severity[CODE] message`.
FINDING = re.compile(r".*:\d+:\d+: \w+\[TM\d+\] ")


def run_process(cmd):
    """Runs `cmd` with its output discarded; returns (seconds, peak RSS
    in bytes, exit code).

    Linux counts into a child's peak the resident set of the process that
    started it (the child begins as its copy, or borrows its memory until
    `exec`), so this process keeps nothing large: its own resident set,
    printed as the table's floor, is the smallest peak it can measure."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    # Linux gives ru_maxrss in KiB.
    return seconds, usage.ru_maxrss * 1024, child.returncode


def loadavg():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def build(target_dir):
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "-p", "trailmap-cli", "-p", "trailmap-bench"],
        cwd=ROOT,
        check=True,
        stdout=sys.stderr,
    )
    return target_dir / "release" / "trailmap", target_dir / "release" / "trailmap-bench"


def generated(bench, out, size, shapes, bare):
    """Generates the files (the generator skips those already written)
    and returns the base files' paths, one per shape, in order."""
    cmd = [str(bench), "generate", "--skills", size, "--shape", ",".join(shapes), "--out", str(out)]
    if bare:
        cmd.append("--bare")
    printed = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
    # Each shape prints its base file, then its mutated copy.
    return [Path(p) for p in printed[0::2]]


def one_line(path):
    """The file spelled on one line, as `json.dump` writes by default
    (`", "` and `": "` between items), beside it. Converted in a child
    process, so that this one stays small (see `run_process`)."""
    target = path.with_name(path.name.replace(".json", "-line.json"))
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        script = "import json, sys; json.dump(json.load(open(sys.argv[1], encoding='utf-8')), open(sys.argv[2], 'w', encoding='utf-8'))"
        subprocess.run([sys.executable, "-c", script, str(path), str(partial)], check=True)
        os.replace(partial, target)
    return target


def measure(trailmap, path, rounds):
    """Alternates validate and lint `rounds` times on one file."""
    validate, lint = [], []
    for _ in range(rounds):
        # Exit 1 is findings (for `validate`, a file that is not valid);
        # anything else is a failure to run, which would make the row a lie.
        for cmd, runs in (("validate", validate), ("lint", lint)):
            seconds, rss, code = run_process([str(trailmap), cmd, "--max-size", "4G", str(path)])
            if code not in (0, 1):
                sys.exit(f"error: `trailmap {cmd} {path}` exited with {code}")
            runs.append((seconds, rss))
    return validate, lint


def findings(trailmap, path):
    """How many findings `lint` reports (one untimed run, concise format:
    one line a finding), read line by line so that this process stays
    small (see `run_process`)."""
    cmd = [str(trailmap), "lint", "--max-size", "4G", "--format", "concise", str(path)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        return sum(1 for line in child.stdout if FINDING.match(line))


def row(shape, spelling, size, path, validate, lint, count):
    mib = path.stat().st_size / 2**20
    ratios = [l[0] / v[0] for v, l in zip(validate, lint)]
    ratio = statistics.median(ratios)
    rss = statistics.median(r for _, r in lint) / path.stat().st_size
    missed = []
    if ratio > MAX_RATIO:
        missed.append(f"lint > {MAX_RATIO:g}x validate")
    if rss > MAX_RSS:
        missed.append(f"RSS > {MAX_RSS:g}x file")
    line = (
        f"| `{shape}` | {spelling} | {size} | {mib:.1f} "
        f"| {statistics.median(s for s, _ in validate):.3f} "
        f"| {statistics.median(s for s, _ in lint):.3f} "
        f"| {ratio:.2f} ({min(ratios):.2f}-{max(ratios):.2f}) "
        f"| {rss:.2f} | {'-' if count is None else f'{count:,}'} | {'; '.join(missed) or 'yes'} |"
    )
    return line, bool(missed)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k", help="comma-separated sizes (100k, 1M, ...)")
    parser.add_argument("--shapes", default="all", help="comma-separated shapes, or all")
    parser.add_argument("--spelling", default="full,bare", help="comma-separated: full, bare, one-line")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default="bench/out", help="folder of the generated files and tables")
    parser.add_argument("--files", nargs="+", metavar="FILE", help="measure these roadmap files instead of generated ones")
    parser.add_argument("--no-findings", action="store_true", help="skip the untimed run that counts findings")
    args = parser.parse_args()
    spellings = args.spelling.split(",")
    for spelling in spellings:
        if spelling not in SPELLINGS:
            sys.exit(f"error: unknown spelling `{spelling}` (known: {', '.join(SPELLINGS)})")
    if args.rounds < 1:
        sys.exit("error: --rounds must be at least 1")

    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    trailmap, bench = build(target_dir)
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    # The generator knows its shapes (`all` included) and refuses unknown ones.
    shapes_arg = args.shapes.split(",")

    if args.files:
        rows = [(path.name, "as written", "", path) for path in map(Path, args.files)]
        tables = [("files", rows)]
    else:
        tables = [(size, generated_rows(bench, out, size, shapes_arg, spellings)) for size in args.sizes.split(",")]
    any_missed = False
    for name, rows in tables:
        lines = [
            f"Whole process, {args.rounds} rounds; load average (1, 5, 15 min) before: {loadavg()};"
            f" smallest peak RSS measurable here {run_process(['true'])[1] / 2**20:.1f} MiB.",
            "",
            "| shape | spelling | skills | file MiB | validate s | lint s | lint / validate | peak RSS / file | findings | within bounds |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        print("\n".join(lines), flush=True)
        for shape, spelling, size, path in rows:
            validate, lint = measure(trailmap, path, args.rounds)
            count = None if args.no_findings else findings(trailmap, path)
            line, missed = row(shape, spelling, size, path, validate, lint, count)
            any_missed |= missed
            lines.append(line)
            print(line, flush=True)
        (out / f"sweep-{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if any_missed else 0


def generated_rows(bench, out, size, shapes, spellings):
    """(shape, spelling, size, path) of each generated file, generated
    (and spelled on one line) as the rows are asked for."""
    for spelling in spellings:
        for path in generated(bench, out, size, shapes, bare=spelling != "full"):
            # `synthetic-<shape>[-bare]-<size>-seed…`; `synthetic-100k-…` is
            # the layered shape's full file.
            stem = SIZE_AND_SEED.sub("", path.name.removeprefix("synthetic-"))
            shape = stem.removesuffix("-bare") or "layered"
            yield shape, spelling, size, one_line(path) if spelling == "one-line" else path


if __name__ == "__main__":
    sys.exit(main())
