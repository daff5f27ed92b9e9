import { existsSync, readFileSync } from "node:fs";
import { createMemory, defineConfig, localEmbedding } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { tempHome } from "../home.js";
import { fmt, table } from "../stats.js";
import { mem0Memory } from "./mem0-adapter.js";

/** Where the LoCoMo development split lives, relative to the repository root. */
export const LOCOMO_PATH = new URL("../../../../shared/data/locomo/locomo-dev.json", import.meta.url);

interface Turn { speaker: string; dia_id: string; text: string; blip_caption?: string }
interface Sample { conversation: Record<string, unknown>; qa: { question: string; evidence?: string[]; category: number }[] }
/** One conversation turn as a message with its session date. */
export interface LocomoTurn { id: string; speaker: string; content: string; at: Date }

/** Session dates like "1:56 pm on 8 May, 2023". */
function sessionDate(text: string): Date {
  const m = text.match(/(\d+):(\d+)\s*(am|pm) on (\d+) (\w+),? (\d{4})/i);
  if (!m) return new Date(text);
  const hour = (Number(m[1]) % 12) + (m[3]?.toLowerCase() === "pm" ? 12 : 0);
  return new Date(`${m[4]} ${m[5]} ${m[6]} ${hour}:${m[2]}:00 UTC`);
}

/** The conversations as sessions of turns, and the questions of categories 1–4 with evidence. */
export function loadLocomo(): { sessions: LocomoTurn[][][]; questions: { conv: number; question: string; evidence: Set<string>; category: number }[] } | null {
  if (!existsSync(LOCOMO_PATH)) return null;
  const data = JSON.parse(readFileSync(LOCOMO_PATH, "utf8")) as Sample[];
  const sessions = data.map((s) => {
    const out: LocomoTurn[][] = [];
    for (let n = 1; Array.isArray(s.conversation[`session_${n}`]); n++) {
      const at = sessionDate(String(s.conversation[`session_${n}_date_time`]));
      out.push((s.conversation[`session_${n}`] as Turn[]).map((t) => ({ id: t.dia_id, speaker: t.speaker, at, content: t.blip_caption ? `${t.text} [shares ${t.blip_caption}]` : t.text })));
    }
    return out;
  });
  const questions = data.flatMap((s, conv) =>
    s.qa.filter((q) => q.category !== 5 && q.evidence?.length).map((q) => ({ conv, question: q.question, category: q.category, evidence: new Set((q.evidence ?? []).flatMap((e) => e.split(/[;,]\s*/)).map((e) => e.trim())) })),
  );
  return { sessions, questions };
}

/** Recall@k and MRR, per category and overall. */
export type RetrievalScores = Record<string, { n: number; r5: number; r10: number; r20: number; mrr: number }>;

/** Scores ranked source-id lists against the evidence. */
export function score(questions: { evidence: Set<string>; category: number }[], ranked: string[][][]): RetrievalScores {
  const out: RetrievalScores = {};
  questions.forEach((q, i) => {
    const hits = ranked[i] ?? [];
    const recall = (k: number) => { const got = new Set(hits.slice(0, k).flat()); return [...q.evidence].filter((e) => got.has(e)).length / q.evidence.size; };
    const first = hits.findIndex((sources) => sources.some((s) => q.evidence.has(s)));
    for (const key of ["all", `cat ${q.category}`]) {
      const row = (out[key] ??= { n: 0, r5: 0, r10: 0, r20: 0, mrr: 0 });
      row.n += 1; row.r5 += recall(5); row.r10 += recall(10); row.r20 += recall(20); row.mrr += first < 0 ? 0 : 1 / (first + 1);
    }
  });
  for (const row of Object.values(out)) for (const k of ["r5", "r10", "r20", "mrr"] as const) row[k] /= row.n;
  return out;
}

async function ours(sessions: LocomoTurn[][][], questions: ReturnType<typeof loadLocomo> & object, weights: { vectorWeight: number; keywordWeight: number; importanceWeight?: number; recencyWeight?: number }): Promise<RetrievalScores> {
  const { home, remove } = tempHome("locomo");
  const memory: MemoryManager = await createMemory(defineConfig({ home, memory: { ...weights } }));
  for (const [conv, convSessions] of sessions.entries()) {
    for (const session of convSessions) {
      await memory.add(session.map((t) => ({ role: "user", name: t.speaker, id: t.id, content: t.content, timestamp: t.at })), { userId: `conv-${conv}`, infer: false });
    }
  }
  const ranked: string[][][] = [];
  for (const q of questions.questions) ranked.push((await memory.search(q.question, { userId: `conv-${q.conv}`, limit: 20 })).map((h) => h.source));
  await memory.close();
  remove();
  return score(questions.questions, ranked);
}

/** LoCoMo evidence recall: BM25 only, vectors only, our hybrid, and mem0 (infer off) on the same local embeddings. */
export async function locomoEval(withMem0: boolean): Promise<Record<string, RetrievalScores> | null> {
  const data = loadLocomo();
  if (!data) {
    console.log(`\n## LoCoMo: skipped, ${LOCOMO_PATH.pathname} not found`);
    return null;
  }
  const rows: Record<string, RetrievalScores> = {
    "BM25 only": await ours(data.sessions, data, { vectorWeight: 0, keywordWeight: 1, importanceWeight: 0, recencyWeight: 0 }),
    "vector only (local)": await ours(data.sessions, data, { vectorWeight: 1, keywordWeight: 0, importanceWeight: 0, recencyWeight: 0 }),
    "cortex-mem hybrid": await ours(data.sessions, data, { vectorWeight: 0.3, keywordWeight: 0.7 }),
  };
  if (withMem0) {
    const fake = await startFakeOpenAI({ dimensions: 384, embed: (text) => Array.from(localEmbedding(text)) });
    const mem0 = await mem0Memory(fake.url, 384, "locomo");
    for (const [conv, convSessions] of data.sessions.entries()) {
      for (const session of convSessions) for (const t of session) await mem0.add(`${t.speaker}: ${t.content}`, `conv-${conv}`, { source: t.id });
    }
    const ranked: string[][][] = [];
    for (const q of data.questions) ranked.push((await mem0.search(q.question, `conv-${q.conv}`, 20)).map((r) => [String(r.metadata?.source ?? "")]));
    rows["mem0 (infer off, same embeddings)"] = score(data.questions, ranked);
    await mem0.close();
    await fake.close();
  }
  const cats = ["all", "cat 1", "cat 2", "cat 3", "cat 4"];
  table("LoCoMo evidence recall (categories 1–4; cat 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop)", ["system", ...cats.map((c) => `${c} r@10`), "all r@5", "all r@20", "all MRR"],
    Object.entries(rows).map(([name, s]) => [name, ...cats.map((c) => fmt(s[c]?.r10 ?? Number.NaN, 3)), fmt(s.all?.r5 ?? Number.NaN, 3), fmt(s.all?.r20 ?? Number.NaN, 3), fmt(s.all?.mrr ?? Number.NaN, 3)]));
  return rows;
}
