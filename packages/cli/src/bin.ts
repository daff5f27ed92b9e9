#!/usr/bin/env node
import { run } from "./program.js";

// A closed pipe (`cortex-mem export | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await run(process.argv);
