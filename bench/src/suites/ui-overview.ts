import { sentences } from "../corpus.js";
import { tempHome } from "../home.js";
import { spawnQuietService } from "../processes.js";
import { fmt, median, table, timeMs } from "../stats.js";
import { overviewBrowser } from "../ui-browser.js";
import type { PageLoad } from "../ui-browser.js";
import { fillHome } from "./scale.js";

const TYPES = ["factual", "conversational", "procedural", "semantic", "episodic", "personal"];
const DAY = 86_400_000;

/** One store size of the dashboard suite. */
export interface UiOverviewRow {
  memories: number;
  fillSeconds: number;
  /** The first load after the service started (its caches cold). */
  first: PageLoad;
  /** The loads after it. */
  later: PageLoad[];
}

/**
 * The dashboard in headless chromium: a home holding `memories` (1,000 users, 12 agents, six
 * types, importance and creation dates spread over 90 days), the service bin started on it with
 * no API key, and the overview opened `loads` times with the HTTP cache off. Reports time to
 * interactive (navigation start → the overview's data drawn, no spinner left, next frame free)
 * and the page's first-load weight on the wire (targets of issue 16: ≤ 1 s at 100k, ≤ 300 KB).
 */
export async function uiOverview(sizes: number[], loads: number): Promise<UiOverviewRow[]> {
  const rows: UiOverviewRow[] = [];
  for (const memories of sizes) {
    const { home, remove } = tempHome(`ui-${memories}`);
    const now = Date.now();
    const fillSeconds =
      (await timeMs(() =>
        fillHome(
          home,
          sentences(memories, 161),
          (i) => `user-${i % 1000}`,
          {},
          (i) => {
            const at = new Date(now - ((i * 7919) % 90) * DAY - (i % 86_400) * 1000).toISOString();
            return {
              agent_id: `agent-${i % 12}`,
              memory_type: TYPES[i % TYPES.length],
              importance_score: ((i * 37) % 101) / 100,
              created_at: at,
              updated_at: at,
              observed_at: at,
            };
          },
        ),
      )) / 1000;
    const service = await spawnQuietService({ CORTEX_MEM_HOME: home });
    const browser = await overviewBrowser();
    try {
      const first = await browser.load(service.url);
      const later: PageLoad[] = [];
      for (let i = 1; i < loads; i += 1) later.push(await browser.load(service.url));
      rows.push({ memories, fillSeconds, first, later });
    } finally {
      await browser.close();
      await service.stop();
      remove();
    }
  }
  const kb = (n: number): string => fmt(n / 1000, 1);
  table(
    "Dashboard overview in headless chromium (service bin, no key, HTTP cache off) — ms, KB",
    [
      "memories",
      "interactive 1st load",
      "interactive later p50",
      "later min–max",
      "first paint p50",
      "slowest API call p50",
      "page files on the wire KB",
      "uncompressed KB",
      "API answers KB",
    ],
    rows.map((r) => {
      const all = [r.first, ...r.later];
      const later = r.later.length ? r.later : [r.first];
      return [
        r.memories,
        fmt(r.first.interactiveMs, 0),
        fmt(median(later.map((l) => l.interactiveMs)), 0),
        `${fmt(Math.min(...later.map((l) => l.interactiveMs)), 0)}–${fmt(Math.max(...later.map((l) => l.interactiveMs)), 0)}`,
        fmt(median(all.map((l) => l.firstPaintMs)), 0),
        `${fmt(median(later.map((l) => l.slowestApiMs)), 0)} (${r.first.slowestApi})`,
        kb(r.first.staticWireBytes),
        kb(r.first.staticBytes),
        kb(r.first.apiWireBytes),
      ];
    }),
  );
  return rows;
}
