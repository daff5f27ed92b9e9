// Public types of the fake OpenAI-compatible server. Other packages code against these names.

/**
 * One scripted answer to one request. Tests enqueue these (or return them from
 * `FakeOpenAIOptions.chat`) to decide exactly what the next call sees: a normal reply, an
 * error status, a truncated body, a slow answer or no answer at all.
 */
export interface ScriptedReply {
  /** HTTP status; default 200. Statuses >= 400 answer with the OpenAI error shape (unless `body` is set). */
  status?: number;
  /** Chat: the object the assistant "returns"; JSON.stringified into `choices[0].message.content`. */
  json?: unknown;
  /**
   * Chat: the raw message content string (e.g. malformed JSON like `'{"facts": ['`); wins over `json`.
   * On an error status it becomes the error's `message`.
   */
  content?: string;
  /** Raw HTTP body sent verbatim instead of a well-formed response (e.g. truncated JSON), with `status`. */
  body?: string;
  /** Wait this many milliseconds before answering. */
  delayMs?: number;
  /** Never answer, so the client times out; the socket is destroyed by `close()`. */
  hang?: boolean;
  /** Embeddings: the vectors to return (one per `data` entry) instead of computing them. */
  embeddings?: number[][];
  /** Extra response headers, e.g. `{ "retry-after-ms": "0" }` to make SDK retries instant. */
  headers?: Record<string, string>;
}

/** Which endpoint a recorded request hit; "other" covers unknown paths and wrong methods. */
export type RequestKind = "chat" | "embeddings" | "models" | "other";

/** A request as the fake server received it, so tests can assert on what the client sent. */
export interface RecordedRequest {
  /** Endpoint the request was routed to. */
  kind: RequestKind;
  /** HTTP method, upper case. */
  method: string;
  /** Request path including the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Request headers as Node parsed them (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; the raw string when it is not JSON; undefined when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** What a chat responder sees: the raw request body and its messages with content flattened to text. */
export interface FakeChatRequest {
  /** The parsed request body (model, messages, response_format, ...). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
  /** `body.messages` with array content parts joined into one string. */
  messages: { role: string; content: string }[];
}

/** Behaviour of a fake server when no scripted reply is queued. */
export interface FakeOpenAIOptions {
  /** Default embedding dimension; default 64. A request's `dimensions` parameter overrides it. */
  dimensions?: number;
  /**
   * Default embedding function; default `hashEmbedding`. Receives the effective dimension (the
   * request's `dimensions` parameter, else `options.dimensions`) as a second argument.
   */
  embed?: (text: string, dimensions: number) => number[];
  /** Default responder when the chat queue is empty; default answers `{ json: {} }`. */
  chat?: (req: FakeChatRequest) => ScriptedReply;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401 in the OpenAI error shape. */
  apiKey?: string;
}

/** Tokens the fake answered with (the `usage` of its successful replies), per endpoint. */
export interface FakeTokenTally {
  chat: { requests: number; in: number; out: number };
  embeddings: { requests: number; in: number; out: number };
}

/** A running fake server plus the handles tests use to script and inspect it. */
export interface FakeOpenAI {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:PORT/v1`; pass it as `baseURL` to the SDK. */
  url: string;
  /** Every request received, in order (cleared in place by `reset()`). */
  requests: RecordedRequest[];
  /** Sum of the `usage` tokens of every successful answer so far (cleared by `reset()`), for exact accounting checks. */
  tokens(): FakeTokenTally;
  /** The recorded requests to `POST /v1/chat/completions`. */
  chatCalls(): RecordedRequest[];
  /** The recorded requests to `POST /v1/embeddings`. */
  embeddingCalls(): RecordedRequest[];
  /** Queue chat replies (FIFO), consumed one per chat request before falling back to `options.chat`. */
  enqueueChat(...replies: ScriptedReply[]): void;
  /** Queue embeddings replies (FIFO), consumed one per embeddings request before the default. */
  enqueueEmbeddings(...replies: ScriptedReply[]): void;
  /** Clear both queues and the recorded requests. */
  reset(): void;
  /** Stop listening, drop pending timers and destroy open sockets (including hanging requests). */
  close(): Promise<void>;
}
