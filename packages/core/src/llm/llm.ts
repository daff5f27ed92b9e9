import type { z } from "zod";
import type { ProbeResult } from "../providers/probe.js";

/** One structured request: instructions, input, and the shape the answer must have. */
export interface JsonCompletionRequest<T> {
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** Short name of the task, for error messages ("fact extraction"). */
  task: string;
  signal?: AbortSignal;
}

/**
 * The LLM port: structured JSON completion. `available` is false for the rule-based `none`
 * provider, whose callers use rules instead of calling it.
 */
export interface Llm {
  readonly id: string;
  readonly available: boolean;
  /** Answers with JSON matching `schema`; repairs or retries malformed output once, then fails with `LLM`. */
  completeJson<T>(request: JsonCompletionRequest<T>): Promise<T>;
  /**
   * Checks the provider answers and accepts the credentials with its smallest real request; never
   * throws. Optional: `probeLlm` asks for a one-line JSON answer for an LLM without it.
   */
  probe?(signal?: AbortSignal): Promise<ProbeResult>;
}
