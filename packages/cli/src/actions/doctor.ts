import type { LoadedConfig } from "@cortex-mem/core";
import { explainEmbedderSwitch } from "@cortex-mem/core/config";
import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import type { CheckResult } from "./doctor-checks.js";
import { check, checkEmbedding, checkLlm, checkStore } from "./doctor-checks.js";

/**
 * `cortex-mem doctor`: checks the config, the embedding endpoint, the LLM endpoint and the store
 * (core's probes: the doctor only prints them), one line each. Exits with the first failure's code (core's table), 0 when all pass.
 */
export async function run({ opts }: ActionInput): Promise<number> {
  const out = outputFor(opts);
  let loaded: LoadedConfig | undefined;
  const results: CheckResult[] = [
    await check("config", async () => {
      loaded = loadCliConfig(opts);
      return loaded.file ? `read ${loaded.file}` : "defaults and environment (no config file)";
    }),
  ];
  if (loaded) {
    const sources = loaded;
    const cfg = loaded.config;
    const { result: embedding, embedder } = await checkEmbedding(cfg);
    results.push(embedding, await checkLlm(cfg));
    results.push(await checkStore(cfg, embedder, (error) => explainEmbedderSwitch(error, sources)));
  }
  const failed = results.find((r) => !r.ok);
  await out.result({ ok: !failed, checks: results }, () => {
    const width = Math.max(...results.map((r) => r.name.length));
    return results.map(
      (r) => `${r.ok ? out.c.green("ok  ") : out.c.red("FAIL")}  ${out.c.bold(r.name.padEnd(width))}  ${r.detail}`,
    );
  });
  return failed ? (failed.exitCode ?? 1) : 0;
}
