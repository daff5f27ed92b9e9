import { createJobWorker } from "@cortex-mem/core/jobs";
import { analyzeOptimization, startOptimization } from "@cortex-mem/core/optimizer";
import { analysisToWire, optimizationJobToWire } from "@cortex-mem/core/v1";
import type { MemoryManager } from "@cortex-mem/core";
import type { OptimizationPlan } from "@cortex-mem/core/optimizer";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { Output } from "../runtime/output.js";
import { confirm } from "../runtime/prompt.js";

type OptimizeFlags = {
  strategy?: string;
  userId?: string;
  agentId?: string;
  memoryType?: string;
  preview?: boolean;
  confirm?: boolean;
  limit?: number;
  verbose?: boolean;
};

async function planLines(
  memory: MemoryManager,
  plan: OptimizationPlan,
  out: Output,
  limit: number,
  verbose: boolean,
): Promise<string[]> {
  const c = out.c;
  const count = (xs: string[]) =>
    Object.entries(xs.reduce<Record<string, number>>((a, k) => ({ ...a, [k]: (a[k] ?? 0) + 1 }), {}))
      .map(([k, n]) => `${k} ${n}`)
      .join(", ") || "none";
  const lines = [
    `${c.bold("scanned")} ${plan.scanned} memories (${plan.strategy}); LLM calls: ${plan.llmCalls}`,
    `${c.bold("issues")}  ${count(plan.issues.map((i) => i.kind))}`,
    `${c.bold("actions")} ${count(plan.actions.map((a) => a.type))}`,
    "",
  ];
  for (const i of plan.issues.slice(0, limit)) {
    lines.push(`${c.yellow(i.severity.padEnd(8))} ${i.kind}: ${i.description} → ${i.recommendation}`);
    if (verbose)
      for (const m of await memory.getMany(i.affectedMemories)) lines.push(c.dim(`         ${m.id}  ${m.content}`));
  }
  if (plan.issues.length > limit) lines.push(c.dim(`… ${plan.issues.length - limit} more (raise --limit)`));
  return lines;
}

/**
 * `cortex-mem optimize`: with `--preview` the plan only; otherwise (after a confirmation unless
 * `--no-confirm`) an optimize job on the store's job queue, run here to the end.
 */
export async function run({ opts }: ActionInput<OptimizeFlags>): Promise<void> {
  const out = outputFor(opts);
  const request = {
    strategy: opts.strategy ?? "full",
    scope: { ...(opts.userId ? { userId: opts.userId } : {}), ...(opts.agentId ? { agentId: opts.agentId } : {}) },
    ...(opts.memoryType ? { memoryType: opts.memoryType.toLowerCase() } : {}),
  };
  await withMemory(opts, async (memory, config) => {
    const plan = await analyzeOptimization(memory, config.optimizer, request);
    if (opts.preview || plan.actions.length === 0) {
      await out.result(analysisToWire(plan), () => [] as string[]);
      if (!out.json) await out.text(...(await planLines(memory, plan, out, opts.limit ?? 10, opts.verbose === true)));
      return;
    }
    if (!out.json) await out.text(...(await planLines(memory, plan, out, opts.limit ?? 10, opts.verbose === true)));
    await confirm(`Apply ${plan.actions.length} actions? (undo with cortex-mem optimize-undo <job>)`, {
      yes: opts.confirm === false,
    });
    const job = await startOptimization(memory, request);
    out.note(`job ${job.id} queued; running it here`);
    const worker = createJobWorker(memory, { ...config.jobs, optimizer: config.optimizer });
    await worker.drain();
    await worker.stop();
    const done = await memory.job(job.id);
    await out.result(optimizationJobToWire(done), () => [
      `${out.c.bold(done.status)} ${done.id}`,
      JSON.stringify(done.result),
    ]);
  });
}
