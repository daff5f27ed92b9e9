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
  {
    files: ["packages/cli/src/**", "bench/**", "scripts/**", "**/examples/**", "packages/*/test/**"],
    rules: { "no-console": "off" },
  },
);
