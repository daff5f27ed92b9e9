import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blobToVector } from "../../../src/store/sqlite/rows.js";
import { CacheState } from "../../../src/store/sqlite/search-cache-state.js";
import { VectorReads } from "../../../src/store/sqlite/search-cache-vector-reads.js";
import { onCleanup, openMemory, tempHome } from "../../helpers.js";

/** A home holding 1,000 memories with the local embedder's vectors, and reads over its own connection. */
async function storeWithVectors() {
  const home = tempHome();
  const memory = await openMemory({}, {}, home);
  for (let batch = 0; batch < 10; batch++) {
    const messages = Array.from({ length: 100 }, (_, i) => ({
      role: "user",
      content: `note ${batch * 100 + i} about the garden, tulip bed ${i % 13} and the pond`,
    }));
    await memory.add(messages, { userId: "bob", infer: false });
  }
  const dims = await memory.embedder.dimensions();
  const db = new Database(join(home, "memories.db"));
  onCleanup(() => void db.close());
  const state = new CacheState(db, { dims, embedder: memory.embedder.id, annThreshold: 0, dbPath: null });
  return { db, dims, reads: new VectorReads(state) };
}

describe("VectorReads.readInto: vectors straight into a matrix, without a buffer per row", () => {
  it("writes each row's float vector in row order, and leaves out rows of another length", async () => {
    const { db, dims, reads } = await storeWithVectors();
    const rids = db.prepare("SELECT rid FROM vectors ORDER BY rid").pluck().all() as number[];
    db.prepare("UPDATE vectors SET vector = zeroblob(8) WHERE rid = ?").run(rids[3]);
    const matrix = new Float32Array(rids.length * dims);
    const written = reads.readInto(rids, matrix);
    expect(written.length).toBe(rids.length - 1);
    expect(written).not.toContain(rids[3]);
    const blob = db.prepare("SELECT vector FROM vectors WHERE rid = ?").pluck();
    for (const [row, rid] of written.entries())
      expect(matrix.subarray(row * dims, (row + 1) * dims)).toEqual(blobToVector(blob.get(rid) as Buffer));
  });

  it("allocates no C-heap buffer per row read (a build's freed buffers stayed in the RSS until a GC)", async () => {
    const { db, dims, reads } = await storeWithVectors();
    const rids = db.prepare("SELECT rid FROM vectors").pluck().all() as number[];
    const matrix = new Float32Array(rids.length * dims);
    const before = process.memoryUsage().arrayBuffers;
    expect(reads.readInto(rids, matrix).length).toBe(rids.length);
    const grown = process.memoryUsage().arrayBuffers - before;
    // Per-row Buffers of 1,000 × 384 floats would add 1.5 MB here before the next collection.
    expect(grown).toBeLessThan((rids.length * dims * 4) / 4);
  });
});
