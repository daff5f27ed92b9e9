import { z } from "zod";
import type { CortexMemConfig, Embedder } from "@cortex-mem/core";
import { toCortexMemError } from "@cortex-mem/core";
import { createStore, sqlitePath } from "@cortex-mem/core/store";
import { createLlm } from "@cortex-mem/core/providers";

/** The outcome of one check: a name, ok or not, and one line saying what was found or what is wrong. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  code?: string;
  exitCode?: number;
}

/** Runs `fn`; a throw becomes a failed check carrying the error's code and exit code. */
export async function check(name: string, fn: () => Promise<string>): Promise<CheckResult> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (error) {
    const e = toCortexMemError(error);
    return { name, ok: false, detail: e.message, code: e.code, exitCode: e.exitCode };
  }
}

const where = (baseUrl: string | undefined): string => baseUrl ?? "api.openai.com";

/** Embeds one text and checks the vector's length against the reported dimensions. */
export async function checkEmbedding(config: CortexMemConfig, embedder: Embedder): Promise<string> {
  const dims = await embedder.dimensions();
  const [vector] = await embedder.embed(["cortex-mem doctor"]);
  if (!vector || vector.length !== dims)
    throw new Error(
      `the embedder returned ${vector?.length ?? 0} numbers, expected ${dims}; check embedding.dimensions`,
    );
  const e = config.embedding;
  return e.provider === "local"
    ? `local (offline), ${dims} dimensions`
    : `${e.provider} ${e.model} at ${where(e.baseUrl)}, ${dims} dimensions`;
}

/** Asks the LLM for a tiny JSON answer; `none` needs no endpoint. */
export async function checkLlm(config: CortexMemConfig): Promise<string> {
  const l = config.llm;
  if (l.provider === "none")
    return 'none (rule-based extraction, no LLM calls; set llm.provider = "openai" and an API key for extraction)';
  const llm = createLlm(config);
  await llm.completeJson({
    system: "You are a health check. Answer with a JSON object.",
    user: 'Reply with {"ok": true}.',
    schema: z.record(z.string(), z.unknown()),
    task: "health check",
  });
  return `${l.provider} ${l.model} at ${where(l.baseUrl)} answered`;
}

/** Opens the store, checks it accepts the embedder's vectors, and counts memories. */
export async function checkStore(config: CortexMemConfig, embedder: Embedder | undefined): Promise<string> {
  const store = createStore(config);
  try {
    if (embedder) await store.init({ dimensions: await embedder.dimensions(), embedder: embedder.id });
    const n = await store.count();
    const at = config.store.kind === "sqlite" ? sqlitePath(config) : config.store.kind;
    return `${store.kind} at ${at}, ${n} memories${embedder ? "" : " (vectors not checked: the embedder failed)"}`;
  } finally {
    await store.close();
  }
}
