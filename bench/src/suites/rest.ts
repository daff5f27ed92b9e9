import { createMemory, defineConfig } from "@cortex-mem/core";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { queries, sentences } from "../corpus.js";
import { importLines, tempHome } from "../home.js";
import { load } from "../load.js";
import type { LoadResult } from "../load.js";
import { mallocHeapMb, rssMb, rssPartsMb, spawnQuietService, spawnServer } from "../processes.js";
import { fmt, median, table, verdict } from "../stats.js";

const hello = fileURLToPath(new URL("../hello-server.js", import.meta.url));
const expressHello = fileURLToPath(new URL("../express-hello-server.js", import.meta.url));

/** REST figures: search throughput vs a bare node:http server and an express hello route, single adds, RSS. */
export interface RestFigures {
  search: LoadResult[];
  searchTwoWorkers: LoadResult[];
  hello: LoadResult[];
  expressHello: LoadResult[];
  adds: LoadResult[];
  rssIdleMb: number;
  rssLoadedMb: number;
  memories: number;
}

const summary = (r: LoadResult[]) => ({
  rps: median(r.map((x) => x.requests.average)),
  p50: median(r.map((x) => x.latency.p50)),
  p99: median(r.map((x) => x.latency.p99)),
  errors: r.reduce((n, x) => n + x.errors + x.non2xx, 0),
});

/**
 * Starts the `cortex-mem-service` bin on a home holding `size` memories and loads it with
 * autocannon from this process; a bare node:http server and an express 5 hello route (same small
 * body, express.json parsing) are measured in the same run, interleaved with the service, and
 * each measurement is repeated `runs` times (medians reported).
 */
export async function restThroughput(size: number, seconds: number, runs: number): Promise<RestFigures> {
  const idle = tempHome("rest-idle");
  const idleService = await spawnQuietService({ CORTEX_MEM_HOME: idle.home });
  await new Promise((r) => setTimeout(r, 1000));
  const rssIdleMb = rssMb(idleService.process.pid as number);
  await idleService.stop();
  idle.remove();

  const { home, remove } = tempHome("rest");
  const corpus = sentences(size, 21);
  const memory = await createMemory(defineConfig({ home }));
  for (let i = 0; i < corpus.length; i += 10_000)
    await memory.import(importLines(corpus.slice(i, i + 10_000), "bench"));
  await memory.close();
  const service = await spawnQuietService({ CORTEX_MEM_HOME: home });
  const bare = await spawnServer(hello, [], {});
  const framework = await spawnServer(expressHello, [], {});
  const searches = queries(corpus, 500, 5).map((q) => ({
    method: "POST" as const,
    path: "/memories/search",
    body: JSON.stringify({ query: q, user_id: "bench", limit: 10 }),
  }));
  await load(service.url, searches, 3);
  const figures: RestFigures = {
    search: [],
    searchTwoWorkers: [],
    hello: [],
    expressHello: [],
    adds: [],
    rssIdleMb,
    rssLoadedMb: 0,
    memories: size,
  };
  for (let run = 0; run < runs; run++) {
    figures.search.push(await load(service.url, searches, seconds));
    figures.hello.push(await load(bare.url, searches, seconds));
    figures.expressHello.push(await load(framework.url, searches, seconds));
  }
  figures.rssLoadedMb = rssMb(service.process.pid as number);
  const adds = sentences(20_000, 33).map((c, i) => ({
    method: "POST" as const,
    path: "/memories",
    body: JSON.stringify({ content: `${c} #${i}`, user_id: "adder", infer: false }),
  }));
  for (let run = 0; run < runs; run++)
    figures.adds.push(await load(service.url, adds.slice(run * 5000, (run + 1) * 5000), seconds));
  await service.stop();
  const pair = await spawnQuietService({ CORTEX_MEM_HOME: home }, 60_000, 2);
  await load(pair.url, searches, 3);
  for (let run = 0; run < runs; run++) figures.searchTwoWorkers.push(await load(pair.url, searches, seconds));
  await pair.stop();
  await bare.stop();
  await framework.stop();
  remove();
  const s = summary(figures.search);
  const h = summary(figures.hello);
  const e = summary(figures.expressHello);
  const a = summary(figures.adds);
  const w = summary(figures.searchTwoWorkers);
  table(
    `REST (service bin, ${size} memories, autocannon 10 connections from another process, ${seconds}s × ${runs})`,
    ["figure", "req/s", "p50 ms", "p99 ms", "errors"],
    [
      ["POST /memories/search", fmt(s.rps, 0), fmt(s.p50), fmt(s.p99), s.errors],
      ["bare node:http hello", fmt(h.rps, 0), fmt(h.p50), fmt(h.p99), h.errors],
      ["express 5 hello route (express.json)", fmt(e.rps, 0), fmt(e.p50), fmt(e.p99), e.errors],
      ["search / bare hello ratio", fmt(s.rps / h.rps, 3), "", "", ""],
      ["search / express hello ratio", fmt(s.rps / e.rps, 3), "", "", ""],
      ["express hello / bare hello ratio", fmt(e.rps / h.rps, 3), "", "", ""],
      ["POST /memories/search, --workers 2", fmt(w.rps, 0), fmt(w.p50), fmt(w.p99), w.errors],
      ["POST /memories (infer off)", fmt(a.rps, 0), fmt(a.p50), fmt(a.p99), a.errors],
      ["RSS idle / loaded (MB)", `${fmt(rssIdleMb, 0)} / ${fmt(figures.rssLoadedMb, 0)}`, "", "", ""],
    ],
  );
  return figures;
}

