import { createMemory, defineConfig } from "@cortex-mem/core";
import { localEmbedding } from "@cortex-mem/core/providers";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeChatRequest, ScriptedReply } from "@cortex-mem/testkit";
import { queries, sentences } from "../corpus.js";
import { tempHome } from "../home.js";
import { fmt, summarize, table, timeMs } from "../stats.js";
import { mem0Memory } from "./mem0-adapter.js";

/** One size of the side-by-side run. */
export interface VersusRow {
  memories: number;
  ours: { addOffMs: number; addOnMs: number; search: ReturnType<typeof summarize> };
  mem0: { addOffMs: number; addOnMs: number; search: ReturnType<typeof summarize> };
}

/** Answers both systems' prompts: our extraction/decision calls and mem0's additive extraction. */
function chat(req: FakeChatRequest): ScriptedReply {
  const system = req.messages[0]?.content ?? "";
  const last = req.messages.at(-1)?.content ?? "";
  const text = (last.match(/user[^:]*: (.+)/)?.[1] ?? last).slice(0, 200).replace(/["\\]/g, "");
  if (system.includes("keep a memory store consistent")) return { json: { decisions: [] } };
  if (system.includes("You extract long-term memories"))
    return {
      json: { facts: [{ content: `User said: ${text}`, memory_type: "factual", importance: 0.5, source: [0] }] },
    };
  return { json: { memory: [{ id: "0", text: `User said: ${text}`, event: "ADD" }], facts: [`User said: ${text}`] } };
}

/**
 * mem0 (OSS) and cortex-mem on the same fake OpenAI-compatible server (zero latency), the same
 * data and the same embeddings (our local embedder served over the OpenAI API to both):
 * per-add time with infer off and on, and search latency, at each size.
 */
export async function versusMem0(sizes: number[], inferAdds: number, searchCount: number): Promise<VersusRow[]> {
  const dims = 384;
  const fake = await startFakeOpenAI({ dimensions: dims, embed: (t) => Array.from(localEmbedding(t, dims)), chat });
  const rows: VersusRow[] = [];
  for (const size of sizes) {
    const corpus = sentences(size, 41);
    const qs = queries(corpus, searchCount, 43);
    const extra = sentences(inferAdds, 47);
    const { home, remove } = tempHome(`vs-${size}`);
    const provider = { provider: "openai", baseUrl: fake.url, apiKey: "bench" };
    const ours = await createMemory(
      defineConfig({ home, llm: provider, embedding: { ...provider, dimensions: dims } }),
    );
    const mem0 = await mem0Memory(fake.url, dims, `vs-${size}`);
    const oursOff = await timeMs(async () => {
      for (const c of corpus) await ours.add(c, { userId: "bench", infer: false });
    });
    const mem0Off = await timeMs(async () => {
      for (const c of corpus) await mem0.add(c, "bench");
    });
    const oursOn = await timeMs(async () => {
      for (const c of extra) await ours.add([{ role: "user", content: c }], { userId: "infer", infer: true });
    });
    const mem0On = await timeMs(async () => {
      for (const c of extra) await mem0.add(c, "infer", undefined, true);
    });
    for (const q of qs.slice(0, 10)) {
      await ours.search(q, { userId: "bench", limit: 10 });
      await mem0.search(q, "bench", 10);
    }
    const oursSearch: number[] = [];
    const mem0Search: number[] = [];
    for (const q of qs) {
      oursSearch.push(await timeMs(() => ours.search(q, { userId: "bench", limit: 10 })));
      mem0Search.push(await timeMs(() => mem0.search(q, "bench", 10)));
    }
    rows.push({
      memories: size,
      ours: { addOffMs: oursOff / size, addOnMs: oursOn / inferAdds, search: summarize(oursSearch) },
      mem0: { addOffMs: mem0Off / size, addOnMs: mem0On / inferAdds, search: summarize(mem0Search) },
    });
    await ours.close();
    await mem0.close();
    remove();
  }
  await fake.close();
  table(
    "cortex-mem vs mem0 (same fake OpenAI server, same data and embeddings) — ms",
    ["memories", "system", "add infer off", "add infer on", "search p50", "search p95", "search speed-up"],
    rows.flatMap((r) => [
      [
        r.memories,
        "cortex-mem",
        fmt(r.ours.addOffMs),
        fmt(r.ours.addOnMs),
        fmt(r.ours.search.median),
        fmt(r.ours.search.p95),
        `${fmt(r.mem0.search.median / r.ours.search.median, 1)}×`,
      ],
      [
        r.memories,
        "mem0 3.3.1",
        fmt(r.mem0.addOffMs),
        fmt(r.mem0.addOnMs),
        fmt(r.mem0.search.median),
        fmt(r.mem0.search.p95),
        "",
      ],
    ]),
  );
  return rows;
}
