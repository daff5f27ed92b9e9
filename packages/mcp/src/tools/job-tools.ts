import { jobToWire, scopeFromWire, wireListQuerySchema } from "@cortex-mem/core/wire";
import * as z from "zod";
import { jobOutput } from "../output-shapes.js";
import { withDefaultScope } from "../scope.js";
import { defineTool } from "../tool-registry.js";
import type { McpTool } from "../tool-registry.js";

const scopeShape = wireListQuerySchema.shape;

/** `job_status`: the outcome of an add queued with `async`. */
export const jobStatusTool: McpTool = defineTool({
  name: "job_status",
  title: "Status of a queued add",
  description:
    "Tell how a memory add queued with async: true went: status (queued, running, completed, failed, " +
    "cancelled, interrupted), and once completed the facts it added (result.results), or the error.",
  input: {
    job_id: z
      .string()
      .trim()
      .uuid("job id must be a UUID")
      .describe("The job id returned by store_memory or add_conversation with async"),
    user_id: scopeShape.user_id.describe("Only if the job belongs to another user than the server's default"),
    agent_id: scopeShape.agent_id.describe("Only if the job belongs to another agent than the server's default"),
  },
  output: jobOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(args, ctx) {
    const s = withDefaultScope(args, ctx.defaultScope);
    const scope = scopeFromWire({ user_id: s.user_id, agent_id: s.agent_id });
    const job = jobToWire(await ctx.memory.job(args.job_id, Object.keys(scope).length > 0 ? { scope } : {}));
    const outcome = job.error ? `: ${job.error.code} ${job.error.message}` : "";
    return { structured: { job }, text: `Job ${job.id} is ${job.status}${outcome}.` };
  },
});
