// Which modules a spawned process loaded: the start-up tests of the packages that ship a bin (cli,
// mcp) check that a light command does not load a heavy dependency.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { bundledModules } from "./bundled-modules.js";

/**
 * Path of a preload for `node --import`: with it, the process appends the URL of every module it
 * resolves to the file named by its `TRACE_FILE` environment variable. Read it with {@link tracedModules}.
 * The compiled file of dist/, also when this module runs from src/ (testkit's own tests): Node loads
 * the preload without a TypeScript loader.
 */
export const MODULE_TRACE_REGISTER = fileURLToPath(new URL("../dist/trace-register.js", import.meta.url));

/**
 * The modules a process traced into `traceFile` (see {@link MODULE_TRACE_REGISTER}), each file of the
 * bundled `bin` followed by the paths of the modules bundled into it ({@link bundledModules}).
 */
export async function tracedModules(traceFile: string, bin: string): Promise<string[]> {
  const text = await readFile(traceFile, "utf8");
  return bundledModules(text.split("\n").filter(Boolean), bin);
}
