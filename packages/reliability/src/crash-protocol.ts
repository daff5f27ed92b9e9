import * as z from "zod";

/** One line the crash writer prints: `ready`, an `intent` before an update or delete, then its ack (`add`, `update`, `delete`). */
export const crashLineSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("ready") }),
  z.object({ op: z.literal("add"), id: z.string(), content: z.string() }),
  z.object({ op: z.literal("intent"), id: z.string(), content: z.string().optional() }),
  z.object({ op: z.literal("update"), id: z.string(), content: z.string() }),
  z.object({ op: z.literal("delete"), id: z.string() }),
]);

/** A parsed line of the crash writer's output. */
export type CrashLine = z.infer<typeof crashLineSchema>;

/** What the acknowledgements say must be true of one memory after a crash. */
export interface Expected {
  id: string;
  /** The content of the last acknowledged add or update. */
  content: string;
  deleted: boolean;
  updated: boolean;
  /** An update or delete was started but not acknowledged when the process died: it may or may not have happened. */
  inFlight?: { content?: string };
}

/**
 * Folds the complete lines of one run into the model of acknowledged state (`model` is updated in
 * place, so several rounds accumulate). A trailing line without a newline was never fully written
 * and acknowledges nothing; a complete line that does not parse is an error. An operation left
 * without its ack is marked `inFlight` on its memory (the checker resolves it from the store).
 */
export function foldAcks(output: string, model: Map<string, Expected>): { acks: number; ready: boolean } {
  const lines = output.split("\n");
  lines.pop();
  let acks = 0;
  let ready = false;
  let pending: { id: string; content?: string } | undefined;
  for (const text of lines) {
    const line = crashLineSchema.parse(JSON.parse(text));
    if (line.op === "ready") ready = true;
    else if (line.op === "add") {
      model.set(line.id, { id: line.id, content: line.content, deleted: false, updated: false });
      acks += 1;
    } else if (line.op === "intent")
      pending = { id: line.id, ...(line.content !== undefined ? { content: line.content } : {}) };
    else {
      const m = model.get(line.id);
      if (!m) throw new Error(`ack for unknown memory ${line.id}`);
      if (line.op === "update") Object.assign(m, { content: line.content, updated: true });
      else m.deleted = true;
      pending = undefined;
      acks += 1;
    }
  }
  if (pending) {
    const m = model.get(pending.id);
    if (m) m.inFlight = pending.content !== undefined ? { content: pending.content } : {};
  }
  return { acks, ready };
}
