#!/usr/bin/env bash
# Seeds the fuzz corpora from the bundled roadmaps and the test fixtures.
# Corpora live in fuzz/corpus/ (git-ignored); run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(find roadmaps tests/fixtures -name '*.json' -size -1024k | grep -v 'sarif-schema' | sort)
for target in load_validate lint; do
    mkdir -p "fuzz/corpus/$target"
    for f in $files; do
        cp "$f" "fuzz/corpus/$target/$(echo "$f" | tr '/' '_')"
    done
done
# Two-part targets: files joined by a NUL byte (see fuzz_targets/common.rs).
mkdir -p fuzz/corpus/diff fuzz/corpus/progress_next
roadmaps=$(ls roadmaps/*.json tests/fixtures/valid/*.json)
n=0
for old in $roadmaps; do
    for new in $roadmaps; do
        n=$((n + 1))
        { cat "$old"; printf '\0'; cat "$new"; } > "fuzz/corpus/diff/pair-$n.json"
    done
done
progress='{"roadmaps": ["small"], "skills": {"python": {"status": "done"}, "numpy": {"status": "learning", "hours": 3}, "git": {"status": "skipped"}, "pytorh": {"status": "done"}}}'
for r in $roadmaps; do
    base=$(basename "$r" .json)
    { cat "$r"; printf '\0%s' "$progress"; } > "fuzz/corpus/progress_next/$base.json"
    cp "$r" "fuzz/corpus/progress_next/$base-alone.json"
    { cat "$r"; printf '\0'; cat "$r"; printf '\0%s' "$progress"; } > "fuzz/corpus/diff/$base-progress.json"
done
# The new readers: YAML roadmaps and progress files, Markdown to import.
mkdir -p fuzz/corpus/yaml_load fuzz/corpus/import_markdown fuzz/corpus/progress_file
for f in $(find tests/fixtures crates -name '*.yaml' -o -name '*.yml' | grep -v '/target/' | sort); do
    cp "$f" "fuzz/corpus/yaml_load/$(echo "$f" | tr '/' '_')"
done
for f in $(find tests/fixtures crates/trailmap-import/tests -name '*.md' -size -1024k | sort); do
    cp "$f" "fuzz/corpus/import_markdown/$(echo "$f" | tr '/' '_')"
done
printf '%s' "$progress" > fuzz/corpus/progress_file/progress.json
printf 'skills:\n  python: {status: done}\n  numpy:\n    status: learning\n    hours: 3\n' > fuzz/corpus/progress_file/progress.yaml
# The new outputs and the roadmap.sh reader.
mkdir -p fuzz/corpus/render_html_svg fuzz/corpus/import_roadmapsh
for f in roadmaps/*.json tests/fixtures/valid/*.json; do
    cp "$f" "fuzz/corpus/render_html_svg/$(echo "$f" | tr '/' '_')"
done
for f in $(find crates/trailmap-import/tests/fixtures/roadmapsh tests/fixtures -path '*roadmap*sh*' -name '*.json' -size -1024k | sort); do
    cp "$f" "fuzz/corpus/import_roadmapsh/$(echo "$f" | tr '/' '_')"
done
echo "seeded: $(for t in load_validate lint diff progress_next yaml_load import_markdown progress_file render_html_svg import_roadmapsh; do printf '%s=%s ' "$t" "$(ls "fuzz/corpus/$t" | wc -l)"; done)"
