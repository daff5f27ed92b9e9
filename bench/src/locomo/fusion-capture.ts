import { createMemory, defineConfig } from "@cortex-mem/core";
import type { Memory } from "@cortex-mem/core";
import { addRequestFromWire } from "@cortex-mem/core/wire";
import { embeddingText, weightsOf } from "@cortex-mem/core/engine";
import type { ScoringWeights } from "@cortex-mem/core/engine";
import { tempHome } from "../home.js";
import type { Locomo } from "./data.js";
import type { IngestMode } from "./rest-run.js";

/** A retriever's candidate as `rank` takes it. */
export interface Hit {
  id: string;
  score: number;
}

/** One question with what the store's two retrievers gave for it. */
export interface CapturedQuestion {
  conv: number;
  category: number;
  question: string;
  evidence: Set<string>;
  /** BM25 hits (neighbour context, the query's dates and names), best first. */
  keyword: Hit[];
  /** Vector hits (cosine of the stored vectors: the local embedder's, or the endpoint's), best first. */
  vector: Hit[];
}

/** Everything a fusion probe needs of one ingestion mode: the questions' hits and every memory. */
export interface Capture {
  mode: IngestMode;
  questions: CapturedQuestion[];
  memories: Map<string, Memory>;
  /** Each memory's dialogue ids (its `source`, or `metadata.dia_id`). */
  sources: Map<string, string[]>;
  /** Each user's memory ids. */
  byUser: Map<string, string[]>;
  /** The engine's weights besides the two retrievers' (importance, recency) and the local embedder's noise floor. */
  weights: ScoringWeights;
  now: Date;
}

/** An OpenAI-compatible embedding endpoint to capture the vector hits with, instead of the local embedder. */
export interface EmbeddingEndpoint {
  baseUrl: string;
  model: string;
  apiKey: string;
}

/** What a search asks each retriever for at `limit` 20 (`MemoryManager.search`: max(2 × limit, 20)). */
export const SEARCH_POOL = 40;

function wireBodies(mode: IngestMode, data: Locomo, conv: number): Record<string, unknown>[] {
  const user_id = `conv-${conv}`;
  return (data.sessions[conv] ?? []).flatMap((session): Record<string, unknown>[] =>
    mode === "session"
      ? [
          {
            user_id,
            infer: false,
            messages: session.map((t) => ({
              role: "user",
              name: t.speaker,
              id: t.id,
              content: t.content,
              timestamp: t.at.toISOString(),
            })),
          },
        ]
      : session.map((t) => ({
          user_id,
          infer: false,
          content: `${t.speaker}: ${t.content}`,
          timestamp: t.at.toISOString(),
          metadata: { dia_id: t.id },
        })),
  );
}

/**
 * Adds the conversations `convs` through the library exactly as the REST service maps its bodies
 * (`addRequestFromWire`, the bodies of `rest-run.ts`), then asks the store's two retrievers for each
 * question once (`SEARCH_POOL` each), so fusion rules can be compared in-process on the same hits.
 * With `endpoint`, memories and questions are embedded by that OpenAI-compatible endpoint (the
 * service's model mode) instead of the local embedder.
 */
export async function captureHits(
  data: Locomo,
  mode: IngestMode,
  convs: number[],
  endpoint?: EmbeddingEndpoint,
): Promise<Capture> {
  const { home, remove } = tempHome(`fusion-${mode}`);
  const embedding = endpoint ? { provider: "openai", ...endpoint } : {};
  const memory = await createMemory(
    defineConfig({ home, embedding, memory: { vectorWeight: 0.05, keywordWeight: 0.95 } }),
  );
  try {
    for (const conv of convs)
      for (const body of wireBodies(mode, data, conv)) {
        const { input, options } = addRequestFromWire(body);
        await memory.add(input, options);
      }
    const now = new Date();
    const questions: CapturedQuestion[] = [];
    for (const q of data.questions.filter((x) => convs.includes(x.conv))) {
      const query = { scope: { userId: `conv-${q.conv}` }, filters: { liveAt: now } };
      const [vector] = await memory.embedder.embed([q.question]);
      const hit = (h: Hit): Hit => ({ id: h.id, score: h.score });
      questions.push({
        conv: q.conv,
        category: q.category,
        question: q.question,
        evidence: q.evidence,
        keyword: (await memory.store.keywordSearch(q.question, { ...query, neighbourContext: true }, SEARCH_POOL)).map(
          hit,
        ),
        vector: (await memory.store.vectorSearch(vector as Float32Array, query, SEARCH_POOL)).map(hit),
      });
    }
    const memories = new Map<string, Memory>();
    const byUser = new Map<string, string[]>();
    for (const conv of convs) {
      const ids: string[] = [];
      for (let cursor: string | null = null; ;) {
        const page = await memory.list({ userId: `conv-${conv}`, limit: 100, ...(cursor ? { cursor } : {}) });
        for (const m of page.memories) {
          memories.set(m.id, m);
          ids.push(m.id);
        }
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      byUser.set(`conv-${conv}`, ids);
    }
    const sources = new Map(
      [...memories.values()].map((m) => {
        const dia = m.metadata?.dia_id;
        return [m.id, [...(m.source ?? []), ...(typeof dia === "string" ? [dia] : [])]];
      }),
    );
    const weights = { ...weightsOf(memory.settings), vectorFloor: memory.embedder.noiseFloor ?? 0 };
    return { mode, questions, memories, sources, byUser, weights, now };
  } finally {
    await memory.close();
    remove();
  }
}

/** The text a memory's stored vector was made from. */
export const vectorText = (m: Memory): string => embeddingText({ content: m.content, actorId: m.actorId ?? undefined });