/** The V8 heap (reserved) of a service, from its `/metrics` (read after the RSS, so its cost is not counted). */
async function v8HeapMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(text.match(/^nodejs_heap_size_total_bytes (\d+)$/m)?.[1] ?? Number.NaN) / 2 ** 20;
}

/**
 * RSS of the service after loading `size` memories and answering a few searches: with the offline
 * default (keyword only, no vector read) and with the local embedder's 384-d vectors searched too
 * (`[memory] vector_weight = 0.3`), the layout issue 14's "100k × 384 ≤ 250 MB" is about.
 */
export async function serviceRss(size: number): Promise<{ memories: number; rssMb: number; rssVectorsMb: number }> {
  const { home, remove } = tempHome("rss");
  const corpus = sentences(size, 61);
  const memory = await createMemory(defineConfig({ home }));
  for (let i = 0; i < corpus.length; i += 10_000)
    await memory.import(importLines(corpus.slice(i, i + 10_000), "bench"));
  await memory.close();
  const hybrid = join(home, "hybrid.toml");
  writeFileSync(hybrid, "[memory]\nvector_weight = 0.3\nkeyword_weight = 0.7\n");
  const searches = queries(corpus, 50, 3).map((q) => ({
    method: "POST" as const,
    path: "/memories/search",
    body: JSON.stringify({ query: q, user_id: "bench" }),
  }));
  const measure = async (env: Record<string, string>) => {
    const service = await spawnQuietService({ CORTEX_MEM_HOME: home, ...env });
    // The first search loads the user's partitions (and builds the HNSW index): awaited alone, so
    // the RSS is read with everything a serving process holds, however slow the machine is (a
    // request that outlives the client's 300 s header timeout is sent again: it joins the load).
    for (let attempt = 1; ; attempt++) {
      const first = await fetch(`${service.url}/memories/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: searches[0]?.body ?? "{}",
      }).catch((error: unknown) => (attempt < 6 ? undefined : Promise.reject(error)));
      if (!first) continue;
      if (!first.ok) throw new Error(`service RSS: first search answered ${first.status}`);
      break;
    }
    const result = await load(service.url, searches, 3, 2);
    if (result.errors + result.non2xx + result.timeouts > 0)
      throw new Error(`service RSS: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
    const pid = service.process.pid as number;
    const figures = {
      rss: rssMb(pid),
      ...rssPartsMb(pid),
      cHeap: mallocHeapMb(pid),
      v8Heap: await v8HeapMb(service.url),
    };
    await service.stop();
    return figures;
  };
  const keyword = await measure({});
  const vectors = await measure({ CORTEX_MEM_CONFIG: hybrid });
  remove();
  table(
    `Service RSS holding ${size} memories (after searches; issue 14 target with local vectors: ≤ 250 MB)`,
    ["memories", "search", "RSS MB", "anon / file MB", "V8 heap / C heap / other anon MB", "target"],
    (
      [
        ["keyword only (offline default)", keyword],
        ["local 384-d vectors 0.3 + keyword 0.7", vectors],
      ] as const
    ).map(([label, f]) => [
      size,
      label,
      fmt(f.rss, 0),
      `${fmt(f.anon, 0)} / ${fmt(f.file, 0)}`,
      `${fmt(f.v8Heap, 0)} / ${fmt(f.cHeap, 0)} / ${fmt(f.anon - f.v8Heap - f.cHeap, 0)}`,
      verdict(f.rss, 250, "max"),
    ]),
  );
  return { memories: size, rssMb: keyword.rss, rssVectorsMb: vectors.rss };
}
