import * as z from "zod";
import type { MessageInput } from "@cortex-mem/core";
import { CortexMemError, ErrorCode, parseOrThrow } from "@cortex-mem/core";
import { wireMessageSchema } from "@cortex-mem/core/wire";

const SPEAKER = /^\s*(user|assistant|system)\s*:\s?(.*)$/i;
const messageList = z.array(wireMessageSchema).min(1, "messages must not be empty");
const messagesObject = z.strictObject({ messages: messageList });

function parseJsonMessages(text: string): MessageInput[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      `The input looks like JSON but cannot be parsed: ${(cause as Error).message}. Give an array of {"role", "content"} messages, or plain "User:" / "Assistant:" lines`,
      { cause },
    );
  }
  if (typeof value !== "object" || value === null || (!Array.isArray(value) && !("messages" in value))) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      'JSON input must be an array of {"role", "content"} messages or {"messages": [...]}; add --plain to store the text as it is',
      { details: [{ path: "messages", message: "messages is missing" }] },
    );
  }
  // Parsed by shape, so a bad message names its field (`0.content: content is missing`).
  const list = Array.isArray(value)
    ? parseOrThrow(messageList, value, "messages")
    : parseOrThrow(messagesObject, value, "messages").messages;
  return list.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as MessageInput);
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
