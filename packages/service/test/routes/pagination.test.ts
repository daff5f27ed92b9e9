import { describe, expect, it } from "vitest";
import { pageResponse } from "../../src/openapi/wire-responses.js";
import { expectShape, startTestService } from "../helpers.js";

describe("GET /memories pagination", () => {
  it("pages through a few hundred memories with cursors, each exactly once, newest first", async () => {
    const svc = await startTestService();
    const total = 320;
    for (let i = 0; i < total; i++) {
      const res = await svc.call("POST", "/memories", {
        body: { content: `Fact number ${i} about item-${i}`, user_id: "pager", infer: false },
      });
      expect(res.status).toBe(200);
    }
    await svc.memory.add("A memory of someone else", { userId: "other", infer: false });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/memories?user_id=pager&limit=75${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await svc.call("GET", query);
      expect(res.status).toBe(200);
      const page = expectShape(pageResponse, res.json);
      expect(page.count).toBe(page.memories.length);
      expect(page.memories.length).toBeLessThanOrEqual(75);
      seen.push(...page.memories.map((m) => m.content));
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null && pages < 20);

    expect(pages).toBe(5);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen[0]).toBe(`Fact number ${total - 1} about item-${total - 1}`);
    expect(seen.at(-1)).toBe("Fact number 0 about item-0");
  });
});
