import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";

const dateInput = lazySchema(() => z.union([z.date(), z.string().min(1), z.number()]));

/** The roles a message may have; a speaker's own name goes in `name`, not in `role`. */
export const MESSAGE_ROLES = ["user", "assistant", "system", "tool"] as const;

/** One of {@link MESSAGE_ROLES}. */
export type MessageRole = (typeof MESSAGE_ROLES)[number];

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `${what} is missing` : `${what} must be a string`;

/**
 * A message role: any casing of one of {@link MESSAGE_ROLES}, stored lower-case. Anything else is
 * refused with the accepted roles named, so `robot` never slips into the store unnoticed.
 */
export const messageRoleSchema = lazySchema(() =>
  z
    .string({ error: required("role") })
    .trim()
    .toLowerCase()
    .refine((r) => (MESSAGE_ROLES as readonly string[]).includes(r), {
      error: (issue) =>
        `unknown role ${JSON.stringify(issue.input)}: expected one of ${MESSAGE_ROLES.join(", ")} ` +
        "(put a speaker's name in `name`)",
    }),
);

/** One message of a conversation; its timestamp (not ingestion time) dates what it says. Unknown fields are errors. */
export const messageSchema = lazySchema(() =>
  z.strictObject({
    role: messageRoleSchema,
    content: z
      .string({ error: required("content") })
      .trim()
      .min(1, "message content must not be empty"),
    name: z.string().max(256).optional(),
    timestamp: dateInput.optional(),
    id: z.string().max(256).optional(),
  }),
);

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
