import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Where the LoCoMo development split lives: `../shared/data/locomo/locomo-dev.json` from the
 * repository root, or `CORTEX_BENCH_LOCOMO` (a worktree elsewhere on the machine).
 */
export const LOCOMO_PATH =
  process.env.CORTEX_BENCH_LOCOMO ??
  fileURLToPath(new URL("../../../../shared/data/locomo/locomo-dev.json", import.meta.url));

interface Turn {
  speaker: string;
  dia_id: string;
  text: string;
  blip_caption?: string;
}
interface Sample {
  conversation: Record<string, unknown>;
  qa: { question: string; evidence?: string[]; category: number }[];
}

/** One conversation turn as a message with its session date. */
export interface LocomoTurn {
  id: string;
  speaker: string;
  content: string;
  at: Date;
}
/** A question of categories 1–4 with the dialogue ids that hold its answer. */
export interface LocomoQuestion {
  conv: number;
  question: string;
  evidence: Set<string>;
  category: number;
}
/** The conversations (sessions of turns) and their questions. */
export interface Locomo {
  sessions: LocomoTurn[][][];
  questions: LocomoQuestion[];
}

/** Session dates like "1:56 pm on 8 May, 2023". */
export function sessionDate(text: string): Date {
  const m = text.match(/(\d+):(\d+)\s*(am|pm) on (\d+) (\w+),? (\d{4})/i);
  if (!m) return new Date(text);
  const hour = (Number(m[1]) % 12) + (m[3]?.toLowerCase() === "pm" ? 12 : 0);
  return new Date(`${m[4]} ${m[5]} ${m[6]} ${hour}:${m[2]}:00 UTC`);
}

/** The conversations as sessions of turns, and the questions of categories 1–4 with evidence; null when the file is absent. */
export function loadLocomo(): Locomo | null {
  if (!existsSync(LOCOMO_PATH)) return null;
  const data = JSON.parse(readFileSync(LOCOMO_PATH, "utf8")) as Sample[];
  const sessions = data.map((s) => {
    const out: LocomoTurn[][] = [];
    for (let n = 1; Array.isArray(s.conversation[`session_${n}`]); n++) {
      const at = sessionDate(String(s.conversation[`session_${n}_date_time`]));
      out.push(
        (s.conversation[`session_${n}`] as Turn[]).map((t) => ({
          id: t.dia_id,
          speaker: t.speaker,
          at,
          content: t.blip_caption ? `${t.text} [shares ${t.blip_caption}]` : t.text,
        })),
      );
    }
    return out;
  });
  const questions = data.flatMap((s, conv) =>
    s.qa
      .filter((q) => q.category !== 5 && q.evidence?.length)
      .map((q) => ({
        conv,
        question: q.question,
        category: q.category,
        evidence: new Set((q.evidence ?? []).flatMap((e) => e.split(/[;,]\s*/)).map((e) => e.trim())),
      })),
  );
  return { sessions, questions };
}

/** Recall@k and MRR by row key (category, "all"). */
export type RetrievalScores = Record<string, { n: number; r5: number; r10: number; r20: number; mrr: number }>;

/** Scores ranked source-id lists (one list of ids per hit) against the evidence of each question. */
export function score(questions: { evidence: Set<string>; category: number }[], ranked: string[][][]): RetrievalScores {
  const out: RetrievalScores = {};
  questions.forEach((q, i) => {
    const hits = ranked[i] ?? [];
    const recall = (k: number) => {
      const got = new Set(hits.slice(0, k).flat());
      return [...q.evidence].filter((e) => got.has(e)).length / q.evidence.size;
    };
    const first = hits.findIndex((sources) => sources.some((s) => q.evidence.has(s)));
    for (const key of ["all", `cat ${q.category}`]) {
      const row = (out[key] ??= { n: 0, r5: 0, r10: 0, r20: 0, mrr: 0 });
      row.n += 1;
      row.r5 += recall(5);
      row.r10 += recall(10);
      row.r20 += recall(20);
      row.mrr += first < 0 ? 0 : 1 / (first + 1);
    }
  });
  for (const row of Object.values(out)) for (const k of ["r5", "r10", "r20", "mrr"] as const) row[k] /= row.n;
  return out;
}
