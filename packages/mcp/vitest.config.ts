import { defineConfig } from "vitest/config";

// The tests spawn the BUILT server (dist/bin.js): `pnpm turbo run test` builds first.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
