import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import { configTemplate } from "@cortex-mem/core/config";
import type { ActionInput } from "../runtime/context.js";
import { outputFor } from "../runtime/context.js";

/** `cortex-mem init [file]`: writes the commented config (generated from core's schema); an existing file needs `--force`. */
export async function run({ args, opts }: ActionInput<{ force?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  const file = resolve(args[0] ?? "cortex-mem.toml");
  if (existsSync(file) && !opts.force) {
    throw new CortexMemError(
      ErrorCode.CONFLICT,
      `${file} already exists; pass --force to overwrite it, or give another path`,
      { details: { file } },
    );
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, configTemplate(), "utf8");
  await out.result({ file, written: true }, () => [
    `Wrote ${file}`,
    out.c.dim("Edit it, then check it with `cortex-mem config` and `cortex-mem doctor`."),
  ]);
}
