import { describe, expect, it } from "vitest";
import { foldAcks } from "../src/crash-protocol.js";
import type { Expected } from "../src/crash-protocol.js";

const line = (o: object) => `${JSON.stringify(o)}\n`;

describe("foldAcks: what the crash writer's output acknowledges", () => {
  it("counts complete acks, ignores a line cut off by the kill, and marks an unacknowledged operation in flight", () => {
    const model = new Map<string, Expected>();
    const out =
      line({ op: "ready" }) +
      line({ op: "add", id: "a", content: "A" }) +
      line({ op: "add", id: "b", content: "B" }) +
      line({ op: "intent", id: "a", content: "A2" }) +
      line({ op: "update", id: "a", content: "A2" }) +
      line({ op: "intent", id: "b" }) +
      '{"op":"add","id":"c","cont';
    expect(foldAcks(out, model)).toEqual({ acks: 3, ready: true });
    expect(model.get("a")).toEqual({ id: "a", content: "A2", deleted: false, updated: true });
    expect(model.get("b")).toEqual({ id: "b", content: "B", deleted: false, updated: false, inFlight: {} });
    expect(model.has("c")).toBe(false);
  });

  it("refuses a complete line it does not understand, and an ack for a memory never added", () => {
    expect(() => foldAcks(line({ op: "add", id: 1 }), new Map())).toThrow();
    expect(() => foldAcks(line({ op: "delete", id: "ghost" }), new Map())).toThrow(/unknown memory/);
  });
});
