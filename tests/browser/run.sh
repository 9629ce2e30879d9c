#!/usr/bin/env bash
# The HTML page in a real browser: renders a bundled roadmap with
# `trailmap render --format html` and drives it in headless Chromium through
# Selenium (drive.py): no console errors, every skill shown, "What next"
# equal to `trailmap next --done ...` after each of three ticks, ticks kept
# across a reload, and the exported progress valid against
# schemas/progress.schema.json.
#
# Needs Debian's `chromium` and `chromium-driver` (installed with apt-get
# when missing) and Python 3; Selenium and jsonschema go into a throw-away
# virtualenv under target/. TRAILMAP_SCREENSHOTS=1 also rewrites the
# screenshots under docs/.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "SKIP browser test: chromium and chromedriver are missing and apt-get is unavailable to install them"
        exit 0
    fi
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    else
        echo "SKIP browser test: python3-venv is missing"
        exit 0
    fi
fi

venv=target/browser-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import selenium, jsonschema' 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'selenium>=4.10,<5' 'jsonschema>=4,<5'
fi

${CARGO:-cargo} build --release --locked --quiet
bin=target/release/trailmap
out=target/browser
mkdir -p "$out"
roadmap=roadmaps/ml-engineer-12-weeks.json
"$bin" render "$roadmap" --format html > "$out/page.html"
if [ "${TRAILMAP_SCREENSHOTS:-}" = 1 ]; then
    "$bin" render "$roadmap" --format svg > docs/roadmap-graph.svg
fi
"$venv/bin/python" tests/browser/drive.py --bin "$bin" --roadmap "$roadmap" --page "$out/page.html" \
    --schema schemas/progress.schema.json --out "$out" ${TRAILMAP_SCREENSHOTS:+--screenshot docs/roadmap-page.png}
