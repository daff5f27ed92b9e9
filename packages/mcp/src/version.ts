import { createRequire } from "node:module";

/** This package's version, reported as the MCP server version and by `--version`. */
export const VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
