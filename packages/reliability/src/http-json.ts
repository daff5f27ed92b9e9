import { ERROR_TABLE, ErrorCode } from "@cortex-mem/core";
import * as z from "zod";

/** A response as the suite inspects it: status, raw text, and the JSON body when it is JSON. */
export interface HttpReply {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

/** Sends one request; `body` is sent as given (string or bytes) so tests control every byte. */
export async function send(
  url: string,
  init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** The one error body of every door: `{"error": {"code", "message", "details"?}}` and nothing else. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.values(ErrorCode) as [string, ...string[]]),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});

/**
 * Why a reply breaks the error contract, or null when it keeps it: a 5xx, an error that is not our
 * JSON body, or a code whose status is not the one the error table gives it.
 */
export function contractBreach(reply: HttpReply): string | null {
  if (reply.status >= 500) return `status ${reply.status}: ${reply.text.slice(0, 300)}`;
  if (reply.status < 400) return null;
  const parsed = errorBodySchema.safeParse(reply.json);
  if (!parsed.success) return `status ${reply.status} without our JSON error: ${reply.text.slice(0, 300)}`;
  const code = parsed.data.error.code as ErrorCode;
  if (ERROR_TABLE[code].httpStatus !== reply.status) return `code ${code} sent with status ${reply.status}`;
  return null;
}
