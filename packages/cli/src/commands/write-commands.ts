import type { Command } from "commander";
import { collectList, collectMetadata, parseNumber } from "../input/option-parsers.js";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction, scopeOptions } from "./common.js";

const TYPES = "conversational, procedural, factual, semantic, episodic or personal";

/** `--ttl`, `--expires-at` and `--never-expire` of add and update (core checks them). */
function expiryOptions(cmd: Command, from: string): Command {
  return cmd
    .option("--ttl <duration>", `forget it this long ${from}: 12h, 7d, 2w, or seconds (not with --expires-at)`)
    .option("--expires-at <date>", "forget it after this time: RFC 3339 with offset, or YYYY-MM-DD (UTC midnight)")
    .option("--never-expire", "no expiry, whatever memory.ttl says (update: remove the expiry)");
}

/** `add`, `update`, `delete`, `delete-all` and `reset`: the commands that change memories. */
export function defineWriteCommands(program: Command, state: RunState): void {
  const add = program
    .command("add")
    .description("Remember content, or extract facts from a conversation (argument, -c, --file or stdin)")
    .argument("[content]", "what to remember (or use -c, --file, or pipe a conversation on stdin)")
    .option("-c, --content <text>", "what to remember")
    .option("-f, --file <path>", "read the content or conversation from a file (- for stdin)")
    .option("--plain", "store the text as one piece, even if it looks like a conversation or JSON");
  scopeOptions(add, "store it for");
  commonOptions(add, { shortConfig: false })
    .option("-t, --memory-type <type>", `force the type: ${TYPES}`)
    .option("--metadata <pair>", "attach metadata: key=value (repeatable) or a JSON object", collectMetadata)
    .option("--no-infer", "store the content as given: no fact extraction, no LLM call")
    .option("--timestamp <date>", "when it was said (RFC 3339 or YYYY-MM-DD); dates relative words like 'yesterday'")
    .option("--async", "queue it as a job and return at once; a worker (serve, mcp or `cortex-mem worker`) adds it");
  expiryOptions(add, "after the add");
  examples(add, [
    'cortex-mem add "I am allergic to peanuts" -u alice',
    'cortex-mem add -c "Prefers dark mode" -u alice --metadata source=settings --no-infer',
    'printf "User: I moved to Berlin\\nAssistant: Nice!\\n" | cortex-mem add -u alice',
    "cortex-mem add --file chat.json -u alice --timestamp 2024-05-01 --json",
    'cortex-mem add --plain "User: is a label, not a speaker here" -u alice',
    "cortex-mem add --file chat.json -u alice --async   # then: cortex-mem jobs",
    'cortex-mem add "In Paris until Sunday" -u alice --ttl 3d   # hidden once expired; cortex-mem expire removes it',
  ]);
  add.addHelpText(
    "after",
    `How the text is read (the same for an argument, -c, --file and stdin):
  - a JSON array of {"role", "content", "name"?} messages (role: user, assistant, system or tool),
    or {"messages": [...]}: a conversation;
  - lines starting "User:", "Assistant:" or "System:": a conversation (other lines continue the
    message above);
  - anything else: one piece of content. --plain stores any text as one piece.
`,
  );
  lazyAction(add, state, () => import("../actions/add.js"));

  const update = program
    .command("update")
    .description("Change a memory's content or attributes (its history keeps the old content)")
    .argument("<id>", "memory id")
    .argument("[content]", "the new content")
    .option("-t, --memory-type <type>", `change the type: ${TYPES}`)
    .option("--importance <n>", "change the importance (0..1)", parseNumber)
    .option("--topics <list>", "replace the topics (comma-separated or repeated)", collectList)
    .option("--metadata <pair>", "replace the metadata: key=value (repeatable) or a JSON object", collectMetadata);
  expiryOptions(update, "from now");
  scopeOptions(commonOptions(update), "only if it belongs to");
  examples(update, [
    'cortex-mem update 3f0c…e1 "Lives in Munich"',
    "cortex-mem update 3f0c…e1 --importance 0.9 --json",
    "cortex-mem update 3f0c…e1 --ttl 7d            # or --never-expire",
  ]);
  lazyAction(update, state, () => import("../actions/update.js"));

  const del = program
    .command("delete")
    .description("Delete one memory for good (asks first; its history row stays)")
    .argument("<id>", "memory id")
    .option("-y, --yes", "do not ask");
  scopeOptions(commonOptions(del), "only if it belongs to");
  examples(del, ["cortex-mem delete 3f0c…e1", "cortex-mem delete 3f0c…e1 --yes --json"]);
  lazyAction(del, state, () => import("../actions/delete.js"));

  const delAll = program
    .command("delete-all")
    .description("Delete every memory of a user, agent or run (asks first)")
    .option("-y, --yes", "do not ask");
  scopeOptions(commonOptions(delAll), "delete");
  examples(delAll, ["cortex-mem delete-all -u alice", "cortex-mem delete-all -a support-bot --run-id s-42 --yes"]);
  lazyAction(delAll, state, () => import("../actions/delete-all.js"));

  const expire = program
    .command("expire")
    .description("Delete the memories whose expiry has passed (each leaves an EXPIRE history row)")
    .option("--dry-run", "only count and list them");
  scopeOptions(commonOptions(expire), "clean only (default: every user)");
  examples(expire, ["cortex-mem expire --dry-run", "cortex-mem expire -u alice --json"]);
  lazyAction(expire, state, () => import("../actions/expire.js"));

  const reset = program
    .command("reset")
    .description("Erase every memory and all history in the store (asks first)")
    .option("-y, --yes", "do not ask");
  commonOptions(reset);
  examples(reset, ["cortex-mem reset", "cortex-mem reset --yes"]);
  lazyAction(reset, state, () => import("../actions/reset.js"));
}
