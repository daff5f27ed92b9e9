import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempHome } from "../home.js";
import { spawnQuietService } from "../processes.js";
import type { Locomo } from "./data.js";

/** How the conversations reach the service: one add per session, or one add per turn. */
export type IngestMode = "session" | "turn";

/** A service configuration under test: TOML for its config file and extra environment. */
export interface SystemUnderTest {
  name: string;
  toml: string;
  env?: Record<string, string>;
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/**
 * Adds every conversation to a fresh service as a client would (`infer: false`, one user per
 * conversation) — per session as a list of messages with `name`, `id` and the session
 * `timestamp`, or per turn as `"Speaker: text"` content with the dialogue id in `metadata.dia_id` —
 * then asks each question (`limit: 20`). Returns, per question, the dialogue ids of each hit.
 */
export async function restRun(
  data: Locomo,
  mode: IngestMode,
  system: SystemUnderTest,
): Promise<{ ranked: string[][][]; searchMs: number[] }> {
  const { home, remove } = tempHome(`locomo-${mode}`);
  const config = join(home, "cortex-mem.toml");
  writeFileSync(config, system.toml);
  const service = await spawnQuietService({ CORTEX_MEM_HOME: home, CORTEX_MEM_CONFIG: config, ...system.env });
  try {
    for (const [conv, sessions] of data.sessions.entries()) {
      const user_id = `conv-${conv}`;
      for (const session of sessions) {
        if (mode === "session") {
          const messages = session.map((t) => ({
            role: "user",
            name: t.speaker,
            id: t.id,
            content: t.content,
            timestamp: t.at.toISOString(),
          }));
          await post(`${service.url}/memories`, { messages, user_id, infer: false });
        } else {
          for (const t of session)
            await post(`${service.url}/memories`, {
              content: `${t.speaker}: ${t.content}`,
              user_id,
              infer: false,
              timestamp: t.at.toISOString(),
              metadata: { dia_id: t.id },
            });
        }
      }
    }
    const ranked: string[][][] = [];
    const searchMs: number[] = [];
    for (const q of data.questions) {
      const t0 = performance.now();
      const reply = (await post(`${service.url}/memories/search`, {
        query: q.question,
        user_id: `conv-${q.conv}`,
        limit: 20,
      })) as { results: { source?: string[]; metadata?: Record<string, unknown> }[] };
      searchMs.push(performance.now() - t0);
      ranked.push(
        reply.results.map((r) => [
          ...(r.source ?? []),
          ...(typeof r.metadata?.dia_id === "string" ? [r.metadata.dia_id] : []),
        ]),
      );
    }
    return { ranked, searchMs };
  } finally {
    await service.stop();
    remove();
  }
}
