import { defineConfig } from "vitest/config";

/** `pnpm test:stress`: the long runs (50+ crash rounds, the soak), one file at a time so they do not disturb each other's figures. */
export default defineConfig({
  test: {
    include: ["test/stress/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
