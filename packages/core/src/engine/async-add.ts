import { isCortexMemError } from "../errors.js";
import type { JobHandler } from "../jobs/job-runner.js";
import type { AddResult } from "../types/memory.js";
import type { MessageInput } from "../types/message.js";
import type { AddOptions } from "../types/options.js";
import type { MemoryManager } from "./memory-manager.js";
import { providerOf, rawLabel } from "./provider-fault.js";
import { AddLookahead } from "./add-lookahead.js";

/** The job kind of an async add. */
export const ADD_JOB_KIND = "memory.add";

/** What an async add keeps in the queue: the validated input and options, as JSON. */
export interface AddJobPayload {
  input: string | MessageInput[];
  options: AddOptions;
}

/**
 * Runs queued adds: one step (`add`) recorded in the add's own transaction, so a job resumed after
 * a crash never adds twice. Provider faults are retried by the runner with backoff (extraction
 * fails rather than storing raw on each attempt); when the attempts are used up and
 * `memory.on_llm_error = "store_raw"`, the raw input is stored verbatim, tagged `llm_error` (or
 * `embedding_error` when the embedding endpoint was the one failing) with the failure's code.
 */
export function addJobHandler(memory: MemoryManager, options: { batchSize?: number } = {}): JobHandler<AddJobPayload> {
  // Adds queued behind each other in one scope share embedding requests (see AddLookahead).
  const lookahead = new AddLookahead(memory, options.batchSize ?? 1);
  return {
    async run(job, ctx): Promise<AddResult> {
      const { input, options } = job.payload;
      return ctx.step("add", async (step) => {
        const embedder = await lookahead.embedderFor(job);
        const run = { step, signal: ctx.signal, onLlmError: "fail" as const, ...(embedder ? { embedder } : {}) };
        return memory.add(input, { ...options, ...run });
      });
    },
    async onGiveUp(job, error, ctx): Promise<AddResult | undefined> {
      const provider = providerOf(error);
      if (!provider || !isCortexMemError(error) || memory.settings.onLlmError !== "store_raw") return undefined;
      const { input, options } = job.payload;
      const metadata = { ...(options.metadata ?? {}), [rawLabel(provider)]: error.code };
      await ctx.log(`storing the raw input (memory.on_llm_error = store_raw) after: ${error.message}`);
      return ctx.step("add", (step) => memory.add(input, { ...options, metadata, infer: false, step }));
    },
  };
}
