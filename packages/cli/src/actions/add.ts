import type { MessageInput } from "@cortex-mem/core";
import { addRequestFromWire, addResultToWire, jobToWire } from "@cortex-mem/core/wire";
import { formatAdd } from "../format/memory-format.js";
import { parseConversation } from "../input/conversation.js";
import { readStdin, readTextFile } from "../input/read-text.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { UsageError } from "../runtime/exit-codes.js";
import type { ScopeFlags } from "./scope-flags.js";
import { requireScopeFlags, wireExpiry, wireScope } from "./scope-flags.js";
import type { ExpiryFlags } from "./scope-flags.js";

type AddFlags = ScopeFlags & {
  content?: string;
  file?: string;
  plain?: boolean;
  memoryType?: string;
  metadata?: Record<string, unknown>;
  infer?: boolean;
  timestamp?: string;
  async?: boolean;
} & ExpiryFlags;

const NO_INPUT =
  "Nothing to add: give the content as an argument or with -c, a conversation with --file, or pipe it on stdin";

/** The text to add, from whichever one place it was given. */
async function readText(arg: string | undefined, o: AddFlags): Promise<string> {
  const given = [arg !== undefined, o.content !== undefined, o.file !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError("Give the content only one way: an argument, -c/--content, or --file");
  if (arg !== undefined) return arg;
  if (o.content !== undefined) return o.content;
  if (o.file !== undefined) return readTextFile(o.file);
  if (process.stdin.isTTY) throw new UsageError(NO_INPUT);
  const text = await readStdin();
  if (text.trim() === "") throw new UsageError(NO_INPUT);
  return text;
}

/**
 * One rule for every source (argument, `-c`, `--file`, stdin): a JSON list of messages or a
 * `User:`/`Assistant:` transcript is a conversation, anything else one piece of content;
 * `--plain` stores the text as one piece whatever it looks like.
 */
async function readInput(arg: string | undefined, o: AddFlags): Promise<string | MessageInput[]> {
  const text = await readText(arg, o);
  return o.plain === true ? text : parseConversation(text);
}

/** `cortex-mem add`: remembers content or a conversation and prints what happened to each fact. */
export async function run({ args, opts }: ActionInput<AddFlags>): Promise<void> {
  const out = outputFor(opts);
  requireScopeFlags(opts, "add");
  const input = await readInput(args[0], opts);
  const body = {
    ...(typeof input === "string" ? { content: input } : { messages: input }),
    ...wireScope(opts),
    ...(opts.memoryType !== undefined ? { memory_type: opts.memoryType } : {}),
    ...(opts.metadata !== undefined ? { metadata: opts.metadata } : {}),
    ...(opts.infer === false ? { infer: false } : {}),
    ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    ...(opts.async ? { async: true } : {}),
    ...wireExpiry(opts),
  };
  const request = addRequestFromWire(body);
  if (request.async) {
    const job = await withMemory(opts, (memory) => memory.addAsync(request.input, request.options));
    await out.result({ job_id: job.id, ...jobToWire(job) }, () => [
      `Queued as job ${out.c.dim(job.id)}; a worker (cortex-mem serve, mcp or worker) adds it. See: cortex-mem jobs ${job.id}`,
    ]);
    return;
  }
  const result = await withMemory(opts, (memory) => memory.add(request.input, request.options));
  await out.result(addResultToWire(result), () => formatAdd(result, out.c));
}
