import { seededRandom, startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeChatRequest, FakeOpenAI, ScriptedReply } from "@cortex-mem/testkit";
import type { MemoryManager } from "../../src/engine/memory-manager.js";
import { onCleanup, openMemory } from "../helpers.js";

// The optimizer's LLM path against the testkit's fake server: which memories are near-duplicates
// (through the embedding), which are misclassified, and what the fake LLM answers for each prompt.

/** Near-duplicate groups: the word that puts a text in the group, its members, and the LLM's merged text. */
export const GROUPS = [
  {
    key: "peanut",
    members: [
      "Alice is allergic to peanuts.",
      "Alice has a peanut allergy and carries an epipen.",
      "Alice must avoid peanuts; she carries an epipen.",
    ],
    merged: "Alice is allergic to peanuts and always carries an epipen.",
  },
  {
    key: "Berlin",
    members: ["Alice moved to Berlin in 2021.", "Alice has lived in Berlin since 2021 for work."],
    merged: "Alice moved to Berlin for work in 2021 and lives there.",
  },
  {
    key: "violin",
    members: ["Alice plays the violin.", "Alice has played violin since she was eight."],
    merged: "Alice has played the violin since she was eight.",
  },
];

/** Memories stored as `factual` that the fake LLM classifies otherwise. */
export const MISCLASSIFIED = new Map<string, string>([
  ["To reset the router, hold its button for ten seconds.", "procedural"],
  ["Alice ran her first marathon on 3 March 2024.", "episodic"],
  ["Alice prefers green tea over coffee in the morning.", "personal"],
  ["A monad is a monoid in the category of endofunctors.", "semantic"],
]);
/** Memories that are neither duplicates nor misclassified. */
export const PLAIN = 106;

function textSeed(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return h >>> 0;
}

const noise = (text: string, dims: number): number[] => {
  const rnd = seededRandom(textSeed(text));
  return Array.from({ length: dims }, () => rnd() * 2 - 1);
};

/** Unrelated texts get unrelated vectors; texts of one group sit at cosine ≈ 0.99 around the group's vector. */
export function groupEmbedding(text: string, dims: number): number[] {
  const g = GROUPS.findIndex((x) => text.toLowerCase().includes(x.key.toLowerCase()));
  const base = g < 0 ? noise(text, dims) : noise(`group-${g}`, dims);
  const jitter = noise(`${text}#jitter`, dims);
  const v = base.map((x, i) => x + (g < 0 ? 0 : 0.05 * (jitter[i] ?? 0)));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** The fake LLM: answers the optimizer's two prompts in the JSON shapes `llm-batches.ts` asks for. */
export function answer(req: FakeChatRequest): ScriptedReply {
  const system = req.messages[0]?.content ?? "";
  const user = req.messages[1]?.content ?? "";
  if (system.startsWith("Classify each memory")) {
    const types = user.split("\n").map((line) => {
      const [, index = "-1", content = ""] = /^(\d+)\. (.*)$/.exec(line) ?? [];
      return { index: Number(index), memory_type: MISCLASSIFIED.get(content) ?? "factual" };
    });
    return { json: { types } };
  }
  if (system.includes("near-duplicate memories")) {
    const merged = user.split("\n\n").map((block) => {
      const [head = "", ...lines] = block.split("\n");
      const group = GROUPS.find((g) => lines.some((l) => l.includes(g.key)));
      return { index: Number(/^Group (\d+):$/.exec(head)?.[1] ?? -1), content: group?.merged ?? "" };
    });
    return { json: { merged } };
  }
  return { status: 400, content: "unexpected prompt" };
}
/** A manager whose LLM and embedder are the real `openai` SDK talking to the fake server scripted above. */
export async function optimizerLlmMemory(): Promise<{ memory: MemoryManager; fake: FakeOpenAI }> {
  const fake = await startFakeOpenAI({ embed: groupEmbedding, chat: answer });
  onCleanup(() => fake.close());
  const memory = await openMemory({
    llm: { provider: "openai", baseUrl: fake.url, apiKey: "test-key", maxRetries: 0, timeoutMs: 5000 },
    embedding: { provider: "openai", baseUrl: fake.url, apiKey: "test-key", dimensions: 64, maxRetries: 0 },
  });
  return { memory, fake };
}
