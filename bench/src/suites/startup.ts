import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { sentences } from "../corpus.js";
import { filledMemory, tempHome } from "../home.js";
import { binOf, spawnServer, timeCommand } from "../processes.js";
import { fmt, summarize, table, timeMs } from "../stats.js";

/** Cold-start figures, each a summary over `runs` process starts (ms). */
export interface StartupFigures {
  /** `node -e 0`: the machine's own process start-up, the floor under every other figure here. */
  bareNode: ReturnType<typeof summarize>;
  version: ReturnType<typeof summarize>;
  /** Cold `cortex-mem search` on 1k memories. */
  searchCold: ReturnType<typeof summarize>;
  /**
   * Cold `cortex-mem search` on 10k memories (the issue 14 target: ≤ 300 ms), the user's keyword
   * partition saved beside the database by an earlier search: a user's home after their first search.
   */
  searchCold10k: ReturnType<typeof summarize>;
  /** The same right after another process added a memory (the saved partition is replayed forward). */
  searchCold10kAfterAdd: ReturnType<typeof summarize>;
  /** The same with no saved partition (a home's first search ever: built from the rows, then saved). */
  searchCold10kFirst: ReturnType<typeof summarize>;
  mcpInitialize: ReturnType<typeof summarize>;
  serviceReady: ReturnType<typeof summarize>;
}

/**
 * `cortex-mem --version`, a cold `cortex-mem search` on 1k and on 10k memories (a new process each,
 * as an agent calling the CLI pays it), MCP initialize round trip, service ready (both on the 10k home).
 * A search saves the user's keyword partition beside the database (`<db>-ann/`) and later processes
 * load it, so the 10k search is timed three ways: with the file (what a user's home is in after
 * their first search), right after an add by another process (one change replayed), and with the
 * file removed (the home's first search: built from the rows, then saved). The 1k search runs with
 * its file after the first run, as a user's would.
 */
export async function startup(runs: number): Promise<StartupFigures> {
  const small = tempHome("startup-1k");
  const large = tempHome("startup-10k");
  await (await filledMemory(small.home, sentences(1000, 51), "bench")).close();
  await (await filledMemory(large.home, sentences(10_000, 51), "bench")).close();
  const env = { CORTEX_MEM_HOME: large.home, NO_COLOR: "1" };
  const env1k = { ...env, CORTEX_MEM_HOME: small.home };
  const cli = binOf("cortex-mem");
  const bareNode: number[] = [];
  const version: number[] = [];
  const searchCold: number[] = [];
  const searchCold10k: number[] = [];
  const searchCold10kAfterAdd: number[] = [];
  const searchCold10kFirst: number[] = [];
  const search10k = () => timeCommand([cli, "search", "ka lo mi", "-u", "bench"], env);
  const mcpInitialize: number[] = [];
  const serviceReady: number[] = [];
  const serviceFirstSearch: number[] = [];
  const serviceFirstList: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareNode.push(await timeCommand(["-e", "0"], env));
    version.push(await timeCommand([cli, "--version"], env));
    searchCold.push(await timeCommand([cli, "search", "ka lo mi", "-u", "bench"], env1k));
    rmSync(join(large.home, "memories.db-ann"), { recursive: true, force: true });
    searchCold10kFirst.push(await search10k());
    searchCold10k.push(await search10k());
    await timeCommand([cli, "add", `bench start-up note ${i} ka lo`, "-u", "bench", "--no-infer"], env);
    searchCold10kAfterAdd.push(await search10k());
    mcpInitialize.push(
      await timeMs(async () => {
        const client = new Client({ name: "bench", version: "1.0.0" });
        await client.connect(
          new StdioClientTransport({
            command: process.execPath,
            args: [binOf("@cortex-mem/mcp"), "--user-id", "bench"],
            env: { ...process.env, ...env } as Record<string, string>,
            stderr: "ignore",
          }),
        );
        await client.close();
      }),
    );
    serviceReady.push(
      await timeMs(async () => {
        const service = await spawnServer(binOf("@cortex-mem/service"), ["--port", "0"], {
          ...env,
          CORTEX_MEM_LOG_LEVEL: "info",
        });
        await service.stop();
      }),
    );
    // The service listens before its full express app is loaded (searches have a lean path; other
    // routes wait for the app): so also time spawn → the first answer of each kind, a search and
    // a list, each on a fresh process.
    serviceFirstSearch.push(await serviceFirstAnswer(env, "/memories/search", { query: "ka lo mi", user_id: "bench" }));
    serviceFirstList.push(await serviceFirstAnswer(env, "/memories?user_id=bench&limit=10"));
  }
  small.remove();
  large.remove();
  const figures = {
    bareNode: summarize(bareNode),
    version: summarize(version),
    searchCold: summarize(searchCold),
    searchCold10k: summarize(searchCold10k),
    searchCold10kAfterAdd: summarize(searchCold10kAfterAdd),
    searchCold10kFirst: summarize(searchCold10kFirst),
    mcpInitialize: summarize(mcpInitialize),
    serviceReady: summarize(serviceReady),
    serviceFirstSearch: summarize(serviceFirstSearch),
    serviceFirstList: summarize(serviceFirstList),
  };
  table(
    `Start-up (process spawn to result, ${runs} runs) — ms`,
    ["figure", "median", "p95", "min"],
    [
      row("node -e 0 (the machine's floor, not ours)", figures.bareNode),
      row("cortex-mem --version", figures.version),
      row("cortex-mem search (cold, 1k memories)", figures.searchCold),
      row("cortex-mem search (cold, 10k memories)", figures.searchCold10k),
      row("  … right after an add by another process", figures.searchCold10kAfterAdd),
      row("  … the home's first search (no saved partition)", figures.searchCold10kFirst),
      row("MCP spawn + initialize round trip (10k home)", figures.mcpInitialize),
      row("service spawn to listening (10k home)", figures.serviceReady),
      row("  … to its first search answered", figures.serviceFirstSearch),
      row("  … to its first list answered (waits for the full app)", figures.serviceFirstList),
    ],
  );
  return figures;
}

/** Spawn → the first answer to one request sent as soon as the service listens (a fresh process). */
async function serviceFirstAnswer(env: Record<string, string>, path: string, body?: unknown): Promise<number> {
  return timeMs(async () => {
    const service = await spawnServer(binOf("@cortex-mem/service"), ["--port", "0"], {
      ...env,
      CORTEX_MEM_LOG_LEVEL: "info",
    });
    try {
      const response = await fetch(`${service.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`service start-up: ${path} answered ${response.status}`);
      await response.arrayBuffer();
    } finally {
      await service.stop();
    }
  });
}

/** A table row: the figure's label, then its median, p95 and min. */
function row(label: string, figure: ReturnType<typeof summarize>): string[] {
  return [label, fmt(figure.median), fmt(figure.p95), fmt(figure.min)];
}
