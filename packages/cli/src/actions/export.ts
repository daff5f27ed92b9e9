import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { UsageError } from "../runtime/exit-codes.js";
import { write } from "../runtime/output.js";
import { createProgress } from "../runtime/progress.js";
import type { ScopeFlags } from "./scope-flags.js";
import { scopeOfFlags } from "./scope-flags.js";

/**
 * `cortex-mem export [--out file]`: JSONL (header, memories with vectors and history, history of
 * deleted memories) to stdout or a file. With `--out`, progress and a summary go to stderr.
 */
export async function run({ opts }: ActionInput<ScopeFlags & { out?: string }>): Promise<void> {
  const out = outputFor(opts);
  const scope = scopeOfFlags(opts);
  const target = opts.out ? createWriteStream(opts.out) : process.stdout;
  if (opts.out) {
    await once(target, "open").catch((error: Error) => {
      throw new UsageError(`Cannot write ${opts.out}: ${error.message} (check the directory exists and is writable)`);
    });
  }
  const memories = await withMemory(opts, async (m) => {
    const total = (await m.stats(scope)).total;
    const progress = createProgress("export", { quiet: !opts.out });
    let n = 0;
    for await (const line of m.export(scope)) {
      await write(target, `${line}\n`);
      if (line.startsWith('{"type":"memory"')) progress.update(++n, total);
    }
    return n;
  });
  if (!opts.out) return;
  target.end();
  await once(target, "finish");
  if (out.json) await out.data({ exported: memories, file: opts.out });
  else out.note(`Exported ${memories} memories to ${opts.out}`);
}
