import { describe, expect, it } from "vitest";
import { runCrashRounds } from "../../src/crash-rounds.js";

const ROUNDS = Number(process.env.CORTEX_MEM_CRASH_ROUNDS ?? 60);

describe("crash safety, long campaign (pnpm test:stress)", () => {
  it(`keeps every acknowledged memory over ${ROUNDS} SIGKILLs, the saved HNSW index damaged every 5th round`, async () => {
    const report = await runCrashRounds({ rounds: ROUNDS, seed: 7_051_125, annThreshold: 40, damageIndexEvery: 5 });
    console.info(`[crash-stress] ${JSON.stringify({ ...report, problems: report.problems.length })}`);
    expect(report.problems).toEqual([]);
    expect(report.rounds).toBe(ROUNDS);
    expect(report.acknowledged).toBeGreaterThan(ROUNDS * 5);
    expect(report.damagedIndexFiles).toBeGreaterThan(0);
  });
});
