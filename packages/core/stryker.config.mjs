// Mutation testing of core's engine and its wire/config mapping (`pnpm mutation` at the root; not in CI:
// see docs/TESTING.md for its run time). A subset: `pnpm mutation --mutate src/engine/scoring.ts`.
import { fileURLToPath } from "node:url";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Named by path: under pnpm, Stryker's own folder scan does not see the runner beside it.
  plugins: [fileURLToPath(import.meta.resolve("@stryker-mutator/vitest-runner"))],
  // The config is read where it lives (not from Stryker's sandbox copy), so its import of the shared
  // workspace config resolves; tests still run from the sandbox.
  vitest: { configFile: fileURLToPath(new URL("./vitest.mutation.config.ts", import.meta.url)) },
  coverageAnalysis: "perTest",
  mutate: [
    "src/engine/scoring.ts",
    "src/engine/add-pipeline.ts",
    "src/engine/decide.ts",
    "src/engine/embedding-text.ts",
    "src/engine/facts.ts",
    "src/engine/rules.ts",
    "src/engine/relative-dates.ts",
    "src/llm/json-repair.ts",
    "src/wire/memory-wire.ts",
    "src/config/*.ts",
    // The field list and the mappings memory-wire (and the stores) derive from it.
    "src/fields/*.ts",
  ],
  // The machine has 2 cores shared with other work; raise with `--concurrency N` on a free machine.
  concurrency: 1,
  timeoutMS: 30_000,
  // The first full run of the tests takes minutes on a busy machine.
  dryRunTimeoutMinutes: 20,
  ignoreStatic: true,
  // Reruns after a test change only re-test the mutants whose code or covering tests changed. Per-file
  // runs keep their own file: `--incrementalFile reports/incremental/<name>.json`.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
