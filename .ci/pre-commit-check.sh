#!/usr/bin/env bash
# Checks the pre-commit hooks as a user's repository runs them: installs
# pre-commit into a throw-away venv under target/ and runs
# `pre-commit try-repo . trailmap-lint` on the bundled roadmaps. pre-commit
# builds the hook with `cargo install --path .`; CARGO_TARGET_DIR points it
# at this checkout's target/ so the dependencies are not compiled twice.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null; then
  echo "pre-commit check skipped: python3 is not installed" >&2
  exit 0
fi
venv="$PWD/target/pre-commit-venv"
[ -x "$venv/bin/pre-commit" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit>=4,<5"
}
export CARGO_TARGET_DIR="$PWD/target"
export PRE_COMMIT_HOME="$PWD/target/pre-commit-home"
# A fresh hook environment each run, so the hook is built from this source.
rm -rf "$PRE_COMMIT_HOME"
"$venv/bin/pre-commit" try-repo . trailmap-lint --verbose --files roadmaps/*.json
