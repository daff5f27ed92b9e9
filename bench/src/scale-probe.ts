// Child process of the scale suites: opens a store as a service would, runs the searches it is
// given and reports timings, RSS and the ids found as one JSON line on stdout. Run alone, so the
// RSS it reports is that of a process serving the store, nothing of the bench's own.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createMemory, loadConfig } from "@cortex-mem/core";
import { analyzeOptimization } from "@cortex-mem/core/optimizer";
import { rssMb } from "./processes.js";
import { summarize } from "./stats.js";

/** What the parent asks the probe to do. */
export interface ProbeTask {
  /** Searches through the whole engine (query text embedded by the configured embedder). */
  users?: { userId: string; query: string }[];
  /** Repeats of each user's search after the first (first and later searches timed apart). */
  repeats?: number;
  /** Store-level vector searches with the query embedded first (untimed), for ANN figures. */
  vectorQueries?: { userId: string; query: string; limit: number }[];
  /** Then search every one of these users once more, to measure RSS with all of them loaded. */
  touchAll?: string[];
  /** Then an optimizer dry run over one user's whole scope. */
  analyze?: { userId: string; strategy: string };
}

/**
 * Where the resident memory of this process is, in MB: anonymous (heap, buffers, native indexes)
 * against file-backed (binaries; SQLite reads no file through a map), and within the anonymous part
 * V8's heap, the C allocator's main heap (`[heap]`: SQLite's page cache, Buffers, whatever was freed
 * but not given back) and the saved HNSW indexes' size (usearch holds each in memory at about its
 * file's size, in its own mappings).
 */
function memoryBreakdown(): Record<string, number> {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? Number.NaN) / 1024;
  const m = process.memoryUsage();
  const mb = (bytes: number) => bytes / 2 ** 20;
  let mallocHeap = 0;
  let inHeap = false;
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inHeap = line.endsWith("[heap]");
    else if (inHeap && line.startsWith("Rss:")) mallocHeap += Number(line.split(/\s+/)[1]) / 1024;
  }
  const annDir = join(process.env.CORTEX_MEM_HOME ?? ".", "memories.db-ann");
  let annIndex = 0;
  try {
    for (const name of readdirSync(annDir))
      if (name.endsWith(".usearch")) annIndex += mb(statSync(join(annDir, name)).size);
  } catch {
    // No index saved: none was built.
  }
  return {
    rss: kb("VmRSS"),
    rssAnon: kb("RssAnon"),
    rssFile: kb("RssFile"),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
    mallocHeap,
    annIndex,
  };
}

const [taskFile] = process.argv.slice(2);
const task = JSON.parse(readFileSync(taskFile as string, "utf8")) as ProbeTask;
const { config } = loadConfig({ env: process.env });
const memory = await createMemory(config);
const out: Record<string, unknown> = { rssOpenMb: rssMb(process.pid) };

if (task.users?.length) {
  const first: number[] = [];
  const later: number[] = [];
  for (const { userId, query } of task.users) {
    let t = performance.now();
    await memory.search(query, { userId, limit: 10 });
    first.push(performance.now() - t);
    for (let i = 0; i < (task.repeats ?? 0); i++) {
      t = performance.now();
      await memory.search(query, { userId, limit: 10 });
      later.push(performance.now() - t);
    }
  }
  out.firstSearch = summarize(first);
  out.laterSearch = summarize(later);
  out.rssAfterSearchMb = rssMb(process.pid);
}

if (task.vectorQueries?.length) {
  const vectors = await memory.embedder.embed(task.vectorQueries.map((q) => q.query));
  const warm = performance.now();
  const head = task.vectorQueries[0] as { userId: string; limit: number };
  await memory.store.vectorSearch(
    vectors[0] as Float32Array,
    { scope: { userId: head.userId }, filters: {} },
    head.limit,
  );
  out.warmMs = performance.now() - warm;
  const times: number[] = [];
  const ids: string[][] = [];
  for (const [i, q] of task.vectorQueries.entries()) {
    const t = performance.now();
    const hits = await memory.store.vectorSearch(
      vectors[i] as Float32Array,
      { scope: { userId: q.userId }, filters: {} },
      q.limit,
    );
    times.push(performance.now() - t);
    ids.push(hits.map((h) => h.id));
  }
  out.vectorSearch = summarize(times);
  out.ids = ids;
  out.rssAfterVectorMb = rssMb(process.pid);
  out.memoryAfterVector = memoryBreakdown();
}

if (task.touchAll?.length) {
  for (const userId of task.touchAll) await memory.search("note", { userId, limit: 5 });
  out.rssAllLoadedMb = rssMb(process.pid);
}

if (task.analyze) {
  const t = performance.now();
  const plan = await analyzeOptimization(memory, config.optimizer, {
    strategy: task.analyze.strategy,
    scope: { userId: task.analyze.userId },
  });
  const byKind: Record<string, number> = {};
  for (const issue of plan.issues) byKind[issue.kind] = (byKind[issue.kind] ?? 0) + 1;
  out.analyze = {
    ms: performance.now() - t,
    scanned: plan.scanned,
    issues: plan.issues.length,
    actions: plan.actions.length,
    byKind,
    llmCalls: plan.llmCalls,
  };
  out.rssAfterAnalyzeMb = rssMb(process.pid);
}

await memory.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
