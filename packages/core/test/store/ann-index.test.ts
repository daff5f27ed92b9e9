import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMemory } from "../../src/create-memory.js";
import { defineConfig } from "../../src/config/load-config.js";
import { onCleanup, openMemory, tempHome } from "../helpers.js";
import Database from "better-sqlite3";
import { AnnFiles } from "../../src/store/sqlite/ann-files.js";
import { AnnIndex, CONNECTIVITY } from "../../src/store/sqlite/ann-index.js";
import { bigUserExportLines } from "./export-lines.js";

/**
 * These tests are about the HNSW index, so vectors take part in search (offline default: BM25 alone)
 * and the local vectors, sparse, get HNSW rather than inverted lists (`sparse-index.test.ts`).
 */
const WITH_VECTORS = { vectorWeight: 0.3, keywordWeight: 0.7 };

const animals = ["otter", "heron", "badger", "falcon", "lynx", "marten", "ibex", "walrus", "gecko", "tapir"];
const colours = ["amber", "cobalt", "crimson", "jade", "ochre", "slate", "violet", "umber"];
const text = (i: number) =>
  `the ${colours[i % 8]} ${animals[i % 10]} number ${i} sleeps near river ${Math.floor(i / 80)}`;

async function fill(home: string, n: number) {
  const memory = await openMemory({ memory: { annThreshold: 100, annSparseDensity: 0, ...WITH_VECTORS } }, {}, home);
  await memory.import(bigUserExportLines(n, text));
  return memory;
}

