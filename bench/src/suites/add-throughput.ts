import { createMemory, defineConfig } from "@cortex-mem/core";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { sentences } from "../corpus.js";
import { importLines, tempHome } from "../home.js";
import { fmt, median, table } from "../stats.js";

/** Add-side figures of the library. */
export interface AddThroughput {
  importPerSecond: number[];
  singleAddsPerSecond: number[];
  inferOverheadMs: number;
  llmCallsPerAdd: number;
  embeddingCallsPerAdd: number;
}

/**
 * Bulk import (infer off, the JSONL import path), single `add` calls with infer off, and the
 * cost of `infer: true` against a fake OpenAI-compatible server answering with zero latency
 * (three facts per add, one of them in the ambiguous band so the decision call happens).
 */
export async function addThroughput(importSize: number, singleAdds: number, runs: number): Promise<AddThroughput> {
  const importPerSecond: number[] = [];
  const singleAddsPerSecond: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { home, remove } = tempHome("import");
    const memory = await createMemory(defineConfig({ home }));
    const lines = importLines(sentences(importSize, 100 + run), "bench");
    let start = performance.now();
    await memory.import(lines);
    importPerSecond.push((importSize / (performance.now() - start)) * 1000);
    const adds = sentences(singleAdds, 200 + run);
    start = performance.now();
    for (const content of adds) await memory.add(content, { userId: "single", infer: false });
    singleAddsPerSecond.push((singleAdds / (performance.now() - start)) * 1000);
    await memory.close();
    remove();
  }
  const infer = await inferOverhead(Math.min(200, singleAdds));
  table(
    "Add throughput (library, local embedder)",
    ["figure", "median", "runs"],
    [
      [
        "import, infer off (memories/s)",
        fmt(median(importPerSecond), 0),
        importPerSecond.map((x) => fmt(x, 0)).join(" "),
      ],
      [
        "single add, infer off (adds/s)",
        fmt(median(singleAddsPerSecond), 0),
        singleAddsPerSecond.map((x) => fmt(x, 0)).join(" "),
      ],
      ["infer:true overhead per add (ms)", fmt(infer.inferOverheadMs), "fake LLM, 0 ms latency"],
      ["LLM calls per add", fmt(infer.llmCallsPerAdd), "3 facts each"],
      ["embedding calls per add", fmt(infer.embeddingCallsPerAdd), ""],
    ],
  );
  return { importPerSecond, singleAddsPerSecond, ...infer };
}

async function inferOverhead(n: number): Promise<Omit<AddThroughput, "importPerSecond" | "singleAddsPerSecond">> {
  let counter = 0;
  const fake = await startFakeOpenAI({
    dimensions: 256,
    chat: (req) => {
      const system = req.messages[0]?.content ?? "";
      if (system.includes("keep a memory store consistent"))
        return { json: { decisions: [{ fact: 0, event: "ADD", target: null }] } };
      counter += 1;
      return {
        json: {
          facts: [0, 1, 2].map((i) => ({
            content: `fact ${counter}-${i} about topic ${counter % 7} and item ${i}`,
            memory_type: "factual",
            importance: 0.5,
            source: [0],
          })),
        },
      };
    },
  });
  const { home, remove } = tempHome("infer");
  const other = tempHome("infer-plain");
  const common = { embedding: { provider: "openai", baseUrl: fake.url, apiKey: "x", dimensions: 256 } };
  const memory = await createMemory(
    defineConfig({ home, ...common, llm: { provider: "openai", baseUrl: fake.url, apiKey: "x" } }),
  );
  const plain = await createMemory(defineConfig({ home: other.home, ...common }));
  const contents = sentences(n, 300);
  for (const c of contents.slice(0, 10))
    await memory.add([{ role: "user", content: c }], { userId: "warm", infer: true });
  fake.reset();
  let start = performance.now();
  for (const c of contents) await memory.add([{ role: "user", content: c }], { userId: "u", infer: true });
  const inferMs = (performance.now() - start) / n;
  const llmCallsPerAdd = fake.chatCalls().length / n;
  const embeddingCallsPerAdd = fake.embeddingCalls().length / n;
  start = performance.now();
  for (const c of contents) await plain.add(c, { userId: "u", infer: false });
  const plainMs = (performance.now() - start) / n;
  await memory.close();
  await plain.close();
  await fake.close();
  remove();
  other.remove();
  return { inferOverheadMs: inferMs - plainMs, llmCallsPerAdd, embeddingCallsPerAdd };
}
