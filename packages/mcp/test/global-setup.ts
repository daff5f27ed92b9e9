import { existsSync } from "node:fs";
import { BIN } from "./helpers/paths.js";

/** The tests drive the built bin; fail once, clearly, when it is missing. */
export default function setup(): void {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build first (pnpm turbo run build --filter=@cortex-mem/mcp...)`);
}
