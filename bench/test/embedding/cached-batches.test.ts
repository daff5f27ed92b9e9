import { describe, expect, it } from "vitest";
import { cachedBatches } from "../../src/embedding/cached-batches.js";

/** A fake model: each text's vector is [its length, the call it was embedded in]; records every call. */
function fakeModel(failOn?: string) {
  const calls: string[][] = [];
  const embed = async (texts: string[]) => {
    calls.push(texts);
    await new Promise((r) => setTimeout(r, 5));
    if (failOn && texts.includes(failOn)) throw new Error(`model failed on ${failOn}`);
    return texts.map((t) => Float32Array.of(t.length, calls.length));
  };
  return { calls, embed };
}
const plain = (vs: Float32Array[]) => vs.map((v) => [...v]);

describe("the cache and batching in front of the USE model", () => {
  it("embeds each distinct text once, in calls of at most batchSize, answering in order", async () => {
    const model = fakeModel();
    const front = cachedBatches(model.embed, { batchSize: 2 });
    const got = await front.embed(["a", "bb", "a", "ccc", "dddd"]);
    expect(model.calls).toEqual([
      ["a", "bb"],
      ["ccc", "dddd"],
    ]);
    expect(plain(got)).toEqual([
      [1, 1],
      [2, 1],
      [1, 1],
      [3, 2],
      [4, 2],
    ]);
    // Cached texts are not embedded again; only the new one is.
    expect(plain(await front.embed(["ccc", "eeeee", "a"]))).toEqual([
      [3, 2],
      [5, 3],
      [1, 1],
    ]);
    expect(model.calls).toHaveLength(3);
    expect(front.stats()).toEqual({ requested: 8, embedded: 5, batches: 3 });
  });

  it("lets concurrent requests share a text being embedded, one model call at a time", async () => {
    const model = fakeModel();
    let running = 0;
    let most = 0;
    const counted = async (texts: string[]) => {
      most = Math.max(most, ++running);
      try {
        return await model.embed(texts);
      } finally {
        running--;
      }
    };
    const front = cachedBatches(counted, { batchSize: 8 });
    const [x, y] = await Promise.all([front.embed(["a", "bb"]), front.embed(["bb", "ccc"])]);
    expect(model.calls).toEqual([["a", "bb"], ["ccc"]]);
    expect(plain(x)).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(plain(y)).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(most).toBe(1);
  });

  it("caches nothing of a failed call, so asking again embeds again", async () => {
    const model = fakeModel("bad");
    const front = cachedBatches(model.embed, { batchSize: 4 });
    await expect(front.embed(["ok", "bad"])).rejects.toThrow(/model failed on bad/);
    await expect(front.embed(["ok"])).resolves.toHaveLength(1);
    expect(model.calls).toEqual([["ok", "bad"], ["ok"]]);
  });

  it("refuses a model answering the wrong number of vectors, and keeps at most maxEntries", async () => {
    const short = cachedBatches(async () => [Float32Array.of(1)], { batchSize: 4 });
    await expect(short.embed(["a", "b"])).rejects.toThrow(/1 vectors for 2 texts/);
    const model = fakeModel();
    const small = cachedBatches(model.embed, { batchSize: 4, maxEntries: 2 });
    expect(plain(await small.embed(["a", "bb", "ccc"]))).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    await small.embed(["a"]);
    expect(model.calls).toEqual([["a", "bb", "ccc"], ["a"]]);
    expect(() => cachedBatches(model.embed, { batchSize: 0 })).toThrow(RangeError);
  });
});
