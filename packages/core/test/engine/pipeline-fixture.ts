import { hashEmbedding, startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeOpenAI } from "@cortex-mem/testkit";
import { onCleanup, openMemory } from "../helpers.js";

const TOPICS: [RegExp, number][] = [
  [/lisbon|porto|lives|moved/i, 1],
  [/coffee|flat white/i, 2],
  [/cat|dog/i, 3],
  [/tea/i, 4],
];

/**
 * Embeddings that put facts about the same topic close together (cosine ≈ 0.8, the ambiguous
 * band) and identical texts at 1, so tests decide which rung of the ladder a fact reaches.
 */
export function topicalEmbedding(text: string, dims: number): number[] {
  const noise = hashEmbedding(text, dims);
  const topic = TOPICS.find(([re]) => re.test(text))?.[1];
  const v = noise.map((x) => x * 0.5);
  if (topic !== undefined) v[topic] = (v[topic] ?? 0) + 1;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** A manager whose LLM and embedder are the real `openai` SDK talking to a scripted fake server. */
export async function llmMemory(
  memoryConfig: Record<string, unknown> = {},
  extraConfig: Record<string, unknown> = {},
): Promise<{ memory: Awaited<ReturnType<typeof openMemory>>; fake: FakeOpenAI }> {
  const fake = await startFakeOpenAI({ embed: topicalEmbedding });
  onCleanup(() => fake.close());
  const memory = await openMemory({
    llm: { provider: "openai", baseUrl: fake.url, apiKey: "test-key", maxRetries: 2, timeoutMs: 5000 },
    embedding: { provider: "openai", baseUrl: fake.url, apiKey: "test-key", dimensions: 64, maxRetries: 0 },
    memory: memoryConfig,
    ...extraConfig,
  });
  fake.reset();
  return { memory, fake };
}

/** A fact as the extraction call would return it. */
export const fact = (content: string, extra: Record<string, unknown> = {}) => ({
  content,
  memory_type: "personal",
  importance: 0.7,
  entities: [],
  topics: [],
  source: [0],
  ...extra,
});
