// Preloaded with `node --import <MODULE_TRACE_REGISTER>`: installs the resolve hook of trace-hooks.ts.
import { register } from "node:module";

register("./trace-hooks.js", import.meta.url);
