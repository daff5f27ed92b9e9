// Preloaded with `node --import <MODULE_TRACE_REGISTER>`: installs the resolve hook of trace-hooks.ts
// for ES modules, and records CommonJS modules as they load (the bins' bundles are CommonJS chunks
// that dist/bin.js requires, see scripts/bundle-bin.mjs), each file URL on a line of $TRACE_FILE.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";

register("./trace-hooks.js", import.meta.url);

const prototype = Module.prototype as unknown as { load(filename: string): void };
const load = prototype.load;
prototype.load = function (this: unknown, filename: string) {
  appendFileSync(process.env.TRACE_FILE as string, `${pathToFileURL(filename).href}\n`);
  return load.call(this, filename);
};
