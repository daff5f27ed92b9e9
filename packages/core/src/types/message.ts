import { z } from "zod";

const dateInput = z.union([z.date(), z.string().min(1), z.number()]);

/** One message of a conversation; its timestamp (not ingestion time) dates what it says. */
export const messageSchema = z.object({
  role: z.string().trim().min(1).max(64),
  content: z.string().trim().min(1, "message content must not be empty"),
  name: z.string().max(256).optional(),
  timestamp: dateInput.optional(),
  id: z.string().max(256).optional(),
});

/** One message of a conversation as the caller gives it. */
export type MessageInput = z.input<typeof messageSchema>;

/** A validated message; `timestamp` is normalised to a Date when present. */
export interface Message {
  role: string;
  content: string;
  name?: string;
  timestamp?: Date;
  id?: string;
}
