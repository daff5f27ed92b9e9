import { describe, expect, it } from "vitest";
import { runCrashRounds } from "../src/crash-rounds.js";

const ROUNDS = Number(process.env.CORTEX_MEM_CRASH_ROUNDS ?? 12);

describe("crash safety (SIGKILL of a writer at random moments)", () => {
  it(`keeps every acknowledged memory, its history, a healthy file and working search over ${ROUNDS} kills`, async () => {
    const report = await runCrashRounds({ rounds: ROUNDS, seed: 20_251_125, annThreshold: 40, damageIndexEvery: 4 });
    console.info(`[crash] ${JSON.stringify({ ...report, problems: report.problems.length })}`);
    expect(report.problems).toEqual([]);
    expect(report.rounds).toBe(ROUNDS);
    // The campaign did real work: most rounds were killed mid-write, and the HNSW path was in play.
    expect(report.acknowledged).toBeGreaterThan(ROUNDS * 5);
    expect(report.memories).toBeGreaterThan(40);
    expect(report.annFiles).toBeGreaterThan(0);
    expect(report.damagedIndexFiles).toBeGreaterThan(0);
  });
});
