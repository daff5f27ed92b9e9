import { fileURLToPath } from "node:url";

/** The built server every process test spawns. */
export const BIN = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
