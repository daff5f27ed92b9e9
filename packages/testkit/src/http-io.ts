// Small node:http helpers: read a request body, and answer with JSON or a raw body.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Read the whole request body as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Result of parsing a request body: JSON when possible, else the raw text (or undefined when empty). */
export interface ParsedBody {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary client JSON
  value: any;
  isJson: boolean;
}

/** Parse a request body leniently so even malformed requests can be recorded. */
export function parseBody(text: string): ParsedBody {
  if (text.length === 0) return { value: undefined, isJson: false };
  try {
    return { value: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { value: text, isJson: false };
  }
}

/**
 * Send `body` verbatim with `status`, JSON content type and extra headers (which may override it),
 * unless the socket is already gone.
 */
export function sendRaw(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const merged: Record<string, string | number> = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  };
  for (const [name, value] of Object.entries(headers)) merged[name.toLowerCase()] = value;
  res.writeHead(status, merged);
  res.end(body);
}

/** Send `value` as JSON with `status` and extra headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  sendRaw(res, status, JSON.stringify(value), headers);
}
