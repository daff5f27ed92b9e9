// Builds the dashboard into dist/: one HTML file, one hashed JS bundle and one CSS file, served by
// @cortex-mem/service at /ui/. No CDN, no runtime fetches but the service's own REST API.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/ui/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
});
