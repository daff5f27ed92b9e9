import { mapYielding } from "../util/yield.js";
import type { Llm } from "../llm/llm.js";
import type { MemoryType } from "../types/memory.js";
import type { Message } from "../types/message.js";
import { EXTRACTION_SYSTEM, extractionReplySchema, extractionUser } from "./prompts.js";
import { proposedExpiry } from "./proposed-expiry.js";
import { resolveRelativeDates } from "./relative-dates.js";
import { classifyType, estimateImportance, extractEntities, extractTopics } from "./rules.js";
import { warmLexicon } from "./english-lexicon.js";

/** A candidate memory before the dedup ladder: what to store and where it came from. */
export interface Fact {
  content: string;
  memoryType: MemoryType;
  importance: number;
  entities: string[];
  topics: string[];
  source: string[];
  observedAt: Date;
  role?: string;
  actorId?: string;
  context?: string;
  /** Asked by the caller or proposed by the extraction: a date, `null` for never; absent: the type's default. */
  expiresAt?: Date | null;
}

/** Caller choices that override what rules or the LLM would pick. */
export interface FactOverrides {
  memoryType?: MemoryType;
  importance?: number;
  topics?: string[];
  role?: string;
  actorId?: string;
  /** The caller's expiry (`null`: never); wins over the extraction's proposal and the type's default. */
  expiresAt?: Date | null;
}

const sourceOf = (m: Message, i: number): string => m.id ?? String(i);
const CONTEXT_CHARS = 400;

/** The messages just before and after message `i`, for retrieval: a reply is often found by the question it answers. */
export function neighbourContext(messages: Message[], i: number): string | undefined {
  const around = [messages[i - 1], messages[i + 1]].filter((m): m is Message => m !== undefined);
  return around.length ? around.map((m) => m.content.slice(0, CONTEXT_CHARS)).join("\n") : undefined;
}

const withContext = (fact: Fact, context: string | undefined): Fact => (context ? { ...fact, context } : fact);
const CHIT_CHAT =
  /^(hi|hello|hey|thanks|thank you|ok|okay|bye|good (morning|night)|lol|haha|sure|yes|no|great|cool)[\s!.,]*$/i;

/** A fact from content the caller gave, classified by rules unless the caller chose. */
export function ruleFact(content: string, observedAt: Date, source: string[], o: FactOverrides): Fact {
  const memoryType = o.memoryType ?? classifyType(content);
  return {
    content,
    memoryType,
    importance: o.importance ?? estimateImportance(content, memoryType),
    entities: extractEntities(content),
    topics: [...new Set([...(o.topics ?? []), ...extractTopics(content)])],
    source,
    observedAt,
    ...(o.role ? { role: o.role } : {}),
    ...(o.actorId ? { actorId: o.actorId } : {}),
    ...(o.expiresAt !== undefined ? { expiresAt: o.expiresAt } : {}),
  };
}

/** `infer: false`: every message stored as given (all roles). */
export async function verbatimFacts(messages: Message[], fallback: Date, o: FactOverrides): Promise<Fact[]> {
  return mapYielding(messages, (m, i) =>
    withContext(
      ruleFact(m.content, m.timestamp ?? fallback, [sourceOf(m, i)], {
        ...o,
        role: o.role ?? m.role,
        actorId: o.actorId ?? m.name,
      }),
      neighbourContext(messages, i),
    ),
  );
}

/**
 * Rule-based extraction (no LLM): what the user and other speakers said (not the assistant or
 * system), chit-chat dropped, relative dates resolved against each message's own timestamp.
 */
export async function ruleFacts(messages: Message[], fallback: Date, o: FactOverrides): Promise<Fact[]> {
  const spoken = messages.map((m, i) => ({ m, i })).filter(({ m }) => m.role !== "system" && m.role !== "assistant");
  const picked = spoken.length ? spoken : messages.map((m, i) => ({ m, i }));
  const kept = picked.filter(({ m }) => !CHIT_CHAT.test(m.content.trim()));
  if (kept.length > 0) await warmLexicon(); // the entity rules read it: load it without stalling other requests
  return mapYielding(kept, ({ m, i }) => {
    const when = m.timestamp ?? fallback;
    const fact = ruleFact(resolveRelativeDates(m.content, when), when, [sourceOf(m, i)], {
      ...o,
      role: o.role ?? m.role,
      actorId: o.actorId ?? m.name,
    });
    return withContext(fact, neighbourContext(messages, i));
  });
}

/** The one extraction call: facts with type, importance, entities, topics and source messages. */
export async function llmFacts(
  llm: Llm,
  messages: Message[],
  fallback: Date,
  o: FactOverrides,
  signal?: AbortSignal,
): Promise<Fact[]> {
  const reference = messages.reduce<Date>(
    (latest, m) => (m.timestamp && m.timestamp > latest ? m.timestamp : latest),
    messages[0]?.timestamp ?? fallback,
  );
  const reply = await llm.completeJson({
    system: EXTRACTION_SYSTEM,
    user: extractionUser(messages, reference),
    schema: extractionReplySchema(),
    task: "fact extraction",
    ...(signal ? { signal } : {}),
  });
  return reply.facts.map((f) => {
    const from = f.source.filter((i) => i < messages.length);
    const observed = from.map((i) => messages[i]?.timestamp).filter((d): d is Date => d !== undefined);
    const first = messages[from[0] ?? -1];
    const observedAt = observed.length ? new Date(Math.max(...observed.map((d) => d.getTime()))) : reference;
    const expiresAt = o.expiresAt !== undefined ? o.expiresAt : proposedExpiry(f, observedAt);
    return {
      content: f.content,
      memoryType: o.memoryType ?? f.memory_type,
      importance: o.importance ?? f.importance,
      entities: f.entities,
      topics: [...new Set([...(o.topics ?? []), ...f.topics.map((t) => t.toLowerCase())])],
      source: from.map((i) => sourceOf(messages[i] as Message, i)),
      observedAt,
      ...((o.role ?? first?.role) ? { role: (o.role ?? first?.role) as string } : {}),
      ...((o.actorId ?? first?.name) ? { actorId: (o.actorId ?? first?.name) as string } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
  });
}
