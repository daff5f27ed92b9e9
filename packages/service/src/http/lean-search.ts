import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQueryString } from "node:querystring";
import type { MemoryManager } from "@cortex-mem/core";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { searchAnswer, searchMemories } from "../routes/memories.js";
import { CortexMemError } from "@cortex-mem/core";
import type { HasLocals, KeyCheck } from "./auth.js";
import type { CorsStep } from "./cors.js";
import { reportError, sendJson } from "./errors.js";
import type { HostCheck } from "./host-guard.js";
import { watchRequest } from "./observe.js";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id.js";
import { rejectUnknownInput } from "./strict-input.js";

/** The guards and parts of the express app that the lean path runs too, built once by the app. */
export interface LeanSearchDeps {
  memory: MemoryManager;
  logger: Logger;
  metrics: Metrics;
  hostCheck: HostCheck | null;
  cors: CorsStep | null;
  keyCheck: KeyCheck | null;
  /** `server.bodyLimit` in bytes; null turns the lean path off (a limit it cannot read). */
  bodyLimit: number | null;
}

const PATH = searchMemories.path;
const PLAIN_JSON = /^application\/json[ \t]*(;[ \t]*charset[ \t]*=[ \t]*"?utf-8"?[ \t]*)?$/i;
// JSON whitespace (RFC 8259): space, tab, line feed, carriage return.
const FIRST = /^[ \t\n\r]*(.|$)/s;
const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `server.bodyLimit` (`1mb`, `512kb`, `2048`) in bytes as body-parser reads it; null if it reads otherwise. */
export function bodyLimitBytes(limit: string): number | null {
  const m = /^(\d+(?:\.\d+)?)[ \t]*(b|kb|mb|gb)?$/i.exec(limit.trim());
  return m ? Math.floor(Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] as number)) : null;
}

/**
 * True for a request the lean path serves: `POST /memories/search` with a JSON body in UTF-8 of a
 * declared length within the limit, not compressed. Everything else (another content type, a
 * charset, a compressed, chunked, empty or too large body) goes to express, which answers it
 * exactly as before (415, 413, inflating…).
 */
export function leanEligible(req: Pick<IncomingMessage, "method" | "url" | "headers">, limit: number): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "";
  if (!url.startsWith(PATH) || (url.length > PATH.length && url[PATH.length] !== "?")) return false;
  const h = req.headers;
  if (h["content-encoding"] !== undefined || h["transfer-encoding"] !== undefined) return false;
  const length = Number(h["content-length"]);
  return length > 0 && length <= limit && PLAIN_JSON.test(h["content-type"] ?? "");
}

/** A syntax error as body-parser reports one (`entity.parse.failed`), so both paths answer it alike. */
const parseFailed = (message: string): Error =>
  Object.assign(new SyntaxError(message), { type: "entity.parse.failed" });

/** The body as express.json reads it in strict mode: UTF-8 without a BOM, an object or an array. */
function parseJson(raw: Buffer): unknown {
  let text = raw.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = FIRST.exec(text)?.[1] ?? "";
  if (first !== "{" && first !== "[") throw parseFailed(`Unexpected token ${first || "end"} in JSON`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw parseFailed(error instanceof Error ? error.message : String(error));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once("error", reject);
    req.once("aborted", () => reject(Object.assign(new Error("request aborted"), { status: 400 })));
  });
}

async function serve(deps: LeanSearchDeps, req: IncomingMessage, res: ServerResponse & HasLocals): Promise<void> {
  try {
    const refused = deps.hostCheck?.(req);
    if (refused) throw refused;
    deps.cors?.(req, res);
    if (deps.keyCheck) {
      const principal = deps.keyCheck(req, res);
      if (principal instanceof CortexMemError) throw principal;
      res.locals.principal = principal;
    }
    const body = parseJson(await readBody(req));
    const url = req.url as string;
    const query = url.length > PATH.length ? parseQueryString(url.slice(PATH.length + 1)) : {};
    rejectUnknownInput(searchMemories, { method: "POST", query, body });
    sendJson(res, 200, await searchAnswer(deps.memory, body, query, res));
  } catch (error) {
    reportError(deps.logger, error, req, res, PATH);
  }
}

/**
 * The hot route without express: `POST /memories/search` served on node:http with the same steps
 * in the same order as the express app (request id, access log and metrics, Host/Origin guard,
 * CORS, API key, JSON body within the limit, unknown input refused, the route's own work, errors
 * mapped alike), each step the same function the express middleware calls. Returns a handler
 * that takes the requests it can serve (true) and leaves every other one to express (false).
 */
export function leanSearch(deps: LeanSearchDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const limit = deps.bodyLimit;
  if (limit === null) return () => false;
  const route = (): string => PATH;
  return (req, res) => {
    if (!leanEligible(req, limit)) return false;
    const lean = Object.assign(res, { locals: {} as HasLocals["locals"] });
    const id = requestIdFor(req.headers["x-request-id"] as string | undefined);
    lean.locals.requestId = id;
    lean.setHeader(REQUEST_ID_HEADER, id);
    watchRequest(deps.logger, deps.metrics, req, lean, route, route);
    void serve(deps, req, lean);
    return true;
  };
}
