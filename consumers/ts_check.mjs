// json-schema-to-typescript turns the whole export of each API into TypeScript, and the
// TypeScript compiler (strict) checks it together with every document example written as a
// typed literal. Usage: node ts_check.mjs <generated> <work folder>
// The root type of an API lists, from its service model: each operation's request, each answer
// variant, every shared definition and every envelope; an example is typed by the request, or
// by the union of the answer variants (the document's answers come without their request).
// Prints {"apis": {api: {types, examples}}, "files": [...], "diagnostics": [...]}.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compile } from "json-schema-to-typescript";
import ts from "typescript";

const [generated, work] = process.argv.slice(2);
mkdirSync(work, { recursive: true });
const load = (path) => JSON.parse(readFileSync(path, "utf8"));
const apis = readdirSync(join(generated, "service")).sort();

function rootSchema(api, model) {
  const base = model.metadata.schemas.base;
  const local = (ref) => ref.replace(base, "");
  const properties = {};
  for (const [name, op] of Object.entries(model.operations)) {
    properties[`${name}.input`] = { $ref: local(op.input.$ref) };
    for (const variant of op.variants) {
      properties[`${name}.variant.${variant.name}`] = { $ref: local(variant.schema.$ref) };
    }
  }
  for (const file of ["_defs.schema.json", "_envelope.schema.json"]) {
    const doc = load(join(generated, "jsonschema", api, file));
    for (const def of Object.keys(doc.$defs)) {
      properties[`${file.split(".")[0]}.${def}`] = { $ref: `${file}#/$defs/${def}` };
    }
  }
  return { title: `${api} export`, type: "object", properties, additionalProperties: false };
}

const files = [];
const report = { apis: {}, files, diagnostics: [] };
for (const api of apis) {
  const model = load(join(generated, "service", api, "service.json"));
  const root = rootSchema(api, model);
  const name = `${api[0].toUpperCase()}${api.slice(1)}Export`;
  const code = await compile(root, name, {
    cwd: join(generated, "jsonschema", api),
    bannerComment: "",
    format: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    additionalProperties: false,
  });
  writeFileSync(join(work, `${api}.ts`), code);
  files.push(`${api}.ts`);
  const lines = [`import type { ${name} } from "./${api}.js";`];
  let count = 0;
  const examples = load(join(generated, "service", api, "examples.json")).examples;
  for (const [op, cases] of Object.entries(examples)) {
    const variants = model.operations[op].variants.map(
      (v) => `${name}[${JSON.stringify(`${op}.variant.${v.name}`)}]`,
    );
    for (const c of cases) {
      if (c.request !== undefined) {
        const type = `${name}[${JSON.stringify(`${op}.input`)}]`;
        lines.push(`export const e${count++}: ${type} = ${JSON.stringify(c.request)};`);
      }
      if (c.response !== undefined) {
        lines.push(`export const e${count++}: ${variants.join(" | ")} = ${JSON.stringify(c.response)};`);
      }
    }
  }
  writeFileSync(join(work, `${api}.examples.ts`), lines.join("\n") + "\n");
  files.push(`${api}.examples.ts`);
  report.apis[api] = { types: (code.match(/^export (interface|type) /gm) ?? []).length, examples: count };
}

const program = ts.createProgram(
  files.map((f) => join(work, f)),
  {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  },
);
for (const d of ts.getPreEmitDiagnostics(program)) {
  const where = d.file
    ? `${d.file.fileName.split("/").pop()}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
    : "";
  report.diagnostics.push(`${where} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`.slice(0, 600));
}
process.stdout.write(JSON.stringify(report));