describe("HNSW index for large partitions", () => {
  it("finds the same best matches as the exact scan", async () => {
    const home = tempHome();
    const ann = await fill(home, 400);
    const exact = await openMemory({ memory: { annThreshold: 1_000_000 } }, {}, home);
    const scope = { scope: { userId: "big" }, filters: {} };
    let annTotal = 0;
    let scanTotal = 0;
    for (let q = 0; q < 20; q++) {
      // Half the queries are texts of stored memories, half are loose word mixes with many ties.
      const query = q % 2 ? text(q * 19) : `${colours[q % 8]} ${animals[(q * 3) % 10]} river ${q % 5}`;
      const [vector] = await ann.embedder.embed([query]);
      const viaAnn = await ann.store.vectorSearch(vector!, scope, 5);
      const viaScan = await exact.store.vectorSearch(vector!, scope, 5);
      expect(viaAnn).toHaveLength(5);
      // Equal scores may come in another order, so the best score is compared, and the ids when it is unique.
      expect(viaAnn[0]!.score).toBeCloseTo(viaScan[0]!.score, 6);
      if (q % 2) expect(viaAnn[0]!.id).toBe(viaScan[0]!.id);
      annTotal += viaAnn.reduce((sum, h) => sum + h.score, 0);
      scanTotal += viaScan.reduce((sum, h) => sum + h.score, 0);
    }
    // HNSW is approximate: the rest of the top 5 is at most 1% worse in total than the exact scan's.
    expect(annTotal).toBeGreaterThanOrEqual(scanTotal * 0.99);
    expect(annTotal).toBeLessThanOrEqual(scanTotal + 1e-6);
  });

  it("finds a memory by its own text and respects scope filters", async () => {
    const home = tempHome();
    const memory = await fill(home, 400);
    await memory.add("the cobalt otter number 9999 sleeps near river 1", {
      userId: "big",
      agentId: "only-agent",
      infer: false,
    });
    const hit = (
      await memory.store.vectorSearch(
        (await memory.embedder.embed([text(123)]))[0]!,
        { scope: { userId: "big" }, filters: {} },
        5,
      )
    )[0];
    expect(hit?.score).toBeCloseTo(1, 4);
    expect((await memory.get(hit!.id)).content).toBe(text(123));
    const scoped = await memory.search("cobalt otter", { userId: "big", agentId: "only-agent" });
    expect(scoped.map((h) => h.agentId)).toEqual(["only-agent"]);
  });

  it("saves the index beside the database, reloads it, and replays writes made while it was closed", async () => {
    const home = tempHome();
    const memory = await fill(home, 300);
    await memory.search("jade heron", { userId: "big" });
    await memory.close();
    const dir = join(home, "memories.db-ann");
    expect(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".usearch"))).toBe(true);

    const other = await createMemory(
      defineConfig({ home, memory: { annThreshold: 100, annSparseDensity: 0, ...WITH_VECTORS } }),
    );
    onCleanup(() => other.close());
    const added = (await other.add("a purple kangaroo juggles lemons", { userId: "big", infer: false })).results[0]!;
    const victim = (await other.list({ userId: "big", limit: 2 })).memories.find((m) => m.id !== added.id)!;
    await other.delete(victim.id);

    const reopened = await createMemory(
      defineConfig({ home, memory: { annThreshold: 100, annSparseDensity: 0, ...WITH_VECTORS } }),
    );
    onCleanup(() => reopened.close());
    const found = await reopened.search("purple kangaroo juggles lemons", { userId: "big", limit: 3 });
    expect(found[0]?.id).toBe(added.id);
    const all = await reopened.store.vectorSearch(
      (await reopened.embedder.embed([victim.content]))[0]!,
      { scope: { userId: "big" }, filters: {} },
      50,
    );
    expect(all.map((h) => h.id)).not.toContain(victim.id);
  });
  it("rebuilds a saved index that was damaged on disk instead of crashing on it", async () => {
    const home = tempHome();
    const memory = await fill(home, 300);
    await memory.search("jade heron", { userId: "big" });
    await memory.close();
    const dir = join(home, "memories.db-ann");
    const [file] = readdirSync(dir).filter((f) => f.endsWith(".usearch"));
    truncateSync(join(dir, file!), 100); // usearch itself aborts the process on such a file
    const leftover = `${file!.split(".")[0]}.0.usearch.123.tmp`;
    writeFileSync(join(dir, leftover), "left by a save that was killed");

    const reopened = await createMemory(
      defineConfig({ home, memory: { annThreshold: 100, annSparseDensity: 0, ...WITH_VECTORS } }),
    );
    onCleanup(() => reopened.close());
    const hit = (
      await reopened.store.vectorSearch(
        (await reopened.embedder.embed([text(77)]))[0]!,
        { scope: { userId: "big" }, filters: {} },
        3,
      )
    )[0];
    expect((await reopened.get(hit!.id)).content).toBe(text(77));
    expect(readdirSync(dir)).not.toContain(leftover);
    await reopened.add("a purple kangaroo juggles lemons", { userId: "big", infer: false });
    await reopened.close();
    const again = await createMemory(
      defineConfig({ home, memory: { annThreshold: 100, annSparseDensity: 0, ...WITH_VECTORS } }),
    );
    onCleanup(() => again.close());
    expect((await again.search("purple kangaroo juggles lemons", { userId: "big", limit: 1 }))[0]?.content).toBe(
      "a purple kangaroo juggles lemons",
    );
  });

  it("deletes the index files an earlier format left, of that partition only, when it saves the partition", async () => {
    const home = tempHome();
    const memory = await fill(home, 300);
    const embedder = memory.embedder.id;
    const dir = join(home, "memories.db-ann");
    mkdirSync(dir, { recursive: true });
    // The names the previous release (int8 codes cast by usearch, format "i8-cos") gave its files.
    const former = (user: string) =>
      createHash("sha1").update(`${embedder}\0${user}\0i8-cos`).digest("hex").slice(0, 20);
    const left = [`${former("big")}.5.usearch`, `${former("big")}.5.usearch.sum`, `${former("big")}.6.usearch.9.tmp`];
    const kept = `${former("someone-else")}.5.usearch`;
    for (const name of [...left, kept]) writeFileSync(join(dir, name), "an index of the old format");

    // The first search builds the partition's index in the current format and saves it.
    await memory.search("jade heron", { userId: "big" });
    const after = readdirSync(dir);
    const current = new AnnFiles(join(home, "memories.db")).key(embedder, "big", "i8");
    expect(after.some((f) => f.startsWith(`${current}.`) && f.endsWith(".usearch"))).toBe(true);
    for (const name of left) expect(after).not.toContain(name);
    expect(after).toContain(kept);
  });

  it("rebuilds, never searches, a saved index whose graph has another connectivity", async () => {
    const home = tempHome();
    const memory = await fill(home, 300);
    await memory.search("jade heron", { userId: "big" });
    const embedder = memory.embedder.id;
    await memory.close();
    const dir = join(home, "memories.db-ann");
    const saved = readdirSync(dir).find((f) => f.endsWith(".usearch"))!;
    // The same rows in a graph of another connectivity, where the store looks for its index.
    const db = new Database(join(home, "memories.db"), { readonly: true });
    const rows = db.prepare("SELECT rid, vector FROM vectors").all() as { rid: number; vector: Buffer }[];
    db.close();
    const dims = rows[0]!.vector.byteLength / 4;
    const other = new AnnIndex(dims, undefined, CONNECTIVITY === 32 ? 16 : 32);
    other.addMany(
      rows.map((r) => r.rid),
      Float32Array.from(rows.flatMap((r) => [...new Float32Array(new Uint8Array(r.vector).buffer)])),
    );
    other.save(join(dir, saved));
    const otherDigest = readFileSync(join(dir, `${saved}.sum`), "utf8");

    const reopened = await createMemory(
      defineConfig({ home, memory: { annThreshold: 100, annSparseDensity: 0, ...WITH_VECTORS } }),
    );
    onCleanup(() => reopened.close());
    expect((await reopened.search(text(42), { userId: "big", limit: 1 }))[0]?.content).toBe(text(42));
    // Rebuilt and saved anew over it: the file now holds a graph of the current connectivity.
    expect(saved.startsWith(new AnnFiles(join(home, "memories.db")).key(embedder, "big", "i8"))).toBe(true);
    expect(readFileSync(join(dir, `${saved}.sum`), "utf8")).not.toBe(otherDigest);
    expect(AnnIndex.load(join(dir, saved), dims).size).toBe(rows.length);
  });
});
