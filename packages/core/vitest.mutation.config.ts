import { sharedVitestConfig } from "../../vitest.shared.js";

/**
 * The tests Stryker runs against each mutant (`pnpm mutation`): those of the mutated code (engine,
 * LLM JSON repair, config, wire and the field mappings it derives from). The store suites are left
 * out: they spawn writer processes and would make each mutant cost minutes while killing none of
 * these files' mutants on their own.
 */
export default sharedVitestConfig({
  include: [
    "test/engine/**/*.test.ts",
    "test/llm/**/*.test.ts",
    "test/config/**/*.test.ts",
    "test/wire/**/*.test.ts",
    "test/fields/**/*.test.ts",
  ],
  // config-docs reads docs/ outside the package, which Stryker's sandbox does not copy;
  // conditional-writes spawns writer processes (a store test, and minutes per mutant).
  exclude: ["test/config/config-docs.test.ts", "test/engine/conditional-writes.test.ts"],
  reporters: ["default"],
});
