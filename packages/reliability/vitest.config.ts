import { sharedVitestConfig } from "../../vitest.shared.js";

/** The quick part of the suite (`pnpm test`): bounded rounds and counts; the long runs are in vitest.stress.config.ts. */
export default sharedVitestConfig({
  exclude: ["test/stress/**"],
  globalSetup: ["test/global-setup.ts"],
  testTimeout: 120_000,
});
