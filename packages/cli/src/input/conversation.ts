import { z } from "zod";
import type { MessageInput } from "@cortex-mem/core";
import { CortexMemError, ErrorCode, parseOrThrow, wireMessageSchema } from "@cortex-mem/core";

const SPEAKER = /^\s*(user|assistant|system)\s*:\s?(.*)$/i;
const messagesSchema = z.union([z.array(wireMessageSchema).min(1), z.object({ messages: z.array(wireMessageSchema).min(1) })]);

function parseJsonMessages(text: string): MessageInput[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CortexMemError(ErrorCode.VALIDATION, `The input looks like JSON but cannot be parsed: ${(cause as Error).message}. Give an array of {"role", "content"} messages, or plain "User:" / "Assistant:" lines`, { cause });
  }
  const parsed = parseOrThrow(messagesSchema, value, "messages");
  return (Array.isArray(parsed) ? parsed : parsed.messages).map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as MessageInput);
}

function parseSpeakerLines(lines: string[]): MessageInput[] {
  const messages: MessageInput[] = [];
  for (const line of lines) {
    const match = SPEAKER.exec(line);
    if (match) messages.push({ role: (match[1] as string).toLowerCase(), content: match[2] ?? "" });
    else if (messages.length > 0) (messages[messages.length - 1] as MessageInput).content += `\n${line}`;
    else if (line.trim() !== "") messages.push({ role: "user", content: line });
  }
  return messages.map((m) => ({ ...m, content: m.content.trim() })).filter((m) => m.content !== "");
}

/**
 * Reads what was piped or given with `--file`: a JSON array of messages (or `{"messages": [...]}`),
 * a transcript of `User:` / `Assistant:` / `System:` lines (continuation lines join the message
 * above), or otherwise plain content stored as one piece.
 */
export function parseConversation(text: string): string | MessageInput[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return parseJsonMessages(trimmed);
  const lines = trimmed.split(/\r?\n/);
  if (lines.some((l) => SPEAKER.test(l))) return parseSpeakerLines(lines);
  return trimmed;
}
