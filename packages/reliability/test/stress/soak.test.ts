import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli-run.js";
import { openHome } from "../../src/crash-verify.js";
import { makeHome } from "../../src/home.js";
import { send } from "../../src/http-json.js";
import { closedLoop, openLoop, rssKb } from "../../src/load.js";
import type { LoadRequest } from "../../src/load.js";
import { seededRandom } from "../../src/random.js";
import { spawnService } from "../../src/service-process.js";

const SOAK_SECONDS = Number(process.env.CORTEX_MEM_SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = 15;
const USERS = 100;
const PRELOAD = 20_000;
const ADD_SHARE = 0.25;
const WORDS = [
  "river",
  "garden",
  "invoice",
  "guitar",
  "flight",
  "doctor",
  "recipe",
  "python",
  "budget",
  "museum",
  "tennis",
  "coffee",
  "deadline",
  "sister",
  "laptop",
  "holiday",
];

describe("soak: a bounded mixed add/search load on the REST service (pnpm test:stress)", () => {
  it(`runs ${SOAK_SECONDS} s at twice the sustainable rate with zero errors, no lost writes and flat RSS`, async () => {
    const home = makeHome("soak");
    const random = seededRandom(99);
    const word = () => WORDS[Math.floor(random() * WORDS.length)] as string;
    const now = new Date().toISOString();
    const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export", version: 1, embedder: "none" })];
    for (let i = 0; i < PRELOAD; i++) {
      const memory = {
        id: randomUUID(),
        content: `Note ${i}: the ${word()} and the ${word()} of ${word()}`,
        memory_type: "factual",
        user_id: `u${i % USERS}`,
        importance_score: 0.5,
        entities: [],
        topics: [],
        metadata: {},
        hash: `p${i}`,
        created_at: now,
        updated_at: now,
        observed_at: now,
        source: [],
      };
      lines.push(JSON.stringify({ type: "memory", vector: null, history: [], memory }));
    }
    writeFileSync(join(home.dir, "preload.jsonl"), `${lines.join("\n")}\n`);
    const imported = await runCli(["import", join(home.dir, "preload.jsonl")], home.env, home.dir);
    expect(imported.code, imported.stderr).toBe(0);

    const service = await spawnService(home.env, home.dir);
    const acknowledged: string[] = [];
    let seq = 0;
    const next = (): LoadRequest => {
      const user = `u${Math.floor(random() * USERS)}`;
      if (random() < ADD_SHARE) {
        const content = `Soak ${seq++}: ${word()} ${word()} ${word()} ${randomUUID().slice(0, 8)}`;
        return async () => {
          const r = await send(`${service.url}/memories`, {
            method: "POST",
            body: JSON.stringify({ content, user_id: user, infer: false }),
          });
          if (r.status === 200) acknowledged.push((r.json as { results: { id: string }[] }).results[0]!.id);
          return r.status === 200;
        };
      }
      const query = `${word()} ${word()}`;
      return async () =>
        (
          await send(`${service.url}/memories/search`, {
            method: "POST",
            body: JSON.stringify({ query, user_id: user, limit: 10 }),
          })
        ).status === 200;
    };
    try {
      const capacity = await closedLoop(next, 8, 10);
      const sustainable = Math.round(capacity.rate * 0.4);
      const offered = 2 * sustainable;
      const warmup = await openLoop(next, offered, WARMUP_SECONDS);
      const rssWarm = rssKb(service.pid);
      const soak = await openLoop(next, offered, SOAK_SECONDS);
      const rssEnd = rssKb(service.pid);
      const figures = {
        capacity,
        sustainable,
        offered,
        warmup,
        soak,
        rssWarmKb: rssWarm,
        rssEndKb: rssEnd,
        rssGrowth: Math.round((rssEnd / rssWarm - 1) * 1000) / 10,
        acknowledgedAdds: acknowledged.length,
        preload: PRELOAD,
      };
      console.info(`[soak] ${JSON.stringify(figures)}`);
      expect([capacity.errors, warmup.errors, soak.errors, soak.shed]).toEqual([0, 0, 0, 0]);
      expect(soak.rate).toBeGreaterThan(offered * 0.9);
      expect(rssEnd).toBeLessThanOrEqual(rssWarm * 1.15);
      expect(service.stderr()).not.toMatch(/"level":"(error|warn)"|database is locked|SQLITE_BUSY|"status":5\d\d/);
    } finally {
      expect(await service.stop()).toBe(0);
    }
    const memory = await openHome(home.dir);
    try {
      const missing = (await memory.store.getMany(acknowledged)).length;
      expect(missing).toBe(acknowledged.length);
      expect((await memory.stats()).total).toBe(PRELOAD + acknowledged.length);
    } finally {
      await memory.close();
      home.remove();
    }
  });
});
