#!/usr/bin/env bash
# Whole-process comparison of `trailmap lint` with the JSON Schema
# validators CI users pick today, and with the parse floor (a process that
# only parses the file into trailmap's typed model), measured side by side
# in one run. Results: bench/out/compare.md (and hyperfine JSON beside it).
#
# Usage, from a fresh clone (needs cargo, python3 with venv, node and npm):
#   bash bench/compare.sh                 # bundled roadmaps, 100k and 1M skills
#   SIZES="100k" bash bench/compare.sh    # skip the 1M file (minutes, ~3 GB of RAM)
#
# Installs, all under bench/out/ (ignored by git): check-jsonschema into a
# virtualenv from PyPI, ajv-cli and ajv-formats with npm, jsonschema-cli
# with cargo. Uses hyperfine when it is on PATH (Debian: apt-get install
# hyperfine), otherwise repeats each command and takes the median.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=bench/out
SIZES=${SIZES:-"100k 1M"}
SEED=${SEED:-1}
# A single run of check-jsonschema on 1M skills takes minutes; give up after this.
SLOW_TIMEOUT=${SLOW_TIMEOUT:-1800}
CHECK_JSONSCHEMA_VERSION=0.39.0
AJV_CLI_VERSION=5.0.0
AJV_FORMATS_VERSION=3.0.1
JSONSCHEMA_CLI_VERSION=0.60.2
SCHEMA=schemas/roadmap.schema.json
mkdir -p "$OUT"

say() { printf '\n== %s\n' "$*" >&2; }

say "building trailmap and trailmap-bench (release)"
cargo build --release --locked -p trailmap-cli -p trailmap-bench >&2
# A shared CARGO_TARGET_DIR (several checkouts, one build cache) is honoured.
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
TRAILMAP=$TARGET_DIR/release/trailmap
BENCH=$TARGET_DIR/release/trailmap-bench

say "installing the other validators into $OUT"
if [ ! -x "$OUT/venv/bin/check-jsonschema" ] ||
    [ "$("$OUT/venv/bin/check-jsonschema" --version 2>/dev/null | awk '{print $NF}')" != "$CHECK_JSONSCHEMA_VERSION" ]; then
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install --quiet "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" >&2
fi
if [ ! -x "$OUT/node/node_modules/.bin/ajv" ]; then
    mkdir -p "$OUT/node"
    npm install --prefix "$OUT/node" --no-audit --no-fund --silent \
        "ajv-cli@$AJV_CLI_VERSION" "ajv-formats@$AJV_FORMATS_VERSION" >&2
fi
if [ ! -x "$OUT/tools/bin/jsonschema-cli" ]; then
    cargo install --locked --quiet jsonschema-cli --version "$JSONSCHEMA_CLI_VERSION" --root "$OUT/tools" >&2
fi
CHECK_JSONSCHEMA="$ROOT/$OUT/venv/bin/check-jsonschema --schemafile $SCHEMA"
# ajv's strict mode refuses the schema's unknown number formats ("uint32",
# "double"); bench/ajv-number-formats.js declares them, so ajv keeps its defaults.
AJV="$ROOT/$OUT/node/node_modules/.bin/ajv validate --spec=draft2020 -c ajv-formats -c ./bench/ajv-number-formats.js -s $SCHEMA"
JSONSCHEMA_CLI="$ROOT/$OUT/tools/bin/jsonschema-cli validate $SCHEMA --offline --errors-only"

say "generating synthetic roadmaps ($SIZES)"
declare -A FILE
for size in $SIZES; do
    FILE[$size]=$("$BENCH" generate --skills "$size" --seed "$SEED" --out "$OUT" | sed -n 1p)
done

# time_commands NAME RUNS WARMUP CMD... : writes $OUT/compare-NAME.json in
# hyperfine's format (results[].command, median, times).
time_commands() {
    local name=$1 runs=$2 warmup=$3
    shift 3
    local json=$OUT/compare-$name.json
    if command -v hyperfine >/dev/null; then
        hyperfine --style basic --shell none --runs "$runs" --warmup "$warmup" --export-json "$json" "$@" >&2
    else
        python3 - "$json" "$runs" "$warmup" "$@" <<'EOF'
import json, shlex, statistics, subprocess, sys, time
out, runs, warmup, cmds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
results = []
for cmd in cmds:
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    results.append({"command": cmd, "median": statistics.median(times), "mean": statistics.mean(times), "times": times})
    print(f"{statistics.median(times) * 1000:10.1f} ms  {cmd}", file=sys.stderr)
json.dump({"results": results}, open(out, "w"), indent=1)
EOF
    fi
}

