import type { Command } from "commander";
import type { ActionInput } from "../runtime/context.js";

/** A command's implementation, loaded only when the command runs (keeps start-up fast). */
export interface ActionModule {
  run(input: ActionInput): Promise<number | void>;
}

/** What the running program remembers across the parse: the exit code and the output mode. */
export interface RunState {
  exitCode: number;
  json: boolean;
}

/** Adds `-c/--config` (or only `--config` where `-c` means something else) and `--json`. */
export function commonOptions(cmd: Command, options: { shortConfig?: boolean } = {}): Command {
  return cmd
    .option(
      options.shortConfig === false ? "--config <file>" : "-c, --config <file>",
      "config file (TOML or JSON); default ./cortex-mem.toml, then $CORTEX_MEM_HOME/cortex-mem.toml",
    )
    .option("--json", "print the result as JSON (snake_case wire format) on stdout, nothing else");
}

/** Adds the scope flags `-u/--user-id`, `-a/--agent-id` and `--run-id`. */
export function scopeOptions(cmd: Command, what = "the memories of"): Command {
  return cmd
    .option("-u, --user-id <id>", `${what} this user`)
    .option("-a, --agent-id <id>", `${what} this agent`)
    .option("--run-id <id>", `${what} this run or session`);
}

/** Appends an "Examples" section to the command's `--help`. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText("after", `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`);
}

/**
 * Runs the action module `load()` gives with the command's arguments and its options merged with
 * the program's (so `-c`/`--json` work before or after the subcommand).
 */
export function lazyAction(cmd: Command, state: RunState, load: () => Promise<ActionModule>): Command {
  return cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const opts = command.optsWithGlobals() as ActionInput["opts"];
    state.json = opts.json === true;
    const mod = await load();
    const code = await mod.run({ args: command.processedArgs as (string | undefined)[], opts } as ActionInput);
    if (typeof code === "number") state.exitCode = code;
  });
}
