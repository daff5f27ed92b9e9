import * as z from "zod";
import { MEMORY_TYPES } from "../types/memory.js";
import type { Message } from "../types/message.js";
import { memoryTypeSchema } from "../types/memory.js";
import { once } from "../util/once.js";

// The schemas are built on first use (`once`): only an add that calls the LLM needs them.

/** One fact as the extraction call returns it. */
const extractedFactSchema = once(() =>
  z.object({
    content: z.string().trim().min(1),
    memory_type: memoryTypeSchema.catch("factual"),
    importance: z.coerce.number().min(0).max(1).catch(0.5),
    entities: z.array(z.string()).catch([]).default([]),
    topics: z.array(z.string()).catch([]).default([]),
    source: z.array(z.coerce.number().int().min(0)).catch([]).default([]),
    /** Proposed end of a time-bound fact (read strictly by `proposedExpiry`; a bad one is dropped). */
    expires_at: z.unknown().optional(),
    /** Proposed time to live from the message's time, in the TTL grammar. */
    ttl: z.unknown().optional(),
  }),
);

/** The reply of the extraction call (the schema, built on first use). */
export const extractionReplySchema = once(() => z.object({ facts: z.array(extractedFactSchema()) }));

/** One decision of the batched decision call; ids are the small integers we showed. */
const decisionSchema = once(() =>
  z.object({
    fact: z.coerce.number().int().min(0),
    event: z.preprocess(
      (v) => (typeof v === "string" ? v.toUpperCase() : v),
      z.enum(["ADD", "UPDATE", "SUPERSEDE", "DELETE", "NONE"]),
    ),
    target: z.coerce.number().int().min(0).optional().nullable(),
    content: z.string().trim().min(1).optional().nullable(),
  }),
);

/** The reply of the decision call (the schema, built on first use). */
export const decisionReplySchema = once(() => z.object({ decisions: z.array(decisionSchema()) }));

/** System prompt of the extraction call. */
export const EXTRACTION_SYSTEM = `You extract long-term memories from a conversation for a personal AI assistant.
Return JSON: {"facts": [{"content", "memory_type", "importance", "entities", "topics", "source", "expires_at"?, "ttl"?}]}.
- Keep facts worth remembering across conversations: preferences, personal details, plans, events, procedures, decisions. Skip greetings and chit-chat.
- By default keep what the user states; keep what the assistant says only when the user confirms it.
- Each fact is one short self-contained sentence in the third person or about "User", in the conversation's own language.
- Resolve relative dates ("yesterday", "last week") to absolute dates using the message timestamps, and write the date in the fact.
- memory_type is one of: ${MEMORY_TYPES.join(", ")}. importance is 0..1 (1 = must never be forgotten).
- entities: people, places, organisations, products named. topics: 1-3 short lowercase themes.
- source: the [n] indexes of the messages the fact comes from.
- Only for a fact true for a limited time ("I'm in Paris this week", "on call until Friday"): "expires_at", when it stops being true, as an RFC 3339 date-time with offset resolved against the message timestamps (e.g. "2024-05-12T23:59:59Z"); or "ttl", how long it stays true from the message, as a whole number with a unit s, m, h, d or w (e.g. "3d"). Leave both out for lasting facts.
- If nothing is worth remembering, return {"facts": []}.`;

/** User prompt of the extraction call: numbered messages with their timestamps. */
export function extractionUser(messages: Message[], reference: Date): string {
  const lines = messages.map((m, i) => {
    const when = m.timestamp ? ` (${m.timestamp.toISOString()})` : "";
    const who = m.name ? `${m.role}/${m.name}` : m.role;
    return `[${i}] ${who}${when}: ${m.content}`;
  });
  return `Today is ${reference.toISOString()}.\nConversation:\n${lines.join("\n")}`;
}

/** System prompt of the decision call. */
export const DECISION_SYSTEM = `You keep a memory store consistent. For each new fact, compare it with the existing memories shown and decide:
- ADD: it is new information.
- UPDATE: it refines or extends existing memory "target" without contradicting it; give the merged sentence in "content".
- SUPERSEDE: it contradicts existing memory "target", which was true before and is no longer (e.g. moved city, changed job).
- DELETE: it says existing memory "target" is wrong or must be forgotten; the fact itself is not stored.
- NONE: it is already known.
Return JSON: {"decisions": [{"fact": <fact number>, "event": "ADD|UPDATE|SUPERSEDE|DELETE|NONE", "target": <memory number or null>, "content": <merged text or null>}]}, one decision per fact.`;

/** User prompt of the decision call. */
export function decisionUser(facts: string[], memories: string[]): string {
  const m = memories.map((text, i) => `  ${i}: ${text}`).join("\n");
  const f = facts.map((text, i) => `  ${i}: ${text}`).join("\n");
  return `Existing memories:\n${m}\nNew facts:\n${f}`;
}
