// The fake OpenAI-compatible HTTP server: records every request and answers from per-test scripts.
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BadRequest, chatSuccess, embeddingsSuccess, parseChatRequest, parseEmbeddingsRequest } from "./endpoints.js";
import { parseBody, readBody, sendJson, sendRaw } from "./http-io.js";
import { errorBody, modelsBody } from "./openai-shapes.js";
import type {
  FakeOpenAI,
  FakeOpenAIOptions,
  FakeTokenTally,
  RecordedRequest,
  RequestKind,
  ScriptedReply,
} from "./types.js";

function routeOf(method: string, path: string): RequestKind {
  if (method === "POST" && path === "/v1/chat/completions") return "chat";
  if (method === "POST" && path === "/v1/embeddings") return "embeddings";
  if (method === "GET" && path === "/v1/models") return "models";
  return "other";
}

/**
 * Start a fake OpenAI-compatible server on 127.0.0.1 (ephemeral port) for tests that drive the
 * real `openai` SDK offline. It serves `POST /v1/chat/completions`, `POST /v1/embeddings` (float or
 * base64 float32) and `GET /v1/models`; scripted replies are consumed FIFO per endpoint, then the
 * defaults in `options` answer. Call `close()` when done.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const chatQueue: ScriptedReply[] = [];
  const embeddingsQueue: ScriptedReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const chatResponder = options.chat ?? ((): ScriptedReply => ({ json: {} }));
  const tally: FakeTokenTally = { chat: { requests: 0, in: 0, out: 0 }, embeddings: { requests: 0, in: 0, out: 0 } };

  /** Adds the `usage` of a successful answer to the tally of its endpoint. */
  function count(kind: "chat" | "embeddings", body: object): object {
    const usage = (body as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
    tally[kind].requests++;
    tally[kind].in += usage?.prompt_tokens ?? 0;
    tally[kind].out += usage?.completion_tokens ?? 0;
    return body;
  }

  /** Answer with `reply` (after its delay), or never when it hangs; `success` builds a 2xx body. */
  async function deliver(res: ServerResponse, reply: ScriptedReply, success: () => object): Promise<void> {
    if (reply.hang) return; // left open until the client gives up or close() destroys the socket
    if (reply.delayMs !== undefined && reply.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), reply.delayMs);
        timers.add(timer);
      });
    }
    const status = reply.status ?? 200;
    const headers = reply.headers ?? {};
    if (reply.body !== undefined) return sendRaw(res, status, reply.body, headers);
    if (status >= 400) return sendJson(res, status, errorBody(status, reply.content), headers);
    sendJson(res, status, success(), headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const path = req.url ?? "/";
    const kind = routeOf(method, path.split("?")[0] ?? path);
    const parsed = parseBody(await readBody(req));
    requests.push({ kind, method, path, headers: { ...req.headers }, body: parsed.value, at: Date.now() });

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, errorBody(401));
    }
    if (kind === "chat") {
      const request = parseChatRequest(parsed.value);
      const reply = chatQueue.shift() ?? chatResponder(request);
      return deliver(res, reply, () => count("chat", chatSuccess(request, reply)));
    }
    if (kind === "embeddings") {
      const request = parseEmbeddingsRequest(parsed.value, options);
      const reply = embeddingsQueue.shift() ?? {};
      return deliver(res, reply, () => count("embeddings", embeddingsSuccess(request, reply, options)));
    }
    if (kind === "models") return deliver(res, {}, modelsBody);
    sendJson(res, 404, errorBody(404, `Invalid URL (${method} ${path})`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof BadRequest ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, status, errorBody(status, status === 500 ? `Fake server error: ${message}` : message));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatCalls: () => requests.filter((r) => r.kind === "chat"),
    embeddingCalls: () => requests.filter((r) => r.kind === "embeddings"),
    tokens: () => structuredClone(tally),
    enqueueChat: (...replies) => void chatQueue.push(...replies),
    enqueueEmbeddings: (...replies) => void embeddingsQueue.push(...replies),
    reset() {
      chatQueue.length = 0;
      embeddingsQueue.length = 0;
      requests.length = 0;
      for (const t of [tally.chat, tally.embeddings]) t.requests = t.in = t.out = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections(); // includes hanging and keep-alive sockets
      });
      return closing;
    },
  };
}
