import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import {
  effectiveConfig,
  insightsRequestFromWire,
  insightsToWire,
  wireEffectiveSettingSchema,
  wireInsightsQuerySchema,
  wireInsightsSchema,
} from "@cortex-mem/core/wire";
import * as z from "zod";
import { principalOf } from "../http/auth.js";
import { enforceScope } from "../http/scope-guard.js";
import { defineRoute } from "./route-spec.js";

/** `GET /insights`: dashboard aggregates of a scope (a bound key sees only its user). */
export const insights = defineRoute({
  method: "get",
  path: "/insights",
  operationId: "insights",
  summary:
    "Aggregates for dashboards: counts by type, user and agent with last activity, growth per day, importance histogram, store size, recent changes",
  tag: "system",
  query: wireInsightsQuerySchema,
  response: {
    status: 200,
    description: "The aggregates of the scope (everything with an unbound key and no scope)",
    schema: wireInsightsSchema,
  },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const request = insightsRequestFromWire(req.query);
    const scope = enforceScope(res, request.scope);
    res.json(insightsToWire(await memory.insights(scope, request.options), scope));
  },
});

const configResponse = z.strictObject({
  settings: z.array(wireEffectiveSettingSchema),
  file: z.string().nullable().describe("The config file read, if any"),
});

/** `GET /config`: the effective configuration with the source of each value (unbound keys only). */
export const config = defineRoute({
  method: "get",
  path: "/config",
  operationId: "config",
  summary:
    "The effective configuration, each value with its source (default, file, env, flag), secrets masked; read-only",
  tag: "system",
  response: { status: 200, description: "Every setting, sorted by key", schema: configResponse },
  errors: [403],
  handle({ config: cfg, configSources, configFile }, _req, res) {
    if (principalOf(res).userId !== undefined) {
      throw new CortexMemError(
        ErrorCode.FORBIDDEN,
        "The configuration is readable only with an API key not bound to a user",
      );
    }
    res.json({
      settings: effectiveConfig({ config: cfg, ...(configSources ? { sources: configSources } : {}) }),
      file: configFile ?? null,
    });
  },
});
