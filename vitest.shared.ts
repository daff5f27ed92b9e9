import { defineConfig } from "vitest/config";
import type { ViteUserConfig } from "vitest/config";

type TestOptions = NonNullable<ViteUserConfig["test"]>;

/**
 * The test settings every package shares: tests under `test/`, generous timeouts (the suites spawn
 * processes and open real ports on a 2-core machine), and a JSON report that `scripts/test-summary.mjs`
 * adds up after `pnpm test`. A package passes only what it adds or changes; its keys replace ours
 * (no array concatenation, unlike vite's `mergeConfig`).
 */
export function sharedVitestConfig(overrides: TestOptions = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: ["default", ["json", { outputFile: "test-results.json" }]],
      ...overrides,
    },
  });
}
