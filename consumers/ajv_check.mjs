// ajv (draft 2020-12, strict mode, formats asserted) reads the exported JSON Schemas as a
// consumer would: the dialect's vocabulary registered in one step, every schema compiled, and
// each case validated. Usage: node ajv_check.mjs <generated/jsonschema> <cases.json>
// cases.json: [{"schema": "<$id or $id#pointer>", "data": <instance>}, ...]
// Prints {"compiled": [$id...], "failed": [{"id", "error"}], "valid": [bool per case]}.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [root, casesFile] = process.argv.slice(2);

function schemaFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return schemaFiles(path);
    return name.endsWith(".schema.json") ? [path] : [];
  });
}

// The calendar check `x-format` names: the moment the pattern spells must exist.
function momentExists(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return true; // the pattern reports the spelling
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

const docs = schemaFiles(root).map((path) => JSON.parse(readFileSync(path, "utf8")));
const metas = docs.filter((d) => d.$id.includes("/meta/"));
const schemas = docs.filter((d) => !d.$id.includes("/meta/"));
const extensions = metas.find((d) => d.$id.endsWith("/extensions.schema.json"));

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const meta of metas) ajv.addMetaSchema(meta);
// The one step: every keyword of the vocabulary is known (x-format also checked).
ajv.addVocabulary(Object.keys(extensions.properties).filter((k) => k !== "x-format"));
ajv.addKeyword({
  keyword: "x-format",
  type: "string",
  schemaType: "string",
  validate: (_kind, value) => momentExists(value),
});

const compiled = [];
const failed = [];
for (const doc of schemas) {
  try {
    ajv.addSchema(doc);
  } catch (error) {
    failed.push({ id: doc.$id, error: String(error.message ?? error) });
  }
}
for (const doc of schemas) {
  if (failed.some((f) => f.id === doc.$id)) continue;
  try {
    ajv.getSchema(doc.$id);
    compiled.push(doc.$id);
  } catch (error) {
    failed.push({ id: doc.$id, error: String(error.message ?? error) });
  }
}

const cases = casesFile ? JSON.parse(readFileSync(casesFile, "utf8")) : [];
// null: the case's schema did not compile (reported in `failed`) or is missing.
const valid = cases.map(({ schema, data }) => {
  try {
    const validate = ajv.getSchema(schema);
    return validate ? validate(data) : null;
  } catch {
    return null;
  }
});
process.stdout.write(JSON.stringify({ compiled, failed, valid }));
