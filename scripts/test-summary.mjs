// Adds up the vitest JSON reports of every package and prints one closing line
// ("tests: N passed, N failed, N skipped"), exiting non-zero when anything failed or nothing ran.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const roots = ["packages", "bench"].filter((d) => existsSync(d));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const root of roots) {
  const dirs = root === "bench" ? ["."] : readdirSync(root);
  for (const dir of dirs) {
    const file = join(root, dir, "test-results.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
