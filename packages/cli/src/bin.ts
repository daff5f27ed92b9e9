#!/usr/bin/env node
import * as z from "zod";

// A closed pipe (`cortex-mem export | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// zod compiles each object schema's parser on its first parse (`new Function`), which pays off only
// over many parses: a one-shot command parses a few objects and exits. The commands that keep running
// keep the compiled parsers. Set before the program's modules build their schemas (zod reads it then).
const LONG_RUNNING = new Set(["serve", "mcp", "worker", "ui"]);
if (!process.argv.slice(2).some((arg) => LONG_RUNNING.has(arg))) z.config({ jitless: true });

// No top-level await: the bundle runs as CommonJS, under dist/bin.js's code cache (scripts/bin-entry.mjs).
void import("./program.js").then(async ({ run }) => {
  process.exitCode = await run(process.argv);
});
