/** What a Rust v1 `config.toml` key becomes here. */
export type V1KeyRule =
  /** One of our keys (dotted path from the root), optionally scaled (seconds → milliseconds). */
  | { to: string; scale?: number; map?: (value: unknown) => unknown }
  /** Kept for a conversion that needs the resolved config (the search threshold). */
  | { deferred: true }
  /** Accepted silently when it asks for what we always do; otherwise one warning naming the key. */
  | { warn: string; unless?: (value: unknown) => boolean };

/**
 * v1's `memory_ttl_hours` (a whole number of hours) as our TTL: `720` → `"720h"`, `0` → `"never"`;
 * anything else is kept as is for the schema to reject by name.
 */
function v1TtlHours(value: unknown): unknown {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (n === 0) return "never";
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? `${n}h` : value;
}

/**
 * Every key of the Rust v1 `config.toml` (camelCased, by section) and what it means here. Keys
 * whose name is also ours with the same meaning (`server.host`, `llm.api_key`, …) are not listed:
 * they pass through. A listed key never reaches the strict schema under its v1 name.
 */
export const V1_KEYS: Readonly<Record<string, Readonly<Record<string, V1KeyRule>>>> = {
  qdrant: {
    collectionName: { to: "qdrant.collection" },
    embeddingDim: { to: "embedding.dimensions" },
    timeoutSecs: { to: "qdrant.timeoutMs", scale: 1000 },
  },
  llm: { apiBaseUrl: { to: "llm.baseUrl" }, modelEfficient: { to: "llm.model" } },
  embedding: {
    apiBaseUrl: { to: "embedding.baseUrl" },
    modelName: { to: "embedding.model" },
    timeoutSecs: { to: "embedding.timeoutMs", scale: 1000 },
  },
  memory: {
    maxSearchResults: { to: "memory.searchLimit" },
    similarityThreshold: { to: "memory.relatedThreshold" },
    searchSimilarityThreshold: { deferred: true },
    maxMemories: {
      warn: "no per-store cap exists here (v1 never enforced it either); use `cortex-mem optimize --strategy space` to prune",
    },
    // v1 read the key but never expired anything; here it is the default TTL of every type.
    memoryTtlHours: { to: "memory.ttl.default", map: v1TtlHours },
    autoSummaryThreshold: { warn: "long memories are not summarised; memory.max_content_length bounds them instead" },
    mergeThreshold: {
      warn: "v1 never used it; our near-duplicate threshold is memory.duplicate_threshold (default 0.95)",
    },
    autoEnhance: {
      warn: "auto_enhance = false cannot be honoured: with an LLM, type, importance, entities and topics come from the one extraction call; set memory.infer = false to store text as given",
      unless: (v) => v === true,
    },
    deduplicate: {
      warn: "deduplicate = false cannot be honoured: exact duplicates in one scope are never stored twice",
      unless: (v) => v === true,
    },
  },
  server: {},
  logging: {
    level: { to: "logging.level", map: (v) => (v === "trace" ? "debug" : v === "warning" ? "warn" : v) },
    enabled: {
      warn: "logs go to stderr, never to files (logging.log_directory); redirect stderr to keep them",
      unless: (v) => v !== true,
    },
    // Only read by v1 when `enabled = true`, which is the key that warns.
    logDirectory: { warn: "", unless: () => true },
  },
};

/** What reading v1 keys found: one warning per key we cannot honour, and where each value came from. */
export interface V1Notes {
  warnings: string[];
  /** Our dotted key → the v1 key (`memory.search_similarity_threshold`) that set it. */
  origins: Record<string, string>;
  /** v1's cosine threshold, converted once the weights are known ({@link v1ThresholdToScore}). */
  searchSimilarityThreshold?: number;
}

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Applies a v1 rule for `section.key`: returns the dotted path and value to set, or `null` when the
 * key was consumed (warned about or deferred). `undefined` means "not a v1 key": set it as is.
 */
export function applyV1Key(
  section: string,
  key: string,
  value: unknown,
  notes: V1Notes,
): { path: string; value: unknown } | null | undefined {
  const rule = V1_KEYS[section]?.[key];
  if (rule === undefined) return undefined;
  const v1Name = `${section}.${snake(key)}`;
  if ("deferred" in rule) {
    const n = Number(value);
    notes.searchSimilarityThreshold = Number.isFinite(n) ? n : Number.NaN;
    notes.origins["memory.searchThreshold"] = v1Name;
    return null;
  }
  if ("warn" in rule) {
    if (!rule.unless?.(value)) notes.warnings.push(`config key ${v1Name} (Rust v1) is ignored: ${rule.warn}`);
    return null;
  }
  notes.origins[rule.to] = v1Name;
  const mapped = rule.map ? rule.map(value) : value;
  return { path: rule.to, value: rule.scale ? Number(mapped) * rule.scale : mapped };
}

/**
 * v1's `search_similarity_threshold` is a raw cosine floor (0.70 by default). Our score fuses the
 * vector and keyword parts and weighs the result by importance and recency, so the same number
 * would drop almost everything. A memory v1 kept has cosine ≥ t; its fused score is at least
 * t · wv/(wv+wk) · (1 − wi − wr) even with no keyword match and zero importance and recency,
 * so that is the threshold that keeps every answer v1 gave.
 */
export function v1ThresholdToScore(
  t: number,
  w: { vectorWeight: number; keywordWeight: number; importanceWeight: number; recencyWeight: number },
): number {
  const share = w.vectorWeight / (w.vectorWeight + w.keywordWeight || 1);
  // Rounded down to 4 places (the epsilon absorbs float error): rounding up could drop a memory v1 kept.
  return Math.floor(t * share * (1 - w.importanceWeight - w.recencyWeight) * 10_000 + 1e-6) / 10_000;
}

/** True when a TOML text looks like a Rust v1 `config.toml` (one of its sections). */
export function looksLikeV1Config(text: string): boolean {
  return /^\s*\[(qdrant|llm|embedding|memory)\]\s*$/m.test(text);
}

/** v1's Qdrant client spoke gRPC on 6334; ours speaks REST (6333). */
export function isV1GrpcUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    return new URL(url).port === "6334";
  } catch {
    return false;
  }
}
