import type { KeywordRow } from "./keyword-restore.js";

/** A memory row as the search cache reads it: its keyword columns, plus its context and vector. */
export interface CacheRow extends KeywordRow {
  context: string | null;
  vector: Buffer | null;
  vector_embedder: string | null;
}

/** The two halves of the search cache, each loaded on its own: the BM25 keyword index and the vectors. */
export type Part = "keywords" | "vectors";

/** The columns every part reads: the row's identity, scope and what its filters look at. */
const BASE = "m.rid, m.id, m.user_id, m.agent_id, m.run_id, m.superseded_by, m.expires_at, m.importance, m.observed_at";

/** One memory row with everything both parts read (a replayed change reads it by `m.rid`). */
export const ROW_SQL =
  `SELECT ${BASE}, m.content, m.actor_id, m.entities, m.topics, m.context, v.vector, v.embedder AS vector_embedder ` +
  "FROM memories m LEFT JOIN vectors v ON v.rid = m.rid";

/** What each part of the cache reads when it loads a partition: keywords need no vectors, vectors no text. */
export const LOAD_SQL: Record<Part, string> = {
  keywords:
    `SELECT ${BASE}, m.content, m.actor_id, m.entities, m.topics, ` +
    "NULL AS context, NULL AS vector, NULL AS vector_embedder FROM memories m",
  vectors:
    `SELECT ${BASE}, '' AS content, NULL AS actor_id, '[]' AS entities, '[]' AS topics, ` +
    "NULL AS context, v.vector, v.embedder AS vector_embedder FROM memories m JOIN vectors v ON v.rid = m.rid",
};

/** A large partition's rows without their vectors (its index is loaded or built from the file). */
export const META_SQL = LOAD_SQL.vectors.replace("v.vector,", "NULL AS vector,");
