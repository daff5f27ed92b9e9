import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import * as z from "zod";

/** What {@link startEmbeddingsServer} serves: one embedding function of a fixed dimension. */
export interface EmbeddingsServerOptions {
  /** One vector per text, in order (a request's whole `input` in one call). */
  embed: (texts: string[]) => Float32Array[] | Promise<Float32Array[]>;
  dimensions: number;
  /** The model id answered (any requested `model` is accepted). */
  model: string;
  port?: number;
  host?: string;
}

/** A running server: its `/v1` base URL and how to stop it. */
export interface EmbeddingsServer {
  baseUrl: string;
  close: () => Promise<void>;
}

// Strict: a field this server does not implement is refused by name, not silently ignored.
const embeddingsRequest = z.strictObject({
  model: z.string().optional(),
  input: z.union([z.string(), z.array(z.string()).min(1)], {
    error: "'input' must be a string or a non-empty array of strings (token ids are not supported)",
  }),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
});

class BadRequest extends Error {}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The OpenAI error body, so the SDK's error mapping reads it. */
const errorBody = (message: string) => ({
  error: { message, type: "invalid_request_error", param: null, code: null },
});

async function answer(body: unknown, o: EmbeddingsServerOptions): Promise<object> {
  const parsed = embeddingsRequest.safeParse(body);
  if (!parsed.success) throw new BadRequest(parsed.error.issues.map((i) => i.message).join("; "));
  const request = parsed.data;
  if (request.dimensions !== undefined && request.dimensions !== o.dimensions)
    throw new BadRequest(
      `this model has ${o.dimensions} dimensions; 'dimensions' ${request.dimensions} is not supported`,
    );
  const inputs = typeof request.input === "string" ? [request.input] : request.input;
  const base64 = request.encoding_format === "base64";
  const vectors = await o.embed(inputs);
  if (vectors.length !== inputs.length || vectors.some((v) => v.length !== o.dimensions))
    throw new Error(
      `the embedder gave ${vectors.length} vectors for ${inputs.length} texts, not all of ${o.dimensions}`,
    );
  const data = vectors.map((v, index) => {
    const embedding = base64 ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") : Array.from(v);
    return { object: "embedding", index, embedding };
  });
  const tokens = inputs.reduce((n, t) => n + (t.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
  return { object: "list", data, model: o.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function handle(req: IncomingMessage, res: ServerResponse, o: EmbeddingsServerOptions): void {
  const path = (req.url ?? "").split("?")[0];
  if (req.method === "GET" && path === "/v1/models") {
    req.resume();
    return send(res, 200, { object: "list", data: [{ id: o.model, object: "model", created: 0, owned_by: "bench" }] });
  }
  if (req.method !== "POST" || path !== "/v1/embeddings") {
    req.resume();
    return send(res, 404, errorBody(`no route ${req.method} ${path}: this server answers POST /v1/embeddings`));
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  const fail = (error: unknown) => {
    const bad = error instanceof BadRequest || error instanceof SyntaxError;
    send(res, bad ? 400 : 500, errorBody(error instanceof Error ? error.message : String(error)));
  };
  req.on("end", () => {
    try {
      answer(JSON.parse(Buffer.concat(chunks).toString("utf8")), o).then((body) => send(res, 200, body), fail);
    } catch (error) {
      fail(error);
    }
  });
}

/**
 * Serves `POST /v1/embeddings` as the OpenAI API does (input a string or an array of strings;
 * `encoding_format` `float` or `base64`, the little-endian float32 bytes the `openai` SDK asks for
 * by default; `dimensions` only if it equals the model's, else 400) and `GET /v1/models`.
 */
export function startEmbeddingsServer(o: EmbeddingsServerOptions): Promise<EmbeddingsServer> {
  const server = createServer((req, res) => handle(req, res, o));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        baseUrl: `http://${o.host ?? "127.0.0.1"}:${port}/v1`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
