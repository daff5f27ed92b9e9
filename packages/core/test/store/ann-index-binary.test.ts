import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { semanticEmbedding } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { dot } from "../../src/embedder/embedder.js";
import type { Embedder } from "../../src/embedder/embedder.js";
import { AnnFiles } from "../../src/store/sqlite/ann-files.js";
import { AnnIndex } from "../../src/store/sqlite/ann-index.js";
import { openMemory, tempHome } from "../helpers.js";
import { bigUserExportLines } from "./export-lines.js";

const DIMS = 1536;
/** Model-like 1536-d vectors (testkit's `semanticEmbedding`), as an OpenAI embedder would give. */
const modelEmbedder: Embedder = {
  id: "test:model-like:1536",
  dimensions: async () => DIMS,
  embed: async (texts) => texts.map((t) => Float32Array.from(semanticEmbedding(t, DIMS))),
};
const topics = ["sailing", "pottery", "chess", "baking", "cycling", "violin", "orchids", "astronomy"];
const text = (i: number) => `notes ${i} on ${topics[i % 8]} and ${topics[(i * 3) % 8]} from week ${i % 40}`;

async function fill(home: string, n: number) {
  const memory = await openMemory(
    { memory: { annThreshold: 100, vectorWeight: 1, keywordWeight: 0 } },
    { embedder: modelEmbedder },
    home,
  );
  await memory.import(bigUserExportLines(n, text));
  return memory;
}

describe("HNSW index of model-size vectors (binary codes)", () => {
  it("returns the exact top 10 with exact cosines, re-scored from the file, and saves a binary index", async () => {
    const home = tempHome();
    const memory = await fill(home, 1_200);
    const scope = { scope: { userId: "big" }, filters: {} };
    const all = await Promise.all(
      Array.from({ length: 1_200 }, async (_, i) => ({ i, v: (await modelEmbedder.embed([text(i)]))[0]! })),
    );
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const query = (await modelEmbedder.embed([`${topics[q % 8]} and ${topics[(q + 3) % 8]} week ${q}`]))[0]!;
      const exact = all
        .map(({ i, v }) => ({ content: text(i), score: dot(query, v) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const hits = await memory.store.vectorSearch(query, scope, 10);
      expect(hits).toHaveLength(10);
      const contents = await Promise.all(hits.map(async (h) => (await memory.get(h.id)).content));
      // Scores are exact cosines (re-scored from the float vectors), not Hamming estimates.
      for (const [j, h] of hits.entries()) expect(h.score).toBeCloseTo(dot(query, all[text2i(contents[j]!)]!.v), 5);
      found += exact.filter((e) => contents.includes(e.content)).length;
    }
    expect(found / 200).toBeGreaterThanOrEqual(0.95);
    const dir = join(home, "memories.db-ann");
    const key = new AnnFiles(join(home, "memories.db")).key(modelEmbedder.id, "big", "b1");
    const saved = readdirSync(dir).find((f) => f.startsWith(`${key}.`) && f.endsWith(".usearch"));
    expect(saved).toBeDefined();
    expect(AnnIndex.load(join(dir, saved!), DIMS).code).toBe("b1");
  });

  it("saves the codes beside the index and, reopened, with or without them, finds the same memories", async () => {
    const home = tempHome();
    const memory = await fill(home, 600);
    const query = (await modelEmbedder.embed(["pottery and chess week 7"]))[0]!;
    const scope = { scope: { userId: "big" }, filters: {} };
    const first = await memory.store.vectorSearch(query, scope, 10);
    await memory.close();
    const dir = join(home, "memories.db-ann");
    const saved = readdirSync(dir).find((f) => f.endsWith(".usearch"))!;
    expect(readdirSync(dir)).toContain(`${saved}.codes`);

    // Reopened: a write while open replays onto the loaded index and its codes.
    const again = await openMemory({ memory: { annThreshold: 100 } }, { embedder: modelEmbedder }, home);
    const added = (await again.add("pottery and chess week 7 in the new studio", { userId: "big", infer: false }))
      .results[0]!;
    const withNew = await again.store.vectorSearch(query, scope, 10);
    expect(withNew[0]?.id).toBe(added.id);
    expect(withNew.slice(1).map((h) => h.id)).toEqual(first.slice(0, 9).map((h) => h.id));
    await again.close();

    for (const f of readdirSync(dir)) if (f.endsWith(".codes")) rmSync(join(dir, f));
    const bare = await openMemory({ memory: { annThreshold: 100 } }, { embedder: modelEmbedder }, home);
    expect((await bare.store.vectorSearch(query, scope, 10)).map((h) => h.id)).toEqual(withNew.map((h) => h.id));
  });

  it("deletes the partition's int8 index files when it saves its binary index", async () => {
    const home = tempHome();
    const memory = await fill(home, 300);
    const dir = join(home, "memories.db-ann");
    mkdirSync(dir, { recursive: true });
    const int8 = createHash("sha1").update(`${modelEmbedder.id}\0big\0i8max-cos`).digest("hex").slice(0, 20);
    expect(new AnnFiles(join(home, "memories.db")).formerKeys(modelEmbedder.id, "big", "b1")).toContain(int8);
    for (const name of [`${int8}.3.usearch`, `${int8}.3.usearch.sum`]) writeFileSync(join(dir, name), "old");
    await memory.search("chess week 3", { userId: "big" });
    const after = readdirSync(dir);
    expect(after.some((f) => f.startsWith(int8))).toBe(false);
    expect(after.some((f) => f.endsWith(".usearch"))).toBe(true);
  });
});

/** The memory number of a `text(i)` content. */
function text2i(content: string): number {
  return Number(content.split(" ")[1]);
}
