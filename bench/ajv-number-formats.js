// Number formats that schemars writes into schemas/roadmap.schema.json
// ("uint32", "double"). Ajv's strict mode refuses unknown formats, so
// bench/compare.sh loads this with `-c` and ajv keeps its default (strict)
// settings.
module.exports = function (ajv) {
  ajv.addFormat("uint32", { type: "number", validate: (x) => Number.isInteger(x) && x >= 0 && x <= 4294967295 });
  ajv.addFormat("double", { type: "number", validate: (x) => Number.isFinite(x) });
  return ajv;
};
