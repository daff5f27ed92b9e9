#!/usr/bin/env node
import module from "node:module";

// Node ≥ 22.1 keeps V8's compiled code of the bundle between runs; Node 20 has no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A closed pipe (`cortex-mem export | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Imported after the cache is on, so the program itself is compiled through it.
const { run } = await import("./program.js");
process.exitCode = await run(process.argv);
