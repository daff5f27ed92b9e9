import { sharedVitestConfig } from "../../vitest.shared.js";

const FOLDERS = ["engine", "llm", "config", "wire", "fields"];

/**
 * Only these test folders (`MUTATION_TESTS=config,wire,fields`): every config load in the engine
 * tests covers the config code, so a run over `src/config` without them takes minutes instead of
 * hours on a busy machine; its score is a lower bound of the full one (fewer tests kill fewer mutants).
 */
const only = process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(",").map((f) => f.trim()) : undefined;

/**
 * The tests Stryker runs against each mutant (`pnpm mutation`): those of the mutated code (engine,
 * LLM JSON repair, config, wire and the field mappings it derives from). The store suites are left
 * out: they spawn writer processes and would make each mutant cost minutes while killing none of
 * these files' mutants on their own.
 */
export default sharedVitestConfig({
  include: FOLDERS.filter((f) => !only || only.includes(f)).map((f) => `test/${f}/**/*.test.ts`),
  // config-docs reads docs/ outside the package, which Stryker's sandbox does not copy;
  // conditional-writes spawns writer processes (a store test, and minutes per mutant).
  exclude: ["test/config/config-docs.test.ts", "test/engine/conditional-writes.test.ts"],
  reporters: ["default"],
});
