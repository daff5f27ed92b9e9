import { sharedVitestConfig } from "../../vitest.shared.js";

/** `pnpm test:stress`: the long runs (50+ crash rounds, the soak), one file at a time so they do not disturb each other's figures. */
export default sharedVitestConfig({
  include: ["test/stress/**/*.test.ts"],
  globalSetup: ["test/global-setup.ts"],
  fileParallelism: false,
  testTimeout: 900_000,
  hookTimeout: 120_000,
  reporters: ["default"],
});
