#!/usr/bin/env node
import module from "node:module";

// Node ≥ 22.1 keeps V8's compiled code of the bundle between runs; Node 20 has no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// stdout belongs to the MCP protocol: anything a dependency prints with console.log goes to stderr.
// eslint-disable-next-line no-console -- redirects, not prints: the one console use the server needs
console.log = console.info = console.debug = console.error;

const { mcpMain } = await import("./main.js");
process.exitCode = await mcpMain(process.argv.slice(2));
