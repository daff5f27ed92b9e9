import { describe, expect, it } from "vitest";
import { isCortexMemError } from "../../src/index.js";
import type { MemoryManager } from "../../src/index.js";
import { openMemory } from "../helpers.js";

/** Runs `fn` (which must fail) and returns the error's code and details. */
async function failure(
  fn: () => Promise<unknown>,
): Promise<{ code: string; details: { path: string; message: string }[] }> {
  try {
    await fn();
  } catch (error) {
    if (!isCortexMemError(error)) throw error;
    return { code: error.code, details: (error.details ?? []) as { path: string; message: string }[] };
  }
  throw new Error("expected a failure");
}

const everything = async (m: MemoryManager): Promise<string> =>
  JSON.stringify((await m.list({ limit: 1000 })).memories.map((x) => [x.id, x.content, x.updatedAt]));

// Options objects come from JS at run time, where TypeScript does not check them: `as never` stands for that.
describe("library options are strict: an unknown field is VALIDATION naming it", () => {
  it("refuses unknown fields in add, search, list, update, get/delete guards and messages, writing nothing", async () => {
    const m = await openMemory();
    const [first] = (await m.add("Alice drinks green tea", { userId: "alice", infer: false })).results;
    const id = first!.id;
    const before = await everything(m);

    const add = await failure(() => m.add("Alice likes jazz", { userId: "alice", memoryTpye: "personal" } as never));
    expect(add.code).toBe("VALIDATION");
    expect(add.details[0]).toMatchObject({ path: "memoryTpye", message: expect.stringMatching(/memoryType/) });
    const snake = await failure(() => m.add("Alice likes jazz", { user_id: "alice" } as never));
    expect(snake.details.find((d) => d.path === "user_id")?.message).toMatch(/did you mean userId/);
    const message = await failure(() =>
      m.add([{ role: "user", content: "I like jazz", speaker: "Al" }] as never, { userId: "alice" }),
    );
    expect(message.details.map((d) => d.path)).toEqual(["messages.0.speaker"]);
    expect((await failure(() => m.addAsync("x y", { userId: "alice", bogus: 1 } as never))).code).toBe("VALIDATION");

    const search = await failure(() => m.search("tea", { userId: "alice", limt: 2 } as never));
    expect(search.details[0]).toMatchObject({ path: "limt", message: expect.stringMatching(/limit/) });
    const filter = await failure(() =>
      m.search("tea", { userId: "alice", filters: { memoryType: ["personal"] } } as never),
    );
    expect(filter.details[0]).toMatchObject({
      path: "filters.memoryType",
      message: expect.stringMatching(/memoryTypes/),
    });
    expect((await failure(() => m.list({ userId: "alice", offset: 10 } as never))).code).toBe("VALIDATION");
    expect(
      (await failure(() => m.update(id, { content: "Alice drinks coffee", importanceScore: 1 } as never))).code,
    ).toBe("VALIDATION");
    // `{ userId }` where `{ scope: { userId } }` belongs must not widen a guard to every user.
    expect((await failure(() => m.get(id, { userId: "bob" } as never))).code).toBe("VALIDATION");
    expect((await failure(() => m.delete(id, { scope: { userID: "alice" } } as never))).code).toBe("VALIDATION");
    expect(
      (await failure(() => m.update(id, { content: "Alice drinks coffee" }, { ifVersoin: "x" } as never))).code,
    ).toBe("VALIDATION");
    expect((await failure(() => m.deleteAll({ user: "alice" } as never))).code).toBe("VALIDATION");
    expect((await failure(() => m.stats({ userID: "alice" } as never))).code).toBe("VALIDATION");
    expect((await failure(() => m.import([], { skipInvalids: true } as never))).code).toBe("VALIDATION");
    expect(await everything(m)).toBe(before);
  });

  it("still takes every documented option, an abort signal included", async () => {
    const m = await openMemory();
    const signal = new AbortController().signal;
    await m.add("Alice drinks green tea", { userId: "alice", infer: false, signal });
    const hits = await m.search("green tea", {
      userId: "alice",
      limit: 5,
      threshold: 0,
      filters: { actorId: undefined },
      signal,
    });
    expect(hits).toHaveLength(1);
    const got = await m.get(hits[0]!.id, { scope: { userId: "alice" }, signal });
    expect(got.content).toBe("Alice drinks green tea");
  });
});
