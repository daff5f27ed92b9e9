import * as z from "zod";
import type { RouteSpec } from "../routes/route-spec.js";
import { SERVICE_VERSION } from "../version.js";
import { errorResponse } from "./wire-responses.js";

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "Validation failed (details name each bad field)",
  401: "Missing or invalid API key",
  403: "The API key is bound to another user",
  404: "Not found (or outside the scope of the request or key)",
  405: "Method not allowed on this path (the Allow header lists the methods it answers)",
  409: "Conflict: If-Match does not match the current version",
  413: "Request body larger than server.body_limit",
  415: "Request body is not application/json",
  429: "A provider is rate limiting",
  500: "Internal or configuration error",
  502: "The LLM or embedding provider failed",
  503: "The store is unavailable",
  504: "A provider timed out",
};

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12, without `$schema`). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
}

function parameters(route: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ["path", route.params],
    ["query", route.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = prop;
      out.push({
        name,
        in: where,
        required: where === "path" || (js.required ?? []).includes(name),
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  }
  for (const [name, description] of Object.entries(route.requestHeaders ?? {})) {
    out.push({ name, in: "header", required: false, schema: { type: "string" }, description });
  }
  return out;
}

function responses(route: RouteSpec): Json {
  const r = route.response;
  const type = r.contentType ?? "application/json";
  const headersOf = (h: Record<string, string> | undefined): Json => ({
    "X-Request-Id": { description: "The request id (yours, or one generated)", schema: { type: "string" } },
    ...Object.fromEntries(
      Object.entries(h ?? {}).map(([name, description]) => [name, { description, schema: { type: "string" } }]),
    ),
  });
  const out: Json = {
    [String(r.status)]: {
      description: r.description,
      headers: headersOf(route.headers),
      content: {
        [type]: {
          schema: r.schema
            ? jsonSchema(r.schema, "output")
            : { type: type === "application/json" ? "object" : "string" },
        },
      },
    },
  };
  for (const alt of route.alsoResponds ?? []) {
    out[String(alt.status)] = {
      description: alt.description,
      headers: headersOf(alt.headers),
      content: { "application/json": { schema: jsonSchema(alt.schema, "output") } },
    };
  }
  const statuses = new Set([...route.errors, 500, ...(route.public ? [] : [401]), ...(route.body ? [413, 415] : [])]);
  for (const status of [...statuses].sort()) {
    out[String(status)] = {
      description: STATUS_TEXT[status] ?? "Error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return out;
}

function operation(route: RouteSpec): Json {
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.public ? { security: [] } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: route.method !== "delete",
            content: { "application/json": { schema: jsonSchema(route.body, "input") } },
          },
        }
      : {}),
    responses: responses(route),
  };
}

/**
 * The OpenAPI 3.1 document of the given routes, generated from the zod schemas the routes
 * validate with (request bodies and queries) and answer with (responses).
 */
export function buildOpenApiDocument(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Cortex Memory REST API",
      version: SERVICE_VERSION,
      description:
        'Long-term memory for AI agents. snake_case JSON; errors are {"error": {"code", "message", "details"}}. ' +
        "A known path asked with another method answers 405 METHOD_NOT_ALLOWED with an Allow header.",
      license: { name: "MIT", identifier: "MIT" },
    },
    tags: [
      { name: "memories", description: "Add, search, read, change and delete memories" },
      { name: "batch", description: "Many deletes or updates in one request, with per-item results" },
      { name: "system", description: "Health, models, stats, metrics and this document" },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "One of server.api_keys (only when keys are configured)",
        },
      },
      schemas: { Error: jsonSchema(errorResponse, "output") },
    },
  };
}
