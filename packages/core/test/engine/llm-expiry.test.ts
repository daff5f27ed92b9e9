import { describe, expect, it } from "vitest";
import { fact, llmMemory } from "./pipeline-fixture.js";

const HOUR = 3_600_000;
const said = new Date(Math.floor(Date.now() / 1000) * 1000 - HOUR); // an hour ago, whole seconds
const conversation = [{ role: "user", content: "I'm in Paris this week", timestamp: said.toISOString() }];
const iso = (ms: number): string => new Date(ms).toISOString();

describe("LLM extraction proposing an expiry for time-bound facts", () => {
  it("asks for expires_at/ttl in the prompt and stores what the reply proposes, counted from the message", async () => {
    const { memory, fake } = await llmMemory();
    const inThreeDays = iso(said.getTime() + 72 * HOUR);
    fake.enqueueChat({
      json: {
        facts: [
          fact("User is in Paris this week", { ttl: "7d" }),
          fact("User has a dentist appointment on Friday", { expires_at: inThreeDays }),
          fact("User is vegetarian", { expires_at: null }),
        ],
      },
    });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD", "ADD", "ADD"]);
    const system = fake.chatCalls()[0]!.body.messages[0].content as string;
    expect(system).toContain('"expires_at"');
    expect(system).toContain('"ttl"');
    const expiries = await Promise.all(results.map(async (r) => (await memory.get(r.id)).expiresAt?.toISOString()));
    expect(expiries).toEqual([iso(said.getTime() + 7 * 24 * HOUR), inThreeDays, undefined]);
  });

  it("drops a proposal outside the grammar or not after the message (the fact is kept, with its type's default)", async () => {
    const { memory, fake } = await llmMemory({ ttl: { personal: "30d" } });
    fake.enqueueChat({
      json: {
        facts: [
          fact("User is in Paris this week", { ttl: "soon" }),
          fact("User has a meeting on Friday", { expires_at: "Friday" }),
          fact("User was at a concert", { expires_at: iso(said.getTime() - HOUR) }),
          fact("User is on call tonight", { ttl: 1.5 }),
        ],
      },
    });
    const before = Date.now();
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD", "ADD", "ADD", "ADD"]);
    for (const r of results) {
      const at = (await memory.get(r.id)).expiresAt?.getTime() ?? 0;
      // memory.ttl.personal = 30d, from the add (not from the message)
      expect(at - 30 * 24 * HOUR).toBeGreaterThanOrEqual(before);
      expect(at - 30 * 24 * HOUR).toBeLessThanOrEqual(Date.now());
    }
  });

  it("a proposal already passed stores the fact hidden (kept until cleaned); the caller's ttl wins over any proposal", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat(
      { json: { facts: [fact("User is in the train to Lyon", { ttl: "30m" })] } },
      { json: { facts: [fact("User is at the airport", { ttl: "30m" })] } },
    );
    const gone = (await memory.add(conversation, { userId: "u" })).results[0]!;
    expect(await memory.search("train Lyon", { userId: "u" })).toEqual([]);
    expect((await memory.get(gone.id, { includeExpired: true })).expiresAt?.toISOString()).toBe(
      iso(said.getTime() + HOUR / 2),
    );
    const asked = (await memory.add(conversation, { userId: "u", ttl: "2d" })).results[0]!;
    const at = (await memory.get(asked.id)).expiresAt?.getTime() ?? 0;
    expect(at).toBeGreaterThan(Date.now() + 47 * HOUR);
  });
});
