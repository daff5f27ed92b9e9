// Lint rules shared by every package (each package's `lint` script runs eslint from here): the
// recommended sets, plus a ban on stray console output in library code — the doors write through
// their own output and loggers. Console output is allowed where printing is the purpose: the CLI,
// the bench, scripts, examples, and tests that print the figures of their runs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JS scripts (examples, child processes of tests) run on Node.
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  // Layering of core's stores: neither store imports the other or the wire layer; what they share
  // (fields, tokenizer, search tags, hashes, vector bytes) lives in the neutral fields/ and indexing/.
  ...[
    { files: ["packages/core/src/store/sqlite/**", "packages/core/src/store/sqlite-store.ts"], other: "qdrant" },
    { files: ["packages/core/src/store/qdrant/**", "packages/core/src/store/qdrant-store.ts"], other: "sqlite" },
  ].map(({ files, other }) => ({
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: [`**/${other}/**`, `**/${other}-store.js`], message: "Stores do not import each other." },
            { group: ["**/wire/**"], message: "Stores do not import the wire layer." },
          ],
        },
      ],
    },
  })),
  {
    files: ["packages/core/src/store/*.ts", "packages/core/src/fields/**", "packages/core/src/indexing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/wire/**"], message: "Stores and indexing do not import the wire layer." }] },
      ],
    },
  },
  {
    files: ["packages/cli/src/**", "bench/**", "scripts/**", "**/examples/**", "packages/*/test/**"],
    rules: { "no-console": "off" },
  },
);
