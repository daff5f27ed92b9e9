#!/usr/bin/env node
// stdout belongs to the MCP protocol: anything a dependency prints with console.log goes to stderr.
// eslint-disable-next-line no-console -- redirects, not prints: the one console use the server needs
console.log = console.info = console.debug = console.error;

// No top-level await: the bundle runs as CommonJS, under dist/bin.js's code cache (scripts/bin-entry.mjs).
void import("./main.js").then(async ({ mcpMain }) => {
  process.exitCode = await mcpMain(process.argv.slice(2));
});
