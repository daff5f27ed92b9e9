import { createMemory, isCortexMemError, loadConfig } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import type { Expected } from "./crash-protocol.js";
import { checkDbFile } from "./store-file.js";
import type { FileCheck } from "./store-file.js";

/** What one verification found: the raw file checks and every broken promise, as readable lines. */
export interface CrashVerdict {
  file: FileCheck;
  problems: string[];
  /** Memories checked by search this time. */
  searched: number;
}

/** Opens the home the way a door does (its `cortex-mem.toml` included). */
export async function openHome(home: string): Promise<MemoryManager> {
  const { config } = loadConfig({ env: { CORTEX_MEM_HOME: home }, cwd: home, homeDir: home });
  return createMemory(config);
}

async function state(memory: MemoryManager, id: string): Promise<{ content: string } | null> {
  try {
    return await memory.get(id);
  } catch (error) {
    if (isCortexMemError(error, "NOT_FOUND")) return null;
    throw error;
  }
}

/** Settles an operation that was cut off: the store says whether it happened; the model follows. */
function resolveInFlight(m: Expected, now: { content: string } | null): void {
  if (!m.inFlight) return;
  if (m.inFlight.content === undefined && now === null) m.deleted = true;
  else if (m.inFlight.content !== undefined && now?.content === m.inFlight.content)
    Object.assign(m, { content: m.inFlight.content, updated: true });
  delete m.inFlight;
}

async function checkOne(memory: MemoryManager, m: Expected, problems: string[]): Promise<void> {
  const now = await state(memory, m.id);
  const possible = m.inFlight
    ? [m.inFlight.content ?? null, m.deleted ? null : m.content]
    : [m.deleted ? null : m.content];
  if (!possible.includes(now?.content ?? null))
    problems.push(`${m.id}: expected ${JSON.stringify(possible)}, found ${JSON.stringify(now?.content ?? null)}`);
  resolveInFlight(m, now);
  const events = (await memory.history(m.id)).map((h) => `${h.event}:${h.newContent ?? ""}`);
  if (!events[0]?.startsWith("ADD:")) problems.push(`${m.id}: history does not start with ADD (${events.join(", ")})`);
  if (m.updated && !events.some((e) => e.startsWith("UPDATE:")))
    problems.push(`${m.id}: acknowledged update missing from history`);
  if (m.deleted && events[events.length - 1] !== "DELETE:")
    problems.push(`${m.id}: acknowledged delete missing from history`);
}

/**
 * Checks a home after a kill: SQLite integrity, one vector row per memory, then for each memory in
 * `check` its content and history against the acknowledgements, and for `search` that hybrid search
 * finds it among the first three for its own content. The vector index alone is not asked for an exact top-1 (see
 * below): past `memory.ann_threshold` it is approximate.
 */
export async function verifyHome(
  home: string,
  dbPath: string,
  check: Expected[],
  search: Expected[],
  userId: string,
): Promise<CrashVerdict> {
  const file = checkDbFile(dbPath);
  const problems: string[] = [];
  if (file.integrity !== "ok") problems.push(`integrity_check: ${file.integrity}`);
  if (file.foreignKeyViolations > 0) problems.push(`${file.foreignKeyViolations} foreign key violations`);
  if (file.vectors !== file.memories)
    problems.push(`half-written rows: ${file.memories} memories, ${file.vectors} vectors`);
  const memory = await openHome(home);
  let searched = 0;
  try {
    for (const m of check) await checkOne(memory, m, problems);
    for (const m of search.filter((s) => !s.deleted && !s.inFlight)) {
      searched += 1;
      const hits = await memory.search(m.content, { userId, limit: 3 });
      // Among the first three, not necessarily first: search lends each match part of its score
      // to the memories said just before and after it, and the writer's neighbours share most words.
      if (!hits.some((h) => h.id === m.id))
        problems.push(`${m.id}: search for its content ranked ${JSON.stringify(hits.map((h) => h.id))}`);
      // The vector side alone is not checked for an exact top-1: past memory.ann_threshold it goes
      // through an approximate (HNSW) index, whose recall on self-queries is 99.75%, not 100%.
      // The promise is that search finds every acknowledged memory, checked just above.
    }
  } finally {
    await memory.close();
  }
  return { file, problems, searched };
}
