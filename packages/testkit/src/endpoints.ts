// Request validation and success bodies for the chat and embeddings endpoints.
import { DEFAULT_DIMENSIONS, encodeFloat32Base64, hashEmbedding } from "./hash-embedding.js";
import { FAKE_MODEL, chatCompletionBody, countTokens, embeddingsBody } from "./openai-shapes.js";
import type { FakeChatRequest, FakeOpenAIOptions, ScriptedReply } from "./types.js";

/** A request the fake refuses with 400 (the OpenAI API would too). */
export class BadRequest extends Error {}

type Json = Record<string, unknown>;

function asObject(body: unknown): Json {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequest("The request body must be a JSON object.");
  }
  return body as Json;
}

function modelOf(body: Json): string {
  return typeof body.model === "string" && body.model.length > 0 ? body.model : FAKE_MODEL;
}

/** Flatten message content (string, array of text parts, or null) into plain text. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) => {
      if (typeof part === "string") return part;
      const text = (part as { text?: unknown } | null)?.text;
      return typeof text === "string" ? text : "";
    })
    .join("");
}

/** Validate a chat request and expose it the way responders see it. */
export function parseChatRequest(body: unknown): FakeChatRequest {
  const object = asObject(body);
  if (!Array.isArray(object.messages)) throw new BadRequest("'messages' must be an array.");
  if (object.stream === true) throw new BadRequest("The fake OpenAI server does not support streaming.");
  const messages = object.messages.map((m: unknown) => {
    const message = (m ?? {}) as { role?: unknown; content?: unknown };
    return { role: String(message.role ?? ""), content: contentText(message.content) };
  });
  return { body: object, messages };
}

/** The successful chat answer for `reply`: `content` verbatim, else `json` (default `{}`) stringified. */
export function chatSuccess(request: FakeChatRequest, reply: ScriptedReply): object {
  const content = reply.content ?? JSON.stringify(reply.json ?? {});
  const promptTokens = request.messages.reduce((n, m) => n + countTokens(m.content), 0);
  return chatCompletionBody(modelOf(request.body as Json), content, promptTokens);
}

/** A validated embeddings request: one text per input, plus dimension and encoding. */
export interface EmbeddingsRequest {
  model: string;
  inputs: string[];
  dimensions: number;
  base64: boolean;
}

/** Normalise `input` (string, string[], token ids or arrays of token ids) into texts. */
function inputTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input) || input.length === 0) {
    throw new BadRequest("'input' must be a non-empty string or array.");
  }
  if (input.every((x) => typeof x === "number")) return [input.join(" ")];
  return input.map((x: unknown) => {
    if (typeof x === "string") return x;
    if (Array.isArray(x)) return x.join(" ");
    throw new BadRequest("'input' items must be strings or token arrays.");
  });
}

/** Validate an embeddings request; the `dimensions` parameter overrides the server default. */
export function parseEmbeddingsRequest(body: unknown, options: FakeOpenAIOptions): EmbeddingsRequest {
  const object = asObject(body);
  const requested = object.dimensions;
  if (requested !== undefined && (!Number.isInteger(requested) || (requested as number) < 1)) {
    throw new BadRequest("'dimensions' must be a positive integer.");
  }
  return {
    model: modelOf(object),
    inputs: inputTexts(object.input),
    dimensions: (requested as number | undefined) ?? options.dimensions ?? DEFAULT_DIMENSIONS,
    base64: object.encoding_format === "base64",
  };
}

/** The successful embeddings answer: scripted vectors, else `options.embed` (default `hashEmbedding`). */
export function embeddingsSuccess(
  request: EmbeddingsRequest,
  reply: ScriptedReply,
  options: FakeOpenAIOptions,
): object {
  const embed = options.embed ?? hashEmbedding;
  const vectors = reply.embeddings ?? request.inputs.map((text) => embed(text, request.dimensions));
  const encoded = request.base64 ? vectors.map(encodeFloat32Base64) : vectors;
  const promptTokens = request.inputs.reduce((n, text) => n + countTokens(text), 0);
  return embeddingsBody(request.model, encoded, promptTokens);
}
