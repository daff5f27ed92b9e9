import type { Request, Response } from "express";
import type { ConfigSource, CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

/** What every handler may use: the engine, the config and the app's shared parts. */
export interface RouteContext {
  memory: MemoryManager;
  config: CortexMemConfig;
  /** Where each config value came from (from `loadConfig`), when the caller passed it. */
  configSources?: Record<string, ConfigSource>;
  /** The config file that was read, if any. */
  configFile?: string | null;
  logger: Logger;
  metrics: Metrics;
  /** The OpenAPI document of the app's routes (built once). */
  openApiDocument: () => Record<string, unknown>;
}

/** HTTP methods the service uses. */
export type Method = "get" | "post" | "put" | "delete";

/**
 * One route: its OpenAPI description (path in `{param}` form, zod schemas of query, body and
 * response) and its handler. The app registers these and `/openapi.json` is generated from the
 * same list, so the document cannot drift from what is served.
 */
export interface RouteSpec {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "memories" | "batch" | "system";
  /** Reachable without an API key. */
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Other success answers (e.g. 202 of an async add), documented beside `response`. */
  alsoResponds?: { status: number; description: string; schema: z.ZodType; headers?: Record<string, string> }[];
  /** Error statuses this route can answer besides the ones every route can (401, 413, 415, 500). */
  errors: number[];
  /** Response headers worth documenting (e.g. `ETag`). */
  headers?: Record<string, string>;
  /** Optional request headers the route reads (e.g. `If-Match`), with what each does. */
  requestHeaders?: Record<string, string>;
  handle(ctx: RouteContext, req: Request, res: Response): Promise<void> | void;
}

/** Converts an OpenAPI path (`/memories/{id}`) to express's form (`/memories/:id`). */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

/** Identity helper giving route literals their type. */
export function defineRoute(spec: RouteSpec): RouteSpec {
  return spec;
}
