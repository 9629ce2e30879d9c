#!/usr/bin/env bash
# Fails naming every insta snapshot (`*.snap`, tracked or about to be) no test
# referenced: what `cargo insta test --unreferenced=reject` does, without
# installing cargo-insta. REFERENCES is the file insta 1.49 appended every
# snapshot a test touched to (env INSTA_SNAPSHOT_REFERENCES_FILE, an
# absolute path, set for the `cargo test --workspace` run).
#
# Usage: .ci/unreferenced-snapshots.sh REFERENCES
set -euo pipefail
refs=$(realpath -- "${1:?usage: .ci/unreferenced-snapshots.sh REFERENCES}")
cd "$(dirname "$0")/.."
root=$(pwd -P)
export LC_ALL=C

# insta writes each path as it built it: absolute under the workspace (each
# package's tests run in its own directory), possibly through a symlink or
# with `..` in it. Resolve them all, then make them relative to the root,
# as `git ls-files` names them.
referenced=$(grep -v '^$' "$refs" | xargs -d '\n' realpath -m -- | sed "s|^$root/||" | sort -u)
# Tracked files, and untracked ones not ignored (a snapshot about to be
# committed).
committed=$(git ls-files --cached --others --exclude-standard -- '*.snap' | sort -u)
unreferenced=$(comm -23 <(printf '%s\n' "$committed") <(printf '%s\n' "$referenced") | grep -v '^$' || true)
if [ -n "$unreferenced" ]; then
  echo "insta snapshots that no test referenced (delete them, or restore the test that asserts them):"
  printf '%s\n' "$unreferenced" | sed 's/^/  /'
  exit 1
fi
echo "every committed snapshot ($(printf '%s\n' "$committed" | grep -c .)) was referenced by a test"
