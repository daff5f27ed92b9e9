import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import type { Llm } from "../llm/llm.js";
import { MEMORY_TYPES } from "../types/memory.js";
import type { Memory, MemoryType } from "../types/memory.js";

const classifySchema = lazySchema(() =>
  z.object({
    types: z.array(z.object({ index: z.number().int(), memory_type: z.enum(MEMORY_TYPES) })),
  }),
);
const mergeSchema = lazySchema(() =>
  z.object({ merged: z.array(z.object({ index: z.number().int(), content: z.string().min(1) })) }),
);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Classifies memories with the LLM, `batchSize` per call (so 100 memories cost 2 calls at the
 * default 50). Memories are shown by index, never by id. Returns the type per memory id and the calls made.
 */
export async function classifyWithLlm(
  llm: Llm,
  memories: Memory[],
  batchSize: number,
  signal?: AbortSignal,
): Promise<{ types: Map<string, MemoryType>; calls: number }> {
  const types = new Map<string, MemoryType>();
  let calls = 0;
  for (const batch of chunks(memories, batchSize)) {
    calls += 1;
    const answer = await llm.completeJson({
      system:
        `Classify each memory into one type: ${MEMORY_TYPES.join(", ")}. personal: facts about the user (preferences, identity, relations); ` +
        "procedural: how to do something; episodic: an event at a time; semantic: a concept or definition; factual: a fact about the world; " +
        'conversational: chit-chat. Answer JSON {"types": [{"index": n, "memory_type": "..."}]} with one entry per memory.',
      user: batch.map((m, i) => `${i}. ${m.content}`).join("\n"),
      schema: classifySchema,
      task: "memory classification",
      ...(signal ? { signal } : {}),
    });
    for (const t of answer.types) {
      const m = batch[t.index];
      if (m) types.set(m.id, t.memory_type);
    }
  }
  return { types, calls };
}

/**
 * Writes one merged memory per duplicate group with the LLM, `batchSize` groups per call: every
 * fact of the group kept once, nothing invented. Returns merged content per group index and the calls made.
 */
export async function mergeWithLlm(
  llm: Llm,
  groups: Memory[][],
  batchSize: number,
  signal?: AbortSignal,
): Promise<{ contents: Map<number, string>; calls: number }> {
  const contents = new Map<number, string>();
  let calls = 0;
  for (let start = 0; start < groups.length; start += batchSize) {
    const batch = groups.slice(start, start + batchSize);
    calls += 1;
    const answer = await llm.completeJson({
      system:
        "Each group below holds near-duplicate memories of one user. Write one concise memory per group that keeps every distinct fact " +
        'once, in the memories\' language, adding nothing. Answer JSON {"merged": [{"index": n, "content": "..."}]}.',
      user: batch.map((g, i) => `Group ${i}:\n${g.map((m) => `- ${m.content}`).join("\n")}`).join("\n\n"),
      schema: mergeSchema,
      task: "memory merge",
      ...(signal ? { signal } : {}),
    });
    for (const m of answer.merged) if (batch[m.index]) contents.set(start + m.index, m.content);
  }
  return { contents, calls };
}
