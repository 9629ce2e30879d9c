#!/usr/bin/env bash
# Loads the committed JSON Schemas with ajv in strict mode (the most used
# JavaScript validator; strict mode refuses unknown formats and keywords)
# and validates each against the draft 2020-12 metaschema, then validates
# the bundled roadmaps with them. ajv is installed with npm into a
# throw-away folder, so the repository gains no node_modules.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund ajv@8 >/dev/null
cat > check.js <<'JS'
const Ajv2020 = require("ajv/dist/2020");
const fs = require("fs");
const path = require("path");
const root = process.argv[2];
const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), "utf8"));
// strict: unknown formats, keywords and ambiguous types are errors.
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateSchema: true });
let failed = 0;
for (const file of ["schemas/roadmap.schema.json", "schemas/progress.schema.json"]) {
  const schema = read(file);
  if (!ajv.validateSchema(schema)) {
    console.error(`${file}: not a valid draft 2020-12 schema:`, JSON.stringify(ajv.errors));
    failed++;
    continue;
  }
  try {
    ajv.compile(schema);
    console.log(`${file}: valid 2020-12, compiles in ajv strict mode`);
  } catch (e) {
    console.error(`${file}: ajv strict refuses it: ${e.message}`);
    failed++;
  }
}
let validate = null;
try {
  validate = failed === 0 ? ajv.getSchema("https://trailmap.dev/schemas/roadmap.schema.json") : null;
} catch (e) {
  console.error(`roadmap schema: ${e.message}`);
  failed++;
}
for (const name of fs.readdirSync(path.join(root, "roadmaps")).filter((n) => n.endsWith(".json")).sort()) {
  if (validate && !validate(read(path.join("roadmaps", name)))) {
    console.error(`roadmaps/${name}:`, JSON.stringify(validate.errors));
    failed++;
  }
}
console.log(failed === 0 ? "schemas: 2 passed, 0 failed" : `schemas: ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
JS
node check.js "$root"
