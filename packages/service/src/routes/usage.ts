import { parseOrThrow } from "@cortex-mem/core";
import {
  usageQueryFromWire,
  usageReportToWire,
  wireUsageQuerySchema,
  wireUsageReportSchema,
} from "@cortex-mem/core/wire";
import { enforceScope } from "../http/scope-guard.js";
import { defineRoute } from "./route-spec.js";

/** `GET /usage`: tokens spent by LLM and embedding calls per day, operation, scope and model, with cost estimates. */
export const usage = defineRoute({
  method: "get",
  path: "/usage",
  operationId: "getUsage",
  summary: "Tokens in/out of every LLM and embedding call per day, operation, user, agent and model, with cost",
  description:
    "A key bound to a user sees only that user's usage; an admin key sees all, or one user with user_id. " +
    "Days are UTC and inclusive. Cost comes from the [usage] prices in the config (null for unpriced models).",
  tag: "system",
  query: wireUsageQuerySchema,
  response: { status: 200, description: "Usage rows and totals", schema: wireUsageReportSchema },
  errors: [400, 403],
  async handle({ memory, config }, req, res) {
    const query = usageQueryFromWire(parseOrThrow(wireUsageQuerySchema, req.query, "query"));
    const scoped = enforceScope(res, query);
    res.json(usageReportToWire(await memory.usage(scoped, config.usage)));
  },
});
