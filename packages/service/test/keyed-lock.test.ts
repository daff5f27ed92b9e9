import { describe, expect, it } from "vitest";
import { KeyedLock } from "../src/keyed-lock.js";

describe("KeyedLock", () => {
  it("runs sections of one key one after another, other keys alongside, and survives failures", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = lock.run("a", async () => {
      events.push("a1 start");
      await gate;
      events.push("a1 end");
      throw new Error("boom");
    });
    const second = lock.run("a", async () => {
      events.push("a2");
      return 2;
    });
    const other = lock.run("b", async () => {
      events.push("b");
      return "b";
    });
    expect(await other).toBe("b");
    expect(events).toEqual(["a1 start", "b"]);
    releaseFirst();
    await expect(first).rejects.toThrow("boom");
    expect(await second).toBe(2);
    expect(events).toEqual(["a1 start", "b", "a1 end", "a2"]);
    expect(lock.size).toBe(0);
  });
});