# Every tool must accept every file: a validator that fails fast is no comparison.
check_ok() {
    local label=$1
    shift
    if ! timeout "$SLOW_TIMEOUT" "$@" >/dev/null 2>"$OUT/compare-stderr.txt"; then
        echo "FAILED: $label: $*" >&2
        sed -n 1,5p "$OUT/compare-stderr.txt" >&2
        return 1
    fi
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "# compare.sh run of $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores" >"$OUT/compare-load.txt"

# --- the five bundled roadmaps, one process each --------------------------
BUNDLED=$(ls roadmaps/*.json | tr '\n' ' ')
say "bundled roadmaps: $BUNDLED"
# shellcheck disable=SC2086
{
    check_ok lint "$TRAILMAP" lint $BUNDLED
    check_ok parse "$BENCH" parse $BUNDLED
    check_ok jsonschema-cli $JSONSCHEMA_CLI -i $BUNDLED
    check_ok ajv $AJV $(printf -- '-d %s ' $BUNDLED)
    check_ok check-jsonschema $CHECK_JSONSCHEMA $BUNDLED
}
echo "bundled: load $(loadavg) before" >>"$OUT/compare-load.txt"
time_commands bundled 30 3 \
    "$TRAILMAP lint $BUNDLED" \
    "$BENCH parse $BUNDLED" \
    "$JSONSCHEMA_CLI -i $BUNDLED" \
    "$AJV $(printf -- '-d %s ' $BUNDLED)" \
    "$CHECK_JSONSCHEMA $BUNDLED"
echo "bundled: load $(loadavg) after" >>"$OUT/compare-load.txt"

# --- the synthetic files ---------------------------------------------------
for size in $SIZES; do
    f=${FILE[$size]}
    say "$size skills: $f ($(du -h "$f" | cut -f1))"
    fast=(
        "$TRAILMAP lint --max-size 4G $f"
        "$TRAILMAP validate --max-size 4G $f"
        "$BENCH parse $f"
    )
    slow=()
    check_ok lint "$TRAILMAP" lint --max-size 4G "$f"
    check_ok parse "$BENCH" parse "$f"
    # shellcheck disable=SC2086
    if check_ok jsonschema-cli $JSONSCHEMA_CLI -i "$f"; then fast+=("$JSONSCHEMA_CLI -i $f"); fi
    # shellcheck disable=SC2086
    if check_ok ajv $AJV -d "$f"; then fast+=("$AJV -d $f"); else echo "$size: ajv failed" >>"$OUT/compare-load.txt"; fi
    # shellcheck disable=SC2086
    if check_ok check-jsonschema $CHECK_JSONSCHEMA "$f"; then
        slow+=("$CHECK_JSONSCHEMA $f")
    else
        echo "$size: check-jsonschema failed or exceeded ${SLOW_TIMEOUT}s" >>"$OUT/compare-load.txt"
    fi
    runs=10
    [ "$size" = 1M ] && runs=3
    echo "$size: load $(loadavg) before" >>"$OUT/compare-load.txt"
    time_commands "$size" "$runs" 1 "${fast[@]}"
    if [ ${#slow[@]} -gt 0 ]; then
        # check-jsonschema takes seconds to minutes per run: fewer runs, no warm-up.
        slow_runs=3
        [ "$size" = 1M ] && slow_runs=1
        time_commands "$size-slow" "$slow_runs" 0 "${slow[@]}"
    fi
    echo "$size: load $(loadavg) after" >>"$OUT/compare-load.txt"
    # Peak memory (maximum resident set size) of lint and the parse floor.
    for cmd in "$TRAILMAP lint --max-size 4G $f" "$BENCH parse $f"; do
        # shellcheck disable=SC2086
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f "%M" -o "$OUT/compare-rss.txt" $cmd >/dev/null
            kb=$(tail -n 1 "$OUT/compare-rss.txt")
        else
            # /proc fallback: the peak of the process while it runs.
            $cmd >/dev/null &
            pid=$!
            kb=0
            while kill -0 "$pid" 2>/dev/null; do
                v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
                [ "${v:-0}" -gt "$kb" ] && kb=$v
                sleep 0.05
            done
            wait "$pid"
        fi
        echo "$size rss $(stat -c %s "$f") $kb $cmd" >>"$OUT/compare-rss-all.txt.new"
    done
done
mv "$OUT/compare-rss-all.txt.new" "$OUT/compare-rss-all.txt" 2>/dev/null || true

say "report"
python3 - "$OUT" "$SIZES" <<'EOF' | tee "$OUT/compare.md"
import json, os, sys
out, sizes = sys.argv[1], sys.argv[2].split()

def load(name):
    path = os.path.join(out, f"compare-{name}.json")
    if not os.path.exists(path):
        return {}
    return {r["command"]: r for r in json.load(open(path))["results"]}

def tool(command):
    for key, label in [("trailmap lint", "trailmap lint"), ("trailmap validate", "trailmap validate"), ("trailmap-bench parse", "parse floor"),
                       ("jsonschema-cli", "jsonschema-cli"), ("ajv", "ajv-cli"), ("check-jsonschema", "check-jsonschema")]:
        if key in command:
            return label
    return command

def medians(*names):
    m = {}
    for name in names:
        for command, r in load(name).items():
            m[tool(command)] = r["median"]
    return m

def ms(seconds):
    v = seconds * 1000
    return f"{v:.1f}" if v < 100 else f"{v:.0f}"

verdict = lambda ok: "**met**" if ok else "**missed**"
lines = ["| input | tool | median ms | × trailmap lint |", "|---|---|---:|---:|"]
targets = []
cases = [("bundled", "5 bundled roadmaps", ["bundled"])] + [(s, f"{s} skills", [s, f"{s}-slow"]) for s in sizes]
results = {}
for key, label, names in cases:
    m = medians(*names)
    results[key] = m
    lint = m.get("trailmap lint")
    for t in ["trailmap lint", "trailmap validate", "parse floor", "jsonschema-cli", "ajv-cli", "check-jsonschema"]:
        if t in m:
            ratio = f"{m[t] / lint:.1f}×" if lint else ""
            lines.append(f"| {label} | {t} | {ms(m[t])} | {ratio} |")
        else:
            lines.append(f"| {label} | {t} | failed or skipped | |")

b = results.get("bundled", {})
if "trailmap lint" in b:
    l = b["trailmap lint"]
    for t, need in [("check-jsonschema", 50), ("ajv-cli", 50)]:
        if t in b:
            targets.append(f"- bundled: lint {b[t] / l:.0f}× faster than {t} (target ≥ {need}×): {verdict(b[t] / l >= need)}")
    targets.append(f"- bundled: lint {ms(l)} ms (target < 5 ms): {verdict(l < 0.005)}")
h = results.get("100k", {})
if "trailmap lint" in h:
    l = h["trailmap lint"]
    if "parse floor" in h:
        r = l / h["parse floor"]
        targets.append(f"- 100k: lint {r:.2f}× the parse floor (target ≤ 2.5×): {verdict(r <= 2.5)}")
    for t, need in [("check-jsonschema", 30), ("ajv-cli", 5), ("jsonschema-cli", 1)]:
        if t in h:
            r = h[t] / l
            targets.append(f"- 100k: lint {r:.1f}× faster than {t} (target ≥ {need}×): {verdict(r >= need)}")
    if "trailmap validate" in h:
        v = h["trailmap validate"]
        targets.append(f"- 100k: lint {l / v:.2f}× validate (target ≤ 3×): {verdict(l / v <= 3)}")
        if "ajv-cli" in h:
            r = h["ajv-cli"] / v
            targets.append(f"- 100k: validate {r:.1f}× faster than ajv-cli (target ≥ 5×): {verdict(r >= 5)}")
g = results.get("1M", {})
if "trailmap lint" in g:
    l = g["trailmap lint"]
    if "parse floor" in g:
        r = l / g["parse floor"]
        targets.append(f"- 1M: lint {r:.2f}× the parse floor (target ≤ 3×): {verdict(r <= 3)}")
    if "trailmap lint" in h:
        r = l / h["trailmap lint"]
        targets.append(f"- 1M / 100k lint time: {r:.1f} (target ≤ 12): {verdict(r <= 12)}")
rss_path = os.path.join(out, "compare-rss-all.txt")
if os.path.exists(rss_path):
    lines.append("")
    lines.append("| input | command | file MB | peak RSS MB | RSS / file |")
    lines.append("|---|---|---:|---:|---:|")
    for row in open(rss_path):
        size, _, file_bytes, kb, *cmd = row.split()
        file_mb, rss_mb = int(file_bytes) / 1e6, int(kb) * 1024 / 1e6
        name = "trailmap lint" if "trailmap lint" in " ".join(cmd) else "parse floor"
        lines.append(f"| {size} | {name} | {file_mb:.0f} | {rss_mb:.0f} | {rss_mb / file_mb:.2f}× |")
        if size == "1M" and name == "trailmap lint":
            targets.append(f"- 1M: lint peak memory {rss_mb / file_mb:.2f}× the file size (target ≤ 4×): {verdict(rss_mb / file_mb <= 4)}")
print("\n".join(lines))
print()
print("\n".join(targets))
print()
print("```")
print(open(os.path.join(out, "compare-load.txt")).read().rstrip())
print("```")
EOF
