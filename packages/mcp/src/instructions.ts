import type { DefaultScope } from "./scope.js";

/**
 * The server `instructions` the host gives the model: how to use long-term memory well. The
 * second paragraph says which scope applies when a call leaves `user_id` out.
 */
export function serverInstructions(defaults: DefaultScope): string {
  const scope =
    defaults.userId || defaults.agentId
      ? `Calls that omit user_id/agent_id use this server's defaults (${[defaults.userId && `user_id=${defaults.userId}`, defaults.agentId && `agent_id=${defaults.agentId}`].filter(Boolean).join(", ")}).`
      : "This server has no default user: pass user_id on every call (the same id for the same person, every time).";
  return [
    "Cortex Memory is long-term memory across conversations.",
    "- Before answering anything that may depend on who the user is (preferences, projects, people, past decisions), call query_memory with a short query and use what it returns.",
    "- When the user states a durable fact, preference, decision or instruction, save it: store_memory for one fact as a self-contained sentence, or add_conversation with the recent messages to let the server extract and reconcile facts.",
    "- Do not store chit-chat, greetings, one-off requests or anything only relevant to the current turn; never store secrets (passwords, keys).",
    "- When the user corrects something, find it with query_memory and call update_memory; when they ask to forget it, delete_memory.",
    scope,
    'Tool failures come back as {"error":{"code","message"}}: VALIDATION means fix the arguments, NOT_FOUND means the id is wrong or outside this scope.',
  ].join("\n");
}
