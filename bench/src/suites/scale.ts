import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMemory, loadConfig } from "@cortex-mem/core";
import { sentences } from "../corpus.js";
import { linesFor, tempHome } from "../home.js";
import type { ProbeTask } from "../scale-probe.js";
import { fmt, table, verdict } from "../stats.js";
import type { Summary } from "../stats.js";

const probe = fileURLToPath(new URL("../scale-probe.js", import.meta.url));

/** What the probe reports (see `scale-probe.ts`). */
export interface ProbeResult {
  rssOpenMb: number;
  rssAfterSearchMb?: number;
  rssAllLoadedMb?: number;
  rssAfterVectorMb?: number;
  /** Where the RSS is after the vector searches (MB): see `memoryBreakdown` in `scale-probe.ts`. */
  memoryAfterVector?: {
    rssAnon: number;
    rssFile: number;
    heapUsed: number;
    arrayBuffers: number;
    mallocHeap: number;
    annIndex: number;
  };
  firstSearch?: Summary;
  laterSearch?: Summary;
  vectorSearch?: Summary;
  warmMs?: number;
  ids?: string[][];
}

/** Runs the probe on `home` with `env` and returns its report. */
export function runProbe(home: string, task: ProbeTask, env: Record<string, string> = {}): Promise<ProbeResult> {
  const file = join(home, "probe-task.json");
  writeFileSync(file, JSON.stringify(task));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [probe, file], {
      env: { ...process.env, CORTEX_MEM_HOME: home, CORTEX_MEM_LOG_LEVEL: "error", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1) as string) as ProbeResult)
        : reject(new Error(`probe exited ${code}: ${err.slice(-800)}`)),
    );
  });
}

/** Fills a home through the library's import (which embeds with the configured embedder). */
export async function fillHome(
  home: string,
  contents: string[],
  userOf: (i: number) => string,
  env: Record<string, string> = {},
  shape?: (i: number) => Record<string, unknown>,
): Promise<void> {
  const { config } = loadConfig({ env: { ...process.env, CORTEX_MEM_HOME: home, ...env } });
  const memory = await createMemory(config);
  const lines = linesFor(contents, userOf, shape);
  const header = lines[0] as string;
  for (let i = 1; i < lines.length; i += 10_000) await memory.import([header, ...lines.slice(i, i + 10_000)]);
  await memory.close();
}

/** One layout of the users suite. */
export interface UsersRow {
  memories: number;
  users: number;
  result: ProbeResult;
}

/**
 * Memory and first-search cost by number of users: the same number of memories held by few
 * users or by as many users as memories. A probe process opens the store, searches 200 users
 * (first search, then 9 more of each), and then — for the many-users layouts — searches every
 * user once, so RSS is also seen with every partition loaded.
 */
export async function scaleUsers(layouts: { memories: number; users: number }[]): Promise<UsersRow[]> {
  const rows: UsersRow[] = [];
  for (const { memories, users } of layouts) {
    const { home, remove } = tempHome(`users-${users}`);
    const corpus = sentences(memories, 91);
    const userOf = (i: number) => `u${i % users}`;
    await fillHome(home, corpus, userOf);
    const sample = Array.from({ length: Math.min(200, users) }, (_, j) => {
      const i = Math.floor((j * memories) / Math.min(200, users));
      return { userId: userOf(i), query: (corpus[i] as string).split(" ").slice(0, 4).join(" ") };
    });
    const touchAll = users > 200 ? Array.from({ length: users }, (_, u) => `u${u}`) : [];
    const result = await runProbe(home, { users: sample, repeats: 9, touchAll });
    remove();
    rows.push({ memories, users, result });
  }
  /** RSS of the same number of memories held by at most 10 users (the layout each row is compared with). */
  const baseOf = (memories: number) =>
    rows.find((r) => r.users <= 10 && r.memories === memories)?.result.rssAfterSearchMb ?? Number.NaN;
  table(
    "Users: the same memories held by few or many users (probe process, local embedder)",
    [
      "memories",
      "users",
      "RSS open MB",
      "RSS after 200 users' searches",
      "ratio to 10 users (same memories)",
      "RSS every user loaded",
      "1st search p50 ms",
      "later p50 ms",
      "1st p99",
      "later p99",
    ],
    rows.map((r) => [
      r.memories,
      r.users,
      fmt(r.result.rssOpenMb, 0),
      fmt(r.result.rssAfterSearchMb ?? Number.NaN, 0),
      fmt((r.result.rssAfterSearchMb ?? Number.NaN) / baseOf(r.memories)),
      r.result.rssAllLoadedMb ? fmt(r.result.rssAllLoadedMb, 0) : "-",
      fmt(r.result.firstSearch?.median ?? Number.NaN),
      fmt(r.result.laterSearch?.median ?? Number.NaN),
      fmt(r.result.firstSearch?.p99 ?? Number.NaN),
      fmt(r.result.laterSearch?.p99 ?? Number.NaN),
    ]),
  );
  table(
    "Users targets (issue 14: as many users as memories cost ≤ 1.5× the RSS of 10 users; 1st search as fast as later ones)",
    ["memories", "users", "RSS ratio ≤ 1.5", "1st p50 ≤ 1.5× later p50 + 1 ms"],
    rows
      .filter((r) => r.users > 10)
      .map((r) => {
        const first = r.result.firstSearch?.median ?? Number.NaN;
        const later = r.result.laterSearch?.median ?? Number.NaN;
        const ratio = (r.result.rssAfterSearchMb ?? Number.NaN) / baseOf(r.memories);
        return [
          r.memories,
          r.users,
          `${verdict(ratio, 1.5, "max")} (${fmt(ratio)})`,
          `${verdict(first, 1.5 * later + 1, "max")} (${fmt(first)} vs ${fmt(later)})`,
        ];
      }),
  );
  return rows;
}
